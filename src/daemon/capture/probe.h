/* probe.h — trying one RTSP address the way the recorder would open it,
 * to learn whether a camera sends video there and, if not, why.
 *
 * For camera.probe (api/probe.c), which tries a brand's addresses in a
 * thread of its own: each try blocks for at most its timeout.
 */
#pragma once

#include <glib.h>

typedef enum {
  CG_PROBE_OK,
  CG_PROBE_REFUSED,      /* nothing listens on that port */
  CG_PROBE_UNAUTHORIZED, /* the camera refused the user name or password */
  CG_PROBE_NOT_FOUND,    /* the camera answered: no such path */
  CG_PROBE_NOT_VIDEO,    /* it answered, but with no video stream */
  CG_PROBE_TIMEOUT,      /* no answer (no route, a host that is off) */
  CG_PROBE_ERROR,        /* anything else; detail says what */
} CgProbeResult;

typedef struct {
  CgProbeResult result;
  char *detail; /* CG_PROBE_ERROR: the library's words; else NULL */
  char *codec;  /* CG_PROBE_OK: "h264" */
  int width, height;
} CgProbeTry;

void cg_probe_try_clear (CgProbeTry *t);

/* "ok", "refused", ... as the protocol spells them. */
const char *cg_probe_result_name (CgProbeResult result);

/* Whether the host itself did not answer, so that no other path on it
 * will either. */
gboolean cg_probe_result_ends_host (CgProbeResult result);

/* What an FFmpeg error from opening (or finding the streams) means;
 * timed_out: the interrupt callback ended the wait.  Pure. */
CgProbeResult cg_probe_classify (int averror, gboolean timed_out);

/* Opens url (with credentials: never logged) over RTSP/TCP, or UDP when
 * udp, and looks for its video stream, within timeout_us for each of the
 * two steps. */
void cg_probe_try (const char *url, gboolean udp, gint64 timeout_us, CgProbeTry *out);
