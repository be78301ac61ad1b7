/* player.h — one camera's footage, frame by frame, for the playback
 * screen (F6) and the live view.
 *
 * The player learns what was recorded from recordings.list
 * (recordings.h), opens each segment it needs with recording.open — a
 * descriptor: the station never opens a path — and decodes it in the
 * station (player_source.h, player_decode.h).  It draws nothing: the
 * caller asks for the frame for a wall-clock time and gets packed RGB at
 * the size it asked for, which it then sends to the terminal through
 * the pacer like any other picture.
 *
 * The caller owns the clock.  "The frame for T" is the last frame at or
 * before T, where a frame's time is its segment's start plus its offset
 * in the segment; when decoding cannot keep up, frames are dropped, never
 * time.  At ½×, 1×, 2× and 4× every frame up to T is decoded (from the
 * keyframe at or before T when that is shorter); at 8×, 16× and in
 * reverse only keyframes are, in reverse each strictly earlier than the
 * last.  Near the end of a segment the next one is opened and its first
 * frame decoded ahead, so that the boundary costs nothing when it comes
 * (in reverse, the previous one and its keyframes).
 *
 * A time in a gap gives the first frame after it (before it, in
 * reverse) and cg_player_skipped() names the gap and why there is no
 * footage: the caller moves its clock to that frame's time.  A segment
 * the storage manager deletes while it is open plays on (the descriptor
 * holds it); one deleted before it is opened becomes a gap too.  A
 * segment still being written is read up to what is on the disk: past
 * that, WAITING; when it stops growing the player lists the recordings
 * again (after 200 ms without growth, at most twice a second, or at once
 * after cg_player_recordings_changed()) and moves on to the segment the
 * daemon started.
 *
 * Every call is synchronous: it talks to the daemon and decodes before
 * it returns.
 */
#pragma once

#include "client/client.h"
#include "station/recordings.h"

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct CgPlayer CgPlayer;

/* How the player talks to the daemon: cg_client_call() or the same. */
typedef CgRecordingsCall CgPlayerCall;

typedef enum {
  CG_PLAYER_FRAME,   /* a new frame: cg_player_frame() */
  CG_PLAYER_SAME,    /* the frame shown is still the one for that time */
  CG_PLAYER_WAITING, /* a segment still being written has nothing newer yet */
  CG_PLAYER_END,     /* nothing recorded after (in reverse: before); the last
                      * frame there is stays */
  CG_PLAYER_ERROR,   /* with a GError to show */
} CgPlayerResult;

typedef struct {
  gint64 time_us;  /* wall clock: the segment's start + the frame's offset */
  gint64 segment;  /* its id (recordings.list) */
  gint64 offset_us;
  gboolean keyframe;
  gboolean thinned; /* from a segment thinned to keyframes */
  int width, height; /* of rgb: the size asked for */
  const guint8 *rgb; /* packed, width * 3 bytes a row; the player's, until the next call */
  int source_width, source_height; /* as recorded */
} CgPlayerFrame;

CgPlayer *cg_player_new (CgPlayerCall call, gpointer call_data, const char *camera);
/* The same through a client (which must outlive the player). */
CgPlayer *cg_player_new_for_client (CgClient *client, const char *camera);
void cg_player_free (CgPlayer *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgPlayer, cg_player_free)

/* Lists the recordings of from..to (to 0: up to now and on, following
 * what the daemon records next), every page, merged with those known. */
gboolean cg_player_load (CgPlayer *p, gint64 from_us, gint64 to_us, GError **error);
const CgRecordings *cg_player_recordings (CgPlayer *p);

/* The size frames are converted to (0 x 0: as recorded). */
void cg_player_set_size (CgPlayer *p, int width, int height);

/* ½, 1, 2, 4 (every frame), 8, 16 (keyframes); negative: reverse
 * (keyframes).  Others are taken as the nearest of those. */
void cg_player_set_speed (CgPlayer *p, double speed);
double cg_player_speed (CgPlayer *p);
/* The next speed up (faster > 0) or down the ladder ½ .. 16, keeping
 * the direction. */
double cg_player_speed_step (double speed, int faster);

/* Frame-accurate: the frame for t, whatever the speed. */
CgPlayerResult cg_player_seek (CgPlayer *p, gint64 t_us, GError **error);
/* The frame for t as the speed plays it (keyframes only at 8×, 16× and
 * in reverse). */
CgPlayerResult cg_player_frame_at (CgPlayer *p, gint64 t_us, GError **error);
/* One frame on, or back (decoding again from the keyframe before it). */
CgPlayerResult cg_player_next (CgPlayer *p, GError **error);
CgPlayerResult cg_player_prev (CgPlayer *p, GError **error);

/* The frame shown (the last FRAME), or NULL before any. */
const CgPlayerFrame *cg_player_frame (CgPlayer *p);

/* The gap the last call stepped over to reach its frame (its reason a
 * code of common/reason.h), or NULL. */
const CgRecGap *cg_player_skipped (CgPlayer *p);

/* Something was recorded or deleted (a notification came): list again
 * at the next call that needs it, rather than within a second. */
void cg_player_recordings_changed (CgPlayer *p);

/* Pictures in motion (playing, live): cheaper decoding of frames shown
 * at under a quarter of their pixels (cg_segment_decoder_set_quick).
 * Off (the default) every frame is decoded in full. */
void cg_player_set_quick (CgPlayer *p, gboolean quick);

/* Frames decoded so far, over every segment (the work done). */
guint64 cg_player_decoded (CgPlayer *p);
