/* test_maintenance_suggest.c — the cameras needing attention, over a
 * fixture database: known outages (one split by a recorder restart,
 * short ones between recordings), link statistics of a weak and of a
 * healthy line, install dates and maintenance entries give exactly the
 * expected list; a healthy camera, a camera whose only gaps are the
 * recorder's downtime, a fault repaired and a retired camera give
 * nothing.  Also: the start-up repair ends an outage when its camera
 * was last watched, not at the restart. */
#include "unit.h"

#include "common/config.h"
#include "common/maintenance.h"
#include "common/message.h"
#include "daemon/db/cameras.h"
#include "daemon/db/db.h"
#include "daemon/db/maintenance.h"
#include "daemon/db/outages.h"
#include "daemon/maintenance_suggest.h"

#include <stdlib.h>

#define S G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * S)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
/* 29/11/2026 10:00 UTC, on a minute. */
#define NOW (G_GINT64_CONSTANT (1795946400) * S)

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

static void
execf (sqlite3 *h, const char *format, ...) G_GNUC_PRINTF (2, 3);
static void
execf (sqlite3 *h, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *sql = g_strdup_vprintf (format, ap);
  va_end (ap);
  exec (h, sql);
}

/* A camera added 60 days before NOW. */
static gint64
camera (Fixture *f, const char *name, const char *installed_on)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup (name);
  c->url = g_strdup ("rtsp://10.0.0.1/x");
  c->installed_on = g_strdup (installed_on);
  c->created_us = NOW - 60 * DAY;
  if (!cg_camera_save (f->h, c, &error))
    fail_msg ("%s", error->message);
  return c->id;
}

static void
segment (Fixture *f, gint64 camera, gint64 from, gint64 to)
{
  static int n;
  execf (f->h, "INSERT INTO segments (camera_id, path, state, start_us, end_us)"
               " VALUES (%" G_GINT64_FORMAT ", 'seg%d.ts', 'complete', %" G_GINT64_FORMAT
               ", %" G_GINT64_FORMAT ")", camera, n++, from, to);
}

static void
outage (Fixture *f, gint64 camera, gint64 from, gint64 to)
{
  if (to == 0)
    execf (f->h, "INSERT INTO outages (camera_id, start_us, reason) VALUES (%" G_GINT64_FORMAT
                 ", %" G_GINT64_FORMAT ", 'unreachable:10.0.0.1:554')", camera, from);
  else
    execf (f->h, "INSERT INTO outages (camera_id, start_us, end_us, reason) VALUES (%"
                 G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'closed')",
           camera, from, to);
}

/* Minutes of link statistics: frames per minute, from..to every minute. */
static void
link_minutes (Fixture *f, gint64 camera, gint64 from, int count, int frames)
{
  for (int i = 0; i < count; i++)
    execf (f->h, "INSERT INTO link_stats (camera_id, minute_us, bytes, frames, keyframes)"
                 " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 100000, %d, 30)",
           camera, from + i * MINUTE, frames);
}

static void
entry (Fixture *f, gint64 camera, const char *kind, gint64 at, const char *note)
{
  CgDbMaintenance m = { .camera_id = camera, .kind = (char *) kind, .at_us = at,
                        .by_user = (char *) "canbo", .cost = -1, .note = (char *) note };
  g_autoptr (GError) error = NULL;
  if (!cg_db_maintenance_add (f->h, &m, at, NULL, NULL, &error))
    fail_msg ("%s", error->message);
}

static int
setup (void **state)
{
  setenv ("TZ", "UTC", 1);
  setenv ("LC_ALL", "C", 1);
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  f->h = cg_db_handle (f->db);
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

static GPtrArray *
overview (Fixture *f)
{
  g_autoptr (CgConfig) config = cg_config_load (NULL, FALSE, NULL);
  CgSuggestRules rules;
  cg_suggest_rules_from_config (config, &rules);
  g_autoptr (GError) error = NULL;
  GPtrArray *all = cg_maintenance_overview (f->h, &rules, NOW, &error);
  if (all == NULL)
    fail_msg ("%s", error->message);
  return all;
}

/* "camera reason since count" for every suggestion, in order. */
static char *
listing (GPtrArray *all)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < all->len; i++)
    {
      const CgUpkeep *u = all->pdata[i];
      for (guint j = 0; j < u->suggestions->len; j++)
        {
          const CgSuggestion *x = &g_array_index (u->suggestions, CgSuggestion, j);
          g_string_append_printf (s, "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                  u->name, x->reason, (NOW - x->since_us) / MINUTE, x->count);
        }
    }
  return g_string_free (s, FALSE);
}

static const CgUpkeep *
find (GPtrArray *all, const char *name)
{
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((CgUpkeep *) all->pdata[i])->name, name))
      return all->pdata[i];
  fail_msg ("no camera %s", name);
  return NULL;
}

static void
test_defaults (void **state)
{
  (void) state;
  g_autoptr (CgConfig) config = cg_config_load (NULL, FALSE, NULL);
  CgSuggestRules r;
  cg_suggest_rules_from_config (config, &r);
  assert_true (r.offline_alert_us == DAY);
  assert_int_equal (r.outages_per_month, 5);
  assert_int_equal (r.weak_link_days, 7);
  assert_int_equal (r.inspect_after_days, 365);
}

static void
test_fixture (void **state)
{
  Fixture *f = *state;
  /* Healthy: recorded throughout, a good line, installed 100 days ago,
   * inspected last month. */
  gint64 healthy = camera (f, "Ấp Đông", "2026-08-21");
  segment (f, healthy, NOW - 30 * DAY, NOW);
  for (int d = 0; d < 10; d++)
    link_minutes (f, healthy, NOW - d * DAY - HOUR, 30, 1500);
  entry (f, healthy, CG_MAINT_INSPECTION, NOW - 30 * DAY, "Ổn");

  /* Offline: down for 30 h, the outage split by a restart of the
   * recorder (no recording between its two rows). */
  gint64 offline = camera (f, "Bến đò", NULL);
  segment (f, offline, NOW - 20 * DAY, NOW - 30 * HOUR);
  outage (f, offline, NOW - 30 * HOUR, NOW - 29 * HOUR);
  outage (f, offline, NOW - 27 * HOUR, 0);

  /* Drops often: 7 short outages in 30 days, recording between them; an
   * eighth 40 days ago does not count. */
  gint64 drops = camera (f, "Cầu tre", NULL);
  segment (f, drops, NOW - 45 * DAY, NOW);
  for (int i = 0; i < 7; i++)
    outage (f, drops, NOW - (3 * i + 1) * DAY, NOW - (3 * i + 1) * DAY + 5 * MINUTE);
  outage (f, drops, NOW - 40 * DAY, NOW - 40 * DAY + 5 * MINUTE);

  /* Weak link for 8 days running (5 frames a second), good before; a
   * day without any minute (the recorder down) neither counts nor
   * breaks the run. */
  gint64 weak = camera (f, "Dốc đá", NULL);
  segment (f, weak, NOW - 30 * DAY, NOW);
  for (int d = 0; d < 9; d++)
    if (d != 4)
      link_minutes (f, weak, NOW - d * DAY - 2 * HOUR, 40, 300);
  link_minutes (f, weak, NOW - 9 * DAY - 2 * HOUR, 40, 1500);
  link_minutes (f, weak, NOW - 10 * DAY - 2 * HOUR, 40, 1500);

  /* Old: installed 400 days ago, never inspected. */
  gint64 old = camera (f, "Gò mả", "2025-10-25");
  segment (f, old, NOW - 30 * DAY, NOW);

  /* A fault reported 3 days ago, an inspection since, no repair. */
  gint64 faulty = camera (f, "Hàng dừa", NULL);
  segment (f, faulty, NOW - 30 * DAY, NOW);
  entry (f, faulty, CG_MAINT_FAULT, NOW - 3 * DAY, "Ống kính mờ");
  entry (f, faulty, CG_MAINT_INSPECTION, NOW - 2 * DAY, "Cần thay");

  /* A fault repaired: nothing. */
  gint64 fixed = camera (f, "Kênh xáng", NULL);
  segment (f, fixed, NOW - 30 * DAY, NOW);
  entry (f, fixed, CG_MAINT_FAULT, NOW - 5 * DAY, "Mất hình");
  entry (f, fixed, CG_MAINT_REPAIR, NOW - 4 * DAY, "Thay nguồn");

  /* The recorder down 12 times: gaps in the recordings and no outage
   * rows, then outage rows of one outage split by 6 restarts. */
  gint64 downtime = camera (f, "Lò gạch", NULL);
  for (int i = 0; i < 12; i++)
    segment (f, downtime, NOW - (2 * i + 2) * DAY, NOW - (2 * i + 1) * DAY);
  for (int i = 0; i < 6; i++)
    outage (f, downtime, NOW - 20 * HOUR + i * HOUR, NOW - 20 * HOUR + i * HOUR + 10 * MINUTE);
  segment (f, downtime, NOW - 10 * HOUR, NOW);

  /* Retired, though offline for days and never inspected: nothing. */
  gint64 retired = camera (f, "Miễu ông", "2024-01-01");
  outage (f, retired, NOW - 5 * DAY, 0);
  entry (f, retired, CG_MAINT_RETIRE, NOW - 4 * DAY, "Hộ dân chuyển nhà");

  g_autoptr (GPtrArray) all = overview (f);
  g_autofree char *got = listing (all);
  assert_string_equal (got,
                       "Bến đò offline 1800 108000\n"
                       "Hàng dừa fault_open 4320 0\n"
                       "Cầu tre outages 43200 7\n"
                       "Dốc đá weak_link 11640 8\n"
                       "Gò mả inspect 576600 400\n");
  /* Then the others, by name. */
  assert_string_equal (((CgUpkeep *) all->pdata[5])->name, "Ấp Đông");
  assert_int_equal (all->len, 9);

  /* Facts of the healthy camera and of the recorder's downtime. */
  const CgUpkeep *h = find (all, "Ấp Đông");
  assert_true (h->uptime == 1.0);
  assert_int_equal (h->outages, 0);
  assert_string_equal (h->last_kind, CG_MAINT_INSPECTION);
  const CgUpkeep *d = find (all, "Lò gạch");
  assert_int_equal (d->outages, 1);
  /* 6 x 10 minutes down in 30 days. */
  assert_true (d->uptime > 1.0 - 61.0 / (30 * 24 * 60) && d->uptime < 1.0 - 59.0 / (30 * 24 * 60));
  const CgUpkeep *o = find (all, "Bến đò");
  /* One outage of 1 h + 27 h, not the 3 h between its rows. */
  assert_int_equal (o->outages, 1);
  assert_true (o->uptime > 1.0 - 28.01 / (30 * 24) && o->uptime < 1.0 - 27.99 / (30 * 24));
  assert_true (find (all, "Miễu ông")->retired);

  /* In words, in the reader's zone. */
  const CgSuggestion *s = &g_array_index (o->suggestions, CgSuggestion, 0);
  g_autoptr (CgMessage) m = cg_suggestion_message (s);
  g_autofree char *text = cg_message_word (m);
  assert_true (g_str_has_prefix (text, "offline since 28/11/2026 04:00:00 ("));
  const CgUpkeep *fa = find (all, "Hàng dừa");
  g_autoptr (CgMessage) fm = cg_suggestion_message (&g_array_index (fa->suggestions, CgSuggestion, 0));
  g_autofree char *ftext = cg_message_word (fm);
  assert_string_equal (ftext, "a fault reported on 26/11/2026 10:00:00 has not been repaired: "
                              "Ống kính mờ");
}

static void
test_thresholds (void **state)
{
  Fixture *f = *state;
  /* Exactly at each limit: nothing yet. */
  gint64 c = camera (f, "Ngã tư", NULL);
  segment (f, c, NOW - 30 * DAY, NOW - DAY);
  outage (f, c, NOW - DAY, 0);
  g_autoptr (CgConfig) config = cg_config_load (NULL, FALSE, NULL);
  CgSuggestRules rules;
  cg_suggest_rules_from_config (config, &rules);
  g_autoptr (GPtrArray) all = cg_maintenance_overview (f->h, &rules, NOW, NULL);
  g_autofree char *got = listing (all);
  assert_string_equal (got, "");
  rules.offline_alert_us = DAY - S;
  g_autoptr (GPtrArray) again = cg_maintenance_overview (f->h, &rules, NOW, NULL);
  g_autofree char *now = listing (again);
  assert_string_equal (now, "Ngã tư offline 1440 86400\n");
}

static void
test_repair_ends_outage_when_last_watched (void **state)
{
  Fixture *f = *state;
  gint64 c = camera (f, "Ngã năm", NULL);
  gint64 other = camera (f, "Ngã sáu", NULL);
  outage (f, c, NOW - 5 * HOUR, 0);
  outage (f, other, NOW - 5 * HOUR, 0);
  /* The daemon last watched it 3 h ago, then stopped; the other camera
   * has no status row: ended at the restart, as before. */
  execf (f->h, "INSERT INTO camera_status (camera_id, state, since_us, updated_us) VALUES (%"
               G_GINT64_FORMAT ", 'offline', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
         c, NOW - 5 * HOUR, NOW - 3 * HOUR);
  int ended = 0;
  g_autoptr (GError) error = NULL;
  assert_true (cg_db_outages_end_all (f->h, NOW, &ended, &error));
  assert_int_equal (ended, 2);
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (f->h, "SELECT end_us FROM outages ORDER BY camera_id", -1,
                                        &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  assert_true (sqlite3_column_int64 (st, 0) == NOW - 3 * HOUR);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  assert_true (sqlite3_column_int64 (st, 0) == NOW);
  sqlite3_finalize (st);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_defaults),
    cmocka_unit_test_setup_teardown (test_fixture, setup, teardown),
    cmocka_unit_test_setup_teardown (test_thresholds, setup, teardown),
    cmocka_unit_test_setup_teardown (test_repair_ends_outage_when_last_watched, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
