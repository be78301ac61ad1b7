/* timeutil.h — time as canhgac keeps it and shows it.
 *
 * Inside the programs and in the database every instant is UTC
 * microseconds since the epoch (gint64).  Officers read dd/mm/yyyy
 * HH:MM:SS in local time; scripts read ISO 8601 in UTC.
 */
#pragma once

#include <glib.h>

#define CG_USEC_PER_SEC G_GINT64_CONSTANT (1000000)

gint64 cg_time_now_us (void);

/* "27/11/2026 01:30:45" in the given zone (NULL: the local zone). */
char *cg_time_format_local (gint64 us, GTimeZone *tz);

/* "27/11/2026" in the given zone (NULL: the local zone). */
char *cg_time_format_date (gint64 us, GTimeZone *tz);

/* "2026-11-26T18:30:45.000Z": UTC, milliseconds always present so that
 * every value has the same shape. */
char *cg_time_format_iso (gint64 us);

/* Reads an instant an officer or a script typed:
 *   2026-11-26T18:30:45Z, 2026-11-26T18:30:45.5+07:00  (ISO 8601)
 *   2026-11-26T18:30:45, 2026-11-26 18:30, 2026-11-26   (ISO, local time)
 *   27/11/2026 01:30:45, 27/11/2026 01:30, 27/11/2026   (local time)
 * tz is the zone for values without one (NULL: the local zone). */
gboolean cg_time_parse (const char *text, GTimeZone *tz, gint64 *out_us,
                        GError **error);

/* Reads a calendar day an officer or a script typed, 15/03/2025 (or
 * 15/3/2025) as `camera show` prints it, or ISO 8601 2025-03-15; years
 * 1900 to 9999.  *iso is the ISO form, the one kept and sent. */
gboolean cg_date_parse (const char *text, char **iso, GError **error);

/* "3 d 4 h", "12 min 5 s" (Vietnamese: "3 ngày 4 giờ"): a span for
 * people, two units at most. */
char *cg_duration_format (gint64 us);
