/* encoder.c — making a camera's loop with libavcodec, once, at start-up.
 *
 * x264/x265 run at the ultrafast preset, one thread each, closed GOPs of
 * a fixed length without scene cuts or B-frames, and without global
 * headers so that every keyframe repeats its parameter sets in band: a
 * client that joins mid-stream decodes from the next keyframe, and a
 * resolution change announces itself.  Cameras are encoded in parallel,
 * one encoder per processor, rather than threads inside each encoder.
 */
#define G_LOG_DOMAIN "canhgac-camsim"
#include "build-config.h"

#include "camsim/loop.h"
#include "camsim/picture.h"

#include "common/av_autoptr.h"
#include "common/error.h"
#include "common/i18n.h"

#include <libavcodec/avcodec.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>


static gboolean
av_failed (int ret, const char *label, const char *what, GError **error)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (ret, msg, sizeof msg);
  g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s: %s failed: %s"), label, what, msg);
  return FALSE;
}

static AVCodecContext *
open_encoder (const CgCamsimEncodeParams *p, guint gop_frames, GError **error)
{
  gboolean hevc = p->codec == CG_CAMSIM_CODEC_H265;
  const char *name = hevc ? "libx265" : "libx264";
  const AVCodec *codec = avcodec_find_encoder_by_name (name);
  if (codec == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the %s encoder is missing from this FFmpeg build; install a libavcodec "
                     "built with it, or pass --clip FILE"), name);
      return NULL;
    }
  g_autoptr (AVCodecContext) ctx = avcodec_alloc_context3 (codec);
  ctx->width = (int) p->width;
  ctx->height = (int) p->height;
  ctx->pix_fmt = AV_PIX_FMT_YUV420P;
  ctx->time_base = (AVRational) { 1, (int) p->fps };
  ctx->framerate = (AVRational) { (int) p->fps, 1 };
  ctx->bit_rate = (int64_t) p->bitrate_kbps * 1000;
  ctx->gop_size = (int) gop_frames;
  ctx->max_b_frames = 0;
  ctx->thread_count = 1;
  ctx->flags |= AV_CODEC_FLAG_CLOSED_GOP;
  av_opt_set (ctx->priv_data, "preset", "ultrafast", 0);
  g_autofree char *params = NULL;
  if (hevc)
    params = g_strdup_printf ("keyint=%u:min-keyint=%u:scenecut=0:open-gop=0:bframes=0:"
                              "repeat-headers=1:pools=none:frame-threads=1:log-level=error",
                              gop_frames, gop_frames);
  else
    params = g_strdup_printf ("keyint=%u:min-keyint=%u:scenecut=0:bframes=0:repeat-headers=1",
                              gop_frames, gop_frames);
  av_opt_set (ctx->priv_data, hevc ? "x265-params" : "x264-params", params, 0);
  int ret = avcodec_open2 (ctx, codec, NULL);
  if (ret < 0)
    {
      av_failed (ret, p->label, name, error);
      return NULL;
    }
  return g_steal_pointer (&ctx);
}

/* Moves every packet the encoder has ready into the loop. */
static gboolean
drain (AVCodecContext *ctx, AVPacket *pkt, CgCamsimLoop *loop, guint *n_out, gint64 frame_ns,
       const char *label, GError **error)
{
  for (;;)
    {
      int ret = avcodec_receive_packet (ctx, pkt);
      if (ret == AVERROR (EAGAIN) || ret == AVERROR_EOF)
        return TRUE;
      if (ret < 0)
        return av_failed (ret, label, "avcodec_receive_packet", error);
      if (*n_out < loop->n_units)
        {
          CgCamsimUnit *u = &loop->units[*n_out];
          u->data = g_bytes_new (pkt->data, (gsize) pkt->size);
          /* No B-frames: decode order is presentation order. */
          u->pts_ns = u->dts_ns = (gint64) *n_out * frame_ns;
          u->key = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
          (*n_out)++;
        }
      av_packet_unref (pkt);
    }
}

CgCamsimLoop *
cg_camsim_loop_encode (const CgCamsimEncodeParams *p, GError **error)
{
  g_return_val_if_fail (p->fps > 0 && p->gop_seconds > 0, NULL);
  guint gop_frames = p->fps * p->gop_seconds;
  guint gops = MAX ((p->loop_seconds + p->gop_seconds - 1) / p->gop_seconds, 1u);
  guint n = gop_frames * gops;
  guint period = cg_camsim_scene_period (&p->scene);
  if (period > 0)
    n = MAX ((n + period - 1) / period, 1u) * period;

  g_autoptr (AVCodecContext) ctx = open_encoder (p, gop_frames, error);
  if (ctx == NULL)
    return NULL;
  g_autoptr (AVFrame) frame = av_frame_alloc ();
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = (int) p->width;
  frame->height = (int) p->height;
  int ret = av_frame_get_buffer (frame, 0);
  if (ret < 0)
    {
      av_failed (ret, p->label, "av_frame_get_buffer", error);
      return NULL;
    }

  g_autoptr (CgCamsimLoop) loop = cg_camsim_loop_new (p->codec, n);
  loop->width = p->width;
  loop->height = p->height;
  loop->frame_ns = G_GINT64_CONSTANT (1000000000) / p->fps;
  loop->duration_ns = (gint64) n * loop->frame_ns;
  guint n_out = 0;
  for (guint i = 0; i < n; i++)
    {
      ret = av_frame_make_writable (frame);
      if (ret < 0)
        {
          av_failed (ret, p->label, "av_frame_make_writable", error);
          return NULL;
        }
      guint8 *const planes[3] = { frame->data[0], frame->data[1], frame->data[2] };
      const int strides[3] = { frame->linesize[0], frame->linesize[1], frame->linesize[2] };
      cg_camsim_picture_draw (planes, strides, frame->width, frame->height, p->label, p->seed, i,
                              n, &p->scene);
      frame->pts = i;
      /* A keyframe exactly where a GOP starts, whatever the encoder thinks. */
      frame->pict_type = i % gop_frames == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
      ret = avcodec_send_frame (ctx, frame);
      if (ret < 0)
        {
          av_failed (ret, p->label, "avcodec_send_frame", error);
          return NULL;
        }
      if (!drain (ctx, pkt, loop, &n_out, loop->frame_ns, p->label, error))
        return NULL;
    }
  ret = avcodec_send_frame (ctx, NULL);
  if (ret < 0)
    {
      av_failed (ret, p->label, "avcodec_send_frame", error);
      return NULL;
    }
  if (!drain (ctx, pkt, loop, &n_out, loop->frame_ns, p->label, error))
    return NULL;
  if (n_out != n || !loop->units[0].key)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s: the encoder returned %u frames of %u, or did not start with a keyframe"),
                   p->label, n_out, n);
      return NULL;
    }
  return g_steal_pointer (&loop);
}

typedef struct {
  const CgCamsimEncodeParams *params;
  CgCamsimLoop **out;
  GMutex lock;
  GError *error; /* the first failure */
} EncodeJobs;

static void
encode_one (gpointer data, gpointer user_data)
{
  EncodeJobs *jobs = user_data;
  guint i = GPOINTER_TO_UINT (data) - 1;
  GError *error = NULL;
  CgCamsimLoop *loop = cg_camsim_loop_encode (&jobs->params[i], &error);
  g_mutex_lock (&jobs->lock);
  jobs->out[i] = loop;
  if (error != NULL && jobs->error == NULL)
    jobs->error = error;
  else
    g_clear_error (&error);
  g_mutex_unlock (&jobs->lock);
}

gboolean
cg_camsim_loop_encode_many (const CgCamsimEncodeParams *params, guint n, CgCamsimLoop **out,
                            GError **error)
{
  EncodeJobs jobs = { .params = params, .out = out };
  g_mutex_init (&jobs.lock);
  guint threads = MAX (g_get_num_processors (), 1u);
  GThreadPool *pool = g_thread_pool_new (encode_one, &jobs, (int) MIN (threads, MAX (n, 1u)),
                                         TRUE, NULL);
  for (guint i = 0; i < n; i++)
    {
      out[i] = NULL;
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE); /* waits for every job */
  g_mutex_clear (&jobs.lock);
  if (jobs.error != NULL)
    {
      for (guint i = 0; i < n; i++)
        g_clear_pointer (&out[i], cg_camsim_loop_unref);
      g_propagate_error (error, jobs.error);
      return FALSE;
    }
  return TRUE;
}
