/* camera_state.h — a camera's state, said the same way everywhere.
 *
 * The daemon reports a state as a language-neutral code; the station, the
 * command line and the reports all turn it into a word, a colour and a
 * place in a "worst first" order from this one table, so "stalled" cannot
 * be yellow on one screen and red on another.
 */
#pragma once

#include <glib.h>

#define CG_STATE_RECORDING "recording"
#define CG_STATE_CONNECTING "connecting"
#define CG_STATE_STALLED "stalled"
#define CG_STATE_OFFLINE "offline"
#define CG_STATE_DISABLED "disabled"
/* Never sent by the daemon: what readers show when they cannot know (the
 * daemon is gone, or it sent a code newer than this program). */
#define CG_STATE_UNKNOWN "unknown"

/* How a state is coloured, whatever the medium (curses pairs, HTML). */
typedef enum {
  CG_STATE_ROLE_OK,      /* recording */
  CG_STATE_ROLE_WARNING, /* may recover by itself */
  CG_STATE_ROLE_BAD,     /* someone has to act */
  CG_STATE_ROLE_MUTED,   /* nothing to say: turned off, or not known */
} CgStateRole;

typedef struct {
  const char *code;
  const char *label;   /* NC_("camera state", ...): use cg_camera_state_label() */
  CgStateRole role;
  int rank;            /* sorting, worst first: lower needs attention sooner */
  const char *ascii;   /* a one-character marker for terminals without UTF-8 */
} CgCameraState;

/* The table's entry for code; the "unknown" entry for NULL or a code this
 * program does not know. */
const CgCameraState *cg_camera_state_lookup (const char *code);

/* The state's word in the reader's language. */
const char *cg_camera_state_label (const char *code);
CgStateRole cg_camera_state_role (const char *code);
int cg_camera_state_rank (const char *code);

/* TRUE for "recording": the only state whose bitrate and frame rate mean
 * anything. */
gboolean cg_camera_state_is_live (const char *code);

/* TRUE when the camera is expected to record but does not (connecting,
 * stalled, offline): what "N cameras down" counts. */
gboolean cg_camera_state_is_down (const char *code);
