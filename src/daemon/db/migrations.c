/* migrations.c — the tables, step by step (doc/architecture.md lists them). */
#define G_LOG_DOMAIN "canhgac-db"
#include "migrations.h"

#include "common/error.h"
#include "common/i18n.h"
#include "db.h"

typedef struct {
  const char *summary;
  const char *sql;
} Migration;

static const Migration migrations[] = {
  /* 1 */
  { "cameras, segments, outages, link statistics, settings",
    /* "CGac": marks the file as canhgac's, so another program's SQLite
     * database is never migrated into ours. */
    "PRAGMA application_id = 1128751459;"
    "CREATE TABLE cameras ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  url TEXT NOT NULL,"                 /* credentials are kept apart */
    "  username TEXT,"
    "  password TEXT,"
    "  substream_url TEXT,"
    "  record_stream TEXT NOT NULL DEFAULT 'main' CHECK (record_stream IN ('main', 'sub')),"
    "  transport TEXT NOT NULL DEFAULT 'tcp' CHECK (transport IN ('tcp', 'udp')),"
    "  place TEXT,"
    "  map_x INTEGER,"
    "  map_y INTEGER,"
    "  funding TEXT CHECK (funding IN ('budget', 'community')),"
    "  host_name TEXT,"
    "  host_phone TEXT,"
    "  power_by TEXT,"
    "  network_by TEXT,"
    "  installed_on TEXT,"                 /* yyyy-mm-dd */
    "  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
    "  created_us INTEGER NOT NULL,"
    "  updated_us INTEGER NOT NULL,"
    "  removed_us INTEGER"                 /* kept while its footage is */
    ");"
    "CREATE UNIQUE INDEX cameras_name ON cameras (name) WHERE removed_us IS NULL;"

    "CREATE TABLE segments ("
    "  id INTEGER PRIMARY KEY,"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  path TEXT NOT NULL UNIQUE,"         /* relative to data_dir */
    "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'complete', 'lost')),"
    "  start_us INTEGER NOT NULL,"
    "  end_us INTEGER,"
    "  bytes INTEGER NOT NULL DEFAULT 0,"
    "  frames INTEGER NOT NULL DEFAULT 0,"
    "  keyframes INTEGER NOT NULL DEFAULT 0,"
    "  video_codec TEXT,"
    "  width INTEGER,"
    "  height INTEGER,"
    "  has_audio INTEGER NOT NULL DEFAULT 0,"
    "  keyframe_index BLOB,"               /* (time offset, byte offset) pairs */
    "  thinned INTEGER NOT NULL DEFAULT 0 CHECK (thinned IN (0, 1)),"
    "  CHECK (end_us IS NULL OR end_us >= start_us)"
    ");"
    "CREATE INDEX segments_camera_time ON segments (camera_id, start_us);"
    "CREATE INDEX segments_start ON segments (start_us);"

    "CREATE TABLE outages ("
    "  id INTEGER PRIMARY KEY,"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  start_us INTEGER NOT NULL,"
    "  end_us INTEGER,"
    "  reason TEXT NOT NULL,"
    "  CHECK (end_us IS NULL OR end_us >= start_us)"
    ");"
    "CREATE INDEX outages_camera_time ON outages (camera_id, start_us);"

    "CREATE TABLE link_stats ("
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  minute_us INTEGER NOT NULL,"
    "  bytes INTEGER NOT NULL DEFAULT 0,"
    "  frames INTEGER NOT NULL DEFAULT 0,"
    "  keyframes INTEGER NOT NULL DEFAULT 0,"
    "  keyframe_interval_ms INTEGER,"
    "  gaps INTEGER NOT NULL DEFAULT 0,"
    "  reconnects INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (camera_id, minute_us)"
    ") WITHOUT ROWID;"

    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;" },

  /* 2 */
  { "motion events, incidents, evidence ranges, exports",
    "CREATE TABLE motion_events ("
    "  id INTEGER PRIMARY KEY,"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  start_us INTEGER NOT NULL,"
    "  end_us INTEGER,"
    "  peak REAL NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX motion_camera_time ON motion_events (camera_id, start_us);"

    "CREATE TABLE incidents ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"         /* what officers write on paper */
    "  kind TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  place TEXT,"
    "  occurred_us INTEGER NOT NULL,"
    "  description TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),"
    "  created_by TEXT NOT NULL,"
    "  created_us INTEGER NOT NULL,"
    "  updated_us INTEGER NOT NULL"
    ");"

    /* Footage inside an evidence range is never thinned or deleted
     * automatically. */
    "CREATE TABLE evidence_ranges ("
    "  id INTEGER PRIMARY KEY,"
    "  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  from_us INTEGER NOT NULL,"
    "  to_us INTEGER NOT NULL,"
    "  CHECK (to_us > from_us)"
    ");"
    "CREATE INDEX evidence_camera_time ON evidence_ranges (camera_id, from_us);"

    "CREATE TABLE exports ("
    "  id INTEGER PRIMARY KEY,"
    "  incident_id INTEGER REFERENCES incidents (id),"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  from_us INTEGER NOT NULL,"
    "  to_us INTEGER NOT NULL,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT,"
    "  bytes INTEGER,"
    "  created_by TEXT NOT NULL,"
    "  created_us INTEGER NOT NULL"
    ");" },

  /* 3 */
  { "maintenance log, append-only audit log",
    "CREATE TABLE maintenance ("
    "  id INTEGER PRIMARY KEY,"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('fault', 'repair', 'replace', 'inspection')),"
    "  at_us INTEGER NOT NULL,"
    "  by_user TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  cost INTEGER"                       /* dong */
    ");"
    "CREATE INDEX maintenance_camera_time ON maintenance (camera_id, at_us);"

    /* Each row carries the previous row's hash and its own, so that a
     * changed or removed row breaks the chain; the triggers stop the
     * daemon itself from ever rewriting history. */
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at_us INTEGER NOT NULL,"
    "  user TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  object TEXT NOT NULL DEFAULT '',"
    "  detail TEXT NOT NULL DEFAULT '',"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL"
    ");"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;" },

  /* 4 */
  { "live camera status",
    /* What the daemon last knew of each camera, for readers of the
     * database (the command line, until it asks the daemon). */
    "CREATE TABLE camera_status ("
    "  camera_id INTEGER PRIMARY KEY REFERENCES cameras (id),"
    "  state TEXT NOT NULL,"
    "  reason TEXT NOT NULL DEFAULT '',"
    "  since_us INTEGER NOT NULL,"
    "  last_frame_us INTEGER,"
    "  bitrate_bps INTEGER NOT NULL DEFAULT 0,"
    "  fps REAL NOT NULL DEFAULT 0,"
    "  keyframe_interval_ms INTEGER,"
    "  reconnects INTEGER NOT NULL DEFAULT 0,"
    "  updated_us INTEGER NOT NULL"
    ");" },

  /* 5 */
  { "per-camera motion sensitivity and mask",
    /* NULL: the default sensitivity; the mask lists grid cells to ignore
     * (see src/daemon/vision/motion.h for its syntax). */
    "ALTER TABLE cameras ADD COLUMN motion_sensitivity REAL"
    "  CHECK (motion_sensitivity IS NULL OR motion_sensitivity BETWEEN 0 AND 1);"
    "ALTER TABLE cameras ADD COLUMN motion_mask TEXT;"
    "CREATE INDEX motion_open ON motion_events (camera_id) WHERE end_us IS NULL;" },

  /* 6 */
  { "per-camera retention settings, bytes before thinning",
    /* NULL: as [storage] says.  original_bytes is what a thinned segment
     * held before, for the ratio thinning achieves. */
    "ALTER TABLE cameras ADD COLUMN full_rate_us INTEGER CHECK (full_rate_us IS NULL OR full_rate_us > 0);"
    "ALTER TABLE cameras ADD COLUMN retention_target_us INTEGER"
    "  CHECK (retention_target_us IS NULL OR retention_target_us > 0);"
    "ALTER TABLE segments ADD COLUMN original_bytes INTEGER;" },

  /* 7 */
  { "audit seals, segment digests",
    /* mac: HMAC-SHA256 of the row's hash under the key kept beside the
     * database (audit_seal.h); NULL on rows written before sealing
     * began.  sha256: the segment file's digest once it is closed (and
     * again when thinning replaces it), so that footage is named by
     * what it is rather than by a row id that is reused. */
    "ALTER TABLE audit ADD COLUMN mac TEXT;"
    "ALTER TABLE segments ADD COLUMN sha256 TEXT;" },

  /* 8 */
  { "damaged segments",
    /* A segment left open by a crash whose file cannot be read back: it
     * may hold the incident, so it is kept as it is, out of thinning and
     * deletion, until an administrator releases it. */
    "ALTER TABLE segments ADD COLUMN damaged INTEGER NOT NULL DEFAULT 0 CHECK (damaged IN (0, 1));"
    "CREATE INDEX segments_damaged ON segments (camera_id) WHERE damaged = 1;" },

  /* 9 */
  { "evidence exports and their custody records",
    /* An export is an MP4 made from a camera's footage for investigators
     * (src/daemon/export/).  Its row is its custody record: who asked,
     * when, on which host, which footage (each source segment with the
     * digest of the file as it was read), what was missing, and the
     * digest of the result.  state says how far it got: an export is
     * only ever listed as complete once its file is on the disk under
     * its final name.  Once it has left "running", what it records is
     * never rewritten (the trigger); removing the file keeps the row. */
    "ALTER TABLE exports ADD COLUMN state TEXT NOT NULL DEFAULT 'running'"
    "  CHECK (state IN ('running', 'complete', 'failed', 'cancelled', 'removed'));"
    "ALTER TABLE exports ADD COLUMN note TEXT;"
    "ALTER TABLE exports ADD COLUMN camera_name TEXT;"
    "ALTER TABLE exports ADD COLUMN place TEXT;"
    "ALTER TABLE exports ADD COLUMN full_name TEXT;"   /* the passwd GECOS */
    "ALTER TABLE exports ADD COLUMN host TEXT;"
    "ALTER TABLE exports ADD COLUMN actual_from_us INTEGER;"
    "ALTER TABLE exports ADD COLUMN actual_to_us INTEGER;"
    "ALTER TABLE exports ADD COLUMN duration_us INTEGER;"
    "ALTER TABLE exports ADD COLUMN thinned INTEGER NOT NULL DEFAULT 0 CHECK (thinned IN (0, 1));"
    "ALTER TABLE exports ADD COLUMN audio TEXT;"       /* the codec, or NULL: no sound */
    "ALTER TABLE exports ADD COLUMN finished_us INTEGER;"
    "ALTER TABLE exports ADD COLUMN error TEXT;"       /* JSON: code, message, data */
    "ALTER TABLE exports ADD COLUMN removed_by TEXT;"
    "ALTER TABLE exports ADD COLUMN removed_us INTEGER;"
    "ALTER TABLE exports ADD COLUMN removed_reason TEXT;"
    "CREATE INDEX exports_sha256 ON exports (sha256);"
    "CREATE TRIGGER exports_custody_kept BEFORE UPDATE OF camera_id, from_us, to_us, path,"
    "  sha256, bytes, created_by, created_us, actual_from_us, actual_to_us, duration_us,"
    "  thinned, camera_name, place, full_name, host ON exports WHEN OLD.state != 'running'"
    "  BEGIN SELECT RAISE (ABORT, 'an export''s custody record is never rewritten'); END;"
    "CREATE TABLE export_sources ("
    "  export_id INTEGER NOT NULL REFERENCES exports (id),"
    "  seq INTEGER NOT NULL,"
    "  segment_id INTEGER NOT NULL,"       /* the row then: ids are reused after deletion */
    "  start_us INTEGER NOT NULL,"
    "  end_us INTEGER NOT NULL,"
    "  from_us INTEGER NOT NULL,"          /* the part of it exported */
    "  to_us INTEGER NOT NULL,"
    "  bytes INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL,"              /* of the file as the export read it */
    "  recorded_sha256 TEXT,"              /* as recorded when it was closed (or thinned) */
    "  thinned INTEGER NOT NULL DEFAULT 0 CHECK (thinned IN (0, 1)),"
    "  PRIMARY KEY (export_id, seq)"
    ") WITHOUT ROWID;"
    "CREATE TABLE export_gaps ("
    "  export_id INTEGER NOT NULL REFERENCES exports (id),"
    "  seq INTEGER NOT NULL,"
    "  start_us INTEGER NOT NULL,"
    "  end_us INTEGER NOT NULL,"
    "  damaged INTEGER NOT NULL DEFAULT 0 CHECK (damaged IN (0, 1)),"
    "  PRIMARY KEY (export_id, seq)"
    ") WITHOUT ROWID;"
    "CREATE TRIGGER export_sources_kept BEFORE UPDATE ON export_sources"
    "  BEGIN SELECT RAISE (ABORT, 'an export''s custody record is never rewritten'); END;"
    "CREATE TRIGGER export_sources_not_deleted BEFORE DELETE ON export_sources"
    "  BEGIN SELECT RAISE (ABORT, 'an export''s custody record is never rewritten'); END;"
    "CREATE TRIGGER export_gaps_kept BEFORE UPDATE ON export_gaps"
    "  BEGIN SELECT RAISE (ABORT, 'an export''s custody record is never rewritten'); END;"
    "CREATE TRIGGER export_gaps_not_deleted BEFORE DELETE ON export_gaps"
    "  BEGIN SELECT RAISE (ABORT, 'an export''s custody record is never rewritten'); END;" },

  /* 10 */
  { "the incident log and its evidence",
    /* Schema 2's incidents were never written: made again as the post
     * keeps its log.  An incident is numbered per year ("12/2026"); its
     * status is one of five (mới tiếp nhận, đang xác minh, đã chuyển cơ
     * quan điều tra, đã giải quyết, đã đóng), closed_us set when it is
     * closed; version goes up with every change, so that a second
     * station saving over a change it has not seen is refused.  search
     * is the folded text (cg_text_fold) of what is searched, so that
     * "cho" finds "Chợ".  footage_helped: NULL not yet said, 0 or 1.
     * Evidence: a camera's footage from..to kept from thinning and
     * deletion while the incident is open and for [incidents]
     * keep_days_after_close after it is closed; a range taken off is
     * kept with who took it off, when and why (removed_us). */
    "DROP TABLE evidence_ranges;"
    "DROP TABLE incidents;"
    "CREATE TABLE incidents ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL,"
    "  number INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  from_us INTEGER NOT NULL,"
    "  to_us INTEGER NOT NULL,"
    "  place TEXT NOT NULL DEFAULT '',"
    "  description TEXT NOT NULL CHECK (length (trim (description)) > 0),"
    "  reporter TEXT,"
    "  reporter_phone TEXT,"
    "  officer TEXT NOT NULL,"              /* the user in charge */
    "  officer_name TEXT,"                  /* from the passwd entry */
    "  status TEXT NOT NULL DEFAULT 'new'"
    "    CHECK (status IN ('new', 'verifying', 'transferred', 'resolved', 'closed')),"
    "  outcome TEXT NOT NULL DEFAULT '',"
    "  footage_helped INTEGER CHECK (footage_helped IS NULL OR footage_helped IN (0, 1)),"
    "  closed_us INTEGER,"
    "  created_by TEXT NOT NULL,"
    "  created_us INTEGER NOT NULL,"
    "  updated_by TEXT NOT NULL,"
    "  updated_us INTEGER NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 1,"
    "  search TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (year, number),"
    "  CHECK (to_us >= from_us),"
    "  CHECK ((status = 'closed') = (closed_us IS NOT NULL))"
    ");"
    "CREATE INDEX incidents_from ON incidents (from_us);"
    "CREATE INDEX incidents_status ON incidents (status, from_us);"
    "CREATE TABLE evidence_ranges ("
    "  id INTEGER PRIMARY KEY,"
    "  incident_id INTEGER NOT NULL REFERENCES incidents (id),"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  from_us INTEGER NOT NULL,"
    "  to_us INTEGER NOT NULL,"
    "  added_by TEXT NOT NULL,"
    "  added_us INTEGER NOT NULL,"
    "  removed_by TEXT,"
    "  removed_us INTEGER,"
    "  removed_reason TEXT,"
    "  CHECK (to_us > from_us)"
    ");"
    "CREATE INDEX evidence_camera_time ON evidence_ranges (camera_id, from_us);"
    "CREATE INDEX evidence_incident ON evidence_ranges (incident_id);" },
  { "alarms: what rang at the stations, when it ended, who acknowledged it",
    /* 11: an alarm is raised when a condition starts (a camera down past
     * [alarms] camera_after, a bad storage alert, a disk error, motion
     * on a camera watched at night), cleared when it ends (cleared_us),
     * and acknowledged apart from that, once for every station.  The
     * incident history scans the audit log by object. */
    "CREATE TABLE alarms ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL"
    "    CHECK (kind IN ('camera_down', 'storage', 'disk_error', 'motion')),"
    "  camera_id INTEGER REFERENCES cameras (id),"
    "  raised_us INTEGER NOT NULL,"
    "  cleared_us INTEGER,"
    "  reason TEXT NOT NULL DEFAULT '',"   /* a reason or alert code, maybe with detail */
    "  acknowledged_by TEXT,"
    "  acknowledged_us INTEGER,"
    "  ack_note TEXT,"
    "  CHECK ((acknowledged_by IS NULL) = (acknowledged_us IS NULL))"
    ");"
    "CREATE INDEX alarms_open ON alarms (cleared_us, acknowledged_us);"
    "CREATE INDEX audit_object ON audit (object);" },
  /* 12 */
  { "incidents' map positions, exports by incident",
    /* Where on the commune map it happened: both or neither (the camera
     * map's units, the nearest cameras are reckoned from it). */
    "ALTER TABLE incidents ADD COLUMN map_x REAL;"
    "ALTER TABLE incidents ADD COLUMN map_y REAL"
    "  CHECK ((map_x IS NULL) = (map_y IS NULL));"
    "CREATE INDEX exports_incident ON exports (incident_id);" },
  { "the recorder's own running time",
    /* One row per run of the daemon: when it started, the last minute it
     * was known alive, and when it stopped (NULL: it did not stop
     * cleanly).  Between runs nothing was recorded: reports count that
     * time as the recorder's, never as a camera's outage. */
    "CREATE TABLE recorder_runs ("
    "  id INTEGER PRIMARY KEY,"
    "  started_us INTEGER NOT NULL,"
    "  alive_us INTEGER NOT NULL,"
    "  stopped_us INTEGER,"
    "  CHECK (alive_us >= started_us),"
    "  CHECK (stopped_us IS NULL OR stopped_us >= started_us)"
    ");" },
  { "the cameras' inventory: donor, host, line, make, warranty, notes",
    /* Who to call and what it is.  Checked by cg_camera_normalize(); the
     * host kind as the API spells it, NULL: not said. */
    "ALTER TABLE cameras ADD COLUMN donor TEXT;"
    "ALTER TABLE cameras ADD COLUMN host_kind TEXT"
    "  CHECK (host_kind IN ('household', 'business'));"
    "ALTER TABLE cameras ADD COLUMN host_address TEXT;"
    "ALTER TABLE cameras ADD COLUMN network_plan TEXT;"
    "ALTER TABLE cameras ADD COLUMN brand TEXT;"
    "ALTER TABLE cameras ADD COLUMN model TEXT;"
    "ALTER TABLE cameras ADD COLUMN serial TEXT;"
    "ALTER TABLE cameras ADD COLUMN warranty_until TEXT;"
    "ALTER TABLE cameras ADD COLUMN notes TEXT;" },
  { "the maintenance log of the cameras",
    /* Schema 3's maintenance table was never written: made again as the
     * post keeps its log of what broke and what was done.  by_name is
     * the officer's full name from the passwd entry, as incidents keep
     * it; cost in dong; old_serial and new_serial only for a
     * replacement.  Entries are only ever added: a mistake is put right
     * by another entry, and the audit log holds who wrote each. */
    "DROP TABLE maintenance;"
    "CREATE TABLE maintenance ("
    "  id INTEGER PRIMARY KEY,"
    "  camera_id INTEGER NOT NULL REFERENCES cameras (id),"
    "  kind TEXT NOT NULL"
    "    CHECK (kind IN ('fault', 'inspection', 'repair', 'replace', 'move', 'retire')),"
    "  at_us INTEGER NOT NULL,"
    "  by_user TEXT NOT NULL,"
    "  by_name TEXT,"
    "  cost INTEGER CHECK (cost IS NULL OR cost >= 0),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  old_serial TEXT,"
    "  new_serial TEXT,"
    "  created_us INTEGER NOT NULL,"
    "  CHECK (kind = 'replace' OR (old_serial IS NULL AND new_serial IS NULL))"
    ");"
    "CREATE INDEX maintenance_camera_time ON maintenance (camera_id, at_us);"
    "CREATE INDEX maintenance_time ON maintenance (at_us);" },
};

int
cg_migrations_latest (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

static int
user_version (sqlite3 *db, GError **error)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st);
  int version = rc == SQLITE_ROW ? sqlite3_column_int (st, 0) : -1;
  if (version < 0)
    g_set_error (error, CG_ERROR, rc == SQLITE_NOTADB ? CG_ERROR_DB_NOT_DB : CG_ERROR_DB,
                 "%s", sqlite3_errmsg (db));
  sqlite3_finalize (st);
  return version;
}

gboolean
cg_migrations_apply (sqlite3 *db, int target, GError **error)
{
  g_return_val_if_fail (target <= cg_migrations_latest (), FALSE);
  int version = user_version (db, error);
  if (version < 0)
    return FALSE;
  for (int step = version + 1; step <= target; step++)
    {
      /* Each step whole or not at all: a failed upgrade leaves the
       * previous schema, which this version can upgrade again. */
      g_autofree char *what = g_strdup_printf (_("upgrading the database to schema %d"), step);
      g_autoptr (CgDbTransaction) tx = cg_db_begin (db, CG_DB_TX_WRITE, what, error);
      if (tx == NULL)
        return FALSE;
      g_autofree char *sql = g_strdup_printf ("%s PRAGMA user_version = %d;",
                                              migrations[step - 1].sql, step);
      char *msg = NULL;
      if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_DB,
                       _("cannot upgrade the database to schema %d: %s"), step,
                       msg != NULL ? msg : sqlite3_errmsg (db));
          sqlite3_free (msg);
          return FALSE;
        }
      if (!cg_db_commit (tx, error))
        return FALSE;
      g_message ("database schema %d applied: %s", step, migrations[step - 1].summary);
    }
  return TRUE;
}
