/* test_incidents.c — incident records read from the daemon's JSON, the
 * statuses, the numbers officers type, and the F5 log's state: the
 * requests its search, filters and pages make, and the rows it keeps. */
#include "unit.h"

#include "station/incidents.h"

#include <string.h>

static JsonObject *
parse (const char *json, JsonNode **root)
{
  g_autoptr (GError) error = NULL;
  *root = json_from_string (json, &error);
  if (*root == NULL)
    fail_msg ("bad JSON in the test: %s", error->message);
  return json_node_get_object (*root);
}

static const char *record =
  "{\"id\":12,\"code\":\"12/2026\",\"year\":2026,\"number\":12,\"kind\":\"trom_cap\","
  "\"kind_label\":\"trộm cắp\",\"from\":\"2026-11-27T08:00:00.000Z\",\"to\":\"2026-11-27T08:30:00.000Z\","
  "\"place\":\"Cổng chợ\",\"description\":\"Mất xe máy trước cổng chợ\",\"reporter\":\"Lê Văn B\","
  "\"reporter_phone\":\"0912345678\",\"officer\":\"lan\",\"officer_name\":\"Nguyễn Thị Lan\","
  "\"status\":\"verifying\",\"outcome\":\"\",\"footage_helped\":null,\"closed\":null,"
  "\"created\":\"2026-11-27T09:00:00.000Z\",\"created_by\":\"lan\",\"updated\":\"2026-11-27T10:00:00.000Z\","
  "\"updated_by\":\"lan\",\"version\":3,"
  "\"evidence\":[{\"id\":4,\"camera\":\"Chợ Hoàng Kim\",\"camera_id\":1,\"from\":\"2026-11-27T07:55:00.000Z\","
  "\"to\":\"2026-11-27T08:35:00.000Z\",\"added_by\":\"lan\",\"added\":\"2026-11-27T09:00:00.000Z\","
  "\"footage_seconds\":1800.0},{\"id\":5,\"camera\":\"Trạm y tế\",\"from\":\"2026-11-27T07:55:00.000Z\","
  "\"to\":\"2026-11-27T08:35:00.000Z\",\"added_by\":\"lan\",\"added\":\"2026-11-27T09:00:00.000Z\","
  "\"footage_seconds\":0}],"
  "\"exports\":[{\"id\":7,\"state\":\"complete\",\"sha256\":\"ab12\",\"bytes\":2050213,"
  "\"created\":\"2026-11-27T09:10:00.000Z\",\"created_by\":\"lan\"}],"
  "\"history\":[{\"id\":40,\"time\":\"2026-11-27T09:00:00.000Z\",\"user\":\"lan\","
  "\"action\":\"incident.create\",\"object\":\"incident:12\",\"detail\":\"kind=trom_cap\"}]}";

static void
test_record (void **state)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (CgIncident) inc = cg_incident_from_json (parse (record, &root));
  assert_non_null (inc);
  assert_int_equal (inc->id, 12);
  assert_string_equal (inc->code, "12/2026");
  assert_string_equal (inc->kind_label, "trộm cắp");
  assert_string_equal (inc->place, "Cổng chợ");
  assert_int_equal (inc->version, 3);
  assert_int_equal (inc->footage_helped, CG_HELPED_UNKNOWN);
  assert_int_equal (inc->closed_us, 0);
  assert_int_equal (inc->to_us - inc->from_us, G_GINT64_CONSTANT (1800000000));
  assert_int_equal (inc->evidence->len, 2);
  CgEvidence *e = inc->evidence->pdata[0];
  assert_string_equal (e->camera, "Chợ Hoàng Kim");
  assert_true (e->footage_seconds == 1800.0);
  assert_true (((CgEvidence *) inc->evidence->pdata[1])->footage_seconds == 0);
  assert_int_equal (inc->exports->len, 1);
  assert_string_equal (((CgIncidentExport *) inc->exports->pdata[0])->sha256, "ab12");
  assert_int_equal (inc->history->len, 1);
  assert_string_equal (((CgIncidentEvent *) inc->history->pdata[0])->action, "incident.create");

  /* Without an id it is not a record. */
  g_autoptr (JsonNode) r2 = NULL;
  assert_null (cg_incident_from_json (parse ("{\"code\":\"1/2026\"}", &r2)));
  g_autoptr (JsonNode) r3 = NULL;
  g_autoptr (CgIncident) yes = cg_incident_from_json (parse ("{\"id\":1,\"footage_helped\":true}", &r3));
  assert_int_equal (yes->footage_helped, CG_HELPED_YES);
  assert_int_equal (yes->evidence->len, 0);
}

static void
test_statuses (void **state)
{
  assert_int_equal (cg_incident_status_index ("new"), 0);
  assert_int_equal (cg_incident_status_index ("closed"), 4);
  assert_int_equal (cg_incident_status_index ("lost"), -1);
  assert_string_equal (cg_incident_status_label ("lost"), "lost");
  for (int i = 0; i < CG_INCIDENT_N_STATUSES; i++)
    assert_true (strlen (cg_incident_status_label (cg_incident_statuses[i])) > 0);
  /* Kinds as incident.kinds lists them. */
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) kinds = cg_incident_kinds_from_json (
    parse ("{\"kinds\":[{\"code\":\"trom_cap\",\"label\":\"trộm cắp\"},{\"code\":\"khac\",\"label\":\"khác\"},{\"label\":\"x\"}]}", &root));
  assert_int_equal (kinds->len, 2);
  assert_string_equal (cg_incident_kind_label (kinds, "khac"), "khác");
  assert_string_equal (cg_incident_kind_label (kinds, "other"), "other");
}

static void
test_ref (void **state)
{
  const struct { const char *in, *out; } ok[] = {
    { "12", "12/2026" }, { " 12 ", "12/2026" }, { "12/2025", "12/2025" }, { "3 / 2026", "3/2026" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *code = cg_incident_ref_parse (ok[i].in, 2026, &error);
      if (code == NULL)
        fail_msg ("“%s” refused: %s", ok[i].in, error->message);
      assert_string_equal (code, ok[i].out);
    }
  const char *bad[] = { "", "abc", "0", "-3", "12/", "12/26x", "12/99999", "12 13" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *code = cg_incident_ref_parse (bad[i], 2026, &error);
      if (code != NULL)
        fail_msg ("“%s” read as %s", bad[i], code);
      assert_non_null (error);
    }
}

static char *
params_json (CgIncidentList *l)
{
  g_autoptr (JsonNode) p = cg_incident_list_params (l);
  return json_to_string (p, FALSE);
}

/* A page of n incidents with ids from first down, and next. */
static JsonNode *
page_of (int first, int n, const char *next, int total)
{
  GString *s = g_string_new ("{\"incidents\":[");
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"id\":%d,\"code\":\"%d/2026\",\"status\":\"new\"}", i ? "," : "",
                            first - i, first - i);
  g_string_append_printf (s, "],\"total\":%d", total);
  if (next != NULL)
    g_string_append_printf (s, ",\"next\":\"%s\"", next);
  g_string_append (s, "}");
  JsonNode *root = json_from_string (s->str, NULL);
  g_string_free (s, TRUE);
  return root;
}

static void
test_list_filters (void **state)
{
  g_autoptr (CgIncidentList) l = cg_incident_list_new (20);
  assert_true (l->stale);
  g_autofree char *p0 = params_json (l);
  assert_string_equal (p0, "{\"limit\":20}");

  cg_incident_list_set_search (l, "cho");
  cg_incident_list_next_status (l); /* open */
  cg_incident_list_set_kind (l, "trom_cap");
  cg_incident_list_set_camera (l, "Cổng chợ");
  cg_incident_list_set_range (l, G_GINT64_CONSTANT (1795737600) * 1000000, 0);
  g_autofree char *p1 = params_json (l);
  assert_string_equal (p1, "{\"search\":\"cho\",\"status\":\"open\",\"kind\":\"trom_cap\",\"camera\":"
                           "\"Cổng chợ\",\"from\":\"2026-11-27T00:00:00.000Z\",\"limit\":20}");

  /* The status filter walks: all, open, each of the five, all. */
  assert_string_equal (cg_incident_list_status_code (l), "open");
  const char *walk[] = { "new", "verifying", "transferred", "resolved", "closed", NULL, "open" };
  for (gsize i = 0; i < G_N_ELEMENTS (walk); i++)
    {
      cg_incident_list_next_status (l);
      assert_string_equal (cg_incident_list_status_code (l) ? cg_incident_list_status_code (l) : "(all)",
                           walk[i] ? walk[i] : "(all)");
    }
  /* The same search again does not list again. */
  l->stale = FALSE;
  cg_incident_list_set_search (l, "cho");
  assert_false (l->stale);
  cg_incident_list_set_search (l, "");
  assert_true (l->stale);
  assert_null (l->search);

  const char *cams[] = { "A", "B" };
  assert_string_equal (cg_incident_cycle (cams, 2, NULL), "A");
  assert_string_equal (cg_incident_cycle (cams, 2, "A"), "B");
  assert_null (cg_incident_cycle (cams, 2, "B"));
  assert_string_equal (cg_incident_cycle (cams, 2, "gone"), "A");
  assert_null (cg_incident_cycle (cams, 0, NULL));
}

static void
test_list_pages (void **state)
{
  g_autoptr (CgIncidentList) l = cg_incident_list_new (3);
  g_autoptr (JsonNode) p1 = page_of (2000, 3, "c1", 2000);
  assert_true (cg_incident_list_take (l, json_node_get_object (p1)));
  assert_false (l->stale);
  assert_int_equal (l->rows->len, 3);
  assert_int_equal (l->total, 2000);
  assert_int_equal (cg_incident_list_first_number (l), 1);
  assert_false (cg_incident_list_page_up (l));

  /* PgDn: the next page's cursor is sent. */
  assert_true (cg_incident_list_page_down (l));
  assert_true (l->stale);
  g_autofree char *q2 = params_json (l);
  assert_string_equal (q2, "{\"limit\":3,\"cursor\":\"c1\"}");
  g_autoptr (JsonNode) p2 = page_of (1997, 3, "c2", 2000);
  cg_incident_list_take (l, json_node_get_object (p2));
  assert_int_equal (cg_incident_list_first_number (l), 4);
  assert_true (cg_incident_list_page_down (l));
  g_autoptr (JsonNode) p3 = page_of (1994, 3, NULL, 2000);
  cg_incident_list_take (l, json_node_get_object (p3));
  /* The last page: no further. */
  assert_false (cg_incident_list_page_down (l));
  /* PgUp: back through the cursors walked. */
  assert_true (cg_incident_list_page_up (l));
  g_autofree char *back = params_json (l);
  assert_string_equal (back, "{\"limit\":3,\"cursor\":\"c1\"}");
  assert_true (cg_incident_list_page_up (l));
  g_autofree char *first = params_json (l);
  assert_string_equal (first, "{\"limit\":3}");

  /* A filter goes back to the first page. */
  cg_incident_list_take (l, json_node_get_object (p1));
  cg_incident_list_page_down (l);
  cg_incident_list_set_kind (l, "khac");
  assert_int_equal (l->page, 0);
  g_autofree char *filtered = params_json (l);
  assert_null (strstr (filtered, "cursor"));

  /* Not a reply of incident.list: nothing changes. */
  g_autoptr (JsonNode) junk = json_from_string ("{\"cameras\":[]}", NULL);
  assert_false (cg_incident_list_take (l, json_node_get_object (junk)));
}

/* A new incident comes in above: the one selected stays selected. */
static void
test_list_keeps_selection (void **state)
{
  g_autoptr (CgIncidentList) l = cg_incident_list_new (10);
  g_autoptr (JsonNode) p1 = page_of (5, 5, NULL, 5);
  cg_incident_list_take (l, json_node_get_object (p1));
  cg_incident_list_move (l, 2);
  assert_int_equal (cg_incident_list_selected (l)->id, 3);
  g_autoptr (JsonNode) p2 = page_of (6, 6, NULL, 6);
  cg_incident_list_take (l, json_node_get_object (p2));
  assert_int_equal (cg_incident_list_selected (l)->id, 3);
  assert_int_equal (l->selected, 3);
  cg_incident_list_move (l, -100);
  assert_int_equal (l->selected, 0);
  cg_incident_list_move (l, 100);
  assert_int_equal (l->selected, 5);
  /* Fewer rows than the selection: the last. */
  g_autoptr (JsonNode) p3 = page_of (2, 2, NULL, 2);
  cg_incident_list_take (l, json_node_get_object (p3));
  assert_int_equal (l->selected, 1);
  g_autoptr (JsonNode) none = page_of (0, 0, NULL, 0);
  cg_incident_list_take (l, json_node_get_object (none));
  assert_null (cg_incident_list_selected (l));
  cg_incident_list_move (l, 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_record),
    cmocka_unit_test (test_statuses),
    cmocka_unit_test (test_ref),
    cmocka_unit_test (test_list_filters),
    cmocka_unit_test (test_list_pages),
    cmocka_unit_test (test_list_keeps_selection),
  };
  return cmocka_run_group_tests_name ("incidents", tests, NULL, NULL);
}
