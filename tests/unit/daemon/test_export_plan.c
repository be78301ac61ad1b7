/* test_export_plan.c — which segments an export takes and where it cuts
 * them, the gaps it lists, and what it refuses. */
#include "unit.h"

#include "common/error.h"
#include "daemon/export/plan.h"

#include <string.h>

#define S (G_GINT64_CONSTANT (1000000))
#define HOUR (3600 * S)
#define T0 (G_GINT64_CONSTANT (1800000000000000))
#define NOW (T0 + 24 * HOUR)

/* Keyframes every 2 s in a 10 s segment. */
static const gint64 every_2s[] = { 0, 2 * S, 4 * S, 6 * S, 8 * S };

/* Segment id from a to b seconds after T0. */
static CgExportSource
seg (gint64 id, gint64 a, gint64 b)
{
  return (CgExportSource) { .id = id, .start_us = T0 + a * S, .end_us = T0 + b * S,
                            .bytes = (b - a) * 100000, .codec = "h264", .width = 640,
                            .height = 360, .keyframes = every_2s,
                            .n_keyframes = G_N_ELEMENTS (every_2s) };
}

static const CgExportPiece *
piece (const CgExportPlan *p, guint i)
{
  return &g_array_index (p->pieces, CgExportPiece, i);
}

static const CgExportGap *
gap (const CgExportPlan *p, guint i)
{
  return &g_array_index (p->gaps, CgExportGap, i);
}

static void
test_three_segments (void **state)
{
  (void) state;
  CgExportSource s[] = { seg (1, 0, 10), seg (2, 10, 20), seg (3, 20, 30) };
  CgExportPlan p;
  g_autoptr (GError) error = NULL;
  /* 5 s to 27 s: from the keyframe at 4 s, to 27 s. */
  assert_true (cg_export_plan (s, 3, T0 + 5 * S, T0 + 27 * S, NOW, 24 * HOUR, &p, &error));
  assert_int_equal (p.pieces->len, 3);
  assert_int_equal (piece (&p, 0)->source, 0);
  assert_int_equal (piece (&p, 0)->from_us, T0 + 4 * S);
  assert_int_equal (piece (&p, 0)->to_us, T0 + 10 * S);
  assert_int_equal (piece (&p, 1)->from_us, T0 + 10 * S);
  assert_int_equal (piece (&p, 1)->to_us, T0 + 20 * S);
  assert_int_equal (piece (&p, 2)->from_us, T0 + 20 * S);
  assert_int_equal (piece (&p, 2)->to_us, T0 + 27 * S);
  assert_int_equal (p.from_us, T0 + 4 * S);
  assert_int_equal (p.to_us, T0 + 27 * S);
  assert_int_equal (p.duration_us, 23 * S);
  assert_int_equal (p.gaps->len, 0);
  assert_false (p.thinned);
  /* Bytes in proportion: 6 + 10 + 7 seconds of 100 kB. */
  assert_int_equal (p.bytes, 23 * 100000);
  cg_export_plan_clear (&p);

  /* A start on a keyframe starts there; one without an index, at the
   * segment's start. */
  assert_true (cg_export_plan (s, 3, T0 + 16 * S, T0 + 18 * S, NOW, HOUR, &p, &error));
  assert_int_equal (p.pieces->len, 1);
  assert_int_equal (piece (&p, 0)->source, 1);
  assert_int_equal (piece (&p, 0)->from_us, T0 + 16 * S);
  cg_export_plan_clear (&p);
  s[1].keyframes = NULL;
  s[1].n_keyframes = 0;
  assert_true (cg_export_plan (s, 3, T0 + 15 * S, T0 + 18 * S, NOW, HOUR, &p, &error));
  assert_int_equal (piece (&p, 0)->from_us, T0 + 10 * S);
  cg_export_plan_clear (&p);
}

static void
test_gaps_listed (void **state)
{
  (void) state;
  /* 10-20 missing, 30-40 damaged, 50-60 missing after the last. */
  CgExportSource s[] = { seg (1, 0, 10), seg (2, 20, 30), seg (3, 30, 40), seg (4, 40, 50) };
  s[2].damaged = TRUE;
  CgExportPlan p;
  g_autoptr (GError) error = NULL;
  assert_true (cg_export_plan (s, 4, T0 - 5 * S, T0 + 60 * S, NOW, HOUR, &p, &error));
  assert_int_equal (p.pieces->len, 3);
  assert_int_equal (piece (&p, 0)->source, 0);
  assert_int_equal (piece (&p, 1)->source, 1);
  assert_int_equal (piece (&p, 2)->source, 3);
  assert_int_equal (p.gaps->len, 4);
  /* Before the first footage. */
  assert_int_equal (gap (&p, 0)->from_us, T0 - 5 * S);
  assert_int_equal (gap (&p, 0)->to_us, T0);
  assert_false (gap (&p, 0)->damaged);
  assert_int_equal (gap (&p, 1)->from_us, T0 + 10 * S);
  assert_int_equal (gap (&p, 1)->to_us, T0 + 20 * S);
  assert_false (gap (&p, 1)->damaged);
  assert_int_equal (gap (&p, 2)->from_us, T0 + 30 * S);
  assert_int_equal (gap (&p, 2)->to_us, T0 + 40 * S);
  assert_true (gap (&p, 2)->damaged);
  assert_int_equal (gap (&p, 3)->from_us, T0 + 50 * S);
  assert_int_equal (gap (&p, 3)->to_us, T0 + 60 * S);
  /* The MP4 holds the footage only: 30 s. */
  assert_int_equal (p.duration_us, 30 * S);
  cg_export_plan_clear (&p);

  /* Segments a few milliseconds apart are contiguous; a range ending
   * after now lists what is missing up to now only. */
  CgExportSource t[] = { seg (1, 0, 10), seg (2, 10, 20) };
  t[1].start_us += 30000;
  assert_true (cg_export_plan (t, 2, T0, T0 + 30 * S, T0 + 25 * S, HOUR, &p, &error));
  assert_int_equal (p.gaps->len, 1);
  assert_int_equal (gap (&p, 0)->from_us, T0 + 20 * S);
  assert_int_equal (gap (&p, 0)->to_us, T0 + 25 * S);
  cg_export_plan_clear (&p);
}

static void
test_thinned_taken_as_they_are (void **state)
{
  (void) state;
  CgExportSource s[] = { seg (1, 0, 10), seg (2, 10, 20) };
  s[0].thinned = TRUE;
  s[0].has_audio = TRUE;
  s[1].has_audio = TRUE;
  CgExportPlan p;
  g_autoptr (GError) error = NULL;
  assert_true (cg_export_plan (s, 2, T0, T0 + 20 * S, NOW, HOUR, &p, &error));
  assert_int_equal (p.pieces->len, 2);
  assert_true (p.thinned);
  assert_true (p.audio);
  cg_export_plan_clear (&p);
  /* Thinned footage has no sound left. */
  assert_true (cg_export_plan (s, 2, T0, T0 + 9 * S, NOW, HOUR, &p, &error));
  assert_true (p.thinned);
  assert_false (p.audio);
  cg_export_plan_clear (&p);
}

static void
expect_refusal (const CgExportSource *s, guint n, gint64 from, gint64 to, gint64 max,
                int code, const char *words)
{
  CgExportPlan p;
  g_autoptr (GError) error = NULL;
  assert_false (cg_export_plan (s, n, from, to, NOW, max, &p, &error));
  assert_null (p.pieces);
  if (!g_error_matches (error, CG_ERROR, code) || strstr (error->message, words) == NULL)
    fail_msg ("expected “%s”, got “%s”", words, error->message);
}

static void
test_refusals (void **state)
{
  (void) state;
  CgExportSource s[] = { seg (1, 0, 10), seg (2, 10, 20), seg (3, 20, 30) };
  expect_refusal (s, 3, T0 + 10 * S, T0 + 5 * S, HOUR, CG_ERROR_USAGE, "later than");
  expect_refusal (s, 3, T0 + 10 * S, T0 + 10 * S, HOUR, CG_ERROR_USAGE, "later than");
  expect_refusal (s, 3, T0, T0 + 25 * HOUR, 24 * HOUR, CG_ERROR_USAGE, "25.00 hours");
  /* Nothing there (the caller names the nearest). */
  expect_refusal (s, 3, T0 + 40 * S, T0 + 50 * S, HOUR, CG_ERROR_NOT_FOUND, "no footage");
  expect_refusal (NULL, 0, T0, T0 + 50 * S, HOUR, CG_ERROR_NOT_FOUND, "no footage");
  /* Still being recorded. */
  s[2].open = TRUE;
  expect_refusal (s, 3, T0 + 5 * S, T0 + 25 * S, HOUR, CG_ERROR_FAILED, "still being recorded");
  s[2].open = FALSE;
  /* The picture changes size: one MP4 holds one. */
  s[1].width = 1280;
  s[1].height = 720;
  expect_refusal (s, 3, T0 + 5 * S, T0 + 25 * S, HOUR, CG_ERROR_FAILED, "640x360 to h264 1280x720");
  s[1].width = 640;
  s[1].height = 360;
  /* Only damaged footage. */
  s[0].damaged = TRUE;
  expect_refusal (s, 3, T0 + 2 * S, T0 + 8 * S, HOUR, CG_ERROR_FAILED, "damaged");
}

static void
test_nearest (void **state)
{
  (void) state;
  /* Newest first, as the database gives them before a time. */
  CgExportSource before[] = { seg (3, 20, 30), seg (2, 10, 20), seg (1, 0, 5) };
  gint64 from = 0, to = 0;
  assert_true (cg_export_nearest (before, 3, TRUE, &from, &to));
  assert_int_equal (from, T0 + 10 * S);
  assert_int_equal (to, T0 + 30 * S);
  CgExportSource after[] = { seg (4, 40, 50), seg (5, 50, 60), seg (6, 70, 80) };
  assert_true (cg_export_nearest (after, 3, FALSE, &from, &to));
  assert_int_equal (from, T0 + 40 * S);
  assert_int_equal (to, T0 + 60 * S);
  assert_false (cg_export_nearest (NULL, 0, FALSE, &from, &to));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_three_segments),
    cmocka_unit_test (test_gaps_listed),
    cmocka_unit_test (test_thinned_taken_as_they_are),
    cmocka_unit_test (test_refusals),
    cmocka_unit_test (test_nearest),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
