/* screens/map.c — F2: the commune map with a marker per camera, coloured
 * by state; arrows move between cameras, Enter shows one in detail. */
#include "build-config.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "station/screen.h"

#include <math.h>

/* The map file, read once: lines of text, in cells. */
static GPtrArray *map_lines;
static char *map_problem;

static void
load_map (CgStation *st)
{
  if (map_lines != NULL || map_problem != NULL)
    return;
  g_autofree char *text = NULL;
  const char *path = st->config->map_path != NULL ? st->config->map_path
                                                  : PKGDATADIR "/commune.map";
  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    {
      map_problem = g_strdup_printf (_("No map: %s cannot be read (set [station] map)"), path);
      return;
    }
  map_lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (map_lines, g_strdup (lines[i]));
}

/* The last hour's bitrate in one line of bars. */
static char *
sparkline (CgStation *st, GArray *values, int width)
{
  static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
  static const char ascii[] = " .:-=+*#";
  GString *s = g_string_new (NULL);
  if (values == NULL || values->len == 0)
    return g_string_free (s, FALSE);
  double max = 1;
  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  guint first = values->len > (guint) width ? values->len - (guint) width : 0;
  for (guint i = first; i < values->len; i++)
    {
      int level = (int) (g_array_index (values, double, i) / max * 7.999);
      if (st->utf8)
        g_string_append (s, bars[level]);
      else
        g_string_append_c (s, ascii[level]);
    }
  return g_string_free (s, FALSE);
}

static void
draw_details (CgStation *st, WINDOW *win, int rows, int cols, CgStationCamera *c)
{
  int h = MIN (rows - 2, 16), w = MIN (cols - 2, 100);
  int y0 = rows - h - 1, x0 = (cols - w) / 2;
  for (int y = y0; y < y0 + h; y++)
    mvwhline (win, y, x0, ' ', w);
  /* The picture on the left, twice as wide as tall in cells. */
  int ph = h - 2, pw = MIN (ph * 2 + ph / 2, w / 2);
  const CgCell *cells = cg_thumbs_cells (st->thumbs, c->name, pw, ph, st->color_mode, st->utf8);
  if (cells != NULL)
    cg_picture_draw (win, y0 + 1, x0 + 1, cells, pw, ph);
  else
    cg_draw_text (win, y0 + ph / 2, x0 + 2, pw - 2, _("(no picture yet)"), FALSE);
  int tx = x0 + pw + 3, tw = w - pw - 4;
  wattron (win, A_BOLD);
  cg_draw_text (win, y0 + 1, tx, tw, c->name, FALSE);
  wattroff (win, A_BOLD);
  cg_draw_text (win, y0 + 2, tx, tw, c->place, FALSE);
  wattron (win, COLOR_PAIR (cg_draw_state_pair (c->state)) | A_BOLD);
  g_autofree char *state = g_strdup_printf ("%s %s", cg_draw_marker (st, c->state),
                                            cg_camera_state_label (c->state));
  cg_draw_text (win, y0 + 4, tx, tw, state, FALSE);
  wattroff (win, COLOR_PAIR (cg_draw_state_pair (c->state)) | A_BOLD);
  g_autofree char *why = cg_reason_describe (c->reason);
  cg_draw_text (win, y0 + 5, tx, tw, why, FALSE);
  g_autofree char *link = g_strdup_printf (_("Bitrate %.0f kbit/s, %.1f frames/s, keyframe every %.1f s"),
                                           c->bitrate / 1000.0, c->fps, c->keyframe_interval_ms / 1000.0);
  cg_draw_text (win, y0 + 7, tx, tw, link, FALSE);
  g_autofree char *up = g_strdup_printf (_("Recorded %.0f%% of the last 24 h; %d reconnections"),
                                         floor (c->uptime_24h * 100), (int) c->reconnects);
  cg_draw_text (win, y0 + 8, tx, tw, up, FALSE);
  cg_draw_text (win, y0 + 10, tx, tw, _("Bitrate, last hour:"), FALSE);
  g_autofree char *spark = sparkline (st, cg_station_history (st, c->name), tw);
  wattron (win, COLOR_PAIR (CG_PAIR_RECORDING));
  cg_draw_text (win, y0 + 11, tx, tw, spark, FALSE);
  wattroff (win, COLOR_PAIR (CG_PAIR_RECORDING));
  cg_draw_text (win, y0 + h - 2, tx, tw, _("Esc: close"), FALSE);
}

static void
draw (CgStation *st, WINDOW *win, int rows, int cols)
{
  load_map (st);
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
  if (map_lines != NULL)
    {
      wattron (win, COLOR_PAIR (CG_PAIR_MAP));
      for (int y = 0; y < map_rows && (guint) (y + oy) < map_lines->len; y++)
        {
          const char *line = map_lines->pdata[y + oy];
          const char *p = line;
          for (int skip = 0; skip < ox && *p != '\0'; skip++)
            p = g_utf8_next_char (p);
          cg_draw_text (win, y, 0, cols, p, FALSE);
        }
      wattroff (win, COLOR_PAIR (CG_PAIR_MAP));
    }
  else
    cg_draw_text (win, 0, 1, cols - 2, map_problem, FALSE);

  GString *off_map = g_string_new (NULL);
  for (guint i = 0; i < v->len; i++)
    {
      CgStationCamera *c = v->pdata[i];
      int x = c->map_x - ox, y = c->map_y - oy;
      if (!c->has_map || x < 0 || y < 0 || x >= cols || y >= map_rows)
        {
          if (!c->has_map)
            g_string_append_printf (off_map, "%s%s", off_map->len ? ", " : "", c->name);
          continue;
        }
      int pair = cg_draw_state_pair (c->state);
      wattron (win, COLOR_PAIR (pair) | A_BOLD | (c == sel ? A_REVERSE : 0));
      mvwaddstr (win, y, x, cg_draw_marker (st, c->state));
      wattroff (win, A_REVERSE);
      /* The selected camera and those in trouble carry their names. */
      if (c == sel || pair == CG_PAIR_OFFLINE || pair == CG_PAIR_WARNING)
        cg_draw_text (win, y, x + 2, MIN (cg_text_width (c->name), cols - x - 3), c->name, FALSE);
      wattroff (win, COLOR_PAIR (pair) | A_BOLD);
    }
  g_autofree char *foot = NULL;
  if (sel != NULL)
    {
      g_autofree char *why = cg_reason_describe (sel->reason);
      foot = g_strdup_printf ("%s: %s%s%s", sel->name, cg_camera_state_label (sel->state),
                              *why ? " — " : "", why);
    }
  else
    foot = g_strdup (st->filter != NULL ? _("No camera matches the filter.")
                                        : _("No cameras yet: add them with canhgac camera add."));
  if (off_map->len > 0)
    {
      g_autofree char *more = g_strdup_printf (_("%s | not on the map: %s"), foot, off_map->str);
      g_free (foot);
      foot = g_steal_pointer (&more);
    }
  g_string_free (off_map, TRUE);
  wattron (win, A_BOLD);
  cg_draw_text (win, rows - 1, 1, cols - 2, foot, FALSE);
  wattroff (win, A_BOLD);
  if (st->details && sel != NULL)
    draw_details (st, win, rows, cols, sel);
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
toggle_details (CgStation *st, int key, gunichar ch)
{
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  st->details = cg_station_selected (st, v) != NULL && !st->details;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
close_details (CgStation *st, int key, gunichar ch)
{
  if (!st->details)
    return CG_KEY_IGNORED;
  st->details = FALSE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
move_selection (CgStation *st, int key, gunichar ch)
{
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  if (sel == NULL)
    return CG_KEY_HANDLED;
  int dx = key == KEY_RIGHT ? 1 : key == KEY_LEFT ? -1 : 0;
  int dy = key == KEY_DOWN ? 1 : key == KEY_UP ? -1 : 0;
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
  cg_station_select (st, next);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
next_camera (CgStation *st, int key, gunichar ch)
{
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  guint i = 0;
  for (; i < v->len && v->pdata[i] != sel; i++)
    ;
  if (v->len > 0)
    cg_station_select (st, v->pdata[(i + (key == KEY_PPAGE ? v->len - 1 : 1)) % v->len]);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static const CgScreenKey keys[] = {
  { KEY_UP, 0, "← ↑ → ↓", N_("move to the nearest camera that way"), move_selection },
  { KEY_DOWN, 0, NULL, NULL, move_selection },
  { KEY_LEFT, 0, NULL, NULL, move_selection },
  { KEY_RIGHT, 0, NULL, NULL, move_selection },
  { 0, '\t', "Tab", N_("next camera, in name order"), next_camera },
  { KEY_NPAGE, 0, NULL, NULL, next_camera },
  { KEY_PPAGE, 0, NULL, NULL, next_camera },
  { KEY_ENTER, 0, "Enter", N_("show or hide the camera's details"), toggle_details },
  { 0, '\r', NULL, NULL, toggle_details },
  { 0, '\n', NULL, NULL, toggle_details },
  { 0, 27, "Esc", N_("close the details"), close_details },
  { 0 },
};

const CgScreen cg_screen_map = {
  .number = 2,
  .title = N_("Map"),
  .draw = draw,
  .keys = keys,
};
