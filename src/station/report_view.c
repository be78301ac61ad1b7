/* report_view.c — the periodic report as F7 shows it (see
 * report_view.h). */
#include "build-config.h"

#include "station/report_view.h"

#include "client/report_words.h"
#include "common/i18n.h"
#include "common/period.h"
#include "common/text.h"

#include <math.h>

static const char *const labels[] = {
  N_("this month"), N_("last month"), N_("this quarter"), N_("last quarter"),
  N_("this half year"), N_("this year"), N_("last year"), N_("typed"),
};

const char *
cg_report_choice_label (CgReportChoice choice)
{
  g_return_val_if_fail (choice < CG_REPORT_CHOICES, "");
  return _(labels[choice]);
}

char *
cg_report_choice_code (CgReportChoice choice, const GDate *today)
{
  int y = g_date_get_year (today), m = g_date_get_month (today);
  int q = (m - 1) / 3 + 1;
  switch (choice)
    {
    case CG_REPORT_CHOICE_THIS_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);
    case CG_REPORT_CHOICE_LAST_MONTH:
      return m == 1 ? g_strdup_printf ("%04d-12", y - 1) : g_strdup_printf ("%04d-%02d", y, m - 1);
    case CG_REPORT_CHOICE_THIS_QUARTER:
      return g_strdup_printf ("%04d-Q%d", y, q);
    case CG_REPORT_CHOICE_LAST_QUARTER:
      return q == 1 ? g_strdup_printf ("%04d-Q4", y - 1) : g_strdup_printf ("%04d-Q%d", y, q - 1);
    case CG_REPORT_CHOICE_THIS_HALF:
      return g_strdup_printf ("%04d-H%d", y, m <= 6 ? 1 : 2);
    case CG_REPORT_CHOICE_THIS_YEAR:
      return g_strdup_printf ("%04d", y);
    case CG_REPORT_CHOICE_LAST_YEAR:
      return g_strdup_printf ("%04d", y - 1);
    case CG_REPORT_CHOICE_TYPED:
    case CG_REPORT_CHOICES:
      break;
    }
  return NULL;
}

char *
cg_report_bar (double share, int width, gboolean utf8)
{
  static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
  if (!isfinite (share))
    share = 0;
  share = CLAMP (share, 0, 1);
  GString *s = g_string_new (NULL);
  int units = (int) lround (share * width * 8);
  int full = units / 8, part = units % 8, cells = full;
  for (int i = 0; i < full; i++)
    g_string_append (s, utf8 ? "█" : "#");
  if (part > 0 && utf8)
    {
      g_string_append (s, eighths[part]);
      cells++;
    }
  for (; cells < width; cells++)
    g_string_append_c (s, ' ');
  return g_string_free (s, FALSE);
}

/* text wrapped to width, each line added; the lines after the first
 * indented by indent spaces. */
static void
wrapped (GPtrArray *out, const char *text, int width, int indent)
{
  g_auto (GStrv) lines = cg_text_wrap (text, width - indent);
  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (out, i == 0 ? g_strdup (lines[i])
                                 : g_strdup_printf ("%*s%s", indent, "", lines[i]));
}

/* "name   ████▍    98,2 %": a label, its bar, its figure. */
static char *
bar_line (const char *label, double share, const char *figure, int width, gboolean utf8)
{
  int label_w = MIN (24, width / 3);
  int figure_w = MAX (cg_text_width (figure), 8);
  int bar_w = MAX (width - label_w - figure_w - 3, 4);
  g_autofree char *name = cg_text_fit (label, label_w, FALSE);
  g_autofree char *bar = cg_report_bar (share, bar_w, utf8);
  g_autofree char *fig = cg_text_fit (figure, figure_w, TRUE);
  return g_strdup_printf ("%s %s %s", name, bar, fig);
}

static void
totals (GPtrArray *out, JsonObject *reply, int width, gboolean utf8)
{
  guint n = 0;
  const CgReportFigure *figures = cg_report_figures (&n);
  for (guint i = 0; i < n; i++)
    {
      double now = 0, before = 0;
      if (!cg_report_figure_now (reply, &figures[i], &now))
        continue;
      g_autofree char *value = cg_report_figure_text (&figures[i], now);
      g_autofree char *change = cg_report_figure_before (reply, &figures[i], &before)
                                  ? cg_report_figure_change (&figures[i], now, before, utf8)
                                  : g_strdup (_("no data before"));
      g_autofree char *label = cg_text_fit (_(figures[i].label), MIN (32, width / 2), FALSE);
      g_ptr_array_add (out, g_strdup_printf ("%s %s  (%s)", label, value, change));
    }
}

GPtrArray *
cg_report_summary (JsonObject *reply, int width, gboolean utf8)
{
  width = MAX (width, 40);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  CgPeriod p;
  g_autofree char *title = cg_report_period (reply, &p) ? cg_period_title (&p) : NULL;
  g_autofree char *head = g_strdup_printf ("%s: %s", title != NULL ? cg_period_report_name (&p)
                                                                   : _("report"),
                                           title != NULL ? title : "?");
  g_ptr_array_add (out, cg_text_capitalize (head));
  if (!cg_report_has_data (reply))
    {
      g_autofree char *none = cg_report_no_data (reply);
      wrapped (out, none, width, 0);
      return out;
    }
  g_ptr_array_add (out, g_strdup (""));
  totals (out, reply, width, utf8);

  g_ptr_array_add (out, g_strdup (""));
  JsonArray *cams = cg_report_arr (reply, "cameras");
  double from = cg_report_uptime_scale (cams);
  if (from > 0)
    {
      g_autofree char *low = cg_report_percent (from);
      g_ptr_array_add (out, g_strdup_printf (_("Share of time each camera recorded (bars from %s "
                                               "to 100 %%)"), low));
    }
  else
    g_ptr_array_add (out, g_strdup (_("Share of time each camera recorded")));
  for (guint i = 0; cams != NULL && i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      double u = cg_report_num (c, "uptime");
      g_autofree char *figure = cg_report_has (c, "uptime") ? cg_report_percent (u) : g_strdup ("-");
      const char *name = cg_report_str (c, "name");
      double bar = cg_report_has (c, "uptime") ? MAX (u - from, 0) / (1 - from) : 0;
      g_ptr_array_add (out, bar_line (name != NULL ? name : "?", bar, figure, width, utf8));
    }

  JsonArray *kinds = cg_report_arr (cg_report_obj (reply, "incidents"), "by_kind");
  g_ptr_array_add (out, g_strdup (""));
  g_ptr_array_add (out, g_strdup (_("Incidents by kind")));
  double most = 0;
  for (guint i = 0; kinds != NULL && i < json_array_get_length (kinds); i++)
    most = MAX (most, cg_report_num (json_array_get_object_element (kinds, i), "count"));
  for (guint i = 0; kinds != NULL && i < json_array_get_length (kinds); i++)
    {
      JsonObject *k = json_array_get_object_element (kinds, i);
      const char *label = cg_report_str (k, "label");
      double n = cg_report_num (k, "count");
      g_autofree char *figure = cg_report_count ((gint64) n);
      g_ptr_array_add (out, bar_line (label != NULL ? label : cg_report_str (k, "kind"),
                                      most > 0 ? n / most : 0, figure, width, utf8));
    }
  if (kinds == NULL || json_array_get_length (kinds) == 0)
    g_ptr_array_add (out, g_strdup (_("No incident was recorded in the period.")));

  JsonArray *recs = cg_report_arr (reply, "recommendations");
  g_ptr_array_add (out, g_strdup (""));
  g_ptr_array_add (out, g_strdup (_("IV. PROPOSALS AND RECOMMENDATIONS")));
  for (guint i = 0; recs != NULL && i < json_array_get_length (recs); i++)
    {
      g_autofree char *words = cg_report_recommendation (json_array_get_object_element (recs, i));
      g_autofree char *item = g_strdup_printf ("%u. %s", i + 1, words);
      wrapped (out, item, width, 3);
    }
  if (recs == NULL || json_array_get_length (recs) == 0)
    wrapped (out, _("Nothing to propose in the period: keep the system as it is."), width, 0);
  return out;
}
