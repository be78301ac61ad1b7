/* api/recording.c — what was recorded (segments and gaps), and opening a
 * segment: the footage itself travels as a file descriptor, never as a
 * path, and every opening is audited. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* Consecutive segments further apart than this leave a gap. */
#define GAP_MIN_US (CG_USEC_PER_SEC / 2)

/* The outage reason covering most of [from, to), or "not_recording". */
static char *
gap_reason (sqlite3 *h, gint64 camera_id, gint64 from, gint64 to)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h,
                      "SELECT reason FROM outages WHERE camera_id = ?1 AND start_us < ?3"
                      " AND coalesce(end_us, ?3) > ?2 ORDER BY"
                      " min(coalesce(end_us, ?3), ?3) - max(start_us, ?2) DESC LIMIT 1",
                      -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  char *reason = sqlite3_step (st) == SQLITE_ROW
                   ? g_strdup ((const char *) sqlite3_column_text (st, 0))
                   : g_strdup (CG_REASON_NOT_RECORDING);
  sqlite3_finalize (st);
  return reason;
}

static void
add_gap (JsonBuilder *gaps, sqlite3 *h, gint64 camera_id, gint64 from, gint64 to)
{
  if (to - from < GAP_MIN_US)
    return;
  g_autofree char *reason = gap_reason (h, camera_id, from, to);
  json_builder_begin_object (gaps);
  cg_api_add_time (gaps, "start", from);
  cg_api_add_time (gaps, "end", to);
  json_builder_set_member_name (gaps, "reason");
  json_builder_add_string_value (gaps, reason);
  json_builder_end_object (gaps);
}

/* Motion events overlapping the period; an ongoing one has "end": null. */
static void
add_motion (JsonBuilder *b, sqlite3 *h, gint64 camera_id, gint64 from, gint64 to)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h,
                      "SELECT start_us, end_us, peak FROM motion_events WHERE camera_id = ?1"
                      " AND start_us < ?3 AND coalesce(end_us, ?3) > ?2 ORDER BY start_us",
                      -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  json_builder_set_member_name (b, "motion");
  json_builder_begin_array (b);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      cg_api_add_time (b, "start", sqlite3_column_int64 (st, 0));
      json_builder_set_member_name (b, "end");
      if (sqlite3_column_type (st, 1) == SQLITE_NULL)
        json_builder_add_null_value (b);
      else
        {
          g_autofree char *iso = cg_time_format_iso (sqlite3_column_int64 (st, 1));
          json_builder_add_string_value (b, iso);
        }
      json_builder_set_member_name (b, "peak");
      json_builder_add_double_value (b, round (sqlite3_column_double (st, 2) * 1000) / 1000);
      json_builder_end_object (b);
    }
  sqlite3_finalize (st);
  json_builder_end_array (b);
}

static JsonNode *
recordings_list (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  const char *asked = cg_rpc_param_string (call->params, "camera", NULL);
  g_autofree char *camera = NULL;
  gint64 now = cg_time_now_us ();
  gint64 from = cg_rpc_param_time (call->params, "from", 0);
  gint64 to = cg_rpc_param_time (call->params, "to", G_MAXINT64);
  gint64 camera_id = 0;
  if (to <= from)
    {
      g_set_error (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS, _("params: “to” must be later than “from”"));
      return NULL;
    }
  if (!cg_api_camera_id (call, asked, &camera_id, &camera, error))
    return NULL;
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h,
                      /* An open segment reaches to now; its stored end lags. */
                      "SELECT id, start_us, CASE WHEN state = 'open' THEN max(?4, coalesce(end_us, ?4))"
                      " ELSE end_us END, bytes, frames, keyframes,"
                      " coalesce(width, 0), coalesce(height, 0), coalesce(video_codec, ''),"
                      " thinned, state = 'open', has_audio"
                      " FROM segments WHERE camera_id = ?1 AND state != 'lost'"
                      " AND start_us < ?3 AND coalesce(end_us, ?4) > ?2 ORDER BY start_us",
                      -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  sqlite3_bind_int64 (st, 4, now);

  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonBuilder) gaps = json_builder_new ();
  json_builder_begin_array (gaps);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_set_member_name (b, "segments");
  json_builder_begin_array (b);
  /* Without "from" the period starts with the first recording. */
  gint64 covered = from > 0 ? from : G_MININT64;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 start = sqlite3_column_int64 (st, 1), end = sqlite3_column_int64 (st, 2);
      if (covered > G_MININT64 && start > covered)
        add_gap (gaps, h, camera_id, covered, start);
      covered = MAX (covered, end);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (st, 0));
      cg_api_add_time (b, "start", start);
      cg_api_add_time (b, "end", end);
      static const struct { const char *name; int col; } ints[] = {
        { "bytes", 3 }, { "frames", 4 }, { "keyframes", 5 }, { "width", 6 }, { "height", 7 },
      };
      for (size_t i = 0; i < G_N_ELEMENTS (ints); i++)
        {
          json_builder_set_member_name (b, ints[i].name);
          json_builder_add_int_value (b, sqlite3_column_int64 (st, ints[i].col));
        }
      json_builder_set_member_name (b, "codec");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 8));
      json_builder_set_member_name (b, "thinned");
      json_builder_add_boolean_value (b, sqlite3_column_int (st, 9));
      json_builder_set_member_name (b, "recording");
      json_builder_add_boolean_value (b, sqlite3_column_int (st, 10));
      json_builder_set_member_name (b, "audio");
      json_builder_add_boolean_value (b, sqlite3_column_int (st, 11));
      json_builder_end_object (b);
    }
  sqlite3_finalize (st);
  /* Up to the end of the period, or now: "nothing since ..." matters. */
  gint64 until = MIN (to, now);
  if (covered > G_MININT64 && until > covered)
    add_gap (gaps, h, camera_id, covered, until);
  json_builder_end_array (b);
  json_builder_end_array (gaps);
  json_builder_set_member_name (b, "gaps");
  json_builder_add_value (b, json_builder_get_root (gaps));
  add_motion (b, h, camera_id, from, to);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
recording_open (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 id = cg_rpc_param_int (call->params, "segment", 0);
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h,
                      "SELECT s.path, c.name, s.start_us, coalesce(s.end_us, 0), s.bytes, s.state,"
                      " coalesce(s.video_codec, ''), coalesce(s.width, 0), coalesce(s.height, 0)"
                      " FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE s.id = ?",
                      -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW || g_str_equal (sqlite3_column_text (st, 5), "lost"))
    {
      sqlite3_finalize (st);
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                   _("there is no segment %s (recordings.list gives their ids)"), idtext);
      return NULL;
    }
  g_autofree char *rel = g_strdup ((const char *) sqlite3_column_text (st, 0));
  g_autofree char *camera = g_strdup ((const char *) sqlite3_column_text (st, 1));
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  cg_api_add_time (b, "start", sqlite3_column_int64 (st, 2));
  if (sqlite3_column_int64 (st, 3) > 0)
    cg_api_add_time (b, "end", sqlite3_column_int64 (st, 3));
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, g_str_equal (sqlite3_column_text (st, 5), "open"));
  json_builder_set_member_name (b, "codec");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (st, 6));
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, sqlite3_column_int64 (st, 7));
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, sqlite3_column_int64 (st, 8));
  json_builder_end_object (b);
  sqlite3_finalize (st);

  g_autofree char *abs = g_build_filename (call->api->config->data_dir, rel, NULL);
  int fd = open (abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int err = errno;
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, CG_RPC_ERROR, CG_RPC_FAILED, _("segment %s cannot be read: %s"),
                   idtext, g_strerror (err));
      return NULL;
    }
  call->fd_out = fd;
  g_autofree char *object = g_strdup_printf ("segment:%" G_GINT64_FORMAT, id);
  g_autofree char *detail = g_strdup_printf ("camera=%s", camera);
  cg_api_audit (call, "recording.open", object, detail);
  return json_builder_get_root (b);
}

static const CgRpcParam list_params[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { "from", CG_RPC_TIME, FALSE },
  { "to", CG_RPC_TIME, FALSE },
  { NULL },
};
static const CgRpcParam open_params[] = {
  { "segment", CG_RPC_INT, TRUE },
  { NULL },
};

const CgApiMethod cg_api_recording_methods[] = {
  { "recordings.list", CG_ROLE_VIEWER, list_params, recordings_list },
  { "recording.open", CG_ROLE_VIEWER, open_params, recording_open },
  { NULL },
};
