/* cli.h — what the three programs' command lines have in common:
 * GNU-style --version and the shared lines of --help. */
#pragma once

#include <glib.h>

/* Exit codes of the command line. */
enum {
  CG_EXIT_OK = 0,
  CG_EXIT_FAILED = 1,      /* the request was refused or failed */
  CG_EXIT_USAGE = 2,       /* wrong use of the command line */
  CG_EXIT_UNREACHABLE = 3, /* the daemon cannot be reached */
};

void cg_cli_print_version (const char *program);

/* The lines every --help ends with: where the configuration comes from. */
void cg_cli_print_help_footer (void);

/* "PROGRAM: message" on stderr. */
void cg_cli_error (const char *program, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Prints "Try 'PROGRAM --help'" after a usage error; returns CG_EXIT_USAGE. */
int cg_cli_usage_error (const char *program, const char *format, ...) G_GNUC_PRINTF (2, 3);
