/* repair.c — start-up reconciliation of rows and files. */
#define G_LOG_DOMAIN "canhgac-repair"
#include "build-config.h"

#include "daemon/storage/repair.h"

#include "common/timeutil.h"
#include "daemon/capture/segment_scan.h"
#include "daemon/capture/segment_writer.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static gboolean
exec_bound (sqlite3 *h, const char *sql, GError **error, const char *fmt, ...)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (h, sql, -1, &st, NULL) != SQLITE_OK)
    return cg_db_fail (h, "repair", error);
  va_list ap;
  va_start (ap, fmt);
  for (int i = 0; fmt[i] != '\0'; i++)
    switch (fmt[i])
      {
      case 'i': sqlite3_bind_int64 (st, i + 1, va_arg (ap, gint64)); break;
      case 's': sqlite3_bind_text (st, i + 1, va_arg (ap, const char *), -1, SQLITE_TRANSIENT); break;
      case 'b':
        {
          GBytes *b = va_arg (ap, GBytes *);
          gsize n = 0;
          const void *p = g_bytes_get_data (b, &n);
          sqlite3_bind_blob (st, i + 1, p, (int) n, SQLITE_TRANSIENT);
        }
        break;
      default: g_assert_not_reached ();
      }
  va_end (ap);
  int rc = sqlite3_step (st);
  sqlite3_finalize (st);
  return rc == SQLITE_DONE || cg_db_fail (h, "repair", error);
}

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
      return exec_bound (h, "DELETE FROM segments WHERE id = ?", error, "i", id);
    }
  g_autoptr (GBytes) index = cg_keyframe_index_pack (scan.index);
  gboolean ok = exec_bound (h,
                            "UPDATE segments SET state = 'complete', end_us = ?, bytes = ?,"
                            " frames = ?, keyframes = ?, keyframe_index = ? WHERE id = ?",
                            error, "iiiibi", start_us + scan.duration_us, scan.bytes, scan.frames,
                            scan.keyframes, index, id);
  g_message ("segment %s was left open: closed at %.1f s", abs, scan.duration_us / 1e6);
  cg_segment_scan_clear (&scan);
  report->closed++;
  return ok;
}

static gboolean
repair_rows (sqlite3 *h, const char *data_dir, CgRepairReport *report, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (h, "SELECT id, path, state, start_us FROM segments WHERE state != 'lost'",
                          -1, &st, NULL) != SQLITE_OK)
    return cg_db_fail (h, "repair", error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  GArray *open = g_array_new (FALSE, FALSE, sizeof (gboolean));
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0), start = sqlite3_column_int64 (st, 3);
      gboolean is_open = g_str_equal ((const char *) sqlite3_column_text (st, 2), "open");
      g_array_append_val (ids, id);
      g_ptr_array_add (paths, g_strdup ((const char *) sqlite3_column_text (st, 1)));
      g_array_append_val (open, is_open);
      g_array_append_val (starts, start);
    }
  sqlite3_finalize (st);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *abs = g_build_filename (data_dir, paths->pdata[i], NULL);
      if (!g_file_test (abs, G_FILE_TEST_IS_REGULAR))
        {
          g_message ("segment %s is missing: marked lost", abs);
          report->lost++;
          ok = exec_bound (h, "UPDATE segments SET state = 'lost' WHERE id = ?", error, "i", id);
        }
      else if (g_array_index (open, gboolean, i))
        ok = complete_from_file (h, id, g_array_index (starts, gint64, i), abs, report, error);
    }
  g_array_unref (ids);
  g_ptr_array_unref (paths);
  g_array_unref (open);
  g_array_unref (starts);
  return ok;
}

static gboolean
known_path (sqlite3 *h, const char *rel)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h, "SELECT 1 FROM segments WHERE path = ?", -1, &st, NULL);
  sqlite3_bind_text (st, 1, rel, -1, SQLITE_STATIC);
  gboolean known = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_finalize (st);
  return known;
}

static gboolean
camera_exists (sqlite3 *h, gint64 id)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h, "SELECT 1 FROM cameras WHERE id = ?", -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, id);
  gboolean known = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_finalize (st);
  return known;
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
  if (known_path (h, rel))
    return TRUE;
  g_autofree char *abs = g_build_filename (data_dir, rel, NULL);
  gint64 start_us = 0;
  if (!start_from_name (day, file, &start_us) || !camera_exists (h, camera_id))
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
  gboolean ok = exec_bound (h,
                            "INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes,"
                            " frames, keyframes, video_codec, width, height, has_audio, keyframe_index)"
                            " VALUES (?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error, "isiiiiisiiib", camera_id, rel, start_us,
                            start_us + scan.duration_us, scan.bytes, scan.frames, scan.keyframes,
                            scan.codec, (gint64) scan.width, (gint64) scan.height,
                            (gint64) scan.has_audio, index);
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
  if (!cg_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  gboolean ok = repair_rows (h, data_dir, report, error)
                && index_orphans (h, data_dir, report, error);
  if (ok)
    {
      /* An outage cannot outlive the daemon that watched it: it is closed
       * now, and this run opens a new one if the camera is still down. */
      report->outages = 0;
      sqlite3_stmt *st = NULL;
      sqlite3_prepare_v2 (h, "SELECT count(*) FROM outages WHERE end_us IS NULL", -1, &st, NULL);
      if (sqlite3_step (st) == SQLITE_ROW)
        report->outages = sqlite3_column_int (st, 0);
      sqlite3_finalize (st);
      ok = exec_bound (h, "UPDATE outages SET end_us = max(start_us, ?) WHERE end_us IS NULL",
                       error, "i", cg_time_now_us ());
      ok = ok && cg_db_exec (db, "DELETE FROM camera_status", error);
    }
  if (!ok)
    {
      cg_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!cg_db_exec (db, "COMMIT", error))
    return FALSE;
  if (report->closed || report->indexed || report->lost || report->discarded || report->outages)
    g_message ("repaired: %d open segments closed, %d files indexed, %d segments lost, "
               "%d empty files removed, %d outages closed",
               report->closed, report->indexed, report->lost, report->discarded, report->outages);
  return TRUE;
}
