/* report_text.c — a periodic report as text to print, in the layout of
 * administrative documents (Decree 30/2020/NĐ-CP), within 80 columns
 * (see report.h). */
#include "build-config.h"

#include "client/report.h"

#include "client/report_doc.h"
#include "client/report_words.h"
#include "common/text.h"

#include <string.h>

#define WIDTH 80
#define LEFT 36 /* the unit's column of the heading and the recipients */
#define RIGHT (WIDTH - LEFT)
#define SIGN_LEFT 44 /* the recipients, beside the signature */

/* s centred in width cells, trailing spaces kept when pad. */
static char *
centre (const char *s, int width, gboolean pad)
{
  int w = cg_text_width (s);
  if (w >= width)
    return g_strdup (s);
  int before = (width - w) / 2;
  int after = pad ? width - w - before : 0;
  return g_strdup_printf ("%*s%s%*s", before, "", s, after, "");
}

/* A line of "-" as wide as s: the underline of the unit and the motto. */
static char *
rule (const char *s, double share)
{
  int n = (int) (cg_text_width (s) * share);
  char *r = g_malloc ((gsize) MAX (n, 1) + 1);
  memset (r, '-', (gsize) MAX (n, 1));
  r[MAX (n, 1)] = '\0';
  return r;
}

/* Two columns side by side, each centred in its own. */
static void
pair (GString *s, const char *left, const char *right)
{
  g_autofree char *l = centre (left != NULL ? left : "", LEFT, TRUE);
  g_autofree char *r = centre (right != NULL ? right : "", RIGHT, FALSE);
  g_autofree char *line = g_strconcat (l, r, NULL);
  g_strchomp (line);
  g_string_append (s, line);
  g_string_append_c (s, '\n');
}

/* text wrapped to the page, the first line after first, the others
 * after rest. */
static void
wrapped (GString *s, const char *text, const char *first, const char *rest)
{
  int indent = MAX (cg_text_width (first), cg_text_width (rest));
  g_auto (GStrv) lines = cg_text_wrap (text, WIDTH - indent);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *lead = i == 0 ? first : rest;
      g_string_append_printf (s, "%s%s\n", lead, lines[i]);
    }
}

static void
heading (GString *s, JsonObject *reply)
{
  JsonObject *unit = cg_report_obj (reply, "unit");
  const char *above = cg_report_str (unit, "unit_above");
  const char *name = cg_report_str (unit, "unit");
  g_autofree char *up_above = above != NULL ? g_utf8_strup (above, -1) : g_strdup ("");
  g_autofree char *up_name = name != NULL ? g_utf8_strup (name, -1) : g_strdup ("");
  pair (s, up_above, cg_report_nation ());
  pair (s, up_name, cg_report_motto ());
  g_autofree char *r1 = rule (up_name, 0.5), *r2 = rule (cg_report_motto (), 1.0);
  pair (s, r1, r2);
  g_autofree char *number = cg_report_number_line (reply);
  g_autofree char *date = cg_report_date_line (reply);
  pair (s, number, date);
  g_string_append_c (s, '\n');
  g_autofree char *title = centre (cg_report_title (), WIDTH, FALSE);
  g_string_append_printf (s, "%s\n", title);
  g_autofree char *subject = cg_report_subject (reply);
  g_auto (GStrv) lines = cg_text_wrap (subject, WIDTH - 8);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *c = centre (lines[i], WIDTH, FALSE);
      g_string_append_printf (s, "%s\n", c);
    }
}

/* ---- tables ----------------------------------------------------------------- */

static int
natural (const char *cell)
{
  return cg_text_width (cell != NULL ? cell : "");
}

/* Column widths that fit the page: the widest column gives a cell at a
 * time until the table fits; its cells then wrap. */
static int *
widths (const CgReportBlock *t)
{
  guint n = t->columns->len;
  int *w = g_new0 (int, n);
  for (guint c = 0; c < n; c++)
    {
      w[c] = natural (g_ptr_array_index (t->columns, c));
      for (guint r = 0; r < t->rows->len; r++)
        w[c] = MAX (w[c], natural (((char **) g_ptr_array_index (t->rows, r))[c]));
    }
  int room = WIDTH - 2 * ((int) n - 1);
  for (;;)
    {
      int sum = 0, widest = 0;
      for (guint c = 0; c < n; c++)
        {
          sum += w[c];
          if (w[c] > w[widest])
            widest = (int) c;
        }
      if (sum <= room || w[widest] <= 6)
        break;
      w[widest]--;
    }
  return w;
}

static void
table_row (GString *s, const CgReportBlock *t, char **cells, const int *w, gboolean head)
{
  guint n = t->columns->len;
  GStrv *lines = g_new0 (GStrv, n);
  guint height = 1;
  for (guint c = 0; c < n; c++)
    {
      lines[c] = cg_text_wrap (cells[c] != NULL ? cells[c] : "", w[c]);
      height = MAX (height, g_strv_length (lines[c]));
    }
  for (guint l = 0; l < height; l++)
    {
      GString *line = g_string_new (NULL);
      for (guint c = 0; c < n; c++)
        {
          const char *part = l < g_strv_length (lines[c]) ? lines[c][l] : "";
          gboolean right = !head && (t->right & (1u << c)) != 0;
          g_autofree char *cell = cg_text_fit (part, w[c], right);
          if (c > 0)
            g_string_append (line, "  ");
          g_string_append (line, cell);
        }
      g_strchomp (line->str);
      g_string_append (s, line->str);
      g_string_append_c (s, '\n');
      g_string_free (line, TRUE);
    }
  for (guint c = 0; c < n; c++)
    g_strfreev (lines[c]);
  g_free (lines);
}

static void
rule_line (GString *s, const int *w, guint n)
{
  int total = 2 * ((int) n - 1);
  for (guint c = 0; c < n; c++)
    total += w[c];
  for (int i = 0; i < total; i++)
    g_string_append_c (s, '-');
  g_string_append_c (s, '\n');
}

static void
table_text (GString *s, const CgReportBlock *t)
{
  g_autofree int *w = widths (t);
  guint n = t->columns->len;
  table_row (s, t, (char **) t->columns->pdata, w, TRUE);
  rule_line (s, w, n);
  for (guint r = 0; r < t->rows->len; r++)
    {
      if (t->total && r + 1 == t->rows->len)
        rule_line (s, w, n);
      table_row (s, t, g_ptr_array_index (t->rows, r), w, FALSE);
    }
}

/* ---- the whole ------------------------------------------------------------- */

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
          g_string_append_printf (s, "\n%s\n", b->text);
          break;
        case CG_REPORT_PART:
          g_string_append_printf (s, "\n%s\n", b->text);
          break;
        case CG_REPORT_PARAGRAPH:
          g_string_append_c (s, '\n');
          wrapped (s, b->text, "    ", "");
          break;
        case CG_REPORT_BULLET:
          wrapped (s, b->text, "- ", "  ");
          break;
        case CG_REPORT_ITEM:
          {
            g_autofree char *lead = g_strdup_printf ("%d. ", b->number);
            wrapped (s, b->text, lead, "   ");
            break;
          }
        case CG_REPORT_TABLE:
          g_string_append_c (s, '\n');
          table_text (s, b);
          break;
        case CG_REPORT_CHART:
          break;
        }
    }
}

/* Recipients on the left, the signature on the right, side by side. */
static void
signature (GString *s, JsonObject *reply)
{
  JsonObject *unit = cg_report_obj (reply, "unit");
  const char *title = cg_report_str (unit, "signer_title");
  const char *name = cg_report_str (unit, "signer_name");
  g_autofree char *up_title = title != NULL ? g_utf8_strup (title, -1) : g_strdup ("");
  g_auto (GStrv) recipients = cg_report_recipients (reply);
  /* Each recipient wrapped to the left column, its next lines indented. */
  g_autoptr (GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; recipients[i] != NULL; i++)
    {
      g_auto (GStrv) lines = cg_text_wrap (recipients[i], SIGN_LEFT - 4);
      for (guint l = 0; lines[l] != NULL; l++)
        g_ptr_array_add (left, l == 0 ? g_strdup (lines[l]) : g_strconcat ("  ", lines[l], NULL));
    }
  guint n = MAX (left->len, 6);
  g_string_append_c (s, '\n');
  for (guint i = 0; i < n; i++)
    {
      const char *l = i < left->len ? g_ptr_array_index (left, i) : "";
      const char *right = i == 0 ? up_title : i == 5 && name != NULL ? name : "";
      g_autofree char *lpad = cg_text_fit (l, SIGN_LEFT, FALSE);
      g_autofree char *r = centre (right, WIDTH - SIGN_LEFT, FALSE);
      g_autofree char *line = g_strconcat (lpad, r, NULL);
      g_strchomp (line);
      g_string_append_printf (s, "%s\n", line);
    }
}

char *
cg_report_text (JsonObject *reply)
{
  GString *s = g_string_new (NULL);
  heading (s, reply);
  body (s, reply);
  signature (s, reply);
  g_autofree char *audit = cg_report_audit_line (reply);
  if (audit != NULL)
    g_string_append_printf (s, "\n%s\n", audit);
  return g_string_free (s, FALSE);
}
