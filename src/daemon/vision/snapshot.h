/* vision/snapshot.h — full-size pictures as JPEG, made off the main loop.
 *
 * A snapshot is either a camera's latest keyframe (vision/live_frames.h),
 * decoded alone, or the picture a recorded segment shows at a moment:
 * decoded from the keyframe at or before it up to the frame shown then.
 * Either is encoded with libavcodec's MJPEG encoder at the picture's own
 * size and handed over as a sealed memory file, ready to travel with the
 * reply as a descriptor (a JPEG of a large picture does not fit in a
 * reply line).
 *
 * Decoding a group of pictures at full size takes from milliseconds to a
 * second, so it runs in a few worker threads of its own; each job's
 * result comes back to the main loop.  At most MAX_WAITING jobs are
 * queued or running: beyond that a job is refused, never queued for
 * ever.
 */
#pragma once

#include <glib.h>
#include <libavcodec/avcodec.h>

typedef struct CgSnapshotJob {
  /* A live keyframe (taken: freed with the job) ... */
  AVPacket *keyframe;
  AVCodecParameters *par;
  /* ... or a recorded segment: its descriptor (taken, closed with the
   * job), the moment wanted as microseconds from the segment's first
   * picture, and where in the file the keyframe at or before it starts
   * (-1: not known; the file is read from its start). */
  int segment_fd;
  gint64 offset_us;
  gint64 start_byte;

  /* The result: a sealed memory file holding the JPEG (taken by whoever
   * sends it; -1 on failure), its size, the picture's size and, for a
   * segment, where the picture shown is (microseconds from the first);
   * or error, worded for the officer. */
  int jpeg_fd;
  gint64 jpeg_bytes;
  int width, height;
  gint64 frame_offset_us;
  GError *error;

  gpointer data; /* the submitter's */
} CgSnapshotJob;

/* A job with nothing in it yet (descriptors -1). */
CgSnapshotJob *cg_snapshot_job_new (void);
void cg_snapshot_job_free (CgSnapshotJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSnapshotJob, cg_snapshot_job_free)

/* Does the job where it is called (a worker thread): fills the result. */
void cg_snapshot_job_run (CgSnapshotJob *job);

typedef struct CgSnapshots CgSnapshots;

/* Main loop: called with a finished job (to free). */
typedef void (*CgSnapshotDone) (CgSnapshotJob *job);

CgSnapshots *cg_snapshots_new (CgSnapshotDone done);
/* Drops the jobs still queued (their results never come) and waits for
 * those being done. */
void cg_snapshots_free (CgSnapshots *snapshots);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSnapshots, cg_snapshots_free)

/* Queues the job (taken) for a worker; done is called with it on the
 * main loop.  FALSE, the job left to the caller, when too many are
 * waiting already. */
gboolean cg_snapshots_submit (CgSnapshots *snapshots, CgSnapshotJob *job);
