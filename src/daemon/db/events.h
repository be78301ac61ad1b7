/* db/events.h — what capture and vision tell the database, one struct
 * per kind.
 *
 * They are posted to the writer thread (writer.h), which copies them and
 * writes them in batches; each kind's SQL sits beside its binding in
 * events.c, so a new kind is one struct here and one section there.
 * Times are wall-clock UTC microseconds; paths are relative to the data
 * directory, as stored in segments.path.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef enum {
  CG_DB_EVENT_SEGMENT_OPENED,
  CG_DB_EVENT_SEGMENT_PROGRESS,
  CG_DB_EVENT_SEGMENT_CLOSED,
  CG_DB_EVENT_OUTAGE_STARTED,
  CG_DB_EVENT_OUTAGE_ENDED,
  CG_DB_EVENT_LINK_MINUTE,
  CG_DB_EVENT_CAMERA_STATUS,
  CG_DB_EVENT_MOTION_STARTED,
  CG_DB_EVENT_MOTION_ENDED,
  CG_DB_N_EVENTS,
} CgDbEventKind;

/* A segment file was created: its row appears, state 'open'. */
typedef struct {
  gint64 camera_id;
  const char *path;
  gint64 start_us;
  const char *codec;
  int width, height; /* 0: unknown */
  gboolean has_audio;
} CgDbSegmentOpened;

/* How far an open segment has got, so that readers see it grow. */
typedef struct {
  const char *path;
  gint64 end_us;
  gint64 bytes, frames, keyframes;
} CgDbSegmentProgress;

/* A segment was closed: its row becomes 'complete'.  start_us is the
 * first frame's time, which may differ from the time the file was named
 * after. */
typedef struct {
  const char *path;
  gint64 start_us, end_us;
  gint64 bytes, frames, keyframes;
  GBytes *keyframe_index; /* packed by segment_writer.c; NULL: none */
  const char *sha256;     /* of the closed file, hex; NULL: it could not be read */
} CgDbSegmentClosed;

/* The camera's picture was lost (stalled or offline). */
typedef struct {
  gint64 camera_id;
  gint64 start_us;
  const char *reason; /* see common/reason.h */
} CgDbOutageStarted;

/* The picture is back: the camera's open outage ends. */
typedef struct {
  gint64 camera_id;
  gint64 end_us;
} CgDbOutageEnded;

/* One minute of a camera's link; minutes posted twice add up. */
typedef struct {
  gint64 camera_id;
  gint64 minute_us;
  gint64 bytes, frames, keyframes;
  gint64 keyframe_interval_ms; /* 0: unknown, keeps what is stored */
  gint64 gaps, reconnects;
} CgDbLinkMinute;

/* The camera's live state, replacing the one stored. */
typedef struct {
  gint64 camera_id;
  const char *state;  /* "connecting", "recording", "stalled", "offline", "disabled" */
  const char *reason; /* "" or NULL when none; see common/reason.h */
  gint64 since_us;
  gint64 last_frame_us; /* 0: none yet */
  gint64 bitrate_bps;
  double fps;
  gint64 keyframe_interval_ms; /* 0: unknown */
  gint64 reconnects;
} CgDbCameraStatus;

/* A motion event began; its end is not known yet. */
typedef struct {
  gint64 camera_id;
  gint64 start_us;
  double peak;
} CgDbMotionStarted;

/* The camera's open motion event ended.  camera_id 0: every open event
 * ends where it started (start-up, after a crash). */
typedef struct {
  gint64 camera_id;
  gint64 end_us;
  double peak;
} CgDbMotionEnded;

typedef struct {
  CgDbEventKind kind;
  union {
    CgDbSegmentOpened segment_opened;
    CgDbSegmentProgress segment_progress;
    CgDbSegmentClosed segment_closed;
    CgDbOutageStarted outage_started;
    CgDbOutageEnded outage_ended;
    CgDbLinkMinute link_minute;
    CgDbCameraStatus camera_status;
    CgDbMotionStarted motion_started;
    CgDbMotionEnded motion_ended;
  };
} CgDbEvent;

/* A copy owning its strings and index, for another thread. */
CgDbEvent *cg_db_event_copy (const CgDbEvent *event);
void cg_db_event_free (CgDbEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDbEvent, cg_db_event_free)

/* The kind's name, for messages: "segment opened". */
const char *cg_db_event_name (CgDbEventKind kind);

/* Writes one event with its kind's statement; the caller holds the
 * transaction. */
gboolean cg_db_event_write (sqlite3 *handle, const CgDbEvent *event, GError **error);
