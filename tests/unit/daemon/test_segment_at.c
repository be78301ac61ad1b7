/* test_segment_at.c — the segment that holds a moment, and the
 * recordings nearest to a moment without one (snapshot.get). */
#include "unit.h"

#include "daemon/db/db.h"
#include "daemon/db/segments.h"

#define S G_GINT64_CONSTANT (1000000)
#define SLACK (S / 2)

typedef struct {
  char *dir;
  CgDb *db;
} Fixture;

static void
sql (sqlite3 *h, const char *text)
{
  char *err = NULL;
  if (sqlite3_exec (h, text, NULL, NULL, &err) != SQLITE_OK)
    fail_msg ("%s: %s", text, err);
}

/* Camera 1's segments, in seconds: [100, 160) [160, 220) with an index,
 * a lost one [230, 240), [300, 360), and [400, ...) being written;
 * camera 2's [100, 500). */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  sqlite3 *h = cg_db_handle (f->db);
  sql (h, "INSERT INTO cameras (id, name, url, created_us, updated_us) VALUES"
          " (1, 'A', 'rtsp://10.0.0.1/a', 1, 1), (2, 'B', 'rtsp://10.0.0.1/b', 1, 1)");
  sql (h, "INSERT INTO segments (camera_id, path, state, start_us, end_us, keyframe_index) VALUES"
          " (1, 'a1', 'complete', 100000000, 160000000, NULL),"
          " (1, 'a2', 'complete', 160000000, 220000000, x'00000000bc000000d0070000c0120000'),"
          " (1, 'a3', 'lost', 230000000, 240000000, NULL),"
          " (1, 'a4', 'complete', 300000000, 360000000, NULL),"
          " (1, 'a5', 'open', 400000000, 410000000, NULL),"
          " (2, 'b1', 'complete', 100000000, 500000000, NULL)");
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  cg_db_close (f->db);
  cg_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* The path of camera 1's segment holding at (seconds, now at 500 s), or
 * NULL. */
static char *
at (Fixture *f, double at_s)
{
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  g_autoptr (GError) error = NULL;
  if (!cg_db_segment_at (cg_db_handle (f->db), 1, (gint64) (at_s * S), 500 * S, SLACK, &s,
                         &found, &error))
    fail_msg ("%s", error->message);
  if (!found)
    return NULL;
  if (s.state == CG_DB_SEGMENT_OPEN)
    assert_int_equal (s.end_us, 500 * S);
  return g_steal_pointer (&s.path);
}

#define EXPECT_AT(f, at_s, want)                                                         \
  do                                                                                     \
    {                                                                                    \
      g_autofree char *got = at (f, at_s);                                               \
      if (g_strcmp0 (got, want) != 0)                                                    \
        fail_msg ("at %.1f s: %s, expected %s", (double) (at_s), got, want);             \
    }                                                                                    \
  while (0)

static void
test_segment_at (void **state)
{
  Fixture *f = *state;
  EXPECT_AT (f, 99.9, NULL);
  EXPECT_AT (f, 100, "a1");
  EXPECT_AT (f, 159.9, "a1");
  /* Where two meet, the later. */
  EXPECT_AT (f, 160, "a2");
  /* Just after the end: still the last picture; then nothing. */
  EXPECT_AT (f, 220.4, "a2");
  EXPECT_AT (f, 221, NULL);
  /* Lost footage is not there. */
  EXPECT_AT (f, 235, NULL);
  EXPECT_AT (f, 330, "a4");
  /* Being written: up to now. */
  EXPECT_AT (f, 450, "a5");

  /* The index comes with the segment. */
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  assert_true (cg_db_segment_at (cg_db_handle (f->db), 1, 200 * S, 500 * S, SLACK, &s, &found,
                                 NULL));
  assert_true (found);
  assert_non_null (s.keyframe_index);
  assert_int_equal (g_bytes_get_size (s.keyframe_index), 16);
}

static void
expect_near (Fixture *f, gint64 camera, double at_s, const gint64 want[4])
{
  gint64 before[2], after[2];
  g_autoptr (GError) error = NULL;
  if (!cg_db_segments_nearest (cg_db_handle (f->db), camera, (gint64) (at_s * S), 500 * S, SLACK,
                               before, after, &error))
    fail_msg ("%s", error->message);
  gint64 got[4] = { before[0] / S, before[1] / S, after[0] / S, after[1] / S };
  for (int i = 0; i < 4; i++)
    if (got[i] != want[i])
      fail_msg ("near %.1f s: before [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "), after [%"
                G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", at_s, got[0], got[1], got[2], got[3]);
}

static void
test_nearest (void **state)
{
  Fixture *f = *state;
  /* Before the first: only after, the run of the two that touch. */
  expect_near (f, 1, 50, (const gint64[]) { 0, 0, 100, 220 });
  /* In a gap (the lost segment is no recording). */
  expect_near (f, 1, 250, (const gint64[]) { 100, 220, 300, 360 });
  /* Before the one being written: it runs to now. */
  expect_near (f, 1, 380, (const gint64[]) { 300, 360, 400, 500 });
  /* Another camera's recordings are not this one's. */
  expect_near (f, 2, 50, (const gint64[]) { 0, 0, 100, 500 });
  expect_near (f, 3, 50, (const gint64[]) { 0, 0, 0, 0 });
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_segment_at, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nearest, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
