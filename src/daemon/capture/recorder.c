/* recorder.c — reconciling capture threads with the cameras table. */
#define G_LOG_DOMAIN "canhgac-recorder"
#include "build-config.h"

#include "daemon/capture/recorder.h"

#include "common/camera_state.h"
#include "daemon/db/cameras.h"
#include "common/timeutil.h"
#include "daemon/capture/capture.h"
#include "daemon/vision/analysis.h"
#include "daemon/vision/live_frames.h"

#include <string.h>

#define POLL_SECONDS 2

typedef struct {
  gint64 camera_id;
  CgCapture *capture; /* NULL while disabled */
  CgCapture *watcher; /* the sub-stream, for thumbnails and motion, or NULL */
  char *signature;    /* what a change of requires a restart */
  gboolean seen;
} Running;

struct CgRecorder {
  const CgConfig *config;
  CgDb *db;
  CgDbWriter *writer;
  GHashTable *running; /* camera id (gint64*) -> Running* */
  GPtrArray *retiring; /* Running* asked to stop, freed once their threads end */
  guint quick;         /* a re-check while some are still stopping */
  GHashTable *names;   /* camera id (gint64*) -> name, for notifications */
  guint timer;
  CgRecorderStateHook hook;
  gpointer hook_data;
  /* Changes posted by capture threads, delivered on the main loop. */
  GAsyncQueue *changes;
  guint changes_source;
  CgVision *vision; /* or NULL */
  CgLiveFrames *live; /* or NULL */
};

typedef struct {
  gint64 camera_id;
  char *state, *reason;
  gint64 at_us;
} Change;

static void
change_free (Change *ch)
{
  g_free (ch->state);
  g_free (ch->reason);
  g_free (ch);
}

static gboolean
deliver_changes (gpointer data)
{
  CgRecorder *rec = data;
  Change *ch;
  while ((ch = g_async_queue_try_pop (rec->changes)) != NULL)
    {
      const char *name = g_hash_table_lookup (rec->names, &ch->camera_id);
      if (rec->hook != NULL && name != NULL)
        rec->hook (rec->hook_data, name, ch->state, ch->reason, ch->at_us);
      change_free (ch);
    }
  return G_SOURCE_CONTINUE;
}

/* Capture thread side: queue for the main loop. */
static void
on_capture_state (gpointer data, gint64 camera_id, const char *state, const char *reason,
                  gint64 at_us)
{
  CgRecorder *rec = data;
  Change *ch = g_new0 (Change, 1);
  ch->camera_id = camera_id;
  ch->state = g_strdup (state);
  ch->reason = g_strdup (reason);
  ch->at_us = at_us;
  g_async_queue_push (rec->changes, ch);
}

void
cg_recorder_set_vision (CgRecorder *rec, CgVision *vision)
{
  rec->vision = vision;
}

void
cg_recorder_set_live_frames (CgRecorder *rec, CgLiveFrames *live)
{
  rec->live = live;
}

void
cg_recorder_set_config (CgRecorder *rec, const CgConfig *config)
{
  rec->config = config;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, rec->running);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Running *r = value;
      if (r->capture != NULL)
        cg_capture_set_stall (r->capture, config->stall_us);
      if (r->watcher != NULL)
        cg_capture_set_stall (r->watcher, config->stall_us);
    }
}

/* The camera's capture stopped: its pictures go. */
static void
camera_stopped (CgRecorder *rec, gint64 camera_id)
{
  if (rec->vision != NULL)
    cg_vision_camera_stopped (rec->vision, camera_id);
  if (rec->live != NULL)
    cg_live_frames_forget (rec->live, camera_id);
}

void
cg_recorder_set_state_hook (CgRecorder *rec, CgRecorderStateHook hook, gpointer data)
{
  rec->hook = hook;
  rec->hook_data = data;
}

static void
running_free (Running *r)
{
  if (r->watcher != NULL)
    cg_capture_request_stop (r->watcher);
  if (r->capture != NULL)
    cg_capture_free (r->capture);
  if (r->watcher != NULL)
    cg_capture_free (r->watcher);
  g_free (r->signature);
  g_free (r);
}

/* Asks the camera's threads to stop and keeps them until they have: the
 * main loop never waits for a thread (one may be resolving a host name,
 * which nothing interrupts). */
static void
retire (CgRecorder *rec, Running *r)
{
  if (r->capture != NULL)
    cg_capture_request_stop (r->capture);
  if (r->watcher != NULL)
    cg_capture_request_stop (r->watcher);
  g_ptr_array_add (rec->retiring, r);
}

static gboolean
running_finished (Running *r)
{
  return (r->capture == NULL || cg_capture_finished (r->capture))
         && (r->watcher == NULL || cg_capture_finished (r->watcher));
}

/* Frees the retired cameras whose threads have ended. */
static void
reap (CgRecorder *rec)
{
  for (guint i = 0; i < rec->retiring->len;)
    {
      Running *r = rec->retiring->pdata[i];
      if (running_finished (r))
        {
          g_ptr_array_remove_index_fast (rec->retiring, i);
          running_free (r);
        }
      else
        i++;
    }
}

/* Whether a thread of this camera is still stopping: a new one waits, so
 * that two threads never write one camera's segments. */
static gboolean
retiring (CgRecorder *rec, gint64 camera_id)
{
  for (guint i = 0; i < rec->retiring->len; i++)
    if (((Running *) rec->retiring->pdata[i])->camera_id == camera_id)
      return TRUE;
  return FALSE;
}

static gboolean
on_quick (gpointer data)
{
  CgRecorder *rec = data;
  rec->quick = 0;
  cg_recorder_sync (rec);
  return G_SOURCE_REMOVE;
}

static char *
signature_of (const CgCamera *cam)
{
  g_autofree char *url = cg_camera_stream_url (cam);
  return g_strdup_printf ("%d|%d|%s|%s|%s", cam->enabled, cam->transport, cam->name, url,
                          cam->substream_url != NULL ? cam->substream_url : "");
}

static void
start_camera (CgRecorder *rec, const CgCamera *cam, Running *r)
{
  if (!cam->enabled)
    {
      CgDbCameraStatus s = { .camera_id = cam->id, .state = CG_STATE_DISABLED, .reason = "",
                             .since_us = cg_time_now_us () };
      cg_db_writer_camera_status (rec->writer, &s);
      g_message ("camera %s: disabled", cam->name);
      return;
    }
  g_autofree char *url = cg_camera_stream_url (cam);
  g_autofree char *masked = cg_url_mask (url);
  CgCaptureParams p = {
    .camera_id = cam->id,
    .name = cam->name,
    .url = url,
    .transport = cam->transport,
    .data_dir = rec->config->data_dir,
    .segment_us = rec->config->segment_us,
    .stall_us = rec->config->stall_us,
    .db_writer = rec->writer,
    .on_state = on_capture_state,
    .on_state_data = rec,
    .on_keyframe = rec->vision != NULL ? cg_vision_keyframe : NULL,
    .on_keyframe_data = rec->vision,
    .on_full_keyframe = rec->live != NULL ? cg_live_frames_keyframe : NULL,
    .on_full_keyframe_data = rec->live,
  };
  /* With a sub-stream, pictures come from it: a small stream is cheaper
   * to decode, and the main stream is only recorded. */
  gboolean watch_sub = cam->substream_url != NULL && rec->vision != NULL;
  if (watch_sub)
    p.on_keyframe = NULL;
  g_message ("camera %s: starting (%s)", cam->name, masked);
  r->capture = cg_capture_start (&p);
  memset (url, 0, strlen (url));
  if (watch_sub)
    {
      g_autoptr (CgCamera) sub = cg_camera_copy (cam);
      g_free (sub->url);
      sub->url = g_strdup (cam->substream_url);
      g_autofree char *sub_url = cg_camera_stream_url (sub);
      g_autofree char *sub_name = g_strdup_printf ("%s (sub-stream)", cam->name);
      g_autofree char *sub_masked = cg_url_mask (sub_url);
      p.name = sub_name;
      p.url = sub_url;
      p.watch_only = TRUE;
      p.on_keyframe = cg_vision_keyframe;
      p.on_state = NULL;
      g_message ("camera %s: pictures from %s", cam->name, sub_masked);
      r->watcher = cg_capture_start (&p);
      memset (sub_url, 0, strlen (sub_url));
    }
}

void
cg_recorder_sync (CgRecorder *rec)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cams = cg_camera_list (cg_db_handle (rec->db), &error);
  if (cams == NULL)
    {
      g_warning ("cannot read the cameras: %s", error->message);
      return;
    }
  reap (rec);
  GHashTableIter it;
  Running *r;
  g_hash_table_iter_init (&it, rec->running);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &r))
    r->seen = FALSE;

  /* Stop first (all at once), so that a restart never has two threads
   * writing one camera's segments. */
  GPtrArray *to_start = g_ptr_array_new ();
  for (guint i = 0; i < cams->len; i++)
    {
      CgCamera *cam = cams->pdata[i];
      gint64 *key = g_new (gint64, 1);
      *key = cam->id;
      g_hash_table_replace (rec->names, key, g_strdup (cam->name));
      g_autofree char *sig = signature_of (cam);
      if (rec->vision != NULL)
        cg_vision_camera (rec->vision, cam->id, cam->name, cam->motion_sensitivity,
                          cam->motion_mask);
      r = g_hash_table_lookup (rec->running, &cam->id);
      if (r != NULL && g_str_equal (r->signature, sig))
        {
          r->seen = TRUE;
          continue;
        }
      if (r != NULL)
        {
          g_hash_table_steal (rec->running, &cam->id);
          retire (rec, r);
          camera_stopped (rec, cam->id);
        }
      g_ptr_array_add (to_start, cam);
    }
  gpointer stopped_key;
  g_hash_table_iter_init (&it, rec->running);
  while (g_hash_table_iter_next (&it, &stopped_key, (gpointer *) &r))
    if (!r->seen)
      {
        gint64 id = *(gint64 *) stopped_key;
        g_hash_table_iter_steal (&it);
        g_free (stopped_key);
        retire (rec, r);
        camera_stopped (rec, id);
      }
  /* A disabled camera has no thread, and a thread asked to stop is
   * usually gone in a moment: the camera starts again at once, or at the
   * quick re-check below. */
  reap (rec);
  for (guint i = 0; i < to_start->len; i++)
    {
      CgCamera *cam = to_start->pdata[i];
      if (retiring (rec, cam->id))
        continue;
      r = g_new0 (Running, 1);
      r->camera_id = cam->id;
      r->signature = signature_of (cam);
      r->seen = TRUE;
      start_camera (rec, cam, r);
      gint64 *key = g_new (gint64, 1);
      *key = cam->id;
      g_hash_table_insert (rec->running, key, r);
    }
  g_ptr_array_free (to_start, TRUE);
  if (rec->retiring->len > 0 && rec->quick == 0)
    rec->quick = g_timeout_add (100, on_quick, rec);
}

static gboolean
on_poll (gpointer data)
{
  CgRecorder *rec = data;
  cg_recorder_sync (rec);
  return G_SOURCE_CONTINUE;
}

CgRecorder *
cg_recorder_new (const CgConfig *config, CgDb *db, CgDbWriter *writer)
{
  CgRecorder *rec = g_new0 (CgRecorder, 1);
  rec->config = config;
  rec->db = db;
  rec->writer = writer;
  rec->running = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) running_free);
  rec->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  rec->retiring = g_ptr_array_new ();
  rec->changes = g_async_queue_new_full ((GDestroyNotify) change_free);
  /* A state change reaches subscribers within 100 ms; a timer rather
   * than an idle per change, which could outlive the recorder. */
  rec->changes_source = g_timeout_add (100, deliver_changes, rec);
  /* The first sync is the caller's, once its hooks are set. */
  rec->timer = g_timeout_add_seconds (POLL_SECONDS, on_poll, rec);
  return rec;
}

gboolean
cg_recorder_stop_all (CgRecorder *rec, gint64 wait_us)
{
  if (rec->timer != 0)
    g_source_remove (rec->timer);
  rec->timer = 0;
  if (rec->quick != 0)
    g_source_remove (rec->quick);
  rec->quick = 0;
  GHashTableIter it;
  gpointer key;
  Running *r;
  g_hash_table_iter_init (&it, rec->running);
  while (g_hash_table_iter_next (&it, &key, (gpointer *) &r))
    {
      g_hash_table_iter_steal (&it);
      g_free (key);
      retire (rec, r);
    }
  gint64 deadline = g_get_monotonic_time () + wait_us;
  for (;;)
    {
      reap (rec);
      if (rec->retiring->len == 0 || g_get_monotonic_time () >= deadline)
        break;
      g_usleep (20 * 1000);
    }
  if (rec->retiring->len > 0)
    g_warning ("%u camera threads did not stop in time (resolving a host name?)",
               rec->retiring->len);
  return rec->retiring->len == 0;
}

void
cg_recorder_free (CgRecorder *rec)
{
  if (rec == NULL)
    return;
  /* Threads still running keep using what they were given: they and
   * their Running are left alone (the caller exits without freeing
   * what they use). */
  cg_recorder_stop_all (rec, G_MAXINT64 / 2);
  g_hash_table_destroy (rec->running);
  g_ptr_array_free (rec->retiring, TRUE);
  g_source_remove (rec->changes_source);
  g_async_queue_unref (rec->changes);
  g_hash_table_destroy (rec->names);
  g_free (rec);
}
