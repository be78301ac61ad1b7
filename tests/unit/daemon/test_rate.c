/* The token bucket behind the server's limits. */
#include "unit.h"

#include "daemon/rate.h"

static void
test_burst_then_rate (void **state)
{
  CgRate r = { 0 };
  gint64 t = 1000000;
  /* A full bucket lets a burst through, then refuses. */
  for (int i = 0; i < 60; i++)
    assert_true (cg_rate_take (&r, 10, 60, t));
  assert_false (cg_rate_take (&r, 10, 60, t));
  /* At 10 a second, the next token is there 100 ms later, not before. */
  gint64 wait = cg_rate_wait_us (&r, 10);
  assert_true (wait > 90000 && wait <= 100001);
  assert_false (cg_rate_take (&r, 10, 60, t + 50000));
  assert_true (cg_rate_take (&r, 10, 60, t + 150000));
  /* A long pause refills no more than the burst. */
  int n = 0;
  while (cg_rate_take (&r, 10, 60, t + (gint64) 3600 * G_USEC_PER_SEC))
    n++;
  assert_int_equal (n, 60);
}

int
main (void)
{
  const struct CMUnitTest tests[] = { cmocka_unit_test (test_burst_then_rate) };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
