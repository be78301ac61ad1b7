/* export/exporter.h — the export thread: making the MP4s asked for.
 *
 * The API plans an export and records its row on the main loop (a few
 * queries); the work itself (reading and hashing the footage, writing
 * the MP4, hashing it, the custody record) runs here, one export at a
 * time, in a thread of its own at a lower priority, with its own
 * database connection, so that the main loop never waits on it.
 *
 * The file is written as data_dir/exports/<id>.mp4.tmp, flushed to the
 * disk, hashed, and renamed to <id>.mp4; only then is its row made
 * complete, with its audit row ("export.complete"), in one transaction.
 * A row still running at start-up was cut short: it is marked failed,
 * and any file not belonging to a complete export is removed.  So a
 * half-written file is never listed as complete.
 *
 * The client that asked is told how far it got (export.progress
 * notifications, through the hook, on the main loop) and may cancel it.
 */
#pragma once

#include "common/config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

typedef struct CgExporter CgExporter;

/* Called on the main thread: tell the client numbered `client` (0:
 * nobody) the notification method with params. */
typedef void (*CgExporterHook) (gpointer data, guint client, const char *method,
                                JsonNode *params, gboolean droppable);

typedef struct {
  gint64 segment_id;
  char *path;              /* relative to the data directory */
  gint64 start_us, end_us; /* the segment */
  gint64 from_us, to_us;   /* the part taken */
  gint64 bytes;
  gboolean thinned, has_audio;
} CgExportJobSource;

typedef struct {
  gint64 id;               /* the export's row, running */
  gint64 camera_id;
  char *camera_name;
  char *user;              /* who asked */
  guint client;            /* the peer to tell, 0: none */
  gint64 duration_us;      /* planned, for the percentage */
  GArray *sources;         /* CgExportJobSource */
  GArray *gaps;            /* CgDbExportGap (db/exports.h) */
} CgExportJob;

CgExportJob *cg_export_job_new (void);
void cg_export_job_free (CgExportJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgExportJob, cg_export_job_free)

/* Settles what a crash left (rows running, files of no complete export),
 * makes data_dir/exports, and starts the thread. */
CgExporter *cg_exporter_new (const CgConfig *config, const char *db_path, CgExporterHook hook,
                             gpointer hook_data, GError **error);

/* Stops the thread: the export being made and those waiting are marked
 * failed (canhgacd stopped), their files removed. */
void cg_exporter_free (CgExporter *exporter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgExporter, cg_exporter_free)

/* How many exports may wait or run at once. */
#define CG_EXPORTER_MAX_JOBS 8

/* Whether another export may be submitted now. */
gboolean cg_exporter_has_room (CgExporter *exporter);

/* Queues job (taken).  FALSE (job freed) when CG_EXPORTER_MAX_JOBS are
 * already waiting or running. */
gboolean cg_exporter_submit (CgExporter *exporter, CgExportJob *job);

/* Asks the export id to stop; FALSE when it is not waiting or running. */
gboolean cg_exporter_cancel (CgExporter *exporter, gint64 id);

/* How far export id has got, 0 to 99, or -1 when it is not waiting or
 * running. */
int cg_exporter_percent (CgExporter *exporter, gint64 id);

/* Start-up step, exposed for tests: running rows failed, files under
 * data_dir/exports that no complete export owns removed; returns how
 * many rows were failed. */
int cg_exporter_recover (sqlite3 *handle, const char *data_dir);
