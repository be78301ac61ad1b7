/* export/mp4.c — MPEG-TS segments remuxed into one MP4. */
#define G_LOG_DOMAIN "canhgac-export"
#include "build-config.h"

#include "daemon/export/mp4.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <gio/gio.h>
#include <libavformat/avformat.h>
#include <sys/stat.h>
#include <unistd.h>

#define IO_BUFFER 65536
/* Once a picture this far past a piece's end is read, the rest of the
 * segment is not needed. */
#define READ_PAST_US (G_GINT64_CONSTANT (1000000))

static const AVRational US = { 1, 1000000 };

/* ---- reading a segment from a descriptor ------------------------------- */

typedef struct {
  int fd;
  gint64 pos;
} FdReader;

static int
fd_read (void *opaque, uint8_t *buf, int size)
{
  FdReader *r = opaque;
  ssize_t n;
  do
    n = pread (r->fd, buf, (size_t) size, r->pos);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return AVERROR (errno);
  if (n == 0)
    return AVERROR_EOF;
  r->pos += n;
  return (int) n;
}

static int64_t
fd_seek (void *opaque, int64_t offset, int whence)
{
  FdReader *r = opaque;
  struct stat sb;
  whence &= ~AVSEEK_FORCE;
  if (whence == AVSEEK_SIZE || whence == SEEK_END)
    {
      if (fstat (r->fd, &sb) != 0)
        return AVERROR (errno);
      if (whence == AVSEEK_SIZE)
        return sb.st_size;
      offset += sb.st_size;
    }
  else if (whence == SEEK_CUR)
    offset += r->pos;
  else if (whence != SEEK_SET)
    return AVERROR (EINVAL);
  if (offset < 0)
    return AVERROR (EINVAL);
  r->pos = offset;
  return offset;
}

typedef struct {
  FdReader reader;
  AVIOContext *io;
  AVFormatContext *fmt;
  int video, audio; /* stream indexes, -1: none */
} Input;

static int
interrupt_cb (void *data)
{
  const gint *cancel = data;
  return cancel != NULL && g_atomic_int_get (cancel) != 0;
}

static void
input_close (Input *in)
{
  avformat_close_input (&in->fmt);
  if (in->io != NULL)
    {
      av_freep (&in->io->buffer);
      avio_context_free (&in->io);
    }
}

static gboolean
av_fail (GError **error, const char *name, const char *what, int averr)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (averr, msg, sizeof msg);
  if (averr == AVERROR (ENOSPC) || averr == AVERROR (EDQUOT))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s: %s: %s", name, what, msg);
  else if (averr == AVERROR_EXIT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: %s", name, _("stopped"));
  else
    g_set_error (error, CG_ERROR, averr == AVERROR (EIO) || averr == AVERROR (EROFS)
                                    ? CG_ERROR_IO : CG_ERROR_FAILED,
                 "%s: %s: %s", name, what, msg);
  return FALSE;
}

static gboolean
input_open (Input *in, const CgMp4Piece *p, int fd, const gint *cancel, GError **error)
{
  *in = (Input) { .reader = { fd, 0 }, .video = -1, .audio = -1 };
  unsigned char *buf = av_malloc (IO_BUFFER);
  in->io = buf != NULL ? avio_alloc_context (buf, IO_BUFFER, 0, &in->reader, fd_read, NULL, fd_seek)
                       : NULL;
  in->fmt = avformat_alloc_context ();
  if (in->io == NULL || in->fmt == NULL)
    {
      if (in->io == NULL)
        av_free (buf);
      input_close (in);
      return av_fail (error, p->name, _("out of memory"), AVERROR (ENOMEM));
    }
  in->fmt->pb = in->io;
  in->fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
  in->fmt->interrupt_callback = (AVIOInterruptCB) { interrupt_cb, (void *) cancel };
  int rc = avformat_open_input (&in->fmt, NULL, av_find_input_format ("mpegts"), NULL);
  if (rc >= 0)
    rc = avformat_find_stream_info (in->fmt, NULL);
  if (rc < 0)
    {
      input_close (in);
      return av_fail (error, p->name, _("not a readable MPEG-TS segment"), rc);
    }
  in->video = av_find_best_stream (in->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
  in->audio = av_find_best_stream (in->fmt, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
  if (in->video < 0)
    {
      input_close (in);
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no readable video"), p->name);
      return FALSE;
    }
  if (in->audio >= 0 && in->fmt->streams[in->audio]->codecpar->codec_id != AV_CODEC_ID_AAC)
    in->audio = -1;
  return TRUE;
}

/* ---- the MP4 ----------------------------------------------------------- */

/* A packet read but not written yet, with its times in microseconds on
 * the segment's clock, and its wall-clock time. */
typedef struct {
  AVPacket *pkt;
  gboolean video;
  gint64 dts_us, pts_us, wall_us;
} Held;

typedef struct {
  const CgMp4Options *opt;
  const CgMp4Piece *pieces;
  const char *dst;
  AVFormatContext *out;
  AVStream *ov, *oa;
  gint64 cursor_us;      /* where the piece being read starts in the MP4 */
  gint64 base_us;        /* the piece's first picture, on the segment's clock */
  gint64 last_video_dts, last_audio_dts; /* in the streams' time bases */
  AVPacket *held;        /* the last picture, waiting to learn its duration */
  gint64 frames;
} Writer;

/* Piece i read from its start: its descriptor, opened now if need be. */
static gboolean
open_input (Writer *w, guint i, Input *in, GError **error)
{
  int fd = w->pieces[i].fd;
  if (w->opt->open_piece != NULL && (fd = w->opt->open_piece (w->opt->piece_data, i, error)) < 0)
    return FALSE;
  return input_open (in, &w->pieces[i], fd, w->opt->cancel, error);
}

static void
release (Writer *w, guint i)
{
  if (w->opt->release_piece != NULL)
    w->opt->release_piece (w->opt->piece_data, i);
}

static gboolean
write_out (Writer *w, AVPacket *pkt, GError **error)
{
  int rc = av_interleaved_write_frame (w->out, pkt);
  if (rc < 0)
    return av_fail (error, w->dst, _("write"), w->out->pb != NULL && w->out->pb->error < 0
                                                 ? w->out->pb->error : rc);
  return TRUE;
}

/* Places a picture after the one before it; the one before is written
 * now that its duration is known. */
static gboolean
put_video (Writer *w, Held *h, AVRational in_tb, GError **error)
{
  AVPacket *pkt = h->pkt;
  gint64 dts = av_rescale_q (w->cursor_us + h->dts_us - w->base_us, US, w->ov->time_base);
  gint64 pts = av_rescale_q (w->cursor_us + h->pts_us - w->base_us, US, w->ov->time_base);
  if (w->last_video_dts != AV_NOPTS_VALUE && dts <= w->last_video_dts)
    dts = w->last_video_dts + 1;
  pkt->dts = dts;
  pkt->pts = MAX (pts, dts);
  pkt->duration = av_rescale_q (pkt->duration, in_tb, w->ov->time_base);
  pkt->stream_index = w->ov->index;
  pkt->pos = -1;
  w->last_video_dts = dts;
  if (w->held != NULL)
    {
      w->held->duration = dts - w->held->dts;
      gboolean ok = write_out (w, w->held, error);
      av_packet_free (&w->held);
      if (!ok)
        return FALSE;
    }
  w->held = pkt;
  h->pkt = NULL;
  w->frames++;
  if (w->opt->progress != NULL)
    w->opt->progress (w->opt->progress_data, av_rescale_q (dts, w->ov->time_base, US));
  if (w->opt->pace_us > 0)
    g_usleep (w->opt->pace_us);
  return TRUE;
}

static gboolean
put_audio (Writer *w, Held *h, AVRational in_tb, GError **error)
{
  AVPacket *pkt = h->pkt;
  gint64 dts = av_rescale_q (w->cursor_us + h->dts_us - w->base_us, US, w->oa->time_base);
  gint64 pts = av_rescale_q (w->cursor_us + h->pts_us - w->base_us, US, w->oa->time_base);
  /* Sound that would go back in time (the edge of two segments) is
   * dropped rather than moved: it would drift from the picture. */
  if (dts < 0 || (w->last_audio_dts != AV_NOPTS_VALUE && dts <= w->last_audio_dts))
    return TRUE;
  pkt->dts = dts;
  pkt->pts = MAX (pts, dts);
  pkt->duration = av_rescale_q (pkt->duration, in_tb, w->oa->time_base);
  pkt->stream_index = w->oa->index;
  pkt->pos = -1;
  w->last_audio_dts = dts;
  return write_out (w, pkt, error);
}

/* Writes a packet of the piece p, unless it is past the piece's end. */
static gboolean
put (Writer *w, Input *in, const CgMp4Piece *p, Held *h, GError **error)
{
  if (h->wall_us >= p->to_us)
    return TRUE;
  AVStream *ist = in->fmt->streams[h->pkt->stream_index];
  return h->video ? put_video (w, h, ist->time_base, error) : put_audio (w, h, ist->time_base, error);
}

static void
held_free (gpointer p)
{
  Held *h = p;
  av_packet_free (&h->pkt);
  g_free (h);
}

/* Starts the piece at the first packet held (its keyframe at or before
 * the start) and writes them all. */
static gboolean
flush_held (Writer *w, Input *in, const CgMp4Piece *p, GQueue *queue, GError **error)
{
  gboolean ok = TRUE;
  Held *h;
  w->base_us = ((Held *) g_queue_peek_head (queue))->dts_us;
  while ((h = g_queue_pop_head (queue)) != NULL)
    {
      if (ok)
        ok = put (w, in, p, h, error);
      held_free (h);
    }
  return ok;
}

/* Where a piece starts, before it has: the first piece holds back from
 * each keyframe at or before its start, and the keyframe after its start
 * says the last one held is the one to start from; other pieces start
 * at their first keyframe.  TRUE when h is to be written now. */
static gboolean
find_start (Writer *w, Input *in, const CgMp4Piece *p, gboolean first, GQueue *queue, Held *h,
            gboolean *started, gboolean *ok, GError **error)
{
  gboolean key = h->video && (h->pkt->flags & AV_PKT_FLAG_KEY);
  if (!first || (key && h->wall_us > p->from_us))
    {
      if (!key)
        return FALSE;
      *started = TRUE;
      if (!g_queue_is_empty (queue))
        *ok = flush_held (w, in, p, queue, error);
      else
        w->base_us = h->dts_us;
      return *ok;
    }
  if (key)
    g_queue_clear_full (queue, held_free);
  else if (g_queue_is_empty (queue))
    return FALSE;
  g_queue_push_tail (queue, g_memdup2 (h, sizeof *h));
  h->pkt = NULL;
  return FALSE;
}

/* One segment: its part [from_us, to_us), the first from a keyframe. */
static gboolean
write_piece (Writer *w, guint index, gint64 *started_us, GError **error)
{
  const CgMp4Piece *p = &w->pieces[index];
  gboolean first = index == 0;
  Input in;
  if (!open_input (w, index, &in, error))
    return FALSE;
  AVStream *iv = in.fmt->streams[in.video];
  if (iv->codecpar->codec_id != w->ov->codecpar->codec_id
      || iv->codecpar->width != w->ov->codecpar->width || iv->codecpar->height != w->ov->codecpar->height)
    {
      input_close (&in);
      release (w, index);
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds another kind of picture"), p->name);
      return FALSE;
    }
  gboolean audio = in.audio >= 0 && w->oa != NULL
                   && in.fmt->streams[in.audio]->codecpar->sample_rate == w->oa->codecpar->sample_rate;
  GQueue queue = G_QUEUE_INIT;
  gint64 first_dts = AV_NOPTS_VALUE;
  gboolean started = FALSE, ok = TRUE;
  w->base_us = AV_NOPTS_VALUE;
  while (ok && !interrupt_cb ((void *) w->opt->cancel))
    {
      Held h = { av_packet_alloc (), FALSE, 0, 0, 0 };
      int rc = av_read_frame (in.fmt, h.pkt);
      if (rc < 0)
        {
          av_packet_free (&h.pkt);
          if (rc != AVERROR_EOF && rc != AVERROR_EXIT)
            ok = av_fail (error, p->name, _("read"), rc);
          break;
        }
      int si = h.pkt->stream_index;
      h.video = si == in.video;
      gint64 ts = h.pkt->dts != AV_NOPTS_VALUE ? h.pkt->dts : h.pkt->pts;
      /* Only the picture and its sound, and no sound before the first
       * picture (a segment starts with a keyframe). */
      if ((!h.video && !(audio && si == in.audio)) || ts == AV_NOPTS_VALUE
          || (!h.video && first_dts == AV_NOPTS_VALUE))
        {
          av_packet_free (&h.pkt);
          continue;
        }
      AVRational tb = in.fmt->streams[si]->time_base;
      h.dts_us = av_rescale_q (ts, tb, US);
      h.pts_us = h.pkt->pts != AV_NOPTS_VALUE ? av_rescale_q (h.pkt->pts, tb, US) : h.dts_us;
      if (first_dts == AV_NOPTS_VALUE)
        first_dts = h.dts_us;
      h.wall_us = p->start_us + (h.dts_us - first_dts);
      if (started || find_start (w, &in, p, first, &queue, &h, &started, &ok, error))
        ok = put (w, &in, p, &h, error);
      av_packet_free (&h.pkt);
      /* Past the end: the rest of the segment is not needed. */
      if (started && h.video && h.wall_us >= p->to_us + READ_PAST_US)
        break;
    }
  /* The start asked for is after the last keyframe: from that one. */
  if (ok && !started && !g_queue_is_empty (&queue) && !interrupt_cb ((void *) w->opt->cancel))
    {
      started = TRUE;
      ok = flush_held (w, &in, p, &queue, error);
    }
  g_queue_clear_full (&queue, held_free);
  input_close (&in);
  release (w, index);
  if (ok && interrupt_cb ((void *) w->opt->cancel))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("stopped"));
      return FALSE;
    }
  if (ok && !started)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s holds no picture that can be shown"),
                   p->name);
      return FALSE;
    }
  if (!ok)
    return FALSE;
  /* The next piece starts where this one's footage ends. */
  *started_us = p->start_us + (w->base_us - first_dts);
  w->cursor_us += MAX (p->to_us - *started_us, 0);
  return TRUE;
}

/* The output's streams: the picture as the first piece has it, the sound
 * as the first piece with AAC sound has it. */
static gboolean
add_streams (Writer *w, const CgMp4Piece *pieces, guint n, GError **error)
{
  Input in;
  if (!open_input (w, 0, &in, error))
    return FALSE;
  w->ov = avformat_new_stream (w->out, NULL);
  if (w->ov == NULL || avcodec_parameters_copy (w->ov->codecpar, in.fmt->streams[in.video]->codecpar) < 0)
    {
      input_close (&in);
      return av_fail (error, w->dst, _("out of memory"), AVERROR (ENOMEM));
    }
  input_close (&in);
  /* The tags every player knows: avc1, hvc1 (Apple's players want the
   * latter for H.265). */
  enum AVCodecID codec = w->ov->codecpar->codec_id;
  w->ov->codecpar->codec_tag = codec == AV_CODEC_ID_H264 ? MKTAG ('a', 'v', 'c', '1')
                               : codec == AV_CODEC_ID_HEVC ? MKTAG ('h', 'v', 'c', '1') : 0;
  w->ov->time_base = (AVRational) { 1, 90000 };
  for (guint i = 0; i < n; i++)
    {
      if (!pieces[i].has_audio)
        continue;
      /* (Kept open until the piece is written.) */
      if (!open_input (w, i, &in, error))
        return FALSE;
      if (in.audio >= 0)
        {
          w->oa = avformat_new_stream (w->out, NULL);
          if (w->oa == NULL
              || avcodec_parameters_copy (w->oa->codecpar, in.fmt->streams[in.audio]->codecpar) < 0)
            {
              input_close (&in);
              return av_fail (error, w->dst, _("out of memory"), AVERROR (ENOMEM));
            }
          w->oa->codecpar->codec_tag = 0;
          w->oa->time_base = (AVRational) { 1, MAX (w->oa->codecpar->sample_rate, 1) };
        }
      input_close (&in);
      if (w->oa != NULL)
        break;
    }
  return TRUE;
}

static gboolean
write_all (Writer *w, const CgMp4Piece *pieces, guint n, CgMp4Result *result, GError **error)
{
  if (!add_streams (w, pieces, n, error))
    return FALSE;
  int rc = avio_open2 (&w->out->pb, w->dst, AVIO_FLAG_WRITE, &w->out->interrupt_callback, NULL);
  if (rc < 0)
    return av_fail (error, w->dst, _("cannot create the file"), rc);
  AVDictionary *opts = NULL;
  /* The index first: a player starts before the whole file is read. */
  av_dict_set (&opts, "movflags", "+faststart", 0);
  rc = avformat_write_header (w->out, &opts);
  av_dict_free (&opts);
  if (rc < 0)
    return av_fail (error, w->dst, _("header"), rc);
  for (guint i = 0; i < n; i++)
    {
      gint64 started = 0;
      if (!write_piece (w, i, &started, error))
        return FALSE;
      if (i == 0)
        result->from_us = started;
    }
  if (w->held == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s: no picture to export"), w->dst);
      return FALSE;
    }
  /* The last picture lasts to the end of the range. */
  gint64 end = av_rescale_q (w->cursor_us, US, w->ov->time_base);
  if (end > w->held->dts)
    w->held->duration = end - w->held->dts;
  gboolean ok = write_out (w, w->held, error);
  av_packet_free (&w->held);
  if (!ok)
    return FALSE;
  /* faststart: the trailer moves the index before the media. */
  if ((rc = av_write_trailer (w->out)) < 0)
    return av_fail (error, w->dst, _("write"), w->out->pb->error < 0 ? w->out->pb->error : rc);
  avio_flush (w->out->pb);
  if (w->out->pb->error < 0)
    return av_fail (error, w->dst, _("write"), w->out->pb->error);
  result->to_us = pieces[n - 1].to_us;
  result->duration_us = w->cursor_us;
  result->frames = w->frames;
  result->audio = w->oa != NULL ? g_strdup ("aac") : NULL;
  return TRUE;
}

gboolean
cg_mp4_write (const CgMp4Piece *pieces, guint n, const char *dst, const CgMp4Options *options,
              CgMp4Result *result, GError **error)
{
  g_return_val_if_fail (n > 0, FALSE);
  *result = (CgMp4Result) { 0 };
  Writer w = {
    .opt = options, .pieces = pieces, .dst = dst,
    .last_video_dts = AV_NOPTS_VALUE, .last_audio_dts = AV_NOPTS_VALUE,
  };
  int rc = avformat_alloc_output_context2 (&w.out, NULL, "mp4", dst);
  if (rc < 0)
    return av_fail (error, dst, "mp4", rc);
  w.out->interrupt_callback = (AVIOInterruptCB) { interrupt_cb, (void *) options->cancel };
  gboolean ok = write_all (&w, pieces, n, result, error);
  av_packet_free (&w.held);
  if (w.out->pb != NULL)
    {
      int crc = avio_closep (&w.out->pb);
      if (ok && crc < 0)
        ok = av_fail (error, dst, _("write"), crc);
    }
  avformat_free_context (w.out);
  if (!ok)
    cg_mp4_result_clear (result);
  return ok;
}

void
cg_mp4_result_clear (CgMp4Result *result)
{
  g_clear_pointer (&result->audio, g_free);
}
