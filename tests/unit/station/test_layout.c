/* test_layout.c — grid tiles and camera pictures at the sizes officers'
 * terminals have. */
#include "unit.h"

#include "station/layout.h"

#include <stdlib.h>

static void
test_tiles_fit_and_do_not_overlap (void **state)
{
  const int sizes[][2] = { { 22, 80 }, { 48, 160 }, { 48, 200 }, { 30, 100 }, { 8, 40 } };
  for (size_t s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      int rows = sizes[s][0], cols = sizes[s][1];
      int max = cg_layout_grid_max (rows, cols);
      assert_true (max >= 1 && max <= 4);
      for (int n = 1; n <= max; n++)
        {
          g_autofree guint8 *used = g_new0 (guint8, rows * cols);
          for (int i = 0; i < n * n; i++)
            {
              CgRect r;
              if (!cg_layout_grid_tile (rows, cols, n, i, &r))
                {
                  assert_int_equal (n, 1); /* only a single tile may not fit */
                  continue;
                }
              assert_true (r.y >= 0 && r.x >= 0 && r.h >= 3 && r.w >= 10);
              assert_true (r.y + r.h <= rows - 1 && r.x + r.w <= cols);
              for (int y = r.y; y < r.y + r.h; y++)
                for (int x = r.x; x < r.x + r.w; x++)
                  {
                    assert_int_equal (used[y * cols + x], 0);
                    used[y * cols + x] = 1;
                  }
            }
        }
    }
}

static void
test_80x24_takes_four_by_four (void **state)
{
  /* The body of an 80x24 terminal (title and status lines taken). */
  assert_int_equal (cg_layout_grid_max (22, 80), 4);
  CgRect r;
  assert_true (cg_layout_grid_tile (22, 80, 4, 15, &r));
  assert_int_equal (r.w, 19);
  assert_int_equal (r.h, 4);
  /* Too small for 4 x 4: a smaller grid is used. */
  assert_int_equal (cg_layout_grid_max (8, 40), 1);
  assert_false (cg_layout_grid_tile (22, 80, 5, 0, &r));
  assert_false (cg_layout_grid_tile (22, 80, 2, 4, &r));
}

static void
test_grid_page_holds_the_selection (void **state)
{
  /* 10 cameras, the 7th selected: 4 to a page, it is on the second. */
  assert_int_equal (cg_layout_grid_page (6, 10, 2), 1);
  /* 9 to a page: the first; 16: the first; 1: the seventh. */
  assert_int_equal (cg_layout_grid_page (6, 10, 3), 0);
  assert_int_equal (cg_layout_grid_page (6, 10, 4), 0);
  assert_int_equal (cg_layout_grid_page (6, 10, 1), 6);
  /* The last camera on a page of its own. */
  assert_int_equal (cg_layout_grid_page (9, 10, 3), 1);
  /* Nothing selected, no camera, past the end (fewer cameras now). */
  assert_int_equal (cg_layout_grid_page (-1, 10, 2), 0);
  assert_int_equal (cg_layout_grid_page (0, 0, 2), 0);
  assert_int_equal (cg_layout_grid_page (12, 10, 2), 2);
  /* Going through every size, the selection is always on its page. */
  for (int n = 1; n <= 4; n++)
    for (int i = 0; i < 20; i++)
      {
        int page = cg_layout_grid_page (i, 20, n);
        assert_true (i >= page * n * n && i < (page + 1) * n * n);
      }
}

/* cols / rows of a picture is 32 / 9 (16:9, cells twice as tall as
 * wide), to rounding. */
static void
assert_aspect (const CgRect *r)
{
  assert_true (r->h > 0);
  assert_true (abs (r->w * 9 - r->h * 32) <= 9);
}

static void
test_picture_fit_keeps_16_9 (void **state)
{
  CgRect r;
  /* Wide area: the rows limit it. */
  assert_true (cg_layout_picture_fit (18, 200, 1, &r));
  assert_int_equal (r.h, 18);
  assert_int_equal (r.w, 64);
  /* Narrow area: the columns do. */
  assert_true (cg_layout_picture_fit (40, 64, 1, &r));
  assert_int_equal (r.h, 18);
  assert_int_equal (r.w, 64);
  for (int rows = 1; rows < 60; rows++)
    for (int cols = 1; cols < 220; cols += 7)
      if (cg_layout_picture_fit (rows, cols, 1, &r))
        {
          assert_aspect (&r);
          assert_true (r.h <= rows && r.w <= cols);
          assert_int_equal (r.x, 0);
          assert_int_equal (r.y, 0);
          /* As large as fits: one row more would not. */
          assert_true (r.h == rows || ((r.h + 1) * 32 + 4) / 9 > cols);
        }
  /* Too small. */
  assert_false (cg_layout_picture_fit (2, 200, 3, &r));
  assert_int_equal (r.w, 0);
  assert_false (cg_layout_picture_fit (20, 3, 1, &r));
  assert_false (cg_layout_picture_fit (0, 0, 1, &r));
}

static void
test_picture_beside_text (void **state)
{
  CgRect r;
  /* A camera's page at 160x48: 64 columns of text, the picture right. */
  assert_true (cg_layout_picture_beside (45, 159, 64, 6, &r));
  assert_aspect (&r);
  assert_int_equal (r.y, 0);
  assert_int_equal (r.x + r.w, 159);
  assert_true (r.x >= 64 + 2);
  assert_true (r.h >= 24);
  /* At 80 columns no useful picture fits beside 64 of text. */
  assert_false (cg_layout_picture_beside (21, 79, 64, 6, &r));
}

/* Inside the body, inside the panel, not over the footer, and the
 * picture and text apart. */
static void
assert_details_fit (int rows, int cols, const CgRect *panel, const CgRect *pic, const CgRect *text)
{
  assert_true (panel->y >= 0 && panel->x >= 0);
  assert_true (panel->y + panel->h <= rows - 1);
  assert_true (panel->x + panel->w <= cols);
  assert_true (text->w >= 1 && text->h >= 1);
  assert_true (text->y >= panel->y && text->y + text->h <= panel->y + panel->h);
  assert_true (text->x > panel->x && text->x + text->w < panel->x + panel->w);
  if (pic->w > 0)
    {
      assert_aspect (pic);
      assert_true (pic->y > panel->y && pic->y + pic->h < panel->y + panel->h);
      assert_true (pic->x > panel->x && pic->x + pic->w < text->x);
    }
}

static void
test_details_grow_with_the_terminal (void **state)
{
  CgRect panel, pic, text;
  /* 160x48: the body is 46 x 160.  Far more than the 36 x 14 it was. */
  cg_layout_details (46, 160, &panel, &pic, &text);
  assert_details_fit (46, 160, &panel, &pic, &text);
  assert_true (pic.h >= 28);
  assert_true (pic.w >= 100);
  assert_true (text.w >= 40);
  assert_int_equal (panel.h, pic.h + 2);
  /* 200x60: larger again. */
  CgRect big;
  cg_layout_details (58, 200, &panel, &big, &text);
  assert_details_fit (58, 200, &panel, &big, &text);
  assert_true (big.h > pic.h);
  /* 80x24: a picture, and readable text beside it. */
  cg_layout_details (22, 80, &panel, &pic, &text);
  assert_details_fit (22, 80, &panel, &pic, &text);
  assert_true (pic.h >= 8);
  assert_true (text.w >= 38);
  assert_int_equal (panel.h, CG_LAYOUT_DETAILS_ROWS);
  /* 40x10: still something of both. */
  cg_layout_details (8, 40, &panel, &pic, &text);
  assert_details_fit (8, 40, &panel, &pic, &text);
  assert_true (pic.h >= 3);
  assert_true (text.w >= 20);
  /* Tinier than that: the text alone, never outside. */
  const int tiny[][2] = { { 4, 30 }, { 3, 20 }, { 1, 5 }, { 8, 22 } };
  for (size_t i = 0; i < G_N_ELEMENTS (tiny); i++)
    {
      cg_layout_details (tiny[i][0], tiny[i][1], &panel, &pic, &text);
      assert_true (panel.y + panel.h <= MAX (tiny[i][0] - 1, 1));
      assert_true (panel.x + panel.w <= tiny[i][1]);
    }
  /* Every size in between stays inside. */
  for (int rows = 8; rows <= 70; rows++)
    for (int cols = 40; cols <= 240; cols += 3)
      {
        cg_layout_details (rows, cols, &panel, &pic, &text);
        assert_details_fit (rows, cols, &panel, &pic, &text);
      }
}

/* A name covers no marker and no name placed before it, and moves round
 * its marker to find room: the road of the commune map, with cameras a
 * few cells apart. */
static void
test_map_names_hide_no_camera (void **state)
{
  (void) state;
  CgRect taken[8] = {
    { .y = 6, .x = 8, .h = 1, .w = 1 },
    { .y = 6, .x = 26, .h = 1, .w = 1 },
    { .y = 6, .x = 32, .h = 1, .w = 1 },
  };
  int n = 3;
  CgRect at;
  /* Room on the right: there. */
  cg_layout_map_name (20, 80, 6, 8, 10, taken, n, &at);
  assert_int_equal (at.y, 6);
  assert_int_equal (at.x, 10);
  assert_int_equal (at.w, 10);
  /* Too long for the right (the camera at 26), too near the edge for the
   * left: the row above, centred on the marker, whole. */
  cg_layout_map_name (20, 80, 6, 8, 26, taken, n, &at);
  assert_int_equal (at.y, 5);
  assert_int_equal (at.x, 0);
  assert_int_equal (at.w, 26);
  taken[n++] = at;
  /* The next name on that row keeps off the first: left of its marker. */
  cg_layout_map_name (20, 80, 6, 32, 12, taken, n, &at);
  assert_int_equal (at.y, 6);
  assert_int_equal (at.x, 34);
  taken[n++] = at;
  cg_layout_map_name (20, 80, 6, 26, 20, taken, n, &at);
  assert_int_equal (at.y, 7);
  assert_int_equal (at.x, 16);
  taken[n++] = at;
  /* Nowhere whole: right of the marker, cut one cell before the camera in
   * its way. */
  CgRect boxed[] = {
    { .y = 0, .x = 0, .h = 1, .w = 40 }, { .y = 2, .x = 0, .h = 1, .w = 40 },
    { .y = 1, .x = 10, .h = 1, .w = 1 }, { .y = 1, .x = 3, .h = 1, .w = 1 },
    { .y = 1, .x = 20, .h = 1, .w = 1 },
  };
  cg_layout_map_name (3, 40, 1, 10, 15, boxed, 5, &at);
  assert_int_equal (at.y, 1);
  assert_int_equal (at.x, 12);
  assert_int_equal (at.w, 7);
  /* At the map's corner, never outside it. */
  cg_layout_map_name (1, 12, 0, 11, 30, NULL, 0, &at);
  assert_true (at.x >= 0 && at.x + at.w <= 12);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tiles_fit_and_do_not_overlap),
    cmocka_unit_test (test_80x24_takes_four_by_four),
    cmocka_unit_test (test_grid_page_holds_the_selection),
    cmocka_unit_test (test_picture_fit_keeps_16_9),
    cmocka_unit_test (test_picture_beside_text),
    cmocka_unit_test (test_details_grow_with_the_terminal),
    cmocka_unit_test (test_map_names_hide_no_camera),
  };
  return cmocka_run_group_tests_name ("layout", tests, NULL, NULL);
}
