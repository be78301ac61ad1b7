/* report_words.c — what the forms of a periodic report say alike (see
 * report_words.h). */
#include "build-config.h"

#include "client/report_words.h"

#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"

#include <math.h>
#include <string.h>

/* ---- reading the reply -------------------------------------------------- */

gboolean
cg_report_has (JsonObject *o, const char *name)
{
  return o != NULL && json_object_has_member (o, name)
         && !JSON_NODE_HOLDS_NULL (json_object_get_member (o, name));
}

const char *
cg_report_str (JsonObject *o, const char *name)
{
  if (!cg_report_has (o, name))
    return NULL;
  JsonNode *n = json_object_get_member (o, name);
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

JsonObject *
cg_report_obj (JsonObject *o, const char *name)
{
  return cg_report_has (o, name) && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, name))
           ? json_object_get_object_member (o, name) : NULL;
}

JsonArray *
cg_report_arr (JsonObject *o, const char *name)
{
  return cg_report_has (o, name) && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, name))
           ? json_object_get_array_member (o, name) : NULL;
}

double
cg_report_num (JsonObject *o, const char *name)
{
  if (!cg_report_has (o, name))
    return 0;
  JsonNode *n = json_object_get_member (o, name);
  if (!JSON_NODE_HOLDS_VALUE (n))
    return 0;
  GType t = json_node_get_value_type (n);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE ? json_node_get_double (n) : 0;
}

gint64
cg_report_int (JsonObject *o, const char *name)
{
  return (gint64) llround (cg_report_num (o, name));
}

gboolean
cg_report_period (JsonObject *reply, CgPeriod *out)
{
  const char *code = cg_report_str (cg_report_obj (reply, "period"), "code");
  return code != NULL && cg_period_parse (code, out, NULL);
}

gboolean
cg_report_has_data (JsonObject *reply)
{
  return cg_report_has (reply, "has_data") && json_object_get_boolean_member (reply, "has_data");
}

/* The period in words, or its code when it cannot be read. */
static char *
period_title (JsonObject *reply)
{
  CgPeriod p;
  if (cg_report_period (reply, &p))
    return cg_period_title (&p);
  const char *code = cg_report_str (cg_report_obj (reply, "period"), "code");
  return g_strdup (code != NULL ? code : "?");
}

/* ---- numbers ------------------------------------------------------------ */

char *
cg_report_count (gint64 n)
{
  /* The ' flag groups digits as the locale does: 1.234.567 under vi_VN. */
  return g_strdup_printf ("%'lld", (long long) n);
}

char *
cg_report_money (gint64 dong)
{
  g_autofree char *n = cg_report_count (dong);
  /* Translators: an amount of money in đồng. */
  return g_strdup_printf (_("%s đ"), n);
}

char *
cg_report_decimal (double v, int decimals)
{
  return g_strdup_printf ("%'.*f", decimals, v);
}

char *
cg_report_percent (double share)
{
  g_autofree char *n = cg_report_decimal (share * 100, 1);
  /* TRANSLATORS: a percentage; Vietnamese writes a space before %. */
  return g_strdup_printf (_("%s %%"), n);
}

char *
cg_report_duration (gint64 seconds)
{
  if (seconds <= 0)
    return g_strdup ("0");
  return cg_duration_format (seconds * CG_USEC_PER_SEC);
}

char *
cg_report_size (gint64 bytes)
{
  return g_format_size_full ((guint64) MAX (bytes, 0), G_FORMAT_SIZE_IEC_UNITS);
}

char *
cg_report_time (const char *iso, gboolean day_only)
{
  gint64 us = 0;
  if (iso == NULL || !cg_time_parse (iso, NULL, &us, NULL))
    return g_strdup ("-");
  if (day_only)
    return cg_time_format_date (us, NULL);
  g_autofree char *full = cg_time_format_local (us, NULL);
  return g_strndup (full, strlen (full) >= 16 ? 16 : strlen (full)); /* without seconds */
}

/* ---- the heading and the closing ---------------------------------------- */

const char *
cg_report_nation (void)
{
  return _("SOCIALIST REPUBLIC OF VIET NAM");
}

const char *
cg_report_motto (void)
{
  return _("Independence - Freedom - Happiness");
}

const char *
cg_report_title (void)
{
  return _("REPORT");
}

static const char *
unit_member (JsonObject *reply, const char *name)
{
  const char *v = cg_report_str (cg_report_obj (reply, "unit"), name);
  return v != NULL ? v : "";
}

char *
cg_report_number_line (JsonObject *reply)
{
  const char *symbol = unit_member (reply, "symbol");
  /* The number is left blank: the clerk writes it when the report is
   * entered in the post's register. */
  return g_strdup_printf (_("No.:      /%s"), *symbol != '\0' ? symbol : "BC");
}

char *
cg_report_date_line (JsonObject *reply)
{
  gint64 us = 0;
  const char *generated = cg_report_str (reply, "generated");
  if (generated == NULL || !cg_time_parse (generated, NULL, &us, NULL))
    us = cg_time_now_us ();
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (us / CG_USEC_PER_SEC);
  int day = g_date_time_get_day_of_month (t), month = g_date_time_get_month (t);
  /* Administrative documents write days below 10 and the months 1 and 2
   * with a leading 0. */
  g_autofree char *d = g_strdup_printf ("%02d", day);
  g_autofree char *m = g_strdup_printf (month < 3 ? "%02d" : "%d", month);
  const char *place = unit_member (reply, "place");
  return g_strdup_printf (_("%s, day %s month %s year %d"), *place != '\0' ? place : "......",
                          d, m, g_date_time_get_year (t));
}

char *
cg_report_subject (JsonObject *reply)
{
  g_autofree char *title = period_title (reply);
  CgPeriod p;
  CgPeriodKind kind = cg_report_period (reply, &p) ? p.kind : CG_PERIOD_DAYS;
  if (kind == CG_PERIOD_HALF)
    return g_strdup_printf (_("Six-month review of managing and using the security camera "
                              "system, %s"), title);
  if (kind == CG_PERIOD_YEAR)
    return g_strdup_printf (_("Yearly review of managing and using the security camera "
                              "system, %s"), title);
  return g_strdup_printf (_("Results of managing and using the security camera system, %s"),
                          title);
}

char *
cg_report_opening (JsonObject *reply)
{
  g_autofree char *title = period_title (reply);
  return g_strdup_printf (_("As the periodic reports require, the unit reports the results of "
                            "managing and using the security camera system %s, and how "
                            "effective it was, as follows:"), title);
}

char *
cg_report_closing (JsonObject *reply)
{
  g_autofree char *title = period_title (reply);
  return g_strdup_printf (_("Above is the report on the results of managing and using the "
                            "security camera system %s./."), title);
}

char *
cg_report_no_data (JsonObject *reply)
{
  g_autofree char *title = period_title (reply);
  const char *from = cg_report_str (reply, "data_from");
  if (from == NULL)
    return g_strdup_printf (_("There is no recorded data for %s: nothing has been recorded "
                              "yet, so there are no figures to report."), title);
  g_autofree char *since = cg_report_time (from, TRUE);
  return g_strdup_printf (_("There is no recorded data for %s: the recorder did not run in "
                            "this period, so there are no figures to report. Recorded data "
                            "exists from %s."), title, since);
}

char *
cg_report_audit_line (JsonObject *reply)
{
  JsonObject *head = cg_report_obj (reply, "audit_head");
  const char *hash = cg_report_str (head, "hash");
  if (head == NULL || hash == NULL)
    return NULL;
  /* The head as `canhgac audit verify` prints it, so the two compare. */
  const char *text = cg_report_str (head, "text");
  g_autofree char *prefix = g_strndup (hash, 12);
  g_autofree char *code = text != NULL ? g_strdup (text)
                                       : g_strdup_printf ("%lld/%s", (long long) cg_report_int (head, "rows"), prefix);
  return g_strdup_printf (_("Audit log check code: %s"), code);
}

GStrv
cg_report_recipients (JsonObject *reply)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_strv_builder_add (b, _("Recipients:"));
  JsonArray *list = cg_report_arr (cg_report_obj (reply, "unit"), "recipients");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *r = json_array_get_string_element (list, i);
      if (r == NULL || *r == '\0')
        continue;
      g_autofree char *line = g_strdup_printf ("- %s;", r);
      g_strv_builder_add (b, line);
    }
  g_autofree char *filed = g_strdup_printf ("- %s", _("Filed: VT."));
  g_strv_builder_add (b, filed);
  return g_strv_builder_end (b);
}

char *
cg_report_file_stem (JsonObject *reply)
{
  const char *code = cg_report_str (cg_report_obj (reply, "period"), "code");
  g_autofree char *safe = g_strdup (code != NULL ? code : "");
  g_strcanon (safe, "0123456789-QHqh", '-');
  /* TRANSLATORS: a file name: ASCII letters, digits and dashes only. */
  return g_strdup_printf (_("report-%s"), safe);
}

/* ---- codes in words ----------------------------------------------------- */

const char *
cg_report_funding_label (const char *funding)
{
  if (g_strcmp0 (funding, "budget") == 0)
    return _("commune budget");
  if (g_strcmp0 (funding, "community") == 0)
    return _("community funding");
  return _("not recorded");
}

const char *
cg_report_main_reason (JsonObject *camera)
{
  JsonArray *reasons = cg_report_arr (camera, "reasons");
  const char *best = NULL;
  double most = -1;
  for (guint i = 0; reasons != NULL && i < json_array_get_length (reasons); i++)
    {
      JsonObject *r = json_array_get_object_element (reasons, i);
      if (r != NULL && cg_report_str (r, "reason") != NULL && cg_report_num (r, "time") > most)
        {
          most = cg_report_num (r, "time");
          best = cg_report_str (r, "reason");
        }
    }
  return best;
}

char *
cg_report_reasons_line (JsonObject *camera)
{
  JsonArray *reasons = cg_report_arr (camera, "reasons");
  GString *s = g_string_new (NULL);
  for (guint i = 0; reasons != NULL && i < json_array_get_length (reasons); i++)
    {
      JsonObject *r = json_array_get_object_element (reasons, i);
      if (r == NULL)
        continue;
      gint64 count = cg_report_int (r, "count");
      g_autofree char *n = cg_report_count (count);
      g_autofree char *time = cg_report_duration (cg_report_int (r, "time"));
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s: %s time, %s",
                                              "%s: %s times, %s", (gulong) MAX (count, 0)),
                              cg_reason_label (cg_report_str (r, "reason")), n, time);
    }
  return g_string_free (s, FALSE);
}

static const char *
text_or (JsonObject *o, const char *name, const char *fallback)
{
  const char *v = cg_report_str (o, name);
  return v != NULL && *v != '\0' ? v : fallback;
}

static char *
repair_camera (JsonObject *r)
{
  g_autofree char *uptime = cg_report_percent (cg_report_num (r, "uptime"));
  gint64 outages = cg_report_int (r, "outages");
  g_autofree char *n = cg_report_count (outages);
  const char *camera = text_or (r, "camera", "?");
  const char *reason = cg_report_str (r, "reason");
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                          "Camera %s recorded only %s of the time (%s outage).",
                                          "Camera %s recorded only %s of the time (%s outages).",
                                          (gulong) MAX (outages, 0)),
                          camera, uptime, n);
  if (reason != NULL)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("Most of the time lost: %s."), cg_reason_label (reason));
    }
  const char *host = cg_report_str (r, "host_name"), *phone = cg_report_str (r, "host_phone");
  g_string_append_c (s, ' ');
  if (host != NULL && phone != NULL)
    g_string_append_printf (s, _("Call %s (%s), where the camera is, to arrange a visit."),
                            host, phone);
  else if (host != NULL)
    g_string_append_printf (s, _("Arrange a visit with %s, where the camera is."), host);
  else
    g_string_append (s, _("Send an officer to the camera."));
  g_autofree char *advice = reason != NULL ? cg_reason_advice (reason) : NULL;
  g_string_append_c (s, ' ');
  if (advice != NULL)
    g_string_append_printf (s, _("What to do: %s."), advice);
  else
    g_string_append (s, _("What to do: check the camera's power, its cable and the line."));
  g_string_append_c (s, ' ');
  g_string_append (s, _("If it keeps failing, have it repaired, or replaced (under warranty "
                        "while it lasts)."));
  return g_string_free (s, FALSE);
}

static char *
upgrade_link (JsonObject *r)
{
  gint64 days = cg_report_int (r, "weak_days");
  g_autofree char *n = cg_report_count (days);
  g_autofree char *kbps = cg_report_count (cg_report_int (r, "median_kbps"));
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                          "The link of camera %s was weak on %s day (median "
                                          "%s kbit/s).",
                                          "The link of camera %s was weak on %s days (median "
                                          "%s kbit/s).", (gulong) MAX (days, 0)),
                          text_or (r, "camera", "?"), n, kbps);
  const char *host = cg_report_str (r, "host_name");
  const char *line = text_or (r, "network_by", _("not recorded"));
  g_string_append_c (s, ' ');
  if (host != NULL)
    g_string_append_printf (s, _("Ask %s, where the camera is, for a faster internet "
                                 "package or a better place for its wifi modem (the line: %s)."),
                            host, line);
  else
    g_string_append_printf (s, _("Check its line (%s): a faster package, the cable and the "
                                 "modem."), line);
  return g_string_free (s, FALSE);
}

static char *
add_disk (JsonObject *r)
{
  g_autofree char *days = cg_report_decimal (cg_report_num (r, "forecast_days"), 1);
  g_autofree char *target = cg_report_decimal (cg_report_num (r, "target_days"), 1);
  g_autofree char *needed = cg_report_size (cg_report_int (r, "needed_bytes"));
  g_autofree char *limit = cg_report_size (cg_report_int (r, "limit_bytes"));
  return g_strdup_printf (_("Recordings are kept %s days, fewer than the target of %s days: the "
                            "target needs %s of disk and recordings may use %s. Add a hard "
                            "disk, or raise [storage] quota if the disk has room."),
                          days, target, needed, limit);
}

static char *
recorder_down (JsonObject *r)
{
  gint64 stops = cg_report_int (r, "stops");
  g_autofree char *n = cg_report_count (stops);
  g_autofree char *down = cg_report_duration (cg_report_int (r, "down"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The recorder at the post stopped %s time, %s in all, "
                                       "and no camera was recorded meanwhile: check the post's "
                                       "power (a UPS) and that the PC starts canhgacd by itself "
                                       "after a power cut.",
                                       "The recorder at the post stopped %s times, %s in all, "
                                       "and no camera was recorded meanwhile: check the post's "
                                       "power (a UPS) and that the PC starts canhgacd by itself "
                                       "after a power cut.", (gulong) MAX (stops, 0)),
                          n, down);
}

/* "52,18" from a [x, y] member, or NULL. */
static char *
map_text (JsonObject *r)
{
  JsonArray *m = cg_report_arr (r, "map");
  if (m == NULL || json_array_get_length (m) != 2)
    return NULL;
  return g_strdup_printf ("%lld,%lld", (long long) json_array_get_int_element (m, 0),
                          (long long) json_array_get_int_element (m, 1));
}

static char *
camera_spot (JsonObject *r)
{
  gint64 count = cg_report_int (r, "incidents");
  g_autofree char *n = cg_report_count (count);
  g_autofree char *map = map_text (r);
  const char *place = text_or (r, "place", map != NULL ? map : "?");
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                          "%s incident happened at %s (map %s) with no camera "
                                          "near it.",
                                          "%s incidents happened at %s (map %s) with no camera "
                                          "near them.", (gulong) MAX (count, 0)),
                          n, place, map != NULL ? map : "-");
  const char *nearest = cg_report_str (r, "nearest");
  g_string_append_c (s, ' ');
  if (nearest != NULL)
    {
      g_autofree char *d = cg_report_decimal (cg_report_num (r, "distance"), 1);
      g_string_append_printf (s, _("The nearest, %s, is %s map cells away."), nearest, d);
      g_string_append_c (s, ' ');
    }
  g_string_append (s, _("Consider a camera there, hosted by a household or business nearby "
                        "(community funding)."));
  return g_string_free (s, FALSE);
}

static char *
follow_fault (JsonObject *r)
{
  g_autofree char *when = cg_report_time (cg_report_str (r, "reported"), TRUE);
  const char *note = cg_report_str (r, "note");
  GString *s = g_string_new (NULL);
  if (note != NULL && *note != '\0')
    g_string_append_printf (s, _("A fault of camera %s reported on %s (“%s”) has no repair or "
                                 "replacement recorded since."),
                            text_or (r, "camera", "?"), when, note);
  else
    g_string_append_printf (s, _("A fault of camera %s reported on %s has no repair or "
                                 "replacement recorded since."),
                            text_or (r, "camera", "?"), when);
  const char *host = cg_report_str (r, "host_name"), *phone = cg_report_str (r, "host_phone");
  g_string_append_c (s, ' ');
  if (host != NULL && phone != NULL)
    g_string_append_printf (s, _("Follow it up with %s (%s) and record the work in the "
                                 "maintenance log (F8)."), host, phone);
  else
    g_string_append (s, _("Follow it up and record the work in the maintenance log (F8)."));
  return g_string_free (s, FALSE);
}

static const struct {
  const char *code;
  char *(*action) (JsonObject *);
} recommendations[] = {
  { "repair_camera", repair_camera },
  { "follow_fault", follow_fault },
  { "upgrade_link", upgrade_link },
  { "add_disk", add_disk },
  { "recorder_down", recorder_down },
  { "camera_spot", camera_spot },
};

char *
cg_report_recommendation (JsonObject *rec)
{
  const char *code = cg_report_str (rec, "code");
  for (gsize i = 0; i < G_N_ELEMENTS (recommendations); i++)
    if (g_strcmp0 (code, recommendations[i].code) == 0)
      return recommendations[i].action (rec);
  return g_strdup_printf (_("A recommendation this program does not know (“%s”): update "
                            "canhgac."), code != NULL ? code : "?");
}

char *
cg_report_shortcoming (JsonObject *r)
{
  const char *code = cg_report_str (r, "code");
  const char *camera = text_or (r, "camera", "?");
  if (g_strcmp0 (code, "repair_camera") == 0)
    {
      g_autofree char *uptime = cg_report_percent (cg_report_num (r, "uptime"));
      return g_strdup_printf (_("Camera %s recorded only %s of the time; it often lost its "
                                "connection or picture."), camera, uptime);
    }
  if (g_strcmp0 (code, "follow_fault") == 0)
    return g_strdup_printf (_("A fault of camera %s is not repaired yet."), camera);
  if (g_strcmp0 (code, "upgrade_link") == 0)
    {
      g_autofree char *n = cg_report_count (cg_report_int (r, "weak_days"));
      return g_strdup_printf (_("The line of camera %s is weak (weak on %s days), "
                                "so its pictures lose frames."), camera, n);
    }
  if (g_strcmp0 (code, "add_disk") == 0)
    {
      g_autofree char *days = cg_report_decimal (cg_report_num (r, "forecast_days"), 1);
      g_autofree char *target = cg_report_decimal (cg_report_num (r, "target_days"), 1);
      return g_strdup_printf (_("The storage is overloaded: recordings are kept %s days "
                                "instead of %s."), days, target);
    }
  if (g_strcmp0 (code, "recorder_down") == 0)
    {
      g_autofree char *down = cg_report_duration (cg_report_int (r, "down"));
      return g_strdup_printf (_("The recorder at the post was stopped for %s in all."), down);
    }
  if (g_strcmp0 (code, "camera_spot") == 0)
    {
      g_autofree char *map = map_text (r);
      return g_strdup_printf (_("No camera covers %s, where incidents happened."),
                              text_or (r, "place", map != NULL ? map : "?"));
    }
  return cg_report_recommendation (r);
}

/* ---- the figures compared with the period before ------------------------- */

static const CgReportFigure figures[] = {
  { "uptime", N_("Share of time recorded"), CG_REPORT_FIGURE_SHARE, "totals", "uptime" },
  { "outages", N_("Outages"), CG_REPORT_FIGURE_COUNT, "totals", "outages" },
  { "outage_time", N_("Time without pictures"), CG_REPORT_FIGURE_DURATION, "totals",
    "outage_time" },
  { "recorder_down", N_("Recorder stopped"), CG_REPORT_FIGURE_DURATION, "recorder", "down" },
  { "motion_events", N_("Motion detected"), CG_REPORT_FIGURE_COUNT, "totals", "motion_events" },
  { "incidents", N_("Incidents"), CG_REPORT_FIGURE_COUNT, "incidents", "total" },
  { "helped", N_("Incidents helped by footage"), CG_REPORT_FIGURE_COUNT, "incidents", "helped" },
  { "exports", N_("Footage exports"), CG_REPORT_FIGURE_COUNT, "exports", "count" },
  { "faults", N_("Faults reported"), CG_REPORT_FIGURE_COUNT, "maintenance_counts", "fault" },
  { "maintenance_cost", N_("Spent on maintenance"), CG_REPORT_FIGURE_MONEY, "maintenance",
    "cost" },
};

const CgReportFigure *
cg_report_figures (guint *n)
{
  *n = G_N_ELEMENTS (figures);
  return figures;
}

gboolean
cg_report_figure_now (JsonObject *reply, const CgReportFigure *f, double *out)
{
  /* "maintenance_counts": the counts inside "maintenance". */
  JsonObject *o = g_str_equal (f->object, "maintenance_counts")
                    ? cg_report_obj (cg_report_obj (reply, "maintenance"), "counts")
                    : cg_report_obj (reply, f->object);
  if (!cg_report_has_data (reply) || !cg_report_has (o, f->member))
    return FALSE;
  *out = cg_report_num (o, f->member);
  return TRUE;
}

gboolean
cg_report_figure_before (JsonObject *reply, const CgReportFigure *f, double *out)
{
  JsonObject *o = cg_report_obj (reply, "compare");
  if (!cg_report_has (o, f->code))
    return FALSE;
  *out = cg_report_num (o, f->code);
  return TRUE;
}

char *
cg_report_figure_text (const CgReportFigure *f, double v)
{
  switch (f->kind)
    {
    case CG_REPORT_FIGURE_SHARE: return cg_report_percent (v);
    case CG_REPORT_FIGURE_DURATION: return cg_report_duration ((gint64) llround (v));
    case CG_REPORT_FIGURE_MONEY: return cg_report_money ((gint64) llround (v));
    case CG_REPORT_FIGURE_COUNT: break;
    }
  return cg_report_count ((gint64) llround (v));
}

char *
cg_report_figure_change (const CgReportFigure *f, double now, double before, gboolean arrows)
{
  double d = now - before;
  g_autofree char *amount = NULL;
  if (f->kind == CG_REPORT_FIGURE_SHARE)
    {
      /* Shares change by percentage points, rounded as they are shown. */
      double points = round (fabs (d) * 1000) / 10;
      if (points == 0)
        d = 0;
      g_autofree char *p = cg_report_decimal (points, 1);
      amount = g_strdup_printf (_("%s points"), p);
    }
  else
    {
      amount = cg_report_figure_text (f, fabs (d));
      if (llround (fabs (d)) == 0)
        d = 0;
    }
  if (d == 0)
    return g_strdup (arrows ? "=" : _("no change"));
  if (arrows)
    return g_strdup_printf (d > 0 ? "↑ %s" : "↓ %s", amount);
  return g_strdup_printf (d > 0 ? _("up %s") : _("down %s"), amount);
}

double
cg_report_uptime_scale (JsonArray *cameras)
{
  double lowest = 1;
  for (guint i = 0; cameras != NULL && i < json_array_get_length (cameras); i++)
    {
      JsonObject *c = json_array_get_object_element (cameras, i);
      if (cg_report_has (c, "uptime"))
        lowest = MIN (lowest, cg_report_num (c, "uptime"));
    }
  /* Tenths below the lowest, at most 90 %: bars of 99 % and 100 % would
   * look the same drawn from 0. */
  double from = floor ((lowest - 0.05) * 10) / 10;
  return CLAMP (from, 0, 0.9);
}
