/* screens/status.c — F4: every camera in a table, sortable, weak links
 * marked with what to do about them; Enter opens a camera's page (its
 * whole reason, its last hour, its outages, its inventory), e the
 * camera's inventory form (administrators), a the storage alerts in full,
 * ! (on every screen) the alarms: acknowledged here for every station,
 * their history, an incident made from one; + the form for adding a
 * camera by its brand (camera_add.c).
 * States, order, filter and advice are the model's (model.c). */
#include "build-config.h"

#include "client/alarm.h"
#include "common/alert.h"
#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "station/screen.h"
#include "common/timeutil.h"
#include "station/screens/camera_edit.h"
#include "station/screens/camera_add.h"
#include "station/screens/camera_page.h"
#include "station/screens/incidents.h"
#include "station/screens/status.h"

#include <math.h>

typedef enum {
  VIEW_TABLE,
  VIEW_CAMERA,  /* the selected camera's page */
  VIEW_ALERTS,  /* the storage alerts in full */
  VIEW_ALARMS,  /* the active alarms, or their history */
  VIEW_ADD,     /* the form for adding a camera */
} View;

/* The screen's own state: what the officer chose here. */
typedef struct
{
  CgStation *st;
  CgModelSort sort;
  View view;
  CgCameraPage *page;
  CgCameraEdit edit;    /* the inventory form, over the camera's page */
  CgCameraAdd *add;
  /* The alarms page. */
  gboolean history;     /* every alarm, not only the active ones */
  GPtrArray *history_rows; /* CgAlarm, newest first, as alarm.list gave them */
  guint alarm_sel;
  gint64 ack_id;        /* Enter pressed on it: acknowledged at the next update */
  gint64 noting_id;     /* the alarm whose note is being typed; 0: none */
  CgTextField *ack_note; /* that note, sent with the acknowledgment */
  char *alarm_message;  /* what the last acknowledgment said */
} StatusScreen;

static gpointer
status_open (CgStation *st)
{
  StatusScreen *s = g_new0 (StatusScreen, 1);
  s->st = st;
  s->sort = CG_SORT_NAME;
  s->page = cg_camera_page_new ();
  s->add = cg_camera_add_new (st);
  s->ack_note = cg_text_field_new (CG_ALARM_NOTE_MAX);
  return s;
}

static void
status_close (gpointer self)
{
  StatusScreen *s = self;
  cg_camera_page_free (s->page);
  cg_camera_edit_clear (&s->edit);
  cg_camera_add_free (s->add);
  g_clear_pointer (&s->history_rows, g_ptr_array_unref);
  g_free (s->alarm_message);
  cg_text_field_free (s->ack_note);
  g_free (s);
}

static GPtrArray *
sorted (StatusScreen *s)
{
  return cg_model_visible (s->st->model, s->st->filter, s->sort);
}

/* The camera page asks the daemon for the camera's past; the table
 * needs nothing more than the refresh brings. */
/* The alarms the page lists: the active ones (kept by data.c from the
 * notifications), or the history as last asked. */
static GPtrArray *
alarm_rows (StatusScreen *s)
{
  if (s->history && s->history_rows != NULL)
    return s->history_rows;
  return cg_alarms_active (s->st->alarms);
}

static const CgAlarm *
selected_alarm (StatusScreen *s)
{
  GPtrArray *rows = alarm_rows (s);
  if (rows->len == 0)
    return NULL;
  s->alarm_sel = MIN (s->alarm_sel, rows->len - 1);
  return rows->pdata[s->alarm_sel];
}

static void
acknowledge (StatusScreen *s)
{
  gint64 id = s->ack_id;
  s->ack_id = 0;
  if (s->st->client == NULL)
    return;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  const char *note = cg_text_field_text (s->ack_note);
  if (*note != '\0')
    cg_json_add_string (b, "note", note);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (s->st->client, "alarm.ack", params, NULL, &error);
  g_free (s->alarm_message);
  if (r == NULL)
    s->alarm_message = g_strdup (error->message);
  else
    {
      /* The notification follows; what the daemon returned counts now. */
      if (JSON_NODE_HOLDS_OBJECT (r))
        cg_alarms_take (s->st->alarms, json_node_get_object (r));
      s->alarm_message = g_strdup (_("Alarm acknowledged, for every station."));
      cg_text_field_set_text (s->ack_note, "");
    }
}

static void
list_history (StatusScreen *s)
{
  if (s->st->client == NULL)
    return;
  g_autoptr (JsonNode) params = json_from_string ("{\"history\": true, \"limit\": 200}", NULL);
  g_autoptr (JsonNode) r = cg_client_call (s->st->client, "alarm.list", params, NULL, NULL);
  JsonArray *arr = r != NULL && JSON_NODE_HOLDS_OBJECT (r)
                     ? json_object_get_array_member (json_node_get_object (r), "alarms") : NULL;
  if (arr == NULL)
    return;
  g_clear_pointer (&s->history_rows, g_ptr_array_unref);
  s->history_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_alarm_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      CgAlarm *a = JSON_NODE_HOLDS_OBJECT (n) ? cg_alarm_from_json (json_node_get_object (n)) : NULL;
      if (a != NULL)
        g_ptr_array_add (s->history_rows, a);
    }
}

static void
status_show (gpointer self, const CgScreen *from)
{
  StatusScreen *s = self;
  if (!s->st->alarms_wanted)
    return;
  s->st->alarms_wanted = FALSE;
  /* ! again on the alarms page goes back to the table. */
  s->view = s->view == VIEW_ALARMS && from == NULL ? VIEW_TABLE : VIEW_ALARMS;
  g_clear_pointer (&s->alarm_message, g_free);
}

static void
status_update (gpointer self)
{
  StatusScreen *s = self;
  if (s->view == VIEW_ADD)
    {
      cg_camera_add_update (s->add);
      return;
    }
  if (s->view == VIEW_ALARMS)
    {
      if (s->ack_id > 0)
        acknowledge (s);
      if (s->history)
        list_history (s);
      return;
    }
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

/* One alarm where it stands: waiting, acknowledged (who, when), ended. */
static char *
alarm_standing (const CgAlarm *a)
{
  g_autofree char *ended = a->cleared_us > 0 ? cg_time_format_local (a->cleared_us, NULL) : NULL;
  g_autofree char *acked_at = a->acknowledged_by != NULL
                               ? cg_time_format_local (a->acknowledged_us, NULL) : NULL;
  g_autofree char *acked = a->acknowledged_by != NULL
                             ? g_strdup_printf (_("acknowledged by %s at %s"), a->acknowledged_by,
                                                acked_at)
                             : g_strdup (_("not acknowledged"));
  if (ended != NULL)
    return g_strdup_printf (_("%s; ended at %s"), acked, ended);
  return g_strdup_printf (_("%s; still going on"), acked);
}

static void
paint_alarms (StatusScreen *s, WINDOW *win, int rows, int cols)
{
  GPtrArray *v = alarm_rows (s);
  const CgAlarm *sel = selected_alarm (s);
  g_autofree char *title = s->history
    ? g_strdup_printf (_("Alarm history (%u, newest first)"), v->len)
    : g_strdup_printf (_("Alarms waiting (%u): not acknowledged, or still going on"), v->len);
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, title, FALSE);
  wattroff (win, A_BOLD);
  int lines = rows - 4;
  guint first = s->alarm_sel >= (guint) MAX (lines, 1) ? s->alarm_sel - (guint) lines + 1 : 0;
  for (guint i = first; i < v->len && (int) (i - first) < lines; i++)
    {
      const CgAlarm *a = v->pdata[i];
      int y = 1 + (int) (i - first);
      gboolean waiting = a->acknowledged_by == NULL;
      if (a == sel)
        wattron (win, A_REVERSE);
      if (waiting)
        wattron (win, A_BOLD | COLOR_PAIR (CG_PAIR_OFFLINE));
      mvwhline (win, y, 0, ' ', cols);
      g_autofree char *when = cg_time_format_local (a->raised_us, NULL);
      g_autofree char *what = cg_alarm_describe (a);
      g_autofree char *standing = alarm_standing (a);
      g_autofree char *line = g_strdup_printf ("%s  %s  — %s", when, what, standing);
      cg_draw_text (win, y, 1, cols - 2, line, FALSE);
      if (waiting)
        wattroff (win, A_BOLD | COLOR_PAIR (CG_PAIR_OFFLINE));
      if (a == sel)
        wattroff (win, A_REVERSE);
    }
  if (v->len == 0)
    cg_draw_text (win, 2, 1, cols - 2, s->history ? _("No alarm yet.") : _("No alarm waiting."), FALSE);
  if (sel != NULL && sel->note != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), sel->note);
      cg_draw_text (win, rows - 3, 1, cols - 2, note, FALSE);
    }
  if (s->noting_id > 0)
    {
      /* The note typed before the acknowledgment, where the message goes. */
      const char *label = _("What was done (may be left empty):");
      int lw = cg_text_width (label) + 2;
      wattron (win, A_BOLD);
      cg_draw_text (win, rows - 2, 1, cols - 2, label, FALSE);
      wattroff (win, A_BOLD);
      int col = 0, width = MAX (cols - lw - 2, 1);
      g_autofree char *view = cg_text_field_view (s->ack_note, width, &col);
      wattron (win, A_UNDERLINE);
      mvwhline (win, rows - 2, 1 + lw, ' ', width);
      cg_draw_text (win, rows - 2, 1 + lw, width, view, FALSE);
      wattroff (win, A_UNDERLINE);
      CgImeMode ime = cg_text_field_ime (s->ack_note);
      g_autofree char *keys_line = g_strdup_printf (
        "%s%s%s%s", _("Enter: acknowledge with this note | Esc: cancel | Ctrl+T: Telex/VNI"),
        ime != CG_IME_OFF ? " [" : "", ime != CG_IME_OFF ? cg_ime_mode_name (ime) : "",
        ime != CG_IME_OFF ? "]" : "");
      cg_draw_text (win, rows - 1, 1, cols - 2, keys_line, FALSE);
      wmove (win, rows - 2, 1 + lw + col);
      return;
    }
  if (s->alarm_message != NULL)
    cg_draw_text (win, rows - 2, 1, cols - 2, s->alarm_message, FALSE);
  cg_draw_text (win, rows - 1, 1, cols - 2,
                _("Enter: acknowledge | n: new incident from the alarm | h: history | Esc: back"), FALSE);
}

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  StatusScreen *s = self;
  switch (s->view)
    {
    case VIEW_CAMERA:
      {
        if (s->edit.form != NULL)
          {
            cg_camera_edit_paint (&s->edit, win, rows, cols);
            break;
          }
        g_autoptr (GPtrArray) v = sorted (s);
        cg_camera_page_paint (s->page, s->st, cg_station_selected (s->st, v), win, rows, cols);
        if (s->edit.notice != NULL)
          {
            wattron (win, A_BOLD);
            cg_draw_text (win, rows - 2, 1, cols - 2, s->edit.notice, FALSE);
            wattroff (win, A_BOLD);
          }
        break;
      }
    case VIEW_ALERTS:
      cg_alerts_page_paint (s->st, win, rows, cols);
      break;
    case VIEW_ALARMS:
      paint_alarms (s, win, rows, cols);
      break;
    case VIEW_ADD:
      cg_camera_add_paint (s->add, win, rows, cols);
      break;
    case VIEW_TABLE:
      paint_table (s, win, rows, cols);
      break;
    }
}

static int
add_camera (gpointer self, int key)
{
  StatusScreen *s = self;
  cg_camera_add_start (s->add);
  s->view = VIEW_ADD;
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

void
cg_camera_add_open (CgStation *st)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i] == &cg_screen_status)
      {
        cg_station_show (st, i);
        add_camera (st->screen_states[i], '+');
        cg_station_changed (st);
        return;
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
  if (s->view == VIEW_ALARMS)
    {
      GPtrArray *rows = alarm_rows (s);
      if (key == CG_KEY_UP && s->alarm_sel > 0)
        s->alarm_sel--;
      else if (key == CG_KEY_DOWN && s->alarm_sel + 1 < rows->len)
        s->alarm_sel++;
      else if (key == CG_KEY_HOME)
        s->alarm_sel = 0;
      else if (key == CG_KEY_END && rows->len > 0)
        s->alarm_sel = rows->len - 1;
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (s->st, v);
  if (v->len == 0 || s->view == VIEW_ALERTS)
    return CG_KEY_HANDLED;
  g_clear_pointer (&s->edit.notice, g_free);
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
  if (s->view == VIEW_ALARMS)
    {
      /* On the alarms page, Enter asks what was done, then acknowledges
       * the alarm selected (status_key). */
      const CgAlarm *a = selected_alarm (s);
      if (a == NULL || a->acknowledged_by != NULL)
        return CG_KEY_HANDLED;
      s->noting_id = a->id;
      cg_text_field_set_text (s->ack_note, "");
      g_clear_pointer (&s->alarm_message, g_free);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_autoptr (GPtrArray) v = sorted (s);
  if (cg_station_selected (s->st, v) == NULL)
    return CG_KEY_HANDLED;
  s->view = s->view == VIEW_CAMERA ? VIEW_TABLE : VIEW_CAMERA;
  g_clear_pointer (&s->edit.notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

/* The selected camera's inventory form, on its page. */
static int
edit_camera (gpointer self, int key)
{
  StatusScreen *s = self;
  if (s->view != VIEW_TABLE && s->view != VIEW_CAMERA)
    return CG_KEY_HANDLED;
  g_autoptr (GPtrArray) v = sorted (s);
  CgStationCamera *sel = cg_station_selected (s->st, v);
  if (sel == NULL)
    return CG_KEY_HANDLED;
  s->view = VIEW_CAMERA;
  cg_camera_edit_open (&s->edit, s->st, sel->name);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

/* A form, while it is open, has every key first (its text): the form
 * adding a camera, or a camera's inventory form on its page. */
/* The acknowledgment's note takes every key while open; F-keys still
 * switch screens, and leave it unsent. */
static int
note_key (StatusScreen *s, int key)
{
  CgTextFieldResult r = cg_text_field_press (s->ack_note, key);
  if (r & CG_TEXT_FIELD_REFUSED)
    beep ();
  if (r != CG_TEXT_FIELD_IGNORED)
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  if (key == CG_KEY_ENTER)
    {
      s->ack_id = s->noting_id;
      s->noting_id = 0;
      return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
    }
  if (key == CG_KEY_ESC || (CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0))
    {
      s->noting_id = 0;
      cg_text_field_set_text (s->ack_note, "");
      return key == CG_KEY_ESC ? CG_KEY_HANDLED | CG_KEY_REDRAW : CG_KEY_IGNORED;
    }
  return CG_KEY_HANDLED;
}

static int
status_key (gpointer self, int key)
{
  StatusScreen *s = self;
  if (s->view == VIEW_ADD)
    {
      int flags = cg_camera_add_key (s->add, key);
      if (!cg_camera_add_active (s->add))
        s->view = VIEW_TABLE;
      return flags;
    }
  if (s->view == VIEW_ALARMS && s->noting_id > 0)
    return note_key (s, key);
  if (s->edit.form == NULL || s->view != VIEW_CAMERA)
    return CG_KEY_IGNORED;
  int flags = cg_camera_edit_key (&s->edit, key);
  /* Saved: the page shows what is kept now. */
  if (flags & CG_KEY_UPDATE)
    cg_camera_page_refetch (s->page);
  return flags;
}

void
cg_status_edit_camera (CgStation *st, const char *camera)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i] == &cg_screen_status)
      {
        StatusScreen *s = st->screen_states[i];
        g_free (st->selected);
        st->selected = g_strdup (camera);
        s->view = VIEW_CAMERA;
        cg_camera_edit_open (&s->edit, st, camera);
        cg_station_show (st, i);
        return;
      }
}

static int
toggle_alerts (gpointer self, int key)
{
  StatusScreen *s = self;
  s->view = s->view == VIEW_ALERTS ? VIEW_TABLE : VIEW_ALERTS;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
toggle_history (gpointer self, int key)
{
  StatusScreen *s = self;
  if (s->view != VIEW_ALARMS)
    return CG_KEY_HANDLED;
  s->history = !s->history;
  s->alarm_sel = 0;
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

/* F5's new-incident form, with the alarm's camera, its time (a minute
 * before it rang to when it ended, or now) and what it was. */
static int
incident_from_alarm (gpointer self, int key)
{
  StatusScreen *s = self;
  const CgAlarm *a = s->view == VIEW_ALARMS ? selected_alarm (s) : NULL;
  if (a == NULL)
    return CG_KEY_HANDLED;
  gint64 to = a->cleared_us > 0 ? a->cleared_us : cg_time_now_us ();
  gint64 from = MIN (a->raised_us - 60 * CG_USEC_PER_SEC, to - 60 * CG_USEC_PER_SEC);
  g_autofree char *what = cg_alarm_describe (a);
  g_autofree char *when = cg_time_format_local (a->raised_us, NULL);
  g_autofree char *description = g_strdup_printf (_("Alarm at %s: %s"), when, what);
  cg_incidents_new_from_alarm (s->st, a->camera, from, to, description);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
back_to_table (gpointer self, int key)
{
  StatusScreen *s = self;
  if (s->view == VIEW_TABLE)
    return CG_KEY_IGNORED;
  s->view = VIEW_TABLE;
  g_clear_pointer (&s->edit.notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Not s for sorting: Telex makes it a tone mark.  a is safe: Telex's
 * "aa" arrives as "â", which folds back to a. */
static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_HOME, CG_KEY_END }, .name = "camera-move",
    .label = N_("move"), .help = N_("move between cameras"), .action = move_selection },
  { .keys = { CG_KEY_ENTER }, .name = "camera-page", .label = N_("camera"),
    .help = N_("open or close the camera's page: its whole reason, last hour and outages; "
               "on the alarms page, acknowledge the alarm for every station, with a note of what "
               "was done"),
    .action = open_camera },
  { .keys = { 'e' }, .name = "camera-edit", .label = N_("change"),
    .help = N_("the camera's inventory: funding, donor, host, line, make, warranty, notes "
               "(administrators)"), .action = edit_camera },
  { .keys = { 'a' }, .name = "alerts", .label = N_("alerts"),
    .help = N_("show or hide the storage alerts in full"), .action = toggle_alerts },
  { .keys = { 'o' }, .name = "sort", .label = N_("sort"),
    .help = N_("sort by name, state, bitrate or uptime"), .action = change_sort },
  { .keys = { 'h' }, .name = "alarm-history", .label = N_("history"),
    .help = N_("on the alarms page: the history of every alarm, or only those waiting"),
    .action = toggle_history },
  { .keys = { 'n' }, .name = "alarm-incident", .label = N_("incident"),
    .help = N_("on the alarms page: a new incident (F5) from the alarm selected"),
    .action = incident_from_alarm },
  { .keys = { '+' }, .name = "camera-add", .label = N_("add camera"),
    .help = N_("add a camera by its brand, IP and password (administrators): its addresses are "
               "tried and each result shown"),
    .action = add_camera },
  { .keys = { CG_KEY_ESC }, .name = "back", .label = N_("back"),
    .help = N_("back from a camera's page, the alerts or the alarms to the table"),
    .action = back_to_table },
  { .keys = { CG_KEY_NONE } },
};

const CgScreen cg_screen_status = {
  .name = "status",
  .number = 4,
  .title = N_("Status"),
  .help = N_("every camera in a table: state, link, recording, days kept"),
  .open = status_open,
  .close = status_close,
  .show = status_show,
  .update = status_update,
  .paint = paint,
  .key = status_key,
  .keys = keys,
  .guide = "Trạng thái (F4)",
};
