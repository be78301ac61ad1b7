/* api/report.c — `report.get`: the figures of a periodic report
 * (report/report.h), with the storage as it is now, the unit from the
 * configuration and the audit chain's head, so that a printed report
 * anchors the log.  Making one is audited.
 *
 * A year of a commune's per-minute link figures is millions of rows: the
 * figures are worked out in a thread of their own, on a connection of
 * its own, one report at a time, and the reply comes later (the peer's
 * other requests wait behind it; other peers are not held up). */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/period.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/audit_seal.h"
#include "daemon/report/report.h"
#include "daemon/storage/usage.h"

/* One report is being made (main loop only). */
static gboolean making;

typedef struct {
  CgApiLater *later;
  CgApi *api;
  char *db_path;
  CgPeriod period;
  int camera_distance;
  gint64 now_us;
  JsonNode *storage;
} Job;

static void
job_free (Job *j)
{
  g_free (j->db_path);
  g_clear_pointer (&j->storage, json_node_unref);
  g_free (j);
}

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

static void
build_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *j = data;
  GError *error = NULL;
  g_autoptr (CgDb) db = cg_db_open (j->db_path, CG_DB_READ_ONLY, &error);
  JsonNode *result = db == NULL ? NULL
                                : cg_report_build (cg_db_handle (db), j->camera_distance, &j->period,
                                                   NULL, j->now_us, j->storage, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
}

static void
built (GObject *source, GAsyncResult *res, gpointer data)
{
  Job *j = g_task_get_task_data (G_TASK (res));
  GError *error = NULL;
  JsonNode *result = g_task_propagate_pointer (G_TASK (res), &error);
  making = FALSE;
  if (result == NULL)
    {
      GError *reply = NULL;
      cg_error_propagate_as (&reply, error, CG_RPC_ERROR, CG_RPC_INTERNAL_ERROR);
      cg_api_later_reply (j->later, NULL, -1, reply);
      return;
    }
  /* The configuration as it is now, on the main loop. */
  cg_report_add_config (json_node_get_object (result), j->api->config);
  add_audit_head (json_node_get_object (result));
  cg_api_later_reply (j->later, result, -1, NULL);
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
  if (making)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_OVERLOADED,
                         N_("another report is being made: try again in a moment"));
      return NULL;
    }
  g_autofree char *code = cg_period_code (&period);
  if (!cg_api_audit (call, "report.get", code, "", error))
    return NULL;
  Job *j = g_new0 (Job, 1);
  j->api = call->api;
  j->period = period;
  j->camera_distance = call->api->config->report_camera_distance;
  j->now_us = cg_time_now_us ();
  j->db_path = g_build_filename (call->api->config->data_dir, CG_DB_FILENAME, NULL);
  j->storage = storage_now (call, j->now_us, &local);
  if (j->storage == NULL)
    {
      job_free (j);
      return cg_api_internal_error (local, error);
    }
  j->later = cg_api_later (call);
  making = TRUE;
  g_autoptr (GTask) task = g_task_new (NULL, NULL, built, NULL);
  g_task_set_task_data (task, j, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, build_thread);
  return NULL;
}

static const CgRpcParam report_params[] = {
  { "period", CG_RPC_STRING, TRUE },
  { NULL },
};

const CgApiMethod cg_api_report_methods[] = {
  { "report.get", CG_ROLE_VIEWER, report_params, report_get, CG_API_AUDITED },
  { NULL },
};
