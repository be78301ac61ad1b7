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

/* The page of an n x n grid that holds camera `index` of count (the
 * selected one: a page turned or a grid resized keeps it in view); the
 * last page when index is past the end, the first when it is negative
 * or there is no camera. */
int cg_layout_grid_page (int index, int count, int n);

/* A camera's picture as large as fits in rows x cols with the camera's
 * 16:9 kept, a cell being twice as tall as wide: cols = rows * 32 / 9,
 * rounded.  At (0, 0).  FALSE (and an empty rect) when fewer than
 * min_rows rows (at least 1) would fit. */
int cg_layout_picture_fit (int rows, int cols, int min_rows, CgRect *out);

/* A picture at the top right of an area of rows x cols, as large as fits
 * while text_cols columns for text and a gap of 2 stay on its left.
 * FALSE (and an empty rect) when fewer than min_rows rows would fit. */
int cg_layout_picture_beside (int rows, int cols, int text_cols, int min_rows, CgRect *out);

/* The Map's detail panel over a body of rows x cols (its last row, the
 * footer, stays in view): the panel, the picture on its left and the
 * text on its right, one cell inside the panel's edges.  The text keeps
 * at least half the panel's width (from 20 to CG_LAYOUT_DETAILS_TEXT
 * columns) and the picture grows with the terminal; the panel is as tall
 * as the picture, or CG_LAYOUT_DETAILS_ROWS for the text alone, and no
 * wider than the two need.  picture is empty when none fits (a tiny
 * terminal): the text then has the panel. */
#define CG_LAYOUT_DETAILS_TEXT 42
#define CG_LAYOUT_DETAILS_ROWS 16
void cg_layout_details (int rows, int cols, CgRect *panel, CgRect *picture, CgRect *text);

/* Where a camera's name of w cells goes on a map of rows x cols, its
 * marker at (y, x), among cells already taken (markers and names placed
 * before it, `taken` of n, each a one-row rect): right of the marker,
 * else left of it, else centred on the row above, else below, the first
 * that covers nothing taken and stays on the map.  Failing all four,
 * right of the marker cut one cell short of the first thing in its way
 * (out->w may then be 0).  Names then never hide a camera beside them,
 * nor one another. */
void cg_layout_map_name (int rows, int cols, int y, int x, int w, const CgRect *taken, int n,
                         CgRect *out);
