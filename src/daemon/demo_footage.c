/* demo_footage.c — a recorded segment's video looped into a longer one. */
#define G_LOG_DOMAIN "canhgac-demo"
#include "build-config.h"

#include "daemon/demo_footage.h"

#include "common/error.h"
#include "common/file_digest.h"
#include "common/i18n.h"
#include "daemon/capture/segment_writer.h"

#include <glib/gstdio.h>
#include <libavformat/avformat.h>

static gboolean
av_fail (GError **error, const char *path, int averr)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (averr, msg, sizeof msg);
  g_set_error (error, CG_ERROR, CG_ERROR_IO, _("demo footage from %s: %s"), path, msg);
  return FALSE;
}

static void
packets_free (gpointer p)
{
  AVPacket *pkt = p;
  av_packet_free (&pkt);
}

/* The loop: from the first keyframe up to the last one (so that every
 * pass starts on a keyframe), or every packet when there is one. */
static gboolean
read_loop (AVFormatContext *in, int video, GPtrArray *loop, gint64 *length, GError **error)
{
  AVPacket *pkt = av_packet_alloc ();
  int rc;
  while ((rc = av_read_frame (in, pkt)) >= 0)
    {
      gboolean key = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
      if (pkt->stream_index == video && pkt->dts != AV_NOPTS_VALUE && pkt->pts != AV_NOPTS_VALUE
          && (loop->len > 0 || key))
        g_ptr_array_add (loop, av_packet_clone (pkt));
      av_packet_unref (pkt);
    }
  av_packet_free (&pkt);
  if (loop->len < 2)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("demo footage: %s holds too little video"),
                   in->url);
      return FALSE;
    }
  AVPacket *first = loop->pdata[0];
  guint last_key = 0;
  for (guint i = 1; i < loop->len; i++)
    if (((AVPacket *) loop->pdata[i])->flags & AV_PKT_FLAG_KEY)
      last_key = i;
  if (last_key > 0)
    {
      *length = ((AVPacket *) loop->pdata[last_key])->dts - first->dts;
      g_ptr_array_set_size (loop, last_key);
    }
  else
    {
      AVPacket *last = loop->pdata[loop->len - 1];
      *length = (last->dts - first->dts) * (gint64) loop->len / (gint64) (loop->len - 1);
    }
  return *length > 0;
}

static gboolean
write_loop (const char *dst, AVStream *ist, GPtrArray *loop, gint64 length, gint64 duration_us,
            gboolean keyframes_only, CgDemoClip *clip, GError **error)
{
  CgSegmentWriter *w = cg_segment_writer_open (dst, &ist, 1, error);
  if (w == NULL)
    return FALSE;
  AVPacket *first = loop->pdata[0];
  AVPacket *pkt = av_packet_alloc ();
  gboolean ok = TRUE, more = TRUE;
  for (gint64 pass = 0; ok && more; pass++)
    for (guint i = 0; i < loop->len && ok && more; i++)
      {
        AVPacket *src = loop->pdata[i];
        gint64 shift = pass * length;
        gint64 offset_us = av_rescale_q (src->dts - first->dts + shift, ist->time_base, AV_TIME_BASE_Q);
        more = offset_us < duration_us;
        if (!more || (keyframes_only && !(src->flags & AV_PKT_FLAG_KEY)))
          continue;
        av_packet_ref (pkt, src);
        pkt->pts += shift;
        pkt->dts += shift;
        pkt->stream_index = 0;
        pkt->pos = -1;
        ok = cg_segment_writer_write (w, pkt, offset_us, error);
        av_packet_unref (pkt);
      }
  av_packet_free (&pkt);
  clip->frames = cg_segment_writer_frames (w);
  clip->keyframes = cg_segment_writer_keyframes (w);
  clip->index = cg_segment_writer_index (w);
  if (!ok)
    {
      cg_segment_writer_close (w, NULL);
      return FALSE;
    }
  return cg_segment_writer_close (w, error);
}

gboolean
cg_demo_footage_write (const char *src, const char *dst, gint64 duration_us,
                       gboolean keyframes_only, CgDemoClip *clip, GError **error)
{
  *clip = (CgDemoClip) { 0 };
  AVFormatContext *in = NULL;
  g_autoptr (GPtrArray) loop = g_ptr_array_new_with_free_func (packets_free);
  gboolean ok = FALSE;
  int rc = avformat_open_input (&in, src, av_find_input_format ("mpegts"), NULL);
  if (rc < 0)
    return av_fail (error, src, rc);
  if ((rc = avformat_find_stream_info (in, NULL)) < 0)
    {
      av_fail (error, src, rc);
      goto done;
    }
  int video = av_find_best_stream (in, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
  if (video < 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no readable video"), src);
      goto done;
    }
  AVStream *ist = in->streams[video];
  gint64 length = 0;
  if (!read_loop (in, video, loop, &length, error))
    goto done;
  if (!write_loop (dst, ist, loop, length, duration_us, keyframes_only, clip, error))
    goto done;
  GStatBuf sb;
  if (g_stat (dst, &sb) != 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("demo footage: %s is gone"), dst);
      goto done;
    }
  clip->bytes = sb.st_size;
  clip->sha256 = cg_file_sha256 (dst, error);
  if (clip->sha256 == NULL)
    goto done;
  clip->codec = g_strdup (avcodec_get_name (ist->codecpar->codec_id));
  clip->width = ist->codecpar->width;
  clip->height = ist->codecpar->height;
  ok = TRUE;
done:
  avformat_close_input (&in);
  if (!ok)
    {
      g_unlink (dst);
      cg_demo_clip_clear (clip);
    }
  return ok;
}

void
cg_demo_clip_clear (CgDemoClip *clip)
{
  g_clear_pointer (&clip->index, g_bytes_unref);
  g_clear_pointer (&clip->sha256, g_free);
  g_clear_pointer (&clip->codec, g_free);
}
