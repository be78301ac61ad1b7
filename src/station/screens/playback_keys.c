/* screens/playback_keys.c — the playback screen's keys: playing, the
 * speeds, jumps, frames, events, marks, the time field, the cameras.
 * All are hotkeys Telex and VNI leave alone (keys.h). */
#include "build-config.h"

#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "station/screens/playback.h"
#include "station/screens/playback_state.h"
#include "station/time_input.h"

#define SECOND_US CG_USEC_PER_SEC
/* Events nearer than this to the head are the one it is on. */
#define EVENT_NEAR_US SECOND_US
/* How far the next or previous event is looked for. */
#define EVENT_SEARCH_US (7 * 24 * 3600 * SECOND_US)

static int
play (gpointer self, int key)
{
  Playback *pb = self;
  if (pb->mode == PB_PLAYING || (pb->mode == PB_LIVE && key != 'v'))
    pb_set_mode (pb, PB_PAUSED); /* from live: paused there */
  else
    {
      if (pb->mode == PB_LIVE)
        pb_set_mode (pb, PB_PAUSED);
      /* Reverse is only ever asked for with its own key. */
      if (key == 'v')
        pb->speed = -ABS (pb->speed);
      else if (pb->speed < 0)
        pb->speed = ABS (pb->speed);
      pb_set_mode (pb, PB_PLAYING);
    }
  g_clear_pointer (&pb->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
reverse (gpointer self, int key)
{
  Playback *pb = self;
  if (pb->mode == PB_PLAYING && pb->speed < 0)
    return play (self, key); /* pauses */
  if (pb->mode == PB_PLAYING)
    {
      pb_set_speed (pb, -ABS (pb->speed));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  return play (self, 'v');
}

static int
change_speed (gpointer self, int key)
{
  Playback *pb = self;
  if (pb->mode == PB_LIVE)
    pb_set_mode (pb, PB_PAUSED);
  pb_set_speed (pb, cg_player_speed_step (pb->speed, key == '+' ? 1 : -1));
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
jump (gpointer self, int key)
{
  Playback *pb = self;
  gint64 by = 0;
  switch (key)
    {
    case CG_KEY_RIGHT: by = 10 * SECOND_US; break;
    case CG_KEY_LEFT: by = -10 * SECOND_US; break;
    case CG_KEY_UP: by = 60 * SECOND_US; break;
    case CG_KEY_DOWN: by = -60 * SECOND_US; break;
    case CG_KEY_PAGE_UP: by = 600 * SECOND_US; break;
    case CG_KEY_PAGE_DOWN: by = -600 * SECOND_US; break;
    default: return CG_KEY_IGNORED;
    }
  gint64 from = pb->mode == PB_PLAYING || !pb->have_frame ? pb_clock (pb) : pb->head_us;
  if (pb->mode == PB_LIVE && pb->have_frame)
    from = pb->frame_us;
  gint64 to = MIN (from + by, cg_time_now_us ());
  pb_seek (pb, to);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
step (gpointer self, int key)
{
  Playback *pb = self;
  if (pb->mode != PB_PAUSED)
    pb_set_mode (pb, PB_PAUSED);
  pb->step = key == '.' ? 1 : -1;
  g_clear_pointer (&pb->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* The nearest motion event or outage after (dir > 0) or before the head;
 * FALSE when there is none within a week. */
static gboolean
find_event (Playback *pb, int dir, gint64 *at_us, char **what)
{
  CgStation *st = pb->st;
  if (st->client == NULL)
    return FALSE;
  gint64 head = pb->mode == PB_LIVE && pb->have_frame ? pb->frame_us : pb->head_us;
  gint64 from = dir > 0 ? head : head - EVENT_SEARCH_US;
  gint64 to = dir > 0 ? MIN (head + EVENT_SEARCH_US, cg_time_now_us ()) : head;
  g_autoptr (CgRecordings) rec = cg_recordings_new (pb->camera);
  g_autoptr (GError) error = NULL;
  if (to <= from || !cg_recordings_fetch (rec, cg_client_call_with, st->client, from, to, &error))
    {
      if (error != NULL)
        pb_notice (pb, TRUE, "%s", error->message);
      return FALSE;
    }
  gboolean found = FALSE;
  gint64 best = 0;
  const CgRecGap *best_gap = NULL;
  for (guint i = 0; i < rec->motion->len; i++)
    {
      gint64 t = g_array_index (rec->motion, CgRecMotion, i).start_us;
      if ((dir > 0 ? t > head + EVENT_NEAR_US : t < head - EVENT_NEAR_US)
          && (!found || (dir > 0 ? t < best : t > best)))
        {
          found = TRUE;
          best = t;
          best_gap = NULL;
        }
    }
  for (guint i = 0; i < rec->gaps->len; i++)
    {
      const CgRecGap *g = &g_array_index (rec->gaps, CgRecGap, i);
      /* The moment the picture went: what happened just before. */
      gint64 t = g->start_us - SECOND_US;
      if ((dir > 0 ? t > head + EVENT_NEAR_US : t < head - EVENT_NEAR_US)
          && (!found || (dir > 0 ? t < best : t > best)))
        {
          found = TRUE;
          best = t;
          best_gap = g;
        }
    }
  if (!found)
    return FALSE;
  *at_us = best;
  g_autofree char *when = cg_time_format_local (best_gap != NULL ? best_gap->start_us : best, NULL);
  if (best_gap != NULL)
    {
      g_autofree char *why = cg_reason_describe (best_gap->reason);
      g_autofree char *len = cg_duration_format (best_gap->end_us - best_gap->start_us);
      *what = g_strdup_printf (_("No picture from %s for %s: %s"), when, len, why);
    }
  else
    *what = g_strdup_printf (_("Motion at %s"), when);
  return TRUE;
}

static int
event (gpointer self, int key)
{
  Playback *pb = self;
  int dir = key == 'n' ? 1 : -1;
  gint64 at = 0;
  g_autofree char *what = NULL;
  if (!find_event (pb, dir, &at, &what))
    {
      if (pb->notice == NULL || !pb->notice_bad)
        pb_notice (pb, FALSE, "%s", dir > 0 ? _("No motion or outage after this within a week.")
                                            : _("No motion or outage before this within a week."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  pb_seek (pb, at);
  pb_notice (pb, FALSE, "%s", what);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
mark (gpointer self, int key)
{
  Playback *pb = self;
  gint64 t = pb->have_frame ? pb->frame_us : pb->head_us;
  if (key == 'i')
    pb->marks.in_us = t;
  else
    pb->marks.out_us = t;
  /* Marked the wrong way round: the earlier is the start. */
  if (pb->marks.in_us != 0 && pb->marks.out_us != 0 && pb->marks.out_us < pb->marks.in_us)
    {
      gint64 x = pb->marks.in_us;
      pb->marks.in_us = pb->marks.out_us;
      pb->marks.out_us = x;
    }
  g_clear_pointer (&pb->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
export (gpointer self, int key)
{
  pb_export_start (self);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
snapshot (gpointer self, int key)
{
  pb_snapshot (self);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
zoom (gpointer self, int key)
{
  Playback *pb = self;
  pb->view.span_us = cg_timebar_zoom (pb->view.span_us, key == '>' ? 1 : -1);
  pb->view.start_us = 0;
  cg_timebar_follow (&pb->view, pb->mode == PB_PAUSED ? pb->head_us : pb_clock (pb));
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
go_live (gpointer self, int key)
{
  Playback *pb = self;
  pb_set_mode (pb, PB_LIVE);
  g_clear_pointer (&pb->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
tour (gpointer self, int key)
{
  Playback *pb = self;
  pb->tour = !pb->tour;
  if (pb->tour)
    {
      pb_set_mode (pb, PB_LIVE);
      pb->full = TRUE;
      pb->tour_next_us = g_get_monotonic_time () + 8 * SECOND_US;
    }
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
full_screen (gpointer self, int key)
{
  Playback *pb = self;
  pb->full = !pb->full;
  pb->seek_wanted = pb->have_frame && pb->mode == PB_PAUSED;
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
other_camera (gpointer self, int key)
{
  Playback *pb = self;
  CgStation *st = pb->st;
  g_autoptr (GPtrArray) v = cg_station_visible (st);
  if (v->len == 0)
    return CG_KEY_HANDLED;
  guint i = 0;
  while (i < v->len && g_strcmp0 (((CgStationCamera *) v->pdata[i])->name, pb->camera) != 0)
    i++;
  i = key == CG_KEY_TAB ? (i + 1) % v->len : (i + v->len - 1) % v->len;
  cg_station_select (st, v->pdata[i]);
  pb_set_camera (pb, ((CgStationCamera *) v->pdata[i])->name);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
start_time (gpointer self, int key)
{
  Playback *pb = self;
  pb->editing_time = TRUE;
  cg_text_field_set_text (pb->time_edit, "");
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Esc: out of the full-screen view (back where it was opened from), or
 * the news and the marks away. */
static int
back (gpointer self, int key)
{
  Playback *pb = self;
  if (pb->full && pb->back != NULL)
    {
      int i = cg_screen_by_number (pb->back->number);
      pb->full = FALSE;
      pb->tour = FALSE;
      pb->back = NULL;
      if (pb->mode == PB_LIVE)
        pb_set_mode (pb, PB_PAUSED);
      cg_station_show (pb->st, i);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (pb->full)
    pb->full = FALSE;
  else if (pb->notice != NULL)
    g_clear_pointer (&pb->notice, g_free);
  else
    pb->marks = (CgBarMarks) { 0, 0 };
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

const CgKeyRow pb_keys[] = {
  { .keys = { CG_KEY_SPACE }, .name = "play", .label = N_("play/pause"),
    .help = N_("play or pause (from live: pause there)"), .action = play },
  { .keys = { 'v' }, .name = "play-back", .label = N_("backwards"),
    .help = N_("play backwards, keyframes only"), .action = reverse },
  { .keys = { '+', '-' }, .name = "speed", .label = N_("speed"),
    .help = N_("faster or slower: ½×, 1×, 2×, 4×, 8×, 16× (above 4× keyframes only)"),
    .action = change_speed },
  { .keys = { CG_KEY_LEFT, CG_KEY_RIGHT, CG_KEY_DOWN, CG_KEY_UP, CG_KEY_PAGE_DOWN, CG_KEY_PAGE_UP },
    .name = "jump", .label = N_("jump"),
    .help = N_("back or on: ← → 10 seconds, ↓ ↑ 1 minute, PgDn PgUp 10 minutes"), .action = jump },
  { .keys = { ',', '.' }, .name = "frame", .label = N_("frame"),
    .help = N_("one frame back or on (pauses)"), .action = step },
  { .keys = { 'g' }, .name = "go-to", .label = N_("go to"),
    .help = N_("go to a time: dd/mm HH:MM, HH:MM (today), -15m, -2h"), .action = start_time },
  { .keys = { 'p', 'n' }, .name = "event", .label = N_("event"),
    .help = N_("previous or next motion or outage"), .action = event },
  { .keys = { 'i', 'o' }, .name = "mark", .label = N_("mark"),
    .help = N_("mark where the footage to export begins (i) and ends (o)"), .action = mark },
  { .keys = { 'e' }, .name = "export", .label = N_("export"),
    .help = N_("export the marked footage to an MP4 file here, with its SHA-256 and custody "
               "record; again: cancel"), .action = export },
  { .keys = { 'm' }, .name = "incident-from-marks", .label = N_("new incident"),
    .help = N_("record a new incident (F5) from the marked footage: its camera and times filled in"),
    .action = pb_new_incident },
  { .keys = { 'a' }, .name = "incident-attach-marks", .label = N_("to incident"),
    .help = N_("attach the marked footage to an incident: asks its number (12, or 12/2026)"),
    .action = pb_attach_incident },
  { .keys = { 'c' }, .name = "snapshot", .label = N_("picture"),
    .help = N_("save the frame on screen at full size as a JPEG file here"), .action = snapshot },
  { .keys = { '<', '>' }, .name = "zoom", .label = N_("zoom"),
    .help = N_("the time line narrower or wider: 10 minutes to 7 days"), .action = zoom },
  { .keys = { 'l' }, .name = "live", .label = N_("live"),
    .help = N_("back to the live picture"), .action = go_live },
  { .keys = { CG_KEY_TAB, CG_KEY_BACK_TAB }, .name = "camera-next", .label = N_("camera"),
    .help = N_("the next or previous camera (of the filter), at the same time"),
    .action = other_camera },
  { .keys = { CG_KEY_ENTER }, .name = "full-screen", .label = N_("full screen"),
    .help = N_("the picture alone on the screen, or with the time line again"),
    .action = full_screen },
  { .keys = { 't' }, .name = "tour", .label = N_("tour"),
    .help = N_("live, full-screen, a new camera every 8 seconds; again: stop"), .action = tour },
  { .keys = { CG_KEY_ESC }, .name = "playback-back", .label = N_("back"),
    .help = N_("leave the full-screen view; else clear the news, then the marks"), .action = back },
  { .keys = { CG_KEY_NONE } },
};

/* ---- the time field -------------------------------------------------- */

static int
time_go (gpointer self, int key)
{
  Playback *pb = self;
  g_autoptr (GError) error = NULL;
  gint64 t = 0;
  if (!cg_time_input_parse (cg_text_field_text (pb->time_edit), cg_time_now_us (), NULL, &t, &error))
    {
      /* The field stays open with what was typed, the reason below it. */
      pb->editing_time = FALSE;
      pb_notice (pb, TRUE, "%s", error->message);
      pb->editing_time = TRUE;
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  pb->editing_time = FALSE;
  pb_seek (pb, t);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
time_cancel (gpointer self, int key)
{
  Playback *pb = self;
  pb->editing_time = FALSE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

const CgKeyRow pb_time_keys[] = {
  { .keys = { CG_KEY_ENTER }, .name = "go-to-go", .label = N_("go"),
    .help = N_("go to the time typed"), .action = time_go },
  { .keys = { CG_KEY_ESC }, .name = "go-to-cancel", .label = N_("cancel"),
    .help = N_("close the field"), .action = time_cancel },
  { .keys = { CG_KEY_NONE } },
};

/* While the time field is open every key is the field's, or its rows'. */
int
pb_key (gpointer self, int key)
{
  Playback *pb = self;
  if (pb->editing_incident)
    return pb_incident_key (pb, key);
  if (!pb->editing_time)
    return CG_KEY_IGNORED;
  CgTextFieldResult r = cg_text_field_press (pb->time_edit, key);
  if (r == CG_TEXT_FIELD_IGNORED)
    {
      int flags = cg_key_dispatch (pb_time_keys, pb, key);
      /* F-keys still switch screens; nothing else leaves the field. */
      if (!(flags & CG_KEY_HANDLED) && CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0)
        {
          pb->editing_time = FALSE;
          return CG_KEY_IGNORED;
        }
      return CG_KEY_HANDLED | CG_KEY_REDRAW | (flags & CG_KEY_UPDATE);
    }
  if (r & CG_TEXT_FIELD_REFUSED)
    beep ();
  if (r & CG_TEXT_FIELD_CHANGED)
    g_clear_pointer (&pb->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}
