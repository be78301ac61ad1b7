/* cmd_demo.c — `canhgac demo`: the commune of data/demo-cameras.txt (28
 * simulated cameras, some on weak household lines, one dropping out, one
 * dead, one whose password was changed), weeks of history, the daemon
 * and the station, in a temporary directory; quitting the station stops
 * everything it started and removes the directory.
 *
 * The daemon is started twice: first to add the cameras and record a few
 * seconds of each, then with --demo-history, which makes up the weeks
 * before from those seconds (src/daemon/demo_history.c) before serving;
 * incidents, exports and the maintenance log then go through the API
 * (demo_setup.c), as officers would have written them.  Between the two
 * the dead camera's simulator is stopped (nothing listens on its port
 * any more) and the workshop's started again behind a new password. */
#include "build-config.h"

#include "cli/command.h"
#include "cli/demo_setup.h"
#include "common/cli.h"
#include "common/demo_cameras.h"
#include "common/paths.h"
#include "common/text.h"
#include "common/error.h"
#include "common/i18n.h"
#include "station/station.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The simulated cameras' video: small, as a household's line carries it,
 * and cheap to encode at start for 28 cameras. */
#define SIM_VIDEO "--size", "640x360", "--fps", "12", "--bitrate", "192", "--gop", "4", \
                  "--loop", "8", "--scene", "street"
/* The password the camera hosted by the workshop has now, and the one
 * the post still has for it. */
#define CAMERA_PASSWORD "xuongmoc@2026"
#define POST_PASSWORD "hoangkim2025"

/* Seconds each camera records before the history is made from them. */
#define FIRST_SECONDS 5.0

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

/* A signal (a closed SSH line, Ctrl-C, kill) while the demo starts: it
 * stops what it started and removes its files, as quitting does. */
static volatile sig_atomic_t interrupted;

static void
on_signal (int sig)
{
  interrupted = 1;
}

static gboolean
stopped_by_signal (GError **error)
{
  if (!interrupted)
    return FALSE;
  g_clear_error (error);
  g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
               _("interrupted: the cameras and the daemon it started are stopped"));
  return TRUE;
}

/* In a child: what the demo starts goes when the demo goes, however it
 * goes (even killed), never left running on its own. */
static void
die_with_demo (gpointer demo_pid)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != GPOINTER_TO_INT (demo_pid))
    _exit (1);
}

static void
stop (GPid *pid)
{
  if (*pid <= 0)
    return;
  kill (*pid, SIGTERM);
  for (int i = 0; i < 100; i++)
    {
      if (waitpid (*pid, NULL, WNOHANG) == *pid)
        {
          *pid = 0;
          return;
        }
      g_usleep (50000);
    }
  kill (*pid, SIGKILL);
  waitpid (*pid, NULL, 0);
  *pid = 0;
}

/* A simulator: its process, what it printed, the port it listens on. */
typedef struct {
  GPid pid;
  int out;
  int port;
} Sim;

/* Reads lines until one equals "ready"; collects the port. */
static gboolean
wait_ready (Sim *sim)
{
  g_autoptr (GIOChannel) ch = g_io_channel_unix_new (sim->out);
  char *line = NULL;
  gsize len = 0;
  while (g_io_channel_read_line (ch, &line, &len, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_strchomp (line);
      if (sim->port == 0)
        sscanf (line, "rtsp://127.0.0.1:%d/", &sim->port);
      gboolean ready = g_str_equal (line, "ready");
      g_free (line);
      if (ready)
        return TRUE;
    }
  return FALSE;
}

static gboolean
start_sim (const char *dir, GPtrArray *argv, int log_fd, Sim *sim, const char *log, GError **error)
{
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async_with_pipes_and_fds (dir, (const char *const *) argv->pdata, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD, die_with_demo,
                                         GINT_TO_POINTER (getpid ()), -1, -1, log_fd, NULL,
                                         NULL, 0, &sim->pid, NULL, &sim->out, NULL, error))
    return FALSE;
  if (!wait_ready (sim))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("the camera simulator did not start (see %s)"),
                   log);
      return FALSE;
    }
  return TRUE;
}

/* What the simulator writes on a camera's picture: its name without
 * accents, in the letters its font has, at most 32. */
static char *
picture_label (guint cam, const char *name)
{
  g_autofree char *folded = cg_text_fold (name);
  GString *label = g_string_new (NULL);
  for (const char *p = folded; *p != '\0' && label->len < 32; p++)
    {
      char c = g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : ' ';
      if (c != ' ' || (label->len > 0 && label->str[label->len - 1] != ' '))
        g_string_append_c (label, c);
    }
  while (label->len > 0 && label->str[label->len - 1] == ' ')
    g_string_truncate (label, label->len - 1);
  if (label->len == 0)
    g_string_printf (label, "CAM%u", cam);
  return g_strdup_printf ("cam%u:%s", cam, label->str);
}

/* The daemon's socket, once it answers; an error at once if the daemon
 * has stopped (its log says why). */
static CgClient *
connect_daemon (const CgConfig *config, GPid *pid, const char *log, int seconds, GError **error)
{
  CgClient *client = NULL;
  for (int i = 0; i < seconds * 10 && client == NULL && !interrupted; i++)
    {
      g_clear_error (error);
      client = cg_client_connect (config->socket_path, error);
      if (client != NULL)
        break;
      if (waitpid (*pid, NULL, WNOHANG) == *pid)
        {
          *pid = 0;
          g_clear_error (error);
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("canhgacd stopped (see %s)"), log);
          return NULL;
        }
      g_usleep (100000);
    }
  return client;
}

static gboolean
start_daemon (const char *dir, const char *daemon, const char *conf, int days, int log_fd,
              GPid *pid, GError **error)
{
  g_autofree char *history = g_strdup_printf ("--demo-history=%d", days);
  const char *argv[] = { daemon, "--config", conf, days > 0 ? history : NULL, NULL };
  return g_spawn_async_with_pipes_and_fds (dir, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           die_with_demo, GINT_TO_POINTER (getpid ()), -1, log_fd,
                                           log_fd, NULL, NULL, 0, pid, NULL, NULL, NULL, error);
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
say (const char *text)
{
  printf ("%s\n", text);
  fflush (stdout);
}

/* Days of history: three weeks, and at least a week of last month so
 * that its report has figures too. */
static int
history_days (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return MIN (MAX (21, g_date_time_get_day_of_month (now) + 7), 45);
}

typedef struct {
  const char *dir, *camsim, *daemon, *conf, *daemon_log, *sim_log;
  int sim_err, daemon_err;
  GPtrArray *cameras;
  Sim sim, auth, dead;
  guint auth_cam; /* the workshop's camera, 1-based; 0: none */
  GPid daemon_pid;
  CgConfig *config;
} Demo;

/* A simulator of one camera on its own port (0: any), behind a password
 * or not: the dead camera, which records its first seconds and is then
 * stopped, and the workshop's, started again behind a new password. */
static gboolean
start_one (Demo *d, guint cam, const CgDemoCamera *c, int port, const char *password, Sim *sim,
           GError **error)
{
  g_autofree char *port_text = g_strdup_printf ("%d", port);
  g_autofree char *label = picture_label (cam, c->name);
  /* Its picture carries the name, as the commune's simulator would. */
  char *colon = strchr (label, ':');
  g_autofree char *one = g_strdup_printf ("cam1%s", colon);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *args[] = { d->camsim, "--port", port_text, "--cameras", "1", "--label", one, SIM_VIDEO };
  for (gsize i = 0; i < G_N_ELEMENTS (args); i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  if (password != NULL)
    {
      const char *auth[] = { "--user", "admin", "--password", password };
      for (gsize i = 0; i < G_N_ELEMENTS (auth); i++)
        g_ptr_array_add (argv, (gpointer) auth[i]);
    }
  if (sim->out >= 0)
    close (sim->out);
  *sim = (Sim) { .out = -1 };
  return start_sim (d->dir, argv, d->sim_err, sim, d->sim_log, error);
}

/* The simulators and the cameras' addresses: one simulator for the
 * commune, camN for the list's N-th camera with its fault; the dead
 * camera and the workshop's on simulators of their own. */
static gboolean
start_cameras (Demo *d, char **urls, char **passwords, GError **error)
{
  g_autofree char *count = g_strdup_printf ("%u", d->cameras->len);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *fixed[] = { d->camsim, "--port", "0", "--cameras", count, SIM_VIDEO };
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, g_strdup (fixed[i]));
  for (guint i = 0; i < d->cameras->len; i++)
    {
      const CgDemoCamera *c = d->cameras->pdata[i];
      g_ptr_array_add (argv, g_strdup ("--label"));
      g_ptr_array_add (argv, picture_label (i + 1, c->name));
      if (c->fault != NULL && c->story != CG_DEMO_DEAD && c->story != CG_DEMO_PASSWORD)
        {
          g_ptr_array_add (argv, g_strdup ("--fault"));
          g_ptr_array_add (argv, g_strdup_printf ("cam%u:%s", i + 1, c->fault));
        }
    }
  if (!start_sim (d->dir, argv, d->sim_err, &d->sim, d->sim_log, error))
    return FALSE;
  for (guint i = 0; i < d->cameras->len; i++)
    {
      const CgDemoCamera *c = d->cameras->pdata[i];
      Sim *own = c->story == CG_DEMO_DEAD ? &d->dead : c->story == CG_DEMO_PASSWORD ? &d->auth : NULL;
      if (own != NULL && own->pid == 0)
        {
          /* Until the history is made, the workshop's camera still has
           * the post's password. */
          d->auth_cam = c->story == CG_DEMO_PASSWORD ? i + 1 : d->auth_cam;
          if (!start_one (d, i + 1, c, 0, c->story == CG_DEMO_PASSWORD ? POST_PASSWORD : NULL, own,
                          error))
            return FALSE;
          urls[i] = g_strdup_printf ("rtsp://127.0.0.1:%d/cam1", own->port);
          passwords[i] = g_strdup (c->story == CG_DEMO_PASSWORD ? POST_PASSWORD : "");
        }
      else
        {
          urls[i] = g_strdup_printf ("rtsp://127.0.0.1:%d/cam%u", d->sim.port, i + 1);
          passwords[i] = g_strdup ("");
        }
    }
  return TRUE;
}

/* Once the first seconds are recorded: the dead camera's simulator
 * stopped (nothing listens on its port any more), the workshop's started
 * again on the same port behind its new password. */
static gboolean
break_cameras (Demo *d, GError **error)
{
  stop (&d->dead.pid);
  if (d->auth.pid == 0)
    return TRUE;
  int port = d->auth.port;
  stop (&d->auth.pid);
  return start_one (d, d->auth_cam, d->cameras->pdata[d->auth_cam - 1], port, CAMERA_PASSWORD,
                    &d->auth, error);
}

/* First start: the cameras added, a few seconds recorded; then stopped. */
static gboolean
first_seconds (Demo *d, GError **error)
{
  guint n = d->cameras->len;
  g_auto (GStrv) urls = g_new0 (char *, n + 1);
  g_auto (GStrv) passwords = g_new0 (char *, n + 1);
  if (!start_cameras (d, urls, passwords, error) || stopped_by_signal (error)
      || !start_daemon (d->dir, d->daemon, d->conf, 0, d->daemon_err, &d->daemon_pid, error))
    return FALSE;
  g_autoptr (CgClient) client = connect_daemon (d->config, &d->daemon_pid, d->daemon_log, 10, error);
  if (stopped_by_signal (error) || client == NULL
      || !cg_demo_add_cameras (client, d->cameras, urls, passwords, error))
    return FALSE;
  cg_demo_wait_recorded (client, d->cameras, FIRST_SECONDS, 15);
  stop (&d->daemon_pid);
  return !stopped_by_signal (error) && break_cameras (d, error);
}

static int
run_demo (Demo *d, GError **error)
{
  g_autofree char *starting = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "Starting %u simulated camera, the daemon and the station in %s ...",
                 "Starting %u simulated cameras, the daemon and the station in %s ...", d->cameras->len),
    d->cameras->len, d->dir);
  say (starting);
  if (!first_seconds (d, error))
    return CG_EXIT_FAILED;
  int days = history_days ();
  g_autofree char *making = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "Making up the last %d day of the commune from those seconds ...",
                 "Making up the last %d days of the commune from those seconds ...", days),
    days);
  say (making);
  if (!start_daemon (d->dir, d->daemon, d->conf, days, d->daemon_err, &d->daemon_pid, error))
    return CG_EXIT_FAILED;
  g_autoptr (CgClient) client = connect_daemon (d->config, &d->daemon_pid, d->daemon_log, 120, error);
  if (stopped_by_signal (error) || client == NULL
      || !cg_demo_add_events (client, d->cameras, days, error) || stopped_by_signal (error))
    return CG_EXIT_FAILED;
  return cg_station_run (d->config);
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
  g_autofree char *list = cg_shipped_file ("data", "demo-cameras.txt", PKGDATADIR);
  g_autoptr (GPtrArray) cameras = cg_demo_cameras_load (list, &error);
  if (cameras == NULL)
    {
      cg_cli_error (ctx->program, _("demo: %s"), error->message);
      return CG_EXIT_FAILED;
    }
  g_autofree char *dir = g_dir_make_tmp ("canhgac-demo-XXXXXX", &error);
  if (dir == NULL)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autofree char *conf = g_build_filename (dir, "canhgac.conf", NULL);
  g_autofree char *map = cg_shipped_file ("data", "commune.map", PKGDATADIR);
  /* The last day at full rate, older days thinned, as the history is. */
  g_autofree char *text = g_strdup_printf ("[daemon]\ndata_dir = %s/data\nsocket = %s/canhgacd.sock\n"
                                           "[storage]\nfull_rate_days = 1d\n"
                                           "[station]\nmap = %s\n"
                                           /* The commune's own header on its reports. */
                                           "[report]\nunit_above = CÔNG AN HUYỆN HOẰNG HÓA\n"
                                           "unit = CÔNG AN XÃ HOẰNG KIM\nplace = Hoằng Kim\n"
                                           "signer_name = Nguyễn Văn An\n"
                                           "recipients = Công an huyện (để báo cáo), "
                                           "Đảng ủy - UBND xã (để báo cáo)\n",
                                           dir, dir, map);
  g_autofree char *daemon_log = g_build_filename (dir, "canhgacd.log", NULL);
  g_autofree char *sim_log = g_build_filename (dir, "camsim.log", NULL);
  int status = CG_EXIT_FAILED;
  /* Until the station takes them over. */
  struct sigaction sa = { .sa_handler = on_signal };
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGHUP, &sa, NULL);
  Demo d = { .dir = dir, .camsim = camsim, .daemon = daemon, .conf = conf, .daemon_log = daemon_log,
             .sim_log = sim_log, .cameras = cameras, .sim = { .out = -1 }, .auth = { .out = -1 }, .dead = { .out = -1 } };
  d.sim_err = g_open (sim_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  d.daemon_err = g_open (daemon_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (!g_file_set_contents (conf, text, -1, &error) || d.sim_err < 0 || d.daemon_err < 0)
    {
      if (error == NULL)
        g_set_error (&error, CG_ERROR, CG_ERROR_IO, _("cannot write in %s: %s"), dir, g_strerror (errno));
    }
  else if ((d.config = cg_config_load (conf, TRUE, &error)) != NULL)
    status = run_demo (&d, &error);

  if (error != NULL)
    cg_cli_error (ctx->program, _("demo: %s"), error->message);
  stop (&d.daemon_pid);
  stop (&d.sim.pid);
  stop (&d.auth.pid);
  stop (&d.dead.pid);
  int fds[] = { d.sim.out, d.auth.out, d.dead.out, d.sim_err, d.daemon_err };
  for (gsize i = 0; i < G_N_ELEMENTS (fds); i++)
    if (fds[i] >= 0)
      close (fds[i]);
  g_clear_pointer (&d.config, cg_config_free);
  if (status == CG_EXIT_OK || interrupted)
    remove_tree (dir);
  else
    printf (_("The demo's files are kept in %s.\n"), dir);
  return status;
}

const CgCommand cg_cmd_demo = {
  .name = "demo",
  .summary = N_("a commune's cameras with weeks of history, the daemon and the station, to try canhgac"),
  .help = N_("Cameras on weak household lines, one dropping out, one dead, one whose password was "
             "changed; weeks of outages, motion, incidents, exports, maintenance and footage (the last "
             "day at full rate, older days thinned). Quitting the station stops the cameras and the "
             "daemon it started and removes the demo's files."),
  .run = run,
};
