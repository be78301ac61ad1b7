/* report_csv.c — a periodic report as CSV (see report.h): every figure
 * of the reply in tables a spreadsheet computes with.  Numbers are plain
 * (a dot before decimals, no grouping, durations in hours, shares in
 * percent); text is always quoted; each row begins with its section's
 * code, so the tables can sit in one file or one file each. */
#include "build-config.h"

#include "client/report.h"

#include "client/incident_record.h"
#include "client/report_words.h"
#include "common/i18n.h"
#include "common/maintenance.h"
#include "common/reason.h"
#include "common/timeutil.h"

#include <stdarg.h>

/* A table being written: its section and text. */
typedef struct {
  const char *section;
  GString *s;
  gboolean first; /* no cell yet on this row */
} Csv;

static void
text_cell (Csv *c, const char *text)
{
  g_string_append (c->s, c->first ? "" : ",");
  c->first = FALSE;
  g_string_append_c (c->s, '"');
  /* A spreadsheet would run a cell that begins with = or @ as a formula:
   * a name typed by someone else must stay text. */
  if (text != NULL && (*text == '=' || *text == '@'))
    g_string_append_c (c->s, '\'');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (c->s, '"');
      g_string_append_c (c->s, *p);
    }
  g_string_append_c (c->s, '"');
}

static void
raw_cell (Csv *c, const char *text)
{
  g_string_append (c->s, c->first ? "" : ",");
  c->first = FALSE;
  g_string_append (c->s, text);
}

static void
int_cell (Csv *c, gint64 v)
{
  g_autofree char *t = g_strdup_printf ("%" G_GINT64_FORMAT, v);
  raw_cell (c, t);
}

/* A number with decimals, the dot whatever the locale. */
static void
num_cell (Csv *c, double v, int decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%df", decimals);
  raw_cell (c, g_ascii_formatd (buf, sizeof buf, format, v));
}

/* A member as a number, or an empty cell when the reply has none. */
static void
member_cell (Csv *c, JsonObject *o, const char *name, int decimals, double scale)
{
  if (!cg_report_has (o, name))
    raw_cell (c, "");
  else if (decimals == 0 && scale == 1)
    int_cell (c, cg_report_int (o, name));
  else
    num_cell (c, cg_report_num (o, name) * scale, decimals);
}

static void
end_row (Csv *c)
{
  g_string_append (c->s, "\r\n");
  c->first = TRUE;
}

/* A new row, its section first. */
static void
begin_row (Csv *c)
{
  text_cell (c, c->section);
}

/* The header row: "section", then the headings, then NULL. */
static void
header (Csv *c, const char *first, ...)
{
  text_cell (c, _("section"));
  va_list ap;
  va_start (ap, first);
  for (const char *h = first; h != NULL; h = va_arg (ap, const char *))
    text_cell (c, h);
  va_end (ap);
  end_row (c);
}

#define HOURS (1.0 / 3600)

static void
report_table (Csv *c, JsonObject *reply)
{
  header (c, _("Period"), _("Period in words"), _("Unit"), _("Made on"), _("Audit log check code"),
          _("Note"), NULL);
  begin_row (c);
  JsonObject *period = cg_report_obj (reply, "period");
  text_cell (c, cg_report_str (period, "code"));
  CgPeriod p;
  g_autofree char *title = cg_report_period (reply, &p) ? cg_period_title (&p) : NULL;
  text_cell (c, title);
  text_cell (c, cg_report_str (cg_report_obj (reply, "unit"), "unit"));
  g_autofree char *made = cg_report_time (cg_report_str (reply, "generated"), FALSE);
  text_cell (c, made);
  JsonObject *head = cg_report_obj (reply, "audit_head");
  g_autofree char *prefix = cg_report_str (head, "hash") != NULL
                              ? g_strndup (cg_report_str (head, "hash"), 12) : NULL;
  g_autofree char *code = prefix != NULL
                            ? g_strdup_printf ("%lld/%s", (long long) cg_report_int (head, "rows"), prefix)
                            : NULL;
  text_cell (c, code);
  g_autofree char *note = cg_report_has_data (reply) ? NULL : cg_report_no_data (reply);
  text_cell (c, note);
  end_row (c);
}

static void
summary_table (Csv *c, JsonObject *reply)
{
  header (c, _("Code"), _("Figure"), _("Unit of measure"), _("This period"), _("Period before"),
          NULL);
  guint n = 0;
  const CgReportFigure *figures = cg_report_figures (&n);
  for (guint i = 0; i < n; i++)
    {
      const CgReportFigure *f = &figures[i];
      double scale = f->kind == CG_REPORT_FIGURE_SHARE ? 100 : f->kind == CG_REPORT_FIGURE_DURATION
                                                                 ? HOURS : 1;
      int decimals = f->kind == CG_REPORT_FIGURE_COUNT || f->kind == CG_REPORT_FIGURE_MONEY ? 0 : 2;
      begin_row (c);
      text_cell (c, f->code);
      text_cell (c, _(f->label));
      text_cell (c, f->kind == CG_REPORT_FIGURE_SHARE ? "%"
                    : f->kind == CG_REPORT_FIGURE_DURATION ? _("hours")
                    : f->kind == CG_REPORT_FIGURE_MONEY ? _("đồng") : "");
      double v = 0;
      if (cg_report_figure_now (reply, f, &v))
        num_cell (c, v * scale, decimals);
      else
        raw_cell (c, "");
      if (cg_report_figure_before (reply, f, &v))
        num_cell (c, v * scale, decimals);
      else
        raw_cell (c, "");
      end_row (c);
    }
}

static const char *
host_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "household") == 0)
    return _("household");
  if (g_strcmp0 (kind, "business") == 0)
    return _("business");
  return NULL;
}

static void
cameras_table (Csv *c, JsonObject *reply)
{
  header (c, _("Camera"), _("Where it is"), _("Funding"), _("Donor"), _("Host household"),
          _("Hosted by"), _("Host's phone"), _("Line from"), _("Line plan"), _("Installed on"), _("Removed"), _("Hours observed"), _("Recorded (%)"),
          _("Outages"), _("Hours without pictures"), _("Longest outage (hours)"),
          _("Main cause"), _("Median kbit/s"), _("Frames/s"), _("Weak days"),
          _("Days judged"), _("Motion detected"), _("Incidents"), _("Days kept"), _("Target days"),
          _("Footage kept (bytes)"), NULL);
  JsonArray *cams = cg_report_arr (reply, "cameras");
  for (guint i = 0; cams != NULL && i < json_array_get_length (cams); i++)
    {
      JsonObject *cam = json_array_get_object_element (cams, i);
      begin_row (c);
      text_cell (c, cg_report_str (cam, "name"));
      text_cell (c, cg_report_str (cam, "place"));
      text_cell (c, cg_report_funding_label (cg_report_str (cam, "funding")));
      text_cell (c, cg_report_str (cam, "donor"));
      text_cell (c, cg_report_str (cam, "host_name"));
      text_cell (c, host_kind_label (cg_report_str (cam, "host_kind")));
      text_cell (c, cg_report_str (cam, "host_phone"));
      text_cell (c, cg_report_str (cam, "network_by"));
      text_cell (c, cg_report_str (cam, "network_plan"));
      text_cell (c, cg_report_str (cam, "installed"));
      gboolean removed = cg_report_has (cam, "removed")
                         && json_object_get_boolean_member (cam, "removed");
      text_cell (c, removed ? _("yes") : _("no"));
      member_cell (c, cam, "observed", 2, HOURS);
      member_cell (c, cam, "uptime", 2, 100);
      member_cell (c, cam, "outages", 0, 1);
      member_cell (c, cam, "outage_time", 2, HOURS);
      member_cell (c, cam, "longest_outage", 2, HOURS);
      const char *reason = cg_report_main_reason (cam);
      text_cell (c, reason != NULL ? cg_reason_label (reason) : NULL);
      member_cell (c, cam, "median_kbps", 1, 1);
      member_cell (c, cam, "median_fps", 1, 1);
      member_cell (c, cam, "weak_days", 0, 1);
      member_cell (c, cam, "judged_days", 0, 1);
      member_cell (c, cam, "motion_events", 0, 1);
      member_cell (c, cam, "incidents", 0, 1);
      member_cell (c, cam, "days_kept", 1, 1);
      member_cell (c, cam, "target_days", 1, 1);
      member_cell (c, cam, "bytes", 0, 1);
      end_row (c);
    }
}

static void
reasons_table (Csv *c, JsonObject *reply)
{
  header (c, _("Camera"), _("Cause code"), _("Cause"), _("Times"), _("Hours"), NULL);
  JsonArray *cams = cg_report_arr (reply, "cameras");
  for (guint i = 0; cams != NULL && i < json_array_get_length (cams); i++)
    {
      JsonObject *cam = json_array_get_object_element (cams, i);
      JsonArray *reasons = cg_report_arr (cam, "reasons");
      for (guint r = 0; reasons != NULL && r < json_array_get_length (reasons); r++)
        {
          JsonObject *o = json_array_get_object_element (reasons, r);
          begin_row (c);
          text_cell (c, cg_report_str (cam, "name"));
          text_cell (c, cg_report_str (o, "reason"));
          text_cell (c, cg_reason_label (cg_report_str (o, "reason")));
          member_cell (c, o, "count", 0, 1);
          member_cell (c, o, "time", 2, HOURS);
          end_row (c);
        }
    }
}

static void
recorder_table (Csv *c, JsonObject *reply)
{
  header (c, _("Stopped from"), _("Until"), _("Hours"), NULL);
  JsonArray *downs = cg_report_arr (cg_report_obj (reply, "recorder"), "downs");
  for (guint i = 0; downs != NULL && i < json_array_get_length (downs); i++)
    {
      JsonObject *d = json_array_get_object_element (downs, i);
      const char *from_iso = cg_report_str (d, "from"), *to_iso = cg_report_str (d, "to");
      g_autofree char *from = cg_report_time (from_iso, FALSE);
      g_autofree char *to = cg_report_time (to_iso, FALSE);
      gint64 a = 0, b = 0;
      begin_row (c);
      text_cell (c, from);
      text_cell (c, to);
      if (from_iso != NULL && to_iso != NULL && cg_time_parse (from_iso, NULL, &a, NULL)
          && cg_time_parse (to_iso, NULL, &b, NULL))
        num_cell (c, (double) (b - a) / (double) CG_USEC_PER_SEC * HOURS, 2);
      else
        raw_cell (c, "");
      end_row (c);
    }
}

static void
maintenance_table (Csv *c, JsonObject *reply)
{
  header (c, _("Date"), _("Camera"), _("Work code"), _("Work"), _("Cost (đồng)"), _("Note"),
          _("Recorded by"), _("Not repaired yet"), NULL);
  JsonArray *entries = cg_report_arr (cg_report_obj (reply, "maintenance"), "entries");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      const char *kind = cg_report_str (e, "kind");
      g_autofree char *at = cg_report_time (cg_report_str (e, "at"), TRUE);
      begin_row (c);
      text_cell (c, at);
      text_cell (c, cg_report_str (e, "camera"));
      text_cell (c, kind);
      text_cell (c, kind != NULL ? cg_maintenance_kind_label (kind) : NULL);
      member_cell (c, e, "cost", 0, 1);
      text_cell (c, cg_report_str (e, "note"));
      text_cell (c, cg_report_str (e, "by"));
      gboolean open = cg_report_has (e, "open") && json_object_get_boolean_member (e, "open");
      text_cell (c, open ? _("yes") : _("no"));
      end_row (c);
    }
}

/* [{"<key>", "count"}] with the key, and its label when it has one. */
static void
counts_table (Csv *c, JsonObject *reply, const char *member, const char *key,
              const char *key_heading, const char *(*label) (JsonObject *))
{
  if (label != NULL)
    header (c, key_heading, _("Label"), _("Incidents"), NULL);
  else
    header (c, key_heading, _("Incidents"), NULL);
  JsonArray *a = cg_report_arr (cg_report_obj (reply, "incidents"), member);
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      begin_row (c);
      text_cell (c, cg_report_str (o, key));
      if (label != NULL)
        text_cell (c, label (o));
      member_cell (c, o, "count", 0, 1);
      end_row (c);
    }
}

static const char *
kind_label (JsonObject *o)
{
  return cg_report_str (o, "label");
}

static const char *
status_label (JsonObject *o)
{
  return cg_incident_status_label (cg_report_str (o, "status"));
}

static void
by_kind (Csv *c, JsonObject *reply)
{
  counts_table (c, reply, "by_kind", "kind", _("Kind"), kind_label);
}

static void
by_status (Csv *c, JsonObject *reply)
{
  counts_table (c, reply, "by_status", "status", _("Status"), status_label);
}

static void
by_place (Csv *c, JsonObject *reply)
{
  counts_table (c, reply, "by_place", "place", _("Place"), NULL);
}

static void
by_camera (Csv *c, JsonObject *reply)
{
  counts_table (c, reply, "by_camera", "camera", _("Camera"), NULL);
}

static void
recommendations_table (Csv *c, JsonObject *reply)
{
  header (c, _("No."), _("Code"), _("Shortcoming"), _("Recommendation"), NULL);
  JsonArray *recs = cg_report_arr (reply, "recommendations");
  for (guint i = 0; recs != NULL && i < json_array_get_length (recs); i++)
    {
      JsonObject *r = json_array_get_object_element (recs, i);
      g_autofree char *problem = cg_report_shortcoming (r);
      g_autofree char *action = cg_report_recommendation (r);
      begin_row (c);
      int_cell (c, i + 1);
      text_cell (c, cg_report_str (r, "code"));
      text_cell (c, problem);
      text_cell (c, action);
      end_row (c);
    }
}

/* The tables, in order; a reply without data has only the first, which
 * says so. */
static const struct {
  const char *section;
  void (*write) (Csv *, JsonObject *);
  gboolean needs_data;
} tables[] = {
  { "report", report_table, FALSE },
  { "summary", summary_table, TRUE },
  { "cameras", cameras_table, TRUE },
  { "outage-causes", reasons_table, TRUE },
  { "recorder-stops", recorder_table, TRUE },
  { "maintenance", maintenance_table, TRUE },
  { "incidents-by-kind", by_kind, TRUE },
  { "incidents-by-status", by_status, TRUE },
  { "incidents-by-place", by_place, TRUE },
  { "incidents-by-camera", by_camera, TRUE },
  { "recommendations", recommendations_table, TRUE },
};

static void
table_free (gpointer p)
{
  CgReportCsvTable *t = p;
  g_free (t->text);
  g_free (t);
}

GPtrArray *
cg_report_csv_tables (JsonObject *reply)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (table_free);
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (tables[i].needs_data && !cg_report_has_data (reply))
        continue;
      Csv c = { tables[i].section, g_string_new (NULL), TRUE };
      tables[i].write (&c, reply);
      CgReportCsvTable *t = g_new0 (CgReportCsvTable, 1);
      t->section = tables[i].section;
      t->text = g_string_free (c.s, FALSE);
      g_ptr_array_add (out, t);
    }
  return out;
}

char *
cg_report_csv (JsonObject *reply)
{
  g_autoptr (GPtrArray) t = cg_report_csv_tables (reply);
  /* The BOM tells spreadsheets the file is UTF-8. */
  GString *s = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; i < t->len; i++)
    {
      if (i > 0)
        g_string_append (s, "\r\n");
      g_string_append (s, ((CgReportCsvTable *) g_ptr_array_index (t, i))->text);
    }
  return g_string_free (s, FALSE);
}
