/* storage/manager.c — the storage manager thread. */
#define G_LOG_DOMAIN "canhgac-storage"
#include "build-config.h"

#include "daemon/storage/manager.h"

#include "common/alert.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/db/db.h"
#include "daemon/db/segments.h"
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
/* Who the audit log says did what the policy did. */
#define AUDIT_USER "canhgacd"

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
  /* Test hooks (environment, see cg_storage_new): a pause between the
   * row update and the rename, and a step to stop at for good. */
  gint64 pause_us;
  char *stop_at;
};

/* The configuration in effect: a reload replaces it whole while the
 * thread runs (the old one stays valid until the daemon exits), so each
 * use reads the pointer once, atomically. */
static const CgConfig *
config_of (const CgStorage *s)
{
  return g_atomic_pointer_get ((const CgConfig **) &s->config);
}

void
cg_storage_set_config (CgStorage *s, const CgConfig *config)
{
  g_atomic_pointer_set (&s->config, config);
}

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

/* Test hook: at the step CANHGAC_TEST_STORAGE_STOP_AT names, the thread
 * says so and waits for the daemon to stop (or to be killed), so that a
 * test can cut the power between two steps. */
static void
test_step (CgStorage *s, const char *step)
{
  if (s->stop_at == NULL || !g_str_equal (s->stop_at, step))
    return;
  g_message ("test: the storage manager stops at %s", step);
  g_mutex_lock (&s->mutex);
  while (!g_atomic_int_get (&s->stop))
    g_cond_wait (&s->cond, &s->mutex);
  g_mutex_unlock (&s->mutex);
}

/* The protection rule's cut-off as of now (db/segments.h): asked again
 * for every statement, so that an incident closed long ago is released
 * on time and one closed a moment ago is not. */
static gint64
kept_from (const CgStorage *s)
{
  return cg_db_evidence_kept_from (cg_time_now_us (), config_of (s)->keep_days_after_close);
}

gboolean
cg_storage_day_dir_removable (const char *day, GDateTime *now)
{
  /* Capture makes today's directory for each new segment: removing it
   * races with that (capture tries again, but need not have to).  And
   * near midnight, or with the clock set back, yesterday's may still be
   * today's for a camera; the days before cannot be. */
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *keep_from = g_date_time_format (yesterday, "%Y-%m-%d");
  return strcmp (day, keep_from) < 0;
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
  g_auto (CgDbSegment) row = { 0 };
  gboolean found = FALSE;
  g_autoptr (GError) error = NULL;
  if (!cg_db_segment_find_path (h, rel, &row, &found, &error))
    {
      /* Which of the two files the row describes cannot be told now: both
       * stay, for the next start to settle. */
      g_warning ("%s: %s", abs_tmp, error->message);
      return;
    }
  gboolean roll_forward = found && row.thinned && row.bytes == tmp_bytes;
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

static void
remove_file (const char *data_dir, const char *rel)
{
  g_autofree char *abs = g_build_filename (data_dir, rel, NULL);
  if (g_unlink (abs) != 0 && errno != ENOENT)
    g_warning ("cannot remove %s: %s", abs, g_strerror (errno));
  /* The day's directory goes with its last segment (rmdir fails while
   * it holds any), unless capture may still be writing into it. */
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *day = g_path_get_basename (dir);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  if (cg_storage_day_dir_removable (day, now))
    g_rmdir (dir);
}

/* "reason=quota bytes=4194304": the detail of a storage audit row. */
static gboolean
audit_segment (sqlite3 *h, const char *action, gint64 camera_id, gint64 start_us,
               const char *detail, GError **error)
{
  g_autofree char *object = cg_db_segment_audit_object (camera_id, start_us);
  return cg_audit_append (h, cg_time_now_us (), AUDIT_USER, action, object, detail, error);
}

/* Deletes the rows of ids[from...], DELETE_BATCH at most, in one
 * transaction with their audit rows.  files gets the paths of the rows
 * deleted, to be removed once committed (never before: a rolled-back row
 * must keep its file); *next is where the following batch starts. */
static gboolean
delete_rows (sqlite3 *h, const GArray *ids, guint from, const char *reason, gint64 kept_from_us,
             guint *next, GPtrArray *files, guint64 *bytes, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("deleting old recordings"),
                                                error);
  if (tx == NULL)
    return FALSE;
  guint j = from;
  for (; j < ids->len && j < from + DELETE_BATCH; j++)
    {
      g_auto (CgDbSegment) gone = { 0 };
      if (!cg_db_segment_delete_unprotected (h, g_array_index (ids, gint64, j), kept_from_us, &gone,
                                             error))
        return FALSE;
      if (gone.path == NULL)
        continue;
      g_autofree char *detail = g_strdup_printf ("reason=%s bytes=%" G_GINT64_FORMAT, reason,
                                                 gone.bytes);
      if (!audit_segment (h, "storage.delete", gone.camera_id, gone.start_us, detail, error))
        return FALSE;
      g_ptr_array_add (files, g_steal_pointer (&gone.path));
      *bytes += (guint64) MAX (gone.bytes, 0);
    }
  /* Durable before any file goes (synchronous = FULL, cg_storage_new). */
  if (!cg_db_commit (tx, error))
    return FALSE;
  *next = j;
  return TRUE;
}

/* When the database itself cannot write (the disk is full to the last
 * byte), the file of segment id goes first, to give SQLite the room to
 * record deletions; its row is then marked lost, with its audit row (or,
 * if even that fails, at start-up).  FALSE: the segment is protected,
 * damaged or gone. */
static gboolean
make_room (CgStorage *s, gint64 id, const char *why)
{
  sqlite3 *h = cg_db_handle (s->db);
  g_auto (CgDbSegment) row = { 0 };
  gboolean found = FALSE;
  g_autoptr (GError) error = NULL;
  if (!cg_db_segment_get_removable (h, id, kept_from (s), &row, &found, &error))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  if (!found)
    return FALSE;
  g_warning ("the database cannot write (%s): removing %s first", why, row.path);
  remove_file (config_of (s)->data_dir, row.path);
  g_autofree char *detail = g_strdup_printf ("reason=database_full bytes=%" G_GINT64_FORMAT,
                                             row.bytes);
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("deleting old recordings"),
                                                &error);
  if (tx == NULL || !cg_db_segment_mark_lost (h, id, &error)
      || !audit_segment (h, "storage.delete", row.camera_id, row.start_us, detail, &error)
      || !cg_db_commit (tx, &error))
    g_warning ("%s: %s", row.path, error->message);
  return TRUE;
}

/* Deletes rows then files, DELETE_BATCH rows a transaction. */
static guint64
delete_segments (CgStorage *s, const GArray *ids, const char *reason, GError **error)
{
  sqlite3 *h = cg_db_handle (s->db);
  guint64 freed = 0;
  int deleted = 0;
  for (guint i = 0; i < ids->len && !g_atomic_int_get (&s->stop);)
    {
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      guint64 batch_bytes = 0;
      g_autoptr (GError) local = NULL;
      if (!delete_rows (h, ids, i, reason, kept_from (s), &i, files, &batch_bytes, &local))
        {
          if (g_error_matches (local, CG_ERROR, CG_ERROR_DB_DISK)
              && make_room (s, g_array_index (ids, gint64, i), local->message))
            {
              i++;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return freed;
        }
      if (files->len > 0)
        test_step (s, "delete.committed");
      for (guint k = 0; k < files->len; k++)
        remove_file (config_of (s)->data_dir, files->pdata[k]);
      deleted += files->len;
      freed += batch_bytes;
      if (files->len > 0)
        test_step (s, "delete.removed");
    }
  if (deleted > 0)
    {
      g_autofree char *f = cg_format_bytes (freed);
      g_message ("deleted %d old segments (%s) to keep within the storage limits", deleted, f);
    }
  return freed;
}

/* ---- thinning --------------------------------------------------------- */

/* The thinned row and its audit row, in one transaction made durable
 * before the file is replaced.  *changed FALSE: the segment became
 * protected (or was thinned, or is gone) meanwhile. */
static gboolean
record_thinned (sqlite3 *h, const CgDbSegment *row, const CgDbSegment *thin, gint64 kept_from_us,
                gboolean *changed, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("updating the recordings"),
                                                error);
  if (tx == NULL
      || !cg_db_segment_set_contents (h, row->id, thin, CG_DB_SEGMENT_THINNABLE, kept_from_us,
                                      changed, error))
    return FALSE;
  if (*changed)
    {
      g_autofree char *detail = g_strdup_printf (
        "reason=full_rate_days bytes=%" G_GINT64_FORMAT " thinned_bytes=%" G_GINT64_FORMAT,
        row->bytes, thin->bytes);
      if (!audit_segment (h, "storage.thin", row->camera_id, row->start_us, detail, error))
        return FALSE;
    }
  return cg_db_commit (tx, error);
}

/* The rename failed: the row goes back to describing the original, and
 * the audit log says the thinning did not happen after all. */
static void
undo_thinned (sqlite3 *h, const CgDbSegment *row, const char *why)
{
  CgDbSegment original = *row;
  original.original_bytes = 0;
  gboolean changed = FALSE;
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = g_strdup_printf ("reason=%s bytes=%" G_GINT64_FORMAT, why, row->bytes);
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("updating the recordings"),
                                                &error);
  if (tx == NULL
      || !cg_db_segment_set_contents (h, row->id, &original, CG_DB_SEGMENT_ANY, 0, &changed, &error)
      || !audit_segment (h, "storage.thin_undone", row->camera_id, row->start_us, detail, &error)
      || !cg_db_commit (tx, &error))
    g_warning ("%s: %s", row->path, error->message);
}

/* Thins one segment; FALSE only when the disk or database refuses
 * writes (the caller stops thinning for this cycle). */
static gboolean
thin_one (CgStorage *s, gint64 id, guint64 *saved, GError **error)
{
  sqlite3 *h = cg_db_handle (s->db);
  g_auto (CgDbSegment) row = { 0 };
  gboolean found = FALSE;
  if (!cg_db_segment_get_thinnable (h, id, kept_from (s), &row, &found, error))
    return FALSE;
  if (!found)
    return TRUE;
  g_autofree char *abs = g_build_filename (config_of (s)->data_dir, row.path, NULL);
  g_autofree char *tmp = g_strconcat (abs, TMP_SUFFIX, NULL);
  g_unlink (tmp);
  /* The row as it is, marked thinned: for segments thinning cannot
   * shrink, so that they are not tried again.  The file is not touched:
   * nothing for the audit log. */
  CgDbSegment as_is = row;
  as_is.thinned = TRUE;
  as_is.original_bytes = row.bytes;
  gboolean changed = FALSE;
  CgThinResult res;
  g_autoptr (GError) local = NULL;
  if (!cg_thinner_run (abs, tmp, &s->stop, 0, &res, &local))
    {
      gboolean io = g_error_matches (local, CG_ERROR, CG_ERROR_IO);
      if (!g_atomic_int_get (&s->stop))
        g_warning ("%s", local->message);
      if (io)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Not a segment we can read (damaged, not TS): keep it as it is
       * and do not try again. */
      if (!g_atomic_int_get (&s->stop) && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return cg_db_segment_set_contents (h, id, &as_is, CG_DB_SEGMENT_UNTHINNED, 0, &changed, error);
      return TRUE;
    }
  gboolean ok;
  if (res.bytes >= row.bytes)
    {
      /* All keyframes already (GOP of one frame): nothing to gain. */
      g_unlink (tmp);
      ok = cg_db_segment_set_contents (h, id, &as_is, CG_DB_SEGMENT_UNTHINNED, 0, &changed, error);
    }
  else
    {
      CgDbSegment thin = {
        .bytes = res.bytes, .frames = res.frames, .keyframes = res.keyframes,
        .has_audio = FALSE, .keyframe_index = res.index, .thinned = TRUE,
        .original_bytes = row.bytes, .sha256 = res.sha256,
      };
      ok = record_thinned (h, &row, &thin, kept_from (s), &changed, error);
      if (!ok || !changed)
        g_unlink (tmp);
      else
        {
          test_step (s, "thin.committed");
          if (s->pause_us > 0)
            g_usleep (s->pause_us);
          if (g_rename (tmp, abs) != 0)
            {
              int err = errno;
              undo_thinned (h, &row, "rename_failed");
              g_unlink (tmp);
              g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot replace %s: %s"), abs,
                           g_strerror (err));
              cg_thin_result_clear (&res);
              return FALSE;
            }
          fsync_dir_of (abs);
          test_step (s, "thin.renamed");
          *saved += (guint64) (row.bytes - res.bytes);
          g_debug ("thinned %s: %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " bytes", abs, row.bytes,
                   res.bytes);
        }
    }
  cg_thin_result_clear (&res);
  return ok;
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

static void
add_retention_segment (const CgDbSegment *s, gpointer data)
{
  GArray *segments = data;
  CgRetentionSegment r = { s->id, s->camera_id, s->start_us, s->end_us, s->bytes, s->thinned,
                           s->damaged };
  g_array_append_val (segments, r);
}

static void
add_retention_range (gint64 camera_id, gint64 from_us, gint64 to_us, gpointer data)
{
  CgRetentionRange r = { camera_id, from_us, to_us };
  g_array_append_val ((GArray *) data, r);
}

static gboolean
read_inputs (sqlite3 *h, gint64 kept_from_us, Inputs *in, GError **error)
{
  const char *what = _("reading the recordings");
  /* One read transaction: a consistent picture. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, what, error);
  if (tx == NULL || !cg_db_segments_foreach_complete (h, add_retention_segment, in->segments, error))
    return FALSE;
  /* The evidence in force, by the same rule as the statements that
   * delete and thin: what the plan sets aside is what they spare. */
  if (!cg_db_evidence_foreach_in_force (h, kept_from_us, add_retention_range, in->ranges, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) cameras = cg_db_prepare (
    h, "SELECT id, coalesce(full_rate_us, 0), coalesce(retention_target_us, 0)"
       " FROM cameras WHERE full_rate_us IS NOT NULL OR retention_target_us IS NOT NULL",
    what, error);
  if (cameras == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (cameras)) == SQLITE_ROW)
    {
      CgRetentionCamera c = { sqlite3_column_int64 (cameras, 0), sqlite3_column_int64 (cameras, 1),
                              sqlite3_column_int64 (cameras, 2) };
      g_array_append_val (in->cameras, c);
    }
  return rc == SQLITE_DONE || cg_db_fail (h, what, error);
}

static gboolean
load_inputs (sqlite3 *h, gint64 kept_from_us, Inputs *in, GError **error)
{
  in->segments = g_array_new (FALSE, FALSE, sizeof (CgRetentionSegment));
  in->ranges = g_array_new (FALSE, FALSE, sizeof (CgRetentionRange));
  in->cameras = g_array_new (FALSE, FALSE, sizeof (CgRetentionCamera));
  if (read_inputs (h, kept_from_us, in, error))
    return TRUE;
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

/* Why the plan deletes, for the audit log: "quota", "min_free" (or
 * "disk_full" when a writer met a full disk), or both joined by "+". */
static char *
delete_reason (const CgRetentionPlan *plan, gboolean urgent)
{
  GString *r = g_string_new (plan->over_quota ? "quota" : "");
  if (plan->under_min_free || r->len == 0)
    g_string_append_printf (r, "%s%s", r->len > 0 ? "+" : "", urgent ? "disk_full" : "min_free");
  return g_string_free (r, FALSE);
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
  gint64 kept_from_us = cg_db_evidence_kept_from (now, config_of (s)->keep_days_after_close);
  if (cg_storage_report_gather (h, config_of (s), now, &report, &error)
      && load_inputs (h, kept_from_us, &in, &error))
    {
      CgRetentionInput input = {
        .now_us = now,
        .full_rate_us = config_of (s)->full_rate_us,
        .retention_target_us = config_of (s)->retention_target_us,
        .quota_bytes = cg_storage_recordings_quota (&report),
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
        {
          g_autofree char *reason = delete_reason (&plan, urgent);
          delete_segments (s, plan.delete_ids, reason, &error);
        }
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
  if (cg_storage_report_gather (h, config_of (s), cg_time_now_us (), &report, error == NULL ? &error : NULL))
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
  cg_storage_state_add_writer_alert (s->state, alerts);
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
  /* A test looks at what the start-up left, before any policy. */
  test_step (s, "start");
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
  /* Each row change here is acted on at once: a file renamed over, or
   * removed.  With the daemon's synchronous = NORMAL a power cut could
   * undo a committed row after the file was changed (a thinned file
   * under a full-rate row, a deleted file under a complete one).  FULL
   * makes every commit of this connection fsync the WAL before it
   * returns: one fsync per thinned segment or batch of deletions, on
   * this connection only.  (A checkpoint after each commit would copy
   * every page into the database file as well, and must wait for the
   * readers; fsyncing the WAL ourselves is not ours to do.) */
  if (!cg_db_exec (db, "PRAGMA synchronous = FULL", error))
    {
      cg_db_close (db);
      return NULL;
    }
  cg_storage_recover_thinning (cg_db_handle (db), config->data_dir);
  CgStorage *s = g_new0 (CgStorage, 1);
  s->config = config;
  s->db = db;
  s->state = state;
  s->hook = hook;
  s->hook_data = hook_data;
  s->alerted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Test hooks, documented in tests/integration/lib.sh; never set in
   * production. */
  const char *pause = g_getenv ("CANHGAC_TEST_THIN_PAUSE_MS");
  if (pause != NULL)
    s->pause_us = g_ascii_strtoll (pause, NULL, 10) * 1000;
  s->stop_at = g_strdup (g_getenv ("CANHGAC_TEST_STORAGE_STOP_AT"));
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
  g_free (s->stop_at);
  g_free (s);
}
