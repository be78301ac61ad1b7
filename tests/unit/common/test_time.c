/* test_time.c — instants shown to officers and scripts, and read back. */
#include "unit.h"

#include "common/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define S G_GINT64_CONSTANT (1000000)
/* 2026-11-26T18:30:45.250Z */
#define T0 (G_GINT64_CONSTANT (1795717845) * S + 250000)

static GTimeZone *
hanoi (void)
{
  /* POSIX rule: UTC+7 all year, no tzdata needed. */
  GTimeZone *tz = g_time_zone_new_identifier ("ICT-7");
  assert_non_null (tz);
  return tz;
}

static void
test_format_local (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autofree char *a = cg_time_format_local (T0, tz);
  assert_string_equal (a, "27/11/2026 01:30:45");
  g_autofree char *b = cg_time_format_date (T0, tz);
  assert_string_equal (b, "27/11/2026");
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *c = cg_time_format_local (T0, utc);
  assert_string_equal (c, "26/11/2026 18:30:45");
  g_autofree char *d = cg_time_format_local (0, utc);
  assert_string_equal (d, "01/01/1970 00:00:00");
  /* Leap day, single-digit day and month padded. */
  g_autofree char *e = cg_time_format_local (G_GINT64_CONSTANT (1709164800) * S, utc);
  assert_string_equal (e, "29/02/2024 00:00:00");
}

static void
test_format_local_follows_tz (void **state)
{
  g_setenv ("TZ", "ICT-7", TRUE);
  g_autofree char *a = cg_time_format_local (T0, NULL);
  assert_string_equal (a, "27/11/2026 01:30:45");
  g_setenv ("TZ", "UTC0", TRUE);
  g_autofree char *b = cg_time_format_local (T0, NULL);
  assert_string_equal (b, "26/11/2026 18:30:45");
  g_unsetenv ("TZ");
}

static void
test_format_iso (void **state)
{
  g_autofree char *a = cg_time_format_iso (T0);
  assert_string_equal (a, "2026-11-26T18:30:45.250Z");
  g_autofree char *b = cg_time_format_iso (0);
  assert_string_equal (b, "1970-01-01T00:00:00.000Z");
  /* Microseconds below a millisecond are cut, not rounded up into the
   * next second. */
  g_autofree char *c = cg_time_format_iso (T0 + 749999);
  assert_string_equal (c, "2026-11-26T18:30:45.999Z");
  g_autofree char *d = cg_time_format_iso (-1);
  assert_string_equal (d, "1969-12-31T23:59:59.999Z");
}

static void
test_parse (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  struct { const char *text; gint64 us; } good[] = {
    { "2026-11-26T18:30:45.25Z", T0 },
    { "2026-11-26T18:30:45.250z", T0 },
    { "2026-11-27T01:30:45.25+07:00", T0 },
    { "2026-11-27T01:30:45.25+0700", T0 },
    { "2026-11-26T13:30:45.25-05", T0 },
    { "2026-11-27T01:30:45.25", T0 },             /* local */
    { "2026-11-27 01:30:45.25", T0 },
    { "27/11/2026 01:30:45", T0 - 250000 },
    { "27/11/2026 01:30", T0 - 45250000 },
    { "27/11/2026", T0 - (5400 * S + 45250000) },
    { "  2026-11-27  ", T0 - (5400 * S + 45250000) },
    { "1/2/2026", G_GINT64_CONSTANT (1769878800) * S },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 us = 0;
      g_autoptr (GError) error = NULL;
      if (!cg_time_parse (good[i].text, tz, &us, &error))
        fail_msg ("%s: %s", good[i].text, error->message);
      if (us != good[i].us)
        fail_msg ("%s: %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT, good[i].text, us, good[i].us);
    }
  const char *bad[] = {
    "", "now", "yesterday", "2026-13-01", "2026-02-29", "31/04/2026", "2026-11-27T25:00",
    "2026-11-27T10:61", "27/11/2026 10:00Z", "2026-11-27T10:00:00+25:00", "2026-11-27T10",
    "27-11-2026", "1969-12-31", "2026-11-27T10:00:00 junk", "27/11/2026 1030", NULL,
  };
  for (int i = 0; bad[i] != NULL; i++)
    {
      gint64 us = 0;
      g_autoptr (GError) error = NULL;
      if (cg_time_parse (bad[i], tz, &us, &error))
        fail_msg ("“%s” was accepted", bad[i]);
      assert_non_null (strstr (error->message, "dd/mm/yyyy"));
    }
}

/* The refusal shows the form officers type, not only ISO. */
static void
test_parse_error_example (void **state)
{
  g_autoptr (GError) error = NULL;
  gint64 us = 0;
  assert_false (cg_time_parse ("hôm qua", NULL, &us, &error));
  assert_non_null (strstr (error->message, "“hôm qua”"));
  assert_non_null (strstr (error->message, "26/11/2026 18:30"));
  assert_non_null (strstr (error->message, "ISO 8601"));
  /* ... and the example reads. */
  assert_true (cg_time_parse ("26/11/2026 18:30", NULL, &us, NULL));
}

static void
test_date_parse (void **state)
{
  struct { const char *text, *iso; } good[] = {
    { "15/03/2025", "2025-03-15" },
    { "15/3/2025", "2025-03-15" },
    { "1/2/2026", "2026-02-01" },
    { " 29/02/2024 ", "2024-02-29" },
    { "2025-03-15", "2025-03-15" },
    { "01/01/1900", "1900-01-01" },
    { "31/12/9999", "9999-12-31" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *iso = NULL;
      g_autoptr (GError) error = NULL;
      if (!cg_date_parse (good[i].text, &iso, &error))
        fail_msg ("%s: %s", good[i].text, error->message);
      assert_string_equal (iso, good[i].iso);
    }
  const char *bad[] = {
    "", "15.03.2025", "15-03-2025", "2025/03/15", "31/02/2025", "29/02/2025", "2025-02-30",
    "2025-3-15", "15/13/2025", "0/3/2025", "31/12/1899", "15/03/20255", "15/03/2025 10:00",
    "2025-03-15T10:00", "15/03", "ngày mai", NULL,
  };
  for (int i = 0; bad[i] != NULL; i++)
    {
      g_autofree char *iso = NULL;
      g_autoptr (GError) error = NULL;
      if (cg_date_parse (bad[i], &iso, &error))
        fail_msg ("“%s” was read as %s", bad[i], iso);
      assert_null (iso);
      assert_non_null (strstr (error->message, "dd/mm/yyyy"));
      assert_non_null (strstr (error->message, "15/03/2025"));
    }
  /* What is printed as a date reads back. */
  g_autoptr (GTimeZone) tz = hanoi ();
  g_autofree char *shown = cg_time_format_date (T0, tz);
  g_autofree char *iso = NULL;
  assert_true (cg_date_parse (shown, &iso, NULL));
  assert_string_equal (iso, "2026-11-27");
}

static void
test_round_trip (void **state)
{
  g_autoptr (GTimeZone) tz = hanoi ();
  for (gint64 us = 0; us < 400 * 86400 * S; us += 86400 * S + 3599 * S)
    {
      g_autofree char *text = cg_time_format_local (us, tz);
      gint64 back = -1;
      assert_true (cg_time_parse (text, tz, &back, NULL));
      assert_int_equal (back, us);
      g_autofree char *iso = cg_time_format_iso (us);
      assert_true (cg_time_parse (iso, tz, &back, NULL));
      assert_int_equal (back, us);
    }
}

static void
test_duration (void **state)
{
  struct { gint64 us; const char *text; } cases[] = {
    { 0, "0 s" },
    { 59 * S, "59 s" },
    { 60 * S, "1 min" },
    { 61 * S, "1 min 1 s" },
    { 3600 * S, "1 h" },
    { 3660 * S, "1 h 1 min" },
    { 86400 * S, "1 d" },
    { 3 * 86400 * S + 4 * 3600 * S + 59 * S, "3 d 4 h" },
    { -5 * S, "0 s" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *t = cg_duration_format (cases[i].us);
      assert_string_equal (t, cases[i].text);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_format_local),
    cmocka_unit_test (test_format_local_follows_tz),
    cmocka_unit_test (test_format_iso),
    cmocka_unit_test (test_parse),
    cmocka_unit_test (test_parse_error_example),
    cmocka_unit_test (test_date_parse),
    cmocka_unit_test (test_round_trip),
    cmocka_unit_test (test_duration),
  };
  return cmocka_run_group_tests_name ("time", tests, NULL, NULL);
}
