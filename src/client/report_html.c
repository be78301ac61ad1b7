/* report_html.c — a periodic report as one self-contained HTML page for
 * A4 (see report.h): the decree's margins and type, tables whose rows
 * never break across pages and whose headings repeat, and the charts
 * drawn inline as SVG.  Every text from the reply is escaped. */
#include "build-config.h"

#include "client/report.h"

#include "client/report_doc.h"
#include "client/report_words.h"
#include "common/i18n.h"
#include "common/text.h"

#include <math.h>

/* Decree 30/2020/NĐ-CP, appendix I: A4; top and bottom margins 20-25 mm,
 * left 30-35 mm, right 15-20 mm; Times New Roman 13-14 pt. */
static const char style[] =
  "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }\n"
  "html { background: #fff; }\n"
  "body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif;"
  " font-size: 13pt; line-height: 1.3; color: #000; margin: 0; }\n"
  "@media screen { body { max-width: 165mm; margin: 10mm auto; } }\n"
  "table.head, table.sign { width: 100%; border-collapse: collapse; }\n"
  "table.head td { text-align: center; vertical-align: top; padding: 0; }\n"
  "table.head td.left { width: 42%; } table.head td.right { width: 58%; }\n"
  ".above { font-size: 12pt; } .unit { font-size: 12pt; font-weight: bold;"
  " text-decoration: underline; text-underline-offset: 3pt; }\n"
  ".nation { font-size: 12pt; font-weight: bold; }\n"
  ".motto { font-size: 13pt; font-weight: bold; text-decoration: underline;"
  " text-underline-offset: 3pt; }\n"
  ".number { font-size: 13pt; margin-top: 4pt; white-space: pre; } .date { font-style: italic; margin-top: 4pt; }\n"
  "h1 { font-size: 14pt; text-align: center; margin: 8mm 0 0; }\n"
  ".subject { font-size: 14pt; font-weight: bold; text-align: center; margin: 0 10mm 6mm; }\n"
  "h2 { font-size: 13pt; margin: 5mm 0 2mm; break-after: avoid; }\n"
  "h3 { font-size: 13pt; margin: 3mm 0 1mm; break-after: avoid; }\n"
  "p { text-align: justify; margin: 0 0 4pt; } p.para { text-indent: 10mm; }\n"
  "p.bullet { text-indent: 10mm; } p.item { text-indent: 10mm; }\n"
  "table.data { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 3pt 0 6pt; }\n"
  "table.data th, table.data td { border: 1px solid #000; padding: 1.5pt 4pt;"
  " vertical-align: top; }\n"
  "table.data th { font-weight: bold; text-align: center; }\n"
  "table.data td.n { text-align: right; white-space: nowrap; }\n"
  "table.data tr.total td { font-weight: bold; }\n"
  "thead { display: table-header-group; }\n"
  "tr, figure { break-inside: avoid; page-break-inside: avoid; }\n"
  "figure { margin: 3pt 0 8pt; } figcaption { font-size: 11pt; font-style: italic;"
  " text-align: center; }\n"
  "svg { width: 100%; height: auto; } svg text { font-family: 'Times New Roman',"
  " 'Liberation Serif', serif; font-size: 11px; }\n"
  "table.sign { margin-top: 6mm; break-inside: avoid; } table.sign td { vertical-align: top;"
  " padding: 0; }\n"
  ".recipients { width: 50%; font-size: 11pt; } .recipients .label { font-size: 12pt;"
  " font-weight: bold; font-style: italic; }\n"
  ".signer { text-align: center; font-weight: bold; } .signer .space { height: 25mm; }\n"
  ".audit { margin-top: 8mm; font-size: 10pt; }\n";

static void
esc (GString *s, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text != NULL ? text : "", -1);
  g_string_append (s, e);
}

/* <tag class="cls">text</tag>, the text escaped. */
static void
element (GString *s, const char *tag, const char *cls, const char *text)
{
  if (cls != NULL)
    g_string_append_printf (s, "<%s class=\"%s\">", tag, cls);
  else
    g_string_append_printf (s, "<%s>", tag);
  esc (s, text);
  g_string_append_printf (s, "</%s>\n", tag);
}

static void
heading (GString *s, JsonObject *reply)
{
  JsonObject *unit = cg_report_obj (reply, "unit");
  const char *above = cg_report_str (unit, "unit_above"), *name = cg_report_str (unit, "unit");
  g_autofree char *up_above = g_utf8_strup (above != NULL ? above : "", -1);
  g_autofree char *up_name = g_utf8_strup (name != NULL ? name : "", -1);
  g_autofree char *number = cg_report_number_line (reply);
  g_autofree char *date = cg_report_date_line (reply);
  g_string_append (s, "<table class=\"head\"><tr><td class=\"left\">\n");
  element (s, "div", "above", up_above);
  element (s, "div", "unit", up_name);
  element (s, "div", "number", number);
  g_string_append (s, "</td><td class=\"right\">\n");
  element (s, "div", "nation", cg_report_nation ());
  element (s, "div", "motto", cg_report_motto ());
  element (s, "div", "date", date);
  g_string_append (s, "</td></tr></table>\n");
  element (s, "h1", NULL, cg_report_title ());
  g_autofree char *subject = cg_report_subject (reply);
  element (s, "div", "subject", subject);
}

/* ---- charts ----------------------------------------------------------------- */

/* One bar of a chart. */
typedef struct {
  char *label;
  double value;   /* the bar's length, 0 to max */
  char *text;     /* what is written after it */
  gboolean alarm; /* drawn darker: below what it should be */
} Bar;

static void
bar_clear (gpointer p)
{
  Bar *b = p;
  g_free (b->label);
  g_free (b->text);
}

/* A length in the SVG: a dot before the decimals whatever the locale
 * (a decimal comma would make the attribute invalid). */
static const char *
px (char *buf, double v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.1f", v);
}

#define CHART_W 620
#define LABEL_W 190
#define ROW_H 18

/* Horizontal bars from `from` (drawn as nothing) to max (the full
 * length); mark, when >= 0, a dashed line at that value (a target), named
 * mark_label. */
static void
bars (GString *s, GArray *rows, double from, double max, double mark, const char *mark_label,
      const char *caption)
{
  int h = (int) rows->len * ROW_H + (mark >= 0 ? 22 : 6);
  int bar_w = CHART_W - LABEL_W - 90;
  g_string_append_printf (s, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                             "viewBox=\"0 0 %d %d\" role=\"img\">\n", CHART_W, h);
  g_string_append (s, "<title>");
  esc (s, caption);
  g_string_append (s, "</title>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const Bar *b = &g_array_index (rows, Bar, i);
      int y = (int) i * ROW_H + 4;
      double len = max > from ? CLAMP ((b->value - from) / (max - from), 0, 1) * bar_w : 0;
      g_autofree char *label = cg_text_fit (b->label, 32, FALSE);
      g_strchomp (label);
      g_string_append_printf (s, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 6,
                              y + 12);
      esc (s, label);
      g_string_append (s, "</text>");
      char a[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (s, "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\" "
                                 "fill=\"%s\"/>", LABEL_W, y + 2, px (a, len), ROW_H - 6,
                              b->alarm ? "#7a1010" : "#6b7b8c");
      g_string_append_printf (s, "<text x=\"%s\" y=\"%d\">", px (c, LABEL_W + len + 4), y + 12);
      esc (s, b->text);
      g_string_append (s, "</text>\n");
    }
  if (mark >= 0 && max > from)
    {
      double x = LABEL_W + CLAMP ((mark - from) / (max - from), 0, 1) * bar_w;
      int bottom = (int) rows->len * ROW_H + 6;
      char a[G_ASCII_DTOSTR_BUF_SIZE];
      px (a, x);
      g_string_append_printf (s, "<line x1=\"%s\" y1=\"2\" x2=\"%s\" y2=\"%d\" stroke=\"#000\" "
                                 "stroke-dasharray=\"4 3\"/>", a, a, bottom);
      g_string_append_printf (s, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">", a,
                              bottom + 12);
      esc (s, mark_label);
      g_string_append (s, "</text>\n");
    }
  g_string_append (s, "</svg>\n");
  element (s, "figcaption", NULL, caption);
  g_string_append (s, "</figure>\n");
}

static const char *
name_of (JsonObject *c)
{
  const char *n = cg_report_str (c, "name");
  return n != NULL ? n : "?";
}

static void
chart (GString *s, JsonObject *reply, CgReportChart which)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (rows, bar_clear);
  JsonArray *cams = cg_report_arr (reply, "cameras");
  guint ncams = cams != NULL ? json_array_get_length (cams) : 0;
  if (which == CG_REPORT_CHART_UPTIME)
    {
      for (guint i = 0; i < ncams; i++)
        {
          JsonObject *c = json_array_get_object_element (cams, i);
          double u = cg_report_num (c, "uptime");
          Bar b = { g_strdup (name_of (c)), u, cg_report_percent (u), u < 0.9 };
          g_array_append_val (rows, b);
        }
      /* From under the lowest, as the station draws them: from 0, bars of
       * 99 % and 100 % look alike. */
      double from = cg_report_uptime_scale (cams);
      g_autofree char *low = cg_report_percent (from);
      g_autofree char *caption = from > 0
        ? g_strdup_printf (_("Share of time each camera recorded (bars from %s to 100 %%)"), low)
        : g_strdup (_("Share of time each camera recorded"));
      bars (s, rows, from, 1.0, 0.9, "90 %", caption);
    }
  else if (which == CG_REPORT_CHART_INCIDENTS)
    {
      JsonArray *kinds = cg_report_arr (cg_report_obj (reply, "incidents"), "by_kind");
      double max = 0;
      for (guint i = 0; kinds != NULL && i < json_array_get_length (kinds); i++)
        {
          JsonObject *k = json_array_get_object_element (kinds, i);
          const char *label = cg_report_str (k, "label");
          double n = cg_report_num (k, "count");
          max = MAX (max, n);
          Bar b = { g_strdup (label != NULL ? label : cg_report_str (k, "kind")), n,
                    cg_report_count ((gint64) n), FALSE };
          g_array_append_val (rows, b);
        }
      bars (s, rows, 0, max, -1, NULL, _("Incidents by kind"));
    }
  else
    {
      double max = 0, target = -1;
      for (guint i = 0; i < ncams; i++)
        {
          JsonObject *c = json_array_get_object_element (cams, i);
          double days = cg_report_num (c, "days_kept"), t = cg_report_num (c, "target_days");
          max = MAX (max, MAX (days, t));
          target = MAX (target, t);
          g_autofree char *d = cg_report_decimal (days, 1);
          Bar b = { g_strdup (name_of (c)), days, g_strdup (d), t > 0 && days < t };
          g_array_append_val (rows, b);
        }
      g_autofree char *t = cg_report_decimal (target, 1);
      g_autofree char *mark = g_strdup_printf (_("target: %s days"), t);
      bars (s, rows, 0, max * 1.05, target > 0 ? target : -1, mark,
            _("Days of recordings kept, against the target"));
    }
}

/* ---- the body ----------------------------------------------------------------- */

static void
table_html (GString *s, const CgReportBlock *t)
{
  g_string_append (s, "<table class=\"data\">\n<thead><tr>");
  for (guint c = 0; c < t->columns->len; c++)
    element (s, "th", NULL, g_ptr_array_index (t->columns, c));
  g_string_append (s, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < t->rows->len; r++)
    {
      char **cells = g_ptr_array_index (t->rows, r);
      gboolean total = t->total && r + 1 == t->rows->len;
      g_string_append (s, total ? "<tr class=\"total\">" : "<tr>");
      for (guint c = 0; c < t->columns->len; c++)
        {
          g_string_append (s, (t->right & (1u << c)) != 0 ? "<td class=\"n\">" : "<td>");
          esc (s, cells[c]);
          g_string_append (s, "</td>");
        }
      g_string_append (s, "</tr>\n");
    }
  g_string_append (s, "</tbody>\n</table>\n");
}

static void
body (GString *s, JsonObject *reply)
{
  g_autoptr (CgReportDoc) doc = cg_report_doc_new (reply);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const CgReportBlock *b = g_ptr_array_index (doc->blocks, i);
      switch (b->kind)
        {
        case CG_REPORT_SECTION:
          element (s, "h2", NULL, b->text);
          break;
        case CG_REPORT_PART:
          element (s, "h3", NULL, b->text);
          break;
        case CG_REPORT_PARAGRAPH:
          element (s, "p", "para", b->text);
          break;
        case CG_REPORT_BULLET:
          {
            g_autofree char *t = g_strconcat ("- ", b->text, NULL);
            element (s, "p", "bullet", t);
            break;
          }
        case CG_REPORT_ITEM:
          {
            g_autofree char *t = g_strdup_printf ("%d. %s", b->number, b->text);
            element (s, "p", "item", t);
            break;
          }
        case CG_REPORT_TABLE:
          table_html (s, b);
          break;
        case CG_REPORT_CHART:
          chart (s, reply, b->chart);
          break;
        }
    }
}

static void
signature (GString *s, JsonObject *reply)
{
  JsonObject *unit = cg_report_obj (reply, "unit");
  const char *title = cg_report_str (unit, "signer_title");
  const char *name = cg_report_str (unit, "signer_name");
  g_autofree char *up_title = g_utf8_strup (title != NULL ? title : "", -1);
  g_auto (GStrv) recipients = cg_report_recipients (reply);
  g_string_append (s, "<table class=\"sign\"><tr><td class=\"recipients\">\n");
  for (guint i = 0; recipients[i] != NULL; i++)
    element (s, "div", i == 0 ? "label" : NULL, recipients[i]);
  g_string_append (s, "</td><td class=\"signer\">\n");
  element (s, "div", NULL, up_title);
  g_string_append (s, "<div class=\"space\"></div>\n");
  element (s, "div", NULL, name);
  g_string_append (s, "</td></tr></table>\n");
}

char *
cg_report_html (JsonObject *reply)
{
  GString *s = g_string_new ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_autofree char *subject = cg_report_subject (reply);
  g_autofree char *title = g_strdup_printf ("%s - %s", cg_report_title (), subject);
  element (s, "title", NULL, title);
  g_string_append_printf (s, "<style>\n%s</style>\n</head>\n<body>\n", style);
  heading (s, reply);
  body (s, reply);
  signature (s, reply);
  g_autofree char *audit = cg_report_audit_line (reply);
  if (audit != NULL)
    element (s, "div", "audit", audit);
  g_string_append (s, "</body>\n</html>\n");
  return g_string_free (s, FALSE);
}
