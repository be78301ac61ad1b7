/* report/spans.h — stretches of time, and what reports ask of them:
 * which part of one lies inside another, which part outside, how long
 * in all.  A list of spans is sorted and its spans do not overlap (the
 * functions keep it so).  Pure.
 */
#pragma once

#include "daemon/db/runs.h" /* CgSpan */

#include <glib.h>

/* A new empty list of CgSpan. */
GArray *cg_spans_new (void);

/* Adds [from_us, to_us) to a sorted list, merging what it touches. */
void cg_spans_add (GArray *spans, gint64 from_us, gint64 to_us);

/* What lies in both. */
GArray *cg_spans_intersect (const GArray *a, const GArray *b);

/* What lies in a and not in b. */
GArray *cg_spans_subtract (const GArray *a, const GArray *b);

/* The total length. */
gint64 cg_spans_total (const GArray *spans);
