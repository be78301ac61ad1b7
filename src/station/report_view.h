/* report_view.h — the periodic report on the station's F7, without a
 * line of curses: the periods offered (this month, last month, ...) as
 * the codes report.get reads, and a report.get reply as the summary's
 * lines: the totals with their change since the period before (↑ ↓),
 * each camera's share of time recorded and the incidents by kind as bars
 * of block characters, and the recommendations in words.
 *
 * Pure: the day and the reply in, text out.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef enum {
  CG_REPORT_CHOICE_THIS_MONTH,
  CG_REPORT_CHOICE_LAST_MONTH,
  CG_REPORT_CHOICE_THIS_QUARTER,
  CG_REPORT_CHOICE_LAST_QUARTER,
  CG_REPORT_CHOICE_THIS_HALF,
  CG_REPORT_CHOICE_THIS_YEAR,
  CG_REPORT_CHOICE_LAST_YEAR,
  CG_REPORT_CHOICE_TYPED, /* what the officer typed */
  CG_REPORT_CHOICES,
} CgReportChoice;

/* "last month", translated. */
const char *cg_report_choice_label (CgReportChoice choice);

/* The period's code ("2026-10") for a choice on the day today; NULL for
 * CG_REPORT_CHOICE_TYPED. */
char *cg_report_choice_code (CgReportChoice choice, const GDate *today);

/* A bar of width cells for a share from 0 to 1: full blocks, then the
 * eighth that is left ("██████▍"), or '#' without UTF-8; padded with
 * spaces to width. */
char *cg_report_bar (double share, int width, gboolean utf8);

/* The summary, in lines of at most width cells (at least 40). */
GPtrArray *cg_report_summary (JsonObject *reply, int width, gboolean utf8);
