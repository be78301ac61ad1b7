/* picture.h — camera pictures in terminal cells.
 *
 * A JPEG (a thumbnail from the daemon) is decoded with libavcodec, chafa
 * turns the pixels into a character and two colours per cell, and the
 * cells are copied into ncurses one by one (setcchar, alloc_pair), so
 * that ncurses' own diffing sends only the cells that changed: this is
 * what keeps the station usable over SSH on a weak line.
 */
#pragma once

#include <glib.h>

typedef enum {
  CG_COLORS_16,
  CG_COLORS_256,  /* chafa's 240 colours above the 16 a theme may change */
  CG_COLORS_DIRECT, /* 24-bit colour numbers, on direct-colour terminals */
} CgColorMode;

typedef struct {
  gunichar ch;
  int fg, bg; /* colour numbers in the mode's palette */
} CgCell;

/* Renders RGB pixels (3 bytes each) into cols x rows cells; ASCII
 * symbols only when utf8 is FALSE.  Pure: no terminal involved. */
CgCell *cg_picture_cells (const guint8 *rgb, int width, int height, int rowstride, int cols,
                          int rows, CgColorMode mode, gboolean utf8);

/* Decodes a JPEG into packed RGB. */
guint8 *cg_picture_decode_jpeg (const void *jpeg, gsize size, int *width, int *height,
                                GError **error);

/* The colour mode the current ncurses terminal supports best. */
CgColorMode cg_picture_color_mode (void);

/* Copies cells into a curses window at (y, x). */
void cg_picture_draw (void *window, int y, int x, const CgCell *cells, int cols, int rows);
