/* test_alarms.c — when the daemon raises and clears alarms, on a real
 * database: a camera down past the threshold (not before, once while it
 * lasts, cleared when it records), disk errors, storage alerts of
 * severity bad come and gone, motion only on the cameras and hours
 * configured, acknowledgment apart from clearing, the active list and the
 * history's pages, and all of it kept across a restart. */
#include "unit.h"

#include "common/config.h"
#include "common/error.h"
#include "daemon/alarms.h"
#include "daemon/db/alarms.h"
#include "daemon/db/cameras.h"
#include "daemon/db/db.h"

#include <stdlib.h>

#define S G_GINT64_CONSTANT (1000000)
/* 27/11/2026 10:00 UTC; 23:00 the same day. */
#define DAY_10H (G_GINT64_CONSTANT (1795773600) * S)
#define DAY_23H (DAY_10H + 13 * 3600 * S)

typedef struct {
  char *dir;
  char *path;
  CgDb *db;
  sqlite3 *h;
  CgConfig *config;
  CgAlarms *alarms;
  GArray *notified; /* ids */
} Fixture;

static void
notified (gpointer data, gint64 id)
{
  Fixture *f = data;
  g_array_append_val (f->notified, id);
}

static gint64
camera (sqlite3 *h, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup (name);
  c->url = g_strdup ("rtsp://10.0.0.1/x");
  if (!cg_camera_save (h, c, &error))
    fail_msg ("%s", error->message);
  return c->id;
}

static void
open_all (Fixture *f)
{
  f->db = cg_db_open (f->path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  f->h = cg_db_handle (f->db);
  f->alarms = cg_alarms_new (f->config, f->h, notified, f);
}

static void
close_all (Fixture *f)
{
  g_clear_pointer (&f->alarms, cg_alarms_free);
  g_clear_pointer (&f->db, cg_db_close);
}

static int
setup (void **state)
{
  setenv ("TZ", "UTC", 1);
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  f->path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->config = cg_config_load (NULL, FALSE, NULL);
  g_strfreev (f->config->alarm_motion_cameras);
  f->config->alarm_motion_cameras = g_strsplit ("Ngõ 5", ",", -1);
  f->notified = g_array_new (FALSE, FALSE, sizeof (gint64));
  open_all (f);
  camera (f->h, "Cổng chợ");
  camera (f->h, "Ngõ 5");
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  close_all (f);
  cg_config_free (f->config);
  g_array_unref (f->notified);
  cg_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static GPtrArray *
list (Fixture *f, gboolean active)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = cg_db_alarm_list (f->h, active, 0, 100, &error);
  if (rows == NULL)
    fail_msg ("%s", error->message);
  return rows;
}

static void
test_defaults (void **state)
{
  Fixture *f = *state;
  g_autoptr (CgConfig) c = cg_config_load (NULL, FALSE, NULL);
  assert_int_equal (c->alarm_camera_after, 30 * S);
  assert_int_equal (c->alarm_motion_hours.from, 22);
  assert_int_equal (c->alarm_motion_hours.to, 6);
  assert_int_equal (c->bell.from, 0);
  assert_int_equal (c->bell.to, 24);
  assert_true (cg_hours_contain (&c->alarm_motion_hours, 23));
  assert_true (cg_hours_contain (&c->alarm_motion_hours, 0));
  assert_false (cg_hours_contain (&c->alarm_motion_hours, 6));
  assert_false (cg_hours_contain (&c->alarm_motion_hours, 12));
  CgHours off = { -1, -1 };
  assert_false (cg_hours_contain (&off, 3));
  (void) f;
}

static void
test_camera_down (void **state)
{
  Fixture *f = *state;
  gint64 t = DAY_10H;
  cg_alarms_camera_state (f->alarms, "Cổng chợ", "stalled", "stalled:10", t);
  cg_alarms_tick (f->alarms, t + 29 * S);
  assert_int_equal (f->notified->len, 0); /* not before camera_after */
  cg_alarms_camera_state (f->alarms, "Cổng chợ", "connecting", "", t + 20 * S);
  cg_alarms_camera_state (f->alarms, "Cổng chợ", "offline", "unreachable:10.0.0.1:554", t + 25 * S);
  cg_alarms_tick (f->alarms, t + 30 * S);
  assert_int_equal (f->notified->len, 1);
  cg_alarms_tick (f->alarms, t + 40 * S);
  assert_int_equal (f->notified->len, 1); /* once while it lasts */
  g_autoptr (GPtrArray) active = list (f, TRUE);
  assert_int_equal (active->len, 1);
  CgDbAlarm *a = active->pdata[0];
  assert_string_equal (a->kind, CG_ALARM_CAMERA_DOWN);
  assert_string_equal (a->camera, "Cổng chợ");
  assert_string_equal (a->reason, "unreachable:10.0.0.1:554");
  assert_int_equal (a->cleared_us, 0);

  /* Back: cleared, but active until acknowledged. */
  cg_alarms_camera_state (f->alarms, "Cổng chợ", "recording", "", t + 50 * S);
  assert_int_equal (f->notified->len, 2);
  g_autoptr (CgDbAlarm) b = cg_db_alarm_get (f->h, a->id, NULL);
  assert_int_equal (b->cleared_us, t + 50 * S);
  assert_true (cg_db_alarm_active (b));
  gboolean done = FALSE;
  assert_true (cg_db_alarm_ack (f->h, a->id, "lan", "đã gọi chủ nhà", t + 60 * S, &done, NULL));
  assert_true (done);
  assert_true (cg_db_alarm_ack (f->h, a->id, "minh", NULL, t + 61 * S, &done, NULL));
  assert_false (done); /* once for all */
  g_autoptr (CgDbAlarm) c = cg_db_alarm_get (f->h, a->id, NULL);
  assert_string_equal (c->acknowledged_by, "lan");
  assert_string_equal (c->note, "đã gọi chủ nhà");
  assert_false (cg_db_alarm_active (c));
  g_autoptr (GPtrArray) after = list (f, TRUE);
  assert_int_equal (after->len, 0);

  /* A short outage raises nothing. */
  cg_alarms_camera_state (f->alarms, "Cổng chợ", "stalled", "stalled:10", t + 100 * S);
  cg_alarms_camera_state (f->alarms, "Cổng chợ", "recording", "", t + 110 * S);
  cg_alarms_tick (f->alarms, t + 200 * S);
  assert_int_equal (f->notified->len, 2);
}

static void
test_ack_before_clear (void **state)
{
  Fixture *f = *state;
  gint64 t = DAY_10H;
  cg_alarms_camera_state (f->alarms, "Ngõ 5", "offline", "refused:x", t);
  cg_alarms_tick (f->alarms, t + 31 * S);
  g_autoptr (GPtrArray) one = list (f, TRUE);
  assert_int_equal (one->len, 1);
  gint64 id = ((CgDbAlarm *) one->pdata[0])->id;
  gboolean done = FALSE;
  assert_true (cg_db_alarm_ack (f->h, id, "lan", NULL, t + 40 * S, &done, NULL));
  g_autoptr (GPtrArray) still = list (f, TRUE);
  assert_int_equal (still->len, 1); /* acknowledged, not cleared: still active */
  cg_alarms_camera_state (f->alarms, "Ngõ 5", "recording", "", t + 50 * S);
  g_autoptr (GPtrArray) none = list (f, TRUE);
  assert_int_equal (none->len, 0);
  GError *error = NULL;
  assert_false (cg_db_alarm_ack (f->h, 999, "lan", NULL, t, &done, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  g_error_free (error);
}

static void
test_disk_error (void **state)
{
  Fixture *f = *state;
  cg_alarms_camera_state (f->alarms, "Ngõ 5", "offline", "disk:No space left on device", DAY_10H);
  assert_int_equal (f->notified->len, 1); /* at once */
  g_autoptr (GPtrArray) rows = list (f, TRUE);
  assert_string_equal (((CgDbAlarm *) rows->pdata[0])->kind, CG_ALARM_DISK_ERROR);
  cg_alarms_camera_state (f->alarms, "Ngõ 5", "recording", "", DAY_10H + S);
  g_autoptr (CgDbAlarm) a = cg_db_alarm_get (f->h, ((CgDbAlarm *) rows->pdata[0])->id, NULL);
  assert_true (a->cleared_us > 0);
}

static JsonArray *
alerts (const char *codes)
{
  JsonArray *arr = json_array_new ();
  g_auto (GStrv) parts = g_strsplit (codes, ",", -1);
  for (int i = 0; parts[i] != NULL && *parts[i] != '\0'; i++)
    {
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "code", parts[i]);
      json_object_set_string_member (o, "severity", g_str_equal (parts[i], "quota_exceeds_disk")
                                                      ? "warning" : "bad");
      json_array_add_object_element (arr, o);
    }
  return arr;
}

static void
test_storage_and_restart (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonArray) two = alerts ("cannot_free,quota_exceeds_disk");
  cg_alarms_storage (f->alarms, two, DAY_10H);
  cg_alarms_storage (f->alarms, two, DAY_10H + S);
  assert_int_equal (f->notified->len, 1); /* the bad one, once */
  g_autoptr (GPtrArray) rows = list (f, TRUE);
  assert_int_equal (rows->len, 1);
  assert_string_equal (((CgDbAlarm *) rows->pdata[0])->kind, CG_ALARM_STORAGE);
  assert_string_equal (((CgDbAlarm *) rows->pdata[0])->reason, "cannot_free");
  gint64 id = ((CgDbAlarm *) rows->pdata[0])->id;

  /* The daemon restarts: the alarm is still there, not raised again. */
  close_all (f);
  open_all (f);
  cg_alarms_storage (f->alarms, two, DAY_10H + 10 * S);
  assert_int_equal (f->notified->len, 1);
  g_autoptr (GPtrArray) kept = list (f, TRUE);
  assert_int_equal (kept->len, 1);
  assert_int_equal (((CgDbAlarm *) kept->pdata[0])->id, id);

  /* Gone: cleared. */
  g_autoptr (JsonArray) none = alerts ("");
  cg_alarms_storage (f->alarms, none, DAY_10H + 20 * S);
  assert_int_equal (f->notified->len, 2);
  g_autoptr (CgDbAlarm) a = cg_db_alarm_get (f->h, id, NULL);
  assert_int_equal (a->cleared_us, DAY_10H + 20 * S);

  /* Acknowledged, then the history keeps it after another restart. */
  gboolean done = FALSE;
  assert_true (cg_db_alarm_ack (f->h, id, "lan", NULL, DAY_10H + 30 * S, &done, NULL));
  close_all (f);
  open_all (f);
  g_autoptr (GPtrArray) active = list (f, TRUE);
  assert_int_equal (active->len, 0);
  g_autoptr (GPtrArray) history = list (f, FALSE);
  assert_int_equal (history->len, 1);
  assert_string_equal (((CgDbAlarm *) history->pdata[0])->acknowledged_by, "lan");
}

static void
test_motion (void **state)
{
  Fixture *f = *state;
  cg_alarms_motion (f->alarms, "Cổng chợ", DAY_23H, 0);
  assert_int_equal (f->notified->len, 0); /* not a camera watched for motion */
  cg_alarms_motion (f->alarms, "Ngõ 5", DAY_10H, 0);
  assert_int_equal (f->notified->len, 0); /* by day */
  cg_alarms_motion (f->alarms, "ngo 5", DAY_23H, 0); /* the name as folded */
  assert_int_equal (f->notified->len, 1);
  cg_alarms_motion (f->alarms, "Ngõ 5", DAY_23H, DAY_23H + 5 * S);
  assert_int_equal (f->notified->len, 2);
  g_autoptr (CgDbAlarm) a = cg_db_alarm_get (f->h, g_array_index (f->notified, gint64, 0), NULL);
  assert_string_equal (a->kind, CG_ALARM_MOTION);
  assert_int_equal (a->cleared_us, DAY_23H + 5 * S);
}

static void
test_history_pages (void **state)
{
  Fixture *f = *state;
  for (int i = 0; i < 5; i++)
    {
      gint64 id;
      gboolean created;
      assert_true (cg_db_alarm_raise (f->h, CG_ALARM_STORAGE, 0, i % 2 ? "a" : "b", TRUE,
                                      DAY_10H + i * S, &id, &created, NULL));
      g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      assert_true (cg_db_alarm_clear (f->h, CG_ALARM_STORAGE, 0, NULL, DAY_10H + i * S, ids, NULL));
      assert_int_equal (ids->len, 1);
    }
  g_autoptr (GPtrArray) page1 = cg_db_alarm_list (f->h, FALSE, 0, 2, NULL);
  assert_int_equal (page1->len, 2);
  gint64 last = ((CgDbAlarm *) page1->pdata[1])->id;
  g_autoptr (GPtrArray) page2 = cg_db_alarm_list (f->h, FALSE, last, 10, NULL);
  assert_int_equal (page2->len, 3);
  assert_true (((CgDbAlarm *) page2->pdata[0])->id < last);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_defaults, setup, teardown),
    cmocka_unit_test_setup_teardown (test_camera_down, setup, teardown),
    cmocka_unit_test_setup_teardown (test_ack_before_clear, setup, teardown),
    cmocka_unit_test_setup_teardown (test_disk_error, setup, teardown),
    cmocka_unit_test_setup_teardown (test_storage_and_restart, setup, teardown),
    cmocka_unit_test_setup_teardown (test_motion, setup, teardown),
    cmocka_unit_test_setup_teardown (test_history_pages, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
