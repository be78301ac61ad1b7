/* test_motion.c — motion scoring on synthetic pictures: a moving object
 * scores, a global brightness change does not, a mask hides what it
 * covers, and hysteresis turns scores into events. */
#include "unit.h"

#include "daemon/vision/motion.h"

#include <math.h>
#include <string.h>

#define W 320
#define H 180

/* A textured street: a diagonal ramp, a few dark "buildings". */
static void
scene (guint8 *luma, double gain, int offset)
{
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        int v = 40 + (x + 2 * y) % 150;
        if ((x / 40) % 3 == 0 && y > 100)
          v = 30;
        luma[y * W + x] = (guint8) CLAMP ((int) lround (v * gain) + offset, 0, 255);
      }
}

/* A bright "person" of w x h at (x, y). */
static void
object (guint8 *luma, int x0, int y0, int w, int h)
{
  for (int y = y0; y < y0 + h && y < H; y++)
    for (int x = x0; x < x0 + w && x < W; x++)
      luma[y * W + x] = 240;
}

static void
grid (const guint8 *luma, CgMotionGrid *g)
{
  cg_motion_grid_from_luma (luma, W, W, H, g);
}

static void
test_grid_means (void **state)
{
  (void) state;
  static guint8 luma[W * H];
  memset (luma, 100, sizeof luma);
  object (luma, 0, 0, 10, 10); /* exactly cell (0,0) at 320x180 */
  CgMotionGrid g;
  grid (luma, &g);
  assert_float_equal (g.cell[0], 240, 0.01);
  assert_float_equal (g.cell[1], 100, 0.01);
  assert_float_equal (g.cell[CG_MOTION_CELLS - 1], 100, 0.01);
}

static void
test_still_scores_zero (void **state)
{
  (void) state;
  static guint8 a[W * H], b[W * H];
  scene (a, 1.0, 0);
  scene (b, 1.0, 0);
  /* Encoder noise: a level here and there. */
  for (int i = 0; i < W * H; i += 7)
    b[i] = (guint8) (b[i] + (i % 3) - 1);
  CgMotionGrid ga, gb;
  grid (a, &ga);
  grid (b, &gb);
  assert_float_equal (cg_motion_score (&ga, &gb, NULL, 1.0), 0.0, 1e-9);
}

static void
test_moving_object_scores (void **state)
{
  (void) state;
  static guint8 a[W * H], b[W * H];
  scene (a, 1.0, 0);
  scene (b, 1.0, 0);
  object (a, 50, 40, 20, 40);
  object (b, 150, 40, 20, 40);
  CgMotionGrid ga, gb;
  grid (a, &ga);
  grid (b, &gb);
  double score = cg_motion_score (&ga, &gb, NULL, 0.5);
  /* Two places changed (where it left and where it came): 2 x 2x4 cells
   * at least. */
  assert_true (score >= 16.0 / CG_MOTION_CELLS);
  assert_true (score < 0.1);
  assert_true (score >= cg_motion_threshold (NULL, 0.5));
  /* Less sensitive: a higher floor and more cells needed. */
  assert_true (cg_motion_threshold (NULL, 0.0) > cg_motion_threshold (NULL, 0.5));
  assert_true (cg_motion_noise_floor (0.0) > cg_motion_noise_floor (1.0));
}

static void
test_brightness_change_is_compensated (void **state)
{
  (void) state;
  static guint8 a[W * H], b[W * H], c[W * H];
  scene (a, 1.0, 0);
  scene (b, 1.0, 40);  /* a street light: everything brighter */
  scene (c, 1.35, -5); /* the camera's exposure */
  CgMotionGrid ga, gb, gc;
  grid (a, &ga);
  grid (b, &gb);
  grid (c, &gc);
  double gain, offset;
  cg_motion_brightness (&ga, &gb, NULL, &gain, &offset);
  assert_float_equal (gain, 1.0, 0.02);
  assert_float_equal (offset, 40.0, 1.5);
  assert_float_equal (cg_motion_score (&ga, &gb, NULL, 1.0), 0.0, 1e-9);
  assert_float_equal (cg_motion_score (&ga, &gc, NULL, 1.0), 0.0, 0.01);
  assert_true (cg_motion_score (&ga, &gc, NULL, 0.5) < cg_motion_threshold (NULL, 0.5));

  /* Brightness change and a moving object at once: the object still
   * counts, the change does not. */
  static guint8 d[W * H];
  scene (d, 1.0, 40);
  object (d, 200, 20, 30, 60);
  CgMotionGrid gd;
  grid (d, &gd);
  double score = cg_motion_score (&ga, &gd, NULL, 0.5);
  assert_true (score >= cg_motion_threshold (NULL, 0.5));
  assert_true (score < 0.1);
}

static void
test_mask (void **state)
{
  (void) state;
  CgMotionMask mask;
  g_autoptr (GError) error = NULL;
  /* The tree: columns 14-20, rows 2-9 (the object below, at 320x180:
   * x 150-170, y 40-80 -> columns 15-16, rows 4-7). */
  assert_true (cg_motion_mask_parse ("14,2,20,9", &mask, &error));
  assert_true (cg_motion_mask_has (&mask, 14, 2));
  assert_true (cg_motion_mask_has (&mask, 20, 9));
  assert_false (cg_motion_mask_has (&mask, 21, 9));
  assert_false (cg_motion_mask_has (&mask, 14, 10));

  static guint8 a[W * H], b[W * H];
  scene (a, 1.0, 0);
  scene (b, 1.0, 0);
  object (b, 150, 40, 20, 40);
  CgMotionGrid ga, gb;
  grid (a, &ga);
  grid (b, &gb);
  assert_true (cg_motion_score (&ga, &gb, NULL, 0.5) >= cg_motion_threshold (NULL, 0.5));
  assert_float_equal (cg_motion_score (&ga, &gb, &mask, 0.5), 0.0, 1e-9);

  /* Two rectangles, spaces allowed; an empty mask masks nothing. */
  assert_true (cg_motion_mask_parse ("0,0,31,3; 25, 10, 31, 17", &mask, NULL));
  assert_true (cg_motion_mask_has (&mask, 31, 17));
  assert_true (cg_motion_mask_has (&mask, 0, 3));
  assert_false (cg_motion_mask_has (&mask, 0, 4));
  assert_true (cg_motion_mask_parse ("", &mask, NULL));
  for (int i = 0; i < CG_MOTION_CELLS; i++)
    assert_false (cg_motion_mask_has (&mask, i % CG_MOTION_COLS, i / CG_MOTION_COLS));
  /* Whole mask: nothing can move. */
  assert_true (cg_motion_mask_parse ("0,0,31,17", &mask, NULL));
  assert_float_equal (cg_motion_score (&ga, &gb, &mask, 1.0), 0.0, 1e-9);

  const char *bad[] = { "1,2,3", "0,0,32,1", "0,0,1,18", "5,0,4,1", "a,b,c,d", "-1,0,1,1" };
  for (size_t i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      assert_false (cg_motion_mask_parse (bad[i], &mask, &error));
      assert_non_null (strstr (error->message, "0,0,31,3"));
    }
}

static void
test_hysteresis (void **state)
{
  (void) state;
  CgMotionRules rules = { .start_after = 2, .end_after = 2 };
  CgMotionState s = { 0 };
  CgMotionEvent ev;
  const double th = 0.01;
  gint64 t = 1000000;
  /* One moving keyframe alone (a bird, a flash) is no event. */
  assert_int_equal (cg_motion_feed (&s, &rules, 0.5, th, t += 2000000, &ev), CG_MOTION_NONE);
  assert_int_equal (cg_motion_feed (&s, &rules, 0.0, th, t += 2000000, &ev), CG_MOTION_NONE);
  assert_false (s.active);
  /* Two in a row start one, at the first of them. */
  gint64 first = t + 2000000;
  assert_int_equal (cg_motion_feed (&s, &rules, 0.2, th, t += 2000000, &ev), CG_MOTION_NONE);
  assert_int_equal (cg_motion_feed (&s, &rules, 0.3, th, t += 2000000, &ev), CG_MOTION_STARTED);
  assert_true (ev.start_us == first);
  assert_float_equal (ev.peak, 0.3, 1e-9);
  /* The peak rises; one still keyframe in the middle does not end it. */
  assert_int_equal (cg_motion_feed (&s, &rules, 0.6, th, t += 2000000, &ev), CG_MOTION_PEAK);
  assert_int_equal (cg_motion_feed (&s, &rules, 0.0, th, t += 2000000, &ev), CG_MOTION_NONE);
  assert_int_equal (cg_motion_feed (&s, &rules, 0.1, th, t += 2000000, &ev), CG_MOTION_NONE);
  assert_true (s.active);
  /* Two still ones end it, at the first still one. */
  gint64 still = t + 2000000;
  assert_int_equal (cg_motion_feed (&s, &rules, 0.001, th, t += 2000000, &ev), CG_MOTION_NONE);
  assert_int_equal (cg_motion_feed (&s, &rules, 0.0, th, t += 2000000, &ev), CG_MOTION_ENDED);
  assert_true (ev.start_us == first);
  assert_true (ev.end_us == still);
  assert_float_equal (ev.peak, 0.6, 1e-9);
  assert_false (s.active);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_grid_means),
    cmocka_unit_test (test_still_scores_zero),
    cmocka_unit_test (test_moving_object_scores),
    cmocka_unit_test (test_brightness_change_is_compensated),
    cmocka_unit_test (test_mask),
    cmocka_unit_test (test_hysteresis),
  };
  return cmocka_run_group_tests_name ("motion", tests, NULL, NULL);
}
