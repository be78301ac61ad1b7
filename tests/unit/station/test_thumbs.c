/* test_thumbs.c — which pictures go to the terminal, and in what order,
 * when the line has room for only some of them. */
#include "unit.h"

#include "station/thumbs.h"

#include <string.h>

#define COLS 20
#define ROWS 5
#define W 80
#define H 40

static const CgPictureStyle style = { CG_COLORS_256, CG_SYMBOLS_BLOCKS };

/* A picture: a horizontal ramp of one hue, with a square of another at
 * (x, y) of side `side` (0: none). */
static guint8 *
picture (int hue, int x, int y, int side)
{
  guint8 *rgb = g_malloc (W * H * 3);
  for (int j = 0; j < H; j++)
    for (int i = 0; i < W; i++)
      {
        guint8 *p = rgb + (j * W + i) * 3;
        gboolean in = side > 0 && i >= x && i < x + side && j >= y && j < y + side;
        guint8 v = (guint8) (i * 255 / W);
        p[0] = in ? 255 : hue == 0 ? v : 0;
        p[1] = in ? 255 : hue == 1 ? v : 0;
        p[2] = in ? 255 : hue == 2 ? v : 0;
      }
  return rgb;
}

/* Cells of the picture as they would be shown whole. */
static CgCell *
rendered (int hue, int x, int y, int side)
{
  g_autofree guint8 *rgb = picture (hue, x, y, side);
  return cg_picture_cells (rgb, W, H, W * 3, COLS, ROWS, &style);
}

static const CgCell *
shown (CgThumbs *t, const char *camera)
{
  return cg_thumbs_cells (t, camera, COLS, ROWS, &style);
}

static gboolean
row_equal (const CgCell *a, const CgCell *b, int r)
{
  return memcmp (a + r * COLS, b + r * COLS, sizeof (CgCell) * COLS) == 0;
}

/* Three tiles on a screen, their pictures arrived. */
static CgThumbs *
three_tiles (void)
{
  CgThumbs *t = cg_thumbs_new ();
  const char *names[] = { "A", "B", "C" };
  for (int i = 0; i < 3; i++)
    {
      assert_null (shown (t, names[i]));
      cg_thumbs_take (t, names[i], picture (i, 0, 0, 0), W, H);
    }
  return t;
}

static void
test_room_enough (void **state)
{
  CgThumbs *t = three_tiles ();
  assert_int_equal (cg_thumbs_waiting (t), 3 * COLS * ROWS);
  assert_int_equal (cg_thumbs_present (t, 1000000, 20), 3 * COLS * ROWS);
  g_autofree CgCell *a = rendered (0, 0, 0, 0);
  for (int r = 0; r < ROWS; r++)
    assert_true (row_equal (shown (t, "A"), a, r));
  assert_non_null (shown (t, "B"));
  assert_int_equal (cg_thumbs_updates (t), 3);
  assert_int_equal (cg_thumbs_waiting (t), 0);
  /* Nothing new: nothing to send. */
  assert_int_equal (cg_thumbs_present (t, 1000000, 20), 0);
  cg_thumbs_free (t);
}

/* Little room: a row or two of one tile, the others still in words; at
 * least one row even when not one fits. */
static void
test_row_by_row (void **state)
{
  CgThumbs *t = three_tiles ();
  int moved = cg_thumbs_present (t, 2 * (COLS * 20 + 8), 20);
  assert_int_equal (moved, 2 * COLS);
  int on = (shown (t, "A") != NULL) + (shown (t, "B") != NULL) + (shown (t, "C") != NULL);
  assert_int_equal (on, 1);
  assert_int_equal (cg_thumbs_present (t, 1, 20), COLS);
  assert_int_equal (cg_thumbs_waiting (t), 3 * COLS * ROWS - 3 * COLS);
  cg_thumbs_free (t);
}

/* A screen drawn anew shows no picture until the line has room again:
 * its text goes first. */
static void
test_forget_shown (void **state)
{
  CgThumbs *t = three_tiles ();
  cg_thumbs_present (t, 1000000, 20);
  cg_thumbs_forget_shown (t);
  assert_null (shown (t, "A"));
  assert_null (shown (t, "C"));
  assert_int_equal (cg_thumbs_waiting (t), 3 * COLS * ROWS);
  cg_thumbs_free (t);
}

/* The picture that changed most goes first. */
static void
test_most_changed_first (void **state)
{
  CgThumbs *t = three_tiles ();
  cg_thumbs_present (t, 1000000, 20);
  /* C: a small square appears; B: everything changes hue. */
  cg_thumbs_take (t, "C", picture (2, 0, 0, 8), W, H);
  cg_thumbs_take (t, "B", picture (0, 0, 0, 0), W, H);
  g_autofree CgCell *b_new = rendered (0, 0, 0, 0);
  g_autofree CgCell *c_old = rendered (2, 0, 0, 0);
  /* Room for a row. */
  assert_true (cg_thumbs_present (t, COLS * 20 + 8, 20) > 0);
  assert_true (row_equal (shown (t, "B"), b_new, 0));
  assert_true (row_equal (shown (t, "C"), c_old, 0));
  cg_thumbs_free (t);
}

/* Another size is another picture: nothing of it is on the terminal. */
static void
test_resized (void **state)
{
  CgThumbs *t = three_tiles ();
  cg_thumbs_present (t, 1000000, 20);
  assert_null (cg_thumbs_cells (t, "A", COLS + 2, ROWS, &style));
  assert_int_equal (cg_thumbs_present (t, 1000000, 20), (COLS + 2) * ROWS);
  assert_non_null (cg_thumbs_cells (t, "A", COLS + 2, ROWS, &style));
  cg_thumbs_free (t);
}

/* A cheaper level: the old picture stays until the new style's is sent. */
static void
test_level (void **state)
{
  CgThumbs *t = three_tiles ();
  cg_thumbs_present (t, 1000000, 20);
  cg_thumbs_set_level (t, 1);
  assert_non_null (shown (t, "A"));
  assert_true (cg_thumbs_waiting (t) > 0);
  cg_thumbs_present (t, 1000000, 20);
  CgPictureStyle cheap = cg_picture_style_degrade (style, 1);
  g_autofree guint8 *rgb = picture (0, 0, 0, 0);
  g_autofree CgCell *a = cg_picture_cells (rgb, W, H, W * 3, COLS, ROWS, &cheap);
  for (int r = 0; r < ROWS; r++)
    assert_true (row_equal (shown (t, "A"), a, r));
  cg_thumbs_free (t);
}

/* An offline camera's picture in grey: rendered again, sent as the line
 * allows (the colour one stays until then), and back in colour when the
 * camera is live again. */
static void
test_grey (void **state)
{
  CgThumbs *t = three_tiles ();
  cg_thumbs_present (t, 1000000, 20);
  g_autofree CgCell *colour = rendered (0, 0, 0, 0);
  cg_thumbs_set_grey (t, "A", TRUE);
  assert_true (row_equal (shown (t, "A"), colour, 0));
  assert_true (cg_thumbs_waiting (t) > 0);
  /* A row at a time, as any picture. */
  assert_true (cg_thumbs_present (t, 1, 20) > 0);
  assert_true (cg_thumbs_waiting (t) > 0);
  cg_thumbs_present (t, 1000000, 20);
  g_autofree guint8 *rgb = picture (0, 0, 0, 0);
  g_autofree guint8 *grey = cg_picture_grey (rgb, W, H, W * 3);
  g_autofree CgCell *a = cg_picture_cells (grey, W, H, W * 3, COLS, ROWS, &style);
  for (int r = 0; r < ROWS; r++)
    assert_true (row_equal (shown (t, "A"), a, r));
  assert_false (row_equal (a, colour, ROWS - 1));
  /* Saying it again changes nothing. */
  cg_thumbs_set_grey (t, "A", TRUE);
  assert_int_equal (cg_thumbs_waiting (t), 0);
  /* Live again: colour. */
  cg_thumbs_set_grey (t, "A", FALSE);
  cg_thumbs_present (t, 1000000, 20);
  for (int r = 0; r < ROWS; r++)
    assert_true (row_equal (shown (t, "A"), colour, r));
  /* No time known for a picture taken without one, nor for a camera
   * never seen. */
  assert_int_equal (cg_thumbs_time (t, "A"), 0);
  assert_int_equal (cg_thumbs_time (t, "nowhere"), 0);
  cg_thumbs_free (t);
}

/* A fed picture (a frame of footage) in direct colour: noise of a few
 * steps is not sent again, a real change is; it is never fetched. */
static void
test_fed_noise (void **state)
{
  static const CgPictureStyle direct = { CG_COLORS_DIRECT, CG_SYMBOLS_HALVES };
  g_autoptr (CgThumbs) t = cg_thumbs_new ();
  cg_thumbs_feed (t, "\x01frame", picture (1, 0, 0, 0), W, H);
  assert_true (cg_thumbs_pending (t, "\x01frame"));
  cg_thumbs_cells (t, "\x01frame", COLS, ROWS, &direct);
  cg_thumbs_present (t, G_MAXUINT64, 20);
  assert_false (cg_thumbs_pending (t, "\x01frame"));
  g_autofree CgCell *before = g_memdup2 (cg_thumbs_cells (t, "\x01frame", COLS, ROWS, &direct),
                                        sizeof (CgCell) * COLS * ROWS);
  /* The same picture, 3 steps lighter: nothing to send. */
  guint8 *noisy = picture (1, 0, 0, 0);
  for (int i = 0; i < W * H * 3; i++)
    noisy[i] = (guint8) MIN (noisy[i] + 3, 255);
  cg_thumbs_feed (t, "\x01frame", noisy, W, H);
  assert_int_equal (cg_thumbs_waiting (t), 0);
  assert_false (cg_thumbs_pending (t, "\x01frame"));
  assert_memory_equal (cg_thumbs_cells (t, "\x01frame", COLS, ROWS, &direct), before, sizeof (CgCell) * COLS * ROWS);
  /* A white square: those cells go. */
  cg_thumbs_feed (t, "\x01frame", picture (1, 8, 8, 16), W, H);
  assert_true (cg_thumbs_waiting (t) > 0);
  cg_thumbs_present (t, G_MAXUINT64, 20);
  assert_false (cg_thumbs_pending (t, "\x01frame"));
  assert_memory_not_equal (cg_thumbs_cells (t, "\x01frame", COLS, ROWS, &direct), before, sizeof (CgCell) * COLS * ROWS);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_room_enough),
    cmocka_unit_test (test_row_by_row),
    cmocka_unit_test (test_forget_shown),
    cmocka_unit_test (test_most_changed_first),
    cmocka_unit_test (test_resized),
    cmocka_unit_test (test_level),
    cmocka_unit_test (test_grey),
    cmocka_unit_test (test_fed_noise),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
