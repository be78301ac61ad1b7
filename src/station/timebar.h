/* timebar.h — the time line under footage: one row of cells over a span
 * of time (10 minutes to 7 days), each saying what was recorded there:
 * at full rate, thinned to keyframes, nothing (and why), motion, the
 * export marks and the play head.  The playback screen draws it; what a
 * cell holds is decided here.
 *
 * Pure: the recordings, the view and the clock come in; tests give them.
 */
#pragma once

#include "station/recordings.h"

#include <glib.h>

typedef enum {
  CG_BAR_NONE,    /* nothing listed there (outside the listing) */
  CG_BAR_FULL,    /* recorded at full rate */
  CG_BAR_THINNED, /* recorded, keyframes only (thinned with age) */
  CG_BAR_MISSING, /* a gap: nothing recorded, for `reason` */
  CG_BAR_FUTURE,  /* after now */
} CgBarKind;

typedef struct {
  CgBarKind kind;     /* what covers most of the cell */
  const char *reason; /* the longest gap's reason in the cell (code, common/reason.h),
                       * or NULL; owned by the recordings */
  gboolean partial;   /* recorded in part only: the cell also holds a gap */
  gboolean motion;    /* a motion event overlaps it */
  gboolean marked;    /* between the export marks (or holds the one set) */
  gboolean head;      /* the play head is in it */
} CgBarCell;

typedef struct {
  gint64 start_us; /* where the first cell begins */
  gint64 span_us;  /* the whole row: a zoom level (cg_timebar_zoom) */
  int width;       /* cells */
} CgBarView;

typedef struct {
  gint64 in_us, out_us; /* 0: not set */
} CgBarMarks;

#define CG_TIMEBAR_SPAN_MIN_US (G_GINT64_CONSTANT (600) * 1000000)
#define CG_TIMEBAR_SPAN_MAX_US (G_GINT64_CONSTANT (7 * 24 * 3600) * 1000000)

/* view->width cells (g_free them).  marks may be NULL; now_us is where
 * the future begins. */
CgBarCell *cg_timebar_cells (const CgRecordings *r, const CgBarView *view, gint64 head_us,
                             const CgBarMarks *marks, gint64 now_us);

/* Why there is no picture at the head: the reason (a code) of the gap
 * the head itself is in, from the cells of cg_timebar_cells(); NULL when
 * the head is on a recording, even in a cell mostly made of a gap (the
 * first seconds of a recording share a cell with what came before). */
const char *cg_timebar_gap_at_head (const CgRecordings *r, const CgBarCell *cells, int width,
                                    gint64 head_us);

/* The cell holding t, or -1 outside the view. */
int cg_timebar_cell_at (const CgBarView *view, gint64 t_us);

/* Where a cell begins (cell == width: where the view ends). */
gint64 cg_timebar_cell_start (const CgBarView *view, int cell);

/* The zoom levels, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 1 d, 3 d, 7 d:
 * `steps` levels wider (> 0) or narrower (< 0) than the level nearest
 * span, kept within them. */
gint64 cg_timebar_zoom (gint64 span_us, int steps);

/* Keeps the head in view: the view is left alone while the head is in
 * its middle eight tenths; otherwise it moves so that the head is in the
 * middle, its start a whole number of cells. */
void cg_timebar_follow (CgBarView *view, gint64 head_us);

/* A line of view->width columns with times at round steps in the zone
 * (NULL: local): "HH:MM", and "dd/mm" at midnight or when the steps are
 * days. */
char *cg_timebar_axis (const CgBarView *view, GTimeZone *tz);
