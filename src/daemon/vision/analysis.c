/* vision/analysis.c — keyframes to thumbnails and motion events. */
#define G_LOG_DOMAIN "canhgac-vision"
#include "build-config.h"

#include "daemon/vision/analysis.h"

#include "common/jsonrpc.h"
#include "common/timeutil.h"
#include "daemon/vision/decode_pool.h"
#include "daemon/vision/motion.h"

#include <libswscale/swscale.h>
#include <string.h>

#define WORKERS 2
/* Keyframes waiting in all: a couple of seconds of a busy post's worth
 * would only be stale by the time they were decoded. */
#define MAX_PENDING 8
/* JPEG quality (qscale 2-31, lower is better): small, still legible. */
#define JPEG_QSCALE 6

/* Main-thread view of a camera (under the mutex). */
typedef struct {
  char *name;
  double sensitivity;
  CgMotionMask mask;
  gint64 last_submit_us;
} Watched;

/* Worker-side state of a camera (the pool's per-camera slot). */
typedef struct {
  CgVision *vision;
  gint64 camera_id;
  struct SwsContext *sws;
  AVCodecContext *jpeg;
  AVFrame *scaled;
  gint64 jpeg_pts;
  CgMotionGrid prev;
  gboolean have_prev;
  CgMotionState motion;
  gint64 last_us;
  gboolean error_logged;
} Seen;

typedef enum { NOTE_THUMBNAIL, NOTE_MOTION } NoteKind;

typedef struct {
  NoteKind kind;
  gint64 camera_id;
  CgMotionEvent event; /* end_us 0: ongoing */
  gboolean stale;      /* a newer thumbnail of the camera follows */
} Note;

struct CgVision {
  const CgConfig *config;
  CgDbWriter *writer;
  CgThumbnails *table;
  CgServer *server;
  CgVisionMotionHook motion_hook;
  gpointer motion_data;
  CgDecodePool *pool;
  GMutex mutex;
  GHashTable *watched; /* id -> Watched* */
  GAsyncQueue *notes;
  guint notes_source;
};

/* The configuration in effect: a reload replaces it whole while the
 * thread runs (the old one stays valid until the daemon exits), so each
 * use reads the pointer once, atomically. */
static const CgConfig *
config_of (const CgVision *v)
{
  return g_atomic_pointer_get ((const CgConfig **) &v->config);
}

void
cg_vision_set_config (CgVision *v, const CgConfig *config)
{
  g_atomic_pointer_set (&v->config, config);
}

static void
watched_free (Watched *w)
{
  g_free (w->name);
  g_free (w);
}

/* ---- worker side ------------------------------------------------------ */

static void
queue_note (CgVision *v, NoteKind kind, gint64 camera_id, const CgMotionEvent *ev)
{
  Note *n = g_new0 (Note, 1);
  n->kind = kind;
  n->camera_id = camera_id;
  if (ev != NULL)
    n->event = *ev;
  g_async_queue_push (v->notes, n);
}

static void
seen_free (gpointer data, gpointer state)
{
  Seen *s = state;
  (void) data;
  /* An event cannot outlive its camera's capture. */
  if (s->motion.active)
    {
      CgMotionEvent ev = { s->motion.start_us, MAX (s->last_us, s->motion.start_us), s->motion.peak };
      cg_db_writer_motion_ended (s->vision->writer, &(CgDbMotionEnded) {
        .camera_id = s->camera_id, .end_us = ev.end_us, .peak = ev.peak });
      queue_note (s->vision, NOTE_MOTION, s->camera_id, &ev);
    }
  sws_freeContext (s->sws);
  avcodec_free_context (&s->jpeg);
  av_frame_free (&s->scaled);
  g_free (s);
}

/* Scales to the configured width (even height, aspect kept) in full
 * range, as JPEG wants. */
static gboolean
scale (Seen *s, const AVFrame *f, int width)
{
  int height = (int) ((gint64) width * f->height / MAX (f->width, 1)) & ~1;
  height = MAX (height, 2);
  if (s->scaled == NULL || s->scaled->width != width || s->scaled->height != height)
    {
      av_frame_free (&s->scaled);
      avcodec_free_context (&s->jpeg);
      s->scaled = av_frame_alloc ();
      s->scaled->format = AV_PIX_FMT_YUVJ420P;
      s->scaled->width = width;
      s->scaled->height = height;
      if (av_frame_get_buffer (s->scaled, 0) < 0)
        {
          av_frame_free (&s->scaled);
          return FALSE;
        }
    }
  /* The encoder may still hold the last picture's buffer. */
  if (av_frame_make_writable (s->scaled) < 0)
    return FALSE;
  s->sws = sws_getCachedContext (s->sws, f->width, f->height, f->format, width, height,
                                 AV_PIX_FMT_YUVJ420P, SWS_BILINEAR, NULL, NULL, NULL);
  if (s->sws == NULL)
    return FALSE;
  gboolean full = f->color_range == AVCOL_RANGE_JPEG || f->format == AV_PIX_FMT_YUVJ420P;
  const int *coefs = sws_getCoefficients (SWS_CS_DEFAULT);
  sws_setColorspaceDetails (s->sws, coefs, full, coefs, 1, 0, 1 << 16, 1 << 16);
  sws_scale (s->sws, (const uint8_t *const *) f->data, f->linesize, 0, f->height, s->scaled->data,
             s->scaled->linesize);
  return TRUE;
}

static GBytes *
encode_jpeg (Seen *s)
{
  if (s->jpeg == NULL)
    {
      const AVCodec *codec = avcodec_find_encoder (AV_CODEC_ID_MJPEG);
      if (codec == NULL)
        return NULL;
      s->jpeg = avcodec_alloc_context3 (codec);
      s->jpeg->width = s->scaled->width;
      s->jpeg->height = s->scaled->height;
      s->jpeg->pix_fmt = AV_PIX_FMT_YUVJ420P;
      s->jpeg->time_base = (AVRational) { 1, 25 };
      s->jpeg->flags |= AV_CODEC_FLAG_QSCALE;
      s->jpeg->global_quality = FF_QP2LAMBDA * JPEG_QSCALE;
      s->jpeg->thread_count = 1;
      if (avcodec_open2 (s->jpeg, codec, NULL) < 0)
        {
          avcodec_free_context (&s->jpeg);
          return NULL;
        }
    }
  s->scaled->quality = FF_QP2LAMBDA * JPEG_QSCALE;
  s->scaled->pts = s->jpeg_pts++;
  AVPacket *pkt = av_packet_alloc ();
  GBytes *out = NULL;
  int rc = avcodec_send_frame (s->jpeg, s->scaled);
  if (rc >= 0)
    rc = avcodec_receive_packet (s->jpeg, pkt);
  if (rc >= 0)
    out = g_bytes_new (pkt->data, (gsize) pkt->size);
  else
    g_debug ("camera %" G_GINT64_FORMAT ": JPEG encoding failed: %s", s->camera_id,
             av_err2str (rc));
  av_packet_free (&pkt);
  return out;
}

static void
motion (CgVision *v, Seen *s, gint64 wall_us)
{
  if (s->scaled->width < CG_MOTION_COLS || s->scaled->height < CG_MOTION_ROWS)
    return;
  CgMotionGrid grid;
  cg_motion_grid_from_luma (s->scaled->data[0], s->scaled->linesize[0], s->scaled->width,
                            s->scaled->height, &grid);
  double sensitivity = CG_MOTION_DEFAULT_SENSITIVITY;
  CgMotionMask mask;
  memset (&mask, 0, sizeof mask);
  g_mutex_lock (&v->mutex);
  Watched *w = g_hash_table_lookup (v->watched, &s->camera_id);
  if (w != NULL)
    {
      sensitivity = w->sensitivity;
      mask = w->mask;
    }
  g_mutex_unlock (&v->mutex);
  if (s->have_prev)
    {
      double score = cg_motion_score (&s->prev, &grid, &mask, sensitivity);
      double threshold = cg_motion_threshold (&mask, sensitivity);
      CgMotionRules rules = CG_MOTION_RULES_DEFAULT;
      CgMotionEvent ev;
      g_debug ("camera %" G_GINT64_FORMAT ": motion score %.4f (threshold %.4f)", s->camera_id,
               score, threshold);
      switch (cg_motion_feed (&s->motion, &rules, score, threshold, wall_us, &ev))
        {
        case CG_MOTION_STARTED:
          cg_db_writer_motion_started (v->writer, &(CgDbMotionStarted) {
            .camera_id = s->camera_id, .start_us = ev.start_us, .peak = ev.peak });
          queue_note (v, NOTE_MOTION, s->camera_id, &ev);
          break;
        case CG_MOTION_ENDED:
          cg_db_writer_motion_ended (v->writer, &(CgDbMotionEnded) {
            .camera_id = s->camera_id, .end_us = ev.end_us, .peak = ev.peak });
          queue_note (v, NOTE_MOTION, s->camera_id, &ev);
          break;
        case CG_MOTION_PEAK:
        case CG_MOTION_NONE:
          break;
        }
    }
  s->prev = grid;
  s->have_prev = TRUE;
}

static void
on_frame (gpointer data, gint64 camera_id, gpointer *state, const AVFrame *frame, gint64 wall_us,
          gint64 decode_us)
{
  CgVision *v = data;
  Seen *s = *state;
  if (s == NULL)
    {
      s = g_new0 (Seen, 1);
      s->vision = v;
      s->camera_id = camera_id;
      *state = s;
    }
  gint64 t0 = g_get_monotonic_time ();
  s->last_us = wall_us;
  if (!scale (s, frame, config_of (v)->thumbnail_width))
    {
      cg_thumbnails_failed (v->table, camera_id, "the picture cannot be scaled");
      return;
    }
  g_autoptr (GBytes) jpeg = encode_jpeg (s);
  if (jpeg == NULL)
    {
      cg_thumbnails_failed (v->table, camera_id, "the thumbnail cannot be encoded");
      return;
    }
  motion (v, s, wall_us);
  s->error_logged = FALSE;
  cg_thumbnails_put (v->table, camera_id, jpeg, s->scaled->width, s->scaled->height, wall_us,
                     decode_us + g_get_monotonic_time () - t0);
  queue_note (v, NOTE_THUMBNAIL, camera_id, NULL);
}

static void
on_failed (gpointer data, gint64 camera_id, const char *message)
{
  CgVision *v = data;
  CgDecodeHealth h;
  cg_thumbnails_health (v->table, camera_id, &h);
  /* Once per run of failures, not once per keyframe. */
  if (h.decode_error == NULL)
    g_message ("camera %" G_GINT64_FORMAT ": %s; recording goes on", camera_id, message);
  g_free (h.decode_error);
  cg_thumbnails_failed (v->table, camera_id, message);
}

static void
on_skipped (gpointer data, gint64 camera_id)
{
  CgVision *v = data;
  cg_thumbnails_skipped (v->table, camera_id);
}

/* ---- capture side ----------------------------------------------------- */

void
cg_vision_keyframe (gpointer data, gint64 camera_id, const AVPacket *pkt,
                    const AVCodecParameters *par, gint64 wall_us)
{
  CgVision *v = data;
  gint64 interval = config_of (v)->thumbnail_interval_us;
  if (interval <= 0)
    return;
  g_mutex_lock (&v->mutex);
  Watched *w = g_hash_table_lookup (v->watched, &camera_id);
  /* A quarter of slack: keyframes every 2 s arrive a little early or
   * late, and each should count for a 2 s interval. */
  gboolean due = w != NULL
                 && (w->last_submit_us == 0 || wall_us < w->last_submit_us
                     || wall_us - w->last_submit_us >= interval - interval / 4);
  if (due)
    w->last_submit_us = wall_us;
  g_mutex_unlock (&v->mutex);
  if (due)
    cg_decode_pool_submit (v->pool, camera_id, pkt, par, wall_us);
}

/* ---- main thread -------------------------------------------------------- */

static void
deliver (CgVision *v, Note *n)
{
  g_mutex_lock (&v->mutex);
  Watched *w = g_hash_table_lookup (v->watched, &n->camera_id);
  g_autofree char *name = w != NULL ? g_strdup (w->name) : NULL;
  g_mutex_unlock (&v->mutex);
  if (name != NULL && n->kind != NOTE_THUMBNAIL && v->motion_hook != NULL)
    v->motion_hook (v->motion_data, name, n->event.start_us, MAX (n->event.end_us, 0));
  if (name == NULL || v->server == NULL)
    return;
  if (n->kind == NOTE_THUMBNAIL)
    {
      g_autoptr (JsonNode) params = cg_thumbnails_to_json (v->table, n->camera_id, name);
      if (params != NULL)
        cg_server_notify (v->server, CG_TOPIC_THUMBNAILS, "thumbnail", params, TRUE);
      return;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, name);
  cg_json_add_time (b, "start", n->event.start_us);
  cg_json_add_time (b, "end", n->event.end_us);
  json_builder_set_member_name (b, "peak");
  json_builder_add_double_value (b, n->event.peak);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  cg_server_notify (v->server, CG_TOPIC_MOTION, "motion", params, FALSE);
}

static gboolean
deliver_notes (gpointer data)
{
  CgVision *v = data;
  Note *n;
  /* Only the newest thumbnail of a camera is worth sending. */
  g_autoptr (GHashTable) sent = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  while ((n = g_async_queue_try_pop (v->notes)) != NULL)
    g_ptr_array_add (notes, n);
  for (guint i = notes->len; i-- > 0;)
    {
      n = notes->pdata[i];
      if (n->kind == NOTE_THUMBNAIL)
        {
          if (g_hash_table_contains (sent, &n->camera_id))
            n->stale = TRUE;
          else
            g_hash_table_add (sent, &n->camera_id);
        }
    }
  for (guint i = 0; i < notes->len; i++)
    {
      n = notes->pdata[i];
      if (!n->stale)
        deliver (v, n);
    }
  return G_SOURCE_CONTINUE;
}

CgVision *
cg_vision_new (const CgConfig *config, CgDbWriter *writer, CgThumbnails *table, CgServer *server)
{
  CgVision *v = g_new0 (CgVision, 1);
  v->config = config;
  v->writer = writer;
  v->table = table;
  v->server = server;
  g_mutex_init (&v->mutex);
  v->watched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) watched_free);
  v->notes = g_async_queue_new_full (g_free);
  CgDecodeSink sink = {
    .frame = on_frame, .failed = on_failed, .skipped = on_skipped, .state_free = seen_free,
    .data = v,
  };
  v->pool = cg_decode_pool_new (WORKERS, MAX_PENDING, &sink);
  /* Events a crash left open end where they started: when they really
   * ended is not known. */
  cg_db_writer_motion_ended (writer, &(CgDbMotionEnded) { .camera_id = 0 });
  /* Like recorder.c: a timer drains what the workers queued, never an
   * idle holding pointers that could die. */
  v->notes_source = g_timeout_add (100, deliver_notes, v);
  return v;
}

void
cg_vision_camera (CgVision *v, gint64 camera_id, const char *name, double sensitivity,
                  const char *mask)
{
  CgMotionMask m;
  g_autoptr (GError) error = NULL;
  if (!cg_motion_mask_parse (mask, &m, &error))
    {
      /* The API checks masks; one from an older daemon is ignored. */
      g_warning ("camera %s: %s", name, error->message);
      memset (&m, 0, sizeof m);
    }
  g_mutex_lock (&v->mutex);
  Watched *w = g_hash_table_lookup (v->watched, &camera_id);
  if (w == NULL)
    {
      w = g_new0 (Watched, 1);
      gint64 *key = g_new (gint64, 1);
      *key = camera_id;
      g_hash_table_insert (v->watched, key, w);
    }
  g_free (w->name);
  w->name = g_strdup (name);
  w->sensitivity = sensitivity >= 0 ? MIN (sensitivity, 1.0) : CG_MOTION_DEFAULT_SENSITIVITY;
  w->mask = m;
  g_mutex_unlock (&v->mutex);
}

void
cg_vision_camera_stopped (CgVision *v, gint64 camera_id)
{
  cg_decode_pool_forget (v->pool, camera_id);
  cg_thumbnails_forget (v->table, camera_id);
  g_mutex_lock (&v->mutex);
  Watched *w = g_hash_table_lookup (v->watched, &camera_id);
  if (w != NULL)
    w->last_submit_us = 0;
  g_mutex_unlock (&v->mutex);
}

void
cg_vision_free (CgVision *v)
{
  if (v == NULL)
    return;
  /* Ends ongoing events (seen_free) before the writer is flushed. */
  cg_decode_pool_free (v->pool);
  g_source_remove (v->notes_source);
  g_async_queue_unref (v->notes);
  g_hash_table_destroy (v->watched);
  g_mutex_clear (&v->mutex);
  g_free (v);
}

void
cg_vision_set_motion_hook (CgVision *v, CgVisionMotionHook hook, gpointer data)
{
  v->motion_hook = hook;
  v->motion_data = data;
}
