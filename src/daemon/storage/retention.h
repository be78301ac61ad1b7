/* retention.h — what to thin and what to delete, and how many days fit.
 *
 * Pure logic, no I/O: the storage manager (storage/manager.c) gathers the
 * segments, evidence ranges, per-camera settings and disk figures, asks
 * here what to do, and does it.  The same functions forecast how many
 * days the quota holds, so the figures an officer reads and the
 * decisions the daemon takes can never disagree.
 */
#pragma once

#include <glib.h>

#define CG_RETENTION_DAY_US (G_GINT64_CONSTANT (86400000000))

typedef struct {
  gint64 id;
  gint64 camera_id;
  gint64 start_us, end_us;
  gint64 bytes;
  gboolean thinned;
  /* Kept as it is whatever the limits (damaged, waiting for an
   * administrator): counted as protected. */
  gboolean held;
} CgRetentionSegment;

/* Footage of camera_id in [from_us, to_us) is evidence. */
typedef struct {
  gint64 camera_id;
  gint64 from_us, to_us;
} CgRetentionRange;

/* A camera's own settings; 0 means "as the configuration says". */
typedef struct {
  gint64 camera_id;
  gint64 full_rate_us;
  gint64 retention_target_us;
} CgRetentionCamera;

typedef struct {
  gint64 now_us;
  gint64 full_rate_us;        /* [storage] full_rate_days */
  gint64 retention_target_us; /* [storage] retention_target_days */
  guint64 quota_bytes;        /* the most recordings may use (resolved) */
  guint64 min_free_bytes;     /* free space to keep on the disk (resolved) */
  guint64 free_bytes;         /* free on the disk now */
  /* When min_free cannot be met even by deleting every unprotected
   * segment (other data fills the disk, or min_free is set too high),
   * only this much free space is made, so that capture can go on: a
   * setting nobody can satisfy must not wipe the footage. */
  guint64 reserve_bytes;
  const CgRetentionSegment *segments; /* complete segments, any order */
  gsize n_segments;
  const CgRetentionRange *ranges;
  gsize n_ranges;
  const CgRetentionCamera *cameras;   /* overrides; cameras not listed use the defaults */
  gsize n_cameras;
} CgRetentionInput;

typedef struct {
  GArray *delete_ids;     /* gint64 segment ids, in the order to delete */
  GArray *thin_ids;       /* gint64 segment ids, oldest first */
  guint64 used_bytes;     /* all segments */
  guint64 protected_bytes;
  guint64 need_bytes;     /* what had to be freed */
  guint64 freed_bytes;    /* what delete_ids frees */
  guint64 shortfall_bytes; /* need_bytes - freed_bytes when not all could be freed */
  gboolean over_quota;
  gboolean under_min_free;
  gboolean min_free_unreachable; /* see reserve_bytes */
} CgRetentionPlan;

/* Whether a segment overlaps an evidence range of its camera (held
 * segments are spared as well, but are not evidence). */
gboolean cg_retention_is_protected (const CgRetentionSegment *segment,
                                    const CgRetentionRange *ranges, gsize n_ranges);

/* Deletion goes oldest first across cameras, a camera's age counted
 * against its own retention target: with equal targets it is plainly
 * oldest first; a camera whose target is longer keeps its footage longer
 * when the disk is short.  Ties go to the lower camera id, then the
 * lower segment id. */
void cg_retention_plan (const CgRetentionInput *in, CgRetentionPlan *plan);
void cg_retention_plan_clear (CgRetentionPlan *plan);

/* ---- forecast ---- */

typedef struct {
  gint64 camera_id;
  double bytes_per_day;   /* full-rate write rate, from the last 24 h */
  double thin_ratio;      /* thinned bytes / original bytes, in (0, 1] */
  gint64 full_rate_us;    /* 0: default */
  gint64 retention_target_us; /* 0: default */
} CgForecastCamera;

typedef struct {
  gint64 camera_id;
  double days;        /* days the quota holds for this camera; < 0: unknown */
  double target_days;
  double bytes_needed; /* to keep target_days of this camera */
} CgForecastResult;

typedef struct {
  double days;           /* days kept by a camera at the configured target (with
                          * equal targets, every camera's); < 0: unknown */
  double target_days;    /* the configured target */
  double bytes_needed;   /* disk the targets need, protected footage included */
  gboolean below_target; /* some camera will keep fewer days than its target */
  CgForecastResult *cameras; /* n, in the order given */
  gsize n_cameras;
} CgForecast;

/* How many days `space_bytes` (what recordings may use: the quota, or
 * less when the disk is smaller) holds at the cameras' rates, once
 * protected_bytes of evidence are set aside.  Deletion cuts every
 * camera at the same age relative to its target (see cg_retention_plan),
 * so the days are found together.  Cameras writing nothing have an
 * unknown forecast; with no camera writing the whole forecast is
 * unknown. */
void cg_forecast_compute (const CgForecastCamera *cameras, gsize n, double space_bytes,
                          double protected_bytes, gint64 full_rate_us,
                          gint64 retention_target_us, CgForecast *out);
void cg_forecast_clear (CgForecast *forecast);

/* Bytes one camera needs for `days` days at full rate for the first
 * full_rate days and at thin_ratio after. */
double cg_forecast_bytes_for_days (double bytes_per_day, double thin_ratio, double full_rate_days,
                                   double days);

/* Days as every figure and message gives them (days kept, forecasts,
 * targets, the alerts): truncated to a tenth, never rounded up, so that
 * no figure promises more days than are kept or forecast, and a forecast
 * below its target never reads as the target itself.  The only rounding
 * of days: clients print the tenth they receive as it is.  A millionth
 * of a day is added before cutting, so that a forecast found by
 * bisection as 2.9999999 (exactly 3 days) still reads 3.0.  Unknown
 * (< 0) stays -1. */
double cg_retention_days_shown (double days);
