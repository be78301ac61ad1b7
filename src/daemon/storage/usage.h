/* storage/usage.h — the figures of `storage.status`, and the alerts.
 *
 * What the recordings use, per camera and overall, how many days are
 * kept, what thinning saved, and the forecast (retention.c) — read from
 * the database with a few aggregate queries and from the disk with
 * statvfs.  The storage manager (storage/manager.c) derives its alerts from the
 * same figures and publishes them in a CgStorageState, which the API
 * reads: the state is the only thing the two threads share.
 */
#pragma once

#include "common/config.h"
#include "daemon/db/writer.h"
#include "daemon/storage/retention.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

typedef struct {
  gint64 id;
  char *name;
  gboolean removed;
  gint64 bytes;          /* on disk now */
  gint64 oldest_us;      /* 0: no footage */
  gint64 saved_bytes;    /* by thinning */
  gint64 protected_bytes; /* evidence in force, or damaged: never removed by the policy */
  gint64 full_rate_us, retention_target_us; /* overrides, 0: none */
} CgStorageCamera;

typedef struct {
  gint64 now_us;
  gboolean disk_known;
  guint64 disk_bytes, free_bytes;
  guint64 quota_bytes;    /* [storage] quota resolved */
  guint64 min_free_bytes; /* [storage] min_free resolved */
  guint64 limit_bytes;    /* what recordings may use: the quota, or less if the disk is short */
  guint64 used_bytes, protected_bytes, saved_bytes;
  gint64 exports;         /* evidence exports kept (complete), and their bytes: */
  guint64 exports_bytes;  /* they count against the quota like recordings */
  gint64 thinned_segments;
  gint64 damaged_segments; /* unreadable after a crash, kept for an administrator */
  guint64 damaged_bytes;
  double thin_ratio;      /* achieved, all cameras; 1 when nothing thinned yet */
  GArray *cameras;        /* CgStorageCamera */
  CgForecastCamera *rates; /* one per camera, in the same order */
  CgForecast forecast;
} CgStorageReport;

/* Gathers the report through connection h. */
gboolean cg_storage_report_gather (sqlite3 *h, const CgConfig *config, gint64 now_us,
                                   CgStorageReport *report, GError **error);
void cg_storage_report_clear (CgStorageReport *report);

/* What the recordings may use under the quota: the quota (no more than
 * the disk), less what the exports kept take. */
guint64 cg_storage_recordings_quota (const CgStorageReport *report);

/* Free space made when min_free cannot be met (retention.h). */
guint64 cg_storage_reserve_bytes (guint64 disk_bytes, guint64 min_free_bytes);

/* An alert as a JSON object (common/alert.h): { "code", "detail" when
 * not NULL, then figures: name, double value pairs, NULL-terminated;
 * names ending in _bytes are written as integers }, and "message" worded
 * from them in the daemon's language. */
JsonNode *cg_storage_alert_new (const char *code, const char *detail, ...) G_GNUC_NULL_TERMINATED;
/* Adds the alerts that follow from the report (and, when a plan is
 * given, from what it could not free) to array. */
void cg_storage_report_alerts (const CgStorageReport *report, const CgRetentionPlan *plan,
                               JsonArray *array);

/* ---- shared between the manager and the API ---- */

typedef struct CgStorageState CgStorageState;
CgStorageState *cg_storage_state_new (void);
void cg_storage_state_free (CgStorageState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgStorageState, cg_storage_state_free)
/* Replaces the alerts (a JSON array, taken). */
void cg_storage_state_set_alerts (CgStorageState *state, JsonNode *alerts);
/* The database writer, whose events waiting on a refusing database are
 * the database_unwritable alert, worked out afresh by whoever reads the
 * alerts (not owned; NULL: none). */
void cg_storage_state_set_writer (CgStorageState *state, CgDbWriter *writer);
/* A copy of the alerts, an empty array when none (or state is NULL):
 * database_unwritable as the writer is now, then the manager's. */
JsonNode *cg_storage_state_dup_alerts (CgStorageState *state);
/* Adds database_unwritable to array while events wait on a refusing
 * database (the manager publishes it too, so that it is pushed). */
void cg_storage_state_add_writer_alert (CgStorageState *state, JsonArray *array);

/* The alerts of a reply built from `report`: those that follow from the
 * figures (quota_exceeds_disk, evidence_exceeds_quota, damaged_segments,
 * retention_below_target)
 * are derived from the report itself, so that the reply never gives one
 * quantity two values; database_unwritable from the writer as it is now;
 * the others (cannot_free, min_free_unreachable, disk_error) are the
 * manager's, as it last published them.  state may be NULL. */
JsonNode *cg_storage_reply_alerts (const CgStorageReport *report, CgStorageState *state);

/* The storage.status result, alerts as cg_storage_reply_alerts() gives
 * them.  state may be NULL (no manager). */
JsonNode *cg_storage_report_to_json (const CgStorageReport *report, const CgConfig *config,
                                     CgStorageState *state);
