/* picture.h — the test picture a simulated camera films: its name in large
 * letters, a frame counter, and things that move, so that cameras can be
 * told apart on a grid and a frozen stream is seen at a glance. */
#pragma once

#include <glib.h>

/* Draws frame `index` of `count` (the loop's length) into YUV 4:2:0
 * planes.  The motion is periodic in `count`, so the loop has no visible
 * seam.  `seed` picks the background colour. */
void cg_camsim_picture_draw (guint8 *const planes[3], const int strides[3], int width, int height,
                             const char *label, guint seed, guint index, guint count);
