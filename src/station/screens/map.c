/* screens/map.c — F2: the commune map with a marker per camera, coloured
 * by state; arrows move between cameras, Enter shows one in detail. */
#include "build-config.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/history.h"
#include "station/layout.h"
#include "station/screen.h"
#include "station/screens/playback.h"

#include <math.h>

/* The screen's own state. */
typedef struct
{
  CgStation *st;
  GPtrArray *map_lines;  /* the map file, read once: lines of text, in cells */
  char *map_problem;     /* why there is no map */
  gboolean details;      /* the selected camera's details are open */
  char *history_camera;  /* whose per-minute bitrate is in history */
  GArray *history;       /* CgLinkMinute, the last hour, or NULL */
  gint64 history_us;     /* when it was fetched */
} MapScreen;

static void
load_map (MapScreen *m)
{
  g_autofree char *text = NULL;
  const char *path = m->st->config->map_path != NULL ? m->st->config->map_path
                                                     : PKGDATADIR "/commune.map";
  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    {
      m->map_problem = g_strdup_printf (_("No map: %s cannot be read (set [station] map)"), path);
      return;
    }
  m->map_lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (m->map_lines, g_strdup (lines[i]));
}

static gpointer
map_open (CgStation *st)
{
  MapScreen *m = g_new0 (MapScreen, 1);
  m->st = st;
  load_map (m);
  return m;
}

static void
map_close (gpointer self)
{
  MapScreen *m = self;
  if (m->map_lines != NULL)
    g_ptr_array_unref (m->map_lines);
  g_free (m->map_problem);
  g_free (m->history_camera);
  if (m->history != NULL)
    g_array_unref (m->history);
  g_free (m);
}

/* The details show the last hour's bitrate: asked for when they open on
 * a camera, then once a minute. */
static void
map_update (gpointer self)
{
  MapScreen *m = self;
  CgStation *st = m->st;
  if (!m->details || st->client == NULL)
    return;
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  gint64 now = cg_time_now_us ();
  if (sel == NULL
      || (g_strcmp0 (m->history_camera, sel->name) == 0 && now - m->history_us < 60 * CG_USEC_PER_SEC))
    return;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, sel->name);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) r = cg_client_call (st->client, "link.stats", params, NULL, NULL);
  m->history_us = now;
  g_free (m->history_camera);
  m->history_camera = g_strdup (sel->name);
  g_clear_pointer (&m->history, g_array_unref);
  if (r != NULL && JSON_NODE_HOLDS_OBJECT (r))
    m->history = cg_link_history_parse (json_node_get_object (r), now, 59);
}

static void
draw_details (MapScreen *m, WINDOW *win, int rows, int cols, CgStationCamera *c)
{
  CgStation *st = m->st;
  /* The picture on the left as large as the terminal allows, at 16:9,
   * the text beside it. */
  CgRect panel, pic, text;
  cg_layout_details (rows, cols, &panel, &pic, &text);
  for (int y = panel.y; y < panel.y + panel.h; y++)
    mvwhline (win, y, panel.x, ' ', panel.w);
  gboolean live = cg_model_is_live (st->model, c);
  if (pic.w > 0)
    {
      /* Not live: the last picture, grey, with its age. */
      cg_thumbs_set_grey (st->thumbs, c->name, !live);
      const CgCell *cells = cg_thumbs_cells (st->thumbs, c->name, pic.w, pic.h, &st->picture_style);
      if (cells != NULL)
        {
          cg_picture_draw (win, pic.y, pic.x, cells, pic.w, pic.h);
          if (!live)
            cg_draw_old_picture_label (st, win, pic.y, pic.x, pic.w, MIN (2, pic.h - 1), c);
        }
      else
        cg_draw_text (win, pic.y + pic.h / 2, pic.x + 1, pic.w - 2, _("(no picture yet)"), FALSE);
    }
  int y = text.y, last = text.y + text.h - 1, tx = text.x, tw = text.w;
  /* The close key keeps the last row. */
  int end = last - 1;
  wattron (win, A_BOLD);
  if (y <= end)
    cg_draw_text (win, y++, tx, tw, c->name, FALSE);
  wattroff (win, A_BOLD);
  if (y <= end)
    y = cg_draw_paragraph (win, y, tx, tw, MIN (2, end - y + 1), c->place);
  y++;
  const char *shown = cg_model_state (st->model, c);
  wattron (win, COLOR_PAIR (cg_draw_state_pair (shown)) | A_BOLD);
  g_autofree char *state = g_strdup_printf ("%s %s", cg_draw_marker (st, shown), cg_camera_state_label (shown));
  if (y <= end)
    cg_draw_text (win, y++, tx, tw, state, FALSE);
  wattroff (win, COLOR_PAIR (cg_draw_state_pair (shown)) | A_BOLD);
  gboolean warning = FALSE;
  g_autofree char *why = cg_model_advice (st->model, c, &warning);
  if (warning)
    wattron (win, COLOR_PAIR (CG_PAIR_WARNING));
  if (y <= end && *why != '\0')
    y = cg_draw_paragraph (win, y, tx, tw, MIN (3, end - y + 1), why);
  if (warning)
    wattroff (win, COLOR_PAIR (CG_PAIR_WARNING));
  y++;
  /* A camera that is not live has no figures of now. */
  g_autofree char *link = g_strdup_printf (_("Bitrate %.0f kbit/s, %.1f frames/s, keyframe every %.1f s"),
                                           c->bitrate / 1000.0, c->fps, c->keyframe_interval_ms / 1000.0);
  if (y <= end && live)
    y = cg_draw_paragraph (win, y, tx, tw, MIN (2, end - y + 1), link);
  g_autofree char *up = g_strdup_printf (_("Recorded %.0f%% of the last 24 h; %d reconnections"),
                                         floor (c->uptime_24h * 100), (int) c->reconnects);
  if (y <= end)
    y = cg_draw_paragraph (win, y, tx, tw, MIN (2, end - y + 1), up);
  y++;
  if (y + 1 <= end)
    {
      cg_draw_text (win, y++, tx, tw, _("Bitrate, last hour:"), FALSE);
      GArray *history = g_strcmp0 (m->history_camera, c->name) == 0 ? m->history : NULL;
      g_autofree char *spark = cg_link_history_bars (history, tw, st->utf8, NULL);
      wattron (win, COLOR_PAIR (CG_PAIR_RECORDING));
      cg_draw_text (win, y++, tx, tw, spark, FALSE);
      wattroff (win, COLOR_PAIR (CG_PAIR_RECORDING));
    }
  cg_draw_text (win, last, tx, tw, _("Esc: close"), FALSE);
}

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  MapScreen *m = self;
  CgStation *st = m->st;
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  int map_rows = rows - 1;
  /* Scroll so that the selected camera is in view. */
  int ox = 0, oy = 0;
  if (sel != NULL && sel->has_map)
    {
      if (sel->map_x >= cols - 2)
        ox = sel->map_x - cols / 2;
      if (sel->map_y >= map_rows)
        oy = sel->map_y - map_rows / 2;
    }
  if (m->map_lines != NULL)
    {
      wattron (win, COLOR_PAIR (CG_PAIR_MAP));
      for (int y = 0; y < map_rows && (guint) (y + oy) < m->map_lines->len; y++)
        {
          const char *line = m->map_lines->pdata[y + oy];
          const char *p = line;
          for (int skip = 0; skip < ox && *p != '\0'; skip++)
            p = g_utf8_next_char (p);
          cg_draw_text (win, y, 0, cols, p, FALSE);
        }
      wattroff (win, COLOR_PAIR (CG_PAIR_MAP));
    }
  else
    cg_draw_text (win, 0, 1, cols - 2, m->map_problem, FALSE);

  /* The selected camera and those in trouble carry their names, each where
   * it covers no other camera and no other name (cg_layout_map_name): the
   * selected camera's first, so that it has the best place. */
  GString *off_map = g_string_new (NULL);
  g_autoptr (GArray) taken = g_array_new (FALSE, FALSE, sizeof (CgRect));
  g_autoptr (GPtrArray) named = g_ptr_array_new ();
  for (guint i = 0; i < v->len; i++)
    {
      CgStationCamera *c = v->pdata[i];
      int x = c->map_x - ox, y = c->map_y - oy;
      if (!c->has_map)
        g_string_append_printf (off_map, "%s%s", off_map->len ? ", " : "", c->name);
      if (!c->has_map || x < 0 || y < 0 || x >= cols || y >= map_rows)
        continue;
      CgRect marker = { .y = y, .x = x, .h = 1, .w = 1 };
      g_array_append_val (taken, marker);
      int pair = cg_draw_state_pair (cg_model_state (st->model, c));
      if (c == sel)
        g_ptr_array_insert (named, 0, c);
      else if (pair == CG_PAIR_OFFLINE || pair == CG_PAIR_WARNING)
        g_ptr_array_add (named, c);
    }
  for (guint i = 0; i < named->len; i++)
    {
      CgStationCamera *c = named->pdata[i];
      int w = MIN (cg_text_width (c->name), cols);
      CgRect at;
      cg_layout_map_name (map_rows, cols, c->map_y - oy, c->map_x - ox, w,
                          (const CgRect *) (gpointer) taken->data, (int) taken->len, &at);
      if (at.w <= 0)
        continue;
      g_array_append_val (taken, at);
      int pair = cg_draw_state_pair (cg_model_state (st->model, c));
      wattron (win, COLOR_PAIR (pair) | A_BOLD);
      cg_draw_text (win, at.y, at.x, at.w, c->name, FALSE);
      wattroff (win, COLOR_PAIR (pair) | A_BOLD);
    }
  for (guint i = 0; i < v->len; i++)
    {
      CgStationCamera *c = v->pdata[i];
      int x = c->map_x - ox, y = c->map_y - oy;
      if (!c->has_map || x < 0 || y < 0 || x >= cols || y >= map_rows)
        continue;
      const char *state = cg_model_state (st->model, c);
      wattron (win, COLOR_PAIR (cg_draw_state_pair (state)) | A_BOLD | (c == sel ? A_REVERSE : 0));
      mvwaddstr (win, y, x, cg_draw_marker (st, state));
      wattroff (win, COLOR_PAIR (cg_draw_state_pair (state)) | A_BOLD | A_REVERSE);
    }
  g_autofree char *foot = NULL;
  if (sel != NULL)
    {
      g_autofree char *why = cg_model_advice (st->model, sel, NULL);
      foot = g_strdup_printf ("%s: %s%s%s", sel->name, cg_camera_state_label (cg_model_state (st->model, sel)),
                              *why ? " — " : "", why);
    }
  else
    foot = cg_model_empty_text (st->model, st->filter);
  if (off_map->len > 0)
    {
      g_autofree char *more = g_strdup_printf (_("%s | not on the map: %s"), foot, off_map->str);
      g_free (foot);
      foot = g_steal_pointer (&more);
    }
  g_string_free (off_map, TRUE);
  wattron (win, A_BOLD);
  if (sel != NULL)
    cg_draw_text (win, rows - 1, 1, cols - 2, foot, FALSE);
  else
    {
      /* Why there is no camera, whole, over the bottom of the map. */
      g_auto (GStrv) lines = cg_text_wrap (foot, cols - 2);
      int n = MIN ((int) g_strv_length (lines), 3);
      for (int i = 0; i < n; i++)
        {
          mvwhline (win, rows - n + i, 0, ' ', cols);
          cg_draw_text (win, rows - n + i, 1, cols - 2, lines[i], FALSE);
        }
    }
  wattroff (win, A_BOLD);
  if (m->details && sel != NULL)
    draw_details (m, win, rows, cols, sel);
}

/* The nearest camera in the arrow's direction. */
static CgStationCamera *
neighbour (GPtrArray *v, CgStationCamera *from, int dx, int dy)
{
  CgStationCamera *best = NULL;
  double best_score = INFINITY;
  for (guint i = 0; i < v->len; i++)
    {
      CgStationCamera *c = v->pdata[i];
      if (c == from || !c->has_map)
        continue;
      int ax = c->map_x - from->map_x, ay = c->map_y - from->map_y;
      /* Cells are about twice as tall as wide. */
      double along = dx != 0 ? ax * dx : ay * dy * 2.0;
      double across = dx != 0 ? fabs (ay * 2.0) : fabs ((double) ax);
      if (along <= 0)
        continue;
      double score = along + 2 * across;
      if (score < best_score)
        {
          best = c;
          best_score = score;
        }
    }
  return best;
}

static int
toggle_details (gpointer self, int key)
{
  MapScreen *m = self;
  g_autoptr (GPtrArray) v = cg_station_visible (m->st);
  /* Enter on a camera whose details are open: the camera live. */
  if (m->details && cg_station_selected (m->st, v) != NULL)
    {
      cg_playback_show_live (m->st);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  m->details = cg_station_selected (m->st, v) != NULL;
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
close_details (gpointer self, int key)
{
  MapScreen *m = self;
  if (!m->details)
    return CG_KEY_IGNORED;
  m->details = FALSE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Open details follow the selection: the new camera's history. */
static int
selected (MapScreen *m, CgStationCamera *camera)
{
  cg_station_select (m->st, camera);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | (m->details ? CG_KEY_UPDATE : 0);
}

static int
move_selection (gpointer self, int key)
{
  MapScreen *m = self;
  g_autoptr (GPtrArray) v = cg_station_visible (m->st);
  CgStationCamera *sel = cg_station_selected (m->st, v);
  if (sel == NULL)
    return CG_KEY_HANDLED;
  int dx = key == CG_KEY_RIGHT ? 1 : key == CG_KEY_LEFT ? -1 : 0;
  int dy = key == CG_KEY_DOWN ? 1 : key == CG_KEY_UP ? -1 : 0;
  CgStationCamera *next = sel->has_map ? neighbour (v, sel, dx, dy) : NULL;
  if (next == NULL)
    {
      /* Off the map, or nothing that way: step through the list. */
      guint i = 0;
      for (; i < v->len && v->pdata[i] != sel; i++)
        ;
      i = (i + v->len + (dx + dy > 0 ? 1 : -1)) % v->len;
      next = v->pdata[i];
    }
  return selected (m, next);
}

/* The next camera in name order, or the previous one. */
static int
step_camera (MapScreen *m, int step)
{
  g_autoptr (GPtrArray) v = cg_station_visible (m->st);
  CgStationCamera *sel = cg_station_selected (m->st, v);
  if (v->len == 0)
    return CG_KEY_HANDLED;
  guint i = 0;
  for (; i < v->len && v->pdata[i] != sel; i++)
    ;
  return selected (m, v->pdata[(i + v->len + step) % v->len]);
}

static int
next_camera (gpointer self, int key)
{
  return step_camera (self, 1);
}

static int
previous_camera (gpointer self, int key)
{
  return step_camera (self, -1);
}

static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_LEFT, CG_KEY_RIGHT }, .name = "camera-nearest",
    .label = N_("move"), .help = N_("move to the nearest camera that way"), .action = move_selection },
  { .keys = { CG_KEY_TAB, CG_KEY_PAGE_DOWN }, .name = "camera-next", .label = N_("next"),
    .help = N_("next camera, in name order"), .action = next_camera },
  { .keys = { CG_KEY_BACK_TAB, CG_KEY_PAGE_UP }, .name = "camera-previous", .label = N_("previous"),
    .help = N_("previous camera, in name order"), .action = previous_camera },
  { .keys = { CG_KEY_ENTER }, .name = "details", .label = N_("details"),
    .help = N_("the camera's details; again: the camera live, full-screen (Esc: back)"),
    .action = toggle_details },
  { .keys = { CG_KEY_ESC }, .name = "details-close", .label = N_("close"),
    .help = N_("close the details"), .action = close_details },
  { .keys = { CG_KEY_NONE } },
};

const CgScreen cg_screen_map = {
  .name = "map",
  .number = 2,
  .title = N_("Map"),
  .help = N_("the commune map, a marker per camera coloured by its state"),
  .open = map_open,
  .close = map_close,
  .update = map_update,
  .paint = paint,
  .keys = keys,
  .guide = "Bản đồ (F2)",
};
