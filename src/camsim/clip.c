/* clip.c — a loop read from a recorded file (--clip), passed through.
 *
 * Real cameras' quirks (SEI, odd GOPs, B-frames) are best reproduced by
 * their own recordings, so no packet is re-encoded: the video packets are
 * only turned into an Annex B byte stream with in-band parameter sets,
 * which is what the RTP payloaders and a mid-stream client need.
 */
#define G_LOG_DOMAIN "canhgac-camsim"
#include "build-config.h"

#include "camsim/loop.h"

#include "common/av_autoptr.h"
#include "common/error.h"
#include "common/i18n.h"

#include <libavcodec/bsf.h>
#include <libavformat/avformat.h>
#include <string.h>

static void
format_close (AVFormatContext *f)
{
  avformat_close_input (&f);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AVFormatContext, format_close)

static gboolean
av_failed (int ret, const char *path, const char *what, GError **error)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (ret, msg, sizeof msg);
  g_set_error (error, CG_ERROR, CG_ERROR_IO, _("%s: %s failed: %s"), path, what, msg);
  return FALSE;
}

typedef struct {
  GArray *units; /* CgCamsimUnit */
  gint64 first_dts;
  gint64 last_dts;
  gint64 max_ns;
  gint64 frame_ns;
  gboolean full;
} Collect;

/* Keeps one converted packet, from the first keyframe on, until max_ns of
 * video is held; then stops before the next keyframe. */
static void
collect (Collect *c, const AVPacket *pkt, AVRational tb)
{
  gboolean key = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
  if (c->full || (c->units->len == 0 && !key))
    return;
  gint64 dts = pkt->dts != AV_NOPTS_VALUE ? av_rescale_q (pkt->dts, tb, (AVRational) { 1, 1000000000 })
                                          : c->last_dts + c->frame_ns;
  gint64 pts = pkt->pts != AV_NOPTS_VALUE ? av_rescale_q (pkt->pts, tb, (AVRational) { 1, 1000000000 })
                                          : dts;
  if (c->units->len == 0)
    c->first_dts = dts;
  else if (dts <= c->last_dts)
    dts = c->last_dts + 1; /* keep decode order strictly increasing */
  if (key && c->units->len > 0 && dts - c->first_dts >= c->max_ns)
    {
      c->full = TRUE;
      return;
    }
  CgCamsimUnit u = {
    .data = g_bytes_new (pkt->data, (gsize) pkt->size),
    .pts_ns = MAX (pts - c->first_dts, 0),
    .dts_ns = dts - c->first_dts,
    .key = key,
  };
  c->last_dts = dts;
  g_array_append_val (c->units, u);
}

CgCamsimLoop *
cg_camsim_loop_load_clip (const char *path, guint max_seconds, GError **error)
{
  g_autoptr (GError) failure = NULL;
  g_autoptr (AVFormatContext) fmt = NULL;
  int ret = avformat_open_input (&fmt, path, NULL, NULL);
  if (ret < 0)
    {
      av_failed (ret, path, "avformat_open_input", error);
      return NULL;
    }
  ret = avformat_find_stream_info (fmt, NULL);
  if (ret < 0)
    {
      av_failed (ret, path, "avformat_find_stream_info", error);
      return NULL;
    }
  int index = av_find_best_stream (fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
  AVStream *st = index >= 0 ? fmt->streams[index] : NULL;
  if (st == NULL || (st->codecpar->codec_id != AV_CODEC_ID_H264
                     && st->codecpar->codec_id != AV_CODEC_ID_HEVC))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   _("%s has no H.264 or H.265 video; cameras send one of those, so convert the "
                     "clip first (for example with ffmpeg -c:v libx264)"), path);
      return NULL;
    }
  gboolean hevc = st->codecpar->codec_id == AV_CODEC_ID_HEVC;

  /* The filter passes Annex B input through untouched and converts MP4
   * style length-prefixed packets, adding parameter sets to keyframes. */
  const AVBitStreamFilter *filter = av_bsf_get_by_name (hevc ? "hevc_mp4toannexb"
                                                             : "h264_mp4toannexb");
  g_autoptr (AVBSFContext) bsf = NULL;
  if (filter == NULL || (ret = av_bsf_alloc (filter, &bsf)) < 0)
    {
      av_failed (filter == NULL ? AVERROR_BSF_NOT_FOUND : ret, path, "av_bsf_alloc", error);
      return NULL;
    }
  avcodec_parameters_copy (bsf->par_in, st->codecpar);
  bsf->time_base_in = st->time_base;
  if ((ret = av_bsf_init (bsf)) < 0)
    {
      av_failed (ret, path, "av_bsf_init", error);
      return NULL;
    }

  AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
  gint64 frame_ns = rate.num > 0 ? av_rescale (1000000000, rate.den, rate.num) : 40000000;
  Collect c = {
    .units = g_array_new (FALSE, TRUE, sizeof (CgCamsimUnit)),
    .max_ns = (gint64) max_seconds * 1000000000,
    .frame_ns = frame_ns,
    .last_dts = -frame_ns,
  };
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  gboolean eof = FALSE;
  while (!c.full && !eof)
    {
      ret = av_read_frame (fmt, pkt);
      if (ret == AVERROR_EOF)
        {
          eof = TRUE;
          av_bsf_send_packet (bsf, NULL);
        }
      else if (ret < 0)
        {
          av_failed (ret, path, "av_read_frame", &failure);
          break;
        }
      else if (pkt->stream_index != index)
        {
          av_packet_unref (pkt);
          continue;
        }
      else if ((ret = av_bsf_send_packet (bsf, pkt)) < 0)
        {
          av_packet_unref (pkt);
          av_failed (ret, path, "av_bsf_send_packet", &failure);
          break;
        }
      while (av_bsf_receive_packet (bsf, pkt) == 0)
        {
          collect (&c, pkt, bsf->time_base_out);
          av_packet_unref (pkt);
        }
    }
  if (failure != NULL || c.units->len == 0)
    {
      if (failure != NULL)
        g_propagate_error (error, g_steal_pointer (&failure));
      else
        g_set_error (error, CG_ERROR, CG_ERROR_IO, _("%s has no keyframe to start a loop from"),
                     path);
      for (guint i = 0; i < c.units->len; i++)
        g_bytes_unref (g_array_index (c.units, CgCamsimUnit, i).data);
      g_array_unref (c.units);
      return NULL;
    }

  CgCamsimLoop *loop = cg_camsim_loop_new (hevc ? CG_CAMSIM_CODEC_H265 : CG_CAMSIM_CODEC_H264,
                                           c.units->len);
  memcpy (loop->units, c.units->data, sizeof (CgCamsimUnit) * c.units->len);
  g_array_unref (c.units);
  loop->width = (guint) st->codecpar->width;
  loop->height = (guint) st->codecpar->height;
  loop->frame_ns = frame_ns;
  loop->duration_ns = loop->units[loop->n_units - 1].dts_ns + frame_ns;
  return loop;
}
