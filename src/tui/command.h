/* command.h — the command line's sub-commands, one file each (cmd_*.c),
 * described by a table entry: the dispatcher knows none by name. */
#pragma once

#include "common/config.h"

#include <glib.h>

typedef struct {
  const char *program;     /* "canhgac" */
  const char *config_path; /* --config, or NULL */
} CgCommandContext;

typedef struct {
  const char *name;
  const char *args;    /* usage after the name, untranslated syntax */
  const char *summary; /* N_() */
  /* argv[0] is the command's name; returns an exit status (cli.h). */
  int (*run) (const CgCommandContext *ctx, int argc, char **argv);
} CgCommand;

extern const CgCommand cg_cmd_config;

/* All commands, NULL-terminated, in the order --help lists them. */
extern const CgCommand *const cg_commands[];

const CgCommand *cg_command_find (const char *name);

/* Loads the configuration for a command, printing the error if any. */
CgConfig *cg_command_load_config (const CgCommandContext *ctx);
