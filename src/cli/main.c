/* main.c — canhgac: the operator station and the command line.
 *
 * Global options come before the sub-command (`canhgac --config FILE
 * status`); each sub-command parses its own.
 */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/log.h"
#include "cli/command.h"
#include "station/station.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *program = "canhgac";

static void
print_help (void)
{
  printf (_("Usage: %s [OPTION]... [COMMAND [ARG]...]\n"), program);
  printf (_("Operator station and command line of the post's camera network.\n"
            "Without a command, the station opens in the terminal.\n"));
  printf ("\n");
  printf (_("  -c, --config=FILE   read the configuration from FILE\n"
            "  -h, --help          display this help and exit\n"
            "  -V, --version       output version information and exit\n"));
  printf ("\n");
  printf (_("Commands:\n"));
  for (size_t i = 0; cg_commands[i] != NULL; i++)
    {
      const CgCommand *cmd = cg_commands[i];
      g_autofree char *usage = g_strdup_printf ("%s %s", cmd->name, cmd->args);
      printf ("  %-22s %s\n", usage, _(cmd->summary));
    }
  cg_cli_print_help_footer ();
  printf (_("Exit status: 0 done, 1 refused or failed, 2 wrong usage, 3 daemon unreachable.\n"));
}

int
main (int argc, char **argv)
{
  static const struct option options[] = {
    { "config", required_argument, NULL, 'c' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
  };
  CgCommandContext ctx = { .program = program };
  int c;

  cg_i18n_init ();
  cg_log_init (program, FALSE);
  opterr = 0;
  /* '+': stop at the sub-command, whose options are its own. */
  while ((c = getopt_long (argc, argv, "+:c:hV", options, NULL)) != -1)
    switch (c)
      {
      case 'c': ctx.config_path = optarg; break;
      case 'h': print_help (); return CG_EXIT_OK;
      case 'V': cg_cli_print_version (program); return CG_EXIT_OK;
      case ':':
        return cg_cli_usage_error (program, _("option '%s' needs a value"), argv[optind - 1]);
      default:
        return cg_cli_usage_error (program, _("unknown option '%s'"), argv[optind - 1]);
      }

  if (optind >= argc)
    {
      /* No command: the station. */
      g_autoptr (CgConfig) config = cg_command_load_config (&ctx);
      if (config == NULL)
        return CG_EXIT_FAILED;
      return cg_station_run (config);
    }
  const CgCommand *cmd = cg_command_find (argv[optind]);
  if (cmd == NULL)
    return cg_cli_usage_error (program, _("unknown command '%s'"), argv[optind]);
  return cmd->run (&ctx, argc - optind, argv + optind);
}
