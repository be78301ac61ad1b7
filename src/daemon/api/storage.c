/* api/storage.c — `storage.status`: quota, use, days kept, forecast,
 * what thinning saved, and the storage alerts; `storage.release_damaged`:
 * an administrator hands a damaged segment back to the storage policy. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/db/segments.h"
#include "daemon/storage/usage.h"

static JsonNode *
storage_status (CgApiCall *call, GError **error)
{
  CgStorageReport report;
  GError *local = NULL;
  if (!cg_storage_report_gather (cg_db_handle (call->api->db), call->api->config, cg_time_now_us (),
                                 &report, &local))
    {
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_INTERNAL_ERROR);
      return NULL;
    }
  JsonNode *result = cg_storage_report_to_json (&report, call->api->config, call->api->storage);
  cg_storage_report_clear (&report);
  return result;
}

/* The segment was examined (and copied, or marked as evidence, if it
 * mattered): thinning and deletion may treat it as any other.  The row
 * and its audit row change together. */
static JsonNode *
release_damaged (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 id = cg_rpc_param_int (call->params, "segment", 0);
  GError *local = NULL;
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("updating the recordings"),
                                                &local);
  if (tx == NULL || !cg_db_segment_get (h, id, &s, NULL, &found, &local))
    return cg_api_internal_error (local, error);
  if (!found || !s.damaged)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                   _("segment %s is not a damaged segment (recordings.list marks them "
                     "“damaged”)"), idtext);
      return NULL;
    }
  gboolean changed = FALSE;
  g_autofree char *object = cg_db_segment_audit_object (s.camera_id, s.start_us);
  g_autofree char *detail = g_strdup_printf ("segment=%" G_GINT64_FORMAT " bytes=%" G_GINT64_FORMAT,
                                             id, s.bytes);
  if (!cg_db_segment_release_damaged (h, id, &changed, &local)
      || !cg_audit_append (h, cg_time_now_us (), call->user, "storage.release_damaged", object,
                           detail, &local)
      || !cg_db_commit (tx, &local))
    return cg_api_internal_error (local, error);
  return json_node_init_boolean (json_node_alloc (), TRUE);
}

static const CgRpcParam no_params[] = { { NULL } };
static const CgRpcParam segment_params[] = {
  { "segment", CG_RPC_INT, TRUE },
  { NULL },
};

const CgApiMethod cg_api_storage_methods[] = {
  { "storage.status", CG_ROLE_VIEWER, no_params, storage_status },
  { "storage.release_damaged", CG_ROLE_ADMIN, segment_params, release_damaged, CG_API_AUDITED },
  { NULL },
};
