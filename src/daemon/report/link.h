/* report/link.h — a camera's link over a period, from its per-minute
 * statistics: the median bitrate and frame rate over the minutes with
 * footage, and the days the link was weak.
 *
 * A minute lost frames and a day was weak as common/link_rules.h says,
 * the camera's usual rate being its median over the period.  The
 * bitrate is not judged: it follows the scene, not the link.  Pure.
 */
#pragma once

#include <glib.h>

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
