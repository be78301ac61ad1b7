/* test_demo_story.c — the demo's made-up weeks add up: outages on the
 * grid, apart, never during the recorder's downtime; the time recorded,
 * the outages and the downtime cover the period exactly once; the dead
 * camera and the changed password are down at the end, with the reason
 * the live camera will give; a weak line loses frames, a good one does
 * not; motion stays inside the time it is asked for. */
#include "unit.h"

#include "common/reason.h"
#include "daemon/demo_story.h"

#define DAY (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* A period as the daemon makes one: 36 days up to a time on the grid. */
static const gint64 TO = G_GINT64_CONSTANT (1795968000) * G_USEC_PER_SEC;
static const gint64 FROM = G_GINT64_CONSTANT (1795968000) * G_USEC_PER_SEC - 36 * DAY;

static gint64
covered (const GArray *spans)
{
  gint64 total = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      const CgDemoSpan *s = &g_array_index (spans, CgDemoSpan, i);
      total += s->to_us - s->from_us;
    }
  return total;
}

static void
check_story (CgDemoStory story)
{
  g_autoptr (GArray) down = cg_demo_story_downtime (FROM, TO);
  assert_int_equal (down->len, 2);
  for (guint seed = 1; seed < 40; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr (GArray) out = cg_demo_story_outages (story, rand, FROM, TO, down);
      assert_true (out->len >= 1);
      for (guint i = 0; i < out->len; i++)
        {
          const CgDemoSpan *o = &g_array_index (out, CgDemoSpan, i);
          assert_non_null (o->reason);
          assert_true (o->from_us >= FROM && o->to_us <= TO && o->to_us > o->from_us);
          assert_int_equal (o->from_us % CG_DEMO_GRID_US, 0);
          assert_int_equal (o->to_us % CG_DEMO_GRID_US, 0);
          if (i > 0)
            assert_true (o->from_us > g_array_index (out, CgDemoSpan, i - 1).to_us);
          for (guint k = 0; k < down->len; k++)
            {
              const CgDemoSpan *d = &g_array_index (down, CgDemoSpan, k);
              assert_false (o->from_us < d->to_us && d->from_us < o->to_us);
            }
        }
      g_autoptr (GArray) up = cg_demo_story_up (FROM, TO, out, down);
      assert_int_equal (covered (up) + covered (out) + covered (down), TO - FROM);
      for (guint i = 0; i < up->len; i++)
        {
          const CgDemoSpan *u = &g_array_index (up, CgDemoSpan, i);
          assert_int_equal (u->from_us % CG_DEMO_GRID_US, 0);
          assert_int_equal (u->to_us % CG_DEMO_GRID_US, 0);
        }
      const CgDemoSpan *last = &g_array_index (out, CgDemoSpan, out->len - 1);
      if (story == CG_DEMO_DEAD)
        {
          assert_int_equal (last->to_us, TO);
          assert_string_equal (last->reason, CG_REASON_REFUSED);
          assert_true (TO - last->from_us > 5 * DAY && TO - last->from_us < 7 * DAY);
        }
      else if (story == CG_DEMO_PASSWORD)
        {
          assert_int_equal (last->to_us, TO);
          assert_string_equal (last->reason, CG_REASON_AUTH);
        }
      else if (story == CG_DEMO_FLAPPING)
        assert_true (out->len > 36 * 3);
      else if (story == CG_DEMO_GOOD)
        assert_true (out->len <= 3);
    }
}

static void
test_good (void **state)
{
  (void) state;
  check_story (CG_DEMO_GOOD);
}

static void
test_weak (void **state)
{
  (void) state;
  check_story (CG_DEMO_WEAK);
}

static void
test_flapping (void **state)
{
  (void) state;
  check_story (CG_DEMO_FLAPPING);
}

static void
test_dead (void **state)
{
  (void) state;
  check_story (CG_DEMO_DEAD);
}

static void
test_password (void **state)
{
  (void) state;
  check_story (CG_DEMO_PASSWORD);
}

/* A weak line loses frames on most days; a good one on none. */
static void
test_minutes (void **state)
{
  (void) state;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  int weak_bad = 0, good_bad = 0, minutes = 0;
  for (gint64 m = FROM; m < TO; m += 10 * 60 * G_USEC_PER_SEC, minutes++)
    {
      CgDemoMinute w, g;
      cg_demo_story_minute (CG_DEMO_WEAK, rand, m, 12.0, 24000.0, &w);
      cg_demo_story_minute (CG_DEMO_GOOD, rand, m, 12.0, 24000.0, &g);
      assert_true (w.frames > 0 && w.frames <= 720 && g.frames <= 720);
      assert_true (w.bytes > 0 && g.bytes > 0);
      weak_bad += w.frames < 0.7 * 720 || w.gaps > 0;
      good_bad += g.frames < 0.7 * 720 || g.gaps > 0;
    }
  assert_int_equal (good_bad, 0);
  assert_true (weak_bad > minutes / 10);
}

static void
test_motion (void **state)
{
  (void) state;
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (GArray) events = cg_demo_story_motion (rand, FROM, FROM + 2 * DAY);
  assert_true (events->len > 20 && events->len < 400);
  for (guint i = 0; i < events->len; i++)
    {
      const CgDemoSpan *e = &g_array_index (events, CgDemoSpan, i);
      assert_true (e->from_us >= FROM && e->to_us <= FROM + 2 * DAY && e->to_us > e->from_us);
      if (i > 0)
        assert_true (e->from_us >= g_array_index (events, CgDemoSpan, i - 1).to_us);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_good),     cmocka_unit_test (test_weak),
    cmocka_unit_test (test_flapping), cmocka_unit_test (test_dead),
    cmocka_unit_test (test_password), cmocka_unit_test (test_minutes),
    cmocka_unit_test (test_motion),
  };
  return cmocka_run_group_tests_name ("demo_story", tests, NULL, NULL);
}
