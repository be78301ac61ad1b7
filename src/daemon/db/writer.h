/* db/writer.h — the daemon's one database writer.
 *
 * Capture threads never touch SQLite: they post events here, and a single
 * thread writes them in batched transactions (one fsync for many rows),
 * so a slow disk delays bookkeeping, never a camera's packets.  The
 * events themselves, and the SQL of each kind, are in events.h.
 *
 * What the recordings are is never given up: segment and outage events
 * (and motion events) wait in memory, in order, for as long as the
 * database refuses them (a full disk, a lock held by another program),
 * and are written when it takes writes again.  Only figures that a later
 * event replaces are merged or dropped meanwhile (a camera's status, a
 * segment's progress, per-minute link statistics).  While events wait,
 * cg_db_writer_health() says so, and `status` shows it.
 */
#pragma once

#include "daemon/db/events.h"

#include <glib.h>

typedef struct CgDbWriter CgDbWriter;

typedef struct {
  /* The pause between two attempts at a batch the database refused. */
  gint64 retry_us;
  /* How long one attempt waits for another connection's lock. */
  int busy_timeout_ms;
  /* How long droppable figures wait for a refusing database before
   * they are dropped. */
  gint64 give_up_us;
  /* On cg_db_writer_free(), how long a refusing database is tried
   * before what still waits is logged and left to the start-up repair. */
  gint64 stop_grace_us;
} CgDbWriterOptions;

/* The daemon's: a retry a second, the connection's 5 s busy timeout,
 * figures dropped after a minute, 3 s at shutdown. */
void cg_db_writer_options_init (CgDbWriterOptions *options);

/* Opens its own connection to the database at db_path and starts the
 * writer thread, with the defaults. */
CgDbWriter *cg_db_writer_new (const char *db_path, GError **error);
/* The same with options (tests make the waits short). */
CgDbWriter *cg_db_writer_new_with_options (const char *db_path, const CgDbWriterOptions *options,
                                           GError **error);

/* Writes what is queued (for up to stop_grace_us while the database
 * refuses), stops the thread, closes the connection. */
void cg_db_writer_free (CgDbWriter *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDbWriter, cg_db_writer_free)

/* All may be called from any thread; they copy what they are given and
 * return at once. */
void cg_db_writer_segment_opened (CgDbWriter *writer, const CgDbSegmentOpened *event);
void cg_db_writer_segment_progress (CgDbWriter *writer, const CgDbSegmentProgress *event);
void cg_db_writer_segment_closed (CgDbWriter *writer, const CgDbSegmentClosed *event);
void cg_db_writer_outage_started (CgDbWriter *writer, const CgDbOutageStarted *event);
void cg_db_writer_outage_ended (CgDbWriter *writer, const CgDbOutageEnded *event);
void cg_db_writer_link_minute (CgDbWriter *writer, const CgDbLinkMinute *event);
void cg_db_writer_camera_status (CgDbWriter *writer, const CgDbCameraStatus *event);
void cg_db_writer_motion_started (CgDbWriter *writer, const CgDbMotionStarted *event);
void cg_db_writer_motion_ended (CgDbWriter *writer, const CgDbMotionEnded *event);

/* Blocks until everything posted before it is written (or dropped, for
 * droppable figures): while the database refuses writes, that is until
 * it takes them again.  Tests, and callers that can wait. */
void cg_db_writer_flush (CgDbWriter *writer);
/* The same, waiting timeout_us at most; FALSE when something still waits.
 * For shutdown, where a locked database must not hold the daemon. */
gboolean cg_db_writer_flush_within (CgDbWriter *writer, gint64 timeout_us);

typedef struct {
  guint pending;            /* events posted and not written yet */
  gint64 failing_since_us;  /* wall clock: the first refusal of this spell; 0: writing */
  char *error;              /* the last refusal, while failing; NULL otherwise */
  guint64 dropped;          /* droppable figures given up, since the start */
  guint64 refused;          /* events the database refused as invalid, since the start */
} CgDbWriterHealth;

/* From any thread. */
void cg_db_writer_health (CgDbWriter *writer, CgDbWriterHealth *health);
void cg_db_writer_health_clear (CgDbWriterHealth *health);
