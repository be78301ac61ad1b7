/* test_player.c — the player (src/station/player.h) on footage made here,
 * with a daemon played by a function: segments of flat grey frames, each
 * frame its own shade, so that a frame tells which it is.  Frame-accurate
 * seeks, a segment with B-frames, steps across boundaries and a gap,
 * reverse play, a segment deleted before it is opened, one that cannot be
 * decoded, and one still being written. */
#include "unit.h"

#include "common/av_autoptr.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"
#include "station/player.h"

#include <fcntl.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#define S G_GINT64_CONSTANT (1000000)
#define FRAME_US 40000
/* 2026-11-27T03:00:00Z. */
#define T0 (G_GINT64_CONSTANT (1795748400) * S)

/* The shade of frame n, as the player gives it back in RGB. */
static int
shade (int n)
{
  return 16 + (n * 29) % 200;
}

static int
shade_rgb (int n)
{
  return (int) ((shade (n) - 16) * 255.0 / 219 + 0.5);
}

/* Writes frames first..first+count-1 as MPEG-TS: a keyframe every gop
 * frames, bframes B-frames between, timestamps from pts0 (90 kHz). */
static GBytes *
encode (int first, int count, int gop, int bframes, gint64 pts0)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "canhgac-test-player-XXXXXX", NULL);
  int fd = g_mkstemp (path);
  assert_true (fd >= 0);
  close (fd);
  AVFormatContext *oc = NULL;
  assert_true (avformat_alloc_output_context2 (&oc, NULL, "mpegts", path) >= 0);
  const AVCodec *enc = avcodec_find_encoder (AV_CODEC_ID_MPEG2VIDEO);
  assert_non_null (enc);
  g_autoptr (AVCodecContext) c = avcodec_alloc_context3 (enc);
  c->width = 64;
  c->height = 48;
  c->pix_fmt = AV_PIX_FMT_YUV420P;
  c->time_base = (AVRational) { 1, 25 };
  c->framerate = (AVRational) { 25, 1 };
  c->gop_size = gop;
  c->max_b_frames = bframes;
  c->flags |= AV_CODEC_FLAG_QSCALE | AV_CODEC_FLAG_CLOSED_GOP;
  c->global_quality = FF_QP2LAMBDA * 2;
  /* Keyframes exactly every gop frames, never at a change of scene. */
  AVDictionary *opts = NULL;
  av_dict_set (&opts, "sc_threshold", "1000000000", 0);
  assert_true (avcodec_open2 (c, enc, &opts) >= 0);
  av_dict_free (&opts);
  AVStream *st = avformat_new_stream (oc, NULL);
  avcodec_parameters_from_context (st->codecpar, c);
  st->time_base = (AVRational) { 1, 90000 };
  assert_true (avio_open (&oc->pb, path, AVIO_FLAG_WRITE) >= 0);
  assert_true (avformat_write_header (oc, NULL) >= 0);
  g_autoptr (AVFrame) f = av_frame_alloc ();
  f->width = c->width;
  f->height = c->height;
  f->format = c->pix_fmt;
  assert_true (av_frame_get_buffer (f, 0) >= 0);
  g_autoptr (AVPacket) pkt = av_packet_alloc ();
  for (int i = 0; i <= count; i++)
    {
      if (i < count)
        {
          assert_true (av_frame_make_writable (f) >= 0);
          for (int y = 0; y < c->height; y++)
            memset (f->data[0] + y * f->linesize[0], shade (first + i), c->width);
          for (int y = 0; y < c->height / 2; y++)
            {
              memset (f->data[1] + y * f->linesize[1], 128, c->width / 2);
              memset (f->data[2] + y * f->linesize[2], 128, c->width / 2);
            }
          f->pts = i;
          assert_true (avcodec_send_frame (c, f) >= 0);
        }
      else
        avcodec_send_frame (c, NULL);
      while (avcodec_receive_packet (c, pkt) >= 0)
        {
          av_packet_rescale_ts (pkt, c->time_base, st->time_base);
          pkt->pts += pts0;
          pkt->dts += pts0;
          pkt->stream_index = 0;
          assert_true (av_interleaved_write_frame (oc, pkt) >= 0);
        }
    }
  assert_true (av_write_trailer (oc) >= 0);
  avio_closep (&oc->pb);
  avformat_free_context (oc);
  gchar *data = NULL;
  gsize len = 0;
  assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_unlink (path);
  return g_bytes_new_take (data, len);
}

/* ---- a daemon in a function ---------------------------------------------------- */

typedef struct {
  gint64 id;
  int first, count; /* frames */
  gint64 start_us;
  char *path;
  gboolean recording, gone;
} Seg;

typedef struct {
  char *dir;
  Seg segs[8];
  int n;
  int opens;
} Feed;

static Seg *
add_segment (Feed *feed, gint64 start_us, int first, int count, GBytes *data)
{
  Seg *s = &feed->segs[feed->n++];
  s->id = feed->n * 10;
  s->first = first;
  s->count = count;
  s->start_us = start_us;
  s->path = g_strdup_printf ("%s/%" G_GINT64_FORMAT ".ts", feed->dir, s->id);
  if (data != NULL)
    assert_true (g_file_set_contents (s->path, g_bytes_get_data (data, NULL),
                                      (gssize) g_bytes_get_size (data), NULL));
  return s;
}

static gint64
seg_end (const Seg *s)
{
  return s->start_us + (gint64) s->count * FRAME_US;
}

static JsonNode *
listing (Feed *feed)
{
  GString *j = g_string_new ("{\"camera\": \"Cổng chợ\", \"from\": \"2026-11-27T02:00:00.000Z\","
                             " \"to\": null, \"segments\": [");
  for (int i = 0; i < feed->n; i++)
    {
      const Seg *s = &feed->segs[i];
      g_autofree char *a = cg_time_format_iso (s->start_us);
      g_autofree char *b = cg_time_format_iso (s->recording ? cg_time_now_us () : seg_end (s));
      g_string_append_printf (j, "%s{\"id\": %" G_GINT64_FORMAT ", \"start\": \"%s\", \"end\": \"%s\","
                              " \"recording\": %s, \"thinned\": false}", i > 0 ? ", " : "",
                              s->id, a, b, s->recording ? "true" : "false");
    }
  g_string_append (j, "], \"gaps\": [");
  for (int i = 1, n = 0; i < feed->n; i++)
    {
      gint64 from = seg_end (&feed->segs[i - 1]), to = feed->segs[i].start_us;
      if (to - from < S / 2)
        continue;
      g_autofree char *a = cg_time_format_iso (from);
      g_autofree char *b = cg_time_format_iso (to);
      g_string_append_printf (j, "%s{\"start\": \"%s\", \"end\": \"%s\", \"reason\": \"closed\"}",
                              n++ > 0 ? ", " : "", a, b);
    }
  g_string_append (j, "], \"motion\": [], \"next\": null}");
  JsonNode *node = json_from_string (j->str, NULL);
  g_string_free (j, TRUE);
  assert_non_null (node);
  return node;
}

static JsonNode *
fake_call (gpointer data, const char *method, JsonNode *params, int *fd_out, GError **error)
{
  Feed *feed = data;
  if (fd_out != NULL)
    *fd_out = -1;
  if (g_str_equal (method, "recordings.list"))
    return listing (feed);
  assert_string_equal (method, "recording.open");
  gint64 id = json_object_get_int_member (json_node_get_object (params), "segment");
  for (int i = 0; i < feed->n; i++)
    {
      Seg *s = &feed->segs[i];
      if (s->id != id)
        continue;
      if (s->gone)
        break;
      feed->opens++;
      *fd_out = open (s->path, O_RDONLY | O_CLOEXEC);
      assert_true (*fd_out >= 0);
      g_autofree char *reply = g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"recording\": %s}",
                                                id, s->recording ? "true" : "false");
      return json_from_string (reply, NULL);
    }
  g_set_error (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND, "there is no segment %" G_GINT64_FORMAT, id);
  return NULL;
}

static void
feed_free (Feed *feed)
{
  for (int i = 0; i < feed->n; i++)
    g_free (feed->segs[i].path);
  cg_test_rmdir (feed->dir);
  g_free (feed->dir);
  g_free (feed);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Feed, feed_free)

/* A: frames 0-49 (keyframe every 10); B: 50-99 right after, with
 * B-frames; 3 s of the camera away; C: 100-149; D: listed, deleted before
 * it is opened; E: 200-249; F: not MPEG-TS at all; G: 300-309. */
static Feed *
footage (void)
{
  Feed *feed = g_new0 (Feed, 1);
  feed->dir = cg_test_tmpdir ();
  g_autoptr (GBytes) a = encode (0, 50, 10, 0, 126000);
  g_autoptr (GBytes) b = encode (50, 50, 10, 2, 126000 + 180000);
  g_autoptr (GBytes) c = encode (100, 50, 10, 0, 900000);
  g_autoptr (GBytes) e = encode (200, 50, 10, 0, 1260000);
  g_autoptr (GBytes) g = encode (300, 10, 10, 0, 2000000);
  g_autoptr (GBytes) junk = g_bytes_new_static ("not footage at all", 18);
  add_segment (feed, T0, 0, 50, a);
  add_segment (feed, T0 + 2 * S, 50, 50, b);
  add_segment (feed, T0 + 7 * S, 100, 50, c);
  add_segment (feed, T0 + 9 * S, 150, 50, NULL)->gone = TRUE;
  add_segment (feed, T0 + 11 * S, 200, 50, e);
  add_segment (feed, T0 + 13 * S, 250, 25, junk);
  add_segment (feed, T0 + 14 * S, 300, 10, g);
  return feed;
}

/* following: listed up to now and on, as the live view does. */
static CgPlayer *
player_for (Feed *feed, gboolean following)
{
  CgPlayer *p = cg_player_new (fake_call, feed, "Cổng chợ");
  g_autoptr (GError) error = NULL;
  if (!cg_player_load (p, T0 - 3600 * S, following ? 0 : T0 + 3600 * S, &error))
    fail_msg ("load: %s", error->message);
  cg_player_set_size (p, 16, 12);
  return p;
}

/* The frame shown is frame n (its time and its shade). */
static void
assert_frame (CgPlayer *p, int n, const Feed *feed)
{
  const CgPlayerFrame *f = cg_player_frame (p);
  const Seg *s = NULL;
  for (int i = 0; i < feed->n; i++)
    if (n >= feed->segs[i].first && n < feed->segs[i].first + feed->segs[i].count)
      s = &feed->segs[i];
  if (f == NULL || s == NULL)
    {
      fail_msg ("no frame shown, or no frame %d in this footage", n);
      return;
    }
  int got = f->rgb[(6 * 16 + 8) * 3];
  if (f->segment != s->id || f->time_us != s->start_us + (gint64) (n - s->first) * FRAME_US
      || ABS (got - shade_rgb (n)) > 4)
    fail_msg ("expected frame %d (segment %" G_GINT64_FORMAT ", shade %d), got segment %"
              G_GINT64_FORMAT " at +%" G_GINT64_FORMAT " us, shade %d", n, s->id, shade_rgb (n),
              f->segment, f->time_us - T0, got);
  assert_int_equal (f->width, 16);
  assert_int_equal (f->height, 12);
  assert_int_equal (f->source_width, 64);
}

static CgPlayerResult
seek (CgPlayer *p, gint64 t)
{
  g_autoptr (GError) error = NULL;
  CgPlayerResult r = cg_player_seek (p, t, &error);
  if (r == CG_PLAYER_ERROR)
    fail_msg ("seek: %s", error->message);
  return r;
}

static CgPlayerResult
step (CgPlayer *p, int dir)
{
  g_autoptr (GError) error = NULL;
  CgPlayerResult r = dir > 0 ? cg_player_next (p, &error) : cg_player_prev (p, &error);
  if (r == CG_PLAYER_ERROR)
    fail_msg ("step: %s", error->message);
  return r;
}

static void
assert_skipped (CgPlayer *p, const char *reason)
{
  const CgRecGap *g = cg_player_skipped (p);
  if (reason == NULL)
    {
      assert_null (g);
      return;
    }
  assert_non_null (g);
  assert_string_equal (g->reason, reason);
}

static void
test_seek_is_frame_accurate (void **state)
{
  g_autoptr (Feed) feed = footage ();
  g_autoptr (CgPlayer) p = player_for (feed, FALSE);
  const struct { gint64 t; int frame; } cases[] = {
    { T0, 0 }, { T0 + 39999, 0 }, { T0 + 40000, 1 }, { T0 + 1230000, 30 },
    { T0 + 2 * S - 1, 49 }, { T0 + 2 * S + 5000, 50 },
    /* B-frames: decoded out of order, shown in order. */
    { T0 + 2 * S + 500000, 62 }, { T0 + 2 * S + 1170000, 79 }, { T0 + 4 * S - 1, 99 },
    /* Backwards, onto a keyframe, then on within its group. */
    { T0 + 410000, 10 }, { T0 + 450000, 11 }, { T0 + 7 * S + 1990000, 149 },
    /* Before the first recording: the first frame. */
    { T0 - 60 * S, 0 }, { T0 + 10 * FRAME_US, 10 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CgPlayerResult r = seek (p, cases[i].t);
      assert_true (r == CG_PLAYER_FRAME || r == CG_PLAYER_SAME);
      assert_frame (p, cases[i].frame, feed);
    }
  /* The same time again: nothing new to show, nothing decoded. */
  guint64 decoded = cg_player_decoded (p);
  assert_int_equal (seek (p, T0 + 10 * FRAME_US), CG_PLAYER_SAME);
  assert_int_equal (cg_player_decoded (p), decoded);
  /* Far into a group: only that group is decoded. */
  decoded = cg_player_decoded (p);
  assert_int_equal (seek (p, T0 + 7 * S + 38 * FRAME_US), CG_PLAYER_FRAME);
  assert_frame (p, 138, feed);
  assert_true (cg_player_decoded (p) - decoded <= 9 + 1);
}

static void
test_gaps_and_lost_segments (void **state)
{
  g_autoptr (Feed) feed = footage ();
  g_autoptr (CgPlayer) p = player_for (feed, FALSE);
  /* Inside the camera's absence: the first frame after it, and why. */
  assert_int_equal (seek (p, T0 + 5 * S), CG_PLAYER_FRAME);
  assert_frame (p, 100, feed);
  assert_skipped (p, "closed");
  /* A segment deleted since it was listed is a gap too. */
  assert_int_equal (seek (p, T0 + 10 * S), CG_PLAYER_FRAME);
  assert_frame (p, 200, feed);
  assert_skipped (p, "deleted");
  /* So is one that is not footage. */
  assert_int_equal (seek (p, T0 + 13 * S + 500000), CG_PLAYER_FRAME);
  assert_frame (p, 300, feed);
  assert_skipped (p, "unreadable");
  /* After the last recording: its last frame, then the end (a player
   * following the camera would wait for more instead). */
  assert_int_equal (seek (p, T0 + 60 * S), CG_PLAYER_FRAME);
  assert_frame (p, 309, feed);
  assert_int_equal (seek (p, T0 + 61 * S), CG_PLAYER_END);
  assert_frame (p, 309, feed);
}

static void
test_steps (void **state)
{
  g_autoptr (Feed) feed = footage ();
  g_autoptr (CgPlayer) p = player_for (feed, FALSE);
  assert_int_equal (step (p, 1), CG_PLAYER_FRAME);
  assert_frame (p, 0, feed);
  assert_int_equal (step (p, -1), CG_PLAYER_END);
  /* On through a boundary into B-frames and out, and over the gap. */
  seek (p, T0 + 2 * S - 2 * FRAME_US);
  for (int n = 49; n <= 100; n++)
    {
      assert_int_equal (step (p, 1), CG_PLAYER_FRAME);
      assert_frame (p, n, feed);
      assert_skipped (p, n == 100 ? "closed" : NULL);
    }
  /* And back. */
  for (int n = 99; n >= 45; n--)
    {
      assert_int_equal (step (p, -1), CG_PLAYER_FRAME);
      assert_frame (p, n, feed);
      assert_skipped (p, n == 99 ? "closed" : NULL);
    }
  /* Into the deleted segment's place: the next that plays. */
  seek (p, T0 + 7 * S + 49 * FRAME_US);
  assert_int_equal (step (p, 1), CG_PLAYER_FRAME);
  assert_frame (p, 200, feed);
  assert_skipped (p, "deleted");
}

static void
test_reverse_gives_keyframes_backwards (void **state)
{
  g_autoptr (Feed) feed = footage ();
  g_autoptr (CgPlayer) p = player_for (feed, FALSE);
  cg_player_set_speed (p, -1);
  assert_true (cg_player_speed (p) == -1);
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (int));
  int notices = 0;
  for (gint64 t = T0 + 13 * S - 1; t >= T0; t -= 100000)
    {
      g_autoptr (GError) error = NULL;
      CgPlayerResult r = cg_player_frame_at (p, t, &error);
      assert_true (r != CG_PLAYER_ERROR);
      if (r != CG_PLAYER_FRAME)
        continue;
      const CgPlayerFrame *f = cg_player_frame (p);
      assert_true (f->keyframe);
      int n = (int) ((f->time_us - T0) / FRAME_US);
      /* Frame numbers follow time within each segment of this footage. */
      for (int i = 0; i < feed->n; i++)
        if (feed->segs[i].id == f->segment)
          n = feed->segs[i].first + (int) ((f->time_us - feed->segs[i].start_us) / FRAME_US);
      assert_frame (p, n, feed);
      g_array_append_val (shown, n);
      if (cg_player_skipped (p) != NULL)
        {
          notices++;
          t = f->time_us;
        }
    }
  const int want[] = { 240, 230, 220, 210, 200, 140, 130, 120, 110, 100,
                       90, 80, 70, 60, 50, 40, 30, 20, 10, 0 };
  assert_int_equal (shown->len, G_N_ELEMENTS (want));
  for (guint i = 0; i < shown->len; i++)
    assert_int_equal (g_array_index (shown, int, i), want[i]);
  /* The deleted segment and the camera's absence. */
  assert_int_equal (notices, 2);
  g_array_unref (shown);
}

static void
test_speeds (void **state)
{
  g_autoptr (Feed) feed = footage ();
  g_autoptr (CgPlayer) p = player_for (feed, FALSE);
  /* 1×: every frame of A, B and C once, in order, C's after the notice. */
  int last = -1, frames = 0;
  for (gint64 t = T0; t < T0 + 9 * S; t += FRAME_US)
    {
      g_autoptr (GError) error = NULL;
      CgPlayerResult r = cg_player_frame_at (p, t, &error);
      assert_true (r == CG_PLAYER_FRAME || r == CG_PLAYER_SAME);
      const CgPlayerFrame *f = cg_player_frame (p);
      if (cg_player_skipped (p) != NULL)
        t = f->time_us;
      if (r == CG_PLAYER_FRAME)
        {
          int n = f->segment == 10 ? 0 : f->segment == 20 ? 50 : 100;
          n += (int) (f->offset_us / FRAME_US);
          assert_int_equal (n, last + 1);
          last = n;
          frames++;
        }
    }
  assert_int_equal (frames, 150);
  /* Each segment opened once. */
  assert_true (feed->opens <= 4);
  /* 16×: keyframes only, each decoded alone. */
  cg_player_set_speed (p, 15);
  assert_true (cg_player_speed (p) == 16);
  guint64 decoded = cg_player_decoded (p);
  int keys = 0;
  for (gint64 t = T0; t < T0 + 4 * S; t += 10 * FRAME_US)
    {
      g_autoptr (GError) error = NULL;
      if (cg_player_frame_at (p, t, &error) == CG_PLAYER_FRAME)
        {
          assert_true (cg_player_frame (p)->keyframe);
          keys++;
        }
    }
  assert_int_equal (keys, 10);
  /* (And the next segment's first keyframe, ahead of its boundary.) */
  assert_true (cg_player_decoded (p) - decoded <= 10 + 2);
  /* The ladder. */
  assert_true (cg_player_speed_step (1, 1) == 2);
  assert_true (cg_player_speed_step (16, 1) == 16);
  assert_true (cg_player_speed_step (0.5, -1) == 0.5);
  assert_true (cg_player_speed_step (-4, 1) == -8);
  assert_true (cg_player_speed_step (3, -1) == 2);
  cg_player_set_speed (p, 0.4);
  assert_true (cg_player_speed (p) == 0.5);
}

/* A segment the daemon is still writing, the file growing under the
 * player. */
static void
test_growing_segment (void **state)
{
  Feed *feed = g_new0 (Feed, 1);
  g_autoptr (Feed) owned = feed;
  feed->dir = cg_test_tmpdir ();
  g_autoptr (GBytes) whole = encode (0, 50, 10, 0, 126000);
  g_autoptr (GBytes) next = encode (50, 25, 10, 0, 126000 + 180000);
  Seg *s = add_segment (feed, T0, 0, 50, NULL);
  s->recording = TRUE;
  gsize size = g_bytes_get_size (whole);
  const guint8 *bytes = g_bytes_get_data (whole, NULL);
  int fd = open (s->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  assert_true (fd >= 0);
  /* Written as the daemon does: in chunks that end anywhere, even in
   * the middle of a transport packet. */
  gsize written = size / 3 + 7;
  assert_int_equal (write (fd, bytes, written), (ssize_t) written);
  g_autoptr (CgPlayer) p = player_for (feed, TRUE);
  CgPlayerResult r = CG_PLAYER_FRAME;
  int last = -1;
  gint64 t = T0;
  for (; t < T0 + 4 * S && r != CG_PLAYER_WAITING; t += FRAME_US)
    {
      r = cg_player_frame_at (p, t, NULL);
      const CgPlayerFrame *f = cg_player_frame (p);
      if (r == CG_PLAYER_FRAME)
        {
          assert_int_equal (f->offset_us / FRAME_US, last + 1);
          last++;
        }
    }
  /* It waits at what is on the disk, every frame shown whole. */
  assert_int_equal (r, CG_PLAYER_WAITING);
  assert_true (last >= 5 && last < 49);
  assert_frame (p, last, feed);
  assert_int_equal (cg_player_frame_at (p, t, NULL), CG_PLAYER_WAITING);
  /* More is written: on from there (the clock has gone on meanwhile:
   * frames are dropped to catch up with it). */
  int waited_at = last;
  assert_int_equal (write (fd, bytes + written, size - written - 100), (ssize_t) (size - written - 100));
  for (int i = 0; i < 10; i++, t += FRAME_US)
    if (cg_player_frame_at (p, t, NULL) == CG_PLAYER_FRAME)
      {
        int n = (int) (cg_player_frame (p)->offset_us / FRAME_US);
        assert_true (n > last);
        assert_frame (p, n, feed);
        last = n;
      }
  assert_true (last >= waited_at + 10);
  /* The daemon closes it and starts the next: the last frame comes,
   * then the next segment's. */
  assert_int_equal (write (fd, bytes + size - 100, 100), 100);
  close (fd);
  s->recording = FALSE;
  add_segment (feed, T0 + 2 * S, 50, 25, next);
  cg_player_recordings_changed (p);
  gboolean saw_49 = FALSE;
  for (; t < T0 + 3 * S; t += FRAME_US)
    if (cg_player_frame_at (p, t, NULL) == CG_PLAYER_FRAME)
      {
        const CgPlayerFrame *f = cg_player_frame (p);
        int got = (f->segment == s->id ? 0 : 50) + (int) (f->offset_us / FRAME_US);
        assert_true (got > last);
        assert_frame (p, got, feed);
        saw_49 = saw_49 || got == 49;
        last = got;
      }
  /* The frame the file ended with came once it was whole. */
  assert_true (saw_49);
  assert_int_equal (last, 74);
  assert_frame (p, 74, feed);
}

int
main (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  av_log_set_level (g_getenv ("TEST_AV_LOG") != NULL ? AV_LOG_INFO : AV_LOG_QUIET);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_seek_is_frame_accurate),
    cmocka_unit_test (test_gaps_and_lost_segments),
    cmocka_unit_test (test_steps),
    cmocka_unit_test (test_reverse_gives_keyframes_backwards),
    cmocka_unit_test (test_speeds),
    cmocka_unit_test (test_growing_segment),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
