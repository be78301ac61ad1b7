/* alert.h — the storage manager's alerts: their codes, how serious each
 * is, and their words, in one table.
 *
 * An alert travels as { "code", "message", figures... }.  The daemon fills
 * "message" in its own language from this table; every reader (the
 * station, `canhgac status`, `canhgac storage`) words it again from the
 * code and the figures, so an officer reads it in their language even
 * when the daemon runs in another.
 */
#pragma once

#include <json-glib/json-glib.h>

#define CG_ALERT_RETENTION_BELOW_TARGET "retention_below_target"
#define CG_ALERT_CANNOT_FREE "cannot_free"
#define CG_ALERT_MIN_FREE_UNREACHABLE "min_free_unreachable"
#define CG_ALERT_QUOTA_EXCEEDS_DISK "quota_exceeds_disk"
#define CG_ALERT_DISK_ERROR "disk_error"
#define CG_ALERT_DAMAGED_SEGMENTS "damaged_segments"
#define CG_ALERT_DATABASE_UNWRITABLE "database_unwritable"
#define CG_ALERT_EVIDENCE_EXCEEDS_QUOTA "evidence_exceeds_quota"

typedef enum {
  CG_ALERT_WARNING, /* footage is safe today; plan a change */
  CG_ALERT_BAD,     /* footage is or will soon be lost: act now */
} CgAlertSeverity;

typedef struct {
  const char *code;
  CgAlertSeverity severity;
  /* N_(): each %s or %.Nf takes the next figure below; a figure named
   * *_bytes is shown as a size, "detail" as text, others as numbers. */
  const char *wording;
  const char *figures[4]; /* NULL-terminated */
  /* For a wording that depends on a count: the singular N_() (wording is
   * then the plural) and the figure that counts. */
  const char *wording_one;
  const char *count;
} CgAlertKind;

/* The table's entry for code, or NULL for a code newer than this
 * program. */
const CgAlertKind *cg_alert_kind_lookup (const char *code);

/* What the alert is in a few words (translated), or NULL for a code
 * newer than this program. */
const char *cg_alert_title (const char *code);

/* The alert in the reader's language, from its code and figures; the
 * daemon's own message when the code or a figure is unknown here. */
char *cg_alert_describe (JsonObject *alert);

/* How serious the alert is; unknown codes count as bad, since this
 * program cannot tell. */
CgAlertSeverity cg_alert_severity (JsonObject *alert);
