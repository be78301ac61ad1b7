/* test_picture.c — pixels to terminal cells, as the station draws them. */
#include "unit.h"

#include "station/picture.h"

#include <string.h>

/* A 64x32 picture: left half red, right half blue. */
static guint8 *
halves (void)
{
  guint8 *rgb = g_malloc (64 * 32 * 3);
  for (int y = 0; y < 32; y++)
    for (int x = 0; x < 64; x++)
      {
        guint8 *p = rgb + (y * 64 + x) * 3;
        p[0] = x < 32 ? 255 : 0;
        p[1] = 0;
        p[2] = x < 32 ? 0 : 255;
      }
  return rgb;
}

/* A 64x32 ramp from black on the left to (r, g, b) on the right. */
static guint8 *
ramp (int r, int g, int b)
{
  guint8 *rgb = g_malloc (64 * 32 * 3);
  for (int y = 0; y < 32; y++)
    for (int x = 0; x < 64; x++)
      {
        guint8 *p = rgb + (y * 64 + x) * 3;
        p[0] = (guint8) (r * x / 63);
        p[1] = (guint8) (g * x / 63);
        p[2] = (guint8) (b * x / 63);
      }
  return rgb;
}

/* Something like a street camera's picture, 320x180: a sky lighter
 * towards the horizon, textured grass, a grey road narrowing away, a
 * red car and a lamp. */
#define STREET_W 320
#define STREET_H 180

static guint8 *
street (void)
{
  guint8 *rgb = g_malloc (STREET_W * STREET_H * 3);
  for (int y = 0; y < STREET_H; y++)
    for (int x = 0; x < STREET_W; x++)
      {
        guint8 *p = rgb + (y * STREET_W + x) * 3;
        int r, g, b;
        int noise = (int) ((guint) (x * 7919 + y * 104729) * 2654435761u >> 27) - 16;
        int half = 20 + (y - 80) * 120 / 100; /* the road's half width */
        if (y < 80)
          r = 90 + y * 3 / 2, g = 130 + y, b = 220 - y / 2;
        else if (ABS (x - 160) < half)
          r = g = b = 110 + noise / 2;
        else
          r = 40 + noise, g = 100 + y / 2 + noise * 2, b = 30;
        if (x >= 120 && x < 168 && y >= 120 && y < 148)
          r = 200, g = 20 + noise, b = 30;
        if ((x - 260) * (x - 260) + (y - 40) * (y - 40) < 144)
          r = g = 250, b = 200;
        p[0] = (guint8) CLAMP (r, 0, 255);
        p[1] = (guint8) CLAMP (g, 0, 255);
        p[2] = (guint8) CLAMP (b, 0, 255);
      }
  return rgb;
}

/* The street in a 40x12 tile. */
static CgCell *
street_cells (const guint8 *photo, const CgPictureStyle *style)
{
  return cg_picture_cells (photo, STREET_W, STREET_H, STREET_W * 3, 40, 12, style);
}

static const CgPictureStyle style_256 = { CG_COLORS_256, CG_SYMBOLS_BLOCKS };
static const CgPictureStyle style_direct = { CG_COLORS_DIRECT, CG_SYMBOLS_BLOCKS };

/* The colour a solid cell shows: its background when blank, else ink. */
static int
shown (const CgCell *c)
{
  return c->ch == ' ' ? c->bg : c->fg;
}

static void
test_256_colours (void **state)
{
  g_autofree guint8 *rgb = halves ();
  g_autofree CgCell *cells = cg_picture_cells (rgb, 64, 32, 64 * 3, 16, 8, &style_256);
  /* xterm's 256-colour cube: red is 196, blue is 21. */
  for (int y = 0; y < 8; y++)
    {
      assert_int_equal (shown (&cells[y * 16 + 1]), 196);
      assert_int_equal (shown (&cells[y * 16 + 14]), 21);
    }
}

static void
test_direct_colours (void **state)
{
  g_autofree guint8 *rgb = halves ();
  g_autofree CgCell *cells = cg_picture_cells (rgb, 64, 32, 64 * 3, 16, 8, &style_direct);
  assert_int_equal (shown (&cells[0]) & 0xffffff, 0xff0000);
  assert_int_equal (shown (&cells[15]) & 0xffffff, 0x0000ff);
}

static void
test_ascii_only (void **state)
{
  /* A gradient, so that chafa needs more than blanks. */
  guint8 *rgb = g_malloc (64 * 32 * 3);
  for (int i = 0; i < 64 * 32; i++)
    rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = (guint8) ((i % 64) * 4 ^ (i / 64) * 8);
  for (CgColorMode mode = CG_COLORS_8; mode <= CG_COLORS_16; mode++)
    {
      CgPictureStyle style = { mode, CG_SYMBOLS_ASCII };
      g_autofree CgCell *cells = cg_picture_cells (rgb, 64, 32, 64 * 3, 20, 10, &style);
      int colors = mode == CG_COLORS_8 ? 8 : 16;
      for (int i = 0; i < 200; i++)
        {
          assert_true (cells[i].ch >= 0x20 && cells[i].ch < 0x7f);
          assert_true (cells[i].fg < colors && cells[i].bg < colors);
        }
    }
  g_free (rgb);
}

static gboolean
is_console_symbol (gunichar ch)
{
  static const gunichar allowed[] = { ' ', 0x2580, 0x2584, 0x2588, 0x258c,
                                      0x2590, 0x2591, 0x2592, 0x2593 };
  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (ch == allowed[i])
      return TRUE;
  return FALSE;
}

/* The Linux console's font has no quadrants or eighths: only its own
 * blocks and shades, in every colour mode. */
static void
test_console_symbols (void **state)
{
  g_autofree guint8 *grey = ramp (255, 255, 255);
  g_autofree guint8 *photo = street ();
  for (CgColorMode mode = CG_COLORS_8; mode <= CG_COLORS_DIRECT; mode++)
    {
      CgPictureStyle style = { mode, CG_SYMBOLS_CONSOLE };
      g_autofree CgCell *a = cg_picture_cells (grey, 64, 32, 64 * 3, 20, 10, &style);
      g_autofree CgCell *b = street_cells (photo, &style);
      for (int i = 0; i < 20 * 10; i++)
        assert_true (is_console_symbol (a[i].ch));
      int drawn = 0; /* not blanks only: the street has edges */
      for (int i = 0; i < 40 * 12; i++)
        {
          assert_true (is_console_symbol (b[i].ch));
          drawn += b[i].ch != ' ' && b[i].ch != 0x2588;
        }
      assert_true (drawn > 0);
    }
}

static int
looks (const CgCell *cells, int n)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (int i = 0; i < n; i++)
    {
      gint64 *key = g_new (gint64, 1);
      *key = ((gint64) cells[i].ch << 32) | ((gint64) (cells[i].fg & 0xffff) << 16)
             | (cells[i].bg & 0xffff);
      g_hash_table_add (seen, key);
    }
  return (int) g_hash_table_size (seen);
}

/* TERM=xterm and the Linux console have 8 colours: no number above 7,
 * and a ramp shaded (dithered), not one flat green. */
static void
test_8_colours (void **state)
{
  g_autofree guint8 *green = ramp (40, 200, 60);
  g_autofree guint8 *photo = street ();
  for (CgSymbols symbols = CG_SYMBOLS_ASCII; symbols <= CG_SYMBOLS_BLOCKS; symbols++)
    {
      CgPictureStyle style = { CG_COLORS_8, symbols };
      g_autofree CgCell *a = cg_picture_cells (green, 64, 32, 64 * 3, 20, 10, &style);
      g_autofree CgCell *b = street_cells (photo, &style);
      for (int i = 0; i < 20 * 10; i++)
        assert_true (a[i].fg >= 0 && a[i].fg < 8 && a[i].bg >= 0 && a[i].bg < 8);
      for (int i = 0; i < 40 * 12; i++)
        assert_true (b[i].fg >= 0 && b[i].fg < 8 && b[i].bg >= 0 && b[i].bg < 8);
      assert_true (looks (a, 20 * 10) > 2);
    }
}

/* What a terminal with fewer colours than the cells' gets instead. */
static void
test_cell_colors (void **state)
{
  int fg, bg;
  gboolean bold;
  cg_picture_cell_colors (&(CgCell){ ' ', 12, 9 }, 8, &fg, &bg, &bold);
  assert_int_equal (fg, 4);
  assert_int_equal (bg, 1);
  assert_true (bold);
  cg_picture_cell_colors (&(CgCell){ ' ', 3, 7 }, 8, &fg, &bg, &bold);
  assert_int_equal (fg, 3);
  assert_int_equal (bg, 7);
  assert_false (bold);
  cg_picture_cell_colors (&(CgCell){ ' ', 196, -1 }, 16, &fg, &bg, &bold);
  assert_int_equal (fg, -1);
  assert_int_equal (bg, -1);
  cg_picture_cell_colors (&(CgCell){ ' ', 0xff0000, 21 }, 0x1000000, &fg, &bg, &bold);
  assert_int_equal (fg, 0xff0000);
  assert_int_equal (bg, 21);
  /* No colours at all: the terminal's own. */
  cg_picture_cell_colors (&(CgCell){ ' ', 1, 2 }, 0, &fg, &bg, &bold);
  assert_int_equal (fg, -1);
  assert_int_equal (bg, -1);
}

static void
assert_style (CgPictureStyle s, CgColorMode mode, CgSymbols symbols)
{
  assert_int_equal (s.mode, mode);
  assert_int_equal (s.symbols, symbols);
}

static void
test_style_for_terminal (void **state)
{
  assert_style (cg_picture_style_for_terminal ("linux", 8, TRUE), CG_COLORS_8, CG_SYMBOLS_CONSOLE);
  assert_style (cg_picture_style_for_terminal ("linux-16color", 16, TRUE), CG_COLORS_16,
                CG_SYMBOLS_CONSOLE);
  assert_style (cg_picture_style_for_terminal ("xterm-256color", 256, TRUE), CG_COLORS_256,
                CG_SYMBOLS_BLOCKS);
  assert_style (cg_picture_style_for_terminal ("xterm-256color", 256, FALSE), CG_COLORS_256,
                CG_SYMBOLS_ASCII);
  assert_style (cg_picture_style_for_terminal ("linux", 8, FALSE), CG_COLORS_8, CG_SYMBOLS_ASCII);
  assert_style (cg_picture_style_for_terminal ("xterm", 8, TRUE), CG_COLORS_8, CG_SYMBOLS_BLOCKS);
  assert_style (cg_picture_style_for_terminal ("xterm-16color", 16, TRUE), CG_COLORS_16,
                CG_SYMBOLS_BLOCKS);
  assert_style (cg_picture_style_for_terminal ("xterm-direct", 0x1000000, TRUE), CG_COLORS_DIRECT,
                CG_SYMBOLS_BLOCKS);
  /* No colours, or no TERM: still a style the cells can be made in. */
  assert_style (cg_picture_style_for_terminal ("vt100", 0, FALSE), CG_COLORS_8, CG_SYMBOLS_ASCII);
  assert_style (cg_picture_style_for_terminal (NULL, 8, TRUE), CG_COLORS_8, CG_SYMBOLS_BLOCKS);
}

/* A slower line never gets a richer picture, and level 2's cells are
 * blanks and half blocks only. */
static void
test_degrade (void **state)
{
  g_autofree guint8 *photo = street ();
  for (CgColorMode mode = CG_COLORS_8; mode <= CG_COLORS_DIRECT; mode++)
    for (CgSymbols symbols = CG_SYMBOLS_ASCII; symbols <= CG_SYMBOLS_BLOCKS; symbols++)
      {
        CgPictureStyle best = { mode, symbols }, prev = best;
        assert_true (cg_picture_style_equal (cg_picture_style_degrade (best, 0), best));
        for (int level = 1; level <= 3; level++)
          {
            CgPictureStyle s = cg_picture_style_degrade (best, level);
            assert_true (s.mode <= prev.mode && s.symbols <= prev.symbols);
            assert_true (s.mode <= CG_COLORS_16);
            assert_true (mode != CG_COLORS_8 || s.mode == CG_COLORS_8);
            /* ASCII has nothing coarser; UTF-8 symbols never replace it. */
            assert_true ((symbols == CG_SYMBOLS_ASCII) == (s.symbols == CG_SYMBOLS_ASCII));
            if (level >= 2 && symbols != CG_SYMBOLS_ASCII)
              {
                assert_int_equal (s.symbols, CG_SYMBOLS_HALVES);
                g_autofree CgCell *c = street_cells (photo, &s);
                for (int i = 0; i < 40 * 12; i++)
                  assert_true (c[i].ch == ' ' || c[i].ch == 0x2580 || c[i].ch == 0x2584);
              }
            prev = s;
          }
      }
  CgPictureStyle a = { CG_COLORS_16, CG_SYMBOLS_CONSOLE }, b = { CG_COLORS_16, CG_SYMBOLS_BLOCKS };
  assert_false (cg_picture_style_equal (a, b));
}

/* Grey is each pixel's luminance: white stays white, black black, pure
 * red, green and blue their weights, and nothing keeps a hue. */
static void
test_grey (void **state)
{
  /* Two rows of four, with two bytes of padding after each row. */
  const guint8 rgb[] = { 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 9, 9,
                         0, 0, 255, 10, 200, 30, 128, 128, 128, 1, 2, 3, 9, 9 };
  g_autofree guint8 *grey = cg_picture_grey (rgb, 4, 2, 14);
  const guint8 want[] = { 255, 0, 76, 150, 29, 124, 128, 2 };
  for (int i = 0; i < 8; i++)
    {
      assert_int_equal (grey[i * 3], want[i]);
      assert_int_equal (grey[i * 3 + 1], want[i]);
      assert_int_equal (grey[i * 3 + 2], want[i]);
    }
  /* Rendered, a grey picture has no coloured cell: with 256 colours
   * every cell's colours are greys of the palette (16, 59, 102, 145, 188,
   * 231 on the cube's diagonal, 232-255 the ramp) or the terminal's own. */
  g_autofree guint8 *halves_rgb = halves ();
  g_autofree guint8 *g = cg_picture_grey (halves_rgb, 64, 32, 64 * 3);
  CgPictureStyle s = { CG_COLORS_256, CG_SYMBOLS_BLOCKS };
  g_autofree CgCell *cells = cg_picture_cells (g, 64, 32, 64 * 3, 16, 8, &s);
  for (int i = 0; i < 16 * 8; i++)
    for (int k = 0; k < 2; k++)
      {
        int c = k == 0 ? cells[i].fg : cells[i].bg;
        assert_true (c < 0 || c >= 232 || c == 16 || c == 59 || c == 102 || c == 145 || c == 188
                     || c == 231 || c == 0 || c == 7 || c == 8 || c == 15);
      }
}

/* The next frame of a series renders only the rows that changed, and
 * gives exactly the cells a whole rendering would; where that cannot be
 * exact (8 colours: dithering), the whole picture. */
static void
test_cells_changed (void **state)
{
  /* 40x10 cells, 8x8 pixels each: the street scaled onto them. */
  int w = 320, h = 80, cols = 40, rows = 10;
  g_autofree guint8 *street_rgb = street ();
  g_autofree guint8 *a = g_malloc ((gsize) w * h * 3);
  for (int y = 0; y < h; y++)
    memcpy (a + (gsize) y * w * 3, street_rgb + (gsize) (y * 2) * STREET_W * 3, (gsize) w * 3);
  g_autofree guint8 *b = g_memdup2 (a, (gsize) w * h * 3);
  /* A car moves through cell rows 3 and 4. */
  for (int y = 26; y < 38; y++)
    for (int x = 100; x < 140; x++)
      {
        guint8 *p = b + ((gsize) y * w + x) * 3;
        p[0] = 230, p[1] = 20, p[2] = 30;
      }
  const CgPictureStyle styles[] = { { CG_COLORS_DIRECT, CG_SYMBOLS_BLOCKS }, { CG_COLORS_256, CG_SYMBOLS_BLOCKS },
                                    { CG_COLORS_256, CG_SYMBOLS_HALVES } };
  for (gsize i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree CgCell *first = cg_picture_cells (a, w, h, w * 3, cols, rows, &styles[i]);
      g_autofree CgCell *whole = cg_picture_cells (b, w, h, w * 3, cols, rows, &styles[i]);
      int rendered = -1;
      g_autofree CgCell *part = cg_picture_cells_changed (a, first, b, w, h, w * 3, cols, rows, &styles[i],
                                                          &rendered);
      assert_int_equal (rendered, 2);
      assert_memory_equal (part, whole, sizeof (CgCell) * (gsize) cols * rows);
      /* Nothing changed: nothing rendered, the same cells. */
      g_autofree CgCell *same = cg_picture_cells_changed (b, whole, b, w, h, w * 3, cols, rows, &styles[i],
                                                          &rendered);
      assert_int_equal (rendered, 0);
      assert_memory_equal (same, whole, sizeof (CgCell) * (gsize) cols * rows);
    }
  /* 8 colours dither across rows: the whole picture again. */
  CgPictureStyle eight = { CG_COLORS_8, CG_SYMBOLS_BLOCKS };
  g_autofree CgCell *first8 = cg_picture_cells (a, w, h, w * 3, cols, rows, &eight);
  int rendered = -1;
  g_autofree CgCell *part8 = cg_picture_cells_changed (a, first8, b, w, h, w * 3, cols, rows, &eight, &rendered);
  assert_int_equal (rendered, rows);
  /* Pixels that do not fall whole into cells: the whole picture too. */
  g_autofree CgCell *odd = cg_picture_cells_changed (a, first8, b, w, h, w * 3, cols, rows - 1, &styles[0],
                                                     &rendered);
  assert_int_equal (rendered, rows - 1);
}

/* Half blocks in 256 colours and more are drawn without chafa: each
 * cell the mean of its upper and lower halves. */
static void
test_halves_fast (void **state)
{
  /* 2x1 cells over 4x4 pixels: left red over blue, right all green. */
  guint8 rgb[4 * 4 * 3] = { 0 };
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 4; x++)
      {
        guint8 *p = rgb + (y * 4 + x) * 3;
        if (x >= 2)
          p[1] = 255;
        else if (y < 2)
          p[0] = 255;
        else
          p[2] = 255;
      }
  CgPictureStyle direct = { CG_COLORS_DIRECT, CG_SYMBOLS_HALVES };
  g_autofree CgCell *d = cg_picture_cells (rgb, 4, 4, 12, 2, 1, &direct);
  assert_int_equal (d[0].ch, 0x2580);
  assert_int_equal (d[0].fg, 0xff0000);
  assert_int_equal (d[0].bg, 0x0000ff);
  assert_int_equal (d[1].ch, ' ');
  assert_int_equal (d[1].bg, 0x00ff00);
  CgPictureStyle indexed = { CG_COLORS_256, CG_SYMBOLS_HALVES };
  g_autofree CgCell *i = cg_picture_cells (rgb, 4, 4, 12, 2, 1, &indexed);
  assert_int_equal (i[0].fg, 16 + 36 * 5); /* red in the cube */
  assert_int_equal (i[0].bg, 16 + 5);      /* blue */
  assert_int_equal (i[1].bg, 16 + 6 * 5);  /* green */
}

static void
test_jpeg_round_trip (void **state)
{
  /* Not a JPEG: a clear refusal, no crash. */
  g_autoptr (GError) error = NULL;
  int w = 0, h = 0;
  const char junk[] = "\xff\xd8 not really a jpeg";
  g_autofree guint8 *none = cg_picture_decode_jpeg (junk, sizeof junk, &w, &h, &error);
  assert_null (none);
  assert_non_null (error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_256_colours),
    cmocka_unit_test (test_direct_colours),
    cmocka_unit_test (test_ascii_only),
    cmocka_unit_test (test_console_symbols),
    cmocka_unit_test (test_8_colours),
    cmocka_unit_test (test_cell_colors),
    cmocka_unit_test (test_style_for_terminal),
    cmocka_unit_test (test_degrade),
    cmocka_unit_test (test_grey),
    cmocka_unit_test (test_cells_changed),
    cmocka_unit_test (test_halves_fast),
    cmocka_unit_test (test_jpeg_round_trip),
  };
  return cmocka_run_group_tests_name ("picture", tests, NULL, NULL);
}
