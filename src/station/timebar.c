/* timebar.c — what each cell of the time line holds (see the header). */
#include "build-config.h"

#include "station/timebar.h"

#include "common/timeutil.h"

#include <string.h>

#define MINUTE_US (60 * CG_USEC_PER_SEC)
#define HOUR_US (60 * MINUTE_US)
#define DAY_US (24 * HOUR_US)

static const gint64 zooms[] = {
  10 * MINUTE_US, 30 * MINUTE_US, HOUR_US, 3 * HOUR_US, 6 * HOUR_US, 12 * HOUR_US,
  DAY_US, 3 * DAY_US, 7 * DAY_US,
};

const char *
cg_timebar_gap_at_head (const CgRecordings *r, const CgBarCell *cells, int width, gint64 head_us)
{
  if (cg_recordings_find (r, head_us) >= 0)
    return NULL;
  for (int i = 0; i < width; i++)
    if (cells[i].head)
      return cells[i].kind == CG_BAR_MISSING ? cells[i].reason : NULL;
  return NULL;
}

int
cg_timebar_cell_at (const CgBarView *v, gint64 t_us)
{
  if (v->width <= 0 || v->span_us <= 0 || t_us < v->start_us || t_us - v->start_us >= v->span_us)
    return -1;
  return (int) ((t_us - v->start_us) * v->width / v->span_us);
}

gint64
cg_timebar_cell_start (const CgBarView *v, int cell)
{
  if (v->width <= 0)
    return v->start_us;
  /* A cell starts at the first microsecond cg_timebar_cell_at puts in it. */
  gint64 num = v->span_us * CLAMP (cell, 0, v->width);
  return v->start_us + (num + v->width - 1) / v->width;
}

/* Time covered in each cell, by kind. */
typedef struct {
  gint64 full, thinned, missing, longest_gap;
} Cover;

/* Calls back for every cell [from, to) overlaps, with the overlap. */
static void
spread (const CgBarView *v, gint64 from, gint64 to, void (*add) (gpointer, int, gint64),
        gpointer data)
{
  gint64 end = v->start_us + v->span_us;
  from = MAX (from, v->start_us);
  to = MIN (to, end);
  if (to <= from)
    return;
  int last = cg_timebar_cell_at (v, to - 1);
  for (int c = cg_timebar_cell_at (v, from); c >= 0 && c <= last; c++)
    {
      gint64 a = MAX (from, cg_timebar_cell_start (v, c));
      gint64 b = MIN (to, cg_timebar_cell_start (v, c + 1));
      if (b > a)
        add (data, c, b - a);
    }
}

typedef struct {
  Cover *cover;
  CgBarCell *cells;
  const char *reason;
  gboolean thinned;
} Spreading;

static void
add_recorded (gpointer data, int c, gint64 us)
{
  Spreading *s = data;
  if (s->thinned)
    s->cover[c].thinned += us;
  else
    s->cover[c].full += us;
}

static void
add_missing (gpointer data, int c, gint64 us)
{
  Spreading *s = data;
  s->cover[c].missing += us;
  if (us > s->cover[c].longest_gap)
    {
      s->cover[c].longest_gap = us;
      s->cells[c].reason = s->reason;
    }
}

static void
add_motion (gpointer data, int c, gint64 us)
{
  Spreading *s = data;
  s->cells[c].motion = TRUE;
}

static void
add_mark (gpointer data, int c, gint64 us)
{
  Spreading *s = data;
  s->cells[c].marked = TRUE;
}

static void
mark_at (CgBarCell *cells, const CgBarView *v, gint64 t)
{
  int c = cg_timebar_cell_at (v, t);
  if (c >= 0)
    cells[c].marked = TRUE;
}

CgBarCell *
cg_timebar_cells (const CgRecordings *r, const CgBarView *v, gint64 head_us,
                  const CgBarMarks *marks, gint64 now_us)
{
  int width = MAX (v->width, 0);
  CgBarCell *cells = g_new0 (CgBarCell, MAX (width, 1));
  if (width == 0 || v->span_us <= 0)
    return cells;
  g_autofree Cover *cover = g_new0 (Cover, width);
  Spreading s = { cover, cells, NULL, FALSE };

  int first = MAX (cg_recordings_before (r, v->start_us) - 1, 0);
  for (int i = first; i < cg_recordings_count (r); i++)
    {
      const CgRecSegment *seg = cg_recordings_segment (r, i);
      if (seg->start_us >= v->start_us + v->span_us)
        break;
      s.thinned = seg->thinned;
      /* A segment still recording reaches now. */
      gint64 end = seg->recording ? MAX (seg->end_us, MIN (cg_recordings_reach (r, i), now_us))
                                  : seg->end_us;
      spread (v, seg->start_us, end, add_recorded, &s);
    }
  for (guint i = 0; i < r->gaps->len; i++)
    {
      const CgRecGap *g = &g_array_index (r->gaps, CgRecGap, i);
      s.reason = g->reason;
      spread (v, g->start_us, MIN (g->end_us, now_us), add_missing, &s);
    }
  for (guint i = 0; i < r->motion->len; i++)
    {
      const CgRecMotion *m = &g_array_index (r->motion, CgRecMotion, i);
      /* A moment's motion still shows in its cell. */
      gint64 end = m->end_us > 0 ? m->end_us : now_us;
      spread (v, m->start_us, MAX (end, m->start_us + 1), add_motion, &s);
    }
  if (marks != NULL && marks->in_us > 0 && marks->out_us > 0)
    spread (v, MIN (marks->in_us, marks->out_us), MAX (marks->in_us, marks->out_us) + 1,
            add_mark, &s);
  else if (marks != NULL)
    {
      if (marks->in_us > 0)
        mark_at (cells, v, marks->in_us);
      if (marks->out_us > 0)
        mark_at (cells, v, marks->out_us);
    }

  for (int c = 0; c < width; c++)
    {
      const Cover *k = &cover[c];
      CgBarCell *cell = &cells[c];
      if (cg_timebar_cell_start (v, c) >= now_us)
        cell->kind = CG_BAR_FUTURE;
      else if (k->full == 0 && k->thinned == 0 && k->missing == 0)
        cell->kind = CG_BAR_NONE;
      /* Most time wins; recordings win a tie, full rate first. */
      else if (k->full >= k->thinned && k->full >= k->missing)
        cell->kind = CG_BAR_FULL;
      else if (k->thinned >= k->missing)
        cell->kind = CG_BAR_THINNED;
      else
        cell->kind = CG_BAR_MISSING;
      cell->partial = k->missing > 0 && k->full + k->thinned > 0;
    }
  int head = cg_timebar_cell_at (v, head_us);
  if (head >= 0)
    cells[head].head = TRUE;
  return cells;
}

gint64
cg_timebar_zoom (gint64 span_us, int steps)
{
  int nearest = 0;
  for (int i = 1; i < (int) G_N_ELEMENTS (zooms); i++)
    if (ABS (zooms[i] - span_us) < ABS (zooms[nearest] - span_us))
      nearest = i;
  return zooms[CLAMP (nearest + steps, 0, (int) G_N_ELEMENTS (zooms) - 1)];
}

void
cg_timebar_follow (CgBarView *v, gint64 head_us)
{
  if (v->width <= 0 || v->span_us <= 0)
    return;
  gint64 offset = head_us - v->start_us;
  if (offset >= v->span_us / 10 && offset < v->span_us - v->span_us / 10)
    return;
  gint64 cell_us = MAX (v->span_us / v->width, 1);
  gint64 start = head_us - v->span_us / 2;
  /* Whole cells, so that what a cell holds does not shift when it moves. */
  gint64 rem = start % cell_us;
  v->start_us = start - (rem < 0 ? rem + cell_us : rem);
}

static const gint64 steps[] = {
  MINUTE_US, 5 * MINUTE_US, 10 * MINUTE_US, 15 * MINUTE_US, 30 * MINUTE_US, HOUR_US,
  2 * HOUR_US, 3 * HOUR_US, 6 * HOUR_US, 12 * HOUR_US, DAY_US, 2 * DAY_US, 7 * DAY_US,
};

char *
cg_timebar_axis (const CgBarView *v, GTimeZone *tz)
{
  int width = MAX (v->width, 0);
  char *line = g_malloc (width + 1);
  memset (line, ' ', width);
  line[width] = '\0';
  if (width == 0 || v->span_us <= 0)
    return line;
  g_autoptr (GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  GTimeZone *zone = tz != NULL ? tz : local;
  /* A label and a space between: at most one every 6 columns. */
  gint64 step = steps[G_N_ELEMENTS (steps) - 1];
  for (size_t i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * width >= 6 * v->span_us)
      {
        step = steps[i];
        break;
      }
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                            v->start_us / CG_USEC_PER_SEC);
  gint64 offset = (gint64) g_time_zone_get_offset (zone, MAX (interval, 0)) * CG_USEC_PER_SEC;
  /* The first round time in local time at or after the start. */
  gint64 local_start = v->start_us + offset;
  gint64 rem = local_start % step;
  gint64 tick = local_start + (rem == 0 ? 0 : rem < 0 ? -rem : step - rem) - offset;
  int free_from = 0;
  for (; tick < v->start_us + v->span_us; tick += step)
    {
      int c = cg_timebar_cell_at (v, tick);
      if (c < free_from || c + 5 > width)
        continue;
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (tick / CG_USEC_PER_SEC);
      g_autoptr (GDateTime) here = g_date_time_to_timezone (utc, zone);
      gboolean midnight = g_date_time_get_hour (here) == 0 && g_date_time_get_minute (here) == 0;
      g_autofree char *label = g_date_time_format (here, step >= DAY_US || midnight ? "%d/%m"
                                                                                   : "%H:%M");
      memcpy (line + c, label, 5);
      free_from = c + 6;
    }
  return line;
}
