/* cli.c — shared command-line output. */
#include "cli.h"

#include "config.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>

void
cg_cli_print_version (const char *program)
{
  printf ("%s (%s) %s\n", program, PACKAGE_NAME, PACKAGE_VERSION);
  printf ("Copyright (C) 2026 %s\n", _("the canhgac authors"));
  printf (_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
            "This is free software: you are free to change and redistribute it.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n"));
}

void
cg_cli_print_help_footer (void)
{
  printf ("\n");
  printf (_("The configuration is read from --config FILE, else $CANHGAC_CONFIG,\n"
            "else %s.\n"), CG_CONFIG_DEFAULT_PATH);
}

void
cg_cli_error (const char *program, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "%s: %s\n", program, msg);
}

int
cg_cli_usage_error (const char *program, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "%s: %s\n", program, msg);
  fprintf (stderr, _("Try '%s --help' for more information.\n"), program);
  return CG_EXIT_USAGE;
}
