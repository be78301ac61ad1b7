/* api/incident_changes.c — the incident log changed: incident.create,
 * update, close, reopen, attach, detach.
 *
 * Every field is checked before anything is written, and a refusal names
 * the field (data.field) and says what to type: nothing is saved when any
 * field is refused.  The change and its audit row are one transaction
 * (db/incidents.c); once it is committed, subscribers of "incidents" are
 * told, and the reply is the whole record as it is now. */
#include "build-config.h"

#include "daemon/api/incident.h"

#include "common/camera.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"

#include <string.h>

/* Evidence a new incident gets on each camera named: the time it
 * happened, and a little on each side. */
#define CAMERA_MARGIN_US (5 * 60 * G_USEC_PER_SEC)

#define LONG_TEXT 4000  /* characters: the description */
#define SHORT_TEXT 200  /* characters: the rest */

/* ---- checking fields ------------------------------------------------------ */

/* msgid (N_()) has one %s, the field's name. */
static gboolean
refuse (GError **error, const char *field, const char *msgid)
{
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                        cg_message_compose (msgid, cg_message_literal (field), NULL));
  cg_error_set_field (error, field);
  return FALSE;
}

static gboolean
phone_ok (const char *phone)
{
  for (const char *c = phone; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c) && *c != ' ' && *c != '+')
      return FALSE;
  return TRUE;
}

static gboolean
kind_ok (CgApiCall *call, const char *kind, GError **error)
{
  if (cg_config_incident_kind_label (call->api->config, kind) != NULL)
    return TRUE;
  const CgIncidentKinds *kinds = &call->api->config->incident_kinds;
  g_autofree char *list = g_strjoinv (", ", kinds->codes);
  cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                     N_("“%s” is not a kind of incident; the kinds are %s"), kind, list);
  cg_error_set_field (error, "kind");
  return FALSE;
}

/* "map": "X,Y" as a camera's position is written (common/camera.c),
 * or null, "" or "none" for no position. */
static gboolean
map_param (JsonObject *p, CgDbIncident *in, GError **error)
{
  in->has_map = FALSE;
  const char *text = cg_rpc_param_string (p, "map", NULL);
  if (text == NULL || text[0] == '\0' || g_str_equal (text, "none"))
    return TRUE;
  GError *local = NULL;
  if (!cg_camera_map_parse (text, &in->map_x, &in->map_y, &local))
    {
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS);
      cg_error_set_field (error, "map");
      return FALSE;
    }
  in->has_map = TRUE;
  return TRUE;
}

/* The fields of create and update that are present, checked; *mask says
 * which.  status "closed" is refused: closing takes an outcome. */
static gboolean
read_fields (CgApiCall *call, CgDbIncident *in, guint *mask, GError **error)
{
  JsonObject *p = call->params;
  *mask = 0;
  in->footage_helped = -1;
  const char *kind = cg_rpc_param_string (p, "kind", NULL);
  if (kind != NULL)
    {
      if (!kind_ok (call, kind, error))
        return FALSE;
      in->kind = g_strdup (kind);
      *mask |= CG_DB_INCIDENT_KIND;
    }
  if (cg_rpc_param_time (p, "from", 0) != 0)
    {
      in->from_us = cg_rpc_param_time (p, "from", 0);
      *mask |= CG_DB_INCIDENT_FROM;
    }
  if (cg_rpc_param_time (p, "to", 0) != 0)
    {
      in->to_us = cg_rpc_param_time (p, "to", 0);
      *mask |= CG_DB_INCIDENT_TO;
    }
  struct { const char *name; char **dst; int max; gboolean multiline; CgDbIncidentField f; } texts[] = {
    { "description", &in->description, LONG_TEXT, TRUE, CG_DB_INCIDENT_DESCRIPTION },
    { "place", &in->place, SHORT_TEXT, FALSE, CG_DB_INCIDENT_PLACE },
    { "reporter", &in->reporter, SHORT_TEXT, FALSE, CG_DB_INCIDENT_REPORTER },
    { "reporter_phone", &in->reporter_phone, SHORT_TEXT, FALSE, CG_DB_INCIDENT_REPORTER_PHONE },
    { "outcome", &in->outcome, SHORT_TEXT, FALSE, CG_DB_INCIDENT_OUTCOME },
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!json_object_has_member (p, texts[i].name))
        continue;
      if (!cg_api_text_param (p, texts[i].name, texts[i].max, texts[i].multiline, texts[i].dst,
                              error))
        return FALSE;
      if (*texts[i].dst != NULL)
        *mask |= texts[i].f;
    }
  if ((*mask & CG_DB_INCIDENT_DESCRIPTION) && in->description[0] == '\0')
    return refuse (error, "description", N_("“%s” is empty: say what happened"));
  if ((*mask & CG_DB_INCIDENT_REPORTER_PHONE) && !phone_ok (in->reporter_phone))
    return refuse (error, "reporter_phone", N_("“%s” must be a telephone number: digits, "
                                               "spaces and +, such as 0912 345 678"));
  /* Nobody given: nothing kept (not an empty name). */
  if (in->reporter != NULL && in->reporter[0] == '\0')
    g_clear_pointer (&in->reporter, g_free);
  if (in->reporter_phone != NULL && in->reporter_phone[0] == '\0')
    g_clear_pointer (&in->reporter_phone, g_free);
  const char *status = cg_rpc_param_string (p, "status", NULL);
  if (status != NULL)
    {
      if (!cg_db_incident_status_valid (status))
        return refuse (error, "status", N_("“%s” is not one of the statuses: new, verifying, "
                                           "transferred, resolved (closed: incident.close)"));
      if (g_str_equal (status, "closed"))
        return refuse (error, "status", N_("“%s” cannot be set to closed here: close the "
                                           "incident (incident.close), saying how it ended"));
      in->status = g_strdup (status);
      *mask |= CG_DB_INCIDENT_STATUS;
    }
  if (json_object_has_member (p, "map") && !map_param (p, in, error))
    return FALSE;
  if (json_object_has_member (p, "map"))
    *mask |= CG_DB_INCIDENT_MAP;
  if (json_object_has_member (p, "footage_helped")
      && !json_object_get_null_member (p, "footage_helped"))
    {
      in->footage_helped = cg_rpc_param_bool (p, "footage_helped", FALSE) ? 1 : 0;
      *mask |= CG_DB_INCIDENT_FOOTAGE_HELPED;
    }
  return TRUE;
}

static gboolean
range_ok (gint64 from, gint64 to, gboolean strictly, GError **error)
{
  if (to > from || (!strictly && to == from))
    return TRUE;
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                        cg_message_compose (N_("“to” (%s) is before “from” (%s): the end must "
                                               "come after the start"),
                                            cg_message_time (to), cg_message_time (from), NULL));
  cg_error_set_field (error, "to");
  return FALSE;
}

/* The version the change is made at: the one the editor read.  Below 1
 * is none an incident ever had, and would skip the check (db/incidents.c
 * compares only a version given), so it is refused. */
static gboolean
version_param (CgApiCall *call, gint64 *version, GError **error)
{
  *version = cg_rpc_param_int (call->params, "version", 0);
  if (*version >= 1)
    return TRUE;
  return refuse (error, "version", N_("“%s” must be the version read (1 or more): incident.show "
                                      "gives it"));
}

/* The cameras named: each found (not removed), each once. */
static GArray *
camera_ids (CgApiCall *call, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!json_object_has_member (call->params, "cameras")
      || json_object_get_null_member (call->params, "cameras"))
    return g_steal_pointer (&ids);
  JsonArray *names = json_object_get_array_member (call->params, "cameras");
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonNode *n = json_array_get_element (names, i);
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        {
          refuse (error, "cameras", N_("“%s” must be a list of cameras' names"));
          return NULL;
        }
      gint64 id = 0;
      if (!cg_api_camera_id (call, json_node_get_string (n), &id, NULL, error))
        {
          cg_error_set_field (error, "cameras");
          return NULL;
        }
      gboolean seen = FALSE;
      for (guint k = 0; k < ids->len; k++)
        seen = seen || g_array_index (ids, gint64, k) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static CgDbActor
actor_of (CgApiCall *call)
{
  return (CgDbActor) { .user = call->user, .now_us = cg_time_now_us (),
                       .audit = cg_api_incident_audit, .audit_data = call };
}

/* After a committed change: the head, the subscribers, the record. */
static JsonNode *
changed (CgApiCall *call, gint64 id, const char *action, GError **error)
{
  cg_api_audit_anchor (call);
  cg_api_incident_notify (call, id, action);
  return cg_api_incident_reply (call, id, error);
}

/* ---- the methods ---------------------------------------------------------- */

static JsonNode *
incident_create (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) in = { 0 };
  guint mask = 0;
  if (!read_fields (call, &in, &mask, error))
    return NULL;
  static const struct { CgDbIncidentField f; const char *name; } required[] = {
    { CG_DB_INCIDENT_KIND, "kind" }, { CG_DB_INCIDENT_FROM, "from" },
    { CG_DB_INCIDENT_TO, "to" }, { CG_DB_INCIDENT_DESCRIPTION, "description" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!(mask & required[i].f))
      {
        refuse (error, required[i].name,
                     required[i].f == CG_DB_INCIDENT_DESCRIPTION
                       ? N_("“%s” is empty: say what happened")
                       : N_("“%s” is missing: an incident needs its kind, when it began and "
                            "ended, and what happened"));
        return NULL;
      }
  if (mask & (CG_DB_INCIDENT_OUTCOME | CG_DB_INCIDENT_FOOTAGE_HELPED))
    {
        refuse (error, (mask & CG_DB_INCIDENT_OUTCOME) ? "outcome" : "footage_helped",
                   N_("“%s” is said when the incident is closed (incident.close)"));
        return NULL;
      }
  if (!range_ok (in.from_us, in.to_us, FALSE, error))
    return NULL;
  g_autoptr (GArray) cameras = camera_ids (call, error);
  if (cameras == NULL)
    return NULL;
  in.kind_label = g_strdup (cg_config_incident_kind_label (call->api->config, in.kind));
  in.officer = g_strdup (call->user);
  in.officer_name = g_strdup (call->full_name);
  CgDbActor actor = actor_of (call);
  GError *local = NULL;
  if (!cg_db_incident_create (cg_db_handle (call->api->db), &in, cameras, CAMERA_MARGIN_US, &actor,
                              &local))
    return cg_api_incident_error (call, 0, local, error);
  return changed (call, in.id, "create", error);
}

static JsonNode *
incident_update (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) was = { 0 };
  if (!cg_api_incident_find (call, &was, error))
    return NULL;
  gint64 version = 0;
  if (!version_param (call, &version, error))
    return NULL;
  g_auto (CgDbIncident) change = { 0 };
  guint mask = 0;
  if (!read_fields (call, &change, &mask, error))
    return NULL;
  gint64 from = (mask & CG_DB_INCIDENT_FROM) ? change.from_us : was.from_us;
  gint64 to = (mask & CG_DB_INCIDENT_TO) ? change.to_us : was.to_us;
  if (!range_ok (from, to, FALSE, error))
    return NULL;
  const char *kind = (mask & CG_DB_INCIDENT_KIND) ? change.kind : was.kind;
  const char *label = cg_config_incident_kind_label (call->api->config, kind);
  change.kind_label = g_strdup (label != NULL ? label : kind);
  if (change.outcome == NULL)
    change.outcome = g_strdup ("");
  if (change.place == NULL)
    change.place = g_strdup ("");
  CgDbActor actor = actor_of (call);
  gboolean did = FALSE;
  GError *local = NULL;
  if (!cg_db_incident_update (cg_db_handle (call->api->db), was.id, version, &change, mask, &actor,
                              &did, &local))
    return cg_api_incident_error (call, was.id, local, error);
  if (!did)
    return cg_api_incident_reply (call, was.id, error);
  return changed (call, was.id, "update", error);
}

static JsonNode *
incident_close (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) was = { 0 };
  if (!cg_api_incident_find (call, &was, error))
    return NULL;
  gint64 version = 0;
  if (!version_param (call, &version, error))
    return NULL;
  g_autofree char *outcome = NULL;
  if (!cg_api_text_param (call->params, "outcome", SHORT_TEXT, FALSE, &outcome, error))
    return NULL;
  if (outcome == NULL || outcome[0] == '\0')
    {
        refuse (error, "outcome", N_("“%s” is empty: say how the incident ended"));
        return NULL;
      }
  CgDbActor actor = actor_of (call);
  GError *local = NULL;
  if (!cg_db_incident_close (cg_db_handle (call->api->db), was.id, version, outcome,
                             cg_rpc_param_bool (call->params, "footage_helped", FALSE), &actor,
                             &local))
    return cg_api_incident_error (call, was.id, local, error);
  return changed (call, was.id, "close", error);
}

/* A reason given for the audit log: not blank, one line. */
static char *
reason_param (CgApiCall *call, GError **error)
{
  g_autofree char *reason = NULL;
  if (!cg_api_text_param (call->params, "reason", SHORT_TEXT, FALSE, &reason, error))
    return NULL;
  if (reason == NULL || reason[0] == '\0')
    {
      refuse (error, "reason", N_("“%s” is empty: say why, for the audit log"));
      return NULL;
    }
  return g_steal_pointer (&reason);
}

static JsonNode *
incident_reopen (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) was = { 0 };
  if (!cg_api_incident_find (call, &was, error))
    return NULL;
  gint64 version = 0;
  if (!version_param (call, &version, error))
    return NULL;
  g_autofree char *reason = reason_param (call, error);
  if (reason == NULL)
    return NULL;
  CgDbActor actor = actor_of (call);
  GError *local = NULL;
  if (!cg_db_incident_reopen (cg_db_handle (call->api->db), was.id, version, reason, &actor,
                              &local))
    return cg_api_incident_error (call, was.id, local, error);
  return changed (call, was.id, "reopen", error);
}

static JsonNode *
incident_attach (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) was = { 0 };
  if (!cg_api_incident_find (call, &was, error))
    return NULL;
  gint64 camera = 0;
  if (!cg_api_camera_id (call, cg_rpc_param_string (call->params, "camera", ""), &camera, NULL,
                         error))
    {
      cg_error_set_field (error, "camera");
      return NULL;
    }
  gint64 from = cg_rpc_param_time (call->params, "from", 0);
  gint64 to = cg_rpc_param_time (call->params, "to", 0);
  if (!range_ok (from, to, TRUE, error))
    return NULL;
  CgDbActor actor = actor_of (call);
  gint64 evidence = 0;
  GError *local = NULL;
  if (!cg_db_incident_attach (cg_db_handle (call->api->db), was.id, camera, from, to, &actor,
                              &evidence, &local))
    return cg_api_incident_error (call, was.id, local, error);
  return changed (call, was.id, "attach", error);
}

static JsonNode *
incident_detach (CgApiCall *call, GError **error)
{
  g_auto (CgDbIncident) was = { 0 };
  if (!cg_api_incident_find (call, &was, error))
    return NULL;
  g_autofree char *reason = reason_param (call, error);
  if (reason == NULL)
    return NULL;
  CgDbActor actor = actor_of (call);
  GError *local = NULL;
  if (!cg_db_incident_detach (cg_db_handle (call->api->db), was.id,
                              cg_rpc_param_int (call->params, "evidence", 0), reason, &actor,
                              &local))
    {
      cg_api_incident_error (call, was.id, local, error);
      if (g_error_matches (*error, CG_RPC_ERROR, CG_RPC_NOT_FOUND))
        cg_error_set_field (error, "evidence");
      return NULL;
    }
  return changed (call, was.id, "detach", error);
}

#define FIELD_PARAMS                                                                    \
  { "kind", CG_RPC_STRING, FALSE }, { "from", CG_RPC_TIME, FALSE },                      \
  { "to", CG_RPC_TIME, FALSE },                                                          \
  { "description", CG_RPC_STRING, FALSE, .max_bytes = 4 * LONG_TEXT },                   \
  { "place", CG_RPC_STRING, FALSE }, { "reporter", CG_RPC_STRING, FALSE },               \
  { "reporter_phone", CG_RPC_STRING, FALSE }, { "status", CG_RPC_STRING, FALSE },        \
  { "outcome", CG_RPC_STRING, FALSE }, { "footage_helped", CG_RPC_BOOL, FALSE },        \
  { "map", CG_RPC_STRING, FALSE }

static const CgRpcParam create_params[] = {
  FIELD_PARAMS,
  { "cameras", CG_RPC_ARRAY, FALSE },
  { NULL },
};
static const CgRpcParam update_params[] = {
  { "incident", CG_RPC_INT_OR_STRING, TRUE },
  { "version", CG_RPC_INT, TRUE },
  FIELD_PARAMS,
  { NULL },
};
static const CgRpcParam close_params[] = {
  { "incident", CG_RPC_INT_OR_STRING, TRUE },
  { "version", CG_RPC_INT, TRUE },
  { "outcome", CG_RPC_STRING, TRUE },
  { "footage_helped", CG_RPC_BOOL, TRUE },
  { NULL },
};
static const CgRpcParam reopen_params[] = {
  { "incident", CG_RPC_INT_OR_STRING, TRUE },
  { "version", CG_RPC_INT, TRUE },
  { "reason", CG_RPC_STRING, TRUE },
  { NULL },
};
static const CgRpcParam attach_params[] = {
  { "incident", CG_RPC_INT_OR_STRING, TRUE },
  { "camera", CG_RPC_STRING, TRUE },
  { "from", CG_RPC_TIME, TRUE },
  { "to", CG_RPC_TIME, TRUE },
  { NULL },
};
static const CgRpcParam detach_params[] = {
  { "incident", CG_RPC_INT_OR_STRING, TRUE },
  { "evidence", CG_RPC_INT, TRUE },
  { "reason", CG_RPC_STRING, TRUE },
  { NULL },
};

const CgApiMethod cg_api_incident_change_methods[] = {
  { "incident.create", CG_ROLE_OPERATOR, create_params, incident_create, CG_API_AUDITED },
  { "incident.update", CG_ROLE_OPERATOR, update_params, incident_update, CG_API_AUDITED },
  { "incident.close", CG_ROLE_OPERATOR, close_params, incident_close, CG_API_AUDITED },
  { "incident.reopen", CG_ROLE_ADMIN, reopen_params, incident_reopen, CG_API_AUDITED },
  { "incident.attach", CG_ROLE_OPERATOR, attach_params, incident_attach, CG_API_AUDITED },
  { "incident.detach", CG_ROLE_ADMIN, detach_params, incident_detach, CG_API_AUDITED },
  { NULL },
};
