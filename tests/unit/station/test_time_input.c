/* test_time_input.c — the times officers type to go somewhere in
 * footage, and what they are told when a time cannot be read. */
#include "unit.h"

#include "common/error.h"
#include "station/time_input.h"

#include <locale.h>
#include <string.h>

#define S G_GINT64_CONSTANT (1000000)
/* 27/11/2026 14:00:00 in Hà Nội (07:00:00 UTC). */
#define NOW (G_GINT64_CONSTANT (1795762800) * S)
/* 27/11/2026 09:30:00 in Hà Nội. */
#define NINE_THIRTY (NOW - 4 * 3600 * S - 30 * 60 * S)

static GTimeZone *
hanoi (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("ICT-7");
  assert_non_null (tz);
  return tz;
}

static gint64
parse (const char *text)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autoptr (GError) error = NULL;
  gint64 t = 0;
  if (!cg_time_input_parse (text, NOW, tz, &t, &error))
    fail_msg ("“%s” was refused: %s", text, error->message);
  return t;
}

/* The message for text, which must be refused as wrong usage. */
static char *
refusal (const char *text)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  GError *error = NULL;
  gint64 t = 12345;
  if (cg_time_input_parse (text, NOW, tz, &t, &error))
    fail_msg ("“%s” was read as %" G_GINT64_FORMAT, text, t);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  assert_int_equal (t, 12345);
  char *message = g_strdup (error->message);
  g_error_free (error);
  return message;
}

static void
assert_mentions (const char *message, const char *what)
{
  if (strstr (message, what) == NULL)
    fail_msg ("“%s” does not mention “%s”", message, what);
}

static void
test_day_and_time (void **state)
{
  assert_int_equal (parse ("27/11 09:30"), NINE_THIRTY);
  assert_int_equal (parse ("27/11 09:30:15"), NINE_THIRTY + 15 * S);
  assert_int_equal (parse ("  27/11   9:30  "), NINE_THIRTY);
  assert_int_equal (parse ("26/11 09:30"), NINE_THIRTY - 24 * 3600 * S);
  /* With a year, as canhgac prints times. */
  assert_int_equal (parse ("27/11/2026 09:30"), NINE_THIRTY);
  assert_int_equal (parse ("27/11/2025 09:30"), NINE_THIRTY - 365 * 24 * 3600 * S);
  /* Tomorrow morning is less than a day ahead: this year. */
  assert_int_equal (parse ("28/11 09:30"), NINE_THIRTY + 24 * 3600 * S);
  /* New Year's Eve, typed in November, is last year's. */
  assert_int_equal (parse ("31/12 09:30"), NINE_THIRTY + 34 * 24 * 3600 * S - 365 * 24 * 3600 * S);
}

static void
test_today (void **state)
{
  assert_int_equal (parse ("09:30"), NINE_THIRTY);
  assert_int_equal (parse ("9:30:05"), NINE_THIRTY + 5 * S);
  assert_int_equal (parse ("00:00"), NINE_THIRTY - (9 * 3600 + 30 * 60) * S);
  assert_int_equal (parse ("23:59:59"), NINE_THIRTY + (14 * 3600 + 29 * 60 + 59) * S);
}

static void
test_back_from_now (void **state)
{
  assert_int_equal (parse ("-15m"), NOW - 15 * 60 * S);
  assert_int_equal (parse ("-2h"), NOW - 2 * 3600 * S);
  assert_int_equal (parse ("-1h30m"), NOW - 90 * 60 * S);
  assert_int_equal (parse ("- 1h 30m"), NOW - 90 * 60 * S);
  assert_int_equal (parse ("-90s"), NOW - 90 * S);
  assert_int_equal (parse ("-1d"), NOW - 24 * 3600 * S);
  assert_int_equal (parse ("-2H"), NOW - 2 * 3600 * S);
  /* As officers say it: phút, giờ, ngày. */
  assert_int_equal (parse ("-15p"), NOW - 15 * 60 * S);
  assert_int_equal (parse ("-15ph"), NOW - 15 * 60 * S);
  assert_int_equal (parse ("-2g"), NOW - 2 * 3600 * S);
  assert_int_equal (parse ("-3ng"), NOW - 3 * 24 * 3600 * S);
}

static void
test_iso (void **state)
{
  assert_int_equal (parse ("2026-11-27T02:30:00Z"), NINE_THIRTY);
  assert_int_equal (parse ("2026-11-27 09:30"), NINE_THIRTY);
}

static void
test_bad_day_and_time (void **state)
{
  g_autofree char *a = refusal ("32/13 25:61");
  assert_mentions (a, "32/13 25:61");
  assert_mentions (a, "no day 32/13");
  g_autofree char *b = refusal ("27/11 25:61");
  assert_mentions (b, "25:61 is not a time of day");
  g_autofree char *c = refusal ("24:00");
  assert_mentions (c, "24:00 is not a time of day");
  g_autofree char *d = refusal ("29/02 10:00");
  assert_mentions (d, "no day 29/02");
  g_autofree char *e = refusal ("27/11/26 10:00");
  assert_mentions (e, "type dd/mm HH:MM");
  g_autofree char *f = refusal ("27/11");
  assert_mentions (f, "type dd/mm HH:MM");
  g_autofree char *g = refusal ("27/11 10:00 sáng");
  assert_mentions (g, "type dd/mm HH:MM");
  g_autofree char *h = refusal ("2026-13-01T00:00:00Z");
  assert_mentions (h, "2026-13-01T00:00:00Z");
  g_autofree char *i = refusal ("hôm qua");
  assert_mentions (i, "“hôm qua” is not a time");
}

static void
test_bad_back (void **state)
{
  g_autofree char *a = refusal ("-0m");
  assert_mentions (a, "“-0m” goes back by nothing");
  g_autofree char *b = refusal ("-0h0m");
  assert_mentions (b, "goes back by nothing");
  g_autofree char *c = refusal ("-15");
  assert_mentions (c, "with a unit");
  g_autofree char *d = refusal ("-15x");
  assert_mentions (d, "with a unit");
  g_autofree char *e = refusal ("-");
  assert_mentions (e, "type dd/mm HH:MM");
  g_autofree char *f = refusal ("-m");
  assert_mentions (f, "type dd/mm HH:MM");
  g_autofree char *g = refusal ("-999999d");
  assert_mentions (g, "further back than any recording is kept");
  g_autofree char *h = refusal ("-9999999m");
  assert_mentions (h, "type dd/mm HH:MM");
}

static void
test_empty (void **state)
{
  g_autofree char *a = refusal ("");
  assert_mentions (a, "Type a time: dd/mm HH:MM, HH:MM for today, or -15m, -2h");
  g_autofree char *b = refusal ("   ");
  assert_mentions (b, "Type a time");
  g_autoptr (GError) error = NULL;
  gint64 t = 0;
  assert_false (cg_time_input_parse (NULL, NOW, NULL, &t, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
}

static void
test_local_zone (void **state)
{
  /* NULL is the local zone, as everywhere in canhgac. */
  g_setenv ("TZ", "ICT-7", TRUE);
  gint64 t = 0;
  assert_true (cg_time_input_parse ("27/11 09:30", NOW, NULL, &t, NULL));
  assert_int_equal (t, NINE_THIRTY);
  g_setenv ("TZ", "UTC0", TRUE);
  assert_true (cg_time_input_parse ("27/11 09:30", NOW, NULL, &t, NULL));
  assert_int_equal (t, NINE_THIRTY + 7 * 3600 * S);
  g_unsetenv ("TZ");
}

int
main (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_day_and_time),
    cmocka_unit_test (test_today),
    cmocka_unit_test (test_back_from_now),
    cmocka_unit_test (test_iso),
    cmocka_unit_test (test_bad_day_and_time),
    cmocka_unit_test (test_bad_back),
    cmocka_unit_test (test_empty),
    cmocka_unit_test (test_local_zone),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
