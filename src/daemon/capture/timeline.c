/* timeline.c — monotonic timestamps and wall time for recordings. */
#include "build-config.h"

#include "daemon/capture/timeline.h"

#include <libavutil/avutil.h>
#include <libavutil/mathematics.h>

void
cg_timeline_init (CgTimeline *t, gint64 frame_us)
{
  *t = (CgTimeline) { .frame_us = frame_us > 0 ? frame_us : 40000 };
}

static void
anchor (CgTimeline *t, gint64 at_t, gint64 now_us)
{
  t->anchor_t_us = at_t;
  t->anchor_wall_us = now_us;
}

gboolean
cg_timeline_place (CgTimeline *t, gboolean video, gint64 pts, gint64 dts, AVRational tb,
                   gint64 now_us, CgTimelinePoint *out)
{
  const AVRational us_q = { 1, 1000000 };
  gint64 orig = dts != AV_NOPTS_VALUE ? dts : pts;
  gint64 pos;
  *out = (CgTimelinePoint) { 0 };

  if (orig == AV_NOPTS_VALUE)
    {
      /* No timestamp at all: audio cannot be placed; video follows the
       * previous frame. */
      if (!video)
        return FALSE;
      pos = t->video_started ? t->last_video_us + t->frame_us : 0;
    }
  else
    pos = av_rescale_q (orig, tb, us_q) + t->offset_us;

  if (!t->started)
    {
      t->started = TRUE;
      anchor (t, pos, now_us);
    }

  if (video)
    {
      if (t->video_started
          && (pos <= t->last_video_us || pos > t->last_video_us + CG_TIMELINE_MAX_JUMP_US))
        {
          gint64 want = t->last_video_us + t->frame_us;
          t->offset_us += want - pos;
          pos = want;
          t->discontinuities++;
          anchor (t, pos, now_us);
        }
      else if (t->video_started && pos - t->last_video_us > t->frame_us * 5 / 2)
        out->gap = TRUE;
      t->video_started = TRUE;
      t->last_video_us = pos;
    }
  else
    {
      if (t->last_audio_us != 0 && pos <= t->last_audio_us)
        return FALSE;
      /* Audio far from the video is a stream of its own going astray. */
      if (t->video_started && llabs (pos - t->last_video_us) > CG_TIMELINE_MAX_JUMP_US)
        return FALSE;
      t->last_audio_us = pos;
    }

  gint64 wall = t->anchor_wall_us + (pos - t->anchor_t_us);
  if (wall > now_us)
    {
      /* A picture cannot arrive before it was taken: the stream ran ahead
       * of the receive clock (a burst on connect, a fast camera clock), so
       * the anchor moves back until the two agree. */
      t->anchor_wall_us -= wall - now_us;
      wall = now_us;
    }
  else if (now_us - wall > CG_TIMELINE_MAX_DRIFT_US)
    {
      /* Far behind: the camera's clock runs slow or the link held data
       * back; the receive clock is the better witness. */
      anchor (t, pos, now_us);
      wall = now_us;
    }
  out->wall_us = wall;
  out->pos_us = pos;

  gint64 new_dts = av_rescale_q (pos, us_q, tb);
  out->dts = new_dts;
  if (pts != AV_NOPTS_VALUE && orig != AV_NOPTS_VALUE)
    out->pts = pts + (new_dts - orig);
  else
    out->pts = new_dts;
  if (out->pts < out->dts)
    out->pts = out->dts;
  return TRUE;
}

gint64
cg_timeline_wall (const CgTimeline *t, gint64 pos_us)
{
  return t->anchor_wall_us + (pos_us - t->anchor_t_us);
}
