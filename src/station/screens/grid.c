/* screens/grid.c — F3: cameras in tiles, 1, 4, 9 or 16 to a page, each
 * with its name and state. */
#include "build-config.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "station/layout.h"
#include "station/screen.h"
#include "station/screens/playback.h"

static void
draw_tile (CgStation *st, WINDOW *win, int y, int x, int h, int w, CgStationCamera *c, gboolean sel)
{
  /* "unknown" while the daemon is away: never an old "recording". */
  const char *state = cg_model_state (st->model, c);
  gboolean live = cg_model_is_live (st->model, c);
  int pair = cg_draw_state_pair (state);
  wattron (win, COLOR_PAIR (pair) | (sel ? A_REVERSE : 0));
  mvwhline (win, y, x, ' ', w);
  g_autofree char *head = g_strdup_printf ("%s %s", cg_draw_marker (st, state), c->name);
  cg_draw_text (win, y, x + 1, w - 2, head, FALSE);
  wattroff (win, COLOR_PAIR (pair) | (sel ? A_REVERSE : 0));
  if (h < 2)
    return;
  /* The live picture fills the tile below its name when there is one;
   * an old one is grey, and says how old it is. */
  if (h >= 4)
    cg_thumbs_set_grey (st->thumbs, c->name, !live);
  const CgCell *cells = h >= 4 ? cg_thumbs_cells (st->thumbs, c->name, w, h - 1, &st->picture_style)
                               : NULL;
  if (cells != NULL)
    {
      cg_picture_draw (win, y + 1, x, cells, w, h - 1);
      if (!live)
        cg_draw_old_picture_label (st, win, y + 1, x, w, MIN (2, h - 2), c);
      return;
    }
  g_autofree char *why = cg_model_advice (st->model, c, NULL);
  g_autofree char *line = live && *why == '\0'
                            ? g_strdup_printf (_("%s, %.0f kbit/s"), cg_camera_state_label (state),
                                               c->bitrate / 1000.0)
                            : g_strdup_printf ("%s%s%s", cg_camera_state_label (state),
                                               *why ? ": " : "", why);
  cg_draw_text (win, y + 1, x + 1, w - 2, line, FALSE);
  if (h > 2 && c->place != NULL && *c->place != '\0')
    cg_draw_text (win, y + 2, x + 1, w - 2, c->place, FALSE);
}

/* The screen's own state. */
typedef struct
{
  CgStation *st;
  int size;       /* tiles per side the officer asked for: 1 to 4 */
  int rows, cols; /* the body, from resize */
} GridScreen;

static gpointer
grid_open (CgStation *st)
{
  GridScreen *g = g_new0 (GridScreen, 1);
  g->st = st;
  g->size = 2;
  return g;
}

static void
grid_close (gpointer self)
{
  g_free (self);
}

static void
grid_resize (gpointer self, int rows, int cols)
{
  GridScreen *g = self;
  g->rows = rows;
  g->cols = cols;
}

/* Tiles per side on this terminal: a small one shows fewer, larger tiles
 * than asked for. */
static int
tiles_per_side (const GridScreen *g)
{
  return MIN (g->size, cg_layout_grid_max (g->rows, g->cols));
}

/* The page shown is always the one holding the selected camera: a page
 * turned selects its first, and more or fewer tiles (+/-, a terminal
 * resized) keep the selection in view. */
static int
index_of (GPtrArray *v, CgStationCamera *sel)
{
  for (guint i = 0; i < v->len; i++)
    if (v->pdata[i] == sel)
      return (int) i;
  return -1;
}

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  GridScreen *g = self;
  CgStation *st = g->st;
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  int n = tiles_per_side (g), per_page = n * n;
  guint pages = MAX (1, (v->len + per_page - 1) / per_page);
  int page = cg_layout_grid_page (index_of (v, sel), (int) v->len, n);
  for (int i = 0; i < per_page; i++)
    {
      guint idx = (guint) (page * per_page + i);
      CgRect r;
      if (idx >= v->len || !cg_layout_grid_tile (rows, cols, n, i, &r))
        break;
      draw_tile (st, win, r.y, r.x, r.h, r.w, v->pdata[idx], v->pdata[idx] == sel);
    }
  if (v->len == 0)
    {
      /* Why there is nothing, whole: "cannot reach canhgacd: ..." */
      g_autofree char *empty = cg_model_empty_text (st->model, st->filter);
      cg_draw_paragraph (win, 1, 1, cols - 2, rows - 2, empty);
      return;
    }
  g_autofree char *foot = g_strdup_printf (_("Page %d of %u, %d to a page (+/-: change, PgUp/PgDn: page)"),
                                           page + 1, pages, per_page);
  cg_draw_text (win, rows - 1, 1, cols - 2, foot, FALSE);
}

static int
resize_tiles (gpointer self, int key)
{
  GridScreen *g = self;
  g->size = CLAMP (g->size + (key == '+' ? -1 : 1), 1, 4);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
turn_page (gpointer self, int key)
{
  GridScreen *g = self;
  g_autoptr (GPtrArray) v = cg_station_visible (g->st);
  int n = tiles_per_side (g), per_page = n * n;
  int pages = MAX (1, ((int) v->len + per_page - 1) / per_page);
  int page = cg_layout_grid_page (index_of (v, cg_station_selected (g->st, v)), (int) v->len, n);
  page = CLAMP (page + (key == CG_KEY_PAGE_DOWN ? 1 : -1), 0, pages - 1);
  guint first = (guint) (page * per_page);
  if (first < v->len)
    cg_station_select (g->st, v->pdata[first]);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
move_selection (gpointer self, int key)
{
  GridScreen *g = self;
  g_autoptr (GPtrArray) v = cg_station_visible (g->st);
  CgStationCamera *sel = cg_station_selected (g->st, v);
  int n = tiles_per_side (g);
  int step = key == CG_KEY_RIGHT ? 1 : key == CG_KEY_LEFT ? -1 : key == CG_KEY_DOWN ? n : -n;
  if (v->len == 0)
    return CG_KEY_HANDLED;
  int i = 0;
  for (; (guint) i < v->len && v->pdata[i] != sel; i++)
    ;
  i = CLAMP (i + step, 0, (int) v->len - 1);
  cg_station_select (g->st, v->pdata[i]);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
open_live (gpointer self, int key)
{
  GridScreen *g = self;
  g_autoptr (GPtrArray) v = cg_station_visible (g->st);
  if (cg_station_selected (g->st, v) == NULL)
    return CG_KEY_HANDLED;
  cg_playback_show_live (g->st);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_LEFT, CG_KEY_RIGHT }, .name = "tile-move",
    .label = N_("move"), .help = N_("move between tiles"), .action = move_selection },
  { .keys = { '+', '-' }, .name = "tiles-size", .label = N_("tiles"),
    .help = N_("fewer, larger tiles or more, smaller ones (1, 4, 9, 16)"), .action = resize_tiles },
  { .keys = { CG_KEY_PAGE_UP, CG_KEY_PAGE_DOWN }, .name = "page", .label = N_("page"),
    .help = N_("previous or next page"), .action = turn_page },
  { .keys = { CG_KEY_ENTER }, .name = "live-view", .label = N_("full screen"),
    .help = N_("the selected camera live, full-screen (Esc: back)"), .action = open_live },
  { .keys = { CG_KEY_NONE } },
};

const CgScreen cg_screen_grid = {
  .name = "grid",
  .number = 3,
  .title = N_("Camera grid"),
  .help = N_("live pictures of the cameras, 1, 4, 9 or 16 to a page"),
  .open = grid_open,
  .close = grid_close,
  .paint = paint,
  .resize = grid_resize,
  .keys = keys,
  .guide = "Lưới camera (F3)",
};
