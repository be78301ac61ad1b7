/* audio.c — the --audio track: a tone pattern encoded once with libavcodec.
 *
 * Cheap cameras send G.711 µ-law at 8 kHz, better ones AAC-LC; a recorder
 * must keep either in step with the video.  The pattern repeats with the
 * video loop (a high beep as each pass begins, a quiet low tone after) so
 * that a drift between the tracks can be heard and measured.  One loop
 * serves every camera: the sound does not say which camera it is.
 */
#define G_LOG_DOMAIN "canhgac-camsim"
#include "build-config.h"

#include "camsim/loop.h"

#include "common/av_autoptr.h"
#include "common/error.h"
#include "common/i18n.h"

#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libavutil/mathematics.h>
#include <math.h>

#define NS_PER_SECOND G_GINT64_CONSTANT (1000000000)
#define BEEP_SECONDS 0.2

typedef struct {
  const char *encoder; /* libavcodec's name */
  int sample_rate;
  gint64 bit_rate;     /* 0: fixed by the codec */
  enum AVSampleFormat sample_format;
} AudioFormat;

static const AudioFormat formats[] = {
  [CG_CAMSIM_CODEC_AAC] = { "aac", 16000, 32000, AV_SAMPLE_FMT_FLTP },
  [CG_CAMSIM_CODEC_PCMU] = { "pcm_mulaw", 8000, 0, AV_SAMPLE_FMT_S16 },
};


static gboolean
av_failed (int ret, const char *what, GError **error)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (ret, msg, sizeof msg);
  g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("audio: %s failed: %s"), what, msg);
  return FALSE;
}

/* Sample s (0 <= s < pass) of the pattern, in [-1, 1].  Both tones make
 * whole cycles in a second, so a pass of whole seconds loops without a
 * click. */
static double
pattern (gint64 s, int rate)
{
  double t = (double) s / rate;
  if (t < BEEP_SECONDS)
    return 0.5 * sin (2 * G_PI * 1000 * t);
  return 0.1 * sin (2 * G_PI * 250 * t);
}

static void
fill (AVFrame *frame, gint64 first, gint64 pass, int rate)
{
  for (int i = 0; i < frame->nb_samples; i++)
    {
      /* Samples before the loop (the encoder's pre-roll) wrap around. */
      gint64 s = ((first + i) % pass + pass) % pass;
      double v = pattern (s, rate);
      if (frame->format == AV_SAMPLE_FMT_FLTP)
        ((float *) frame->data[0])[i] = (float) v;
      else
        ((gint16 *) frame->data[0])[i] = (gint16) lrint (v * G_MAXINT16);
    }
}

/* Moves the packets the encoder has ready into the loop: only those of
 * [0, total) samples, the pre-roll and the tail are dropped. */
static gboolean
drain (AVCodecContext *ctx, AVPacket *pkt, CgCamsimLoop *loop, gint64 frame_samples,
       gint64 total, GError **error)
{
  for (;;)
    {
      int ret = avcodec_receive_packet (ctx, pkt);
      if (ret == AVERROR (EAGAIN) || ret == AVERROR_EOF)
        return TRUE;
      if (ret < 0)
        return av_failed (ret, "avcodec_receive_packet", error);
      if (pkt->pts >= 0 && pkt->pts < total && pkt->pts % frame_samples == 0)
        {
          CgCamsimUnit *u = &loop->units[pkt->pts / frame_samples];
          g_clear_pointer (&u->data, g_bytes_unref);
          u->data = g_bytes_new (pkt->data, (gsize) pkt->size);
          /* Scaled onto the loop's duration rather than the sample clock:
           * they differ by nanoseconds when video_ns is not whole samples. */
          u->pts_ns = u->dts_ns = av_rescale (pkt->pts, loop->duration_ns, total);
          u->key = TRUE;
        }
      av_packet_unref (pkt);
    }
}

CgCamsimLoop *
cg_camsim_audio_encode (CgCamsimCodec codec, gint64 video_ns, GError **error)
{
  g_return_val_if_fail (codec == CG_CAMSIM_CODEC_AAC || codec == CG_CAMSIM_CODEC_PCMU, NULL);
  g_return_val_if_fail (video_ns > 0, NULL);
  const AudioFormat *f = &formats[codec];
  const AVCodec *encoder = avcodec_find_encoder_by_name (f->encoder);
  if (encoder == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the %s encoder is missing from this FFmpeg build; install a libavcodec "
                     "built with it, or leave out --audio"), f->encoder);
      return NULL;
    }
  g_autoptr (AVCodecContext) ctx = avcodec_alloc_context3 (encoder);
  ctx->sample_rate = f->sample_rate;
  ctx->sample_fmt = f->sample_format;
  ctx->ch_layout = (AVChannelLayout) AV_CHANNEL_LAYOUT_MONO;
  ctx->time_base = (AVRational) { 1, f->sample_rate };
  ctx->bit_rate = f->bit_rate;
  ctx->thread_count = 1;
  /* The AudioSpecificConfig goes out of band, in the SDP. */
  ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  int ret = avcodec_open2 (ctx, encoder, NULL);
  if (ret < 0)
    {
      av_failed (ret, f->encoder, error);
      return NULL;
    }

  /* AAC needs whole frames of 1024 samples, so the loop lasts as many
   * passes as make a whole number of them; PCM packets of 20 ms end with
   * a shorter one. */
  gint64 pass = MAX (av_rescale (video_ns, f->sample_rate, NS_PER_SECOND), 1);
  gboolean fixed = ctx->frame_size > 0;
  gint64 frame_samples = fixed ? ctx->frame_size : f->sample_rate / 50;
  gint64 passes = fixed ? frame_samples / av_gcd (pass, frame_samples) : 1;
  gint64 total = pass * passes;
  guint n = (guint) ((total + frame_samples - 1) / frame_samples);

  g_autoptr (CgCamsimLoop) loop = cg_camsim_loop_new (codec, n);
  loop->sample_rate = (guint) f->sample_rate;
  loop->channels = 1;
  loop->duration_ns = video_ns * passes;
  loop->frame_ns = av_rescale (frame_samples, NS_PER_SECOND, f->sample_rate);
  if (ctx->extradata_size > 0)
    loop->codec_data = g_bytes_new (ctx->extradata, (gsize) ctx->extradata_size);

  g_autoptr (AVFrame) frame = av_frame_alloc ();
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  /* One frame of pre-roll and one after, so that the first and last
   * packets are encoded with their neighbours (the pattern wraps around);
   * AAC's priming delay is in the packets' pts. */
  for (gint64 j = -1; j <= (gint64) n; j++)
    {
      gint64 first = j * frame_samples;
      av_frame_unref (frame);
      frame->format = ctx->sample_fmt;
      frame->sample_rate = ctx->sample_rate;
      frame->nb_samples = (int) (fixed || first >= total ? frame_samples
                                                         : MIN (frame_samples, total - first));
      ret = av_channel_layout_copy (&frame->ch_layout, &ctx->ch_layout);
      if (ret >= 0)
        ret = av_frame_get_buffer (frame, 0);
      if (ret < 0)
        {
          av_failed (ret, "av_frame_get_buffer", error);
          return NULL;
        }
      fill (frame, first, pass, f->sample_rate);
      frame->pts = first;
      ret = avcodec_send_frame (ctx, frame);
      if (ret < 0)
        {
          av_failed (ret, "avcodec_send_frame", error);
          return NULL;
        }
      if (!drain (ctx, pkt, loop, frame_samples, total, error))
        return NULL;
    }
  ret = avcodec_send_frame (ctx, NULL);
  if (ret < 0)
    {
      av_failed (ret, "avcodec_send_frame", error);
      return NULL;
    }
  if (!drain (ctx, pkt, loop, frame_samples, total, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    if (loop->units[i].data == NULL)
      {
        g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                     _("audio: the %s encoder returned no packet for %.3f s"), f->encoder,
                     (double) i * (double) frame_samples / f->sample_rate);
        return NULL;
      }
  if (codec == CG_CAMSIM_CODEC_AAC && loop->codec_data == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("audio: the %s encoder gave no AudioSpecificConfig"), f->encoder);
      return NULL;
    }
  return g_steal_pointer (&loop);
}
