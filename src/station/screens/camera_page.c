/* screens/camera_page.c — a camera in full, and the alerts in full, for
 * the Status screen (see the header). */
#include "build-config.h"

#include "station/screens/camera_page.h"

#include "common/alert.h"
#include "common/camera_fields.h"
#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/history.h"
#include "station/layout.h"

#include <math.h>

#define HISTORY_MINUTES 60
#define OUTAGES_SHOWN 5
#define REFETCH_US (60 * CG_USEC_PER_SEC)
/* The text beside the picture keeps the hour's chart whole. */
#define TEXT_COLS (HISTORY_MINUTES + 1 + 2)
/* A picture smaller than this is not worth the room. */
#define PICTURE_MIN_ROWS 6
/* Rows kept under a picture below the figures: the chart, a few outages. */
#define UNDER_PICTURE_ROWS 10
/* How far back outages are looked for: the day an officer reports on. */
#define OUTAGES_SINCE_US (24 * 3600 * CG_USEC_PER_SEC)

struct CgCameraPage {
  char *camera;        /* whose history and outages these are */
  gint64 fetched_us;
  GArray *history;     /* CgLinkMinute, oldest first, or NULL */
  GPtrArray *outages;  /* CgOutage*, newest first, or NULL */
  char *problem;       /* why they could not be fetched */
  JsonObject *inventory; /* the camera as camera.get gave it, or NULL */
};

CgCameraPage *
cg_camera_page_new (void)
{
  return g_new0 (CgCameraPage, 1);
}

static void
forget (CgCameraPage *p)
{
  g_clear_pointer (&p->camera, g_free);
  g_clear_pointer (&p->history, g_array_unref);
  g_clear_pointer (&p->outages, g_ptr_array_unref);
  g_clear_pointer (&p->problem, g_free);
  g_clear_pointer (&p->inventory, json_object_unref);
}

void
cg_camera_page_refetch (CgCameraPage *p)
{
  p->fetched_us = 0;
}

void
cg_camera_page_free (CgCameraPage *p)
{
  if (p == NULL)
    return;
  forget (p);
  g_free (p);
}

static JsonNode *
ask (CgStation *st, const char *method, const char *camera, gint64 since_us, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  if (since_us > 0)
    {
      g_autofree char *from = cg_time_format_iso (since_us);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, from);
    }
  else
    {
      json_builder_set_member_name (b, "minutes");
      json_builder_add_int_value (b, HISTORY_MINUTES);
    }
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  JsonNode *r = cg_client_call (st->client, method, params, NULL, error);
  if (r != NULL && !JSON_NODE_HOLDS_OBJECT (r))
    g_clear_pointer (&r, json_node_unref);
  return r;
}

void
cg_camera_page_update (CgCameraPage *p, CgStation *st, const CgStationCamera *c)
{
  gint64 now = cg_time_now_us ();
  const char *camera = c != NULL ? c->name : NULL;
  if (camera == NULL || st->client == NULL
      || (g_strcmp0 (p->camera, camera) == 0 && now - p->fetched_us < REFETCH_US))
    return;
  /* Another camera's figures must not stay under this one's name. */
  if (g_strcmp0 (p->camera, camera) != 0)
    forget (p);
  g_free (p->camera);
  p->camera = g_strdup (camera);
  p->fetched_us = now;
  /* Who to call about it: the inventory, as everyone with a role may
   * read it (camera.get sends credentials to administrators only, and
   * the page shows none). */
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) cam = cg_client_call (st->client, "camera.get", params, NULL, NULL);
  g_clear_pointer (&p->inventory, json_object_unref);
  if (cam != NULL && JSON_NODE_HOLDS_OBJECT (cam))
    p->inventory = json_object_ref (json_node_get_object (cam));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) stats = ask (st, "link.stats", camera, 0, &error);
  /* Not before the camera was added: it was not an outage. */
  gint64 since = MAX (now - OUTAGES_SINCE_US, c->created_us);
  g_autoptr (JsonNode) recs = stats != NULL ? ask (st, "recordings.list", camera, since, &error) : NULL;
  g_clear_pointer (&p->problem, g_free);
  if (recs == NULL)
    {
      p->problem = g_strdup (error != NULL ? error->message : "?");
      return;
    }
  g_clear_pointer (&p->history, g_array_unref);
  g_clear_pointer (&p->outages, g_ptr_array_unref);
  p->history = cg_link_history_parse (json_node_get_object (stats), now, HISTORY_MINUTES);
  p->outages = cg_outages_parse (json_node_get_object (recs), OUTAGES_SHOWN);
}

/* ---- drawing ------------------------------------------------------------ */

static int
paint_head (CgStation *st, const CgStationCamera *c, WINDOW *win, int y, int cols)
{
  const char *state = cg_model_state (st->model, c);
  wattron (win, A_BOLD);
  g_autofree char *title = *c->place != '\0' ? g_strdup_printf ("%s — %s", c->name, c->place)
                                             : g_strdup (c->name);
  cg_draw_text (win, y++, 1, cols - 2, title, FALSE);
  wattroff (win, A_BOLD);
  int pair = cg_draw_state_pair (state);
  wattron (win, COLOR_PAIR (pair) | A_BOLD);
  g_autofree char *label = g_strdup_printf ("%s %s", cg_draw_marker (st, state), cg_camera_state_label (state));
  cg_draw_text (win, y, 1, cg_text_width (label), label, FALSE);
  wattroff (win, COLOR_PAIR (pair) | A_BOLD);
  gint64 since = 0;
  if (cg_model_connection (st->model) == CG_MODEL_CONNECTED && c->since != NULL
      && cg_time_parse (c->since, NULL, &since, NULL))
    {
      g_autofree char *when = cg_time_format_local (since, NULL);
      g_autofree char *text = g_strdup_printf (_("since %s"), when);
      cg_draw_text (win, y, 2 + cg_text_width (label), cols - 4 - cg_text_width (label), text, FALSE);
    }
  y++;
  /* The whole reason and what to do, however long. */
  gboolean warning = FALSE;
  g_autofree char *advice = cg_model_advice (st->model, c, &warning);
  if (*advice != '\0')
    {
      if (warning)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING));
      y = cg_draw_paragraph (win, y, 1, cols - 2, 3, advice);
      if (warning)
        wattroff (win, COLOR_PAIR (CG_PAIR_WARNING));
    }
  if (c->decode_error != NULL && *c->decode_error != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Its pictures cannot be decoded: %s"), c->decode_error);
      y = cg_draw_paragraph (win, y, 1, cols - 2, 2, text);
    }
  return y;
}

static int
paint_figures (CgStation *st, const CgStationCamera *c, WINDOW *win, int y, int cols)
{
  if (cg_model_is_live (st->model, c))
    {
      g_autofree char *link = g_strdup_printf (_("Bitrate %.0f kbit/s, %.1f frames/s, keyframe every %.1f s"),
                                               c->bitrate / 1000.0, c->fps, c->keyframe_interval_ms / 1000.0);
      cg_draw_text (win, y++, 1, cols - 2, link, FALSE);
    }
  g_autofree char *up = g_strdup_printf (_("Recorded %.0f%% of the last 24 h; %d reconnections"),
                                         floor (c->uptime_24h * 100), (int) c->reconnects);
  cg_draw_text (win, y++, 1, cols - 2, up, FALSE);
  if (c->days_kept >= 0)
    {
      g_autofree char *days = g_strdup_printf (_("Recordings kept: %.1f days"), c->days_kept);
      cg_draw_text (win, y++, 1, cols - 2, days, FALSE);
    }
  return y;
}

/* The inventory's fields that are said, one a line ("e" changes them);
 * the notes on one line. */
static int
paint_inventory (CgCameraPage *p, WINDOW *win, int y, int last, int cols)
{
  if (p->inventory == NULL)
    return y;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      if (!(f->flags & CG_FIELD_INVENTORY) || f->label == NULL)
        continue;
      g_autofree char *value = cg_camera_field_describe (f, p->inventory, NULL);
      if (value == NULL)
        continue;
      g_strdelimit (value, "\n", ' ');
      g_ptr_array_add (lines, g_strdup_printf ("  %s %s", _(f->label), value));
    }
  wattron (win, A_BOLD);
  cg_draw_text (win, y++, 1, cols - 2, _("Inventory (e: change):"), FALSE);
  wattroff (win, A_BOLD);
  if (lines->len == 0)
    cg_draw_text (win, y++, 1, cols - 2, _("  nothing recorded yet"), FALSE);
  for (guint i = 0; i < lines->len && y <= last; i++)
    cg_draw_text (win, y++, 1, cols - 2, lines->pdata[i], FALSE);
  return y;
}

/* The last hour: bars, the marks under them, the time axis. */
static int
paint_history (CgCameraPage *p, CgStation *st, WINDOW *win, int y, int cols)
{
  int width = MIN (HISTORY_MINUTES + 1, cols - 2);
  double max = 0;
  g_autofree char *bars = cg_link_history_bars (p->history, width, st->utf8, &max);
  g_autofree char *title = g_strdup_printf (_("Bitrate, last hour (top: %.0f kbit/s; x: reconnected, "
                                              "!: frames lost, -: nothing received):"), max);
  y = cg_draw_paragraph (win, y, 1, cols - 2, 2, title);
  wattron (win, COLOR_PAIR (CG_PAIR_RECORDING));
  cg_draw_text (win, y++, 1, width, bars, FALSE);
  wattroff (win, COLOR_PAIR (CG_PAIR_RECORDING));
  g_autofree char *marks = cg_link_history_marks (p->history, width);
  wattron (win, COLOR_PAIR (CG_PAIR_WARNING));
  cg_draw_text (win, y++, 1, width, marks, FALSE);
  wattroff (win, COLOR_PAIR (CG_PAIR_WARNING));
  gint64 first = g_array_index (p->history, CgLinkMinute, p->history->len - (guint) width).minute_us;
  g_autofree char *axis = cg_history_axis (first, width, NULL);
  cg_draw_text (win, y++, 1, width, axis, FALSE);
  return y;
}

static int
paint_outages (CgCameraPage *p, WINDOW *win, int y, int last, int cols)
{
  wattron (win, A_BOLD);
  cg_draw_text (win, y++, 1, cols - 2, _("Last outages (24 h):"), FALSE);
  wattroff (win, A_BOLD);
  if (p->outages->len == 0)
    cg_draw_text (win, y++, 1, cols - 2, _("no outage in the last 24 h"), FALSE);
  for (guint i = 0; i < p->outages->len && y <= last; i++)
    {
      const CgOutage *o = p->outages->pdata[i];
      g_autofree char *when = cg_time_format_local (o->start_us, NULL);
      g_autofree char *len = cg_duration_format (o->end_us - o->start_us);
      g_autofree char *why = cg_reason_describe (o->reason);
      g_autofree char *line = g_strdup_printf ("%s  %s  %s", when, len, why);
      cg_draw_text (win, y++, 1, cols - 2, line, FALSE);
    }
  return y;
}

/* The camera's picture at pic; an old one grey, saying how old. */
static void
paint_picture (CgStation *st, const CgStationCamera *c, WINDOW *win, const CgRect *pic)
{
  gboolean live = cg_model_is_live (st->model, c);
  cg_thumbs_set_grey (st->thumbs, c->name, !live);
  const CgCell *cells = cg_thumbs_cells (st->thumbs, c->name, pic->w, pic->h, &st->picture_style);
  if (cells == NULL)
    {
      cg_draw_text (win, pic->y + pic->h / 2, pic->x + 1, pic->w - 2, _("(no picture yet)"), FALSE);
      return;
    }
  cg_picture_draw (win, pic->y, pic->x, cells, pic->w, pic->h);
  if (!live)
    cg_draw_old_picture_label (st, win, pic->y, pic->x, pic->w, 2, c);
}

void
cg_camera_page_paint (CgCameraPage *p, CgStation *st, const CgStationCamera *c, WINDOW *win, int rows,
                      int cols)
{
  if (c == NULL)
    {
      g_autofree char *empty = cg_model_empty_text (st->model, st->filter);
      cg_draw_paragraph (win, 1, 1, cols - 2, rows - 2, empty);
      return;
    }
  /* The picture right of the text when the text keeps its width there,
   * else under the head and figures when rows are left; the text then
   * ends two cells before it. */
  CgRect pic;
  int full = cols;
  gboolean beside = cg_layout_picture_beside (rows - 1, cols - 1, TEXT_COLS, PICTURE_MIN_ROWS, &pic);
  if (beside)
    cols = pic.x - 1;
  int y = paint_head (st, c, win, 0, cols);
  y = paint_figures (st, c, win, y, cols) + 1;
  int last = rows - 2;
  if (g_strcmp0 (p->camera, c->name) == 0)
    y = paint_inventory (p, win, y, last - 4, cols) + 1;
  if (beside)
    paint_picture (st, c, win, &pic);
  else if (cg_layout_picture_fit (last - y - UNDER_PICTURE_ROWS, cols - 2, PICTURE_MIN_ROWS, &pic))
    {
      pic.y = y;
      pic.x = 1;
      paint_picture (st, c, win, &pic);
      y += pic.h + 1;
    }
  if (g_strcmp0 (p->camera, c->name) != 0 || (p->history == NULL && p->problem == NULL))
    cg_draw_text (win, y, 1, cols - 2, st->client != NULL ? _("Asking canhgacd for its history…")
                                                          : _("Its history needs canhgacd."), FALSE);
  else if (p->history == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Its history cannot be read: %s"), p->problem);
      cg_draw_paragraph (win, y, 1, cols - 2, 2, why);
    }
  else
    {
      if (y + 4 <= last)
        y = paint_history (p, st, win, y, cols) + 1;
      if (y < last)
        paint_outages (p, win, y, last, cols);
    }
  wattron (win, A_BOLD);
  cg_draw_text (win, rows - 1, 1, full - 2, _("Esc: back to the table  ↑ ↓: another camera"), FALSE);
  wattroff (win, A_BOLD);
}

void
cg_alerts_page_paint (CgStation *st, WINDOW *win, int rows, int cols)
{
  JsonArray *alerts = cg_model_alerts (st->model);
  guint n = json_array_get_length (alerts);
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, _("Storage alerts"), FALSE);
  wattroff (win, A_BOLD);
  int y = 2;
  if (n == 0)
    cg_draw_text (win, y, 1, cols - 2, _("No storage alert: recordings are kept as planned."), FALSE);
  for (guint i = 0; i < n && y < rows - 2; i++)
    {
      JsonNode *node = json_array_get_element (alerts, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *a = json_node_get_object (node);
      gboolean bad = cg_alert_severity (a) == CG_ALERT_BAD;
      g_autofree char *text = cg_alert_describe (a);
      int pair = bad ? CG_PAIR_OFFLINE : CG_PAIR_WARNING;
      wattron (win, COLOR_PAIR (pair) | A_BOLD);
      cg_draw_text (win, y, 1, 2, st->utf8 ? "●" : bad ? "x" : "o", FALSE);
      wattroff (win, COLOR_PAIR (pair) | A_BOLD);
      y = cg_draw_paragraph (win, y, 3, cols - 4, rows - 2 - y, text) + 1;
    }
  /* What officers copy onto paper: a printed head anchors the audit log
   * up to it. */
  g_autofree char *audit = cg_model_audit_line (st->model);
  if (audit != NULL && y < rows - 2)
    cg_draw_text (win, rows - 3, 1, cols - 2, audit, FALSE);
  if (cg_model_connection (st->model) != CG_MODEL_CONNECTED)
    cg_draw_text (win, rows - 2, 1, cols - 2, _("(as canhgacd last said: it is not answering now)"), FALSE);
  wattron (win, A_BOLD);
  cg_draw_text (win, rows - 1, 1, cols - 2, _("Esc: back to the table"), FALSE);
  wattroff (win, A_BOLD);
}
