/* time_input.h — the times an officer types to go somewhere in footage.
 *
 *   dd/mm HH:MM[:SS]        that day this year (last year when that day
 *                           is still more than a day ahead)
 *   dd/mm/yyyy HH:MM[:SS]   as the rest of canhgac prints times
 *   HH:MM[:SS]              today
 *   -15m, -2h, -1h30m       that long before now: s, m, h, d (also the
 *                           Vietnamese p/ph for phút, g for giờ, ng for ngày)
 *   2026-11-26T18:30:00Z    ISO 8601, as scripts write it
 *
 * in local time (tz; NULL: the local zone, as common/timeutil.c).  Pure:
 * the clock comes in, tests give it.
 */
#pragma once

#include <glib.h>

/* The instant typed, or FALSE with a CG_ERROR_USAGE error saying what
 * is wrong and what to type. */
gboolean cg_time_input_parse (const char *text, gint64 now_us, GTimeZone *tz, gint64 *out_us,
                              GError **error);
