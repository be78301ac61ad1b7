/* link_rules.h — what makes a camera's link weak, in figures, for the
 * station's live verdict (station/link_judge.h) and for the days judged
 * from the per-minute link statistics, by the maintenance suggestions
 * (daemon/maintenance_suggest.h) and the periodic reports
 * (daemon/report/link.h): one notion of a weak link.
 */
#pragma once

#include <glib.h>

/* Frames lost: fewer than this many frames a second ... */
#define CG_LINK_FPS_FLOOR 10.0
/* ... or less than this share of the best rate the camera has shown. */
#define CG_LINK_FPS_SHARE 0.7
/* Pictures late: none for this long while recording. */
#define CG_LINK_LATE_SECONDS 3.0
/* A camera setting, not the line: keyframes further apart than this. */
#define CG_LINK_KEYFRAME_MS 8000
/* The connection dropping: this many drops within the window. */
#define CG_LINK_DROPS 3
#define CG_LINK_DROPS_WINDOW_US (G_GINT64_CONSTANT (10) * 60 * G_USEC_PER_SEC)
/* Weak when CG_LINK_WEAK_BAD of CG_LINK_WINDOW judged moments were bad. */
#define CG_LINK_WINDOW 5
#define CG_LINK_WEAK_BAD 3

/* A minute with footage lost frames: too few frames a second (against
 * the floor, and against the camera's usual rate: its median over the
 * minutes judged), frames lost on the link, or a reconnection. */
static inline gboolean
cg_link_minute_lost (double fps, double usual_fps, gint64 gaps, gint64 reconnects)
{
  return fps < CG_LINK_FPS_FLOOR || fps < CG_LINK_FPS_SHARE * usual_fps || gaps > 0
         || reconnects > 0;
}

/* A day is judged when this many of its minutes have footage ... */
#define CG_LINK_DAY_MINUTES 30
/* ... and weak when this share of them or more lost frames. */
#define CG_LINK_DAY_LOST_SHARE 0.1

static inline gboolean
cg_link_day_judged (int minutes)
{
  return minutes >= CG_LINK_DAY_MINUTES;
}

static inline gboolean
cg_link_day_weak (int minutes, int lost)
{
  return cg_link_day_judged (minutes) && lost >= minutes * CG_LINK_DAY_LOST_SHARE;
}
