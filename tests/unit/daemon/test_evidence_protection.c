/* test_evidence_protection.c — the protection rule (db/segments.h) on a
 * real database: footage attached to an open incident, or to one closed
 * less than keep_days_after_close ago, is never removable nor thinnable,
 * and is what storage.status counts as protected; evidence taken off, or
 * of an incident closed longer ago, is released.  And the alert when
 * protected footage alone is more than the quota. */
#include "unit.h"

#include "common/alert.h"
#include "common/config.h"
#include "daemon/db/db.h"
#include "daemon/db/segments.h"
#include "daemon/storage/usage.h"

#include <locale.h>
#include <string.h>

#define DAY G_GINT64_CONSTANT (86400000000)
#define NOW (G_GINT64_CONSTANT (1800000000000000))
#define MIB (G_GINT64_CONSTANT (1048576))

typedef struct {
  char *dir;
  CgDb *db;
  sqlite3 *h;
} Fixture;

static void
exec (sqlite3 *h, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (h, sql, NULL, NULL, &msg) != SQLITE_OK)
    fail_msg ("%s: %s", sql, msg);
}

/* An incident as the post's log keeps it; closed_days_ago < 0: open. */
static void
incident (sqlite3 *h, int id, const char *status, double closed_days_ago)
{
  g_autofree char *closed = closed_days_ago < 0
                              ? g_strdup ("NULL")
                              : g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 NOW - (gint64) (closed_days_ago * (double) DAY));
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO incidents (id, year, number, kind, from_us, to_us, place, description, officer,"
    " status, closed_us, created_by, created_us, updated_by, updated_us)"
    " VALUES (%d, 2026, %d, 'trom_cap', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
    " 'Cổng chợ', 'Mất xe máy trước cổng chợ', 'lan', '%s', %s, 'lan', %" G_GINT64_FORMAT ","
    " 'lan', %" G_GINT64_FORMAT ")",
    id, id, NOW - 500 * DAY, NOW - 500 * DAY + 1800000000, status, closed, NOW - 500 * DAY, NOW);
  exec (h, sql);
}

/* Evidence of incident on camera 1 over segment number n's hour. */
static void
range (sqlite3 *h, int incident_id, int n, gboolean removed)
{
  gint64 from = NOW - 450 * DAY + n * 3600 * G_GINT64_CONSTANT (1000000);
  g_autofree char *taken_off = removed ? g_strdup_printf ("'an', %" G_GINT64_FORMAT ", 'nhầm camera'",
                                                         NOW - DAY)
                                       : g_strdup ("NULL, NULL, NULL");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us, added_by, added_us,"
    " removed_by, removed_us, removed_reason)"
    " VALUES (%d, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'lan', %" G_GINT64_FORMAT ", %s)",
    incident_id, from + 60000000, from + 120000000, NOW - 400 * DAY, taken_off);
  exec (h, sql);
}

/* Segment n of camera 1: an hour, 450 days ago, 1 MiB (damaged when said). */
static void
segment (sqlite3 *h, int n, gboolean damaged)
{
  gint64 start = NOW - 450 * DAY + n * 3600 * G_GINT64_CONSTANT (1000000);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO segments (id, camera_id, path, state, start_us, end_us, bytes, damaged)"
    " VALUES (%d, 1, 'recordings/1/x/%d.ts', 'complete', %" G_GINT64_FORMAT ","
    " %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %d)",
    n, n, start, start + 3600 * G_GINT64_CONSTANT (1000000), MIB, damaged);
  exec (h, sql);
}

/* Segments 1..8 of camera 1, each an hour, 1 MiB:
 *   1  evidence of incident 1, open (verifying)
 *   2  evidence of incident 2, closed 10 days ago
 *   3  evidence of incident 3, closed 40 days ago
 *   4  evidence of incident 1, taken off
 *   5  evidence of incident 4, closed once and reopened (transferred)
 *   6  damaged, no evidence
 *   7  nothing
 *   8  evidence of incident 3 (old) and incident 2 (recent): kept */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  g_autoptr (GError) error = NULL;
  f->db = cg_db_open (path, CG_DB_READ_WRITE, &error);
  assert_null (error);
  f->h = cg_db_handle (f->db);
  exec (f->h, "INSERT INTO cameras (id, name, url, created_us, updated_us)"
              " VALUES (1, 'Chợ Hoàng Kim', 'rtsp://10.0.0.2/1', 1, 1)");
  incident (f->h, 1, "verifying", -1);
  incident (f->h, 2, "closed", 10);
  incident (f->h, 3, "closed", 40);
  incident (f->h, 4, "transferred", -1);
  for (int n = 1; n <= 8; n++)
    segment (f->h, n, n == 6);
  range (f->h, 1, 1, FALSE);
  range (f->h, 2, 2, FALSE);
  range (f->h, 3, 3, FALSE);
  range (f->h, 1, 4, TRUE);
  range (f->h, 4, 5, FALSE);
  range (f->h, 3, 8, FALSE);
  range (f->h, 2, 8, FALSE);
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

static gboolean
removable (sqlite3 *h, gint64 id, gint64 kept_from)
{
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  g_autoptr (GError) error = NULL;
  assert_true (cg_db_segment_get_removable (h, id, kept_from, &s, &found, &error));
  return found;
}

static gboolean
thinnable (sqlite3 *h, gint64 id, gint64 kept_from)
{
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  g_autoptr (GError) error = NULL;
  assert_true (cg_db_segment_get_thinnable (h, id, kept_from, &s, &found, &error));
  return found;
}

static void
test_kept_from (void **state)
{
  (void) state;
  assert_true (cg_db_evidence_kept_from (NOW, 365) == NOW - 365 * DAY);
  /* 0: released once closed; never later than now. */
  assert_true (cg_db_evidence_kept_from (NOW, 0) == NOW);
  assert_true (cg_db_evidence_kept_from (NOW, -3) == NOW);
}

static void
test_rule (void **state)
{
  Fixture *f = *state;
  gint64 kept_from = cg_db_evidence_kept_from (NOW, 30);
  /* Open, closed 10 days ago, reopened, damaged, and a segment under
   * both an old and a recent incident: kept. */
  static const int kept[] = { 1, 2, 5, 6, 8 };
  for (size_t i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      if (removable (f->h, kept[i], kept_from))
        fail_msg ("segment %d is removable", kept[i]);
      assert_false (thinnable (f->h, kept[i], kept_from));
    }
  /* Closed 40 days ago, taken off, never evidence: released. */
  static const int released[] = { 3, 4, 7 };
  for (size_t i = 0; i < G_N_ELEMENTS (released); i++)
    {
      if (!removable (f->h, released[i], kept_from))
        fail_msg ("segment %d is not removable", released[i]);
      assert_true (thinnable (f->h, released[i], kept_from));
    }
  /* Kept 5 days only: the incident closed 10 days ago lets go too. */
  gint64 short_keep = cg_db_evidence_kept_from (NOW, 5);
  assert_true (removable (f->h, 2, short_keep));
  assert_true (removable (f->h, 8, short_keep));
  assert_false (removable (f->h, 1, short_keep));
  assert_false (removable (f->h, 5, short_keep));
  /* The day itself: closed exactly keep days ago is released; a
   * microsecond later it is not yet. */
  gint64 closed2 = NOW - 10 * DAY;
  assert_true (removable (f->h, 2, closed2));
  assert_false (removable (f->h, 2, closed2 - 1));
  /* 365 days (the default): everything closed within the year stays. */
  gint64 year = cg_db_evidence_kept_from (NOW, 365);
  assert_false (removable (f->h, 3, year));
  assert_true (removable (f->h, 4, year));

  /* The statements that change rows apply the same rule. */
  g_autoptr (GError) error = NULL;
  for (int n = 1; n <= 8; n++)
    {
      CgDbSegment contents = { .bytes = 1000, .thinned = TRUE, .original_bytes = MIB };
      gboolean changed = TRUE;
      assert_true (cg_db_segment_set_contents (f->h, n, &contents, CG_DB_SEGMENT_THINNABLE,
                                               kept_from, &changed, &error));
      gboolean expect = n == 3 || n == 4 || n == 7;
      if (changed != expect)
        fail_msg ("segment %d %s thinned", n, changed ? "was" : "was not");
    }
  for (int n = 1; n <= 8; n++)
    {
      g_auto (CgDbSegment) gone = { 0 };
      assert_true (cg_db_segment_delete_unprotected (f->h, n, kept_from, &gone, &error));
      gboolean expect = n == 3 || n == 4 || n == 7;
      if ((gone.path != NULL) != expect)
        fail_msg ("segment %d %s deleted", n, gone.path != NULL ? "was" : "was not");
    }
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (f->h, "SELECT group_concat(id) FROM segments ORDER BY id",
                                        -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  assert_string_equal ((const char *) sqlite3_column_text (st, 0), "1,2,5,6,8");
  sqlite3_finalize (st);
}

static void
add_range (gint64 camera_id, gint64 from_us, gint64 to_us, gpointer data)
{
  (void) camera_id;
  (void) to_us;
  g_array_append_val ((GArray *) data, from_us);
}

/* The planner's accounting (manager.c) and storage.status count what
 * the statements spare, no more, no less. */
static void
test_accounting (void **state)
{
  Fixture *f = *state;
  gint64 kept_from = cg_db_evidence_kept_from (NOW, 30);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  assert_true (cg_db_evidence_foreach_in_force (f->h, kept_from, add_range, ranges, &error));
  /* Incident 1's range on segment 1, 2's on 2 and 8, 4's on 5. */
  assert_int_equal (ranges->len, 4);

  gint64 bytes = 0;
  g_autoptr (GArray) per_camera = g_array_new (FALSE, FALSE, sizeof (CgDbProtected));
  assert_true (cg_db_segments_protected_bytes (f->h, kept_from, &bytes, per_camera, &error));
  assert_true (bytes == 5 * MIB); /* 1, 2, 5, 8 and the damaged 6 */
  assert_int_equal (per_camera->len, 1);
  assert_true (g_array_index (per_camera, CgDbProtected, 0).bytes == 5 * MIB);
  /* A year's keeping holds incident 3's evidence too. */
  assert_true (cg_db_segments_protected_bytes (f->h, cg_db_evidence_kept_from (NOW, 365), &bytes,
                                               NULL, &error));
  assert_true (bytes == 6 * MIB);

  gboolean evidence = FALSE;
  gint64 seg3 = NOW - 450 * DAY + 3 * 3600 * G_GINT64_CONSTANT (1000000);
  assert_true (cg_db_span_is_evidence (f->h, 1, seg3, seg3 + 3600000000, kept_from, &evidence,
                                       &error));
  assert_false (evidence);
  assert_true (cg_db_span_is_evidence (f->h, 1, seg3 - 3600000000, seg3 - 1, kept_from, &evidence,
                                       &error));
  if (!evidence)
    fail_msg ("segment 2's hour is not evidence (%s)", error != NULL ? error->message : "");
  assert_true (cg_db_span_is_evidence (f->h, 2, seg3 - 3600000000, seg3 - 1, kept_from, &evidence,
                                       &error));
  assert_false (evidence); /* another camera */
}

static JsonObject *
find_alert (JsonArray *alerts, const char *code)
{
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *a = json_array_get_object_element (alerts, i);
      if (g_str_equal (json_object_get_string_member (a, "code"), code))
        return a;
    }
  return NULL;
}

/* storage.status: protected bytes per camera by the rule, and the alert
 * once protected footage alone is more than the quota. */
static void
test_status (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) config = cg_config_load (NULL, FALSE, &error);
  assert_non_null (config);
  assert_int_equal (config->keep_days_after_close, 365);
  g_free (config->data_dir);
  config->data_dir = g_strdup (f->dir);
  config->min_free = (CgSize) { FALSE, 0 };
  config->quota = (CgSize) { FALSE, (double) (8 * MIB) };
  config->keep_days_after_close = 30;

  CgStorageReport r;
  assert_true (cg_storage_report_gather (f->h, config, NOW, &r, &error));
  assert_true (r.protected_bytes == (guint64) (5 * MIB));
  g_autoptr (JsonNode) reply = cg_storage_report_to_json (&r, config, NULL);
  JsonObject *o = json_node_get_object (reply);
  assert_int_equal (json_object_get_int_member (o, "protected_bytes"), 5 * MIB);
  JsonObject *cam = json_array_get_object_element (json_object_get_array_member (o, "cameras"), 0);
  assert_int_equal (json_object_get_int_member (cam, "protected_bytes"), 5 * MIB);
  JsonArray *alerts = json_object_get_array_member (o, "alerts");
  assert_null (find_alert (alerts, CG_ALERT_EVIDENCE_EXCEEDS_QUOTA));
  cg_storage_report_clear (&r);

  /* 4 MiB of quota: protected footage alone is more. */
  config->quota = (CgSize) { FALSE, (double) (4 * MIB) };
  assert_true (cg_storage_report_gather (f->h, config, NOW, &r, &error));
  g_autoptr (JsonNode) over = cg_storage_report_to_json (&r, config, NULL);
  alerts = json_object_get_array_member (json_node_get_object (over), "alerts");
  JsonObject *a = find_alert (alerts, CG_ALERT_EVIDENCE_EXCEEDS_QUOTA);
  assert_non_null (a);
  assert_int_equal (json_object_get_int_member (a, "protected_bytes"), 5 * MIB);
  assert_int_equal (json_object_get_int_member (a, "limit_bytes"), 4 * MIB);
  assert_int_equal (cg_alert_severity (a), CG_ALERT_BAD);
  /* Said first of the storage manager's alerts, before the forecast. */
  assert_string_equal (json_object_get_string_member (json_array_get_object_element (alerts, 0),
                                                      "code"),
                       CG_ALERT_EVIDENCE_EXCEEDS_QUOTA);
  assert_non_null (strstr (json_object_get_string_member (a, "message"), "incidents that are done"));
  cg_storage_report_clear (&r);

  /* Evidence kept a year: still over, by a MiB more. */
  config->keep_days_after_close = 365;
  assert_true (cg_storage_report_gather (f->h, config, NOW, &r, &error));
  assert_true (r.protected_bytes == (guint64) (6 * MIB));
  cg_storage_report_clear (&r);
}

int
main (void)
{
  setlocale (LC_ALL, "C");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kept_from),
    cmocka_unit_test_setup_teardown (test_rule, setup, teardown),
    cmocka_unit_test_setup_teardown (test_accounting, setup, teardown),
    cmocka_unit_test_setup_teardown (test_status, setup, teardown),
  };
  return cmocka_run_group_tests_name ("evidence_protection", tests, NULL, NULL);
}
