/* test_incident_form.c — the F5 forms: what is refused before the daemon
 * is asked (as the daemon would), the requests made, the daemon's
 * refusals shown at their field with everything typed kept, and a save
 * refused because someone else changed the incident. */
#include "unit.h"

#include "common/jsonrpc.h"
#include "station/incident_form.h"

#include <string.h>

#define S G_GINT64_CONSTANT (1000000)
/* 27/11/2026 14:00:00 in Hà Nội (07:00:00 UTC). */
#define NOW (G_GINT64_CONSTANT (1795762800) * S)

static GTimeZone *
hanoi (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("ICT-7");
  assert_non_null (tz);
  return tz;
}

static GPtrArray *
kinds (void)
{
  g_autoptr (JsonNode) root = json_from_string (
    "{\"kinds\":[{\"code\":\"trom_cap\",\"label\":\"trộm cắp\"},{\"code\":\"gay_roi\",\"label\":\"gây rối\"}]}",
    NULL);
  return cg_incident_kinds_from_json (json_node_get_object (root));
}

static CgIncident *
incident (const char *json)
{
  g_autoptr (JsonNode) root = json_from_string (json, NULL);
  assert_non_null (root);
  return cg_incident_from_json (json_node_get_object (root));
}

static const char *stored =
  "{\"id\":12,\"code\":\"12/2026\",\"kind\":\"trom_cap\",\"from\":\"2026-11-27T01:00:00.000Z\","
  "\"to\":\"2026-11-27T01:30:00.000Z\",\"place\":\"Cổng chợ\",\"description\":\"Mất xe máy\","
  "\"reporter\":\"Lê Văn B\",\"reporter_phone\":\"0912345678\",\"status\":\"new\",\"outcome\":\"\","
  "\"footage_helped\":null,\"version\":3}";

static char *
check (CgIncidentForm *f, const char **method)
{
  g_autoptr (JsonNode) params = NULL;
  if (!cg_incident_form_check (f, NOW, &params, method))
    return NULL;
  return json_to_string (params, FALSE);
}

/* Types text into a field key by key, as the station does. */
static void
type (CgIncidentForm *f, CgFieldId id, const char *text)
{
  CgTextField *t = f->fields[id].text;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    cg_text_field_press (t, (int) g_utf8_get_char (p));
}

static void
test_create (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GPtrArray) k = kinds ();
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_CREATE, NULL, k, tz);
  /* Nothing typed: times and description refused, each at its field. */
  const char *method = NULL;
  assert_null (check (f, &method));
  assert_non_null (f->fields[CG_FIELD_FROM].error);
  assert_non_null (f->fields[CG_FIELD_TO].error);
  assert_non_null (f->fields[CG_FIELD_DESCRIPTION].error);
  assert_null (f->fields[CG_FIELD_PLACE].error);
  assert_int_equal (f->focus, CG_FIELD_FROM);

  type (f, CG_FIELD_FROM, "27/11 08:00");
  type (f, CG_FIELD_TO, "27/11 08:30");
  /* Vietnamese through the built-in Telex: "Chowj" is "Chợ". */
  cg_text_field_press (f->fields[CG_FIELD_DESCRIPTION].text, CG_KEY_IME_TOGGLE);
  type (f, CG_FIELD_DESCRIPTION, "Maast xe ddapj truwowcs coongr Chowj");
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_DESCRIPTION].text), "Mất xe đạp trước cổng Chợ");
  cg_incident_form_choose (f, CG_FIELD_KIND, 1);
  type (f, CG_FIELD_CAMERAS, "Cổng chợ, Trạm y tế ,");
  g_autofree char *json = check (f, &method);
  assert_non_null (json);
  assert_string_equal (method, "incident.create");
  assert_string_equal (json, "{\"from\":\"2026-11-27T01:00:00.000Z\",\"to\":\"2026-11-27T01:30:00.000Z\","
                             "\"kind\":\"gay_roi\",\"status\":\"new\","
                             "\"description\":\"Mất xe đạp trước cổng Chợ\","
                             "\"cameras\":[\"Cổng chợ\",\"Trạm y tế\"]}");
}

static void
test_refusals_before_asking (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GPtrArray) k = kinds ();
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_CREATE, NULL, k, tz);
  type (f, CG_FIELD_FROM, "27/11 08:30");
  type (f, CG_FIELD_TO, "27/11 08:00");       /* before from */
  type (f, CG_FIELD_DESCRIPTION, "   ");     /* only spaces */
  type (f, CG_FIELD_PHONE, "0912-345");      /* a dash */
  assert_null (check (f, NULL));
  assert_null (f->fields[CG_FIELD_FROM].error);
  assert_non_null (f->fields[CG_FIELD_TO].error);
  assert_non_null (f->fields[CG_FIELD_DESCRIPTION].error);
  assert_non_null (f->fields[CG_FIELD_PHONE].error);
  /* Focus on the first wrong field; what was typed is all there. */
  assert_int_equal (f->focus, CG_FIELD_TO);
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_PHONE].text), "0912-345");
  /* A time that is not one says why. */
  cg_incident_form_set (f, CG_FIELD_TO, "31/02 10:00");
  assert_null (check (f, NULL));
  assert_non_null (strstr (f->fields[CG_FIELD_TO].error, "31/02"));
  /* Mended: accepted. */
  cg_incident_form_set (f, CG_FIELD_TO, "27/11 09:00");
  cg_incident_form_set (f, CG_FIELD_DESCRIPTION, "Gây rối");
  cg_incident_form_set (f, CG_FIELD_PHONE, "+84 912 345 678");
  g_autofree char *json = check (f, NULL);
  assert_non_null (json);
  assert_null (f->fields[CG_FIELD_TO].error);
}

/* An edit sends only what changed, with the version read. */
static void
test_edit_sends_changes (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GPtrArray) k = kinds ();
  g_autoptr (CgIncident) inc = incident (stored);
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_EDIT, inc, k, tz);
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_FROM].text), "27/11/2026 08:00:00");
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_PLACE].text), "Cổng chợ");
  assert_false (cg_incident_form_changed (f));
  const char *method = NULL;
  g_autofree char *nothing = check (f, &method);
  assert_string_equal (method, "incident.update");
  assert_string_equal (nothing, "{\"incident\":12,\"version\":3}");

  cg_incident_form_choose (f, CG_FIELD_STATUS, 1);
  cg_incident_form_set (f, CG_FIELD_PLACE, "Cổng chợ Hoàng Kim");
  cg_incident_form_choose (f, CG_FIELD_HELPED, 1);
  assert_true (cg_incident_form_changed (f));
  g_autofree char *json = check (f, &method);
  assert_string_equal (json, "{\"incident\":12,\"version\":3,\"status\":\"verifying\","
                             "\"place\":\"Cổng chợ Hoàng Kim\",\"footage_helped\":true}");
}

/* The daemon's refusal at the field it names; the rest kept. */
static void
test_refused_at_field (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GPtrArray) k = kinds ();
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_CREATE, NULL, k, tz);
  cg_incident_form_set (f, CG_FIELD_FROM, "27/11 08:00");
  cg_incident_form_set (f, CG_FIELD_TO, "27/11 08:30");
  cg_incident_form_set (f, CG_FIELD_DESCRIPTION, "Mất xe");
  cg_incident_form_set (f, CG_FIELD_CAMERAS, "Cổng chờ");
  assert_non_null (check (f, NULL));
  f->focus = CG_N_FIELDS;
  g_autoptr (JsonNode) data = json_from_string ("{\"field\":\"cameras\",\"text\":\"x\",\"args\":[]}", NULL);
  cg_incident_form_refused (f, -32002, "không có camera “Cổng chờ”", data);
  assert_string_equal (f->fields[CG_FIELD_CAMERAS].error, "không có camera “Cổng chờ”");
  assert_int_equal (f->focus, CG_FIELD_CAMERAS);
  assert_null (f->error);
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_DESCRIPTION].text), "Mất xe");

  g_autoptr (JsonNode) d2 = json_from_string ("{\"field\":\"reporter_phone\"}", NULL);
  cg_incident_form_refused (f, CG_RPC_INVALID_PARAMS, "số điện thoại", d2);
  assert_string_equal (f->fields[CG_FIELD_PHONE].error, "số điện thoại");
  /* No field, or one this form does not show: the form's error. */
  cg_incident_form_refused (f, CG_RPC_FAILED, "nhật ký thao tác", NULL);
  assert_string_equal (f->error, "nhật ký thao tác");
  g_autoptr (JsonNode) d3 = json_from_string ("{\"field\":\"reason\"}", NULL);
  cg_incident_form_refused (f, CG_RPC_INVALID_PARAMS, "lý do", d3);
  assert_string_equal (f->error, "lý do");
  /* Checking again clears them. */
  assert_non_null (check (f, NULL));
  assert_null (f->fields[CG_FIELD_CAMERAS].error);
  assert_null (f->error);

  /* On the attach form "cameras" is its one camera. */
  g_autoptr (CgIncident) inc = incident (stored);
  g_autoptr (CgIncidentForm) a = cg_incident_form_new (CG_FORM_ATTACH, inc, NULL, tz);
  cg_incident_form_refused (a, -32002, "không có camera", data);
  assert_string_equal (a->fields[CG_FIELD_CAMERA].error, "không có camera");
}

/* -32009: who changed it and when; reload keeps what was typed. */
static void
test_conflict (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GPtrArray) k = kinds ();
  g_autoptr (CgIncident) inc = incident (stored);
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_EDIT, inc, k, tz);
  cg_incident_form_set (f, CG_FIELD_DESCRIPTION, "Mất xe máy Wave, biển 29");
  cg_incident_form_set (f, CG_FIELD_PLACE, "Cổng chợ phía đông");
  g_autoptr (JsonNode) data = json_from_string (
    "{\"version\":4,\"updated_by\":\"hung\",\"updated\":\"2026-11-27T06:55:00.000Z\"}", NULL);
  cg_incident_form_refused (f, CG_RPC_VERSION_CONFLICT, "changed by hung", data);
  assert_true (f->conflict);
  assert_int_equal (f->conflict_version, 4);
  g_autofree char *words = cg_incident_form_conflict_text (f);
  assert_non_null (strstr (words, "hung"));
  assert_non_null (strstr (words, "27/11/2026 13:55:00"));
  /* Still there. */
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_DESCRIPTION].text), "Mất xe máy Wave, biển 29");

  /* Their version: they changed the status and the place. */
  g_autoptr (CgIncident) theirs = incident (
    "{\"id\":12,\"code\":\"12/2026\",\"kind\":\"trom_cap\",\"from\":\"2026-11-27T01:00:00.000Z\","
    "\"to\":\"2026-11-27T01:30:00.000Z\",\"place\":\"Chợ Hoàng Kim\",\"description\":\"Mất xe máy\","
    "\"reporter\":\"Lê Văn B\",\"reporter_phone\":\"0912345678\",\"status\":\"verifying\",\"outcome\":\"\","
    "\"footage_helped\":null,\"version\":4}");
  int both = cg_incident_form_reload (f, theirs);
  assert_int_equal (both, 1); /* the place */
  assert_false (f->conflict);
  assert_int_equal (f->version, 4);
  assert_string_equal (cg_incident_form_choice_label (f, CG_FIELD_STATUS),
                       cg_incident_status_label ("verifying"));
  assert_string_equal (cg_text_field_text (f->fields[CG_FIELD_PLACE].text), "Cổng chợ phía đông");
  const char *method;
  g_autofree char *json = check (f, &method);
  assert_string_equal (json, "{\"incident\":12,\"version\":4,\"place\":\"Cổng chợ phía đông\","
                             "\"description\":\"Mất xe máy Wave, biển 29\"}");
}

static void
test_other_forms (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (CgIncident) inc = incident (stored);
  const char *method;

  g_autoptr (CgIncidentForm) c = cg_incident_form_new (CG_FORM_CLOSE, inc, NULL, tz);
  assert_null (check (c, &method));
  assert_non_null (c->fields[CG_FIELD_OUTCOME].error);
  cg_incident_form_set (c, CG_FIELD_OUTCOME, "Đã trả lại xe");
  cg_incident_form_set (c, CG_FIELD_HELPED, "yes");
  g_autofree char *close = check (c, &method);
  assert_string_equal (method, "incident.close");
  assert_string_equal (close, "{\"incident\":12,\"version\":3,\"outcome\":\"Đã trả lại xe\",\"footage_helped\":true}");

  g_autoptr (CgIncidentForm) r = cg_incident_form_new (CG_FORM_REOPEN, inc, NULL, tz);
  assert_null (check (r, &method));
  cg_incident_form_set (r, CG_FIELD_REASON, "Có người báo thêm");
  g_autofree char *reopen = check (r, &method);
  assert_string_equal (method, "incident.reopen");
  assert_string_equal (reopen, "{\"incident\":12,\"version\":3,\"reason\":\"Có người báo thêm\"}");

  g_autoptr (CgIncidentForm) a = cg_incident_form_new (CG_FORM_ATTACH, inc, NULL, tz);
  assert_int_equal (a->focus, CG_FIELD_CAMERA);
  cg_incident_form_set (a, CG_FIELD_CAMERA, "Cổng chợ");
  cg_incident_form_set (a, CG_FIELD_FROM, "27/11 08:00");
  cg_incident_form_set (a, CG_FIELD_TO, "-1h");
  g_autofree char *attach = check (a, &method);
  assert_string_equal (method, "incident.attach");
  assert_string_equal (attach, "{\"incident\":12,\"camera\":\"Cổng chợ\",\"from\":\"2026-11-27T01:00:00.000Z\","
                               "\"to\":\"2026-11-27T06:00:00.000Z\"}");

  /* The log's dates: days, either end open. */
  g_autoptr (CgIncidentForm) d = cg_incident_form_new (CG_FORM_DATES, NULL, NULL, tz);
  cg_incident_form_set (d, CG_FIELD_FROM, "26/11/2026");
  assert_true (cg_incident_form_check (d, NOW, NULL, NULL));
  gint64 from = 0, to = 0;
  cg_incident_form_range (d, NOW, &from, &to);
  assert_int_equal (from, NOW - 38 * 3600 * S); /* 26/11 00:00 in Hà Nội */
  assert_int_equal (to, 0);
  cg_incident_form_set (d, CG_FIELD_TO, "26/11/2026");
  cg_incident_form_range (d, NOW, &from, &to);
  assert_int_equal (to, from + 24 * 3600 * S - 1);
}

static void
test_focus (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_CLOSE, NULL, NULL, tz);
  assert_int_equal (f->focus, CG_FIELD_OUTCOME);
  assert_non_null (cg_incident_form_focused_text (f));
  cg_incident_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_FIELD_HELPED);
  assert_null (cg_incident_form_focused_text (f));
  cg_incident_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_N_FIELDS); /* the save line */
  cg_incident_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_FIELD_OUTCOME);
  cg_incident_form_focus_next (f, -1);
  assert_int_equal (f->focus, CG_N_FIELDS);
  /* Helped walks: not said, yes, no. */
  g_autofree char *unsaid = cg_incident_form_value (f, CG_FIELD_HELPED);
  assert_string_equal (unsaid, "");
  cg_incident_form_choose (f, CG_FIELD_HELPED, 1);
  g_autofree char *yes = cg_incident_form_value (f, CG_FIELD_HELPED);
  assert_string_equal (yes, "yes");
  cg_incident_form_choose (f, CG_FIELD_HELPED, -1);
  cg_incident_form_choose (f, CG_FIELD_HELPED, -1);
  g_autofree char *no = cg_incident_form_value (f, CG_FIELD_HELPED);
  assert_string_equal (no, "no");
  assert_int_equal (cg_incident_field_by_param ("reporter_phone"), CG_FIELD_PHONE);
  assert_int_equal (cg_incident_field_by_param ("nothing"), -1);
}

/* The map position: optional, X,Y as a camera's; refused at its field
 * before asking, sent as typed, and the daemon's refusal comes back to
 * it. */
static void
test_map (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GPtrArray) k = kinds ();
  g_autoptr (CgIncidentForm) f = cg_incident_form_new (CG_FORM_CREATE, NULL, k, tz);
  type (f, CG_FIELD_FROM, "27/11 08:00");
  type (f, CG_FIELD_TO, "27/11 08:30");
  type (f, CG_FIELD_DESCRIPTION, "Gây rối");
  type (f, CG_FIELD_MAP, "40;12");
  assert_null (check (f, NULL));
  assert_non_null (f->fields[CG_FIELD_MAP].error);
  assert_int_equal (f->focus, CG_FIELD_MAP);
  cg_incident_form_set (f, CG_FIELD_MAP, " 41,12 ");
  g_autofree char *json = check (f, NULL);
  assert_non_null (json);
  assert_non_null (strstr (json, "\"map\":\"41,12\""));
  g_autoptr (JsonNode) data = json_from_string ("{\"field\": \"map\"}", NULL);
  cg_incident_form_refused (f, -32602, "too far", data);
  assert_string_equal (f->fields[CG_FIELD_MAP].error, "too far");
  assert_int_equal (f->focus, CG_FIELD_MAP);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_create),
    cmocka_unit_test (test_refusals_before_asking),
    cmocka_unit_test (test_edit_sends_changes),
    cmocka_unit_test (test_refused_at_field),
    cmocka_unit_test (test_conflict),
    cmocka_unit_test (test_other_forms),
    cmocka_unit_test (test_focus),
    cmocka_unit_test (test_map),
  };
  return cmocka_run_group_tests_name ("incident forms", tests, NULL, NULL);
}
