/* storage/manager.h — the storage manager: thinning, deletion, forecast, alerts.
 *
 * One low-priority thread (nice 19, idle I/O class) with its own
 * database connection.  Every 30 s, and at once when capture meets a
 * full disk, it plans with retention.c: deletes the oldest unprotected
 * footage while the recordings pass the quota or free space falls under
 * min_free, thins footage older than full_rate_days, and publishes the
 * alerts.  Capture never waits for it.
 *
 * Crash safety of thinning: the thinned copy is written beside the
 * segment as "<segment>.thin.tmp" and flushed; then the row is updated
 * (thinned = 1, new size and index) in one transaction, made durable
 * (this connection runs synchronous = FULL); then the copy is renamed
 * over the segment and the directory flushed.  At start-up a
 * leftover copy whose row already says thinned with its size is renamed
 * into place (the crash came between the two steps); any other leftover
 * is removed (the row still describes the original).  So the file always
 * exists and the row always points at it.  Deletion likewise: rows first,
 * durably, then files.  Each deletion and thinning writes an audit row
 * (user "canhgacd") in the transaction that changes the segment's row.
 */
#pragma once

#include "common/config.h"
#include "daemon/storage/usage.h"

#include <json-glib/json-glib.h>

typedef struct CgStorage CgStorage;

/* Called on the main thread with each new alert (a JSON object). */
typedef void (*CgStorageAlertHook) (gpointer data, JsonNode *alert);

/* Finishes or removes thinning left over by a crash, then starts the
 * thread.  state receives the alerts. */
CgStorage *cg_storage_new (const CgConfig *config, const char *db_path, CgStorageState *state,
                           CgStorageAlertHook hook, gpointer hook_data, GError **error);

/* Stops the thread (an unfinished thinning is abandoned at once). */
void cg_storage_free (CgStorage *storage);

/* A reloaded configuration, taken by the thread at its next use (the old
 * one must stay valid until the daemon exits). */
void cg_storage_set_config (CgStorage *storage, const CgConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgStorage, cg_storage_free)

/* From any thread (a writer that met ENOSPC): run the policy now. */
void cg_storage_request_cleanup (void);

/* Start-up step, exposed for tests: settles "*.thin.tmp" files under
 * data_dir/recordings; returns how many were found. */
int cg_storage_recover_thinning (sqlite3 *h, const char *data_dir);

/* Whether a day directory ("yyyy-mm-dd") emptied by deletion may go at
 * local time now: not today's, nor yesterday's, which capture may be
 * writing into. */
gboolean cg_storage_day_dir_removable (const char *day, GDateTime *now);
