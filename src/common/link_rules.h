/* link_rules.h — what makes a camera's link weak, in figures, for the
 * station's live verdict (station/link_judge.h) and for the days the
 * daemon's maintenance suggestions judge from the per-minute link
 * statistics (daemon/maintenance_suggest.h): one notion of a weak link.
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
