/* test_report_view.c — F7's periods as report.get reads them, across
 * the turn of a year, the bars of block characters, and the summary of
 * a reply: totals with their arrows, one bar per camera, and a reply
 * without data saying so without figures. */
#include "unit.h"

#include "client/report_words.h"
#include "common/period.h"
#include "common/text.h"
#include "station/report_view.h"

#include <locale.h>
#include <math.h>
#include <string.h>

static void
expect_code (CgReportChoice choice, int d, int m, int y, const char *want)
{
  GDate day;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_autofree char *code = cg_report_choice_code (choice, &day);
  assert_string_equal (code, want);
  CgPeriod p;
  assert_true (cg_period_parse (code, &p, NULL));
}

static void
test_choices (void **state)
{
  expect_code (CG_REPORT_CHOICE_THIS_MONTH, 30, 11, 2026, "2026-11");
  expect_code (CG_REPORT_CHOICE_LAST_MONTH, 30, 11, 2026, "2026-10");
  expect_code (CG_REPORT_CHOICE_LAST_MONTH, 5, 1, 2027, "2026-12");
  expect_code (CG_REPORT_CHOICE_THIS_QUARTER, 30, 11, 2026, "2026-Q4");
  expect_code (CG_REPORT_CHOICE_LAST_QUARTER, 30, 11, 2026, "2026-Q3");
  expect_code (CG_REPORT_CHOICE_LAST_QUARTER, 2, 2, 2027, "2026-Q4");
  expect_code (CG_REPORT_CHOICE_THIS_HALF, 30, 6, 2026, "2026-H1");
  expect_code (CG_REPORT_CHOICE_THIS_HALF, 1, 7, 2026, "2026-H2");
  expect_code (CG_REPORT_CHOICE_THIS_YEAR, 30, 11, 2026, "2026");
  expect_code (CG_REPORT_CHOICE_LAST_YEAR, 1, 1, 2027, "2026");
  GDate day;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 1, 2027);
  assert_null (cg_report_choice_code (CG_REPORT_CHOICE_TYPED, &day));
}

static void
test_bars (void **state)
{
  g_autofree char *full = cg_report_bar (1.0, 10, TRUE);
  assert_string_equal (full, "██████████");
  g_autofree char *none = cg_report_bar (0.0, 4, TRUE);
  assert_string_equal (none, "    ");
  /* 0.5125 of 10 cells is 41 eighths: 5 full blocks and one eighth. */
  g_autofree char *part = cg_report_bar (0.5125, 10, TRUE);
  assert_string_equal (part, "█████▏    ");
  assert_int_equal (cg_text_width (part), 10);
  g_autofree char *ascii = cg_report_bar (0.5, 8, FALSE);
  assert_string_equal (ascii, "####    ");
  /* Out of range, or no number at all: never wider than asked. */
  g_autofree char *over = cg_report_bar (3.0, 5, TRUE);
  assert_string_equal (over, "█████");
  g_autofree char *nan_bar = cg_report_bar (NAN, 3, TRUE);
  assert_string_equal (nan_bar, "   ");
}

static JsonObject *
load (JsonParser *parser, const char *name)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "tests", "data", name, NULL);
  assert_true (json_parser_load_from_file (parser, path, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
has_line (GPtrArray *lines, const char *a, const char *b)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const char *l = g_ptr_array_index (lines, i);
      if (strstr (l, a) != NULL && (b == NULL || strstr (l, b) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_summary (void **state)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *reply = load (parser, "report-2026-11.json");
  g_autoptr (GPtrArray) lines = cg_report_summary (reply, 78, TRUE);
  for (guint i = 0; i < lines->len; i++)
    assert_true (cg_text_width (g_ptr_array_index (lines, i)) <= 78);
  /* The month's uptime, down from the month before's 95,1 %. */
  assert_true (has_line (lines, "94.0 %", "↓ 1.1"));
  /* The bars start at 70 %, the weakest camera's 76,3 % less five
   * points, to the tenth; a camera at 99,9 % fills its bar, one at
   * 76,3 % a fifth of it. */
  assert_float_equal (cg_report_uptime_scale (json_object_get_array_member (reply, "cameras")), 0.7,
                      1e-9);
  assert_true (has_line (lines, "bars from 70.0 % to 100 %", NULL));
  /* Every camera with its bar; the weakest shorter than the others. */
  assert_true (has_line (lines, "Ngã ba Đồng Tâm", "█"));
  assert_true (has_line (lines, "Trường THCS Hoằng Kim", "99.9 %"));
  assert_true (has_line (lines, "Trộm cắp tài sản", "█"));
  /* The household to call, whichever line the words wrapped on. */
  GString *all = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      g_auto (GStrv) words = g_strsplit_set (g_ptr_array_index (lines, i), " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_string_append_printf (all, "%s ", words[w]);
    }
  assert_non_null (strstr (all->str, "Call Hộ ông Lê Văn Hùng (0912 345 678)"));
  g_string_free (all, TRUE);

  g_autoptr (JsonParser) none_parser = json_parser_new ();
  JsonObject *none = load (none_parser, "report-nodata.json");
  g_autoptr (GPtrArray) empty = cg_report_summary (none, 78, TRUE);
  assert_true (has_line (empty, "There is no recorded data", NULL));
  assert_false (has_line (empty, "█", NULL));
  assert_false (has_line (empty, "%", NULL));
}

int
main (void)
{
  /* The C locale's decimal point: the summary's numbers as printf gives
   * them there. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_choices),
    cmocka_unit_test (test_bars),
    cmocka_unit_test (test_summary),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
