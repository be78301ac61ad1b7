/* api/status.c — `status`: every camera's state, link and uptime, and
 * the storage in use. */
#include "build-config.h"

#include "daemon/api/api.h"
#include "daemon/audit.h"
#include "daemon/loop_watch.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "daemon/db/segments.h"
#include "daemon/db/writer.h"
#include "daemon/storage/usage.h"
#include "daemon/vision/thumbnail_table.h"

#include <math.h>
#include <sys/statvfs.h>

#define DAY_US (86400 * CG_USEC_PER_SEC)

/* Share of the last 24 h (or of the camera's life, if shorter) covered
 * by recordings. */
static gboolean
uptime_24h (sqlite3 *h, gint64 camera_id, gint64 created_us, gint64 now, double *uptime,
            GError **error)
{
  gint64 from = MAX (now - DAY_US, created_us);
  gint64 covered = 0;
  *uptime = 0;
  if (now <= from)
    return TRUE;
  if (!cg_db_segments_covered_us (h, camera_id, from, now, &covered, error))
    return FALSE;
  *uptime = CLAMP ((double) covered / (double) (now - from), 0.0, 1.0);
  return TRUE;
}

static gboolean
add_storage (JsonBuilder *b, CgApi *api, GError **error)
{
  gint64 used = 0;
  if (!cg_db_segments_total_bytes (cg_db_handle (api->db), &used, error))
    return FALSE;
  struct statvfs vfs;
  gboolean known = statvfs (api->config->data_dir, &vfs) == 0;
  json_builder_set_member_name (b, "storage");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "recordings_bytes");
  json_builder_add_int_value (b, used);
  json_builder_set_member_name (b, "disk_bytes");
  json_builder_add_int_value (b, known ? (gint64) vfs.f_blocks * (gint64) vfs.f_frsize : 0);
  json_builder_set_member_name (b, "free_bytes");
  json_builder_add_int_value (b, known ? (gint64) vfs.f_bavail * (gint64) vfs.f_frsize : 0);
  /* The storage manager's alerts (retention below target, ...), so that
   * the status says what needs doing; storage.status has the figures. */
  json_builder_set_member_name (b, "alerts");
  json_builder_add_value (b, cg_storage_state_dup_alerts (api->storage));
  json_builder_end_object (b);
  return TRUE;
}

/* The audit log's size and the head recorded outside the database, as
 * officers copy it onto paper ("1234/5d41402abc4b"); null before the
 * first row. */
static gboolean
add_audit (JsonBuilder *b, CgApi *api, GError **error)
{
  gint64 rows = 0, head_rows = 0;
  g_autofree char *last = NULL;
  g_autofree char *head_hash = NULL;
  if (!cg_audit_tail (cg_db_handle (api->db), &rows, &last, error))
    return FALSE;
  json_builder_set_member_name (b, "audit");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, rows);
  json_builder_set_member_name (b, "head");
  if (cg_audit_head (&head_rows, &head_hash))
    {
      g_autofree char *text = cg_audit_seal_head_text (head_rows, head_hash);
      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return TRUE;
}

/* Thumbnails and motion: what decoding the camera's keyframes meets. */
static void
add_decoding (JsonBuilder *b, CgApi *api, gint64 camera_id)
{
  CgDecodeHealth health = { 0 };
  if (api->thumbnails != NULL)
    cg_thumbnails_health (api->thumbnails, camera_id, &health);
  json_builder_set_member_name (b, "decode_error");
  if (health.decode_error != NULL)
    json_builder_add_string_value (b, health.decode_error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "skipped_keyframes");
  json_builder_add_int_value (b, (gint64) health.skipped);
  json_builder_set_member_name (b, "decoded_keyframes");
  json_builder_add_int_value (b, (gint64) health.decoded);
  /* Decode + scale + JPEG time of a keyframe, recent mean. */
  json_builder_set_member_name (b, "keyframe_ms");
  if (health.busy_n > 0)
    json_builder_add_double_value (b, round ((double) health.busy_us / health.busy_n / 100) / 10);
  else
    json_builder_add_null_value (b);
  g_free (health.decode_error);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  JsonObject *x = json_node_get_object (*(JsonNode *const *) a);
  JsonObject *y = json_node_get_object (*(JsonNode *const *) b);
  return cg_text_compare (json_object_get_string_member (x, "name"),
                          json_object_get_string_member (y, "name"));
}

static JsonNode *
status (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  const char *what = _("reading the cameras' status");
  GError *local = NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT c.id, c.name, coalesce(c.place, ''), c.enabled, c.created_us,"
       " s.state, coalesce(s.reason, ''), s.since_us, s.last_frame_us,"
       " coalesce(s.bitrate_bps, 0), coalesce(s.fps, 0), s.keyframe_interval_ms,"
       " coalesce(s.reconnects, 0)"
       " FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id"
       " WHERE c.removed_us IS NULL",
    what, &local);
  if (st == NULL)
    return cg_api_internal_error (local, error);
  gint64 now = cg_time_now_us ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "daemon");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "running");
  json_builder_add_boolean_value (b, TRUE);
  cg_json_add_time (b, "started", call->api->started_us);
  json_builder_set_member_name (b, "main_loop_max_stall_ms");
  json_builder_add_int_value (b, cg_loop_watch_max_stall_us () / 1000);
  /* Events from the cameras not in the database yet: a handful at most
   * while it takes writes; more, with the database_unwritable alert,
   * while it refuses them. */
  CgDbWriterHealth health = { 0 };
  if (call->api->writer != NULL)
    cg_db_writer_health (call->api->writer, &health);
  json_builder_set_member_name (b, "pending_writes");
  json_builder_add_int_value (b, health.pending);
  cg_db_writer_health_clear (&health);
  json_builder_end_object (b);
  g_autoptr (GPtrArray) cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_autoptr (JsonBuilder) c = json_builder_new ();
      gint64 id = sqlite3_column_int64 (st, 0);
      double uptime = 0;
      if (!uptime_24h (h, id, sqlite3_column_int64 (st, 4), now, &uptime, &local))
        return cg_api_internal_error (local, error);
      gboolean enabled = sqlite3_column_int (st, 3);
      gboolean known = sqlite3_column_type (st, 5) != SQLITE_NULL;
      const char *state = !enabled ? CG_STATE_DISABLED
                          : known ? (const char *) sqlite3_column_text (st, 5) : CG_STATE_CONNECTING;
      const char *reason = (const char *) sqlite3_column_text (st, 6);
      gint64 last_frame = sqlite3_column_int64 (st, 8);
      gint64 kf = sqlite3_column_int64 (st, 11);
      gboolean live = cg_camera_state_is_live (state);
      json_builder_begin_object (c);
      json_builder_set_member_name (c, "name");
      json_builder_add_string_value (c, (const char *) sqlite3_column_text (st, 1));
      json_builder_set_member_name (c, "place");
      json_builder_add_string_value (c, (const char *) sqlite3_column_text (st, 2));
      json_builder_set_member_name (c, "state");
      json_builder_add_string_value (c, state);
      json_builder_set_member_name (c, "reason");
      json_builder_add_string_value (c, reason);
      cg_json_add_time (c, "since", sqlite3_column_int64 (st, 7));
      json_builder_set_member_name (c, "bitrate");
      json_builder_add_int_value (c, live ? sqlite3_column_int64 (st, 9) : 0);
      json_builder_set_member_name (c, "fps");
      json_builder_add_double_value (c, live ? round (sqlite3_column_double (st, 10) * 10) / 10 : 0);
      json_builder_set_member_name (c, "keyframe_interval_ms");
      if (kf > 0)
        json_builder_add_int_value (c, kf);
      else
        json_builder_add_null_value (c);
      json_builder_set_member_name (c, "last_frame_age");
      if (last_frame > 0)
        json_builder_add_double_value (c, (double) ((now - last_frame) / 1000) / 1000.0);
      else
        json_builder_add_null_value (c);
      json_builder_set_member_name (c, "reconnects");
      json_builder_add_int_value (c, sqlite3_column_int64 (st, 12));
      json_builder_set_member_name (c, "uptime_24h");
      json_builder_add_double_value (c, round (uptime * 1000) / 1000);
      add_decoding (c, call->api, id);
      json_builder_end_object (c);
      g_ptr_array_add (cameras, json_builder_get_root (c));
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, &local);
      return cg_api_internal_error (local, error);
    }
  /* Officers read names in their language's order (see camera.list). */
  g_ptr_array_sort (cameras, compare_names);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < cameras->len; i++)
    json_builder_add_value (b, json_node_ref (cameras->pdata[i]));
  json_builder_end_array (b);
  if (!add_storage (b, call->api, &local) || !add_audit (b, call->api, &local))
    return cg_api_internal_error (local, error);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* link.stats: a camera's per-minute link statistics, oldest first. */
static JsonNode *
link_stats (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  g_autofree char *name = NULL;
  gint64 minutes = CLAMP (cg_rpc_param_int (call->params, "minutes", 60), 1, 7 * 24 * 60);
  gint64 id = 0;
  if (!cg_api_camera_id (call, cg_rpc_param_string (call->params, "camera", ""), &id, &name, error))
    return NULL;
  gint64 from = cg_time_now_us () - minutes * 60 * CG_USEC_PER_SEC;
  const char *what = _("reading the link statistics");
  GError *local = NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT minute_us, bytes, frames, keyframes, coalesce(keyframe_interval_ms, 0),"
       " gaps, reconnects FROM link_stats WHERE camera_id = ? AND minute_us >= ?"
       " ORDER BY minute_us",
    what, &local);
  if (st == NULL)
    return cg_api_internal_error (local, error);
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, from - from % (60 * CG_USEC_PER_SEC));
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "minutes");
  json_builder_begin_array (b);
  static const char *const cols[] = { NULL, "bytes", "frames", "keyframes", "keyframe_interval_ms",
                                      "gaps", "reconnects" };
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      cg_json_add_time (b, "time", sqlite3_column_int64 (st, 0));
      for (int i = 1; i < 7; i++)
        {
          json_builder_set_member_name (b, cols[i]);
          json_builder_add_int_value (b, sqlite3_column_int64 (st, i));
        }
      json_builder_end_object (b);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, &local);
      return cg_api_internal_error (local, error);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const CgRpcParam no_params[] = { { NULL } };
static const CgRpcParam stats_params[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { "minutes", CG_RPC_INT, FALSE },
  { NULL },
};

const CgApiMethod cg_api_status_methods[] = {
  { "status", CG_ROLE_VIEWER, no_params, status },
  { "link.stats", CG_ROLE_VIEWER, stats_params, link_stats },
  { NULL },
};
