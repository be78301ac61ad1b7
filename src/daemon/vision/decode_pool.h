/* decode_pool.h — a few worker threads that decode cameras' keyframes.
 *
 * Capture threads hand keyframes over (a reference to the packet, not a
 * copy) and never wait: each camera may have one keyframe waiting and
 * the pool a few in all; when that is full the keyframe is skipped and
 * counted.  Each camera has its own decoder, made from the stream's
 * parameters when first needed and again when they change, set to
 * decode keyframes only; one camera is decoded by one worker at a time.
 */
#pragma once

#include <glib.h>
#include <libavcodec/avcodec.h>

/* What the workers do with the results.  state is a per-camera slot for
 * the sink's own use, freed with state_free when the camera is
 * forgotten or the pool freed. */
typedef struct {
  /* A worker thread; decode_us is the time decoding took. */
  void (*frame) (gpointer data, gint64 camera_id, gpointer *state, const AVFrame *frame,
                 gint64 wall_us, gint64 decode_us);
  /* A worker thread: the keyframe could not be decoded (message in
   * English, for logs and status). */
  void (*failed) (gpointer data, gint64 camera_id, const char *message);
  /* The submitting thread: a keyframe was dropped, the pool being busy. */
  void (*skipped) (gpointer data, gint64 camera_id);
  void (*state_free) (gpointer data, gpointer state);
  gpointer data;
} CgDecodeSink;

typedef struct CgDecodePool CgDecodePool;

CgDecodePool *cg_decode_pool_new (guint threads, guint max_pending, const CgDecodeSink *sink);

/* Never blocks on decoding: returns FALSE at once when the keyframe is
 * dropped (counted through sink->skipped).  par is copied only when it
 * differs from what this camera's decoder was made with. */
gboolean cg_decode_pool_submit (CgDecodePool *pool, gint64 camera_id, const AVPacket *pkt,
                                const AVCodecParameters *par, gint64 wall_us);

/* Drops a camera's pending keyframe, decoder and state (after any decode
 * in progress). */
void cg_decode_pool_forget (CgDecodePool *pool, gint64 camera_id);

/* Stops the workers (finishing what they are decoding) and frees. */
void cg_decode_pool_free (CgDecodePool *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDecodePool, cg_decode_pool_free)
