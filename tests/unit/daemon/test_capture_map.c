/* Which of a connection's streams go into a segment. */
#include "unit.h"

#include "daemon/capture/streams.h"

static void
test_only_the_chosen_streams (void **state)
{
  int map[64];
  /* Whatever the table held before (a reused session), only the chosen
   * video and audio map somewhere. */
  for (int i = 0; i < 64; i++)
    map[i] = 0;
  cg_capture_map_streams (map, G_N_ELEMENTS (map), 2, 0);
  assert_int_equal (map[2], 0);
  assert_int_equal (map[0], 1);
  assert_int_equal (map[1], -1);
  /* A stream announced after the connection (index 5 of a session that
   * had 3) is not taken for the video. */
  for (int i = 3; i < 64; i++)
    assert_int_equal (map[i], -1);

  cg_capture_map_streams (map, G_N_ELEMENTS (map), 0, -1);
  assert_int_equal (map[0], 0);
  for (int i = 1; i < 64; i++)
    assert_int_equal (map[i], -1);

  /* Nothing chosen yet: nothing recorded. */
  cg_capture_map_streams (map, G_N_ELEMENTS (map), -1, -1);
  for (int i = 0; i < 64; i++)
    assert_int_equal (map[i], -1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_only_the_chosen_streams),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
