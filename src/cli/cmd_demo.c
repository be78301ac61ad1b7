/* cmd_demo.c — `canhgac demo`: eight simulated cameras, the daemon and
 * the station, in a temporary directory; quitting the station stops
 * everything it started. */
#include "build-config.h"

#include "common/cli.h"
#include "common/error.h"
#include "common/i18n.h"
#include "cli/command.h"
#include "station/station.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The demo's cameras that misbehave, as cameras hosted by households do. */
static const char *const faults[] = {
  "--fault", "cam3:throttle=600k", /* a household's weak line */
  "--fault", "cam5:drop=60s",      /* a camera that drops every minute */
};

/* A program of ours: beside this one (a build tree), else installed. */
static char *
find_program (const char *name, const char *installed_dir)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  char *path = dir != NULL ? g_build_filename (dir, name, NULL) : NULL;
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return path;
  g_free (path);
  path = g_build_filename (installed_dir, name, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return path;
  g_free (path);
  return g_find_program_in_path (name);
}

static char *
find_data (const char *name)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  char *path = dir != NULL ? g_build_filename (dir, "data", name, NULL) : NULL;
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free (path);
  return g_build_filename (PKGDATADIR, name, NULL);
}

static void
stop (GPid pid)
{
  if (pid <= 0)
    return;
  kill (pid, SIGTERM);
  for (int i = 0; i < 100; i++)
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return;
      g_usleep (50000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

/* Reads lines from fd until one equals "ready"; collects the port. */
static gboolean
wait_ready (int fd, int *port)
{
  g_autoptr (GIOChannel) ch = g_io_channel_unix_new (fd);
  char *line = NULL;
  gsize len = 0;
  while (g_io_channel_read_line (ch, &line, &len, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_strchomp (line);
      if (*port == 0)
        sscanf (line, "rtsp://127.0.0.1:%d/", port);
      gboolean ready = g_str_equal (line, "ready");
      g_free (line);
      if (ready)
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_cameras (const CgConfig *config, int port, GError **error)
{
  g_autoptr (CgClient) client = NULL;
  /* The daemon needs a moment to open its socket. */
  for (int i = 0; i < 100 && client == NULL; i++)
    {
      g_clear_error (error);
      client = cg_client_connect (config->socket_path, error);
      if (client == NULL)
        g_usleep (100000);
    }
  if (client == NULL)
    return FALSE;
  g_autofree char *list_path = find_data ("demo-cameras.txt");
  g_autofree char *text = NULL;
  if (!g_file_get_contents (list_path, &text, NULL, error))
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  int n = 0;
  for (int i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_auto (GStrv) f = g_strsplit (lines[i], "|", 4);
      if (g_strv_length (f) != 4)
        continue;
      for (int k = 0; k < 4; k++)
        g_strstrip (f[k]);
      g_autofree char *url = g_strdup_printf ("rtsp://127.0.0.1:%d/cam%d", port, ++n);
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      const char *members[][2] = { { "name", f[0] }, { "url", url }, { "place", f[1] },
                                   { "map", f[2] }, { "funding", f[3] } };
      for (size_t k = 0; k < G_N_ELEMENTS (members); k++)
        {
          json_builder_set_member_name (b, members[k][0]);
          json_builder_add_string_value (b, members[k][1]);
        }
      json_builder_end_object (b);
      g_autoptr (JsonNode) params = json_builder_get_root (b);
      g_autoptr (JsonNode) r = cg_client_call (client, "camera.add", params, NULL, error);
      if (r == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static int
run (const CgCommandContext *ctx)
{
  g_autofree char *camsim = find_program ("canhgac-camsim", BINDIR);
  g_autofree char *daemon = find_program ("canhgacd", SBINDIR);
  if (camsim == NULL || daemon == NULL)
    {
      cg_cli_error (ctx->program, _("demo: canhgac-camsim and canhgacd must be installed beside canhgac"));
      return CG_EXIT_FAILED;
    }
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("canhgac-demo-XXXXXX", &error);
  if (dir == NULL)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autofree char *conf = g_build_filename (dir, "canhgac.conf", NULL);
  g_autofree char *map = find_data ("commune.map");
  g_autofree char *text = g_strdup_printf ("[daemon]\ndata_dir = %s/data\nsocket = %s/canhgacd.sock\n"
                                           "[station]\nmap = %s\n", dir, dir, map);
  g_autofree char *daemon_log = g_build_filename (dir, "canhgacd.log", NULL);
  g_autofree char *sim_log = g_build_filename (dir, "camsim.log", NULL);
  g_file_set_contents (conf, text, -1, NULL);
  printf (_("Starting 8 simulated cameras, the daemon and the station in %s ...\n"), dir);
  fflush (stdout);

  int status = CG_EXIT_FAILED, port = 0, sim_out = -1;
  GPid sim_pid = 0, daemon_pid = 0;
  int sim_err = g_open (sim_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int daemon_err = g_open (daemon_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const char *sim_argv[] = { camsim, "--port", "0", "--cameras", "8", faults[0], faults[1],
                             faults[2], faults[3], NULL };
  const char *daemon_argv[] = { daemon, "--config", conf, NULL };
  g_autoptr (CgConfig) config = NULL;
  if (!g_spawn_async_with_pipes_and_fds (dir, sim_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                         -1, -1, sim_err, NULL, NULL, 0, &sim_pid, NULL, &sim_out,
                                         NULL, &error))
    goto out;
  if (!wait_ready (sim_out, &port))
    {
      g_set_error (&error, CG_ERROR, CG_ERROR_FAILED, _("the camera simulator did not start (see %s)"),
                   sim_log);
      goto out;
    }
  if (!g_spawn_async_with_pipes_and_fds (dir, daemon_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                         NULL, -1, daemon_err, daemon_err, NULL, NULL, 0, &daemon_pid,
                                         NULL, NULL, NULL, &error))
    goto out;
  config = cg_config_load (conf, TRUE, &error);
  if (config == NULL || !add_cameras (config, port, &error))
    goto out;
  status = cg_station_run (config);

out:
  if (error != NULL)
    cg_cli_error (ctx->program, _("demo: %s"), error->message);
  stop (daemon_pid);
  stop (sim_pid);
  if (sim_out >= 0)
    close (sim_out);
  close (sim_err);
  close (daemon_err);
  if (status == CG_EXIT_OK)
    remove_tree (dir);
  else
    printf (_("The demo's files are kept in %s.\n"), dir);
  return status;
}

const CgCommand cg_cmd_demo = {
  .name = "demo",
  .summary = N_("eight simulated cameras, the daemon and the station, to try canhgac"),
  .help = N_("Quitting the station stops the cameras and the daemon it started."),
  .run = run,
};
