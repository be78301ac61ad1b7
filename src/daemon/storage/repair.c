/* repair.c — start-up reconciliation of rows and files. */
#define G_LOG_DOMAIN "canhgac-repair"
#include "build-config.h"

#include "daemon/storage/repair.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/capture/segment_scan.h"
#include "daemon/capture/segment_writer.h"
#include "daemon/db/outages.h"
#include "daemon/db/segments.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static gboolean
complete_from_file (sqlite3 *h, gint64 id, gint64 start_us, const char *abs,
                    CgRepairReport *report, GError **error)
{
  CgSegmentScan scan;
  g_autoptr (GError) local = NULL;
  if (!cg_segment_scan (abs, &scan, &local))
    {
      /* Nothing playable in it: the file and the row go together. */
      g_message ("removing %s: %s", abs, local->message);
      g_unlink (abs);
      cg_segment_scan_clear (&scan);
      report->discarded++;
      return cg_db_segment_delete (h, id, error);
    }
  g_autoptr (GBytes) index = cg_keyframe_index_pack (scan.index);
  CgDbSegment closed = {
    .id = id, .end_us = start_us + scan.duration_us, .bytes = scan.bytes,
    .frames = scan.frames, .keyframes = scan.keyframes, .keyframe_index = index,
  };
  gboolean ok = cg_db_segment_complete (h, &closed, error);
  g_message ("segment %s was left open: closed at %.1f s", abs, scan.duration_us / 1e6);
  cg_segment_scan_clear (&scan);
  report->closed++;
  return ok;
}

static gboolean
repair_rows (sqlite3 *h, const char *data_dir, CgRepairReport *report, GError **error)
{
  g_autoptr (GArray) rows = cg_db_segments_not_lost (h, error);
  if (rows == NULL)
    return FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < rows->len; i++)
    {
      const CgDbSegment *row = &g_array_index (rows, CgDbSegment, i);
      g_autofree char *abs = g_build_filename (data_dir, row->path, NULL);
      if (!g_file_test (abs, G_FILE_TEST_IS_REGULAR))
        {
          g_message ("segment %s is missing: marked lost", abs);
          report->lost++;
          ok = cg_db_segment_mark_lost (h, row->id, error);
        }
      else if (row->state == CG_DB_SEGMENT_OPEN)
        ok = complete_from_file (h, row->id, row->start_us, abs, report, error);
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
index_orphan (sqlite3 *h, const char *data_dir, gint64 camera_id, const char *day,
              const char *file, CgRepairReport *report, GError **error)
{
  g_autofree char *rel = g_strdup_printf ("recordings/%" G_GINT64_FORMAT "/%s/%s", camera_id, day, file);
  g_auto (CgDbSegment) known = { 0 };
  gboolean found = FALSE, camera = FALSE;
  if (!cg_db_segment_find_path (h, rel, &known, &found, error))
    return FALSE;
  if (found)
    return TRUE;
  g_autofree char *abs = g_build_filename (data_dir, rel, NULL);
  gint64 start_us = 0;
  if (start_from_name (day, file, &start_us) && !camera_exists (h, camera_id, &camera, error))
    return FALSE;
  if (!camera)
    {
      g_message ("leaving %s alone: not a segment of a known camera", abs);
      return TRUE;
    }
  CgSegmentScan scan;
  g_autoptr (GError) local = NULL;
  if (!cg_segment_scan (abs, &scan, &local))
    {
      g_message ("leaving %s alone: %s", abs, local->message);
      cg_segment_scan_clear (&scan);
      return TRUE;
    }
  g_autoptr (GBytes) index = cg_keyframe_index_pack (scan.index);
  CgDbSegment segment = {
    .camera_id = camera_id, .path = rel, .start_us = start_us,
    .end_us = start_us + scan.duration_us, .bytes = scan.bytes, .frames = scan.frames,
    .keyframes = scan.keyframes, .codec = scan.codec, .width = scan.width,
    .height = scan.height, .has_audio = scan.has_audio, .keyframe_index = index,
  };
  gboolean ok = cg_db_segment_insert (h, &segment, error);
  g_message ("segment %s had no row: indexed (%.1f s)", abs, scan.duration_us / 1e6);
  cg_segment_scan_clear (&scan);
  report->indexed++;
  return ok;
}

static gboolean
index_orphans (sqlite3 *h, const char *data_dir, CgRepairReport *report, GError **error)
{
  g_autofree char *root = g_build_filename (data_dir, "recordings", NULL);
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
            if (g_str_has_suffix (file, ".ts")
                && !index_orphan (h, data_dir, camera_id, day, file, report, error))
              return FALSE;
        }
    }
  return TRUE;
}

gboolean
cg_repair_run (CgDb *db, const char *data_dir, CgRepairReport *report, GError **error)
{
  sqlite3 *h = cg_db_handle (db);
  *report = (CgRepairReport) { 0 };
  /* All of it or none: a repair cut short is run again at the next start. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE,
                                                _("repairing the recordings index"), error);
  if (tx == NULL)
    return FALSE;
  if (!repair_rows (h, data_dir, report, error) || !index_orphans (h, data_dir, report, error))
    return FALSE;
  /* An outage cannot outlive the daemon that watched it: it is closed
   * now, and this run opens a new one if the camera is still down. */
  if (!cg_db_outages_end_all (h, cg_time_now_us (), &report->outages, error)
      || !cg_db_exec (db, "DELETE FROM camera_status", error)
      || !cg_db_commit (tx, error))
    return FALSE;
  if (report->closed || report->indexed || report->lost || report->discarded || report->outages)
    g_message ("repaired: %d open segments closed, %d files indexed, %d segments lost, "
               "%d empty files removed, %d outages closed",
               report->closed, report->indexed, report->lost, report->discarded, report->outages);
  return TRUE;
}
