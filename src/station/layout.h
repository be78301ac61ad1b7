/* layout.h — where things go on the screen, as pure functions. */
#pragma once

typedef struct {
  int y, x, h, w;
} CgRect;

/* Tile `index` of an n x n grid (n from 1 to 4) filling rows x cols (the last row of
 * the area is left for the footer); tiles are one cell apart and never
 * leave the area.  FALSE when the area is too small for n x n tiles of
 * at least 3 x 10 cells. */
int cg_layout_grid_tile (int rows, int cols, int n, int index, CgRect *out);

/* The largest grid side (1-4) whose tiles are at least 3 x 10 cells. */
int cg_layout_grid_max (int rows, int cols);
