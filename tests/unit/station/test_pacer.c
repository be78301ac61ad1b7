/* test_pacer.c — the pacer on a simulated line: a queue draining at a set
 * rate, the terminal's answers delayed by it. */
#include "unit.h"

#include "station/pacer.h"

#define MS 1000
#define SEC 1000000

typedef struct {
  double rate;          /* the line, bytes per second */
  gint64 one_way_us;    /* each way, without a queue */
  gboolean answers;     /* the terminal answers probes */
  gboolean bursts;      /* the station writes only once a second (all
                         * the room it gets then), not on answers */
  gint64 stop_answering_us; /* ... until then (0: always) */
  CgPacer *pacer;
  gint64 now;
  guint64 written;      /* by the station */
  double sent;          /* onto the wire by the line */
  GArray *probes;       /* offsets waiting for the line, in order */
  GArray *answer_at;    /* when each answer reaches the station */
  guint first_probe, first_answer;
  /* What the test looks at, from `measure_from` on. */
  gint64 measure_from;
  double sent_at_measure;
  guint64 max_in_flight, max_queue;
  int probes_written;
} Line;

static void
line_init (Line *l, double kbits, gint64 one_way_us, double ceiling_kbits)
{
  *l = (Line) { .rate = kbits * 1000 / 8, .one_way_us = one_way_us, .answers = TRUE };
  l->pacer = cg_pacer_new (ceiling_kbits, 0);
  l->probes = g_array_new (FALSE, FALSE, sizeof (guint64));
  l->answer_at = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
line_clear (Line *l)
{
  cg_pacer_free (l->pacer);
  g_array_free (l->probes, TRUE);
  g_array_free (l->answer_at, TRUE);
}

/* The station: on each answer and every 100 ms it writes batch after
 * batch of the room it is given (a screen full of changing pictures),
 * each followed by a probe. */
static void
station_writes (Line *l)
{
  for (;;)
    {
      guint64 room = cg_pacer_room (l->pacer, l->written, l->now);
      if (l->bursts && l->now % SEC != 0)
        room = 0;
      if (room > 0)
        l->written += room;
      if (cg_pacer_probe_wanted (l->pacer, l->written, room > 0, l->now))
        {
          cg_pacer_probe_written (l->pacer);
          cg_pacer_probe_sent (l->pacer, l->written, l->now);
          g_array_append_val (l->probes, l->written);
          l->probes_written++;
        }
      if (room == 0)
        break;
    }
}

/* One millisecond of the line. */
static void
line_step (Line *l)
{
  l->now += MS;
  l->sent = MIN ((double) l->written, l->sent + l->rate / 1000);
  /* A probe is answered once everything before it has crossed the line;
   * the answer takes the way back. */
  gboolean answering = l->answers && (l->stop_answering_us == 0 || l->now < l->stop_answering_us);
  while (l->first_probe < l->probes->len
         && l->sent >= (double) g_array_index (l->probes, guint64, l->first_probe))
    {
      gint64 at = l->now + 2 * l->one_way_us;
      if (answering)
        g_array_append_val (l->answer_at, at);
      l->first_probe++;
    }
  gboolean answered = FALSE;
  while (l->first_answer < l->answer_at->len && g_array_index (l->answer_at, gint64, l->first_answer) <= l->now)
    {
      cg_pacer_probe_answered (l->pacer, l->now);
      l->first_answer++;
      answered = TRUE;
    }
  if (answered || l->now % (100 * MS) == 0)
    station_writes (l);
  if (l->measure_from > 0 && l->now == l->measure_from)
    l->sent_at_measure = l->sent;
  if (l->measure_from > 0 && l->now > l->measure_from)
    {
      CgPacerView v;
      cg_pacer_view (l->pacer, l->written, l->now, &v);
      l->max_in_flight = MAX (l->max_in_flight, v.in_flight);
      l->max_queue = MAX (l->max_queue, l->written - (guint64) l->sent);
    }
}

static void
line_run (Line *l, gint64 until_us)
{
  while (l->now < until_us)
    line_step (l);
}

/* Saturated by pictures, the station finds the line's rate by itself,
 * keeps the line busy, and never queues more than the line drains in
 * about 300 ms (a key waits behind no more). */
static void
converges (double kbits, gint64 one_way_us)
{
  Line l;
  line_init (&l, kbits, one_way_us, 100000);
  l.measure_from = 60 * SEC;
  line_run (&l, 120 * SEC);
  double carried = (l.sent - l.sent_at_measure) / 60;
  CgPacerView v;
  cg_pacer_view (l.pacer, l.written, l.now, &v);
  print_message ("%5.0f kbit/s, %3d ms: carried %6.1f kbit/s, measured %6.1f, window %6" G_GUINT64_FORMAT
                 " B, most queued %6" G_GUINT64_FORMAT " B (%3.0f ms), in flight %6" G_GUINT64_FORMAT "\n",
                 kbits, (int) (one_way_us / MS), carried * 8 / 1000, v.rate_kbits, v.window, l.max_queue,
                 l.max_queue / l.rate * 1000, l.max_in_flight);
  assert_true (v.measured);
  /* The line is used ... */
  assert_true (carried >= 0.8 * l.rate);
  /* ... its rate is known within 20 % ... */
  assert_true (v.rate_kbits >= 0.8 * kbits && v.rate_kbits <= 1.2 * kbits);
  /* ... and the queue stays under 300 ms of the line, in flight under
   * that plus the round trip. */
  assert_true ((double) l.max_queue <= 0.3 * l.rate);
  assert_true ((double) l.max_in_flight <= l.rate * (0.3 + 2.0 * one_way_us / SEC));
  line_clear (&l);
}

static void
test_converges_64 (void **state)
{
  converges (64, 20 * MS);
}

static void
test_converges_128 (void **state)
{
  converges (128, 20 * MS);
}

static void
test_converges_384 (void **state)
{
  converges (384, 20 * MS);
}

static void
test_converges_1000 (void **state)
{
  converges (1000, 20 * MS);
}

static void
test_converges_2000 (void **state)
{
  converges (2000, 20 * MS);
}

/* A mobile line: a long round trip of its own. */
static void
test_converges_mobile (void **state)
{
  converges (128, 60 * MS);
  converges (1000, 40 * MS);
}

/* The line changes under the station (a neighbour starts a download,
 * then stops): the queue comes back under the target within seconds,
 * and the rate follows the line back up. */
static void
test_line_changes (void **state)
{
  Line l;
  line_init (&l, 1000, 20 * MS, 100000);
  line_run (&l, 30 * SEC);
  l.rate = 128 * 1000 / 8;
  line_run (&l, 40 * SEC);
  l.measure_from = 40 * SEC + MS;
  line_run (&l, 70 * SEC);
  CgPacerView v;
  cg_pacer_view (l.pacer, l.written, l.now, &v);
  assert_true (v.rate_kbits >= 0.8 * 128 && v.rate_kbits <= 1.2 * 128);
  assert_true ((double) l.max_queue <= 0.3 * l.rate);
  l.rate = 1000 * 1000 / 8;
  line_run (&l, 100 * SEC);
  cg_pacer_view (l.pacer, l.written, l.now, &v);
  assert_true (v.rate_kbits >= 0.8 * 1000 && v.rate_kbits <= 1.2 * 1000);
  line_clear (&l);
}

/* Pictures that need less than the line (few tiles change) do not make
 * the station believe the line is slow: when they need more again, the
 * window is there at once. */
static void
test_app_limited (void **state)
{
  Line l;
  line_init (&l, 1000, 20 * MS, 100000);
  line_run (&l, 30 * SEC);
  /* A burst a second: the window full, then the line idle. */
  l.bursts = TRUE;
  line_run (&l, 60 * SEC);
  CgPacerView v;
  cg_pacer_view (l.pacer, l.written, l.now, &v);
  assert_true (v.rate_kbits >= 0.8 * 1000);
  line_clear (&l);
}

/* The budget is a ceiling: a fast line carries no more than it. */
static void
test_ceiling (void **state)
{
  Line l;
  line_init (&l, 2000, 5 * MS, 256);
  l.measure_from = 30 * SEC;
  line_run (&l, 90 * SEC);
  double carried_kbits = (l.sent - l.sent_at_measure) / 60 * 8 / 1000;
  assert_true (carried_kbits <= 256 * 1.05);
  assert_true (carried_kbits >= 256 * 0.8);
  line_clear (&l);
}

/* A terminal that never answers: after a timeout, the budget paces, and
 * no more probes are sent (the ones waiting would be answered first). */
static void
test_never_answers (void **state)
{
  Line l;
  line_init (&l, 2000, 5 * MS, 256);
  l.answers = FALSE;
  line_run (&l, 10 * SEC);
  guint64 at10 = l.written;
  int probes_at10 = l.probes_written;
  line_run (&l, 70 * SEC);
  double kbits = (double) (l.written - at10) / 60 * 8 / 1000;
  assert_true (kbits >= 256 * 0.9 && kbits <= 256 * 1.1);
  assert_int_equal (l.probes_written, probes_at10);
  CgPacerView v;
  cg_pacer_view (l.pacer, l.written, l.now, &v);
  assert_false (v.measured);
  line_clear (&l);
}

/* A terminal that stops answering: after a longer timeout, the last rate
 * measured paces, not the (higher) budget; answers again: the window. */
static void
test_stops_answering (void **state)
{
  Line l;
  line_init (&l, 128, 20 * MS, 1000);
  l.stop_answering_us = 40 * SEC;
  line_run (&l, 70 * SEC);
  guint64 at70 = l.written;
  line_run (&l, 100 * SEC);
  double kbits = (double) (l.written - at70) / 30 * 8 / 1000;
  CgPacerView v;
  cg_pacer_view (l.pacer, l.written, l.now, &v);
  assert_false (v.measured);
  assert_true (kbits >= 128 * 0.7 && kbits <= 128 * 1.3);
  line_clear (&l);
}

/* Text alone: probed now and then, not after every byte; nothing waits
 * when idle. */
static void
test_text_probes (void **state)
{
  g_autoptr (CgPacer) p = cg_pacer_new (256, 0);
  /* The clock, 20 bytes a second, with an answer for each probe. */
  guint64 written = 0;
  int probes = 0;
  for (gint64 t = 0; t < 60 * SEC; t += SEC)
    {
      written += 20;
      if (cg_pacer_probe_wanted (p, written, FALSE, t))
        {
          cg_pacer_probe_written (p);
          cg_pacer_probe_sent (p, written, t);
          cg_pacer_probe_answered (p, t + 30 * MS);
          probes++;
        }
    }
  assert_in_range (probes, 1, 4);
  assert_true (cg_pacer_room (p, written, 60 * SEC) > 0);
}

/* Pictures degrade when the line stays behind, and come back only after
 * a long time with room to spare. */
static void
test_picture_level (void **state)
{
  CgPictureLevel j = { 0 };
  for (int s = 0; s < 4; s++)
    assert_int_equal (cg_picture_level_judge (&j, 20), 0);
  assert_int_equal (cg_picture_level_judge (&j, 20), 1);
  /* One second in time starts the count again: behind must last. */
  assert_int_equal (cg_picture_level_judge (&j, 2), 1);
  for (int s = 0; s < 4; s++)
    assert_int_equal (cg_picture_level_judge (&j, 20), 1);
  assert_int_equal (cg_picture_level_judge (&j, 20), 2);
  for (int s = 0; s < 10; s++)
    assert_int_equal (cg_picture_level_judge (&j, 20), 2);
  /* Just keeping up is not room for a dearer style. */
  for (int s = 0; s < 60; s++)
    assert_int_equal (cg_picture_level_judge (&j, 3), 2);
  for (int s = 0; s < 29; s++)
    assert_int_equal (cg_picture_level_judge (&j, 0.5), 2);
  assert_int_equal (cg_picture_level_judge (&j, 0.5), 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_converges_64),
    cmocka_unit_test (test_converges_128),
    cmocka_unit_test (test_converges_384),
    cmocka_unit_test (test_converges_1000),
    cmocka_unit_test (test_converges_2000),
    cmocka_unit_test (test_converges_mobile),
    cmocka_unit_test (test_line_changes),
    cmocka_unit_test (test_app_limited),
    cmocka_unit_test (test_ceiling),
    cmocka_unit_test (test_never_answers),
    cmocka_unit_test (test_stops_answering),
    cmocka_unit_test (test_text_probes),
    cmocka_unit_test (test_picture_level),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
