/* test_period.c — the periods a report is written for: every form read,
 * its days, its bounds in Vietnam's time, the period before it, and the
 * forms refused with a message that says what to write. */
#include "unit.h"

#include "common/error.h"
#include "common/period.h"

#include <string.h>

static void
assert_days (const CgPeriod *p, const char *first, const char *last)
{
  char a[16], b[16];
  g_snprintf (a, sizeof a, "%02d/%02d/%04d", g_date_get_day (&p->first),
              g_date_get_month (&p->first), g_date_get_year (&p->first));
  g_snprintf (b, sizeof b, "%02d/%02d/%04d", g_date_get_day (&p->last),
              g_date_get_month (&p->last), g_date_get_year (&p->last));
  assert_string_equal (a, first);
  assert_string_equal (b, last);
}

static CgPeriod
parsed (const char *text)
{
  CgPeriod p;
  g_autoptr (GError) error = NULL;
  gboolean ok = cg_period_parse (text, &p, &error);
  if (!ok)
    fail_msg ("%s: %s", text, error->message);
  return p;
}

static void
test_forms (void **state)
{
  CgPeriod p = parsed ("2026-11");
  assert_int_equal (p.kind, CG_PERIOD_MONTH);
  assert_days (&p, "01/11/2026", "30/11/2026");
  assert_int_equal (cg_period_days (&p), 30);
  p = parsed ("2028-02");
  assert_days (&p, "01/02/2028", "29/02/2028");
  p = parsed (" 2026-4 ");
  assert_days (&p, "01/04/2026", "30/04/2026");
  p = parsed ("2026-Q4");
  assert_int_equal (p.kind, CG_PERIOD_QUARTER);
  assert_days (&p, "01/10/2026", "31/12/2026");
  p = parsed ("2026-q1");
  assert_days (&p, "01/01/2026", "31/03/2026");
  p = parsed ("2026-H2");
  assert_int_equal (p.kind, CG_PERIOD_HALF);
  assert_days (&p, "01/07/2026", "31/12/2026");
  p = parsed ("2026-H1");
  assert_days (&p, "01/01/2026", "30/06/2026");
  p = parsed ("2026");
  assert_int_equal (p.kind, CG_PERIOD_YEAR);
  assert_int_equal (cg_period_days (&p), 365);
  p = parsed ("01/11/2026..30/11/2026");
  assert_int_equal (p.kind, CG_PERIOD_DAYS);
  assert_days (&p, "01/11/2026", "30/11/2026");
  p = parsed ("2026-11-05 .. 2026-11-05");
  assert_int_equal (cg_period_days (&p), 1);

  /* Each reads back from its code. */
  const char *codes[] = { "2026-11", "2026-Q4", "2026-H2", "2026", "2026-11-01..2026-11-30" };
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      CgPeriod q = parsed (codes[i]);
      g_autofree char *code = cg_period_code (&q);
      assert_string_equal (code, codes[i]);
    }
}

static void
test_bounds (void **state)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("ICT-7");
  CgPeriod p = parsed ("2026-11");
  gint64 from = 0, to = 0;
  cg_period_bounds (&p, tz, &from, &to);
  /* 01/11/2026 00:00 in Hanoi is 31/10/2026 17:00 UTC. */
  assert_int_equal (from / G_USEC_PER_SEC, 1793466000);
  assert_int_equal ((to - from) / G_USEC_PER_SEC, 30 * 86400);
}

static void
test_previous (void **state)
{
  struct { const char *p, *prev; } cases[] = {
    { "2026-11", "2026-10" }, { "2026-01", "2025-12" }, { "2026-Q1", "2025-Q4" },
    { "2026-Q3", "2026-Q2" }, { "2026-H1", "2025-H2" }, { "2026-H2", "2026-H1" },
    { "2026", "2025" },
    { "01/11/2026..30/11/2026", "2026-10-02..2026-10-31" },
    { "01/03/2028..01/03/2028", "2028-02-29..2028-02-29" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CgPeriod p = parsed (cases[i].p), q;
      cg_period_previous (&p, &q);
      g_autofree char *code = cg_period_code (&q);
      assert_string_equal (code, cases[i].prev);
      assert_true (cg_period_days (&q) == cg_period_days (&p) || p.kind != CG_PERIOD_DAYS);
    }
}

static void
refused (const char *text, const char *says)
{
  CgPeriod p;
  g_autoptr (GError) error = NULL;
  if (cg_period_parse (text, &p, &error))
    fail_msg ("“%s” was read as a period", text);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  if (strstr (error->message, says) == NULL)
    fail_msg ("“%s”: %s", text, error->message);
}

static void
test_refused (void **state)
{
  refused ("2026-13", "months are 01 to 12");
  refused ("2026-00", "months are 01 to 12");
  refused ("Q5", "is not a period");
  refused ("2026-Q5", "quarters Q1 to Q4");
  refused ("2026-Q0", "quarters Q1 to Q4");
  refused ("2026-H3", "halves H1 and H2");
  refused ("30/11/2026..01/11/2026", "ends before it begins");
  refused ("31/02/2026..01/03/2026", "is not a day");
  refused ("01/01/2020..01/01/2026", "longer than five years");
  refused ("", "is not a period");
  refused ("tháng 11", "is not a period");
  refused ("2026-11-30", "is not a period");
  refused ("20261", "is not a period");
  refused ("2026-1x", "is not a period");
}

static void
test_words (void **state)
{
  CgPeriod p = parsed ("2026-Q4");
  g_autofree char *t = cg_period_title (&p);
  assert_string_equal (t, "quarter IV of 2026");
  p = parsed ("01/11/2026..15/11/2026");
  g_autofree char *d = cg_period_title (&p);
  assert_string_equal (d, "from 01/11/2026 to 15/11/2026");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_forms),
    cmocka_unit_test (test_bounds),
    cmocka_unit_test (test_previous),
    cmocka_unit_test (test_refused),
    cmocka_unit_test (test_words),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
