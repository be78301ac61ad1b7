/* report_doc.c — the body of a periodic report, worded once (see
 * report_doc.h). */
#include "build-config.h"

#include "client/report_doc.h"

#include "client/incident_record.h"
#include "client/report_words.h"
#include "common/i18n.h"
#include "common/maintenance.h"

#include <stdarg.h>

static void
block_free (gpointer p)
{
  CgReportBlock *b = p;
  g_free (b->text);
  if (b->columns != NULL)
    g_ptr_array_unref (b->columns);
  if (b->rows != NULL)
    g_ptr_array_unref (b->rows);
  g_free (b);
}

void
cg_report_doc_free (CgReportDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

static CgReportBlock *
add (CgReportDoc *doc, CgReportBlockKind kind, char *text)
{
  CgReportBlock *b = g_new0 (CgReportBlock, 1);
  b->kind = kind;
  b->text = text;
  g_ptr_array_add (doc->blocks, b);
  return b;
}

static void
section (CgReportDoc *doc, const char *title)
{
  add (doc, CG_REPORT_SECTION, g_strdup (title));
}

/* "1. title": parts are numbered within their section. */
static void
part (CgReportDoc *doc, int *n, const char *title)
{
  add (doc, CG_REPORT_PART, g_strdup_printf ("%d. %s", ++*n, title));
}

static void
bullet (CgReportDoc *doc, char *text)
{
  add (doc, CG_REPORT_BULLET, text);
}

/* A table with its headings, then NULL; right: the columns that hold
 * numbers. */
static CgReportBlock *
table (CgReportDoc *doc, guint right, const char *first, ...)
{
  CgReportBlock *b = add (doc, CG_REPORT_TABLE, NULL);
  b->columns = g_ptr_array_new_with_free_func (g_free);
  b->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  b->right = right;
  va_list ap;
  va_start (ap, first);
  for (const char *c = first; c != NULL; c = va_arg (ap, const char *))
    g_ptr_array_add (b->columns, g_strdup (c));
  va_end (ap);
  return b;
}

/* A row of cells, which it takes, one per column. */
static void
row (CgReportBlock *t, ...)
{
  GStrv cells = g_new0 (char *, t->columns->len + 1);
  va_list ap;
  va_start (ap, t);
  for (guint i = 0; i < t->columns->len; i++)
    {
      char *c = va_arg (ap, char *);
      cells[i] = c != NULL ? c : g_strdup ("");
    }
  va_end (ap);
  g_ptr_array_add (t->rows, cells);
}

static void
chart (CgReportDoc *doc, CgReportChart which)
{
  add (doc, CG_REPORT_CHART, NULL)->chart = which;
}

static char *
num (gint64 n)
{
  return cg_report_count (n);
}

static char *
no (guint i)
{
  return g_strdup_printf ("%u", i + 1);
}

static char *
or_dash (const char *s)
{
  return g_strdup (s != NULL && *s != '\0' ? s : "-");
}

/* The camera's name, and that it was removed. */
static char *
camera_name (JsonObject *c)
{
  const char *name = cg_report_str (c, "name");
  if (cg_report_has (c, "removed") && json_object_get_boolean_member (c, "removed"))
    return g_strdup_printf (_("%s (removed)"), name != NULL ? name : "?");
  return or_dash (name);
}

static guint
count_of (JsonArray *a)
{
  return a != NULL ? json_array_get_length (a) : 0;
}

static JsonObject *
element (JsonArray *a, guint i)
{
  return json_array_get_object_element (a, i);
}

/* ---- I. how the system worked ------------------------------------------- */

/* "community funding: Công ty X", with the donor when one is written. */
static char *
funding_text (JsonObject *c)
{
  const char *label = cg_report_funding_label (cg_report_str (c, "funding"));
  const char *donor = cg_report_str (c, "donor");
  return donor != NULL && *donor != '\0' ? g_strdup_printf ("%s: %s", label, donor)
                                         : g_strdup (label);
}

/* "hộ gia đình (Viettel), Viettel 30 Mbit/s": who gives the line, and its
 * plan when written. */
static char *
line_text (JsonObject *c)
{
  const char *by = cg_report_str (c, "network_by"), *plan = cg_report_str (c, "network_plan");
  if (plan == NULL || *plan == '\0')
    return or_dash (by);
  if (by == NULL || *by == '\0')
    return g_strdup (plan);
  return g_strdup_printf ("%s, %s", by, plan);
}

static void
cameras_part (CgReportDoc *doc, JsonObject *reply, JsonArray *cams, int *n)
{
  JsonObject *totals = cg_report_obj (reply, "totals");
  JsonObject *funding = cg_report_obj (totals, "funding");
  part (doc, n, _("The cameras"));
  g_autofree char *all = num (cg_report_int (totals, "cameras"));
  g_autofree char *budget = num (cg_report_int (funding, "budget"));
  g_autofree char *community = num (cg_report_int (funding, "community"));
  g_autofree char *unknown = num (cg_report_int (funding, "unknown"));
  g_autofree char *hosted = num (cg_report_int (totals, "hosted"));
  bullet (doc, g_strdup_printf (_("The system has %s cameras: %s bought from the commune budget, "
                                  "%s from community funding (donated or hosted), %s with no "
                                  "funding recorded; %s of them are hosted by a household, a "
                                  "business or an office."),
                                all, budget, community, unknown, hosted));
  JsonObject *hosts = cg_report_obj (totals, "hosts");
  if (hosts != NULL)
    {
      g_autofree char *households = num (cg_report_int (hosts, "household"));
      g_autofree char *businesses = num (cg_report_int (hosts, "business"));
      bullet (doc, g_strdup_printf (_("Of the cameras hosted, %s are at households and %s at "
                                      "businesses or offices."), households, businesses));
    }
  guint removed = 0;
  for (guint i = 0; i < count_of (cams); i++)
    if (cg_report_has (element (cams, i), "removed")
        && json_object_get_boolean_member (element (cams, i), "removed"))
      removed++;
  if (removed > 0)
    {
      g_autofree char *r = num (removed);
      bullet (doc, g_strdup_printf (_("%s of them were removed during the period; their figures "
                                      "cover the time they were in place."), r));
    }
  CgReportBlock *t = table (doc, 1u, _("No."), _("Camera"), _("Funding"), _("Host household"),
                            _("Line from"), NULL);
  for (guint i = 0; i < count_of (cams); i++)
    {
      JsonObject *c = element (cams, i);
      const char *host = cg_report_str (c, "host_name"), *phone = cg_report_str (c, "host_phone");
      row (t, no (i), camera_name (c), funding_text (c),
           host != NULL && phone != NULL ? g_strdup_printf ("%s (%s)", host, phone) : or_dash (host),
           line_text (c));
    }
}

static void
recorder_part (CgReportDoc *doc, JsonObject *reply, int *n)
{
  JsonObject *rec = cg_report_obj (reply, "recorder");
  part (doc, n, _("The recorder at the post"));
  g_autofree char *up = cg_report_duration (cg_report_int (rec, "up"));
  gint64 stops = cg_report_int (rec, "stops");
  if (stops <= 0)
    bullet (doc, g_strdup_printf (_("The recorder ran %s, the whole period, without stopping."),
                                  up));
  else
    {
      g_autofree char *s = num (stops);
      g_autofree char *down = cg_report_duration (cg_report_int (rec, "down"));
      g_autofree char *longest = cg_report_duration (cg_report_int (rec, "longest_down"));
      bullet (doc, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The recorder ran %s; it stopped %s time, %s in "
                                                 "all (the longest %s).",
                                                 "The recorder ran %s; it stopped %s times, %s in "
                                                 "all (the longest %s).", (gulong) stops),
                                    up, s, down, longest));
    }
  JsonArray *downs = cg_report_arr (rec, "downs");
  for (guint i = 0; i < count_of (downs); i++)
    {
      JsonObject *d = element (downs, i);
      g_autofree char *from = cg_report_time (cg_report_str (d, "from"), FALSE);
      g_autofree char *to = cg_report_time (cg_report_str (d, "to"), FALSE);
      bullet (doc, g_strdup_printf (_("Stopped from %s to %s."), from, to));
    }
  if (stops > 0)
    bullet (doc, g_strdup (_("No camera is recorded while the recorder is stopped; that time "
                             "is not counted as an outage of the cameras.")));
}

static void
uptime_part (CgReportDoc *doc, JsonObject *reply, JsonArray *cams, int *n)
{
  JsonObject *totals = cg_report_obj (reply, "totals");
  part (doc, n, _("Share of time each camera recorded"));
  CgReportBlock *t = table (doc, 1u | 4u | 8u | 16u | 32u, _("No."), _("Camera"), _("Share recorded"),
                            _("Outages"), _("Time without pictures"), _("Longest"), NULL);
  gint64 longest = 0;
  for (guint i = 0; i < count_of (cams); i++)
    {
      JsonObject *c = element (cams, i);
      longest = MAX (longest, cg_report_int (c, "longest_outage"));
      row (t, no (i), camera_name (c),
           cg_report_has (c, "uptime") ? cg_report_percent (cg_report_num (c, "uptime")) : NULL,
           num (cg_report_int (c, "outages")), cg_report_duration (cg_report_int (c, "outage_time")),
           cg_report_duration (cg_report_int (c, "longest_outage")));
    }
  row (t, NULL, g_strdup (_("Whole system")),
       cg_report_has (totals, "uptime") ? cg_report_percent (cg_report_num (totals, "uptime")) : NULL,
       num (cg_report_int (totals, "outages")),
       cg_report_duration (cg_report_int (totals, "outage_time")), cg_report_duration (longest));
  t->total = TRUE;
  chart (doc, CG_REPORT_CHART_UPTIME);
}

static void
reasons_part (CgReportDoc *doc, JsonArray *cams, int *n)
{
  part (doc, n, _("Outages and their causes"));
  gboolean any = FALSE;
  for (guint i = 0; i < count_of (cams); i++)
    {
      JsonObject *c = element (cams, i);
      if (cg_report_int (c, "outages") <= 0)
        continue;
      g_autofree char *line = cg_report_reasons_line (c);
      g_autofree char *name = camera_name (c);
      bullet (doc, g_strdup_printf ("%s: %s.", name, *line != '\0' ? line : _("no cause recorded")));
      any = TRUE;
    }
  if (!any)
    bullet (doc, g_strdup (_("No camera lost its pictures in the period.")));
}

/* "11/30": the days the link was weak, of the days there was enough
 * footage to judge. */
static char *
weak_days (JsonObject *c)
{
  g_autofree char *weak = num (cg_report_int (c, "weak_days"));
  if (!cg_report_has (c, "judged_days"))
    return g_steal_pointer (&weak);
  g_autofree char *judged = num (cg_report_int (c, "judged_days"));
  return g_strdup_printf ("%s/%s", weak, judged);
}

static void
link_part (CgReportDoc *doc, JsonObject *reply, JsonArray *cams, int *n)
{
  JsonObject *totals = cg_report_obj (reply, "totals");
  part (doc, n, _("Link quality"));
  g_autofree char *weak = num (cg_report_int (totals, "weak_link_cameras"));
  g_autofree char *all = num (count_of (cams));
  bullet (doc, g_strdup_printf (_("%s of %s cameras had days with a weak link (a day is weak when "
                                  "a tenth or more of its recorded minutes lost frames)."),
                                weak, all));
  CgReportBlock *t = table (doc, 1u | 4u | 8u | 16u, _("No."), _("Camera"), _("Median kbit/s"),
                            _("Frames/s"), _("Weak days"), _("Line from"), NULL);
  for (guint i = 0; i < count_of (cams); i++)
    {
      JsonObject *c = element (cams, i);
      row (t, no (i), camera_name (c),
           cg_report_has (c, "median_kbps") ? num (cg_report_int (c, "median_kbps")) : NULL,
           cg_report_has (c, "median_fps") ? cg_report_decimal (cg_report_num (c, "median_fps"), 1) : NULL,
           weak_days (c), or_dash (cg_report_str (c, "network_by")));
    }
}

static void
storage_part (CgReportDoc *doc, JsonObject *reply, JsonArray *cams, int *n)
{
  JsonObject *st = cg_report_obj (reply, "storage");
  part (doc, n, _("Storage and days kept"));
  if (st != NULL)
    {
      g_autofree char *used = cg_report_size (cg_report_int (st, "used_bytes"));
      g_autofree char *limit = cg_report_size (cg_report_int (st, "limit_bytes"));
      g_autofree char *disk = cg_report_size (cg_report_int (st, "disk_bytes"));
      bullet (doc, g_strdup_printf (_("Recordings use %s of the %s they may use (the disk holds "
                                      "%s)."), used, limit, disk));
      g_autofree char *days = cg_report_decimal (cg_report_num (st, "forecast_days"), 1);
      g_autofree char *target = cg_report_decimal (cg_report_num (st, "target_days"), 1);
      gboolean below = cg_report_has (st, "below_target")
                       && json_object_get_boolean_member (st, "below_target");
      bullet (doc, g_strdup_printf (below ? _("At the present rate recordings are kept %s days, "
                                              "below the target of %s days.")
                                          : _("At the present rate recordings are kept %s days; "
                                              "the target is %s days."),
                                    days, target));
    }
  CgReportBlock *t = table (doc, 1u | 4u | 8u | 16u, _("No."), _("Camera"), _("Footage kept"),
                            _("Days kept"), _("Target"), NULL);
  for (guint i = 0; i < count_of (cams); i++)
    {
      JsonObject *c = element (cams, i);
      row (t, no (i), camera_name (c), cg_report_size (cg_report_int (c, "bytes")),
           cg_report_decimal (cg_report_num (c, "days_kept"), 1),
           cg_report_decimal (cg_report_num (c, "target_days"), 1));
    }
  chart (doc, CG_REPORT_CHART_DAYS_KEPT);
}

/* The maintenance log of the period: what broke, what was done, what it
 * cost, and the faults not yet repaired. */
static void
maintenance_part (CgReportDoc *doc, JsonObject *reply, int *n)
{
  JsonObject *m = cg_report_obj (reply, "maintenance");
  part (doc, n, _("Faults, repairs and replacements"));
  JsonArray *entries = cg_report_arr (m, "entries");
  if (m == NULL || count_of (entries) == 0)
    {
      bullet (doc, g_strdup (_("Nothing was recorded in the maintenance log in the period.")));
      return;
    }
  JsonObject *counts = cg_report_obj (m, "counts");
  g_autofree char *faults = num (cg_report_int (counts, "fault"));
  g_autofree char *inspections = num (cg_report_int (counts, "inspection"));
  g_autofree char *repairs = num (cg_report_int (counts, "repair"));
  g_autofree char *replacements = num (cg_report_int (counts, "replace"));
  g_autofree char *cost = cg_report_money (cg_report_int (m, "cost"));
  bullet (doc, g_strdup_printf (_("Faults reported: %s; inspections: %s; repairs: %s; cameras "
                                  "replaced: %s; spent in all: %s."),
                                faults, inspections, repairs, replacements, cost));
  gint64 open = cg_report_int (m, "open_faults");
  if (open > 0)
    {
      g_autofree char *o = num (open);
      bullet (doc, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s fault is not repaired yet (see IV).",
                                                 "%s faults are not repaired yet (see IV).",
                                                 (gulong) open), o));
    }
  CgReportBlock *t = table (doc, 1u | 16u, _("No."), _("Date"), _("Camera"), _("Work"),
                            _("Cost"), _("Note"), NULL);
  for (guint i = 0; i < count_of (entries); i++)
    {
      JsonObject *e = element (entries, i);
      const char *kind = cg_report_str (e, "kind");
      row (t, no (i), cg_report_time (cg_report_str (e, "at"), TRUE),
           or_dash (cg_report_str (e, "camera")),
           g_strdup (kind != NULL ? cg_maintenance_kind_label (kind) : "-"),
           cg_report_has (e, "cost") ? cg_report_money (cg_report_int (e, "cost")) : g_strdup ("-"),
           or_dash (cg_report_str (e, "note")));
    }
}

/* ---- II. effectiveness --------------------------------------------------- */

/* A table of [{"<key>", "count"}] with the key's column first. */
static void
counts_table (CgReportDoc *doc, JsonArray *a, const char *heading, const char *key,
              const char *(*label) (JsonObject *))
{
  CgReportBlock *t = table (doc, 1u | 4u, _("No."), heading, _("Incidents"), NULL);
  for (guint i = 0; i < count_of (a); i++)
    {
      JsonObject *o = element (a, i);
      const char *name = label != NULL ? label (o) : cg_report_str (o, key);
      /* Incidents recorded without a place are counted under "". */
      row (t, no (i), name != NULL && *name != '\0' ? g_strdup (name) : g_strdup (_("not written")),
           num (cg_report_int (o, "count")));
    }
}

static const char *
kind_label (JsonObject *o)
{
  const char *l = cg_report_str (o, "label");
  return l != NULL ? l : cg_report_str (o, "kind");
}

static const char *
status_label (JsonObject *o)
{
  return cg_incident_status_label (cg_report_str (o, "status"));
}

static void
incidents_parts (CgReportDoc *doc, JsonObject *reply, int *n)
{
  JsonObject *inc = cg_report_obj (reply, "incidents");
  gint64 total = cg_report_int (inc, "total");
  part (doc, n, _("Incidents"));
  if (total <= 0)
    {
      bullet (doc, g_strdup (_("No incident was recorded in the period.")));
      return;
    }
  g_autofree char *t = num (total);
  bullet (doc, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s incident was recorded in the period (counted "
                                             "by when it began), by kind:",
                                             "%s incidents were recorded in the period (counted "
                                             "by when they began), by kind:", (gulong) total), t));
  counts_table (doc, cg_report_arr (inc, "by_kind"), _("Kind"), "kind", kind_label);
  chart (doc, CG_REPORT_CHART_INCIDENTS);
  part (doc, n, _("How they stand"));
  counts_table (doc, cg_report_arr (inc, "by_status"), _("Status"), "status", status_label);
  part (doc, n, _("Where they happened"));
  counts_table (doc, cg_report_arr (inc, "by_place"), _("Place"), "place", NULL);
  part (doc, n, _("Camera footage in the incidents"));
  g_autofree char *helped = num (cg_report_int (inc, "helped"));
  g_autofree char *not_helped = num (cg_report_int (inc, "not_helped"));
  g_autofree char *unknown = num (cg_report_int (inc, "unknown_help"));
  bullet (doc, g_strdup_printf (_("The footage helped in %s incidents, did not help in %s, and "
                                  "has not been assessed yet in %s."),
                                helped, not_helped, unknown));
  JsonArray *by_camera = cg_report_arr (inc, "by_camera");
  if (count_of (by_camera) > 0)
    {
      bullet (doc, g_strdup (_("Cameras whose footage was attached to incidents:")));
      counts_table (doc, by_camera, _("Camera"), "camera", NULL);
    }
}

static void
exports_motion_parts (CgReportDoc *doc, JsonObject *reply, JsonArray *cams, int *n)
{
  JsonObject *ex = cg_report_obj (reply, "exports");
  part (doc, n, _("Footage handed over"));
  gint64 count = cg_report_int (ex, "count");
  if (count <= 0)
    bullet (doc, g_strdup (_("No footage was exported in the period.")));
  else
    {
      g_autofree char *c = num (count);
      g_autofree char *size = cg_report_size (cg_report_int (ex, "bytes"));
      g_autofree char *for_inc = num (cg_report_int (ex, "for_incidents"));
      bullet (doc, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s export of footage was made (%s), %s of "
                                                 "them for incidents.",
                                                 "%s exports of footage were made (%s), %s of "
                                                 "them for incidents.", (gulong) count),
                                    c, size, for_inc));
    }
  part (doc, n, _("Motion detected"));
  g_autofree char *motion = num (cg_report_int (cg_report_obj (reply, "totals"), "motion_events"));
  bullet (doc, g_strdup_printf (_("The cameras detected motion %s times:"), motion));
  CgReportBlock *t = table (doc, 1u | 4u | 8u, _("No."), _("Camera"), _("Motion detected"),
                            _("Incidents"), NULL);
  for (guint i = 0; i < count_of (cams); i++)
    {
      JsonObject *c = element (cams, i);
      row (t, no (i), camera_name (c), num (cg_report_int (c, "motion_events")),
           num (cg_report_int (c, "incidents")));
    }
}

static void
compare_part (CgReportDoc *doc, JsonObject *reply, int *n)
{
  CgPeriod prev;
  const char *code = cg_report_str (cg_report_obj (reply, "previous"), "code");
  g_autofree char *title = code != NULL && cg_period_parse (code, &prev, NULL)
                             ? cg_period_title (&prev) : g_strdup (_("the period before"));
  g_autofree char *heading = g_strdup_printf (_("Compared with %s"), title);
  part (doc, n, heading);
  CgReportBlock *t = table (doc, 2u | 4u | 8u, _("Figure"), _("This period"),
                            _("Period before"), _("Change"), NULL);
  guint count = 0;
  const CgReportFigure *figures = cg_report_figures (&count);
  for (guint i = 0; i < count; i++)
    {
      double now = 0, before = 0;
      gboolean has_now = cg_report_figure_now (reply, &figures[i], &now);
      gboolean has_before = cg_report_figure_before (reply, &figures[i], &before);
      row (t, g_strdup (_(figures[i].label)),
           has_now ? cg_report_figure_text (&figures[i], now) : g_strdup ("-"),
           has_before ? cg_report_figure_text (&figures[i], before) : g_strdup (_("no data")),
           has_now && has_before ? cg_report_figure_change (&figures[i], now, before, FALSE)
                                 : g_strdup ("-"));
    }
}

/* ---- III and IV ---------------------------------------------------------- */

static void
recommendation_sections (CgReportDoc *doc, JsonObject *reply)
{
  JsonArray *recs = cg_report_arr (reply, "recommendations");
  section (doc, _("III. SHORTCOMINGS AND LIMITS"));
  for (guint i = 0; i < count_of (recs); i++)
    bullet (doc, cg_report_shortcoming (element (recs, i)));
  if (count_of (recs) == 0)
    bullet (doc, g_strdup (_("No shortcoming worth reporting in the period.")));
  section (doc, _("IV. PROPOSALS AND RECOMMENDATIONS"));
  for (guint i = 0; i < count_of (recs); i++)
    add (doc, CG_REPORT_ITEM, cg_report_recommendation (element (recs, i)))->number = (int) i + 1;
  if (count_of (recs) == 0)
    bullet (doc, g_strdup (_("Nothing to propose in the period: keep the system as it is.")));
}

CgReportDoc *
cg_report_doc_new (JsonObject *reply)
{
  CgReportDoc *doc = g_new0 (CgReportDoc, 1);
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  if (!cg_report_has_data (reply))
    {
      add (doc, CG_REPORT_PARAGRAPH, cg_report_no_data (reply));
      return doc;
    }
  add (doc, CG_REPORT_PARAGRAPH, cg_report_opening (reply));
  JsonArray *cams = cg_report_arr (reply, "cameras");
  int n = 0;
  section (doc, _("I. HOW THE SYSTEM WORKED"));
  cameras_part (doc, reply, cams, &n);
  recorder_part (doc, reply, &n);
  uptime_part (doc, reply, cams, &n);
  reasons_part (doc, cams, &n);
  link_part (doc, reply, cams, &n);
  storage_part (doc, reply, cams, &n);
  maintenance_part (doc, reply, &n);
  n = 0;
  section (doc, _("II. EFFECTIVENESS"));
  incidents_parts (doc, reply, &n);
  exports_motion_parts (doc, reply, cams, &n);
  compare_part (doc, reply, &n);
  recommendation_sections (doc, reply);
  add (doc, CG_REPORT_PARAGRAPH, cg_report_closing (reply));
  return doc;
}
