/* api.c — finding a method, checking role and params, auditing. */
#define G_LOG_DOMAIN "canhgac-api"
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/db/cameras.h"
#include "daemon/server.h"

#include <unistd.h>

static const CgApiMethod *const tables[] = {
  cg_api_session_methods,
  cg_api_camera_methods,
  cg_api_probe_methods,
  cg_api_status_methods,
  cg_api_recording_methods,
  cg_api_audit_methods,
  cg_api_thumbnail_methods,
  cg_api_storage_methods,
  cg_api_report_methods,
  cg_api_export_methods,
  cg_api_export_record_methods,
  cg_api_snapshot_methods,
  cg_api_incident_methods,
  cg_api_incident_change_methods,
  cg_api_alarm_methods,
  cg_api_maintenance_methods,
};

const CgApiMethod *
cg_api_find (const char *method)
{
  for (size_t t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const CgApiMethod *m = tables[t]; m->name != NULL; m++)
      if (g_str_equal (m->name, method))
        return m;
  return NULL;
}

JsonNode *
cg_api_dispatch (CgApiCall *call, const char *method, GError **error)
{
  const CgApiMethod *m = cg_api_find (method);
  if (m == NULL)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_METHOD_NOT_FOUND,
                         N_("there is no method “%s” (doc/protocol.md lists them)"), method);
      return NULL;
    }
  if (call->role < m->role)
    {
      /* The roles in the reader's words too. */
      CgMessage *needed = cg_message_compose (cg_role_msgid (m->role), NULL);
      CgMessage *held = cg_message_compose (cg_role_msgid (call->role), NULL);
      cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_FORBIDDEN,
                            cg_message_compose (N_("%s needs the %s role; %s is %s"),
                                                cg_message_literal (method), needed,
                                                cg_message_literal (call->user), held, NULL));
      return NULL;
    }
  if (!cg_rpc_params_check (m->params, call->params, error))
    return NULL;
  return m->handler (call, error);
}

/* Why the audit log refused a row, and what the officer can do, for an
 * opening of footage and for anything else; kept as a template so that
 * the officer reads it in their own language. */
static void
audit_refusal (const GError *local, gboolean opening, GError **error)
{
  int code = CG_RPC_FAILED;
  if (g_error_matches (local, CG_ERROR, CG_ERROR_DB_BUSY))
    {
      if (opening)
        cg_error_set_text (error, CG_RPC_ERROR, code,
                           N_("the audit log cannot be written (the database is busy): "
                              "nothing was opened; try again in a moment"));
      else
        cg_error_set_text (error, CG_RPC_ERROR, code,
                           N_("the audit log cannot be written (the database is busy): "
                              "nothing was changed; try again in a moment"));
    }
  else if (g_error_matches (local, CG_ERROR, CG_ERROR_DB_DISK))
    {
      if (opening)
        cg_error_set_text (error, CG_RPC_ERROR, code,
                           N_("the audit log cannot be written (the disk is full or refuses "
                              "writes): nothing was opened; check the disk, then try again"));
      else
        cg_error_set_text (error, CG_RPC_ERROR, code,
                           N_("the audit log cannot be written (the disk is full or refuses "
                              "writes): nothing was changed; check the disk, then try again"));
    }
  else if (opening)
    cg_error_set_text (error, CG_RPC_ERROR, code,
                       N_("the audit log cannot be written (%s): nothing was opened; tell "
                          "the administrator"), local->message);
  else
    cg_error_set_text (error, CG_RPC_ERROR, code,
                       N_("the audit log cannot be written (%s): nothing was changed; tell "
                          "the administrator"), local->message);
}

gboolean
cg_api_audit (CgApiCall *call, const char *action, const char *object, const char *detail,
              GError **error)
{
  g_autoptr (GError) local = NULL;
  if (cg_audit_append (cg_db_handle (call->api->db), cg_time_now_us (), call->user, action,
                       object, detail, &local))
    return TRUE;
  g_warning ("audit of %s %s by %s could not be written: %s", action, object, call->user,
             local->message);
  /* An officer asked for footage: say that none was given. */
  audit_refusal (local, g_str_has_suffix (action, ".open") || g_str_equal (action, "snapshot.get"),
                 error);
  return FALSE;
}

void
cg_api_audit_anchor (CgApiCall *call)
{
  g_autoptr (GError) local = NULL;
  if (!cg_audit_anchor (cg_db_handle (call->api->db), &local))
    g_warning ("%s", local->message);
}

gpointer
cg_api_internal_error (GError *local, GError **error)
{
  cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_INTERNAL_ERROR);
  return NULL;
}

gboolean
cg_api_camera_id (CgApiCall *call, const char *name, gint64 *id, char **found, GError **error)
{
  GError *local = NULL;
  if (cg_camera_find_id (cg_db_handle (call->api->db), name, id, found, &local))
    return TRUE;
  int code = g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND) ? CG_RPC_NOT_FOUND : CG_RPC_FAILED;
  cg_error_propagate_as (error, local, CG_RPC_ERROR, code);
  return FALSE;
}

gboolean
cg_api_footage_camera (CgApiCall *call, CgCameraRef *ref, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  const char *name = cg_rpc_param_string (call->params, "camera", NULL);
  gboolean by_id = json_object_has_member (call->params, "camera_id")
                   && !json_object_get_null_member (call->params, "camera_id");
  GError *local = NULL;
  gboolean ok;
  if (name != NULL && by_id)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: give “camera” or “camera_id”, not both"));
      return FALSE;
    }
  if (by_id)
    ok = cg_camera_get_ref (h, cg_rpc_param_int (call->params, "camera_id", 0), ref, &local);
  else if (name != NULL)
    ok = cg_camera_find_footage (h, name, cg_rpc_param_bool (call->params, "removed", FALSE), ref,
                                 &local);
  else
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “camera” is required (or “camera_id”, the id of a "
                            "removed camera)"));
      return FALSE;
    }
  if (ok)
    return TRUE;
  int code = g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND) ? CG_RPC_NOT_FOUND : CG_RPC_FAILED;
  cg_error_propagate_as (error, local, CG_RPC_ERROR, code);
  return FALSE;
}

void
cg_api_add_camera_ref (JsonBuilder *b, const CgCameraRef *ref)
{
  json_builder_set_member_name (b, "camera_id");
  json_builder_add_int_value (b, ref->id);
  json_builder_set_member_name (b, "removed");
  json_builder_add_boolean_value (b, ref->removed_us > 0);
  cg_json_add_time (b, "removed_at", ref->removed_us);
}

/* ---- replies that come later ------------------------------------------ */

struct CgApiLater {
  CgApiCall call; /* user points to user below; params and peer NULL */
  char *user;
  guint peer_serial;
  JsonNode *id;
};

CgApiLater *
cg_api_later (CgApiCall *call)
{
  g_return_val_if_fail (call->later == NULL, call->later);
  CgApiLater *later = g_new0 (CgApiLater, 1);
  later->user = g_strdup (call->user);
  later->call = (CgApiCall) { .api = call->api, .user = later->user, .role = call->role,
                              .fd_out = -1 };
  call->later = later;
  return later;
}

static void
later_free (CgApiLater *later)
{
  if (later->id != NULL)
    json_node_unref (later->id);
  g_free (later->user);
  g_free (later);
}

void
cg_api_later_drop (CgApiCall *call)
{
  if (call->later != NULL)
    later_free (g_steal_pointer (&call->later));
}

void
cg_api_later_bind (CgApiLater *later, guint peer_serial, JsonNode *id)
{
  later->peer_serial = peer_serial;
  later->id = id != NULL ? json_node_copy (id) : NULL;
}

CgApiCall *
cg_api_later_call (CgApiLater *later)
{
  return &later->call;
}

void
cg_api_later_reply (CgApiLater *later, JsonNode *result, int fd, GError *error)
{
  cg_server_reply_later (later->peer_serial, later->id, result, fd, error);
  if (result != NULL)
    json_node_unref (result);
  if (error != NULL)
    g_error_free (error);
  later_free (later);
}

/* msgid (N_()) has one %s, the field's name. */
static gboolean
refuse_field (GError **error, const char *field, const char *msgid)
{
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                        cg_message_compose (msgid, cg_message_literal (field), NULL));
  cg_error_set_field (error, field);
  return FALSE;
}

gboolean
cg_api_text_param (JsonObject *params, const char *field, int max, gboolean multiline, char **out,
                   GError **error)
{
  *out = NULL;
  const char *raw = cg_rpc_param_string (params, field, NULL);
  if (raw == NULL)
    return TRUE;
  if (!g_utf8_validate (raw, -1, NULL))
    return refuse_field (error, field, N_("“%s” is not UTF-8 text: type it again"));
  for (const char *c = raw; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if ((u == '\n' && multiline) || (u == '\t' && multiline))
        continue;
      if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029)
        return refuse_field (error, field, N_("“%s” holds a control character: type it again "
                                              "without it"));
    }
  g_autofree char *text = g_utf8_normalize (raw, -1, G_NORMALIZE_NFC);
  g_strstrip (text);
  if (g_utf8_strlen (text, -1) > max)
    {
      g_autofree char *n = g_strdup_printf ("%d", max);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("“%s” is too long: at most %s characters"), field, n);
      cg_error_set_field (error, field);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}
