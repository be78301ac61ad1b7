/* station_keys.c — the keys of the station itself: switching screens,
 * the "/" filter, the bandwidth meter, quitting; and where each key goes
 * (the quit question, the filter, the screen in front, then these). */
#include "build-config.h"

#include "common/i18n.h"
#include "station/screen.h"

/* ---- every screen ---------------------------------------------------- */

static int
switch_screen (gpointer self, int key)
{
  CgStation *st = self;
  int index = cg_screen_by_key (key);
  if (index < 0)
    return CG_KEY_IGNORED;
  cg_station_show (st, index);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
start_filter (gpointer self, int key)
{
  CgStation *st = self;
  st->editing_filter = TRUE;
  cg_text_field_set_text (st->filter_edit, st->filter != NULL ? st->filter : "");
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
toggle_rate (gpointer self, int key)
{
  CgStation *st = self;
  st->show_rate = !st->show_rate;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Status's alarms page, from any screen. */
static int
show_alarms (gpointer self, int key)
{
  CgStation *st = self;
  int index = -1;
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (g_str_equal (cg_screens[i]->name, "status"))
      index = i;
  if (index < 0)
    return CG_KEY_IGNORED;
  st->alarms_wanted = TRUE;
  cg_station_show (st, index);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
ask_quit (gpointer self, int key)
{
  CgStation *st = self;
  st->asking_quit = TRUE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
quit_now (gpointer self, int key)
{
  CgStation *st = self;
  g_main_loop_quit (st->loop);
  return CG_KEY_HANDLED;
}

/* Hotkeys that Telex and VNI leave alone: F-keys, digits (outside text
 * fields), / b q; letters are folded before they are looked up.  F10
 * quits as in Midnight Commander. */
static const CgKeyRow station_rows[] = {
  { .keys = { '/' }, .name = "filter", .label = N_("filter"),
    .help = N_("filter cameras by name or place; Enter keeps it, Esc clears it"),
    .action = start_filter },
  { .keys = { 'b' }, .name = "terminal-rate", .label = N_("traffic"),
    .help = N_("show the line to this terminal: its rate, what is on the way, the round trip"), .action = toggle_rate },
  { .keys = { '!' }, .name = "alarms", .label = N_("alarms"),
    .help = N_("the alarms: acknowledge them, see their history, make an incident from one"),
    .action = show_alarms },
  { .keys = { 'q' }, .name = "quit-ask", .label = N_("quit"), .help = N_("quit, after asking"),
    .action = ask_quit },
  { .keys = { CG_KEY_F (10), '0' }, .name = "quit", .label = N_("quit"),
    .help = N_("quit at once"), .action = quit_now },
  { .keys = { CG_KEY_NONE } },
};

/* One row per screen, from its number, then station_rows: made once. */
static CgKeyRow *
make_station_keys (void)
{
  int screens = cg_screen_count ();
  CgKeyRow *rows = g_new0 (CgKeyRow, screens + G_N_ELEMENTS (station_rows));
  for (int i = 0; i < screens; i++)
    {
      const CgScreen *s = cg_screens[i];
      CgKeyRow *row = &rows[i];
      row->keys[0] = CG_KEY_F (s->number);
      if (s->number <= 9)
        row->keys[1] = '0' + s->number;
      g_autofree char *name = g_strconcat ("screen-", s->name, NULL);
      row->name = g_intern_string (name);
      row->label = s->title;
      row->help = s->help;
      row->action = switch_screen;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (station_rows); i++)
    rows[screens + i] = station_rows[i];
  return rows;
}

const CgKeyRow *
cg_station_keys (void)
{
  static gsize made = 0;
  static CgKeyRow *rows;
  if (g_once_init_enter (&made))
    {
      rows = make_station_keys ();
      g_once_init_leave (&made, 1);
    }
  return rows;
}

/* ---- the "/" filter -------------------------------------------------- */

static int
keep_filter (gpointer self, int key)
{
  CgStation *st = self;
  st->editing_filter = FALSE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
clear_filter (gpointer self, int key)
{
  CgStation *st = self;
  cg_text_field_set_text (st->filter_edit, "");
  st->editing_filter = FALSE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* After the field's own keys (cg_text_field_keys), which leave these. */
const CgKeyRow cg_station_filter_keys[] = {
  { .keys = { CG_KEY_ENTER }, .name = "filter-keep", .label = N_("keep"),
    .help = N_("keep the filter and leave the field"), .action = keep_filter },
  { .keys = { CG_KEY_ESC }, .name = "filter-clear", .label = N_("clear"),
    .help = N_("clear the filter and leave the field"), .action = clear_filter },
  { .keys = { CG_KEY_NONE } },
};

/* Vietnamese by code point, Unikey's backspaces, the built-in Telex/VNI
 * on Ctrl+T; the filter applies as it is typed. */
static int
filter_key (CgStation *st, int key)
{
  CgTextFieldResult r = cg_text_field_press (st->filter_edit, key);
  if (r == CG_TEXT_FIELD_IGNORED)
    cg_key_dispatch (cg_station_filter_keys, st, key);
  else if (r & CG_TEXT_FIELD_REFUSED)
    beep ();
  const char *text = cg_text_field_text (st->filter_edit);
  g_free (st->filter);
  st->filter = *text != '\0' ? g_strdup (text) : NULL;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* ---- the quit question ----------------------------------------------- */

static int
quit_yes (gpointer self, int key)
{
  return quit_now (self, key);
}

static int
quit_no (gpointer self, int key)
{
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* y for yes, c for "có". */
const CgKeyRow cg_station_quit_keys[] = {
  { .keys = { CG_KEY_ENTER, 'y', 'c' }, .name = "quit-yes", .label = N_("yes"),
    .help = N_("quit the station"), .action = quit_yes },
  { .keys = { CG_KEY_ESC }, .name = "quit-no", .label = N_("no"),
    .help = N_("stay; any other key does the same"), .action = quit_no },
  { .keys = { CG_KEY_NONE } },
};

/* ---- where a key goes ------------------------------------------------ */

int
cg_station_key (CgStation *st, int key)
{
  if (st->asking_quit)
    {
      st->asking_quit = FALSE;
      cg_key_dispatch (cg_station_quit_keys, st, key);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (st->editing_filter)
    return filter_key (st, key);
  /* The screen's own keys first, then those of every screen; anything
   * else (Backspace from Unikey included) does nothing. */
  const CgScreen *screen = cg_screens[st->screen];
  gpointer self = st->screen_states[st->screen];
  int flags = screen->key != NULL ? screen->key (self, key) : CG_KEY_IGNORED;
  if (!(flags & CG_KEY_HANDLED))
    flags = cg_key_dispatch (screen->keys, self, key);
  if (!(flags & CG_KEY_HANDLED))
    flags = cg_key_dispatch (cg_station_keys (), st, key);
  return flags;
}
