/* report.h — a periodic report (a report.get reply) laid out for people:
 * as text to print (report_text.c), as CSV for spreadsheets
 * (report_csv.c), as one self-contained HTML page for A4 (report_html.c),
 * and written into new files (report_files.c), for `canhgac report` and
 * the station's F7 alike.  The words they share are in report_words.h,
 * the body they share in report_doc.h.
 *
 * Pure but for cg_report_write(): a reply in, text out.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* In the layout of administrative documents (Decree 30/2020/NĐ-CP),
 * within 80 columns, ending with the audit chain's head. */
char *cg_report_text (JsonObject *reply);

/* One A4 page (or as many as it takes) with its print styles and its
 * charts inline: no other file is needed. */
char *cg_report_html (JsonObject *reply);

/* One table of the CSV form: its section code ("cameras") and its text
 * (a header row, then the rows; no BOM). */
typedef struct {
  const char *section;
  char *text;
} CgReportCsvTable;

/* Every table, in order; each row starts with the section's code. */
GPtrArray *cg_report_csv_tables (JsonObject *reply);
/* The tables in one file: UTF-8 with a BOM, a blank line between them. */
char *cg_report_csv (JsonObject *reply);

typedef enum {
  CG_REPORT_FORMAT_TEXT,
  CG_REPORT_FORMAT_CSV,
  CG_REPORT_FORMAT_HTML,
} CgReportFormat;

/* "text", "csv" or "html"; FALSE for anything else. */
gboolean cg_report_format_parse (const char *text, CgReportFormat *out);
/* "txt", "csv", "html". */
const char *cg_report_format_extension (CgReportFormat format);

/* Writes the report into path, a new file, never over one (with
 * split_csv, one file per table: FILE-cameras.csv, ... beside FILE.csv;
 * none is written when any of them exists).  *written (may be NULL)
 * gets the names written, to be freed. */
gboolean cg_report_write (JsonObject *reply, CgReportFormat format, const char *path,
                          gboolean split_csv, GStrv *written, GError **error);
