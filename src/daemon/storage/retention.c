/* retention.c — the retention planner and the forecast (no I/O). */
#include "build-config.h"

#include "daemon/storage/retention.h"

#include <math.h>
#include <stdlib.h>

#define DAYS_MAX 36500.0

gboolean
cg_retention_is_protected (const CgRetentionSegment *s, const CgRetentionRange *ranges,
                           gsize n_ranges)
{
  gint64 end = MAX (s->end_us, s->start_us + 1);
  for (gsize i = 0; i < n_ranges; i++)
    if (ranges[i].camera_id == s->camera_id && ranges[i].from_us < end
        && ranges[i].to_us > s->start_us)
      return TRUE;
  return FALSE;
}

static const CgRetentionCamera *
camera_of (const CgRetentionInput *in, gint64 camera_id)
{
  for (gsize i = 0; i < in->n_cameras; i++)
    if (in->cameras[i].camera_id == camera_id)
      return &in->cameras[i];
  return NULL;
}

static gint64
target_of (const CgRetentionInput *in, gint64 camera_id)
{
  const CgRetentionCamera *c = camera_of (in, camera_id);
  return c != NULL && c->retention_target_us > 0 ? c->retention_target_us : in->retention_target_us;
}

static gint64
full_rate_of (const CgRetentionInput *in, gint64 camera_id)
{
  const CgRetentionCamera *c = camera_of (in, camera_id);
  return c != NULL && c->full_rate_us > 0 ? c->full_rate_us : in->full_rate_us;
}

typedef struct {
  gint64 key; /* start, or start + the camera's target for deletion */
  const CgRetentionSegment *s;
} Candidate;

static int
cmp_candidate (const void *a, const void *b)
{
  const Candidate *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->s->camera_id != y->s->camera_id)
    return x->s->camera_id < y->s->camera_id ? -1 : 1;
  if (x->s->id != y->s->id)
    return x->s->id < y->s->id ? -1 : 1;
  return 0;
}

void
cg_retention_plan (const CgRetentionInput *in, CgRetentionPlan *plan)
{
  *plan = (CgRetentionPlan) {
    .delete_ids = g_array_new (FALSE, FALSE, sizeof (gint64)),
    .thin_ids = g_array_new (FALSE, FALSE, sizeof (gint64)),
  };
  Candidate *del = g_new (Candidate, in->n_segments + 1);
  Candidate *thin = g_new (Candidate, in->n_segments + 1);
  gsize n_del = 0, n_thin = 0;
  guint64 deletable = 0;
  for (gsize i = 0; i < in->n_segments; i++)
    {
      const CgRetentionSegment *s = &in->segments[i];
      guint64 bytes = (guint64) MAX (s->bytes, 0);
      plan->used_bytes += bytes;
      if (s->held || cg_retention_is_protected (s, in->ranges, in->n_ranges))
        {
          plan->protected_bytes += bytes;
          continue;
        }
      deletable += bytes;
      /* Later targets come later: the key is when the segment passes its
       * camera's target, minus the default target, so that equal targets
       * compare plain start times. */
      del[n_del++] = (Candidate) { s->start_us + (target_of (in, s->camera_id) - in->retention_target_us), s };
      if (!s->thinned && s->end_us <= in->now_us - full_rate_of (in, s->camera_id))
        thin[n_thin++] = (Candidate) { s->start_us, s };
    }

  guint64 need_quota = plan->used_bytes > in->quota_bytes ? plan->used_bytes - in->quota_bytes : 0;
  guint64 need_free = in->min_free_bytes > in->free_bytes ? in->min_free_bytes - in->free_bytes : 0;
  plan->over_quota = need_quota > 0;
  plan->under_min_free = need_free > 0;
  if (need_free > deletable)
    {
      plan->min_free_unreachable = TRUE;
      need_free = in->reserve_bytes > in->free_bytes ? in->reserve_bytes - in->free_bytes : 0;
    }
  plan->need_bytes = MAX (need_quota, need_free);

  qsort (del, n_del, sizeof (Candidate), cmp_candidate);
  gboolean *deleted = g_new0 (gboolean, in->n_segments + 1);
  for (gsize i = 0; i < n_del && plan->freed_bytes < plan->need_bytes; i++)
    {
      g_array_append_val (plan->delete_ids, del[i].s->id);
      plan->freed_bytes += (guint64) MAX (del[i].s->bytes, 0);
      deleted[del[i].s - in->segments] = TRUE;
    }
  plan->shortfall_bytes = plan->need_bytes > plan->freed_bytes ? plan->need_bytes - plan->freed_bytes : 0;

  qsort (thin, n_thin, sizeof (Candidate), cmp_candidate);
  for (gsize i = 0; i < n_thin; i++)
    if (!deleted[thin[i].s - in->segments])
      g_array_append_val (plan->thin_ids, thin[i].s->id);
  g_free (deleted);
  g_free (del);
  g_free (thin);
}

void
cg_retention_plan_clear (CgRetentionPlan *plan)
{
  g_clear_pointer (&plan->delete_ids, g_array_unref);
  g_clear_pointer (&plan->thin_ids, g_array_unref);
}

/* ---- forecast -------------------------------------------------------- */

double
cg_forecast_bytes_for_days (double bytes_per_day, double thin_ratio, double full_rate_days,
                            double days)
{
  if (days <= 0 || bytes_per_day <= 0)
    return 0;
  double ratio = thin_ratio > 0 && thin_ratio <= 1 ? thin_ratio : 1;
  double full = MIN (days, full_rate_days);
  return bytes_per_day * full + bytes_per_day * ratio * MAX (0.0, days - full_rate_days);
}

double
cg_retention_days_shown (double days)
{
  if (days < 0)
    return -1;
  return floor ((days + 1e-6) * 10) / 10;
}

static double
days_of (gint64 us)
{
  return (double) us / (double) CG_RETENTION_DAY_US;
}

/* Bytes the writing cameras need when the default-target camera keeps x
 * days (each camera keeping x plus its target's difference). */
static double
need_at (const CgForecastCamera *cams, gsize n, const double *full, const double *offset,
         double x)
{
  double sum = 0;
  for (gsize i = 0; i < n; i++)
    sum += cg_forecast_bytes_for_days (cams[i].bytes_per_day, cams[i].thin_ratio, full[i],
                                       x + offset[i]);
  return sum;
}

void
cg_forecast_compute (const CgForecastCamera *cams, gsize n, double space_bytes,
                     double protected_bytes, gint64 full_rate_us, gint64 retention_target_us,
                     CgForecast *out)
{
  double t0 = days_of (retention_target_us);
  *out = (CgForecast) { .days = -1, .target_days = t0, .bytes_needed = MAX (protected_bytes, 0),
                        .cameras = g_new0 (CgForecastResult, n + 1), .n_cameras = n };
  double *full = g_new (double, n + 1), *offset = g_new (double, n + 1);
  gboolean any = FALSE;
  double min_offset = 0;
  for (gsize i = 0; i < n; i++)
    {
      full[i] = days_of (cams[i].full_rate_us > 0 ? cams[i].full_rate_us : full_rate_us);
      double target = days_of (cams[i].retention_target_us > 0 ? cams[i].retention_target_us
                                                               : retention_target_us);
      offset[i] = target - t0;
      out->cameras[i] = (CgForecastResult) { .camera_id = cams[i].camera_id, .days = -1,
                                             .target_days = target };
      if (cams[i].bytes_per_day > 0)
        {
          out->cameras[i].bytes_needed = cg_forecast_bytes_for_days (cams[i].bytes_per_day,
                                                                     cams[i].thin_ratio, full[i],
                                                                     target);
          out->bytes_needed += out->cameras[i].bytes_needed;
          min_offset = any ? MIN (min_offset, offset[i]) : offset[i];
          any = TRUE;
        }
    }
  if (any)
    {
      double space = MAX (0.0, space_bytes - protected_bytes);
      /* need_at grows with x: bisect between "nothing kept" and the cap. */
      double max_offset = 0;
      for (gsize i = 0; i < n; i++)
        max_offset = MAX (max_offset, offset[i]);
      double lo = -max_offset, hi = DAYS_MAX - min_offset;
      if (need_at (cams, n, full, offset, hi) <= space)
        lo = hi;
      for (int iter = 0; iter < 200 && hi - lo > 1e-9; iter++)
        {
          double mid = (lo + hi) / 2;
          if (need_at (cams, n, full, offset, mid) <= space)
            lo = mid;
          else
            hi = mid;
        }
      double x = lo;
      out->days = CLAMP (x, 0.0, DAYS_MAX);
      out->below_target = x < t0 - 1e-6;
      for (gsize i = 0; i < n; i++)
        if (cams[i].bytes_per_day > 0)
          out->cameras[i].days = CLAMP (x + offset[i], 0.0, DAYS_MAX);
    }
  g_free (full);
  g_free (offset);
}

void
cg_forecast_clear (CgForecast *forecast)
{
  g_clear_pointer (&forecast->cameras, g_free);
  forecast->n_cameras = 0;
}
