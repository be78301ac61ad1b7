/* pacer.c — a window of bytes in flight, sized from the terminal's
 * answers; a token bucket at the budget as the ceiling and the fallback. */
#include "build-config.h"

#include "station/pacer.h"

#define US 1000000.0
/* In flight: no more than the line drains in about 300 ms.  A queue half
 * as long again means the line slowed down: back off hard. */
#define QUEUE_TARGET_US 300000
#define BACKOFF_AT_US 450000
#define BACKOFF 0.6
/* The window never falls below a few rows of a tile, so pictures go on,
 * slowly, on the weakest line. */
#define MIN_WINDOW 2048.0
#define INITIAL_WINDOW 4096.0
/* No answer to the oldest probe for this long: the terminal does not
 * answer (never did) or has stopped (did once). */
#define NEVER_ANSWERED_US (5 * 1000000)
#define STOPPED_ANSWERING_US (20 * 1000000)
#define MAX_OUTSTANDING 8
#define BATCHES 4
#define MIN_BATCH 512.0
/* Text piling up unmeasured gets a probe of its own past this. */
#define TEXT_PROBE_BYTES 512
/* The line's own round trip: the least seen over this long. */
#define BASE_RTT_SPAN_US (30 * 1000000)
#define BASE_RTT_SLOTS 16
/* Delivery is judged over at least this long: answers come in clumps. */
#define RATE_SPAN_US 250000
#define HISTORY 32

typedef struct {
  guint64 offset;
  gint64 sent_us;
  gboolean limited; /* the window was full when it left */
} Probe;

typedef struct {
  guint64 offset;
  gint64 at_us;
  gboolean limited; /* its probe left with the window full */
} Answer;

struct CgPacer {
  double ceiling;   /* bytes per second */
  double window;    /* bytes */
  GQueue placed;    /* Probe*, oldest first */
  int unplaced;     /* written, not yet seen leaving */
  guint64 acked;    /* bytes the terminal has drawn */
  Answer answers[HISTORY]; /* the last answers, a ring */
  int n_answers;
  gboolean answered_ever;
  gint64 created_us, last_backoff_us, last_probe_us;
  double rtt_us, srtt_us;
  struct {
    gint64 since_us;
    double rtt_us;
  } base[BASE_RTT_SLOTS]; /* least round trip in each slot of time */
  double rate;      /* bytes per second delivered, when measured */
  /* The token bucket. */
  double tokens;
  gint64 bucket_us;
  guint64 bucket_written;
};

CgPacer *
cg_pacer_new (double ceiling_kbits, gint64 now_us)
{
  CgPacer *p = g_new0 (CgPacer, 1);
  p->ceiling = MAX (ceiling_kbits, 1.0) * 1000 / 8;
  p->window = INITIAL_WINDOW;
  g_queue_init (&p->placed);
  p->created_us = p->bucket_us = now_us;
  p->last_backoff_us = G_MININT64 / 2;
  p->last_probe_us = G_MININT64 / 2;
  return p;
}

void
cg_pacer_free (CgPacer *p)
{
  if (p == NULL)
    return;
  g_queue_clear_full (&p->placed, g_free);
  g_free (p);
}

static double
base_rtt (const CgPacer *p, gint64 now_us)
{
  double best = G_MAXDOUBLE;
  for (int i = 0; i < BASE_RTT_SLOTS; i++)
    if (p->base[i].rtt_us > 0 && now_us - p->base[i].since_us < BASE_RTT_SPAN_US)
      best = MIN (best, p->base[i].rtt_us);
  return best == G_MAXDOUBLE ? 0 : best;
}

/* The least round trip, kept per slot of BASE_RTT_SPAN / SLOTS so that a
 * line that got slower (a mobile cell changing) is believed in time. */
static void
note_rtt (CgPacer *p, double rtt_us, gint64 now_us)
{
  gint64 slot_us = BASE_RTT_SPAN_US / BASE_RTT_SLOTS;
  gint64 start = now_us / slot_us * slot_us;
  int i = (int) ((now_us / slot_us) % BASE_RTT_SLOTS);
  if (p->base[i].since_us != start || p->base[i].rtt_us <= 0)
    {
      p->base[i].since_us = start;
      p->base[i].rtt_us = rtt_us;
    }
  else
    p->base[i].rtt_us = MIN (p->base[i].rtt_us, rtt_us);
  p->rtt_us = rtt_us;
  p->srtt_us = p->srtt_us <= 0 ? rtt_us : 0.875 * p->srtt_us + 0.125 * rtt_us;
}

static gboolean
answering (const CgPacer *p, gint64 now_us)
{
  const Probe *oldest = g_queue_peek_head ((GQueue *) &p->placed);
  if (oldest == NULL)
    return p->answered_ever || now_us - p->created_us < NEVER_ANSWERED_US;
  gint64 limit = p->answered_ever ? STOPPED_ANSWERING_US : NEVER_ANSWERED_US;
  return now_us - oldest->sent_us < limit;
}

/* The pace of the bucket: the ceiling while the window paces; without
 * answers the ceiling, or the last rate measured if there was one. */
static double
bucket_rate (const CgPacer *p, gboolean measured)
{
  if (measured || !p->answered_ever || p->rate <= 0)
    return p->ceiling;
  return MIN (p->ceiling, p->rate);
}

static void
fill_bucket (CgPacer *p, guint64 written, gboolean measured, gint64 now_us)
{
  double rate = bucket_rate (p, measured);
  double burst = MAX (rate * QUEUE_TARGET_US / US, MIN_WINDOW);
  p->tokens += rate * (double) (now_us - p->bucket_us) / US;
  if (written > p->bucket_written)
    p->tokens -= (double) (written - p->bucket_written);
  /* Debt is paid back, but a burst of text long ago is not. */
  p->tokens = CLAMP (p->tokens, -rate * 10, burst);
  p->bucket_us = now_us;
  p->bucket_written = MAX (p->bucket_written, written);
}

static guint64
in_flight (const CgPacer *p, guint64 written)
{
  return written > p->acked ? written - p->acked : 0;
}

void
cg_pacer_probe_written (CgPacer *p)
{
  p->unplaced++;
}

void
cg_pacer_probe_sent (CgPacer *p, guint64 offset, gint64 sent_us)
{
  if (p->unplaced > 0)
    p->unplaced--;
  Probe *probe = g_new0 (Probe, 1);
  probe->offset = offset;
  probe->sent_us = sent_us;
  probe->limited = (double) in_flight (p, offset) >= p->window * 0.75;
  g_queue_push_tail (&p->placed, probe);
  p->last_probe_us = MAX (p->last_probe_us, sent_us);
}

/* What the line delivered lately: bytes drawn since the answer at least
 * RATE_SPAN before this one, over the time between them.  *busy says
 * whether the window was full all along (every probe in the span left
 * with it full): only then is the line, not the pictures, the limit. */
static double
delivery_sample (const CgPacer *p, guint64 offset, gint64 now_us, gboolean limited, gboolean *busy)
{
  *busy = limited;
  for (int k = 1; k <= p->n_answers && k <= HISTORY; k++)
    {
      const Answer *a = &p->answers[(p->n_answers - k) % HISTORY];
      if (now_us - a->at_us >= RATE_SPAN_US)
        return offset > a->offset ? (double) (offset - a->offset) * US / (double) (now_us - a->at_us) : 0;
      *busy = *busy && a->limited;
    }
  return 0;
}

void
cg_pacer_probe_answered (CgPacer *p, gint64 now_us)
{
  g_autofree Probe *probe = g_queue_pop_head (&p->placed);
  if (probe == NULL)
    return; /* an answer to nothing we asked */
  /* Never 0: a slot without a sample holds 0. */
  double rtt = (double) MAX (now_us - probe->sent_us, 1);
  note_rtt (p, rtt, now_us);
  gboolean busy;
  double sample = delivery_sample (p, probe->offset, now_us, probe->limited, &busy);
  /* A sample counts when the window was full all along (the line, not
   * the pictures, was the limit), or when it shows the line can do more;
   * blended, so the rate rises gently and a clump of answers does not
   * fool it. */
  if (sample > 0 && (busy || sample > p->rate))
    p->rate = p->rate <= 0 ? sample : 0.7 * p->rate + 0.3 * sample;
  p->acked = MAX (p->acked, probe->offset);
  p->answers[p->n_answers % HISTORY] = (Answer) { p->acked, now_us, probe->limited };
  p->n_answers++;
  p->answered_ever = TRUE;

  /* The window: what the line drains in the target time at the rate
   * it delivers.  While the pictures fill it, the line stays busy (the
   * window is more than a round trip's worth) and each answer measures
   * the line, so a faster line is found by itself and a slower one
   * shrinks the window with it. */
  if (p->rate > 0 && rtt - base_rtt (p, now_us) > BACKOFF_AT_US
      && now_us - p->last_backoff_us > (gint64) p->srtt_us)
    {
      /* The queue is past the target: the line slowed down faster than
       * the measure follows.  Back off hard, once a round trip. */
      p->rate *= BACKOFF;
      p->last_backoff_us = now_us;
    }
  if (p->rate > 0)
    p->window = p->rate * QUEUE_TARGET_US / US;
  /* The budget is the ceiling. */
  p->window = CLAMP (p->window, MIN_WINDOW, MAX (p->ceiling * QUEUE_TARGET_US / US, MIN_WINDOW));
}

guint64
cg_pacer_room (CgPacer *p, guint64 written, gint64 now_us)
{
  gboolean answers = answering (p, now_us);
  gboolean measured = answers && p->answered_ever;
  fill_bucket (p, written, measured, now_us);
  /* The last batch is not counted until its probe is seen leaving. */
  if (p->unplaced > 0)
    return 0;
  double room = p->tokens;
  /* Before the first answer the window paces too: the first screen must
   * not be followed by seconds of pictures. */
  if (answers)
    {
      room = MIN (room, p->window - (double) in_flight (p, written));
      /* A quarter of the window at a time, each with its probe: answers
       * come back while the rest is on the line, which stays busy. */
      room = MIN (room, MAX (p->window / BATCHES, MIN_BATCH));
    }
  return room > 0 ? (guint64) room : 0;
}

gboolean
cg_pacer_probe_wanted (CgPacer *p, guint64 written, gboolean pictures, gint64 now_us)
{
  int outstanding = (int) g_queue_get_length (&p->placed) + p->unplaced;
  if (outstanding >= MAX_OUTSTANDING)
    return FALSE;
  if (!answering (p, now_us))
    /* One probe waits at a time: if it is ever answered, pacing by the
     * window comes back. */
    return outstanding == 0;
  if (pictures)
    return TRUE;
  return outstanding == 0 && in_flight (p, written) >= TEXT_PROBE_BYTES;
}

void
cg_pacer_view (CgPacer *p, guint64 written, gint64 now_us, CgPacerView *view)
{
  gboolean measured = answering (p, now_us) && p->answered_ever;
  fill_bucket (p, written, measured, now_us);
  *view = (CgPacerView) {
    .measured = measured,
    .rate_kbits = (measured && p->rate > 0 ? p->rate : bucket_rate (p, measured)) * 8 / 1000,
    .rtt_ms = p->rtt_us / 1000,
    .base_rtt_ms = base_rtt (p, now_us) / 1000,
    .in_flight = in_flight (p, written),
    .window = (guint64) p->window,
  };
}

int
cg_picture_level_judge (CgPictureLevel *j, double seconds_behind)
{
  j->slow_seconds = seconds_behind > 8 ? j->slow_seconds + 1 : 0;
  /* A better style costs about twice as much: only with room for it. */
  j->fast_seconds = seconds_behind * 2 < 3 ? j->fast_seconds + 1 : 0;
  int level = j->level;
  if (j->slow_seconds >= 5 && level < 2)
    level++;
  else if (j->fast_seconds >= 30 && level > 0)
    level--;
  if (level != j->level)
    {
      j->level = level;
      j->slow_seconds = j->fast_seconds = 0;
    }
  return j->level;
}
