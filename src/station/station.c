/* station.c — the station's main loop: terminal, daemon, screens. */
#define G_LOG_DOMAIN "canhgac-station"
#include "build-config.h"

#include "station/station.h"

#include "common/alert.h"
#include "common/camera_state.h"
#include "common/cli.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/budget.h"
#include "station/keys.h"
#include "station/screen.h"
#include "station/terminal.h"

#include <errno.h>
#include <glib-unix.h>
#include <libavutil/log.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define REFRESH_SECONDS 2

const CgScreen *const cg_screens[] = {
  &cg_screen_help,
  &cg_screen_map,
  &cg_screen_grid,
  &cg_screen_status,
  NULL,
};

static void
camera_free (CgStationCamera *c)
{
  g_free (c->name);
  g_free (c->place);
  g_free (c->state);
  g_free (c->reason);
  g_free (c);
}

static void
init_colors (void)
{
  if (!has_colors ())
    return;
  start_color ();
  use_default_colors ();
  init_pair (CG_PAIR_RECORDING, COLOR_GREEN, -1);
  init_pair (CG_PAIR_WARNING, COLOR_YELLOW, -1);
  init_pair (CG_PAIR_OFFLINE, COLOR_RED, -1);
  init_pair (CG_PAIR_DISABLED, COLOR_WHITE, -1);
  init_pair (CG_PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
  init_pair (CG_PAIR_SELECTED, COLOR_BLACK, COLOR_YELLOW);
  init_pair (CG_PAIR_MAP, COLOR_CYAN, -1);
}

/* ---- the daemon -------------------------------------------------------- */

static void disconnect (CgStation *st, const char *why);

static gboolean
on_client_readable (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  CgStation *st = data;
  JsonNode *params = NULL;
  char *method;
  gboolean changed = FALSE;
  while ((method = cg_client_next_notification (st->client, 0, &params)) != NULL)
    {
      if (g_str_equal (method, "camera.state") && JSON_NODE_HOLDS_OBJECT (params))
        {
          JsonObject *o = json_node_get_object (params);
          const char *name = json_object_get_string_member_with_default (o, "name", "");
          for (guint i = 0; i < st->cameras->len; i++)
            {
              CgStationCamera *c = st->cameras->pdata[i];
              if (g_str_equal (c->name, name))
                {
                  g_free (c->state);
                  c->state = g_strdup (json_object_get_string_member_with_default (o, "state", "?"));
                  g_free (c->reason);
                  c->reason = g_strdup (json_object_get_string_member_with_default (o, "reason", ""));
                  changed = TRUE;
                }
            }
        }
      g_free (method);
      json_node_unref (params);
      params = NULL;
    }
  if (cond & (G_IO_HUP | G_IO_ERR))
    {
      st->client_watch = 0;
      disconnect (st, _("the connection to canhgacd was closed"));
      cg_station_redraw (st);
      return G_SOURCE_REMOVE;
    }
  if (changed)
    cg_station_redraw (st);
  return G_SOURCE_CONTINUE;
}

static void
disconnect (CgStation *st, const char *why)
{
  if (st->client_watch != 0)
    {
      g_source_remove (st->client_watch);
      st->client_watch = 0;
    }
  g_clear_pointer (&st->client, cg_client_free);
  st->stale = TRUE;
  g_free (st->problem);
  st->problem = g_strdup (why);
}

static gboolean
try_connect (CgStation *st)
{
  g_autoptr (GError) error = NULL;
  CgClient *client = cg_client_connect (st->config->socket_path, &error);
  if (client == NULL)
    {
      disconnect (st, error->message);
      return FALSE;
    }
  st->client = client;
  g_autoptr (JsonNode) hello = cg_client_call (client, "hello", NULL, NULL, &error);
  if (hello == NULL)
    {
      disconnect (st, error->message);
      return FALSE;
    }
  JsonObject *h = json_node_get_object (hello);
  g_free (st->user);
  g_free (st->role);
  st->user = g_strdup (json_object_get_string_member_with_default (h, "user", "?"));
  st->role = g_strdup (json_object_get_string_member_with_default (h, "role", "?"));
  g_autoptr (JsonNode) topics = json_from_string ("{\"topics\": [\"cameras\"]}", NULL);
  g_autoptr (JsonNode) ok = cg_client_call (client, "subscribe", topics, NULL, &error);
  if (ok == NULL)
    {
      disconnect (st, error->message);
      return FALSE;
    }
  GIOChannel *ch = g_io_channel_unix_new (cg_client_fd (client));
  st->client_watch = g_io_add_watch (ch, G_IO_IN | G_IO_HUP | G_IO_ERR, on_client_readable, st);
  g_io_channel_unref (ch);
  return TRUE;
}

static const char *
member_string (JsonObject *o, const char *name)
{
  return json_object_get_string_member_with_default (o, name, "");
}

/* Days kept per camera and the storage alerts, every 10 s: they change
 * slowly and cost the daemon more than the status. */
static void
refresh_storage (CgStation *st)
{
  gint64 now = cg_time_now_us ();
  if (now - st->storage_us < 10 * CG_USEC_PER_SEC || st->client == NULL)
    return;
  st->storage_us = now;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "storage.status", NULL, NULL, NULL);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    return;
  JsonObject *o = json_node_get_object (r);
  g_hash_table_remove_all (st->days_kept);
  JsonArray *cams = json_object_get_array_member (o, "cameras");
  for (guint i = 0; cams != NULL && i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      double *days = g_new (double, 1);
      *days = json_object_get_double_member_with_default (c, "days_kept", -1);
      g_hash_table_insert (st->days_kept, g_strdup (member_string (c, "name")), days);
    }
  g_clear_pointer (&st->storage_alert, g_free);
  JsonArray *alerts = json_object_get_array_member (o, "alerts");
  if (alerts != NULL && json_array_get_length (alerts) > 0)
    st->storage_alert = cg_alert_describe (json_array_get_object_element (alerts, 0));
}


/* Asks for the cameras and their status; keeps the old data on failure. */
static void
refresh_data (CgStation *st)
{
  if (st->client == NULL && !try_connect (st))
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = cg_client_call (st->client, "camera.list", NULL, NULL, &error);
  g_autoptr (JsonNode) status = list != NULL ? cg_client_call (st->client, "status", NULL, NULL, &error) : NULL;
  if (status == NULL)
    {
      disconnect (st, error->message);
      return;
    }
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *cams = json_object_get_array_member (json_node_get_object (list), "cameras");
  for (guint i = 0; i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      g_hash_table_insert (map, (gpointer) member_string (c, "name"), c);
    }
  GPtrArray *fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_free);
  JsonObject *so = json_node_get_object (status);
  JsonArray *rows = json_object_get_array_member (so, "cameras");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      CgStationCamera *c = g_new0 (CgStationCamera, 1);
      c->name = g_strdup (member_string (r, "name"));
      c->place = g_strdup (member_string (r, "place"));
      c->state = g_strdup (member_string (r, "state"));
      c->reason = g_strdup (member_string (r, "reason"));
      c->bitrate = json_object_get_int_member_with_default (r, "bitrate", 0);
      c->fps = json_object_get_double_member_with_default (r, "fps", 0);
      c->reconnects = json_object_get_int_member_with_default (r, "reconnects", 0);
      c->uptime_24h = json_object_get_double_member_with_default (r, "uptime_24h", 0);
      JsonNode *kf = json_object_get_member (r, "keyframe_interval_ms");
      c->keyframe_interval_ms = kf != NULL && !JSON_NODE_HOLDS_NULL (kf) ? json_node_get_int (kf) : 0;
      JsonNode *age = json_object_get_member (r, "last_frame_age");
      c->last_frame_age = age != NULL && !JSON_NODE_HOLDS_NULL (age) ? json_node_get_double (age) : -1;
      JsonObject *cam = g_hash_table_lookup (map, c->name);
      JsonArray *pos = cam != NULL && json_object_has_member (cam, "map")
                           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (cam, "map"))
                         ? json_object_get_array_member (cam, "map") : NULL;
      if (pos != NULL && json_array_get_length (pos) == 2)
        {
          c->has_map = TRUE;
          c->map_x = (int) json_array_get_int_element (pos, 0);
          c->map_y = (int) json_array_get_int_element (pos, 1);
        }
      g_ptr_array_add (fresh, c);
    }
  g_hash_table_destroy (map);
  refresh_storage (st);
  for (guint i = 0; i < fresh->len; i++)
    {
      CgStationCamera *c = fresh->pdata[i];
      double *days = g_hash_table_lookup (st->days_kept, c->name);
      c->days_kept = days != NULL ? *days : -1;
    }
  JsonObject *storage = json_object_get_object_member (so, "storage");
  st->recordings_bytes = json_object_get_int_member_with_default (storage, "recordings_bytes", 0);
  st->free_bytes = json_object_get_int_member_with_default (storage, "free_bytes", 0);
  g_ptr_array_unref (st->cameras);
  st->cameras = fresh;
  st->updated_us = cg_time_now_us ();
  st->stale = FALSE;
  g_clear_pointer (&st->problem, g_free);
}

GPtrArray *
cg_station_visible (CgStation *st)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autofree char *needle = st->filter != NULL && *st->filter != '\0'
                              ? g_utf8_casefold (st->filter, -1) : NULL;
  for (guint i = 0; i < st->cameras->len; i++)
    {
      CgStationCamera *c = st->cameras->pdata[i];
      if (needle != NULL)
        {
          g_autofree char *name = g_utf8_casefold (c->name, -1);
          g_autofree char *place = g_utf8_casefold (c->place, -1);
          g_autofree char *n1 = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
          g_autofree char *n2 = g_utf8_normalize (place, -1, G_NORMALIZE_NFC);
          g_autofree char *n3 = g_utf8_normalize (needle, -1, G_NORMALIZE_NFC);
          if (strstr (n1, n3) == NULL && strstr (n2, n3) == NULL)
            continue;
        }
      g_ptr_array_add (out, c);
    }
  return out;
}

CgStationCamera *
cg_station_selected (CgStation *st, GPtrArray *visible)
{
  for (guint i = 0; i < visible->len; i++)
    {
      CgStationCamera *c = visible->pdata[i];
      if (g_strcmp0 (c->name, st->selected) == 0)
        return c;
    }
  if (visible->len == 0)
    return NULL;
  cg_station_select (st, visible->pdata[0]);
  return visible->pdata[0];
}

void
cg_station_select (CgStation *st, CgStationCamera *camera)
{
  g_free (st->selected);
  st->selected = camera != NULL ? g_strdup (camera->name) : NULL;
}

GArray *
cg_station_history (CgStation *st, const char *camera)
{
  gint64 now = cg_time_now_us ();
  if (g_strcmp0 (st->history_camera, camera) == 0 && now - st->history_us < 60 * CG_USEC_PER_SEC)
    return st->history;
  if (st->client == NULL)
    return g_strcmp0 (st->history_camera, camera) == 0 ? st->history : NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) r = cg_client_call (st->client, "link.stats", params, NULL, NULL);
  st->history_us = now;
  g_free (st->history_camera);
  st->history_camera = g_strdup (camera);
  g_clear_pointer (&st->history, g_array_unref);
  if (r == NULL)
    return NULL;
  st->history = g_array_new (FALSE, TRUE, sizeof (double));
  /* One value per minute of the last hour; silent minutes are zero. */
  g_array_set_size (st->history, 60);
  gint64 this_minute = now - now % (60 * CG_USEC_PER_SEC);
  JsonArray *rows = json_object_get_array_member (json_node_get_object (r), "minutes");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *m = json_array_get_object_element (rows, i);
      gint64 at = 0;
      cg_time_parse (json_object_get_string_member (m, "time"), NULL, &at, NULL);
      gint64 back = (this_minute - at) / (60 * CG_USEC_PER_SEC);
      if (back >= 0 && back < 60)
        g_array_index (st->history, double, 59 - back) =
          json_object_get_int_member (m, "bytes") * 8.0 / 60 / 1000;
    }
  return st->history;
}

/* ---- drawing ----------------------------------------------------------- */

static void
draw_title (CgStation *st, int cols)
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

static void
draw_status_line (CgStation *st, int rows, int cols)
{
  int y = rows - 1;
  attron (COLOR_PAIR (CG_PAIR_TITLE));
  mvhline (y, 0, ' ', cols);
  g_autofree char *clock = cg_time_format_local (cg_time_now_us (), NULL);
  int right = cg_text_width (clock) + 1;
  cg_draw_text (stdscr, y, cols - right, right - 1, clock, FALSE);
  g_autofree char *left = NULL;
  if (st->asking_quit)
    left = g_strdup (_("Quit the station? Enter: yes, Esc: no"));
  else if (st->editing_filter)
    {
      g_autofree char *view = cg_text_field_view (st->filter_edit, 40, NULL);
      CgImeMode ime = cg_text_field_ime (st->filter_edit);
      g_autofree char *mode = ime != CG_IME_OFF ? g_strdup_printf (" [%s]", cg_ime_mode_name (ime))
                                                : g_strdup ("");
      left = g_strdup_printf (_("Filter: %s_%s   Enter: keep, Esc: clear, Ctrl+T: Telex/VNI"), view, mode);
    }
  else
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
      left = g_strdup_printf ("%s%s%s%s%s%s%s%s%s", conn, *alerts ? " | " : "", alerts,
                              *storage ? " | " : "", storage,
                              *filter ? " | " : "", filter, *rate ? " | " : "", rate);
      /* The key hints only where there is room: state comes first. */
      const char *hints = _("F1 help  F10 quit");
      if (cg_text_width (left) + cg_text_width (hints) + 2 <= cols - right - 2)
        {
          char *more = g_strdup_printf ("%s  %s", left, hints);
          g_free (left);
          left = more;
        }
    }
  cg_draw_text (stdscr, y, 1, cols - right - 2, left, FALSE);
  attroff (COLOR_PAIR (CG_PAIR_TITLE));
}

static WINDOW *body;

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
  draw_title (st, cols);
  if (body == NULL || getmaxy (body) != rows - 2 || getmaxx (body) != cols)
    {
      if (body != NULL)
        delwin (body);
      body = derwin (stdscr, rows - 2, cols, 1, 0);
    }
  werase (body);
  /* Old data stays on screen, dimmed, while the daemon is away. */
  if (st->stale)
    wattron (body, A_DIM);
  cg_screens[st->screen]->draw (st, body, rows - 2, cols);
  wattroff (body, A_DIM);
  draw_status_line (st, rows, cols);
  wnoutrefresh (stdscr);
  wnoutrefresh (body);
  doupdate ();
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

/* ---- keys ---------------------------------------------------------------- */

/* The "/" field: Vietnamese by code point, Unikey's backspaces, the
 * built-in Telex/VNI on Ctrl+T; the filter applies as it is typed. */
static void
filter_key (CgStation *st, int key, gboolean is_char)
{
  gunichar ch = is_char ? (gunichar) key : 0;
  int code = is_char ? 0 : key;
  CgTextFieldResult r = cg_text_field_key (st->filter_edit, code, ch);
  if (r == CG_TEXT_FIELD_IGNORED)
    {
      if (ch == '\r' || ch == '\n' || code == KEY_ENTER)
        st->editing_filter = FALSE;
      else if (ch == 27)
        {
          cg_text_field_set_text (st->filter_edit, "");
          st->editing_filter = FALSE;
        }
    }
  else if (r & CG_TEXT_FIELD_REFUSED)
    beep ();
  const char *text = cg_text_field_text (st->filter_edit);
  g_free (st->filter);
  st->filter = *text != '\0' ? g_strdup (text) : NULL;
}

/* ---- the keys of every screen ------------------------------------------ */

static int
switch_screen (CgStation *st, int key, gunichar ch)
{
  int number = key != 0 ? key - KEY_F (0) : (ch == '0' ? 10 : (int) ch - '0');
  if (number == 10)
    {
      g_main_loop_quit (st->loop);
      return CG_KEY_HANDLED;
    }
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i]->number == number)
      st->screen = i;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
ask_quit (CgStation *st, int key, gunichar ch)
{
  st->asking_quit = TRUE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
start_filter (CgStation *st, int key, gunichar ch)
{
  st->editing_filter = TRUE;
  cg_text_field_set_text (st->filter_edit, st->filter != NULL ? st->filter : "");
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
toggle_rate (CgStation *st, int key, gunichar ch)
{
  st->show_rate = !st->show_rate;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
redraw_all (CgStation *st, int key, gunichar ch)
{
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Hotkeys that Telex and VNI leave alone: F-keys, digits (outside text
 * fields), q / b; letters are folded before they are looked up. */
const CgScreenKey cg_station_keys[] = {
  { KEY_F (1), 0, "F1 … F4", N_("switch screen (or the digits 1 … 4)"), switch_screen },
  { KEY_F (2), 0, NULL, NULL, switch_screen },
  { KEY_F (3), 0, NULL, NULL, switch_screen },
  { KEY_F (4), 0, NULL, NULL, switch_screen },
  { 0, '1', NULL, NULL, switch_screen },
  { 0, '2', NULL, NULL, switch_screen },
  { 0, '3', NULL, NULL, switch_screen },
  { 0, '4', NULL, NULL, switch_screen },
  { 0, '/', "/", N_("filter cameras by name or place; Enter keeps it, Esc clears it"), start_filter },
  { 0, 'b', "b", N_("show how much this station sends to the terminal"), toggle_rate },
  { 0, 'q', "q", N_("quit, after asking"), ask_quit },
  { KEY_F (10), 0, "F10", N_("quit at once (or 0)"), switch_screen },
  { 0, '0', NULL, NULL, switch_screen },
  { KEY_RESIZE, 0, NULL, NULL, redraw_all },
  { 0 },
};

static void
handle_key (CgStation *st, int key, gboolean is_char)
{
  if (st->editing_filter)
    {
      filter_key (st, key, is_char);
      cg_station_redraw (st);
      return;
    }
  if (st->asking_quit)
    {
      if (is_char && (key == '\n' || key == '\r' || key == 'y' || key == 'c'))
        g_main_loop_quit (st->loop);
      st->asking_quit = FALSE;
      cg_station_redraw (st);
      return;
    }
  /* The screen's own keys first, then those of every screen; anything
   * else (Backspace from Unikey included) does nothing. */
  int code = is_char ? 0 : key;
  gunichar ch = is_char ? (gunichar) key : 0;
  int flags = cg_screen_dispatch (cg_screens[st->screen]->keys, st, code, ch);
  if (!(flags & CG_KEY_HANDLED))
    flags = cg_screen_dispatch (cg_station_keys, st, code, ch);
  if (flags & CG_KEY_REDRAW)
    cg_station_redraw (st);
}

static gboolean
on_stdin (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  CgStation *st = data;
  wint_t wch;
  int rc;
  while ((rc = get_wch (&wch)) != ERR)
    handle_key (st, (int) wch, rc == OK);
  if (cond & (G_IO_HUP | G_IO_ERR))
    {
      /* The terminal went away (an SSH link dropped): nothing to show. */
      st->stdin_watch = 0;
      g_main_loop_quit (st->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

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
  cg_station_redraw (st);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_refresh (gpointer data)
{
  CgStation *st = data;
  refresh_data (st);
  cg_station_redraw (st);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_second (gpointer data)
{
  CgStation *st = data;
  st->bytes_written = cg_terminal_bytes (st->terminal);
  st->rate_kbits = (double) (st->bytes_written - st->rate_bytes) * 8 / 1000;
  st->average_kbits = cg_budget_average (st->average_kbits, st->rate_kbits);
  st->rate_bytes = st->bytes_written;
  cg_thumbs_tick (st->thumbs, st);
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
  g_autofree char *text = g_strdup_printf ("{\"bytes\": %" G_GUINT64_FORMAT ", \"seconds\": %.3f, "
                                           "\"redraws\": %" G_GUINT64_FORMAT ", \"pictures\": %" G_GUINT64_FORMAT "}\n",
                                           st->bytes_written,
                                           (double) (cg_time_now_us () - started_us) / CG_USEC_PER_SEC,
                                           st->redraws, cg_thumbs_updates (st->thumbs));
  g_file_set_contents (path, text, -1, NULL);
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
    .cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_free),
    .filter_edit = cg_text_field_new (64),
    .utf8 = cg_i18n_is_utf8 (),
    .screen = 1, /* the map */
    .grid_size = 2,
    .days_kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  FILE *out = NULL;
  g_autoptr (GError) error = NULL;
  st.terminal = cg_terminal_open (&out, &error);
  if (st.terminal == NULL)
    {
      cg_cli_error ("canhgac", "%s", error->message);
      return CG_EXIT_FAILED;
    }
  SCREEN *screen = newterm (NULL, out, stdin);
  if (screen == NULL)
    {
      cg_terminal_close (st.terminal);
      cg_cli_error ("canhgac", _("this terminal cannot be used (TERM=%s)"), g_getenv ("TERM"));
      return CG_EXIT_FAILED;
    }
  set_term (screen);
  fit_terminal ();
  /* FFmpeg must not write over the screen. */
  av_log_set_level (AV_LOG_QUIET);
  cbreak ();
  noecho ();
  nonl ();
  keypad (stdscr, TRUE);
  nodelay (stdscr, TRUE);
  set_escdelay (25);
  curs_set (0);
  init_colors ();
  st.color_mode = cg_picture_color_mode ();
  st.thumbs = cg_thumbs_new ();

  st.loop = g_main_loop_new (NULL, FALSE);
  refresh_data (&st);
  GIOChannel *in = g_io_channel_unix_new (STDIN_FILENO);
  st.stdin_watch = g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, &st);
  g_io_channel_unref (in);
  guint winch = g_unix_signal_add (SIGWINCH, on_winch, &st);
  guint term = g_unix_signal_add (SIGTERM, on_quit_signal, &st);
  guint hup = g_unix_signal_add (SIGHUP, on_quit_signal, &st);
  guint tick = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh, &st);
  guint second = g_timeout_add_seconds (1, on_second, &st);
  cg_station_redraw (&st);
  g_main_loop_run (st.loop);

  if (st.stdin_watch != 0)
    g_source_remove (st.stdin_watch);
  g_source_remove (winch);
  g_source_remove (term);
  g_source_remove (hup);
  g_source_remove (tick);
  g_source_remove (second);
  if (body != NULL)
    delwin (body);
  body = NULL;
  endwin ();
  delscreen (screen);
  st.bytes_written = cg_terminal_close (st.terminal);
  write_stats (&st, started_us);
  disconnect (&st, NULL);
  g_main_loop_unref (st.loop);
  g_ptr_array_unref (st.cameras);
  cg_thumbs_free (st.thumbs);
  cg_text_field_free (st.filter_edit);
  g_free (st.filter);
  g_free (st.selected);
  g_hash_table_destroy (st.days_kept);
  g_free (st.storage_alert);
  g_free (st.history_camera);
  if (st.history != NULL)
    g_array_unref (st.history);
  g_free (st.problem);
  g_free (st.user);
  g_free (st.role);
  return CG_EXIT_OK;
}
