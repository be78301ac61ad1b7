/* chrome.c — the title bar and the status line around the screens. */
#include "build-config.h"

#include "station/chrome.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/screen.h"

#include <string.h>

static void
paint_title (CgStation *st, int cols)
{
  attron (COLOR_PAIR (CG_PAIR_TITLE));
  mvhline (0, 0, ' ', cols);
  int x = 1;
  /* Full titles when they fit, else numbers with the current title. */
  int full = 0;
  for (int i = 0; cg_screens[i] != NULL; i++)
    full += cg_text_width (_(cg_screens[i]->title)) + 5;
  for (int i = 0; cg_screens[i] != NULL && x < cols - 1; i++)
    {
      const CgScreen *s = cg_screens[i];
      gboolean current = i == st->screen;
      g_autofree char *label = full < cols - 12 || current
                                 ? g_strdup_printf ("F%d %s", s->number, _(s->title))
                                 : g_strdup_printf ("F%d", s->number);
      if (current)
        attron (A_REVERSE | A_BOLD);
      int w = MIN (cg_text_width (label), cols - 1 - x);
      cg_draw_text (stdscr, 0, x, w, label, FALSE);
      if (current)
        attroff (A_REVERSE | A_BOLD);
      x += w + 2;
    }
  const char *name = "canhgac";
  if (x + (int) strlen (name) + 1 < cols)
    mvaddstr (0, cols - (int) strlen (name) - 1, name);
  attroff (COLOR_PAIR (CG_PAIR_TITLE));
}

/* Appends "Enter: keep" (the row's keys, between, its label) to out
 * after sep when it fits in width cells; FALSE when it does not. */
static gboolean
append_hint (GString *out, const CgKeyRow *row, const char *between, const char *sep, gboolean utf8,
             int width)
{
  g_autofree char *keys = cg_key_row_keys (row, utf8);
  g_autofree char *hint = g_strconcat (keys, between, _(row->label), NULL);
  const char *before = out->len > 0 ? sep : "";
  if (cg_text_width (out->str) + cg_text_width (before) + cg_text_width (hint) > width)
    return FALSE;
  g_string_append_printf (out, "%s%s", before, hint);
  return TRUE;
}

static char *
filter_line (CgStation *st, int width)
{
  g_autofree char *view = cg_text_field_view (st->filter_edit, 40, NULL);
  CgImeMode ime = cg_text_field_ime (st->filter_edit);
  g_autofree char *mode = ime != CG_IME_OFF ? g_strdup_printf (" [%s]", cg_ime_mode_name (ime))
                                            : g_strdup ("");
  GString *line = g_string_new (NULL);
  g_string_printf (line, _("Filter: %s_%s"), view, mode);
  g_string_append (line, "   ");
  /* How to leave the field, and the composer: what an officer cannot
   * guess.  The other editing keys are a shell's, and in help. */
  int room = width - cg_text_width (line->str);
  g_autoptr (GString) hints = g_string_new (NULL);
  gboolean fits = TRUE;
  for (const CgKeyRow *row = cg_station_filter_keys; fits && row->keys[0] != CG_KEY_NONE; row++)
    fits = append_hint (hints, row, ": ", ", ", st->utf8, room);
  if (fits)
    append_hint (hints, cg_key_row_find (cg_text_field_keys, CG_KEY_IME_TOGGLE), ": ", ", ",
                 st->utf8, room);
  g_string_append (line, hints->str);
  return g_string_free (line, FALSE);
}

static char *
state_line (CgStation *st, int width)
{
  guint down = 0;
  for (guint i = 0; i < st->cameras->len; i++)
    {
      CgStationCamera *c = st->cameras->pdata[i];
      if (cg_camera_state_is_down (c->state))
        down++;
    }
  g_autofree char *conn = st->client != NULL
                            ? g_strdup_printf (_("connected (%s)"), st->role)
                            : g_strdup (_("NO CONNECTION to canhgacd, retrying"));
  g_autofree char *alerts = down > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%u camera down",
                                                                     "%u cameras down", down),
                                                        down)
                                     : g_strdup ("");
  g_autofree char *rate = st->show_rate ? g_strdup_printf (_("terminal %.0f kbit/s"), st->average_kbits)
                                        : g_strdup ("");
  g_autofree char *filter = st->filter != NULL ? g_strdup_printf (_("filter “%s”"), st->filter)
                                               : g_strdup ("");
  const char *storage = st->storage_alert != NULL ? _("storage alert (F4)") : "";
  GString *line = g_string_new (NULL);
  g_string_printf (line, "%s%s%s%s%s%s%s%s%s", conn, *alerts ? " | " : "", alerts,
                   *storage ? " | " : "", storage,
                   *filter ? " | " : "", filter, *rate ? " | " : "", rate);
  /* The key hints only where there is room: state comes first.  Then,
   * on a wide terminal, the keys of the screen in front. */
  const char *hints = _("F1 help  F10 quit");
  if (cg_text_width (line->str) + cg_text_width (hints) + 2 <= width)
    {
      g_string_append_printf (line, "  %s", hints);
      const CgKeyRow *keys = cg_screens[st->screen]->keys;
      if (keys != NULL)
        {
          g_autoptr (GString) more = g_string_new (NULL);
          int room = width - cg_text_width (line->str) - 2;
          for (const CgKeyRow *row = keys; row->keys[0] != CG_KEY_NONE; row++)
            if (!append_hint (more, row, " ", "  ", st->utf8, room))
              break;
          if (more->len > 0)
            g_string_append_printf (line, "  %s", more->str);
        }
    }
  return g_string_free (line, FALSE);
}

static void
paint_status_line (CgStation *st, int rows, int cols)
{
  int y = rows - 1;
  attron (COLOR_PAIR (CG_PAIR_TITLE));
  mvhline (y, 0, ' ', cols);
  g_autofree char *clock = cg_time_format_local (cg_time_now_us (), NULL);
  int right = cg_text_width (clock) + 1;
  cg_draw_text (stdscr, y, cols - right, right - 1, clock, FALSE);
  int width = cols - right - 2;
  g_autofree char *left = st->asking_quit ? g_strdup (_("Quit the station? Enter: yes, Esc: no"))
                          : st->editing_filter ? filter_line (st, width)
                          : state_line (st, width);
  cg_draw_text (stdscr, y, 1, width, left, FALSE);
  attroff (COLOR_PAIR (CG_PAIR_TITLE));
}

void
cg_chrome_paint (CgStation *st, int rows, int cols)
{
  paint_title (st, cols);
  paint_status_line (st, rows, cols);
}
