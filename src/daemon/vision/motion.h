/* motion.h — telling motion from noise in successive keyframes.
 *
 * Pure functions, no I/O: the decoded luma of a keyframe is reduced to a
 * grid of cell means; two grids are compared after removing a global
 * change of brightness (a street light switching on, headlights, the
 * camera's exposure), cells below a noise floor and masked cells are
 * ignored, and what is left is a score from 0 (nothing moved) to 1 (the
 * whole picture changed).  A small state machine with hysteresis turns
 * scores into events with a start, an end and a peak.
 */
#pragma once

#include <glib.h>

#define CG_MOTION_COLS 32
#define CG_MOTION_ROWS 18
#define CG_MOTION_CELLS (CG_MOTION_COLS * CG_MOTION_ROWS)

/* Sensitivity of a camera without one of its own. */
#define CG_MOTION_DEFAULT_SENSITIVITY 0.5

/* Mean luma (0-255) of each cell, row by row. */
typedef struct {
  float cell[CG_MOTION_CELLS];
} CgMotionGrid;

/* Cells to ignore (trees, a road outside the area). */
typedef struct {
  guint8 bits[(CG_MOTION_CELLS + 7) / 8];
} CgMotionMask;

/* Averages a luma plane into the grid (any size of at least 32x18). */
void cg_motion_grid_from_luma (const guint8 *luma, int stride, int width, int height,
                               CgMotionGrid *out);

/* A mask is rectangles of cells "X1,Y1,X2,Y2" (inclusive, columns 0-31,
 * rows 0-17, from the top left) separated by ';'.  "" or NULL: none. */
gboolean cg_motion_mask_parse (const char *spec, CgMotionMask *out, GError **error);
gboolean cg_motion_mask_has (const CgMotionMask *mask, int col, int row);
void cg_motion_mask_set (CgMotionMask *mask, int col, int row);

/* Fits cur ≈ gain × prev + offset over the unmasked cells, ignoring cells
 * that moved: what a global change of brightness does to every cell. */
void cg_motion_brightness (const CgMotionGrid *prev, const CgMotionGrid *cur,
                           const CgMotionMask *mask, double *gain, double *offset);

/* A cell changed when it differs from the brightness-compensated
 * previous grid by more than this (luma levels). */
double cg_motion_noise_floor (double sensitivity);

/* Share (0-1) of the unmasked cells that changed beyond the noise floor
 * once a global brightness change is removed.  mask may be NULL. */
double cg_motion_score (const CgMotionGrid *prev, const CgMotionGrid *cur,
                        const CgMotionMask *mask, double sensitivity);

/* The score from which a keyframe counts as moving, for a sensitivity
 * and a mask: from one cell (sensitivity 1) to 13 (sensitivity 0). */
double cg_motion_threshold (const CgMotionMask *mask, double sensitivity);

/* ---- events ------------------------------------------------------------ */

typedef struct {
  int start_after; /* consecutive moving keyframes that start an event */
  int end_after;   /* consecutive still keyframes that end it */
} CgMotionRules;

#define CG_MOTION_RULES_DEFAULT ((CgMotionRules) { .start_after = 2, .end_after = 2 })

typedef struct {
  gboolean active;
  int run;             /* consecutive keyframes against the current state */
  gint64 first_us;     /* the first keyframe of that run */
  double run_peak;
  gint64 start_us;     /* of the active event */
  double peak;
} CgMotionState;

typedef enum {
  CG_MOTION_NONE,
  CG_MOTION_STARTED, /* start_us and peak set */
  CG_MOTION_PEAK,    /* an active event's peak rose */
  CG_MOTION_ENDED,   /* start_us, end_us and peak set */
} CgMotionChange;

typedef struct {
  gint64 start_us, end_us;
  double peak;
} CgMotionEvent;

/* Feeds one keyframe's score (moving when score >= threshold). */
CgMotionChange cg_motion_feed (CgMotionState *state, const CgMotionRules *rules, double score,
                               double threshold, gint64 at_us, CgMotionEvent *event);
