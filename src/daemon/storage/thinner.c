/* thinner.c — keyframes-only remux of one segment. */
#define G_LOG_DOMAIN "canhgac-storage"
#include "build-config.h"

#include "daemon/storage/thinner.h"

#include "common/error.h"
#include "common/file_digest.h"
#include "common/i18n.h"
#include "daemon/capture/segment_scan.h"
#include "daemon/capture/segment_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libavformat/avformat.h>
#include <unistd.h>

static int
interrupt_cb (void *data)
{
  const gint *cancel = data;
  return cancel != NULL && g_atomic_int_get (cancel) != 0;
}

static gboolean
av_fail (GError **error, const char *path, const char *what, int averr)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (averr, msg, sizeof msg);
  int code = averr == AVERROR (ENOSPC) || averr == AVERROR (EROFS) || averr == AVERROR (EACCES)
               ? CG_ERROR_IO : CG_ERROR_FAILED;
  g_set_error (error, CG_ERROR, code, _("thinning %s: %s: %s"), path, what, msg);
  return FALSE;
}

static gboolean
fsync_path (const char *path, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("thinning: cannot flush %s: %s"), path,
                   g_strerror (err));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* The remux itself; dst is left for the caller to remove on failure. */
static gboolean
remux (const char *src, const char *dst, const gint *cancel, gint64 pace_us, GError **error)
{
  AVFormatContext *in = avformat_alloc_context ();
  in->interrupt_callback = (AVIOInterruptCB) { interrupt_cb, (void *) cancel };
  AVFormatContext *out = NULL;
  AVPacket *pkt = av_packet_alloc (), *last_key = av_packet_alloc ();
  gboolean ok = FALSE;
  int rc = avformat_open_input (&in, src, av_find_input_format ("mpegts"), NULL);
  if (rc < 0)
    {
      av_fail (error, src, _("not a readable MPEG-TS segment"), rc);
      goto done;
    }
  if ((rc = avformat_find_stream_info (in, NULL)) < 0)
    {
      av_fail (error, src, _("not a readable MPEG-TS segment"), rc);
      goto done;
    }
  int video = av_find_best_stream (in, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
  if (video < 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no readable video"), src);
      goto done;
    }
  if ((rc = avformat_alloc_output_context2 (&out, NULL, "mpegts", dst)) < 0)
    {
      av_fail (error, dst, "mpegts", rc);
      goto done;
    }
  AVStream *ist = in->streams[video];
  AVStream *ost = avformat_new_stream (out, NULL);
  avcodec_parameters_copy (ost->codecpar, ist->codecpar);
  ost->codecpar->codec_tag = 0;
  ost->time_base = ist->time_base;
  out->interrupt_callback = in->interrupt_callback;
  if ((rc = avio_open2 (&out->pb, dst, AVIO_FLAG_WRITE, &out->interrupt_callback, NULL)) < 0)
    {
      av_fail (error, dst, _("cannot create the file"), rc);
      goto done;
    }
  AVDictionary *opts = NULL;
  /* As recorded: tables before every keyframe. */
  av_dict_set (&opts, "mpegts_flags", "+resend_headers", 0);
  rc = avformat_write_header (out, &opts);
  av_dict_free (&opts);
  if (rc < 0)
    {
      av_fail (error, dst, _("header"), rc);
      goto done;
    }
  gint64 last_ts = AV_NOPTS_VALUE, last_key_ts = AV_NOPTS_VALUE;
  while ((rc = av_read_frame (in, pkt)) >= 0)
    {
      if (interrupt_cb ((void *) cancel))
        {
          av_packet_unref (pkt);
          break;
        }
      if (pkt->stream_index != video)
        {
          av_packet_unref (pkt);
          continue;
        }
      gint64 ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
      if (ts != AV_NOPTS_VALUE && (last_ts == AV_NOPTS_VALUE || ts > last_ts))
        last_ts = ts;
      if (!(pkt->flags & AV_PKT_FLAG_KEY) || ts == AV_NOPTS_VALUE)
        {
          av_packet_unref (pkt);
          continue;
        }
      last_key_ts = ts;
      av_packet_unref (last_key);
      av_packet_ref (last_key, pkt);
      pkt->stream_index = 0;
      pkt->pos = -1;
      av_packet_rescale_ts (pkt, ist->time_base, ost->time_base);
      if ((rc = av_write_frame (out, pkt)) < 0)
        {
          av_packet_unref (pkt);
          av_fail (error, dst, _("write"), out->pb != NULL && out->pb->error < 0 ? out->pb->error : rc);
          goto done;
        }
      av_packet_unref (pkt);
      if (pace_us > 0)
        g_usleep (pace_us);
    }
  if (interrupt_cb ((void *) cancel))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("thinning %s: stopped"), src);
      goto done;
    }
  if (last_key_ts == AV_NOPTS_VALUE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no readable video"), src);
      goto done;
    }
  /* The picture stays until the original's last frame. */
  if (last_ts > last_key_ts)
    {
      last_key->pts = last_key->dts = last_ts;
      last_key->stream_index = 0;
      last_key->pos = -1;
      av_packet_rescale_ts (last_key, ist->time_base, ost->time_base);
      if ((rc = av_write_frame (out, last_key)) < 0)
        {
          av_fail (error, dst, _("write"), out->pb != NULL && out->pb->error < 0 ? out->pb->error : rc);
          goto done;
        }
    }
  if ((rc = av_write_trailer (out)) < 0)
    {
      av_fail (error, dst, _("write"), rc);
      goto done;
    }
  avio_flush (out->pb);
  if (out->pb->error < 0)
    {
      av_fail (error, dst, _("write"), out->pb->error);
      goto done;
    }
  ok = TRUE;

done:
  if (out != NULL)
    {
      if (out->pb != NULL)
        {
          int crc = avio_closep (&out->pb);
          if (ok && crc < 0)
            ok = av_fail (error, dst, _("write"), crc);
        }
      avformat_free_context (out);
    }
  avformat_close_input (&in);
  av_packet_free (&pkt);
  av_packet_free (&last_key);
  return ok;
}

gboolean
cg_thinner_run (const char *src, const char *dst, const gint *cancel, gint64 pace_us,
                CgThinResult *result, GError **error)
{
  *result = (CgThinResult) { 0 };
  if (!remux (src, dst, cancel, pace_us, error) || !fsync_path (dst, error))
    {
      g_unlink (dst);
      return FALSE;
    }
  /* The index and counts are read back from what is on the disk. */
  CgSegmentScan scan;
  if (!cg_segment_scan (dst, &scan, error))
    {
      cg_segment_scan_clear (&scan);
      g_unlink (dst);
      return FALSE;
    }
  result->bytes = scan.bytes;
  result->frames = scan.frames;
  result->keyframes = scan.keyframes;
  result->duration_us = scan.duration_us;
  result->index = cg_keyframe_index_pack (scan.index);
  cg_segment_scan_clear (&scan);
  result->sha256 = cg_file_sha256 (dst, error);
  if (result->sha256 == NULL)
    {
      cg_thin_result_clear (result);
      g_unlink (dst);
      return FALSE;
    }
  return TRUE;
}

void
cg_thin_result_clear (CgThinResult *result)
{
  g_clear_pointer (&result->index, g_bytes_unref);
  g_clear_pointer (&result->sha256, g_free);
}
