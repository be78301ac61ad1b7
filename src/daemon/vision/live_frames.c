/* vision/live_frames.c — the latest full-size keyframe of each camera. */
#include "build-config.h"

#include "daemon/vision/live_frames.h"

#include <string.h>

struct CgLiveFrames {
  GMutex mutex;
  GHashTable *frames; /* camera id (gint64 *) -> CgLiveFrame * */
};

void
cg_live_frame_clear (CgLiveFrame *frame)
{
  av_packet_free (&frame->packet);
  avcodec_parameters_free (&frame->par);
  frame->time_us = frame->interval_us = 0;
}

static void
frame_free (CgLiveFrame *frame)
{
  cg_live_frame_clear (frame);
  g_free (frame);
}

CgLiveFrames *
cg_live_frames_new (void)
{
  CgLiveFrames *live = g_new0 (CgLiveFrames, 1);
  g_mutex_init (&live->mutex);
  live->frames = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) frame_free);
  return live;
}

void
cg_live_frames_free (CgLiveFrames *live)
{
  if (live == NULL)
    return;
  g_hash_table_destroy (live->frames);
  g_mutex_clear (&live->mutex);
  g_free (live);
}

static gboolean
same_parameters (const AVCodecParameters *a, const AVCodecParameters *b)
{
  return a->codec_id == b->codec_id && a->width == b->width && a->height == b->height
         && a->format == b->format && a->extradata_size == b->extradata_size
         && (a->extradata_size == 0
             || memcmp (a->extradata, b->extradata, (size_t) a->extradata_size) == 0);
}

void
cg_live_frames_keyframe (gpointer data, gint64 camera_id, const AVPacket *pkt,
                         const AVCodecParameters *par, gint64 wall_us)
{
  CgLiveFrames *live = data;
  /* The reference is taken outside the lock: the capture thread never
   * waits on a reader for longer than a pointer swap. */
  AVPacket *ref = av_packet_alloc ();
  if (ref == NULL || av_packet_ref (ref, pkt) < 0)
    {
      av_packet_free (&ref);
      return;
    }
  g_mutex_lock (&live->mutex);
  CgLiveFrame *f = g_hash_table_lookup (live->frames, &camera_id);
  if (f == NULL)
    {
      f = g_new0 (CgLiveFrame, 1);
      gint64 *key = g_new (gint64, 1);
      *key = camera_id;
      g_hash_table_insert (live->frames, key, f);
    }
  AVPacket *old = f->packet;
  f->packet = ref;
  f->interval_us = f->time_us > 0 && wall_us > f->time_us ? wall_us - f->time_us : 0;
  f->time_us = wall_us;
  AVCodecParameters *old_par = NULL;
  if (f->par == NULL || !same_parameters (f->par, par))
    {
      old_par = f->par;
      f->par = avcodec_parameters_alloc ();
      if (f->par == NULL || avcodec_parameters_copy (f->par, par) < 0)
        {
          /* Without parameters the keyframe cannot be decoded: none. */
          avcodec_parameters_free (&f->par);
          av_packet_free (&f->packet);
        }
    }
  g_mutex_unlock (&live->mutex);
  av_packet_free (&old);
  avcodec_parameters_free (&old_par);
}

gboolean
cg_live_frames_get (CgLiveFrames *live, gint64 camera_id, CgLiveFrame *out)
{
  *out = (CgLiveFrame) { 0 };
  g_mutex_lock (&live->mutex);
  CgLiveFrame *f = g_hash_table_lookup (live->frames, &camera_id);
  gboolean found = f != NULL && f->packet != NULL && f->par != NULL;
  if (found)
    {
      out->packet = av_packet_clone (f->packet);
      out->par = avcodec_parameters_alloc ();
      found = out->packet != NULL && out->par != NULL
              && avcodec_parameters_copy (out->par, f->par) >= 0;
      out->time_us = f->time_us;
      out->interval_us = f->interval_us;
    }
  g_mutex_unlock (&live->mutex);
  if (!found)
    cg_live_frame_clear (out);
  return found;
}

void
cg_live_frames_forget (CgLiveFrames *live, gint64 camera_id)
{
  g_mutex_lock (&live->mutex);
  g_hash_table_remove (live->frames, &camera_id);
  g_mutex_unlock (&live->mutex);
}
