/* command.c — the table of commands, the walk from the program to the
 * command named, and what the commands share. */
#include "build-config.h"

#include "cli/command.h"

#include "common/cli.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"
#include "client/output.h"

#include <stdarg.h>
#include <string.h>

const CgCommand *const cg_commands[] = {
  &cg_cmd_status,
  &cg_cmd_camera,
  &cg_cmd_config,
  &cg_cmd_recordings,
  &cg_cmd_export,
  &cg_cmd_incident,
  &cg_cmd_alarm,
  &cg_cmd_report,
  &cg_cmd_maintenance,
  &cg_cmd_snapshot,
  &cg_cmd_storage,
  &cg_cmd_audit,
  &cg_cmd_demo,
  NULL,
};

const CgOption *
cg_command_json_option (void)
{
  static const CgOption json[] = {
    { "json", 0, NULL, N_("print JSON, for scripts") },
    { NULL },
  };
  return json;
}

const CgOption *
cg_command_footage_camera_options (void)
{
  static const CgOption options[] = {
    { "camera", 0, N_("NAME"), N_("the camera; a removed camera by the name it had") },
    { "removed", 0, NULL, N_("the removed camera of that name, when a new camera took it") },
    { "camera-id", 0, N_("ID"), N_("the camera with this id (camera list --removed shows them)") },
    { NULL },
  };
  return options;
}

int
cg_command_add_footage_camera (const CgCommandContext *ctx, JsonBuilder *b)
{
  const char *name = cg_args_get (ctx->args, "camera");
  const char *id_text = cg_args_get (ctx->args, "camera-id");
  if (name != NULL && id_text != NULL)
    return cg_command_usage_error (ctx, _("give --camera NAME or --camera-id ID, not both"));
  if (name == NULL && id_text == NULL)
    return cg_command_usage_error (ctx, _("which camera? Give --camera NAME (or --camera-id ID "
                                          "for a removed camera)"));
  if (id_text != NULL)
    {
      gint64 id = 0;
      if (cg_args_has (ctx->args, "removed"))
        return cg_command_usage_error (ctx, _("--removed goes with --camera NAME: an id already "
                                              "says which camera"));
      if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
        return cg_command_usage_error (ctx, _("--camera-id needs a camera's id, a number such as "
                                              "12 (%s camera list --removed shows them)"),
                                       ctx->program);
      json_builder_set_member_name (b, "camera_id");
      json_builder_add_int_value (b, id);
      return -1;
    }
  if (*name == '\0')
    return cg_command_usage_error (ctx, _("--camera needs a camera's name, in quotes if it has "
                                          "spaces"));
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, name);
  if (cg_args_has (ctx->args, "removed"))
    {
      json_builder_set_member_name (b, "removed");
      json_builder_add_boolean_value (b, TRUE);
    }
  return -1;
}

int
cg_command_usage_error (const CgCommandContext *ctx, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  return cg_cli_usage_error (ctx->path, "%s", msg);
}

static const CgCommand *
find (const CgCommand *cmd, const char *name)
{
  for (const CgCommand *const *c = cmd->commands; *c != NULL; c++)
    if (g_str_equal ((*c)->name, name))
      return *c;
  return NULL;
}

/* "add, list, show": what an unknown name could have been. */
static char *
names_of (const CgCommand *cmd)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (const CgCommand *const *c = cmd->commands; *c != NULL; c++)
    g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", (*c)->name);
  return g_strdup (s->str);
}

int
cg_command_main (const CgCommand *root, int argc, char **argv)
{
  /* Each level's arguments stay alive for the levels below, which see
   * their options (cg_args_get). */
  g_autoptr (GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_args_free);
  g_autoptr (GString) path = g_string_new (root->name);
  const CgCommand *cmd = root;
  const CgArgs *outer = NULL;
  int depth = 0, next = 1;
  for (;;)
    {
      CgCommandContext ctx = { .program = root->name, .path = path->str };
      g_autoptr (GError) error = NULL;
      CgArgs *args = cg_args_parse (cmd, argc - next, argv + next, outer, &error);
      if (args == NULL)
        return cg_command_usage_error (&ctx, "%s", error->message);
      g_ptr_array_add (levels, args);
      ctx.args = args;
      const CgOption *alone = cg_args_alone (args);
      if (alone != NULL && g_str_equal (alone->name, "help"))
        {
          cg_command_print_help (stdout, cmd, path->str, depth);
          return CG_EXIT_OK;
        }
      if (alone != NULL || cmd->commands == NULL)
        return cmd->run (&ctx);
      if (cg_args_count (args) == 0)
        {
          if (cmd->run != NULL)
            return cmd->run (&ctx);
          /* `canhgac camera`: which action?  Say what there is. */
          cg_command_print_help (stderr, cmd, path->str, depth);
          return CG_EXIT_USAGE;
        }
      const char *name = cg_args_arg (args, 0);
      const CgCommand *sub = find (cmd, name);
      if (sub == NULL && g_str_equal (name, "help"))
        {
          cg_command_print_help (stdout, cmd, path->str, depth);
          return CG_EXIT_OK;
        }
      if (sub == NULL && depth == 0)
        return cg_command_usage_error (&ctx, _("unknown command '%s'"), name);
      if (sub == NULL)
        {
          g_autofree char *names = names_of (cmd);
          return cg_command_usage_error (&ctx, _("unknown action '%s'; the actions are %s"), name,
                                         names);
        }
      next += cg_args_consumed (args) + 1;
      g_string_append_printf (path, " %s", sub->name);
      outer = args;
      cmd = sub;
      depth++;
    }
}

CgConfig *
cg_command_load_config (const CgCommandContext *ctx)
{
  g_autoptr (GError) error = NULL;
  CgConfig *config = cg_config_load_default (cg_args_get (ctx->args, "config"), &error);
  if (config == NULL)
    cg_cli_error (ctx->program, "%s", error->message);
  return config;
}

CgClient *
cg_command_connect (const CgCommandContext *ctx, const CgConfig *config, int *status)
{
  g_autoptr (GError) error = NULL;
  CgClient *client = cg_client_connect (config->socket_path, &error);
  if (client == NULL)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      *status = CG_EXIT_UNREACHABLE;
    }
  return client;
}

JsonNode *
cg_command_call (const CgCommandContext *ctx, CgClient *client, const char *method,
                 JsonNode *params, int *fd_out, int *status)
{
  g_autoptr (GError) error = NULL;
  JsonNode *result = cg_client_call (client, method, params, fd_out, &error);
  if (result == NULL)
    {
      /* The officer reads the refusal in their language; a script that
       * asked for JSON also gets it as the daemon sent it: its code, its
       * own message and the message's template. */
      cg_cli_error (ctx->program, "%s", error->message);
      if (error->domain == CG_RPC_ERROR && cg_args_has (ctx->args, "json"))
        {
          g_autoptr (JsonObject) reply = json_object_new ();
          json_object_set_member (reply, "error", cg_rpc_error_to_json (error));
          g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), reply);
          cg_json_print_node (node);
        }
      *status = g_error_matches (error, CG_ERROR, CG_ERROR_UNREACHABLE) ? CG_EXIT_UNREACHABLE
                                                                       : CG_EXIT_FAILED;
    }
  return result;
}

JsonNode *
cg_command_request (const CgCommandContext *ctx, const char *method, JsonNode *params, int *status)
{
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    {
      *status = CG_EXIT_FAILED;
      return NULL;
    }
  g_autoptr (CgClient) client = cg_command_connect (ctx, config, status);
  if (client == NULL)
    return NULL;
  return cg_command_call (ctx, client, method, params, NULL, status);
}

int
cg_command_report (const CgCommandContext *ctx, const char *method,
                   void (*print) (JsonObject *reply))
{
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, method, NULL, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    print (json_node_get_object (reply));
  return CG_EXIT_OK;
}

gboolean
cg_command_utf8_options (const CgCommandContext *ctx, const char *const *names, int *status)
{
  for (int i = 0; names[i] != NULL; i++)
    {
      const char *v = cg_args_get (ctx->args, names[i]);
      if (v != NULL && !g_utf8_validate (v, -1, NULL))
        {
          *status = cg_command_usage_error (ctx, _("--%s is not UTF-8 text: type it again"),
                                            names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cg_command_add_time (const CgCommandContext *ctx, JsonBuilder *b, const char *option,
                     const char *member, int *status)
{
  const char *text = cg_args_get (ctx->args, option);
  if (text == NULL)
    return TRUE;
  gint64 us = 0;
  g_autoptr (GError) error = NULL;
  if (!cg_time_parse (text, NULL, &us, &error))
    {
      *status = cg_command_usage_error (ctx, "--%s: %s", option, error->message);
      return FALSE;
    }
  g_autofree char *iso = cg_time_format_iso (us);
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, iso);
  return TRUE;
}

void
cg_command_add_text (const CgCommandContext *ctx, JsonBuilder *b, const char *option,
                     const char *member)
{
  const char *v = cg_args_get (ctx->args, option);
  if (v == NULL)
    return;
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, v);
}

void
cg_command_add_texts (const CgCommandContext *ctx, JsonBuilder *b, ...)
{
  va_list ap;
  va_start (ap, b);
  for (const char *option; (option = va_arg (ap, const char *)) != NULL;)
    {
      g_autofree char *member = g_strdelimit (g_strdup (option), "-", '_');
      cg_command_add_text (ctx, b, option, member);
    }
  va_end (ap);
}
