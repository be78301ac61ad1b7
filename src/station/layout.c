/* layout.c — tiling the grid screen, sizing camera pictures. */
#include "build-config.h"

#include "station/layout.h"

#include <glib.h>

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

int
cg_layout_grid_page (int index, int count, int n)
{
  int per_page = MAX (n, 1) * MAX (n, 1);
  if (index < 0 || count <= 0)
    return 0;
  return MIN (index, count - 1) / per_page;
}

/* 16:9 pixels in cells twice as tall as wide: 32 columns for 9 rows. */
#define ASPECT_COLS 32
#define ASPECT_ROWS 9

int
cg_layout_picture_fit (int rows, int cols, int min_rows, CgRect *out)
{
  *out = (CgRect) { 0, 0, 0, 0 };
  if (rows <= 0 || cols <= 0)
    return 0;
  /* The most rows whose columns, rounded, fit: (h * 32 + 4) / 9 <= cols. */
  int h = MIN (rows, (cols * ASPECT_ROWS + ASPECT_ROWS / 2) / ASPECT_COLS);
  if (h < MAX (min_rows, 1))
    return 0;
  out->h = h;
  out->w = (h * ASPECT_COLS + ASPECT_ROWS / 2) / ASPECT_ROWS;
  return 1;
}

int
cg_layout_picture_beside (int rows, int cols, int text_cols, int min_rows, CgRect *out)
{
  if (!cg_layout_picture_fit (rows, cols - MAX (text_cols, 0) - 2, min_rows, out))
    return 0;
  out->x = cols - out->w;
  return 1;
}

/* Fewer rows than this, the picture is not worth the text's room. */
#define DETAILS_MIN_PICTURE 3

void
cg_layout_details (int rows, int cols, CgRect *panel, CgRect *picture, CgRect *text)
{
  /* At most the body less a row above (the map's edge) and the footer
   * below, and a column each side. */
  int max_h = MAX (rows - 2, 1), max_w = MAX (cols - 2, 1);
  int text_min = CLAMP (max_w / 2, 20, CG_LAYOUT_DETAILS_TEXT);
  /* Inside the panel: a cell of margin all round, 2 between the two. */
  CgRect pic = { 0, 0, 0, 0 };
  cg_layout_picture_fit (max_h - 2, max_w - 4 - text_min, DETAILS_MIN_PICTURE, &pic);
  int h = MIN (max_h, MAX (pic.h + 2, CG_LAYOUT_DETAILS_ROWS));
  int tw = pic.w > 0 ? max_w - pic.w - 4 : max_w - 2;
  /* The text needs no more than a line of figures is wide. */
  tw = MIN (MAX (tw, 1), 2 * CG_LAYOUT_DETAILS_TEXT);
  int w = pic.w > 0 ? pic.w + tw + 4 : MIN (max_w, tw + 2);
  *panel = (CgRect) { .y = MAX (rows - h - 1, 0), .x = MAX ((cols - w) / 2, 0), .h = h, .w = w };
  *picture = (CgRect) { .y = panel->y + 1, .x = panel->x + 1, .h = pic.h, .w = pic.w };
  int tx = pic.w > 0 ? picture->x + pic.w + 2 : panel->x + 1;
  *text = (CgRect) { .y = panel->y + 1, .x = tx, .h = MAX (h - 2, 1), .w = tw };
}

static int
cells_free (int rows, int cols, const CgRect *c, const CgRect *taken, int n)
{
  if (c->y < 0 || c->y >= rows || c->x < 0 || c->w <= 0 || c->x + c->w > cols)
    return 0;
  for (int i = 0; i < n; i++)
    if (taken[i].y == c->y && taken[i].x < c->x + c->w && c->x < taken[i].x + taken[i].w)
      return 0;
  return 1;
}

void
cg_layout_map_name (int rows, int cols, int y, int x, int w, const CgRect *taken, int n,
                    CgRect *out)
{
  int centred = MAX (0, MIN (x - w / 2, cols - w));
  const CgRect tries[] = {
    { .y = y, .x = x + 2, .h = 1, .w = w },
    { .y = y, .x = x - 1 - w, .h = 1, .w = w },
    { .y = y - 1, .x = centred, .h = 1, .w = w },
    { .y = y + 1, .x = centred, .h = 1, .w = w },
  };
  for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
    if (cells_free (rows, cols, &tries[i], taken, n))
      {
        *out = tries[i];
        return;
      }
  *out = (CgRect) { .y = y, .x = MIN (x + 2, cols), .h = 1, .w = MAX (0, MIN (w, cols - x - 2)) };
  for (int i = 0; i < n; i++)
    if (taken[i].y == y && taken[i].x + taken[i].w > out->x && taken[i].x < out->x + out->w)
      out->w = MAX (0, MIN (out->w, taken[i].x - 1 - out->x));
}
