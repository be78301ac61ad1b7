/* help.c — --help, printed from the command tables.
 *
 * Officers read it over SSH in 80-column terminals, in Vietnamese as in
 * English, so nothing is laid out by hand: options and commands go in
 * two columns, and every text is wrapped at words to 80 display columns
 * (a Vietnamese letter with its marks is one column). */
#include "build-config.h"

#include "cli/command.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/text.h"

#include <string.h>

#define HELP_COLUMNS 80
/* A left cell wider than this gets a line of its own, so that one long
 * usage does not push every description to the right. */
#define LEFT_MAX 24

/* Appends text's words, wrapped to HELP_COLUMNS; the line so far is at
 * column col, and lines after the first start at column indent. */
static void
append_wrapped (GString *s, const char *text, int col, int indent)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  gboolean line_empty = TRUE;
  for (int i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      int w = cg_text_width (words[i]);
      if (!line_empty && col + 1 + w > HELP_COLUMNS)
        {
          g_string_append_c (s, '\n');
          for (col = 0; col < indent; col++)
            g_string_append_c (s, ' ');
          line_empty = TRUE;
        }
      if (!line_empty)
        {
          g_string_append_c (s, ' ');
          col++;
        }
      g_string_append (s, words[i]);
      col += w;
      line_empty = FALSE;
    }
  g_string_append_c (s, '\n');
}

/* Lines of text, each wrapped; a wrapped line goes on under its own
 * indentation plus hang. */
static void
append_paragraphs (GString *s, const char *text, int hang)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break; /* the text's final newline */
      int lead = (int) strspn (lines[i], " ");
      g_string_append_len (s, lines[i], lead);
      append_wrapped (s, lines[i] + lead, lead, lead + hang);
    }
}

/* "add a camera" -> "Add a camera.": a summary as the line under Usage. */
static char *
sentence (const char *summary)
{
  if (*summary == '\0')
    return g_strdup ("");
  g_autofree char *capital = cg_text_capitalize (summary);
  gboolean ends = g_str_has_suffix (summary, ".") || g_str_has_suffix (summary, "\n");
  return g_strconcat (capital, ends ? "" : ".", NULL);
}

/* A command's usage, translated; "" for none (_("") is the catalogue's
 * header, not an empty text). */
static const char *
usage_of (const CgCommand *cmd)
{
  return cmd->usage != NULL && *cmd->usage != '\0' ? _(cmd->usage) : "";
}

typedef struct {
  char *left;
  const char *right;
} Row;

static void
row_clear (gpointer p)
{
  g_free (((Row *) p)->left);
}

static void
append_rows (GString *s, GArray *rows)
{
  int col = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      int w = cg_text_width (g_array_index (rows, Row, i).left);
      if (w <= LEFT_MAX)
        col = MAX (col, w);
    }
  int text_col = 2 + col + 2;
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      int w = cg_text_width (r->left);
      g_string_append_printf (s, "  %s", r->left);
      if (w > col)
        {
          g_string_append_c (s, '\n');
          w = -2;
        }
      for (int c = 2 + w; c < text_col; c++)
        g_string_append_c (s, ' ');
      append_wrapped (s, r->right, text_col, text_col);
    }
}

static GArray *
rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  return rows;
}

static void
add_option_row (GArray *rows, const CgOption *o)
{
  GString *left = g_string_new (NULL);
  if (o->short_name != 0)
    g_string_append_printf (left, "-%c, ", o->short_name);
  g_string_append_printf (left, "--%s", o->name);
  if (o->value != NULL)
    g_string_append_printf (left, " %s", _(o->value));
  Row r = { g_string_free (left, FALSE), _(o->help) };
  g_array_append_val (rows, r);
}

static gboolean
shown (const CgOption *o)
{
  return o->help != NULL && !(o->flags & CG_OPTION_REFUSED);
}

static void
append_options (GString *s, const CgCommand *cmd)
{
  g_autoptr (GArray) rows = rows_new ();
  g_autoptr (GPtrArray) options = cg_command_options (cmd);
  for (guint i = 0; i < options->len; i++)
    if (shown (options->pdata[i]))
      add_option_row (rows, options->pdata[i]);
  g_string_append (s, _("Options:\n"));
  append_rows (s, rows);
}

/* The sub-commands, then every option they take, each once. */
static void
append_commands (GString *s, const CgCommand *cmd, int depth)
{
  g_autoptr (GArray) rows = rows_new ();
  g_autoptr (GArray) option_rows = rows_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (const CgCommand *const *c = cmd->commands; *c != NULL; c++)
    {
      Row r = { g_strdup_printf ("%s %s", (*c)->name, usage_of (*c)), _((*c)->summary) };
      g_strchomp (r.left);
      g_array_append_val (rows, r);
      g_autoptr (GPtrArray) options = cg_command_options (*c);
      for (guint i = 0; i < options->len; i++)
        {
          const CgOption *o = options->pdata[i];
          if (shown (o) && !g_str_equal (o->name, "help")
              && g_hash_table_add (seen, (gpointer) o->name))
            add_option_row (option_rows, o);
        }
    }
  g_string_append_c (s, '\n');
  g_string_append (s, depth == 0 ? _("Commands:\n") : _("Actions:\n"));
  append_rows (s, rows);
  if (depth > 0 && option_rows->len > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append (s, _("Options of the actions:\n"));
      append_rows (s, option_rows);
    }
}

void
cg_command_print_help (FILE *out, const CgCommand *cmd, const char *path, int depth)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *usage = g_strdup_printf ("%s %s", path, usage_of (cmd));
  g_strchomp (usage);
  g_autofree char *usage_line = g_strdup_printf (_("Usage: %s\n"), usage);
  append_paragraphs (s, usage_line, 4);
  g_autofree char *summary = sentence (_(cmd->summary));
  append_paragraphs (s, summary, 0);
  g_string_append_c (s, '\n');
  append_options (s, cmd);
  if (cmd->commands != NULL)
    append_commands (s, cmd, depth);
  if (cmd->help != NULL || depth > 0)
    g_string_append_c (s, '\n');
  if (cmd->help != NULL)
    append_paragraphs (s, _(cmd->help), 0);
  if (cmd->commands != NULL && depth > 0)
    {
      g_autofree char *each = g_strdup_printf (_("Each action explains itself: %s ACTION --help\n"),
                                               path);
      append_paragraphs (s, each, 0);
    }
  fputs (s->str, out);
  if (depth == 0)
    {
      /* Where the configuration comes from: the same for the programs. */
      fflush (out);
      cg_cli_print_help_footer ();
    }
  g_string_truncate (s, 0);
  append_paragraphs (s, _("Exit status: 0 done, 1 refused or failed, 2 wrong usage, "
                          "3 daemon unreachable.\n"), 0);
  fputs (s->str, out);
}
