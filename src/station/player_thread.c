/* player_thread.c — the player in a thread of its own (see the header). */
#define G_LOG_DOMAIN "canhgac-player"
#include "build-config.h"

#include "station/player_thread.h"

#include "common/error.h"
#include "common/timeutil.h"

#include <string.h>

struct CgPlayerThread {
  GMutex lock;
  GCond cond;
  GThread *thread;
  char *socket;
  GSourceFunc ready;
  gpointer data;

  /* Under the lock. */
  CgPlayerRequest pending;
  gboolean has_pending, working, quit;
  CgPlayerShot *done;
  guint idle;

  /* The thread's own. */
  CgClient *client;
  CgPlayer *player;
  char *camera;
};

void
cg_player_shot_free (CgPlayerShot *shot)
{
  if (shot == NULL)
    return;
  g_free (shot->error);
  g_free (shot->rgb);
  g_free (shot->gap.reason);
  g_free (shot);
}

static void
forget_player (CgPlayerThread *pt)
{
  g_clear_pointer (&pt->player, cg_player_free);
  g_clear_pointer (&pt->camera, g_free);
}

/* A player for the request's camera, listing what it asks for. */
static gboolean
prepare (CgPlayerThread *pt, const CgPlayerRequest *rq, GError **error)
{
  if (pt->client == NULL)
    {
      forget_player (pt);
      pt->client = cg_client_connect (pt->socket, error);
      if (pt->client == NULL)
        return FALSE;
    }
  gboolean fresh = pt->player == NULL || g_strcmp0 (pt->camera, rq->camera) != 0;
  if (fresh)
    {
      forget_player (pt);
      pt->player = cg_player_new_for_client (pt->client, rq->camera);
      pt->camera = g_strdup (rq->camera);
    }
  if ((fresh || rq->reload) && !cg_player_load (pt->player, rq->from_us, rq->to_us, error))
    {
      forget_player (pt);
      return FALSE;
    }
  cg_player_set_size (pt->player, rq->width, rq->height);
  cg_player_set_speed (pt->player, rq->speed);
  cg_player_set_quick (pt->player, rq->quick);
  return TRUE;
}

static CgPlayerShot *
run (CgPlayerThread *pt, const CgPlayerRequest *rq)
{
  gint64 started = g_get_monotonic_time ();
  CgPlayerShot *shot = g_new0 (CgPlayerShot, 1);
  shot->serial = rq->serial;
  g_autoptr (GError) error = NULL;
  if (!prepare (pt, rq, &error))
    shot->result = CG_PLAYER_ERROR;
  else
    switch (rq->ask)
      {
      case CG_PLAYER_ASK_SEEK:
        shot->result = cg_player_seek (pt->player, rq->t_us, &error);
        break;
      case CG_PLAYER_ASK_NEXT:
        shot->result = cg_player_next (pt->player, &error);
        break;
      case CG_PLAYER_ASK_PREV:
        shot->result = cg_player_prev (pt->player, &error);
        break;
      case CG_PLAYER_ASK_AT:
      default:
        shot->result = cg_player_frame_at (pt->player, rq->t_us, &error);
        break;
      }
  if (shot->result == CG_PLAYER_ERROR)
    {
      shot->error = g_strdup (error != NULL ? error->message : "?");
      /* A broken connection is made again at the next request. */
      if (error != NULL && g_error_matches (error, CG_ERROR, CG_ERROR_UNREACHABLE))
        {
          forget_player (pt);
          g_clear_pointer (&pt->client, cg_client_free);
        }
    }
  const CgPlayerFrame *f = pt->player != NULL ? cg_player_frame (pt->player) : NULL;
  if (f != NULL && (shot->result == CG_PLAYER_FRAME || shot->result == CG_PLAYER_SAME))
    {
      shot->time_us = f->time_us;
      shot->thinned = f->thinned;
      shot->keyframe = f->keyframe;
      shot->source_width = f->source_width;
      shot->source_height = f->source_height;
      if (shot->result == CG_PLAYER_FRAME)
        {
          shot->width = f->width;
          shot->height = f->height;
          shot->rgb = g_memdup2 (f->rgb, (gsize) f->width * (gsize) f->height * 3);
        }
    }
  const CgRecGap *gap = pt->player != NULL ? cg_player_skipped (pt->player) : NULL;
  if (gap != NULL && shot->result != CG_PLAYER_ERROR)
    {
      shot->skipped = TRUE;
      shot->gap.start_us = gap->start_us;
      shot->gap.end_us = gap->end_us;
      shot->gap.reason = g_strdup (gap->reason);
    }
  shot->decoded = pt->player != NULL ? cg_player_decoded (pt->player) : 0;
  shot->took_us = g_get_monotonic_time () - started;
  return shot;
}

static gboolean
on_ready (gpointer data)
{
  CgPlayerThread *pt = data;
  g_mutex_lock (&pt->lock);
  pt->idle = 0;
  g_mutex_unlock (&pt->lock);
  pt->ready (pt->data);
  return G_SOURCE_REMOVE;
}

static void
request_clear (CgPlayerRequest *rq)
{
  g_clear_pointer (&rq->camera, g_free);
}

static gpointer
work (gpointer data)
{
  CgPlayerThread *pt = data;
  for (;;)
    {
      g_mutex_lock (&pt->lock);
      while (!pt->has_pending && !pt->quit)
        g_cond_wait (&pt->cond, &pt->lock);
      if (pt->quit)
        {
          g_mutex_unlock (&pt->lock);
          break;
        }
      CgPlayerRequest rq = pt->pending;
      memset (&pt->pending, 0, sizeof pt->pending);
      pt->has_pending = FALSE;
      pt->working = TRUE;
      g_mutex_unlock (&pt->lock);

      CgPlayerShot *shot = run (pt, &rq);
      request_clear (&rq);

      g_mutex_lock (&pt->lock);
      cg_player_shot_free (pt->done);
      pt->done = shot;
      pt->working = FALSE;
      if (pt->idle == 0)
        pt->idle = g_idle_add (on_ready, pt);
      g_mutex_unlock (&pt->lock);
    }
  forget_player (pt);
  g_clear_pointer (&pt->client, cg_client_free);
  return NULL;
}

CgPlayerThread *
cg_player_thread_new (const char *socket, GSourceFunc ready, gpointer data)
{
  CgPlayerThread *pt = g_new0 (CgPlayerThread, 1);
  g_mutex_init (&pt->lock);
  g_cond_init (&pt->cond);
  pt->socket = g_strdup (socket);
  pt->ready = ready;
  pt->data = data;
  pt->thread = g_thread_new ("player", work, pt);
  return pt;
}

void
cg_player_thread_free (CgPlayerThread *pt)
{
  if (pt == NULL)
    return;
  g_mutex_lock (&pt->lock);
  pt->quit = TRUE;
  g_cond_signal (&pt->cond);
  g_mutex_unlock (&pt->lock);
  g_thread_join (pt->thread);
  if (pt->idle != 0)
    g_source_remove (pt->idle);
  request_clear (&pt->pending);
  cg_player_shot_free (pt->done);
  g_mutex_clear (&pt->lock);
  g_cond_clear (&pt->cond);
  g_free (pt->socket);
  g_free (pt);
}

void
cg_player_thread_ask (CgPlayerThread *pt, const CgPlayerRequest *request)
{
  g_mutex_lock (&pt->lock);
  /* A listing asked for and not yet made is still owed. */
  gboolean reload = pt->has_pending && pt->pending.reload;
  request_clear (&pt->pending);
  pt->pending = *request;
  pt->pending.reload = pt->pending.reload || reload;
  pt->pending.camera = g_strdup (request->camera);
  pt->has_pending = TRUE;
  g_cond_signal (&pt->cond);
  g_mutex_unlock (&pt->lock);
}

gboolean
cg_player_thread_busy (CgPlayerThread *pt)
{
  g_mutex_lock (&pt->lock);
  gboolean busy = pt->has_pending || pt->working;
  g_mutex_unlock (&pt->lock);
  return busy;
}

CgPlayerShot *
cg_player_thread_take (CgPlayerThread *pt)
{
  g_mutex_lock (&pt->lock);
  CgPlayerShot *shot = pt->done;
  pt->done = NULL;
  g_mutex_unlock (&pt->lock);
  return shot;
}
