/* period.h — the periods reports are written for: a month (2026-11), a
 * quarter (2026-Q4), a half year (2026-H2), a year (2026), or any run of
 * whole days (01/11/2026..30/11/2026).  A period is whole calendar days
 * in local time; its bounds are [first day 00:00, the day after the last
 * 00:00).  The previous period has the same length: the month, quarter,
 * half or year before, or as many days ending the day before.
 *
 * Pure: the zone comes in (NULL: the local zone).
 */
#pragma once

#include <glib.h>

typedef enum {
  CG_PERIOD_MONTH,
  CG_PERIOD_QUARTER,
  CG_PERIOD_HALF,
  CG_PERIOD_YEAR,
  CG_PERIOD_DAYS,
} CgPeriodKind;

typedef struct {
  CgPeriodKind kind;
  int year;
  int index;        /* month 1-12, quarter 1-4, half 1-2; 0 otherwise */
  GDate first, last; /* inclusive */
} CgPeriod;

/* The longest run of days a period may cover. */
#define CG_PERIOD_MAX_DAYS 1830

/* Reads what an officer or a script typed; FALSE with a CG_ERROR_USAGE
 * that says which forms are read. */
gboolean cg_period_parse (const char *text, CgPeriod *out, GError **error);

/* The period before, of the same length. */
void cg_period_previous (const CgPeriod *p, CgPeriod *out);

/* [from, to) in microseconds, the days' midnights in tz. */
void cg_period_bounds (const CgPeriod *p, GTimeZone *tz, gint64 *from_us, gint64 *to_us);

/* How many days it covers. */
int cg_period_days (const CgPeriod *p);

/* The form cg_period_parse() reads back: "2026-11", "2026-Q4", "2026-H2",
 * "2026", "2026-11-01..2026-11-30". */
char *cg_period_code (const CgPeriod *p);

/* The period in words, for titles: "tháng 11 năm 2026", "quý IV năm
 * 2026", "6 tháng cuối năm 2026", "năm 2026", "từ ngày 01/11/2026 đến
 * ngày 30/11/2026". */
char *cg_period_title (const CgPeriod *p);

/* The kind of report it is, as the post names it: monthly, quarterly,
 * six-month review, yearly review, or a report for the days. */
const char *cg_period_report_name (const CgPeriod *p);
