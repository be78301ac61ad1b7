/* picture.c — JPEG to pixels to chafa cells to ncurses. */
#include "build-config.h"

#include "station/picture.h"

#include "common/error.h"
#include "common/i18n.h"

#include <chafa.h>
#include <curses.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <string.h>

/* The Linux console's font (CP437's blocks) draws these and nothing else
 * of chafa's: no quadrants, no eighths. */
static const gunichar console_symbols[] = {
  ' ', 0x2580 /* ▀ */, 0x2584 /* ▄ */, 0x2588 /* █ */, 0x258c /* ▌ */, 0x2590 /* ▐ */,
  0x2591 /* ░ */, 0x2592 /* ▒ */, 0x2593 /* ▓ */,
};

/* For a slow line: a tile's symbols flip less often between two
 * similar frames when there are fewer to choose from. */
static const gunichar halves_symbols[] = { ' ', 0x2580 /* ▀ */, 0x2584 /* ▄ */ };

static void
add_symbols (ChafaSymbolMap *map, const gunichar *symbols, gsize n)
{
  for (gsize i = 0; i < n; i++)
    chafa_symbol_map_add_by_range (map, symbols[i], symbols[i]);
}

static ChafaSymbolMap *
symbol_map_new (CgSymbols symbols)
{
  ChafaSymbolMap *map = chafa_symbol_map_new ();
  switch (symbols)
    {
    case CG_SYMBOLS_ASCII:
      chafa_symbol_map_add_by_tags (map, CHAFA_SYMBOL_TAG_ASCII | CHAFA_SYMBOL_TAG_SPACE);
      break;
    case CG_SYMBOLS_HALVES:
      add_symbols (map, halves_symbols, G_N_ELEMENTS (halves_symbols));
      break;
    case CG_SYMBOLS_CONSOLE:
      add_symbols (map, console_symbols, G_N_ELEMENTS (console_symbols));
      break;
    case CG_SYMBOLS_BLOCKS:
      chafa_symbol_map_add_by_tags (map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SPACE
                                           | CHAFA_SYMBOL_TAG_HALF);
      break;
    }
  return map;
}

/* INDEXED_8 gives colours 0-7 for ink and background alike; chafa's
 * bold-for-bright mode is INDEXED_16_8, not used: a terminal that shows
 * bold as a heavier font rather than a brighter colour would show its
 * pictures darker than chafa chose them. */
static ChafaCanvasMode
canvas_mode (CgColorMode mode)
{
  switch (mode)
    {
    case CG_COLORS_8: return CHAFA_CANVAS_MODE_INDEXED_8;
    case CG_COLORS_16: return CHAFA_CANVAS_MODE_INDEXED_16;
    case CG_COLORS_256: return CHAFA_CANVAS_MODE_INDEXED_240;
    case CG_COLORS_DIRECT: return CHAFA_CANVAS_MODE_TRUECOLOR;
    }
  g_return_val_if_reached (CHAFA_CANVAS_MODE_INDEXED_8);
}

/* ---- half blocks without chafa ------------------------------------------ */

/* The nearest of the 240 colours above the 16 (xterm's 6x6x6 cube and
 * its 24 greys), as chafa's INDEXED_240 numbers them. */
static int
nearest_240 (int r, int g, int b)
{
  static const int level[6] = { 0, 95, 135, 175, 215, 255 };
  int idx[3], c[3] = { r, g, b };
  long cube = 0;
  for (int i = 0; i < 3; i++)
    {
      int best = 0;
      for (int k = 1; k < 6; k++)
        if (ABS (c[i] - level[k]) < ABS (c[i] - level[best]))
          best = k;
      idx[i] = best;
      cube += (long) (c[i] - level[best]) * (c[i] - level[best]);
    }
  int grey = CLAMP (((r + g + b) / 3 - 3) / 10, 0, 23), v = 8 + grey * 10;
  long grey_d = (long) (r - v) * (r - v) + (long) (g - v) * (g - v) + (long) (b - v) * (b - v);
  return grey_d < cube ? 232 + grey : 16 + 36 * idx[0] + 6 * idx[1] + idx[2];
}

/* The mean colour of the pixels in [x0, x1) x [y0, y1), as the mode
 * numbers it. */
static int
mean_colour (const guint8 *rgb, int rowstride, int x0, int x1, int y0, int y1, CgColorMode mode)
{
  guint r = 0, g = 0, b = 0, n = 0;
  for (int y = y0; y < y1; y++)
    {
      const guint8 *p = rgb + (gsize) y * (gsize) rowstride + (gsize) x0 * 3;
      for (int x = x0; x < x1; x++, p += 3)
        r += p[0], g += p[1], b += p[2], n++;
    }
  n = MAX (n, 1);
  r /= n, g /= n, b /= n;
  return mode == CG_COLORS_DIRECT ? (int) (r << 16 | g << 8 | b) : nearest_240 ((int) r, (int) g, (int) b);
}

/* Space and the upper half block, each cell the mean of its upper and
 * lower halves: what moving pictures need, at a fraction of chafa's cost
 * (a 120x34 picture of 1080p footage: well under a millisecond against
 * about 17).  For 256 colours and more. */
static CgCell *
halves_cells (const guint8 *rgb, int width, int height, int rowstride, int cols, int rows, CgColorMode mode)
{
  CgCell *cells = g_new (CgCell, (gsize) cols * (gsize) rows);
  for (int cy = 0; cy < rows; cy++)
    {
      int y0 = (int) ((gint64) cy * height / rows), y1 = (int) ((gint64) (cy + 1) * height / rows);
      y1 = MAX (y1, MIN (y0 + 1, height));
      int ym = MAX ((y0 + y1) / 2, MIN (y0 + 1, y1));
      for (int cx = 0; cx < cols; cx++)
        {
          int x0 = (int) ((gint64) cx * width / cols), x1 = (int) ((gint64) (cx + 1) * width / cols);
          x1 = MAX (x1, MIN (x0 + 1, width));
          CgCell *c = &cells[cy * cols + cx];
          c->fg = mean_colour (rgb, rowstride, x0, x1, y0, ym, mode);
          c->bg = ym < y1 ? mean_colour (rgb, rowstride, x0, x1, ym, y1, mode) : c->fg;
          c->ch = c->fg == c->bg ? ' ' : 0x2580 /* ▀ */;
        }
    }
  return cells;
}

CgCell *
cg_picture_cells (const guint8 *rgb, int width, int height, int rowstride, int cols, int rows,
                  const CgPictureStyle *style)
{
  if (style->symbols == CG_SYMBOLS_HALVES && style->mode >= CG_COLORS_256 && width > 0 && height > 0)
    return halves_cells (rgb, width, height, rowstride, cols, rows, style->mode);
  CgCell *cells = g_new0 (CgCell, (gsize) cols * (gsize) rows);
  ChafaSymbolMap *map = symbol_map_new (style->symbols);
  ChafaCanvasConfig *config = chafa_canvas_config_new ();
  chafa_canvas_config_set_geometry (config, cols, rows);
  chafa_canvas_config_set_symbol_map (config, map);
  chafa_canvas_config_set_canvas_mode (config, canvas_mode (style->mode));
  /* With 8 or 16 colours, undithered shading comes out as flat fields.
   * Ordered dithering rather than diffusion: its pattern is fixed to the
   * cell grid, so a picture that barely changed keeps its cells and
   * ncurses has little to send again.  Measured on a 40x11 tile, one
   * pixel of panning, a little sensor noise or a little more light
   * changes under 15% of the cells ordered (ASCII up to 29%), 24-70%
   * with diffusion, whose errors ripple on across the picture. */
  if (style->mode <= CG_COLORS_16)
    chafa_canvas_config_set_dither_mode (config, CHAFA_DITHER_MODE_ORDERED);
  ChafaCanvas *canvas = chafa_canvas_new (config);
  chafa_canvas_draw_all_pixels (canvas, CHAFA_PIXEL_RGB8, rgb, width, height, rowstride);
  for (int y = 0; y < rows; y++)
    for (int x = 0; x < cols; x++)
      {
        CgCell *c = &cells[y * cols + x];
        c->ch = chafa_canvas_get_char_at (canvas, x, y);
        chafa_canvas_get_raw_colors_at (canvas, x, y, &c->fg, &c->bg);
        /* A transparent background is the terminal's own. */
        if (c->bg < 0)
          c->bg = -1;
        if (c->fg < 0)
          c->fg = -1;
      }
  chafa_canvas_unref (canvas);
  chafa_canvas_config_unref (config);
  chafa_symbol_map_unref (map);
  return cells;
}

/* Cells are rendered one by one, each from its own pixels alone, when
 * chafa neither dithers nor stretches the picture's contrast: with 256
 * colours or more (preprocessing only touches 16 and fewer). */
static gboolean
cells_independent (const CgPictureStyle *style)
{
  return style->mode >= CG_COLORS_256;
}

CgCell *
cg_picture_cells_changed (const guint8 *prev_rgb, const CgCell *prev, const guint8 *rgb, int width,
                          int height, int rowstride, int cols, int rows, const CgPictureStyle *style,
                          int *rendered_rows)
{
  int band = rows > 0 ? height / rows : 0;
  gboolean exact = prev_rgb != NULL && prev != NULL && cols > 0 && rows > 0 && band > 0
                   && band * rows == height && width % cols == 0 && cells_independent (style);
  g_autofree gboolean *changed = g_new0 (gboolean, MAX (rows, 1));
  int n = 0;
  for (int r = 0; exact && r < rows; r++)
    {
      gsize at = (gsize) r * (gsize) band * (gsize) rowstride;
      changed[r] = memcmp (prev_rgb + at, rgb + at, (gsize) band * (gsize) rowstride) != 0;
      n += changed[r];
    }
  /* Most of it moved: one canvas is cheaper than many. */
  if (!exact || n * 2 > rows)
    {
      if (rendered_rows != NULL)
        *rendered_rows = rows;
      return cg_picture_cells (rgb, width, height, rowstride, cols, rows, style);
    }
  CgCell *cells = g_memdup2 (prev, sizeof (CgCell) * (gsize) cols * (gsize) rows);
  for (int r = 0; r < rows;)
    {
      if (!changed[r])
        {
          r++;
          continue;
        }
      int end = r;
      while (end < rows && changed[end])
        end++;
      /* The same scale as the whole picture: the cells come out the same. */
      g_autofree CgCell *part = cg_picture_cells (rgb + (gsize) r * (gsize) band * (gsize) rowstride,
                                                  width, (end - r) * band, rowstride, cols, end - r, style);
      memcpy (cells + (gsize) r * (gsize) cols, part, sizeof (CgCell) * (gsize) cols * (gsize) (end - r));
      r = end;
    }
  if (rendered_rows != NULL)
    *rendered_rows = n;
  return cells;
}

guint8 *
cg_picture_grey (const guint8 *rgb, int width, int height, int rowstride)
{
  guint8 *out = g_malloc ((gsize) width * (gsize) height * 3);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = rgb + (gsize) y * (gsize) rowstride + (gsize) x * 3;
        guint8 *q = out + ((gsize) y * (gsize) width + (gsize) x) * 3;
        q[0] = q[1] = q[2] = (guint8) ((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
      }
  return out;
}

guint8 *
cg_picture_decode_jpeg (const void *jpeg, gsize size, int *width, int *height, GError **error)
{
  const AVCodec *codec = avcodec_find_decoder (AV_CODEC_ID_MJPEG);
  AVCodecContext *ctx = codec != NULL ? avcodec_alloc_context3 (codec) : NULL;
  AVPacket *pkt = av_packet_alloc ();
  AVFrame *frame = av_frame_alloc ();
  guint8 *out = NULL;
  if (ctx == NULL || avcodec_open2 (ctx, codec, NULL) < 0 || av_new_packet (pkt, (int) size) < 0)
    goto done;
  memcpy (pkt->data, jpeg, size);
  if (avcodec_send_packet (ctx, pkt) < 0 || avcodec_receive_frame (ctx, frame) < 0)
    goto done;
  struct SwsContext *sws = sws_getContext (frame->width, frame->height, frame->format, frame->width,
                                           frame->height, AV_PIX_FMT_RGB24, SWS_BILINEAR, NULL, NULL, NULL);
  if (sws == NULL)
    goto done;
  out = g_malloc ((gsize) frame->width * (gsize) frame->height * 3);
  uint8_t *dst[1] = { out };
  int stride[1] = { frame->width * 3 };
  sws_scale (sws, (const uint8_t *const *) frame->data, frame->linesize, 0, frame->height, dst, stride);
  sws_freeContext (sws);
  *width = frame->width;
  *height = frame->height;
done:
  if (out == NULL)
    g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("the picture cannot be decoded"));
  av_frame_free (&frame);
  av_packet_free (&pkt);
  avcodec_free_context (&ctx);
  return out;
}

CgPictureStyle
cg_picture_style_for_terminal (const char *term, int colors, gboolean utf8)
{
  CgPictureStyle style;
  if (!utf8)
    style.symbols = CG_SYMBOLS_ASCII;
  else if (term != NULL && g_str_has_prefix (term, "linux"))
    style.symbols = CG_SYMBOLS_CONSOLE;
  else
    style.symbols = CG_SYMBOLS_BLOCKS;
  if (colors >= 0x1000000)
    style.mode = CG_COLORS_DIRECT;
  else if (colors >= 256)
    style.mode = CG_COLORS_256;
  else if (colors >= 16)
    style.mode = CG_COLORS_16;
  else
    style.mode = CG_COLORS_8; /* colour numbers 8-15 would not show */
  return style;
}

CgPictureStyle
cg_picture_style_for_curses (gboolean utf8)
{
  return cg_picture_style_for_terminal (termname (), COLORS, utf8);
}

CgPictureStyle
cg_picture_style_degrade (CgPictureStyle best, int level)
{
  CgPictureStyle style = best;
  if (level >= 1)
    style.mode = MIN (style.mode, CG_COLORS_16);
  /* ASCII has no halves to fall back to: it stays. */
  if (level >= 2 && style.symbols > CG_SYMBOLS_HALVES)
    style.symbols = CG_SYMBOLS_HALVES;
  return style;
}

gboolean
cg_picture_style_equal (CgPictureStyle a, CgPictureStyle b)
{
  return a.mode == b.mode && a.symbols == b.symbols;
}

void
cg_picture_cell_colors (const CgCell *cell, int colors, int *fg, int *bg, gboolean *bold)
{
  *fg = cell->fg;
  *bg = cell->bg;
  *bold = FALSE;
  /* A bright colour where only 8 are: its dark twin, and for the ink
   * bold, which the Linux console and xterm show bright. */
  if (*fg >= colors && *fg < 16 && colors >= 8)
    {
      *fg -= 8;
      *bold = TRUE;
    }
  if (*bg >= colors && *bg < 16 && colors >= 8)
    *bg -= 8;
  /* Anything else the terminal lacks is its own colour, never a number
   * it would refuse. */
  if (*fg >= colors)
    *fg = -1;
  if (*bg >= colors)
    *bg = -1;
}

void
cg_picture_draw (void *window, int y, int x, const CgCell *cells, int cols, int rows)
{
  WINDOW *win = window;
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        int fg, bg;
        gboolean bold;
        cg_picture_cell_colors (&cells[r * cols + c], COLORS, &fg, &bg, &bold);
        /* No pair left, or no colours at all: the symbols alone. */
        int pair = MAX (alloc_pair (fg, bg), 0);
        wchar_t wch[2] = { (wchar_t) cells[r * cols + c].ch, 0 };
        cchar_t cc;
        setcchar (&cc, wch, bold ? A_BOLD : A_NORMAL, 0, &pair);
        mvwadd_wch (win, y + r, x + c, &cc);
      }
}
