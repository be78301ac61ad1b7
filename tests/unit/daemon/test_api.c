/* test_api.c — every method's role and parameter checks, the roles
 * themselves, credentials only for admins, and the audit chain. */
#include "unit.h"

#include "common/config.h"
#include "daemon/db/db.h"
#include "daemon/api/api.h"
#include "daemon/audit.h"
#include "daemon/roles.h"

#include <pwd.h>
#include <string.h>

typedef struct {
  char *dir;
  CgConfig *config;
  CgDb *db;
  CgApi api;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  f->config = cg_config_load (NULL, FALSE, NULL);
  g_free (f->config->data_dir);
  f->config->data_dir = g_strdup (f->dir);
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  f->api = (CgApi) { .config = f->config, .db = f->db, .started_us = 1 };
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  cg_db_close (f->db);
  cg_config_free (f->config);
  cg_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* Calls method as role with params given as JSON text. */
static JsonNode *
call (Fixture *f, CgRole role, const char *method, const char *params_json, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (params_json, NULL);
  assert_non_null (node);
  CgApiCall c = {
    .api = &f->api,
    .params = json_node_get_object (node),
    .user = "tester",
    .role = role,
    .fd_out = -1,
  };
  JsonNode *result = cg_api_dispatch (&c, method, error);
  if (c.fd_out >= 0)
    close (c.fd_out);
  return result;
}

static const CgApiMethod *const tables[] = {
  cg_api_session_methods, cg_api_camera_methods, cg_api_status_methods,
  cg_api_recording_methods, cg_api_audit_methods, cg_api_thumbnail_methods,
  cg_api_storage_methods, cg_api_export_methods, cg_api_export_record_methods, cg_api_snapshot_methods,
};

static void
test_every_method_checks_role (void **state)
{
  Fixture *f = *state;
  for (size_t t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const CgApiMethod *m = tables[t]; m->name != NULL; m++)
      {
        assert_true (m->role >= CG_ROLE_VIEWER);
        g_autoptr (GError) error = NULL;
        g_autoptr (JsonNode) r = call (f, m->role - 1, m->name, "{}", &error);
        if (r != NULL || !g_error_matches (error, CG_RPC_ERROR, CG_RPC_FORBIDDEN))
          fail_msg ("%s ran for a role below %s", m->name, cg_role_name (m->role));
        /* The refusal names the role needed. */
        assert_non_null (strstr (error->message, cg_role_label (m->role)));
      }
}

static void
test_every_method_checks_params (void **state)
{
  Fixture *f = *state;
  for (size_t t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const CgApiMethod *m = tables[t]; m->name != NULL; m++)
      {
        /* An unknown parameter is refused, naming it. */
        g_autoptr (GError) error = NULL;
        g_autoptr (JsonNode) r = call (f, CG_ROLE_ADMIN, m->name, "{\"bogus_param\": 1}", &error);
        if (r != NULL || !g_error_matches (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS))
          fail_msg ("%s accepted an unknown parameter", m->name);
        assert_non_null (strstr (error->message, "bogus_param"));
        /* Every required parameter is required, and typed. */
        for (const CgRpcParam *p = m->params; p->name != NULL; p++)
          {
            if (!p->required)
              continue;
            g_clear_error (&error);
            g_autoptr (JsonNode) r2 = call (f, CG_ROLE_ADMIN, m->name, "{}", &error);
            if (r2 != NULL || !g_error_matches (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS))
              fail_msg ("%s ran without %s", m->name, p->name);
            g_autofree char *wrong = g_strdup_printf ("{\"%s\": %s}", p->name,
                                                      p->type == CG_RPC_STRING ? "[]" : "\"x\"");
            g_clear_error (&error);
            g_autoptr (JsonNode) r3 = call (f, CG_ROLE_ADMIN, m->name, wrong, &error);
            if (r3 != NULL || !g_error_matches (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS))
              fail_msg ("%s took a %s of the wrong type", m->name, p->name);
          }
      }
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = call (f, CG_ROLE_ADMIN, "camera.explode", "{}", &error);
  assert_null (r);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_METHOD_NOT_FOUND));
}

static void
test_credentials_only_for_admins (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) added = call (f, CG_ROLE_ADMIN, "camera.add",
                                     "{\"name\": \"Chợ\", \"url\": \"rtsp://admin:Pw1@192.0.2.7/s\"}",
                                     &error);
  assert_non_null (added);
  for (CgRole role = CG_ROLE_VIEWER; role <= CG_ROLE_ADMIN; role++)
    {
      g_autoptr (JsonNode) list = call (f, role, "camera.list", "{}", &error);
      assert_non_null (list);
      g_autofree char *text = json_to_string (list, FALSE);
      if (role == CG_ROLE_ADMIN)
        {
          assert_non_null (strstr (text, "rtsp://192.0.2.7/s"));
          assert_non_null (strstr (text, "Pw1"));
        }
      else
        {
          /* Host and port only: a path may hold an account. */
          assert_non_null (strstr (text, "\"rtsp://192.0.2.7\""));
          assert_null (strstr (text, "Pw1"));
        }
    }
  /* The change is audited, without the password. */
  g_autoptr (JsonNode) audit = call (f, CG_ROLE_OPERATOR, "audit.list", "{}", &error);
  g_autofree char *text = json_to_string (audit, FALSE);
  assert_non_null (strstr (text, "camera.add"));
  assert_null (strstr (text, "Pw1"));
  /* A duplicate and a missing camera are told apart. */
  g_autoptr (JsonNode) dup = call (f, CG_ROLE_ADMIN, "camera.add",
                                   "{\"name\": \"Chợ\", \"url\": \"rtsp://192.0.2.8/s\"}", &error);
  assert_null (dup);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_CONFLICT));
  g_clear_error (&error);
  g_autoptr (JsonNode) none = call (f, CG_ROLE_VIEWER, "camera.get", "{\"name\": \"Đình\"}", &error);
  assert_null (none);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND));
}

/* Every method that takes a camera finds it as an officer types it
 * without an input method; lists come in Vietnamese order. */
static void
test_cameras_by_folded_name_and_in_order (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Trường THCS", "Cam 10", "Chợ Hoàng Kim", "Cam 2", "Cổng UBND xã" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *params = g_strdup_printf ("{\"name\": \"%s\", \"url\": \"rtsp://192.0.2.7/s\"}", names[i]);
      g_autoptr (JsonNode) added = call (f, CG_ROLE_ADMIN, "camera.add", params, &error);
      assert_non_null (added);
    }
  const char *order[] = { "Cam 2", "Cam 10", "Chợ Hoàng Kim", "Cổng UBND xã", "Trường THCS" };
  const char *methods[] = { "camera.list", "status" };
  for (size_t m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr (JsonNode) r = call (f, CG_ROLE_VIEWER, methods[m], "{}", &error);
      assert_non_null (r);
      JsonArray *cams = json_object_get_array_member (json_node_get_object (r), "cameras");
      assert_int_equal (json_array_get_length (cams), G_N_ELEMENTS (order));
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          const char *got = json_object_get_string_member (json_array_get_object_element (cams, i), "name");
          if (!g_str_equal (got, order[i]))
            fail_msg ("%s: position %u is “%s”, expected “%s”", methods[m], i, got, order[i]);
        }
    }
  g_autoptr (JsonNode) got = call (f, CG_ROLE_VIEWER, "camera.get", "{\"name\": \"cho hoang kim\"}", &error);
  assert_non_null (got);
  assert_string_equal (json_object_get_string_member (json_node_get_object (got), "name"), "Chợ Hoàng Kim");
  g_autoptr (JsonNode) stats = call (f, CG_ROLE_VIEWER, "link.stats", "{\"camera\": \"CONG UBND XA\"}", &error);
  assert_non_null (stats);
  assert_string_equal (json_object_get_string_member (json_node_get_object (stats), "camera"), "Cổng UBND xã");
  g_autoptr (JsonNode) recs = call (f, CG_ROLE_VIEWER, "recordings.list", "{\"camera\": \"truong thcs\"}", &error);
  assert_non_null (recs);
  assert_string_equal (json_object_get_string_member (json_node_get_object (recs), "camera"), "Trường THCS");
  /* Removed by its folded name, audited by its own. */
  g_autoptr (JsonNode) removed = call (f, CG_ROLE_ADMIN, "camera.remove", "{\"name\": \"cho hoang kim\"}", &error);
  assert_non_null (removed);
  g_autoptr (JsonNode) audit = call (f, CG_ROLE_OPERATOR, "audit.list", "{}", &error);
  g_autofree char *text = json_to_string (audit, FALSE);
  assert_non_null (strstr (text, "Chợ Hoàng Kim"));
  g_autoptr (JsonNode) gone = call (f, CG_ROLE_VIEWER, "camera.get", "{\"name\": \"Chợ Hoàng Kim\"}", &error);
  assert_null (gone);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND));
}

static void
test_roles_from_groups (void **state)
{
  g_autoptr (CgConfig) c = cg_config_load (NULL, FALSE, NULL);
  const char *none[] = { "users", NULL };
  const char *viewer[] = { "users", "canhgac", NULL };
  const char *op[] = { "canhgac", "canhgac-operator", NULL };
  const char *admin[] = { "canhgac-admin", "canhgac", NULL };
  assert_int_equal (cg_role_for_groups (1000, 999, none, c), CG_ROLE_NONE);
  assert_int_equal (cg_role_for_groups (1000, 999, viewer, c), CG_ROLE_VIEWER);
  assert_int_equal (cg_role_for_groups (1000, 999, op, c), CG_ROLE_OPERATOR);
  assert_int_equal (cg_role_for_groups (1000, 999, admin, c), CG_ROLE_ADMIN);
  /* root and the daemon's own user, whatever their groups. */
  assert_int_equal (cg_role_for_groups (0, 999, none, c), CG_ROLE_ADMIN);
  assert_int_equal (cg_role_for_groups (999, 999, none, c), CG_ROLE_ADMIN);

  /* An admin removed from the admin group (still an operator there)
   * becomes an operator on the open connection; removed from every
   * group, nothing. */
  assert_int_equal (cg_role_recheck (CG_ROLE_ADMIN, CG_ROLE_ADMIN, CG_ROLE_OPERATOR), CG_ROLE_OPERATOR);
  assert_int_equal (cg_role_recheck (CG_ROLE_ADMIN, CG_ROLE_ADMIN, CG_ROLE_NONE), CG_ROLE_NONE);
  /* Unchanged membership keeps the role, also one the process's own
   * groups gave beyond the database's (started with sg or setpriv). */
  assert_int_equal (cg_role_recheck (CG_ROLE_ADMIN, CG_ROLE_ADMIN, CG_ROLE_ADMIN), CG_ROLE_ADMIN);
  assert_int_equal (cg_role_recheck (CG_ROLE_OPERATOR, CG_ROLE_VIEWER, CG_ROLE_VIEWER), CG_ROLE_OPERATOR);
  /* A group added later does not raise an open connection. */
  assert_int_equal (cg_role_recheck (CG_ROLE_VIEWER, CG_ROLE_VIEWER, CG_ROLE_ADMIN), CG_ROLE_VIEWER);
}

/* Two connections looked up at once, each in its own thread: each keeps
 * its own user's name (and so its groups and role), never the other's. */
typedef struct {
  uid_t uid;
  const char *name;
  const CgConfig *config;
  int wrong;
} Lookups;

static gpointer
look_up_many (gpointer data)
{
  Lookups *l = data;
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *user = NULL, *again = NULL;
      cg_role_for_user (l->uid, l->config, &user);
      cg_role_for_process (l->uid, NULL, 0, l->config, &again);
      l->wrong += g_strcmp0 (user, l->name) != 0 || g_strcmp0 (again, l->name) != 0;
    }
  return NULL;
}

static void
test_roles_looked_up_at_once (void **state)
{
  g_autoptr (CgConfig) c = cg_config_load (NULL, FALSE, NULL);
  struct passwd *other = getpwuid (65534);
  if (other == NULL)
    skip ();
  Lookups a = { 0, "root", c, 0 }, b = { 65534, NULL, c, 0 };
  b.name = g_strdup (other->pw_name);
  GThread *ta = g_thread_new ("a", look_up_many, &a);
  GThread *tb = g_thread_new ("b", look_up_many, &b);
  g_thread_join (ta);
  g_thread_join (tb);
  assert_int_equal (a.wrong, 0);
  assert_int_equal (b.wrong, 0);
  g_free ((char *) b.name);
}

static void
test_audit_chain (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  for (int i = 0; i < 5; i++)
    assert_true (cg_audit_append (h, 1000 + i, "cán bộ", "recording.open", "segment:1", "", NULL));
  CgAuditVerdict v;
  assert_true (cg_audit_verify (h, &v, NULL));
  assert_int_equal (v.rows, 5);
  assert_int_equal (v.first_bad_id, 0);
  cg_audit_verdict_clear (&v);

  /* The triggers stop the ordinary ways of rewriting history... */
  assert_int_not_equal (sqlite3_exec (h, "DELETE FROM audit WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
  /* ...and the chain shows the others. */
  assert_int_equal (sqlite3_exec (h, "DROP TRIGGER audit_no_update; "
                                     "UPDATE audit SET user = 'khác' WHERE id = 3", NULL, NULL, NULL),
                    SQLITE_OK);
  assert_true (cg_audit_verify (h, &v, NULL));
  assert_int_equal (v.first_bad_id, 3);
  cg_audit_verdict_clear (&v);
  assert_int_equal (sqlite3_exec (h, "UPDATE audit SET user = 'cán bộ' WHERE id = 3; "
                                     "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2",
                                  NULL, NULL, NULL), SQLITE_OK);
  assert_true (cg_audit_verify (h, &v, NULL));
  assert_int_equal (v.first_bad_id, 3);
  cg_audit_verdict_clear (&v);

  /* Fields cannot be shifted into one another. */
  g_autofree char *a = cg_audit_hash ("p", 1, "ab", "c", "", "");
  g_autofree char *b = cg_audit_hash ("p", 1, "a", "bc", "", "");
  assert_string_not_equal (a, b);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_every_method_checks_role, setup, teardown),
    cmocka_unit_test_setup_teardown (test_every_method_checks_params, setup, teardown),
    cmocka_unit_test_setup_teardown (test_credentials_only_for_admins, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cameras_by_folded_name_and_in_order, setup, teardown),
    cmocka_unit_test (test_roles_from_groups),
    cmocka_unit_test (test_roles_looked_up_at_once),
    cmocka_unit_test_setup_teardown (test_audit_chain, setup, teardown),
  };
  return cmocka_run_group_tests_name ("api", tests, NULL, NULL);
}
