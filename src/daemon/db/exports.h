/* db/exports.h — the exports table: one row per evidence export, which is
 * also its custody record, with the source segments and gaps beside it.
 *
 * A row is made "running" when an operator asks (api/export.c), and the
 * export thread (export/exporter.c) settles it: "complete" once the file
 * is in place under its final name, else "failed" or "cancelled"; an
 * administrator may later remove the file ("removed"), which keeps the
 * row.  Rows still "running" at start-up were cut short by a crash and
 * are marked failed.  Once settled, what a row records is never
 * rewritten (a trigger of migration 9 refuses it).
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef enum {
  CG_DB_EXPORT_RUNNING,
  CG_DB_EXPORT_COMPLETE,
  CG_DB_EXPORT_FAILED,
  CG_DB_EXPORT_CANCELLED,
  CG_DB_EXPORT_REMOVED,
} CgDbExportState;

/* "running", "complete", ...: as the column and the API spell it. */
const char *cg_db_export_state_name (CgDbExportState state);

typedef struct {
  gint64 segment_id;
  gint64 start_us, end_us; /* the segment */
  gint64 from_us, to_us;   /* the part of it in the export */
  gint64 bytes;
  char *sha256;            /* of the file as the export read it */
  char *recorded_sha256;   /* as recorded when it was closed or thinned; NULL: none */
  gboolean thinned;
} CgDbExportSource;

typedef struct {
  gint64 start_us, end_us;
  gboolean damaged; /* footage there exists but could not be read */
} CgDbExportGap;

typedef struct {
  gint64 id;
  gint64 camera_id;
  gint64 incident_id;        /* the incident it was made for; 0: none */
  CgDbExportState state;
  char *camera_name, *place; /* as they were when it was asked for */
  char *note;
  gint64 from_us, to_us;     /* as asked */
  gint64 actual_from_us, actual_to_us, duration_us; /* 0 until complete */
  char *path;                /* relative to the data directory */
  char *sha256;
  gint64 bytes;
  char *created_by, *full_name, *host;
  gint64 created_us, finished_us;
  gboolean thinned;          /* some of it is keyframes only */
  char *audio;               /* the sound's codec, or NULL */
  char *error;               /* why it failed: JSON {code, message, data}, or NULL */
  char *removed_by, *removed_reason;
  gint64 removed_us;
  GArray *sources;           /* CgDbExportSource; read by cg_db_export_get() only */
  GArray *gaps;              /* CgDbExportGap; likewise */
} CgDbExport;

void cg_db_export_clear (CgDbExport *e);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgDbExport, cg_db_export_clear)

/* Arrays that clear their elements, for CgDbExport.sources and gaps. */
GArray *cg_db_export_sources_new (void);
GArray *cg_db_export_gaps_new (void);

/* A new "running" row from camera_id, incident_id, camera_name, place,
 * note, from_us, to_us, created_by and created_us; sets e->id and e->path
 * ("exports/<id>.mp4"). */
gboolean cg_db_export_create (sqlite3 *handle, CgDbExport *e, GError **error);

/* Who asked, as the user database names them, and where. */
gboolean cg_db_export_set_identity (sqlite3 *handle, gint64 id, const char *full_name,
                                    const char *host, GError **error);

/* A running export made complete: sha256, bytes, actual_from_us,
 * actual_to_us, duration_us, thinned, audio, finished_us, sources and
 * gaps from e.  *changed FALSE: it was not running any more. */
gboolean cg_db_export_complete (sqlite3 *handle, const CgDbExport *e, gboolean *changed,
                                GError **error);

/* A running export failed or cancelled, with why (JSON, may be NULL). */
gboolean cg_db_export_fail (sqlite3 *handle, gint64 id, CgDbExportState state,
                            const char *error_json, gint64 at_us, GError **error);

/* Every export still running (at start-up: cut short by a crash) marked
 * failed with error_json; *count says how many. */
gboolean cg_db_exports_fail_running (sqlite3 *handle, const char *error_json, gint64 at_us,
                                     int *count, GError **error);

/* One export, with its sources and gaps; *found FALSE when none. */
gboolean cg_db_export_get (sqlite3 *handle, gint64 id, CgDbExport *e, gboolean *found,
                           GError **error);

/* The newest exports (at most limit), oldest first, without sources and
 * gaps: an array of CgDbExport that clears its elements. */
GArray *cg_db_exports_list (sqlite3 *handle, guint limit, GError **error);

/* The export whose file had this digest, without sources and gaps: when
 * several had (the same footage exported twice gives the same file), the
 * newest whose file is still kept, else the newest. */
gboolean cg_db_export_find_sha256 (sqlite3 *handle, const char *sha256, CgDbExport *e,
                                   gboolean *found, GError **error);

/* A complete export whose file an administrator removes: the row stays,
 * marked removed, with who, when and why.  *changed FALSE: it was not
 * complete. */
gboolean cg_db_export_mark_removed (sqlite3 *handle, gint64 id, const char *by, gint64 at_us,
                                    const char *reason, gboolean *changed, GError **error);

/* How many complete exports there are, and their bytes on the disk. */
gboolean cg_db_exports_usage (sqlite3 *handle, gint64 *count, gint64 *bytes, GError **error);
