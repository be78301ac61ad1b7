/* screens/status.c — F4: every camera in a table, sortable, weak links
 * marked with what to do about them. */
#include "build-config.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "station/screen.h"

#include <math.h>
#include <stdlib.h>

enum { SORT_NAME, SORT_STATE, SORT_BITRATE, SORT_UPTIME, N_SORTS };

static const char *const sort_names[] = { N_("name"), N_("state"), N_("bitrate"), N_("uptime") };

/* A link too weak for its camera, and what the officer can do. */
static const char *
advice (const CgStationCamera *c)
{
  if (!cg_camera_state_is_live (c->state))
    return NULL;
  if (c->fps > 0 && c->fps < 12)
    return N_("weak link: frames are lost; record the sub-stream or upgrade the household's line");
  if (c->keyframe_interval_ms > 8000)
    return N_("keyframes are far apart: set the camera's GOP to 2 s or less");
  if (c->reconnects >= 10)
    return N_("the link keeps dropping: check the household's router and cable");
  return NULL;
}

/* The screen's own state: what the officer chose here. */
typedef struct
{
  CgStation *st;
  int sort; /* SORT_* */
} StatusScreen;

static gpointer
status_open (CgStation *st)
{
  StatusScreen *s = g_new0 (StatusScreen, 1);
  s->st = st;
  s->sort = SORT_NAME;
  return s;
}

static void
status_close (gpointer self)
{
  g_free (self);
}

static gint
compare (gconstpointer a, gconstpointer b, gpointer data)
{
  const StatusScreen *s = data;
  const CgStationCamera *x = *(CgStationCamera *const *) a, *y = *(CgStationCamera *const *) b;
  int d = 0;
  switch (s->sort)
    {
    case SORT_STATE: d = cg_camera_state_rank (x->state) - cg_camera_state_rank (y->state); break;
    case SORT_BITRATE: d = (x->bitrate > y->bitrate) - (x->bitrate < y->bitrate); break;
    case SORT_UPTIME: d = (x->uptime_24h > y->uptime_24h) - (x->uptime_24h < y->uptime_24h); break;
    default: break;
    }
  return d != 0 ? d : g_utf8_collate (x->name, y->name);
}

static GPtrArray *
sorted (StatusScreen *s)
{
  GPtrArray *v = cg_station_visible (s->st);
  g_ptr_array_sort_with_data (v, compare, s);
  return v;
}

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  StatusScreen *s = self;
  CgStation *st = s->st;
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (st, v);
  /* Columns wider terminals can afford; the reason takes what is left. */
  static const struct { const char *title; int width; gboolean right; int min_cols; } col[] = {
    { N_("Camera"), 16, FALSE, 0 }, { N_("State"), 14, FALSE, 0 }, { N_("kbit/s"), 6, TRUE, 0 },
    { N_("FPS"), 10, TRUE, 0 }, { N_("GOP"), 5, TRUE, 110 }, { N_("Reconn."), 7, TRUE, 100 },
    { N_("24 h"), 6, TRUE, 90 },
    { N_("Days"), 5, TRUE, 120 },
  };
  int x = 1;
  wattron (win, A_BOLD | A_UNDERLINE);
  for (size_t i = 0; i < G_N_ELEMENTS (col); i++)
    {
      if (cols < col[i].min_cols)
        continue;
      cg_draw_text (win, 0, x, col[i].width, _(col[i].title), col[i].right);
      x += col[i].width + 1;
    }
  int reason_x = x;
  cg_draw_text (win, 0, reason_x, cols - reason_x - 1, _("Reason / advice"), FALSE);
  wattroff (win, A_BOLD | A_UNDERLINE);
  if (v->len == 0)
    {
      cg_draw_text (win, 2, 1, cols - 2, st->filter != NULL ? _("No camera matches the filter.")
                                                           : _("No cameras yet: add them with canhgac camera add."),
                    FALSE);
      return;
    }
  guint sel_index = 0;
  for (guint i = 0; i < v->len; i++)
    if (v->pdata[i] == sel)
      sel_index = i;
  int lines = rows - 3;
  guint first = sel_index >= (guint) lines ? sel_index - (guint) lines + 1 : 0;
  for (guint i = first; i < v->len && (int) (i - first) < lines; i++)
    {
      CgStationCamera *c = v->pdata[i];
      int y = 1 + (int) (i - first);
      gboolean live = cg_camera_state_is_live (c->state);
      g_autofree char *rate = live ? g_strdup_printf ("%.0f", c->bitrate / 1000.0) : g_strdup ("-");
      g_autofree char *fps = live ? g_strdup_printf ("%.0f", c->fps) : g_strdup ("-");
      g_autofree char *gop = c->keyframe_interval_ms > 0 ? g_strdup_printf ("%.1fs", c->keyframe_interval_ms / 1000.0)
                                                          : g_strdup ("-");
      g_autofree char *rec = g_strdup_printf ("%" G_GINT64_FORMAT, c->reconnects);
      g_autofree char *up = g_strdup_printf ("%.0f%%", floor (c->uptime_24h * 100));
      const char *tip = advice (c);
      g_autofree char *why = tip != NULL ? g_strdup (_(tip)) : cg_reason_describe (c->reason);
      if (c == sel)
        wattron (win, A_REVERSE);
      mvwhline (win, y, 0, ' ', cols);
      g_autofree char *days = c->days_kept >= 0 ? g_strdup_printf ("%.1f", c->days_kept) : g_strdup ("-");
      const char *cells[] = { c->name, NULL, rate, fps, gop, rec, up, days };
      x = 1;
      for (size_t k = 0; k < G_N_ELEMENTS (col); k++)
        {
          if (cols < col[k].min_cols)
            continue;
          if (k == 1)
            {
              wattron (win, COLOR_PAIR (cg_draw_state_pair (c->state)) | A_BOLD);
              g_autofree char *label = g_strdup_printf ("%s %s", cg_draw_marker (st, c->state),
                                                        cg_camera_state_label (c->state));
              cg_draw_text (win, y, x, col[k].width, label, FALSE);
              wattroff (win, COLOR_PAIR (cg_draw_state_pair (c->state)) | A_BOLD);
            }
          else
            cg_draw_text (win, y, x, col[k].width, cells[k], col[k].right);
          x += col[k].width + 1;
        }
      if (tip != NULL)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING));
      cg_draw_text (win, y, reason_x, cols - reason_x - 1, why, FALSE);
      if (tip != NULL)
        wattroff (win, COLOR_PAIR (CG_PAIR_WARNING));
      if (c == sel)
        wattroff (win, A_REVERSE);
    }
  g_autofree char *used = g_format_size_full (st->recordings_bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *free_ = g_format_size_full (st->free_bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *foot = g_strdup_printf (_("%u cameras, sorted by %s (o: change) | recordings %s, disk free %s"),
                                           v->len, _(sort_names[s->sort]), used, free_);
  cg_draw_text (win, rows - 1, 1, cols - 2, foot, FALSE);
  if (st->storage_alert != NULL)
    {
      wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, rows - 2, 1, cols - 2, st->storage_alert, FALSE);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
}

static int
change_sort (gpointer self, int key)
{
  StatusScreen *s = self;
  s->sort = (s->sort + 1) % N_SORTS;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
move_selection (gpointer self, int key)
{
  StatusScreen *s = self;
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (s->st, v);
  if (v->len == 0)
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
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Not s for sorting: Telex makes it a tone mark. */
static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_HOME, CG_KEY_END }, .name = "camera-move",
    .label = N_("move"), .help = N_("move between cameras"), .action = move_selection },
  { .keys = { 'o' }, .name = "sort", .label = N_("sort"),
    .help = N_("sort by name, state, bitrate or uptime"), .action = change_sort },
  { .keys = { CG_KEY_NONE } },
};

const CgScreen cg_screen_status = {
  .name = "status",
  .number = 4,
  .title = N_("Status"),
  .help = N_("every camera in a table: state, link, recording, days kept"),
  .open = status_open,
  .close = status_close,
  .paint = paint,
  .keys = keys,
};
