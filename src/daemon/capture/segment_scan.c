/* segment_scan.c — indexing a recorded MPEG-TS file by demuxing it. */
#define G_LOG_DOMAIN "canhgac-segment"
#include "build-config.h"

#include "daemon/capture/segment_scan.h"

#include "common/error.h"
#include "common/i18n.h"
#include "daemon/capture/segment_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <sys/stat.h>
#include <unistd.h>

gboolean
cg_segment_scan (const char *path, CgSegmentScan *scan, GError **error)
{
  *scan = (CgSegmentScan) { .index = g_array_new (FALSE, FALSE, sizeof (CgKeyframeEntry)) };
  GStatBuf sb;
  if (g_stat (path, &sb) == 0)
    scan->bytes = sb.st_size;
  AVFormatContext *in = NULL;
  AVDictionary *opts = NULL;
  av_dict_set (&opts, "probesize", "5000000", 0);
  int rc = avformat_open_input (&in, path, av_find_input_format ("mpegts"), &opts);
  av_dict_free (&opts);
  if (rc >= 0)
    rc = avformat_find_stream_info (in, NULL);
  int video = rc >= 0 ? av_find_best_stream (in, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0) : -1;
  if (video < 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no readable video"), path);
      avformat_close_input (&in);
      return FALSE;
    }
  AVStream *vst = in->streams[video];
  scan->codec = g_strdup (avcodec_get_name (vst->codecpar->codec_id));
  scan->width = vst->codecpar->width;
  scan->height = vst->codecpar->height;
  for (unsigned i = 0; i < in->nb_streams; i++)
    if (in->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
      scan->has_audio = TRUE;

  const AVRational us_q = { 1, 1000000 };
  gint64 first = AV_NOPTS_VALUE, last = AV_NOPTS_VALUE, last_dur = 0;
  AVPacket *pkt = av_packet_alloc ();
  while (av_read_frame (in, pkt) >= 0)
    {
      if (pkt->stream_index == video)
        {
          gint64 ts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
          if (ts != AV_NOPTS_VALUE)
            {
              gint64 us = av_rescale_q (ts, vst->time_base, us_q);
              if (first == AV_NOPTS_VALUE)
                first = us;
              if (last == AV_NOPTS_VALUE || us > last)
                last = us;
              last_dur = pkt->duration > 0 ? av_rescale_q (pkt->duration, vst->time_base, us_q) : 0;
              if (pkt->flags & AV_PKT_FLAG_KEY)
                {
                  CgKeyframeEntry e = { us - first, pkt->pos >= 0 ? pkt->pos : 0 };
                  g_array_append_val (scan->index, e);
                  scan->keyframes++;
                }
            }
          scan->frames++;
        }
      av_packet_unref (pkt);
    }
  av_packet_free (&pkt);
  if (last_dur == 0)
    {
      AVRational fr = av_guess_frame_rate (in, vst, NULL);
      last_dur = fr.num > 0 ? av_rescale (1000000, fr.den, fr.num) : 40000;
    }
  avformat_close_input (&in);
  if (first == AV_NOPTS_VALUE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no readable video"), path);
      return FALSE;
    }
  scan->duration_us = last - first + last_dur;
  return TRUE;
}

#define TS_PACKET 188
#define TS_SYNC 0x47

static gboolean
read_fail (const char *path, int fd, int err, GError **error)
{
  if (fd >= 0)
    close (fd);
  g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot read %s: %s"), path, g_strerror (err));
  return FALSE;
}

gboolean
cg_segment_is_empty (const char *path, gboolean *empty, gint64 *bytes, GError **error)
{
  *empty = FALSE;
  *bytes = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    return read_fail (path, fd, errno, error);
  struct stat sb;
  if (fstat (fd, &sb) != 0)
    return read_fail (path, fd, errno, error);
  if (!S_ISREG (sb.st_mode))
    return read_fail (path, fd, EISDIR, error);
  *bytes = sb.st_size;
  /* A sync byte at p counts when a whole packet fits from p: the last
   * place one may start is size - 188. */
  gint64 last_start = sb.st_size - TS_PACKET;
  g_autofree guint8 *buf = g_malloc (1 << 16);
  gint64 at = 0;
  gboolean found = FALSE;
  while (!found && at <= last_start)
    {
      ssize_t n = read (fd, buf, 1 << 16);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return read_fail (path, fd, n < 0 ? errno : EIO, error);
      for (ssize_t i = 0; !found && i < n && at + i <= last_start; i++)
        found = buf[i] == TS_SYNC;
      at += n;
    }
  close (fd);
  *empty = !found;
  return TRUE;
}

void
cg_segment_scan_clear (CgSegmentScan *scan)
{
  g_clear_pointer (&scan->codec, g_free);
  g_clear_pointer (&scan->index, g_array_unref);
}
