/* db/writer.h — the daemon's one database writer.
 *
 * Capture threads never touch SQLite: they post events here, and a single
 * thread writes them in batched transactions (one fsync for many rows),
 * so a slow disk delays bookkeeping, never a camera's packets.  The
 * events themselves, and the SQL of each kind, are in events.h.
 */
#pragma once

#include "daemon/db/events.h"

#include <glib.h>

typedef struct CgDbWriter CgDbWriter;

/* Opens its own connection to the database at db_path and starts the
 * writer thread. */
CgDbWriter *cg_db_writer_new (const char *db_path, GError **error);

/* Writes what is queued, stops the thread, closes the connection. */
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

/* Blocks until everything posted before it is committed, or given up
 * (tests and shutdown). */
void cg_db_writer_flush (CgDbWriter *writer);
