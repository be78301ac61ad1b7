/* command.h — the command line's sub-commands, one file each (cmd_*.c),
 * described by a table entry: the dispatcher knows none by name. */
#pragma once

#include "common/config.h"
#include "common/db.h"

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

extern const CgCommand cg_cmd_camera;
extern const CgCommand cg_cmd_config;
extern const CgCommand cg_cmd_recordings;
extern const CgCommand cg_cmd_status;

/* All commands, NULL-terminated, in the order --help lists them. */
extern const CgCommand *const cg_commands[];

const CgCommand *cg_command_find (const char *name);

/* Loads the configuration for a command, printing the error if any. */
CgConfig *cg_command_load_config (const CgCommandContext *ctx);

/* Opens $data_dir/canhgac.db read-only, printing the error if any and
 * setting *status to the exit status to return (3 when there is no
 * database: the daemon never ran). */
CgDb *cg_command_open_db (const CgCommandContext *ctx, const CgConfig *config, int *status);

/* When canhgacd last said it was running (0: never, or it stopped). */
gint64 cg_command_daemon_heartbeat (CgDb *db);
