/* cmd_camera.c — `canhgac camera`: the post's list of cameras, from the
 * command line: add, list, show, edit, remove, enable, disable.
 *
 * A client of canhgacd's camera.* methods (src/daemon/api/api.camera.c): the
 * command line reads the options, the daemon judges the values and keeps
 * the list.  Passwords go in and never come out in what a person reads:
 * an administrator's `--json` carries them (that is what it is for), the
 * tables and details only say whether one is set.
 */
#include "build-config.h"

#include "common/camera_changes.h"
#include "common/cli.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/output.h"

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
  OPT_MOTION_SENSITIVITY,
  OPT_MOTION_MASK,
  OPT_FULL_RATE_DAYS,
  OPT_RETENTION_DAYS,
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
  { "motion-sensitivity", required_argument, NULL, OPT_MOTION_SENSITIVITY },
  { "motion-mask", required_argument, NULL, OPT_MOTION_MASK },
  { "full-rate-days", required_argument, NULL, OPT_FULL_RATE_DAYS },
  { "retention-days", required_argument, NULL, OPT_RETENTION_DAYS },
  { "json", no_argument, NULL, OPT_JSON },
  { "help", no_argument, NULL, 'h' },
  { NULL, 0, NULL, 0 },
};

/* What the command line asked for; NULL: not given.  The field options
 * fill in the very change the daemon applies (an empty value given to
 * edit clears the field). */
typedef struct {
  const char *name, *rename;
  CgCameraChanges changes;
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
                  "  show NAME [--json]                     show everything about a camera\n"
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
                  "  --motion-sensitivity N from 0 (only large changes) to 1 (the smallest)\n"
                  "  --motion-mask X1,Y1,X2,Y2[;...]  cells of the 32x18 grid motion ignores\n"
                  "  --full-rate-days D     keep this camera at full rate D days, then thin\n"
                  "  --retention-days D     this camera's target of days kept\n"
                  "With edit, an empty value (\"\") clears a field.\n"));
  fprintf (out, "\n");
  fprintf (out, _("canhgacd must be running: the cameras are changed through it.\n"));
  fprintf (out, _("Exit status: 0 done, 1 refused or failed, 2 wrong usage, 3 daemon unreachable.\n"));
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
          return usage_error (ctx, _("%s: option '%s' needs a value"), action->name,
                              argv[optind - 1]);
        case '?':
          if (optopt != 0)
            return usage_error (ctx, _("%s: unknown option '-%c'"), action->name, optopt);
          return usage_error (ctx, _("%s: unknown option '%s'"), action->name,
                              argv[optind - 1]);
        case OPT_NAME: o->name = optarg; needs = ACCEPT_NAME; break;
        case OPT_RENAME: o->rename = optarg; needs = ACCEPT_RENAME; break;
        case OPT_JSON: o->json = TRUE; needs = ACCEPT_JSON; break;
        case OPT_URL: o->changes.url = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_USER: o->changes.user = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_PASSWORD: o->changes.password = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_PLACE: o->changes.place = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_MAP: o->changes.map = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_TRANSPORT: o->changes.transport = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_SUBSTREAM: o->changes.substream = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_FUNDING: o->changes.funding = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_HOST_NAME: o->changes.host_name = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_HOST_PHONE: o->changes.host_phone = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_MOTION_SENSITIVITY:
          o->changes.motion_sensitivity = optarg;
          needs = ACCEPT_FIELDS;
          break;
        case OPT_MOTION_MASK: o->changes.motion_mask = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_FULL_RATE_DAYS: o->changes.full_rate_days = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_RETENTION_DAYS: o->changes.retention_days = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_POWER_BY: o->changes.power_by = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_NETWORK_BY: o->changes.network_by = optarg; needs = ACCEPT_FIELDS; break;
        case OPT_INSTALLED: o->changes.installed = optarg; needs = ACCEPT_FIELDS; break;
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
    return usage_error (ctx, _("%s: which camera? Give its name, in quotes if it has spaces"),
                        action->name);
  if (o->n_args > action->positional)
    return usage_error (ctx, _("%s: unexpected argument '%s' (put a name with spaces in quotes)"),
                        action->name, o->args[action->positional]);
  if (o->disabled && o->enabled)
    return usage_error (ctx, _("%s: --disabled and --enabled contradict each other"),
                        action->name);
  if (o->disabled || o->enabled)
    o->changes.enabled = o->enabled;
  return -1;
}

/* A value of the wrong shape (a map position, a transport, a funding, a
 * login given twice) is a typing mistake: refused here, with the pointer
 * to --help, by the daemon's own cg_camera_apply() on a scratch camera,
 * so the rules stay in one place.  Everything else (the URL, the date,
 * the name, a duplicate) is the daemon's to judge. */
static int
check_shapes (const CgCommandContext *ctx, const Options *o)
{
  g_autoptr (CgCamera) scratch = cg_camera_new ();
  g_autoptr (GError) error = NULL;
  if (!cg_camera_apply (scratch, &o->changes, &error)
      && g_error_matches (error, CG_ERROR, CG_ERROR_USAGE))
    return usage_error (ctx, "%s", error->message);
  return -1;
}

/* ---- talking to the daemon --------------------------------------------- */

/* {"name": name} and, for add and edit, the options given (and only
 * those: an option left out leaves its field as it is). */
static JsonNode *
params_new (const char *name, const Options *o)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  if (o != NULL)
    {
      const CgCameraChanges *c = &o->changes;
      const struct { const char *param, *value; } given[] = {
        { "rename", o->rename },
        { "url", c->url },
        { "user", c->user },
        { "password", c->password },
        { "substream_url", c->substream },
        { "place", c->place },
        { "map", c->map },
        { "transport", c->transport },
        { "funding", c->funding },
        { "host_name", c->host_name },
        { "host_phone", c->host_phone },
        { "power_by", c->power_by },
        { "network_by", c->network_by },
        { "installed", c->installed },
        { "motion_sensitivity", c->motion_sensitivity },
        { "motion_mask", c->motion_mask },
        { "full_rate_days", c->full_rate_days },
        { "retention_days", c->retention_days },
      };
      for (size_t i = 0; i < G_N_ELEMENTS (given); i++)
        if (given[i].value != NULL)
          {
            json_builder_set_member_name (b, given[i].param);
            json_builder_add_string_value (b, given[i].value);
          }
      if (c->enabled >= 0)
        {
          json_builder_set_member_name (b, "enabled");
          json_builder_add_boolean_value (b, c->enabled != 0);
        }
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The camera in a reply (cg_camera_to_json()), or NULL after saying the
 * reply made no sense. */
static JsonObject *
camera_of (const CgCommandContext *ctx, JsonNode *reply, int *status)
{
  if (reply != NULL && JSON_NODE_HOLDS_OBJECT (reply))
    return json_node_get_object (reply);
  cg_cli_error (ctx->program, _("canhgacd sent a reply this canhgac does not understand; "
                                "are both the same version?"));
  *status = CG_EXIT_FAILED;
  return NULL;
}

/* One call with {"name": name, ...}; the camera it returns, or NULL with
 * *status set after the daemon's message was printed. */
static JsonNode *
call_named (const CgCommandContext *ctx, CgClient *client, const char *method, const char *name,
            const Options *o, int *status)
{
  g_autoptr (JsonNode) params = params_new (name, o);
  if (client != NULL)
    return cg_command_call (ctx, client, method, params, NULL, status);
  return cg_command_request (ctx, method, params, status);
}

/* ---- output ------------------------------------------------------------ */

/* The reply (an object) as it came, for scripts: member by member, since
 * a JsonBuilder takes no ready-made root. */
static void
print_reply (JsonObject *reply)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  g_autoptr (GList) members = json_object_get_members (reply); /* in the daemon's order */
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_object_dup_member (reply, l->data));
    }
  json_builder_end_object (b);
  cg_json_print (b);
}

/* A text member; NULL when absent or null. */
static const char *
member_text (JsonObject *camera, const char *member)
{
  return cg_rpc_param_string (camera, member, NULL);
}

static const char *
state_text (JsonObject *camera)
{
  return cg_rpc_param_bool (camera, "enabled", TRUE) ? _("enabled") : _("disabled");
}

/* "120,45", or NULL without a position. */
static char *
map_text (JsonObject *camera)
{
  JsonNode *node = json_object_get_member (camera, "map");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  JsonArray *xy = json_node_get_array (node);
  if (json_array_get_length (xy) != 2)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                          json_array_get_int_element (xy, 0), json_array_get_int_element (xy, 1));
}

static const char *
or_dash (const char *value)
{
  return value != NULL ? value : "-";
}

static void
print_table (JsonArray *cameras)
{
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("NAME"), FALSE);
  cg_table_add_column (t, _("STATE"), FALSE);
  cg_table_add_column (t, _("PLACE"), FALSE);
  cg_table_add_column (t, _("MAP"), FALSE);
  /* Last, where a table never cuts: an address is copied, not skimmed. */
  cg_table_add_column (t, _("ADDRESS"), FALSE);
  for (guint i = 0; i < json_array_get_length (cameras); i++)
    {
      JsonNode *node = json_array_get_element (cameras, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *c = json_node_get_object (node);
      g_autofree char *map = map_text (c);
      cg_table_add_row (t, or_dash (member_text (c, "name")), state_text (c),
                        or_dash (member_text (c, "place")), or_dash (map),
                        or_dash (member_text (c, "url")), NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static const char *
funding_text (const char *funding)
{
  if (g_strcmp0 (funding, "budget") == 0)
    return _("commune budget");
  if (g_strcmp0 (funding, "community") == 0)
    return _("community (donated or hosted)");
  return funding;
}

/* "2025-03-15" as officers write dates: "15/03/2025". */
static char *
date_text (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10)
    return g_strdup (iso);
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static char *
time_text (JsonObject *camera, const char *member)
{
  gint64 us = cg_rpc_param_time (camera, member, 0);
  return us > 0 ? cg_time_format_local (us, NULL) : NULL;
}

/* Admins are sent the login: the user name is shown, the password never,
 * only whether there is one.  Others learn only that a login is stored. */
static char *
login_text (JsonObject *camera)
{
  if (!cg_rpc_param_bool (camera, "has_credentials", FALSE))
    return NULL;
  if (!json_object_has_member (camera, "user") && !json_object_has_member (camera, "password"))
    return g_strdup (_("set (only administrators see the user name)"));
  const char *user = member_text (camera, "user");
  return g_strdup_printf ("%s%s", user != NULL ? user : "",
                          member_text (camera, "password") != NULL ? _(" (password set)")
                                                                   : _(" (no password)"));
}

/* "7 ngày" for an override, "default" without. */
static char *
days_text (JsonObject *c, const char *member)
{
  JsonNode *n = json_object_get_member (c, member);
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return g_strdup (_("default"));
  return g_strdup_printf (_("%g days"), json_node_get_double (n));
}

static void
print_details (JsonObject *c)
{
  g_autofree char *login = login_text (c);
  g_autofree char *map = map_text (c);
  g_autofree char *installed = date_text (member_text (c, "installed"));
  JsonNode *sens = json_object_get_member (c, "motion_sensitivity");
  g_autofree char *full_rate = days_text (c, "full_rate_days");
  g_autofree char *retention = days_text (c, "retention_days");
  g_autofree char *sensitivity = sens != NULL && !JSON_NODE_HOLDS_NULL (sens)
                                   ? g_strdup_printf ("%.2f", json_node_get_double (sens))
                                   : g_strdup (_("default"));
  g_autofree char *created = time_text (c, "created");
  g_autofree char *updated = time_text (c, "updated");
  const struct { const char *label, *value; } rows[] = {
    { _("Name:"), member_text (c, "name") },
    { _("State:"), state_text (c) },
    { _("Address:"), member_text (c, "url") },
    { _("Login:"), login },
    { _("Sub-stream:"), member_text (c, "substream_url") },
    { _("Transport:"), member_text (c, "transport") },
    { _("Place:"), member_text (c, "place") },
    { _("Map:"), map },
    { _("Funding:"), funding_text (member_text (c, "funding")) },
    { _("Host household:"), member_text (c, "host_name") },
    { _("Host's phone:"), member_text (c, "host_phone") },
    { _("Power from:"), member_text (c, "power_by") },
    { _("Network from:"), member_text (c, "network_by") },
    { _("Installed on:"), installed },
    { _("Motion sensitivity:"), sensitivity },
    { _("Motion mask:"), member_text (c, "motion_mask") },
    { _("Full rate for:"), full_rate },
    { _("Days to keep:"), retention },
    { _("Added:"), created },
    { _("Last changed:"), updated },
  };
  int width = 0;
  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    width = MAX (width, cg_text_width (rows[i].label));
  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      /* Padded, never cut: a long place or address is read whole. */
      g_autofree char *label = cg_text_fit (rows[i].label, width, FALSE);
      g_autofree char *line = g_strdup_printf ("%s %s", label, or_dash (rows[i].value));
      cg_print_line (line);
    }
}

/* ---- the actions ------------------------------------------------------- */

static int
do_add (const CgCommandContext *ctx, const Options *o)
{
  if (o->name == NULL)
    return usage_error (ctx, _("add: --name NAME is required"));
  if (o->changes.url == NULL)
    return usage_error (ctx, _("add: --url URL is required, such as "
                               "rtsp://192.168.1.64:554/Streaming/Channels/101"));
  int status = check_shapes (ctx, o);
  if (status >= 0)
    return status;
  g_autoptr (JsonNode) reply = call_named (ctx, NULL, "camera.add", o->name, o, &status);
  JsonObject *camera = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (camera == NULL)
    return status;
  printf (_("Camera “%s” added.\n"), or_dash (member_text (camera, "name")));
  if (!cg_rpc_param_bool (camera, "enabled", TRUE))
    printf (_("It is disabled: it will not be recorded until “%s camera enable” is run.\n"),
            ctx->program);
  return CG_EXIT_OK;
}

static int
do_list (const CgCommandContext *ctx, const Options *o)
{
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "camera.list", NULL, &status);
  JsonObject *root = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (root == NULL)
    return status;
  if (o->json)
    {
      print_reply (root);
      return CG_EXIT_OK;
    }
  JsonNode *list = json_object_get_member (root, "cameras");
  JsonArray *cameras = list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list)
                                                                     : NULL;
  if (cameras == NULL || json_array_get_length (cameras) == 0)
    printf (_("No cameras yet. Add one with: %s camera add --name NAME --url URL\n"),
            ctx->program);
  else
    print_table (cameras);
  return CG_EXIT_OK;
}

static int
do_show (const CgCommandContext *ctx, const Options *o)
{
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = call_named (ctx, NULL, "camera.get", o->args[0], NULL, &status);
  JsonObject *camera = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (camera == NULL)
    return status;
  if (o->json)
    print_reply (camera);
  else
    print_details (camera);
  return CG_EXIT_OK;
}

static int
do_edit (const CgCommandContext *ctx, const Options *o)
{
  if (o->rename != NULL && *o->rename == '\0')
    return usage_error (ctx, _("edit: --rename needs a new name"));
  int status = check_shapes (ctx, o);
  if (status >= 0)
    return status;
  const char *old_name = o->args[0];
  g_autoptr (JsonNode) reply = call_named (ctx, NULL, "camera.update", old_name, o, &status);
  JsonObject *camera = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (camera == NULL)
    return status;
  const char *name = or_dash (member_text (camera, "name"));
  if (o->rename != NULL && strcmp (old_name, name) != 0)
    printf (_("Camera “%s” renamed to “%s”.\n"), old_name, name);
  else
    printf (_("Camera “%s” changed.\n"), name);
  return CG_EXIT_OK;
}

static int
do_remove (const CgCommandContext *ctx, const Options *o)
{
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = call_named (ctx, NULL, "camera.remove", o->args[0], NULL, &status);
  if (reply == NULL)
    return status;
  printf (_("Camera “%s” removed; its recordings are kept.\n"), o->args[0]);
  return CG_EXIT_OK;
}

/* Asks first, so that enabling an enabled camera says so and leaves no
 * change in the audit log. */
static int
set_enabled (const CgCommandContext *ctx, const Options *o, gboolean enabled)
{
  int status = CG_EXIT_OK;
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (CgClient) client = cg_command_connect (ctx, config, &status);
  if (client == NULL)
    return status;
  g_autoptr (JsonNode) before = call_named (ctx, client, "camera.get", o->args[0], NULL, &status);
  JsonObject *camera = before != NULL ? camera_of (ctx, before, &status) : NULL;
  if (camera == NULL)
    return status;
  const char *name = or_dash (member_text (camera, "name"));
  if (cg_rpc_param_bool (camera, "enabled", TRUE) == enabled)
    {
      printf (enabled ? _("Camera “%s” was already enabled.\n")
                      : _("Camera “%s” was already disabled.\n"), name);
      return CG_EXIT_OK;
    }
  g_autoptr (JsonNode) after = call_named (ctx, client, enabled ? "camera.enable" : "camera.disable",
                                           o->args[0], NULL, &status);
  if (after == NULL)
    return status;
  printf (enabled ? _("Camera “%s” enabled: it will be recorded.\n")
                  : _("Camera “%s” disabled: it is no longer recorded.\n"), name);
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
  { "show", ACCEPT_JSON, 1, do_show },
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
    return usage_error (ctx, _("unknown action '%s'; the actions are add, list, show, edit, "
                               "remove, enable and disable"), argv[1]);

  Options o = { .changes = CG_CAMERA_CHANGES_INIT };
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
