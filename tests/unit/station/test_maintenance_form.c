/* test_maintenance_form.c — the F8 form of a maintenance entry: the
 * fields a kind shows, what is refused before the daemon is asked (a
 * time that is not one or in the future, a cost that is not whole đồng),
 * the request made, and the daemon's refusal shown at its field with
 * everything typed kept. */
#include "unit.h"

#include "common/jsonrpc.h"
#include "client/maintenance.h"
#include "station/maintenance_form.h"

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

static char *
params_text (JsonNode *params)
{
  return json_to_string (params, FALSE);
}

static void
test_fields (void **state)
{
  (void) state;
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (CgMaintForm) f = cg_maint_form_new ("Cổng chợ", tz);
  int n;
  cg_maint_form_fields (f, &n);
  assert_int_equal (n, 4);
  assert_string_equal (cg_maint_form_kind (f), "fault");
  assert_false (cg_maint_form_changed (f));
  /* Back from the first kind is the last. */
  cg_maint_form_choose (f, -1);
  assert_string_equal (cg_maint_form_kind (f), "retire");
  cg_maint_form_choose (f, 1);
  cg_maint_form_choose (f, 1);
  cg_maint_form_choose (f, 1);
  cg_maint_form_choose (f, 1);
  assert_string_equal (cg_maint_form_kind (f), "replace");
  const CgMaintFieldId *ids = cg_maint_form_fields (f, &n);
  assert_int_equal (n, 6);
  assert_int_equal (ids[5], CG_MFIELD_NEW_SERIAL);
  assert_true (cg_maint_form_changed (f));
  /* Focus: the kind has no text; the save line after the last field. */
  assert_null (cg_maint_form_focused_text (f));
  for (int i = 0; i < 6; i++)
    cg_maint_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_N_MFIELDS);
  cg_maint_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_MFIELD_KIND);
  cg_maint_form_focus_next (f, -1);
  assert_int_equal (f->focus, CG_N_MFIELDS);
}

static void
test_request (void **state)
{
  (void) state;
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (CgMaintForm) f = cg_maint_form_new ("Cổng chợ", tz);
  g_autoptr (JsonNode) plain = NULL;
  assert_true (cg_maint_form_check (f, NOW, &plain));
  g_autofree char *p1 = params_text (plain);
  assert_string_equal (p1, "{\"camera\":\"Cổng chợ\",\"kind\":\"fault\"}");

  /* fault, inspection, repair, replace. */
  for (int i = 0; i < 3; i++)
    cg_maint_form_choose (f, 1);
  cg_maint_form_set (f, CG_MFIELD_AT, "27/11/2026 08:30");
  cg_maint_form_set (f, CG_MFIELD_COST, "1.200.000");
  cg_maint_form_set (f, CG_MFIELD_NOTE, "  Thay camera mới  ");
  cg_maint_form_set (f, CG_MFIELD_OLD_SERIAL, "A1");
  cg_maint_form_set (f, CG_MFIELD_NEW_SERIAL, "B7");
  g_autoptr (JsonNode) full = NULL;
  assert_true (cg_maint_form_check (f, NOW, &full));
  g_autofree char *p2 = params_text (full);
  assert_string_equal (p2, "{\"camera\":\"Cổng chợ\",\"kind\":\"replace\","
                           "\"at\":\"2026-11-27T01:30:00.000Z\",\"cost\":1200000,"
                           "\"note\":\"Thay camera mới\",\"old_serial\":\"A1\","
                           "\"new_serial\":\"B7\"}");
  /* Another kind: the serial numbers are not sent. */
  cg_maint_form_choose (f, -1);
  g_autoptr (JsonNode) repair = NULL;
  assert_true (cg_maint_form_check (f, NOW, &repair));
  g_autofree char *p3 = params_text (repair);
  assert_null (strstr (p3, "serial"));
}

static void
test_refused_here (void **state)
{
  (void) state;
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (CgMaintForm) f = cg_maint_form_new ("Cổng chợ", tz);
  const char *bad_costs[] = { "12.5", "-5", "1.20", "abc", "12,000" };
  for (size_t i = 0; i < G_N_ELEMENTS (bad_costs); i++)
    {
      cg_maint_form_set (f, CG_MFIELD_COST, bad_costs[i]);
      cg_maint_form_set (f, CG_MFIELD_NOTE, "Ống kính mờ");
      g_autoptr (JsonNode) p = NULL;
      assert_false (cg_maint_form_check (f, NOW, &p));
      assert_null (p);
      assert_non_null (f->fields[CG_MFIELD_COST].error);
      assert_int_equal (f->focus, CG_MFIELD_COST);
      /* What was typed is kept. */
      assert_string_equal (cg_text_field_text (f->fields[CG_MFIELD_NOTE].text), "Ống kính mờ");
    }
  cg_maint_form_set (f, CG_MFIELD_COST, "350 000");
  cg_maint_form_set (f, CG_MFIELD_AT, "hôm qua");
  g_autoptr (JsonNode) p = NULL;
  assert_false (cg_maint_form_check (f, NOW, &p));
  assert_non_null (f->fields[CG_MFIELD_AT].error);
  assert_null (f->fields[CG_MFIELD_COST].error);
  assert_int_equal (f->focus, CG_MFIELD_AT);
  /* Tomorrow is in the future. */
  cg_maint_form_set (f, CG_MFIELD_AT, "28/11/2026 08:00");
  assert_false (cg_maint_form_check (f, NOW, &p));
  assert_non_null (f->fields[CG_MFIELD_AT].error);
  gint64 dong = 0;
  assert_true (cg_parse_dong ("350 000", &dong));
  assert_true (dong == 350000);
  assert_true (cg_parse_dong ("0", &dong));
  assert_true (dong == 0);
  assert_false (cg_parse_dong ("", &dong));
  assert_false (cg_parse_dong (".500", &dong));
}

static void
test_refused_by_daemon (void **state)
{
  (void) state;
  g_autoptr (CgMaintForm) f = cg_maint_form_new ("Cổng chợ", NULL);
  cg_maint_form_set (f, CG_MFIELD_NOTE, "x");
  g_autoptr (JsonNode) data = json_from_string ("{\"field\":\"note\"}", NULL);
  cg_maint_form_refused (f, CG_RPC_INVALID_PARAMS, "“note” holds a control character", data);
  assert_string_equal (f->fields[CG_MFIELD_NOTE].error, "“note” holds a control character");
  assert_int_equal (f->focus, CG_MFIELD_NOTE);
  assert_null (f->error);
  /* A field this kind does not show, or none: for the whole form. */
  g_autoptr (JsonNode) other = json_from_string ("{\"field\":\"new_serial\"}", NULL);
  cg_maint_form_refused (f, CG_RPC_INVALID_PARAMS, "only for a replacement", other);
  assert_string_equal (f->error, "only for a replacement");
  cg_maint_form_refused (f, CG_RPC_NOT_FOUND, "no camera", NULL);
  assert_string_equal (f->error, "no camera");
  assert_string_equal (cg_text_field_text (f->fields[CG_MFIELD_NOTE].text), "x");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fields),
    cmocka_unit_test (test_request),
    cmocka_unit_test (test_refused_here),
    cmocka_unit_test (test_refused_by_daemon),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
