/* player_thread.h — the player (player.h) in a thread of its own, so
 * that decoding never keeps the station from its keys.
 *
 * The thread has its own connection to canhgacd and its own player; the
 * station's main loop owns the clock and asks for one thing at a time:
 * the frame for a time, a frame-accurate seek, a frame on or back.  A new
 * request replaces one not yet started (only the latest time matters:
 * frames are dropped, never time).  When a request is done the thread
 * calls `ready` in the main loop (the default main context), and
 * cg_player_thread_take() gives the result.
 */
#pragma once

#include "station/player.h"

#include <glib.h>

typedef struct CgPlayerThread CgPlayerThread;

typedef enum {
  CG_PLAYER_ASK_AT,   /* cg_player_frame_at */
  CG_PLAYER_ASK_SEEK, /* cg_player_seek */
  CG_PLAYER_ASK_NEXT, /* cg_player_next */
  CG_PLAYER_ASK_PREV, /* cg_player_prev */
} CgPlayerAsk;

typedef struct {
  char *camera;     /* whose footage: another camera starts a new player */
  gint64 from_us;   /* what to list when the player is new or `reload` */
  gint64 to_us;     /* 0: up to now and on (live) */
  gboolean reload;
  CgPlayerAsk ask;
  gint64 t_us;
  double speed;
  int width, height; /* of the frame, in pixels */
  gboolean quick;    /* the picture is moving: cg_player_set_quick */
  guint64 serial;    /* the caller's: comes back with the result */
} CgPlayerRequest;

typedef struct {
  guint64 serial;
  CgPlayerResult result;
  char *error;       /* for CG_PLAYER_ERROR */
  gint64 time_us;    /* the frame's, for FRAME and SAME */
  gboolean thinned, keyframe;
  guint8 *rgb;       /* FRAME: width * height * 3, the caller takes it */
  int width, height;
  int source_width, source_height; /* as recorded */
  gboolean skipped;  /* a gap was stepped over: */
  CgRecGap gap;      /* its span and reason (owned here) */
  guint64 decoded;   /* frames decoded so far by this camera's player */
  gint64 took_us;    /* from the request to the result */
} CgPlayerShot;

/* socket: canhgacd's; ready is called in the main loop with data. */
CgPlayerThread *cg_player_thread_new (const char *socket, GSourceFunc ready, gpointer data);
/* Waits for the request in hand, then ends the thread. */
void cg_player_thread_free (CgPlayerThread *pt);

/* Queues the request (copied), replacing one not yet started. */
void cg_player_thread_ask (CgPlayerThread *pt, const CgPlayerRequest *request);
/* TRUE while a request is queued or in hand. */
gboolean cg_player_thread_busy (CgPlayerThread *pt);
/* The last result not yet taken, or NULL (free with cg_player_shot_free). */
CgPlayerShot *cg_player_thread_take (CgPlayerThread *pt);

void cg_player_shot_free (CgPlayerShot *shot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgPlayerShot, cg_player_shot_free)
