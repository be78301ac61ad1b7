/* capture.c — the per-camera thread: connect, read, segment, recover. */
#define G_LOG_DOMAIN "canhgac-capture"
#include "build-config.h"

#include "daemon/capture/capture.h"

#include "daemon/capture/av_error.h"
#include "daemon/capture/streams.h"

#include "common/camera_state.h"
#include "common/error.h"
#include "common/file_digest.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "daemon/capture/segment_writer.h"
#include "daemon/storage/manager.h"
#include "daemon/capture/timeline.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <string.h>

#define SEC CG_USEC_PER_SEC
#define OPEN_TIMEOUT_US (10 * SEC)
#define BACKOFF_MIN_US (1 * SEC)
/* Short enough that a camera coming back records again within about
 * 5 s; a failed attempt costs one small request on the household link. */
#define BACKOFF_MAX_US (4 * SEC)
/* A power cut loses at most this much footage (plus what the camera had
 * not sent yet); each sync is a disk flush, so not more often. */
#define SYNC_EVERY_US (3 * SEC / 2)
#define STATUS_EVERY_US (2 * SEC)
#define RATE_WINDOW_US (10 * SEC)

typedef enum {
  ST_CONNECTING,
  ST_RECORDING,
  ST_STALLED,
  ST_OFFLINE,
} State;

static const char *const state_names[] = { CG_STATE_CONNECTING, CG_STATE_RECORDING, CG_STATE_STALLED,
                                           CG_STATE_OFFLINE };

struct CgCapture {
  CgCaptureParams p; /* strings owned below */
  char *name, *url, *data_dir;
  GThread *thread;
  gint stop;          /* atomic */
  gint finished;      /* atomic: the thread has returned, joining is instant */
  gint stall_ms;      /* atomic: [capture] stall_seconds, changed on reload */
  GMutex mutex;       /* for the back-off sleep */
  GCond cond;

  /* Thread-owned from here. */
  gint64 deadline_us; /* the interrupt callback gives up after this */
  gboolean timed_out;
  State state;
  char *reason;
  gint64 since_us;
  gint64 reconnects;
  gint64 last_frame_us;
  gint64 last_status_us;
  /* rate window */
  gint64 win_start_us, win_bytes, win_frames;
  gint64 bitrate_bps;
  double fps;
  gint64 last_key_wall_us, keyframe_interval_ms;
  /* per-minute link statistics */
  CgDbLinkMinute minute;
  gboolean audio_warned;
};

/* How long a silent camera is given before it counts as stalled: the
 * configuration's, which a reload may change while the thread runs. */
static gint64
stall_of (CgCapture *c)
{
  return (gint64) g_atomic_int_get (&c->stall_ms) * 1000;
}

/* ---- state and reporting -------------------------------------------- */

static void
post_status (CgCapture *c)
{
  if (c->p.watch_only)
    return;
  CgDbCameraStatus s = {
    .camera_id = c->p.camera_id,
    .state = state_names[c->state],
    .reason = c->reason != NULL ? c->reason : "",
    .since_us = c->since_us,
    .last_frame_us = c->last_frame_us,
    .bitrate_bps = c->state == ST_RECORDING ? c->bitrate_bps : 0,
    .fps = c->state == ST_RECORDING ? c->fps : 0,
    .keyframe_interval_ms = c->keyframe_interval_ms,
    .reconnects = c->reconnects,
  };
  cg_db_writer_camera_status (c->p.db_writer, &s);
  c->last_status_us = cg_time_now_us ();
}

/* Logged and stored once per change, never once per retry. */
static void
set_state (CgCapture *c, State state, const char *reason, gint64 at_us)
{
  gboolean same_reason = g_strcmp0 (reason, c->reason) == 0;
  if (state == c->state && same_reason)
    return;
  gboolean down = state == ST_STALLED || state == ST_OFFLINE;

  if (down)
    {
      g_autofree char *text = cg_reason_describe (reason);
      g_message ("camera %s: %s (%s)", c->name, state_names[state], text);
    }
  else
    g_message ("camera %s: %s", c->name, state_names[state]);

  if (c->p.watch_only)
    {
      c->state = state;
      g_free (c->reason);
      c->reason = g_strdup (reason);
      return;
    }
  /* One outage from losing the picture to getting it back, whatever
   * reasons it goes through meanwhile. */
  gboolean was_down = c->state == ST_STALLED || c->state == ST_OFFLINE;
  if (state == ST_RECORDING && was_down)
    cg_db_writer_outage_ended (c->p.db_writer, &(CgDbOutageEnded) {
      .camera_id = c->p.camera_id, .end_us = at_us });
  else if (down && !was_down)
    cg_db_writer_outage_started (c->p.db_writer, &(CgDbOutageStarted) {
      .camera_id = c->p.camera_id, .start_us = at_us, .reason = reason });

  if (state != c->state)
    c->since_us = at_us;
  c->state = state;
  g_free (c->reason);
  c->reason = g_strdup (reason);
  post_status (c);
  if (c->p.on_state != NULL)
    c->p.on_state (c->p.on_state_data, c->p.camera_id, state_names[state], reason, at_us);
}

static void
flush_minute (CgCapture *c, gint64 now_us)
{
  if (c->p.watch_only)
    return;
  gint64 minute = now_us - now_us % (60 * SEC);
  if (c->minute.minute_us == minute)
    return;
  if (c->minute.minute_us != 0
      && (c->minute.bytes || c->minute.frames || c->minute.gaps || c->minute.reconnects))
    cg_db_writer_link_minute (c->p.db_writer, &c->minute);
  c->minute = (CgDbLinkMinute) { .camera_id = c->p.camera_id, .minute_us = minute };
}

static void
count_packet (CgCapture *c, const AVPacket *pkt, gboolean video, gint64 now_us)
{
  flush_minute (c, now_us);
  c->minute.bytes += pkt->size;
  c->win_bytes += pkt->size;
  if (!video)
    return;
  c->minute.frames++;
  c->win_frames++;
  c->last_frame_us = now_us;
  if (pkt->flags & AV_PKT_FLAG_KEY)
    {
      c->minute.keyframes++;
      if (c->last_key_wall_us != 0)
        c->keyframe_interval_ms = (now_us - c->last_key_wall_us) / 1000;
      c->minute.keyframe_interval_ms = c->keyframe_interval_ms;
      c->last_key_wall_us = now_us;
    }
  /* Rates over the current window once it is 2 s long (an officer
   * wants a figure soon after a camera connects); the window restarts
   * every 10 s so that it follows the link. */
  gint64 span = now_us - c->win_start_us;
  if (c->win_start_us == 0)
    {
      c->win_start_us = now_us;
      c->win_bytes = c->win_frames = 0;
    }
  else if (span >= 2 * SEC)
    {
      c->bitrate_bps = c->win_bytes * 8 * SEC / span;
      c->fps = (double) c->win_frames * SEC / span;
      if (span >= RATE_WINDOW_US)
        {
          c->win_start_us = now_us;
          c->win_bytes = c->win_frames = 0;
        }
    }
}

/* ---- libavformat plumbing ------------------------------------------- */

static int
interrupt_cb (void *opaque)
{
  CgCapture *c = opaque;
  if (g_atomic_int_get (&c->stop))
    return 1;
  if (g_get_monotonic_time () > c->deadline_us)
    {
      c->timed_out = TRUE;
      return 1;
    }
  return 0;
}

static void
arm (CgCapture *c, gint64 timeout_us)
{
  c->deadline_us = g_get_monotonic_time () + timeout_us;
  c->timed_out = FALSE;
}

static char *
reason_from_averror (CgCapture *c, int err, gboolean opening)
{
  g_autofree char *hp = cg_av_url_host_port (c->url);
  if (c->timed_out)
    return opening ? cg_reason_make (CG_REASON_UNREACHABLE, hp)
                   : g_strdup_printf ("%s:%" G_GINT64_FORMAT, CG_REASON_STALLED,
                                      stall_of (c) / SEC);
  const char *code = cg_av_error_reason (err, opening);
  if (code != NULL)
    {
      /* Those about the address say which. */
      gboolean where = g_str_equal (code, CG_REASON_REFUSED)
                       || g_str_equal (code, CG_REASON_UNREACHABLE)
                       || g_str_equal (code, CG_REASON_DNS);
      return cg_reason_make (code, where ? hp : NULL);
    }
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  av_strerror (err, msg, sizeof msg);
  return cg_reason_make (CG_REASON_ERROR, msg);
}

/* Codecs the MPEG-TS muxer carries as they are. */
/* ---- one connection ------------------------------------------------- */

typedef struct {
  AVFormatContext *in;
  int video, audio;          /* input stream indexes, -1: none */
  AVStream *out_streams[2];  /* what segments carry, video first */
  int n_out;
  int map[64];               /* input index -> output index, -1: dropped */
  CgTimeline timeline;
  AVCodecParserContext *parser;
  AVCodecContext *parser_ctx;
  GBytes *params;            /* in-band SPS of the current segment */
  int width, height;
  /* current segment */
  CgSegmentWriter *writer;
  char *seg_rel, *seg_abs;
  gint64 seg_start_us;       /* wall time, as known when it opened */
  gint64 seg_first_pos;      /* timeline position of its first keyframe */
  gint64 seg_end_pos;        /* and of the end of its last frame */
  gint64 last_sync_us;
} Session;

static void
session_close_segment (CgCapture *c, Session *s)
{
  if (s->writer == NULL)
    return;
  gint64 bytes = cg_segment_writer_bytes (s->writer);
  gint64 frames = cg_segment_writer_frames (s->writer);
  gint64 keys = cg_segment_writer_keyframes (s->writer);
  g_autoptr (GBytes) index = cg_segment_writer_index (s->writer);
  g_autoptr (GError) error = NULL;
  if (!cg_segment_writer_close (s->writer, &error))
    g_warning ("camera %s: %s", c->name, error->message);
  s->writer = NULL;
  struct stat sb;
  if (g_stat (s->seg_abs, &sb) == 0)
    bytes = sb.st_size;
  /* Read back as it now lies on the disk: the digest names this footage
   * in the audit log, and is what a copy handed out must match. */
  g_autoptr (GError) digest_error = NULL;
  g_autofree char *sha256 = cg_file_sha256 (s->seg_abs, &digest_error);
  if (sha256 == NULL)
    g_warning ("camera %s: %s", c->name, digest_error->message);
  gint64 start_us = cg_timeline_wall (&s->timeline, s->seg_first_pos);
  gint64 end_us = cg_timeline_wall (&s->timeline, s->seg_end_pos);
  cg_db_writer_segment_closed (c->p.db_writer, &(CgDbSegmentClosed) {
    .path = s->seg_rel, .start_us = start_us, .end_us = end_us, .bytes = bytes, .frames = frames,
    .keyframes = keys, .keyframe_index = index, .sha256 = sha256 });
  g_clear_pointer (&s->seg_rel, g_free);
  g_clear_pointer (&s->seg_abs, g_free);
}

char *
cg_capture_segment_relpath (gint64 camera_id, gint64 start_us)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (start_us / SEC);
  g_autofree char *day = g_date_time_format (dt, "%Y-%m-%d");
  g_autofree char *hms = g_date_time_format (dt, "%H%M%S");
  return g_strdup_printf ("recordings/%" G_GINT64_FORMAT "/%s/%s.ts", camera_id, day, hms);
}

static gboolean
session_open_segment (CgCapture *c, Session *s, gint64 start_us, gint64 pos_us, GError **error)
{
  g_autofree char *rel = cg_capture_segment_relpath (c->p.camera_id, start_us);
  g_autofree char *abs = g_build_filename (c->data_dir, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  /* The storage manager removes day directories it has emptied; one may
   * go between our mkdir and our open, so both are tried again. */
  for (int attempt = 0;; attempt++)
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int err = errno;
          g_set_error (error, CG_ERROR, CG_ERROR_IO, "%s: %s", dir, g_strerror (err));
          return FALSE;
        }
      /* Two segments in one second (a parameter change): keep both. */
      for (int n = 1; g_file_test (abs, G_FILE_TEST_EXISTS); n++)
        {
          g_free (rel);
          g_free (abs);
          g_autofree char *base = cg_capture_segment_relpath (c->p.camera_id, start_us);
          base[strlen (base) - 3] = '\0';
          rel = g_strdup_printf ("%s-%d.ts", base, n);
          abs = g_build_filename (c->data_dir, rel, NULL);
        }
      g_autoptr (GError) local = NULL;
      s->writer = cg_segment_writer_open (abs, s->out_streams, s->n_out, &local);
      if (s->writer != NULL)
        break;
      if (attempt < 3 && !g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  const AVCodecParameters *vp = s->out_streams[0]->codecpar;
  cg_db_writer_segment_opened (c->p.db_writer, &(CgDbSegmentOpened) {
    .camera_id = c->p.camera_id, .path = rel, .start_us = start_us,
    .codec = avcodec_get_name (vp->codec_id), .width = s->width, .height = s->height,
    .has_audio = s->audio >= 0 });
  s->seg_rel = g_steal_pointer (&rel);
  s->seg_abs = g_steal_pointer (&abs);
  s->seg_start_us = start_us;
  s->seg_first_pos = s->seg_end_pos = pos_us;
  s->last_sync_us = start_us;
  return TRUE;
}

/* Reads the picture size from a keyframe's parameter sets. */
static void
session_parse_size (Session *s, AVPacket *pkt)
{
  if (s->parser == NULL)
    return;
  uint8_t *out = NULL;
  int out_size = 0;
  av_parser_parse2 (s->parser, s->parser_ctx, &out, &out_size, pkt->data, pkt->size,
                    AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
  /* Flush: one whole access unit was given. */
  av_parser_parse2 (s->parser, s->parser_ctx, &out, &out_size, NULL, 0, AV_NOPTS_VALUE,
                    AV_NOPTS_VALUE, 0);
  if (s->parser->width > 0 && s->parser->height > 0)
    {
      s->width = s->parser->width;
      s->height = s->parser->height;
    }
}

static void
session_free (Session *s)
{
  g_assert (s->writer == NULL);
  if (s->parser != NULL)
    av_parser_close (s->parser);
  avcodec_free_context (&s->parser_ctx);
  if (s->params != NULL)
    g_bytes_unref (s->params);
  avformat_close_input (&s->in);
}

/* Connects and finds the streams; on failure sets *reason. */
static gboolean
session_open (CgCapture *c, Session *s, char **reason)
{
  memset (s, 0, sizeof *s);
  s->video = s->audio = -1;
  /* Streams that appear after the connection (an RTSP session carrying
   * MPEG-TS announces its programs late) are not recorded: only the ones
   * chosen below are mapped. */
  cg_capture_map_streams (s->map, G_N_ELEMENTS (s->map), -1, -1);
  s->in = avformat_alloc_context ();
  s->in->interrupt_callback = (AVIOInterruptCB) { interrupt_cb, c };
  AVDictionary *opts = NULL;
  av_dict_set (&opts, "rtsp_transport", c->p.transport == CG_TRANSPORT_UDP ? "udp" : "tcp", 0);
  av_dict_set_int (&opts, "timeout", OPEN_TIMEOUT_US, 0);
  av_dict_set_int (&opts, "analyzeduration", 3 * SEC, 0);
  av_dict_set_int (&opts, "probesize", 4 << 20, 0);
  av_dict_set (&opts, "allowed_media_types", "video+audio", 0);
  arm (c, OPEN_TIMEOUT_US);
  int rc = avformat_open_input (&s->in, c->url, NULL, &opts);
  av_dict_free (&opts);
  if (rc < 0)
    {
      *reason = reason_from_averror (c, rc, TRUE);
      return FALSE;
    }
  arm (c, OPEN_TIMEOUT_US);
  rc = avformat_find_stream_info (s->in, NULL);
  if (rc < 0)
    {
      *reason = reason_from_averror (c, rc, TRUE);
      return FALSE;
    }
  for (unsigned i = 0; i < s->in->nb_streams && i < G_N_ELEMENTS (s->map); i++)
    {
      s->map[i] = -1;
      const AVCodecParameters *cp = s->in->streams[i]->codecpar;
      if (cp->codec_type == AVMEDIA_TYPE_VIDEO && s->video < 0)
        s->video = (int) i;
      else if (cp->codec_type == AVMEDIA_TYPE_AUDIO && s->audio < 0)
        {
          if (cg_capture_audio_recordable (cp->codec_id))
            s->audio = (int) i;
          else if (!c->audio_warned)
            {
              /* G.711 from cheap cameras: MPEG-TS has no place for it. */
              g_message ("camera %s: its %s audio is not recorded (only AAC, MP2, MP3, AC-3 "
                         "and Opus fit in a recording); the picture is", c->name,
                         avcodec_get_name (cp->codec_id));
              c->audio_warned = TRUE;
            }
        }
    }
  if (s->video < 0)
    {
      *reason = cg_reason_make (CG_REASON_NO_VIDEO, NULL);
      return FALSE;
    }
  AVStream *vst = s->in->streams[s->video];
  if (!cg_capture_video_recordable (vst->codecpar->codec_id))
    {
      *reason = cg_reason_make (CG_REASON_CODEC, avcodec_get_name (vst->codecpar->codec_id));
      return FALSE;
    }
  cg_capture_map_streams (s->map, G_N_ELEMENTS (s->map), s->video, s->audio);
  s->out_streams[s->n_out++] = vst;
  if (s->audio >= 0)
    s->out_streams[s->n_out++] = s->in->streams[s->audio];
  s->width = vst->codecpar->width;
  s->height = vst->codecpar->height;
  s->parser = av_parser_init (vst->codecpar->codec_id);
  if (s->parser != NULL)
    {
      s->parser->flags |= PARSER_FLAG_COMPLETE_FRAMES;
      s->parser_ctx = avcodec_alloc_context3 (NULL);
      avcodec_parameters_to_context (s->parser_ctx, vst->codecpar);
    }
  AVRational fr = av_guess_frame_rate (s->in, vst, NULL);
  gint64 frame_us = fr.num > 0 && fr.den > 0 ? av_rescale (SEC, fr.den, fr.num) : 40000;
  cg_timeline_init (&s->timeline, frame_us);
  return TRUE;
}

/* Parameter sets carried in the packet itself (Annex B): a change of them
 * (a new resolution, a new encoder setting) starts a new segment. */
static GBytes *
inband_params (const AVPacket *pkt, enum AVCodecID codec)
{
  GByteArray *acc = NULL;
  const uint8_t *p = pkt->data, *end = pkt->data + pkt->size;
  while (p + 4 < end)
    {
      if (!(p[0] == 0 && p[1] == 0 && p[2] == 1))
        {
          p++;
          continue;
        }
      const uint8_t *nal = p + 3;
      const uint8_t *q = nal;
      while (q + 3 < end && !(q[0] == 0 && q[1] == 0 && (q[2] == 1 || (q[2] == 0 && q[3] == 1))))
        q++;
      if (q + 3 >= end)
        q = end;
      int type = codec == AV_CODEC_ID_HEVC ? (nal[0] >> 1) & 0x3f : nal[0] & 0x1f;
      gboolean is_param = codec == AV_CODEC_ID_HEVC ? (type >= 32 && type <= 34) : (type == 7 || type == 8);
      if (is_param)
        {
          if (acc == NULL)
            acc = g_byte_array_new ();
          g_byte_array_append (acc, nal, (guint) (q - nal));
        }
      p = q;
    }
  return acc != NULL ? g_byte_array_free_to_bytes (acc) : NULL;
}

/* The side data of a packet whose stream's extradata changed. */
static void
apply_new_extradata (AVStream *st, const AVPacket *pkt)
{
  size_t size = 0;
  const uint8_t *data = av_packet_get_side_data (pkt, AV_PKT_DATA_NEW_EXTRADATA, &size);
  if (data == NULL || size == 0)
    return;
  av_freep (&st->codecpar->extradata);
  st->codecpar->extradata = av_mallocz (size + AV_INPUT_BUFFER_PADDING_SIZE);
  memcpy (st->codecpar->extradata, data, size);
  st->codecpar->extradata_size = (int) size;
}

/* Records until the connection fails or a stop is requested; returns the
 * reason of the failure (NULL on stop). */
static char *
session_run (CgCapture *c, Session *s)
{
  AVPacket *pkt = av_packet_alloc ();
  char *reason = NULL;
  arm (c, stall_of (c));
  while (!g_atomic_int_get (&c->stop))
    {
      int rc = av_read_frame (s->in, pkt);
      if (rc < 0)
        {
          if (!g_atomic_int_get (&c->stop))
            reason = reason_from_averror (c, rc, FALSE);
          break;
        }
      int out = pkt->stream_index < (int) G_N_ELEMENTS (s->map) ? s->map[pkt->stream_index] : -1;
      if (out < 0)
        {
          av_packet_unref (pkt);
          continue;
        }
      gboolean video = out == 0;
      AVStream *ist = s->in->streams[pkt->stream_index];
      gint64 now = cg_time_now_us ();
      if (video)
        arm (c, stall_of (c));

      CgTimelinePoint tp;
      if (!cg_timeline_place (&s->timeline, video, pkt->pts, pkt->dts, ist->time_base, now, &tp))
        {
          av_packet_unref (pkt);
          continue;
        }
      if (tp.gap)
        c->minute.gaps++;
      count_packet (c, pkt, video, now);

      gboolean key = video && (pkt->flags & AV_PKT_FLAG_KEY);
      if (key)
        {
          apply_new_extradata (ist, pkt);
          GBytes *params = inband_params (pkt, ist->codecpar->codec_id);
          gboolean changed = params != NULL && s->params != NULL && !g_bytes_equal (params, s->params);
          if (params != NULL)
            {
              if (s->params != NULL)
                g_bytes_unref (s->params);
              s->params = params;
            }
          if (changed || s->writer == NULL)
            session_parse_size (s, pkt);
          if (s->writer != NULL && (changed || tp.wall_us - s->seg_start_us >= c->p.segment_us))
            {
              if (changed)
                g_message ("camera %s: stream parameters changed (%dx%d): new segment", c->name,
                           s->width, s->height);
              session_close_segment (c, s);
            }
          if (s->writer == NULL && c->p.watch_only)
            {
              if (c->state != ST_RECORDING)
                set_state (c, ST_RECORDING, NULL, tp.wall_us);
            }
          else if (s->writer == NULL)
            {
              g_autoptr (GError) error = NULL;
              if (!session_open_segment (c, s, tp.wall_us, tp.pos_us, &error))
                {
                  g_warning ("camera %s: %s", c->name, error->message);
                  reason = cg_reason_make (CG_REASON_DISK, error->message);
                  av_packet_unref (pkt);
                  break;
                }
              if (c->state != ST_RECORDING)
                set_state (c, ST_RECORDING, NULL, tp.wall_us);
            }
          /* Thumbnails and motion: a reference handed over, never a wait. */
          if (c->p.on_keyframe != NULL)
            c->p.on_keyframe (c->p.on_keyframe_data, c->p.camera_id, pkt, ist->codecpar,
                              tp.wall_us);
          if (c->p.on_full_keyframe != NULL && !c->p.watch_only)
            c->p.on_full_keyframe (c->p.on_full_keyframe_data, c->p.camera_id, pkt,
                                   ist->codecpar, tp.wall_us);
        }
      if (s->writer == NULL)
        {
          /* Nothing decodable before the first keyframe. */
          av_packet_unref (pkt);
          continue;
        }
      pkt->stream_index = out;
      pkt->pts = tp.pts;
      pkt->dts = tp.dts;
      pkt->pos = -1;
      g_autoptr (GError) error = NULL;
      if (!cg_segment_writer_write (s->writer, pkt, tp.wall_us - s->seg_start_us, &error))
        {
          g_warning ("camera %s: %s", c->name, error->message);
          reason = cg_reason_make (CG_REASON_DISK, error->message);
          av_packet_unref (pkt);
          break;
        }
      av_packet_unref (pkt);
      if (video)
        s->seg_end_pos = MAX (s->seg_end_pos, tp.pos_us + s->timeline.frame_us);
      if (now - s->last_sync_us >= SYNC_EVERY_US)
        {
          if (!cg_segment_writer_sync (s->writer, &error))
            {
              g_warning ("camera %s: %s", c->name, error->message);
              reason = cg_reason_make (CG_REASON_DISK, error->message);
              break;
            }
          s->last_sync_us = now;
        }
      if (now - c->last_status_us >= STATUS_EVERY_US)
        {
          post_status (c);
          cg_db_writer_segment_progress (c->p.db_writer, &(CgDbSegmentProgress) {
            .path = s->seg_rel,
            .end_us = cg_timeline_wall (&s->timeline, s->seg_end_pos),
            .bytes = cg_segment_writer_bytes (s->writer),
            .frames = cg_segment_writer_frames (s->writer),
            .keyframes = cg_segment_writer_keyframes (s->writer) });
        }
    }
  av_packet_free (&pkt);
  session_close_segment (c, s);
  return reason;
}

/* ---- the thread ------------------------------------------------------ */

/* Sleeps up to us, waking early on stop; FALSE when stopping. */
static gboolean
nap (CgCapture *c, gint64 us)
{
  gint64 until = g_get_monotonic_time () + us;
  g_mutex_lock (&c->mutex);
  while (!g_atomic_int_get (&c->stop) && g_cond_wait_until (&c->cond, &c->mutex, until))
    ;
  g_mutex_unlock (&c->mutex);
  return !g_atomic_int_get (&c->stop);
}

static gpointer
capture_thread (gpointer data)
{
  CgCapture *c = data;
  gint64 backoff = BACKOFF_MIN_US;
  c->state = ST_CONNECTING;
  c->since_us = cg_time_now_us ();
  post_status (c);
  while (!g_atomic_int_get (&c->stop))
    {
      Session s;
      char *reason = NULL;
      gint64 began = g_get_monotonic_time ();
      if (session_open (c, &s, &reason))
        reason = session_run (c, &s);
      session_free (&s);
      if (g_atomic_int_get (&c->stop))
        {
          g_free (reason);
          break;
        }
      /* The outage starts with the last picture received, not with the
       * moment we noticed. */
      gint64 at = c->state == ST_RECORDING && c->last_frame_us > 0 ? c->last_frame_us
                                                                   : cg_time_now_us ();
      gboolean stalled = g_str_has_prefix (reason, CG_REASON_STALLED);
      /* A full disk: the storage manager frees space now, not in 30 s. */
      if (g_str_has_prefix (reason, CG_REASON_DISK))
        cg_storage_request_cleanup ();
      set_state (c, stalled ? ST_STALLED : ST_OFFLINE, reason, at);
      g_free (reason);
      c->reconnects++;
      c->minute.reconnects++;
      post_status (c);
      if (g_get_monotonic_time () - began > 60 * SEC)
        backoff = BACKOFF_MIN_US;
      if (!nap (c, backoff))
        break;
      backoff = MIN (backoff * 2, BACKOFF_MAX_US);
    }
  flush_minute (c, G_MAXINT64 - 60 * SEC);
  g_atomic_int_set (&c->finished, 1);
  return NULL;
}

CgCapture *
cg_capture_start (const CgCaptureParams *params)
{
  CgCapture *c = g_new0 (CgCapture, 1);
  c->p = *params;
  c->name = g_strdup (params->name);
  c->url = g_strdup (params->url);
  c->data_dir = g_strdup (params->data_dir);
  c->p.name = c->name;
  c->p.url = c->url;
  c->p.data_dir = c->data_dir;
  c->stall_ms = (gint) (params->stall_us / 1000);
  g_mutex_init (&c->mutex);
  g_cond_init (&c->cond);
  g_autofree char *thread_name = g_strdup_printf ("cam-%" G_GINT64_FORMAT, params->camera_id);
  c->thread = g_thread_new (thread_name, capture_thread, c);
  return c;
}

void
cg_capture_set_stall (CgCapture *c, gint64 stall_us)
{
  g_atomic_int_set (&c->stall_ms, (gint) (stall_us / 1000));
}

void
cg_capture_request_stop (CgCapture *c)
{
  g_mutex_lock (&c->mutex);
  g_atomic_int_set (&c->stop, 1);
  g_cond_signal (&c->cond);
  g_mutex_unlock (&c->mutex);
}

gboolean
cg_capture_finished (CgCapture *c)
{
  return g_atomic_int_get (&c->finished) != 0;
}

void
cg_capture_free (CgCapture *c)
{
  if (c == NULL)
    return;
  cg_capture_request_stop (c);
  g_thread_join (c->thread);
  g_mutex_clear (&c->mutex);
  g_cond_clear (&c->cond);
  g_free (c->reason);
  g_free (c->name);
  /* The URL holds the password: do not leave it in freed memory. */
  if (c->url != NULL)
    memset (c->url, 0, strlen (c->url));
  g_free (c->url);
  g_free (c->data_dir);
  g_free (c);
}
