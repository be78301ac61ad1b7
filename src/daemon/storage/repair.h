/* repair.h — making the database and the recordings agree at start-up.
 *
 * After a kill -9 or a power cut: segments left open get their real end
 * from the file, files without a row are indexed, rows whose file is gone
 * are marked lost, outages left open are closed.  Everything repaired is
 * logged.
 */
#pragma once

#include "daemon/db/db.h"

#include <glib.h>

typedef struct {
  int closed;    /* open rows completed from their file */
  int indexed;   /* files without a row, now indexed */
  int lost;      /* rows whose file is gone */
  int discarded; /* empty or unreadable files removed with their row */
  int outages;   /* outages left open, closed */
} CgRepairReport;

gboolean cg_repair_run (CgDb *db, const char *data_dir, CgRepairReport *report,
                        GError **error);
