/* layout.c — tiling the grid screen. */
#include "build-config.h"

#include "station/layout.h"

int
cg_layout_grid_tile (int rows, int cols, int n, int index, CgRect *out)
{
  if (n < 1 || n > 4 || index < 0 || index >= n * n)
    return 0;
  int th = (rows - 1) / n, tw = cols / n;
  if (th < 4 || tw < 11)
    return 0;
  out->y = (index / n) * th;
  out->x = (index % n) * tw;
  out->h = th - 1;
  out->w = tw - 1;
  return 1;
}

int
cg_layout_grid_max (int rows, int cols)
{
  CgRect r;
  for (int n = 4; n > 1; n--)
    if (cg_layout_grid_tile (rows, cols, n, 0, &r))
      return n;
  return 1;
}
