/* probe.c — one RTSP address tried as the recorder opens a camera
 * (capture.c: session_open), and what came of it. */
#define G_LOG_DOMAIN "canhgac-probe"
#include "build-config.h"

#include "daemon/capture/probe.h"

#include "common/reason.h"
#include "daemon/capture/av_error.h"

#include <errno.h>
#include <string.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>

void
cg_probe_try_clear (CgProbeTry *t)
{
  g_clear_pointer (&t->detail, g_free);
  g_clear_pointer (&t->codec, g_free);
}

const char *
cg_probe_result_name (CgProbeResult result)
{
  switch (result)
    {
    case CG_PROBE_OK: return "ok";
    case CG_PROBE_REFUSED: return "refused";
    case CG_PROBE_UNAUTHORIZED: return "unauthorized";
    case CG_PROBE_NOT_FOUND: return "not_found";
    case CG_PROBE_NOT_VIDEO: return "not_video";
    case CG_PROBE_TIMEOUT: return "timeout";
    case CG_PROBE_ERROR: return "error";
    }
  g_assert_not_reached ();
}

gboolean
cg_probe_result_ends_host (CgProbeResult result)
{
  return result == CG_PROBE_REFUSED || result == CG_PROBE_TIMEOUT;
}

CgProbeResult
cg_probe_classify (int averror, gboolean timed_out)
{
  /* Our own deadline, or the interrupt callback when it was not ours to
   * say: the host did not answer in time. */
  if (timed_out || averror == AVERROR_EXIT)
    return CG_PROBE_TIMEOUT;
  /* An answer that is not a stream of ours, while only opening. */
  if (averror == AVERROR_EOF || averror == AVERROR_STREAM_NOT_FOUND)
    return CG_PROBE_NOT_VIDEO;
  const char *code = cg_av_error_reason (averror, TRUE);
  if (code == NULL || g_str_equal (code, CG_REASON_DNS))
    return CG_PROBE_ERROR;
  if (g_str_equal (code, CG_REASON_REFUSED))
    return CG_PROBE_REFUSED;
  if (g_str_equal (code, CG_REASON_UNREACHABLE))
    return CG_PROBE_TIMEOUT;
  if (g_str_equal (code, CG_REASON_AUTH))
    return CG_PROBE_UNAUTHORIZED;
  if (g_str_equal (code, CG_REASON_NOT_FOUND))
    return CG_PROBE_NOT_FOUND;
  return CG_PROBE_NOT_VIDEO; /* not a stream, or closed at once */
}

typedef struct {
  gint64 deadline_us;
  gboolean timed_out;
} Deadline;

static int
interrupt_cb (void *opaque)
{
  Deadline *d = opaque;
  if (g_get_monotonic_time () > d->deadline_us)
    {
      d->timed_out = TRUE;
      return 1;
    }
  return 0;
}

static void
failed (CgProbeTry *out, int rc, gboolean timed_out)
{
  out->result = cg_probe_classify (rc, timed_out);
  if (out->result == CG_PROBE_ERROR)
    {
      char msg[AV_ERROR_MAX_STRING_SIZE] = "";
      av_strerror (rc, msg, sizeof msg);
      out->detail = g_strdup (msg);
    }
}

void
cg_probe_try (const char *url, gboolean udp, gint64 timeout_us, CgProbeTry *out)
{
  memset (out, 0, sizeof *out);
  Deadline d = { g_get_monotonic_time () + timeout_us, FALSE };
  AVFormatContext *in = avformat_alloc_context ();
  if (in == NULL)
    {
      out->result = CG_PROBE_ERROR;
      out->detail = g_strdup (g_strerror (ENOMEM));
      return;
    }
  in->interrupt_callback = (AVIOInterruptCB) { interrupt_cb, &d };
  AVDictionary *opts = NULL;
  av_dict_set (&opts, "rtsp_transport", udp ? "udp" : "tcp", 0);
  av_dict_set_int (&opts, "timeout", timeout_us, 0);
  av_dict_set_int (&opts, "analyzeduration", MIN (timeout_us / 2, 3 * G_USEC_PER_SEC), 0);
  av_dict_set_int (&opts, "probesize", 4 << 20, 0);
  av_dict_set (&opts, "allowed_media_types", "video+audio", 0);
  int rc = avformat_open_input (&in, url, NULL, &opts);
  av_dict_free (&opts);
  if (rc < 0)
    {
      /* avformat_open_input() freed the context. */
      failed (out, rc, d.timed_out);
      return;
    }
  d.deadline_us = g_get_monotonic_time () + timeout_us;
  rc = avformat_find_stream_info (in, NULL);
  if (rc < 0)
    failed (out, rc, d.timed_out);
  else
    {
      const AVCodecParameters *video = NULL;
      for (unsigned i = 0; i < in->nb_streams && video == NULL; i++)
        if (in->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
          video = in->streams[i]->codecpar;
      if (video == NULL)
        out->result = CG_PROBE_NOT_VIDEO;
      else
        {
          out->result = CG_PROBE_OK;
          out->codec = g_strdup (avcodec_get_name (video->codec_id));
          out->width = video->width;
          out->height = video->height;
        }
    }
  avformat_close_input (&in);
}
