/* link_judge.c — the weak-link verdict with hysteresis (see the header). */
#include "build-config.h"

#include "station/link_judge.h"

#include "common/i18n.h"

/* How fast the remembered best rate follows a camera set to a lower
 * rate: about 2.5 minutes of refreshes to forget a third of it. */
#define BEST_FPS_DECAY 0.998

void
cg_link_judge_init (CgLinkJudge *j)
{
  *j = (CgLinkJudge) { .cause = CG_LINK_FINE };
}

static int
bad_count (guint recent, int judged)
{
  int n = 0;
  for (int i = 0; i < judged; i++)
    n += (recent >> i) & 1;
  return n;
}

CgLinkCause
cg_link_judge_sample_cause (const CgLinkJudge *j, const CgLinkSample *s)
{
  /* The oldest of the last CG_LINK_DROPS drops is recent: they came
   * close together. */
  gint64 oldest = j->drops[CG_LINK_DROPS - 1];
  if (oldest > 0 && s->at_us - oldest <= CG_LINK_DROPS_WINDOW_US)
    return CG_LINK_DROPPING;
  if (s->fps < CG_LINK_FPS_FLOOR || s->fps < CG_LINK_FPS_SHARE * j->best_fps)
    return CG_LINK_FRAMES_LOST;
  if (s->last_frame_age > CG_LINK_LATE_SECONDS)
    return CG_LINK_FRAMES_LOST;
  if (s->keyframe_interval_ms > CG_LINK_KEYFRAME_MS)
    return CG_LINK_KEYFRAMES_FAR;
  return CG_LINK_FINE;
}

static void
note_drop (CgLinkJudge *j, gint64 at_us)
{
  for (int i = CG_LINK_DROPS - 1; i > 0; i--)
    j->drops[i] = j->drops[i - 1];
  j->drops[0] = at_us;
}

/* What happened between the last refresh and this one: drops and
 * reconnections, seen through the daemon's counter. */
static void
follow_connection (CgLinkJudge *j, const CgLinkSample *s)
{
  if (!j->seen)
    {
      /* The first refresh: how long it has been recording is not known,
       * and its figures are the daemon's; judged as they are. */
      j->seen = TRUE;
      j->reconnects = s->reconnects;
      j->was_live = s->live;
      return;
    }
  gint64 more = s->reconnects - j->reconnects;
  /* One drop however many retries followed it before this refresh; a
   * smaller count means the daemon restarted and counts from zero. */
  if (more > 0 && j->was_live)
    note_drop (j, s->at_us);
  /* Recording again (after an outage, or between two refreshes): the
   * daemon's rates still hold the break. */
  if (s->live && (!j->was_live || more > 0))
    j->settle_until_us = s->at_us + CG_LINK_SETTLE_US;
  j->reconnects = s->reconnects;
  j->was_live = s->live;
}

void
cg_link_judge_step (CgLinkJudge *j, const CgLinkSample *s)
{
  follow_connection (j, s);
  /* Not recording: the reason says why; the verdict waits. */
  if (!s->live || s->at_us < j->settle_until_us)
    return;
  CgLinkCause cause = cg_link_judge_sample_cause (j, s);
  gboolean bad = cause != CG_LINK_FINE;
  j->best_fps = MAX (s->fps, j->best_fps * BEST_FPS_DECAY);
  j->recent = ((j->recent << 1) | (bad ? 1u : 0u)) & ((1u << CG_LINK_WINDOW) - 1);
  j->judged = MIN (j->judged + 1, CG_LINK_WINDOW);
  j->good_run = bad ? 0 : j->good_run + 1;
  if (!j->weak)
    {
      if (bad_count (j->recent, j->judged) >= CG_LINK_WEAK_BAD)
        {
          j->weak = TRUE;
          j->cause = cause != CG_LINK_FINE ? cause : CG_LINK_FRAMES_LOST;
        }
      return;
    }
  if (bad)
    j->cause = cause;
  else if (j->good_run >= CG_LINK_CLEAR_GOOD)
    {
      j->weak = FALSE;
      j->cause = CG_LINK_FINE;
      j->recent = 0;
      j->judged = 0;
    }
}

const char *
cg_link_cause_advice (CgLinkCause cause)
{
  switch (cause)
    {
    case CG_LINK_DROPPING:
      return N_("the link keeps dropping: check the household's router and cable");
    case CG_LINK_FRAMES_LOST:
      return N_("weak link: frames are lost; record the sub-stream or upgrade the household's line");
    case CG_LINK_KEYFRAMES_FAR:
      return N_("keyframes are far apart: set the camera's GOP to 2 s or less");
    case CG_LINK_FINE:
      break;
    }
  return NULL;
}
