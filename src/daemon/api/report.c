/* api/report.c — `report.get`: the figures of a periodic report
 * (report/report.h), with the storage as it is now and the audit chain's
 * head, so that a printed report anchors the log.  Making one is
 * audited. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/error.h"
#include "common/jsonrpc.h"
#include "common/period.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/audit_seal.h"
#include "daemon/report/report.h"
#include "daemon/storage/usage.h"

static JsonNode *
storage_now (CgApiCall *call, gint64 now_us, GError **error)
{
  CgStorageReport report;
  if (!cg_storage_report_gather (cg_db_handle (call->api->db), call->api->config, now_us, &report,
                                 error))
    return NULL;
  JsonNode *json = cg_storage_report_to_json (&report, call->api->config, call->api->storage);
  cg_storage_report_clear (&report);
  return json;
}

static void
add_audit_head (JsonObject *result)
{
  gint64 rows = 0;
  g_autofree char *hash = NULL;
  if (!cg_audit_head (&rows, &hash) || rows <= 0 || hash == NULL)
    {
      json_object_set_null_member (result, "audit_head");
      return;
    }
  JsonObject *head = json_object_new ();
  json_object_set_int_member (head, "rows", rows);
  json_object_set_string_member (head, "hash", hash);
  g_autofree char *text = cg_audit_seal_head_text (rows, hash);
  json_object_set_string_member (head, "text", text);
  json_object_set_object_member (result, "audit_head", head);
}

static JsonNode *
report_get (CgApiCall *call, GError **error)
{
  const char *text = json_object_get_string_member (call->params, "period");
  CgPeriod period;
  GError *local = NULL;
  if (!cg_period_parse (text, &period, &local))
    {
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS);
      return NULL;
    }
  g_autofree char *code = cg_period_code (&period);
  if (!cg_api_audit (call, "report.get", code, "", error))
    return NULL;
  gint64 now = cg_time_now_us ();
  g_autoptr (JsonNode) storage = storage_now (call, now, &local);
  if (storage == NULL)
    return cg_api_internal_error (local, error);
  JsonNode *result = cg_report_build (cg_db_handle (call->api->db), call->api->config, &period,
                                      NULL, now, storage, &local);
  if (result == NULL)
    return cg_api_internal_error (local, error);
  add_audit_head (json_node_get_object (result));
  return result;
}

static const CgRpcParam report_params[] = {
  { "period", CG_RPC_STRING, TRUE },
  { NULL },
};

const CgApiMethod cg_api_report_methods[] = {
  { "report.get", CG_ROLE_VIEWER, report_params, report_get, CG_API_AUDITED },
  { NULL },
};
