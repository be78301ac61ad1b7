/* test_camsim_picture.c — the street scene: the picture stands still but
 * for the vehicle crossing it and the frame counter, and the vehicle
 * crosses once a loop. */
#include "unit.h"

#include "camsim/picture.h"

#include <string.h>

#define W 640
#define H 360
#define COUNT 100

typedef struct {
  guint8 y[W * H], u[W * H / 4], v[W * H / 4];
} Frame;

static void
draw (Frame *f, const CgCamsimScene *scene, guint index)
{
  guint8 *const planes[3] = { f->y, f->u, f->v };
  const int strides[3] = { W, W / 2, W / 2 };
  cg_camsim_picture_draw (planes, strides, W, H, "cam1", 1, index, COUNT, scene);
}

/* Luma pixels that differ between a and b. */
static guint
changed (const Frame *a, const Frame *b)
{
  guint n = 0;
  for (guint i = 0; i < W * H; i++)
    n += a->y[i] != b->y[i];
  return n;
}

static void
test_street_mostly_still (void **state)
{
  (void) state;
  CgCamsimScene street = { .street = TRUE }, moving = { 0 };
  g_autofree Frame *a = g_new0 (Frame, 1), *b = g_new0 (Frame, 1);
  guint most = 0;
  for (guint i = 0; i + 1 < COUNT; i += 7)
    {
      draw (a, &street, i);
      draw (b, &street, i + 1);
      guint n = changed (a, b);
      /* Something moves in every frame (the counter at least) ... */
      assert_true (n > 0);
      most = MAX (most, n);
    }
  /* ... but never more than 3 % of the picture from one frame to the next. */
  assert_true (most * 100 < 3u * W * H);
  assert_true (most > 0);
  /* Frames far apart differ in little more: the background stands still. */
  draw (a, &street, 10);
  draw (b, &street, 60);
  assert_true (changed (a, b) * 100 < 5u * W * H);
  /* Whereas in the moving scene nearly everything changes. */
  draw (a, &moving, 10);
  draw (b, &moving, 11);
  assert_true (changed (a, b) * 100 > 50u * W * H);
}

static void
test_street_vehicle_crosses (void **state)
{
  (void) state;
  int x, y, w, h, last = G_MININT;
  cg_camsim_street_vehicle (W, H, 0, COUNT, &x, &y, &w, &h);
  assert_true (x + w <= 0); /* starts off the picture */
  assert_true (w > 0 && h > 0 && w < W / 10 && h < H / 10);
  assert_true (y > H / 2 && y + h < H);
  for (guint i = 0; i < COUNT; i++)
    {
      cg_camsim_street_vehicle (W, H, i, COUNT, &x, &y, &w, &h);
      assert_true (x >= last); /* left to right */
      last = x;
    }
  assert_true (x > W - w); /* nearly off on the right at the loop's end */
  /* The vehicle's pixels change as it passes, the rest do not. */
  CgCamsimScene street = { .street = TRUE };
  g_autofree Frame *a = g_new0 (Frame, 1), *b = g_new0 (Frame, 1);
  draw (a, &street, COUNT / 2);
  draw (b, &street, COUNT / 2 + 5);
  cg_camsim_street_vehicle (W, H, COUNT / 2, COUNT, &x, &y, &w, &h);
  assert_int_not_equal (a->y[(y + h / 2) * W + x + 1], b->y[(y + h / 2) * W + x + 1]);
  assert_int_equal (a->y[10 * W + W / 2], b->y[10 * W + W / 2]);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_street_mostly_still),
    cmocka_unit_test (test_street_vehicle_crosses),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
