/* api/export_records.c — exports made: their custody records, the file
 * handed out as a descriptor (audited), removal (audited, with a
 * reason), and finding the export a file came from by its digest. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/db/exports.h"
#include "daemon/export/exporter.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#define LIST_LIMIT_DEFAULT 100
#define LIST_LIMIT_MAX 1000

static void
add_parts (JsonBuilder *b, const CgDbExport *e)
{
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; e->sources != NULL && i < e->sources->len; i++)
    {
      const CgDbExportSource *s = &g_array_index (e->sources, CgDbExportSource, i);
      json_builder_begin_object (b);
      cg_json_add_int (b, "segment", s->segment_id);
      cg_json_add_time (b, "start", s->start_us);
      cg_json_add_time (b, "end", s->end_us);
      cg_json_add_time (b, "from", s->from_us);
      cg_json_add_time (b, "to", s->to_us);
      cg_json_add_int (b, "bytes", s->bytes);
      cg_json_add_string (b, "sha256", s->sha256);
      cg_json_add_string (b, "recorded_sha256", s->recorded_sha256);
      json_builder_set_member_name (b, "thinned");
      json_builder_add_boolean_value (b, s->thinned);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "gaps");
  json_builder_begin_array (b);
  for (guint i = 0; e->gaps != NULL && i < e->gaps->len; i++)
    {
      const CgDbExportGap *g = &g_array_index (e->gaps, CgDbExportGap, i);
      json_builder_begin_object (b);
      cg_json_add_time (b, "start", g->start_us);
      cg_json_add_time (b, "end", g->end_us);
      json_builder_set_member_name (b, "damaged");
      json_builder_add_boolean_value (b, g->damaged);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* An export as the API gives it; percent: how far a running one is
 * (-1: not known). */
static JsonNode *
export_node (const CgDbExport *e, int percent)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_int (b, "id", e->id);
  cg_json_add_string (b, "state", cg_db_export_state_name (e->state));
  if (e->state == CG_DB_EXPORT_RUNNING)
    cg_json_add_int (b, "percent", MAX (percent, 0));
  cg_json_add_string (b, "camera", e->camera_name);
  cg_json_add_string (b, "place", e->place);
  cg_json_add_string (b, "note", e->note);
  cg_json_add_time (b, "from", e->from_us);
  cg_json_add_time (b, "to", e->to_us);
  cg_json_add_time (b, "actual_from", e->actual_from_us);
  cg_json_add_time (b, "actual_to", e->actual_to_us);
  json_builder_set_member_name (b, "duration");
  json_builder_add_double_value (b, (double) e->duration_us / CG_USEC_PER_SEC);
  cg_json_add_string (b, "sha256", e->sha256);
  cg_json_add_int (b, "bytes", e->bytes);
  cg_json_add_time (b, "created", e->created_us);
  cg_json_add_string (b, "created_by", e->created_by);
  cg_json_add_string (b, "full_name", e->full_name);
  cg_json_add_string (b, "host", e->host);
  cg_json_add_time (b, "finished", e->finished_us);
  json_builder_set_member_name (b, "thinned");
  json_builder_add_boolean_value (b, e->thinned);
  cg_json_add_string (b, "audio", e->audio);
  json_builder_set_member_name (b, "error");
  g_autoptr (JsonNode) why = e->error != NULL ? json_from_string (e->error, NULL) : NULL;
  if (why != NULL && JSON_NODE_HOLDS_OBJECT (why))
    json_builder_add_value (b, g_steal_pointer (&why));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "removed");
  if (e->state == CG_DB_EXPORT_REMOVED)
    {
      json_builder_begin_object (b);
      cg_json_add_string (b, "by", e->removed_by);
      cg_json_add_time (b, "time", e->removed_us);
      cg_json_add_string (b, "reason", e->removed_reason);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  if (e->sources != NULL)
    add_parts (b, e);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
percent_of (CgApiCall *call, const CgDbExport *e)
{
  if (e->state != CG_DB_EXPORT_RUNNING || call->api->exporter == NULL)
    return -1;
  return cg_exporter_percent (call->api->exporter, e->id);
}

/* The export the params name, with its parts; NULL with the error. */
static gboolean
find (CgApiCall *call, CgDbExport *e, GError **error)
{
  gint64 id = cg_rpc_param_int (call->params, "export", 0);
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_export_get (cg_db_handle (call->api->db), id, e, &found, &local))
    {
      cg_api_internal_error (local, error);
      return FALSE;
    }
  if (!found)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                         N_("there is no export %s (export.list gives their numbers)"), idtext);
    }
  return found;
}

/* Why export e has no file to give or remove. */
static void
no_file (const CgDbExport *e, CgApiCall *call, GError **error)
{
  g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
  if (e->state == CG_DB_EXPORT_RUNNING)
    {
      g_autofree char *pc = g_strdup_printf ("%d", MAX (percent_of (call, e), 0));
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_CONFLICT,
                         N_("export %s is still being made (%s%%): wait until it is complete"),
                         idtext, pc);
    }
  else if (e->state == CG_DB_EXPORT_REMOVED)
    {
      g_autofree char *when = cg_time_format_local (e->removed_us, NULL);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                         N_("export %s was removed on %s by %s (%s): its file is gone, its "
                            "custody record remains (export show)"),
                         idtext, when, e->removed_by, e->removed_reason);
    }
  else if (e->state == CG_DB_EXPORT_CANCELLED)
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("export %s was cancelled and has no file: make it again"), idtext);
  else
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("export %s failed and has no file: make it again"), idtext);
}

static JsonNode *
export_list (CgApiCall *call, GError **error)
{
  gint64 limit = cg_rpc_param_int (call->params, "limit", LIST_LIMIT_DEFAULT);
  if (limit < 1 || limit > LIST_LIMIT_MAX)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “limit” must be from 1 to %d"), LIST_LIMIT_MAX);
      return NULL;
    }
  GError *local = NULL;
  g_autoptr (GArray) rows = cg_db_exports_list (cg_db_handle (call->api->db), (guint) limit, &local);
  if (rows == NULL)
    return cg_api_internal_error (local, error);
  JsonArray *list = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      const CgDbExport *e = &g_array_index (rows, CgDbExport, i);
      json_array_add_element (list, export_node (e, percent_of (call, e)));
    }
  JsonObject *o = json_object_new ();
  json_object_set_array_member (o, "exports", list);
  return json_node_init_object (json_node_alloc (), o);
}

static JsonNode *
export_show (CgApiCall *call, GError **error)
{
  g_auto (CgDbExport) e = { 0 };
  if (!find (call, &e, error))
    return NULL;
  return export_node (&e, percent_of (call, &e));
}

static JsonNode *
export_open (CgApiCall *call, GError **error)
{
  g_auto (CgDbExport) e = { 0 };
  if (!find (call, &e, error))
    return NULL;
  if (e.state != CG_DB_EXPORT_COMPLETE)
    {
      no_file (&e, call, error);
      return NULL;
    }
  g_autofree char *abs = g_build_filename (call->api->config->data_dir, e.path, NULL);
  int fd = open (abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int err = errno;
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, e.id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                         N_("the file of export %s cannot be read: %s; tell the administrator"),
                         idtext, g_strerror (err));
      return NULL;
    }
  /* As recording.open: the row first, committed, or nothing leaves. */
  g_autofree char *from = cg_time_format_iso (e.actual_from_us);
  g_autofree char *to = cg_time_format_iso (e.actual_to_us);
  g_autofree char *object = g_strdup_printf ("export:%" G_GINT64_FORMAT, e.id);
  g_autofree char *detail = g_strdup_printf ("camera=%" G_GINT64_FORMAT " name=%s from=%s to=%s sha256=%s",
                                             e.camera_id, e.camera_name, from, to, e.sha256);
  if (!cg_api_audit (call, "export.open", object, detail, error))
    {
      close (fd);
      return NULL;
    }
  call->fd_out = fd;
  return export_node (&e, -1);
}

static JsonNode *
export_remove (CgApiCall *call, GError **error)
{
  g_auto (CgDbExport) e = { 0 };
  if (!find (call, &e, error))
    return NULL;
  if (e.state != CG_DB_EXPORT_COMPLETE)
    {
      no_file (&e, call, error);
      return NULL;
    }
  g_autofree char *reason = g_strstrip (g_strdup (cg_rpc_param_string (call->params, "reason", "")));
  if (reason[0] == '\0')
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “reason” must say why the export is removed"));
      return NULL;
    }
  sqlite3 *h = cg_db_handle (call->api->db);
  GError *local = NULL;
  gboolean changed = FALSE;
  gint64 now = cg_time_now_us ();
  /* The row and its audit row, durable, before the file goes. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("recording the export"), &local);
  if (tx == NULL || !cg_db_export_mark_removed (h, e.id, call->user, now, reason, &changed, &local))
    return cg_api_internal_error (local, error);
  g_autofree char *object = g_strdup_printf ("export:%" G_GINT64_FORMAT, e.id);
  g_autofree char *detail = g_strdup_printf ("camera=%" G_GINT64_FORMAT " name=%s sha256=%s reason=%s",
                                             e.camera_id, e.camera_name, e.sha256, reason);
  if (!cg_api_audit (call, "export.remove", object, detail, error))
    return NULL;
  if (!cg_db_commit (tx, &local))
    return cg_api_internal_error (local, error);
  cg_api_audit_anchor (call);
  g_autofree char *abs = g_build_filename (call->api->config->data_dir, e.path, NULL);
  if (g_unlink (abs) != 0 && errno != ENOENT)
    /* Its row says removed: the next start removes it. */
    g_warning ("cannot remove %s: %s", abs, g_strerror (errno));
  e.state = CG_DB_EXPORT_REMOVED;
  e.removed_us = now;
  g_free (e.removed_by);
  e.removed_by = g_strdup (call->user);
  g_free (e.removed_reason);
  e.removed_reason = g_steal_pointer (&reason);
  return export_node (&e, -1);
}

static JsonNode *
export_verify (CgApiCall *call, GError **error)
{
  g_autofree char *digest = g_ascii_strdown (cg_rpc_param_string (call->params, "sha256", ""), -1);
  gboolean hex = strlen (digest) == 64;
  for (const char *c = digest; hex && *c != '\0'; c++)
    hex = g_ascii_isxdigit (*c);
  if (!hex)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                         N_("params: “sha256” must be a SHA-256 digest: 64 hexadecimal digits, as "
                            "sha256sum prints"));
      return NULL;
    }
  g_auto (CgDbExport) e = { 0 };
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_export_find_sha256 (cg_db_handle (call->api->db), digest, &e, &found, &local))
    return cg_api_internal_error (local, error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "sha256", digest);
  json_builder_set_member_name (b, "match");
  json_builder_add_boolean_value (b, found);
  json_builder_set_member_name (b, "export");
  if (found)
    json_builder_add_value (b, export_node (&e, -1));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const CgRpcParam list_params[] = {
  { "limit", CG_RPC_INT, FALSE },
  { NULL },
};
static const CgRpcParam one_params[] = {
  { "export", CG_RPC_INT, TRUE },
  { NULL },
};
static const CgRpcParam remove_params[] = {
  { "export", CG_RPC_INT, TRUE },
  { "reason", CG_RPC_STRING, TRUE },
  { NULL },
};
static const CgRpcParam verify_params[] = {
  { "sha256", CG_RPC_STRING, TRUE },
  { NULL },
};

const CgApiMethod cg_api_export_record_methods[] = {
  { "export.list", CG_ROLE_OPERATOR, list_params, export_list },
  { "export.show", CG_ROLE_OPERATOR, one_params, export_show },
  { "export.open", CG_ROLE_OPERATOR, one_params, export_open, CG_API_AUDITED },
  { "export.remove", CG_ROLE_ADMIN, remove_params, export_remove, CG_API_AUDITED },
  { "export.verify", CG_ROLE_VIEWER, verify_params, export_verify },
  { NULL },
};
