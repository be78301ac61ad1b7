/* test_picture.c — pixels to terminal cells, as the station draws them. */
#include "unit.h"

#include "station/picture.h"
#include "station/budget.h"

#include <string.h>

/* A 64x32 picture: left half red, right half blue. */
static guint8 *
halves (void)
{
  guint8 *rgb = g_malloc (64 * 32 * 3);
  for (int y = 0; y < 32; y++)
    for (int x = 0; x < 64; x++)
      {
        guint8 *p = rgb + (y * 64 + x) * 3;
        p[0] = x < 32 ? 255 : 0;
        p[1] = 0;
        p[2] = x < 32 ? 0 : 255;
      }
  return rgb;
}

/* The colour a solid cell shows: its background when blank, else ink. */
static int
shown (const CgCell *c)
{
  return c->ch == ' ' ? c->bg : c->fg;
}

static void
test_256_colours (void **state)
{
  g_autofree guint8 *rgb = halves ();
  g_autofree CgCell *cells = cg_picture_cells (rgb, 64, 32, 64 * 3, 16, 8, CG_COLORS_256, TRUE);
  /* xterm's 256-colour cube: red is 196, blue is 21. */
  for (int y = 0; y < 8; y++)
    {
      assert_int_equal (shown (&cells[y * 16 + 1]), 196);
      assert_int_equal (shown (&cells[y * 16 + 14]), 21);
    }
}

static void
test_direct_colours (void **state)
{
  g_autofree guint8 *rgb = halves ();
  g_autofree CgCell *cells = cg_picture_cells (rgb, 64, 32, 64 * 3, 16, 8, CG_COLORS_DIRECT, TRUE);
  assert_int_equal (shown (&cells[0]) & 0xffffff, 0xff0000);
  assert_int_equal (shown (&cells[15]) & 0xffffff, 0x0000ff);
}

static void
test_ascii_only (void **state)
{
  /* A gradient, so that chafa needs more than blanks. */
  guint8 *rgb = g_malloc (64 * 32 * 3);
  for (int i = 0; i < 64 * 32; i++)
    rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = (guint8) ((i % 64) * 4 ^ (i / 64) * 8);
  g_autofree CgCell *cells = cg_picture_cells (rgb, 64, 32, 64 * 3, 20, 10, CG_COLORS_16, FALSE);
  for (int i = 0; i < 200; i++)
    {
      assert_true (cells[i].ch >= 0x20 && cells[i].ch < 0x7f);
      assert_true (cells[i].fg < 16 && cells[i].bg < 16);
    }
  g_free (rgb);
}

static void
test_jpeg_round_trip (void **state)
{
  /* Not a JPEG: a clear refusal, no crash. */
  g_autoptr (GError) error = NULL;
  int w = 0, h = 0;
  const char junk[] = "\xff\xd8 not really a jpeg";
  g_autofree guint8 *none = cg_picture_decode_jpeg (junk, sizeof junk, &w, &h, &error);
  assert_null (none);
  assert_non_null (error);
}

/* Pictures slow down when the terminal takes more than the budget, and
 * come back when it has room; never below the daemon's own interval. */
static void
test_budget (void **state)
{
  double i = 2;
  i = cg_budget_next_interval (i, 400, 256, 2, 60);
  assert_true (i > 2);
  for (int k = 0; k < 40; k++)
    i = cg_budget_next_interval (i, 1000, 256, 2, 60);
  assert_true (i == 60);
  double before = i;
  i = cg_budget_next_interval (i, 200, 256, 2, 60); /* within: steady */
  assert_true (i == before);
  for (int k = 0; k < 60; k++)
    i = cg_budget_next_interval (i, 10, 256, 2, 60);
  assert_true (i == 2);
}

/* A simulated station: 16 tiles of 6.8 kB each, refreshed at the
 * interval, spread over the seconds; the average settles under budget. */
static void
test_budget_settles (void **state)
{
  const double tile_kbits = 6800 * 8 / 1000.0, budget = 256;
  double interval = 2, average = 0;
  double since[16] = { 0 };
  double total = 0;
  for (int second = 0; second < 300; second++)
    {
      int n = cg_budget_per_second (16, interval), sent = 0;
      for (int k = 0; k < 16 && sent < n; k++)
        if (since[k] >= interval - 0.5)
          {
            since[k] = 0;
            sent++;
          }
      for (int k = 0; k < 16; k++)
        since[k] += 1;
      double kbits = sent * tile_kbits;
      average = cg_budget_average (average, kbits);
      interval = cg_budget_next_interval (interval, average, budget, 2, 60);
      if (second >= 200)
        total += kbits;
    }
  double mean = total / 100;
  assert_true (mean <= budget * 1.1);
  assert_true (mean >= budget * 0.4);
  assert_int_equal (cg_budget_per_second (16, 4), 4);
  assert_int_equal (cg_budget_per_second (16, 60), 1);
  assert_int_equal (cg_budget_per_second (0, 2), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_256_colours),
    cmocka_unit_test (test_direct_colours),
    cmocka_unit_test (test_ascii_only),
    cmocka_unit_test (test_jpeg_round_trip),
    cmocka_unit_test (test_budget),
    cmocka_unit_test (test_budget_settles),
  };
  return cmocka_run_group_tests_name ("picture", tests, NULL, NULL);
}
