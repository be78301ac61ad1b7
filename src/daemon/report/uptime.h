/* report/uptime.h — how much of the time a camera was watched it gave
 * pictures, and why it did not.
 *
 * A camera is watched while the recorder runs and the camera exists and
 * is enabled (the observed spans).  Its outages count only inside them:
 * the time the recorder itself was down is the recorder's, never the
 * camera's.  Pure.
 */
#pragma once

#include <glib.h>

typedef struct {
  gint64 from_us, to_us;
  char *reason; /* "code" or "code:detail", as the outages table keeps it */
} CgOutageSpan;

typedef struct {
  char *reason; /* the code, without detail */
  int count;
  gint64 time_us;
} CgReasonTime;

typedef struct {
  gint64 observed_us;
  gint64 down_us;    /* outages within the observed spans */
  gint64 longest_us; /* the longest outage, within the observed spans */
  int outages;       /* outages reaching into the observed spans */
  GArray *reasons;   /* CgReasonTime, the most time first */
} CgUptime;

/* observed: CgSpan, sorted, not overlapping; outages: CgOutageSpan in any
 * order, possibly overlapping (each counts once where they overlap). */
void cg_uptime_compute (const GArray *observed, const GArray *outages, CgUptime *out);
void cg_uptime_clear (CgUptime *uptime);

/* The share of observed time not in an outage; -1 when nothing was
 * observed. */
double cg_uptime_share (const CgUptime *uptime);

/* The reason's code: "stalled:10" is "stalled". */
char *cg_reason_code (const char *reason);
