/* test_alarms.c — the station's alarms without curses: the list taken at
 * connection rings for none, a new alarm rings once, an acknowledged or
 * ended one does not; what the status line says and in which words; the
 * bell's hours. */
#include "unit.h"

#include "common/i18n.h"
#include "station/alarms.h"

#include <string.h>

static JsonObject *
parse (const char *json)
{
  JsonNode *n = json_from_string (json, NULL);
  assert_non_null (n);
  JsonObject *o = json_object_ref (json_node_get_object (n));
  json_node_unref (n);
  return o;
}

static void
test_ring_and_clear (void **state)
{
  g_autoptr (CgAlarms) a = cg_alarms_new ();
  JsonNode *list = json_from_string (
    "{\"alarms\": [{\"id\": 3, \"kind\": \"storage\", \"camera\": null, \"reason\": \"cannot_free\","
    " \"raised\": \"2026-11-27T10:00:00Z\", \"cleared\": null, \"acknowledged_by\": null,"
    " \"active\": true}], \"next_before\": null}", NULL);
  cg_alarms_take_list (a, json_node_get_object (list));
  json_node_unref (list);
  const CgAlarm *newest = NULL;
  assert_int_equal (cg_alarms_unacknowledged (a, &newest), 1);
  assert_int_equal (newest->id, 3);

  JsonObject *down = parse ("{\"id\": 4, \"kind\": \"camera_down\", \"camera\": \"Cổng chợ\","
                            " \"reason\": \"stalled:2\", \"raised\": \"2026-11-27T10:01:00Z\","
                            " \"cleared\": null, \"acknowledged_by\": null, \"active\": true}");
  assert_true (cg_alarms_take (a, down));   /* new: rings */
  assert_false (cg_alarms_take (a, down));  /* heard again: does not */
  json_object_unref (down);
  assert_int_equal (cg_alarms_unacknowledged (a, &newest), 2);
  assert_int_equal (newest->id, 4);
  g_autofree char *brief = NULL;
  g_autofree char *line = cg_alarms_status (a, &brief);
  assert_non_null (strstr (line, "Cổng chợ"));
  assert_non_null (strstr (line, "stalled"));
  assert_non_null (strstr (brief, "Cổng chợ"));

  /* Acknowledged elsewhere: off the status line, still listed until it ends. */
  JsonObject *acked = parse ("{\"id\": 4, \"kind\": \"camera_down\", \"camera\": \"Cổng chợ\","
                             " \"reason\": \"stalled:2\", \"raised\": \"2026-11-27T10:01:00Z\","
                             " \"cleared\": null, \"acknowledged_by\": \"lan\","
                             " \"acknowledged\": \"2026-11-27T10:02:00Z\", \"active\": true}");
  assert_false (cg_alarms_take (a, acked));
  json_object_unref (acked);
  assert_int_equal (cg_alarms_unacknowledged (a, &newest), 1);
  assert_int_equal (newest->id, 3);
  assert_int_equal (cg_alarms_active (a)->len, 2);
  JsonObject *ended = parse ("{\"id\": 4, \"kind\": \"camera_down\", \"camera\": \"Cổng chợ\","
                             " \"reason\": \"stalled:2\", \"raised\": \"2026-11-27T10:01:00Z\","
                             " \"cleared\": \"2026-11-27T10:03:00Z\", \"acknowledged_by\": \"lan\","
                             " \"acknowledged\": \"2026-11-27T10:02:00Z\", \"active\": false}");
  cg_alarms_take (a, ended);
  json_object_unref (ended);
  assert_int_equal (cg_alarms_active (a)->len, 1);

  /* A new alarm that has already ended when heard of does not ring. */
  JsonObject *past = parse ("{\"id\": 9, \"kind\": \"motion\", \"camera\": \"Ngõ 5\","
                            " \"reason\": \"motion\", \"raised\": \"2026-11-27T10:01:00Z\","
                            " \"cleared\": \"2026-11-27T10:01:05Z\", \"acknowledged_by\": null,"
                            " \"active\": true}");
  assert_false (cg_alarms_take (a, past));
  json_object_unref (past);
  assert_null (cg_alarm_from_json (NULL));
}

static void
test_words (void **state)
{
  CgAlarm a = { .kind = (char *) "camera_down", .camera = (char *) "Ngã ba",
                .reason = (char *) "unreachable:10.0.0.2:554" };
  g_autofree char *d = cg_alarm_describe (&a);
  assert_string_equal (d, "Ngã ba: offline");
  CgAlarm s = { .kind = (char *) "storage", .reason = (char *) "cannot_free" };
  g_autofree char *ds = cg_alarm_describe (&s);
  /* What is wrong in words, and where the whole alert is; never the code. */
  assert_string_equal (ds, "storage: no room can be freed: the rest is evidence (F4, a)");
  CgAlarm u = { .kind = (char *) "storage", .reason = (char *) "newer_than_this" };
  g_autofree char *du = cg_alarm_describe (&u);
  assert_non_null (strstr (du, "newer_than_this"));
}

static void
test_bell_hours (void **state)
{
  CgHours on = { 0, 24 }, off = { -1, -1 }, day = { 6, 22 };
  assert_true (cg_alarms_bell_at (&on, 3));
  assert_false (cg_alarms_bell_at (&off, 12));
  assert_true (cg_alarms_bell_at (&day, 12));
  assert_false (cg_alarms_bell_at (&day, 23));
  assert_false (cg_alarms_bell_at (&day, 2));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_ring_and_clear),
    cmocka_unit_test (test_words),
    cmocka_unit_test (test_bell_hours),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
