/* api/export.c — asking for an evidence export, and cancelling one.
 *
 * export.create plans the export on the main loop (the camera's segments
 * in the range: a few rows), refuses what cannot be exported with the
 * reason and what to do, records the export's row and its audit row in
 * one transaction, and hands the work to the export thread
 * (export/exporter.c), which tells the client how it goes.  The records
 * themselves (list, show, open, remove, verify) are in export_records.c.
 */
#include "build-config.h"

#include "daemon/api/api.h"
#include "daemon/api/incident.h"

#include "common/export_state.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"
#include "daemon/capture/segment_writer.h"
#include "daemon/db/cameras.h"
#include "daemon/db/exports.h"
#include "daemon/db/segments.h"
#include "daemon/export/exporter.h"
#include "daemon/export/plan.h"
#include "daemon/storage/usage.h"

#include <sys/statvfs.h>

/* Segments read on each side to name the nearest footage. */
#define NEAR_SEGMENTS 500

/* The footage as the plan sees it; keyframes of the segments the start
 * falls in (the plan cuts there). */
typedef struct {
  GArray *rows;      /* CgDbSegment */
  GArray *sources;   /* CgExportSource, pointing into rows */
  GPtrArray *keys;   /* gint64 arrays, owned */
} Footage;

static void
footage_clear (Footage *f)
{
  g_clear_pointer (&f->sources, g_array_unref);
  g_clear_pointer (&f->rows, g_array_unref);
  g_clear_pointer (&f->keys, g_ptr_array_unref);
}

static void
add_sources (Footage *f)
{
  f->sources = g_array_sized_new (FALSE, TRUE, sizeof (CgExportSource), f->rows->len);
  for (guint i = 0; i < f->rows->len; i++)
    {
      const CgDbSegment *s = &g_array_index (f->rows, CgDbSegment, i);
      CgExportSource src = {
        .id = s->id, .start_us = s->start_us, .end_us = s->end_us, .bytes = s->bytes,
        .open = s->state == CG_DB_SEGMENT_OPEN, .thinned = s->thinned, .damaged = s->damaged,
        .has_audio = s->has_audio, .codec = s->codec, .width = s->width, .height = s->height,
      };
      g_array_append_val (f->sources, src);
    }
}

static gboolean
read_footage (sqlite3 *h, gint64 camera_id, gint64 from, gint64 to, gint64 now, Footage *f,
              GError **error)
{
  *f = (Footage) { .keys = g_ptr_array_new_with_free_func (g_free) };
  f->rows = cg_db_segments_page (h, camera_id, from, to, now, G_MININT64, 0, 0, error);
  if (f->rows == NULL)
    return FALSE;
  add_sources (f);
  for (guint i = 0; i < f->sources->len; i++)
    {
      CgExportSource *src = &g_array_index (f->sources, CgExportSource, i);
      if (src->start_us >= from)
        break;
      g_autoptr (GBytes) packed = NULL;
      if (!cg_db_segment_keyframe_index (h, src->id, &packed, error))
        return FALSE;
      if (packed == NULL)
        continue;
      gsize size = 0;
      const void *data = g_bytes_get_data (packed, &size);
      g_autoptr (GArray) entries = cg_keyframe_index_unpack (data, size);
      gint64 *offsets = g_new (gint64, MAX (entries->len, 1));
      for (guint k = 0; k < entries->len; k++)
        offsets[k] = g_array_index (entries, CgKeyframeEntry, k).offset_us;
      g_ptr_array_add (f->keys, offsets);
      src->keyframes = offsets;
      src->n_keyframes = entries->len;
    }
  return TRUE;
}

/* The stretch of footage next to at_us on one side, as the plan merges
 * it; FALSE when there is none. */
static gboolean
nearest (sqlite3 *h, gint64 camera_id, gint64 at_us, gboolean before, gint64 *from,
         gint64 *to, GError **error)
{
  Footage f = { 0 };
  f.rows = cg_db_segments_near (h, camera_id, at_us, before, NEAR_SEGMENTS, error);
  if (f.rows == NULL)
    return FALSE;
  add_sources (&f);
  gboolean found = cg_export_nearest ((const CgExportSource *) (gpointer) f.sources->data,
                                      f.sources->len, before, from, to);
  footage_clear (&f);
  return found;
}

/* No footage in the range: where the nearest is, so that the officer
 * can ask again. */
static void
no_footage (sqlite3 *h, gint64 camera_id, const char *camera, gint64 from, gint64 to,
            GError **error)
{
  gint64 b_from = 0, b_to = 0, a_from = 0, a_to = 0;
  GError *local = NULL;
  gboolean before = nearest (h, camera_id, from, TRUE, &b_from, &b_to, &local);
  gboolean after = local == NULL && nearest (h, camera_id, to, FALSE, &a_from, &a_to, &local);
  if (local != NULL)
    {
      cg_api_internal_error (local, error);
      return;
    }
  g_autofree char *f = cg_time_format_local (from, NULL), *t = cg_time_format_local (to, NULL);
  g_autofree char *bf = cg_time_format_local (b_from, NULL), *bt = cg_time_format_local (b_to, NULL);
  g_autofree char *af = cg_time_format_local (a_from, NULL), *at = cg_time_format_local (a_to, NULL);
  if (before && after)
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("there is no footage of “%s” from %s to %s; the nearest is from %s "
                          "to %s, and from %s to %s"), camera, f, t, bf, bt, af, at);
  else if (before)
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("there is no footage of “%s” from %s to %s; the latest before it is "
                          "from %s to %s"), camera, f, t, bf, bt);
  else if (after)
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("there is no footage of “%s” from %s to %s; the earliest after it is "
                          "from %s to %s"), camera, f, t, af, at);
  else
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("there is no footage of “%s” at all: check that it records "
                          "(canhgac status)"), camera);
}

/* Room for the export, and what capture keeps for itself beside it. */
static gboolean
room_for (CgApiCall *call, gint64 bytes, GError **error)
{
  /* Where exports are written (another disk, if one is mounted there). */
  g_autofree char *dir = g_build_filename (call->api->config->data_dir, "exports", NULL);
  struct statvfs vfs;
  if (statvfs (dir, &vfs) != 0)
    return TRUE; /* not known: writing will say */
  guint64 disk = (guint64) vfs.f_blocks * vfs.f_frsize, free_ = (guint64) vfs.f_bavail * vfs.f_frsize;
  guint64 reserve = cg_storage_reserve_bytes (disk, cg_size_resolve (&call->api->config->min_free, disk));
  /* The MP4's index on top of the footage. */
  guint64 need = (guint64) bytes + (guint64) bytes / 50 + reserve;
  if (free_ >= need)
    return TRUE;
  g_autofree char *needs = cg_format_bytes ((guint64) bytes);
  g_autofree char *has = cg_format_bytes (free_);
  g_autofree char *kept = cg_format_bytes (reserve);
  cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                     N_("there is not enough room on the disk for this export: it needs about %s, "
                        "%s is free and %s of it stays for recording. Remove exports no longer "
                        "needed (canhgac export remove), or export a shorter range"),
                     needs, has, kept);
  return FALSE;
}

/* The plan's refusal as the API's: wrong range, nothing there, cannot. */
static void
plan_refusal (GError *local, GError **error)
{
  int code = g_error_matches (local, CG_ERROR, CG_ERROR_USAGE) ? CG_RPC_INVALID_PARAMS
             : g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND) ? CG_RPC_NOT_FOUND
             : CG_RPC_FAILED;
  cg_error_propagate_as (error, local, CG_RPC_ERROR, code);
}

static CgExportJob *
job_of (CgApiCall *call, const CgDbExport *e, const Footage *f, const CgExportPlan *plan)
{
  CgExportJob *job = cg_export_job_new ();
  job->id = e->id;
  job->camera_id = e->camera_id;
  job->camera_name = g_strdup (e->camera_name);
  job->user = g_strdup (call->user);
  job->client = call->client;
  job->duration_us = plan->duration_us;
  for (guint i = 0; i < plan->pieces->len; i++)
    {
      const CgExportPiece *p = &g_array_index (plan->pieces, CgExportPiece, i);
      const CgDbSegment *s = &g_array_index (f->rows, CgDbSegment, p->source);
      /* The first piece from the start asked for: the export thread
       * starts at the keyframe at or before it as the file has it (the
       * index the plan read is the receive clock's, a little off). */
      CgExportJobSource js = {
        .segment_id = s->id, .path = g_strdup (s->path), .start_us = s->start_us,
        .end_us = s->end_us, .from_us = i == 0 ? MAX (e->from_us, s->start_us) : p->from_us,
        .to_us = p->to_us, .bytes = s->bytes, .thinned = s->thinned, .has_audio = s->has_audio,
      };
      g_array_append_val (job->sources, js);
    }
  for (guint i = 0; i < plan->gaps->len; i++)
    {
      const CgExportGap *g = &g_array_index (plan->gaps, CgExportGap, i);
      CgDbExportGap dg = { g->from_us, g->to_us, g->damaged };
      g_array_append_val (job->gaps, dg);
    }
  return job;
}

/* The row and its audit row, both or neither. */
static gboolean
record_request (CgApiCall *call, CgDbExport *e, guint segments, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  GError *local = NULL;
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("recording the export"), &local);
  if (tx == NULL || !cg_db_export_create (h, e, &local))
    {
      cg_api_internal_error (local, error);
      return FALSE;
    }
  /* The footage by what it is (as recording.open names it). */
  g_autofree char *from = cg_time_format_iso (e->from_us);
  g_autofree char *to = cg_time_format_iso (e->to_us);
  g_autofree char *object = g_strdup_printf ("camera:%" G_GINT64_FORMAT "@%s", e->camera_id, from);
  g_autofree char *detail = g_strdup_printf (
    "camera=%" G_GINT64_FORMAT " name=%s from=%s to=%s export=%" G_GINT64_FORMAT " segments=%u",
    e->camera_id, e->camera_name, from, to, e->id, segments);
  if (e->incident_id > 0)
    {
      g_autofree char *with = g_strdup_printf ("%s incident=%" G_GINT64_FORMAT, detail,
                                               e->incident_id);
      g_free (detail);
      detail = g_steal_pointer (&with);
    }
  if (!cg_api_audit (call, "export.create", object, detail, error))
    return FALSE;
  if (e->incident_id > 0)
    {
      /* Also in the incident's own trail (its object). */
      g_autofree char *inc = g_strdup_printf ("incident:%" G_GINT64_FORMAT, e->incident_id);
      g_autofree char *what = g_strdup_printf ("export=%" G_GINT64_FORMAT " camera=%" G_GINT64_FORMAT
                                               " name=%s from=%s to=%s", e->id, e->camera_id,
                                               e->camera_name, from, to);
      if (!cg_api_audit (call, "incident.export", inc, what, error))
        return FALSE;
    }
  if (!cg_db_commit (tx, &local))
    {
      cg_api_internal_error (local, error);
      return FALSE;
    }
  cg_api_audit_anchor (call);
  return TRUE;
}

static JsonNode *
create_reply (const CgDbExport *e, const CgExportPlan *plan)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "export");
  json_builder_add_int_value (b, e->id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, cg_db_export_state_name (e->state));
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, e->camera_name);
  cg_json_add_time (b, "from", e->from_us);
  cg_json_add_time (b, "to", e->to_us);
  cg_json_add_time (b, "planned_from", plan->from_us);
  cg_json_add_time (b, "planned_to", plan->to_us);
  json_builder_set_member_name (b, "duration");
  json_builder_add_double_value (b, (double) plan->duration_us / CG_USEC_PER_SEC);
  json_builder_set_member_name (b, "segments");
  json_builder_add_int_value (b, plan->pieces->len);
  json_builder_set_member_name (b, "thinned");
  json_builder_add_boolean_value (b, plan->thinned);
  json_builder_set_member_name (b, "gaps");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->gaps->len; i++)
    {
      const CgExportGap *g = &g_array_index (plan->gaps, CgExportGap, i);
      json_builder_begin_object (b);
      cg_json_add_time (b, "start", g->from_us);
      cg_json_add_time (b, "end", g->to_us);
      json_builder_set_member_name (b, "damaged");
      json_builder_add_boolean_value (b, g->damaged);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
export_create (CgApiCall *call, GError **error)
{
  CgApi *api = call->api;
  sqlite3 *h = cg_db_handle (api->db);
  if (api->exporter == NULL)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                         N_("this canhgacd makes no exports"));
      return NULL;
    }
  GError *local = NULL;
  g_autoptr (CgCamera) cam = cg_camera_find (h, cg_rpc_param_string (call->params, "camera", ""),
                                             &local);
  if (cam == NULL)
    {
      int code = g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND) ? CG_RPC_NOT_FOUND : CG_RPC_FAILED;
      cg_error_propagate_as (error, local, CG_RPC_ERROR, code);
      return NULL;
    }
  gint64 from = cg_rpc_param_time (call->params, "from", 0);
  gint64 to = cg_rpc_param_time (call->params, "to", 0);
  gint64 now = cg_time_now_us ();
  gint64 incident = cg_rpc_param_int (call->params, "incident", 0);
  if (incident != 0)
    {
      g_auto (CgDbIncident) in = { 0 };
      if (!cg_api_incident_get (call, incident, &in, error))
        return NULL;
    }
  Footage f = { 0 };
  if (!read_footage (h, cam->id, from, to, now, &f, &local))
    {
      footage_clear (&f);
      return cg_api_internal_error (local, error);
    }
  CgExportPlan plan;
  gboolean planned = cg_export_plan ((const CgExportSource *) (gpointer) f.sources->data,
                                     f.sources->len, from, to, now, api->config->export_max_us,
                                     &plan, &local);
  if (!planned)
    {
      if (g_error_matches (local, CG_ERROR, CG_ERROR_NOT_FOUND))
        {
          g_clear_error (&local);
          no_footage (h, cam->id, cam->name, from, to, error);
        }
      else
        plan_refusal (local, error);
      footage_clear (&f);
      return NULL;
    }
  JsonNode *reply = NULL;
  if (!cg_exporter_has_room (api->exporter))
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_OVERLOADED,
                       N_("%d exports are already waiting or being made: wait until one is "
                          "done, then ask again"), CG_EXPORTER_MAX_JOBS);
  else if (room_for (call, plan.bytes, error))
    {
      g_auto (CgDbExport) e = {
        .camera_id = cam->id, .incident_id = incident,
        .camera_name = g_strdup (cam->name), .place = g_strdup (cam->place),
        .note = g_strdup (cg_rpc_param_string (call->params, "note", NULL)),
        .from_us = from, .to_us = to, .created_by = g_strdup (call->user), .created_us = now,
      };
      if (record_request (call, &e, plan.pieces->len, error))
        {
          reply = create_reply (&e, &plan);
          if (incident != 0)
            cg_api_incident_notify (call, incident, "export");
          /* Room was checked just now, on this thread: only a daemon
           * stopping refuses it, and then the row must not stay running. */
          if (!cg_exporter_submit (api->exporter, job_of (call, &e, &f, &plan))
              && !cg_db_export_fail (h, e.id, CG_DB_EXPORT_FAILED, NULL, now, &local))
            {
              g_warning ("export %" G_GINT64_FORMAT ": %s", e.id, local->message);
              g_clear_error (&local);
            }
        }
    }
  cg_export_plan_clear (&plan);
  footage_clear (&f);
  return reply;
}

static JsonNode *
export_cancel (CgApiCall *call, GError **error)
{
  gint64 id = cg_rpc_param_int (call->params, "export", 0);
  if (call->api->exporter != NULL && cg_exporter_cancel (call->api->exporter, id))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  g_auto (CgDbExport) e = { 0 };
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_export_get (cg_db_handle (call->api->db), id, &e, &found, &local))
    return cg_api_internal_error (local, error);
  g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!found)
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                       N_("there is no export %s (export.list gives their numbers)"), idtext);
  else
    cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_CONFLICT,
                          cg_message_compose (N_("export %s is no longer being made (it is %s): "
                                                 "there is nothing to cancel"),
                                              cg_message_literal (idtext),
                                              cg_export_state_message (cg_db_export_state_name (e.state)), NULL));
  return NULL;
}

static const CgRpcParam create_params[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { "from", CG_RPC_TIME, TRUE },
  { "to", CG_RPC_TIME, TRUE },
  { "note", CG_RPC_STRING, FALSE },
  { "incident", CG_RPC_INT, FALSE },
  { NULL },
};
static const CgRpcParam cancel_params[] = {
  { "export", CG_RPC_INT, TRUE },
  { NULL },
};

const CgApiMethod cg_api_export_methods[] = {
  { "export.create", CG_ROLE_OPERATOR, create_params, export_create, CG_API_AUDITED },
  { "export.cancel", CG_ROLE_OPERATOR, cancel_params, export_cancel },
  { NULL },
};
