/* timeline.h — turning a camera's timestamps into a recording's.
 *
 * Cameras send packets without timestamps, timestamps that go backwards
 * after a reboot or a wrap, and jumps after a link hiccup.  A segment
 * needs strictly increasing decode times and every packet a wall-clock
 * time.  The timeline keeps one offset for all streams, re-bases video
 * on a discontinuity, drops audio that would go backwards, and maps
 * stream time to wall time from an anchor taken at the first packet,
 * moved back whenever a packet would be stamped later than it arrived,
 * and re-taken when packets fall far behind (cameras' clocks lie).
 * Pure logic: no I/O, unit-tested.
 */
#pragma once

#include <glib.h>
#include <libavutil/rational.h>

typedef struct {
  gint64 frame_us;        /* expected video frame spacing */
  gboolean started, video_started;
  gint64 offset_us;       /* added to the stream's time */
  gint64 last_video_us, last_audio_us;
  gint64 anchor_wall_us, anchor_t_us;
  gint64 discontinuities;
} CgTimeline;

typedef struct {
  gint64 pos_us;    /* place on the recording's own timeline */
  gint64 pts, dts;  /* to write, in the stream's time base */
  gint64 wall_us;   /* UTC microseconds */
  gboolean gap;     /* frames were lost before this one */
} CgTimelinePoint;

/* A jump larger than this, either way, is a discontinuity. */
#define CG_TIMELINE_MAX_JUMP_US (10 * G_GINT64_CONSTANT (1000000))
/* Wall time is re-anchored when it falls this far behind the receive clock. */
#define CG_TIMELINE_MAX_DRIFT_US (3 * G_GINT64_CONSTANT (1000000))

void cg_timeline_init (CgTimeline *t, gint64 frame_us);

/* Places a packet (timestamps in time_base, AV_NOPTS_VALUE when absent)
 * received at now_us.  FALSE: drop the packet (audio that cannot be
 * placed). */
gboolean cg_timeline_place (CgTimeline *t, gboolean video, gint64 pts, gint64 dts,
                            AVRational time_base, gint64 now_us, CgTimelinePoint *out);

/* The wall time of a timeline position under the current anchor: a
 * segment's start and end are read this way when it closes, so that its
 * length is exactly the length of its media even when the anchor moved
 * while it was written. */
gint64 cg_timeline_wall (const CgTimeline *t, gint64 pos_us);
