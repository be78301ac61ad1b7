/* player_decode.c — a segment's frames on demand (see the header). */
#define G_LOG_DOMAIN "canhgac-player"
#include "build-config.h"

#include "station/player_decode.h"

#include "common/av_autoptr.h"
#include "common/error.h"
#include "common/i18n.h"

#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>

typedef struct {
  AVPacket *pkt;
  gint64 pts_us, dts_us;
  gboolean key;
} Queued;

typedef struct {
  AVFrame *frame;
  gint64 us;
  gboolean key;
} Decoded;

struct CgSegmentDecoder {
  CgSegmentSource *src;
  AVCodecContext *codec;
  struct SwsContext *sws;
  Decoded cur;      /* the frame held (frame NULL: none) */
  GQueue pending;   /* Queued: read, not yet sent to the codec, in order */
  GQueue ahead;     /* Decoded: newer than cur, by time */
  gboolean sequential; /* the source's next packet follows those queued */
  gboolean fed;        /* the codec has had packets since its last flush */
  gboolean drained;    /* the codec has been drained: flush before feeding */
  gboolean source_end; /* the source has nothing more in this run */
  gboolean quick;      /* moving pictures: cheaper decoding when shown small */
  gboolean small;      /* the last frame asked for was under a quarter of its pixels */
  guint64 decoded;
};

static void
queued_free (Queued *q)
{
  av_packet_free (&q->pkt);
  g_free (q);
}

static void
decoded_free (Decoded *f)
{
  av_frame_free (&f->frame);
  g_free (f);
}

CgSegmentDecoder *
cg_segment_decoder_new (CgSegmentSource *source)
{
  CgSegmentDecoder *d = g_new0 (CgSegmentDecoder, 1);
  d->src = source;
  g_queue_init (&d->pending);
  g_queue_init (&d->ahead);
  return d;
}

static void
clear_queues (CgSegmentDecoder *d)
{
  g_queue_clear_full (&d->pending, (GDestroyNotify) queued_free);
  g_queue_clear_full (&d->ahead, (GDestroyNotify) decoded_free);
}

void
cg_segment_decoder_free (CgSegmentDecoder *d)
{
  if (d == NULL)
    return;
  clear_queues (d);
  av_frame_free (&d->cur.frame);
  avcodec_free_context (&d->codec);
  sws_freeContext (d->sws);
  cg_segment_source_free (d->src);
  g_free (d);
}

CgSegmentSource *
cg_segment_decoder_source (CgSegmentDecoder *d)
{
  return d->src;
}

guint64
cg_segment_decoder_decoded (CgSegmentDecoder *d)
{
  return d->decoded;
}

const AVFrame *
cg_segment_decoder_frame (CgSegmentDecoder *d, gint64 *offset_us, gboolean *keyframe)
{
  if (offset_us != NULL)
    *offset_us = d->cur.us;
  if (keyframe != NULL)
    *keyframe = d->cur.key;
  return d->cur.frame;
}

static gboolean
codec_failure (const char *what, int rc, GError **error)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (rc, msg, sizeof msg);
  g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
               _("The station cannot decode this recording (%s: %s): is FFmpeg installed with "
                 "the camera's codec?"), what, msg);
  return FALSE;
}

static gboolean
ensure_codec (CgSegmentDecoder *d, GError **error)
{
  if (d->codec != NULL)
    return TRUE;
  const AVCodecParameters *par = cg_segment_source_codecpar (d->src);
  const AVCodec *dec = par != NULL ? avcodec_find_decoder (par->codec_id) : NULL;
  if (dec == NULL)
    return codec_failure ("decoder", AVERROR_DECODER_NOT_FOUND, error);
  d->codec = avcodec_alloc_context3 (dec);
  avcodec_parameters_to_context (d->codec, par);
  /* Times are offsets in microseconds, given with each packet. */
  d->codec->pkt_timebase = AV_TIME_BASE_Q;
  /* Slices, not frames, in parallel: a frame comes out as soon as its
   * packet goes in, which the live edge needs. */
  d->codec->thread_type = FF_THREAD_SLICE;
  d->codec->thread_count = 0;
  d->codec->skip_loop_filter = d->quick && d->small ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
  int rc = avcodec_open2 (d->codec, dec, NULL);
  if (rc < 0)
    {
      avcodec_free_context (&d->codec);
      return codec_failure ("open", rc, error);
    }
  return TRUE;
}

static gboolean
frame_is_key (const AVFrame *f)
{
#ifdef AV_FRAME_FLAG_KEY
  return (f->flags & AV_FRAME_FLAG_KEY) != 0;
#else
  return f->key_frame != 0;
#endif
}

/* Frames out of the codec into `ahead`, by time. */
static void
receive (CgSegmentDecoder *d)
{
  for (;;)
    {
      AVFrame *f = av_frame_alloc ();
      if (avcodec_receive_frame (d->codec, f) < 0)
        {
          av_frame_free (&f);
          return;
        }
      d->decoded++;
      Decoded *out = g_new0 (Decoded, 1);
      out->frame = f;
      out->us = f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
      out->key = frame_is_key (f);
      GList *l = d->ahead.tail;
      while (l != NULL && ((Decoded *) l->data)->us > out->us)
        l = l->prev;
      if (l == NULL)
        g_queue_push_head (&d->ahead, out);
      else
        g_queue_insert_after (&d->ahead, l, out);
    }
}

static void
flush_codec (CgSegmentDecoder *d)
{
  if (d->codec != NULL && (d->fed || d->drained))
    avcodec_flush_buffers (d->codec);
  d->fed = d->drained = FALSE;
}

/* Sends the first pending packet.  A packet the codec refuses as broken
 * is skipped: the frames after it show what they can. */
static void
send_one (CgSegmentDecoder *d)
{
  Queued *q = g_queue_pop_head (&d->pending);
  if (d->drained)
    flush_codec (d);
  q->pkt->pts = q->pts_us;
  q->pkt->dts = q->dts_us;
  int rc = avcodec_send_packet (d->codec, q->pkt);
  if (rc == AVERROR (EAGAIN))
    {
      receive (d);
      rc = avcodec_send_packet (d->codec, q->pkt);
    }
  if (rc < 0)
    g_debug ("a packet at %" G_GINT64_FORMAT " us was not decoded: %s", q->pts_us,
             av_err2str (rc));
  d->fed = TRUE;
  queued_free (q);
  receive (d);
}

/* Everything the codec holds, out (nothing more can go in until it is
 * flushed). */
static void
drain (CgSegmentDecoder *d)
{
  if (!d->drained && d->fed)
    {
      avcodec_send_packet (d->codec, NULL);
      receive (d);
    }
  d->drained = TRUE;
}

/* Reads one packet onto `pending`. */
static CgSourceResult
read_one (CgSegmentDecoder *d, GError **error)
{
  AVPacket *pkt = av_packet_alloc ();
  gint64 pts = 0, dts = 0;
  CgSourceResult r = cg_segment_source_read (d->src, pkt, &pts, &dts, error);
  if (r != CG_SOURCE_PACKET)
    {
      av_packet_free (&pkt);
      if (r == CG_SOURCE_END)
        d->source_end = TRUE;
      return r;
    }
  if (!ensure_codec (d, error))
    {
      av_packet_free (&pkt);
      return CG_SOURCE_ERROR;
    }
  Queued *q = g_new0 (Queued, 1);
  q->pkt = pkt;
  q->pts_us = pts;
  q->dts_us = dts;
  q->key = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
  g_queue_push_tail (&d->pending, q);
  return CG_SOURCE_PACKET;
}

static void
promote (CgSegmentDecoder *d, Decoded *f)
{
  av_frame_free (&d->cur.frame);
  d->cur = *f;
  g_free (f);
}

/* Starts again at keyframe k: nothing read or decoded before counts,
 * not even the frame held. */
static gboolean
restart (CgSegmentDecoder *d, const CgKeyframe *k, GError **error)
{
  clear_queues (d);
  flush_codec (d);
  av_frame_free (&d->cur.frame);
  d->source_end = FALSE;
  d->sequential = TRUE;
  return cg_segment_source_seek (d->src, k, error);
}

static gint64
last_read_dts (CgSegmentDecoder *d)
{
  return d->pending.tail != NULL ? ((Queued *) d->pending.tail->data)->dts_us : G_MININT64;
}

/* Reads and decodes on until the frame held is the one shown at offset. */
static CgDecodeResult
advance (CgSegmentDecoder *d, gint64 offset, GError **error)
{
  for (;;)
    {
      while (d->ahead.head != NULL
             && (((Decoded *) d->ahead.head->data)->us <= offset || d->cur.frame == NULL))
        promote (d, g_queue_pop_head (&d->ahead));
      if (d->ahead.head != NULL)
        return CG_DECODED_FRAME;

      if (!d->source_end && last_read_dts (d) <= offset)
        {
          CgSourceResult r = read_one (d, error);
          if (r == CG_SOURCE_ERROR)
            return CG_DECODED_ERROR;
          if (r == CG_SOURCE_WAIT)
            {
              /* What is on the disk, decoded; the rest later. */
              while (d->pending.head != NULL)
                send_one (d);
              while (d->ahead.head != NULL
                     && (((Decoded *) d->ahead.head->data)->us <= offset || d->cur.frame == NULL))
                promote (d, g_queue_pop_head (&d->ahead));
              return d->ahead.head != NULL ? CG_DECODED_FRAME : CG_DECODED_WAIT;
            }
          if (r == CG_SOURCE_PACKET)
            {
              Queued *q = d->pending.tail->data;
              /* A later keyframe still before offset: what came before it
               * is never decoded. */
              if (q->key && q->pts_us <= offset && d->pending.head->data != q)
                {
                  g_queue_pop_tail (&d->pending);
                  g_queue_clear_full (&d->pending, (GDestroyNotify) queued_free);
                  g_queue_push_tail (&d->pending, q);
                  g_queue_clear_full (&d->ahead, (GDestroyNotify) decoded_free);
                  flush_codec (d);
                }
              else if (q->key && q->pts_us <= offset && d->fed)
                {
                  g_queue_clear_full (&d->ahead, (GDestroyNotify) decoded_free);
                  flush_codec (d);
                }
            }
          continue;
        }

      /* Every packet of a frame up to offset has been read. */
      while (d->pending.head != NULL
             && (d->source_end || ((Queued *) d->pending.head->data)->dts_us <= offset))
        send_one (d);
      if (d->source_end && d->pending.head == NULL)
        drain (d);
      while (d->ahead.head != NULL
             && (((Decoded *) d->ahead.head->data)->us <= offset || d->cur.frame == NULL))
        promote (d, g_queue_pop_head (&d->ahead));
      if (d->ahead.head != NULL)
        return CG_DECODED_FRAME;
      if (d->source_end && d->drained)
        return d->cur.frame != NULL ? CG_DECODED_FRAME : CG_DECODED_NONE;
      /* A codec without reordering has given every frame up to offset. */
      if (d->codec != NULL && d->codec->has_b_frames == 0 && d->cur.frame != NULL && d->fed)
        return CG_DECODED_FRAME;
      /* Else it may hold one back: feed it the next packet too. */
      if (d->pending.head != NULL)
        send_one (d);
      else if (read_one (d, error) == CG_SOURCE_ERROR)
        return CG_DECODED_ERROR;
      else if (d->pending.head == NULL && !d->source_end)
        return CG_DECODED_WAIT;
    }
}

CgDecodeResult
cg_segment_decoder_seek (CgSegmentDecoder *d, gint64 offset_us, GError **error)
{
  CgSourceResult r = cg_segment_source_open (d->src, error);
  if (r == CG_SOURCE_ERROR)
    return CG_DECODED_ERROR;
  if (r == CG_SOURCE_WAIT)
    return CG_DECODED_WAIT;
  const CgKeyframe *k = cg_segment_source_keyframe_at (d->src, offset_us);
  gboolean on = d->sequential && d->cur.frame != NULL && offset_us >= d->cur.us;
  /* Going on is the shorter way unless a keyframe known to be at or
   * before offset lies beyond what has been read. */
  if (!on || (k != NULL && k->offset_us > d->cur.us && k->offset_us > last_read_dts (d)))
    {
      if (!restart (d, k, error))
        return CG_DECODED_ERROR;
    }
  return advance (d, offset_us, error);
}

CgDecodeResult
cg_segment_decoder_keyframe (CgSegmentDecoder *d, gint64 offset_us, GError **error)
{
  gboolean scanned = cg_segment_source_indexed_to (d->src) < offset_us;
  CgSourceResult r = cg_segment_source_scan (d->src, offset_us, error);
  if (r == CG_SOURCE_ERROR)
    return CG_DECODED_ERROR;
  const CgKeyframe *k = cg_segment_source_keyframe_at (d->src, offset_us);
  /* The source read on without us. */
  if (scanned)
    d->sequential = FALSE;
  if (k == NULL)
    return CG_DECODED_WAIT;
  if (d->cur.frame != NULL && d->cur.us == k->offset_us)
    return CG_DECODED_FRAME;
  gint64 want = k->offset_us;
  if (!restart (d, k, error))
    return CG_DECODED_ERROR;
  for (;;)
    {
      r = read_one (d, error);
      if (r == CG_SOURCE_ERROR)
        return CG_DECODED_ERROR;
      if (r != CG_SOURCE_PACKET)
        break;
      Queued *q = d->pending.tail->data;
      if (q->pts_us >= want)
        break;
      /* Not the keyframe itself (it should come first): never decoded. */
      queued_free (g_queue_pop_tail (&d->pending));
    }
  if (d->pending.head == NULL)
    return r == CG_SOURCE_WAIT ? CG_DECODED_WAIT : CG_DECODED_NONE;
  send_one (d);
  if (d->ahead.head == NULL)
    {
      /* A codec that holds frames back gives it up when drained; then
       * it cannot go on to the next frame without starting again. */
      drain (d);
      d->sequential = FALSE;
    }
  else
    d->sequential = TRUE;
  if (d->ahead.head == NULL)
    return CG_DECODED_NONE;
  promote (d, g_queue_pop_head (&d->ahead));
  g_queue_clear_full (&d->ahead, (GDestroyNotify) decoded_free);
  return CG_DECODED_FRAME;
}

CgDecodeResult
cg_segment_decoder_next (CgSegmentDecoder *d, GError **error)
{
  if (d->cur.frame == NULL)
    return cg_segment_decoder_seek (d, G_MININT64 / 2, error);
  if (!d->sequential)
    {
      /* Back to where the frame held is, decoding on from there. */
      gint64 at = d->cur.us;
      if (!restart (d, cg_segment_source_keyframe_at (d->src, at), error))
        return CG_DECODED_ERROR;
      CgDecodeResult r = advance (d, at, error);
      if (r != CG_DECODED_FRAME)
        return r;
    }
  gint64 after = d->cur.us;
  for (;;)
    {
      while (d->ahead.head != NULL && ((Decoded *) d->ahead.head->data)->us <= after)
        decoded_free (g_queue_pop_head (&d->ahead));
      if (d->ahead.head != NULL)
        {
          promote (d, g_queue_pop_head (&d->ahead));
          return CG_DECODED_FRAME;
        }
      if (d->pending.head != NULL)
        {
          send_one (d);
          continue;
        }
      if (d->source_end)
        {
          if (d->drained)
            return CG_DECODED_NONE;
          drain (d);
          continue;
        }
      CgSourceResult r = read_one (d, error);
      if (r == CG_SOURCE_ERROR)
        return CG_DECODED_ERROR;
      if (r == CG_SOURCE_WAIT)
        return CG_DECODED_WAIT;
    }
}

CgDecodeResult
cg_segment_decoder_prev (CgSegmentDecoder *d, GError **error)
{
  if (d->cur.frame == NULL)
    return CG_DECODED_NONE;
  const CgKeyframe *first = cg_segment_source_keyframe_at (d->src, G_MININT64);
  if (first == NULL || d->cur.us <= first->offset_us)
    return CG_DECODED_NONE;
  gint64 before = d->cur.us - 1;
  if (!restart (d, cg_segment_source_keyframe_at (d->src, before), error))
    return CG_DECODED_ERROR;
  CgDecodeResult r = advance (d, before, error);
  return r == CG_DECODED_WAIT && d->cur.frame != NULL ? CG_DECODED_FRAME : r;
}

gboolean
cg_segment_decoder_rgb (CgSegmentDecoder *d, int width, int height, guint8 *rgb,
                        GError **error)
{
  const AVFrame *f = d->cur.frame;
  if (f == NULL || width <= 0 || height <= 0)
    return FALSE;
  enum AVPixelFormat fmt = f->format;
  gboolean full_range = f->color_range == AVCOL_RANGE_JPEG;
  /* The deprecated full-range formats, as what they are. */
  switch (fmt)
    {
    case AV_PIX_FMT_YUVJ420P: fmt = AV_PIX_FMT_YUV420P; full_range = TRUE; break;
    case AV_PIX_FMT_YUVJ422P: fmt = AV_PIX_FMT_YUV422P; full_range = TRUE; break;
    case AV_PIX_FMT_YUVJ444P: fmt = AV_PIX_FMT_YUV444P; full_range = TRUE; break;
    default: break;
    }
  /* Shown at under a quarter of its pixels while it moves: the next
   * frames without the deblocking filter, as players do when they are
   * short of time; nobody sees the difference in a terminal's cells,
   * and a still picture is decoded in full (cg_segment_decoder_set_quick).
   * The scaler stays bilinear: the fast one's aliasing makes cells flicker,
   * and every flicker is bytes on the line. */
  d->small = (gint64) width * height * 4 < (gint64) f->width * f->height;
  gboolean cheap = d->quick && d->small;
  if (d->codec != NULL)
    d->codec->skip_loop_filter = cheap ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
  d->sws = sws_getCachedContext (d->sws, f->width, f->height, fmt, width, height,
                                 AV_PIX_FMT_RGB24, SWS_BILINEAR, NULL, NULL, NULL);
  if (d->sws == NULL)
    return codec_failure ("scale", AVERROR (EINVAL), error);
  /* The picture's own colour matrix where it says one, as ffmpeg does. */
  int space = f->colorspace != AVCOL_SPC_UNSPECIFIED ? f->colorspace : SWS_CS_DEFAULT;
  sws_setColorspaceDetails (d->sws, sws_getCoefficients (space), full_range,
                            sws_getCoefficients (SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
  uint8_t *dst[4] = { rgb, NULL, NULL, NULL };
  int stride[4] = { width * 3, 0, 0, 0 };
  sws_scale (d->sws, (const uint8_t *const *) f->data, f->linesize, 0, f->height, dst, stride);
  return TRUE;
}

void
cg_segment_decoder_set_quick (CgSegmentDecoder *d, gboolean quick)
{
  d->quick = quick;
  if (d->codec != NULL && !(quick && d->small))
    d->codec->skip_loop_filter = AVDISCARD_DEFAULT;
}
