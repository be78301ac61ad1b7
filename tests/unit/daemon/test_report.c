/* test_report.c — the figures of a periodic report from a database whose
 * every figure is known (tests/data/report-fixture.sql says how each
 * expected number is reckoned): the recorder's downtime apart from the
 * cameras', each camera's uptime and outages, the link's weak days,
 * incidents, exports, the comparison with the month before, and the
 * recommendations with their order; the spans arithmetic under them; and
 * a period with nothing recorded. */
#include "unit.h"

#include "common/config.h"
#include "common/period.h"
#include "daemon/db/db.h"
#include "daemon/db/runs.h"
#include "daemon/report/report.h"
#include "daemon/report/spans.h"
#include "daemon/report/uptime.h"

#include <string.h>

#define S G_GINT64_CONSTANT (1000000)
#define B G_GINT64_CONSTANT (1761930000) /* 01/11/2025 00:00 +07 */
#define D G_GINT64_CONSTANT (86400)
#define H G_GINT64_CONSTANT (3600)

typedef struct {
  char *dir;
  CgDb *db;
  GTimeZone *tz;
  CgConfig *config;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  g_autofree char *sql = NULL;
  assert_true (g_file_get_contents (TOP_SRCDIR "/tests/data/report-fixture.sql", &sql, NULL, NULL));
  char *err = NULL;
  if (sqlite3_exec (cg_db_handle (f->db), sql, NULL, NULL, &err) != SQLITE_OK)
    fail_msg ("the fixture: %s", err);
  f->tz = g_time_zone_new_identifier ("ICT-7");
  f->config = cg_config_load (NULL, FALSE, NULL);
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
  g_time_zone_unref (f->tz);
  cg_config_free (f->config);
  g_free (f);
  return 0;
}

static JsonObject *
build (Fixture *f, const char *text, JsonNode *storage, JsonNode **root)
{
  CgPeriod p;
  assert_true (cg_period_parse (text, &p, NULL));
  g_autoptr (GError) error = NULL;
  *root = cg_report_build (cg_db_handle (f->db), f->config->report_camera_distance, &p, f->tz,
                           (B + 31 * D) * S, storage, &error);
  if (*root == NULL)
    fail_msg ("%s", error->message);
  cg_report_add_config (json_node_get_object (*root), f->config);
  return json_node_get_object (*root);
}

static JsonObject *
camera (JsonObject *r, const char *name)
{
  JsonArray *a = json_object_get_array_member (r, "cameras");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      if (g_str_equal (json_object_get_string_member (c, "name"), name))
        return c;
    }
  fail_msg ("no camera %s", name);
  return NULL;
}

static double
num (JsonObject *o, const char *member)
{
  return json_object_get_double_member (o, member);
}

static void
test_november (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) storage = json_from_string (
    "{\"used_bytes\": 900, \"limit_bytes\": 1000, \"disk_bytes\": 5000, \"forecast_days\": 21.4,"
    " \"target_days\": 30.0, \"needed_bytes\": 1400, \"below_target\": true,"
    " \"cameras\": [{\"name\": \"Chợ Hoàng Kim\", \"removed\": false, \"days_kept\": 21.4,"
    " \"target_days\": 30.0, \"bytes\": 600}]}", NULL);
  g_autoptr (JsonNode) root = NULL;
  JsonObject *r = build (f, "2025-11", storage, &root);

  JsonObject *period = json_object_get_object_member (r, "period");
  assert_string_equal (json_object_get_string_member (period, "code"), "2025-11");
  assert_string_equal (json_object_get_string_member (period, "from"), "2025-10-31T17:00:00.000Z");
  assert_int_equal (json_object_get_int_member (period, "days"), 30);
  assert_string_equal (json_object_get_string_member (json_object_get_object_member (r, "previous"),
                                                      "code"), "2025-10");
  assert_true (json_object_get_boolean_member (r, "has_data"));

  /* The recorder: down 2 H and 6 H. */
  JsonObject *rec = json_object_get_object_member (r, "recorder");
  assert_int_equal (json_object_get_int_member (rec, "up"), 712 * H);
  assert_int_equal (json_object_get_int_member (rec, "down"), 8 * H);
  assert_int_equal (json_object_get_int_member (rec, "stops"), 2);
  assert_int_equal (json_object_get_int_member (rec, "longest_down"), 6 * H);

  /* The cameras, in Vietnamese order, with their uptime. */
  JsonArray *cams = json_object_get_array_member (r, "cameras");
  assert_int_equal (json_array_get_length (cams), 4);
  const char *order[] = { "Bến đò", "Chợ Hoàng Kim", "Cổng trường", "Ngã ba" };
  for (guint i = 0; i < 4; i++)
    assert_string_equal (json_object_get_string_member (json_array_get_object_element (cams, i),
                                                        "name"), order[i]);
  JsonObject *cho = camera (r, "Chợ Hoàng Kim");
  assert_int_equal (json_object_get_int_member (cho, "observed"), 712 * H);
  assert_int_equal (json_object_get_int_member (cho, "outage_time"), 12 * H);
  assert_int_equal (json_object_get_int_member (cho, "outages"), 2);
  assert_int_equal (json_object_get_int_member (cho, "longest_outage"), 10 * H);
  assert_float_equal (num (cho, "uptime"), 0.9831, 1e-9);
  JsonArray *reasons = json_object_get_array_member (cho, "reasons");
  assert_int_equal (json_array_get_length (reasons), 2);
  JsonObject *first = json_array_get_object_element (reasons, 0);
  assert_string_equal (json_object_get_string_member (first, "reason"), "unreachable");
  assert_int_equal (json_object_get_int_member (first, "time"), 10 * H);
  assert_int_equal (json_object_get_int_member (json_array_get_object_element (reasons, 1),
                                                "time"), 2 * H);
  assert_int_equal (json_object_get_int_member (cho, "motion_events"), 3);
  assert_int_equal (json_object_get_int_member (cho, "incidents"), 2);
  assert_float_equal (num (cho, "days_kept"), 21.4, 1e-9);
  assert_true (json_node_is_null (json_object_get_member (cho, "median_fps")));

  JsonObject *nga = camera (r, "Ngã ba");
  assert_float_equal (num (nga, "uptime"), 0.8989, 1e-9);
  assert_int_equal (json_object_get_int_member (nga, "weak_days"), 8);
  assert_float_equal (num (nga, "median_kbps"), 2000.0, 1e-9);
  assert_float_equal (num (nga, "median_fps"), 25.0, 1e-9);
  assert_int_equal (json_object_get_int_member (nga, "incidents"), 1);
  assert_true (json_node_is_null (json_object_get_member (nga, "days_kept")));

  JsonObject *ben = camera (r, "Bến đò");
  assert_int_equal (json_object_get_int_member (ben, "observed"), 354 * H);
  assert_float_equal (num (ben, "uptime"), 1.0, 1e-9);
  JsonObject *cong = camera (r, "Cổng trường");
  assert_int_equal (json_object_get_int_member (cong, "observed"), 72 * H);
  assert_true (json_object_get_boolean_member (cong, "removed"));

  JsonObject *t = json_object_get_object_member (r, "totals");
  assert_int_equal (json_object_get_int_member (t, "cameras"), 4);
  assert_float_equal (num (t, "uptime"), 0.9546, 1e-9);
  assert_int_equal (json_object_get_int_member (t, "outages"), 3);
  assert_int_equal (json_object_get_int_member (t, "outage_time"), 84 * H);
  assert_int_equal (json_object_get_int_member (t, "weak_link_cameras"), 1);
  JsonObject *funding = json_object_get_object_member (t, "funding");
  assert_int_equal (json_object_get_int_member (funding, "budget"), 2);
  assert_int_equal (json_object_get_int_member (funding, "community"), 1);
  assert_int_equal (json_object_get_int_member (funding, "unknown"), 1);
  assert_int_equal (json_object_get_int_member (t, "hosted"), 1);
  JsonObject *hosts = json_object_get_object_member (t, "hosts");
  assert_int_equal (json_object_get_int_member (hosts, "household"), 1);
  assert_int_equal (json_object_get_int_member (hosts, "business"), 0);
  assert_string_equal (json_object_get_string_member (nga, "donor"), "Nhà ông Ba");

  JsonObject *inc = json_object_get_object_member (r, "incidents");
  assert_int_equal (json_object_get_int_member (inc, "total"), 3);
  assert_int_equal (json_object_get_int_member (inc, "helped"), 1);
  assert_int_equal (json_object_get_int_member (inc, "not_helped"), 1);
  assert_int_equal (json_object_get_int_member (inc, "unknown_help"), 1);
  JsonObject *kind = json_array_get_object_element (json_object_get_array_member (inc, "by_kind"), 0);
  assert_string_equal (json_object_get_string_member (kind, "kind"), "trom_cap");
  assert_string_equal (json_object_get_string_member (kind, "label"), "trộm cắp");
  assert_int_equal (json_object_get_int_member (kind, "count"), 2);
  JsonObject *place = json_array_get_object_element (json_object_get_array_member (inc, "by_place"), 0);
  assert_string_equal (json_object_get_string_member (place, "place"), "Cổng chợ");
  JsonObject *exp = json_object_get_object_member (r, "exports");
  assert_int_equal (json_object_get_int_member (exp, "count"), 2);
  assert_int_equal (json_object_get_int_member (exp, "bytes"), 3000);
  assert_int_equal (json_object_get_int_member (exp, "for_incidents"), 1);

  /* The maintenance log of the month. */
  JsonObject *work = json_object_get_object_member (r, "maintenance");
  JsonObject *counts = json_object_get_object_member (work, "counts");
  assert_int_equal (json_object_get_int_member (counts, "fault"), 2);
  assert_int_equal (json_object_get_int_member (counts, "repair"), 2);
  assert_int_equal (json_object_get_int_member (counts, "replace"), 1);
  assert_int_equal (json_object_get_int_member (work, "cost"), 1750000);
  assert_int_equal (json_object_get_int_member (work, "open_faults"), 1);
  assert_int_equal (json_array_get_length (json_object_get_array_member (work, "entries")), 5);
  assert_int_equal (json_object_get_int_member (cho, "replacements"), 1);
  assert_int_equal (json_object_get_int_member (cho, "maintenance_cost"), 1550000);
  assert_int_equal (json_object_get_int_member (nga, "faults"), 1);

  /* In order of urgency: the recorder, the camera to repair, the fault
   * not followed up, the link, the disk, the spot without a camera. */
  JsonArray *rec_list = json_object_get_array_member (r, "recommendations");
  const char *codes[] = { "recorder_down", "repair_camera", "follow_fault", "upgrade_link",
                          "add_disk", "camera_spot" };
  assert_int_equal (json_array_get_length (rec_list), G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_string_equal (json_object_get_string_member (json_array_get_object_element (rec_list, i),
                                                        "code"), codes[i]);
  JsonObject *repair = json_array_get_object_element (rec_list, 1);
  assert_string_equal (json_object_get_string_member (repair, "camera"), "Ngã ba");
  assert_string_equal (json_object_get_string_member (repair, "reason"), "refused");
  assert_string_equal (json_object_get_string_member (repair, "host_phone"), "0912 345 678");
  JsonObject *follow = json_array_get_object_element (rec_list, 2);
  assert_string_equal (json_object_get_string_member (follow, "camera"), "Bến đò");
  assert_string_equal (json_object_get_string_member (follow, "note"), "Ống kính mờ");
  JsonObject *spot = json_array_get_object_element (rec_list, 5);
  assert_string_equal (json_object_get_string_member (spot, "nearest"), "Bến đò");
  assert_float_equal (num (spot, "distance"), 14.1421, 1e-9);
  assert_int_equal (json_object_get_int_member (spot, "incidents"), 1);

  /* October: 120 H up, nothing out, one incident, one export, one
   * motion event. */
  JsonObject *cmp = json_object_get_object_member (r, "compare");
  assert_float_equal (num (cmp, "uptime"), 1.0, 1e-9);
  assert_int_equal (json_object_get_int_member (cmp, "outages"), 0);
  assert_int_equal (json_object_get_int_member (cmp, "recorder_down"), 0);
  assert_int_equal (json_object_get_int_member (cmp, "incidents"), 1);
  assert_int_equal (json_object_get_int_member (cmp, "exports"), 1);
  assert_int_equal (json_object_get_int_member (cmp, "motion_events"), 1);
  assert_int_equal (json_object_get_int_member (cmp, "faults"), 1);
  assert_int_equal (json_object_get_int_member (cmp, "maintenance_cost"), 100000);
}

/* Before anything was recorded: no data, and the comparison empty. */
static void
test_nothing_recorded (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *r = build (f, "2024-Q1", NULL, &root);
  assert_false (json_object_get_boolean_member (r, "has_data"));
  assert_string_equal (json_object_get_string_member (r, "data_from"), "2025-10-26T17:00:00.000Z");
  JsonObject *rec = json_object_get_object_member (r, "recorder");
  assert_int_equal (json_object_get_int_member (rec, "down"), 0);
  JsonObject *t = json_object_get_object_member (r, "totals");
  assert_true (json_node_is_null (json_object_get_member (t, "uptime")));
  JsonObject *cmp = json_object_get_object_member (r, "compare");
  assert_true (json_node_is_null (json_object_get_member (cmp, "uptime")));
  assert_true (json_node_is_null (json_object_get_member (cmp, "incidents")));
  assert_true (json_node_is_null (json_object_get_member (r, "storage")));
}

static GArray *
spans (const gint64 *v, guint n)
{
  GArray *a = cg_spans_new ();
  for (guint i = 0; i + 1 < n; i += 2)
    cg_spans_add (a, v[i], v[i + 1]);
  return a;
}

static void
assert_spans (const GArray *a, const gint64 *v, guint n)
{
  assert_int_equal (a->len, n / 2);
  for (guint i = 0; i < a->len; i++)
    {
      assert_int_equal (g_array_index (a, CgSpan, i).from_us, v[2 * i]);
      assert_int_equal (g_array_index (a, CgSpan, i).to_us, v[2 * i + 1]);
    }
}

static void
test_spans (void **state)
{
  /* Added in any order, merged where they touch. */
  const gint64 in[] = { 50, 60, 10, 20, 20, 30, 55, 70, 80, 80 };
  g_autoptr (GArray) a = spans (in, G_N_ELEMENTS (in));
  const gint64 merged[] = { 10, 30, 50, 70 };
  assert_spans (a, merged, G_N_ELEMENTS (merged));
  assert_int_equal (cg_spans_total (a), 40);
  const gint64 bv[] = { 0, 15, 25, 52, 65, 100 };
  g_autoptr (GArray) b = spans (bv, G_N_ELEMENTS (bv));
  g_autoptr (GArray) both = cg_spans_intersect (a, b);
  const gint64 inter[] = { 10, 15, 25, 30, 50, 52, 65, 70 };
  assert_spans (both, inter, G_N_ELEMENTS (inter));
  g_autoptr (GArray) rest = cg_spans_subtract (a, b);
  const gint64 sub[] = { 15, 25, 52, 65 };
  assert_spans (rest, sub, G_N_ELEMENTS (sub));
}

/* Two outages overlapping count their time once; one outside the
 * watched time does not count. */
static void
test_overlapping_outages (void **state)
{
  const gint64 watched[] = { 0, 100 };
  g_autoptr (GArray) observed = spans (watched, 2);
  g_autoptr (GArray) outages = g_array_new (FALSE, FALSE, sizeof (CgOutageSpan));
  CgOutageSpan o[] = { { 20, 50, (char *) "stalled:10" }, { 40, 60, (char *) "unreachable:x" },
                       { 150, 160, (char *) "auth" } };
  g_array_append_vals (outages, o, 3);
  CgUptime u;
  cg_uptime_compute (observed, outages, &u);
  assert_int_equal (u.outages, 2);
  assert_int_equal (u.down_us, 40);
  assert_int_equal (u.longest_us, 30);
  assert_float_equal (cg_uptime_share (&u), 0.6, 1e-9);
  cg_uptime_clear (&u);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_november, setup, teardown),
    cmocka_unit_test_setup_teardown (test_nothing_recorded, setup, teardown),
    cmocka_unit_test (test_spans),
    cmocka_unit_test (test_overlapping_outages),
  };
  return cmocka_run_group_tests_name ("report", tests, NULL, NULL);
}
