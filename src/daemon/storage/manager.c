/* storage/manager.c — the storage manager thread. */
#define G_LOG_DOMAIN "canhgac-storage"
#include "build-config.h"

#include "daemon/storage/manager.h"

#include "daemon/db/db.h"
#include "common/alert.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/storage/retention.h"
#include "daemon/storage/thinner.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CYCLE_US (30 * G_USEC_PER_SEC)
/* Near a limit, or just after deleting, the cycle comes this often, so
 * that the recordings overshoot a limit by a few seconds' writing only. */
#define CYCLE_PRESSED_US (3 * G_USEC_PER_SEC)
/* Thinning in one cycle stops after this long, to re-plan. */
#define THIN_BUDGET_US (20 * G_USEC_PER_SEC)
/* A breath between segments, so that thinning leaves the disk to capture. */
#define THIN_GAP_US (50 * 1000)
#define DELETE_BATCH 200
#define TMP_SUFFIX ".thin.tmp"

/* Footage inside an evidence range: the same test as retention.c's, in
 * every statement that removes or rewrites, so that evidence added while
 * the plan ran is still safe. */
#define NOT_EVIDENCE \
  " NOT EXISTS (SELECT 1 FROM evidence_ranges e WHERE e.camera_id = segments.camera_id" \
  " AND e.from_us < max(coalesce(segments.end_us, segments.start_us), segments.start_us + 1)" \
  " AND e.to_us > segments.start_us)"

struct CgStorage {
  const CgConfig *config;
  CgDb *db;
  CgStorageState *state;
  CgStorageAlertHook hook;
  gpointer hook_data;
  GThread *thread;
  GMutex mutex;
  GCond cond;
  gint stop;        /* also the thinner's cancel flag */
  gint requested;   /* cleanup asked for by a writer */
  GHashTable *alerted; /* codes alerted, so each is notified once while it lasts */
  gint64 full_at;   /* monotonic time a writer last found the disk full */
  gboolean pressed; /* the last cycle was near a limit: thin in short bursts */
  gint64 pause_us;  /* test hook: a pause between the row update and the rename */
};

static GMutex active_mutex;
static CgStorage *active;

/* ---- small helpers ---------------------------------------------------- */

static void
fsync_dir_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
is_full (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
}

/* Runs one statement in its own transaction; the SQLite code. */
static int
exec_step (sqlite3 *h, sqlite3_stmt *st)
{
  int rc = sqlite3_exec (h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      sqlite3_exec (h, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }
  rc = sqlite3_exec (h, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    sqlite3_exec (h, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* ---- start-up recovery ------------------------------------------------ */

static void
settle_tmp (sqlite3 *h, const char *data_dir, const char *abs_tmp)
{
  g_autofree char *abs = g_strndup (abs_tmp, strlen (abs_tmp) - strlen (TMP_SUFFIX));
  const char *rel = abs + strlen (data_dir);
  while (*rel == '/')
    rel++;
  GStatBuf sb;
  gint64 tmp_bytes = g_stat (abs_tmp, &sb) == 0 ? sb.st_size : -1;
  sqlite3_stmt *st = NULL;
  gboolean roll_forward = FALSE;
  if (sqlite3_prepare_v2 (h, "SELECT thinned, bytes FROM segments WHERE path = ?", -1, &st, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (st, 1, rel, -1, SQLITE_STATIC);
      roll_forward = sqlite3_step (st) == SQLITE_ROW && sqlite3_column_int (st, 0) == 1
                     && sqlite3_column_int64 (st, 1) == tmp_bytes;
    }
  sqlite3_finalize (st);
  if (roll_forward && g_rename (abs_tmp, abs) == 0)
    {
      fsync_dir_of (abs);
      g_message ("thinning of %s was interrupted after its row was updated: finished", abs);
      return;
    }
  g_unlink (abs_tmp);
  g_message ("thinning of %s was interrupted before its row was updated: the original is kept", abs);
}

int
cg_storage_recover_thinning (sqlite3 *h, const char *data_dir)
{
  int found = 0;
  g_autofree char *root = g_build_filename (data_dir, "recordings", NULL);
  g_autoptr (GDir) cams = g_dir_open (root, 0, NULL);
  const char *cam;
  while (cams != NULL && (cam = g_dir_read_name (cams)) != NULL)
    {
      g_autofree char *cam_dir = g_build_filename (root, cam, NULL);
      g_autoptr (GDir) days = g_dir_open (cam_dir, 0, NULL);
      const char *day;
      while (days != NULL && (day = g_dir_read_name (days)) != NULL)
        {
          g_autofree char *day_dir = g_build_filename (cam_dir, day, NULL);
          g_autoptr (GDir) files = g_dir_open (day_dir, 0, NULL);
          const char *file;
          while (files != NULL && (file = g_dir_read_name (files)) != NULL)
            if (g_str_has_suffix (file, TMP_SUFFIX))
              {
                g_autofree char *abs = g_build_filename (day_dir, file, NULL);
                settle_tmp (h, data_dir, abs);
                found++;
              }
        }
    }
  return found;
}

/* ---- deletion --------------------------------------------------------- */

typedef struct {
  gint64 id;
  char *path;
} Victim;

static void
remove_file (const char *data_dir, const char *rel)
{
  g_autofree char *abs = g_build_filename (data_dir, rel, NULL);
  if (g_unlink (abs) != 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", abs, g_strerror (errno));
  /* The day's directory goes with its last segment. */
  g_autofree char *dir = g_path_get_dirname (abs);
  g_rmdir (dir);
}

/* Deletes rows then files, DELETE_BATCH rows a transaction.  When the
 * database itself cannot write (the disk is full to the last byte) one
 * file goes first, to give SQLite the room to record the deletion. */
static guint64
delete_segments (CgStorage *s, const GArray *ids, GError **error)
{
  sqlite3 *h = cg_db_handle (s->db);
  guint64 freed = 0;
  int deleted = 0;
  for (guint i = 0; i < ids->len && !g_atomic_int_get (&s->stop);)
    {
      GArray *batch = g_array_new (FALSE, FALSE, sizeof (Victim));
      sqlite3_stmt *sel = NULL, *del = NULL;
      sqlite3_prepare_v2 (h, "SELECT path, bytes FROM segments WHERE id = ? AND state = 'complete' AND"
                          NOT_EVIDENCE, -1, &sel, NULL);
      sqlite3_prepare_v2 (h, "DELETE FROM segments WHERE id = ? AND state = 'complete' AND" NOT_EVIDENCE,
                          -1, &del, NULL);
      int rc = sqlite3_exec (h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      guint64 batch_bytes = 0;
      guint j = i;
      for (; rc == SQLITE_OK && j < ids->len && j < i + DELETE_BATCH; j++)
        {
          gint64 id = g_array_index (ids, gint64, j);
          sqlite3_reset (sel);
          sqlite3_bind_int64 (sel, 1, id);
          if (sqlite3_step (sel) != SQLITE_ROW)
            continue;
          Victim v = { id, g_strdup ((const char *) sqlite3_column_text (sel, 0)) };
          gint64 bytes = sqlite3_column_int64 (sel, 1);
          sqlite3_reset (sel);
          sqlite3_reset (del);
          sqlite3_bind_int64 (del, 1, id);
          rc = sqlite3_step (del) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (h);
          if (rc == SQLITE_OK && sqlite3_changes (h) == 1)
            {
              g_array_append_val (batch, v);
              batch_bytes += (guint64) MAX (bytes, 0);
            }
          else
            g_free (v.path);
        }
      sqlite3_finalize (sel);
      sqlite3_finalize (del);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (h, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          int ext = sqlite3_extended_errcode (h);
          g_autofree char *msg = g_strdup (sqlite3_errmsg (h));
          sqlite3_exec (h, "ROLLBACK", NULL, NULL, NULL);
          for (guint k = 0; k < batch->len; k++)
            g_free (g_array_index (batch, Victim, k).path);
          g_array_unref (batch);
          if (!is_full (ext) || i >= ids->len)
            {
              g_set_error (error, CG_ERROR, CG_ERROR_DB, _("cannot delete old recordings: %s"), msg);
              return freed;
            }
          /* Make room for the database by removing the first file now;
           * its row follows on the next pass (or, after a crash, is
           * marked lost at start-up). */
          sqlite3_stmt *st = NULL;
          sqlite3_prepare_v2 (h, "SELECT path FROM segments WHERE id = ? AND" NOT_EVIDENCE, -1, &st, NULL);
          sqlite3_bind_int64 (st, 1, g_array_index (ids, gint64, i));
          if (sqlite3_step (st) == SQLITE_ROW)
            {
              g_warning ("the database cannot write (%s): removing %s first", msg,
                         (const char *) sqlite3_column_text (st, 0));
              remove_file (s->config->data_dir, (const char *) sqlite3_column_text (st, 0));
              sqlite3_finalize (st);
              sqlite3_prepare_v2 (h, "UPDATE segments SET state = 'lost' WHERE id = ?", -1, &st, NULL);
              sqlite3_bind_int64 (st, 1, g_array_index (ids, gint64, i));
              exec_step (h, st);
              sqlite3_finalize (st);
              i++;
              continue;
            }
          sqlite3_finalize (st);
          g_set_error (error, CG_ERROR, CG_ERROR_DB, _("cannot delete old recordings: %s"), msg);
          return freed;
        }
      for (guint k = 0; k < batch->len; k++)
        {
          Victim *v = &g_array_index (batch, Victim, k);
          remove_file (s->config->data_dir, v->path);
          g_free (v->path);
        }
      deleted += batch->len;
      freed += batch_bytes;
      g_array_unref (batch);
      i = j;
    }
  if (deleted > 0)
    {
      g_autofree char *f = cg_format_bytes (freed);
      g_message ("deleted %d old segments (%s) to keep within the storage limits", deleted, f);
    }
  return freed;
}

/* ---- thinning --------------------------------------------------------- */

typedef struct {
  char *path;
  gint64 bytes, frames, keyframes;
  gboolean has_audio;
  GBytes *index;
} Row;

static gboolean
load_row (sqlite3 *h, gint64 id, Row *row)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h, "SELECT path, bytes, frames, keyframes, has_audio, keyframe_index FROM segments"
                      " WHERE id = ? AND state = 'complete' AND thinned = 0 AND" NOT_EVIDENCE,
                      -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, id);
  gboolean ok = sqlite3_step (st) == SQLITE_ROW;
  if (ok)
    *row = (Row) {
      .path = g_strdup ((const char *) sqlite3_column_text (st, 0)),
      .bytes = sqlite3_column_int64 (st, 1),
      .frames = sqlite3_column_int64 (st, 2),
      .keyframes = sqlite3_column_int64 (st, 3),
      .has_audio = sqlite3_column_int (st, 4),
      .index = g_bytes_new (sqlite3_column_blob (st, 5), sqlite3_column_bytes (st, 5)),
    };
  sqlite3_finalize (st);
  return ok;
}

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->path, g_free);
  g_clear_pointer (&row->index, g_bytes_unref);
}

static int
update_row (sqlite3 *h, gint64 id, const char *where, gint64 bytes, gint64 frames,
            gint64 keyframes, gboolean has_audio, GBytes *index, gboolean thinned,
            gint64 original_bytes)
{
  g_autofree char *sql = g_strdup_printf (
    "UPDATE segments SET bytes = ?, frames = ?, keyframes = ?, has_audio = ?, keyframe_index = ?,"
    " thinned = ?, original_bytes = ? WHERE id = ? %s", where);
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    return rc;
  gsize n = 0;
  const void *p = index != NULL ? g_bytes_get_data (index, &n) : NULL;
  sqlite3_bind_int64 (st, 1, bytes);
  sqlite3_bind_int64 (st, 2, frames);
  sqlite3_bind_int64 (st, 3, keyframes);
  sqlite3_bind_int (st, 4, has_audio);
  sqlite3_bind_blob (st, 5, p, (int) n, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 6, thinned);
  if (original_bytes > 0)
    sqlite3_bind_int64 (st, 7, original_bytes);
  sqlite3_bind_int64 (st, 8, id);
  rc = exec_step (h, st);
  if (rc == SQLITE_OK && sqlite3_changes (h) != 1)
    rc = SQLITE_NOTFOUND;
  sqlite3_finalize (st);
  return rc;
}

/* Thins one segment; FALSE only when the disk or database refuses
 * writes (the caller stops thinning for this cycle). */
static gboolean
thin_one (CgStorage *s, gint64 id, guint64 *saved, GError **error)
{
  sqlite3 *h = cg_db_handle (s->db);
  Row row;
  if (!load_row (h, id, &row))
    return TRUE;
  g_autofree char *abs = g_build_filename (s->config->data_dir, row.path, NULL);
  g_autofree char *tmp = g_strconcat (abs, TMP_SUFFIX, NULL);
  g_unlink (tmp);
  CgThinResult res;
  g_autoptr (GError) local = NULL;
  if (!cg_thinner_run (abs, tmp, &s->stop, 0, &res, &local))
    {
      gboolean io = g_error_matches (local, CG_ERROR, CG_ERROR_IO);
      if (!g_atomic_int_get (&s->stop))
        g_warning ("%s", local->message);
      if (!io && !g_atomic_int_get (&s->stop) && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Not a segment we can read (damaged, not TS): keep it as it is
         * and do not try again. */
        update_row (h, id, "AND thinned = 0", row.bytes, row.frames, row.keyframes, row.has_audio,
                    row.index, TRUE, row.bytes);
      row_clear (&row);
      if (io)
        g_propagate_error (error, g_steal_pointer (&local));
      return !io;
    }
  int rc;
  if (res.bytes >= row.bytes)
    {
      /* All keyframes already (GOP of one frame): nothing to gain. */
      g_unlink (tmp);
      rc = update_row (h, id, "AND thinned = 0", row.bytes, row.frames, row.keyframes, row.has_audio,
                       row.index, TRUE, row.bytes);
    }
  else
    {
      rc = update_row (h, id, "AND thinned = 0 AND state = 'complete' AND" NOT_EVIDENCE, res.bytes,
                       res.frames, res.keyframes, FALSE, res.index, TRUE, row.bytes);
      if (rc != SQLITE_OK)
        g_unlink (tmp);
      else
        {
          if (s->pause_us > 0)
            g_usleep (s->pause_us);
          if (g_rename (tmp, abs) != 0)
            {
              int err = errno;
              /* The row goes back to describing the original. */
              update_row (h, id, "", row.bytes, row.frames, row.keyframes, row.has_audio, row.index,
                          FALSE, 0);
              g_unlink (tmp);
              g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot replace %s: %s"), abs,
                           g_strerror (err));
              cg_thin_result_clear (&res);
              row_clear (&row);
              return FALSE;
            }
          fsync_dir_of (abs);
          *saved += (guint64) (row.bytes - res.bytes);
          g_debug ("thinned %s: %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " bytes", abs, row.bytes,
                   res.bytes);
        }
    }
  cg_thin_result_clear (&res);
  row_clear (&row);
  if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DB, _("cannot record a thinned segment: %s"),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* ---- one cycle -------------------------------------------------------- */

typedef struct {
  GArray *segments; /* CgRetentionSegment */
  GArray *ranges;   /* CgRetentionRange */
  GArray *cameras;  /* CgRetentionCamera */
} Inputs;

static void
inputs_clear (Inputs *in)
{
  g_clear_pointer (&in->segments, g_array_unref);
  g_clear_pointer (&in->ranges, g_array_unref);
  g_clear_pointer (&in->cameras, g_array_unref);
}

static gboolean
load_inputs (sqlite3 *h, Inputs *in, GError **error)
{
  in->segments = g_array_new (FALSE, FALSE, sizeof (CgRetentionSegment));
  in->ranges = g_array_new (FALSE, FALSE, sizeof (CgRetentionRange));
  in->cameras = g_array_new (FALSE, FALSE, sizeof (CgRetentionCamera));
  sqlite3_stmt *st = NULL;
  /* One read transaction: a consistent picture. */
  sqlite3_exec (h, "BEGIN", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (h, "SELECT id, camera_id, start_us, coalesce(end_us, start_us), bytes, thinned"
                          " FROM segments WHERE state = 'complete'", -1, &st, NULL) != SQLITE_OK)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CgRetentionSegment s = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                               sqlite3_column_int64 (st, 2), sqlite3_column_int64 (st, 3),
                               sqlite3_column_int64 (st, 4), sqlite3_column_int (st, 5) };
      g_array_append_val (in->segments, s);
    }
  sqlite3_finalize (st);
  if (sqlite3_prepare_v2 (h, "SELECT camera_id, from_us, to_us FROM evidence_ranges", -1, &st, NULL)
      != SQLITE_OK)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CgRetentionRange r = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                             sqlite3_column_int64 (st, 2) };
      g_array_append_val (in->ranges, r);
    }
  sqlite3_finalize (st);
  if (sqlite3_prepare_v2 (h, "SELECT id, coalesce(full_rate_us, 0), coalesce(retention_target_us, 0)"
                          " FROM cameras WHERE full_rate_us IS NOT NULL OR retention_target_us IS NOT NULL",
                          -1, &st, NULL) != SQLITE_OK)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CgRetentionCamera c = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                              sqlite3_column_int64 (st, 2) };
      g_array_append_val (in->cameras, c);
    }
  sqlite3_finalize (st);
  sqlite3_exec (h, "COMMIT", NULL, NULL, NULL);
  return TRUE;
fail:
  cg_db_fail (h, "storage", error);
  sqlite3_exec (h, "ROLLBACK", NULL, NULL, NULL);
  inputs_clear (in);
  return FALSE;
}

typedef struct {
  CgStorageAlertHook hook;
  gpointer data;
  JsonNode *alert;
} Notice;

static gboolean
deliver (gpointer data)
{
  Notice *n = data;
  n->hook (n->data, n->alert);
  json_node_unref (n->alert);
  g_free (n);
  return G_SOURCE_REMOVE;
}

/* Publishes the alerts; each code is notified when it appears. */
static void
publish (CgStorage *s, JsonArray *alerts)
{
  GHashTable *now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *a = json_array_get_object_element (alerts, i);
      const char *code = json_object_get_string_member (a, "code");
      g_hash_table_add (now, g_strdup (code));
      if (!g_hash_table_contains (s->alerted, code))
        {
          g_warning ("storage alert: %s", json_object_get_string_member (a, "message"));
          if (s->hook != NULL)
            {
              Notice *n = g_new (Notice, 1);
              n->hook = s->hook;
              n->data = s->hook_data;
              n->alert = json_node_copy (json_array_get_element (alerts, i));
              /* The manager is freed after the main loop has stopped, so
               * a notice still queued then is never delivered. */
              g_main_context_invoke (NULL, deliver, n);
            }
        }
    }
  g_hash_table_unref (s->alerted);
  s->alerted = now;
  JsonNode *node = json_node_init_array (json_node_alloc (), json_array_ref (alerts));
  cg_storage_state_set_alerts (s->state, node);
}

/* One pass of the policy; TRUE when near a limit (see CYCLE_PRESSED_US). */
static gboolean
cycle (CgStorage *s, gboolean urgent)
{
  gboolean pressed = FALSE;
  sqlite3 *h = cg_db_handle (s->db);
  g_autoptr (JsonArray) alerts = json_array_new ();
  g_autoptr (GError) error = NULL;
  gint64 now = cg_time_now_us ();
  CgStorageReport report;
  Inputs in = { 0 };
  CgRetentionPlan plan = { 0 };
  gboolean planned = FALSE;
  if (cg_storage_report_gather (h, s->config, now, &report, &error) && load_inputs (h, &in, &error))
    {
      CgRetentionInput input = {
        .now_us = now,
        .full_rate_us = s->config->full_rate_us,
        .retention_target_us = s->config->retention_target_us,
        .quota_bytes = report.disk_known ? MIN (report.quota_bytes, report.disk_bytes) : report.quota_bytes,
        .min_free_bytes = report.disk_known ? report.min_free_bytes : 0,
        /* A writer met a full disk: whatever min_free says, room is made
         * for capture to go on. */
        .free_bytes = report.free_bytes,
        .reserve_bytes = cg_storage_reserve_bytes (report.disk_bytes, report.min_free_bytes),
        .segments = (CgRetentionSegment *) in.segments->data, .n_segments = in.segments->len,
        .ranges = (CgRetentionRange *) in.ranges->data, .n_ranges = in.ranges->len,
        .cameras = (CgRetentionCamera *) in.cameras->data, .n_cameras = in.cameras->len,
      };
      if (urgent && report.disk_known)
        {
          guint64 room = MAX (16 << 20, report.disk_bytes / 100);
          input.min_free_bytes = MAX (input.min_free_bytes, room);
          input.reserve_bytes = MAX (input.reserve_bytes, MIN (room, input.min_free_bytes));
        }
      cg_retention_plan (&input, &plan);
      planned = TRUE;
      if (plan.delete_ids->len > 0)
        delete_segments (s, plan.delete_ids, &error);
      gint64 until = g_get_monotonic_time () + (s->pressed ? THIN_BUDGET_US / 10 : THIN_BUDGET_US);
      guint64 saved = 0;
      int thinned = 0;
      for (guint i = 0; error == NULL && i < plan.thin_ids->len; i++)
        {
          if (g_atomic_int_get (&s->stop) || g_atomic_int_get (&s->requested)
              || g_get_monotonic_time () > until)
            break;
          if (!thin_one (s, g_array_index (plan.thin_ids, gint64, i), &saved, &error))
            break;
          thinned++;
          g_usleep (THIN_GAP_US);
        }
      if (thinned > 0)
        {
          g_autofree char *f = cg_format_bytes (saved);
          g_message ("thinned %d segments to keyframes only, %s saved", thinned, f);
        }
      cg_storage_report_clear (&report);
    }
  /* The alerts describe the state after this cycle's work. */
  if (cg_storage_report_gather (h, s->config, cg_time_now_us (), &report, error == NULL ? &error : NULL))
    {
      cg_storage_report_alerts (&report, planned ? &plan : NULL, alerts);
      /* Pressed when a limit is less than two cycles' writing away. */
      double per_day = 0;
      for (guint i = 0; i < report.cameras->len; i++)
        per_day += report.rates[i].bytes_per_day;
      double soon = per_day * 2 * CYCLE_US / CG_RETENTION_DAY_US;
      pressed = (planned && plan.delete_ids->len > 0)
                || (double) report.used_bytes + soon >= (double) report.limit_bytes
                || (double) report.free_bytes < (double) report.min_free_bytes + soon;
      cg_storage_report_clear (&report);
    }
  if (error != NULL)
    json_array_add_element (alerts, cg_storage_alert_new (CG_ALERT_DISK_ERROR, error->message, NULL));
  if (planned)
    cg_retention_plan_clear (&plan);
  inputs_clear (&in);
  publish (s, alerts);
  return pressed;
}

static gpointer
manager_thread (gpointer data)
{
  CgStorage *s = data;
  /* Linux priorities are per thread: this one yields CPU and disk. */
  pid_t tid = (pid_t) syscall (SYS_gettid);
  if (setpriority (PRIO_PROCESS, (id_t) tid, 19) != 0)
    g_debug ("cannot lower the storage thread's priority: %s", g_strerror (errno));
#ifdef SYS_ioprio_set
  /* IOPRIO_WHO_PROCESS, class IDLE (3) shifted by IOPRIO_CLASS_SHIFT (13). */
  if (syscall (SYS_ioprio_set, 1, (int) tid, 3 << 13) != 0)
    g_debug ("cannot set the storage thread's I/O class: %s", g_strerror (errno));
#endif
  while (!g_atomic_int_get (&s->stop))
    {
      if (g_atomic_int_get (&s->requested))
        {
          g_message ("a writer found the disk full: applying the storage policy now");
          s->full_at = g_get_monotonic_time ();
        }
      g_atomic_int_set (&s->requested, 0);
      /* The disk stays suspect for a minute after it was last full. */
      gboolean urgent = s->full_at > 0 && g_get_monotonic_time () - s->full_at < 60 * G_USEC_PER_SEC;
      s->pressed = cycle (s, urgent) || urgent;
      gint64 until = g_get_monotonic_time () + (s->pressed ? CYCLE_PRESSED_US : CYCLE_US);
      g_mutex_lock (&s->mutex);
      while (!g_atomic_int_get (&s->stop) && !g_atomic_int_get (&s->requested)
             && g_cond_wait_until (&s->cond, &s->mutex, until))
        ;
      g_mutex_unlock (&s->mutex);
    }
  return NULL;
}

CgStorage *
cg_storage_new (const CgConfig *config, const char *db_path, CgStorageState *state,
                CgStorageAlertHook hook, gpointer hook_data, GError **error)
{
  CgDb *db = cg_db_open (db_path, CG_DB_READ_WRITE, error);
  if (db == NULL)
    return NULL;
  cg_storage_recover_thinning (cg_db_handle (db), config->data_dir);
  CgStorage *s = g_new0 (CgStorage, 1);
  s->config = config;
  s->db = db;
  s->state = state;
  s->hook = hook;
  s->hook_data = hook_data;
  s->alerted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *pause = g_getenv ("CANHGAC_TEST_THIN_PAUSE_MS");
  if (pause != NULL)
    s->pause_us = g_ascii_strtoll (pause, NULL, 10) * 1000;
  g_mutex_init (&s->mutex);
  g_cond_init (&s->cond);
  g_mutex_lock (&active_mutex);
  active = s;
  g_mutex_unlock (&active_mutex);
  s->thread = g_thread_new ("storage", manager_thread, s);
  return s;
}

static void
wake (CgStorage *s, gint *flag)
{
  g_mutex_lock (&s->mutex);
  g_atomic_int_set (flag, 1);
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->mutex);
}

void
cg_storage_request_cleanup (void)
{
  g_mutex_lock (&active_mutex);
  if (active != NULL)
    wake (active, &active->requested);
  g_mutex_unlock (&active_mutex);
}

void
cg_storage_free (CgStorage *s)
{
  if (s == NULL)
    return;
  g_mutex_lock (&active_mutex);
  active = NULL;
  g_mutex_unlock (&active_mutex);
  wake (s, &s->stop);
  g_thread_join (s->thread);
  g_hash_table_unref (s->alerted);
  cg_db_close (s->db);
  g_mutex_clear (&s->mutex);
  g_cond_clear (&s->cond);
  g_free (s);
}
