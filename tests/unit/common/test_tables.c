/* test_tables.c — the tables every reader shares: camera states,
 * storage alerts and the reasons a camera is not recording. */
#include "unit.h"

#include "common/alert.h"
#include "common/camera_state.h"
#include "common/reason.h"

#include <locale.h>
#include <string.h>

static void
test_states (void **state)
{
  /* Worst first: offline, then the states that may recover, then what
   * cannot be known, then recording, then what is turned off. */
  static const char *const worst_first[] = {
    CG_STATE_OFFLINE, CG_STATE_STALLED, CG_STATE_CONNECTING, CG_STATE_UNKNOWN,
    CG_STATE_RECORDING, CG_STATE_DISABLED,
  };
  for (size_t i = 1; i < G_N_ELEMENTS (worst_first); i++)
    if (cg_camera_state_rank (worst_first[i - 1]) >= cg_camera_state_rank (worst_first[i]))
      fail_msg ("%s does not sort before %s", worst_first[i - 1], worst_first[i]);
  assert_int_equal (cg_camera_state_role (CG_STATE_RECORDING), CG_STATE_ROLE_OK);
  assert_int_equal (cg_camera_state_role (CG_STATE_OFFLINE), CG_STATE_ROLE_BAD);
  assert_int_equal (cg_camera_state_role (CG_STATE_STALLED), CG_STATE_ROLE_WARNING);
  /* Not knowing is never shown as good news. */
  assert_int_equal (cg_camera_state_role (CG_STATE_UNKNOWN), CG_STATE_ROLE_MUTED);
  assert_string_equal (cg_camera_state_label (CG_STATE_RECORDING), "recording");
  assert_string_equal (cg_camera_state_label (CG_STATE_UNKNOWN), "unknown");
  /* A code from a newer daemon, or none: unknown, not a crash. */
  assert_string_equal (cg_camera_state_lookup ("rebooting")->code, CG_STATE_UNKNOWN);
  assert_string_equal (cg_camera_state_lookup (NULL)->code, CG_STATE_UNKNOWN);
  assert_true (cg_camera_state_is_live (CG_STATE_RECORDING));
  assert_false (cg_camera_state_is_live (CG_STATE_UNKNOWN));
  assert_true (cg_camera_state_is_down (CG_STATE_CONNECTING));
  assert_true (cg_camera_state_is_down (CG_STATE_OFFLINE));
  assert_false (cg_camera_state_is_down (CG_STATE_DISABLED));
  assert_false (cg_camera_state_is_down (CG_STATE_UNKNOWN));
  /* Every state has its own marker on a terminal without UTF-8, except
   * the two that need the same attention. */
  assert_string_not_equal (cg_camera_state_lookup (CG_STATE_UNKNOWN)->ascii,
                           cg_camera_state_lookup (CG_STATE_RECORDING)->ascii);
  assert_string_not_equal (cg_camera_state_lookup (CG_STATE_UNKNOWN)->ascii,
                           cg_camera_state_lookup (CG_STATE_DISABLED)->ascii);
}

static JsonObject *
alert (const char *json)
{
  JsonNode *n = json_from_string (json, NULL);
  assert_non_null (n);
  JsonObject *o = json_object_ref (json_node_get_object (n));
  json_node_unref (n);
  return o;
}

static void
expect_text (const char *json, const char *text)
{
  JsonObject *a = alert (json);
  g_autofree char *got = cg_alert_describe (a);
  json_object_unref (a);
  /* GLib puts a no-break space between a size and its unit. */
  GString *plain = g_string_new (got);
  g_string_replace (plain, "\u00a0", " ", 0);
  g_free (got);
  got = g_string_free (plain, FALSE);
  if (g_strcmp0 (got, text) != 0)
    fail_msg ("%s\n  gives “%s”\n  expected “%s”", json, got, text);
}

static void
test_alerts (void **state)
{
  expect_text ("{\"code\": \"cannot_free\", \"message\": \"daemon words\","
               " \"shortfall_bytes\": 16777216, \"protected_bytes\": 20971520}",
               "Cannot free 16.0 MiB more: the remaining footage (20.0 MiB) is protected evidence. "
               "Release evidence ranges or add disk space.");
  expect_text ("{\"code\": \"retention_below_target\", \"days\": 12.5, \"target_days\": 30.0,"
               " \"needed_bytes\": 1073741824, \"limit_bytes\": 536870912}",
               "Recordings will be kept 12.5 days, fewer than the target of 30.0 days: "
               "the target needs 1.0 GiB of disk, recordings may use 512.0 MiB.");
  expect_text ("{\"code\": \"evidence_exceeds_quota\", \"protected_bytes\": 3221225472,"
               " \"limit_bytes\": 2147483648}",
               "Protected footage alone (3.0 GiB, evidence and damaged segments) is more than "
               "recordings may use (2.0 GiB): recording goes on, but other footage is deleted as "
               "soon as it is recorded. Release the evidence of incidents that are done, or add "
               "disk space.");
  expect_text ("{\"code\": \"disk_error\", \"detail\": \"Read-only file system\"}",
               "The storage manager cannot work: Read-only file system");
  /* A code newer than this program, or a figure an older daemon did not
   * send: the daemon's own words. */
  expect_text ("{\"code\": \"disk_on_fire\", \"message\": \"Đĩa cháy\"}", "Đĩa cháy");
  expect_text ("{\"code\": \"disk_error\", \"message\": \"The storage manager cannot work: EIO\"}",
               "The storage manager cannot work: EIO");
  expect_text ("{\"code\": \"disk_on_fire\"}", "disk_on_fire");

  JsonObject *a = alert ("{\"code\": \"cannot_free\"}");
  assert_int_equal (cg_alert_severity (a), CG_ALERT_BAD);
  json_object_unref (a);
  a = alert ("{\"code\": \"evidence_exceeds_quota\"}");
  assert_int_equal (cg_alert_severity (a), CG_ALERT_BAD);
  json_object_unref (a);
  a = alert ("{\"code\": \"retention_below_target\"}");
  assert_int_equal (cg_alert_severity (a), CG_ALERT_WARNING);
  json_object_unref (a);
  /* What this program cannot judge is not played down. */
  a = alert ("{\"code\": \"disk_on_fire\"}");
  assert_int_equal (cg_alert_severity (a), CG_ALERT_BAD);
  json_object_unref (a);
  assert_null (cg_alert_kind_lookup ("disk_on_fire"));
  /* Every kind's wording takes exactly its figures. */
  static const char *const codes[] = {
    CG_ALERT_RETENTION_BELOW_TARGET, CG_ALERT_CANNOT_FREE, CG_ALERT_MIN_FREE_UNREACHABLE,
    CG_ALERT_QUOTA_EXCEEDS_DISK, CG_ALERT_DISK_ERROR, CG_ALERT_EVIDENCE_EXCEEDS_QUOTA,
  };
  for (size_t i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const CgAlertKind *k = cg_alert_kind_lookup (codes[i]);
      assert_non_null (k);
      int conversions = 0, figures = 0;
      for (const char *p = k->wording; (p = strchr (p, '%')) != NULL; p++)
        conversions++;
      while (figures < (int) G_N_ELEMENTS (k->figures) && k->figures[figures] != NULL)
        figures++;
      if (conversions != figures)
        fail_msg ("%s: %d conversions for %d figures", codes[i], conversions, figures);
    }
}

/* A reason reads as a sentence with its detail and without it (an
 * outage recorded with the code alone): never a "?" or a bare "%s". */
static void
test_reasons (void **state)
{
  static const char *const codes[] = {
    CG_REASON_REFUSED, CG_REASON_UNREACHABLE, CG_REASON_DNS, CG_REASON_AUTH, CG_REASON_NOT_FOUND,
    CG_REASON_NOT_STREAM, CG_REASON_NO_VIDEO, CG_REASON_CODEC, CG_REASON_STALLED, CG_REASON_CLOSED,
    CG_REASON_DISK, CG_REASON_ERROR, CG_REASON_NOT_RECORDING, CG_REASON_DELETED,
    CG_REASON_UNREADABLE,
  };
  for (size_t i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *bare = cg_reason_describe (codes[i]);
      g_autofree char *with = cg_reason_make (codes[i], "192.0.2.7:554");
      g_autofree char *full = cg_reason_describe (with);
      if (strchr (bare, '?') != NULL || strstr (bare, "%s") != NULL || g_str_equal (bare, codes[i]))
        fail_msg ("%s alone reads \"%s\"", codes[i], bare);
      if (strstr (full, "%s") != NULL)
        fail_msg ("%s with its detail reads \"%s\"", codes[i], full);
    }
  g_autofree char *refused = cg_reason_describe ("refused:192.0.2.7:554");
  assert_non_null (strstr (refused, "192.0.2.7:554"));
}

int
main (void)
{
  setlocale (LC_ALL, "C");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_states),
    cmocka_unit_test (test_alerts),
    cmocka_unit_test (test_reasons),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
