/* command.c — the table of sub-commands, and what they share. */
#include "build-config.h"

#include "cli/command.h"

#include "common/cli.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "client/output.h"

#include <string.h>

const CgCommand *const cg_commands[] = {
  &cg_cmd_status,
  &cg_cmd_camera,
  &cg_cmd_config,
  &cg_cmd_recordings,
  &cg_cmd_snapshot,
  &cg_cmd_storage,
  &cg_cmd_audit,
  &cg_cmd_demo,
  NULL,
};

const CgCommand *
cg_command_find (const char *name)
{
  for (size_t i = 0; cg_commands[i] != NULL; i++)
    if (g_str_equal (cg_commands[i]->name, name))
      return cg_commands[i];
  return NULL;
}

CgConfig *
cg_command_load_config (const CgCommandContext *ctx)
{
  g_autoptr (GError) error = NULL;
  CgConfig *config = cg_config_load_default (ctx->config_path, &error);
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
      cg_cli_error (ctx->program, "%s", error->message);
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
cg_command_report (const CgCommandContext *ctx, int argc, char **argv, const char *method,
                   void (*print) (JsonObject *reply))
{
  gboolean json = FALSE;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else
        return cg_cli_usage_error (ctx->program, _("%s: unknown argument '%s'"), argv[0], argv[i]);
    }
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, method, NULL, &status);
  if (reply == NULL)
    return status;
  if (json)
    cg_json_print_node (reply);
  else
    print (json_node_get_object (reply));
  return CG_EXIT_OK;
}
