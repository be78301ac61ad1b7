/* street.c — the street scene: what a commune's camera films.
 *
 * A still picture of a village street (the sky, a row of houses with
 * tiled roofs and shutters, trees, the pavement, a road with its middle
 * line) and motorbikes passing: one left to right in the near lane once
 * a loop (cg_camsim_street_vehicle(), which tests and motion detection
 * rely on), another right to left in the far lane.  All but a few per
 * cent of the picture stands still from one frame to the next, as at a
 * real camera, so the footage is small and motion is the motorbikes'. */
#include "build-config.h"

#include "camsim/picture.h"

#define FILL(x, y, w, h, luma, cb, cr) \
  cg_camsim_fill_yuv (planes, strides, width, height, (x), (y), (w), (h), (luma), (cb), (cr))

void
cg_camsim_street_vehicle (int width, int height, guint index, guint count, int *x, int *y,
                          int *w, int *h)
{
  g_assert (count > 0);
  *w = MAX (width / 16, 8) & ~1;
  *h = MAX (height / 18, 4) & ~1;
  /* Left to right once a loop, from just off the picture to just off it. */
  double phase = (double) (index % count) / (double) count;
  *x = ((int) (phase * (width + *w)) - *w) & ~1;
  *y = (height * 2 / 3) & ~1;
}

/* A motorbike and its rider in the box (x, y, w, h): the body across the
 * whole box (so that its edge moves with it), the wheels under it, the
 * rider's shirt and helmet above. */
static void
motorbike (guint8 *const planes[3], const int strides[3], int width, int height, int x, int y,
           int w, int h, guint8 shirt_cb, guint8 shirt_cr)
{
  FILL (x, y + h * 45 / 100, w, h * 30 / 100, 50, 120, 140);
  FILL (x + w / 16, y + h * 70 / 100, w / 4, h * 30 / 100, 25, 128, 128);
  FILL (x + w * 11 / 16, y + h * 70 / 100, w / 4, h * 30 / 100, 25, 128, 128);
  FILL (x + w * 3 / 8, y, w / 4, h / 2, 120, shirt_cb, shirt_cr);
  FILL (x + w * 3 / 8, y - h / 4, w / 4, h / 4, 210, 128, 128);
}

void
cg_camsim_street_draw (guint8 *const planes[3], const int strides[3], int width, int height,
                       guint seed, guint index, guint count)
{
  int road_y = (height * 58 / 100) & ~1, road_h = (height * 22 / 100) & ~1;
  int houses_y = (height * 30 / 100) & ~1;
  /* The sky, lighter towards the horizon. */
  for (int band = 0; band < 6; band++)
    FILL (0, band * houses_y / 6, width, houses_y / 6 + 2, (guint8) (150 + band * 8), 140, 118);
  /* Houses, each its own width and wall colour, by the camera. */
  GRand *rand = g_rand_new_with_seed (seed * 2654435761u);
  for (int x = 0; x < width;)
    {
      int w = (width / 10 + g_rand_int_range (rand, 0, width / 8)) & ~1;
      int top = houses_y - (int) g_rand_int_range (rand, 0, height / 12);
      guint8 wall = (guint8) g_rand_int_range (rand, 150, 215);
      guint8 cb = (guint8) g_rand_int_range (rand, 100, 125), cr = (guint8) g_rand_int_range (rand, 128, 150);
      FILL (x, top, w - 4, road_y - top, wall, cb, cr);
      FILL (x - 2, top - height / 20, w, height / 20, 85, 105, 165); /* the tiled roof */
      FILL (x + w / 4, road_y - height / 7, w / 3, height / 7, 60, 120, 140); /* the shutter */
      FILL (x + w * 2 / 3, top + height / 24, w / 6, height / 16, 45, 130, 125); /* a window */
      x += w;
      /* Now and then a tree and a hedge between two houses. */
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          FILL (x, houses_y + height / 8, width / 24 + 12, road_y - houses_y - height / 8, 80, 112, 112);
          FILL (x + 6 + width / 64, houses_y, width / 96 + 2, road_y - houses_y, 70, 115, 145);
          FILL (x + 6, houses_y - height / 10, width / 24, height / 8, 95, 100, 105);
          x += width / 24 + 12;
        }
    }
  g_rand_free (rand);
  /* The pavement, the road and its dashed middle line. */
  FILL (0, road_y - height / 30, width, height / 30, 125, 126, 130);
  FILL (0, road_y, width, road_h, 70, 128, 128);
  for (int x = 0; x < width; x += width / 8)
    FILL (x, road_y + road_h / 2 - 1, width / 16, 2, 220, 128, 128);
  FILL (0, road_y + road_h, width, height - road_y - road_h, 110, 120, 130);

  /* The far lane's motorbike, right to left, half a loop behind. */
  int x, y, w, h;
  cg_camsim_street_vehicle (width, height, (index + count / 2) % count, count, &x, &y, &w, &h);
  motorbike (planes, strides, width, height, (width - w - x) & ~1, (road_y + road_h / 8) & ~1,
             w * 3 / 4, h * 3 / 4, 90, 200);
  cg_camsim_street_vehicle (width, height, index, count, &x, &y, &w, &h);
  motorbike (planes, strides, width, height, x, y, w, h, 170, 80);
}
