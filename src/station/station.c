/* station.c — the station's main loop: the terminal, the timers, the
 * screens' lifecycle.  What the daemon says is data.c's, the frame
 * around the screens chrome.c's, where keys go station_keys.c's. */
#define G_LOG_DOMAIN "canhgac-station"
#include "build-config.h"

#include "station/station.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "station/chrome.h"
#include "station/data.h"
#include "station/keyseq.h"
#include "station/pacer.h"
#include "station/screen.h"
#include "station/terminal.h"

#include <glib-unix.h>
#include <libavutil/log.h>
#include <stdio.h>
#include <unistd.h>

#define REFRESH_SECONDS 2
/* How long the rest of an escape sequence may take to arrive over a slow
 * link before what came of it is dropped. */
#define SEQUENCE_WAIT_MS 150
/* How often waiting pictures are looked at besides the terminal's
 * answers (a terminal that does not answer is paced by the clock). */
#define PACE_MS 100
/* A changed picture cell costs about this many bytes before the station
 * has measured it (two colours and a UTF-8 symbol). */
#define FIRST_BYTES_PER_CELL 20.0

/* ---- the screens' lifecycle ------------------------------------------ */

static void
open_screens (CgStation *st)
{
  int n = cg_screen_count ();
  st->screen_states = g_new0 (gpointer, n);
  for (int i = 0; i < n; i++)
    st->screen_states[i] = cg_screens[i]->open (st);
}

static void
close_screens (CgStation *st)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    cg_screens[i]->close (st->screen_states[i]);
  g_clear_pointer (&st->screen_states, g_free);
}

/* The screen in front takes what it needs from the daemon. */
static void
update_screen (CgStation *st)
{
  const CgScreen *s = cg_screens[st->screen];
  if (s->update != NULL)
    s->update (st->screen_states[st->screen]);
}

void
cg_station_show (CgStation *st, int index)
{
  g_return_if_fail (index >= 0 && index < cg_screen_count ());
  const CgScreen *from = st->screen != index ? cg_screens[st->screen] : NULL;
  st->screen = index;
  /* Keys first: the new screen's text goes before any picture. */
  if (from != NULL)
    cg_thumbs_forget_shown (st->thumbs);
  const CgScreen *s = cg_screens[index];
  if (s->show != NULL)
    s->show (st->screen_states[index], from);
  update_screen (st);
  cg_station_redraw (st);
}

void
cg_station_changed (CgStation *st)
{
  update_screen (st);
  cg_station_redraw (st);
}

/* ---- drawing --------------------------------------------------------- */

static WINDOW *body;

/* ---- pacing pictures to the line --------------------------------------- */

/* What the copier saw leave: probes placed in the byte stream, and what
 * each batch cost, to learn the bytes a picture cell takes. */
static void
take_probes (CgStation *st)
{
  guint64 offset;
  gint64 at_us;
  while (cg_terminal_probe_left (st->terminal, &offset, &at_us))
    {
      cg_pacer_probe_sent (st->pacer, offset, at_us);
      int cells = st->probe_cells->len > 0 ? g_array_index (st->probe_cells, int, 0) : 0;
      if (st->probe_cells->len > 0)
        g_array_remove_index (st->probe_cells, 0);
      if (cells >= 100 && offset > st->probe_offset)
        {
          double per_cell = (double) (offset - st->probe_offset) / cells;
          st->bytes_per_cell = 0.8 * st->bytes_per_cell + 0.2 * CLAMP (per_cell, 2.0, 80.0);
        }
      st->probe_offset = offset;
    }
}

/* Pictures waiting go to the screen as far as the line has room. */
static void
pace_pictures (CgStation *st)
{
  if (st->picture_cells > 0)
    return; /* a batch is on its way to the screen already */
  take_probes (st);
  guint64 room = cg_pacer_room (st->pacer, cg_terminal_bytes (st->terminal), cg_time_now_us ());
  if (room == 0)
    return;
  int cells = cg_thumbs_present (st->thumbs, room, st->bytes_per_cell);
  if (cells > 0)
    {
      st->picture_cells = cells;
      cg_station_redraw (st);
    }
}

/* After each update: a probe after pictures (or after text piling up),
 * so the pacer learns what reached the officer. */
static void
after_update (CgStation *st)
{
  int cells = st->picture_cells;
  st->picture_cells = 0;
  take_probes (st);
  if (!cg_pacer_probe_wanted (st->pacer, cg_terminal_bytes (st->terminal), cells > 0, cg_time_now_us ()))
    return;
  cg_terminal_probe (st->terminal);
  cg_pacer_probe_written (st->pacer);
  g_array_append_val (st->probe_cells, cells);
}

static void
on_answered (gpointer data)
{
  CgStation *st = data;
  take_probes (st);
  cg_pacer_probe_answered (st->pacer, cg_time_now_us ());
  pace_pictures (st);
}

static void
on_probe_left (gpointer data)
{
  pace_pictures (data);
}

void
cg_station_pace (CgStation *st)
{
  pace_pictures (st);
}

static gboolean
on_pace (gpointer data)
{
  pace_pictures (data);
  return G_SOURCE_CONTINUE;
}

/* Pictures degrade before they stop (cg_picture_level_judge). */
static void
judge_pictures (CgStation *st, const CgPacerView *line)
{
  double rate = MAX (line->rate_kbits, 1.0) * 1000 / 8;
  double seconds = cg_thumbs_waiting (st->thumbs) * st->bytes_per_cell / rate;
  cg_thumbs_set_level (st->thumbs, cg_picture_level_judge (&st->picture_level, seconds));
}

static gboolean
do_redraw (gpointer data)
{
  CgStation *st = data;
  st->redraw_pending = FALSE;
  st->redraws++;
  int rows = LINES, cols = COLS;
  erase ();
  if (rows < 10 || cols < 40)
    {
      cg_draw_text (stdscr, 0, 0, cols, _("The terminal is too small: at least 40x10."), FALSE);
      refresh ();
      return G_SOURCE_REMOVE;
    }
  if (body == NULL || getmaxy (body) != rows - 2 || getmaxx (body) != cols)
    {
      if (body != NULL)
        delwin (body);
      body = derwin (stdscr, rows - 2, cols, 1, 0);
      for (int i = 0; cg_screens[i] != NULL; i++)
        if (cg_screens[i]->resize != NULL)
          cg_screens[i]->resize (st->screen_states[i], rows - 2, cols);
    }
  werase (body);
  /* Old data stays on screen, dimmed, while the daemon is away. */
  if (cg_model_connection (st->model) == CG_MODEL_STALE)
    wattron (body, A_DIM);
  cg_screens[st->screen]->paint (st->screen_states[st->screen], body, rows - 2, cols);
  wattroff (body, A_DIM);
  cg_chrome_paint (st, rows, cols);
  /* The cursor rests on the last row of the body, never the first row of
   * the screen, where an answer to a probe would read as a key. */
  wmove (body, rows - 3, 0);
  wnoutrefresh (stdscr);
  wnoutrefresh (body);
  doupdate ();
  if (st->key_at_us != 0 && st->key_ms->len < 10000)
    {
      double ms = (double) (g_get_monotonic_time () - st->key_at_us) / 1000.0;
      g_array_append_val (st->key_ms, ms);
    }
  st->key_at_us = 0;
  after_update (st);
  return G_SOURCE_REMOVE;
}

void
cg_station_redraw (CgStation *st)
{
  if (!st->redraw_pending)
    {
      st->redraw_pending = TRUE;
      g_idle_add (do_redraw, st);
    }
}

/* ---- input ----------------------------------------------------------- */

static void
handle_key (CgStation *st, int key)
{
  if (key == CG_KEY_RESIZE)
    {
      cg_station_redraw (st);
      return;
    }
  if (st->key_at_us == 0)
    st->key_at_us = g_get_monotonic_time ();
  int flags = cg_station_key (st, key);
  if (flags & CG_KEY_UPDATE)
    update_screen (st);
  if (flags & (CG_KEY_REDRAW | CG_KEY_UPDATE))
    cg_station_redraw (st);
}

static void
handle_keys (CgStation *st, GArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    handle_key (st, g_array_index (keys, int, i));
  g_array_set_size (keys, 0);
}

static gboolean
on_sequence_timeout (gpointer data)
{
  CgStation *st = data;
  st->key_timeout = 0;
  cg_key_reader_expire (st->key_reader);
  return G_SOURCE_REMOVE;
}

/* Keys as ncurses decodes them; what it leaves as bytes (a sequence its
 * terminfo lacks) goes through the reader, so that ESC [1~ is Home, not
 * Esc, [, 1 and ~. */
static gboolean
on_stdin (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  CgStation *st = data;
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (int));
  wint_t wch;
  int rc;
  while ((rc = get_wch (&wch)) != ERR)
    {
      cg_key_reader_feed (st->key_reader, cg_key_from_curses (rc, (guint32) wch), keys);
      handle_keys (st, keys);
    }
  gboolean waiting = cg_key_reader_idle (st->key_reader, keys);
  handle_keys (st, keys);
  if (st->key_timeout != 0)
    g_source_remove (st->key_timeout);
  st->key_timeout = waiting ? g_timeout_add (SEQUENCE_WAIT_MS, on_sequence_timeout, st) : 0;
  if (cond & (G_IO_HUP | G_IO_ERR))
    {
      /* The terminal went away (an SSH link dropped): nothing to show. */
      st->stdin_watch = 0;
      g_main_loop_quit (st->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* ---- timers and signals ---------------------------------------------- */

static void
fit_terminal (void)
{
  int rows, cols;
  cg_terminal_size (&rows, &cols);
  if (rows != LINES || cols != COLS)
    resize_term (rows, cols);
}

static gboolean
on_winch (gpointer data)
{
  CgStation *st = data;
  fit_terminal ();
  clearok (curscr, TRUE);
  /* Everything is sent again: text first. */
  cg_thumbs_forget_shown (st->thumbs);
  cg_station_redraw (st);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_refresh (gpointer data)
{
  CgStation *st = data;
  cg_station_refresh (st);
  cg_station_changed (st);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_second (gpointer data)
{
  CgStation *st = data;
  st->bytes_written = cg_terminal_bytes (st->terminal);
  take_probes (st);
  cg_pacer_view (st->pacer, st->bytes_written, cg_time_now_us (), &st->line);
  judge_pictures (st, &st->line);
  cg_thumbs_fetch (st->thumbs, st->client);
  cg_station_take_notifications (st);
  pace_pictures (st);
  /* The clock on the status line. */
  cg_station_redraw (st);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_quit_signal (gpointer data)
{
  g_main_loop_quit (((CgStation *) data)->loop);
  return G_SOURCE_REMOVE;
}

/* For benchmarks: what the station cost, written at exit to the file
 * named by $CANHGAC_STATION_STATS. */
static void
write_stats (CgStation *st, gint64 started_us)
{
  const char *path = g_getenv ("CANHGAC_STATION_STATS");
  if (path == NULL || *path == '\0')
    return;
  /* Built as JSON, so that numbers never take the locale's comma. */
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) st->bytes_written);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, (double) (cg_time_now_us () - started_us) / CG_USEC_PER_SEC);
  json_builder_set_member_name (b, "redraws");
  json_builder_add_int_value (b, (gint64) st->redraws);
  json_builder_set_member_name (b, "pictures");
  json_builder_add_int_value (b, (gint64) cg_thumbs_updates (st->thumbs));
  json_builder_set_member_name (b, "measured");
  json_builder_add_boolean_value (b, st->line.measured);
  json_builder_set_member_name (b, "line_kbits");
  json_builder_add_double_value (b, st->line.rate_kbits);
  json_builder_set_member_name (b, "rtt_ms");
  json_builder_add_double_value (b, st->line.rtt_ms);
  json_builder_set_member_name (b, "level");
  json_builder_add_int_value (b, cg_thumbs_level (st->thumbs));
  json_builder_set_member_name (b, "bytes_per_cell");
  json_builder_add_double_value (b, st->bytes_per_cell);
  json_builder_set_member_name (b, "frames_shown");
  json_builder_add_int_value (b, (gint64) st->frames_shown);
  json_builder_set_member_name (b, "frames_decoded");
  json_builder_add_int_value (b, (gint64) st->frames_decoded);
  json_builder_set_member_name (b, "seek_ms");
  json_builder_begin_array (b);
  for (guint i = 0; i < st->seek_ms->len; i++)
    json_builder_add_double_value (b, g_array_index (st->seek_ms, double, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "key_ms");
  json_builder_begin_array (b);
  for (guint i = 0; i < st->key_ms->len; i++)
    json_builder_add_double_value (b, g_array_index (st->key_ms, double, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *json = json_to_string (root, FALSE);
  g_autofree char *text = g_strconcat (json, "\n", NULL);
  g_file_set_contents (path, text, -1, NULL);
}

/* ---- the whole run --------------------------------------------------- */

static void
setup_curses (void)
{
  fit_terminal ();
  /* FFmpeg must not write over the screen. */
  av_log_set_level (AV_LOG_QUIET);
  cbreak ();
  noecho ();
  nonl ();
  keypad (stdscr, TRUE);
  cg_key_sequences_teach_curses ();
  nodelay (stdscr, TRUE);
  set_escdelay (25);
  curs_set (0);
  cg_draw_init_colors ();
}

int
cg_station_run (const CgConfig *config)
{
  gint64 started_us = cg_time_now_us ();
  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    {
      cg_cli_error ("canhgac", _("the station needs a terminal; for scripts use a command "
                                 "(canhgac --help lists them)"));
      return CG_EXIT_USAGE;
    }
  CgStation st = {
    .config = config,
    .model = cg_model_new (),
    .alarms = cg_alarms_new (),
    .filter_edit = cg_text_field_new (64),
    .utf8 = cg_i18n_is_utf8 (),
    .key_reader = cg_key_reader_new (),
  };
  FILE *out = NULL, *in = NULL;
  g_autoptr (GError) error = NULL;
  static const CgTerminalEvents events = { on_answered, on_probe_left };
  st.terminal = cg_terminal_open (&out, &in, &events, &st, &error);
  if (st.terminal == NULL)
    {
      cg_cli_error ("canhgac", "%s", error->message);
      return CG_EXIT_FAILED;
    }
  SCREEN *screen = newterm (NULL, out, in);
  if (screen == NULL)
    {
      cg_terminal_close (st.terminal);
      cg_cli_error ("canhgac", _("this terminal cannot be used (TERM=%s)"), g_getenv ("TERM"));
      return CG_EXIT_FAILED;
    }
  set_term (screen);
  setup_curses ();
  st.picture_style = cg_picture_style_for_curses (st.utf8);
  st.thumbs = cg_thumbs_new ();
  st.pacer = cg_pacer_new (config->budget_kbits, cg_time_now_us ());
  st.probe_cells = g_array_new (FALSE, FALSE, sizeof (int));
  st.seek_ms = g_array_new (FALSE, FALSE, sizeof (double));
  st.key_ms = g_array_new (FALSE, FALSE, sizeof (double));
  st.bytes_per_cell = FIRST_BYTES_PER_CELL;

  st.loop = g_main_loop_new (NULL, FALSE);
  cg_station_refresh (&st);
  open_screens (&st);
  for (st.screen = 0; cg_screens[st.screen] != cg_screen_start; st.screen++)
    ;
  cg_station_show (&st, st.screen);
  GIOChannel *keys = g_io_channel_unix_new (fileno (in));
  st.stdin_watch = g_io_add_watch (keys, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, &st);
  g_io_channel_unref (keys);
  guint winch = g_unix_signal_add (SIGWINCH, on_winch, &st);
  guint term = g_unix_signal_add (SIGTERM, on_quit_signal, &st);
  guint hup = g_unix_signal_add (SIGHUP, on_quit_signal, &st);
  guint tick = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh, &st);
  guint second = g_timeout_add_seconds (1, on_second, &st);
  guint pace = g_timeout_add (PACE_MS, on_pace, &st);
  g_main_loop_run (st.loop);

  if (st.stdin_watch != 0)
    g_source_remove (st.stdin_watch);
  if (st.key_timeout != 0)
    g_source_remove (st.key_timeout);
  g_source_remove (winch);
  g_source_remove (term);
  g_source_remove (hup);
  g_source_remove (tick);
  g_source_remove (second);
  g_source_remove (pace);
  if (body != NULL)
    delwin (body);
  body = NULL;
  endwin ();
  delscreen (screen);
  st.bytes_written = cg_terminal_close (st.terminal);
  write_stats (&st, started_us);
  close_screens (&st);
  cg_station_disconnect (&st, NULL);
  g_main_loop_unref (st.loop);
  cg_model_free (st.model);
  cg_alarms_free (st.alarms);
  cg_thumbs_free (st.thumbs);
  cg_pacer_free (st.pacer);
  g_array_free (st.probe_cells, TRUE);
  g_array_free (st.seek_ms, TRUE);
  g_array_free (st.key_ms, TRUE);
  cg_text_field_free (st.filter_edit);
  cg_key_reader_free (st.key_reader);
  g_free (st.filter);
  g_free (st.selected);
  g_free (st.user);
  g_free (st.role);
  return CG_EXIT_OK;
}
