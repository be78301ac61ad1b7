/* test_timebar.c — a camera's recordings as recordings.list gives them,
 * merged from page to page and from listing to listing, and the time
 * line drawn from them: which cell is recorded at full rate, thinned,
 * missing and why, has motion, is marked for export, holds the head. */
#include "unit.h"

#include "common/error.h"
#include "station/recordings.h"
#include "station/timebar.h"

#include <locale.h>
#include <string.h>

#define S G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * S)
/* 2026-11-27T03:00:00Z: 10:00 in Hà Nội. */
#define T0 (G_GINT64_CONSTANT (1795748400) * S)

static JsonObject *
object (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *n = json_from_string (json, &error);
  if (n == NULL)
    fail_msg ("bad JSON in the test: %s\n%s", error->message, json);
  JsonObject *o = json_object_ref (json_node_get_object (n));
  json_node_unref (n);
  return o;
}

static void
take (CgRecordings *r, const char *json)
{
  JsonObject *o = object (json);
  g_autoptr (GError) error = NULL;
  if (!cg_recordings_take (r, o, &error))
    fail_msg ("not taken: %s", error->message);
  json_object_unref (o);
}

/* 10:00 to 10:10: full rate to 10:03, thinned to 10:05, the camera away
 * to 10:07, full rate to 10:08, then recording (the listing at 10:09:30). */
static const char *const listing =
  "{\"camera\": \"Cổng chợ\", \"from\": \"2026-11-27T03:00:00.000Z\", \"to\": null,"
  " \"segments\": ["
  "  {\"id\": 1, \"start\": \"2026-11-27T03:00:00.000Z\", \"end\": \"2026-11-27T03:03:00.000Z\","
  "   \"keyframes\": 90, \"thinned\": false, \"recording\": false},"
  "  {\"id\": 2, \"start\": \"2026-11-27T03:03:00.000Z\", \"end\": \"2026-11-27T03:05:00.000Z\","
  "   \"keyframes\": 60, \"thinned\": true, \"recording\": false},"
  "  {\"id\": 4, \"start\": \"2026-11-27T03:07:00.000Z\", \"end\": \"2026-11-27T03:08:00.000Z\","
  "   \"keyframes\": 30, \"thinned\": false, \"recording\": false},"
  "  {\"id\": 5, \"start\": \"2026-11-27T03:08:00.000Z\", \"end\": \"2026-11-27T03:09:30.000Z\","
  "   \"keyframes\": 45, \"thinned\": false, \"recording\": true}],"
  " \"gaps\": [{\"start\": \"2026-11-27T03:05:00.000Z\", \"end\": \"2026-11-27T03:07:00.000Z\","
  "   \"reason\": \"unreachable:10.0.0.7:554\"}],"
  " \"motion\": [{\"start\": \"2026-11-27T03:02:30.000Z\", \"end\": \"2026-11-27T03:02:40.000Z\","
  "   \"peak\": 0.2},"
  "  {\"start\": \"2026-11-27T03:09:10.000Z\", \"end\": null, \"peak\": 0.1}],"
  " \"next\": null}";

static CgRecordings *
recordings (void)
{
  CgRecordings *r = cg_recordings_new ("Cổng chợ");
  take (r, listing);
  return r;
}

static void
test_take_and_find (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  assert_int_equal (cg_recordings_count (r), 4);
  const CgRecSegment *s = cg_recordings_segment (r, 1);
  assert_int_equal (s->id, 2);
  assert_true (s->thinned);
  assert_int_equal (s->keyframes, 60);
  assert_int_equal (cg_recordings_find (r, T0), 0);
  assert_int_equal (cg_recordings_find (r, T0 + 3 * MINUTE - 1), 0);
  assert_int_equal (cg_recordings_find (r, T0 + 3 * MINUTE), 1);
  assert_int_equal (cg_recordings_find (r, T0 + 6 * MINUTE), -1);
  assert_int_equal (cg_recordings_find (r, T0 - 1), -1);
  /* The segment still recording holds everything after its start. */
  assert_int_equal (cg_recordings_find (r, T0 + 60 * MINUTE), 3);
  assert_true (cg_recordings_reach (r, 3) == G_MAXINT64);
  assert_int_equal (cg_recordings_reach (r, 0), T0 + 3 * MINUTE);
  assert_int_equal (cg_recordings_before (r, T0 + 6 * MINUTE), 1);
  assert_int_equal (cg_recordings_after (r, T0 + 6 * MINUTE), 2);
  assert_int_equal (cg_recordings_after (r, T0 + 9 * MINUTE), -1);
  assert_int_equal (cg_recordings_before (r, T0 - 1), -1);
  const CgRecGap *g = cg_recordings_gap (r, T0 + 5 * MINUTE, T0 + 7 * MINUTE);
  assert_non_null (g);
  assert_string_equal (g->reason, "unreachable:10.0.0.7:554");
  assert_null (cg_recordings_gap (r, T0, T0 + MINUTE));
  gint64 first = 0, last = 0;
  cg_recordings_span (r, &first, &last);
  assert_int_equal (first, T0);
  assert_int_equal (last, T0 + 9 * MINUTE + 30 * S);
  assert_int_equal (r->motion->len, 2);
  assert_int_equal (g_array_index (r->motion, CgRecMotion, 1).end_us, 0);
}

static void
test_overlapping_segments (void **state)
{
  /* The daemon may start a segment a few milliseconds before the last
   * one's end: the later one holds the overlap. */
  g_autoptr (CgRecordings) r = cg_recordings_new ("x");
  take (r, "{\"segments\": ["
           " {\"id\": 7, \"start\": \"2026-11-27T03:00:00.000Z\", \"end\": \"2026-11-27T03:00:04.000Z\"},"
           " {\"id\": 8, \"start\": \"2026-11-27T03:00:03.989Z\", \"end\": \"2026-11-27T03:00:08.000Z\"}],"
           " \"gaps\": [], \"next\": null}");
  assert_int_equal (cg_recordings_find (r, T0 + 3990 * 1000), 1);
  assert_int_equal (cg_recordings_find (r, T0 + 3988 * 1000), 0);
}

static void
test_newer_listing_merges (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  /* A listing from 10:08 on, at 10:12: segment 5 closed at 10:10, the
   * camera away since; then a page with the segment recorded since. */
  take (r, "{\"from\": \"2026-11-27T03:08:00.000Z\", \"segments\": ["
           " {\"id\": 5, \"start\": \"2026-11-27T03:08:00.000Z\", \"end\": \"2026-11-27T03:10:00.000Z\","
           "  \"recording\": false}],"
           " \"gaps\": [{\"start\": \"2026-11-27T03:10:00.000Z\", \"end\": \"2026-11-27T03:12:00.000Z\","
           "  \"reason\": \"closed\"}], \"motion\": [], \"next\": null}");
  assert_int_equal (cg_recordings_count (r), 4);
  assert_false (cg_recordings_segment (r, 3)->recording);
  assert_int_equal (cg_recordings_reach (r, 3), T0 + 10 * MINUTE);
  assert_int_equal (r->gaps->len, 2);
  /* At 10:14: the gap has grown and ended where segment 6 began. */
  take (r, "{\"segments\": ["
           " {\"id\": 6, \"start\": \"2026-11-27T03:13:00.000Z\", \"end\": \"2026-11-27T03:14:00.000Z\","
           "  \"recording\": true}],"
           " \"gaps\": [], \"next\": null}");
  assert_int_equal (cg_recordings_count (r), 5);
  const CgRecGap *g = &g_array_index (r->gaps, CgRecGap, 1);
  assert_int_equal (g->start_us, T0 + 10 * MINUTE);
  assert_int_equal (g->end_us, T0 + 12 * MINUTE);
  take (r, "{\"segments\": [],"
           " \"gaps\": [{\"start\": \"2026-11-27T03:10:00.000Z\", \"end\": \"2026-11-27T03:14:00.000Z\","
           "  \"reason\": \"closed\"}], \"next\": null}");
  g = &g_array_index (r->gaps, CgRecGap, 1);
  assert_int_equal (g->end_us, T0 + 13 * MINUTE);
  assert_int_equal (cg_recordings_find (r, T0 + 20 * MINUTE), 4);
}

static void
test_not_a_listing (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  const char *bad[] = {
    "{}",
    "{\"segments\": [], \"gaps\": 3}",
    "{\"segments\": [{\"id\": 9, \"start\": \"yesterday\", \"end\": \"2026-11-27T03:00:00Z\"}], \"gaps\": []}",
    "{\"segments\": [{\"id\": 9}], \"gaps\": []}",
    "{\"segments\": [3], \"gaps\": []}",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      JsonObject *o = object (bad[i]);
      g_autoptr (GError) error = NULL;
      assert_false (cg_recordings_take (r, o, &error));
      assert_non_null (strstr (error->message, "cannot be read"));
      json_object_unref (o);
    }
  assert_false (cg_recordings_take (r, NULL, NULL));
  assert_int_equal (cg_recordings_count (r), 4);
}

static void
test_drop (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  cg_recordings_drop (r, 1, "deleted");
  assert_int_equal (cg_recordings_count (r), 3);
  assert_int_equal (cg_recordings_find (r, T0 + 4 * MINUTE), -1);
  const CgRecGap *g = cg_recordings_gap (r, T0 + 3 * MINUTE, T0 + 5 * MINUTE);
  assert_string_equal (g->reason, "deleted");
  /* Listed again (it was not gone after all): footage again. */
  take (r, listing);
  assert_int_equal (cg_recordings_find (r, T0 + 4 * MINUTE), 1);
  assert_null (cg_recordings_gap (r, T0 + 3 * MINUTE, T0 + 5 * MINUTE));
}

static CgBarCell *
ten_minutes (const CgRecordings *r, gint64 head, const CgBarMarks *marks)
{
  CgBarView v = { T0, 10 * MINUTE, 10 };
  /* Now is 10:09:30. */
  return cg_timebar_cells (r, &v, head, marks, T0 + 9 * MINUTE + 30 * S);
}

static void
test_cells (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  CgBarMarks marks = { T0 + MINUTE + 10 * S, T0 + 3 * MINUTE + 30 * S };
  g_autofree CgBarCell *c = ten_minutes (r, T0 + 4 * MINUTE + 10 * S, &marks);
  const CgBarKind want[] = { CG_BAR_FULL, CG_BAR_FULL, CG_BAR_FULL, CG_BAR_THINNED,
                             CG_BAR_THINNED, CG_BAR_MISSING, CG_BAR_MISSING, CG_BAR_FULL,
                             CG_BAR_FULL, CG_BAR_FULL };
  for (int i = 0; i < 10; i++)
    {
      if (c[i].kind != want[i])
        fail_msg ("cell %d is %d, not %d", i, c[i].kind, want[i]);
      assert_false (c[i].partial);
      assert_int_equal (c[i].head, i == 4);
      assert_int_equal (c[i].marked, i >= 1 && i <= 3);
      assert_int_equal (c[i].motion, i == 2 || i == 9);
    }
  assert_string_equal (c[5].reason, "unreachable:10.0.0.7:554");
  assert_null (c[4].reason);
}

static void
test_wide_cells (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  /* Two cells of 5 minutes: 3 min full and 2 thinned; 2 min missing and
   * 2.5 recorded, then the future. */
  CgBarView v = { T0, 10 * MINUTE, 2 };
  g_autofree CgBarCell *c = cg_timebar_cells (r, &v, 0, NULL, T0 + 9 * MINUTE + 30 * S);
  assert_int_equal (c[0].kind, CG_BAR_FULL);
  assert_false (c[0].partial);
  assert_int_equal (c[1].kind, CG_BAR_FULL);
  assert_true (c[1].partial);
  assert_string_equal (c[1].reason, "unreachable:10.0.0.7:554");
  /* A cell that begins after now is the future; before the listing,
   * nothing is known. */
  CgBarView later = { T0 + 5 * MINUTE, 10 * MINUTE, 10 };
  g_autofree CgBarCell *d = cg_timebar_cells (r, &later, 0, NULL, T0 + 9 * MINUTE + 30 * S);
  assert_int_equal (d[4].kind, CG_BAR_FULL);
  assert_int_equal (d[5].kind, CG_BAR_FUTURE);
  CgBarView earlier = { T0 - 10 * MINUTE, 10 * MINUTE, 10 };
  g_autofree CgBarCell *e = cg_timebar_cells (r, &earlier, 0, NULL, T0 + 9 * MINUTE);
  for (int i = 0; i < 10; i++)
    assert_int_equal (e[i].kind, CG_BAR_NONE);
  /* One mark only: its cell. */
  CgBarMarks in_only = { T0 + 7 * MINUTE + 1, 0 };
  g_autofree CgBarCell *f = ten_minutes (r, 0, &in_only);
  for (int i = 0; i < 10; i++)
    assert_int_equal (f[i].marked, i == 7);
}

/* "No recording here" only where the head itself is in the gap: in a
 * cell mostly made of a gap (03:04 to 03:08: thinned 1 min, missing 2,
 * recorded 1), the head on the recording that begins in it says
 * nothing. */
static void
test_gap_at_head (void **state)
{
  g_autoptr (CgRecordings) r = recordings ();
  CgBarView v = { T0 + 4 * MINUTE, 4 * MINUTE, 1 };
  gint64 now = T0 + 9 * MINUTE + 30 * S;
  g_autofree CgBarCell *on = cg_timebar_cells (r, &v, T0 + 7 * MINUTE + 2 * S, NULL, now);
  assert_int_equal (on[0].kind, CG_BAR_MISSING);
  assert_non_null (on[0].reason);
  assert_true (on[0].head);
  assert_null (cg_timebar_gap_at_head (r, on, 1, T0 + 7 * MINUTE + 2 * S));
  g_autofree CgBarCell *in = cg_timebar_cells (r, &v, T0 + 6 * MINUTE, NULL, now);
  const char *why = cg_timebar_gap_at_head (r, in, 1, T0 + 6 * MINUTE);
  assert_non_null (why);
  assert_string_equal (why, "unreachable:10.0.0.7:554");
  /* A full cell's head says nothing either. */
  g_autofree CgBarCell *c = ten_minutes (r, T0 + MINUTE, NULL);
  assert_null (cg_timebar_gap_at_head (r, c, 10, T0 + MINUTE));
}

static void
test_cell_arithmetic (void **state)
{
  /* A week over 37 cells: every instant in exactly the cell that says it
   * starts at or before it. */
  CgBarView v = { T0, CG_TIMEBAR_SPAN_MAX_US, 37 };
  for (int c = 0; c < 37; c++)
    {
      gint64 a = cg_timebar_cell_start (&v, c), b = cg_timebar_cell_start (&v, c + 1);
      assert_true (a < b);
      assert_int_equal (cg_timebar_cell_at (&v, a), c);
      assert_int_equal (cg_timebar_cell_at (&v, b - 1), c);
    }
  assert_int_equal (cg_timebar_cell_start (&v, 37), T0 + CG_TIMEBAR_SPAN_MAX_US);
  assert_int_equal (cg_timebar_cell_at (&v, T0 - 1), -1);
  assert_int_equal (cg_timebar_cell_at (&v, T0 + CG_TIMEBAR_SPAN_MAX_US), -1);
  CgBarView none = { T0, 10 * MINUTE, 0 };
  assert_int_equal (cg_timebar_cell_at (&none, T0), -1);
  g_autoptr (CgRecordings) r = cg_recordings_new ("x");
  g_autofree CgBarCell *c = cg_timebar_cells (r, &none, T0, NULL, T0);
  assert_non_null (c);
}

static void
test_zoom (void **state)
{
  assert_int_equal (cg_timebar_zoom (10 * MINUTE, 1), 30 * MINUTE);
  assert_int_equal (cg_timebar_zoom (10 * MINUTE, -1), 10 * MINUTE);
  assert_int_equal (cg_timebar_zoom (CG_TIMEBAR_SPAN_MAX_US, 1), CG_TIMEBAR_SPAN_MAX_US);
  assert_int_equal (cg_timebar_zoom (60 * MINUTE, 3), 12 * 60 * MINUTE);
  assert_int_equal (cg_timebar_zoom (60 * MINUTE, -5), CG_TIMEBAR_SPAN_MIN_US);
  /* Any span: the nearest level first. */
  assert_int_equal (cg_timebar_zoom (50 * MINUTE, 0), 60 * MINUTE);
  /* Halfway between two: the narrower. */
  assert_int_equal (cg_timebar_zoom (2 * 24 * 60 * MINUTE, 1), 3 * 24 * 60 * MINUTE);
}

static void
test_follow (void **state)
{
  CgBarView v = { T0, 10 * MINUTE, 10 };
  cg_timebar_follow (&v, T0 + 5 * MINUTE);
  assert_int_equal (v.start_us, T0);
  cg_timebar_follow (&v, T0 + 8 * MINUTE);
  assert_int_equal (v.start_us, T0);
  /* Near the edge: the head to the middle, the start on a whole cell. */
  cg_timebar_follow (&v, T0 + 9 * MINUTE + 30 * S);
  assert_int_equal (v.start_us, T0 + 4 * MINUTE);
  cg_timebar_follow (&v, T0 - 3 * MINUTE - 10 * S);
  assert_int_equal (v.start_us, T0 - 9 * MINUTE);
  assert_int_equal (cg_timebar_cell_at (&v, T0 - 3 * MINUTE - 10 * S), 5);
}

static void
test_axis (void **state)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("ICT-7");
  /* An hour over 60 columns from 10:00: a label every 10 minutes. */
  CgBarView v = { T0, 60 * MINUTE, 60 };
  g_autofree char *a = cg_timebar_axis (&v, tz);
  assert_int_equal (strlen (a), 60);
  assert_string_equal (a, "10:00     10:10     10:20     10:30     10:40     10:50     ");
  /* A week over 70 columns: days, "dd/mm". */
  CgBarView w = { T0 - 10 * 60 * MINUTE, CG_TIMEBAR_SPAN_MAX_US, 70 };
  g_autofree char *b = cg_timebar_axis (&w, tz);
  assert_int_equal (strlen (b), 70);
  assert_non_null (strstr (b, "28/11"));
  assert_int_equal (strstr (b, "28/11") - b, 10);
  /* Midnight in a shorter span is a date too. */
  CgBarView n = { T0 + 13 * 60 * MINUTE, 2 * 60 * MINUTE, 24 };
  g_autofree char *c = cg_timebar_axis (&n, tz);
  assert_non_null (strstr (c, "23:00"));
  assert_non_null (strstr (c, "28/11"));
  CgBarView none = { T0, 60 * MINUTE, 0 };
  g_autofree char *d = cg_timebar_axis (&none, tz);
  assert_string_equal (d, "");
}

int
main (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_take_and_find),
    cmocka_unit_test (test_gap_at_head),
    cmocka_unit_test (test_overlapping_segments),
    cmocka_unit_test (test_newer_listing_merges),
    cmocka_unit_test (test_not_a_listing),
    cmocka_unit_test (test_drop),
    cmocka_unit_test (test_cells),
    cmocka_unit_test (test_wide_cells),
    cmocka_unit_test (test_cell_arithmetic),
    cmocka_unit_test (test_zoom),
    cmocka_unit_test (test_follow),
    cmocka_unit_test (test_axis),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
