/* test_text.c — folding and Vietnamese collation, with the commune's own
 * place names, under the C locale as a service or a bare SSH session has. */
#include "unit.h"

#include "common/text.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static void
expect_fold (const char *text, const char *folded)
{
  g_autofree char *got = cg_text_fold (text);
  if (g_strcmp0 (got, folded) != 0)
    fail_msg ("“%s” folds to “%s”, expected “%s”", text, got, folded);
}

static void
test_fold (void **state)
{
  expect_fold ("Chợ Hoàng Kim", "cho hoang kim");
  expect_fold ("CHO HOANG KIM", "cho hoang kim");
  expect_fold ("cho hoang kim", "cho hoang kim");
  expect_fold ("CHỢ HOÀNG KIM", "cho hoang kim");
  /* đ has no decomposition: it must not vanish or become "?". */
  expect_fold ("Đình làng Đông Đoài", "dinh lang dong doai");
  expect_fold ("Bến đò Ưu Điềm", "ben do uu diem");
  expect_fold ("Cổng UBND xã", "cong ubnd xa");
  expect_fold ("Trường THCS Nguyễn Huệ", "truong thcs nguyen hue");
  /* Typed with combining accents (some input methods send them). */
  g_autofree char *nfd = g_utf8_normalize ("Ngã tư Quốc lộ 1A", -1, G_NORMALIZE_NFD);
  expect_fold (nfd, "nga tu quoc lo 1a");
  expect_fold ("", "");
  expect_fold (NULL, "");
  /* Not valid UTF-8: folded anyway, never a crash. */
  g_autofree char *bad = cg_text_fold ("Ch\xff\xfe");
  assert_true (g_utf8_validate (bad, -1, NULL));
}

/* Sorts names with cg_text_compare and expects the given order. */
static void
expect_order (const char *const *expected, size_t n)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  /* Start from the reverse, then a rotation, so that no input order
   * passes by luck. */
  for (size_t i = n; i > 0; i--)
    g_ptr_array_add (names, (gpointer) expected[i - 1]);
  for (int round = 0; round < 2; round++)
    {
      g_ptr_array_sort (names, cg_text_compare_indirect);
      for (size_t i = 0; i < n; i++)
        if (g_strcmp0 (names->pdata[i], expected[i]) != 0)
          fail_msg ("position %zu: “%s”, expected “%s”", i, (char *) names->pdata[i], expected[i]);
      gpointer first = names->pdata[0];
      g_ptr_array_remove_index (names, 0);
      g_ptr_array_add (names, first);
    }
}

static void
test_alphabet (void **state)
{
  /* a ă â, d đ, e ê, o ô ơ, u ư: each letter after its plain form and
   * before the next letter of the alphabet, whatever the tone ("Ấp" is
   * â then p, so before "Âu"). */
  static const char *const order[] = {
    "Am", "Ăn", "Ấp Bắc", "Âu", "Bến đò", "Cổng chợ", "Dốc", "Đình làng", "Em",
    "Êm", "Gò Đậu", "Ông Ích", "Ơn", "Ủy ban", "Ưu", "Xóm Chùa",
  };
  expect_order (order, G_N_ELEMENTS (order));
  /* Not byte order, where "Đ" (U+0110) would come after "Z". */
  assert_true (cg_text_compare ("Đình làng", "Xóm Chùa") < 0);
  assert_true (cg_text_compare ("đê", "dê") > 0);
  assert_true (cg_text_compare ("ư", "v") < 0);
  assert_true (cg_text_compare ("ơ", "p") < 0);
}

static void
test_tones_and_case (void **state)
{
  /* Letters decide first, anywhere in the text: "Ma" < "Mạnh" < "Mb". */
  assert_true (cg_text_compare ("Mạ", "Mb") < 0);
  assert_true (cg_text_compare ("Mà x", "Ma y") < 0);
  /* Then the tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng. */
  static const char *const tones[] = { "ma", "mà", "mả", "mã", "má", "mạ" };
  expect_order (tones, G_N_ELEMENTS (tones));
  /* Then case: lower first. */
  assert_true (cg_text_compare ("chợ", "Chợ") < 0);
  assert_true (cg_text_compare ("Chợ", "chợ") > 0);
  /* A tone outweighs case. */
  assert_true (cg_text_compare ("Cho", "chợ") < 0);
  /* Equal only for the same text, whatever its normal form. */
  g_autofree char *nfd = g_utf8_normalize ("Chợ Hoàng Kim", -1, G_NORMALIZE_NFD);
  assert_int_equal (cg_text_compare ("Chợ Hoàng Kim", nfd), 0);
  assert_true (cg_text_compare ("Chợ Hoàng Kim", "Cho Hoang Kim") != 0);
  assert_int_equal (cg_text_compare ("", ""), 0);
  assert_true (cg_text_compare ("", "a") < 0);
  /* A name is before its longer forms. */
  assert_true (cg_text_compare ("Chợ", "Chợ Hoàng Kim") < 0);
}

static void
test_numbers (void **state)
{
  static const char *const cams[] = { "cam2", "cam10", "cam100" };
  expect_order (cams, G_N_ELEMENTS (cams));
  static const char *const streets[] = {
    "Ngõ 2 Thôn Đông", "Ngõ 9 Thôn Đông", "Ngõ 10 Thôn Đông", "Ngõ 10A Thôn Đông", "Ngõ 12",
  };
  expect_order (streets, G_N_ELEMENTS (streets));
  /* Leading zeros do not change the number, only break a tie. */
  assert_true (cg_text_compare ("Cam 07", "Cam 10") < 0);
  assert_true (cg_text_compare ("Cam 7", "Cam 07") < 0);
  /* Numbers come before letters, spaces before both. */
  assert_true (cg_text_compare ("Đội 3", "Đội A") < 0);
  assert_true (cg_text_compare ("Đội 3", "Đội3") < 0);
}

static void
test_commune (void **state)
{
  /* The cameras of a commune, as an officer expects to find them. */
  static const char *const places[] = {
    "Bến đò Phú Lương", "Cầu Trắng", "Chợ Hoàng Kim", "Cổng chợ Hoàng Kim", "Cổng UBND xã",
    "Đình Hoàng Kim", "Ngã ba Đông Hà", "Ngã tư Quốc lộ 1A", "Nhà văn hóa thôn 2",
    "Nhà văn hóa thôn 10", "Trạm y tế", "Trường THCS", "Trường Tiểu học", "Ủy ban cũ",
  };
  expect_order (places, G_N_ELEMENTS (places));
}

static void
expect_wrap (const char *text, int width, const char *const *lines)
{
  g_auto (GStrv) got = cg_text_wrap (text, width);
  guint n = 0;
  while (lines[n] != NULL)
    n++;
  if (g_strv_length (got) != n)
    fail_msg ("“%s” at %d: %u lines, expected %u", text, width, g_strv_length (got), n);
  for (guint i = 0; i < n; i++)
    {
      if (!g_str_equal (got[i], lines[i]))
        fail_msg ("“%s” at %d, line %u: “%s”, expected “%s”", text, width, i, got[i], lines[i]);
      assert_true (cg_text_width (got[i]) <= width);
    }
}

static void
test_wrap (void **state)
{
  const char *const refused[] = { "192.0.2.7:554 từ chối kết nối:", "kiểm tra số cổng trong địa chỉ",
                                  "URL", NULL };
  expect_wrap ("192.0.2.7:554 từ chối kết nối: kiểm tra số cổng trong địa chỉ URL", 30, refused);
  const char *const one[] = { "Chợ Hoàng Kim", NULL };
  expect_wrap ("Chợ Hoàng Kim", 40, one);
  const char *const cut[] = { "rtsp://192.", "168.1.64/", "Streaming", NULL };
  expect_wrap ("rtsp://192.168.1.64/ Streaming", 11, cut);
  const char *const none[] = { NULL };
  expect_wrap ("", 10, none);
  expect_wrap (NULL, 10, none);
}

/* A title's first letter, whatever its marks; the rest untouched. */
static void
test_capitalize (void **state)
{
  (void) state;
  const char *cases[][2] = {
    { "báo cáo tháng: tháng 10", "Báo cáo tháng: tháng 10" },
    { "đường truyền", "Đường truyền" },
    { "ổ đĩa", "Ổ đĩa" },
    { "Đã xong", "Đã xong" },
    { "1 camera", "1 camera" },
    { "", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cg_text_capitalize (cases[i][0]);
      assert_string_equal (got, cases[i][1]);
    }
}

int
main (void)
{
  /* The C locale: the station over a bare SSH session, the daemon as a
   * service.  Nothing here may depend on the locale. */
  setlocale (LC_ALL, "C");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_capitalize),
    cmocka_unit_test (test_fold),
    cmocka_unit_test (test_alphabet),
    cmocka_unit_test (test_tones_and_case),
    cmocka_unit_test (test_numbers),
    cmocka_unit_test (test_commune),
    cmocka_unit_test (test_wrap),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
