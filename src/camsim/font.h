/* font.h — a tiny built-in 5x7 bitmap font, so every simulated camera can
 * write its name into its own picture without a font library. */
#pragma once

#include <glib.h>

#define CG_CAMSIM_FONT_WIDTH 5
#define CG_CAMSIM_FONT_HEIGHT 7

/* Writes `text` into an 8-bit plane (the luma of a YUV frame) with each
 * font pixel a scale x scale square of value `value`, the top-left corner
 * at (x, y), clipped to width x height.  Letters are drawn upper-case;
 * characters without a glyph are drawn as a box.  Returns the width used. */
int cg_camsim_font_draw (guint8 *plane, int stride, int width, int height, int x, int y,
                         int scale, guint8 value, const char *text);

/* The width `text` would take at `scale`. */
int cg_camsim_font_text_width (const char *text, int scale);
