/* test_timeline.c — what cameras do to timestamps, and what a recording
 * keeps of them. */
#include "unit.h"

#include "daemon/capture/timeline.h"

#include <libavutil/avutil.h>

#define MS G_GINT64_CONSTANT (1000)
#define S G_GINT64_CONSTANT (1000000)
#define WALL0 (G_GINT64_CONSTANT (1795717845) * S)

static const AVRational tb90k = { 1, 90000 };

/* 25 fps video in 90 kHz: 3600 ticks a frame. */
static gboolean
place (CgTimeline *t, gboolean video, gint64 ts, gint64 now, CgTimelinePoint *p)
{
  return cg_timeline_place (t, video, ts, ts, tb90k, now, p);
}

static void
test_steady (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p, prev = { 0 };
  for (int i = 0; i < 100; i++)
    {
      assert_true (place (&t, TRUE, 123456 + i * 3600, WALL0 + i * 40 * MS, &p));
      assert_false (p.gap);
      assert_int_equal (p.wall_us, WALL0 + i * 40 * MS);
      if (i > 0)
        assert_true (p.dts > prev.dts);
      prev = p;
    }
  assert_int_equal (t.discontinuities, 0);
}

static void
test_missing_timestamps_at_start (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p[3];
  assert_true (cg_timeline_place (&t, TRUE, AV_NOPTS_VALUE, AV_NOPTS_VALUE, tb90k, WALL0, &p[0]));
  assert_true (cg_timeline_place (&t, TRUE, AV_NOPTS_VALUE, AV_NOPTS_VALUE, tb90k, WALL0 + 40 * MS, &p[1]));
  assert_true (p[1].dts > p[0].dts);
  /* Audio without a timestamp cannot be placed. */
  assert_false (cg_timeline_place (&t, FALSE, AV_NOPTS_VALUE, AV_NOPTS_VALUE, tb90k, WALL0, &p[2]));
  /* Real timestamps then follow on from the made-up ones. */
  assert_true (place (&t, TRUE, 7200, WALL0 + 80 * MS, &p[2]));
  assert_true (p[2].dts > p[1].dts);
}

static void
test_backwards_and_jumps (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p, prev;
  gint64 now = WALL0;
  assert_true (place (&t, TRUE, 900000, now, &prev));
  /* The camera rebooted: timestamps restart from zero. */
  now += 40 * MS;
  assert_true (place (&t, TRUE, 0, now, &p));
  assert_int_equal (p.dts - prev.dts, 3600);
  assert_int_equal (t.discontinuities, 1);
  prev = p;
  /* And carry on from there, smoothly. */
  now += 40 * MS;
  assert_true (place (&t, TRUE, 3600, now, &p));
  assert_int_equal (p.dts - prev.dts, 3600);
  assert_int_equal (t.discontinuities, 1);
  prev = p;
  /* A jump an hour ahead is not an hour of recording. */
  now += 40 * MS;
  assert_true (place (&t, TRUE, 3600 + 3600LL * 90000, now, &p));
  assert_int_equal (p.dts - prev.dts, 3600);
  assert_int_equal (t.discontinuities, 2);
  /* Repeated timestamp: still strictly increasing. */
  prev = p;
  now += 40 * MS;
  assert_true (place (&t, TRUE, 3600 + 3600LL * 90000, now, &p));
  assert_true (p.dts > prev.dts);
  for (int i = 0; i < 3; i++)
    assert_true (p.wall_us <= now);
}

static void
test_gap_is_counted (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p;
  assert_true (place (&t, TRUE, 0, WALL0, &p));
  assert_true (place (&t, TRUE, 3600, WALL0 + 40 * MS, &p));
  assert_false (p.gap);
  /* Five frames lost on the link: a gap, but not a discontinuity. */
  assert_true (place (&t, TRUE, 3600 * 7, WALL0 + 280 * MS, &p));
  assert_true (p.gap);
  assert_int_equal (t.discontinuities, 0);
  assert_int_equal (p.wall_us, WALL0 + 280 * MS);
}

static void
test_audio (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p;
  const AVRational tb8k = { 1, 8000 };
  assert_true (place (&t, TRUE, 0, WALL0, &p));
  assert_true (cg_timeline_place (&t, FALSE, 160, 160, tb8k, WALL0 + 20 * MS, &p));
  assert_int_equal (p.dts, 160);
  /* Backwards audio is dropped, not written. */
  assert_false (cg_timeline_place (&t, FALSE, 80, 80, tb8k, WALL0 + 30 * MS, &p));
  /* Audio a minute away from the video is dropped. */
  assert_false (cg_timeline_place (&t, FALSE, 8000 * 60, 8000 * 60, tb8k, WALL0 + 40 * MS, &p));
}

static void
test_bframes_keep_their_order (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p;
  /* Decode 0 presents at 7200: the distance is kept. */
  assert_true (cg_timeline_place (&t, TRUE, 7200, 0, tb90k, WALL0, &p));
  assert_int_equal (p.pts - p.dts, 7200);
  /* A pts before its dts is impossible; it is clamped. */
  assert_true (cg_timeline_place (&t, TRUE, 0, 3600, tb90k, WALL0 + 40 * MS, &p));
  assert_true (p.pts >= p.dts);
}

static void
test_wall_clock (void **state)
{
  CgTimeline t;
  cg_timeline_init (&t, 40 * MS);
  CgTimelinePoint p;
  /* A burst on connect: a second of video arrives in 100 ms.  No packet
   * is stamped later than it arrived. */
  for (int i = 0; i < 25; i++)
    {
      gint64 now = WALL0 + i * 4 * MS;
      assert_true (place (&t, TRUE, i * 3600, now, &p));
      assert_true (p.wall_us <= now);
    }
  gint64 burst_end = p.wall_us;
  /* Then real time: walls advance with the stream. */
  assert_true (place (&t, TRUE, 25 * 3600, burst_end + 40 * MS, &p));
  assert_int_equal (p.wall_us, burst_end + 40 * MS);

  /* A camera clock running at half speed falls behind; once more than the
   * drift limit behind, the receive clock wins. */
  CgTimeline slow;
  cg_timeline_init (&slow, 40 * MS);
  gint64 now = WALL0;
  for (int i = 0; i < 400; i++, now += 40 * MS)
    {
      assert_true (place (&slow, TRUE, i * 1800, now, &p));
      assert_true (now - p.wall_us <= CG_TIMELINE_MAX_DRIFT_US);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_steady),
    cmocka_unit_test (test_missing_timestamps_at_start),
    cmocka_unit_test (test_backwards_and_jumps),
    cmocka_unit_test (test_gap_is_counted),
    cmocka_unit_test (test_audio),
    cmocka_unit_test (test_bframes_keep_their_order),
    cmocka_unit_test (test_wall_clock),
  };
  return cmocka_run_group_tests_name ("timeline", tests, NULL, NULL);
}
