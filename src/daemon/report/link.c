/* report/link.c — a camera's link over a period (see link.h). */
#include "build-config.h"

#include "daemon/report/link.h"

#include "common/link_rules.h"

#include <stdlib.h>

static int
compare_double (const void *pa, const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return a < b ? -1 : a > b;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The local day holding us, as [*start, *end) in microseconds. */
static void
day_around (gint64 us, GTimeZone *tz, gint64 *start, gint64 *end)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (t, tz);
  g_autoptr (GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                    g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr (GDateTime) next = g_date_time_add_days (midnight, 1);
  *start = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  *end = g_date_time_to_unix (next) * G_USEC_PER_SEC;
}

static void
judge_day (CgLinkQuality *q, int minutes, int bad)
{
  q->judged_days += cg_link_day_judged (minutes);
  q->weak_days += cg_link_day_weak (minutes, bad);
}

void
cg_link_quality (const CgLinkMinute *m, guint n, GTimeZone *tz, CgLinkQuality *out)
{
  *out = (CgLinkQuality) { 0 };
  g_autoptr (GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  if (tz == NULL)
    tz = local;
  g_autofree double *kbps = g_new (double, MAX (n, 1));
  g_autofree double *fps = g_new (double, MAX (n, 1));
  guint with = 0;
  for (guint i = 0; i < n; i++)
    if (m[i].frames > 0)
      {
        kbps[with] = (double) m[i].bytes * 8 / 60 / 1000;
        fps[with] = m[i].frames / 60.0;
        with++;
      }
  if (with == 0)
    return;
  out->measured = TRUE;
  out->median_kbps = median (kbps, with);
  out->median_fps = median (fps, with);
  /* The day is looked up only when a minute leaves the last one. */
  gint64 day_start = 0, day_end = 0;
  int minutes = 0, bad = 0;
  for (guint i = 0; i < n; i++)
    {
      if (m[i].frames <= 0)
        continue;
      if (m[i].minute_us < day_start || m[i].minute_us >= day_end)
        {
          judge_day (out, minutes, bad);
          day_around (m[i].minute_us, tz, &day_start, &day_end);
          minutes = bad = 0;
        }
      minutes++;
      bad += cg_link_minute_lost (m[i].frames / 60.0, out->median_fps, m[i].gaps, m[i].reconnects);
    }
  judge_day (out, minutes, bad);
}
