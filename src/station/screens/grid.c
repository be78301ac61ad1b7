/* screens/grid.c — F3: cameras in tiles, 1, 4, 9 or 16 to a page, each
 * with its name and state. */
#include "build-config.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "station/layout.h"
#include "station/screen.h"

static void
draw_tile (CgStation *st, WINDOW *win, int y, int x, int h, int w, CgStationCamera *c, gboolean sel)
{
  int pair = cg_draw_state_pair (c->state);
  wattron (win, COLOR_PAIR (pair) | (sel ? A_REVERSE : 0));
  mvwhline (win, y, x, ' ', w);
  g_autofree char *head = g_strdup_printf ("%s %s", cg_draw_marker (st, c->state), c->name);
  cg_draw_text (win, y, x + 1, w - 2, head, FALSE);
  wattroff (win, COLOR_PAIR (pair) | (sel ? A_REVERSE : 0));
  if (h < 2)
    return;
  /* The live picture fills the tile below its name when there is one. */
  const CgCell *cells = h >= 4 ? cg_thumbs_cells (st->thumbs, c->name, w, h - 1, st->color_mode, st->utf8)
                               : NULL;
  if (cells != NULL)
    {
      cg_picture_draw (win, y + 1, x, cells, w, h - 1);
      if (!cg_camera_state_is_live (c->state))
        {
          /* An old picture must not pass for a live one. */
          wattron (win, COLOR_PAIR (pair) | A_BOLD | A_REVERSE);
          cg_draw_text (win, y + 1, x, w, cg_camera_state_label (c->state), FALSE);
          wattroff (win, COLOR_PAIR (pair) | A_BOLD | A_REVERSE);
        }
      return;
    }
  g_autofree char *why = cg_reason_describe (c->reason);
  g_autofree char *line = cg_camera_state_is_live (c->state)
                            ? g_strdup_printf (_("%s, %.0f kbit/s"), cg_camera_state_label (c->state),
                                               c->bitrate / 1000.0)
                            : g_strdup_printf ("%s%s%s", cg_camera_state_label (c->state),
                                               *why ? ": " : "", why);
  cg_draw_text (win, y + 1, x + 1, w - 2, line, FALSE);
  if (h > 2 && c->place != NULL && *c->place != '\0')
    cg_draw_text (win, y + 2, x + 1, w - 2, c->place, FALSE);
}

static void
draw (CgStation *st, WINDOW *win, int rows, int cols)
{
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  /* A small terminal shows fewer, larger tiles than asked for. */
  int n = MIN (st->grid_size, cg_layout_grid_max (rows, cols)), per_page = n * n;
  guint pages = MAX (1, (v->len + per_page - 1) / per_page);
  if ((guint) st->grid_page >= pages)
    st->grid_page = (int) pages - 1;
  for (int i = 0; i < per_page; i++)
    {
      guint idx = (guint) (st->grid_page * per_page + i);
      CgRect r;
      if (idx >= v->len || !cg_layout_grid_tile (rows, cols, n, i, &r))
        break;
      draw_tile (st, win, r.y, r.x, r.h, r.w, v->pdata[idx], v->pdata[idx] == sel);
    }
  g_autofree char *foot = v->len == 0
    ? g_strdup (st->filter != NULL ? _("No camera matches the filter.")
                                   : _("No cameras yet: add them with canhgac camera add."))
    : g_strdup_printf (_("Page %d of %u, %d to a page (+/-: change, PgUp/PgDn: page)"),
                       st->grid_page + 1, pages, per_page);
  cg_draw_text (win, rows - 1, 1, cols - 2, foot, FALSE);
}

static int
resize_tiles (CgStation *st, int key, gunichar ch)
{
  st->grid_size = CLAMP (st->grid_size + (ch == '+' ? -1 : 1), 1, 4);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
turn_page (CgStation *st, int key, gunichar ch)
{
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  int per_page = st->grid_size * st->grid_size;
  st->grid_page = MAX (0, st->grid_page + (key == KEY_NPAGE ? 1 : -1));
  guint first = (guint) (st->grid_page * per_page);
  if (first < v->len)
    cg_station_select (st, v->pdata[first]);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
move_selection (CgStation *st, int key, gunichar ch)
{
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  int step = key == KEY_RIGHT ? 1 : key == KEY_LEFT ? -1 : key == KEY_DOWN ? st->grid_size
             : -st->grid_size;
  if (v->len == 0)
    return CG_KEY_HANDLED;
  int i = 0;
  for (; (guint) i < v->len && v->pdata[i] != sel; i++)
    ;
  i = CLAMP (i + step, 0, (int) v->len - 1);
  cg_station_select (st, v->pdata[i]);
  st->grid_page = i / (st->grid_size * st->grid_size);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static const CgScreenKey keys[] = {
  { KEY_UP, 0, "← ↑ → ↓", N_("move between tiles"), move_selection },
  { KEY_DOWN, 0, NULL, NULL, move_selection },
  { KEY_LEFT, 0, NULL, NULL, move_selection },
  { KEY_RIGHT, 0, NULL, NULL, move_selection },
  { 0, '+', "+ -", N_("fewer, larger tiles or more, smaller ones (1, 4, 9, 16)"), resize_tiles },
  { 0, '-', NULL, NULL, resize_tiles },
  { KEY_NPAGE, 0, "PgUp PgDn", N_("previous or next page"), turn_page },
  { KEY_PPAGE, 0, NULL, NULL, turn_page },
  { 0 },
};

const CgScreen cg_screen_grid = {
  .number = 3,
  .title = N_("Camera grid"),
  .draw = draw,
  .keys = keys,
};
