/* vision/snapshot.c — full-size pictures from live keyframes and from
 * recorded segments, as JPEG, in worker threads. */
#define G_LOG_DOMAIN "canhgac-vision"
#include "build-config.h"

#include "daemon/vision/snapshot.h"

#include "common/av_autoptr.h"
#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define WORKERS 2
/* Queued and running together: an officer's snapshot waits a second or
 * two at most behind others', a flood is refused. */
#define MAX_WAITING 8
/* JPEG quality (qscale 2-31, lower is better): a picture that may become
 * evidence is kept close to what was recorded. */
#define JPEG_QSCALE 2
#define IO_BUFFER_SIZE (64 * 1024)

/* ---- the job ------------------------------------------------------------ */

CgSnapshotJob *
cg_snapshot_job_new (void)
{
  CgSnapshotJob *job = g_new0 (CgSnapshotJob, 1);
  job->segment_fd = job->jpeg_fd = -1;
  job->start_byte = -1;
  return job;
}

void
cg_snapshot_job_free (CgSnapshotJob *job)
{
  if (job == NULL)
    return;
  av_packet_free (&job->keyframe);
  avcodec_parameters_free (&job->par);
  if (job->segment_fd >= 0)
    close (job->segment_fd);
  if (job->jpeg_fd >= 0)
    close (job->jpeg_fd);
  g_clear_error (&job->error);
  g_free (job);
}

static char *
av_text (int err)
{
  char text[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (err, text, sizeof text);
  return g_strdup (text);
}

/* ---- decoding ------------------------------------------------------------ */

static AVCodecContext *
open_decoder (const AVCodecParameters *par, GError **error)
{
  const AVCodec *codec = avcodec_find_decoder (par->codec_id);
  if (codec == NULL)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("this canhgacd cannot decode %s pictures"),
                         avcodec_get_name (par->codec_id));
      return NULL;
    }
  g_autoptr (AVCodecContext) dec = avcodec_alloc_context3 (codec);
  int rc = dec != NULL ? avcodec_parameters_to_context (dec, par) : AVERROR (ENOMEM);
  if (rc >= 0)
    {
      dec->thread_count = 1;
      rc = avcodec_open2 (dec, codec, NULL);
    }
  if (rc < 0)
    {
      g_autofree char *why = av_text (rc);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the picture cannot be decoded (%s)"), why);
      return NULL;
    }
  return g_steal_pointer (&dec);
}

/* A live keyframe alone: send it, drain. */
static AVFrame *
decode_keyframe (CgSnapshotJob *job, GError **error)
{
  g_autoptr (AVCodecContext) dec = open_decoder (job->par, error);
  if (dec == NULL)
    return NULL;
  g_autoptr (AVFrame) frame = av_frame_alloc ();
  int rc = avcodec_send_packet (dec, job->keyframe);
  if (rc >= 0)
    rc = avcodec_send_packet (dec, NULL);
  if (rc >= 0)
    rc = avcodec_receive_frame (dec, frame);
  if (rc < 0)
    {
      g_autofree char *why = av_text (rc);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera's latest keyframe cannot be decoded (%s); canhgac status "
                            "says whether its pictures are damaged"), why);
      return NULL;
    }
  return g_steal_pointer (&frame);
}

/* libavformat reads the segment through the descriptor it was opened
 * with, never by its path. */
static int
fd_read (void *opaque, uint8_t *buf, int size)
{
  int fd = *(int *) opaque;
  ssize_t n;
  do
    n = read (fd, buf, (size_t) size);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return AVERROR (errno);
  return n == 0 ? AVERROR_EOF : (int) n;
}

static int64_t
fd_seek (void *opaque, int64_t offset, int whence)
{
  int fd = *(int *) opaque;
  if (whence & AVSEEK_SIZE)
    {
      struct stat sb;
      return fstat (fd, &sb) == 0 ? (int64_t) sb.st_size : AVERROR (errno);
    }
  off_t at = lseek (fd, (off_t) offset, whence & ~AVSEEK_FORCE);
  return at < 0 ? AVERROR (errno) : (int64_t) at;
}

typedef struct {
  AVFormatContext *in;
  AVIOContext *io;
  int video;
  AVRational time_base;
  gint64 origin;      /* the first video packet's time, in time_base */
  gboolean has_origin;
} Reader;

static void
reader_close (Reader *r)
{
  avformat_close_input (&r->in);
  if (r->io != NULL)
    av_freep (&r->io->buffer);
  avio_context_free (&r->io);
}

static gboolean
reader_open (Reader *r, int *fd, GError **error)
{
  *r = (Reader) { .video = -1 };
  guint8 *buffer = av_malloc (IO_BUFFER_SIZE);
  r->io = buffer != NULL ? avio_alloc_context (buffer, IO_BUFFER_SIZE, 0, fd, fd_read, NULL,
                                               fd_seek) : NULL;
  r->in = avformat_alloc_context ();
  if (r->io == NULL || r->in == NULL)
    {
      if (r->io == NULL)
        av_free (buffer);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED, N_("the recording cannot be read (%s)"),
                         g_strerror (ENOMEM));
      return FALSE;
    }
  r->in->pb = r->io;
  r->in->flags |= AVFMT_FLAG_CUSTOM_IO;
  AVDictionary *opts = NULL;
  av_dict_set (&opts, "probesize", "5000000", 0);
  int rc = avformat_open_input (&r->in, NULL, av_find_input_format ("mpegts"), &opts);
  av_dict_free (&opts);
  if (rc >= 0)
    rc = avformat_find_stream_info (r->in, NULL);
  if (rc >= 0)
    rc = r->video = av_find_best_stream (r->in, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
  if (rc < 0)
    {
      g_autofree char *why = av_text (rc);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the recording holds no readable video (%s): the file may be "
                            "damaged"), why);
      return FALSE;
    }
  r->time_base = r->in->streams[r->video]->time_base;
  return TRUE;
}

/* The next video packet (any other is skipped); FALSE at the end. */
static gboolean
reader_next (Reader *r, AVPacket *pkt, gint64 *offset_us)
{
  while (av_read_frame (r->in, pkt) >= 0)
    {
      gint64 ts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
      if (pkt->stream_index != r->video || ts == AV_NOPTS_VALUE)
        {
          av_packet_unref (pkt);
          continue;
        }
      if (!r->has_origin)
        {
          r->origin = ts;
          r->has_origin = TRUE;
        }
      *offset_us = av_rescale_q (ts - r->origin, r->time_base, AV_TIME_BASE_Q);
      return TRUE;
    }
  return FALSE;
}

/* From where the reader stands, the packets of the last group of
 * pictures that begins at or before offset_us and everything of it up to
 * offset_us (a packet decoded after offset_us is shown after it). */
static GPtrArray *
read_group (Reader *r, gint64 offset_us)
{
  GPtrArray *group = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_av_packet_free);
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  gint64 at = 0;
  while (pkt != NULL && reader_next (r, pkt, &at))
    {
      if (at > offset_us)
        break;
      if (pkt->flags & AV_PKT_FLAG_KEY)
        g_ptr_array_set_size (group, 0);
      AVPacket *copy = pkt->flags & AV_PKT_FLAG_KEY || group->len > 0 ? av_packet_clone (pkt)
                                                                        : NULL;
      gboolean failed = copy == NULL && (pkt->flags & AV_PKT_FLAG_KEY || group->len > 0);
      av_packet_unref (pkt);
      if (failed)
        {
          /* Out of memory: no group rather than a group with a hole. */
          g_ptr_array_set_size (group, 0);
          break;
        }
      if (copy != NULL)
        g_ptr_array_add (group, copy);
    }
  return group;
}

/* Decodes the group; the picture shown at offset_us is the last whose
 * time is not after it (the first one when all are). */
static AVFrame *
decode_group (Reader *r, GPtrArray *group, gint64 offset_us, gint64 *frame_offset_us,
              GError **error)
{
  g_autoptr (AVCodecContext) dec = open_decoder (r->in->streams[r->video]->codecpar, error);
  if (dec == NULL)
    return NULL;
  g_autoptr (AVFrame) best = NULL;
  g_autoptr (AVFrame) frame = av_frame_alloc ();
  gint64 best_at = G_MININT64;
  int rc = 0;
  for (guint i = 0; i <= group->len && rc != AVERROR_EOF; i++)
    {
      /* A packet the decoder refuses is skipped: what it can still show
       * is better than nothing. */
      avcodec_send_packet (dec, i < group->len ? group->pdata[i] : NULL);
      while ((rc = avcodec_receive_frame (dec, frame)) >= 0)
        {
          gint64 ts = frame->best_effort_timestamp != AV_NOPTS_VALUE
                        ? frame->best_effort_timestamp : frame->pts;
          gint64 at = ts != AV_NOPTS_VALUE
                        ? av_rescale_q (ts - r->origin, r->time_base, AV_TIME_BASE_Q) : best_at;
          gboolean better = best == NULL || (at <= offset_us && (best_at > offset_us || at >= best_at))
                            || (best_at > offset_us && at < best_at);
          if (better)
            {
              av_frame_free (&best);
              best = av_frame_clone (frame);
              best_at = at;
            }
          av_frame_unref (frame);
        }
    }
  if (best == NULL)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the recording holds no picture that can be decoded at that time: "
                            "the file may be damaged; try a time a few seconds away"));
      return NULL;
    }
  *frame_offset_us = best_at;
  return g_steal_pointer (&best);
}

static AVFrame *
decode_recorded (CgSnapshotJob *job, GError **error)
{
  Reader r;
  if (!reader_open (&r, &job->segment_fd, error))
    {
      reader_close (&r);
      return NULL;
    }
  g_autoptr (AVPacket) first = av_packet_alloc ();
  gint64 at = 0;
  if (first == NULL || !reader_next (&r, first, &at))
    {
      reader_close (&r);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the recording holds no picture: the file may be damaged"));
      return NULL;
    }
  g_autoptr (GPtrArray) group = NULL;
  /* Straight to the keyframe the index names, the first's time known. */
  if (job->start_byte > 0
      && av_seek_frame (r.in, -1, job->start_byte, AVSEEK_FLAG_BYTE) >= 0)
    {
      group = read_group (&r, job->offset_us);
      if (group->len == 0)
        g_clear_pointer (&group, g_ptr_array_unref);
    }
  /* Else, or when the index was wrong, from the start. */
  if (group == NULL && av_seek_frame (r.in, -1, 0, AVSEEK_FLAG_BYTE) >= 0)
    group = read_group (&r, job->offset_us);
  AVFrame *frame = NULL;
  if (group == NULL || group->len == 0)
    cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                       N_("the recording holds no keyframe before that time to decode from: the "
                          "file may be damaged; try a time a few seconds later"));
  else
    frame = decode_group (&r, group, job->offset_us, &job->frame_offset_us, error);
  reader_close (&r);
  return frame;
}

/* ---- encoding ------------------------------------------------------------ */

/* The picture at its own size in full-range 4:2:0, as JPEG wants. */
static AVFrame *
to_jpeg_planes (const AVFrame *f)
{
  g_autoptr (AVFrame) out = av_frame_alloc ();
  if (out == NULL)
    return NULL;
  out->format = AV_PIX_FMT_YUVJ420P;
  out->width = f->width;
  out->height = f->height;
  if (av_frame_get_buffer (out, 0) < 0)
    return NULL;
  struct SwsContext *sws = sws_getContext (f->width, f->height, f->format, f->width, f->height,
                                           AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, NULL, NULL, NULL);
  if (sws == NULL)
    return NULL;
  gboolean full = f->color_range == AVCOL_RANGE_JPEG || f->format == AV_PIX_FMT_YUVJ420P
                  || f->format == AV_PIX_FMT_YUVJ422P || f->format == AV_PIX_FMT_YUVJ444P;
  const int *coefs = sws_getCoefficients (SWS_CS_DEFAULT);
  /* When the ranges cannot be set, swscale's defaults are close enough. */
  if (sws_setColorspaceDetails (sws, coefs, full, coefs, 1, 0, 1 << 16, 1 << 16) < 0)
    g_debug ("snapshot: the colour ranges of %s cannot be set", av_get_pix_fmt_name (f->format));
  int rows = sws_scale (sws, (const uint8_t *const *) f->data, f->linesize, 0, f->height,
                        out->data, out->linesize);
  sws_freeContext (sws);
  return rows == f->height ? g_steal_pointer (&out) : NULL;
}

/* The JPEG into a sealed memory file, its offset back at the start. */
static int
sealed_file (const AVPacket *pkt, GError **error)
{
  int fd = memfd_create ("canhgac-snapshot", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  int err = fd < 0 ? errno : 0;
  gsize done = 0, size = (gsize) pkt->size;
  while (err == 0 && done < size)
    {
      ssize_t n = write (fd, pkt->data + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        err = n < 0 ? errno : EIO;
      else
        done += (gsize) n;
    }
  if (err == 0
      && fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0)
    err = errno;
  if (err == 0 && lseek (fd, 0, SEEK_SET) != 0)
    err = errno;
  if (err == 0)
    return fd;
  if (fd >= 0)
    close (fd);
  cg_error_set_text (error, CG_ERROR, CG_ERROR_IO,
                     N_("the picture cannot be handed over (%s)"), g_strerror (err));
  return -1;
}

static gboolean
encode_jpeg (CgSnapshotJob *job, const AVFrame *f, GError **error)
{
  g_autoptr (AVFrame) planes = to_jpeg_planes (f);
  const AVCodec *codec = avcodec_find_encoder (AV_CODEC_ID_MJPEG);
  g_autoptr (AVCodecContext) enc = codec != NULL ? avcodec_alloc_context3 (codec) : NULL;
  int rc = planes != NULL && enc != NULL ? 0 : AVERROR (ENOMEM);
  if (rc == 0)
    {
      enc->width = planes->width;
      enc->height = planes->height;
      enc->pix_fmt = AV_PIX_FMT_YUVJ420P;
      enc->time_base = (AVRational) { 1, 25 };
      enc->flags |= AV_CODEC_FLAG_QSCALE;
      enc->global_quality = FF_QP2LAMBDA * JPEG_QSCALE;
      enc->thread_count = 1;
      rc = avcodec_open2 (enc, codec, NULL);
    }
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  if (rc >= 0 && pkt == NULL)
    rc = AVERROR (ENOMEM);
  if (rc >= 0)
    {
      planes->quality = FF_QP2LAMBDA * JPEG_QSCALE;
      planes->pts = 0;
      rc = avcodec_send_frame (enc, planes);
    }
  if (rc >= 0)
    rc = avcodec_receive_packet (enc, pkt);
  if (rc < 0)
    {
      g_autofree char *why = av_text (rc);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the picture cannot be encoded as JPEG (%s)"), why);
      return FALSE;
    }
  job->jpeg_fd = sealed_file (pkt, error);
  if (job->jpeg_fd < 0)
    return FALSE;
  job->jpeg_bytes = pkt->size;
  job->width = planes->width;
  job->height = planes->height;
  return TRUE;
}

void
cg_snapshot_job_run (CgSnapshotJob *job)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (AVFrame) frame = job->keyframe != NULL ? decode_keyframe (job, &job->error)
                                                    : decode_recorded (job, &job->error);
  if (frame != NULL)
    encode_jpeg (job, frame, &job->error);
  g_debug ("snapshot %s in %" G_GINT64_FORMAT " ms%s%s", job->keyframe != NULL ? "live" : "recorded",
           (g_get_monotonic_time () - t0) / 1000, job->error != NULL ? ": " : "",
           job->error != NULL ? job->error->message : "");
}

/* ---- the workers ------------------------------------------------------- */

struct CgSnapshots {
  GThreadPool *pool;
  CgSnapshotDone done;
  gint waiting; /* atomic: queued and running */
};

/* A finished job on its way to the main loop; it does not point to the
 * CgSnapshots, which may be freed before the loop runs again. */
typedef struct {
  CgSnapshotDone done;
  CgSnapshotJob *job;
} Finished;

static gboolean
deliver (gpointer data)
{
  Finished *f = data;
  f->done (f->job);
  g_free (f);
  return G_SOURCE_REMOVE;
}

static void
work (gpointer data, gpointer user_data)
{
  CgSnapshots *s = user_data;
  CgSnapshotJob *job = data;
  /* The pool's own threads: named for top -H. */
  prctl (PR_SET_NAME, "snapshot", 0, 0, 0);
  cg_snapshot_job_run (job);
  Finished *f = g_new0 (Finished, 1);
  f->done = s->done;
  f->job = job;
  g_atomic_int_add (&s->waiting, -1);
  /* To the main loop, which owns the default context: never at once. */
  g_main_context_invoke (NULL, deliver, f);
}

CgSnapshots *
cg_snapshots_new (CgSnapshotDone done)
{
  CgSnapshots *s = g_new0 (CgSnapshots, 1);
  s->done = done;
  s->pool = g_thread_pool_new_full (work, s, (GDestroyNotify) cg_snapshot_job_free, WORKERS,
                                    TRUE, NULL);
  return s;
}

void
cg_snapshots_free (CgSnapshots *s)
{
  if (s == NULL)
    return;
  g_thread_pool_free (s->pool, TRUE, TRUE);
  g_free (s);
}

gboolean
cg_snapshots_submit (CgSnapshots *s, CgSnapshotJob *job)
{
  if (g_atomic_int_add (&s->waiting, 1) >= MAX_WAITING)
    {
      g_atomic_int_add (&s->waiting, -1);
      return FALSE;
    }
  if (!g_thread_pool_push (s->pool, job, NULL))
    {
      g_atomic_int_add (&s->waiting, -1);
      return FALSE;
    }
  return TRUE;
}
