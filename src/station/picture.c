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

CgCell *
cg_picture_cells (const guint8 *rgb, int width, int height, int rowstride, int cols, int rows,
                  CgColorMode mode, gboolean utf8)
{
  CgCell *cells = g_new0 (CgCell, (gsize) cols * (gsize) rows);
  ChafaSymbolMap *map = chafa_symbol_map_new ();
  if (utf8)
    chafa_symbol_map_add_by_tags (map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SPACE
                                         | CHAFA_SYMBOL_TAG_HALF);
  else
    chafa_symbol_map_add_by_tags (map, CHAFA_SYMBOL_TAG_ASCII | CHAFA_SYMBOL_TAG_SPACE);
  ChafaCanvasConfig *config = chafa_canvas_config_new ();
  chafa_canvas_config_set_geometry (config, cols, rows);
  chafa_canvas_config_set_symbol_map (config, map);
  chafa_canvas_config_set_canvas_mode (config, mode == CG_COLORS_DIRECT ? CHAFA_CANVAS_MODE_TRUECOLOR
                                               : mode == CG_COLORS_256 ? CHAFA_CANVAS_MODE_INDEXED_240
                                                                       : CHAFA_CANVAS_MODE_INDEXED_16);
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

CgColorMode
cg_picture_color_mode (void)
{
  if (COLORS >= 0x1000000)
    return CG_COLORS_DIRECT;
  if (COLORS >= 256)
    return CG_COLORS_256;
  return CG_COLORS_16;
}

void
cg_picture_draw (void *window, int y, int x, const CgCell *cells, int cols, int rows)
{
  WINDOW *win = window;
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        const CgCell *cell = &cells[r * cols + c];
        int pair = alloc_pair (cell->fg, cell->bg);
        wchar_t wch[2] = { (wchar_t) cell->ch, 0 };
        cchar_t cc;
        setcchar (&cc, wch, A_NORMAL, 0, &pair);
        mvwadd_wch (win, y + r, x + c, &cc);
      }
}
