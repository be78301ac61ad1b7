/* picture.h — camera pictures in terminal cells.
 *
 * A JPEG (a thumbnail from the daemon) is decoded with libavcodec, chafa
 * turns the pixels into a character and two colours per cell, and the
 * cells are copied into ncurses one by one (setcchar, alloc_pair), so
 * that ncurses' own diffing sends only the cells that changed: this is
 * what keeps the station usable over SSH on a weak line.
 *
 * What a picture may use is a style: the colours and the symbols the
 * terminal can show.  The station picks the best one once at start
 * (cg_picture_style_for_terminal); a slower line may ask for a cheaper
 * one (cg_picture_style_degrade).
 */
#pragma once

#include <glib.h>

/* In order, poorest first: a later mode is never a degradation. */
typedef enum {
  CG_COLORS_8,      /* the 8 ANSI colours: TERM=xterm, PuTTY's default, the Linux console */
  CG_COLORS_16,
  CG_COLORS_256,    /* chafa's 240 colours above the 16 a theme may change */
  CG_COLORS_DIRECT, /* 24-bit colour numbers, on direct-colour terminals */
} CgColorMode;

/* In order, poorest first, as for CgColorMode.  ASCII is the only one
 * without UTF-8, so nothing else ever stands in for it. */
typedef enum {
  CG_SYMBOLS_ASCII,
  CG_SYMBOLS_HALVES,  /* space and the upper and lower half blocks only */
  CG_SYMBOLS_CONSOLE, /* what the Linux console's font draws: halves, full block, shades */
  CG_SYMBOLS_BLOCKS,  /* also quadrants and eighths, for fonts that have them */
} CgSymbols;

typedef struct {
  CgColorMode mode;
  CgSymbols symbols;
} CgPictureStyle;

typedef struct {
  gunichar ch;
  int fg, bg; /* colour numbers in the mode's palette */
} CgCell;

/* The best style a terminal can show, from its TERM, its number of
 * colours (ncurses' COLORS) and whether the locale is UTF-8.  Pure. */
CgPictureStyle cg_picture_style_for_terminal (const char *term, int colors, gboolean utf8);

/* The same for the current ncurses terminal. */
CgPictureStyle cg_picture_style_for_curses (gboolean utf8);

/* The same picture for a slower line: level 0 is best itself; 1 has at
 * most 16 colours; 2 also only space and half blocks, which change less
 * from one frame to the next.  Never better than best. */
CgPictureStyle cg_picture_style_degrade (CgPictureStyle best, int level);

gboolean cg_picture_style_equal (CgPictureStyle a, CgPictureStyle b);

/* Renders RGB pixels (3 bytes each) into cols x rows cells in style.
 * Pure: no terminal involved. */
CgCell *cg_picture_cells (const guint8 *rgb, int width, int height, int rowstride, int cols,
                          int rows, const CgPictureStyle *style);

/* The same for the next picture of a series at the same size: given the
 * previous picture and its cells, only the rows of cells whose pixels
 * changed are rendered again, when that gives exactly the cells a whole
 * rendering would (each cell a whole number of pixels, and a style whose
 * cells chafa renders each from its own pixels: 256 colours or more);
 * otherwise, or when most rows changed, the whole picture.
 * *rendered_rows (may be NULL) gets how many rows were rendered.  Pure. */
CgCell *cg_picture_cells_changed (const guint8 *prev_rgb, const CgCell *prev, const guint8 *rgb, int width,
                                  int height, int rowstride, int cols, int rows, const CgPictureStyle *style,
                                  int *rendered_rows);

/* A cell's colours as a terminal with `colors` colours can show them:
 * fg and bg below colors (or -1, the terminal's own), and bold standing
 * in for a bright foreground where only 8 are.  Pure. */
void cg_picture_cell_colors (const CgCell *cell, int colors, int *fg, int *bg, gboolean *bold);

/* The same pixels in grey, each its luminance (ITU-R BT.601), for a
 * picture that is no longer live: a new packed RGB buffer.  Pure. */
guint8 *cg_picture_grey (const guint8 *rgb, int width, int height, int rowstride);

/* Decodes a JPEG into packed RGB. */
guint8 *cg_picture_decode_jpeg (const void *jpeg, gsize size, int *width, int *height,
                                GError **error);

/* Copies cells into a curses window at (y, x). */
void cg_picture_draw (void *window, int y, int x, const CgCell *cells, int cols, int rows);
