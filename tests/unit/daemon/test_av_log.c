/* test_av_log.c — FFmpeg's messages, masked before they are logged. */
#include "unit.h"

#include "daemon/av_log.h"

/* FFmpeg's messages reach the log without a camera's password. */
static void
test_av_log_mask (void **state)
{
  struct { const char *in, *out; } cases[] = {
    { "Opening 'rtsp://admin:Secret42@192.0.2.7:554/s0' for reading",
      "Opening 'rtsp://admin:***@192.0.2.7:554/s0' for reading" },
    { "rtsp://u:p@h/a and rtsp://v:q@k/b", "rtsp://u:***@h/a and rtsp://v:***@k/b" },
    { "GET /cgi?user=admin&password=abc123&x=1", "GET /cgi?user=admin&password=***&x=1" },
    { "method DESCRIBE failed: 401 Unauthorized", "method DESCRIBE failed: 401 Unauthorized" },
    { "rtsp://host:554/path", "rtsp://host:554/path" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cg_av_log_mask (cases[i].in);
      assert_string_equal (got, cases[i].out);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_av_log_mask),
  };
  return cmocka_run_group_tests_name ("av_log", tests, NULL, NULL);
}
