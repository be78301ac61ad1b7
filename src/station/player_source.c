/* player_source.c — a segment's packets from its descriptor (see the
 * header). */
#define G_LOG_DOMAIN "canhgac-player"
#include "build-config.h"

#include "station/player_source.h"

#include "common/av_autoptr.h"
#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <libavformat/avformat.h>
#include <sys/stat.h>
#include <unistd.h>

#define TS_PACKET 188
#define IO_BUFFER_SIZE (64 * 1024)
/* A growing file is not opened before it holds this much: the tables
 * and the first keyframe. */
#define OPEN_MIN_BYTES (16 * TS_PACKET)
/* The demuxer finds the programme table within this much. */
#define PROBE_BYTES (1024 * 1024)

struct CgSegmentSource {
  int fd;
  char *name;
  gboolean growing;
  gint64 visible; /* bytes the demuxer may read */
  gint64 io_pos;  /* where the next read callback reads */
  gint64 tried_size; /* a growing file too young to open, at this size */

  AVFormatContext *fmt;
  int video;
  AVRational time_base;
  gint64 first_pts;
  AVPacket *held;            /* the first packet, read at opening */
  gint64 held_pts, held_dts;

  GArray *index;             /* CgKeyframe */
  gint64 indexed_to;
  gint64 last_pos;           /* the byte of the last packet handed out */
  gint64 resume_pos;         /* at the live edge: read again from here (-1: not there) */
  gint64 skip_through;       /* after resuming: packets up to this byte were handed out */
  gint64 edge_size;          /* the file's size when the edge was met */
};

static gint64
file_size (CgSegmentSource *s)
{
  struct stat sb;
  if (fstat (s->fd, &sb) != 0)
    return s->visible;
  /* A growing file is read in whole transport packets only. */
  return s->growing ? sb.st_size - sb.st_size % TS_PACKET : sb.st_size;
}

static int
io_read (void *opaque, uint8_t *buf, int size)
{
  CgSegmentSource *s = opaque;
  if (s->io_pos >= s->visible)
    s->visible = file_size (s);
  gint64 left = s->visible - s->io_pos;
  if (left <= 0)
    return AVERROR_EOF;
  ssize_t n;
  do
    n = pread (s->fd, buf, (size_t) MIN ((gint64) size, left), s->io_pos);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return AVERROR (errno);
  if (n == 0)
    return AVERROR_EOF;
  s->io_pos += n;
  return (int) n;
}

static int64_t
io_seek (void *opaque, int64_t offset, int whence)
{
  CgSegmentSource *s = opaque;
  if (whence & AVSEEK_SIZE)
    {
      s->visible = file_size (s);
      return s->visible;
    }
  gint64 base = 0;
  switch (whence & ~AVSEEK_FORCE)
    {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = s->io_pos; break;
    case SEEK_END: base = s->visible = file_size (s); break;
    default: return AVERROR (EINVAL);
    }
  if (base + offset < 0)
    return AVERROR (EINVAL);
  s->io_pos = base + offset;
  return s->io_pos;
}

CgSegmentSource *
cg_segment_source_new (int fd, gboolean growing, const char *name)
{
  CgSegmentSource *s = g_new0 (CgSegmentSource, 1);
  s->fd = fd;
  s->name = g_strdup (name);
  s->growing = growing;
  s->video = -1;
  s->first_pts = AV_NOPTS_VALUE;
  s->index = g_array_new (FALSE, FALSE, sizeof (CgKeyframe));
  s->indexed_to = G_MININT64;
  s->last_pos = s->resume_pos = s->skip_through = -1;
  return s;
}

static void
close_input (CgSegmentSource *s)
{
  if (s->fmt == NULL)
    return;
  AVIOContext *io = s->fmt->pb;
  avformat_close_input (&s->fmt);
  if (io != NULL)
    {
      av_freep (&io->buffer);
      avio_context_free (&io);
    }
}

void
cg_segment_source_free (CgSegmentSource *s)
{
  if (s == NULL)
    return;
  close_input (s);
  av_packet_free (&s->held);
  if (s->fd >= 0)
    close (s->fd);
  g_array_unref (s->index);
  g_free (s->name);
  g_free (s);
}

void
cg_segment_source_set_final (CgSegmentSource *s)
{
  s->growing = FALSE;
  s->visible = file_size (s);
  s->tried_size = -1;
}

gboolean
cg_segment_source_growing (CgSegmentSource *s)
{
  return s->growing;
}

static CgSourceResult
av_failure (CgSegmentSource *s, const char *what, int rc, GError **error)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (rc, msg, sizeof msg);
  /* Translators: "the recording of <camera, time> cannot be read (<what>: <why>)". */
  g_set_error (error, CG_ERROR, CG_ERROR_IO,
               _("The recording of %s cannot be read (%s: %s): it may be damaged; "
                 "try a moment later or earlier"), s->name, what, msg);
  return CG_SOURCE_ERROR;
}

static gint64
offset_of (CgSegmentSource *s, gint64 ts)
{
  if (ts == AV_NOPTS_VALUE)
    return G_MININT64;
  gint64 d = ts - s->first_pts;
  /* MPEG-TS times wrap at 33 bits (26.5 hours). */
  if (s->time_base.num == 1 && s->time_base.den == 90000)
    {
      const gint64 wrap = G_GINT64_CONSTANT (1) << 33;
      if (d < -wrap / 2)
        d += wrap;
      else if (d > wrap / 2)
        d -= wrap;
    }
  return av_rescale_q (d, s->time_base, AV_TIME_BASE_Q);
}

static void
note_packet (CgSegmentSource *s, const AVPacket *pkt, gint64 pts_us, gint64 dts_us)
{
  if (pkt->flags & AV_PKT_FLAG_KEY)
    {
      const CgKeyframe *last = s->index->len > 0
                                 ? &g_array_index (s->index, CgKeyframe, s->index->len - 1) : NULL;
      if (last == NULL || pts_us > last->offset_us)
        {
          CgKeyframe k = { pts_us, pkt->pos };
          g_array_append_val (s->index, k);
        }
    }
  /* Reads always start at a keyframe already known, so everything up to
   * here has been seen. */
  s->indexed_to = MAX (s->indexed_to, dts_us);
  s->last_pos = pkt->pos;
}

/* The first video packet: the segment's time origin, its first keyframe. */
static CgSourceResult
read_first (CgSegmentSource *s, GError **error)
{
  AVPacket *pkt = av_packet_alloc ();
  for (;;)
    {
      int rc = av_read_frame (s->fmt, pkt);
      if (rc < 0)
        {
          av_packet_free (&pkt);
          if (s->growing)
            return CG_SOURCE_WAIT;
          if (rc == AVERROR_EOF)
            {
              g_set_error (error, CG_ERROR, CG_ERROR_IO,
                           _("The recording of %s holds no picture: it may be damaged"),
                           s->name);
              return CG_SOURCE_ERROR;
            }
          return av_failure (s, "read", rc, error);
        }
      if (pkt->stream_index == s->video)
        break;
      av_packet_unref (pkt);
    }
  /* A growing file's first frame may not be whole yet. */
  if (s->growing && avio_feof (s->fmt->pb))
    {
      av_packet_free (&pkt);
      return CG_SOURCE_WAIT;
    }
  s->first_pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
  if (s->first_pts == AV_NOPTS_VALUE)
    s->first_pts = 0;
  s->held_pts = offset_of (s, pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts);
  s->held_dts = pkt->dts != AV_NOPTS_VALUE ? offset_of (s, pkt->dts) : s->held_pts;
  /* The daemon starts every segment at a keyframe. */
  pkt->flags |= AV_PKT_FLAG_KEY;
  note_packet (s, pkt, s->held_pts, s->held_dts);
  s->held = pkt;
  return CG_SOURCE_PACKET;
}

CgSourceResult
cg_segment_source_open (CgSegmentSource *s, GError **error)
{
  if (s->fmt != NULL && s->first_pts != AV_NOPTS_VALUE)
    return CG_SOURCE_PACKET;
  if (s->fmt == NULL)
    {
      s->visible = file_size (s);
      if (s->growing && (s->visible < OPEN_MIN_BYTES || s->visible <= s->tried_size))
        return CG_SOURCE_WAIT;
      s->tried_size = s->visible;
      s->io_pos = 0;
      AVIOContext *io = avio_alloc_context (av_malloc (IO_BUFFER_SIZE), IO_BUFFER_SIZE, 0, s,
                                            io_read, NULL, io_seek);
      AVFormatContext *fmt = avformat_alloc_context ();
      fmt->pb = io;
      fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
      fmt->probesize = PROBE_BYTES;
      int rc = avformat_open_input (&fmt, NULL, av_find_input_format ("mpegts"), NULL);
      if (rc < 0)
        {
          /* avformat_open_input freed the context on failure, not our I/O. */
          av_freep (&io->buffer);
          avio_context_free (&io);
          if (s->growing)
            return CG_SOURCE_WAIT;
          return av_failure (s, "open", rc, error);
        }
      s->fmt = fmt;
      for (unsigned i = 0; i < fmt->nb_streams; i++)
        {
          gboolean video = fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO;
          if (video && s->video < 0)
            s->video = (int) i;
          else
            fmt->streams[i]->discard = AVDISCARD_ALL;
        }
      if (s->video < 0)
        {
          close_input (s);
          if (s->growing)
            return CG_SOURCE_WAIT;
          g_set_error (error, CG_ERROR, CG_ERROR_IO,
                       _("The recording of %s holds no picture: it may be damaged"), s->name);
          return CG_SOURCE_ERROR;
        }
      s->time_base = fmt->streams[s->video]->time_base;
    }
  CgSourceResult r = read_first (s, error);
  if (r == CG_SOURCE_WAIT)
    {
      /* Opened again from the start once the file has grown. */
      close_input (s);
      s->video = -1;
    }
  return r;
}

const AVCodecParameters *
cg_segment_source_codecpar (CgSegmentSource *s)
{
  return s->fmt != NULL && s->video >= 0 ? s->fmt->streams[s->video]->codecpar : NULL;
}

static gboolean
seek_byte (CgSegmentSource *s, gint64 pos, GError **error)
{
  av_packet_free (&s->held);
  int rc = av_seek_frame (s->fmt, -1, pos, AVSEEK_FLAG_BYTE);
  if (rc < 0)
    {
      av_failure (s, "seek", rc, error);
      return FALSE;
    }
  return TRUE;
}

CgSourceResult
cg_segment_source_read (CgSegmentSource *s, AVPacket *pkt, gint64 *pts_us, gint64 *dts_us,
                        GError **error)
{
  CgSourceResult r = cg_segment_source_open (s, error);
  if (r != CG_SOURCE_PACKET)
    return r;
  if (s->held != NULL)
    {
      av_packet_move_ref (pkt, s->held);
      av_packet_free (&s->held);
      *pts_us = s->held_pts;
      *dts_us = s->held_dts;
      return CG_SOURCE_PACKET;
    }
  if (s->resume_pos >= 0)
    {
      /* At the live edge: nothing until the file has grown or is final. */
      if (s->growing && file_size (s) <= s->edge_size)
        return CG_SOURCE_WAIT;
      gint64 pos = s->resume_pos;
      s->resume_pos = -1;
      if (!seek_byte (s, pos, error))
        return CG_SOURCE_ERROR;
    }
  for (;;)
    {
      int rc = av_read_frame (s->fmt, pkt);
      if (rc == AVERROR_EOF)
        {
          if (s->growing)
            {
              /* Everything handed out was whole: on from the last one. */
              s->resume_pos = MAX (s->last_pos, 0);
              s->skip_through = s->last_pos;
              s->edge_size = s->visible;
              return CG_SOURCE_WAIT;
            }
          s->indexed_to = G_MAXINT64;
          return CG_SOURCE_END;
        }
      if (rc < 0)
        return av_failure (s, "read", rc, error);
      if (pkt->stream_index != s->video || pkt->pos <= s->skip_through)
        {
          av_packet_unref (pkt);
          continue;
        }
      if (s->growing && avio_feof (s->fmt->pb))
        {
          /* Handed out because the file ends, not because the next frame
           * began: maybe cut short.  Read again once there is more. */
          s->resume_pos = pkt->pos;
          s->skip_through = s->last_pos;
          s->edge_size = s->visible;
          av_packet_unref (pkt);
          return CG_SOURCE_WAIT;
        }
      s->skip_through = -1;
      gint64 ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
      *pts_us = offset_of (s, ts);
      *dts_us = pkt->dts != AV_NOPTS_VALUE ? offset_of (s, pkt->dts) : *pts_us;
      note_packet (s, pkt, *pts_us, *dts_us);
      return CG_SOURCE_PACKET;
    }
}

const CgKeyframe *
cg_segment_source_keyframe_at (CgSegmentSource *s, gint64 offset_us)
{
  if (s->index->len == 0)
    return NULL;
  int lo = 0, hi = (int) s->index->len;
  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2;
      if (g_array_index (s->index, CgKeyframe, mid).offset_us <= offset_us)
        lo = mid + 1;
      else
        hi = mid;
    }
  return &g_array_index (s->index, CgKeyframe, MAX (lo - 1, 0));
}

gboolean
cg_segment_source_seek (CgSegmentSource *s, const CgKeyframe *k, GError **error)
{
  if (cg_segment_source_open (s, error) == CG_SOURCE_ERROR)
    return FALSE;
  if (s->fmt == NULL || s->index->len == 0)
    return TRUE; /* not open yet: reading starts at the first anyway */
  if (k == NULL)
    k = &g_array_index (s->index, CgKeyframe, 0);
  s->resume_pos = -1;
  s->skip_through = -1;
  return seek_byte (s, k->pos, error);
}

gint64
cg_segment_source_indexed_to (CgSegmentSource *s)
{
  return s->indexed_to;
}

CgSourceResult
cg_segment_source_scan (CgSegmentSource *s, gint64 offset_us, GError **error)
{
  CgSourceResult r = cg_segment_source_open (s, error);
  if (r != CG_SOURCE_PACKET)
    return r;
  if (s->indexed_to >= offset_us)
    return CG_SOURCE_PACKET;
  /* From the last keyframe known: what lies before it has been seen. */
  if (s->resume_pos < 0 && s->held == NULL)
    {
      const CgKeyframe *last = &g_array_index (s->index, CgKeyframe, s->index->len - 1);
      if (!seek_byte (s, last->pos, error))
        return CG_SOURCE_ERROR;
    }
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  while (s->indexed_to < offset_us)
    {
      gint64 pts = 0, dts = 0;
      r = cg_segment_source_read (s, pkt, &pts, &dts, error);
      av_packet_unref (pkt);
      if (r != CG_SOURCE_PACKET)
        return r;
    }
  return CG_SOURCE_PACKET;
}

const GArray *
cg_segment_source_keyframes (CgSegmentSource *s)
{
  return s->index;
}
