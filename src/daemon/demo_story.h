/* demo_story.h — what the demo's cameras went through, made up.
 *
 * Pure: from a camera's story (common/demo_cameras.h), a seeded random
 * generator and the stretch of time, the outages, the recorder's own
 * downtime, the motion and the link's figures of each minute, for
 * `canhgacd --demo-history` (demo_history.c) to write.  Every time is on
 * the grid of CG_DEMO_GRID_US, so that segments of whole grid steps fill
 * the time between outages exactly.
 */
#pragma once

#include "common/demo_cameras.h"

#include <glib.h>

#define CG_DEMO_GRID_US (G_GINT64_CONSTANT (300) * G_USEC_PER_SEC)

typedef struct {
  gint64 from_us, to_us;
  const char *reason; /* a reason code (common/reason.h); NULL for the recorder's downtime */
} CgDemoSpan;

/* The recorder's own downtime within [from_us, to_us): a power cut at
 * the post one night, the PC restarted one afternoon. */
GArray *cg_demo_story_downtime (gint64 from_us, gint64 to_us);

/* A camera's outages within [from_us, to_us), in order, none during the
 * recorder's downtime; a dead camera's or a changed password's last one
 * lasts to to_us. */
GArray *cg_demo_story_outages (CgDemoStory story, GRand *rand, gint64 from_us, gint64 to_us,
                               const GArray *downtime);

/* The time within [from_us, to_us) outside every span of both lists. */
GArray *cg_demo_story_up (gint64 from_us, gint64 to_us, const GArray *outages,
                          const GArray *downtime);

typedef struct {
  gint64 frames, keyframes, bytes, gaps, reconnects;
} CgDemoMinute;

/* One recorded minute's link figures, for a camera sending fps frames a
 * second and bytes_per_second: a weak household line loses frames in the
 * evenings of most days, a flapping one reconnects now and then. */
void cg_demo_story_minute (CgDemoStory story, GRand *rand, gint64 minute_us, double fps,
                           double bytes_per_second, CgDemoMinute *m);

/* Motion events within one stretch of recorded time: a few an hour by
 * day, fewer at night.  Spans without reason; the caller frees. */
GArray *cg_demo_story_motion (GRand *rand, gint64 from_us, gint64 to_us);
