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
  /* Full titles when they fit, else numbers with the current title;
   * the program's name gives way to them. */
  int full = 0;
  for (int i = 0; cg_screens[i] != NULL; i++)
    full += cg_text_width (_(cg_screens[i]->title)) + 5;
  for (int i = 0; cg_screens[i] != NULL && x < cols - 1; i++)
    {
      const CgScreen *s = cg_screens[i];
      gboolean current = i == st->screen;
      g_autofree char *label = full < cols - 1 || current
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
  /* The composer's key first (nobody guesses Ctrl+T), then how to leave
   * the field; the other editing keys are a shell's, and in help. */
  int room = width - cg_text_width (line->str);
  g_autoptr (GString) hints = g_string_new (NULL);
  gboolean fits = append_hint (hints, cg_key_row_find (cg_text_field_keys, CG_KEY_IME_TOGGLE), ": ",
                               ", ", st->utf8, room);
  for (const CgKeyRow *row = cg_station_filter_keys; fits && row->keys[0] != CG_KEY_NONE; row++)
    fits = append_hint (hints, row, ": ", ", ", st->utf8, room);
  g_string_append (line, hints->str);
  return g_string_free (line, FALSE);
}

/* A part of the status line: its words, and shorter ones for when the
 * line does not fit. */
typedef struct {
  char *full;
  char *brief;   /* NULL: the part is left out rather than shortened */
  gboolean kept; /* what the officer turned on (the filter, the meter):
                  * shortened last, never left out */
} Part;

static int
parts_width (const Part *parts, const gboolean *brief, size_t n)
{
  int w = 0;
  for (size_t i = 0; i < n; i++)
    {
      const char *text = brief[i] ? parts[i].brief : parts[i].full;
      if (text != NULL && *text != '\0')
        w += (w > 0 ? 3 : 0) + cg_text_width (text);
    }
  return w;
}

/* The parts joined by " | ", each part shortened (or left out) in turn,
 * the officer's own (filter, meter) last, until the line fits. */
static char *
join_parts (const Part *parts, size_t n, int width)
{
  gboolean brief[8] = { FALSE };
  g_assert (n <= G_N_ELEMENTS (brief));
  for (int kept = 0; kept < 2; kept++)
    for (size_t i = 0; i < n && parts_width (parts, brief, n) > width; i++)
      if (parts[i].kept == kept)
        brief[i] = TRUE;
  GString *line = g_string_new (NULL);
  for (size_t i = 0; i < n; i++)
    {
      const char *text = brief[i] ? parts[i].brief : parts[i].full;
      if (text != NULL && *text != '\0')
        g_string_append_printf (line, "%s%s", line->len > 0 ? " | " : "", text);
    }
  return g_string_free (line, FALSE);
}

/* The role hello names ("admin"...) in the officer's words; a role this
 * station does not know is shown as the daemon spelled it. */
static const char *
role_label (const char *role)
{
  static const char *const labels[][2] = {
    { "viewer", N_("viewer") }, { "operator", N_("operator") }, { "admin", N_("admin") },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (role, labels[i][0]) == 0)
      return _(labels[i][1]);
  return role != NULL ? role : "?";
}

/* The "b" meter: what the line carries, how much is on its way and how
 * long an answer takes; or, when the terminal does not answer, the pace
 * the pictures keep to without it (the budget, or the last rate measured). */
static char *
meter (const CgPacerView *line)
{
  if (!line->measured)
    return g_strdup_printf (_("terminal %.0f kbit/s (the terminal does not answer)"),
                            line->rate_kbits);
  return g_strdup_printf (_("line %.0f kbit/s, %.1f kB on the way, round trip %.0f ms"), line->rate_kbits,
                          line->in_flight / 1000.0, line->rtt_ms);
}

static char *
state_line (CgStation *st, int width)
{
  guint down = cg_model_down_count (st->model);
  gboolean alert = json_array_get_length (cg_model_alerts (st->model)) > 0;
  char *alarm_brief = NULL;
  char *alarm = cg_alarms_status (st->alarms, &alarm_brief);
  Part parts[] = {
    /* The newest alarm not acknowledged: first, shortened last. */
    { alarm, alarm_brief, TRUE },
    { st->client != NULL ? g_strdup_printf (_("connected (%s)"), role_label (st->role))
                         : g_strdup (_("NO CONNECTION to canhgacd, retrying")),
      g_strdup (st->client != NULL ? _("connected") : _("NO CONNECTION")), FALSE },
    { down > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u camera down", "%u cameras down", down),
                                  down) : NULL,
      down > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u down", "%u down", down), down) : NULL,
      FALSE },
    { alert ? g_strdup (_("storage alert (F4)")) : NULL, NULL, FALSE },
    { st->filter != NULL ? g_strdup_printf (_("filter “%s”"), st->filter) : NULL,
      st->filter != NULL ? g_strdup_printf ("/%s", st->filter) : NULL, TRUE },
    { st->show_rate ? meter (&st->line) : NULL,
      st->show_rate ? g_strdup_printf (_("%.0f kbit/s"), st->line.rate_kbits) : NULL, TRUE },
  };
  g_autofree char *joined = join_parts (parts, G_N_ELEMENTS (parts), width);
  GString *line = g_string_new (joined);
  for (size_t i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_free (parts[i].full);
      g_free (parts[i].brief);
    }
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
