/* db/writer.c — the writer thread and its batched transactions. */
#define G_LOG_DOMAIN "canhgac-store"
#include "build-config.h"

#include "daemon/db/writer.h"

#include "daemon/db/db.h"
#include "common/error.h"
#include "common/timeutil.h"

#include <string.h>

/* Rows written in one transaction at most: bounds the time a reader of
 * the database could see the writer holding its lock. */
#define BATCH_MAX 500

typedef enum {
  EV_SEGMENT_OPEN,
  EV_SEGMENT_CLOSE,
  EV_SEGMENT_PROGRESS,
  EV_OUTAGE_OPEN,
  EV_OUTAGE_CLOSE,
  EV_LINK_STATS,
  EV_STATUS,
  EV_MOTION_OPEN,
  EV_MOTION_CLOSE,
  EV_FLUSH,
  EV_QUIT,
} EventType;

typedef struct {
  EventType type;
  gint64 camera_id;
  char *path;
  char *text;   /* codec, reason or state */
  char *text2;  /* status reason */
  gint64 a, b, c, d, e, f, g; /* per type, see post sites */
  double fps;
  GBytes *blob;
  /* EV_FLUSH: the poster waits on this. */
  GMutex *mutex;
  GCond *cond;
  gboolean *done;
} Event;

struct CgStore {
  CgDb *db;
  GAsyncQueue *queue;
  GThread *thread;
};

static void
event_free (Event *ev)
{
  g_free (ev->path);
  g_free (ev->text);
  g_free (ev->text2);
  if (ev->blob != NULL)
    g_bytes_unref (ev->blob);
  g_free (ev);
}

static gboolean
run (sqlite3 *h, const char *sql, Event *ev)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (h, sql, -1, &st, NULL) != SQLITE_OK)
    {
      g_warning ("preparing a write failed: %s", sqlite3_errmsg (h));
      return FALSE;
    }
  switch (ev->type)
    {
    case EV_SEGMENT_OPEN:
      sqlite3_bind_int64 (st, 1, ev->camera_id);
      sqlite3_bind_text (st, 2, ev->path, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 3, ev->a);
      sqlite3_bind_text (st, 4, ev->text, -1, SQLITE_STATIC);
      if (ev->b > 0)
        sqlite3_bind_int64 (st, 5, ev->b);
      if (ev->c > 0)
        sqlite3_bind_int64 (st, 6, ev->c);
      sqlite3_bind_int (st, 7, ev->d != 0);
      break;
    case EV_SEGMENT_CLOSE:
      sqlite3_bind_int64 (st, 1, ev->a);
      sqlite3_bind_int64 (st, 2, ev->b);
      sqlite3_bind_int64 (st, 3, ev->c);
      sqlite3_bind_int64 (st, 4, ev->d);
      if (ev->blob != NULL)
        {
          gsize n = 0;
          const void *p = g_bytes_get_data (ev->blob, &n);
          sqlite3_bind_blob (st, 5, p, (int) n, SQLITE_STATIC);
        }
      sqlite3_bind_text (st, 6, ev->path, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 7, ev->e);
      break;
    case EV_SEGMENT_PROGRESS:
      sqlite3_bind_int64 (st, 1, ev->a);
      sqlite3_bind_int64 (st, 2, ev->b);
      sqlite3_bind_int64 (st, 3, ev->c);
      sqlite3_bind_int64 (st, 4, ev->d);
      sqlite3_bind_text (st, 5, ev->path, -1, SQLITE_STATIC);
      break;
    case EV_OUTAGE_OPEN:
      sqlite3_bind_int64 (st, 1, ev->camera_id);
      sqlite3_bind_int64 (st, 2, ev->a);
      sqlite3_bind_text (st, 3, ev->text, -1, SQLITE_STATIC);
      break;
    case EV_OUTAGE_CLOSE:
      sqlite3_bind_int64 (st, 1, ev->a);
      sqlite3_bind_int64 (st, 2, ev->camera_id);
      break;
    case EV_LINK_STATS:
      sqlite3_bind_int64 (st, 1, ev->camera_id);
      sqlite3_bind_int64 (st, 2, ev->a);
      sqlite3_bind_int64 (st, 3, ev->b);
      sqlite3_bind_int64 (st, 4, ev->c);
      sqlite3_bind_int64 (st, 5, ev->d);
      if (ev->e > 0)
        sqlite3_bind_int64 (st, 6, ev->e);
      sqlite3_bind_int64 (st, 7, ev->f);
      sqlite3_bind_int64 (st, 8, ev->g);
      break;
    case EV_STATUS:
      sqlite3_bind_int64 (st, 1, ev->camera_id);
      sqlite3_bind_text (st, 2, ev->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 3, ev->text2 != NULL ? ev->text2 : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 4, ev->a);
      if (ev->b > 0)
        sqlite3_bind_int64 (st, 5, ev->b);
      sqlite3_bind_int64 (st, 6, ev->c);
      sqlite3_bind_double (st, 7, ev->fps);
      if (ev->d > 0)
        sqlite3_bind_int64 (st, 8, ev->d);
      sqlite3_bind_int64 (st, 9, ev->e);
      sqlite3_bind_int64 (st, 10, cg_time_now_us ());
      break;
    case EV_MOTION_OPEN:
      sqlite3_bind_int64 (st, 1, ev->camera_id);
      sqlite3_bind_int64 (st, 2, ev->a);
      sqlite3_bind_double (st, 3, ev->fps);
      break;
    case EV_MOTION_CLOSE:
      sqlite3_bind_int64 (st, 1, ev->a);
      sqlite3_bind_double (st, 2, ev->fps);
      sqlite3_bind_int64 (st, 3, ev->camera_id);
      break;

    default:
      g_assert_not_reached ();
    }
  gboolean ok = sqlite3_step (st) == SQLITE_DONE;
  if (!ok)
    g_warning ("writing to the database failed: %s", sqlite3_errmsg (h));
  sqlite3_finalize (st);
  return ok;
}

static const char *const sql_of[] = {
  [EV_SEGMENT_OPEN] =
    "INSERT INTO segments (camera_id, path, start_us, video_codec, width, height, has_audio)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
  [EV_SEGMENT_CLOSE] =
    "UPDATE segments SET state = 'complete', start_us = ?7, end_us = max(?1, ?7), bytes = ?2,"
    " frames = ?3, keyframes = ?4, keyframe_index = ?5 WHERE path = ?6",
  [EV_SEGMENT_PROGRESS] =
    "UPDATE segments SET end_us = max(?1, start_us), bytes = ?2, frames = ?3, keyframes = ?4"
    " WHERE path = ?5 AND state = 'open'",
  [EV_OUTAGE_OPEN] =
    "INSERT INTO outages (camera_id, start_us, reason) VALUES (?, ?, ?)",
  [EV_OUTAGE_CLOSE] =
    "UPDATE outages SET end_us = max(?1, start_us) WHERE camera_id = ?2 AND end_us IS NULL",
  [EV_LINK_STATS] =
    "INSERT INTO link_stats (camera_id, minute_us, bytes, frames, keyframes,"
    " keyframe_interval_ms, gaps, reconnects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (camera_id, minute_us) DO UPDATE SET bytes = bytes + excluded.bytes,"
    " frames = frames + excluded.frames, keyframes = keyframes + excluded.keyframes,"
    " keyframe_interval_ms = coalesce(excluded.keyframe_interval_ms, keyframe_interval_ms),"
    " gaps = gaps + excluded.gaps, reconnects = reconnects + excluded.reconnects",
  [EV_STATUS] =
    "INSERT OR REPLACE INTO camera_status (camera_id, state, reason, since_us, last_frame_us,"
    " bitrate_bps, fps, keyframe_interval_ms, reconnects, updated_us)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  /* Peaks are scores; `fps` carries them. */
  [EV_MOTION_OPEN] =
    "INSERT INTO motion_events (camera_id, start_us, peak) VALUES (?, ?, ?)",
  [EV_MOTION_CLOSE] =
    "UPDATE motion_events SET end_us = max(?1, start_us), peak = max(peak, ?2)"
    " WHERE end_us IS NULL AND (?3 = 0 OR camera_id = ?3)",
};

static void
signal_flush (Event *ev)
{
  g_mutex_lock (ev->mutex);
  *ev->done = TRUE;
  g_cond_signal (ev->cond);
  g_mutex_unlock (ev->mutex);
}

static gboolean
disk_error (sqlite3 *h)
{
  int rc = sqlite3_errcode (h) & 0xff;
  return rc == SQLITE_FULL || rc == SQLITE_IOERR;
}

static gpointer
writer_thread (gpointer data)
{
  CgStore *store = data;
  sqlite3 *h = cg_db_handle (store->db);
  gboolean quit = FALSE;
  while (!quit)
    {
      Event *ev = g_async_queue_pop (store->queue);
      GPtrArray *flushes = g_ptr_array_new ();
      GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
      for (int n = 0; ev != NULL; n++)
        {
          if (ev->type == EV_QUIT)
            {
              quit = TRUE;
              event_free (ev);
            }
          else if (ev->type == EV_FLUSH)
            g_ptr_array_add (flushes, ev);
          else
            g_ptr_array_add (batch, ev);
          ev = n + 1 < BATCH_MAX && !quit ? g_async_queue_try_pop (store->queue) : NULL;
        }
      /* A full disk fails the whole transaction (rolled back: nothing is
       * half-written); the batch is tried again each second, up to a
       * minute, while the storage manager frees space. */
      for (int attempt = 0; batch->len > 0; attempt++)
        {
          gboolean full = FALSE;
          sqlite3_exec (h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
          for (guint i = 0; i < batch->len && !full; i++)
            {
              Event *e = batch->pdata[i];
              full = !run (h, sql_of[e->type], e) && disk_error (h);
            }
          if (!full && sqlite3_exec (h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
            break;
          full = full || disk_error (h);
          if (attempt == 0)
            g_warning ("committing to the database failed: %s", sqlite3_errmsg (h));
          sqlite3_exec (h, "ROLLBACK", NULL, NULL, NULL);
          if (!full || quit || attempt >= 60)
            break;
          g_usleep (G_USEC_PER_SEC);
        }
      g_ptr_array_free (batch, TRUE);
      for (guint i = 0; i < flushes->len; i++)
        {
          Event *f = flushes->pdata[i];
          signal_flush (f);
          event_free (f);
        }
      g_ptr_array_free (flushes, TRUE);
    }
  return NULL;
}

CgStore *
cg_store_new (const char *db_path, GError **error)
{
  CgDb *db = cg_db_open (db_path, CG_DB_READ_WRITE, error);
  if (db == NULL)
    return NULL;
  CgStore *store = g_new0 (CgStore, 1);
  store->db = db;
  store->queue = g_async_queue_new ();
  store->thread = g_thread_new ("db-writer", writer_thread, store);
  return store;
}

static Event *
event_new (EventType type, gint64 camera_id)
{
  Event *ev = g_new0 (Event, 1);
  ev->type = type;
  ev->camera_id = camera_id;
  return ev;
}

void
cg_store_flush (CgStore *store)
{
  GMutex mutex;
  GCond cond;
  gboolean done = FALSE;
  g_mutex_init (&mutex);
  g_cond_init (&cond);
  Event *ev = event_new (EV_FLUSH, 0);
  ev->mutex = &mutex;
  ev->cond = &cond;
  ev->done = &done;
  g_async_queue_push (store->queue, ev);
  g_mutex_lock (&mutex);
  while (!done)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

void
cg_store_free (CgStore *store)
{
  if (store == NULL)
    return;
  g_async_queue_push (store->queue, event_new (EV_QUIT, 0));
  g_thread_join (store->thread);
  g_async_queue_unref (store->queue);
  cg_db_close (store->db);
  g_free (store);
}

void
cg_store_segment_open (CgStore *store, gint64 camera_id, const char *path, gint64 start_us,
                       const char *codec, int width, int height, gboolean has_audio)
{
  Event *ev = event_new (EV_SEGMENT_OPEN, camera_id);
  ev->path = g_strdup (path);
  ev->text = g_strdup (codec);
  ev->a = start_us;
  ev->b = width;
  ev->c = height;
  ev->d = has_audio;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_segment_close (CgStore *store, const char *path, gint64 start_us, gint64 end_us,
                        gint64 bytes, gint64 frames, gint64 keyframes, GBytes *index)
{
  Event *ev = event_new (EV_SEGMENT_CLOSE, 0);
  ev->path = g_strdup (path);
  ev->e = start_us;
  ev->a = end_us;
  ev->b = bytes;
  ev->c = frames;
  ev->d = keyframes;
  ev->blob = index != NULL ? g_bytes_ref (index) : NULL;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_segment_progress (CgStore *store, const char *path, gint64 end_us, gint64 bytes,
                           gint64 frames, gint64 keyframes)
{
  Event *ev = event_new (EV_SEGMENT_PROGRESS, 0);
  ev->path = g_strdup (path);
  ev->a = end_us;
  ev->b = bytes;
  ev->c = frames;
  ev->d = keyframes;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_outage_open (CgStore *store, gint64 camera_id, gint64 start_us, const char *reason)
{
  Event *ev = event_new (EV_OUTAGE_OPEN, camera_id);
  ev->a = start_us;
  ev->text = g_strdup (reason);
  g_async_queue_push (store->queue, ev);
}

void
cg_store_outage_close (CgStore *store, gint64 camera_id, gint64 end_us)
{
  Event *ev = event_new (EV_OUTAGE_CLOSE, camera_id);
  ev->a = end_us;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_link_stats (CgStore *store, const CgStoreLinkStats *s)
{
  Event *ev = event_new (EV_LINK_STATS, s->camera_id);
  ev->a = s->minute_us;
  ev->b = s->bytes;
  ev->c = s->frames;
  ev->d = s->keyframes;
  ev->e = s->keyframe_interval_ms;
  ev->f = s->gaps;
  ev->g = s->reconnects;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_status (CgStore *store, const CgStoreStatus *s)
{
  Event *ev = event_new (EV_STATUS, s->camera_id);
  ev->text = g_strdup (s->state);
  ev->text2 = g_strdup (s->reason);
  ev->a = s->since_us;
  ev->b = s->last_frame_us;
  ev->c = s->bitrate_bps;
  ev->fps = s->fps;
  ev->d = s->keyframe_interval_ms;
  ev->e = s->reconnects;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_motion_open (CgStore *store, gint64 camera_id, gint64 start_us, double peak)
{
  Event *ev = event_new (EV_MOTION_OPEN, camera_id);
  ev->a = start_us;
  ev->fps = peak;
  g_async_queue_push (store->queue, ev);
}

void
cg_store_motion_close (CgStore *store, gint64 camera_id, gint64 end_us, double peak)
{
  Event *ev = event_new (EV_MOTION_CLOSE, camera_id);
  ev->a = end_us;
  ev->fps = peak;
  g_async_queue_push (store->queue, ev);
}
