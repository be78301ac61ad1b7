/* api/thumbnail.c — `thumbnail.get`: a camera's latest live picture.
 *
 * A live thumbnail is not recorded footage, so reading it is not
 * audited (recording.open is). */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/error.h"
#include "common/i18n.h"
#include "daemon/vision/thumbnail_table.h"

static JsonNode *
thumbnail_get (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  g_autofree char *name = NULL;
  gint64 id = 0;
  if (!cg_api_camera_id (call, cg_rpc_param_string (call->params, "camera", NULL), &id, &name, error))
    return NULL;
  const char *what = _("looking the camera up");
  GError *local = NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT enabled FROM cameras WHERE id = ?", what,
                                               &local);
  if (st == NULL)
    return cg_api_internal_error (local, error);
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, &local);
      return cg_api_internal_error (local, error);
    }
  gboolean enabled = rc == SQLITE_ROW && sqlite3_column_int (st, 0);
  JsonNode *result = call->api->thumbnails != NULL
                       ? cg_thumbnails_to_json (call->api->thumbnails, id, name)
                       : NULL;
  if (result == NULL)
    {
      if (!enabled)
        cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                           N_("camera “%s” is disabled: it has no live picture"), name);
      else if (call->api->config->thumbnail_interval_us == 0)
        cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                           N_("thumbnails are turned off ([thumbnails] interval = 0)"));
      else
        cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                           N_("camera “%s” has no live picture yet: it has sent no keyframe that "
                              "could be decoded (canhgac status says why)"), name);
    }
  return result;
}

static const CgRpcParam get_params[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { NULL },
};

const CgApiMethod cg_api_thumbnail_methods[] = {
  { "thumbnail.get", CG_ROLE_VIEWER, get_params, thumbnail_get },
  { NULL },
};
