/* api/maintenance.c — the maintenance log: maintenance.add (operators,
 * audited with the values), maintenance.list, maintenance.get; and what
 * the recorder saw made into advice: maintenance.suggestions and
 * maintenance.overview (daemon/maintenance_suggest.h).
 *
 * Every field of an entry is checked before anything is written, and a
 * refusal names the field (data.field) and says what to type. */
#define G_LOG_DOMAIN "canhgac-api"
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/maintenance.h"
#include "common/message.h"
#include "common/timeutil.h"
#include "common/camera.h"
#include "daemon/db/cameras.h"
#include "daemon/db/maintenance.h"
#include "daemon/maintenance_suggest.h"

#define LIST_LIMIT_DEFAULT 100
#define LIST_LIMIT_MAX 500
#define NOTE_MAX 1000   /* characters */
#define SERIAL_MAX 64   /* characters */
/* A clock a little ahead of the daemon's is not "the future". */
#define CLOCK_SKEW_US (60 * CG_USEC_PER_SEC)
/* More than anyone spends on a camera: a typing mistake. */
#define COST_MAX G_GINT64_CONSTANT (1000000000000)

/* ---- an entry as the API gives it ------------------------------------------ */

static void
add_entry (JsonBuilder *b, const CgDbMaintenance *m)
{
  json_builder_begin_object (b);
  cg_json_add_int (b, "id", m->id);
  cg_json_add_string (b, "camera", m->camera);
  cg_json_add_int (b, "camera_id", m->camera_id);
  cg_json_add_string (b, "kind", m->kind);
  cg_json_add_time (b, "at", m->at_us);
  cg_json_add_string (b, "by", m->by_user);
  cg_json_add_string (b, "by_name", m->by_name);
  json_builder_set_member_name (b, "cost");
  if (m->cost >= 0)
    json_builder_add_int_value (b, m->cost);
  else
    json_builder_add_null_value (b);
  cg_json_add_string (b, "note", m->note != NULL ? m->note : "");
  cg_json_add_string (b, "old_serial", m->old_serial);
  cg_json_add_string (b, "new_serial", m->new_serial);
  cg_json_add_time (b, "created", m->created_us);
  json_builder_end_object (b);
}

static JsonNode *
entry_node (const CgDbMaintenance *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  add_entry (b, m);
  return json_builder_get_root (b);
}

static gboolean
refuse (GError **error, const char *field, const char *msgid, const char *value)
{
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                        cg_message_compose (msgid, cg_message_literal (value), NULL));
  cg_error_set_field (error, field);
  return FALSE;
}

static gboolean
kind_ok (const char *kind, GError **error)
{
  if (cg_maintenance_kind_valid (kind))
    return TRUE;
  return refuse (error, "kind", N_("“%s” is not a kind of maintenance entry: give fault, "
                                   "inspection, repair, replace, move or retire"), kind);
}

/* ---- maintenance.add ------------------------------------------------------------ */

static gboolean
audit_entry (gpointer call, const char *detail, GError **error)
{
  return cg_api_audit (call, "maintenance.add", "maintenance", detail, error);
}

static gboolean
read_entry (CgApiCall *call, CgDbMaintenance *m, GError **error)
{
  JsonObject *p = call->params;
  const char *camera = cg_rpc_param_string (p, "camera", NULL);
  if (!cg_api_camera_id (call, camera, &m->camera_id, &m->camera, error))
    {
      cg_error_set_field (error, "camera");
      return FALSE;
    }
  const char *kind = cg_rpc_param_string (p, "kind", NULL);
  if (!kind_ok (kind, error))
    return FALSE;
  m->kind = g_strdup (kind);
  gint64 now = cg_time_now_us ();
  m->at_us = cg_rpc_param_time (p, "at", now);
  if (m->at_us > now + CLOCK_SKEW_US)
    {
      cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                            cg_message_compose (N_("“at” (%s) is in the future: give when it "
                                                   "happened, now or before"),
                                                cg_message_time (m->at_us), NULL));
      cg_error_set_field (error, "at");
      return FALSE;
    }
  if (m->at_us <= 0)
    return refuse (error, "at", N_("“at” (%s) is before 1970: give when it happened"),
                   cg_rpc_param_string (p, "at", ""));
  m->cost = -1;
  if (json_object_has_member (p, "cost") && !json_object_get_null_member (p, "cost"))
    {
      m->cost = cg_rpc_param_int (p, "cost", -1);
      if (m->cost < 0 || m->cost > COST_MAX)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, m->cost);
          return refuse (error, "cost", N_("the cost (%s) must be a whole number of dong, 0 or "
                                           "more, such as 350000"), text);
        }
    }
  if (!cg_api_text_param (p, "note", NOTE_MAX, TRUE, &m->note, error)
      || !cg_api_text_param (p, "old_serial", SERIAL_MAX, FALSE, &m->old_serial, error)
      || !cg_api_text_param (p, "new_serial", SERIAL_MAX, FALSE, &m->new_serial, error))
    return FALSE;
  /* Empty is not given. */
  if (m->old_serial != NULL && m->old_serial[0] == '\0')
    g_clear_pointer (&m->old_serial, g_free);
  if (m->new_serial != NULL && m->new_serial[0] == '\0')
    g_clear_pointer (&m->new_serial, g_free);
  if (!g_str_equal (kind, CG_MAINT_REPLACE))
    {
      const char *field = m->old_serial != NULL ? "old_serial"
                          : m->new_serial != NULL ? "new_serial" : NULL;
      if (field != NULL)
        return refuse (error, field, N_("“%s” is only for a replacement (kind replace): "
                                        "leave it out"), field);
    }
  m->by_user = g_strdup (call->user);
  m->by_name = g_strdup (call->full_name);
  return TRUE;
}

static JsonNode *
maintenance_add (CgApiCall *call, GError **error)
{
  g_auto (CgDbMaintenance) m = { 0 };
  if (!read_entry (call, &m, error))
    return NULL;
  GError *local = NULL;
  if (!cg_db_maintenance_add (cg_db_handle (call->api->db), &m, cg_time_now_us (), audit_entry,
                              call, &local))
    {
      if (local->domain == CG_RPC_ERROR)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      return cg_api_internal_error (local, error);
    }
  cg_api_audit_anchor (call);
  return entry_node (&m);
}

/* ---- reading the log ------------------------------------------------------------ */

static JsonNode *
maintenance_list (CgApiCall *call, GError **error)
{
  JsonObject *p = call->params;
  gint64 limit = cg_rpc_param_int (p, "limit", LIST_LIMIT_DEFAULT);
  if (limit < 1 || limit > LIST_LIMIT_MAX)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “limit” must be from 1 to %d"), LIST_LIMIT_MAX);
      cg_error_set_field (error, "limit");
      return NULL;
    }
  CgDbMaintenanceQuery q = {
    .kind = cg_rpc_param_string (p, "kind", NULL),
    .from_us = cg_rpc_param_time (p, "from", 0),
    .to_us = cg_rpc_param_time (p, "to", 0),
    .before_id = cg_rpc_param_int (p, "before", 0),
    .limit = (guint) limit + 1,
  };
  if (q.kind != NULL && !kind_ok (q.kind, error))
    return NULL;
  const char *camera = cg_rpc_param_string (p, "camera", NULL);
  if (camera != NULL && !cg_api_camera_id (call, camera, &q.camera_id, NULL, error))
    {
      cg_error_set_field (error, "camera");
      return NULL;
    }
  gint64 total = 0;
  GError *local = NULL;
  g_autoptr (GArray) rows = cg_db_maintenance_list (cg_db_handle (call->api->db), &q, &total,
                                                    &local);
  if (rows == NULL)
    return cg_api_internal_error (local, error);
  gboolean more = rows->len > (guint) limit;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len && i < (guint) limit; i++)
    add_entry (b, &g_array_index (rows, CgDbMaintenance, i));
  json_builder_end_array (b);
  cg_json_add_int (b, "total", total);
  json_builder_set_member_name (b, "next_before");
  if (more)
    json_builder_add_int_value (b, g_array_index (rows, CgDbMaintenance, limit - 1).id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
maintenance_get (CgApiCall *call, GError **error)
{
  gint64 id = cg_rpc_param_int (call->params, "id", 0);
  g_auto (CgDbMaintenance) m = { 0 };
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_maintenance_get (cg_db_handle (call->api->db), id, &m, &found, &local))
    return cg_api_internal_error (local, error);
  if (!found)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                         N_("there is no maintenance entry %s (maintenance list shows them)"),
                         text);
      cg_error_set_field (error, "id");
      return NULL;
    }
  return entry_node (&m);
}

/* ---- suggestions ---------------------------------------------------------------- */

static void
add_suggestion (JsonBuilder *b, const CgUpkeep *u, const CgSuggestion *s, gboolean with_camera)
{
  json_builder_begin_object (b);
  if (with_camera)
    {
      cg_json_add_string (b, "camera", u->name);
      cg_json_add_int (b, "camera_id", u->camera_id);
    }
  cg_json_add_string (b, "reason", s->reason);
  g_autoptr (CgMessage) message = cg_suggestion_message (s);
  json_builder_set_member_name (b, "message");
  json_builder_add_value (b, cg_message_to_json (message));
  g_autofree char *text = cg_message_word (message);
  cg_json_add_string (b, "text", text);
  const CgSuggestReason *r = cg_suggest_reason_lookup (s->reason);
  gboolean hosted = u->host_name != NULL && *u->host_name != '\0';
  cg_json_add_string (b, "advice", cg_suggest_reason_advice (r, hosted));
  json_builder_set_member_name (b, "hosted");
  json_builder_add_boolean_value (b, hosted);
  cg_json_add_time (b, "since", s->since_us);
  cg_json_add_int (b, "count", s->count);
  if (s->entry > 0)
    {
      cg_json_add_int (b, "entry", s->entry);
      cg_json_add_string (b, "note", s->note);
    }
  json_builder_end_object (b);
}

static GPtrArray *
overview (CgApiCall *call, GError **error)
{
  CgSuggestRules rules;
  cg_suggest_rules_from_config (call->api->config, &rules);
  GError *local = NULL;
  GPtrArray *all = cg_maintenance_overview (cg_db_handle (call->api->db), &rules,
                                            cg_time_now_us (), &local);
  if (all == NULL)
    cg_api_internal_error (local, error);
  return all;
}

static JsonNode *
maintenance_suggestions (CgApiCall *call, GError **error)
{
  g_autoptr (GPtrArray) all = overview (call, error);
  if (all == NULL)
    return NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "suggestions");
  json_builder_begin_array (b);
  for (guint i = 0; i < all->len; i++)
    {
      const CgUpkeep *u = all->pdata[i];
      for (guint j = 0; j < u->suggestions->len; j++)
        add_suggestion (b, u, &g_array_index (u->suggestions, CgSuggestion, j), TRUE);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
maintenance_overview (CgApiCall *call, GError **error)
{
  g_autoptr (GPtrArray) all = overview (call, error);
  if (all == NULL)
    return NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < all->len; i++)
    {
      const CgUpkeep *u = all->pdata[i];
      json_builder_begin_object (b);
      cg_json_add_int (b, "camera_id", u->camera_id);
      cg_json_add_string (b, "name", u->name);
      cg_json_add_string (b, "place", u->place);
      cg_json_add_string (b, "host_name", u->host_name);
      cg_json_add_string (b, "host_phone", u->host_phone);
      cg_json_add_string (b, "installed_on", u->installed_on);
      json_builder_set_member_name (b, "enabled");
      json_builder_add_boolean_value (b, u->enabled);
      json_builder_set_member_name (b, "retired");
      json_builder_add_boolean_value (b, u->retired);
      json_builder_set_member_name (b, "uptime_percent");
      json_builder_add_double_value (b, (double) (gint64) (u->uptime * 1000 + 0.5) / 10);
      cg_json_add_int (b, "outages_30d", u->outages);
      json_builder_set_member_name (b, "last");
      if (u->last_entry > 0)
        {
          json_builder_begin_object (b);
          cg_json_add_int (b, "id", u->last_entry);
          cg_json_add_string (b, "kind", u->last_kind);
          cg_json_add_time (b, "at", u->last_at_us);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "suggestions");
      json_builder_begin_array (b);
      for (guint j = 0; j < u->suggestions->len; j++)
        add_suggestion (b, u, &g_array_index (u->suggestions, CgSuggestion, j), FALSE);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The camera's outages of the last 30 days, newest first, as the
 * suggestions count them. */
static JsonNode *
maintenance_outages (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  g_autofree char *name = NULL;
  gint64 id = 0;
  if (!cg_api_camera_id (call, cg_rpc_param_string (call->params, "camera", ""), &id, &name, error))
    {
      cg_error_set_field (error, "camera");
      return NULL;
    }
  GError *local = NULL;
  g_autoptr (GPtrArray) cameras = cg_camera_list (h, &local);
  gint64 created = 0;
  for (guint i = 0; cameras != NULL && i < cameras->len; i++)
    if (((CgCamera *) cameras->pdata[i])->id == id)
      created = ((CgCamera *) cameras->pdata[i])->created_us;
  g_autoptr (GArray) spans = cameras != NULL
                               ? cg_maintenance_outages (h, id, created, cg_time_now_us (), &local)
                               : NULL;
  if (spans == NULL)
    return cg_api_internal_error (local, error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "camera", name);
  json_builder_set_member_name (b, "outages");
  json_builder_begin_array (b);
  for (guint i = spans->len; i-- > 0;)
    {
      const CgOutageSpan *o = &g_array_index (spans, CgOutageSpan, i);
      json_builder_begin_object (b);
      cg_json_add_time (b, "start", o->start_us);
      cg_json_add_time (b, "end", o->end_us);
      cg_json_add_string (b, "reason", o->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- the table ---------------------------------------------------------------- */

static const CgRpcParam no_params[] = { { NULL } };
static const CgRpcParam add_params[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { "kind", CG_RPC_STRING, TRUE },
  { "at", CG_RPC_TIME, FALSE },
  { "cost", CG_RPC_INT, FALSE },
  { "note", CG_RPC_STRING, FALSE },
  { "old_serial", CG_RPC_STRING, FALSE },
  { "new_serial", CG_RPC_STRING, FALSE },
  { NULL },
};
static const CgRpcParam list_params[] = {
  { "camera", CG_RPC_STRING, FALSE },
  { "kind", CG_RPC_STRING, FALSE },
  { "from", CG_RPC_TIME, FALSE },
  { "to", CG_RPC_TIME, FALSE },
  { "limit", CG_RPC_INT, FALSE },
  { "before", CG_RPC_INT, FALSE },
  { NULL },
};
static const CgRpcParam camera_params[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { NULL },
};
static const CgRpcParam get_params[] = {
  { "id", CG_RPC_INT, TRUE },
  { NULL },
};

const CgApiMethod cg_api_maintenance_methods[] = {
  { "maintenance.add", CG_ROLE_OPERATOR, add_params, maintenance_add, CG_API_AUDITED },
  { "maintenance.list", CG_ROLE_VIEWER, list_params, maintenance_list },
  { "maintenance.get", CG_ROLE_VIEWER, get_params, maintenance_get },
  { "maintenance.suggestions", CG_ROLE_VIEWER, no_params, maintenance_suggestions },
  { "maintenance.overview", CG_ROLE_VIEWER, no_params, maintenance_overview },
  { "maintenance.outages", CG_ROLE_VIEWER, camera_params, maintenance_outages },
  { NULL },
};
