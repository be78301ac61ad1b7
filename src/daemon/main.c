/* main.c — canhgacd: start-up, the main loop, orderly shutdown.
 *
 * The daemon is the only writer of the database and the recordings.  It
 * runs in the foreground (systemd supervises it), on one GLib main loop.
 */
#define G_LOG_DOMAIN "canhgac-daemon"
#include "build-config.h"

#include "common/cli.h"
#include "common/config.h"
#include "daemon/db/db.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "daemon/alarms.h"
#include "daemon/api/api.h"
#include "daemon/audit.h"
#include "daemon/av_log.h"
#include "daemon/data_dir.h"
#include "daemon/demo_history.h"
#include "daemon/export/exporter.h"
#include "daemon/loop_watch.h"
#include "daemon/reload.h"
#include "daemon/capture/recorder.h"
#include "daemon/storage/repair.h"
#include "daemon/server.h"
#include "daemon/storage/manager.h"
#include "daemon/db/runs.h"
#include "daemon/db/writer.h"
#include "daemon/db/segments.h"
#include "daemon/vision/thumbnail_table.h"
#include "daemon/vision/analysis.h"
#include "daemon/vision/live_frames.h"
#include "daemon/vision/snapshot.h"

#include <getopt.h>
#include <malloc.h>
#include <glib-unix.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>

static const char *program = "canhgacd";

/* How long a request on the main loop waits for another connection's
 * write lock before it is refused (the writer thread's batches take a
 * few milliseconds). */
#define MAIN_BUSY_TIMEOUT_MS 150

static void
print_help (void)
{
  printf (_("Usage: %s [OPTION]...\n"), program);
  printf (_("Record every camera of the post and serve the operator stations.\n"));
  printf ("\n");
  printf (_("  -c, --config=FILE   read the configuration from FILE\n"
            "  -v, --verbose       log debug and info messages too\n"
            "  -h, --help          display this help and exit\n"
            "  -V, --version       output version information and exit\n"));
  printf ("\n");
  printf (_("For the demo only (canhgac demo):\n"
            "      --demo-history=DAYS  before serving, make up DAYS days (1 to %d) of\n"
            "                           history for the cameras that have recorded a few\n"
            "                           seconds: outages, motion, link figures and footage\n"
            "                           looped from those seconds, the last day at full\n"
            "                           rate; one file per camera and kind, the other\n"
            "                           segments linked to it; once per data directory\n"),
          CG_DEMO_HISTORY_MAX_DAYS);
  cg_cli_print_help_footer ();
}

/* What the alarms need besides the server. */
typedef struct {
  CgApi *api;
  CgAlarms *alarms;
} Watch;

/* Camera state changes, pushed to subscribers and given to the alarms. */
static void
notify_state (gpointer data, const char *camera, const char *state, const char *reason,
              gint64 at_us)
{
  Watch *w = data;
  CgServer *server = w->api->server;
  cg_alarms_camera_state (w->alarms, camera, state, reason, at_us);
  if (server == NULL)
    return;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, camera);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason != NULL ? reason : "");
  g_autofree char *at = cg_time_format_iso (at_us);
  json_builder_set_member_name (b, "since");
  json_builder_add_string_value (b, at);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  cg_server_notify (server, CG_TOPIC_CAMERAS, "camera.state", params, FALSE);
}

/* An alarm raised, cleared: pushed to the `alarms` topic. */
static void
notify_alarm (gpointer data, gint64 id)
{
  cg_api_alarm_changed (data, id);
}

static void
motion_alarm (gpointer data, const char *camera, gint64 start_us, gint64 end_us)
{
  cg_alarms_motion (data, camera, start_us, end_us);
}

/* Every second: cameras down past the threshold, storage alerts come or
 * gone. */
static gboolean
alarm_tick (gpointer data)
{
  Watch *w = data;
  gint64 now = cg_time_now_us ();
  cg_alarms_tick (w->alarms, now);
  if (w->api->storage != NULL)
    {
      g_autoptr (JsonNode) alerts = cg_storage_state_dup_alerts (w->api->storage);
      if (alerts != NULL && JSON_NODE_HOLDS_ARRAY (alerts))
        cg_alarms_storage (w->alarms, json_node_get_array (alerts), now);
    }
  return G_SOURCE_CONTINUE;
}

/* Storage alerts, pushed to subscribers. */
static void
notify_alert (gpointer data, JsonNode *alert)
{
  cg_server_notify (data, CG_TOPIC_ALERTS, "alert", alert, FALSE);
}

/* An export's progress, to the client that asked for it. */
static void
notify_export (gpointer data, guint client, const char *method, JsonNode *params,
               gboolean droppable)
{
  cg_server_notify_peer (data, client, method, params, droppable);
}

/* This run of the recorder, in recorder_runs: begun once the start-up
 * repair has closed what the last run left open, alive every minute,
 * ended at the stop.  A database that refuses is logged, not fatal: the
 * recording matters more than the record of it. */
typedef struct {
  sqlite3 *h;
  gint64 id;
} Run;

static gboolean
run_alive (gpointer data)
{
  Run *run = data;
  g_autoptr (GError) error = NULL;
  if (run->id > 0 && !cg_db_run_alive (run->h, run->id, cg_time_now_us (), &error))
    g_warning ("%s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
run_begin (Run *run)
{
  g_autoptr (GError) error = NULL;
  if (!cg_db_run_begin (run->h, cg_time_now_us (), &run->id, &error))
    g_warning ("%s", error->message);
}

static void
run_end (Run *run)
{
  g_autoptr (GError) error = NULL;
  if (run->id > 0 && !cg_db_run_end (run->h, run->id, cg_time_now_us (), &error))
    g_warning ("%s", error->message);
}

static gboolean
on_quit_signal (gpointer loop)
{
  g_message ("stopping on signal");
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* What SIGHUP reaches: the parts that hold the configuration, and every
 * configuration read so far (none is freed before the exit: a thread
 * may still read one; see reload.h). */
typedef struct {
  const char *cli_path;
  const CgConfig *running;
  GPtrArray *configs;
  CgApi *api;
  CgStorage *storage;
  CgAlarms *alarms;
  CgRecorder *recorder;
  CgVision *vision;
} Reload;

static gboolean
on_reload_signal (gpointer data)
{
  Reload *r = data;
  if (r->recorder == NULL)
    {
      g_message ("configuration not re-read: still starting");
      return G_SOURCE_CONTINUE;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) next = cg_config_load_default (r->cli_path, &error);
  if (next == NULL)
    {
      g_warning ("configuration not re-read, the running one is kept: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  if (next->path == NULL && r->running->path != NULL)
    {
      g_warning ("configuration not re-read, the running one is kept: %s is gone", r->running->path);
      return G_SOURCE_CONTINUE;
    }
  g_autoptr (GPtrArray) restart = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *changed = cg_reload_prepare (r->running, next, restart);
  for (guint i = 0; i < restart->len; i++)
    g_warning ("configuration: %s changed in the file; it needs a restart, the running value is kept",
               (const char *) restart->pdata[i]);
  g_message ("configuration re-read from %s: %s", next->path != NULL ? next->path : "(built-in defaults)",
             changed != NULL ? changed : restart->len > 0 ? "nothing else changed" : "nothing changed");
  if (changed == NULL)
    return G_SOURCE_CONTINUE;

  r->running = next;
  r->api->config = next;
  cg_alarms_set_config (r->alarms, next);
  cg_storage_set_config (r->storage, next);
  cg_vision_set_config (r->vision, next);
  cg_recorder_set_config (r->recorder, next);
  g_ptr_array_add (r->configs, g_steal_pointer (&next));
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  static const struct option options[] = {
    { "config", required_argument, NULL, 'c' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { "demo-history", required_argument, NULL, 'D' },
    { NULL, 0, NULL, 0 },
  };
  const char *config_path = NULL;
  gboolean verbose = FALSE;
  int c, demo_days = 0;

  /* Whatever the daemon creates (database, journal, segments, thinned
   * copies) is its own alone, however it was started. */
  umask (0077);

  /* One capture thread per camera would otherwise get a malloc arena
   * each (up to 8 per core): two are plenty for two cores and keep
   * megabytes of half-empty heaps out of the daemon's memory. */
  mallopt (M_ARENA_MAX, 2);
  cg_i18n_init ();
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":c:vhV", options, NULL)) != -1)
    switch (c)
      {
      case 'c': config_path = optarg; break;
      case 'v': verbose = TRUE; break;
      case 'h': print_help (); return CG_EXIT_OK;
      case 'V': cg_cli_print_version (program); return CG_EXIT_OK;
      case 'D':
        {
          char *end = NULL;
          long days = strtol (optarg, &end, 10);
          if (end == optarg || *end != '\0' || days < 1 || days > CG_DEMO_HISTORY_MAX_DAYS)
            return cg_cli_usage_error (program, _("--demo-history takes a number of days from 1 to %d"),
                                       CG_DEMO_HISTORY_MAX_DAYS);
          demo_days = (int) days;
          break;
        }
      case ':':
        return cg_cli_usage_error (program, _("option '%s' needs a value"), argv[optind - 1]);
      default:
        return cg_cli_usage_error (program, _("unknown option '%s'"), argv[optind - 1]);
      }
  if (optind < argc)
    return cg_cli_usage_error (program, _("unexpected argument '%s'"), argv[optind]);

  cg_log_init (program, verbose);
  cg_av_log_init ();

  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) config = cg_config_load_default (config_path, &error);
  if (config == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autoptr (CgDataDir) data = cg_data_dir_open (config->data_dir, &error);
  if (data == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autofree char *db_path = g_build_filename (config->data_dir, CG_DB_FILENAME, NULL);
  g_autoptr (CgDb) db = cg_db_open (db_path, CG_DB_READ_WRITE, &error);
  if (db == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }

  /* No footage is handed out and no change made unless its audit row can
   * be sealed: a daemon without its key does not start. */
  CgAuditSeal *seal = cg_audit_seal_open (config->data_dir, &error);
  if (seal == NULL)
    {
      cg_cli_error (program, _("canhgacd does not start without its audit key: %s"),
                    error->message);
      return CG_EXIT_FAILED;
    }
  if (!cg_audit_set_seal (seal, &error) || !cg_audit_start (cg_db_handle (db), &error))
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }

  CgRepairReport repaired;
  gint64 kept_from_us = cg_db_evidence_kept_from (cg_time_now_us (), config->keep_days_after_close);
  if (!cg_repair_run (db, config->data_dir, kept_from_us, &repaired, &error))
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  if (demo_days > 0 && !cg_demo_history_seed (db, config->data_dir, demo_days, &error))
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  /* From here the main connection serves requests on the main loop: a
   * database another program (or thread) holds is a refused request,
   * not a stalled daemon; and what it commits (audit rows before the
   * footage or change they record) is synced to the disk at once. */
  sqlite3_busy_timeout (cg_db_handle (db), MAIN_BUSY_TIMEOUT_MS);
  if (!cg_db_exec (db, "PRAGMA synchronous = FULL", &error))
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  Run run = { .h = cg_db_handle (db) };
  run_begin (&run);
  guint run_timer = g_timeout_add_seconds (CG_RUN_ALIVE_US / G_USEC_PER_SEC, run_alive, &run);
  g_autoptr (CgDbWriter) writer = cg_db_writer_new (db_path, &error);
  if (writer == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }

  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_autoptr (GPtrArray) configs = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_config_free);
  Reload reload = { .cli_path = config_path, .running = config, .configs = configs };
  guint hup = g_unix_signal_add (SIGHUP, on_reload_signal, &reload);

  g_autoptr (CgThumbnails) thumbnails = cg_thumbnails_new ();
  /* Full-size pictures: each camera's latest keyframe, and the workers
   * that decode it or a moment of the recordings. */
  CgLiveFrames *live = cg_live_frames_new ();
  CgSnapshots *snapshots = cg_snapshots_new (cg_api_snapshot_done);
  CgApi api = { .config = config, .db = db, .started_us = cg_time_now_us (),
                .thumbnails = thumbnails, .writer = writer, .live = live,
                .snapshots = snapshots };
  CgServer *server = cg_server_new (&api, &error);
  if (server == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  api.server = server;

  /* Thinning and deletion, in a low-priority thread of their own. */
  g_autoptr (CgStorageState) storage_state = cg_storage_state_new ();
  cg_storage_state_set_writer (storage_state, writer);
  api.storage = storage_state;
  CgStorage *storage = cg_storage_new (config, db_path, storage_state, notify_alert, server, &error);
  if (storage == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }

  /* Evidence exports, in a thread of their own. */
  CgExporter *exporter = cg_exporter_new (config, db_path, notify_export, server, &error);
  if (exporter == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  api.exporter = exporter;

  /* Alarms: raised and cleared here, kept in the database. */
  CgAlarms *alarms = cg_alarms_new (config, cg_db_handle (db), notify_alarm, &api);
  Watch watch = { .api = &api, .alarms = alarms };
  guint alarm_timer = g_timeout_add_seconds (1, alarm_tick, &watch);

  CgRecorder *recorder = cg_recorder_new (config, db, writer);
  cg_recorder_set_state_hook (recorder, notify_state, &watch);
  CgVision *vision = cg_vision_new (config, writer, thumbnails, server);
  cg_vision_set_motion_hook (vision, motion_alarm, alarms);
  cg_recorder_set_vision (recorder, vision);
  cg_recorder_set_live_frames (recorder, live);
  cg_recorder_sync (recorder);
  reload.api = &api;
  reload.storage = storage;
  reload.alarms = alarms;
  reload.vision = vision;
  reload.recorder = recorder;
  g_message ("canhgacd %s ready: configuration %s, data in %s, database schema %d",
             PACKAGE_VERSION, config->path != NULL ? config->path : "(built-in defaults)",
             config->data_dir, cg_db_schema_version (db));
  cg_loop_watch_start ();
  g_main_loop_run (loop);
  g_source_remove (hup);

  /* Thinning stops at its next packet; its notices need the server.  An
   * export being made stops likewise, and is marked failed. */
  g_source_remove (alarm_timer);
  cg_storage_free (storage);
  api.exporter = NULL;
  cg_exporter_free (exporter);

  /* No new requests; every camera closes its segment; then the last
   * rows are written. */
  cg_server_free (server);
  api.server = NULL;
  /* Pictures being made are finished, those waiting dropped: no one
   * would get them. */
  cg_snapshots_free (snapshots);
  if (!cg_recorder_stop_all (recorder, 3 * G_USEC_PER_SEC))
    {
      /* A thread stuck where no interrupt reaches it still holds the
       * writer and vision: write what is queued and leave at once rather
       * than free them under it, or wait past systemd's patience (a
       * database that refuses writes is given a few seconds, then what
       * waits is logged and left to the start-up repair). */
      if (!cg_db_writer_flush_within (writer, 3 * G_USEC_PER_SEC))
        {
          CgDbWriterHealth health;
          cg_db_writer_health (writer, &health);
          g_warning ("stopping with %u events the database did not take: %s", health.pending,
                     health.error != NULL ? health.error : "");
          cg_db_writer_health_clear (&health);
        }
      g_message ("stopped, leaving a stuck camera thread to the exit");
      _exit (CG_EXIT_OK);
    }
  cg_recorder_free (recorder);
  cg_live_frames_free (live);
  cg_vision_set_motion_hook (vision, NULL, NULL);
  cg_vision_free (vision); /* ends ongoing motion events */
  cg_alarms_free (alarms);
  /* Writes what waits; a database refusing writes gets a few seconds. */
  cg_storage_state_set_writer (storage_state, NULL);
  g_clear_pointer (&writer, cg_db_writer_free);
  g_source_remove (run_timer);
  run_end (&run);
  cg_audit_set_seal (NULL, NULL); /* its key is wiped from memory */
  g_message ("stopped");
  return CG_EXIT_OK;
}
