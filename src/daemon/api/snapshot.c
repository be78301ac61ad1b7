/* api/snapshot.c — `snapshot.get`: a camera's picture at full size, live
 * or at a moment of its recordings, as a JPEG passed as a descriptor.
 *
 * Decoding runs in vision's snapshot workers (vision/snapshot.h); the
 * reply comes later (cg_api_later).  A picture from the recordings is
 * footage: audited like recording.open, the row written before the
 * picture leaves.  A live picture is what thumbnail.get and the station
 * show, not recorded footage: not audited. */
#define G_LOG_DOMAIN "canhgac-api"
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"
#include "daemon/capture/segment_writer.h"
#include "daemon/db/cameras.h"
#include "daemon/db/segments.h"
#include "daemon/vision/live_frames.h"
#include "daemon/vision/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* A live picture older than this (or than a few keyframe intervals of a
 * camera that sends them seldom) is not live: the camera is not sending. */
#define LIVE_MAX_AGE_US (5 * CG_USEC_PER_SEC)
#define LIVE_MAX_INTERVALS 2.5
/* A time this far ahead of the daemon's clock is the officer's clock, or
 * a typing error, not the future. */
#define FUTURE_SLACK_US CG_USEC_PER_SEC
/* Segments further apart than this leave a gap (as recordings.list);
 * a moment this close after a segment's end is still its last picture. */
#define GAP_MIN_US (CG_USEC_PER_SEC / 2)

/* What the reply needs once the picture is made. */
typedef struct {
  CgApiLater *later;
  CgCameraRef ref;
  gboolean recorded;
  /* recorded: the segment, as the audit row names it */
  gint64 segment_id, start_us;
  char *sha256; /* "recording" while it is written */
  gint64 live_time_us;
} Pending;

static void
pending_free (Pending *p)
{
  cg_camera_ref_clear (&p->ref);
  g_free (p->sha256);
  g_free (p);
}

static gboolean
fail_message (GError **error, int code, CgMessage *message)
{
  cg_error_set_message (error, CG_RPC_ERROR, code, message);
  return FALSE;
}

/* No recording at at_us: the nearest ones, so that the officer can pick
 * a time that has one. */
/* Whether the removed camera whose name a new camera took recorded at
 * at_us: the officer most likely wants that one.  Its id, or 0. */
static gint64
removed_namesake (sqlite3 *h, const CgCameraRef *ref, gint64 at_us, gint64 now)
{
  g_auto (CgCameraRef) old = { 0 };
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  if (ref->removed_us > 0 || !cg_camera_find_footage (h, ref->name, TRUE, &old, NULL)
      || !cg_db_segment_at (h, old.id, at_us, now, GAP_MIN_US, &s, &found, NULL) || !found)
    return 0;
  return old.id;
}

static gboolean
no_footage (CgApiCall *call, const CgCameraRef *ref, gint64 at_us, gint64 now, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 old = removed_namesake (h, ref, at_us, now);
  if (old > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, old);
      return fail_message (error, CG_RPC_NOT_FOUND, cg_message_compose (
        N_("camera “%s” has no recording at %s, but the removed camera that had its name (id "
           "%s) has: ask for that one with --removed or --camera-id %s"),
        cg_message_literal (ref->name), cg_message_time (at_us), cg_message_literal (id),
        cg_message_literal (id), NULL));
    }
  gint64 before[2], after[2];
  GError *local = NULL;
  if (!cg_db_segments_nearest (h, ref->id, at_us, now, GAP_MIN_US, before, after, &local))
    return cg_api_internal_error (local, error) != NULL;
  CgMessage *name = cg_message_literal (ref->name);
  CgMessage *at = cg_message_time (at_us);
  if (before[1] > 0 && after[1] > 0)
    return fail_message (error, CG_RPC_NOT_FOUND, cg_message_compose (
      N_("camera “%s” has no recording at %s: the nearest recordings run from %s to %s and "
         "from %s to %s; choose a time within one of them"),
      name, at, cg_message_time (before[0]), cg_message_time (before[1]),
      cg_message_time (after[0]), cg_message_time (after[1]), NULL));
  if (before[1] > 0)
    return fail_message (error, CG_RPC_NOT_FOUND, cg_message_compose (
      N_("camera “%s” has no recording at %s: its last recording before it runs from %s to "
         "%s; choose a time within it"),
      name, at, cg_message_time (before[0]), cg_message_time (before[1]), NULL));
  if (after[1] > 0)
    return fail_message (error, CG_RPC_NOT_FOUND, cg_message_compose (
      N_("camera “%s” has no recording at %s: its first recording runs from %s to %s; choose "
         "a time within it"),
      name, at, cg_message_time (after[0]), cg_message_time (after[1]), NULL));
  cg_message_free (at);
  return fail_message (error, CG_RPC_NOT_FOUND, cg_message_compose (
    N_("camera “%s” has no recordings: there is no picture to take from them"), name, NULL));
}

/* The keyframe at or before offset_us, from the segment's index: where
 * decoding starts (-1: from the start). */
static gint64
start_byte (GBytes *index, gint64 offset_us)
{
  if (index == NULL)
    return -1;
  gsize size = 0;
  const void *data = g_bytes_get_data (index, &size);
  g_autoptr (GArray) keys = cg_keyframe_index_unpack (data, size);
  gint64 byte = -1;
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const CgKeyframeEntry *e = &g_array_index (keys, CgKeyframeEntry, i);
      if (e->offset_us > offset_us)
        break;
      byte = e->byte;
    }
  return byte;
}

static gboolean
submit (CgApiCall *call, CgSnapshotJob *job, Pending *pending, GError **error)
{
  pending->later = cg_api_later (call);
  job->data = pending;
  if (cg_snapshots_submit (call->api->snapshots, job))
    return TRUE;
  cg_api_later_drop (call);
  pending_free (pending);
  cg_snapshot_job_free (job);
  cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_OVERLOADED,
                     N_("canhgacd is making too many pictures at once: try again in a moment"));
  return FALSE;
}

static gboolean
recorded (CgApiCall *call, CgCameraRef *ref, gint64 at_us, GError **error)
{
  sqlite3 *h = cg_db_handle (call->api->db);
  gint64 now = cg_time_now_us ();
  if (at_us > now + FUTURE_SLACK_US)
    return fail_message (error, CG_RPC_INVALID_PARAMS, cg_message_compose (
      N_("%s is in the future (it is %s now): a picture of a moment comes from its recording; "
         "give a time that has passed"),
      cg_message_time (at_us), cg_message_time (now), NULL));
  g_auto (CgDbSegment) s = { 0 };
  gboolean found = FALSE;
  GError *local = NULL;
  if (!cg_db_segment_at (h, ref->id, at_us, now, GAP_MIN_US, &s, &found, &local))
    return cg_api_internal_error (local, error) != NULL;
  if (!found)
    return no_footage (call, ref, at_us, now, error);
  g_autofree char *abs = g_build_filename (call->api->config->data_dir, s.path, NULL);
  int fd = open (abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int err = errno;
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, s.id);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED, N_("segment %s cannot be read: %s"),
                         idtext, g_strerror (err));
      return FALSE;
    }
  CgSnapshotJob *job = cg_snapshot_job_new ();
  job->segment_fd = fd;
  job->offset_us = MAX (at_us - s.start_us, 0);
  job->start_byte = start_byte (s.keyframe_index, job->offset_us);
  Pending *p = g_new0 (Pending, 1);
  p->ref = *ref;
  *ref = (CgCameraRef) { 0 };
  p->recorded = TRUE;
  p->segment_id = s.id;
  p->start_us = s.start_us;
  p->sha256 = g_strdup (s.state == CG_DB_SEGMENT_OPEN ? "recording"
                        : s.sha256 != NULL ? s.sha256 : "unknown");
  return submit (call, job, p, error);
}

static gboolean
live (CgApiCall *call, CgCameraRef *ref, GError **error)
{
  if (ref->removed_us > 0)
    return fail_message (error, CG_RPC_FAILED, cg_message_compose (
      N_("camera “%s” was removed (%s): it has no live picture; a picture from its recordings "
         "needs a time"), cg_message_literal (ref->name), cg_message_time (ref->removed_us),
      NULL));
  g_autoptr (CgCamera) cam = NULL;
  GError *local = NULL;
  CgLiveFrame frame;
  if (call->api->live == NULL || !cg_live_frames_get (call->api->live, ref->id, &frame))
    {
      cam = cg_camera_find (cg_db_handle (call->api->db), ref->name, &local);
      if (cam == NULL)
        return cg_api_internal_error (local, error) != NULL;
      if (!cam->enabled)
        cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                           N_("camera “%s” is disabled: it has no live picture"), ref->name);
      else
        cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                           N_("camera “%s” has no live picture yet: it has sent no keyframe "
                              "since canhgacd began recording it (canhgac status says why)"),
                           ref->name);
      return FALSE;
    }
  gint64 age = cg_time_now_us () - frame.time_us;
  gint64 max_age = MAX (LIVE_MAX_AGE_US, (gint64) (LIVE_MAX_INTERVALS * frame.interval_us));
  if (age > max_age)
    {
      CgMessage *taken = cg_message_time (frame.time_us);
      cg_live_frame_clear (&frame);
      return fail_message (error, CG_RPC_FAILED, cg_message_compose (
        N_("the latest picture of camera “%s” is %s old (%s): the camera is not sending "
           "pictures now (offline or stalled); canhgac status says why"),
        cg_message_literal (ref->name), cg_message_duration (age), taken, NULL));
    }
  CgSnapshotJob *job = cg_snapshot_job_new ();
  job->keyframe = g_steal_pointer (&frame.packet);
  job->par = g_steal_pointer (&frame.par);
  Pending *p = g_new0 (Pending, 1);
  p->ref = *ref;
  *ref = (CgCameraRef) { 0 };
  p->live_time_us = frame.time_us;
  return submit (call, job, p, error);
}

static JsonNode *
snapshot_get (CgApiCall *call, GError **error)
{
  if (call->api->snapshots == NULL)
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                         N_("this canhgacd makes no pictures"));
      return NULL;
    }
  g_auto (CgCameraRef) ref = { 0 };
  if (!cg_api_footage_camera (call, &ref, error))
    return NULL;
  if (json_object_has_member (call->params, "at")
      && !json_object_get_null_member (call->params, "at"))
    recorded (call, &ref, cg_rpc_param_time (call->params, "at", 0), error);
  else
    live (call, &ref, error);
  /* NULL either way: an error, or the reply comes later. */
  return NULL;
}

/* The main loop, once a worker made the picture (or could not). */
void
cg_api_snapshot_done (CgSnapshotJob *job)
{
  Pending *p = job->data;
  GError *error = g_steal_pointer (&job->error);
  if (error != NULL)
    {
      GError *reply = NULL;
      cg_error_propagate_as (&reply, error, CG_RPC_ERROR, CG_RPC_FAILED);
      cg_api_later_reply (p->later, NULL, -1, reply);
      pending_free (p);
      cg_snapshot_job_free (job);
      return;
    }
  gint64 time_us = p->recorded ? p->start_us + job->frame_offset_us : p->live_time_us;
  if (p->recorded)
    {
      /* Footage by what it is (as recording.open names it), and the
       * moment taken; committed before the picture leaves. */
      g_autofree char *start = cg_time_format_iso (p->start_us);
      g_autofree char *at = cg_time_format_iso (time_us);
      g_autofree char *object = g_strdup_printf ("camera:%" G_GINT64_FORMAT "@%s", p->ref.id,
                                                 start);
      g_autofree char *detail = g_strdup_printf (
        "camera=%" G_GINT64_FORMAT " name=%s start=%s sha256=%s at=%s", p->ref.id, p->ref.name,
        start, p->sha256, at);
      GError *refused = NULL;
      if (!cg_api_audit (cg_api_later_call (p->later), "snapshot.get", object, detail, &refused))
        {
          cg_api_later_reply (p->later, NULL, -1, refused);
          pending_free (p);
          cg_snapshot_job_free (job);
          return;
        }
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, p->ref.name);
  cg_api_add_camera_ref (b, &p->ref);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, p->recorded ? "recording" : "live");
  cg_json_add_time (b, "time", time_us);
  if (p->recorded)
    {
      json_builder_set_member_name (b, "segment");
      json_builder_add_int_value (b, p->segment_id);
    }
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, job->width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, job->height);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, job->jpeg_bytes);
  json_builder_end_object (b);
  int fd = job->jpeg_fd;
  job->jpeg_fd = -1;
  cg_api_later_reply (p->later, json_builder_get_root (b), fd, NULL);
  pending_free (p);
  cg_snapshot_job_free (job);
}

static const CgRpcParam get_params[] = {
  CG_API_FOOTAGE_PARAMS,
  { "at", CG_RPC_TIME, FALSE },
  { NULL },
};

const CgApiMethod cg_api_snapshot_methods[] = {
  /* Audited when it reads the recordings (at); counted as audited either
   * way, since a full-size picture costs a decoding. */
  { "snapshot.get", CG_ROLE_VIEWER, get_params, snapshot_get, CG_API_AUDITED },
  { NULL },
};
