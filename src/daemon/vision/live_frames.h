/* vision/live_frames.h — each camera's latest keyframe at full size, for
 * live snapshots.
 *
 * The capture thread of a camera's recorded stream (never its
 * sub-stream) hands over every video keyframe; the table keeps a
 * reference to the latest (the packet's buffer is shared, not copied)
 * with the stream's parameters and when it arrived.  snapshot.get reads
 * it on the main loop and decodes it in a worker (vision/snapshot.h).
 * One keyframe per camera is kept, a few hundred kilobytes at most.
 */
#pragma once

#include <glib.h>
#include <libavcodec/avcodec.h>

typedef struct CgLiveFrames CgLiveFrames;

typedef struct {
  AVPacket *packet;        /* a reference of its own */
  AVCodecParameters *par;  /* a copy of its own */
  gint64 time_us;          /* when it arrived (UTC) */
  gint64 interval_us;      /* since the keyframe before it; 0: not known */
} CgLiveFrame;

CgLiveFrames *cg_live_frames_new (void);
void cg_live_frames_free (CgLiveFrames *live);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgLiveFrames, cg_live_frames_free)

/* Capture threads: the hook of CgCaptureParams.on_full_keyframe (live is
 * the CgLiveFrames).  Takes a reference and returns at once. */
void cg_live_frames_keyframe (gpointer live, gint64 camera_id, const AVPacket *pkt,
                              const AVCodecParameters *par, gint64 wall_us);

/* The camera's latest keyframe, its own references in *out (cleared with
 * cg_live_frame_clear); FALSE when it has none. */
gboolean cg_live_frames_get (CgLiveFrames *live, gint64 camera_id, CgLiveFrame *out);
void cg_live_frame_clear (CgLiveFrame *frame);

/* The camera stopped (disabled, removed, restarted): its keyframe goes. */
void cg_live_frames_forget (CgLiveFrames *live, gint64 camera_id);
