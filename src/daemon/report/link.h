/* report/link.h — a camera's link over a period, from its per-minute
 * statistics: the median bitrate and frame rate over the minutes with
 * footage, and the days the link was weak.
 *
 * A minute is bad when it lost frames: under CG_LINK_FPS_FLOOR frames a
 * second, or under CG_REPORT_FPS_SHARE of the camera's median rate over
 * the period, or with frames lost on the link (gaps) or a reconnection.
 * A day is weak when it has at least CG_REPORT_DAY_MINUTES minutes with
 * footage and a CG_REPORT_WEAK_SHARE or more of them are bad.  The
 * bitrate is not judged: it follows the scene, not the link.  Pure.
 */
#pragma once

#include <glib.h>

#define CG_REPORT_FPS_FLOOR 10.0
#define CG_REPORT_FPS_SHARE 0.7
#define CG_REPORT_DAY_MINUTES 30
#define CG_REPORT_WEAK_SHARE 0.1

typedef struct {
  gint64 minute_us;
  gint64 bytes;
  int frames;
  int gaps;
  int reconnects;
} CgLinkMinute;

typedef struct {
  gboolean measured;   /* some minute had footage */
  double median_kbps;  /* over the minutes with footage */
  double median_fps;
  int weak_days;
  int judged_days;     /* days with enough footage to judge */
} CgLinkQuality;

/* minutes in order of time; days are those of tz (NULL: local). */
void cg_link_quality (const CgLinkMinute *minutes, guint n, GTimeZone *tz, CgLinkQuality *out);
