/* motion.c — grids, brightness compensation, scores and events. */
#include "build-config.h"

#include "daemon/vision/motion.h"

#include "common/error.h"
#include "common/i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
cg_motion_grid_from_luma (const guint8 *luma, int stride, int width, int height,
                          CgMotionGrid *out)
{
  g_assert (width >= CG_MOTION_COLS && height >= CG_MOTION_ROWS);
  for (int r = 0; r < CG_MOTION_ROWS; r++)
    {
      int y0 = r * height / CG_MOTION_ROWS, y1 = (r + 1) * height / CG_MOTION_ROWS;
      for (int c = 0; c < CG_MOTION_COLS; c++)
        {
          int x0 = c * width / CG_MOTION_COLS, x1 = (c + 1) * width / CG_MOTION_COLS;
          guint64 sum = 0;
          for (int y = y0; y < y1; y++)
            {
              const guint8 *row = luma + (gsize) y * (gsize) stride;
              for (int x = x0; x < x1; x++)
                sum += row[x];
            }
          out->cell[r * CG_MOTION_COLS + c] = (float) ((double) sum / ((y1 - y0) * (x1 - x0)));
        }
    }
}

gboolean
cg_motion_mask_has (const CgMotionMask *mask, int col, int row)
{
  if (mask == NULL)
    return FALSE;
  int i = row * CG_MOTION_COLS + col;
  return (mask->bits[i / 8] >> (i % 8)) & 1;
}

void
cg_motion_mask_set (CgMotionMask *mask, int col, int row)
{
  int i = row * CG_MOTION_COLS + col;
  mask->bits[i / 8] |= (guint8) (1u << (i % 8));
}

gboolean
cg_motion_mask_parse (const char *spec, CgMotionMask *out, GError **error)
{
  CgMotionMask m;
  memset (&m, 0, sizeof m);
  g_auto (GStrv) rects = g_strsplit (spec != NULL ? spec : "", ";", -1);
  for (int i = 0; rects[i] != NULL; i++)
    {
      char *rect = g_strstrip (rects[i]);
      if (*rect == '\0')
        continue;
      g_auto (GStrv) v = g_strsplit (rect, ",", -1);
      guint64 n[4];
      gboolean ok = g_strv_length (v) == 4;
      for (int k = 0; ok && k < 4; k++)
        {
          char *t = g_strstrip (v[k]);
          ok = g_ascii_isdigit (t[0])
               && g_ascii_string_to_unsigned (t, 10, 0,
                                              k % 2 == 0 ? CG_MOTION_COLS - 1 : CG_MOTION_ROWS - 1,
                                              &n[k], NULL);
        }
      if (!ok || n[2] < n[0] || n[3] < n[1])
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                             N_("motion mask “%s”: “%s” is not a rectangle of cells X1,Y1,X2,Y2 "
                                "with columns 0 to %d and rows 0 to %d, for example "
                                "0,0,31,3;25,10,31,17"),
                             spec, rect, CG_MOTION_COLS - 1, CG_MOTION_ROWS - 1);
          return FALSE;
        }
      for (guint64 y = n[1]; y <= n[3]; y++)
        for (guint64 x = n[0]; x <= n[2]; x++)
          cg_motion_mask_set (&m, (int) x, (int) y);
    }
  *out = m;
  return TRUE;
}

static int
unmasked_count (const CgMotionMask *mask)
{
  int n = 0;
  for (int i = 0; i < CG_MOTION_CELLS; i++)
    n += !cg_motion_mask_has (mask, i % CG_MOTION_COLS, i / CG_MOTION_COLS);
  return n;
}

double
cg_motion_noise_floor (double sensitivity)
{
  /* Cell means of a still scene differ by a level or two between
   * keyframes (encoder noise averaged over thousands of pixels). */
  return 4.0 + 24.0 * (1.0 - CLAMP (sensitivity, 0.0, 1.0));
}

/* Least squares cur = gain * prev + offset over the cells in use. */
static gboolean
fit (const CgMotionGrid *prev, const CgMotionGrid *cur, const gboolean *use, double *gain,
     double *offset)
{
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int i = 0; i < CG_MOTION_CELLS; i++)
    if (use[i])
      {
        double x = prev->cell[i], y = cur->cell[i];
        n++, sx += x, sy += y, sxx += x * x, sxy += x * y;
      }
  if (n < 2)
    return FALSE;
  double var = sxx - sx * sx / n;
  if (var < 1e-6 * n)
    {
      /* A flat picture: only an offset can be told. */
      *gain = 1.0;
      *offset = (sy - sx) / n;
      return TRUE;
    }
  *gain = CLAMP ((sxy - sx * sy / n) / var, 0.25, 4.0);
  *offset = (sy - *gain * sx) / n;
  return TRUE;
}

void
cg_motion_brightness (const CgMotionGrid *prev, const CgMotionGrid *cur,
                      const CgMotionMask *mask, double *gain, double *offset)
{
  gboolean use[CG_MOTION_CELLS];
  for (int i = 0; i < CG_MOTION_CELLS; i++)
    use[i] = !cg_motion_mask_has (mask, i % CG_MOTION_COLS, i / CG_MOTION_COLS);
  *gain = 1.0;
  *offset = 0.0;
  if (!fit (prev, cur, use, gain, offset))
    return;
  /* Moving things are outliers of a global change: refit without the
   * cells furthest from the first fit (twice, each time keeping the
   * cells within 2.5 times the median residual). */
  for (int pass = 0; pass < 2; pass++)
    {
      double res[CG_MOTION_CELLS];
      int n = 0;
      for (int i = 0; i < CG_MOTION_CELLS; i++)
        if (use[i])
          res[n++] = fabs (cur->cell[i] - (*gain * prev->cell[i] + *offset));
      if (n < 4)
        return;
      double sorted[CG_MOTION_CELLS];
      memcpy (sorted, res, sizeof (double) * (gsize) n);
      /* A median by partial selection would do; 576 cells sort in no time. */
      for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && sorted[b - 1] > sorted[b]; b--)
          {
            double t = sorted[b];
            sorted[b] = sorted[b - 1];
            sorted[b - 1] = t;
          }
      double limit = MAX (2.5 * sorted[n / 2], 2.0);
      gboolean keep[CG_MOTION_CELLS];
      int k = 0, kept = 0;
      for (int i = 0; i < CG_MOTION_CELLS; i++)
        {
          keep[i] = use[i] && res[k] <= limit;
          if (use[i])
            k++;
          kept += keep[i];
        }
      if (kept < n / 2)
        return;
      double g = *gain, o = *offset;
      if (!fit (prev, cur, keep, &g, &o))
        return;
      *gain = g;
      *offset = o;
    }
}

double
cg_motion_score (const CgMotionGrid *prev, const CgMotionGrid *cur, const CgMotionMask *mask,
                 double sensitivity)
{
  int n = unmasked_count (mask);
  if (n == 0)
    return 0.0;
  double gain, offset;
  cg_motion_brightness (prev, cur, mask, &gain, &offset);
  double floor = cg_motion_noise_floor (sensitivity);
  int changed = 0;
  for (int i = 0; i < CG_MOTION_CELLS; i++)
    {
      if (cg_motion_mask_has (mask, i % CG_MOTION_COLS, i / CG_MOTION_COLS))
        continue;
      double expected = CLAMP (gain * prev->cell[i] + offset, 0.0, 255.0);
      if (fabs (cur->cell[i] - expected) > floor)
        changed++;
    }
  return (double) changed / n;
}

double
cg_motion_threshold (const CgMotionMask *mask, double sensitivity)
{
  int n = unmasked_count (mask);
  double cells = 1.0 + 12.0 * (1.0 - CLAMP (sensitivity, 0.0, 1.0));
  return n > 0 ? MIN (cells / n, 1.0) : 1.0;
}

CgMotionChange
cg_motion_feed (CgMotionState *s, const CgMotionRules *rules, double score, double threshold,
                gint64 at_us, CgMotionEvent *ev)
{
  gboolean moving = score >= threshold && score > 0;
  if (moving == s->active)
    {
      /* The current state holds: a run against it is broken. */
      s->run = 0;
      if (s->active && score > s->peak)
        {
          s->peak = score;
          *ev = (CgMotionEvent) { .start_us = s->start_us, .peak = s->peak };
          return CG_MOTION_PEAK;
        }
      return CG_MOTION_NONE;
    }
  if (s->run == 0)
    {
      s->first_us = at_us;
      s->run_peak = 0;
    }
  s->run++;
  s->run_peak = MAX (s->run_peak, score);
  if (!s->active && s->run >= rules->start_after)
    {
      s->active = TRUE;
      s->run = 0;
      s->start_us = s->first_us;
      s->peak = s->run_peak;
      *ev = (CgMotionEvent) { .start_us = s->start_us, .peak = s->peak };
      return CG_MOTION_STARTED;
    }
  if (s->active && s->run >= rules->end_after)
    {
      s->active = FALSE;
      s->run = 0;
      *ev = (CgMotionEvent) { .start_us = s->start_us, .end_us = s->first_us, .peak = s->peak };
      return CG_MOTION_ENDED;
    }
  return CG_MOTION_NONE;
}
