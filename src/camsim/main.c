/* main.c — canhgac-camsim: simulated RTSP cameras (being built). */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"

#include <stdio.h>
#include <string.h>

int
main (int argc, char **argv)
{
  cg_i18n_init ();
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--version") == 0)
        {
          cg_cli_print_version ("canhgac-camsim");
          return 0;
        }
      if (strcmp (argv[i], "--help") == 0)
        {
          printf (_("Usage: %s [OPTION]...\n"), "canhgac-camsim");
          return 0;
        }
    }
  return 2;
}
