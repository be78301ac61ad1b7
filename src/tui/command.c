/* command.c — the table of sub-commands. */
#include "tui/command.h"

#include "common/cli.h"

const CgCommand *const cg_commands[] = {
  &cg_cmd_config,
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
