/* screens/status.c — F4: every camera in a table, sortable, weak links
 * marked with what to do about them; Enter opens a camera's page (its
 * whole reason, its last hour, its outages), a the storage alerts in full.
 * States, order, filter and advice are the model's (model.c). */
#include "build-config.h"

#include "common/alert.h"
#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "station/screen.h"
#include "station/screens/camera_page.h"

#include <math.h>

typedef enum {
  VIEW_TABLE,
  VIEW_CAMERA,  /* the selected camera's page */
  VIEW_ALERTS,  /* the storage alerts in full */
} View;

/* The screen's own state: what the officer chose here. */
typedef struct
{
  CgStation *st;
  CgModelSort sort;
  View view;
  CgCameraPage *page;
} StatusScreen;

static gpointer
status_open (CgStation *st)
{
  StatusScreen *s = g_new0 (StatusScreen, 1);
  s->st = st;
  s->sort = CG_SORT_NAME;
  s->page = cg_camera_page_new ();
  return s;
}

static void
status_close (gpointer self)
{
  StatusScreen *s = self;
  cg_camera_page_free (s->page);
  g_free (s);
}

static GPtrArray *
sorted (StatusScreen *s)
{
  return cg_model_visible (s->st->model, s->st->filter, s->sort);
}

/* The camera page asks the daemon for the camera's past; the table
 * needs nothing more than the refresh brings. */
static void
status_update (gpointer self)
{
  StatusScreen *s = self;
  if (s->view != VIEW_CAMERA)
    return;
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (s->st, v);
  if (sel != NULL)
    cg_camera_page_update (s->page, s->st, sel);
}

/* Columns wider terminals can afford; the reason takes what is left. */
static const struct {
  const char *title;
  int width;
  gboolean right;
  int min_cols;
} columns[] = {
  { N_("Camera"), 16, FALSE, 0 }, { N_("State"), 14, FALSE, 0 }, { N_("kbit/s"), 6, TRUE, 0 },
  { N_("FPS"), 10, TRUE, 0 }, { N_("GOP"), 5, TRUE, 110 }, { N_("Reconn."), 7, TRUE, 100 },
  { N_("24 h"), 6, TRUE, 90 },
  { N_("Days"), 5, TRUE, 120 },
};

static int
paint_heading (WINDOW *win, int cols)
{
  int x = 1;
  wattron (win, A_BOLD | A_UNDERLINE);
  for (size_t i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (cols < columns[i].min_cols)
        continue;
      cg_draw_text (win, 0, x, columns[i].width, _(columns[i].title), columns[i].right);
      x += columns[i].width + 1;
    }
  cg_draw_text (win, 0, x, cols - x - 1, _("Reason / advice"), FALSE);
  wattroff (win, A_BOLD | A_UNDERLINE);
  return x;
}

static void
paint_row (StatusScreen *s, WINDOW *win, int y, int cols, int reason_x, CgStationCamera *c, gboolean sel)
{
  CgStation *st = s->st;
  const char *state = cg_model_state (st->model, c);
  /* Figures only while they mean something: not for a camera that does
   * not record, nor for any while the daemon is away. */
  gboolean live = cg_model_is_live (st->model, c);
  gboolean known = cg_model_connection (st->model) == CG_MODEL_CONNECTED;
  g_autofree char *rate = live ? g_strdup_printf ("%.0f", c->bitrate / 1000.0) : g_strdup ("-");
  g_autofree char *fps = live ? g_strdup_printf ("%.0f", c->fps) : g_strdup ("-");
  g_autofree char *gop = live && c->keyframe_interval_ms > 0
                           ? g_strdup_printf ("%.1fs", c->keyframe_interval_ms / 1000.0) : g_strdup ("-");
  g_autofree char *rec = known ? g_strdup_printf ("%" G_GINT64_FORMAT, c->reconnects) : g_strdup ("-");
  g_autofree char *up = g_strdup_printf ("%.0f%%", floor (c->uptime_24h * 100));
  g_autofree char *days = c->days_kept >= 0 ? g_strdup_printf ("%.1f", c->days_kept) : g_strdup ("-");
  gboolean warning = FALSE;
  g_autofree char *why = cg_model_advice (st->model, c, &warning);
  if (sel)
    wattron (win, A_REVERSE);
  mvwhline (win, y, 0, ' ', cols);
  const char *cells[] = { c->name, NULL, rate, fps, gop, rec, up, days };
  int x = 1;
  for (size_t k = 0; k < G_N_ELEMENTS (columns); k++)
    {
      if (cols < columns[k].min_cols)
        continue;
      if (k == 1)
        {
          int pair = cg_draw_state_pair (state);
          wattron (win, COLOR_PAIR (pair) | A_BOLD);
          g_autofree char *label = g_strdup_printf ("%s %s", cg_draw_marker (st, state),
                                                    cg_camera_state_label (state));
          cg_draw_text (win, y, x, columns[k].width, label, FALSE);
          wattroff (win, COLOR_PAIR (pair) | A_BOLD);
        }
      else
        cg_draw_text (win, y, x, columns[k].width, cells[k], columns[k].right);
      x += columns[k].width + 1;
    }
  if (warning)
    wattron (win, COLOR_PAIR (CG_PAIR_WARNING));
  cg_draw_text (win, y, reason_x, cols - reason_x - 1, why, FALSE);
  if (warning)
    wattroff (win, COLOR_PAIR (CG_PAIR_WARNING));
  if (sel)
    wattroff (win, A_REVERSE);
}

/* The first storage alert above the footer, coloured by how serious. */
static void
paint_alert (StatusScreen *s, WINDOW *win, int y, int cols)
{
  JsonArray *alerts = cg_model_alerts (s->st->model);
  guint n = json_array_get_length (alerts);
  JsonNode *first = n > 0 ? json_array_get_element (alerts, 0) : NULL;
  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
    return;
  JsonObject *a = json_node_get_object (first);
  g_autofree char *text = cg_alert_describe (a);
  /* The key to read them all comes first: the text is often cut. */
  g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "a: %u alert | %s",
                                                        "a: %u alerts | %s", n), n, text);
  int pair = cg_alert_severity (a) == CG_ALERT_BAD ? CG_PAIR_OFFLINE : CG_PAIR_WARNING;
  wattron (win, COLOR_PAIR (pair) | A_BOLD);
  cg_draw_text (win, y, 1, cols - 2, line, FALSE);
  wattroff (win, COLOR_PAIR (pair) | A_BOLD);
}

static void
paint_table (StatusScreen *s, WINDOW *win, int rows, int cols)
{
  CgStation *st = s->st;
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (st, v);
  int reason_x = paint_heading (win, cols);
  if (v->len == 0)
    {
      g_autofree char *empty = cg_model_empty_text (st->model, st->filter);
      cg_draw_paragraph (win, 2, 1, cols - 2, rows - 3, empty);
      return;
    }
  guint sel_index = 0;
  for (guint i = 0; i < v->len; i++)
    if (v->pdata[i] == sel)
      sel_index = i;
  int lines = rows - 3;
  guint first = sel_index >= (guint) lines ? sel_index - (guint) lines + 1 : 0;
  for (guint i = first; i < v->len && (int) (i - first) < lines; i++)
    paint_row (s, win, 1 + (int) (i - first), cols, reason_x, v->pdata[i], v->pdata[i] == sel);
  g_autofree char *used = g_format_size_full (cg_model_recordings_bytes (st->model), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *free_ = g_format_size_full (cg_model_free_bytes (st->model), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *foot = g_strdup_printf (_("%u cameras, sorted by %s (o: change) | recordings %s, disk free %s"),
                                           v->len, _(cg_model_sort_name (s->sort)), used, free_);
  cg_draw_text (win, rows - 1, 1, cols - 2, foot, FALSE);
  paint_alert (s, win, rows - 2, cols);
}

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  StatusScreen *s = self;
  switch (s->view)
    {
    case VIEW_CAMERA:
      {
        g_autoptr (GPtrArray) v = sorted (s);
        cg_camera_page_paint (s->page, s->st, cg_station_selected (s->st, v), win, rows, cols);
        break;
      }
    case VIEW_ALERTS:
      cg_alerts_page_paint (s->st, win, rows, cols);
      break;
    case VIEW_TABLE:
      paint_table (s, win, rows, cols);
      break;
    }
}

static int
change_sort (gpointer self, int key)
{
  StatusScreen *s = self;
  if (s->view != VIEW_TABLE)
    return CG_KEY_HANDLED;
  s->sort = (s->sort + 1) % CG_N_SORTS;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* In the table, and on a camera's page (which then shows the next). */
static int
move_selection (gpointer self, int key)
{
  StatusScreen *s = self;
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (s->st, v);
  if (v->len == 0 || s->view == VIEW_ALERTS)
    return CG_KEY_HANDLED;
  guint i = 0;
  for (; i < v->len && v->pdata[i] != sel; i++)
    ;
  if (key == CG_KEY_UP && i > 0)
    i--;
  else if (key == CG_KEY_DOWN && i + 1 < v->len)
    i++;
  else if (key == CG_KEY_HOME)
    i = 0;
  else if (key == CG_KEY_END)
    i = v->len - 1;
  cg_station_select (s->st, v->pdata[i]);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | (s->view == VIEW_CAMERA ? CG_KEY_UPDATE : 0);
}

static int
open_camera (gpointer self, int key)
{
  StatusScreen *s = self;
  g_autoptr (GPtrArray) v = sorted (s);
  if (cg_station_selected (s->st, v) == NULL)
    return CG_KEY_HANDLED;
  s->view = s->view == VIEW_CAMERA ? VIEW_TABLE : VIEW_CAMERA;
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
toggle_alerts (gpointer self, int key)
{
  StatusScreen *s = self;
  s->view = s->view == VIEW_ALERTS ? VIEW_TABLE : VIEW_ALERTS;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
back_to_table (gpointer self, int key)
{
  StatusScreen *s = self;
  if (s->view == VIEW_TABLE)
    return CG_KEY_IGNORED;
  s->view = VIEW_TABLE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Not s for sorting: Telex makes it a tone mark.  a is safe: Telex's
 * "aa" arrives as "â", which folds back to a. */
static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_HOME, CG_KEY_END }, .name = "camera-move",
    .label = N_("move"), .help = N_("move between cameras"), .action = move_selection },
  { .keys = { CG_KEY_ENTER }, .name = "camera-page", .label = N_("camera"),
    .help = N_("open or close the camera's page: its whole reason, last hour and outages"),
    .action = open_camera },
  { .keys = { 'a' }, .name = "alerts", .label = N_("alerts"),
    .help = N_("show or hide the storage alerts in full"), .action = toggle_alerts },
  { .keys = { 'o' }, .name = "sort", .label = N_("sort"),
    .help = N_("sort by name, state, bitrate or uptime"), .action = change_sort },
  { .keys = { CG_KEY_ESC }, .name = "back", .label = N_("back"),
    .help = N_("back from a camera's page or the alerts to the table"), .action = back_to_table },
  { .keys = { CG_KEY_NONE } },
};

const CgScreen cg_screen_status = {
  .name = "status",
  .number = 4,
  .title = N_("Status"),
  .help = N_("every camera in a table: state, link, recording, days kept"),
  .open = status_open,
  .close = status_close,
  .update = status_update,
  .paint = paint,
  .keys = keys,
};
