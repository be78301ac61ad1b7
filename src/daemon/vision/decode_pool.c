/* decode_pool.c — keyframe decoding that capture never waits for. */
#define G_LOG_DOMAIN "canhgac-decode"
#include "build-config.h"

#include "common/av_autoptr.h"
#include "daemon/vision/decode_pool.h"

#include <string.h>


typedef struct {
  gint64 id;
  AVPacket *pending;        /* waiting keyframe, or NULL */
  gint64 pending_wall_us;
  AVCodecParameters *par;   /* latest parameters submitted */
  gboolean par_changed;     /* the decoder must be made again */
  gboolean queued, busy, forgotten;
  /* Owned by the worker holding `busy`: the parameters the decoder is
   * made from.  The decoder itself lives only while a keyframe is
   * decoded, so that its frame buffers (megabytes per camera) are not
   * held between keyframes seconds apart. */
  AVCodecParameters *dec_par;
  gpointer state;
} Cam;

struct CgDecodePool {
  CgDecodeSink sink;
  guint max_pending;
  GMutex mutex;
  GCond cond;
  GHashTable *cams; /* id -> Cam*, the ones not forgotten */
  GQueue queue;     /* Cam* with a pending keyframe and no worker */
  guint n_pending;
  gboolean quit;
  GPtrArray *threads;
};

static void
cam_free (CgDecodePool *pool, Cam *cam)
{
  av_packet_free (&cam->pending);
  avcodec_parameters_free (&cam->par);
  avcodec_parameters_free (&cam->dec_par);
  if (cam->state != NULL && pool->sink.state_free != NULL)
    pool->sink.state_free (pool->sink.data, cam->state);
  g_free (cam);
}

static gboolean
same_parameters (const AVCodecParameters *a, const AVCodecParameters *b)
{
  return a->codec_id == b->codec_id && a->width == b->width && a->height == b->height
         && a->format == b->format && a->extradata_size == b->extradata_size
         && (a->extradata_size == 0 || memcmp (a->extradata, b->extradata, (size_t) a->extradata_size) == 0);
}

gboolean
cg_decode_pool_submit (CgDecodePool *pool, gint64 camera_id, const AVPacket *pkt,
                       const AVCodecParameters *par, gint64 wall_us)
{
  g_mutex_lock (&pool->mutex);
  Cam *cam = g_hash_table_lookup (pool->cams, &camera_id);
  if (cam == NULL)
    {
      cam = g_new0 (Cam, 1);
      cam->id = camera_id;
      g_hash_table_insert (pool->cams, &cam->id, cam);
    }
  if (pool->quit || cam->pending != NULL || pool->n_pending >= pool->max_pending)
    {
      g_mutex_unlock (&pool->mutex);
      if (pool->sink.skipped != NULL)
        pool->sink.skipped (pool->sink.data, camera_id);
      return FALSE;
    }
  /* A reference: the packet's buffer is shared, not copied. */
  cam->pending = av_packet_alloc ();
  if (av_packet_ref (cam->pending, pkt) < 0)
    {
      av_packet_free (&cam->pending);
      g_mutex_unlock (&pool->mutex);
      return FALSE;
    }
  cam->pending_wall_us = wall_us;
  if (cam->par == NULL || !same_parameters (cam->par, par))
    {
      if (cam->par == NULL)
        cam->par = avcodec_parameters_alloc ();
      avcodec_parameters_copy (cam->par, par);
      cam->par_changed = TRUE;
    }
  pool->n_pending++;
  if (!cam->busy && !cam->queued)
    {
      cam->queued = TRUE;
      g_queue_push_tail (&pool->queue, cam);
      g_cond_signal (&pool->cond);
    }
  g_mutex_unlock (&pool->mutex);
  return TRUE;
}

static void
fail (CgDecodePool *pool, Cam *cam, const char *what, int err)
{
  char msg[AV_ERROR_MAX_STRING_SIZE] = "";
  if (err != 0)
    av_strerror (err, msg, sizeof msg);
  g_autofree char *text = err != 0 ? g_strdup_printf ("%s: %s", what, msg) : g_strdup (what);
  if (pool->sink.failed != NULL)
    pool->sink.failed (pool->sink.data, cam->id, text);
}

/* Worker side, without the lock; par is the new parameters or NULL. */
static void
decode (CgDecodePool *pool, Cam *cam, AVPacket *pkt, AVCodecParameters *par, gint64 wall_us)
{
  if (par != NULL)
    {
      avcodec_parameters_free (&cam->dec_par);
      if (avcodec_find_decoder (par->codec_id) == NULL)
        {
          g_autofree char *what = g_strdup_printf ("no decoder for %s",
                                                   avcodec_get_name (par->codec_id));
          fail (pool, cam, what, 0);
          return;
        }
      cam->dec_par = avcodec_parameters_alloc ();
      avcodec_parameters_copy (cam->dec_par, par);
    }
  if (cam->dec_par == NULL)
    return; /* its failure was reported when the parameters came */
  const AVCodec *codec = avcodec_find_decoder (cam->dec_par->codec_id);
  g_autoptr (AVCodecContext) dec = avcodec_alloc_context3 (codec);
  avcodec_parameters_to_context (dec, cam->dec_par);
  dec->thread_count = 1;
  dec->skip_frame = AVDISCARD_NONKEY;
  dec->flags |= AV_CODEC_FLAG_LOW_DELAY;
  int open_rc = avcodec_open2 (dec, codec, NULL);
  if (open_rc < 0)
    {
      fail (pool, cam, "cannot open the decoder", open_rc);
      return;
    }

  gint64 t0 = g_get_monotonic_time ();
  AVFrame *frame = av_frame_alloc ();
  gboolean got = FALSE;
  /* Each keyframe stands alone: send it, drain, reset. */
  int rc = avcodec_send_packet (dec, pkt);
  if (rc >= 0)
    rc = avcodec_send_packet (dec, NULL);
  while (rc >= 0)
    {
      av_frame_unref (frame);
      rc = avcodec_receive_frame (dec, frame);
      if (rc >= 0)
        {
          got = TRUE;
          break;
        }
    }
  if (rc < 0 && rc != AVERROR_EOF && rc != AVERROR (EAGAIN))
    fail (pool, cam, "the keyframe cannot be decoded", rc);
  else if (!got)
    fail (pool, cam, "the keyframe gave no picture", 0);
  else if ((frame->flags & AV_FRAME_FLAG_CORRUPT) || frame->decode_error_flags != 0)
    fail (pool, cam, "the keyframe is corrupt (damaged on the way or by the camera)", 0);
  else if (pool->sink.frame != NULL)
    pool->sink.frame (pool->sink.data, cam->id, &cam->state, frame, wall_us,
                      g_get_monotonic_time () - t0);
  av_frame_free (&frame);
}

static gpointer
worker (gpointer data)
{
  CgDecodePool *pool = data;
  g_mutex_lock (&pool->mutex);
  for (;;)
    {
      while (!pool->quit && g_queue_is_empty (&pool->queue))
        g_cond_wait (&pool->cond, &pool->mutex);
      if (pool->quit)
        break;
      Cam *cam = g_queue_pop_head (&pool->queue);
      cam->queued = FALSE;
      cam->busy = TRUE;
      AVPacket *pkt = g_steal_pointer (&cam->pending);
      gint64 wall_us = cam->pending_wall_us;
      pool->n_pending--;
      AVCodecParameters *par = NULL;
      if (cam->par_changed)
        {
          par = avcodec_parameters_alloc ();
          avcodec_parameters_copy (par, cam->par);
          cam->par_changed = FALSE;
        }
      g_mutex_unlock (&pool->mutex);

      decode (pool, cam, pkt, par, wall_us);
      av_packet_free (&pkt);
      avcodec_parameters_free (&par);

      g_mutex_lock (&pool->mutex);
      cam->busy = FALSE;
      if (cam->forgotten)
        {
          g_mutex_unlock (&pool->mutex);
          cam_free (pool, cam);
          g_mutex_lock (&pool->mutex);
        }
      else if (cam->pending != NULL && !cam->queued)
        {
          cam->queued = TRUE;
          g_queue_push_tail (&pool->queue, cam);
        }
    }
  g_mutex_unlock (&pool->mutex);
  return NULL;
}

CgDecodePool *
cg_decode_pool_new (guint threads, guint max_pending, const CgDecodeSink *sink)
{
  g_return_val_if_fail (threads > 0 && max_pending > 0, NULL);
  CgDecodePool *pool = g_new0 (CgDecodePool, 1);
  pool->sink = *sink;
  pool->max_pending = max_pending;
  g_mutex_init (&pool->mutex);
  g_cond_init (&pool->cond);
  pool->cams = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_queue_init (&pool->queue);
  pool->threads = g_ptr_array_new ();
  for (guint i = 0; i < threads; i++)
    {
      g_autofree char *name = g_strdup_printf ("decode-%u", i + 1);
      g_ptr_array_add (pool->threads, g_thread_new (name, worker, pool));
    }
  return pool;
}

void
cg_decode_pool_forget (CgDecodePool *pool, gint64 camera_id)
{
  g_mutex_lock (&pool->mutex);
  Cam *cam = g_hash_table_lookup (pool->cams, &camera_id);
  if (cam == NULL)
    {
      g_mutex_unlock (&pool->mutex);
      return;
    }
  g_hash_table_remove (pool->cams, &camera_id);
  if (cam->pending != NULL)
    {
      av_packet_free (&cam->pending);
      pool->n_pending--;
    }
  if (cam->queued)
    g_queue_remove (&pool->queue, cam);
  cam->queued = FALSE;
  gboolean busy = cam->busy;
  cam->forgotten = TRUE; /* the worker frees it when done */
  g_mutex_unlock (&pool->mutex);
  if (!busy)
    cam_free (pool, cam);
}

void
cg_decode_pool_free (CgDecodePool *pool)
{
  if (pool == NULL)
    return;
  g_mutex_lock (&pool->mutex);
  pool->quit = TRUE;
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->mutex);
  for (guint i = 0; i < pool->threads->len; i++)
    g_thread_join (pool->threads->pdata[i]);
  g_ptr_array_free (pool->threads, TRUE);
  GHashTableIter it;
  Cam *cam;
  g_hash_table_iter_init (&it, pool->cams);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &cam))
    cam_free (pool, cam);
  g_hash_table_destroy (pool->cams);
  g_queue_clear (&pool->queue);
  g_mutex_clear (&pool->mutex);
  g_cond_clear (&pool->cond);
  g_free (pool);
}
