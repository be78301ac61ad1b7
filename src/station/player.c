/* player.c — a camera's footage frame by frame (see the header). */
#define G_LOG_DOMAIN "canhgac-player"
#include "build-config.h"

#include "station/player.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "station/player_decode.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

/* Segments kept open: the one playing, the next (or previous) opened
 * ahead, and one to step back into without opening it again (each
 * opening is audited). */
#define MAX_OPEN 4
/* The next segment is made ready this long (at 1×) before the boundary. */
#define PREFETCH_US (2 * CG_USEC_PER_SEC)
/* A growing file that has not grown for this long may have been closed
 * (the daemon writes it out at least every 1.5 s, and at the cut): the
 * recordings are listed again, at most this often. */
#define EDGE_QUIET_US (CG_USEC_PER_SEC / 5)
#define RELIST_EVERY_US (CG_USEC_PER_SEC / 2)
/* Asked for this far past the last frame of a segment listed as still
 * recording, with nothing newer on the disk: the listing is stale. */
#define STALE_LISTING_US (2 * CG_USEC_PER_SEC)
/* Offsets meaning the first and the last frame of a segment. */
#define FIRST_FRAME (G_MININT64 / 4)
#define LAST_FRAME (G_MAXINT64 / 4)
/* Gaps and unreadable segments stepped over in one call, at most. */
#define MAX_SKIPS 32

static const double speeds[] = { 0.5, 1, 2, 4, 8, 16 };

typedef struct {
  gint64 id;
  CgSegmentDecoder *dec;
  guint64 used;
} Opened;

struct CgPlayer {
  CgPlayerCall call;
  gpointer call_data;
  char *camera;
  CgRecordings *rec;
  gint64 to_us; /* of the listing; 0: following */
  int width, height;
  double speed;
  gboolean quick; /* cg_player_set_quick */
  Opened open[MAX_OPEN];
  guint64 tick;
  guint64 decoded_before; /* by decoders since closed */

  gboolean have_frame;
  CgPlayerFrame frame;
  guint8 *rgb;
  gsize rgb_size;

  gboolean has_skipped;
  CgRecGap skipped;

  gint64 edge_since; /* monotonic: waiting at a growing file's end since */
  gint64 listed_at;  /* monotonic */
  gboolean relist;
};

CgPlayer *
cg_player_new (CgPlayerCall call, gpointer call_data, const char *camera)
{
  CgPlayer *p = g_new0 (CgPlayer, 1);
  p->call = call;
  p->call_data = call_data;
  p->camera = g_strdup (camera);
  p->rec = cg_recordings_new (camera);
  p->speed = 1;
  return p;
}

CgPlayer *
cg_player_new_for_client (CgClient *client, const char *camera)
{
  return cg_player_new (cg_client_call_with, client, camera);
}

static void
close_slot (CgPlayer *p, Opened *o)
{
  if (o->dec == NULL)
    return;
  p->decoded_before += cg_segment_decoder_decoded (o->dec);
  g_clear_pointer (&o->dec, cg_segment_decoder_free);
  o->id = 0;
}

void
cg_player_free (CgPlayer *p)
{
  if (p == NULL)
    return;
  for (int i = 0; i < MAX_OPEN; i++)
    close_slot (p, &p->open[i]);
  g_free (p->skipped.reason);
  cg_recordings_free (p->rec);
  g_free (p->rgb);
  g_free (p->camera);
  g_free (p);
}

/* ---- listing ------------------------------------------------------------------ */

static int
index_of (const CgRecordings *r, gint64 id)
{
  for (int i = cg_recordings_count (r) - 1; i >= 0; i--)
    if (cg_recordings_segment (r, i)->id == id)
      return i;
  return -1;
}

static gboolean
list (CgPlayer *p, gint64 from_us, GError **error)
{
  if (!cg_recordings_fetch (p->rec, p->call, p->call_data, from_us, p->to_us, error))
    return FALSE;
  p->listed_at = g_get_monotonic_time ();
  /* Segments the daemon has closed since they were opened: to their end. */
  for (int i = 0; i < MAX_OPEN; i++)
    {
      if (p->open[i].dec == NULL)
        continue;
      const CgRecSegment *s = cg_recordings_segment (p->rec, index_of (p->rec, p->open[i].id));
      CgSegmentSource *src = cg_segment_decoder_source (p->open[i].dec);
      if (s != NULL && !s->recording && cg_segment_source_growing (src))
        cg_segment_source_set_final (src);
    }
  return TRUE;
}

gboolean
cg_player_load (CgPlayer *p, gint64 from_us, gint64 to_us, GError **error)
{
  p->to_us = to_us;
  return list (p, from_us, error);
}

const CgRecordings *
cg_player_recordings (CgPlayer *p)
{
  return p->rec;
}

void
cg_player_recordings_changed (CgPlayer *p)
{
  p->relist = TRUE;
}

/* Lists again from the segment playing (or the last one) on. */
static gboolean
relist (CgPlayer *p)
{
  gint64 from = 0, last = 0;
  cg_recordings_span (p->rec, &from, &last);
  int n = cg_recordings_count (p->rec);
  if (n > 0)
    from = cg_recordings_segment (p->rec, n - 1)->start_us;
  if (p->have_frame)
    from = MIN (from, p->frame.time_us - p->frame.offset_us);
  if (from == 0)
    from = cg_time_now_us () - 60 * CG_USEC_PER_SEC;
  p->relist = FALSE;
  g_autoptr (GError) error = NULL;
  if (!list (p, from, &error))
    {
      /* The daemon is away for a moment: waiting goes on. */
      g_debug ("%s", error->message);
      p->listed_at = g_get_monotonic_time ();
      return FALSE;
    }
  return TRUE;
}

/* Waiting at the end of what is on the disk: TRUE when the recordings
 * were listed again, so that it is worth trying once more. */
static gboolean
at_edge (CgPlayer *p)
{
  gint64 now = g_get_monotonic_time ();
  if (p->edge_since == 0)
    p->edge_since = now;
  if (!p->relist && (now - p->edge_since < EDGE_QUIET_US || now - p->listed_at < RELIST_EVERY_US))
    return FALSE;
  return relist (p);
}

/* ---- opening segments ----------------------------------------------------------- */

static Opened *
slot_for (CgPlayer *p, gint64 id)
{
  for (int i = 0; i < MAX_OPEN; i++)
    if (p->open[i].dec != NULL && p->open[i].id == id)
      {
        p->open[i].used = ++p->tick;
        return &p->open[i];
      }
  return NULL;
}

/* Segment i's decoder, opened when it is not yet: NULL with *gone when
 * the daemon no longer has it, NULL with error when it cannot be asked. */
static Opened *
get_open (CgPlayer *p, int i, gboolean *gone, GError **error)
{
  const CgRecSegment *s = cg_recordings_segment (p->rec, i);
  *gone = FALSE;
  Opened *o = slot_for (p, s->id);
  if (o != NULL)
    return o;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "segment");
  json_builder_add_int_value (b, s->id);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int fd = -1;
  GError *local = NULL;
  g_autoptr (JsonNode) result = p->call (p->call_data, "recording.open", params, &fd, &local);
  g_autofree char *when = cg_time_format_local (s->start_us, NULL);
  if (result == NULL || fd < 0)
    {
      if (fd >= 0)
        close (fd);
      if (local != NULL && g_error_matches (local, CG_RPC_ERROR, CG_RPC_NOT_FOUND))
        {
          g_error_free (local);
          *gone = TRUE;
          return NULL;
        }
      if (local == NULL)
        cg_error_set_text (&local, CG_ERROR, CG_ERROR_FAILED,
                           N_("canhgacd sent no footage: is canhgacd the same version as "
                              "canhgac?"));
      g_propagate_prefixed_error (error, local, _("The recording of %s at %s cannot be opened: "),
                                  p->camera, when);
      return NULL;
    }
  gboolean growing = s->recording;
  if (JSON_NODE_HOLDS_OBJECT (result))
    growing = json_object_get_boolean_member_with_default (json_node_get_object (result),
                                                           "recording", growing);
  /* The least recently used goes, never the frame shown. */
  o = NULL;
  for (int k = 0; k < MAX_OPEN; k++)
    {
      Opened *c = &p->open[k];
      if (c->dec == NULL)
        {
          o = c;
          break;
        }
      if (p->have_frame && c->id == p->frame.segment)
        continue;
      if (o == NULL || c->used < o->used)
        o = c;
    }
  close_slot (p, o);
  g_autofree char *name = g_strdup_printf ("%s, %s", p->camera, when);
  o->id = s->id;
  o->dec = cg_segment_decoder_new (cg_segment_source_new (fd, growing, name));
  cg_segment_decoder_set_quick (o->dec, p->quick);
  o->used = ++p->tick;
  return o;
}

/* ---- frames ------------------------------------------------------------------ */

static CgPlayerResult
show (CgPlayer *p, const CgRecSegment *s, Opened *o, GError **error)
{
  gint64 off = 0;
  gboolean key = FALSE;
  const AVFrame *f = cg_segment_decoder_frame (o->dec, &off, &key);
  if (f == NULL)
    return CG_PLAYER_WAITING;
  int w = p->width > 0 ? p->width : f->width;
  int h = p->height > 0 ? p->height : f->height;
  if (p->have_frame && p->frame.segment == s->id && p->frame.offset_us == off
      && p->frame.width == w && p->frame.height == h)
    return CG_PLAYER_SAME;
  gsize need = (gsize) w * (gsize) h * 3;
  if (need > p->rgb_size)
    {
      g_free (p->rgb);
      p->rgb = g_malloc (need);
      p->rgb_size = need;
    }
  if (!cg_segment_decoder_rgb (o->dec, w, h, p->rgb, error))
    return CG_PLAYER_ERROR;
  p->frame = (CgPlayerFrame) {
    .time_us = s->start_us + off, .segment = s->id, .offset_us = off, .keyframe = key,
    .thinned = s->thinned, .width = w, .height = h, .rgb = p->rgb,
    .source_width = f->width, .source_height = f->height,
  };
  p->have_frame = TRUE;
  /* Something new: not waiting at an edge any more. */
  p->edge_since = 0;
  return CG_PLAYER_FRAME;
}

/* The time from `from` to `to` had no footage: which gap it was. */
static void
note_skipped (CgPlayer *p, gint64 from, gint64 to)
{
  if (to - from < CG_RECORDINGS_GAP_MIN_US)
    return;
  const CgRecGap *g = cg_recordings_gap (p->rec, from, to);
  g_free (p->skipped.reason);
  p->skipped.start_us = g != NULL ? g->start_us : from;
  p->skipped.end_us = g != NULL ? g->end_us : to;
  p->skipped.reason = g_strdup (g != NULL ? g->reason : CG_REASON_NOT_RECORDING);
  p->has_skipped = TRUE;
}

const CgRecGap *
cg_player_skipped (CgPlayer *p)
{
  return p->has_skipped ? &p->skipped : NULL;
}

const CgPlayerFrame *
cg_player_frame (CgPlayer *p)
{
  return p->have_frame ? &p->frame : NULL;
}

static gboolean
keyframes_only (CgPlayer *p)
{
  return p->speed < 0 || p->speed >= 8;
}

/* Makes the segment after (dir > 0) or before i ready before the
 * boundary: opened, and its first frame (its last keyframe) decoded. */
static void
prefetch (CgPlayer *p, int i, gint64 t, int dir, gboolean keyframes)
{
  gint64 lead = (gint64) (PREFETCH_US * MAX (1.0, fabs (p->speed)));
  const CgRecSegment *s = cg_recordings_segment (p->rec, i);
  int n = i + (dir > 0 ? 1 : -1);
  if (s == NULL || cg_recordings_segment (p->rec, n) == NULL)
    return;
  if (dir > 0 ? cg_recordings_reach (p->rec, i) - t > lead : t - s->start_us > lead)
    return;
  gboolean gone = FALSE;
  g_autoptr (GError) error = NULL;
  Opened *o = get_open (p, n, &gone, &error);
  if (o == NULL || cg_segment_decoder_frame (o->dec, NULL, NULL) != NULL)
    return;
  CgDecodeResult r;
  if (dir > 0)
    r = keyframes ? cg_segment_decoder_keyframe (o->dec, FIRST_FRAME, &error)
                  : cg_segment_decoder_seek (o->dec, FIRST_FRAME, &error);
  else
    r = cg_segment_decoder_keyframe (o->dec, LAST_FRAME, &error);
  if (r == CG_DECODED_ERROR)
    g_debug ("%s", error->message);
}

typedef enum { GO_DONE, GO_AGAIN } Go;

/* The frame at offset in segment i.  GO_AGAIN: the recordings changed
 * (a segment dropped, a new listing): locate the time again. */
static Go
decode_in (CgPlayer *p, int i, gint64 offset, gboolean keyframes, CgPlayerResult *result,
           GError **error)
{
  const CgRecSegment *s = cg_recordings_segment (p->rec, i);
  gboolean gone = FALSE;
  Opened *o = get_open (p, i, &gone, error);
  if (o == NULL)
    {
      if (!gone)
        {
          *result = CG_PLAYER_ERROR;
          return GO_DONE;
        }
      cg_recordings_drop (p->rec, i, CG_REASON_DELETED);
      return GO_AGAIN;
    }
  GError *local = NULL;
  CgDecodeResult r = keyframes ? cg_segment_decoder_keyframe (o->dec, offset, &local)
                               : cg_segment_decoder_seek (o->dec, offset, &local);
  if (r == CG_DECODED_ERROR && !g_error_matches (local, CG_ERROR, CG_ERROR_IO))
    {
      g_propagate_error (error, local);
      *result = CG_PLAYER_ERROR;
      return GO_DONE;
    }
  if (r == CG_DECODED_ERROR || r == CG_DECODED_NONE)
    {
      /* Unreadable footage is stepped over like a gap. */
      g_debug ("%s", local != NULL ? local->message : "a segment without pictures");
      g_clear_error (&local);
      close_slot (p, o);
      cg_recordings_drop (p->rec, i, CG_REASON_UNREADABLE);
      return GO_AGAIN;
    }
  *result = show (p, s, o, error);
  if (r == CG_DECODED_WAIT && *result != CG_PLAYER_FRAME && *result != CG_PLAYER_ERROR)
    {
      *result = CG_PLAYER_WAITING;
      return at_edge (p) ? GO_AGAIN : GO_DONE;
    }
  return GO_DONE;
}

/* Where t is, and its frame: the core of seek and frame_at. */
static CgPlayerResult
play_to (CgPlayer *p, gint64 t, gboolean keyframes, int dir, GError **error)
{
  p->has_skipped = FALSE;
  for (int attempt = 0; attempt < MAX_SKIPS; attempt++)
    {
      int i = cg_recordings_find (p->rec, t);
      gint64 offset = 0;
      gboolean beyond = FALSE;
      if (i >= 0)
        offset = t - cg_recordings_segment (p->rec, i)->start_us;
      else
        {
          int before = cg_recordings_before (p->rec, t), after = cg_recordings_after (p->rec, t);
          gint64 from = before >= 0 ? cg_recordings_reach (p->rec, before) : G_MININT64;
          gint64 to = after >= 0 ? cg_recordings_segment (p->rec, after)->start_us : G_MAXINT64;
          gboolean small = before >= 0 && after >= 0 && to - from < CG_RECORDINGS_GAP_MIN_US;
          if (before >= 0 && (small || dir < 0 || after < 0))
            {
              /* The last frame before: a moment between two segments, in
               * reverse the gap stepped over, or the end of what exists. */
              i = before;
              offset = LAST_FRAME;
              beyond = dir > 0 && after < 0;
              if (dir < 0)
                note_skipped (p, from, MIN (t, to));
            }
          else if (after >= 0 && dir > 0)
            {
              i = after;
              offset = FIRST_FRAME;
              note_skipped (p, MAX (t, from), to);
            }
          else
            return CG_PLAYER_END;
        }
      CgPlayerResult result = CG_PLAYER_END;
      if (decode_in (p, i, offset, keyframes, &result, error) == GO_AGAIN)
        continue;
      if (result == CG_PLAYER_ERROR)
        return result;
      if (beyond && p->to_us == 0 && result != CG_PLAYER_FRAME)
        {
          /* Following: what the daemon records next may come. */
          if (at_edge (p))
            continue;
          return CG_PLAYER_WAITING;
        }
      if (beyond && result == CG_PLAYER_SAME)
        return CG_PLAYER_END;
      const CgRecSegment *seg = cg_recordings_segment (p->rec, i);
      if (result == CG_PLAYER_SAME && p->to_us == 0 && seg != NULL && seg->recording
          && offset != LAST_FRAME && offset - p->frame.offset_us > STALE_LISTING_US)
        {
          /* Listed as still recording, yet nothing new for a while: the
           * daemon may have closed it and begun the next. */
          if (at_edge (p))
            continue;
          return CG_PLAYER_WAITING;
        }
      if (result == CG_PLAYER_FRAME || result == CG_PLAYER_SAME)
        prefetch (p, i, t, dir, keyframes);
      return result;
    }
  return CG_PLAYER_END;
}

CgPlayerResult
cg_player_seek (CgPlayer *p, gint64 t_us, GError **error)
{
  return play_to (p, t_us, FALSE, 1, error);
}

CgPlayerResult
cg_player_frame_at (CgPlayer *p, gint64 t_us, GError **error)
{
  return play_to (p, t_us, keyframes_only (p), p->speed < 0 ? -1 : 1, error);
}

/* One frame on (dir > 0) or back from the frame shown. */
static CgPlayerResult
step (CgPlayer *p, int dir, GError **error)
{
  p->has_skipped = FALSE;
  if (!p->have_frame)
    {
      gint64 first = 0, last = 0;
      cg_recordings_span (p->rec, &first, &last);
      return cg_recordings_count (p->rec) > 0 ? play_to (p, first, FALSE, 1, error) : CG_PLAYER_END;
    }
  for (int attempt = 0; attempt < MAX_SKIPS; attempt++)
    {
      int i = index_of (p->rec, p->frame.segment);
      if (i < 0)
        return play_to (p, p->frame.time_us + dir, FALSE, dir, error);
      const CgRecSegment *s = cg_recordings_segment (p->rec, i);
      gboolean gone = FALSE;
      Opened *o = get_open (p, i, &gone, error);
      if (o == NULL && !gone)
        return CG_PLAYER_ERROR;
      CgDecodeResult r = CG_DECODED_NONE;
      GError *local = NULL;
      if (o != NULL && cg_segment_decoder_frame (o->dec, NULL, NULL) == NULL)
        /* Opened again after it was closed: back to the frame shown. */
        r = cg_segment_decoder_seek (o->dec, p->frame.offset_us, &local);
      if (o != NULL && r != CG_DECODED_ERROR)
        r = dir > 0 ? cg_segment_decoder_next (o->dec, &local)
                    : cg_segment_decoder_prev (o->dec, &local);
      if (r == CG_DECODED_ERROR)
        {
          g_propagate_error (error, local);
          return CG_PLAYER_ERROR;
        }
      if (r == CG_DECODED_FRAME)
        {
          CgPlayerResult result = show (p, s, o, error);
          if (result == CG_PLAYER_FRAME)
            prefetch (p, i, p->frame.time_us, dir, FALSE);
          return result;
        }
      if (r == CG_DECODED_WAIT)
        {
          if (at_edge (p))
            continue;
          return CG_PLAYER_WAITING;
        }
      /* The end (or start) of this segment: on to the next one's first
       * frame (the previous one's last). */
      int n = i + dir;
      const CgRecSegment *next = cg_recordings_segment (p->rec, n);
      if (next == NULL)
        {
          if (dir > 0 && p->to_us == 0 && at_edge (p))
            continue;
          return dir > 0 && p->to_us == 0 ? CG_PLAYER_WAITING : CG_PLAYER_END;
        }
      if (dir > 0)
        note_skipped (p, cg_recordings_reach (p->rec, i), next->start_us);
      else
        note_skipped (p, cg_recordings_reach (p->rec, n), s->start_us);
      CgPlayerResult result = CG_PLAYER_END;
      if (decode_in (p, n, dir > 0 ? FIRST_FRAME : LAST_FRAME, FALSE, &result, error) == GO_AGAIN)
        continue;
      return result;
    }
  return CG_PLAYER_END;
}

CgPlayerResult
cg_player_next (CgPlayer *p, GError **error)
{
  return step (p, 1, error);
}

CgPlayerResult
cg_player_prev (CgPlayer *p, GError **error)
{
  return step (p, -1, error);
}

void
cg_player_set_quick (CgPlayer *p, gboolean quick)
{
  p->quick = quick;
  for (int i = 0; i < MAX_OPEN; i++)
    if (p->open[i].dec != NULL)
      cg_segment_decoder_set_quick (p->open[i].dec, quick);
}

void
cg_player_set_size (CgPlayer *p, int width, int height)
{
  p->width = MAX (width, 0);
  p->height = MAX (height, 0);
}

/* The nearest speed of the ladder, by ratio. */
static int
speed_index (double speed)
{
  double at = log2 (MAX (fabs (speed), 0.01));
  int best = 1;
  for (int i = 0; i < (int) G_N_ELEMENTS (speeds); i++)
    if (fabs (at - log2 (speeds[i])) < fabs (at - log2 (speeds[best])))
      best = i;
  return best;
}

void
cg_player_set_speed (CgPlayer *p, double speed)
{
  p->speed = copysign (speeds[speed_index (speed)], speed < 0 ? -1 : 1);
}

double
cg_player_speed (CgPlayer *p)
{
  return p->speed;
}

double
cg_player_speed_step (double speed, int faster)
{
  int i = CLAMP (speed_index (speed) + (faster > 0 ? 1 : faster < 0 ? -1 : 0), 0,
                 (int) G_N_ELEMENTS (speeds) - 1);
  return copysign (speeds[i], speed < 0 ? -1 : 1);
}

guint64
cg_player_decoded (CgPlayer *p)
{
  guint64 n = p->decoded_before;
  for (int i = 0; i < MAX_OPEN; i++)
    if (p->open[i].dec != NULL)
      n += cg_segment_decoder_decoded (p->open[i].dec);
  return n;
}
