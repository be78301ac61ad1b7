/* segment_writer.c — muxing packets into an MPEG-TS file we control. */
#define G_LOG_DOMAIN "canhgac-segment"
#include "build-config.h"

#include "daemon/capture/segment_writer.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define IO_BUFFER_SIZE (64 * 1024)

struct CgSegmentWriter {
  char *path;
  int fd;
  int io_errno; /* first write error, reported by the next call */
  gint64 bytes;
  gint64 frames, keyframes;
  int video_index;
  AVFormatContext *out;
  AVRational *in_time_base;
  GArray *index; /* CgKeyframeEntry */
};

static int
write_cb (void *opaque, uint8_t *buf, int size)
{
  CgSegmentWriter *w = opaque;
  int done = 0;
  while (done < size)
    {
      ssize_t n = write (w->fd, buf + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (w->io_errno == 0)
            w->io_errno = n < 0 ? errno : EIO;
          return AVERROR (w->io_errno);
        }
      done += (int) n;
    }
  w->bytes += size;
  return size;
}

static void
writer_free (CgSegmentWriter *w)
{
  if (w->out != NULL)
    {
      if (w->out->pb != NULL)
        {
          av_freep (&w->out->pb->buffer);
          avio_context_free (&w->out->pb);
        }
      avformat_free_context (w->out);
    }
  if (w->fd >= 0)
    close (w->fd);
  g_free (w->in_time_base);
  g_array_unref (w->index);
  g_free (w->path);
  g_free (w);
}

static gboolean
set_av_error (GError **error, const char *path, const char *what, int averr)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (averr, msg, sizeof msg);
  int code = averr == AVERROR (ENOSPC) ? CG_ERROR_IO : CG_ERROR_FAILED;
  g_set_error (error, CG_ERROR, code, _("segment %s: %s: %s"), path, what, msg);
  return FALSE;
}

CgSegmentWriter *
cg_segment_writer_open (const char *path, AVStream **streams, int n_streams, GError **error)
{
  CgSegmentWriter *w = g_new0 (CgSegmentWriter, 1);
  w->path = g_strdup (path);
  w->video_index = -1;
  w->index = g_array_new (FALSE, FALSE, sizeof (CgKeyframeEntry));
  w->fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (w->fd < 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot create the segment %s: %s"), path,
                   g_strerror (err));
      writer_free (w);
      return NULL;
    }

  int rc = avformat_alloc_output_context2 (&w->out, NULL, "mpegts", NULL);
  if (rc < 0)
    {
      set_av_error (error, path, "mpegts", rc);
      writer_free (w);
      return NULL;
    }
  uint8_t *buffer = av_malloc (IO_BUFFER_SIZE);
  w->out->pb = avio_alloc_context (buffer, IO_BUFFER_SIZE, 1, w, NULL, write_cb, NULL);
  g_assert (w->out->pb != NULL);
  /* We flush ourselves, once a second, with an fdatasync. */
  w->out->flush_packets = 0;

  w->in_time_base = g_new (AVRational, n_streams);
  for (int i = 0; i < n_streams; i++)
    {
      AVStream *st = avformat_new_stream (w->out, NULL);
      avcodec_parameters_copy (st->codecpar, streams[i]->codecpar);
      st->codecpar->codec_tag = 0;
      st->time_base = streams[i]->time_base;
      w->in_time_base[i] = streams[i]->time_base;
      if (streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && w->video_index < 0)
        w->video_index = i;
    }
  AVDictionary *opts = NULL;
  /* Tables before every keyframe: a reader can start at any index entry. */
  av_dict_set (&opts, "mpegts_flags", "+resend_headers", 0);
  rc = avformat_write_header (w->out, &opts);
  av_dict_free (&opts);
  if (rc < 0)
    {
      set_av_error (error, path, "header", w->io_errno ? AVERROR (w->io_errno) : rc);
      writer_free (w);
      unlink (path);
      return NULL;
    }
  return w;
}

gboolean
cg_segment_writer_write (CgSegmentWriter *w, AVPacket *packet, gint64 offset_us, GError **error)
{
  int si = packet->stream_index;
  gboolean video = si == w->video_index;
  gboolean key = video && (packet->flags & AV_PKT_FLAG_KEY);
  if (key)
    {
      /* The offset is where this keyframe's bytes will start. */
      avio_flush (w->out->pb);
      CgKeyframeEntry e = { offset_us, w->bytes };
      g_array_append_val (w->index, e);
    }
  av_packet_rescale_ts (packet, w->in_time_base[si], w->out->streams[si]->time_base);
  int rc = av_write_frame (w->out, packet);
  if (rc < 0 || w->io_errno != 0)
    return set_av_error (error, w->path, _("write"), w->io_errno ? AVERROR (w->io_errno) : rc);
  if (video)
    {
      w->frames++;
      if (key)
        w->keyframes++;
    }
  return TRUE;
}

gboolean
cg_segment_writer_sync (CgSegmentWriter *w, GError **error)
{
  avio_flush (w->out->pb);
  if (w->io_errno != 0)
    return set_av_error (error, w->path, _("write"), AVERROR (w->io_errno));
  if (fdatasync (w->fd) != 0)
    return set_av_error (error, w->path, "fdatasync", AVERROR (errno));
  return TRUE;
}

gboolean
cg_segment_writer_close (CgSegmentWriter *w, GError **error)
{
  gboolean ok = TRUE;
  int rc = av_write_trailer (w->out);
  if (rc < 0 || w->io_errno != 0)
    ok = set_av_error (error, w->path, _("write"), w->io_errno ? AVERROR (w->io_errno) : rc);
  else
    ok = cg_segment_writer_sync (w, error);
  writer_free (w);
  return ok;
}

gint64
cg_segment_writer_bytes (CgSegmentWriter *w)
{
  return w->bytes + (w->out->pb != NULL ? (gint64) (w->out->pb->buf_ptr - w->out->pb->buffer) : 0);
}

gint64
cg_segment_writer_frames (CgSegmentWriter *w)
{
  return w->frames;
}

gint64
cg_segment_writer_keyframes (CgSegmentWriter *w)
{
  return w->keyframes;
}

GBytes *
cg_keyframe_index_pack (const GArray *entries)
{
  guint32 *buf = g_new (guint32, entries->len * 2 + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      const CgKeyframeEntry *e = &g_array_index (entries, CgKeyframeEntry, i);
      buf[2 * i] = GUINT32_TO_LE ((guint32) CLAMP (e->offset_us / 1000, 0, G_MAXUINT32));
      buf[2 * i + 1] = GUINT32_TO_LE ((guint32) CLAMP (e->byte, 0, G_MAXUINT32));
    }
  return g_bytes_new_take (buf, entries->len * 2 * sizeof (guint32));
}

GBytes *
cg_segment_writer_index (CgSegmentWriter *w)
{
  return cg_keyframe_index_pack (w->index);
}

GArray *
cg_keyframe_index_unpack (const void *data, gsize size)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (CgKeyframeEntry));
  const guint8 *p = data;
  for (gsize off = 0; off + 8 <= size; off += 8)
    {
      guint32 ms, byte;
      memcpy (&ms, p + off, 4);
      memcpy (&byte, p + off + 4, 4);
      CgKeyframeEntry e = { (gint64) GUINT32_FROM_LE (ms) * 1000, GUINT32_FROM_LE (byte) };
      g_array_append_val (entries, e);
    }
  return entries;
}
