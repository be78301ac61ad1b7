/* api/storage.c — `storage.status`: quota, use, days kept, forecast,
 * what thinning saved, and the storage alerts. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
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

static const CgRpcParam no_params[] = { { NULL } };

const CgApiMethod cg_api_storage_methods[] = {
  { "storage.status", CG_ROLE_VIEWER, no_params, storage_status },
  { NULL },
};
