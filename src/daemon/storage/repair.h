/* repair.h — making the database and the recordings agree at start-up.
 *
 * After a kill -9 or a power cut: segments left open get their real end
 * from the file, files without a row are indexed, rows whose file is gone
 * are marked lost, outages left open are closed.  A segment file that
 * cannot be read back is removed only when it is provably empty and not
 * inside evidence in force (the rule in segments.h); any other is kept
 * and its row marked damaged.  Everything
 * repaired is logged, and each segment marked lost, damaged or removed
 * has its audit row (repair.lost, repair.damaged, repair.delete) in the
 * same transaction.
 */
#pragma once

#include "daemon/db/db.h"

#include <glib.h>

typedef struct {
  int closed;    /* open rows completed from their file */
  int indexed;   /* files without a row, now indexed */
  int lost;      /* rows whose file is gone */
  int discarded; /* provably empty files removed with their row */
  int damaged;   /* unreadable files kept, their rows marked damaged */
  int outages;   /* outages left open, closed */
} CgRepairReport;

/* kept_from_us: the protection rule's cut-off (cg_db_evidence_kept_from). */
gboolean cg_repair_run (CgDb *db, const char *data_dir, gint64 kept_from_us,
                        CgRepairReport *report, GError **error);
