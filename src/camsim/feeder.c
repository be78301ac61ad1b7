/* feeder.c — the stream timeline of one camera: looping, stalls,
 * throttling, corruption and resolution changes. */
#include "build-config.h"

#include "camsim/feeder.h"

#include <string.h>

struct CgCamsimFeeder {
  CgCamsimLoop *loops[2]; /* the camera's own, and the resize one */
  guint current;          /* which loop is playing */
  guint index;            /* next unit in it */
  gint64 pass_ns;         /* stream time at which the current pass began */
  gint64 gap_ns;          /* silence added by stalls so far */
  CgCamsimFeederFaults faults;
  gint64 next_stall_ns;
  gint64 next_switch_ns;
  double tokens; /* throttle: bits that may be sent now */
  gint64 last_ns;
  gboolean dropping; /* throttle: waiting for a keyframe */
  GRand *rand;
};

CgCamsimFeeder *
cg_camsim_feeder_new (CgCamsimLoop *main, CgCamsimLoop *alt, const CgCamsimFeederFaults *faults,
                      guint32 seed)
{
  g_return_val_if_fail (main != NULL && main->n_units > 0 && main->units[0].key, NULL);
  CgCamsimFeeder *f = g_new0 (CgCamsimFeeder, 1);
  f->loops[0] = cg_camsim_loop_ref (main);
  f->loops[1] = alt != NULL ? cg_camsim_loop_ref (alt) : NULL;
  if (faults != NULL)
    f->faults = *faults;
  if (f->faults.stall != NULL)
    f->next_stall_ns = f->faults.stall->every_us * 1000;
  if (f->faults.resize != NULL)
    f->next_switch_ns = f->faults.resize->every_us * 1000;
  if (f->faults.throttle != NULL)
    f->tokens = (double) f->faults.throttle->rate_bps; /* a one-second bucket, full */
  f->rand = g_rand_new_with_seed (seed);
  return f;
}

void
cg_camsim_feeder_free (CgCamsimFeeder *f)
{
  if (f == NULL)
    return;
  cg_camsim_loop_unref (f->loops[0]);
  cg_camsim_loop_unref (f->loops[1]);
  g_rand_free (f->rand);
  g_free (f);
}

gint64
cg_camsim_tsjump_offset (const CgCamsimFault *tsjump, gint64 pts_ns)
{
  if (tsjump == NULL || pts_ns < 0)
    return 0;
  return (pts_ns / (tsjump->every_us * 1000)) * tsjump->duration_us * 1000;
}

/* Throttling drops rather than delays: a camera on a weak uplink loses
 * frames, it does not slow down time.  A keyframe may overdraw the bucket
 * (it is sent whenever the bucket is not in debt) so that a rate below
 * one keyframe a second still shows pictures; once a frame is dropped,
 * the rest of its GOP is useless and is dropped too. */
static gboolean
throttle_allows (CgCamsimFeeder *f, const CgCamsimUnit *u, gint64 dts_ns)
{
  const CgCamsimFault *t = f->faults.throttle;
  if (t == NULL)
    return TRUE;
  double rate = (double) t->rate_bps;
  f->tokens = MIN (f->tokens + rate * (double) (dts_ns - f->last_ns) / 1e9, rate);
  f->last_ns = dts_ns;
  double bits = 8.0 * (double) g_bytes_get_size (u->data);
  if (u->key ? f->tokens >= 0 : !f->dropping && f->tokens >= bits)
    {
      f->tokens -= bits;
      f->dropping = FALSE;
      return TRUE;
    }
  f->dropping = TRUE;
  return FALSE;
}

/* Overwrites part of the last NAL unit (the slice data) with random
 * bytes, leaving start codes, NAL headers and parameter sets intact so
 * the stream still parses but does not decode cleanly. */
static GBytes *
corrupt (CgCamsimFeeder *f, GBytes *data)
{
  gsize size = 0;
  const guint8 *src = g_bytes_get_data (data, &size);
  guint8 *copy = g_memdup2 (src, size);
  gsize last = 0;
  for (gsize i = 0; i + 3 <= size; i++)
    if (copy[i] == 0 && copy[i + 1] == 0 && copy[i + 2] == 1)
      last = i + 3;
  gsize start = last + 8; /* past the NAL and slice headers */
  if (start < size)
    {
      gsize span = (size - start) / 2 + 1;
      gsize from = start + (gsize) g_rand_int_range (f->rand, 0, (gint32) MIN (size - start, G_MAXINT32 / 2));
      for (gsize i = from; i < MIN (from + span, size); i++)
        copy[i] = (guint8) g_rand_int (f->rand);
    }
  return g_bytes_new_take (copy, size);
}

void
cg_camsim_feeder_next (CgCamsimFeeder *f, CgCamsimFeederOutput *out)
{
  for (;;)
    {
      CgCamsimLoop *loop = f->loops[f->current];
      const CgCamsimUnit *u = &loop->units[f->index];
      gint64 dts = f->pass_ns + u->dts_ns + f->gap_ns;

      /* Resolution changes happen at a keyframe, as on a camera whose
       * stream settings were changed from its web page. */
      if (f->faults.resize != NULL && f->loops[1] != NULL && u->key && dts >= f->next_switch_ns)
        {
          f->next_switch_ns += f->faults.resize->every_us * 1000;
          f->pass_ns += u->dts_ns;
          f->current = 1 - f->current;
          f->index = 0;
          continue;
        }

      /* A stall is silence in the middle of the stream: the camera's clock
       * goes on, so the timestamps after it jump by the stall's length. */
      if (f->faults.stall != NULL && dts >= f->next_stall_ns)
        {
          f->gap_ns += f->faults.stall->duration_us * 1000;
          f->next_stall_ns += (f->faults.stall->duration_us + f->faults.stall->every_us) * 1000;
          dts += f->faults.stall->duration_us * 1000;
        }

      gint64 pts = f->pass_ns + u->pts_ns + f->gap_ns;
      gint64 next_dts = f->index + 1 < loop->n_units ? loop->units[f->index + 1].dts_ns
                                                      : loop->duration_ns;
      gint64 duration = MAX (next_dts - u->dts_ns, 1);
      if (++f->index == loop->n_units)
        {
          f->index = 0;
          f->pass_ns += loop->duration_ns;
        }
      if (!throttle_allows (f, u, dts))
        continue;

      *out = (CgCamsimFeederOutput) {
        .pts_ns = pts,
        .dts_ns = dts,
        .duration_ns = duration,
        .key = u->key,
        .width = loop->width,
        .height = loop->height,
      };
      if (f->faults.garbage != NULL
          && g_rand_double (f->rand) * 100 < f->faults.garbage->percent)
        {
          out->data = corrupt (f, u->data);
          out->corrupted = TRUE;
        }
      else
        out->data = g_bytes_ref (u->data);
      return;
    }
}
