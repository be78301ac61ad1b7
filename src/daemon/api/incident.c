/* api/incident.c — the incident log read: incident.kinds, incident.list
 * (search without diacritics, filters, pages), incident.show (with its
 * evidence, exports and audit trail); and what the changing methods
 * (incident_changes.c) share with them. */
#include "build-config.h"

#include "daemon/api/incident.h"

#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"
#include "daemon/server.h"

#include <math.h>
#include <string.h>

#define LIST_LIMIT_DEFAULT 100
#define LIST_LIMIT_MAX 500

/* ---- finding ------------------------------------------------------------ */

static gboolean
not_found (const char *what, GError **error)
{
  cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                     N_("there is no incident %s (incident list shows them)"), what);
  cg_error_set_field (error, "incident");
  return FALSE;
}

gboolean
cg_api_incident_get (CgApiCall *call, gint64 id, CgDbIncident *in, GError **error)
{
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_incident_get (cg_db_handle (call->api->db), id, in, &found, &local))
    {
      cg_api_internal_error (local, error);
      return FALSE;
    }
  if (!found)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      return not_found (text, error);
    }
  return TRUE;
}

gboolean
cg_api_incident_find (CgApiCall *call, CgDbIncident *in, GError **error)
{
  JsonNode *node = json_object_get_member (call->params, "incident");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return cg_api_incident_get (call, json_node_get_int (node), in, error);
  g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
  gint64 id = 0, number = 0, year = 0;
  g_auto (GStrv) parts = g_strsplit (text, "/", 3);
  if (g_strv_length (parts) == 1 && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    return cg_api_incident_get (call, id, in, error);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT, &number, NULL)
      || !g_ascii_string_to_signed (parts[1], 10, 1970, 9999, &year, NULL))
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("“%s” is not an incident: give its number and year as written on "
                            "paper, such as 12/2026"), text);
      cg_error_set_field (error, "incident");
      return FALSE;
    }
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_incident_get_code (cg_db_handle (call->api->db), (int) number, (int) year, in, &found,
                                &local))
    {
      cg_api_internal_error (local, error);
      return FALSE;
    }
  return found || not_found (text, error);
}

/* ---- the record ---------------------------------------------------------- */

static void
add_evidence (JsonBuilder *b, const CgDbEvidence *e)
{
  json_builder_begin_object (b);
  cg_json_add_int (b, "id", e->id);
  cg_json_add_string (b, "camera", e->camera);
  cg_json_add_int (b, "camera_id", e->camera_id);
  cg_json_add_time (b, "from", e->from_us);
  cg_json_add_time (b, "to", e->to_us);
  cg_json_add_string (b, "added_by", e->added_by);
  cg_json_add_time (b, "added", e->added_us);
  json_builder_set_member_name (b, "footage_seconds");
  json_builder_add_double_value (b, (double) e->footage_us / G_USEC_PER_SEC);
  if (e->removed_us > 0)
    {
      json_builder_set_member_name (b, "removed");
      json_builder_begin_object (b);
      cg_json_add_string (b, "by", e->removed_by);
      cg_json_add_time (b, "time", e->removed_us);
      cg_json_add_string (b, "reason", e->removed_reason);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* How many cameras incident.show names near the incident's position. */
#define NEAREST_CAMERAS 3

/* "nearest_cameras": those nearest the incident's map position, nearest
 * first; none when it has no position. */
static gboolean
add_nearest (CgApiCall *call, JsonBuilder *b, const CgDbIncident *in, GError **error)
{
  g_autoptr (GArray) near = NULL;
  if (in->has_map)
    {
      GError *local = NULL;
      near = cg_db_cameras_nearest (cg_db_handle (call->api->db), in->map_x, in->map_y,
                                    NEAREST_CAMERAS, &local);
      if (near == NULL)
        {
          cg_api_internal_error (local, error);
          return FALSE;
        }
    }
  json_builder_set_member_name (b, "nearest_cameras");
  json_builder_begin_array (b);
  for (guint i = 0; near != NULL && i < near->len; i++)
    {
      const CgDbNearCamera *c = &g_array_index (near, CgDbNearCamera, i);
      json_builder_begin_object (b);
      cg_json_add_string (b, "name", c->name);
      cg_json_add_string (b, "place", c->place);
      json_builder_set_member_name (b, "distance");
      /* Tenths of a unit: enough to tell them apart. */
      json_builder_add_double_value (b, round (c->distance * 10) / 10);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

static gboolean
add_parts (CgApiCall *call, JsonBuilder *b, gint64 id, gboolean with_history, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  GError *local = NULL;
  g_autoptr (GArray) evidence = cg_db_incident_evidence (h, id, cg_time_now_us (), &local);
  g_autoptr (GArray) exports = evidence != NULL ? cg_db_incident_exports (h, id, &local) : NULL;
  g_autoptr (GArray) history = exports != NULL && with_history
                                 ? cg_db_incident_history (h, id, &local) : NULL;
  if (local != NULL)
    {
      cg_api_internal_error (local, error);
      return FALSE;
    }
  /* What is evidence now, then what was taken off. */
  for (int removed = 0; removed <= 1; removed++)
    {
      json_builder_set_member_name (b, removed ? "evidence_removed" : "evidence");
      json_builder_begin_array (b);
      for (guint i = 0; i < evidence->len; i++)
        {
          const CgDbEvidence *e = &g_array_index (evidence, CgDbEvidence, i);
          if ((e->removed_us > 0) == removed)
            add_evidence (b, e);
        }
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "exports");
  json_builder_begin_array (b);
  for (guint i = 0; i < exports->len; i++)
    {
      const CgDbIncidentExport *x = &g_array_index (exports, CgDbIncidentExport, i);
      json_builder_begin_object (b);
      cg_json_add_int (b, "id", x->id);
      cg_json_add_string (b, "state", x->state);
      cg_json_add_string (b, "sha256", x->sha256);
      cg_json_add_int (b, "bytes", x->bytes);
      cg_json_add_time (b, "created", x->created_us);
      cg_json_add_string (b, "created_by", x->created_by);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (history == NULL)
    return TRUE;
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < history->len; i++)
    {
      const CgDbIncidentEvent *ev = &g_array_index (history, CgDbIncidentEvent, i);
      json_builder_begin_object (b);
      cg_json_add_int (b, "id", ev->id);
      cg_json_add_time (b, "time", ev->at_us);
      cg_json_add_string (b, "user", ev->user);
      cg_json_add_string (b, "action", ev->action);
      cg_json_add_string (b, "detail", ev->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

JsonNode *
cg_api_incident_node (CgApiCall *call, const CgDbIncident *in, gboolean with_parts,
                      gboolean with_history, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_int (b, "id", in->id);
  g_autofree char *code = cg_db_incident_code (in);
  cg_json_add_string (b, "code", code);
  cg_json_add_int (b, "year", in->year);
  cg_json_add_int (b, "number", in->number);
  cg_json_add_string (b, "kind", in->kind);
  /* A kind since taken out of [incidents] kinds is shown by its code. */
  const char *label = cg_config_incident_kind_label (call->api->config, in->kind);
  cg_json_add_string (b, "kind_label", label != NULL ? label : in->kind);
  cg_json_add_time (b, "from", in->from_us);
  cg_json_add_time (b, "to", in->to_us);
  cg_json_add_string (b, "place", in->place != NULL ? in->place : "");
  g_autofree char *map = cg_db_incident_map_text (in);
  cg_json_add_string (b, "map", map);
  cg_json_add_string (b, "description", in->description);
  cg_json_add_string (b, "reporter", in->reporter);
  cg_json_add_string (b, "reporter_phone", in->reporter_phone);
  cg_json_add_string (b, "officer", in->officer);
  cg_json_add_string (b, "officer_name", in->officer_name);
  cg_json_add_string (b, "status", in->status);
  cg_json_add_string (b, "outcome", in->outcome != NULL ? in->outcome : "");
  json_builder_set_member_name (b, "footage_helped");
  if (in->footage_helped < 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_boolean_value (b, in->footage_helped == 1);
  cg_json_add_time (b, "closed", in->closed_us);
  cg_json_add_time (b, "created", in->created_us);
  cg_json_add_string (b, "created_by", in->created_by);
  cg_json_add_time (b, "updated", in->updated_us);
  cg_json_add_string (b, "updated_by", in->updated_by);
  cg_json_add_int (b, "version", in->version);
  if (with_parts
      && (!add_nearest (call, b, in, error) || !add_parts (call, b, in->id, with_history, error)))
    return NULL;
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
cg_api_incident_reply (CgApiCall *call, gint64 id, GError **error)
{
  g_auto (CgDbIncident) in = { 0 };
  if (!cg_api_incident_get (call, id, &in, error))
    return NULL;
  return cg_api_incident_node (call, &in, TRUE, FALSE, error);
}

/* ---- what changes share ---------------------------------------------------- */

gboolean
cg_api_incident_audit (gpointer call, const char *action, const char *object, const char *detail,
                       GError **error)
{
  return cg_api_audit (call, action, object, detail, error);
}

gpointer
cg_api_incident_error (CgApiCall *call, gint64 id, GError *local, GError **error)
{
  if (local->domain == CG_RPC_ERROR)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND))
    cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_NOT_FOUND);
  else if (g_error_matches (local, CG_ERROR, CG_ERROR_USAGE))
    cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_CONFLICT);
  else if (g_error_matches (local, CG_ERROR, CG_ERROR_CONFLICT))
    {
      /* Who changed it, and when, for the editor to say. */
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_VERSION_CONFLICT);
      g_auto (CgDbIncident) now = { 0 };
      gboolean found = FALSE;
      if (cg_db_incident_get (cg_db_handle (call->api->db), id, &now, &found, NULL) && found)
        {
          cg_error_set_data (*error, "version",
                             json_node_init_int (json_node_alloc (), now.version));
          cg_error_set_data (*error, "updated_by",
                             json_node_init_string (json_node_alloc (), now.updated_by));
          g_autofree char *at = cg_time_format_iso (now.updated_us);
          cg_error_set_data (*error, "updated", json_node_init_string (json_node_alloc (), at));
        }
      cg_error_set_field (error, "version");
    }
  else
    cg_api_internal_error (local, error);
  return NULL;
}

void
cg_api_incident_notify (CgApiCall *call, gint64 id, const char *action)
{
  if (call->api->server == NULL)
    return;
  g_auto (CgDbIncident) in = { 0 };
  gboolean found = FALSE;
  g_autoptr (GError) local = NULL;
  if (!cg_db_incident_get (cg_db_handle (call->api->db), id, &in, &found, &local) || !found)
    {
      if (local != NULL)
        g_warning ("incident %" G_GINT64_FORMAT ": %s", id, local->message);
      return;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_int (b, "id", in.id);
  g_autofree char *code = cg_db_incident_code (&in);
  cg_json_add_string (b, "code", code);
  cg_json_add_int (b, "version", in.version);
  cg_json_add_string (b, "by", call->user);
  cg_json_add_string (b, "action", action);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  cg_server_notify (call->api->server, CG_TOPIC_INCIDENTS, "incident.changed", params, FALSE);
}

/* ---- the methods ------------------------------------------------------------ */

static JsonNode *
incident_kinds (CgApiCall *call, GError **error)
{
  const CgIncidentKinds *kinds = &call->api->config->incident_kinds;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kinds");
  json_builder_begin_array (b);
  for (int i = 0; kinds->codes[i] != NULL; i++)
    {
      json_builder_begin_object (b);
      cg_json_add_string (b, "code", kinds->codes[i]);
      cg_json_add_string (b, "label", kinds->labels[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
refuse_param (GError **error, const char *field, const char *msgid, const char *value)
{
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                        cg_message_compose (msgid, cg_message_literal (value), NULL));
  cg_error_set_field (error, field);
  return FALSE;
}

static JsonNode *
incident_list (CgApiCall *call, GError **error)
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
  CgDbIncidentQuery q = {
    .search = cg_rpc_param_string (p, "search", NULL),
    .status = cg_rpc_param_string (p, "status", NULL),
    .kind = cg_rpc_param_string (p, "kind", NULL),
    .place = cg_rpc_param_string (p, "place", NULL),
    .from_us = cg_rpc_param_time (p, "from", 0),
    .to_us = cg_rpc_param_time (p, "to", 0),
    .limit = (guint) limit,
    .cursor = cg_rpc_param_string (p, "cursor", NULL),
  };
  if (q.status != NULL && !g_str_equal (q.status, "open") && !cg_db_incident_status_valid (q.status))
    {
      refuse_param (error, "status", N_("“%s” is not a status: give new, verifying, transferred, "
                                        "resolved, closed, or open (all but closed)"), q.status);
      return NULL;
    }
  if (q.kind != NULL && cg_config_incident_kind_label (call->api->config, q.kind) == NULL)
    {
      refuse_param (error, "kind", N_("“%s” is not a kind of incident: incident.kinds lists "
                                      "them"), q.kind);
      return NULL;
    }
  const char *camera = cg_rpc_param_string (p, "camera", NULL);
  if (camera != NULL && !cg_api_camera_id (call, camera, &q.camera_id, NULL, error))
    {
      cg_error_set_field (error, "camera");
      return NULL;
    }
  gint64 total = 0;
  g_autofree char *next = NULL;
  GError *local = NULL;
  g_autoptr (GArray) rows = cg_db_incidents_list (cg_db_handle (call->api->db), &q, &total, &next,
                                                  &local);
  if (rows == NULL)
    {
      if (g_error_matches (local, CG_ERROR, CG_ERROR_USAGE))
        {
          cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS);
          cg_error_set_field (error, "cursor");
          return NULL;
        }
      return cg_api_internal_error (local, error);
    }
  JsonArray *list = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_element (list, cg_api_incident_node (call, &g_array_index (rows, CgDbIncident, i),
                                                        FALSE, FALSE, NULL));
  JsonObject *o = json_object_new ();
  json_object_set_array_member (o, "incidents", list);
  json_object_set_int_member (o, "total", total);
  if (next != NULL)
    json_object_set_string_member (o, "next", next);
  return json_node_init_object (json_node_alloc (), o);
}

static JsonNode *
incident_show (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) in = { 0 };
  if (!cg_api_incident_find (call, &in, error))
    return NULL;
  return cg_api_incident_node (call, &in, TRUE, TRUE, error);
}

static const CgRpcParam no_params[] = { { NULL } };
static const CgRpcParam list_params[] = {
  { "search", CG_RPC_STRING, FALSE },
  { "status", CG_RPC_STRING, FALSE },
  { "kind", CG_RPC_STRING, FALSE },
  { "camera", CG_RPC_STRING, FALSE },
  { "place", CG_RPC_STRING, FALSE },
  { "from", CG_RPC_TIME, FALSE },
  { "to", CG_RPC_TIME, FALSE },
  { "limit", CG_RPC_INT, FALSE },
  { "cursor", CG_RPC_STRING, FALSE },
  { NULL },
};
static const CgRpcParam show_params[] = {
  { "incident", CG_RPC_INT_OR_STRING, TRUE },
  { NULL },
};

const CgApiMethod cg_api_incident_methods[] = {
  { "incident.kinds", CG_ROLE_VIEWER, no_params, incident_kinds },
  { "incident.list", CG_ROLE_VIEWER, list_params, incident_list },
  { "incident.show", CG_ROLE_VIEWER, show_params, incident_show },
  { NULL },
};
