/* repair.c — start-up reconciliation of rows and files. */
#define G_LOG_DOMAIN "canhgac-repair"
#include "build-config.h"

#include "daemon/storage/repair.h"

#include "common/file_digest.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/capture/segment_scan.h"
#include "daemon/capture/segment_writer.h"
#include "daemon/db/outages.h"
#include "daemon/db/runs.h"
#include "daemon/db/segments.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* Who the audit log says repaired. */
#define AUDIT_USER "canhgacd"

typedef struct {
  sqlite3 *h;
  const char *data_dir;
  CgRepairReport *report;
  gint64 kept_from_us; /* the protection rule's cut-off */
  /* Files of rows deleted, removed once the deletions are committed:
   * a rolled-back row must keep its file.  A set of absolute paths. */
  GHashTable *doomed;
} Repair;

static gboolean
audit (Repair *r, const char *action, gint64 camera_id, gint64 start_us, const char *reason,
       gint64 bytes, GError **error)
{
  g_autofree char *object = cg_db_segment_audit_object (camera_id, start_us);
  g_autofree char *detail = g_strdup_printf ("reason=%s bytes=%" G_GINT64_FORMAT, reason, bytes);
  return cg_audit_append (r->h, cg_time_now_us (), AUDIT_USER, action, object, detail, error);
}

/* A segment file the scan could not read.  Only a provably empty one goes
 * (with its row, if any): anything else may be the one that holds the
 * incident — the segment being written at a crash is the likeliest — so
 * it stays, its row marked damaged, out of thinning and deletion until
 * an administrator releases it.  *removed says which.  row_id 0: the file
 * has no row (an orphan), which is made for it. */
static gboolean
keep_unreadable (Repair *r, const CgDbSegment *row, const char *abs, const char *why,
                 gboolean *removed, GError **error)
{
  gboolean empty = FALSE;
  gint64 bytes = 0;
  g_autoptr (GError) unread = NULL;
  if (!cg_segment_is_empty (abs, &empty, &bytes, &unread))
    g_warning ("%s", unread->message);
  /* Inside evidence in force, even an empty file is not for the repair
   * to remove: an administrator looks at it. */
  gboolean evidence = FALSE;
  if (empty
      && !cg_db_span_is_evidence (r->h, row->camera_id, row->start_us,
                                  MAX (row->end_us, row->start_us), r->kept_from_us, &evidence,
                                  error))
    return FALSE;
  if (empty && evidence)
    why = "no MPEG-TS packet, but inside evidence in force";
  *removed = empty && !evidence;
  if (*removed)
    {
      g_message ("removing %s: empty (%" G_GINT64_FORMAT " bytes, no MPEG-TS packet)", abs, bytes);
      r->report->discarded++;
      g_hash_table_add (r->doomed, g_strdup (abs));
      return (row->id == 0 || cg_db_segment_delete (r->h, row->id, error))
             && audit (r, "repair.delete", row->camera_id, row->start_us, "empty_file", bytes, error);
    }
  if (bytes == 0)
    bytes = row->bytes; /* unreadable: as far as the writer had said */
  g_warning ("segment %s cannot be read (%s): kept as it is and marked damaged, for an "
             "administrator to examine", abs, why);
  r->report->damaged++;
  gboolean ok;
  if (row->id != 0)
    ok = cg_db_segment_mark_damaged (r->h, row->id, bytes, error);
  else
    {
      CgDbSegment orphan = *row;
      orphan.end_us = row->start_us;
      orphan.bytes = bytes;
      orphan.damaged = TRUE;
      ok = cg_db_segment_insert (r->h, &orphan, error);
    }
  return ok && audit (r, "repair.damaged", row->camera_id, row->start_us, "unreadable", bytes, error);
}

static gboolean
complete_from_file (Repair *r, const CgDbSegment *row, const char *abs, GError **error)
{
  CgSegmentScan scan;
  g_autoptr (GError) local = NULL;
  if (!cg_segment_scan (abs, &scan, &local))
    {
      cg_segment_scan_clear (&scan);
      gboolean removed = FALSE;
      return keep_unreadable (r, row, abs, local->message, &removed, error);
    }
  g_autoptr (GBytes) index = cg_keyframe_index_pack (scan.index);
  /* The digest names the footage in the audit log; a file that scanned
   * but cannot be hashed is still closed, its digest left unknown. */
  g_autofree char *digest = cg_file_sha256 (abs, NULL);
  CgDbSegment closed = {
    .id = row->id, .end_us = row->start_us + scan.duration_us, .bytes = scan.bytes,
    .frames = scan.frames, .keyframes = scan.keyframes, .keyframe_index = index,
    .sha256 = digest,
  };
  gboolean ok = cg_db_segment_complete (r->h, &closed, error);
  g_message ("segment %s was left open: closed at %.1f s", abs, scan.duration_us / 1e6);
  cg_segment_scan_clear (&scan);
  r->report->closed++;
  return ok;
}

static gboolean
repair_rows (Repair *r, GError **error)
{
  g_autoptr (GArray) rows = cg_db_segments_not_lost (r->h, error);
  if (rows == NULL)
    return FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < rows->len; i++)
    {
      const CgDbSegment *row = &g_array_index (rows, CgDbSegment, i);
      g_autofree char *abs = g_build_filename (r->data_dir, row->path, NULL);
      if (!g_file_test (abs, G_FILE_TEST_IS_REGULAR))
        {
          g_message ("segment %s is missing: marked lost", abs);
          r->report->lost++;
          ok = cg_db_segment_mark_lost (r->h, row->id, error)
               && audit (r, "repair.lost", row->camera_id, row->start_us, "file_missing",
                         row->bytes, error);
        }
      else if (row->state == CG_DB_SEGMENT_OPEN)
        ok = complete_from_file (r, row, abs, error);
    }
  return ok;
}

static gboolean
camera_exists (sqlite3 *h, gint64 id, gboolean *exists, GError **error)
{
  const char *what = _("looking the camera up");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT 1 FROM cameras WHERE id = ?", what, error);
  *exists = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  *exists = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (h, what, error);
}

/* recordings/<id>/<yyyy-mm-dd>/<HHMMSS>[-n].ts: the start in local time. */
static gboolean
start_from_name (const char *day, const char *file, gint64 *start_us)
{
  int y, mo, d, hh, mm, ss;
  if (sscanf (day, "%4d-%2d-%2d", &y, &mo, &d) != 3 || sscanf (file, "%2d%2d%2d", &hh, &mm, &ss) != 3)
    return FALSE;
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr (GDateTime) dt = g_date_time_new (tz, y, mo, d, hh, mm, ss);
  if (dt == NULL)
    return FALSE;
  *start_us = g_date_time_to_unix (dt) * CG_USEC_PER_SEC;
  return TRUE;
}

static gboolean
index_orphan (Repair *r, gint64 camera_id, const char *day, const char *file, GError **error)
{
  g_autofree char *rel = g_strdup_printf ("recordings/%" G_GINT64_FORMAT "/%s/%s", camera_id, day, file);
  g_auto (CgDbSegment) known = { 0 };
  gboolean found = FALSE, camera = FALSE;
  if (!cg_db_segment_find_path (r->h, rel, &known, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  g_autofree char *abs = g_build_filename (r->data_dir, rel, NULL);
  if (g_hash_table_contains (r->doomed, abs))
    return TRUE; /* its row was just deleted, the file goes after */
  gint64 start_us = 0;
  if (start_from_name (day, file, &start_us) && !camera_exists (r->h, camera_id, &camera, error))
    return FALSE;
  if (!camera)
    {
      g_message ("leaving %s alone: not a segment of a known camera", abs);
      return TRUE;
    }
  if (!g_file_test (abs, G_FILE_TEST_IS_REGULAR))
    {
      g_message ("leaving %s alone: not a file", abs);
      return TRUE;
    }
  CgSegmentScan scan;
  g_autoptr (GError) local = NULL;
  if (!cg_segment_scan (abs, &scan, &local))
    {
      cg_segment_scan_clear (&scan);
      CgDbSegment orphan = { .camera_id = camera_id, .path = rel, .start_us = start_us };
      gboolean removed = FALSE;
      if (!keep_unreadable (r, &orphan, abs, local->message, &removed, error))
        return FALSE;
      r->report->indexed += !removed;
      return TRUE;
    }
  g_autoptr (GBytes) index = cg_keyframe_index_pack (scan.index);
  g_autofree char *digest = cg_file_sha256 (abs, NULL);
  CgDbSegment segment = {
    .camera_id = camera_id, .path = rel, .start_us = start_us,
    .end_us = start_us + scan.duration_us, .bytes = scan.bytes, .frames = scan.frames,
    .keyframes = scan.keyframes, .codec = scan.codec, .width = scan.width,
    .height = scan.height, .has_audio = scan.has_audio, .keyframe_index = index,
    .sha256 = digest,
  };
  gboolean ok = cg_db_segment_insert (r->h, &segment, error);
  g_message ("segment %s had no row: indexed (%.1f s)", abs, scan.duration_us / 1e6);
  cg_segment_scan_clear (&scan);
  r->report->indexed++;
  return ok;
}

static gboolean
index_orphans (Repair *r, GError **error)
{
  g_autofree char *root = g_build_filename (r->data_dir, "recordings", NULL);
  g_autoptr (GDir) cams = g_dir_open (root, 0, NULL);
  if (cams == NULL)
    return TRUE;
  const char *cam;
  while ((cam = g_dir_read_name (cams)) != NULL)
    {
      gint64 camera_id = g_ascii_strtoll (cam, NULL, 10);
      g_autofree char *cam_dir = g_build_filename (root, cam, NULL);
      g_autoptr (GDir) days = g_dir_open (cam_dir, 0, NULL);
      if (days == NULL || camera_id <= 0)
        continue;
      const char *day;
      while ((day = g_dir_read_name (days)) != NULL)
        {
          g_autofree char *day_dir = g_build_filename (cam_dir, day, NULL);
          g_autoptr (GDir) files = g_dir_open (day_dir, 0, NULL);
          if (files == NULL)
            continue;
          const char *file;
          while ((file = g_dir_read_name (files)) != NULL)
            if (g_str_has_suffix (file, ".ts") && !index_orphan (r, camera_id, day, file, error))
              return FALSE;
        }
    }
  return TRUE;
}

static gboolean
repair (CgDb *db, Repair *r, GError **error)
{
  /* All of it or none: a repair cut short is run again at the next start. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (r->h, CG_DB_TX_WRITE,
                                                _("repairing the recordings index"), error);
  if (tx == NULL)
    return FALSE;
  if (!repair_rows (r, error) || !index_orphans (r, error))
    return FALSE;
  /* An outage cannot outlive the daemon that watched it: it is closed
   * when that daemon was last known alive (the time after is the
   * recorder's, not the camera's) or its camera last watched, whichever
   * is earlier, and this run opens a new one if the camera is still
   * down. */
  gint64 last_seen = 0;
  if (!cg_db_runs_last_seen (r->h, &last_seen, error))
    return FALSE;
  return cg_db_outages_end_all (r->h, last_seen > 0 ? last_seen : cg_time_now_us (),
                                &r->report->outages, error)
         && cg_db_exec (db, "DELETE FROM camera_status", error)
         && cg_db_commit (tx, error);
}

gboolean
cg_repair_run (CgDb *db, const char *data_dir, gint64 kept_from_us, CgRepairReport *report,
               GError **error)
{
  *report = (CgRepairReport) { 0 };
  g_autoptr (GHashTable) doomed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Repair r = { .h = cg_db_handle (db), .data_dir = data_dir, .report = report,
               .kept_from_us = kept_from_us, .doomed = doomed };
  /* The rows deleted must be on the disk before their files go, or a
   * power cut right after could leave rows without files: the commit
   * waits for the disk (synchronous = FULL) for this one transaction. */
  if (!cg_db_exec (db, "PRAGMA synchronous = FULL", error))
    return FALSE;
  gboolean ok = repair (db, &r, error);
  g_autoptr (GError) normal = NULL;
  if (!cg_db_exec (db, "PRAGMA synchronous = NORMAL", &normal))
    g_warning ("%s", normal->message);
  if (!ok)
    return FALSE;
  GHashTableIter it;
  const char *path;
  g_hash_table_iter_init (&it, doomed);
  while (g_hash_table_iter_next (&it, (gpointer *) &path, NULL))
    if (g_unlink (path) != 0 && errno != ENOENT)
      g_warning ("cannot remove %s: %s", path, g_strerror (errno));
  if (report->closed || report->indexed || report->lost || report->discarded || report->outages
      || report->damaged)
    g_message ("repaired: %d open segments closed, %d files indexed, %d segments lost, "
               "%d empty files removed, %d damaged segments kept, %d outages closed",
               report->closed, report->indexed, report->lost, report->discarded, report->damaged,
               report->outages);
  return TRUE;
}
