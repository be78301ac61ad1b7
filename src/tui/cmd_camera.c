/* cmd_camera.c — `canhgac camera`: the post's list of cameras, from the
 * command line: add, list, show, edit, remove, enable, disable.
 *
 * Until the daemon's socket API exists these write the database
 * directly.  Passwords go in and never come out: tables, JSON and
 * messages show URLs through cg_url_mask() and say only whether a
 * password is set.
 */
#include "build-config.h"

#include "common/camera.h"
#include "common/cli.h"
#include "common/db.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "tui/command.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* Which options an action accepts. */
enum {
  ACCEPT_FIELDS = 1 << 0, /* --url, --place, ... */
  ACCEPT_NAME = 1 << 1,   /* --name */
  ACCEPT_RENAME = 1 << 2, /* --rename */
  ACCEPT_JSON = 1 << 3,   /* --json */
};

enum {
  OPT_NAME = 256,
  OPT_URL,
  OPT_USER,
  OPT_PASSWORD,
  OPT_PLACE,
  OPT_MAP,
  OPT_TRANSPORT,
  OPT_SUBSTREAM,
  OPT_FUNDING,
  OPT_HOST_NAME,
  OPT_HOST_PHONE,
  OPT_POWER_BY,
  OPT_NETWORK_BY,
  OPT_INSTALLED,
  OPT_DISABLED,
  OPT_ENABLED,
  OPT_RENAME,
  OPT_JSON,
};

static const struct option long_options[] = {
  { "name", required_argument, NULL, OPT_NAME },
  { "url", required_argument, NULL, OPT_URL },
  { "user", required_argument, NULL, OPT_USER },
  { "password", required_argument, NULL, OPT_PASSWORD },
  { "place", required_argument, NULL, OPT_PLACE },
  { "map", required_argument, NULL, OPT_MAP },
  { "transport", required_argument, NULL, OPT_TRANSPORT },
  { "substream", required_argument, NULL, OPT_SUBSTREAM },
  { "funding", required_argument, NULL, OPT_FUNDING },
  { "host-name", required_argument, NULL, OPT_HOST_NAME },
  { "host-phone", required_argument, NULL, OPT_HOST_PHONE },
  { "power-by", required_argument, NULL, OPT_POWER_BY },
  { "network-by", required_argument, NULL, OPT_NETWORK_BY },
  { "installed", required_argument, NULL, OPT_INSTALLED },
  { "disabled", no_argument, NULL, OPT_DISABLED },
  { "enabled", no_argument, NULL, OPT_ENABLED },
  { "rename", required_argument, NULL, OPT_RENAME },
  { "json", no_argument, NULL, OPT_JSON },
  { "help", no_argument, NULL, 'h' },
  { NULL, 0, NULL, 0 },
};

/* What the command line asked for; NULL: not given.  An empty value
 * given to edit clears the field. */
typedef struct {
  const char *name, *url, *user, *password, *place, *map, *transport, *substream;
  const char *funding, *host_name, *host_phone, *power_by, *network_by, *installed;
  const char *rename;
  gboolean disabled, enabled, json;
  char **args; /* positional arguments, NULL-terminated view into argv */
  int n_args;
} Options;

typedef struct {
  const char *name;
  unsigned accepts;
  int positional; /* how many arguments it needs (the camera's name) */
  int (*run) (const CgCommandContext *ctx, const Options *o);
} Action;

static void
print_usage (FILE *out, const char *program)
{
  fprintf (out, _("Usage: %s camera ACTION [ARG]...\n"), program);
  fprintf (out, _("The post's cameras: add, change and remove them.\n"));
  fprintf (out, "\n");
  fprintf (out, _("Actions:\n"
                  "  add --name NAME --url URL [OPTION]...  add a camera\n"
                  "  list [--json]                          list the cameras\n"
                  "  show NAME                              show everything about a camera\n"
                  "  edit NAME [OPTION]... [--rename NEW]   change a camera\n"
                  "  remove NAME                            remove a camera (its recordings "
                  "are kept)\n"
                  "  enable NAME                            record the camera again\n"
                  "  disable NAME                           stop recording the camera\n"));
  fprintf (out, "\n");
  fprintf (out, _("Options of add and edit:\n"
                  "  --url URL              rtsp://[USER:PASSWORD@]HOST[:PORT]/PATH\n"
                  "  --user USER            user name for the camera\n"
                  "  --password PASSWORD    password for the camera (never shown)\n"
                  "  --place TEXT           where the camera is, in words\n"
                  "  --map X,Y              position on the commune map (\"none\": no "
                  "position)\n"
                  "  --transport tcp|udp    how the video travels (tcp suits weak links)\n"
                  "  --substream URL        the camera's smaller second stream\n"
                  "  --funding budget|community  bought by the commune, or donated/hosted\n"
                  "  --host-name TEXT       household or business hosting the camera\n"
                  "  --host-phone TEXT      the host's phone number\n"
                  "  --power-by TEXT        who provides its power\n"
                  "  --network-by TEXT      who provides its internet line\n"
                  "  --installed YYYY-MM-DD when it was installed\n"
                  "  --disabled, --enabled  do not record it / record it\n"
                  "With edit, an empty value (\"\") clears a field.\n"));
  fprintf (out, "\n");
  fprintf (out, _("Exit status: 0 done, 1 refused or failed, 2 wrong usage.\n"));
}

/* ---- reading the command line ------------------------------------------ */

/* Like cg_cli_usage_error(), but pointing at `canhgac camera --help`,
 * where the actions and their options are described. */
static int usage_error (const CgCommandContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const CgCommandContext *ctx, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_autofree char *program = g_strdup_printf ("%s camera", ctx->program);
  return cg_cli_usage_error (program, "%s", msg);
}

static int
parse_options (const CgCommandContext *ctx, const Action *action, int argc, char **argv,
               Options *o, gboolean *help)
{
  int c, index = -1;
  /* Each sub-command parses afresh: 0 re-initialises GNU getopt, which
   * main() already used with its own option string. */
  optind = 0;
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":h", long_options, &index)) != -1)
    {
      unsigned needs = 0;
      switch (c)
        {
        case 'h': *help = TRUE; return CG_EXIT_OK;
        case ':':
          return usage_error (ctx, _("%s: option '%s' needs a value"),
                                     action->name, argv[optind - 1]);
        case '?':
          if (optopt != 0)
            return usage_error (ctx, _("%s: unknown option '-%c'"),
                                       action->name, optopt);
          return usage_error (ctx, _("%s: unknown option '%s'"),
                                     action->name, argv[optind - 1]);
        case OPT_NAME: o->name = optarg; needs = ACCEPT_NAME; break;
        case OPT_RENAME: o->rename = optarg; needs = ACCEPT_RENAME; break;
        case OPT_JSON: o->json = TRUE; needs = ACCEPT_JSON; break;
        case OPT_URL: o->url = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_USER: o->user = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_PASSWORD: o->password = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_PLACE: o->place = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_MAP: o->map = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_TRANSPORT: o->transport = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_SUBSTREAM: o->substream = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_FUNDING: o->funding = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_HOST_NAME: o->host_name = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_HOST_PHONE: o->host_phone = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_POWER_BY: o->power_by = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_NETWORK_BY: o->network_by = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_INSTALLED: o->installed = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_DISABLED: o->disabled = TRUE; needs = ACCEPT_FIELDS; break;
        case OPT_ENABLED: o->enabled = TRUE; needs = ACCEPT_FIELDS; break;
        default: g_assert_not_reached ();
        }
      if ((action->accepts & needs) == 0)
        {
          const char *hint = c == OPT_NAME && (action->accepts & ACCEPT_RENAME)
                               ? _(" (give the camera's name first, and --rename NEW to rename it)")
                               : "";
          return usage_error (ctx, _("%s does not take '--%s'%s"),
                              action->name, long_options[index].name, hint);
        }
    }
  o->args = argv + optind;
  o->n_args = argc - optind;
  if (o->n_args < action->positional)
    return usage_error (ctx,
                               _("%s: which camera? Give its name, in quotes if it "
                                 "has spaces"), action->name);
  if (o->n_args > action->positional)
    return usage_error (ctx,
                               _("%s: unexpected argument '%s' (put a name with "
                                 "spaces in quotes)"),
                               action->name, o->args[action->positional]);
  if (o->disabled && o->enabled)
    return usage_error (ctx, _("%s: --disabled and --enabled "
                                               "contradict each other"), action->name);
  return -1;
}

static void
set_field (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL;
}

/* Applies the field options to c; returns -1, or an exit status after
 * saying what is wrong. */
static int
apply_fields (const CgCommandContext *ctx, const Options *o, CgCamera *c)
{
  g_autoptr (GError) error = NULL;
  if (o->url != NULL)
    {
      g_autofree char *url = NULL, *user = NULL, *pass = NULL;
      if (!cg_camera_url_parse (o->url, &url, &user, &pass, &error))
        {
          cg_cli_error (ctx->program, "%s", error->message);
          return CG_EXIT_FAILED;
        }
      if ((o->user != NULL && user != NULL && strcmp (o->user, user) != 0)
          || (o->password != NULL && pass != NULL && strcmp (o->password, pass) != 0))
        return usage_error (ctx,
                                   _("the URL holds a user name or password different from "
                                     "--user/--password; give them only once"));
      set_field (&c->url, url);
      /* A new address without credentials keeps the old ones: the camera
       * moved, its login did not. */
      set_field (&c->username, user);
      set_field (&c->password, pass);
    }
  set_field (&c->username, o->user);
  set_field (&c->password, o->password);
  set_field (&c->substream_url, o->substream);
  set_field (&c->place, o->place);
  set_field (&c->host_name, o->host_name);
  set_field (&c->host_phone, o->host_phone);
  set_field (&c->power_by, o->power_by);
  set_field (&c->network_by, o->network_by);
  set_field (&c->installed_on, o->installed);
  if (o->map != NULL)
    {
      if (*o->map == '\0' || g_ascii_strcasecmp (o->map, "none") == 0)
        c->has_map = FALSE;
      else if (cg_camera_map_parse (o->map, &c->map_x, &c->map_y, &error))
        c->has_map = TRUE;
      else
        return usage_error (ctx, "%s", error->message);
    }
  if (o->transport != NULL && !cg_transport_from_string (o->transport, &c->transport))
    return usage_error (ctx, _("--transport must be tcp or udp, not '%s'"),
                               o->transport);
  if (o->funding != NULL && !cg_funding_from_string (o->funding, &c->funding))
    return usage_error (ctx,
                               _("--funding must be budget (bought by the commune) or "
                                 "community (donated or hosted), not '%s'"), o->funding);
  if (o->disabled)
    c->enabled = FALSE;
  if (o->enabled)
    c->enabled = TRUE;
  return -1;
}

/* ---- the database ------------------------------------------------------ */

/* Opens $data_dir/canhgac.db, creating it unless create is FALSE, in
 * which case a missing database sets *missing and returns NULL quietly. */
static CgDb *
open_db (const CgCommandContext *ctx, gboolean create, gboolean *missing)
{
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return NULL;
  g_autofree char *path = g_build_filename (config->data_dir, CG_DB_FILENAME, NULL);
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *missing = TRUE;
      return NULL;
    }
  if (g_mkdir_with_parents (config->data_dir, 0750) != 0)
    {
      int saved = errno;
      cg_cli_error (ctx->program, _("cannot create the data directory %s: %s; check "
                                    "[daemon] data_dir in the configuration"),
                    config->data_dir, g_strerror (saved));
      return NULL;
    }
  g_autoptr (GError) error = NULL;
  CgDb *db = cg_db_open (path, CG_DB_READ_WRITE, &error);
  if (db == NULL)
    cg_cli_error (ctx->program, "%s", error->message);
  return db;
}

static int
failed (const CgCommandContext *ctx, const GError *error)
{
  cg_cli_error (ctx->program, "%s", error->message);
  return CG_EXIT_FAILED;
}

/* ---- output ------------------------------------------------------------ */

/* Terminal cells a text takes: accents take none, CJK takes two. */
static int
display_width (const char *text)
{
  int width = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      width += g_unichar_iszerowidth (ch) ? 0 : g_unichar_iswide (ch) ? 2 : 1;
    }
  return width;
}

static void
print_padded (const char *text, int width)
{
  fputs (text, stdout);
  for (int i = display_width (text); i < width; i++)
    putchar (' ');
}

static char *
map_text (const CgCamera *c)
{
  return c->has_map ? g_strdup_printf ("%d,%d", c->map_x, c->map_y) : g_strdup ("-");
}

static const char *
state_text (const CgCamera *c)
{
  return c->enabled ? _("enabled") : _("disabled");
}

static void
print_table (GPtrArray *cameras)
{
  enum { COLUMNS = 5 };
  const char *heads[COLUMNS] = { _("NAME"), _("STATE"), _("ADDRESS"), _("PLACE"), _("MAP") };
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  int widths[COLUMNS];
  for (int k = 0; k < COLUMNS; k++)
    widths[k] = display_width (heads[k]);
  for (guint i = 0; i < cameras->len; i++)
    {
      const CgCamera *c = cameras->pdata[i];
      char *row[COLUMNS] = { g_strdup (c->name), g_strdup (state_text (c)),
                             cg_url_mask (c->url), g_strdup (c->place != NULL ? c->place : "-"),
                             map_text (c) };
      for (int k = 0; k < COLUMNS; k++)
        {
          widths[k] = MAX (widths[k], display_width (row[k]));
          g_ptr_array_add (cells, row[k]);
        }
    }
  for (int k = 0; k < COLUMNS; k++)
    {
      print_padded (heads[k], k + 1 < COLUMNS ? widths[k] + 2 : 0);
    }
  putchar ('\n');
  for (guint i = 0; i < cells->len; i++)
    {
      int k = (int) (i % COLUMNS);
      print_padded (cells->pdata[i], k + 1 < COLUMNS ? widths[k] + 2 : 0);
      if (k + 1 == COLUMNS)
        putchar ('\n');
    }
}

static void
json_member_text (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
print_json (GPtrArray *cameras)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < cameras->len; i++)
    {
      const CgCamera *c = cameras->pdata[i];
      g_autofree char *url = cg_url_mask (c->url);
      g_autofree char *sub = c->substream_url != NULL ? cg_url_mask (c->substream_url) : NULL;
      g_autofree char *created = cg_time_format_iso (c->created_us);
      g_autofree char *updated = cg_time_format_iso (c->updated_us);
      json_builder_begin_object (b);
      json_member_text (b, "name", c->name);
      json_member_text (b, "url", url);
      json_builder_set_member_name (b, "enabled");
      json_builder_add_boolean_value (b, c->enabled);
      json_member_text (b, "place", c->place);
      json_builder_set_member_name (b, "map");
      if (c->has_map)
        {
          json_builder_begin_array (b);
          json_builder_add_int_value (b, c->map_x);
          json_builder_add_int_value (b, c->map_y);
          json_builder_end_array (b);
        }
      else
        json_builder_add_null_value (b);
      json_member_text (b, "transport", cg_transport_to_string (c->transport));
      json_member_text (b, "substream_url", sub);
      json_member_text (b, "funding", cg_funding_to_string (c->funding));
      json_member_text (b, "host_name", c->host_name);
      json_member_text (b, "host_phone", c->host_phone);
      json_member_text (b, "power_by", c->power_by);
      json_member_text (b, "network_by", c->network_by);
      json_member_text (b, "installed_on", c->installed_on);
      /* Whether a login is stored, never the login itself (DESIGN §5). */
      json_builder_set_member_name (b, "has_credentials");
      json_builder_add_boolean_value (b, c->username != NULL || c->password != NULL);
      json_member_text (b, "created", created);
      json_member_text (b, "updated", updated);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static const char *
funding_text (CgFunding funding)
{
  switch (funding)
    {
    case CG_FUNDING_BUDGET: return _("commune budget");
    case CG_FUNDING_COMMUNITY: return _("community (donated or hosted)");
    case CG_FUNDING_UNKNOWN: break;
    }
  return NULL;
}

/* "2025-03-15" as officers write dates: "15/03/2025". */
static char *
date_text (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10)
    return g_strdup (iso);
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static void
print_details (const CgCamera *c)
{
  g_autofree char *url = cg_url_mask (c->url);
  g_autofree char *sub = c->substream_url != NULL ? cg_url_mask (c->substream_url) : NULL;
  g_autofree char *map = c->has_map ? map_text (c) : NULL;
  g_autofree char *installed = date_text (c->installed_on);
  g_autofree char *created = cg_time_format_local (c->created_us, NULL);
  g_autofree char *updated = cg_time_format_local (c->updated_us, NULL);
  g_autofree char *login = NULL;
  if (c->username != NULL || c->password != NULL)
    login = g_strdup_printf ("%s%s", c->username != NULL ? c->username : "",
                             c->password != NULL ? _(" (password set)") : _(" (no password)"));
  const struct { const char *label, *value; } rows[] = {
    { _("Name:"), c->name },
    { _("State:"), state_text (c) },
    { _("Address:"), url },
    { _("Login:"), login },
    { _("Sub-stream:"), sub },
    { _("Transport:"), cg_transport_to_string (c->transport) },
    { _("Place:"), c->place },
    { _("Map:"), map },
    { _("Funding:"), funding_text (c->funding) },
    { _("Host household:"), c->host_name },
    { _("Host's phone:"), c->host_phone },
    { _("Power from:"), c->power_by },
    { _("Network from:"), c->network_by },
    { _("Installed on:"), installed },
    { _("Added:"), created },
    { _("Last changed:"), updated },
  };
  int width = 0;
  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    width = MAX (width, display_width (rows[i].label));
  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      print_padded (rows[i].label, width + 1);
      printf ("%s\n", rows[i].value != NULL ? rows[i].value : "-");
    }
}

/* ---- the actions ------------------------------------------------------- */

static int
do_add (const CgCommandContext *ctx, const Options *o)
{
  if (o->name == NULL)
    return usage_error (ctx, _("add: --name NAME is required"));
  if (o->url == NULL)
    return usage_error (ctx, _("add: --url URL is required, such as "
                                               "rtsp://192.168.1.64:554/Streaming/Channels/101"));
  g_autoptr (CgCamera) camera = cg_camera_new ();
  camera->name = g_strdup (o->name);
  int status = apply_fields (ctx, o, camera);
  if (status >= 0)
    return status;
  gboolean missing = FALSE;
  g_autoptr (CgDb) db = open_db (ctx, TRUE, &missing);
  if (db == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (GError) error = NULL;
  if (!cg_camera_save (cg_db_handle (db), camera, &error))
    return failed (ctx, error);
  printf (_("Camera “%s” added.\n"), camera->name);
  if (!camera->enabled)
    printf (_("It is disabled: it will not be recorded until “%s camera enable” is run.\n"),
            ctx->program);
  return CG_EXIT_OK;
}

static int
do_list (const CgCommandContext *ctx, const Options *o)
{
  gboolean missing = FALSE;
  g_autoptr (CgDb) db = open_db (ctx, FALSE, &missing);
  g_autoptr (GPtrArray) cameras = NULL;
  if (db == NULL && !missing)
    return CG_EXIT_FAILED;
  if (db != NULL)
    {
      g_autoptr (GError) error = NULL;
      cameras = cg_camera_list (cg_db_handle (db), &error);
      if (cameras == NULL)
        return failed (ctx, error);
    }
  else
    cameras = g_ptr_array_new ();
  if (o->json)
    print_json (cameras);
  else if (cameras->len == 0)
    printf (_("No cameras yet. Add one with: %s camera add --name NAME --url URL\n"),
            ctx->program);
  else
    print_table (cameras);
  return CG_EXIT_OK;
}

static int
do_show (const CgCommandContext *ctx, const Options *o)
{
  gboolean missing = FALSE;
  g_autoptr (CgDb) db = open_db (ctx, TRUE, &missing);
  if (db == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) camera = cg_camera_find (cg_db_handle (db), o->args[0], &error);
  if (camera == NULL)
    return failed (ctx, error);
  print_details (camera);
  return CG_EXIT_OK;
}

static int
do_edit (const CgCommandContext *ctx, const Options *o)
{
  gboolean missing = FALSE;
  g_autoptr (CgDb) db = open_db (ctx, TRUE, &missing);
  if (db == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) camera = cg_camera_find (cg_db_handle (db), o->args[0], &error);
  if (camera == NULL)
    return failed (ctx, error);
  g_autofree char *old_name = g_strdup (camera->name);
  int status = apply_fields (ctx, o, camera);
  if (status >= 0)
    return status;
  if (o->rename != NULL)
    set_field (&camera->name, o->rename);
  if (camera->name == NULL)
    return usage_error (ctx, _("edit: --rename needs a new name"));
  if (!cg_camera_save (cg_db_handle (db), camera, &error))
    return failed (ctx, error);
  if (strcmp (old_name, camera->name) != 0)
    printf (_("Camera “%s” renamed to “%s”.\n"), old_name, camera->name);
  else
    printf (_("Camera “%s” changed.\n"), camera->name);
  return CG_EXIT_OK;
}

static int
do_remove (const CgCommandContext *ctx, const Options *o)
{
  gboolean missing = FALSE;
  g_autoptr (CgDb) db = open_db (ctx, TRUE, &missing);
  if (db == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) camera = cg_camera_find (cg_db_handle (db), o->args[0], &error);
  if (camera == NULL || !cg_camera_remove (cg_db_handle (db), camera->name, &error))
    return failed (ctx, error);
  printf (_("Camera “%s” removed; its recordings are kept.\n"), camera->name);
  return CG_EXIT_OK;
}

static int
set_enabled (const CgCommandContext *ctx, const Options *o, gboolean enabled)
{
  gboolean missing = FALSE;
  g_autoptr (CgDb) db = open_db (ctx, TRUE, &missing);
  if (db == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) camera = cg_camera_find (cg_db_handle (db), o->args[0], &error);
  if (camera == NULL)
    return failed (ctx, error);
  if (camera->enabled == enabled)
    {
      printf (enabled ? _("Camera “%s” was already enabled.\n")
                      : _("Camera “%s” was already disabled.\n"), camera->name);
      return CG_EXIT_OK;
    }
  camera->enabled = enabled;
  if (!cg_camera_save (cg_db_handle (db), camera, &error))
    return failed (ctx, error);
  printf (enabled ? _("Camera “%s” enabled: it will be recorded.\n")
                  : _("Camera “%s” disabled: it is no longer recorded.\n"), camera->name);
  return CG_EXIT_OK;
}

static int
do_enable (const CgCommandContext *ctx, const Options *o)
{
  return set_enabled (ctx, o, TRUE);
}

static int
do_disable (const CgCommandContext *ctx, const Options *o)
{
  return set_enabled (ctx, o, FALSE);
}

static const Action actions[] = {
  { "add", ACCEPT_FIELDS | ACCEPT_NAME, 0, do_add },
  { "list", ACCEPT_JSON, 0, do_list },
  { "show", 0, 1, do_show },
  { "edit", ACCEPT_FIELDS | ACCEPT_RENAME, 1, do_edit },
  { "remove", 0, 1, do_remove },
  { "enable", 0, 1, do_enable },
  { "disable", 0, 1, do_disable },
};

static int
run (const CgCommandContext *ctx, int argc, char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr, ctx->program);
      return CG_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout, ctx->program);
      return CG_EXIT_OK;
    }
  const Action *action = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS (actions); i++)
    if (strcmp (actions[i].name, argv[1]) == 0)
      action = &actions[i];
  if (action == NULL)
    return usage_error (ctx,
                               _("unknown action '%s'; the actions are add, list, "
                                 "show, edit, remove, enable and disable"), argv[1]);

  Options o = { 0 };
  gboolean help = FALSE;
  int status = parse_options (ctx, action, argc - 1, argv + 1, &o, &help);
  if (help)
    {
      print_usage (stdout, ctx->program);
      return CG_EXIT_OK;
    }
  if (status >= 0)
    return status;
  return action->run (ctx, &o);
}

const CgCommand cg_cmd_camera = {
  .name = "camera",
  .args = "ACTION [ARG]...",
  .summary = N_("add, list, change and remove the post's cameras"),
  .run = run,
};
