/* capture.h — one camera's recording thread.
 *
 * The thread connects with libavformat (RTSP over TCP unless the camera
 * says UDP), reads packets, and hands them untouched to segment writers,
 * cutting a new segment at the first keyframe once segment_us has passed
 * or when the stream's parameters change.  It keeps the camera's state
 * (connecting, recording, stalled, offline), retries with capped
 * exponential back-off, and reports rows through the database writer.  Nothing it
 * meets from a camera may crash it or block another camera.
 */
#pragma once

#include "common/camera.h"
#include "daemon/db/writer.h"

#include <glib.h>
#include <libavcodec/avcodec.h>

typedef struct {
  gint64 camera_id;
  const char *name;       /* for logs */
  const char *url;        /* with credentials: never logged */
  CgTransport transport;
  const char *data_dir;   /* recordings go to data_dir/recordings/<id>/ */
  gint64 segment_us;
  gint64 stall_us;
  CgDbWriter *db_writer;
  /* Called from the capture thread on every change of state. */
  void (*on_state) (gpointer data, gint64 camera_id, const char *state, const char *reason,
                    gint64 at_us);
  gpointer on_state_data;
  /* Called from the capture thread with each video keyframe, before it
   * is written; must return at once (it may take a reference to pkt,
   * never wait).  NULL: none. */
  void (*on_keyframe) (gpointer data, gint64 camera_id, const AVPacket *pkt,
                       const AVCodecParameters *par, gint64 wall_us);
  gpointer on_keyframe_data;
  /* The same with each video keyframe of the recorded stream (never of a
   * watch_only one), at full size: the latest is kept for live
   * snapshots.  NULL: none. */
  void (*on_full_keyframe) (gpointer data, gint64 camera_id, const AVPacket *pkt,
                            const AVCodecParameters *par, gint64 wall_us);
  gpointer on_full_keyframe_data;
  /* A sub-stream watched for thumbnails and motion only: nothing is
   * recorded or stored, and its state is the main stream's business. */
  gboolean watch_only;
} CgCaptureParams;

typedef struct CgCapture CgCapture;

CgCapture *cg_capture_start (const CgCaptureParams *params);

/* A new stall time ([capture] stall_seconds), taken from the next packet
 * on: the segment being written goes on. */
void cg_capture_set_stall (CgCapture *capture, gint64 stall_us);

/* Asks the thread to finish its segment and stop; returns at once. */
void cg_capture_request_stop (CgCapture *capture);

/* TRUE once the thread has returned: cg_capture_free() will not wait.
 * A thread can be stuck for a while where no interrupt reaches it (a
 * host name being resolved), so the main loop frees only finished ones. */
gboolean cg_capture_finished (CgCapture *capture);

/* Requests a stop if not yet done, waits for the thread, frees. */
void cg_capture_free (CgCapture *capture);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCapture, cg_capture_free)

/* Where a segment starting at start_us goes, relative to data_dir:
 * recordings/<camera id>/<yyyy-mm-dd>/<HHMMSS>.ts in local time. */
char *cg_capture_segment_relpath (gint64 camera_id, gint64 start_us);
