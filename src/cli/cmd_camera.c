/* cmd_camera.c — `canhgac camera`: the post's list of cameras, from the
 * command line: add, list, show, edit, remove, enable, disable.
 *
 * A client of canhgacd's camera.* methods (src/daemon/api/camera.c): the
 * command line reads the options, the daemon judges the values and keeps
 * the list.  The options of add and edit, the parameters they send and
 * the lines of `camera show` all come from the table of camera fields
 * (common/camera_fields.c).  Passwords go in and never come out in what
 * a person reads: an administrator's `--json` carries them (that is what
 * it is for), the tables and details only say whether one is set.
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

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <termios.h>
#include <string.h>

/* ---- the fields' options ----------------------------------------------- */

#define PASSWORD_REFUSAL N_("a password after --password can be read by anyone on this PC " \
                            "(ps, the shell's history): type it at --ask-password's prompt, " \
                            "or pipe it to --password-stdin")

/* A password inside an address typed on the command line is as visible
 * as one after --password. */
static int
check_no_password_in_urls (const CgCommandContext *ctx)
{
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      const char *typed = f->type == CG_FIELD_URL ? cg_args_get (ctx->args, f->option) : NULL;
      g_autofree char *pass = NULL;
      if (typed != NULL && cg_camera_url_parse (typed, NULL, NULL, &pass, NULL) && pass != NULL)
        return cg_command_usage_error (ctx, _("the address after --%s holds a password, which "
                                              "anyone on this PC can read (ps, the shell's "
                                              "history): give the address without it, and the "
                                              "password at --ask-password's prompt or through "
                                              "--password-stdin"), f->option);
    }
  return -1;
}

/* The camera's password from standard input (its first line) or from a
 * prompt on the terminal with echo off; NULL when neither was asked for
 * or on error (said, with *status set). */
static char *
read_password (const CgCommandContext *ctx, int *status)
{
  *status = -1;
  gboolean from_stdin = cg_args_has (ctx->args, "password-stdin");
  gboolean ask = cg_args_has (ctx->args, "ask-password");
  if (from_stdin && ask)
    {
      *status = cg_command_usage_error (ctx, _("--password-stdin and --ask-password contradict "
                                               "each other"));
      return NULL;
    }
  if (!from_stdin && !ask)
    return NULL;
  FILE *in = stdin;
  FILE *tty = NULL;
  struct termios saved;
  gboolean echo_off = FALSE;
  if (ask)
    {
      tty = fopen ("/dev/tty", "r+");
      if (tty == NULL)
        {
          cg_cli_error (ctx->program, _("--ask-password needs a terminal; use --password-stdin "
                                        "in scripts"));
          *status = CG_EXIT_USAGE;
          return NULL;
        }
      in = tty;
      fputs (_("Camera password: "), tty);
      fflush (tty);
      if (tcgetattr (fileno (tty), &saved) == 0)
        {
          struct termios quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
        }
    }
  char buf[1024];
  char *got = fgets (buf, sizeof buf, in);
  if (echo_off)
    tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  if (tty != NULL)
    {
      fputc ('\n', tty);
      fclose (tty);
    }
  if (got == NULL)
    {
      cg_cli_error (ctx->program, _("no password was given: standard input ended before a line"));
      *status = CG_EXIT_USAGE;
      return NULL;
    }
  buf[strcspn (buf, "\r\n")] = '\0';
  char *password = g_strdup (buf);
  memset (buf, 0, sizeof buf);
  return password;
}

/* --url, --place, ...: one option per field, two for on/off fields. */
static const CgOption *
field_options (void)
{
  /* Two for an on/off field, two for one with an older name; the last
   * one ends the table. */
  static CgOption options[2 * CG_CAMERA_N_FIELDS + 1];
  static gsize built = 0;
  if (g_once_init_enter (&built))
    {
      int n = 0;
      for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
        {
          const CgCameraField *f = &cg_camera_fields[i];
          if (g_strcmp0 (f->json, "password") == 0)
            {
              /* A password typed after --password is in `ps` for everyone on
               * the PC and in the shell's history: it comes from standard
               * input or a prompt instead (--password-stdin, --ask-password). */
              options[n++] = (CgOption) { f->option, 0, f->metavar, NULL, CG_OPTION_REFUSED,
                                          PASSWORD_REFUSAL };
              continue;
            }
          options[n++] = (CgOption) { f->option, 0, f->metavar, f->help };
          if (f->type == CG_FIELD_BOOL)
            options[n++] = (CgOption) { f->option_off, 0, NULL, f->help_off };
          /* Still read, for scripts written before the new name; not in
           * --help (no help line). */
          if (f->option_alias != NULL)
            options[n++] = (CgOption) { f->option_alias, 0, f->metavar, NULL };
          g_assert (n < (int) G_N_ELEMENTS (options));
        }
      g_once_init_leave (&built, 1);
    }
  return options;
}

/* What was typed for f: the option's value, or for an on/off field
 * "true" or "false"; NULL when not given. */
static const char *
field_typed (const CgCommandContext *ctx, const CgCameraField *f)
{
  if (f->type != CG_FIELD_BOOL)
    {
      const char *typed = cg_args_get (ctx->args, f->option);
      if (typed == NULL && f->option_alias != NULL)
        typed = cg_args_get (ctx->args, f->option_alias);
      return typed;
    }
  if (cg_args_has (ctx->args, f->option))
    return "true";
  if (cg_args_has (ctx->args, f->option_off))
    return "false";
  return NULL;
}

/* {"name": name} and, for add and edit, the fields given (and only
 * those: an option left out leaves its field as it is); *n_fields says
 * how many. */
static JsonNode *
params_new (const CgCommandContext *ctx, const char *name, gboolean fields, const char *password,
            int *n_fields)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  const char *rename = fields ? cg_args_get (ctx->args, "rename") : NULL;
  if (rename != NULL)
    {
      json_builder_set_member_name (b, "rename");
      json_builder_add_string_value (b, rename);
    }
  for (int i = 0; fields && i < CG_CAMERA_N_FIELDS; i++)
    {
      const char *typed = field_typed (ctx, &cg_camera_fields[i]);
      if (g_strcmp0 (cg_camera_fields[i].json, "password") == 0)
        typed = password;
      if (typed == NULL)
        continue;
      cg_camera_field_add_param (b, &cg_camera_fields[i], typed);
      if (n_fields != NULL)
        (*n_fields)++;
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* On and off at once is a slip; -1 when there is none. */
static int
check_contradictions (const CgCommandContext *ctx)
{
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      if (f->type == CG_FIELD_BOOL && cg_args_has (ctx->args, f->option)
          && cg_args_has (ctx->args, f->option_off))
        return cg_command_usage_error (ctx, _("--%s and --%s contradict each other"),
                                       f->option_off, f->option);
    }
  return -1;
}

/* A value of the wrong shape (a map position, a transport, a funding, a
 * login given twice) is a typing mistake: refused here, with the pointer
 * to --help, by the daemon's own rules: the parameters are read and
 * applied to a scratch camera as the daemon will.  Everything else (the
 * URL, the date, the name, a duplicate) is the daemon's to judge. */
static int
check_shapes (const CgCommandContext *ctx, JsonNode *params)
{
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_read (&changes, json_node_get_object (params));
  /* Bytes that are not UTF-8 would reach the daemon replaced by "�" and
   * be kept so: the terminal's character set is wrong, and nothing is
   * sent. */
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    if (changes.value[i] != NULL && !g_utf8_validate (changes.value[i], -1, NULL))
      {
        cg_cli_error (ctx->path, _("the text after --%s is not valid UTF-8; check the "
                                   "terminal's character set (it should be UTF-8)"),
                      cg_camera_fields[i].option);
        return CG_EXIT_FAILED;
      }
  g_autoptr (CgCamera) scratch = cg_camera_new ();
  g_autoptr (GError) error = NULL;
  if (!cg_camera_apply (scratch, &changes, &error)
      && g_error_matches (error, CG_ERROR, CG_ERROR_USAGE))
    return cg_command_usage_error (ctx, "%s", error->message);
  return -1;
}

/* ---- talking to the daemon --------------------------------------------- */

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

/* One call with {"name": name}; the camera it returns, or NULL with
 * *status set after the daemon's message was printed. */
static JsonNode *
call_named (const CgCommandContext *ctx, CgClient *client, const char *method, const char *name,
            int *status)
{
  g_autoptr (JsonNode) params = params_new (ctx, name, FALSE, NULL, NULL);
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

/* A field as `camera show` prints it, or "-". */
static char *
field_text (JsonObject *camera, const char *json)
{
  char *text = cg_camera_field_show (cg_camera_field_find (json), camera);
  return text != NULL ? text : g_strdup ("-");
}

static const char *
or_dash (const char *value)
{
  return value != NULL ? value : "-";
}

static void
print_table (JsonArray *cameras)
{
  static const char *const columns[] = { "enabled", "place", "map", "url" };
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
      char *cells[G_N_ELEMENTS (columns)];
      for (size_t k = 0; k < G_N_ELEMENTS (columns); k++)
        cells[k] = field_text (c, columns[k]);
      cg_table_add_row (t, or_dash (member_text (c, "name")), cells[0], cells[1], cells[2],
                        cells[3], NULL);
      for (size_t k = 0; k < G_N_ELEMENTS (columns); k++)
        g_free (cells[k]);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static char *
time_text (JsonObject *camera, const char *member)
{
  gint64 us = cg_rpc_param_time (camera, member, 0);
  return us > 0 ? cg_time_format_local (us, NULL) : NULL;
}

/* Removed cameras whose recordings are still there, and how to reach
 * them. */
static void
print_removed (const CgCommandContext *ctx, JsonArray *cameras)
{
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("ID"), TRUE);
  cg_table_add_column (t, _("NAME"), FALSE);
  cg_table_add_column (t, _("REMOVED"), FALSE);
  cg_table_add_column (t, _("RECORDINGS FROM"), FALSE);
  cg_table_add_column (t, _("TO"), FALSE);
  cg_table_add_column (t, _("SIZE"), TRUE);
  for (guint i = 0; i < json_array_get_length (cameras); i++)
    {
      JsonNode *node = json_array_get_element (cameras, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *c = json_node_get_object (node);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) cg_rpc_param_int (c, "id", 0));
      g_autofree char *removed = time_text (c, "removed_at");
      g_autofree char *first = time_text (c, "first");
      g_autofree char *last = time_text (c, "last");
      g_autofree char *size = g_format_size_full ((guint64) MAX (cg_rpc_param_int (c, "bytes", 0), 0),
                                                  G_FORMAT_SIZE_IEC_UNITS);
      cg_table_add_row (t, id, or_dash (member_text (c, "name")), or_dash (removed),
                        or_dash (first), or_dash (last), size, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
  printf (_("Their recordings are kept until the storage policy deletes them: %s recordings "
            "--camera-id ID, %s snapshot --camera-id ID --at TIME (or --camera NAME while no "
            "other camera has that name).\n"), ctx->program, ctx->program);
}

/* Label and value, the label padded to width; a value of several lines
 * (the notes) goes on under itself. */
static void
print_field (const char *indent, const char *label, int width, const char *value)
{
  g_autofree char *fitted = cg_text_fit (label, width, FALSE);
  g_auto (GStrv) lines = g_strsplit (or_dash (value), "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = i == 0
        ? g_strdup_printf ("%s%s %s", indent, fitted, lines[i])
        : g_strdup_printf ("%s%*s %s", indent, width, "", lines[i]);
      cg_print_line (line);
    }
}

/* The camera, then its inventory (who paid, who hosts it, what it is)
 * under a heading of its own: what the post reads before calling the
 * host or the shop. */
static void
print_details (JsonObject *c)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) inv_labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) inv_values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (labels, _("Name:"));
  g_ptr_array_add (values, g_strdup (member_text (c, "name")));
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      if (f->label == NULL)
        continue;
      gboolean inv = (f->flags & CG_FIELD_INVENTORY) != 0;
      g_ptr_array_add (inv ? inv_labels : labels, _(f->label));
      g_ptr_array_add (inv ? inv_values : values, cg_camera_field_describe (f, c, NULL));
    }
  g_ptr_array_add (labels, _("Added:"));
  g_ptr_array_add (values, time_text (c, "created"));
  g_ptr_array_add (labels, _("Last changed:"));
  g_ptr_array_add (values, time_text (c, "updated"));

  int width = 0, inv_width = 0;
  for (guint i = 0; i < labels->len; i++)
    width = MAX (width, cg_text_width (labels->pdata[i]));
  for (guint i = 0; i < inv_labels->len; i++)
    inv_width = MAX (inv_width, cg_text_width (inv_labels->pdata[i]));
  /* Padded, never cut: a long place or address is read whole. */
  for (guint i = 0; i < labels->len; i++)
    print_field ("", labels->pdata[i], width, values->pdata[i]);
  cg_print_line (_("Inventory:"));
  for (guint i = 0; i < inv_labels->len; i++)
    print_field ("  ", inv_labels->pdata[i], inv_width, inv_values->pdata[i]);
}

/* ---- the actions ------------------------------------------------------- */

static int
do_add (const CgCommandContext *ctx)
{
  int status = cg_camera_vendor_check (ctx);
  if (status >= 0)
    return status;
  status = check_contradictions (ctx);
  if (status >= 0)
    return status;
  status = check_no_password_in_urls (ctx);
  if (status >= 0)
    return status;
  g_autofree char *password = read_password (ctx, &status);
  if (status >= 0)
    return status;
  g_autoptr (JsonNode) params = params_new (ctx, cg_args_get (ctx->args, "name"), TRUE, password,
                                            NULL);
  status = check_shapes (ctx, params);
  if (status >= 0)
    return status;
  if (cg_args_has (ctx->args, "vendor"))
    return cg_camera_add_by_vendor (ctx, params, password);
  status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "camera.add", params, &status);
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
do_list (const CgCommandContext *ctx)
{
  int status = CG_EXIT_OK;
  gboolean removed = cg_args_has (ctx->args, "removed");
  g_autoptr (JsonNode) params = NULL;
  if (removed)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      json_object_set_boolean_member (o, "removed", TRUE);
      params = json_node_init_object (json_node_alloc (), o);
    }
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "camera.list", params, &status);
  JsonObject *root = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (root == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    {
      print_reply (root);
      return CG_EXIT_OK;
    }
  JsonNode *list = json_object_get_member (root, "cameras");
  JsonArray *cameras = list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list)
                                                                     : NULL;
  gboolean none = cameras == NULL || json_array_get_length (cameras) == 0;
  if (removed && none)
    printf (_("No removed camera has recordings left.\n"));
  else if (removed)
    print_removed (ctx, cameras);
  else if (none)
    printf (_("No cameras yet. Add one with: %s camera add --name NAME --url URL\n"),
            ctx->program);
  else
    print_table (cameras);
  return CG_EXIT_OK;
}

static int
do_show (const CgCommandContext *ctx)
{
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = call_named (ctx, NULL, "camera.get", cg_args_arg (ctx->args, 0),
                                           &status);
  JsonObject *camera = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (camera == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    print_reply (camera);
  else
    print_details (camera);
  return CG_EXIT_OK;
}

static int
do_edit (const CgCommandContext *ctx)
{
  const char *old_name = cg_args_arg (ctx->args, 0);
  const char *rename = cg_args_get (ctx->args, "rename");
  if (rename != NULL && *rename == '\0')
    return cg_command_usage_error (ctx, _("--rename needs a new name"));
  int status = check_contradictions (ctx), n_fields = 0;
  if (status >= 0)
    return status;
  status = check_no_password_in_urls (ctx);
  if (status >= 0)
    return status;
  g_autofree char *password = read_password (ctx, &status);
  if (status >= 0)
    return status;
  g_autoptr (JsonNode) params = params_new (ctx, old_name, TRUE, password, &n_fields);
  if (n_fields == 0 && rename == NULL)
    {
      /* Not a usage error: the command line is right, it only asks for
       * nothing.  1, so that a script that built it sees that nothing
       * happened. */
      cg_cli_error (ctx->path, _("nothing to change: give at least one option such as --place; "
                                 "see %s --help"), ctx->path);
      return CG_EXIT_FAILED;
    }
  status = check_shapes (ctx, params);
  if (status >= 0)
    return status;
  status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "camera.update", params, &status);
  JsonObject *camera = reply != NULL ? camera_of (ctx, reply, &status) : NULL;
  if (camera == NULL)
    return status;
  const char *name = or_dash (member_text (camera, "name"));
  if (rename != NULL && strcmp (old_name, name) != 0)
    printf (_("Camera “%s” renamed to “%s”.\n"), old_name, name);
  else
    printf (_("Camera “%s” changed.\n"), name);
  return CG_EXIT_OK;
}

static int
do_remove (const CgCommandContext *ctx)
{
  int status = CG_EXIT_OK;
  const char *name = cg_args_arg (ctx->args, 0);
  g_autoptr (JsonNode) reply = call_named (ctx, NULL, "camera.remove", name, &status);
  if (reply == NULL)
    return status;
  printf (_("Camera “%s” removed; its recordings are kept.\n"), name);
  return CG_EXIT_OK;
}

/* Asks first, so that enabling an enabled camera says so and leaves no
 * change in the audit log. */
static int
set_enabled (const CgCommandContext *ctx, gboolean enabled)
{
  int status = CG_EXIT_OK;
  const char *asked = cg_args_arg (ctx->args, 0);
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (CgClient) client = cg_command_connect (ctx, config, &status);
  if (client == NULL)
    return status;
  g_autoptr (JsonNode) before = call_named (ctx, client, "camera.get", asked, &status);
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
                                           asked, &status);
  if (after == NULL)
    return status;
  printf (enabled ? _("Camera “%s” enabled: it will be recorded.\n")
                  : _("Camera “%s” disabled: it is no longer recorded.\n"), name);
  return CG_EXIT_OK;
}

static int
do_enable (const CgCommandContext *ctx)
{
  return set_enabled (ctx, TRUE);
}

static int
do_disable (const CgCommandContext *ctx)
{
  return set_enabled (ctx, FALSE);
}

/* ---- the tables -------------------------------------------------------- */

static const CgOption password_options[] = {
  { "password-stdin", 0, NULL, N_("read the camera's password from standard input") },
  { "ask-password", 0, NULL, N_("ask for the camera's password (not shown as typed)") },
  { NULL },
};

static const CgOption *
password_option_table (void)
{
  return password_options;
}

static const CgOption add_options[] = {
  { "name", 0, N_("NAME"), N_("the new camera's name, in quotes if it has spaces") },
  { .include = field_options },
  { .include = password_option_table },
  { .include = cg_camera_vendor_options },
  { NULL },
};

static const CgOption edit_options[] = {
  { .include = field_options },
  { .include = password_option_table },
  { "rename", 0, N_("NEW"), N_("give the camera a new name") },
  { "name", .flags = CG_OPTION_REFUSED,
    .refusal = N_("give the camera's name first, and --rename NEW to rename it") },
  { NULL },
};

static const CgOption json_options[] = {
  CG_OPTION_JSON,
  { NULL },
};

static const CgOption list_options[] = {
  { "removed", 0, NULL, N_("the removed cameras whose recordings are still kept, with their ids") },
  CG_OPTION_JSON,
  { NULL },
};

#define WHICH_CAMERA N_("which camera? Give its name, in quotes if it has spaces")

static const CgCommand add = {
  .name = "add",
  .usage = N_("--name NAME (--url URL | --vendor BRAND --host-ip IP) [OPTION]..."),
  .summary = N_("add a camera"),
  .help = N_("With --vendor, canhgacd tries the brand's addresses at the camera's IP with the "
             "password given (--password-stdin or --ask-password) and the brand's user name "
             "unless --user says otherwise; each address tried is printed with its result, and "
             "the camera is added with the first that sends video. When none does, the command "
             "says what to check and exits with status 1."),
  .options = add_options,
  .required = (const char *const[]) { "name", NULL },
  .run = do_add,
};

static const CgCommand list = {
  .name = "list",
  .usage = N_("[--removed] [--json]"),
  .summary = N_("list the cameras"),
  .options = list_options,
  .run = do_list,
};

static const CgCommand show = {
  .name = "show",
  .usage = N_("NAME [--json]"),
  .summary = N_("show everything about a camera"),
  .options = json_options,
  .min_args = 1, .max_args = 1, .missing = WHICH_CAMERA,
  .run = do_show,
};

static const CgCommand edit = {
  .name = "edit",
  .usage = N_("NAME [OPTION]... [--rename NEW]"),
  .summary = N_("change a camera"),
  .help = N_("An empty value (\"\") clears a field. Without any option there is nothing "
             "to change: edit says so and exits with status 1."),
  .options = edit_options,
  .min_args = 1, .max_args = 1, .missing = WHICH_CAMERA,
  .run = do_edit,
};

static const CgCommand remove_ = {
  .name = "remove",
  .usage = N_("NAME"),
  .summary = N_("remove a camera (its recordings are kept)"),
  .min_args = 1, .max_args = 1, .missing = WHICH_CAMERA,
  .run = do_remove,
};

static const CgCommand enable = {
  .name = "enable",
  .usage = N_("NAME"),
  .summary = N_("record the camera again"),
  .min_args = 1, .max_args = 1, .missing = WHICH_CAMERA,
  .run = do_enable,
};

static const CgCommand disable = {
  .name = "disable",
  .usage = N_("NAME"),
  .summary = N_("stop recording the camera"),
  .min_args = 1, .max_args = 1, .missing = WHICH_CAMERA,
  .run = do_disable,
};

const CgCommand cg_cmd_camera = {
  .name = "camera",
  .usage = N_("ACTION [ARG]..."),
  .summary = N_("add, list, change and remove the post's cameras"),
  .help = N_("With edit, an empty value (\"\") clears a field.\n"
             "canhgacd must be running: the cameras are changed through it.\n"),
  .commands = (const CgCommand *const[]) { &add, &list, &show, &edit, &remove_, &enable,
                                           &disable, &cg_cmd_camera_vendors, NULL },
};
