/* db/writer.c — the writer thread: batched transactions, and the events
 * that wait in memory while the database refuses them. */
#define G_LOG_DOMAIN "canhgac-store"
#include "build-config.h"

#include "daemon/db/writer.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/db/db.h"

/* Rows written in one transaction at most: bounds the time a reader of
 * the database could see the writer holding its lock. */
#define BATCH_MAX 500

/* The memory events hold while the database refuses them has no bound of
 * its own, and needs none: nothing that says what the recordings are is
 * dropped to make room.  Those events come at the pace of the cameras,
 * not of the database: a segment opened and closed every segment_seconds
 * (a minute by default), an outage started and ended at most once per
 * reconnection (1-4 s apart, then minutes while a camera stays down),
 * motion with the scene; a few events per camera per minute, a few
 * hundred bytes each (a closed segment's keyframe index, about 1 kB for
 * a minute).  Sixteen cameras with the database locked for a whole day
 * queue some 25 MB.  And when the refusal is a full disk, capture meets
 * the same disk: no segment opens until the storage manager has made
 * room above its floor, so the queue stops growing with the footage.
 * The database_unwritable alert asks someone to act long before memory
 * matters.  What is merely a figure is bounded apart: one status per
 * camera and one progress per open segment (later ones replace it), and
 * link minutes for give_up_us. */

/* Someone waiting for the queue to be written (cg_db_writer_flush):
 * shared by the poster, who may stop waiting, and the thread. */
typedef struct {
  gint refs;
  GMutex mutex;
  GCond cond;
  gboolean done;
  guint64 barrier; /* set by the thread: the last event posted before it */
} Flush;

typedef enum {
  ITEM_EVENT,
  ITEM_FLUSH,
  ITEM_QUIT,
} ItemType;

typedef struct {
  ItemType type;
  CgDbEvent *event; /* ITEM_EVENT */
  Flush *flush;     /* ITEM_FLUSH: a reference */
} Item;

/* An event taken from the queue, not written yet. */
typedef struct {
  CgDbEvent *event;
  guint64 seq;      /* order of arrival */
  gint64 queued_us; /* monotonic */
  char *key;        /* droppable figures: what a later one replaces */
} Pending;

struct CgDbWriter {
  CgDb *db;
  CgDbWriterOptions options;
  GAsyncQueue *queue;
  GThread *thread;
  gint pending; /* posted, not yet written or dropped */

  /* What cg_db_writer_health() reads. */
  GMutex health_mutex;
  gint64 failing_since_us;
  char *error;
  guint64 dropped, refused;

  /* The thread's own. */
  GQueue waiting;      /* Pending, oldest first */
  GHashTable *by_key;  /* key -> the Pending carrying it */
  GPtrArray *flushes;  /* Flush waiting for their barrier (references) */
  guint64 next_seq;
  gint64 failing_mono; /* monotonic time of the first refusal; 0: writing */
  gint64 retry_at;     /* monotonic */
};

void
cg_db_writer_options_init (CgDbWriterOptions *options)
{
  *options = (CgDbWriterOptions) {
    .retry_us = G_USEC_PER_SEC,
    .busy_timeout_ms = 5000,
    .give_up_us = 60 * G_USEC_PER_SEC,
    .stop_grace_us = 3 * G_USEC_PER_SEC,
  };
}

static Flush *
flush_ref (Flush *flush)
{
  g_atomic_int_inc (&flush->refs);
  return flush;
}

static void
flush_unref (Flush *flush)
{
  if (!g_atomic_int_dec_and_test (&flush->refs))
    return;
  g_mutex_clear (&flush->mutex);
  g_cond_clear (&flush->cond);
  g_free (flush);
}

static void
item_free (Item *item)
{
  cg_db_event_free (item->event);
  if (item->flush != NULL)
    flush_unref (item->flush);
  g_free (item);
}

static void
pending_free (Pending *p)
{
  cg_db_event_free (p->event);
  g_free (p->key);
  g_free (p);
}

static void
signal_flush (Flush *flush)
{
  g_mutex_lock (&flush->mutex);
  flush->done = TRUE;
  g_cond_signal (&flush->cond);
  g_mutex_unlock (&flush->mutex);
}

/* ---- what may be merged or dropped ----------------------------------- */

/* Figures a later event replaces or adds to: their key; NULL for what the
 * recordings are, which is kept until written. */
static char *
droppable_key (const CgDbEvent *e)
{
  switch (e->kind)
    {
    case CG_DB_EVENT_CAMERA_STATUS:
      return g_strdup_printf ("status %" G_GINT64_FORMAT, e->camera_status.camera_id);
    case CG_DB_EVENT_SEGMENT_PROGRESS:
      return g_strdup_printf ("progress %s", e->segment_progress.path);
    case CG_DB_EVENT_LINK_MINUTE:
      return g_strdup_printf ("link %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              e->link_minute.camera_id, e->link_minute.minute_us);
    default:
      return NULL;
    }
}

/* Folds newer into older (same key): a status or a progress replaces the
 * one waiting; a link minute adds up, as its SQL does. */
static void
merge_into (Pending *older, CgDbEvent *newer)
{
  if (newer->kind == CG_DB_EVENT_LINK_MINUTE)
    {
      CgDbLinkMinute *a = &older->event->link_minute;
      const CgDbLinkMinute *b = &newer->link_minute;
      a->bytes += b->bytes;
      a->frames += b->frames;
      a->keyframes += b->keyframes;
      a->gaps += b->gaps;
      a->reconnects += b->reconnects;
      if (b->keyframe_interval_ms > 0)
        a->keyframe_interval_ms = b->keyframe_interval_ms;
      cg_db_event_free (newer);
      return;
    }
  /* Keeps its place in the order: what came between does not depend on
   * a camera's status or a segment's size. */
  cg_db_event_free (older->event);
  older->event = newer;
}

/* A line for the log about an event that is given up. */
static char *
describe (const CgDbEvent *e)
{
  const char *name = cg_db_event_name (e->kind);
  switch (e->kind)
    {
    case CG_DB_EVENT_SEGMENT_OPENED:
      return g_strdup_printf ("%s %s (camera %" G_GINT64_FORMAT ", start %" G_GINT64_FORMAT ")",
                              name, e->segment_opened.path, e->segment_opened.camera_id,
                              e->segment_opened.start_us);
    case CG_DB_EVENT_SEGMENT_CLOSED:
      return g_strdup_printf ("%s %s (end %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " bytes)", name,
                              e->segment_closed.path, e->segment_closed.end_us,
                              e->segment_closed.bytes);
    case CG_DB_EVENT_OUTAGE_STARTED:
      return g_strdup_printf ("%s (camera %" G_GINT64_FORMAT ", at %" G_GINT64_FORMAT ", %s)", name,
                              e->outage_started.camera_id, e->outage_started.start_us,
                              e->outage_started.reason);
    case CG_DB_EVENT_OUTAGE_ENDED:
      return g_strdup_printf ("%s (camera %" G_GINT64_FORMAT ", at %" G_GINT64_FORMAT ")", name,
                              e->outage_ended.camera_id, e->outage_ended.end_us);
    case CG_DB_EVENT_MOTION_STARTED:
      return g_strdup_printf ("%s (camera %" G_GINT64_FORMAT ", at %" G_GINT64_FORMAT ")", name,
                              e->motion_started.camera_id, e->motion_started.start_us);
    case CG_DB_EVENT_MOTION_ENDED:
      return g_strdup_printf ("%s (camera %" G_GINT64_FORMAT ", at %" G_GINT64_FORMAT ")", name,
                              e->motion_ended.camera_id, e->motion_ended.end_us);
    default:
      return g_strdup (name);
    }
}

/* ---- the queue of waiting events ------------------------------------- */

static void
take_event (CgDbWriter *w, CgDbEvent *event)
{
  g_autofree char *key = droppable_key (event);
  Pending *same = key != NULL ? g_hash_table_lookup (w->by_key, key) : NULL;
  if (same != NULL)
    {
      merge_into (same, event);
      same->queued_us = g_get_monotonic_time ();
      g_atomic_int_add (&w->pending, -1);
      return;
    }
  Pending *p = g_new0 (Pending, 1);
  p->event = event;
  p->seq = ++w->next_seq;
  p->queued_us = g_get_monotonic_time ();
  p->key = g_steal_pointer (&key);
  if (p->key != NULL)
    g_hash_table_insert (w->by_key, p->key, p);
  g_queue_push_tail (&w->waiting, p);
}

/* Removes p (written, refused or dropped) from the queue. */
static void
forget (CgDbWriter *w, GList *link)
{
  Pending *p = link->data;
  if (p->key != NULL)
    g_hash_table_remove (w->by_key, p->key);
  g_queue_delete_link (&w->waiting, link);
  pending_free (p);
  g_atomic_int_add (&w->pending, -1);
}

static void
release_flushes (CgDbWriter *w, gboolean all)
{
  const Pending *head = g_queue_peek_head (&w->waiting);
  for (guint i = 0; i < w->flushes->len;)
    {
      Flush *f = w->flushes->pdata[i];
      if (all || head == NULL || head->seq > f->barrier)
        {
          g_ptr_array_remove_index (w->flushes, i);
          signal_flush (f);
          flush_unref (f);
        }
      else
        i++;
    }
}

/* ---- writing --------------------------------------------------------- */

typedef enum {
  EVENT_WRITTEN,
  EVENT_REFUSED, /* never writable (a constraint): logged, not retried */
} EventFate;

/* The first n waiting events in one transaction; fates[i] says what
 * became of each.  A refusal that may pass (busy, full disk, I/O, and
 * for what must be kept any error but a constraint) fails the whole
 * batch, which SQLite has rolled back: nothing is half-written, and the
 * batch is tried again as it is. */
static gboolean
write_batch (CgDbWriter *w, guint n, EventFate *fates, GError **error)
{
  sqlite3 *h = cg_db_handle (w->db);
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE,
                                                _("recording what the cameras did"), error);
  if (tx == NULL)
    return FALSE;
  GList *l = w->waiting.head;
  for (guint i = 0; i < n; i++, l = l->next)
    {
      const Pending *p = l->data;
      g_autoptr (GError) local = NULL;
      fates[i] = EVENT_WRITTEN;
      if (cg_db_event_write (h, p->event, &local))
        continue;
      gboolean passing = g_error_matches (local, CG_ERROR, CG_ERROR_DB_DISK)
                         || g_error_matches (local, CG_ERROR, CG_ERROR_DB_BUSY);
      gboolean invalid = (sqlite3_errcode (h) & 0xff) == SQLITE_CONSTRAINT;
      if (passing || (p->key == NULL && !invalid))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* A row the schema forbids (a camera that does not exist): trying
       * again cannot help, and must not hold up the rest. */
      g_autofree char *what = describe (p->event);
      g_warning ("the database refused %s: %s", what, local->message);
      fates[i] = EVENT_REFUSED;
    }
  return cg_db_commit (tx, error);
}

static void
set_failing (CgDbWriter *w, const GError *error)
{
  gboolean first = w->failing_mono == 0;
  if (first)
    w->failing_mono = g_get_monotonic_time ();
  g_mutex_lock (&w->health_mutex);
  if (first)
    w->failing_since_us = cg_time_now_us ();
  g_free (w->error);
  w->error = g_strdup (error->message);
  g_mutex_unlock (&w->health_mutex);
  if (first)
    g_warning ("%s: %u events from the cameras wait in memory until it takes writes again",
               error->message, g_queue_get_length (&w->waiting));
}

static void
set_writing (CgDbWriter *w)
{
  if (w->failing_mono == 0)
    return;
  g_autofree char *spell = cg_duration_format (g_get_monotonic_time () - w->failing_mono);
  g_message ("the database takes writes again, after %s", spell);
  w->failing_mono = 0;
  g_mutex_lock (&w->health_mutex);
  w->failing_since_us = 0;
  g_clear_pointer (&w->error, g_free);
  g_mutex_unlock (&w->health_mutex);
}

/* One attempt at the oldest waiting events. */
static void
attempt (CgDbWriter *w)
{
  guint n = MIN (g_queue_get_length (&w->waiting), BATCH_MAX);
  g_autofree EventFate *fates = g_new0 (EventFate, n);
  g_autoptr (GError) error = NULL;
  if (!write_batch (w, n, fates, &error))
    {
      set_failing (w, error);
      w->retry_at = g_get_monotonic_time () + w->options.retry_us;
      return;
    }
  guint refused = 0;
  for (guint i = 0; i < n; i++)
    {
      refused += fates[i] == EVENT_REFUSED;
      forget (w, w->waiting.head);
    }
  if (refused > 0)
    {
      g_mutex_lock (&w->health_mutex);
      w->refused += refused;
      g_mutex_unlock (&w->health_mutex);
    }
  set_writing (w);
}

/* Figures that waited past give_up_us for a refusing database go, so
 * that what must be kept is all that grows. */
static void
drop_stale_figures (CgDbWriter *w)
{
  if (w->failing_mono == 0)
    return;
  gint64 before = g_get_monotonic_time () - w->options.give_up_us;
  guint dropped = 0;
  for (GList *l = w->waiting.head; l != NULL;)
    {
      GList *next = l->next;
      const Pending *p = l->data;
      if (p->key != NULL && p->queued_us <= before)
        {
          forget (w, l);
          dropped++;
        }
      l = next;
    }
  if (dropped == 0)
    return;
  g_message ("%u camera figures (status, progress, link statistics) dropped while the database "
             "refuses writes; segments and outages still wait", dropped);
  g_mutex_lock (&w->health_mutex);
  w->dropped += dropped;
  g_mutex_unlock (&w->health_mutex);
}

/* At shutdown, what could not be written is said in the log, event by
 * event: the start-up repair indexes the segment files and closes what
 * was left open, the log keeps the rest. */
static void
log_abandoned (CgDbWriter *w)
{
  guint n = g_queue_get_length (&w->waiting);
  if (n == 0)
    return;
  g_warning ("stopping with %u events the database refused: they are not recorded in it", n);
  while (w->waiting.head != NULL)
    {
      const Pending *p = w->waiting.head->data;
      if (p->key == NULL)
        {
          g_autofree char *what = describe (p->event);
          g_warning ("not recorded: %s", what);
        }
      forget (w, w->waiting.head);
    }
}

/* Takes one item from the queue; returns FALSE on ITEM_QUIT. */
static gboolean
take_item (CgDbWriter *w, Item *item)
{
  gboolean more = TRUE;
  switch (item->type)
    {
    case ITEM_EVENT:
      take_event (w, g_steal_pointer (&item->event));
      break;
    case ITEM_FLUSH:
      item->flush->barrier = w->next_seq;
      g_ptr_array_add (w->flushes, flush_ref (item->flush));
      break;
    case ITEM_QUIT:
      more = FALSE;
      break;
    }
  item_free (item);
  return more;
}

static gpointer
writer_thread (gpointer data)
{
  CgDbWriter *w = data;
  gint64 stop_at = 0; /* monotonic; set once told to quit */
  for (;;)
    {
      /* Waits for news: without end when nothing waits, until the next
       * attempt when the database is refusing, not at all otherwise. */
      gint64 now = g_get_monotonic_time ();
      Item *item;
      if (g_queue_is_empty (&w->waiting) && stop_at == 0)
        item = g_async_queue_pop (w->queue);
      else if (w->failing_mono != 0 && now < w->retry_at)
        item = g_async_queue_timeout_pop (w->queue, (guint64) (w->retry_at - now));
      else
        item = g_async_queue_try_pop (w->queue);
      for (; item != NULL; item = g_async_queue_try_pop (w->queue))
        if (!take_item (w, item) && stop_at == 0)
          stop_at = g_get_monotonic_time () + w->options.stop_grace_us;

      if (!g_queue_is_empty (&w->waiting)
          && (w->failing_mono == 0 || g_get_monotonic_time () >= w->retry_at))
        attempt (w);
      drop_stale_figures (w);
      if (stop_at != 0 && (g_queue_is_empty (&w->waiting) || g_get_monotonic_time () >= stop_at))
        break;
      release_flushes (w, FALSE);
    }
  log_abandoned (w);
  release_flushes (w, TRUE);
  return NULL;
}

CgDbWriter *
cg_db_writer_new_with_options (const char *db_path, const CgDbWriterOptions *options,
                               GError **error)
{
  CgDb *db = cg_db_open (db_path, CG_DB_READ_WRITE, error);
  if (db == NULL)
    return NULL;
  CgDbWriter *w = g_new0 (CgDbWriter, 1);
  w->db = db;
  w->options = *options;
  sqlite3_busy_timeout (cg_db_handle (db), options->busy_timeout_ms);
  g_mutex_init (&w->health_mutex);
  g_queue_init (&w->waiting);
  w->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  w->flushes = g_ptr_array_new ();
  w->queue = g_async_queue_new ();
  w->thread = g_thread_new ("db-writer", writer_thread, w);
  return w;
}

CgDbWriter *
cg_db_writer_new (const char *db_path, GError **error)
{
  CgDbWriterOptions options;
  cg_db_writer_options_init (&options);
  return cg_db_writer_new_with_options (db_path, &options, error);
}

static void
push (CgDbWriter *w, ItemType type, CgDbEvent *event, Flush *flush)
{
  Item *item = g_new0 (Item, 1);
  item->type = type;
  item->event = event;
  item->flush = flush;
  if (type == ITEM_EVENT)
    g_atomic_int_inc (&w->pending);
  g_async_queue_push (w->queue, item);
}

gboolean
cg_db_writer_flush_within (CgDbWriter *w, gint64 timeout_us)
{
  Flush *flush = g_new0 (Flush, 1);
  flush->refs = 1;
  g_mutex_init (&flush->mutex);
  g_cond_init (&flush->cond);
  push (w, ITEM_FLUSH, NULL, flush_ref (flush));
  gint64 until = timeout_us >= 0 ? g_get_monotonic_time () + timeout_us : G_MAXINT64;
  g_mutex_lock (&flush->mutex);
  while (!flush->done)
    {
      if (timeout_us < 0)
        g_cond_wait (&flush->cond, &flush->mutex);
      else if (!g_cond_wait_until (&flush->cond, &flush->mutex, until))
        break;
    }
  gboolean done = flush->done;
  g_mutex_unlock (&flush->mutex);
  flush_unref (flush);
  return done;
}

void
cg_db_writer_flush (CgDbWriter *w)
{
  cg_db_writer_flush_within (w, -1);
}

void
cg_db_writer_free (CgDbWriter *w)
{
  if (w == NULL)
    return;
  push (w, ITEM_QUIT, NULL, NULL);
  g_thread_join (w->thread);
  /* Posted after the quit (a thread that outlived the stop): dropped. */
  Item *item;
  while ((item = g_async_queue_try_pop (w->queue)) != NULL)
    {
      if (item->flush != NULL)
        signal_flush (item->flush);
      item_free (item);
    }
  g_async_queue_unref (w->queue);
  g_hash_table_unref (w->by_key);
  g_ptr_array_unref (w->flushes);
  cg_db_close (w->db);
  g_mutex_clear (&w->health_mutex);
  g_free (w->error);
  g_free (w);
}

void
cg_db_writer_health (CgDbWriter *w, CgDbWriterHealth *health)
{
  g_mutex_lock (&w->health_mutex);
  *health = (CgDbWriterHealth) {
    .pending = (guint) MAX (g_atomic_int_get (&w->pending), 0),
    .failing_since_us = w->failing_since_us,
    .error = g_strdup (w->error),
    .dropped = w->dropped,
    .refused = w->refused,
  };
  g_mutex_unlock (&w->health_mutex);
}

void
cg_db_writer_health_clear (CgDbWriterHealth *health)
{
  g_clear_pointer (&health->error, g_free);
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
