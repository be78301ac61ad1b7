/* fault.h — the faults a simulated camera can be told to show, and the
 * parsing of their command-line syntax.
 *
 * Parsing is pure (no I/O, no GStreamer) so tests/unit/camsim/test_camsim_faults.c
 * can cover it.  The syntax is
 *
 *   CAMERA:KIND[=VALUE][,every=DURATION]
 *
 * where CAMERA is "camN", "N" or "all".  main.c's --help says what each
 * kind does and what its value means.
 */
#pragma once

#include <glib.h>

typedef enum {
  CG_CAMSIM_FAULT_DROP,     /* close the clients' connections every `every` */
  CG_CAMSIM_FAULT_STALL,    /* stream `every`, then send nothing for `duration` */
  CG_CAMSIM_FAULT_OFFLINE,  /* serve `every`, then refuse (404) for `duration` */
  CG_CAMSIM_FAULT_THROTTLE, /* at most `rate_bps` bits per second: frames dropped */
  CG_CAMSIM_FAULT_GARBAGE,  /* corrupt `percent` of the access units */
  CG_CAMSIM_FAULT_RESIZE,   /* alternate with a width x height loop every `every` */
  CG_CAMSIM_FAULT_TSJUMP,   /* RTP timestamps jump back by `duration` every `every` */
  /* Scenes (they change what is encoded, not how it is sent): */
  CG_CAMSIM_FAULT_MOTION,     /* things move for `every`, then stand still for `duration` */
  CG_CAMSIM_FAULT_BRIGHTNESS, /* a still picture whose brightness steps by `step` every `every` */
  CG_CAMSIM_N_FAULTS
} CgCamsimFaultKind;

/* Camera number meaning "every camera". */
#define CG_CAMSIM_ALL_CAMERAS 0

typedef struct {
  guint camera; /* 1-based, or CG_CAMSIM_ALL_CAMERAS */
  CgCamsimFaultKind kind;
  gint64 every_us;    /* the period (drop) or the time between faults */
  gint64 duration_us; /* stall, offline: how long; tsjump: how far back */
  guint64 rate_bps;   /* throttle */
  double percent;     /* garbage */
  guint width, height; /* resize: 0 means half the camera's size */
  int step;            /* brightness: luma levels, -128 to 128 */
} CgCamsimFault;

/* "drop", "stall" ... */
const char *cg_camsim_fault_kind_name (CgCamsimFaultKind kind);

/* Parses one --fault argument.  The error message quotes the text and
 * says what was expected. */
gboolean cg_camsim_fault_parse (const char *text, CgCamsimFault *out, GError **error);

/* "1280x720": both even, at least 16x16, at most 7680x4320. */
gboolean cg_camsim_parse_size (const char *text, guint *width, guint *height);

/* A bit rate: a decimal number with an optional k or M (powers of 1000),
 * "300k", "1.5M", "64000". */
gboolean cg_camsim_parse_rate (const char *text, guint64 *bps);
