/* api/recording.c — what was recorded (segments and gaps), and opening a
 * segment: the footage itself travels as a file descriptor, never as a
 * path, and every opening is audited. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "daemon/db/motion.h"
#include "daemon/db/outages.h"
#include "daemon/db/segments.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* Consecutive segments further apart than this leave a gap. */
#define GAP_MIN_US (CG_USEC_PER_SEC / 2)

/* The outage reason covering most of [from, to), or "not_recording". */
static gboolean
add_gap (JsonBuilder *gaps, sqlite3 *h, gint64 camera_id, gint64 from, gint64 to, GError **error)
{
  if (to - from < GAP_MIN_US)
    return TRUE;
  g_autofree char *reason = NULL;
  if (!cg_db_outage_reason (h, camera_id, from, to, &reason, error))
    return FALSE;
  json_builder_begin_object (gaps);
  cg_api_add_time (gaps, "start", from);
  cg_api_add_time (gaps, "end", to);
  json_builder_set_member_name (gaps, "reason");
  json_builder_add_string_value (gaps, reason != NULL ? reason : CG_REASON_NOT_RECORDING);
  json_builder_end_object (gaps);
  return TRUE;
}

/* Motion events overlapping the period; an ongoing one has "end": null. */
static gboolean
add_motion (JsonBuilder *b, sqlite3 *h, gint64 camera_id, gint64 from, gint64 to, GError **error)
{
  g_autoptr (GArray) events = cg_db_motion_between (h, camera_id, from, to, error);
  if (events == NULL)
    return FALSE;
  json_builder_set_member_name (b, "motion");
  json_builder_begin_array (b);
  for (guint i = 0; i < events->len; i++)
    {
      const CgDbMotion *m = &g_array_index (events, CgDbMotion, i);
      json_builder_begin_object (b);
      cg_api_add_time (b, "start", m->start_us);
      json_builder_set_member_name (b, "end");
      if (m->end_us == 0)
        json_builder_add_null_value (b);
      else
        {
          g_autofree char *iso = cg_time_format_iso (m->end_us);
          json_builder_add_string_value (b, iso);
        }
      json_builder_set_member_name (b, "peak");
      json_builder_add_double_value (b, round (m->peak * 1000) / 1000);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

/* "sha256": the file's digest, null while it is written (or for footage
 * recorded before digests were kept). */
static void
add_sha256 (JsonBuilder *b, const CgDbSegment *s)
{
  json_builder_set_member_name (b, "sha256");
  if (s->state == CG_DB_SEGMENT_OPEN || s->sha256 == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, s->sha256);
}

static void
add_segment (JsonBuilder *b, const CgDbSegment *s)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, s->id);
  cg_api_add_time (b, "start", s->start_us);
  cg_api_add_time (b, "end", s->end_us);
  const struct { const char *name; gint64 value; } ints[] = {
    { "bytes", s->bytes }, { "frames", s->frames }, { "keyframes", s->keyframes },
    { "width", s->width }, { "height", s->height },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      json_builder_set_member_name (b, ints[i].name);
      json_builder_add_int_value (b, ints[i].value);
    }
  json_builder_set_member_name (b, "codec");
  json_builder_add_string_value (b, s->codec != NULL ? s->codec : "");
  json_builder_set_member_name (b, "thinned");
  json_builder_add_boolean_value (b, s->thinned);
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, s->state == CG_DB_SEGMENT_OPEN);
  json_builder_set_member_name (b, "audio");
  json_builder_add_boolean_value (b, s->has_audio);
  add_sha256 (b, s);
  json_builder_end_object (b);
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
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS, N_("params: “to” must be later than “from”"));
      return NULL;
    }
  if (!cg_api_camera_id (call, asked, &camera_id, &camera, error))
    return NULL;
  GError *local = NULL;
  /* One picture of the camera's recordings, gaps and motion together. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, _("reading the recordings"),
                                                &local);
  if (tx == NULL)
    return cg_api_internal_error (local, error);
  g_autoptr (GArray) segments = cg_db_segments_between (h, camera_id, from, to, now, &local);
  if (segments == NULL)
    return cg_api_internal_error (local, error);

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
  for (guint i = 0; i < segments->len; i++)
    {
      const CgDbSegment *s = &g_array_index (segments, CgDbSegment, i);
      if (covered > G_MININT64 && s->start_us > covered
          && !add_gap (gaps, h, camera_id, covered, s->start_us, &local))
        return cg_api_internal_error (local, error);
      covered = MAX (covered, s->end_us);
      add_segment (b, s);
    }
  /* Up to the end of the period, or now: "nothing since ..." matters. */
  gint64 until = MIN (to, now);
  if (covered > G_MININT64 && until > covered && !add_gap (gaps, h, camera_id, covered, until, &local))
    return cg_api_internal_error (local, error);
  json_builder_end_array (b);
  json_builder_end_array (gaps);
  json_builder_set_member_name (b, "gaps");
  json_builder_add_value (b, json_builder_get_root (gaps));
  if (!add_motion (b, h, camera_id, from, to, &local))
    return cg_api_internal_error (local, error);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
recording_open (CgApiCall *call, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 id = cg_rpc_param_int (call->params, "segment", 0);
  GError *local = NULL;
  g_auto (CgDbSegment) s = { 0 };
  g_autofree char *camera = NULL;
  gboolean found = FALSE;
  if (!cg_db_segment_get (h, id, &s, &camera, &found, &local))
    return cg_api_internal_error (local, error);
  if (!found)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND,
                         N_("there is no segment %s (recordings.list gives their ids)"), idtext);
      return NULL;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  cg_api_add_time (b, "start", s.start_us);
  if (s.end_us > 0)
    cg_api_add_time (b, "end", s.end_us);
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, s.state == CG_DB_SEGMENT_OPEN);
  json_builder_set_member_name (b, "codec");
  json_builder_add_string_value (b, s.codec != NULL ? s.codec : "");
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, s.width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, s.height);
  add_sha256 (b, &s);
  json_builder_end_object (b);

  g_autofree char *abs = g_build_filename (call->api->config->data_dir, s.path, NULL);
  int fd = open (abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int err = errno;
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED, N_("segment %s cannot be read: %s"),
                         idtext, g_strerror (err));
      return NULL;
    }
  /* The footage by what it is, not by the row id, which a deleted
   * segment's successor may reuse: the camera, when the segment starts,
   * and once it is closed its digest, which a copy can be checked
   * against. */
  g_autofree char *start = cg_time_format_iso (s.start_us);
  g_autofree char *object = g_strdup_printf ("camera:%" G_GINT64_FORMAT "@%s", s.camera_id, start);
  const char *digest = s.state == CG_DB_SEGMENT_OPEN ? "recording"
                       : s.sha256 != NULL ? s.sha256 : "unknown";
  g_autofree char *detail = g_strdup_printf ("camera=%" G_GINT64_FORMAT " name=%s start=%s sha256=%s",
                                             s.camera_id, camera, start, digest);
  /* The row first, committed: footage whose opening cannot be recorded
   * is not handed out. */
  if (!cg_api_audit (call, "recording.open", object, detail, error))
    {
      close (fd);
      return NULL;
    }
  call->fd_out = fd;
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
  { "recording.open", CG_ROLE_VIEWER, open_params, recording_open, CG_API_AUDITED },
  { NULL },
};
