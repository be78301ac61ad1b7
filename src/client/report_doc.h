/* report_doc.h — the body of a periodic report as a list of blocks
 * (sections I to IV, their numbered parts, paragraphs, bullets, tables
 * and the places of charts), worded once from a report.get reply, so
 * that the text to print and the HTML page say the same thing and differ
 * only in layout.  The heading, the closing and the signature are laid
 * out by each form from report_words.h.
 *
 * Pure: a reply in, blocks out.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef enum {
  CG_REPORT_SECTION,    /* "I. TÌNH HÌNH HOẠT ĐỘNG CỦA HỆ THỐNG" */
  CG_REPORT_PART,       /* "1. Hệ thống camera" */
  CG_REPORT_PARAGRAPH,
  CG_REPORT_BULLET,     /* "- ..." */
  CG_REPORT_ITEM,       /* "1. ...": a numbered recommendation */
  CG_REPORT_TABLE,
  CG_REPORT_CHART,      /* where a chart goes (the HTML page draws it) */
} CgReportBlockKind;

typedef enum {
  CG_REPORT_CHART_UPTIME,
  CG_REPORT_CHART_INCIDENTS,
  CG_REPORT_CHART_DAYS_KEPT,
} CgReportChart;

typedef struct {
  CgReportBlockKind kind;
  char *text;        /* the title, paragraph, bullet or item; a table's caption or NULL */
  int number;        /* CG_REPORT_ITEM: its number */
  /* CG_REPORT_TABLE */
  GPtrArray *columns; /* char *: the headings */
  guint right;        /* bit i: column i is a number, aligned right */
  GPtrArray *rows;    /* GStrv: one cell per column */
  gboolean total;     /* the last row sums up the others */
  CgReportChart chart;
} CgReportBlock;

typedef struct {
  GPtrArray *blocks; /* CgReportBlock * */
} CgReportDoc;

/* The body of the report; a reply without data gives one paragraph
 * saying so (cg_report_no_data()). */
CgReportDoc *cg_report_doc_new (JsonObject *reply);
void cg_report_doc_free (CgReportDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgReportDoc, cg_report_doc_free)
