/* screens/help.c — F1: every key the station answers to, from the same
 * tables the dispatch uses, the screen the officer came from first. */
#include "build-config.h"

#include "station/screens/help.h"

#include "common/i18n.h"
#include "common/paths.h"
#include "common/text.h"
#include "station/screens/camera_edit.h"
#include "station/screens/camera_add.h"
#include "station/screens/incidents.h"

void
cg_help_line_free (CgHelpLine *line)
{
  g_free (line->keys);
  g_free (line->text);
  g_free (line);
}

static void
add_line (GPtrArray *lines, char *keys, char *text, gboolean heading)
{
  CgHelpLine *line = g_new0 (CgHelpLine, 1);
  line->keys = keys;
  line->text = text;
  line->heading = heading;
  g_ptr_array_add (lines, line);
}

static void
add_rows (GPtrArray *lines, const CgKeyRow *rows, gboolean utf8)
{
  for (const CgKeyRow *row = rows; row->keys[0] != CG_KEY_NONE; row++)
    add_line (lines, cg_key_row_keys (row, utf8), g_strdup (_(row->help)), FALSE);
}

static void
add_section (GPtrArray *lines, char *heading, const CgKeyRow *rows, const CgKeyRow *more,
             gboolean utf8)
{
  if (lines->len > 0)
    add_line (lines, NULL, NULL, FALSE);
  add_line (lines, NULL, heading, TRUE);
  add_rows (lines, rows, utf8);
  if (more != NULL)
    add_rows (lines, more, utf8);
}

static void
add_screen (GPtrArray *lines, const CgScreen *s, gboolean utf8)
{
  if (s->keys == NULL)
    return;
  add_section (lines, g_strdup_printf ("F%d %s", s->number, _(s->title)), s->keys, NULL, utf8);
  if (s->guide != NULL)
    {
      /* Where to read more: the guide as run (a build tree) or installed. */
      g_autofree char *guide = cg_shipped_file ("doc/vi", "huong-dan-su-dung.md", DOCDIR "/vi");
      add_line (lines, NULL, g_strdup_printf (_("More: section “%s” of the operator's guide,"),
                                              s->guide), FALSE);
      add_line (lines, NULL, g_strdup_printf ("  %s", guide), FALSE);
    }
}

GPtrArray *
cg_help_lines (const CgScreen *first, gboolean utf8)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_help_line_free);
  if (first != NULL)
    add_screen (lines, first, utf8);
  add_section (lines, g_strdup (_("Everywhere")), cg_station_keys (), NULL, utf8);
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i] != first)
      add_screen (lines, cg_screens[i], utf8);
  add_section (lines, g_strdup (_("While typing the / filter")), cg_station_filter_keys,
               cg_text_field_keys, utf8);
  add_section (lines, g_strdup (_("In a form of F5 (incidents)")), cg_incident_form_keys, NULL, utf8);
  add_section (lines, g_strdup (_("In a camera's inventory form (F4, e)")), cg_camera_edit_keys,
               NULL, utf8);
  add_section (lines, g_strdup (_("In the form for adding a camera (F4, +)")), cg_camera_add_keys,
               NULL, utf8);
  add_section (lines, g_strdup (_("In the form of F8 (maintenance)")), cg_maintenance_form_keys, NULL,
               utf8);
  add_section (lines, g_strdup (_("When asked to quit")), cg_station_quit_keys, NULL, utf8);
  return lines;
}

/* ---- the screen ------------------------------------------------------ */

typedef struct
{
  CgStation *st;
  const CgScreen *from; /* whose keys come first */
  int scroll;           /* the first line shown */
  int rows;             /* the body's height, from resize */
} HelpScreen;

static gpointer
help_open (CgStation *st)
{
  HelpScreen *h = g_new0 (HelpScreen, 1);
  h->st = st;
  return h;
}

static void
help_close (gpointer self)
{
  g_free (self);
}

static void
help_show (gpointer self, const CgScreen *from)
{
  HelpScreen *h = self;
  if (from == NULL)
    return;
  h->from = from;
  h->scroll = 0;
}

static void
help_resize (gpointer self, int rows, int cols)
{
  HelpScreen *h = self;
  h->rows = rows;
}

/* Lines the body shows at once: a blank line above, the footer below. */
static int
page_lines (int rows)
{
  return MAX (rows - 2, 1);
}

static int
scroll_to (HelpScreen *h, int scroll)
{
  g_autoptr (GPtrArray) lines = cg_help_lines (h->from, h->st->utf8);
  h->scroll = CLAMP (scroll, 0, MAX ((int) lines->len - page_lines (h->rows), 0));
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
scroll_line (gpointer self, int key)
{
  HelpScreen *h = self;
  return scroll_to (h, h->scroll + (key == CG_KEY_DOWN ? 1 : -1));
}

static int
scroll_page (gpointer self, int key)
{
  HelpScreen *h = self;
  int page = page_lines (h->rows);
  return scroll_to (h, h->scroll + (key == CG_KEY_PAGE_UP ? -page : page));
}

static int
scroll_end (gpointer self, int key)
{
  HelpScreen *h = self;
  return scroll_to (h, key == CG_KEY_HOME ? 0 : G_MAXINT / 2);
}

static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN }, .name = "help-line", .label = N_("scroll"),
    .help = N_("scroll one line"), .action = scroll_line },
  { .keys = { CG_KEY_PAGE_UP, CG_KEY_PAGE_DOWN, CG_KEY_SPACE }, .name = "help-page",
    .label = N_("page"), .help = N_("scroll one page"), .action = scroll_page },
  { .keys = { CG_KEY_HOME, CG_KEY_END }, .name = "help-ends", .label = N_("start/end"),
    .help = N_("go to the start or the end of the list"), .action = scroll_end },
  { .keys = { CG_KEY_NONE } },
};

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  HelpScreen *h = self;
  g_autoptr (GPtrArray) lines = cg_help_lines (h->from, h->st->utf8);
  int page = page_lines (rows);
  int scroll = CLAMP (h->scroll, 0, MAX ((int) lines->len - page, 0));
  int keys_width = 8;
  for (guint i = 0; i < lines->len; i++)
    {
      CgHelpLine *line = lines->pdata[i];
      if (line->keys != NULL)
        keys_width = MAX (keys_width, cg_text_width (line->keys));
    }
  keys_width = MIN (keys_width, cols / 3);
  int y = 1;
  for (int i = scroll; i < (int) lines->len && y <= page; i++, y++)
    {
      CgHelpLine *line = lines->pdata[i];
      if (line->heading)
        {
          wattron (win, A_BOLD);
          cg_draw_text (win, y, 2, cols - 4, line->text, FALSE);
          wattroff (win, A_BOLD);
        }
      else if (line->keys != NULL)
        {
          cg_draw_text (win, y, 4, keys_width, line->keys, FALSE);
          cg_draw_text (win, y, 6 + keys_width, cols - keys_width - 8, line->text, FALSE);
        }
      else if (line->text != NULL)
        cg_draw_text (win, y, 4, cols - 6, line->text, FALSE);
    }
  if ((int) lines->len > page)
    {
      g_autofree char *by_line = cg_key_row_keys (&keys[0], h->st->utf8);
      g_autofree char *by_page = cg_key_row_keys (&keys[1], h->st->utf8);
      g_autofree char *foot = g_strdup_printf (_("Lines %d to %d of %u; %s %s: scroll"), scroll + 1,
                                               MIN (scroll + page, (int) lines->len), lines->len,
                                               by_line, by_page);
      cg_draw_text (win, rows - 1, 2, cols - 4, foot, FALSE);
    }
}

const CgScreen cg_screen_help = {
  .name = "help",
  .number = 1,
  .title = N_("Help"),
  .help = N_("this list of keys"),
  .open = help_open,
  .close = help_close,
  .show = help_show,
  .paint = paint,
  .resize = help_resize,
  .keys = keys,
};
