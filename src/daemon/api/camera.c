/* api/camera.c — camera.list/get/add/update/remove/enable/disable.
 *
 * Credentials go only to admins; everyone else sees URLs masked.  Every
 * change is audited (without the password).
 */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/camera_changes.h"
#include "daemon/db/cameras.h"
#include "common/error.h"
#include "common/i18n.h"
#include "daemon/vision/motion.h"

/* A camera-layer error as an API error a client can tell apart. */
static JsonNode *
fail (GError *local, GError **error)
{
  int code = CG_RPC_FAILED;
  /* The camera layer's refusals of a value are the caller's to fix. */
  if (g_error_matches (local, CG_ERROR, CG_ERROR_USAGE)
      || g_error_matches (local, CG_ERROR, CG_ERROR_FAILED))
    code = CG_RPC_INVALID_PARAMS;
  else if (g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND))
    code = CG_RPC_NOT_FOUND;
  else if (g_error_matches (local, CG_ERROR, CG_ERROR_CONFLICT))
    code = CG_RPC_CONFLICT;
  cg_error_propagate_as (error, local, CG_RPC_ERROR, code);
  return NULL;
}

/* A camera with its id, which names it whatever its name becomes. */
static JsonNode *
camera_json (CgApiCall *call, const CgCamera *cam)
{
  JsonNode *node = cg_camera_to_json (cam, call->role >= CG_ROLE_ADMIN);
  json_object_set_int_member (json_node_get_object (node), "id", cam->id);
  return node;
}

/* Removed cameras whose recordings are still there: what is left of
 * them, and the id that reaches them when a new camera took the name. */
static JsonNode *
removed_camera_json (const CgRemovedCamera *c)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, c->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, c->name);
  json_builder_set_member_name (b, "place");
  if (c->place != NULL)
    json_builder_add_string_value (b, c->place);
  else
    json_builder_add_null_value (b);
  cg_json_add_time (b, "removed_at", c->removed_us);
  cg_json_add_time (b, "first", c->first_us);
  cg_json_add_time (b, "last", c->last_us);
  json_builder_set_member_name (b, "segments");
  json_builder_add_int_value (b, c->segments);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, c->bytes);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
camera_list (CgApiCall *call, GError **error)
{
  GError *local = NULL;
  sqlite3 *h = cg_db_handle (call->api->db);
  gboolean removed = cg_rpc_param_bool (call->params, "removed", FALSE);
  g_autoptr (GPtrArray) cams = removed ? cg_camera_list_removed (h, &local)
                                       : cg_camera_list (h, &local);
  if (cams == NULL)
    return fail (local, error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < cams->len; i++)
    json_builder_add_value (b, removed ? removed_camera_json (cams->pdata[i])
                                       : camera_json (call, cams->pdata[i]));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
camera_get (CgApiCall *call, GError **error)
{
  GError *local = NULL;
  g_autoptr (CgCamera) cam = cg_camera_find (cg_db_handle (call->api->db),
                                             cg_rpc_param_string (call->params, "name", ""), &local);
  if (cam == NULL)
    return fail (local, error);
  return camera_json (call, cam);
}

/* What changed, for the audit row: the names of the fields given. */
static char *
changed_fields (JsonObject *p)
{
  g_autoptr (GList) names = json_object_get_members (p);
  GString *s = g_string_new (NULL);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "name"))
      g_string_append_printf (s, "%s%s", s->len > 0 ? "," : "", (const char *) l->data);
  return g_string_free (s, FALSE);
}

static JsonNode *
save (CgApiCall *call, CgCamera *cam, const char *action, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  GError *local = NULL;
  /* One commit for the change and its audit row: both or neither.  A
   * change whose row cannot be written is rolled back. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("saving the camera"), &local);
  if (tx == NULL || !cg_camera_save (h, cam, &local))
    return fail (local, error);
  g_autofree char *fields = changed_fields (call->params);
  if (!cg_api_audit (call, action, cam->name, fields, error))
    return NULL;
  if (!cg_db_commit (tx, &local))
    return fail (local, error);
  cg_api_audit_anchor (call);
  return camera_json (call, cam);
}

/* A mask the motion detector cannot read is refused before it is saved. */
static gboolean
mask_ok (const CgCameraChanges *c, GError **error)
{
  CgMotionMask mask;
  GError *local = NULL;
  const char *text = cg_camera_changes_get (c, "motion_mask");
  if (text == NULL || *text == '\0' || cg_motion_mask_parse (text, &mask, &local))
    return TRUE;
  cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS);
  return FALSE;
}

static JsonNode *
camera_add (CgApiCall *call, GError **error)
{
  g_autoptr (CgCamera) cam = cg_camera_new ();
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_read (&changes, call->params);
  if (!mask_ok (&changes, error))
    return NULL;
  cam->name = g_strdup (cg_rpc_param_string (call->params, "name", ""));
  GError *local = NULL;
  if (!cg_camera_apply (cam, &changes, &local))
    return fail (local, error);
  return save (call, cam, "camera.add", error);
}

static JsonNode *
camera_update (CgApiCall *call, GError **error)
{
  GError *local = NULL;
  g_autoptr (CgCamera) cam = cg_camera_find (cg_db_handle (call->api->db),
                                             cg_rpc_param_string (call->params, "name", ""), &local);
  if (cam == NULL)
    return fail (local, error);
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_read (&changes, call->params);
  if (!mask_ok (&changes, error))
    return NULL;
  if (!cg_camera_apply (cam, &changes, &local))
    return fail (local, error);
  const char *rename = cg_rpc_param_string (call->params, "rename", NULL);
  if (rename != NULL)
    {
      g_free (cam->name);
      cam->name = g_strdup (rename);
    }
  return save (call, cam, "camera.update", error);
}

static JsonNode *
set_enabled (CgApiCall *call, gboolean enabled, GError **error)
{
  GError *local = NULL;
  g_autoptr (CgCamera) cam = cg_camera_find (cg_db_handle (call->api->db),
                                             cg_rpc_param_string (call->params, "name", ""), &local);
  if (cam == NULL)
    return fail (local, error);
  cam->enabled = enabled;
  return save (call, cam, enabled ? "camera.enable" : "camera.disable", error);
}

static JsonNode *
camera_enable (CgApiCall *call, GError **error)
{
  return set_enabled (call, TRUE, error);
}

static JsonNode *
camera_disable (CgApiCall *call, GError **error)
{
  return set_enabled (call, FALSE, error);
}

static JsonNode *
camera_remove (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  GError *local = NULL;
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("removing the camera"),
                                                &local);
  if (tx == NULL)
    return fail (local, error);
  /* Found as every method finds a camera, then removed by its own name,
   * which the audit keeps. */
  g_autoptr (CgCamera) cam = cg_camera_find (h, cg_rpc_param_string (call->params, "name", ""), &local);
  if (cam == NULL || !cg_camera_remove (h, cam->name, &local))
    return fail (local, error);
  if (!cg_api_audit (call, "camera.remove", cam->name, "", error))
    return NULL;
  if (!cg_db_commit (tx, &local))
    return fail (local, error);
  cg_api_audit_anchor (call);
  return json_node_init_boolean (json_node_alloc (), TRUE);
}

/* The fields' parameters come from their table (common/camera_fields.c). */
#define CHANGE_PARAMS { .include = cg_camera_field_params }

static const CgRpcParam list_params[] = { { "removed", CG_RPC_BOOL, FALSE }, { NULL } };
static const CgRpcParam name_params[] = { { "name", CG_RPC_STRING, TRUE }, { NULL } };
static const CgRpcParam add_params[] = {
  { "name", CG_RPC_STRING, TRUE }, CHANGE_PARAMS, { NULL },
};
static const CgRpcParam update_params[] = {
  { "name", CG_RPC_STRING, TRUE }, { "rename", CG_RPC_STRING, FALSE }, CHANGE_PARAMS, { NULL },
};

const CgApiMethod cg_api_camera_methods[] = {
  { "camera.list", CG_ROLE_VIEWER, list_params, camera_list },
  { "camera.get", CG_ROLE_VIEWER, name_params, camera_get },
  { "camera.add", CG_ROLE_ADMIN, add_params, camera_add, CG_API_AUDITED },
  { "camera.update", CG_ROLE_ADMIN, update_params, camera_update, CG_API_AUDITED },
  { "camera.remove", CG_ROLE_ADMIN, name_params, camera_remove, CG_API_AUDITED },
  { "camera.enable", CG_ROLE_ADMIN, name_params, camera_enable, CG_API_AUDITED },
  { "camera.disable", CG_ROLE_ADMIN, name_params, camera_disable, CG_API_AUDITED },
  { NULL },
};
