/* command.h — the command line's sub-commands, one file each (cmd_*.c),
 * described by a table entry: the dispatcher knows none by name. */
#pragma once

#include "common/config.h"
#include "client/client.h"

#include <json-glib/json-glib.h>

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

extern const CgCommand cg_cmd_audit;
extern const CgCommand cg_cmd_camera;
extern const CgCommand cg_cmd_config;
extern const CgCommand cg_cmd_demo;
extern const CgCommand cg_cmd_recordings;
extern const CgCommand cg_cmd_snapshot;
extern const CgCommand cg_cmd_status;
extern const CgCommand cg_cmd_storage;

/* All commands, NULL-terminated, in the order --help lists them. */
extern const CgCommand *const cg_commands[];

const CgCommand *cg_command_find (const char *name);

/* Loads the configuration for a command, printing the error if any. */
CgConfig *cg_command_load_config (const CgCommandContext *ctx);

/* Connects to the daemon named by the configuration, printing why not
 * and setting *status (3: unreachable) when it cannot. */
CgClient *cg_command_connect (const CgCommandContext *ctx, const CgConfig *config, int *status);

/* Calls a method; on failure prints the daemon's message and sets
 * *status (1: refused or failed, 3: the connection broke). */
JsonNode *cg_command_call (const CgCommandContext *ctx, CgClient *client, const char *method,
                           JsonNode *params, int *fd_out, int *status);

/* A report command: `NAME [--json]` calls method without parameters and
 * prints the reply as JSON, or for people with print. */
int cg_command_report (const CgCommandContext *ctx, int argc, char **argv, const char *method,
                       void (*print) (JsonObject *reply));

/* Loads the configuration, connects, calls: the whole of a simple
 * command's talk with the daemon. */
JsonNode *cg_command_request (const CgCommandContext *ctx, const char *method, JsonNode *params,
                              int *status);

