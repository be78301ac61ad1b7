/* export_files.h — writing a finished evidence export where the officer
 * asked: FILE.mp4 copied from the descriptor export.open gives (never
 * read from the daemon's directory), checked against the SHA-256 the
 * daemon recorded, FILE.mp4.sha256 in `sha256sum -c` form and
 * FILE.custody.txt, the custody record to print.  Nothing is ever
 * written over: each file is new, the MP4 arrives as FILE.mp4.part and
 * gets its name only once its digest is right.  The command line
 * (`canhgac export`) and the station's playback screen both use it.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct {
  char *mp4, *sha256, *custody, *part;
} CgExportFiles;

/* The names for file (which must end in .mp4: CG_ERROR_USAGE); fails
 * with CG_ERROR_FAILED when any of them exists already. */
gboolean cg_export_files_name (CgExportFiles *o, const char *file, GError **error);
void cg_export_files_clear (CgExportFiles *o);

/* Creates FILE.mp4.part, so that a place that cannot be written fails
 * before the daemon does any work: its descriptor, or -1. */
int cg_export_files_create_part (const CgExportFiles *o, GError **error);

/* Copies the export from `from` into `part`, checks its digest against
 * the record's (an export.open result), gives it its name, then writes
 * the digest and the custody record.  stop (may be NULL) is asked
 * between blocks: TRUE abandons the copy.  The .part file is the
 * caller's to close and remove. */
gboolean cg_export_files_write (const CgExportFiles *o, int from, int part, JsonObject *record,
                                gboolean (*stop) (void), GError **error);
