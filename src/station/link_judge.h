/* link_judge.h — is a camera's link weak?  A verdict that does not flap.
 *
 * The daemon's figures move with every refresh: the frame rate is
 * measured over a window that restarts every 10 s, a throttled uplink
 * passes a burst of frames and then nothing, and a camera that has just
 * reconnected shows a low rate for a few seconds.  Judged one refresh at
 * a time, a weak camera is "recording" most of the time and a healthy
 * one that just reconnected is "weak".  The judge remembers instead:
 *
 *  - a refresh is bad when frames are lost (the rate is under
 *    CG_LINK_FPS_FLOOR, or under CG_LINK_FPS_SHARE of the best rate this
 *    camera has shown), when pictures stop for more than
 *    CG_LINK_LATE_SECONDS while "recording", when keyframes come more
 *    than CG_LINK_KEYFRAME_MS apart, or when the camera dropped its
 *    connection CG_LINK_DROPS times in CG_LINK_DROPS_WINDOW_US;
 *  - the camera becomes weak when CG_LINK_WEAK_BAD of the last
 *    CG_LINK_WINDOW judged refreshes were bad, and is cleared only after
 *    CG_LINK_CLEAR_GOOD good refreshes in a row;
 *  - for CG_LINK_SETTLE_US after it starts recording again, refreshes
 *    are not judged: the daemon's window still holds the outage.  One
 *    reconnection is therefore never "weak" by itself.
 *
 * The bitrate is not judged: it follows the scene (a still street at
 * night needs a tenth of a busy market), not the link.
 *
 * Pure: the time comes with each sample, so tests drive sequences.
 */
#pragma once

#include "common/link_rules.h"

#include <glib.h>

#define CG_LINK_CLEAR_GOOD 10
#define CG_LINK_SETTLE_US (G_GINT64_CONSTANT (12) * G_USEC_PER_SEC)

/* What makes a link weak, worst first when several do. */
typedef enum {
  CG_LINK_FINE,
  CG_LINK_DROPPING,     /* the connection keeps dropping */
  CG_LINK_FRAMES_LOST,  /* frames lost, or pictures arrive in bursts */
  CG_LINK_KEYFRAMES_FAR, /* a camera setting: keyframes too far apart */
} CgLinkCause;

/* What the daemon's status says of the camera at one refresh. */
typedef struct {
  gint64 at_us;
  gboolean live;          /* state "recording" */
  double fps;
  gint64 keyframe_interval_ms; /* 0: unknown */
  double last_frame_age;  /* seconds; < 0: unknown */
  gint64 reconnects;      /* since the daemon started */
} CgLinkSample;

typedef struct {
  gboolean weak;
  CgLinkCause cause;      /* why it is weak (the latest bad refresh's cause) */
  guint recent;           /* judged refreshes, newest in bit 0: 1 bad, 0 good */
  int judged;             /* how many bits of recent count (up to CG_LINK_WINDOW) */
  int good_run;           /* good refreshes in a row */
  double best_fps;        /* the highest rate seen: the camera's own rate */
  gboolean seen;          /* a sample has been taken */
  gboolean was_live;
  gint64 reconnects;
  gint64 settle_until_us;
  gint64 drops[CG_LINK_DROPS]; /* when the last connections dropped, 0: none */
} CgLinkJudge;

void cg_link_judge_init (CgLinkJudge *judge);

/* Takes one refresh into account and updates the verdict. */
void cg_link_judge_step (CgLinkJudge *judge, const CgLinkSample *sample);

/* Why the sample alone would be bad, given what the judge has seen
 * (CG_LINK_FINE when it is good).  Exposed for tests. */
CgLinkCause cg_link_judge_sample_cause (const CgLinkJudge *judge, const CgLinkSample *sample);

/* What the officer can do about a weak link (N_(), translate with _()). */
const char *cg_link_cause_advice (CgLinkCause cause);
