/* report_words.h — the words every form of a periodic report shares (the
 * text to print, the CSV, the HTML page, the station's F7): a report.get
 * reply read member by member, its numbers in the reader's language
 * (1.234.567; 98,2 % under vi_VN), durations, the heading's lines, the
 * reason and recommendation codes in sentences an officer acts on, and
 * the figures compared with the period before.
 *
 * Pure: a reply in, text out.  Times in the reader's local time.
 */
#pragma once

#include "common/period.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* ---- reading the reply -------------------------------------------------- */

/* A member that is there and not null. */
gboolean cg_report_has (JsonObject *o, const char *name);
/* The member, or NULL when it is missing, null or of another type. */
const char *cg_report_str (JsonObject *o, const char *name);
JsonObject *cg_report_obj (JsonObject *o, const char *name);
JsonArray *cg_report_arr (JsonObject *o, const char *name);
gint64 cg_report_int (JsonObject *o, const char *name);
double cg_report_num (JsonObject *o, const char *name);
/* The reply's period, read back from its code; FALSE when it has none
 * that cg_period_parse() reads. */
gboolean cg_report_period (JsonObject *reply, CgPeriod *out);
/* Whether the reply holds figures (has_data true). */
gboolean cg_report_has_data (JsonObject *reply);

/* ---- numbers ------------------------------------------------------------ */

/* "1.234.567" under vi_VN (the locale's grouping). */
char *cg_report_count (gint64 n);
/* "21,4": decimals digits after the locale's decimal point. */
/* "1.750.000 đ" (grouped as the locale groups). */
char *cg_report_money (gint64 dong);
char *cg_report_decimal (double v, int decimals);
/* A share from 0 to 1 as "98,2 %". */
char *cg_report_percent (double share);
/* Seconds as "3 ngày 4 giờ"; "0" for none. */
char *cg_report_duration (gint64 seconds);
/* Bytes as "1,2 GiB". */
char *cg_report_size (gint64 bytes);
/* A time of the reply ("2026-11-12T01:00:00.000Z") as "12/11/2026 08:00"
 * or, day_only, "12/11/2026"; "-" when it is none. */
char *cg_report_time (const char *iso, gboolean day_only);

/* ---- the heading and the closing ---------------------------------------- */

/* "SOCIALIST REPUBLIC OF VIET NAM" and its motto, translated. */
const char *cg_report_nation (void);
const char *cg_report_motto (void);
/* "Số:      /BC-CAX". */
char *cg_report_number_line (JsonObject *reply);
/* "Hoằng Kim, ngày 30 tháng 11 năm 2026", from `generated` in local time. */
char *cg_report_date_line (JsonObject *reply);
/* "BÁO CÁO" */
const char *cg_report_title (void);
/* "Kết quả quản lý, khai thác hệ thống camera an ninh tháng 11 năm 2026"
 * (a six-month or yearly review says so). */
char *cg_report_subject (JsonObject *reply);
/* The sentence before section I, and the one after the last. */
char *cg_report_opening (JsonObject *reply);
char *cg_report_closing (JsonObject *reply);
/* "There is no recorded data for ...": what a reply without data says
 * instead of its figures (since when there is data, if any). */
char *cg_report_no_data (JsonObject *reply);
/* "Mã kiểm tra nhật ký: 18342/3a7bd3e2360a", or NULL without a head. */
char *cg_report_audit_line (JsonObject *reply);
/* "Recipients:" and the recipients, "Lưu: VT." last; NULL-terminated. */
GStrv cg_report_recipients (JsonObject *reply);
/* The file name a report of this reply gets: "bao-cao-2026-11" (no
 * extension). */
char *cg_report_file_stem (JsonObject *reply);

/* ---- codes in words ----------------------------------------------------- */

/* "commune budget", "community", "not recorded". */
const char *cg_report_funding_label (const char *funding);
/* A camera's reason with the most time: its code, or NULL. */
const char *cg_report_main_reason (JsonObject *camera);
/* One recommendation as what to do, and as the shortcoming it answers
 * (section III); a code newer than this program is said as such. */
char *cg_report_recommendation (JsonObject *rec);
char *cg_report_shortcoming (JsonObject *rec);
/* A camera's outages by reason in one line: "no answer: 9 times, 6 d
 * 6 h; no picture (stalled): 5 times, 20 h". */
char *cg_report_reasons_line (JsonObject *camera);

/* ---- the figures compared with the period before ------------------------- */

typedef enum {
  CG_REPORT_FIGURE_COUNT,
  CG_REPORT_FIGURE_SHARE,
  CG_REPORT_FIGURE_DURATION,
  CG_REPORT_FIGURE_MONEY,
} CgReportFigureKind;

typedef struct {
  const char *code;   /* the compare member: "uptime" */
  const char *label;  /* N_() */
  CgReportFigureKind kind;
  const char *object; /* where this period's figure is: "totals" ... */
  const char *member; /* ... and its member there */
} CgReportFigure;

/* The figures compared, in the order they are shown. */
const CgReportFigure *cg_report_figures (guint *n);
/* This period's figure and the previous one's; FALSE when there is none. */
gboolean cg_report_figure_now (JsonObject *reply, const CgReportFigure *f, double *out);
gboolean cg_report_figure_before (JsonObject *reply, const CgReportFigure *f, double *out);
/* The figure as people read it ("98,2 %", "2 giờ", "26"). */
char *cg_report_figure_text (const CgReportFigure *f, double v);
/* The change: "tăng 2", "giảm 1,1 điểm %", "không đổi"; with arrows
 * "↑ 2", "↓ 1,1 điểm %", "=". */
char *cg_report_figure_change (const CgReportFigure *f, double now, double before,
                               gboolean arrows);

/* Where the bars of the cameras' uptime start: the whole tenth at least
 * five points under the lowest uptime, from 0 to 90 %, so that 99 % and
 * 100 % do not look alike. */
double cg_report_uptime_scale (JsonArray *cameras);
