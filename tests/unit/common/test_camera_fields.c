/* test_camera_fields.c — the table of camera fields: every row complete,
 * and every value surviving the trip an officer's typing makes: read on
 * the command line, sent as JSON, read by the API, applied to a camera,
 * put in JSON again and printed by `camera show` — and what is printed
 * can be typed back. */
#include "unit.h"

#include "common/camera_changes.h"
#include "common/camera_fields.h"
#include "common/error.h"
#include "common/jsonrpc.h"

#include <locale.h>
#include <string.h>

static const CgRpcParam update_params[] = {
  { "name", CG_RPC_STRING, TRUE },
  { .include = cg_camera_field_params },
  { NULL },
};

/* What an officer might type for a row of each type, and the camera's
 * JSON member it must give. */
typedef struct {
  const char *typed, *json;
} Sample;

static Sample
sample_for (const CgCameraField *f)
{
  switch (f->type)
    {
    case CG_FIELD_TEXT:
      return (Sample) { "Cổng chợ, đường liên xã", "\"Cổng chợ, đường liên xã\"" };
    case CG_FIELD_URL:
      return (Sample) { "rtsp://192.168.1.64:554/Streaming/Channels/102",
                        "\"rtsp://192.168.1.64:554/Streaming/Channels/102\"" };
    case CG_FIELD_PHONE:
      return (Sample) { "0912 345 678", "\"0912 345 678\"" };
    case CG_FIELD_DATE:
      return (Sample) { "15/3/2025", "\"2025-03-15\"" };
    case CG_FIELD_MAP:
      return (Sample) { "120, 45", "[120,45]" };
    case CG_FIELD_CHOICE:
      break; /* from the row's choices */
    case CG_FIELD_FRACTION:
      return (Sample) { "0,7", "0.7" };
    case CG_FIELD_DAYS:
      return (Sample) { "1,5", "1.5" };
    case CG_FIELD_BOOL:
      return (Sample) { "false", "false" }; /* a new camera is enabled */
    }
  /* The last named choice: the first may be the default. */
  const CgFieldChoice *last = f->choices;
  for (const CgFieldChoice *c = f->choices; c->name != NULL; c++)
    if (*c->name != '\0')
      last = c;
  assert_true (last->name != NULL && *last->name != '\0');
  static char json[64];
  g_snprintf (json, sizeof json, "\"%s\"", last->name);
  return (Sample) { last->name, json };
}

/* The command line's side: the parameters of `camera edit Cổng --OPTION
 * typed`, as the text that goes over the socket. */
static char *
params_line (const CgCameraField *f, const char *typed)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Cổng");
  cg_camera_field_add_param (b, f, typed);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* The daemon's side: reads the line, checks and applies the parameters
 * to a camera, and returns the camera as JSON (with its credentials). */
static JsonNode *
apply_line (const char *line, CgCamera **out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (line, &error);
  assert_non_null (node);
  JsonObject *params = json_node_get_object (node);
  if (!cg_rpc_params_check (update_params, params, &error))
    fail_msg ("%s: %s", line, error->message);
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_read (&changes, params);
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup (cg_rpc_param_string (params, "name", NULL));
  c->url = g_strdup ("rtsp://10.0.0.1/live");
  if (!cg_camera_apply (c, &changes, &error))
    fail_msg ("%s: %s", line, error->message);
  if (!cg_camera_normalize (c, &error))
    fail_msg ("%s: %s", line, error->message);
  JsonNode *json = cg_camera_to_json (c, TRUE);
  if (out != NULL)
    *out = g_steal_pointer (&c);
  return json;
}

static JsonNode *
member (JsonNode *camera, const char *name)
{
  JsonNode *m = json_object_get_member (json_node_get_object (camera), name);
  assert_non_null (m);
  return m;
}

static void
expect_member (const CgCameraField *f, JsonNode *camera, const char *expected)
{
  g_autoptr (JsonNode) want = json_from_string (expected, NULL);
  JsonNode *got = member (camera, f->json);
  if (!json_node_equal (want, got))
    {
      g_autofree char *text = json_to_string (got, FALSE);
      fail_msg ("%s: %s in JSON, expected %s", f->json, text, expected);
    }
}

static void
test_rows_complete (void **state)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const CgRpcParam *params = cg_camera_field_params ();
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      assert_non_null (f->json);
      if (!g_hash_table_add (names, (gpointer) f->json))
        fail_msg ("two rows are called %s", f->json);
      assert_ptr_equal (cg_camera_field_find (f->json), f);
      assert_string_equal (params[i].name, f->json);
      assert_non_null (f->option);
      if (!g_hash_table_add (options, (gpointer) f->option))
        fail_msg ("two rows use --%s", f->option);
      if (f->help == NULL || *f->help == '\0')
        fail_msg ("--%s has no help", f->option);
      assert_true (f->offset < sizeof (CgCamera));
      if (f->label == NULL && !(f->flags & CG_FIELD_ADMIN_ONLY))
        fail_msg ("%s is not shown by camera show", f->json);
      if (f->type == CG_FIELD_BOOL)
        {
          assert_non_null (f->option_off);
          if (!g_hash_table_add (options, (gpointer) f->option_off))
            fail_msg ("two rows use --%s", f->option_off);
          assert_non_null (f->help_off);
          assert_int_equal (params[i].type, CG_RPC_BOOL);
        }
      else
        {
          if (f->metavar == NULL)
            fail_msg ("--%s has no value in --help", f->option);
          assert_int_equal (params[i].type, CG_RPC_STRING);
        }
      if (f->type == CG_FIELD_CHOICE || f->type == CG_FIELD_BOOL)
        assert_non_null (f->choices);
    }
  assert_null (params[CG_CAMERA_N_FIELDS].name);
  assert_null (params[CG_CAMERA_N_FIELDS].include);
  assert_null (cg_camera_field_find ("nonsense"));
}

/* Each row, from typing to printing and back. */
static void
round_trip_all (void)
{
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      Sample s = sample_for (f);
      g_autofree char *line = params_line (f, s.typed);
      g_autoptr (JsonNode) camera = apply_line (line, NULL);
      expect_member (f, camera, s.json);

      g_autofree char *shown = cg_camera_field_show (f, json_node_get_object (camera));
      if (f->flags & CG_FIELD_ADMIN_ONLY)
        {
          /* Never printed, and never sent to anyone but an admin. */
          if (f->show != NULL)
            assert_non_null (strstr (shown, s.typed));
          g_autoptr (CgCamera) c = NULL;
          g_autoptr (JsonNode) again = apply_line (line, &c);
          g_autoptr (JsonNode) viewer = cg_camera_to_json (c, FALSE);
          assert_false (json_object_has_member (json_node_get_object (viewer), f->json));
          continue;
        }
      if (shown == NULL)
        fail_msg ("%s: camera show prints nothing for %s", f->json, s.typed);
      /* Typed back as `camera show` printed it, the value is the same. */
      g_autofree char *line2 = params_line (f, shown);
      g_autoptr (JsonNode) camera2 = apply_line (line2, NULL);
      expect_member (f, camera2, s.json);
    }
}

static void
test_round_trip (void **state)
{
  round_trip_all ();
}

/* Under a Vietnamese locale `camera show` prints 0,70 and 1,5: those
 * come back too. */
static void
test_round_trip_decimal_comma (void **state)
{
  const char *locales[] = { "vi_VN.UTF-8", "vi_VN.utf8", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;
  for (int i = 0; locales[i] != NULL && found == NULL; i++)
    found = setlocale (LC_NUMERIC, locales[i]);
  if (found == NULL)
    {
      print_message ("no vi_VN.UTF-8 locale: the decimal comma is not tried\n");
      return;
    }
  g_autoptr (JsonNode) n = json_from_string ("{\"motion_sensitivity\":0.7}", NULL);
  g_autofree char *shown = cg_camera_field_show (cg_camera_field_find ("motion_sensitivity"),
                                                 json_node_get_object (n));
  assert_string_equal (shown, "0,70");
  round_trip_all ();
  setlocale (LC_NUMERIC, saved);
}

static void
test_canonical (void **state)
{
  struct { const char *json, *typed, *sent; } cases[] = {
    { "installed", "15/03/2025", "2025-03-15" },
    { "installed", " 1/2/2026 ", "2026-02-01" },
    { "installed", "2025-03-15", "2025-03-15" },
    { "installed", "31/02/2025", "31/02/2025" }, /* the daemon says why not */
    { "installed", "", "" },
    { "motion_sensitivity", "0,5", "0.5" },
    { "motion_sensitivity", "0.25", "0.25" },
    { "motion_sensitivity", "", "" },
    { "full_rate_days", "1,5d", "1.5d" },
    { "full_rate_days", "12h", "12h" },
    { "funding", "Budget", "budget" },
    { "funding", "community (donated or hosted)", "community" },
    { "funding", "", "" },
    { "transport", "UDP", "udp" },
    { "enabled", "disabled", "false" },
    { "map", "1,2", "1,2" },
    { "place", " Cổng ", " Cổng " },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cg_camera_field_canonical (cg_camera_field_find (cases[i].json),
                                                        cases[i].typed);
      if (!g_str_equal (got, cases[i].sent))
        fail_msg ("%s “%s” sent as “%s”, expected “%s”", cases[i].json, cases[i].typed, got,
                  cases[i].sent);
    }
}

static void
test_refusals (void **state)
{
  struct { const char *json, *value, *hint; } cases[] = {
    { "transport", "http", "tcp or udp" },
    { "transport", "", "tcp or udp" },
    { "funding", "maybe", "budget or community" },
    { "map", "a,b", "X,Y" },
    { "motion_sensitivity", "2", "0 (least) to 1 (most)" },
    { "motion_sensitivity", "0,5,1", "0 (least) to 1 (most)" },
    { "full_rate_days", "soon", "soon" },
    { "retention_days", "0", "1h to 3650d" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CgCamera) c = cg_camera_new ();
      g_autoptr (GError) error = NULL;
      CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
      cg_camera_changes_set (&changes, cases[i].json, cases[i].value);
      if (cg_camera_apply (c, &changes, &error))
        fail_msg ("%s “%s” was accepted", cases[i].json, cases[i].value);
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
      if (strstr (error->message, cases[i].hint) == NULL)
        fail_msg ("“%s” missing from: %s", cases[i].hint, error->message);
    }

  /* A date that does not read reaches the camera as typed, and the
   * camera's own check says how to write one. */
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup ("Cổng");
  c->url = g_strdup ("rtsp://10.0.0.1/live");
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_set (&changes, "installed", "31/02/2025");
  g_autoptr (GError) error = NULL;
  assert_true (cg_camera_apply (c, &changes, &error));
  assert_false (cg_camera_normalize (c, &error));
  assert_non_null (strstr (error->message, "dd/mm/yyyy"));
  assert_non_null (strstr (error->message, "YYYY-MM-DD"));
}

static void
test_login_in_url (void **state)
{
  g_autoptr (CgCamera) c = cg_camera_new ();
  g_autoptr (GError) error = NULL;
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_set (&changes, "url", "rtsp://admin:pw%40x@10.0.0.1/live");
  assert_true (cg_camera_apply (c, &changes, &error));
  assert_string_equal (c->url, "rtsp://10.0.0.1/live");
  assert_string_equal (c->username, "admin");
  assert_string_equal (c->password, "pw@x");

  /* A new address without a login keeps the old one. */
  cg_camera_changes_set (&changes, "url", "rtsp://10.0.0.2/live");
  assert_true (cg_camera_apply (c, &changes, &error));
  assert_string_equal (c->username, "admin");

  /* The login given twice, differently. */
  cg_camera_changes_set (&changes, "url", "rtsp://admin:pw@10.0.0.1/live");
  cg_camera_changes_set (&changes, "password", "other");
  assert_false (cg_camera_apply (c, &changes, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  assert_string_equal (cg_camera_changes_get (&changes, "password"), "other");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_rows_complete),
    cmocka_unit_test (test_round_trip),
    cmocka_unit_test (test_round_trip_decimal_comma),
    cmocka_unit_test (test_canonical),
    cmocka_unit_test (test_refusals),
    cmocka_unit_test (test_login_in_url),
  };
  return cmocka_run_group_tests_name ("camera fields", tests, NULL, NULL);
}
