/* command.h — canhgac's commands, declared in tables.
 *
 * As in tmux's cmd_entry, a command is a table entry: its usage, its
 * summary, its options and how many arguments it takes.  One parser
 * (args.c) reads every command line against those tables, --help is
 * printed from them (help.c), and the dispatcher (command.c) walks from
 * the program to a command and from a command to its sub-commands
 * (`camera add`, `audit list`) without knowing any of them by name.
 * Each command lives in its own cmd_*.c.
 */
#pragma once

#include "common/config.h"
#include "client/client.h"

#include <json-glib/json-glib.h>

#include <glib.h>
#include <stdio.h>

/* ---- options --------------------------------------------------------- */

enum {
  /* A request of its own, like --version: read, the command runs at once
   * whatever follows (as --help, which every command has, does). */
  CG_OPTION_ALONE = 1 << 0,
  /* Known but not taken by this command: refusal says what to do
   * instead.  Not in --help. */
  CG_OPTION_REFUSED = 1 << 1,
};

typedef struct CgOption CgOption;
struct CgOption {
  const char *name;    /* the long name, without "--" */
  char short_name;     /* or 0 */
  const char *value;   /* what its value is, in --help ("FILE"), N_() when a word; NULL: a flag */
  const char *help;    /* N_(): its line of --help */
  unsigned flags;
  const char *refusal; /* N_(): CG_OPTION_REFUSED */
  /* With name NULL: the options of another table, in this place (the
   * camera fields' options are built from their own table). */
  const CgOption *(*include) (void);
};

/* --json, as every command that can print for scripts spells it. */
const CgOption *cg_command_json_option (void);
#define CG_OPTION_JSON { .include = cg_command_json_option }

/* --camera NAME, --removed, --camera-id ID: the camera whose recordings a
 * command reads (recordings, snapshot). */
const CgOption *cg_command_footage_camera_options (void);
#define CG_OPTION_FOOTAGE_CAMERA { .include = cg_command_footage_camera_options }

/* ---- what a command line said ------------------------------------------ */

typedef struct CgArgs CgArgs;

gboolean cg_args_has (const CgArgs *args, const char *option);
/* The value given to an option (the last, when it was given twice), or
 * NULL.  The options of the commands above are seen too: --config, read
 * before the command's name, is there for every command. */
const char *cg_args_get (const CgArgs *args, const char *option);
/* The arguments left when the options are taken out. */
guint cg_args_count (const CgArgs *args);
const char *cg_args_arg (const CgArgs *args, guint i);

/* ---- commands ---------------------------------------------------------- */

typedef struct {
  const char *program; /* "canhgac" */
  const char *path;    /* "canhgac camera edit": where usage errors point */
  const CgArgs *args;
} CgCommandContext;

typedef struct CgCommand CgCommand;
struct CgCommand {
  const char *name;
  const char *usage;   /* N_(): what follows the name, "NAME [--json]" */
  const char *summary; /* N_(): one line, in lower case, for the list of commands */
  const char *help;    /* N_(): what --help adds after the options, or NULL */
  const CgOption *options;      /* ended by an empty entry; NULL: only --help */
  const char *const *required;  /* options that must be given, NULL-ended, or NULL */
  int min_args, max_args;       /* arguments besides the options; max -1: any */
  const char *missing;          /* N_(): said when arguments are missing, or NULL */
  /* Returns an exit status (common/cli.h).  A command with sub-commands
   * runs only when none is named (the station, for the program). */
  int (*run) (const CgCommandContext *ctx);
  const CgCommand *const *commands; /* sub-commands, NULL-ended, or NULL */
};

extern const CgCommand cg_cmd_alarm;
extern const CgCommand cg_cmd_audit;
extern const CgCommand cg_cmd_camera;
extern const CgCommand cg_cmd_camera_vendors;
extern const CgCommand cg_cmd_config;
extern const CgCommand cg_cmd_demo;
extern const CgCommand cg_cmd_export;
extern const CgCommand cg_cmd_export_list;
extern const CgCommand cg_cmd_export_remove;
extern const CgCommand cg_cmd_export_show;
extern const CgCommand cg_cmd_export_verify;
extern const CgCommand cg_cmd_incident;
extern const CgCommand cg_cmd_maintenance;
extern const CgCommand cg_cmd_recordings;
extern const CgCommand cg_cmd_report;
extern const CgCommand cg_cmd_snapshot;
extern const CgCommand cg_cmd_status;
extern const CgCommand cg_cmd_storage;

/* All commands, NULL-terminated, in the order --help lists them. */
extern const CgCommand *const cg_commands[];

/* Reads argv against root and the commands below it, then runs the one
 * named: the whole of main() but the program's own table. */
int cg_command_main (const CgCommand *root, int argc, char **argv);

/* ---- the parser and the help (args.c, help.c) -------------------------- */

/* Reads argv (the words after cmd's name) against cmd's table.  With
 * sub-commands, reading stops at the first argument, which names one:
 * it and all that follows are the arguments.  outer: the arguments of
 * the command above.  NULL with error (CG_ERROR_USAGE) when the words do
 * not fit the table. */
CgArgs *cg_args_parse (const CgCommand *cmd, int argc, char **argv, const CgArgs *outer,
                       GError **error);
void cg_args_free (CgArgs *args);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgArgs, cg_args_free)
/* How many words of argv the options took before the first argument. */
int cg_args_consumed (const CgArgs *args);
/* An option of cmd given with CG_OPTION_ALONE, or NULL. */
const CgOption *cg_args_alone (const CgArgs *args);

/* Every option of a table, included tables spliced in, --help last. */
GPtrArray *cg_command_options (const CgCommand *cmd);

/* The --help of cmd, called path ("canhgac camera"); depth 0 is the
 * program.  Lines fit in 80 columns, whatever the language. */
void cg_command_print_help (FILE *out, const CgCommand *cmd, const char *path, int depth);

/* ---- what the commands share ------------------------------------------- */

/* Every one of the options named (NULL-ended) that is given must be
 * UTF-8 text: FALSE with the usage error, naming the option, printed and
 * *status set. */
gboolean cg_command_utf8_options (const CgCommandContext *ctx, const char *const *names,
                                  int *status);

/* A time option, read as officers type it, added to b as member in ISO
 * 8601 (as the API takes times); nothing when not given.  FALSE with the
 * usage error printed and *status set. */
gboolean cg_command_add_time (const CgCommandContext *ctx, JsonBuilder *b, const char *option,
                              const char *member, int *status);

/* A text option added to b as member; nothing when not given. */
void cg_command_add_text (const CgCommandContext *ctx, JsonBuilder *b, const char *option,
                          const char *member);

/* The same for each option named (NULL-terminated), as the member of its
 * name with '_' for '-' ("old-serial": "old_serial"). */
void cg_command_add_texts (const CgCommandContext *ctx, JsonBuilder *b, ...) G_GNUC_NULL_TERMINATED;

/* "PATH: message", then "Try 'PATH --help'"; returns CG_EXIT_USAGE. */
int cg_command_usage_error (const CgCommandContext *ctx, const char *format, ...)
  G_GNUC_PRINTF (2, 3);

/* The camera CG_OPTION_FOOTAGE_CAMERA's options name, as the members of
 * a footage request ("camera" and "removed", or "camera_id") added to b,
 * an object being built: -1, or the status of the usage error printed
 * when they do not name one camera. */
int cg_command_add_footage_camera (const CgCommandContext *ctx, JsonBuilder *b);

/* camera add --vendor (cmd_camera_vendor.c): its options; -1, or the
 * status of the usage error printed when --url, --vendor and theirs do
 * not go together; and the adding itself, once params (camera.add's,
 * without an address) and the password are read. */
const CgOption *cg_camera_vendor_options (void);
int cg_camera_vendor_check (const CgCommandContext *ctx);
int cg_camera_add_by_vendor (const CgCommandContext *ctx, JsonNode *params, const char *password);

/* Loads the configuration for a command, printing the error if any. */
CgConfig *cg_command_load_config (const CgCommandContext *ctx);

/* Connects to the daemon named by the configuration, printing why not
 * and setting *status (3: unreachable) when it cannot. */
CgClient *cg_command_connect (const CgCommandContext *ctx, const CgConfig *config, int *status);

/* Calls a method; on failure prints the daemon's message and sets
 * *status (1: refused or failed, 3: the connection broke). */
JsonNode *cg_command_call (const CgCommandContext *ctx, CgClient *client, const char *method,
                           JsonNode *params, int *fd_out, int *status);

/* A report command: calls method without parameters and prints the
 * reply as JSON (--json), or for people with print. */
int cg_command_report (const CgCommandContext *ctx, const char *method,
                       void (*print) (JsonObject *reply));

/* Loads the configuration, connects, calls: the whole of a simple
 * command's talk with the daemon. */
JsonNode *cg_command_request (const CgCommandContext *ctx, const char *method, JsonNode *params,
                              int *status);
