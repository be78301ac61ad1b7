/* db/runs.h — the recorder's own running time (table recorder_runs).
 *
 * The daemon records when it started, says every minute that it is
 * still alive, and records when it stopped.  Where one run ends (its
 * stop, or for a run cut short by a crash or a power cut its last minute
 * alive) and the next begins, nothing was recorded: the recorder was
 * down, whatever the cameras did.  Reports count that time apart from
 * camera outages; the start-up repair closes an outage left open at the
 * last moment the daemon was known alive, not at the next start.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* How often a run says it is alive. */
#define CG_RUN_ALIVE_US (60 * G_USEC_PER_SEC)

typedef struct {
  gint64 from_us, to_us;
} CgSpan;

/* A new run begun at now_us; *id is its row. */
gboolean cg_db_run_begin (sqlite3 *handle, gint64 now_us, gint64 *id, GError **error);
gboolean cg_db_run_alive (sqlite3 *handle, gint64 id, gint64 now_us, GError **error);
gboolean cg_db_run_end (sqlite3 *handle, gint64 id, gint64 now_us, GError **error);

/* The last moment a run before now was known alive (its stop, else its
 * last minute alive); 0 when no run was recorded. */
gboolean cg_db_runs_last_seen (sqlite3 *handle, gint64 *us, GError **error);

/* The times the recorder ran within [from_us, to_us), in order, clipped
 * to it: the newest run, the one answering, lasts until now_us. */
GArray *cg_db_runs_within (sqlite3 *handle, gint64 from_us, gint64 to_us, gint64 now_us,
                           GError **error);

/* The first run's start; 0 when none was recorded. */
gboolean cg_db_runs_first (sqlite3 *handle, gint64 *us, GError **error);
