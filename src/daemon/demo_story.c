/* demo_story.c — what the demo's cameras went through, made up. */
#include "build-config.h"

#include "daemon/demo_story.h"

#include "common/reason.h"

#include <math.h>

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

static gint64
grid_down (gint64 us)
{
  return us - (((us % CG_DEMO_GRID_US) + CG_DEMO_GRID_US) % CG_DEMO_GRID_US);
}

/* The hour of the day where the post is. */
static int
local_hour (gint64 us)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  return t != NULL ? g_date_time_get_hour (t) : 12;
}

/* The local midnight before us. */
static gint64
local_midnight (gint64 us)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  if (t == NULL)
    return us - us % DAY;
  gint64 since = ((gint64) g_date_time_get_hour (t) * 3600 + g_date_time_get_minute (t) * 60
                  + g_date_time_get_second (t)) * G_USEC_PER_SEC;
  return us - us % G_USEC_PER_SEC - since;
}

static gboolean
overlaps (const GArray *spans, gint64 from_us, gint64 to_us)
{
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const CgDemoSpan *s = &g_array_index (spans, CgDemoSpan, i);
      if (s->from_us < to_us && from_us < s->to_us)
        return TRUE;
    }
  return FALSE;
}

static gint
by_start (gconstpointer a, gconstpointer b)
{
  const CgDemoSpan *x = a, *y = b;
  return x->from_us < y->from_us ? -1 : x->from_us > y->from_us;
}

/* Adds [start, start + length) on the grid, within the period, when it
 * meets neither another outage (with a step between) nor the downtime. */
static void
add (GArray *spans, const GArray *downtime, gint64 from_us, gint64 to_us, gint64 start,
     gint64 length, const char *reason)
{
  gint64 a = MAX (grid_down (start), from_us);
  gint64 b = MIN (grid_down (a + length + CG_DEMO_GRID_US - 1), to_us);
  if (b <= a || overlaps (spans, a - CG_DEMO_GRID_US, b + CG_DEMO_GRID_US)
      || overlaps (downtime, a, b))
    return;
  CgDemoSpan s = { a, b, reason };
  g_array_append_val (spans, s);
}

GArray *
cg_demo_story_downtime (gint64 from_us, gint64 to_us)
{
  GArray *down = g_array_new (FALSE, FALSE, sizeof (CgDemoSpan));
  gint64 today = local_midnight (to_us);
  /* A power cut at the post nine nights ago that outlasted its UPS, and
   * the PC restarted for updates one afternoon. */
  const struct { int days_ago; gint64 at, length; } cuts[] = {
    { 17, 14 * HOUR + 5 * MINUTE, 45 * MINUTE },
    { 9, HOUR + 40 * MINUTE, 2 * HOUR + 30 * MINUTE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      gint64 a = grid_down (today - cuts[i].days_ago * DAY + cuts[i].at);
      gint64 b = grid_down (a + cuts[i].length);
      if (a > from_us && b < to_us)
        {
          CgDemoSpan s = { a, b, NULL };
          g_array_append_val (down, s);
        }
    }
  return down;
}

static gint64
random_time (GRand *rand, gint64 from_us, gint64 to_us)
{
  return from_us + (gint64) (g_rand_double (rand) * (double) (to_us - from_us));
}

GArray *
cg_demo_story_outages (CgDemoStory story, GRand *rand, gint64 from_us, gint64 to_us,
                       const GArray *downtime)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (CgDemoSpan));
  gint64 days = MAX ((to_us - from_us) / DAY, 1);
  /* The end first, so that nothing else takes its place. */
  if (story == CG_DEMO_DEAD)
    add (spans, downtime, from_us, to_us, grid_down (local_midnight (to_us) - 6 * DAY + 19 * HOUR + 35 * MINUTE),
         to_us, CG_REASON_REFUSED);
  else if (story == CG_DEMO_PASSWORD)
    add (spans, downtime, from_us, to_us, grid_down (local_midnight (to_us) - 2 * DAY + 9 * HOUR + 10 * MINUTE),
         to_us, CG_REASON_AUTH);

  /* Power cuts at the host: everyone has a few. */
  int cuts = g_rand_int_range (rand, 1, 4);
  for (int i = 0; i < cuts; i++)
    add (spans, downtime, from_us, to_us, random_time (rand, from_us, to_us),
         g_rand_int_range (rand, 10, 91) * MINUTE, CG_REASON_UNREACHABLE);

  switch (story)
    {
    case CG_DEMO_WEAK:
      /* The line stalls a few times a week, mostly in the evening. */
      for (gint64 d = 0; d < days; d++)
        if (g_rand_int_range (rand, 0, 7) < 3)
          add (spans, downtime, from_us, to_us,
               local_midnight (from_us) + (d + 1) * DAY + g_rand_int_range (rand, 17, 23) * HOUR,
               g_rand_int_range (rand, 5, 21) * MINUTE, CG_REASON_STALLED);
      break;
    case CG_DEMO_FLAPPING:
      for (gint64 d = 0; d < days; d++)
        {
          int n = g_rand_int_range (rand, 4, 10);
          gint64 day = local_midnight (from_us) + (d + 1) * DAY;
          for (int i = 0; i < n; i++)
            add (spans, downtime, from_us, to_us, random_time (rand, day, day + DAY),
                 g_rand_int_range (rand, 5, 16) * MINUTE,
                 g_rand_boolean (rand) ? CG_REASON_UNREACHABLE : CG_REASON_STALLED);
        }
      break;
    default:
      break;
    }
  g_array_sort (spans, by_start);
  return spans;
}

GArray *
cg_demo_story_up (gint64 from_us, gint64 to_us, const GArray *outages, const GArray *downtime)
{
  g_autoptr (GArray) off = g_array_new (FALSE, FALSE, sizeof (CgDemoSpan));
  g_array_append_vals (off, outages->data, outages->len);
  g_array_append_vals (off, downtime->data, downtime->len);
  g_array_sort (off, by_start);
  GArray *up = g_array_new (FALSE, FALSE, sizeof (CgDemoSpan));
  gint64 t = from_us;
  for (guint i = 0; i <= off->len; i++)
    {
      gint64 a = i < off->len ? MIN (g_array_index (off, CgDemoSpan, i).from_us, to_us) : to_us;
      if (a > t)
        {
          CgDemoSpan s = { t, a, NULL };
          g_array_append_val (up, s);
        }
      if (i < off->len)
        t = MAX (t, g_array_index (off, CgDemoSpan, i).to_us);
    }
  return up;
}

void
cg_demo_story_minute (CgDemoStory story, GRand *rand, gint64 minute_us, double fps,
                      double bytes_per_second, CgDemoMinute *m)
{
  double share = 0.97 + 0.03 * g_rand_double (rand);
  gint64 gaps = 0, reconnects = 0;
  if (story == CG_DEMO_WEAK)
    {
      /* Evenings the household watches and streams: the camera's share
       * of the line falls, and on some days all day. */
      int hour = local_hour (minute_us);
      gint64 day = minute_us / DAY;
      gboolean bad_day = (day * 7 + 3) % 10 < 7;
      if (bad_day && (hour >= 17 || hour < 1 || g_rand_int_range (rand, 0, 4) == 0))
        {
          share = 0.35 + 0.3 * g_rand_double (rand);
          gaps = g_rand_int_range (rand, 1, 12);
        }
    }
  else if (story == CG_DEMO_FLAPPING && g_rand_int_range (rand, 0, 90) == 0)
    reconnects = 1;
  m->frames = (gint64) (fps * 60 * share);
  m->keyframes = 30;
  m->bytes = (gint64) (bytes_per_second * 60 * (0.5 + share / 2) * (0.9 + 0.2 * g_rand_double (rand)));
  m->gaps = gaps;
  m->reconnects = reconnects;
}

GArray *
cg_demo_story_motion (GRand *rand, gint64 from_us, gint64 to_us)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (CgDemoSpan));
  gint64 t = from_us;
  while (t < to_us)
    {
      int hour = local_hour (t);
      gboolean day = hour >= 6 && hour < 21;
      /* On average every 25 minutes by day, every 3 hours at night. */
      double mean = (double) (day ? 25 * MINUTE : 180 * MINUTE);
      t += (gint64) (-mean * log (1.0 - g_rand_double (rand) * 0.999));
      gint64 length = g_rand_int_range (rand, 6, 120) * G_USEC_PER_SEC;
      if (t + length >= to_us)
        break;
      CgDemoSpan s = { t, t + length, NULL };
      g_array_append_val (events, s);
      t += length;
    }
  return events;
}
