/* test_db_writer.c — each typed event posted to the writer thread lands
 * as the right row. */
#include "unit.h"

#include "daemon/db/db.h"
#include "daemon/db/writer.h"

#include <string.h>

typedef struct {
  char *dir;
  char *path;
  gint64 camera_id;
  gint64 other_camera_id;
} Fixture;

static gint64
add_camera (sqlite3 *h, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO cameras (name, url, created_us, updated_us)"
                                          " VALUES ('%s', 'rtsp://192.0.2.7/s0', 1, 1)", name);
  assert_int_equal (sqlite3_exec (h, sql, NULL, NULL, NULL), SQLITE_OK);
  return sqlite3_last_insert_rowid (h);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  f->path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgDb) db = cg_db_open (f->path, CG_DB_READ_WRITE, &error);
  assert_non_null (db);
  f->camera_id = add_camera (cg_db_handle (db), "Cổng chợ");
  f->other_camera_id = add_camera (cg_db_handle (db), "Trạm y tế");
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  cg_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* One row of a query, its columns as text ("NULL" for null), joined by |. */
static char *
row (sqlite3 *h, const char *sql)
{
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), SQLITE_OK);
  if (sqlite3_step (st) != SQLITE_ROW)
    fail_msg ("no row for: %s", sql);
  GString *s = g_string_new (NULL);
  for (int i = 0; i < sqlite3_column_count (st); i++)
    {
      const char *text = (const char *) sqlite3_column_text (st, i);
      g_string_append_printf (s, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
    }
  assert_int_equal (sqlite3_step (st), SQLITE_DONE);
  sqlite3_finalize (st);
  return g_string_free (s, FALSE);
}

static sqlite3 *
read_back (Fixture *f, CgDb **db)
{
  g_autoptr (GError) error = NULL;
  *db = cg_db_open (f->path, CG_DB_READ_ONLY, &error);
  assert_non_null (*db);
  return cg_db_handle (*db);
}

static void
test_segment_events (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  char path[] = "recordings/1/2026-11-27/101500.ts";
  char codec[] = "h264";
  cg_db_writer_segment_opened (w, &(CgDbSegmentOpened) {
    .camera_id = f->camera_id, .path = path, .start_us = 1000, .codec = codec,
    .width = 1280, .height = 720, .has_audio = TRUE });
  /* What is posted is copied: the caller's buffers may change at once. */
  memset (path, 'x', sizeof path - 1);
  memset (codec, 'x', sizeof codec - 1);
  cg_db_writer_segment_progress (w, &(CgDbSegmentProgress) {
    .path = "recordings/1/2026-11-27/101500.ts", .end_us = 31000, .bytes = 4096, .frames = 30,
    .keyframes = 1 });

  /* A second segment, with unknown size and no audio, closed with an
   * index; a progress after its close changes nothing. */
  static const guint8 index_bytes[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  g_autoptr (GBytes) index = g_bytes_new_static (index_bytes, sizeof index_bytes);
  const char *closed = "recordings/1/2026-11-27/101600.ts";
  cg_db_writer_segment_opened (w, &(CgDbSegmentOpened) {
    .camera_id = f->camera_id, .path = closed, .start_us = 60000000, .codec = "hevc" });
  cg_db_writer_segment_closed (w, &(CgDbSegmentClosed) {
    .path = closed, .start_us = 60000500, .end_us = 120000000, .bytes = 900000, .frames = 1500,
    .keyframes = 30, .keyframe_index = index });
  cg_db_writer_segment_progress (w, &(CgDbSegmentProgress) {
    .path = closed, .end_us = 90000000, .bytes = 1, .frames = 1, .keyframes = 1 });
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *open_row = row (h, "SELECT camera_id, state, start_us, end_us, bytes, frames,"
                                      " keyframes, video_codec, width, height, has_audio FROM segments"
                                      " WHERE path = 'recordings/1/2026-11-27/101500.ts'");
  g_autofree char *open_expected = g_strdup_printf ("%" G_GINT64_FORMAT
                                                    "|open|1000|31000|4096|30|1|h264|1280|720|1",
                                                    f->camera_id);
  assert_string_equal (open_row, open_expected);
  g_autofree char *closed_row = row (h, "SELECT state, start_us, end_us, bytes, frames, keyframes,"
                                        " video_codec, width, height, has_audio,"
                                        " hex(keyframe_index) FROM segments"
                                        " WHERE path = 'recordings/1/2026-11-27/101600.ts'");
  assert_string_equal (closed_row,
                       "complete|60000500|120000000|900000|1500|30|hevc|NULL|NULL|0|0102030405060708");
}

static void
test_outage_events (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  cg_db_writer_outage_started (w, &(CgDbOutageStarted) {
    .camera_id = f->camera_id, .start_us = 5000, .reason = "refused" });
  cg_db_writer_outage_started (w, &(CgDbOutageStarted) {
    .camera_id = f->other_camera_id, .start_us = 6000, .reason = "timeout" });
  /* Ends the first camera's outage only; an end before the start is
   * taken as the start. */
  cg_db_writer_outage_ended (w, &(CgDbOutageEnded) { .camera_id = f->camera_id, .end_us = 9000 });
  cg_db_writer_outage_started (w, &(CgDbOutageStarted) {
    .camera_id = f->camera_id, .start_us = 20000, .reason = "stalled" });
  cg_db_writer_outage_ended (w, &(CgDbOutageEnded) { .camera_id = f->camera_id, .end_us = 10 });
  cg_db_writer_flush (w);
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *all = row (h, "SELECT group_concat(camera_id || ':' || start_us || '-'"
                                 " || coalesce(end_us, 'open') || ':' || reason, ' ')"
                                 " FROM (SELECT * FROM outages ORDER BY id)");
  g_autofree char *expected = g_strdup_printf (
    "%" G_GINT64_FORMAT ":5000-9000:refused %" G_GINT64_FORMAT ":6000-open:timeout "
    "%" G_GINT64_FORMAT ":20000-20000:stalled", f->camera_id, f->other_camera_id, f->camera_id);
  assert_string_equal (all, expected);
}

static void
test_link_minute_events (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  gint64 minute = G_GINT64_CONSTANT (60000000000);
  cg_db_writer_link_minute (w, &(CgDbLinkMinute) {
    .camera_id = f->camera_id, .minute_us = minute, .bytes = 1000, .frames = 25, .keyframes = 1,
    .keyframe_interval_ms = 2000, .gaps = 1, .reconnects = 0 });
  /* The same minute again (a reconnect within it): counts add up, an
   * unknown keyframe interval keeps the one known. */
  cg_db_writer_link_minute (w, &(CgDbLinkMinute) {
    .camera_id = f->camera_id, .minute_us = minute, .bytes = 500, .frames = 10, .keyframes = 2,
    .keyframe_interval_ms = 0, .gaps = 0, .reconnects = 1 });
  cg_db_writer_link_minute (w, &(CgDbLinkMinute) {
    .camera_id = f->camera_id, .minute_us = minute + 60 * G_USEC_PER_SEC, .bytes = 7 });
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *first = NULL;
  g_autofree char *sql = g_strdup_printf (
    "SELECT bytes, frames, keyframes, keyframe_interval_ms, gaps, reconnects FROM link_stats"
    " WHERE minute_us = %" G_GINT64_FORMAT, minute);
  first = row (h, sql);
  assert_string_equal (first, "1500|35|3|2000|1|1");
  g_autofree char *second = row (h, "SELECT count(*), max(bytes), max(keyframe_interval_ms) IS NULL"
                                    " FROM link_stats WHERE bytes = 7");
  assert_string_equal (second, "1|7|1");
}

static void
test_camera_status_events (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  cg_db_writer_camera_status (w, &(CgDbCameraStatus) {
    .camera_id = f->camera_id, .state = "connecting", .reason = NULL, .since_us = 100 });
  /* A later status replaces the camera's row. */
  cg_db_writer_camera_status (w, &(CgDbCameraStatus) {
    .camera_id = f->camera_id, .state = "recording", .reason = "", .since_us = 200,
    .last_frame_us = 250, .bitrate_bps = 2000000, .fps = 12.5, .keyframe_interval_ms = 2000,
    .reconnects = 3 });
  cg_db_writer_camera_status (w, &(CgDbCameraStatus) {
    .camera_id = f->other_camera_id, .state = "offline", .reason = "refused", .since_us = 300 });
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *sql = g_strdup_printf (
    "SELECT state, reason, since_us, last_frame_us, bitrate_bps, fps, keyframe_interval_ms,"
    " reconnects, updated_us > 0 FROM camera_status WHERE camera_id = %" G_GINT64_FORMAT,
    f->camera_id);
  g_autofree char *recording = row (h, sql);
  assert_string_equal (recording, "recording||200|250|2000000|12.5|2000|3|1");
  g_free (sql);
  sql = g_strdup_printf ("SELECT state, reason, since_us, last_frame_us, keyframe_interval_ms"
                         " FROM camera_status WHERE camera_id = %" G_GINT64_FORMAT,
                         f->other_camera_id);
  g_autofree char *offline = row (h, sql);
  assert_string_equal (offline, "offline|refused|300|NULL|NULL");
  g_autofree char *n = row (h, "SELECT count(*) FROM camera_status");
  assert_string_equal (n, "2");
}

static void
test_motion_events (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  cg_db_writer_motion_started (w, &(CgDbMotionStarted) {
    .camera_id = f->camera_id, .start_us = 1000, .peak = 0.25 });
  /* The end raises the peak, never lowers it. */
  cg_db_writer_motion_ended (w, &(CgDbMotionEnded) {
    .camera_id = f->camera_id, .end_us = 4000, .peak = 0.5 });
  cg_db_writer_motion_started (w, &(CgDbMotionStarted) {
    .camera_id = f->camera_id, .start_us = 8000, .peak = 0.75 });
  cg_db_writer_motion_ended (w, &(CgDbMotionEnded) {
    .camera_id = f->camera_id, .end_us = 9000, .peak = 0.25 });
  /* Left open by a crash; camera 0 ends every open event at its start. */
  cg_db_writer_motion_started (w, &(CgDbMotionStarted) {
    .camera_id = f->other_camera_id, .start_us = 7000, .peak = 0.125 });
  cg_db_writer_motion_ended (w, &(CgDbMotionEnded) { .camera_id = 0 });
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *all = row (h, "SELECT group_concat(start_us || '-' || coalesce(end_us, 'open')"
                                 " || ':' || peak, ' ') FROM (SELECT * FROM motion_events ORDER BY id)");
  assert_string_equal (all, "1000-4000:0.5 8000-9000:0.75 7000-7000:0.125");
}

/* An event SQLite refuses (here a camera that does not exist) is lost
 * alone: the rest of its batch is written. */
static void
test_refused_event_alone (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  /* While another connection holds the write lock the writer cannot
   * finish a batch, so the refused event and the one after it are
   * written in the same batch, whichever the first batch holds. */
  sqlite3 *holder = NULL;
  assert_int_equal (sqlite3_open (f->path, &holder), SQLITE_OK);
  assert_int_equal (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  cg_db_writer_outage_started (w, &(CgDbOutageStarted) {
    .camera_id = f->camera_id, .start_us = 1, .reason = "refused" });
  cg_db_writer_segment_opened (w, &(CgDbSegmentOpened) {
    .camera_id = 999, .path = "recordings/999/x.ts", .start_us = 1, .codec = "h264" });
  cg_db_writer_outage_started (w, &(CgDbOutageStarted) {
    .camera_id = f->other_camera_id, .start_us = 2, .reason = "timeout" });
  assert_int_equal (sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (holder);
  cg_db_writer_flush (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *counts = row (h, "SELECT (SELECT count(*) FROM outages),"
                                    " (SELECT count(*) FROM segments)");
  assert_string_equal (counts, "2|0");
  cg_db_writer_free (w);
}


/* Polls the writer's health until pred holds (a generous bound: a test
 * machine may be slow, the condition does not depend on its speed). */
static void
wait_health (CgDbWriter *w, gboolean (*pred) (const CgDbWriterHealth *h, gpointer data),
             gpointer data, CgDbWriterHealth *health)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  for (;;)
    {
      cg_db_writer_health (w, health);
      if (pred (health, data))
        return;
      cg_db_writer_health_clear (health);
      if (g_get_monotonic_time () > until)
        fail_msg ("the writer never reached the awaited state");
      g_usleep (2000);
    }
}

static gboolean
is_failing (const CgDbWriterHealth *h, gpointer data)
{
  return h->failing_since_us > 0 && h->pending >= GPOINTER_TO_UINT (data);
}

#define LOCKED_SEGMENTS 40

static void
post_segment (CgDbWriter *w, gint64 camera_id, int i)
{
  g_autofree char *path = g_strdup_printf ("recordings/%" G_GINT64_FORMAT "/2026-11-27/%06d.ts",
                                           camera_id, i);
  gint64 start = (gint64) i * 60 * G_USEC_PER_SEC;
  static const guint8 index_bytes[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr (GBytes) index = g_bytes_new_static (index_bytes, sizeof index_bytes);
  cg_db_writer_segment_opened (w, &(CgDbSegmentOpened) {
    .camera_id = camera_id, .path = path, .start_us = start, .codec = "h264" });
  cg_db_writer_segment_progress (w, &(CgDbSegmentProgress) {
    .path = path, .end_us = start + 1000, .bytes = 10, .frames = 1, .keyframes = 1 });
  cg_db_writer_camera_status (w, &(CgDbCameraStatus) {
    .camera_id = camera_id, .state = "recording", .since_us = start });
  cg_db_writer_link_minute (w, &(CgDbLinkMinute) {
    .camera_id = camera_id, .minute_us = start, .bytes = 1000, .frames = 25 });
  cg_db_writer_segment_closed (w, &(CgDbSegmentClosed) {
    .path = path, .start_us = start, .end_us = start + 59 * G_USEC_PER_SEC, .bytes = 1000 + i,
    .frames = 1500, .keyframes = 30, .keyframe_index = index });
  cg_db_writer_outage_started (w, &(CgDbOutageStarted) {
    .camera_id = camera_id, .start_us = start + 59 * G_USEC_PER_SEC, .reason = "closed" });
  cg_db_writer_outage_ended (w, &(CgDbOutageEnded) {
    .camera_id = camera_id, .end_us = start + 60 * G_USEC_PER_SEC });
}

/* Another program holds the database's write lock for far longer than
 * the writer gives droppable figures (once a minute for everything):
 * status says events wait, and when the lock goes every segment and
 * outage event lands, in order, none lost. */
static void
test_lock_outlasts_give_up (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  CgDbWriterOptions options;
  cg_db_writer_options_init (&options);
  options.retry_us = 5000;
  options.busy_timeout_ms = 5;
  options.give_up_us = 100000;
  CgDbWriter *w = cg_db_writer_new_with_options (f->path, &options, &error);
  assert_non_null (w);

  sqlite3 *holder = NULL;
  assert_int_equal (sqlite3_open (f->path, &holder), SQLITE_OK);
  assert_int_equal (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  for (int i = 0; i < LOCKED_SEGMENTS / 2; i++)
    {
      post_segment (w, f->camera_id, i);
      post_segment (w, f->other_camera_id, i);
    }
  /* Four events per segment must be kept: opened, closed, an outage's
   * start and end. */
  CgDbWriterHealth health;
  wait_health (w, is_failing, GUINT_TO_POINTER (LOCKED_SEGMENTS * 4), &health);
  assert_non_null (health.error);
  gint64 failing_since = health.failing_since_us;
  cg_db_writer_health_clear (&health);

  /* Held five times the give-up time, by the clock; more events come
   * meanwhile, after the first figures were dropped. */
  gint64 began = g_get_monotonic_time ();
  while (g_get_monotonic_time () - began < 5 * options.give_up_us)
    g_usleep (options.give_up_us / 4);
  for (int i = LOCKED_SEGMENTS / 2; i < LOCKED_SEGMENTS; i++)
    {
      post_segment (w, f->camera_id, i);
      post_segment (w, f->other_camera_id, i);
    }
  cg_db_writer_health (w, &health);
  assert_true (health.pending >= LOCKED_SEGMENTS * 2 * 4);
  assert_int_equal (health.failing_since_us, failing_since);
  cg_db_writer_health_clear (&health);

  assert_int_equal (sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (holder);
  cg_db_writer_flush (w);
  cg_db_writer_health (w, &health);
  assert_int_equal (health.pending, 0);
  assert_int_equal (health.failing_since_us, 0);
  assert_null (health.error);
  assert_int_equal (health.refused, 0);
  cg_db_writer_health_clear (&health);
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *segments = row (h, "SELECT count(*), count(DISTINCT path), sum(state = 'complete'),"
                                      " sum(bytes = 1000 + CAST(substr(path, -9, 6) AS INTEGER)),"
                                      " sum(keyframe_index IS NOT NULL) FROM segments");
  g_autofree char *expected = g_strdup_printf ("%d|%d|%d|%d|%d", LOCKED_SEGMENTS * 2,
                                               LOCKED_SEGMENTS * 2, LOCKED_SEGMENTS * 2,
                                               LOCKED_SEGMENTS * 2, LOCKED_SEGMENTS * 2);
  assert_string_equal (segments, expected);
  /* Each outage ended by its own end: started and ended in order. */
  g_autofree char *outages = row (h, "SELECT count(*), sum(end_us = start_us + 1000000) FROM outages");
  g_autofree char *expected_outages = g_strdup_printf ("%d|%d", LOCKED_SEGMENTS * 2,
                                                       LOCKED_SEGMENTS * 2);
  assert_string_equal (outages, expected_outages);
}

/* A file made where an old row's file is gone (a clock set back, a file
 * removed by hand): the new segment takes the row over, rather than be
 * refused and left without one. */
static void
test_segment_over_stale_row (void **state)
{
  Fixture *f = *state;
  const char *path = "recordings/1/2026-11-27/101500.ts";
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CgDb) db = cg_db_open (f->path, CG_DB_READ_WRITE, &error);
    assert_non_null (db);
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes, thinned,"
      " original_bytes) VALUES (%" G_GINT64_FORMAT ", '%s', 'lost', 5, 9, 77, 1, 99)",
      f->other_camera_id, path);
    assert_int_equal (sqlite3_exec (cg_db_handle (db), sql, NULL, NULL, NULL), SQLITE_OK);
  }
  g_autoptr (GError) error = NULL;
  CgDbWriter *w = cg_db_writer_new (f->path, &error);
  assert_non_null (w);
  cg_db_writer_segment_opened (w, &(CgDbSegmentOpened) {
    .camera_id = f->camera_id, .path = path, .start_us = 1000, .codec = "h264", .width = 640,
    .height = 360 });
  cg_db_writer_segment_closed (w, &(CgDbSegmentClosed) {
    .path = path, .start_us = 1000, .end_us = 61000, .bytes = 4096, .frames = 30,
    .keyframes = 1 });
  cg_db_writer_flush (w);
  CgDbWriterHealth health;
  cg_db_writer_health (w, &health);
  assert_int_equal (health.refused, 0);
  cg_db_writer_health_clear (&health);
  cg_db_writer_free (w);

  g_autoptr (CgDb) db = NULL;
  sqlite3 *h = read_back (f, &db);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*), camera_id = %" G_GINT64_FORMAT ","
                                          " state, start_us, end_us, bytes, thinned,"
                                          " coalesce(original_bytes, 'none'), width"
                                          " FROM segments", f->camera_id);
  g_autofree char *taken = row (h, sql);
  assert_string_equal (taken, "1|1|complete|1000|61000|4096|0|none|640");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_segment_events, setup, teardown),
    cmocka_unit_test_setup_teardown (test_outage_events, setup, teardown),
    cmocka_unit_test_setup_teardown (test_link_minute_events, setup, teardown),
    cmocka_unit_test_setup_teardown (test_camera_status_events, setup, teardown),
    cmocka_unit_test_setup_teardown (test_motion_events, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refused_event_alone, setup, teardown),
    cmocka_unit_test_setup_teardown (test_lock_outlasts_give_up, setup, teardown),
    cmocka_unit_test_setup_teardown (test_segment_over_stale_row, setup, teardown),
  };
  return cmocka_run_group_tests_name ("db_writer", tests, NULL, NULL);
}
