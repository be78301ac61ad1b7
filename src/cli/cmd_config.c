/* cmd_config.c — `canhgac config`: check the configuration and show the
 * values in effect, defaults included. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "cli/command.h"

#include <stdio.h>
#include <string.h>

static int
run (const CgCommandContext *ctx)
{
  gboolean quiet = cg_args_has (ctx->args, "check");
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  if (quiet)
    {
      if (config->path != NULL)
        printf (_("%s: the configuration is valid.\n"), config->path);
      else
        printf (_("No configuration file; the built-in defaults are in effect.\n"));
      return CG_EXIT_OK;
    }
  g_autofree char *text = cg_config_to_string (config);
  if (config->path != NULL)
    printf ("# %s\n", config->path);
  else
    printf ("# %s\n", _("built-in defaults (no configuration file)"));
  fputs (text, stdout);
  return CG_EXIT_OK;
}

static const CgOption options[] = {
  { "check", 0, NULL, N_("only check it, and say whether it is valid") },
  { NULL },
};

const CgCommand cg_cmd_config = {
  .name = "config",
  .usage = N_("[--check]"),
  .summary = N_("check the configuration and show the values in effect"),
  .options = options,
  .run = run,
};
