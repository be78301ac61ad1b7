/* export/exporter.c — the export thread. */
#define G_LOG_DOMAIN "canhgac-export"
#include "build-config.h"

#include "daemon/export/exporter.h"

#include "common/error.h"
#include "common/file_digest.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/db/db.h"
#include "daemon/db/exports.h"
#include "daemon/db/segments.h"
#include "daemon/export/mp4.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define EXPORTS_DIR "exports"
#define TMP_SUFFIX ".tmp"
/* Progress is told at most this often. */
#define PROGRESS_EVERY_US (500 * 1000)

struct CgExporter {
  const CgConfig *config;
  CgDb *db;
  CgExporterHook hook;
  gpointer hook_data;
  GThread *thread;
  GMutex mutex;
  GCond cond;
  GQueue jobs;           /* CgExportJob waiting */
  CgExportJob *current;  /* being made */
  gint cancel;           /* the current one is to stop */
  gint percent;          /* of the current one */
  GHashTable *cancelled; /* ids of waiting ones to drop when their turn comes */
  gboolean stop;
  gint64 pace_us;        /* test hook */
};

/* ---- jobs ---------------------------------------------------------------- */

static void
job_source_clear (gpointer p)
{
  g_free (((CgExportJobSource *) p)->path);
}

CgExportJob *
cg_export_job_new (void)
{
  CgExportJob *job = g_new0 (CgExportJob, 1);
  job->sources = g_array_new (FALSE, TRUE, sizeof (CgExportJobSource));
  g_array_set_clear_func (job->sources, job_source_clear);
  job->gaps = cg_db_export_gaps_new ();
  return job;
}

void
cg_export_job_free (CgExportJob *job)
{
  if (job == NULL)
    return;
  g_free (job->camera_name);
  g_free (job->user);
  g_array_unref (job->sources);
  g_array_unref (job->gaps);
  g_free (job);
}

/* ---- telling the client -------------------------------------------------- */

typedef struct {
  CgExporterHook hook;
  gpointer data;
  guint client;
  JsonNode *params;
  gboolean droppable;
} Notice;

static gboolean
deliver (gpointer data)
{
  Notice *n = data;
  n->hook (n->data, n->client, "export.progress", n->params, n->droppable);
  json_node_unref (n->params);
  g_free (n);
  return G_SOURCE_REMOVE;
}

/* export.progress {export, state, percent, and sha256 and bytes once
 * complete, or error once failed}; takes error_node. */
static void
tell (CgExporter *x, const CgExportJob *job, CgDbExportState state, int percent,
      const CgDbExport *done, JsonNode *error_node)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "export");
  json_builder_add_int_value (b, job->id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, cg_db_export_state_name (state));
  json_builder_set_member_name (b, "percent");
  json_builder_add_int_value (b, percent);
  if (done != NULL)
    {
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, done->sha256);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, done->bytes);
    }
  if (error_node != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_value (b, error_node);
    }
  json_builder_end_object (b);
  if (x->hook == NULL || job->client == 0)
    return;
  Notice *n = g_new0 (Notice, 1);
  n->hook = x->hook;
  n->data = x->hook_data;
  n->client = job->client;
  n->params = json_builder_get_root (b);
  /* Only the last word matters: progress may be dropped for a slow
   * client, the outcome never. */
  n->droppable = state == CG_DB_EXPORT_RUNNING;
  /* Delivered by the main loop; one still queued when the daemon stops
   * is dropped with it. */
  g_main_context_invoke (NULL, deliver, n);
}

typedef struct {
  CgExporter *x;
  const CgExportJob *job;
  gint64 told_us;
} Progress;

static void
on_progress (gpointer data, gint64 done_us)
{
  Progress *p = data;
  int percent = p->job->duration_us > 0 ? (int) CLAMP (done_us * 100 / p->job->duration_us, 0, 99) : 0;
  if (percent == g_atomic_int_get (&p->x->percent))
    return;
  g_atomic_int_set (&p->x->percent, percent);
  gint64 now = g_get_monotonic_time ();
  if (now - p->told_us < PROGRESS_EVERY_US)
    return;
  p->told_us = now;
  tell (p->x, p->job, CG_DB_EXPORT_RUNNING, percent, NULL, NULL);
}

/* ---- files --------------------------------------------------------------- */

static char *
export_path (const CgExporter *x, gint64 id, const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT ".mp4%s", id, suffix);
  return g_build_filename (x->config->data_dir, EXPORTS_DIR, name, NULL);
}

static gboolean
fsync_path (const char *path, gboolean directory, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0 || fsync (fd) != 0)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot flush %s to the disk: %s"), path,
                   g_strerror (err));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* The full name the user database gives (the first field of GECOS), or
 * NULL.  Here and not on the main loop: the lookup may wait on LDAP. */
static char *
full_name_of (const char *user)
{
  struct passwd pw, *found = NULL;
  char buf[4096];
  if (getpwnam_r (user, &pw, buf, sizeof buf, &found) != 0 || found == NULL
      || found->pw_gecos == NULL)
    return NULL;
  g_autofree char *gecos = g_strndup (found->pw_gecos, strcspn (found->pw_gecos, ","));
  g_strstrip (gecos);
  return gecos[0] != '\0' && g_utf8_validate (gecos, -1, NULL) ? g_steal_pointer (&gecos) : NULL;
}

/* Why an export failed, as its row keeps it and the client is told: the
 * API's error object ({code, message, data}) as JSON text. */
static char *
error_json (const GError *error)
{
  g_autoptr (JsonNode) node = cg_rpc_error_to_json (error);
  return json_to_string (node, FALSE);
}

/* ---- one export -------------------------------------------------------- */

/* Opens and hashes a source: what is exported is the file whose digest
 * the record gives.  The row is read again once the file is open: the
 * storage manager may have thinned the segment since it was planned
 * (its row changes just before its file is renamed: a digest that
 * differs from the row's is tried again a few times). */
static gboolean
open_source (CgExporter *x, const CgExportJobSource *s, int *fd, CgDbExportSource *out,
             GError **error)
{
  sqlite3 *h = cg_db_handle (x->db);
  g_autofree char *abs = g_build_filename (x->config->data_dir, s->path, NULL);
  g_autofree char *when = cg_time_format_local (s->start_us, NULL);
  for (int attempt = 0;; attempt++)
    {
      *fd = open (abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      g_autoptr (GError) local = NULL;
      g_autofree char *digest = *fd >= 0 ? cg_fd_sha256 (*fd, s->path, &local) : NULL;
      if (digest == NULL)
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_IO,
                             N_("the footage from %s cannot be read (%s): it may have been "
                                "deleted meanwhile to make room; export again"),
                             when, local != NULL ? local->message : g_strerror (errno));
          if (*fd >= 0)
            close (*fd);
          *fd = -1;
          return FALSE;
        }
      g_auto (CgDbSegment) row = { 0 };
      gboolean found = FALSE;
      if (!cg_db_segment_get (h, s->segment_id, &row, NULL, &found, error))
        {
          close (*fd);
          *fd = -1;
          return FALSE;
        }
      found = found && g_strcmp0 (row.path, s->path) == 0;
      if (found && row.sha256 != NULL && !g_str_equal (row.sha256, digest) && attempt < 5)
        {
          close (*fd);
          g_usleep (200 * 1000);
          continue;
        }
      struct stat sb;
      *out = (CgDbExportSource) {
        .segment_id = s->segment_id, .start_us = s->start_us, .end_us = s->end_us,
        .from_us = s->from_us, .to_us = s->to_us,
        .bytes = fstat (*fd, &sb) == 0 ? sb.st_size : s->bytes,
        .sha256 = g_steal_pointer (&digest),
        .recorded_sha256 = found ? g_steal_pointer (&row.sha256) : NULL,
        .thinned = found ? row.thinned : s->thinned,
      };
      if (out->recorded_sha256 != NULL && !g_str_equal (out->recorded_sha256, out->sha256))
        g_warning ("%s: its digest %s is not the one recorded, %s: exported as it is, the "
                   "custody record shows both", s->path, out->sha256, out->recorded_sha256);
      return TRUE;
    }
}

/* The segments of an export, opened and hashed one at a time as the MP4
 * needs them (a day's export may have more segments than the daemon may
 * hold open), each recorded as it was read. */
typedef struct {
  CgExporter *x;
  const CgExportJob *job;
  CgDbExport *record;
  int *fds;
  gboolean *read;
} Sources;

static int
open_piece (gpointer data, guint i, GError **error)
{
  Sources *s = data;
  if (s->fds[i] >= 0)
    return s->fds[i];
  CgDbExportSource src;
  const CgExportJobSource *js = &g_array_index (s->job->sources, CgExportJobSource, i);
  if (!open_source (s->x, js, &s->fds[i], &src, error))
    return -1;
  if (s->read[i])
    {
      /* Read a second time: it must be what was hashed the first. */
      gboolean same = g_str_equal (src.sha256,
                                   g_array_index (s->record->sources, CgDbExportSource, i).sha256);
      g_free (src.sha256);
      g_free (src.recorded_sha256);
      if (!same)
        {
          close (s->fds[i]);
          s->fds[i] = -1;
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("%s changed while it was exported"),
                       js->path);
          return -1;
        }
      return s->fds[i];
    }
  s->read[i] = TRUE;
  g_array_index (s->record->sources, CgDbExportSource, i) = src;
  s->record->thinned |= src.thinned;
  return s->fds[i];
}

static void
release_piece (gpointer data, guint i)
{
  Sources *s = data;
  if (s->fds[i] >= 0)
    close (s->fds[i]);
  s->fds[i] = -1;
}

/* Writes the MP4 under its final name; fills the record. */
static gboolean
make (CgExporter *x, const CgExportJob *job, CgDbExport *record, GError **error)
{
  guint n = job->sources->len;
  g_autofree int *fds = g_new (int, n);
  g_autofree gboolean *read = g_new0 (gboolean, n);
  g_autofree CgMp4Piece *pieces = g_new0 (CgMp4Piece, n);
  g_array_set_size (record->sources, n);
  for (guint i = 0; i < n; i++)
    {
      const CgExportJobSource *s = &g_array_index (job->sources, CgExportJobSource, i);
      fds[i] = -1;
      pieces[i] = (CgMp4Piece) { -1, s->path, s->start_us, s->end_us, s->from_us, s->to_us,
                                 s->has_audio && !s->thinned };
    }
  Sources sources = { x, job, record, fds, read };
  g_autofree char *tmp = export_path (x, job->id, TMP_SUFFIX);
  g_autofree char *final = export_path (x, job->id, "");
  g_unlink (tmp);
  Progress progress = { x, job, g_get_monotonic_time () };
  CgMp4Options options = {
    .cancel = &x->cancel, .open_piece = open_piece, .release_piece = release_piece,
    .piece_data = &sources, .pace_us = x->pace_us, .progress = on_progress,
    .progress_data = &progress,
  };
  CgMp4Result result = { 0 };
  gboolean ok = cg_mp4_write (pieces, n, tmp, &options, &result, error);
  for (guint i = 0; i < n; i++)
    release_piece (&sources, i);
  GStatBuf sb;
  g_autofree char *digest = NULL;
  if (ok && fsync_path (tmp, FALSE, error) && (digest = cg_file_sha256 (tmp, error)) != NULL
      && g_stat (tmp, &sb) == 0)
    {
      if (g_rename (tmp, final) != 0)
        {
          int err = errno;
          g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot rename %s: %s"), tmp, g_strerror (err));
          ok = FALSE;
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (final);
          ok = fsync_path (dir, TRUE, error);
        }
    }
  else if (ok)
    {
      if (digest != NULL)
        g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot read %s: %s"), tmp, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      g_unlink (final);
      cg_mp4_result_clear (&result);
      return FALSE;
    }
  /* The first segment is taken from the keyframe the file starts at. */
  g_array_index (record->sources, CgDbExportSource, 0).from_us = result.from_us;
  record->sha256 = g_steal_pointer (&digest);
  record->bytes = sb.st_size;
  record->actual_from_us = result.from_us;
  record->actual_to_us = result.to_us;
  record->duration_us = result.duration_us;
  record->audio = g_steal_pointer (&result.audio);
  record->finished_us = cg_time_now_us ();
  g_message ("export %" G_GINT64_FORMAT " (%s, %u segments, %" G_GINT64_FORMAT " frames) made: %s",
             job->id, job->camera_name, n, result.frames, final);
  return TRUE;
}

/* The row made complete and its audit row, in one transaction synced to
 * the disk before the client is told. */
static gboolean
record_complete (CgExporter *x, const CgExportJob *job, const CgDbExport *record, GError **error)
{
  sqlite3 *h = cg_db_handle (x->db);
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("recording the export"), error);
  if (tx == NULL)
    return FALSE;
  gboolean changed = FALSE;
  if (!cg_db_export_complete (h, record, &changed, error))
    return FALSE;
  if (!changed)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("export %s is no longer being made"), idtext);
      return FALSE;
    }
  g_autofree char *from = cg_time_format_iso (record->actual_from_us);
  g_autofree char *to = cg_time_format_iso (record->actual_to_us);
  g_autofree char *object = g_strdup_printf ("export:%" G_GINT64_FORMAT, job->id);
  g_autofree char *detail = g_strdup_printf (
    "camera=%" G_GINT64_FORMAT " name=%s from=%s to=%s sha256=%s bytes=%" G_GINT64_FORMAT
    " segments=%u", job->camera_id, job->camera_name, from, to, record->sha256, record->bytes,
    record->sources->len);
  if (!cg_audit_append (h, cg_time_now_us (), job->user, "export.complete", object, detail, error)
      || !cg_db_commit (tx, error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  if (!cg_audit_anchor (h, &local))
    g_warning ("%s", local->message);
  return TRUE;
}

/* Says why the export failed, as the officer will read it; takes local. */
static CgDbExportState
failure (CgExporter *x, GError *local, GError **error)
{
  gboolean stopping;
  g_mutex_lock (&x->mutex);
  stopping = x->stop;
  g_mutex_unlock (&x->mutex);
  CgDbExportState state = CG_DB_EXPORT_FAILED;
  if (stopping)
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                       N_("canhgacd was stopped during the export and nothing of it was kept: "
                          "export again"));
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      state = CG_DB_EXPORT_CANCELLED;
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                         N_("the export was cancelled and nothing of it was kept"));
    }
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                       N_("the disk filled up during the export: it was stopped and nothing of "
                          "it was kept; the recordings are untouched. Make room (canhgac export "
                          "remove removes exports no longer needed), then export again"));
  else if (cg_error_get_message (local) != NULL)
    {
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_FAILED);
      return state;
    }
  else
    cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                       N_("the export failed (%s) and nothing of it was kept: try again, and "
                          "tell the administrator if it fails again"), local->message);
  g_error_free (local);
  return state;
}

static void
fail_job (CgExporter *x, const CgExportJob *job, CgDbExportState state, const GError *why)
{
  g_autofree char *json = error_json (why);
  g_autoptr (GError) local = NULL;
  if (!cg_db_export_fail (cg_db_handle (x->db), job->id, state, json, cg_time_now_us (), &local))
    g_warning ("export %" G_GINT64_FORMAT ": %s", job->id, local->message);
  g_message ("export %" G_GINT64_FORMAT " %s: %s", job->id, cg_db_export_state_name (state),
             why->message);
  tell (x, job, state, g_atomic_int_get (&x->percent), NULL, cg_rpc_error_to_json (why));
}

static void
run_job (CgExporter *x, const CgExportJob *job)
{
  sqlite3 *h = cg_db_handle (x->db);
  g_autofree char *full_name = full_name_of (job->user);
  g_autoptr (GError) local = NULL;
  if (!cg_db_export_set_identity (h, job->id, full_name, g_get_host_name (), &local))
    g_warning ("export %" G_GINT64_FORMAT ": %s", job->id, local->message);
  g_clear_error (&local);
  g_auto (CgDbExport) record = {
    .id = job->id, .sources = cg_db_export_sources_new (),
    .gaps = g_array_ref (job->gaps),
  };
  if (make (x, job, &record, &local) && record_complete (x, job, &record, &local))
    {
      tell (x, job, CG_DB_EXPORT_COMPLETE, 100, &record, NULL);
      return;
    }
  if (record.sha256 != NULL)
    {
      /* Made, but its row could not say so: no file without its record. */
      g_autofree char *final = export_path (x, job->id, "");
      g_unlink (final);
    }
  g_autoptr (GError) why = NULL;
  CgDbExportState state = failure (x, g_steal_pointer (&local), &why);
  fail_job (x, job, state, why);
}

/* ---- the thread ------------------------------------------------------- */

static void
fail_unmade (CgExporter *x, const CgExportJob *job, gboolean cancelled)
{
  g_autoptr (GError) why = NULL;
  if (cancelled)
    cg_error_set_text (&why, CG_RPC_ERROR, CG_RPC_FAILED,
                       N_("the export was cancelled and nothing of it was kept"));
  else
    cg_error_set_text (&why, CG_RPC_ERROR, CG_RPC_FAILED,
                       N_("canhgacd was stopped during the export and nothing of it was kept: "
                          "export again"));
  fail_job (x, job, cancelled ? CG_DB_EXPORT_CANCELLED : CG_DB_EXPORT_FAILED, why);
}

static gpointer
exporter_thread (gpointer data)
{
  CgExporter *x = data;
  /* Capture and the main loop come first. */
  pid_t tid = (pid_t) syscall (SYS_gettid);
  if (setpriority (PRIO_PROCESS, (id_t) tid, 10) != 0)
    g_debug ("cannot lower the export thread's priority: %s", g_strerror (errno));
  for (;;)
    {
      g_mutex_lock (&x->mutex);
      while (!x->stop && g_queue_is_empty (&x->jobs))
        g_cond_wait (&x->cond, &x->mutex);
      CgExportJob *job = g_queue_pop_head (&x->jobs);
      gboolean stop = x->stop;
      gboolean cancelled = job != NULL && g_hash_table_remove (x->cancelled, &job->id);
      x->current = stop || cancelled ? NULL : job;
      g_atomic_int_set (&x->cancel, 0);
      g_atomic_int_set (&x->percent, 0);
      g_mutex_unlock (&x->mutex);
      if (job == NULL)
        break;
      if (stop || cancelled)
        fail_unmade (x, job, cancelled);
      else
        run_job (x, job);
      g_mutex_lock (&x->mutex);
      x->current = NULL;
      g_mutex_unlock (&x->mutex);
      cg_export_job_free (job);
    }
  return NULL;
}

gboolean
cg_exporter_has_room (CgExporter *x)
{
  g_mutex_lock (&x->mutex);
  gboolean room = g_queue_get_length (&x->jobs) + (x->current != NULL) < CG_EXPORTER_MAX_JOBS;
  g_mutex_unlock (&x->mutex);
  return room;
}

gboolean
cg_exporter_submit (CgExporter *x, CgExportJob *job)
{
  g_mutex_lock (&x->mutex);
  guint busy = g_queue_get_length (&x->jobs) + (x->current != NULL);
  gboolean ok = busy < CG_EXPORTER_MAX_JOBS && !x->stop;
  if (ok)
    {
      g_queue_push_tail (&x->jobs, job);
      g_cond_signal (&x->cond);
    }
  g_mutex_unlock (&x->mutex);
  if (!ok)
    cg_export_job_free (job);
  return ok;
}

static CgExportJob *
waiting (CgExporter *x, gint64 id)
{
  for (GList *l = x->jobs.head; l != NULL; l = l->next)
    if (((CgExportJob *) l->data)->id == id)
      return l->data;
  return NULL;
}

gboolean
cg_exporter_cancel (CgExporter *x, gint64 id)
{
  gboolean found = FALSE;
  g_mutex_lock (&x->mutex);
  if (x->current != NULL && x->current->id == id)
    {
      g_atomic_int_set (&x->cancel, 1);
      found = TRUE;
    }
  else if (waiting (x, id) != NULL)
    {
      /* Settled by the thread when its turn comes, without being made. */
      g_hash_table_add (x->cancelled, &waiting (x, id)->id);
      found = TRUE;
    }
  g_mutex_unlock (&x->mutex);
  return found;
}

int
cg_exporter_percent (CgExporter *x, gint64 id)
{
  int percent = -1;
  g_mutex_lock (&x->mutex);
  if (x->current != NULL && x->current->id == id)
    percent = g_atomic_int_get (&x->percent);
  else if (waiting (x, id) != NULL)
    percent = 0;
  g_mutex_unlock (&x->mutex);
  return percent;
}

/* ---- start-up and shutdown ------------------------------------------- */

int
cg_exporter_recover (sqlite3 *h, const char *data_dir)
{
  g_autoptr (GError) why = NULL;
  cg_error_set_text (&why, CG_RPC_ERROR, CG_RPC_FAILED,
                     N_("canhgacd stopped during the export (a crash or a power cut) and "
                        "nothing of it was kept: export again"));
  g_autofree char *json = error_json (why);
  g_autoptr (GError) error = NULL;
  int failed = 0;
  if (!cg_db_exports_fail_running (h, json, cg_time_now_us (), &failed, &error))
    g_warning ("%s", error->message);
  else if (failed > 0)
    g_message ("%d exports were cut short when canhgacd last stopped: marked failed", failed);
  /* What no complete export owns: half-written files, the file of an
   * export whose row could not be made complete, or of one removed. */
  g_autofree char *dir = g_build_filename (data_dir, EXPORTS_DIR, NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *abs = g_build_filename (dir, name, NULL);
      gint64 id = 0;
      char *end = NULL;
      if (g_ascii_isdigit (name[0]))
        id = g_ascii_strtoll (name, &end, 10);
      if (g_str_has_suffix (name, TMP_SUFFIX))
        {
          g_unlink (abs);
          g_message ("removed %s, left half-written when canhgacd stopped", abs);
          continue;
        }
      if (end == NULL || !g_str_equal (end, ".mp4"))
        continue;
      g_auto (CgDbExport) e = { 0 };
      gboolean found = FALSE;
      g_clear_error (&error);
      if (!cg_db_export_get (h, id, &e, &found, &error))
        g_warning ("%s: %s", abs, error->message);
      else if (!found)
        g_warning ("%s belongs to no export canhgacd knows of: left as it is", abs);
      else if (e.state != CG_DB_EXPORT_COMPLETE)
        {
          g_unlink (abs);
          g_message ("removed %s: export %" G_GINT64_FORMAT " is %s", abs, id,
                     cg_db_export_state_name (e.state));
        }
    }
  return failed;
}

CgExporter *
cg_exporter_new (const CgConfig *config, const char *db_path, CgExporterHook hook,
                 gpointer hook_data, GError **error)
{
  g_autofree char *dir = g_build_filename (config->data_dir, EXPORTS_DIR, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot create %s: %s"), dir, g_strerror (err));
      return NULL;
    }
  CgDb *db = cg_db_open (db_path, CG_DB_READ_WRITE, error);
  if (db == NULL)
    return NULL;
  /* A commit here says a file in place is evidence: synced, like the
   * storage manager's. */
  if (!cg_db_exec (db, "PRAGMA synchronous = FULL", error))
    {
      cg_db_close (db);
      return NULL;
    }
  cg_exporter_recover (cg_db_handle (db), config->data_dir);
  CgExporter *x = g_new0 (CgExporter, 1);
  x->config = config;
  x->db = db;
  x->hook = hook;
  x->hook_data = hook_data;
  g_mutex_init (&x->mutex);
  g_cond_init (&x->cond);
  g_queue_init (&x->jobs);
  x->cancelled = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* Test hook, documented in tests/integration/lib.sh; never set in
   * production. */
  const char *pace = g_getenv ("CANHGAC_TEST_EXPORT_PACE_MS");
  if (pace != NULL)
    x->pace_us = g_ascii_strtoll (pace, NULL, 10) * 1000;
  x->thread = g_thread_new ("export", exporter_thread, x);
  return x;
}

void
cg_exporter_free (CgExporter *x)
{
  if (x == NULL)
    return;
  g_mutex_lock (&x->mutex);
  x->stop = TRUE;
  g_atomic_int_set (&x->cancel, 1);
  g_cond_signal (&x->cond);
  g_mutex_unlock (&x->mutex);
  g_thread_join (x->thread);
  g_hash_table_unref (x->cancelled);
  cg_db_close (x->db);
  g_mutex_clear (&x->mutex);
  g_cond_clear (&x->cond);
  g_free (x);
}
