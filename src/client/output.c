/* output.c — tables and JSON on stdout. */
#include "build-config.h"

#include "client/output.h"

#include "common/text.h"
#include "common/timeutil.h"

#include <stdarg.h>
#include <stdio.h>

struct CgTable {
  GPtrArray *titles;  /* char* */
  GArray *right;      /* gboolean */
  GPtrArray *rows;    /* GPtrArray of char* */
};

CgTable *
cg_table_new (void)
{
  CgTable *t = g_new0 (CgTable, 1);
  t->titles = g_ptr_array_new_with_free_func (g_free);
  t->right = g_array_new (FALSE, FALSE, sizeof (gboolean));
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return t;
}

void
cg_table_add_column (CgTable *t, const char *title, gboolean align_right)
{
  g_ptr_array_add (t->titles, g_strdup (title));
  g_array_append_val (t->right, align_right);
}

void
cg_table_add_row (CgTable *t, const char *first, ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list ap;
  va_start (ap, first);
  for (const char *cell = first; cell != NULL && row->len < t->titles->len;
       cell = va_arg (ap, const char *))
    g_ptr_array_add (row, g_strdup (cell));
  va_end (ap);
  while (row->len < t->titles->len)
    g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (t->rows, row);
}

static void
print_row (CgTable *t, GPtrArray *cells, const int *widths)
{
  GString *line = g_string_new (NULL);
  guint n = t->titles->len;
  for (guint c = 0; c < n; c++)
    {
      gboolean last = c + 1 == n;
      g_autofree char *fit = last ? g_strdup (cells->pdata[c])
                                  : cg_text_fit (cells->pdata[c], widths[c],
                                                 g_array_index (t->right, gboolean, c));
      g_string_append (line, fit);
      if (!last)
        g_string_append (line, "  ");
    }
  /* No trailing blanks: they cost bytes on a weak link and diff badly. */
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  cg_print_line (line->str);
  g_string_free (line, TRUE);
}

void
cg_table_print (CgTable *t)
{
  guint n = t->titles->len;
  int *widths = g_new0 (int, n);
  for (guint c = 0; c < n; c++)
    widths[c] = cg_text_width (t->titles->pdata[c]);
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = t->rows->pdata[r];
      for (guint c = 0; c < n; c++)
        widths[c] = MAX (widths[c], MIN (cg_text_width (row->pdata[c]), 40));
    }
  print_row (t, t->titles, widths);
  for (guint r = 0; r < t->rows->len; r++)
    print_row (t, t->rows->pdata[r], widths);
  g_free (widths);
}

void
cg_table_free (CgTable *t)
{
  g_ptr_array_unref (t->titles);
  g_array_unref (t->right);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

void
cg_json_print (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  cg_json_print_node (root);
}

void
cg_json_print_node (JsonNode *root)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  /* JSON stays UTF-8 whatever the terminal: it is for programs. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
cg_print_line (const char *text)
{
  g_autofree char *shown = cg_text_for_terminal (text);
  fputs (shown, stdout);
  fputc ('\n', stdout);
}
