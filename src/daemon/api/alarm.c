/* api/alarm.c — alarm.list, alarm.ack, and the alarm.changed
 * notification of the `alarms` topic. */
#define G_LOG_DOMAIN "canhgac-api"
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/db/alarms.h"
#include "daemon/server.h"

#define LIST_DEFAULT 50
#define LIST_MAX 500

static void
add_alarm (JsonBuilder *b, const CgDbAlarm *a)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, a->id);
  cg_json_add_string (b, "kind", a->kind);
  cg_json_add_string (b, "camera", a->camera);
  cg_json_add_string (b, "reason", a->reason);
  cg_json_add_time (b, "raised", a->raised_us);
  cg_json_add_time (b, "cleared", a->cleared_us);
  cg_json_add_string (b, "acknowledged_by", a->acknowledged_by);
  cg_json_add_time (b, "acknowledged", a->acknowledged_by != NULL ? a->acknowledged_us : 0);
  cg_json_add_string (b, "note", a->note);
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, cg_db_alarm_active (a));
  json_builder_end_object (b);
}

static JsonNode *
alarm_json (const CgDbAlarm *a)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  add_alarm (b, a);
  return json_builder_get_root (b);
}

void
cg_api_alarm_changed (CgApi *api, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgDbAlarm) a = cg_db_alarm_get (cg_db_handle (api->db), id, &error);
  if (a == NULL)
    {
      g_warning ("alarm %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  g_autoptr (JsonNode) params = alarm_json (a);
  if (api->server != NULL)
    cg_server_notify (api->server, CG_TOPIC_ALARMS, "alarm.changed", params, FALSE);
}

static JsonNode *
alarm_list (CgApiCall *call, GError **error)
{
  JsonObject *p = call->params;
  gboolean history = json_object_get_boolean_member_with_default (p, "history", FALSE);
  gint64 before = json_object_get_int_member_with_default (p, "before", 0);
  gint64 limit = json_object_get_int_member_with_default (p, "limit", LIST_DEFAULT);
  if (limit < 1 || limit > LIST_MAX)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: limit must be from 1 to 500"));
      return NULL;
    }
  GError *local = NULL;
  g_autoptr (GPtrArray) rows = cg_db_alarm_list (cg_db_handle (call->api->db), !history, before,
                                                 (int) limit + 1, &local);
  if (rows == NULL)
    return cg_api_internal_error (local, error);
  gboolean more = rows->len > (guint) limit;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "alarms");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len && i < (guint) limit; i++)
    add_alarm (b, rows->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "next_before");
  if (more)
    json_builder_add_int_value (b, ((CgDbAlarm *) rows->pdata[limit - 1])->id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
alarm_ack (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 id = json_object_get_int_member (call->params, "id");
  const char *note = json_object_get_string_member_with_default (call->params, "note", NULL);
  if (note != NULL && g_utf8_strlen (note, -1) > 500)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: note: at most 500 characters"));
      return NULL;
    }
  GError *local = NULL;
  g_autoptr (CgDbAlarm) a = cg_db_alarm_get (h, id, &local);
  if (a == NULL)
    {
      if (g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND))
        {
          g_clear_error (&local);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND, N_("no alarm %s"), number);
          return NULL;
        }
      return cg_api_internal_error (local, error);
    }
  if (a->acknowledged_by == NULL)
    {
      /* Who and when are the socket's, never the client's word. */
      g_autofree char *object = g_strdup_printf ("alarm %" G_GINT64_FORMAT, id);
      if (!cg_api_audit (call, "alarm.ack", object, note != NULL ? note : "", error))
        return NULL;
      gboolean done = FALSE;
      if (!cg_db_alarm_ack (h, id, call->user, note, cg_time_now_us (), &done, &local))
        return cg_api_internal_error (local, error);
      g_clear_pointer (&a, cg_db_alarm_free);
      a = cg_db_alarm_get (h, id, &local);
      if (a == NULL)
        return cg_api_internal_error (local, error);
      if (done)
        cg_api_alarm_changed (call->api, id);
    }
  return alarm_json (a);
}

static const CgRpcParam list_params[] = {
  { "history", CG_RPC_BOOL, FALSE },
  { "before", CG_RPC_INT, FALSE },
  { "limit", CG_RPC_INT, FALSE },
  { NULL },
};
static const CgRpcParam ack_params[] = {
  { "id", CG_RPC_INT, TRUE },
  { "note", CG_RPC_STRING, FALSE },
  { NULL },
};

const CgApiMethod cg_api_alarm_methods[] = {
  { "alarm.list", CG_ROLE_VIEWER, list_params, alarm_list },
  { "alarm.ack", CG_ROLE_OPERATOR, ack_params, alarm_ack, CG_API_AUDITED },
  { NULL },
};
