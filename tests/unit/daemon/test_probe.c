/* test_probe.c — what camera.probe reports for each way opening a camera
 * can fail, and which of them end the probe of a host. */
#include "unit.h"

#include "daemon/capture/probe.h"

#include <errno.h>
#include <libavformat/avformat.h>

static void
test_classify (void **state)
{
  assert_int_equal (cg_probe_classify (AVERROR (ECONNREFUSED), FALSE), CG_PROBE_REFUSED);
  assert_int_equal (cg_probe_classify (AVERROR_HTTP_UNAUTHORIZED, FALSE), CG_PROBE_UNAUTHORIZED);
  assert_int_equal (cg_probe_classify (AVERROR_HTTP_FORBIDDEN, FALSE), CG_PROBE_UNAUTHORIZED);
  assert_int_equal (cg_probe_classify (AVERROR_HTTP_NOT_FOUND, FALSE), CG_PROBE_NOT_FOUND);
  assert_int_equal (cg_probe_classify (AVERROR (ETIMEDOUT), FALSE), CG_PROBE_TIMEOUT);
  assert_int_equal (cg_probe_classify (AVERROR (EHOSTUNREACH), FALSE), CG_PROBE_TIMEOUT);
  assert_int_equal (cg_probe_classify (AVERROR (ENETUNREACH), FALSE), CG_PROBE_TIMEOUT);
  /* Our own deadline, whatever FFmpeg made of the interruption. */
  assert_int_equal (cg_probe_classify (AVERROR_EXIT, TRUE), CG_PROBE_TIMEOUT);
  assert_int_equal (cg_probe_classify (AVERROR (EIO), TRUE), CG_PROBE_TIMEOUT);
  assert_int_equal (cg_probe_classify (AVERROR_INVALIDDATA, FALSE), CG_PROBE_NOT_VIDEO);
  assert_int_equal (cg_probe_classify (AVERROR_STREAM_NOT_FOUND, FALSE), CG_PROBE_NOT_VIDEO);
  assert_int_equal (cg_probe_classify (AVERROR (ENOMEM), FALSE), CG_PROBE_ERROR);
}

static void
test_names_and_host_end (void **state)
{
  static const char *const names[] = { "ok", "refused", "unauthorized", "not_found",
                                       "not_video", "timeout", "error" };
  for (int r = CG_PROBE_OK; r <= CG_PROBE_ERROR; r++)
    assert_string_equal (cg_probe_result_name (r), names[r]);
  /* Only a host that refuses or stays silent ends the probe: a wrong
   * path or password says nothing about the brand's other paths. */
  assert_true (cg_probe_result_ends_host (CG_PROBE_REFUSED));
  assert_true (cg_probe_result_ends_host (CG_PROBE_TIMEOUT));
  assert_false (cg_probe_result_ends_host (CG_PROBE_NOT_FOUND));
  assert_false (cg_probe_result_ends_host (CG_PROBE_UNAUTHORIZED));
  assert_false (cg_probe_result_ends_host (CG_PROBE_NOT_VIDEO));
}

/* A port nothing listens on: refused at once, nothing to clear. */
static void
test_try_refused (void **state)
{
  CgProbeTry t;
  cg_probe_try ("rtsp://127.0.0.1:1/Streaming/Channels/101", FALSE, 5 * G_USEC_PER_SEC, &t);
  assert_int_equal (t.result, CG_PROBE_REFUSED);
  assert_null (t.codec);
  cg_probe_try_clear (&t);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_classify),
    cmocka_unit_test (test_names_and_host_end),
    cmocka_unit_test (test_try_refused),
  };
  return cmocka_run_group_tests_name ("camera probe", tests, NULL, NULL);
}
