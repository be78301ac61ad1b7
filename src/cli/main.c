/* main.c — canhgac: the operator station and the command line.
 *
 * The program is the root of the command tables: its options come
 * before the command's name (`canhgac --config FILE status`), and
 * without a command the station opens.
 */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/log.h"
#include "cli/command.h"
#include "station/station.h"

static int
run (const CgCommandContext *ctx)
{
  if (cg_args_has (ctx->args, "version"))
    {
      cg_cli_print_version (ctx->program);
      return CG_EXIT_OK;
    }
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  return cg_station_run (config);
}

static const CgOption options[] = {
  { "config", 'c', N_("FILE"), N_("read the configuration from FILE") },
  { "version", 'V', NULL, N_("output version information and exit"), CG_OPTION_ALONE },
  { NULL },
};

static const CgCommand program = {
  .name = "canhgac",
  .usage = N_("[OPTION]... [COMMAND [ARG]...]"),
  .summary = N_("Operator station and command line of the post's camera network.\n"
                "Without a command, the station opens in the terminal.\n"),
  .options = options,
  .run = run,
  .commands = cg_commands,
};

int
main (int argc, char **argv)
{
  cg_i18n_init ();
  cg_log_init (program.name, FALSE);
  return cg_command_main (&program, argc, argv);
}
