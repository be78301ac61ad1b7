/* test_layout.c — grid tiles at the sizes officers' terminals have. */
#include "unit.h"

#include "station/layout.h"

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

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tiles_fit_and_do_not_overlap),
    cmocka_unit_test (test_80x24_takes_four_by_four),
  };
  return cmocka_run_group_tests_name ("layout", tests, NULL, NULL);
}
