/* db/writer.c — the writer thread and its batched transactions. */
#define G_LOG_DOMAIN "canhgac-store"
#include "build-config.h"

#include "daemon/db/writer.h"

#include "common/error.h"
#include "common/i18n.h"
#include "daemon/db/db.h"

/* Rows written in one transaction at most: bounds the time a reader of
 * the database could see the writer holding its lock. */
#define BATCH_MAX 500

/* A batch the disk refused is tried again each second for this long,
 * while the storage manager frees space. */
#define RETRY_US (60 * G_USEC_PER_SEC)

/* Someone waiting for the queue to be written (cg_db_writer_flush). */
typedef struct {
  GMutex mutex;
  GCond cond;
  gboolean done;
} Flush;

typedef enum {
  ITEM_EVENT,
  ITEM_FLUSH,
  ITEM_QUIT,
} ItemType;

typedef struct {
  ItemType type;
  CgDbEvent *event; /* ITEM_EVENT */
  Flush *flush;     /* ITEM_FLUSH: the poster's, on its stack */
} Item;

struct CgDbWriter {
  CgDb *db;
  GAsyncQueue *queue;
  GThread *thread;
};

static void
item_free (Item *item)
{
  cg_db_event_free (item->event);
  g_free (item);
}

static void
signal_flush (Flush *flush)
{
  g_mutex_lock (&flush->mutex);
  flush->done = TRUE;
  g_cond_signal (&flush->cond);
  g_mutex_unlock (&flush->mutex);
}

/* The events of one batch in one transaction.  A statement the disk
 * refuses fails the whole batch (SQLite has rolled it back: nothing is
 * half-written); any other failure loses that event only. */
static gboolean
write_batch (sqlite3 *h, GPtrArray *batch, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE,
                                                _("recording what the cameras did"), error);
  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < batch->len; i++)
    {
      const Item *item = batch->pdata[i];
      g_autoptr (GError) local = NULL;
      if (cg_db_event_write (h, item->event, &local))
        continue;
      if (g_error_matches (local, CG_ERROR, CG_ERROR_DB_DISK)
          || g_error_matches (local, CG_ERROR, CG_ERROR_DB_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_warning ("%s", local->message);
    }
  return cg_db_commit (tx, error);
}

/* A full disk, or a lock held long by another connection, passes: the
 * batch waits for it, up to RETRY_US. */
static void
write_with_retries (sqlite3 *h, GPtrArray *batch, const gboolean *quit)
{
  gint64 give_up = g_get_monotonic_time () + RETRY_US;
  for (int attempt = 0; batch->len > 0; attempt++)
    {
      g_autoptr (GError) error = NULL;
      if (write_batch (h, batch, &error))
        {
          if (attempt > 0)
            g_message ("the database takes writes again");
          return;
        }
      if (attempt == 0)
        g_warning ("%s", error->message);
      gboolean passing = g_error_matches (error, CG_ERROR, CG_ERROR_DB_DISK)
                         || g_error_matches (error, CG_ERROR, CG_ERROR_DB_BUSY);
      if (!passing || *quit || g_get_monotonic_time () >= give_up)
        {
          g_warning ("%u events from the cameras were not recorded: %s", batch->len,
                     error->message);
          return;
        }
      g_usleep (G_USEC_PER_SEC);
    }
}

static gpointer
writer_thread (gpointer data)
{
  CgDbWriter *writer = data;
  sqlite3 *h = cg_db_handle (writer->db);
  gboolean quit = FALSE;
  while (!quit)
    {
      Item *item = g_async_queue_pop (writer->queue);
      g_autoptr (GPtrArray) flushes = g_ptr_array_new ();
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
      for (int n = 0; item != NULL; n++)
        {
          if (item->type == ITEM_QUIT)
            {
              quit = TRUE;
              item_free (item);
            }
          else if (item->type == ITEM_FLUSH)
            {
              g_ptr_array_add (flushes, item->flush);
              item_free (item);
            }
          else
            g_ptr_array_add (batch, item);
          item = n + 1 < BATCH_MAX && !quit ? g_async_queue_try_pop (writer->queue) : NULL;
        }
      write_with_retries (h, batch, &quit);
      for (guint i = 0; i < flushes->len; i++)
        signal_flush (flushes->pdata[i]);
    }
  return NULL;
}

CgDbWriter *
cg_db_writer_new (const char *db_path, GError **error)
{
  CgDb *db = cg_db_open (db_path, CG_DB_READ_WRITE, error);
  if (db == NULL)
    return NULL;
  CgDbWriter *writer = g_new0 (CgDbWriter, 1);
  writer->db = db;
  writer->queue = g_async_queue_new ();
  writer->thread = g_thread_new ("db-writer", writer_thread, writer);
  return writer;
}

static void
push (CgDbWriter *writer, ItemType type, CgDbEvent *event, Flush *flush)
{
  Item *item = g_new0 (Item, 1);
  item->type = type;
  item->event = event;
  item->flush = flush;
  g_async_queue_push (writer->queue, item);
}

void
cg_db_writer_flush (CgDbWriter *writer)
{
  Flush flush = { .done = FALSE };
  g_mutex_init (&flush.mutex);
  g_cond_init (&flush.cond);
  push (writer, ITEM_FLUSH, NULL, &flush);
  g_mutex_lock (&flush.mutex);
  while (!flush.done)
    g_cond_wait (&flush.cond, &flush.mutex);
  g_mutex_unlock (&flush.mutex);
  g_mutex_clear (&flush.mutex);
  g_cond_clear (&flush.cond);
}

void
cg_db_writer_free (CgDbWriter *writer)
{
  if (writer == NULL)
    return;
  push (writer, ITEM_QUIT, NULL, NULL);
  g_thread_join (writer->thread);
  g_async_queue_unref (writer->queue);
  cg_db_close (writer->db);
  g_free (writer);
}

/* ---- posting, one function per kind so that the compiler checks the
 * struct against the kind ------------------------------------------------ */

void
cg_db_writer_segment_opened (CgDbWriter *writer, const CgDbSegmentOpened *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_SEGMENT_OPENED, .segment_opened = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_segment_progress (CgDbWriter *writer, const CgDbSegmentProgress *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_SEGMENT_PROGRESS, .segment_progress = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_segment_closed (CgDbWriter *writer, const CgDbSegmentClosed *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_SEGMENT_CLOSED, .segment_closed = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_outage_started (CgDbWriter *writer, const CgDbOutageStarted *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_OUTAGE_STARTED, .outage_started = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_outage_ended (CgDbWriter *writer, const CgDbOutageEnded *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_OUTAGE_ENDED, .outage_ended = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_link_minute (CgDbWriter *writer, const CgDbLinkMinute *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_LINK_MINUTE, .link_minute = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_camera_status (CgDbWriter *writer, const CgDbCameraStatus *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_CAMERA_STATUS, .camera_status = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_motion_started (CgDbWriter *writer, const CgDbMotionStarted *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_MOTION_STARTED, .motion_started = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}

void
cg_db_writer_motion_ended (CgDbWriter *writer, const CgDbMotionEnded *event)
{
  CgDbEvent ev = { .kind = CG_DB_EVENT_MOTION_ENDED, .motion_ended = *event };
  push (writer, ITEM_EVENT, cg_db_event_copy (&ev), NULL);
}
