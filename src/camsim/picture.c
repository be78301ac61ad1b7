/* picture.c — rendering the simulated camera's picture (YUV 4:2:0). */
#include "build-config.h"

#include "camsim/picture.h"

#include "camsim/font.h"

#include <string.h>

static void
fill_rect (guint8 *plane, int stride, int pw, int ph, int x, int y, int w, int h, guint8 v)
{
  int x0 = CLAMP (x, 0, pw), x1 = CLAMP (x + w, 0, pw);
  int y0 = CLAMP (y, 0, ph), y1 = CLAMP (y + h, 0, ph);
  for (int yy = y0; yy < y1; yy++)
    memset (plane + (gsize) yy * (gsize) stride + (gsize) x0, v, (gsize) (x1 - x0));
}

void
cg_camsim_fill_yuv (guint8 *const planes[3], const int strides[3], int width, int height, int x, int y,
          int w, int h, guint8 luma, guint8 cb, guint8 cr)
{
  fill_rect (planes[0], strides[0], width, height, x, y, w, h, luma);
  fill_rect (planes[1], strides[1], width / 2, height / 2, x / 2, y / 2, w / 2, h / 2, cb);
  fill_rect (planes[2], strides[2], width / 2, height / 2, x / 2, y / 2, w / 2, h / 2, cr);
}

guint
cg_camsim_scene_period (const CgCamsimScene *scene)
{
  if (scene == NULL)
    return 0;
  if (scene->move_frames > 0)
    return scene->move_frames + scene->still_frames;
  if (scene->bright_frames > 0)
    return 2 * scene->bright_frames;
  return 0;
}

/* A bar sweeping left to right and a box going down then up. */
static void
draw_movers (guint8 *const planes[3], const int strides[3], int width, int height, double phase)
{
  int bar_w = MAX (width / 32, 4) & ~1;
  int bar_x = (int) (phase * (width - bar_w)) & ~1;
  cg_camsim_fill_yuv (planes, strides, width, height, bar_x, 0, bar_w, height, 235, 128, 128);
  int box = MAX (height / 8, 8) & ~1;
  double tri = phase < 0.5 ? phase * 2 : 2 - phase * 2;
  int box_y = (int) (tri * (height - box)) & ~1;
  cg_camsim_fill_yuv (planes, strides, width, height, width - 2 * box, box_y, box, box, 81, 90, 240);
}

void
cg_camsim_picture_draw (guint8 *const planes[3], const int strides[3], int width, int height,
                        const char *label, guint seed, guint index, guint count,
                        const CgCamsimScene *scene)
{
  g_assert (count > 0 && index < count);
  double phase = (double) index / (double) count; /* 0 .. 1, wraps with the loop */
  gboolean street = scene != NULL && scene->street;
  gboolean plain = scene == NULL || (!scene->still && !street && scene->move_frames == 0
                                     && scene->bright_frames == 0);
  int bright = 0;
  if (!plain)
    {
      /* Scenes for motion detection: no counter, motion only when told. */
      if (scene->move_frames > 0)
        {
          guint at = index % (scene->move_frames + scene->still_frames);
          phase = (double) MIN (at, scene->move_frames - 1) / (double) scene->move_frames;
        }
      else
        phase = 0.25;
      if (scene->bright_frames > 0 && (index / scene->bright_frames) % 2 == 1)
        bright = scene->brightness_step;
    }

  /* Background: a luma ramp that scrolls with the phase, on a colour
   * that depends on the camera. */
  int shift = (int) (phase * 256);
  for (int y = 0; y < height; y++)
    {
      guint8 *row = planes[0] + (gsize) y * (gsize) strides[0];
      for (int x = 0; x < width; x++)
        row[x] = (guint8) (48 + (((x + y) / 4 + shift) & 0x7f));
    }
  guint8 cb = (guint8) (96 + (seed * 37) % 64), cr = (guint8) (96 + (seed * 71) % 64);
  for (int y = 0; y < height / 2; y++)
    {
      memset (planes[1] + (gsize) y * (gsize) strides[1], cb, (gsize) width / 2);
      memset (planes[2] + (gsize) y * (gsize) strides[2], cr, (gsize) width / 2);
    }

  if (street)
    cg_camsim_street_draw (planes, strides, width, height, seed, index, count);
  else
    draw_movers (planes, strides, width, height, phase);

  /* The name, large, on a dark plate so it reads over the moving ramp. */
  int scale = MAX (height / 60, 1);
  /* A long name smaller, to fit nine tenths of the width. */
  while (scale > 1 && cg_camsim_font_text_width (label, scale) > width * 9 / 10)
    scale--;
  int tw = cg_camsim_font_text_width (label, scale);
  int th = CG_CAMSIM_FONT_HEIGHT * scale;
  int tx = MAX ((width - tw) / 2, scale * 2) & ~1, ty = (height / 6) & ~1;
  cg_camsim_fill_yuv (planes, strides, width, height, tx - 2 * scale, ty - 2 * scale, tw + 4 * scale,
            th + 4 * scale, 16, 128, 128);
  cg_camsim_font_draw (planes[0], strides[0], width, height, tx, ty, scale, 235, label);

  if (bright != 0)
    for (int y = 0; y < height; y++)
      {
        guint8 *row = planes[0] + (gsize) y * (gsize) strides[0];
        for (int x = 0; x < width; x++)
          row[x] = (guint8) CLAMP (row[x] + bright, 16, 235);
      }
  if (!plain && !street)
    return;

  /* The frame within the loop, to check order and loss by eye. */
  char counter[32];
  g_snprintf (counter, sizeof counter, "%03u/%03u", index + 1, count);
  int small = MAX (height / 160, 1);
  int cy = height - (CG_CAMSIM_FONT_HEIGHT + 3) * small;
  cg_camsim_fill_yuv (planes, strides, width, height, 0, cy - 2 * small,
            cg_camsim_font_text_width (counter, small) + 4 * small,
            (CG_CAMSIM_FONT_HEIGHT + 4) * small, 16, 128, 128);
  cg_camsim_font_draw (planes[0], strides[0], width, height, 2 * small, cy, small, 235, counter);
}
