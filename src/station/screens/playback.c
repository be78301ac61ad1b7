/* screens/playback.c — F6 Xem lại: the clock, the player's frames and
 * the drawing (see playback.h).  Keys are playback_keys.c's, exports and
 * pictures playback_evidence.c's. */
#include "build-config.h"

#include "station/screens/playback.h"

#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/screens/playback_state.h"

#include <stdarg.h>

/* How often the clock looks for a new frame. */
#define TICK_MS 20
/* Live: this far behind the camera, so that the frame is on the disk. */
#define LIVE_BEHIND_US (CG_USEC_PER_SEC * 3 / 2)
/* What the player lists around the head, and how close to its ends the
 * head may come before it lists again. */
#define LIST_BEFORE_US (3600 * CG_USEC_PER_SEC)
#define LIST_AFTER_US (3 * 3600 * CG_USEC_PER_SEC)
#define LIST_MARGIN_US (60 * CG_USEC_PER_SEC)
/* The time line is listed again this often (segments are recorded and
 * deleted under it). */
#define TIMELINE_EVERY_US (5 * CG_USEC_PER_SEC)
/* The full-screen tour's pace. */
#define TOUR_US (8 * CG_USEC_PER_SEC)
/* Rows under the picture: the marks, the bar, its times, the info line
 * and the line for the field or the news. */
#define BELOW_ROWS 5

#define SCREEN_NAME "playback"

/* ---- the clock ---------------------------------------------------------- */

gint64
pb_clock (const Playback *pb)
{
  switch (pb->mode)
    {
    case PB_LIVE:
      return cg_time_now_us () - LIVE_BEHIND_US;
    case PB_PLAYING:
      return pb->base_media_us
             + (gint64) ((double) (g_get_monotonic_time () - pb->base_wall_us) * pb->speed);
    case PB_PAUSED:
    default:
      return pb->head_us;
    }
}

static void
rebase (Playback *pb, gint64 media_us)
{
  pb->base_media_us = media_us;
  pb->base_wall_us = g_get_monotonic_time ();
}

void
pb_set_mode (Playback *pb, PbMode mode)
{
  gint64 now = pb_clock (pb);
  if (pb->mode == PB_LIVE && mode != PB_LIVE && pb->have_frame)
    now = pb->frame_us;
  /* Stopped after moving: the picture again, decoded in full. */
  if (mode == PB_PAUSED && pb->mode != PB_PAUSED && pb->have_frame)
    pb->seek_wanted = TRUE;
  pb->mode = mode;
  pb->head_us = now;
  rebase (pb, now);
  if (mode != PB_LIVE)
    pb->tour = FALSE;
}

void
pb_set_speed (Playback *pb, double speed)
{
  /* The clock goes on from where it is, at the new speed. */
  rebase (pb, pb_clock (pb));
  pb->speed = speed;
}

void
pb_notice (Playback *pb, gboolean bad, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_free (pb->notice);
  pb->notice = g_strdup_vprintf (format, ap);
  pb->notice_bad = bad;
  va_end (ap);
}

/* ---- the player ------------------------------------------------------- */

static gboolean
screen_in_front (const Playback *pb)
{
  return g_str_equal (cg_screens[pb->st->screen]->name, SCREEN_NAME);
}

/* The picture's place: as large as the area allows at the recording's
 * shape, cells twice as tall as wide. */
static void
picture_rect (const Playback *pb, int *y, int *x, int *rows, int *cols)
{
  int area_rows = pb->full ? pb->rows - 1 : pb->rows - BELOW_ROWS;
  int area_cols = pb->cols;
  double aspect = pb->source_width > 0 && pb->source_height > 0
                    ? (double) pb->source_width / pb->source_height : 16.0 / 9.0;
  int r = MAX (area_rows, 1), c = (int) (r * aspect * 2 + 0.5);
  if (c > area_cols)
    {
      c = area_cols;
      r = MAX (1, (int) (c / aspect / 2 + 0.5));
    }
  *rows = MIN (r, MAX (area_rows, 1));
  *cols = c;
  *y = 0;
  *x = (area_cols - c) / 2;
}

/* The style the picture is drawn in: in motion, half blocks where the
 * terminal has 256 colours or more — a frame in a fraction of the time,
 * and fewer cells flip from one frame to the next; a still picture in
 * the terminal's best. */
static CgPictureStyle
picture_style (const Playback *pb, gboolean moving)
{
  CgPictureStyle style = pb->st->picture_style;
  if (moving && style.mode >= CG_COLORS_256 && style.symbols > CG_SYMBOLS_HALVES)
    style.symbols = CG_SYMBOLS_HALVES;
  return style;
}

static void
ask (Playback *pb, CgPlayerAsk what, gint64 t_us)
{
  int y, x, rows, cols;
  picture_rect (pb, &y, &x, &rows, &cols);
  /* Moving pictures may be decoded more cheaply; a still one in full. */
  gboolean moving = what == CG_PLAYER_ASK_AT && pb->mode != PB_PAUSED;
  /* What chafa works on, 8 x 8 pixels a cell; half blocks need two. */
  gboolean halves = picture_style (pb, moving).symbols == CG_SYMBOLS_HALVES
                    && pb->st->picture_style.mode >= CG_COLORS_256;
  CgPlayerRequest rq = {
    .camera = pb->camera,
    .ask = what,
    .t_us = t_us,
    .speed = pb->mode == PB_LIVE ? 1 : pb->speed,
    .quick = moving,
    .width = MAX (cols, 1) * (halves ? 1 : 8),
    .height = MAX (rows, 1) * (halves ? 2 : 8),
    .serial = ++pb->serial,
  };
  /* The player lists around the head, and again when it comes near the
   * edge of what it listed. */
  gboolean live = pb->mode == PB_LIVE;
  gboolean outside = t_us < pb->loaded_from_us + LIST_MARGIN_US
                     || (pb->loaded_to_us > 0 && t_us > pb->loaded_to_us - LIST_MARGIN_US)
                     || (live && pb->loaded_to_us != 0);
  if (pb->reload || outside)
    {
      gint64 now = cg_time_now_us ();
      pb->loaded_from_us = t_us - (live ? 5 * 60 * CG_USEC_PER_SEC : LIST_BEFORE_US);
      pb->loaded_to_us = live || t_us + LIST_AFTER_US > now ? 0 : t_us + LIST_AFTER_US;
      rq.reload = TRUE;
      pb->reload = FALSE;
    }
  rq.from_us = pb->loaded_from_us;
  rq.to_us = pb->loaded_to_us;
  cg_player_thread_ask (pb->thread, &rq);
}

void
pb_seek (Playback *pb, gint64 t_us)
{
  if (pb->mode == PB_LIVE)
    pb_set_mode (pb, PB_PAUSED);
  pb->head_us = t_us;
  rebase (pb, t_us);
  /* A picture asked for before, still on its way, must not take the
   * head back to where it was. */
  pb->seek_serial = pb->serial + 1;
  pb->seek_wanted = TRUE;
  pb->seek_key_us = g_get_monotonic_time ();
  g_clear_pointer (&pb->notice, g_free);
  cg_timebar_follow (&pb->view, t_us);
}

void
pb_set_camera (Playback *pb, const char *camera)
{
  if (g_strcmp0 (pb->camera, camera) == 0)
    return;
  g_free (pb->camera);
  pb->camera = g_strdup (camera);
  pb->camera_serial = pb->serial + 1;
  pb->reload = TRUE;
  pb->have_frame = FALSE;
  pb->source_width = pb->source_height = 0;
  g_clear_pointer (&pb->rec, cg_recordings_free);
  pb->rec_at_us = 0;
  /* The same moment on the other camera. */
  if (camera != NULL && pb->mode != PB_LIVE)
    pb_seek (pb, pb->head_us);
}

static gboolean
camera_live (const Playback *pb)
{
  CgStationCamera *c = cg_model_find (pb->st->model, pb->camera);
  return c != NULL && cg_model_is_live (pb->st->model, c);
}

static void
take_frame (Playback *pb, CgPlayerShot *shot)
{
  pb->have_frame = TRUE;
  pb->frame_us = shot->time_us;
  pb->frame_thinned = shot->thinned;
  pb->source_width = shot->source_width;
  pb->source_height = shot->source_height;
  /* An offline camera's last picture must not pass for live. */
  if (pb->mode == PB_LIVE && !camera_live (pb))
    {
      guint8 *grey = cg_picture_grey (shot->rgb, shot->width, shot->height, shot->width * 3);
      g_free (shot->rgb);
      shot->rgb = grey;
    }
  cg_thumbs_feed (pb->st->thumbs, PB_PICTURE_KEY, g_steal_pointer (&shot->rgb), shot->width,
                  shot->height);
  pb->frame_waiting = TRUE;
  pb->st->frames_decoded = shot->decoded;
}

/* A seek's picture is on the terminal: how long it took from the key. */
static void
seek_shown (Playback *pb)
{
  if (pb->seek_key_us == 0 || pb->seek_wanted)
    return;
  double ms = (double) (g_get_monotonic_time () - pb->seek_key_us) / 1000.0;
  g_array_append_val (pb->st->seek_ms, ms);
  pb->seek_key_us = 0;
}

static void
handle (Playback *pb, CgPlayerShot *shot)
{
  if (shot->serial < pb->camera_serial)
    return; /* another camera's */
  if (shot->serial < pb->seek_serial)
    return; /* asked for before the last seek */
  if (shot->skipped)
    {
      g_autofree char *from = cg_time_format_local (shot->gap.start_us, NULL);
      g_autofree char *to = cg_time_format_local (shot->gap.end_us, NULL);
      g_autofree char *why = cg_reason_describe (shot->gap.reason);
      pb_notice (pb, FALSE, _("Skipped %s to %s: nothing recorded (%s)"), from, to, why);
    }
  switch (shot->result)
    {
    case CG_PLAYER_FRAME:
      take_frame (pb, shot);
      /* FALLTHROUGH */
    case CG_PLAYER_SAME:
      /* A seek to the picture already shown is there at once. */
      if (shot->result == CG_PLAYER_SAME && !pb->frame_waiting)
        seek_shown (pb);
      if (pb->mode != PB_LIVE)
        {
          pb->head_us = shot->time_us;
          /* Past a gap the clock goes on from the frame after it. */
          if (shot->skipped && pb->mode == PB_PLAYING)
            rebase (pb, shot->time_us);
        }
      break;
    case CG_PLAYER_END:
      pb->seek_key_us = 0;
      if (pb->mode == PB_PLAYING)
        {
          pb_set_mode (pb, PB_PAUSED);
          if (pb->have_frame)
            pb->head_us = pb->frame_us;
          pb_notice (pb, FALSE, "%s", pb->speed < 0 ? _("The beginning of what was recorded.")
                                                    : _("The end of what was recorded."));
        }
      else if (pb->mode == PB_PAUSED && !pb->have_frame)
        pb_notice (pb, FALSE, _("Nothing was recorded of this camera around that time."));
      break;
    case CG_PLAYER_WAITING:
      break;
    case CG_PLAYER_ERROR:
    default:
      pb->seek_key_us = 0;
      if (pb->mode == PB_PLAYING)
        pb_set_mode (pb, PB_PAUSED);
      pb_notice (pb, TRUE, "%s", shot->error != NULL ? shot->error : "?");
      break;
    }
}

static gboolean
on_ready (gpointer data)
{
  Playback *pb = data;
  g_autoptr (CgPlayerShot) shot = cg_player_thread_take (pb->thread);
  if (shot == NULL)
    return G_SOURCE_REMOVE;
  handle (pb, shot);
  if (screen_in_front (pb))
    {
      cg_station_pace (pb->st);
      cg_station_redraw (pb->st);
    }
  return G_SOURCE_REMOVE;
}

/* Asks for what is owed: a seek or a step first, then while playing the
 * frame for the clock, once the last one is all on the terminal. */
static void
drive (Playback *pb)
{
  if (pb->camera == NULL || cg_player_thread_busy (pb->thread))
    return;
  if (pb->seek_wanted)
    {
      pb->seek_wanted = FALSE;
      ask (pb, CG_PLAYER_ASK_SEEK, pb->head_us);
      return;
    }
  if (pb->step != 0)
    {
      ask (pb, pb->step > 0 ? CG_PLAYER_ASK_NEXT : CG_PLAYER_ASK_PREV, pb->head_us);
      pb->step = 0;
      return;
    }
  if (pb->mode == PB_PAUSED || pb->frame_waiting)
    return;
  gint64 t = pb_clock (pb);
  /* Playing on into the present: that is the live view. */
  if (pb->mode == PB_PLAYING && pb->speed >= 1 && t > cg_time_now_us () - LIVE_BEHIND_US)
    {
      pb_set_mode (pb, PB_LIVE);
      t = pb_clock (pb);
    }
  ask (pb, CG_PLAYER_ASK_AT, t);
}

static void
tour_on (Playback *pb)
{
  if (!pb->tour || g_get_monotonic_time () < pb->tour_next_us)
    return;
  pb->tour_next_us = g_get_monotonic_time () + TOUR_US;
  g_autoptr (GPtrArray) v = cg_station_visible (pb->st);
  if (v->len < 2)
    return;
  guint i = 0;
  while (i < v->len && g_strcmp0 (((CgStationCamera *) v->pdata[i])->name, pb->camera) != 0)
    i++;
  CgStationCamera *next = v->pdata[(i + 1) % v->len];
  cg_station_select (pb->st, next);
  pb_set_camera (pb, next->name);
  cg_station_redraw (pb->st);
}

/* The time the info line shows: the picture's, or the clock's while
 * there is none yet. */
static gint64
shown_time (const Playback *pb)
{
  if (pb->mode == PB_PLAYING && !pb->have_frame)
    return pb_clock (pb);
  return pb->mode == PB_PAUSED || !pb->have_frame ? pb->head_us : pb->frame_us;
}

static gboolean
on_tick (gpointer data)
{
  Playback *pb = data;
  if (!screen_in_front (pb))
    {
      pb->tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (pb->frame_waiting && !cg_thumbs_pending (pb->st->thumbs, PB_PICTURE_KEY))
    {
      pb->frame_waiting = FALSE;
      pb->st->frames_shown++;
      seek_shown (pb);
    }
  tour_on (pb);
  drive (pb);
  if (pb->export_id > 0)
    pb_export_poll (pb);
  /* The time on the info line moves with the clock: drawn again when
   * its second changes (a new frame is drawn as it comes). */
  if (pb->mode != PB_PAUSED)
    {
      if (!pb->full)
        cg_timebar_follow (&pb->view, pb_clock (pb));
      gint64 second = shown_time (pb) / CG_USEC_PER_SEC;
      if (second != pb->painted_second)
        {
          pb->painted_second = second;
          cg_station_redraw (pb->st);
        }
    }
  return G_SOURCE_CONTINUE;
}

/* ---- the time line ---------------------------------------------------- */

/* What was recorded over the view (and as much on either side), asked
 * again when the view moved off it or every few seconds. */
void
pb_list_timeline (Playback *pb, gboolean now)
{
  CgStation *st = pb->st;
  if (pb->camera == NULL || st->client == NULL || pb->full)
    return;
  gint64 from = pb->view.start_us, to = from + pb->view.span_us;
  gboolean covered = pb->rec != NULL && from >= pb->rec_from_us && to <= pb->rec_to_us;
  if (covered && !now && g_get_monotonic_time () - pb->rec_at_us < TIMELINE_EVERY_US)
    return;
  g_autoptr (CgRecordings) rec = cg_recordings_new (pb->camera);
  g_autoptr (GError) error = NULL;
  gint64 lo = from - pb->view.span_us / 2, hi = to + pb->view.span_us / 2;
  pb->rec_at_us = g_get_monotonic_time ();
  if (!cg_recordings_fetch (rec, cg_client_call_with, st->client, lo, MIN (hi, cg_time_now_us ()), &error))
    {
      pb_notice (pb, TRUE, "%s", error->message);
      return;
    }
  g_clear_pointer (&pb->rec, cg_recordings_free);
  pb->rec = g_steal_pointer (&rec);
  pb->rec_from_us = lo;
  pb->rec_to_us = hi;
}

/* ---- the screen's lifecycle --------------------------------------------- */

static gpointer
pb_open (CgStation *st)
{
  Playback *pb = g_new0 (Playback, 1);
  pb->st = st;
  pb->speed = 1;
  pb->mode = PB_PAUSED;
  pb->thread = cg_player_thread_new (st->config->socket_path, on_ready, pb);
  pb->time_edit = cg_text_field_new (32);
  pb->incident_edit = cg_text_field_new (32);
  pb->view.span_us = cg_timebar_zoom (3600 * CG_USEC_PER_SEC, 0);
  return pb;
}

static void
pb_close (gpointer self)
{
  Playback *pb = self;
  if (pb->tick != 0)
    g_source_remove (pb->tick);
  cg_player_thread_free (pb->thread);
  cg_text_field_free (pb->time_edit);
  cg_text_field_free (pb->incident_edit);
  cg_recordings_free (pb->rec);
  g_free (pb->camera);
  g_free (pb->notice);
  g_free (pb);
}

static void
pb_resize (gpointer self, int rows, int cols)
{
  Playback *pb = self;
  pb->rows = rows;
  pb->cols = cols;
  pb->view.width = MAX (cols - 2, 10);
  /* A new size: the picture again at it. */
  if (pb->have_frame && pb->mode == PB_PAUSED)
    pb->seek_wanted = TRUE;
}

static void
pb_show (gpointer self, const CgScreen *from)
{
  Playback *pb = self;
  CgStation *st = pb->st;
  if (pb->tick == 0)
    pb->tick = g_timeout_add (TICK_MS, on_tick, pb);
  /* Full-screen only as cg_playback_show_live opens it. */
  pb->full = pb->opening_live;
  pb->opening_live = FALSE;
  if (!pb->full)
    {
      pb->back = NULL;
      pb->tour = FALSE;
    }
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  CgStationCamera *sel = cg_station_selected (st, v);
  if (sel == NULL)
    return;
  gboolean first = pb->camera == NULL;
  if (pb->mode == PB_LIVE || !first)
    pb_set_camera (pb, sel->name);
  else
    {
      /* First time: paused on the last minute recorded. */
      pb_set_camera (pb, sel->name);
      pb_seek (pb, cg_time_now_us () - 60 * CG_USEC_PER_SEC);
      pb->seek_key_us = 0;
    }
  if (pb->have_frame)
    pb->seek_wanted = TRUE; /* the picture again, after another screen */
}

static void
pb_update (gpointer self)
{
  Playback *pb = self;
  pb_list_timeline (pb, FALSE);
}

void
cg_playback_show_live (CgStation *st)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (g_str_equal (cg_screens[i]->name, SCREEN_NAME))
      {
        Playback *pb = st->screen_states[i];
        const CgScreen *from = cg_screens[st->screen];
        pb->opening_live = TRUE;
        pb->back = from != cg_screens[i] ? from : pb->back;
        pb_set_mode (pb, PB_LIVE);
        cg_station_show (st, i);
        return;
      }
}

/* ---- drawing ------------------------------------------------------------- */

static char *
speed_text (double speed)
{
  double a = ABS (speed);
  g_autofree char *n = a == 0.5 ? g_strdup ("½") : g_strdup_printf ("%.0f", a);
  return speed < 0 ? g_strdup_printf (_("%s× backwards"), n) : g_strdup_printf ("%s×", n);
}

/* Camera, time, what is happening, in one line. */
static void
paint_info (Playback *pb, WINDOW *win, int y, int cols)
{
  gint64 t = shown_time (pb);
  g_autofree char *when = cg_time_format_local (t, NULL);
  g_autofree char *speed = speed_text (pb->speed);
  g_autofree char *state = NULL;
  if (pb->mode == PB_LIVE)
    {
      gint64 age = cg_time_now_us () - t;
      g_autofree char *ago = cg_duration_format (age);
      state = camera_live (pb) ? g_strdup (_("LIVE"))
                               : g_strdup_printf (_("CAMERA DOWN: last picture, %s ago"), ago);
    }
  else
    state = pb->mode == PB_PLAYING ? g_strdup_printf (_("playing %s"), speed)
                                   : g_strdup_printf (_("paused (%s)"), speed);
  GString *line = g_string_new (NULL);
  g_string_printf (line, "%s  %s  %s", pb->camera != NULL ? pb->camera : "", when, state);
  if (pb->have_frame && pb->frame_thinned)
    g_string_append_printf (line, "  %s", _("time-lapse (keyframes only)"));
  if (pb->tour)
    g_string_append_printf (line, "  %s", _("tour"));
  wattron (win, A_BOLD);
  if (pb->mode == PB_LIVE && !camera_live (pb))
    wattron (win, COLOR_PAIR (CG_PAIR_OFFLINE));
  cg_draw_text (win, y, 1, cols - 2, line->str, FALSE);
  wattroff (win, A_BOLD | COLOR_PAIR (CG_PAIR_OFFLINE));
  g_string_free (line, TRUE);
}

static void
paint_bar (Playback *pb, WINDOW *win, int y)
{
  CgStation *st = pb->st;
  gint64 head = pb->mode == PB_PAUSED ? pb->head_us : pb_clock (pb);
  if (pb->have_frame && pb->mode != PB_PLAYING)
    head = pb->mode == PB_LIVE ? pb->frame_us : pb->head_us;
  int w = pb->view.width;
  if (pb->rec == NULL)
    return;
  g_autofree CgBarCell *cells = cg_timebar_cells (pb->rec, &pb->view, head, &pb->marks,
                                                  cg_time_now_us ());
  for (int i = 0; i < w; i++)
    {
      const CgBarCell *c = &cells[i];
      /* The row above: the head, the marks, motion. */
      const char *mark = c->head ? (st->utf8 ? "▼" : "v")
                         : c->marked ? (st->utf8 ? "▬" : "=")
                         : c->motion ? "*" : " ";
      if (c->head || c->marked)
        wattron (win, A_BOLD);
      else if (c->motion)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING));
      mvwaddstr (win, y, 1 + i, mark);
      wattroff (win, A_BOLD | COLOR_PAIR (CG_PAIR_WARNING));
      const char *glyph;
      int pair = 0;
      switch (c->kind)
        {
        case CG_BAR_FULL:
          glyph = c->partial ? (st->utf8 ? "▆" : "#") : (st->utf8 ? "█" : "#");
          pair = CG_PAIR_RECORDING;
          break;
        case CG_BAR_THINNED:
          glyph = st->utf8 ? "▒" : ":";
          pair = CG_PAIR_RECORDING;
          break;
        case CG_BAR_MISSING:
          glyph = st->utf8 ? "░" : "-";
          pair = CG_PAIR_OFFLINE;
          break;
        case CG_BAR_FUTURE:
          glyph = " ";
          break;
        case CG_BAR_NONE:
        default:
          glyph = st->utf8 ? "·" : ".";
          break;
        }
      if (pair != 0)
        wattron (win, COLOR_PAIR (pair));
      if (c->head)
        wattron (win, A_REVERSE);
      mvwaddstr (win, y + 1, 1 + i, glyph);
      wattroff (win, COLOR_PAIR (pair) | A_REVERSE);
    }
  /* Why there is no picture where the head is. */
  const char *gap = cg_timebar_gap_at_head (pb->rec, cells, w, head);
  if (gap != NULL && pb->notice == NULL)
    {
      g_autofree char *why = cg_reason_describe (gap);
      pb_notice (pb, FALSE, _("No recording here: %s"), why);
    }
  g_autofree char *axis = cg_timebar_axis (&pb->view, NULL);
  cg_draw_text (win, y + 2, 1, w, axis, FALSE);
}

/* The last row: the time field, the export's progress, or the news. */
static void
paint_bottom (Playback *pb, WINDOW *win, int y, int cols)
{
  CgStation *st = pb->st;
  if (pb->editing_time)
    {
      g_autofree char *view = cg_text_field_view (pb->time_edit, 24, NULL);
      g_autofree char *line = g_strdup_printf (_("Go to: %s_   (dd/mm HH:MM, HH:MM today, -15m, -2h)  "
                                                 "Enter: go, Esc: cancel"), view);
      wattron (win, A_BOLD);
      cg_draw_text (win, y, 1, cols - 2, line, FALSE);
      wattroff (win, A_BOLD);
      return;
    }
  if (pb->editing_incident)
    {
      g_autofree char *line = pb_incident_line (pb);
      wattron (win, A_BOLD);
      cg_draw_text (win, y, 1, cols - 2, line, FALSE);
      wattroff (win, A_BOLD);
      return;
    }
  if (pb->export_id > 0)
    {
      int w = 20, filled = CLAMP (pb->export_percent, 0, 100) * w / 100;
      GString *bar = g_string_new (NULL);
      for (int i = 0; i < w; i++)
        g_string_append (bar, i < filled ? (st->utf8 ? "█" : "#") : (st->utf8 ? "░" : "."));
      g_autofree char *line = g_strdup_printf (_("Exporting %lld: [%s] %d%%  (e: cancel)"),
                                               (long long) pb->export_id, bar->str,
                                               pb->export_percent);
      g_string_free (bar, TRUE);
      cg_draw_text (win, y, 1, cols - 2, line, FALSE);
      return;
    }
  if (pb->notice != NULL)
    {
      if (pb->notice_bad)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, y, 1, cols - 2, pb->notice, FALSE);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      return;
    }
  if (pb->marks.in_us != 0 || pb->marks.out_us != 0)
    {
      g_autofree char *in = pb->marks.in_us ? cg_time_format_local (pb->marks.in_us, NULL) : g_strdup ("…");
      g_autofree char *out = pb->marks.out_us ? cg_time_format_local (pb->marks.out_us, NULL) : g_strdup ("…");
      g_autofree char *line = g_strdup_printf (_("Marked from %s to %s (e: export it)"), in, out);
      cg_draw_text (win, y, 1, cols - 2, line, FALSE);
    }
}

static void
paint (gpointer self, WINDOW *win, int rows, int cols)
{
  Playback *pb = self;
  CgStation *st = pb->st;
  if (pb->camera == NULL)
    {
      g_autofree char *empty = cg_model_empty_text (st->model, st->filter);
      cg_draw_paragraph (win, 1, 1, cols - 2, rows - 2, empty);
      return;
    }
  int y, x, prow, pcol;
  picture_rect (pb, &y, &x, &prow, &pcol);
  CgPictureStyle style = picture_style (pb, pb->mode != PB_PAUSED);
  const CgCell *cells = cg_thumbs_cells (st->thumbs, PB_PICTURE_KEY, pcol, prow, &style);
  if (cells != NULL && pb->have_frame)
    cg_picture_draw (win, y, x, cells, pcol, prow);
  else
    cg_draw_text (win, y + prow / 2, x + 2, pcol - 4,
                  cg_player_thread_busy (pb->thread) ? _("Looking for the picture…")
                                                     : _("(no picture here)"), FALSE);
  if (pb->full)
    {
      paint_info (pb, win, rows - 1, cols);
      return;
    }
  paint_bar (pb, win, rows - BELOW_ROWS);
  if ((pb->editing_time || pb->editing_incident) && pb->notice != NULL)
    {
      /* What is wrong with the time typed, above the field. */
      wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, rows - 2, 1, cols - 2, pb->notice, FALSE);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
  else
    paint_info (pb, win, rows - 2, cols);
  paint_bottom (pb, win, rows - 1, cols);
}

const CgScreen cg_screen_playback = {
  .name = SCREEN_NAME,
  .number = 6,
  .title = N_("Playback"),
  .help = N_("a camera's recordings: play, go to a time, mark and export; Enter on the Grid or the "
             "Map shows a camera live, full-screen"),
  .open = pb_open,
  .close = pb_close,
  .show = pb_show,
  .update = pb_update,
  .paint = paint,
  .key = pb_key,
  .resize = pb_resize,
  .keys = pb_keys,
  .guide = "Xem lại bản ghi (F6)",
};
