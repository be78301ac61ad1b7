/* test_retention.c — the retention planner, the forecast, and the days
 * an officer reads. */
#include "unit.h"

#include "daemon/storage/retention.h"
#include "daemon/storage/usage.h"

#include <math.h>
#include <string.h>

#define DAY CG_RETENTION_DAY_US
#define MIN_US (G_GINT64_CONSTANT (60000000))
#define NOW (G_GINT64_CONSTANT (1800000000000000))

static gint64
id_at (const GArray *a, guint i)
{
  return g_array_index (a, gint64, i);
}

/* Segment i of camera c: one hour long, starting d days ago. */
static CgRetentionSegment
seg (gint64 id, gint64 camera, double days_ago, gint64 bytes)
{
  gint64 start = NOW - (gint64) (days_ago * (double) DAY);
  return (CgRetentionSegment) { id, camera, start, start + 60 * MIN_US, bytes, FALSE };
}

static CgRetentionInput
input (const CgRetentionSegment *s, gsize n)
{
  return (CgRetentionInput) {
    .now_us = NOW, .full_rate_us = 7 * DAY, .retention_target_us = 30 * DAY,
    .quota_bytes = 1000000, .min_free_bytes = 0, .free_bytes = 1000000000,
    .reserve_bytes = 0, .segments = s, .n_segments = n,
  };
}

static void
test_empty_history (void **state)
{
  (void) state;
  CgRetentionInput in = input (NULL, 0);
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.delete_ids->len, 0);
  assert_int_equal (plan.thin_ids->len, 0);
  assert_int_equal (plan.used_bytes, 0);
  assert_false (plan.over_quota);
  cg_retention_plan_clear (&plan);

  /* Even with free space below the floor there is nothing to delete and
   * nothing to plan. */
  in.min_free_bytes = 100;
  in.free_bytes = 10;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.delete_ids->len, 0);
  assert_true (plan.min_free_unreachable);
  cg_retention_plan_clear (&plan);

  CgForecast f;
  cg_forecast_compute (NULL, 0, 1e9, 0, 7 * DAY, 30 * DAY, &f);
  assert_true (f.days < 0);
  assert_false (f.below_target);
  cg_forecast_clear (&f);

  /* A camera that wrote nothing in 24 h has no forecast of its own. */
  CgForecastCamera idle = { 1, 0, 1, 0, 0 };
  cg_forecast_compute (&idle, 1, 1e9, 0, 7 * DAY, 30 * DAY, &f);
  assert_true (f.days < 0);
  assert_true (f.cameras[0].days < 0);
  cg_forecast_clear (&f);
}

static void
test_thin_after_full_rate_days (void **state)
{
  (void) state;
  CgRetentionSegment s[] = {
    seg (1, 1, 1, 100), seg (2, 1, 8, 100), seg (3, 2, 9, 100), seg (4, 2, 10, 100),
  };
  s[3].thinned = TRUE;
  CgRetentionInput in = input (s, G_N_ELEMENTS (s));
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.delete_ids->len, 0);
  /* Oldest first across cameras; the thinned one and the young one not. */
  assert_int_equal (plan.thin_ids->len, 2);
  assert_int_equal (id_at (plan.thin_ids, 0), 3);
  assert_int_equal (id_at (plan.thin_ids, 1), 2);
  cg_retention_plan_clear (&plan);
}

static void
test_delete_oldest_first_across_cameras (void **state)
{
  (void) state;
  CgRetentionSegment s[] = {
    seg (1, 1, 1, 400), seg (2, 2, 3, 400), seg (3, 1, 5, 400), seg (4, 3, 4, 400),
  };
  CgRetentionInput in = input (s, G_N_ELEMENTS (s));
  in.quota_bytes = 850; /* 1600 used: 750 to free, two segments */
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_true (plan.over_quota);
  assert_int_equal (plan.need_bytes, 750);
  assert_int_equal (plan.delete_ids->len, 2);
  assert_int_equal (id_at (plan.delete_ids, 0), 3);
  assert_int_equal (id_at (plan.delete_ids, 1), 4);
  assert_int_equal (plan.freed_bytes, 800);
  assert_int_equal (plan.shortfall_bytes, 0);
  cg_retention_plan_clear (&plan);

  /* The free-space floor drives deletion the same way. */
  in.quota_bytes = 1000000;
  in.min_free_bytes = 1000;
  in.free_bytes = 900;
  cg_retention_plan (&in, &plan);
  assert_true (plan.under_min_free);
  assert_false (plan.min_free_unreachable);
  assert_int_equal (plan.delete_ids->len, 1);
  assert_int_equal (id_at (plan.delete_ids, 0), 3);
  cg_retention_plan_clear (&plan);
}

static void
test_ties (void **state)
{
  (void) state;
  /* Same start on three cameras, in a scrambled order: the lower camera
   * id goes first, then the lower segment id. */
  CgRetentionSegment s[] = {
    seg (7, 3, 10, 100), seg (5, 1, 10, 100), seg (6, 2, 10, 100), seg (4, 2, 10, 100),
  };
  CgRetentionInput in = input (s, G_N_ELEMENTS (s));
  in.quota_bytes = 150;
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.delete_ids->len, 3);
  assert_int_equal (id_at (plan.delete_ids, 0), 5);
  assert_int_equal (id_at (plan.delete_ids, 1), 4);
  assert_int_equal (id_at (plan.delete_ids, 2), 6);
  /* The one left is old enough to thin. */
  assert_int_equal (plan.thin_ids->len, 1);
  assert_int_equal (id_at (plan.thin_ids, 0), 7);
  cg_retention_plan_clear (&plan);
}

static void
test_protected_ranges (void **state)
{
  (void) state;
  CgRetentionSegment s[] = {
    seg (1, 1, 20, 100), seg (2, 2, 20, 100), seg (3, 1, 19, 100), seg (4, 1, 18, 100),
  };
  /* Evidence touching the end of segment 1 (camera 1) and all of 3; the
   * same time on camera 2 is not evidence. */
  CgRetentionRange r[] = {
    { 1, s[0].end_us - 1, s[0].end_us + 10 },
    { 1, s[2].start_us + 5, s[2].start_us + 6 },
  };
  CgRetentionInput in = input (s, G_N_ELEMENTS (s));
  in.ranges = r;
  in.n_ranges = G_N_ELEMENTS (r);
  assert_true (cg_retention_is_protected (&s[0], r, 2));
  assert_false (cg_retention_is_protected (&s[1], r, 2));
  /* A range that ends where a segment starts does not protect it. */
  CgRetentionRange edge = { 1, s[3].start_us - 10, s[3].start_us };
  assert_false (cg_retention_is_protected (&s[3], &edge, 1));

  in.quota_bytes = 0; /* everything should go */
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.protected_bytes, 200);
  assert_int_equal (plan.delete_ids->len, 2);
  assert_int_equal (id_at (plan.delete_ids, 0), 2);
  assert_int_equal (id_at (plan.delete_ids, 1), 4);
  assert_int_equal (plan.shortfall_bytes, 200);
  /* Nothing protected is thinned either. */
  assert_int_equal (plan.thin_ids->len, 0);
  cg_retention_plan_clear (&plan);

  /* All protected: nothing to do, all of it short. */
  CgRetentionRange all = { 1, 0, G_MAXINT64 };
  CgRetentionSegment only[] = { seg (1, 1, 20, 100), seg (2, 1, 19, 100) };
  CgRetentionInput in2 = input (only, 2);
  in2.ranges = &all;
  in2.n_ranges = 1;
  in2.quota_bytes = 50;
  cg_retention_plan (&in2, &plan);
  assert_int_equal (plan.delete_ids->len, 0);
  assert_int_equal (plan.thin_ids->len, 0);
  assert_int_equal (plan.shortfall_bytes, 150);
  cg_retention_plan_clear (&plan);
}

static void
test_min_free_unreachable_keeps_footage (void **state)
{
  (void) state;
  CgRetentionSegment s[] = { seg (1, 1, 3, 100), seg (2, 1, 2, 100), seg (3, 1, 1, 100) };
  CgRetentionInput in = input (s, G_N_ELEMENTS (s));
  /* Other data fills the disk: deleting all 300 bytes would not give
   * 10000 free, so only the reserve is made. */
  in.min_free_bytes = 10000;
  in.free_bytes = 50;
  in.reserve_bytes = 120;
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_true (plan.min_free_unreachable);
  assert_int_equal (plan.need_bytes, 70);
  assert_int_equal (plan.delete_ids->len, 1);
  assert_int_equal (id_at (plan.delete_ids, 0), 1);
  cg_retention_plan_clear (&plan);

  /* With the reserve there already, nothing at all. */
  in.free_bytes = 500;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.delete_ids->len, 0);
  cg_retention_plan_clear (&plan);
}

static void
test_per_camera_overrides (void **state)
{
  (void) state;
  /* Camera 2 keeps 60 days, the rest 30: camera 1's 20-day-old footage
   * (10 days short of its target) goes before camera 2's 40-day-old
   * footage (20 short), which ties with camera 1's 10-day-old segment:
   * the lower camera id first. */
  CgRetentionSegment s[] = { seg (1, 1, 20, 100), seg (2, 2, 40, 100), seg (3, 1, 10, 100),
                             seg (4, 3, 3, 100) };
  CgRetentionCamera cams[] = { { 2, 0, 60 * DAY }, { 3, 2 * DAY, 0 } };
  CgRetentionInput in = input (s, G_N_ELEMENTS (s));
  in.cameras = cams;
  in.n_cameras = G_N_ELEMENTS (cams);
  in.quota_bytes = 250;
  CgRetentionPlan plan;
  cg_retention_plan (&in, &plan);
  assert_int_equal (plan.delete_ids->len, 2);
  assert_int_equal (id_at (plan.delete_ids, 0), 1);
  assert_int_equal (id_at (plan.delete_ids, 1), 3);
  /* Camera 3 thins after 2 days, so its 3-day-old segment is thinned;
   * camera 2's 40-day-old one too (7-day default). */
  assert_int_equal (plan.thin_ids->len, 2);
  assert_int_equal (id_at (plan.thin_ids, 0), 2);
  assert_int_equal (id_at (plan.thin_ids, 1), 4);
  cg_retention_plan_clear (&plan);
}

static void
test_forecast (void **state)
{
  (void) state;
  /* 28 cameras at 2 Mbit/s: 21.6 GB a day each. */
  double per_day = 2e6 / 8 * 86400;
  CgForecastCamera cams[28];
  for (int i = 0; i < 28; i++)
    cams[i] = (CgForecastCamera) { i + 1, per_day, 1.0, 0, 0 };
  CgForecast f;
  double quota = 4e12;
  cg_forecast_compute (cams, 28, quota, 0, 7 * DAY, 30 * DAY, &f);
  /* No thinning: quota / rate. */
  assert_true (fabs (f.days - quota / (28 * per_day)) < 1e-3);
  assert_true (f.below_target);
  assert_true (fabs (f.bytes_needed - 30 * 28 * per_day) < 1);
  assert_true (fabs (f.cameras[5].days - f.days) < 1e-9);
  cg_forecast_clear (&f);

  /* Thinned to 10% after 7 days, on twice the disk. */
  quota = 8e12;
  for (int i = 0; i < 28; i++)
    cams[i].thin_ratio = 0.1;
  cg_forecast_compute (cams, 28, quota, 0, 7 * DAY, 30 * DAY, &f);
  double expect = 7 + (quota - 7 * 28 * per_day) / (0.1 * 28 * per_day);
  assert_true (fabs (f.days - expect) < 1e-3);
  assert_false (f.below_target);
  cg_forecast_clear (&f);

  /* Protected footage comes off the space; a space smaller than it is
   * zero days, not negative. */
  cg_forecast_compute (cams, 28, quota, quota * 2, 7 * DAY, 30 * DAY, &f);
  assert_true (f.days == 0);
  assert_true (f.below_target);
  assert_true (f.bytes_needed > quota * 2);
  cg_forecast_clear (&f);

  /* A camera with a 40-day target keeps 10 days more than the others. */
  CgForecastCamera two[] = { { 1, per_day, 1, 0, 0 }, { 2, per_day, 1, 0, 40 * DAY } };
  cg_forecast_compute (two, 2, 30 * per_day, 0, 7 * DAY, 30 * DAY, &f);
  assert_true (fabs (f.cameras[1].days - f.cameras[0].days - 10) < 1e-6);
  assert_true (fabs (f.cameras[0].days - 10) < 1e-6);
  assert_true (f.below_target);
  cg_forecast_clear (&f);
}

/* Days are cut to a tenth, never rounded up, and a forecast that is
 * exactly a whole number of days reads as that number. */
static void
test_days_shown (void **state)
{
  (void) state;
  assert_true (cg_retention_days_shown (-1) < 0);
  assert_true (cg_retention_days_shown (-0.5) < 0);
  assert_true (cg_retention_days_shown (0) == 0);
  assert_true (cg_retention_days_shown (0.09) == 0);
  assert_true (cg_retention_days_shown (2.96) == 2.9);
  assert_true (cg_retention_days_shown (2.94) == 2.9);
  assert_true (cg_retention_days_shown (29.95) == 29.9);
  assert_true (cg_retention_days_shown (2.9999999995) == 3.0);
  /* Every tenth reads as itself, whatever its binary spelling. */
  for (int k = 0; k <= 36500; k++)
    {
      char want[32], got[32];
      g_snprintf (want, sizeof want, "%d.%d", k / 10, k % 10);
      g_snprintf (got, sizeof got, "%.1f", cg_retention_days_shown (k / 10.0));
      assert_string_equal (got, want);
    }

  /* Room for exactly 3 days: the bisection lands a hair under, the
   * figure still says 3.0. */
  CgForecastCamera cam = { 1, 1e9, 1.0, 0, 0 };
  CgForecast f;
  cg_forecast_compute (&cam, 1, 3e9, 0, 7 * DAY, 30 * DAY, &f);
  assert_true (fabs (f.days - 3) < 1e-6);
  assert_true (cg_retention_days_shown (f.days) == 3.0);
  cg_forecast_clear (&f);
}

static JsonObject *
alert_of (JsonArray *alerts, guint i)
{
  assert_true (i < json_array_get_length (alerts));
  return json_array_get_object_element (alerts, i);
}

/* One reply, one value per quantity: an officer once read "3,0 days" on
 * one line and "2,9" on the next.  Here the camera has kept 2.96 days and
 * the disk holds 2.94: the days kept, the forecast (overall and per
 * camera) and the alert's figure and sentence all read 2.9, and the
 * alert follows from this report, not from the manager's older one. */
static void
test_reply_figures_agree (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) config = cg_config_load (NULL, FALSE, &error);
  assert_non_null (config);
  double per_day = 1e9;
  CgStorageReport r = {
    .now_us = NOW, .disk_known = TRUE, .disk_bytes = (guint64) 1e12, .free_bytes = (guint64) 5e11,
    .quota_bytes = (guint64) (2.94 * per_day), .limit_bytes = (guint64) (2.94 * per_day),
    .used_bytes = (guint64) (2.9 * per_day), .thin_ratio = 1,
    .cameras = g_array_new (FALSE, TRUE, sizeof (CgStorageCamera)),
    .rates = g_new0 (CgForecastCamera, 1),
  };
  CgStorageCamera cam = { .id = 1, .name = g_strdup ("Cam 1"), .bytes = (gint64) r.used_bytes,
                          .oldest_us = NOW - (gint64) (2.96 * (double) DAY) };
  g_array_append_val (r.cameras, cam);
  r.rates[0] = (CgForecastCamera) { 1, per_day, 1.0, 0, 0 };
  cg_forecast_compute (r.rates, 1, (double) r.limit_bytes, 0, config->full_rate_us,
                       config->retention_target_us, &r.forecast);
  assert_true (fabs (r.forecast.days - 2.94) < 1e-6);
  assert_true (r.forecast.below_target);

  /* What the manager published a while ago: a forecast of 3.0 days, and
   * an alert about its plan that the figures cannot say. */
  g_autoptr (CgStorageState) published = cg_storage_state_new ();
  JsonArray *old = json_array_new ();
  json_array_add_element (old, cg_storage_alert_new ("retention_below_target", g_strdup ("old"),
                                                     "days", 3.0, "target_days", 30.0, NULL));
  json_array_add_element (old, cg_storage_alert_new ("cannot_free", g_strdup ("evidence"),
                                                     "shortfall_bytes", 1.0, "protected_bytes", 2.0,
                                                     NULL));
  json_array_add_element (old, cg_storage_alert_new ("from_a_later_version", g_strdup ("?"), NULL));
  cg_storage_state_set_alerts (published, json_node_init_array (json_node_alloc (), old));

  g_autoptr (JsonNode) reply = cg_storage_report_to_json (&r, config, published);
  JsonObject *o = json_node_get_object (reply);
  assert_true (json_object_get_double_member (o, "forecast_days") == 2.9);
  assert_true (json_object_get_double_member (o, "target_days") == 30.0);
  JsonObject *c = json_array_get_object_element (json_object_get_array_member (o, "cameras"), 0);
  assert_true (json_object_get_double_member (c, "days_kept") == 2.9);
  assert_true (json_object_get_double_member (c, "forecast_days") == 2.9);

  JsonArray *alerts = json_object_get_array_member (o, "alerts");
  assert_int_equal (json_array_get_length (alerts), 3);
  /* The manager's order: what it could not free comes first. */
  assert_string_equal (json_object_get_string_member (alert_of (alerts, 0), "code"), "cannot_free");
  JsonObject *a = alert_of (alerts, 1);
  assert_string_equal (json_object_get_string_member (a, "code"), "retention_below_target");
  assert_true (json_object_get_double_member (a, "days") == 2.9);
  assert_true (json_object_get_double_member (a, "target_days") == 30.0);
  const char *message = json_object_get_string_member (a, "message");
  assert_non_null (strstr (message, "kept 2.9 days"));
  assert_non_null (strstr (message, "target of 30.0 days"));
  assert_string_equal (json_object_get_string_member (alert_of (alerts, 2), "code"),
                       "from_a_later_version");

  /* With the disk's worth of footage for the target, no such alert. */
  r.forecast.below_target = FALSE;
  g_autoptr (JsonNode) fine = cg_storage_reply_alerts (&r, published);
  assert_int_equal (json_array_get_length (json_node_get_array (fine)), 2);
  g_free (g_array_index (r.cameras, CgStorageCamera, 0).name);
  cg_storage_report_clear (&r);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_empty_history),
    cmocka_unit_test (test_thin_after_full_rate_days),
    cmocka_unit_test (test_delete_oldest_first_across_cameras),
    cmocka_unit_test (test_ties),
    cmocka_unit_test (test_protected_ranges),
    cmocka_unit_test (test_min_free_unreachable_keeps_footage),
    cmocka_unit_test (test_per_camera_overrides),
    cmocka_unit_test (test_forecast),
    cmocka_unit_test (test_days_shown),
    cmocka_unit_test (test_reply_figures_agree),
  };
  return cmocka_run_group_tests_name ("retention", tests, NULL, NULL);
}
