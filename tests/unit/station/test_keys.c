/* test_keys.c — hotkey folding, safe hotkeys, lookup, key codes, names. */
#include "unit.h"

#include "station/keys.h"

#include <curses.h>
#include <string.h>

/* Every Vietnamese vowel in every tone: none, sắc, huyền, hỏi, ngã, nặng. */
static const struct
{
  const char *letters;
  gunichar folded;
} vowel_rows[] = {
  { "aáàảãạ", 'a' }, { "ăắằẳẵặ", 'a' }, { "âấầẩẫậ", 'a' }, { "eéèẻẽẹ", 'e' },
  { "êếềểễệ", 'e' }, { "iíìỉĩị", 'i' }, { "oóòỏõọ", 'o' }, { "ôốồổỗộ", 'o' },
  { "ơớờởỡợ", 'o' }, { "uúùủũụ", 'u' }, { "ưứừửữự", 'w' }, { "yýỳỷỹỵ", 'y' },
  { "AÁÀẢÃẠ", 'a' }, { "ĂẮẰẲẴẶ", 'a' }, { "ÂẤẦẨẪẬ", 'a' }, { "EÉÈẺẼẸ", 'e' },
  { "ÊẾỀỂỄỆ", 'e' }, { "IÍÌỈĨỊ", 'i' }, { "OÓÒỎÕỌ", 'o' }, { "ÔỐỒỔỖỘ", 'o' },
  { "ƠỚỜỞỠỢ", 'o' }, { "UÚÙỦŨỤ", 'u' }, { "ƯỨỪỬỮỰ", 'w' }, { "YÝỲỶỸỴ", 'y' },
};

static void
test_fold_every_vowel (void **state)
{
  int n = 0;
  for (gsize r = 0; r < G_N_ELEMENTS (vowel_rows); r++)
    {
      assert_int_equal (g_utf8_strlen (vowel_rows[r].letters, -1), 6);
      for (const char *p = vowel_rows[r].letters; *p != '\0'; p = g_utf8_next_char (p), n++)
        {
          gunichar c = g_utf8_get_char (p);
          if (cg_key_fold (c) != vowel_rows[r].folded)
            fail_msg ("%s: U+%04X folds to U+%04X", vowel_rows[r].letters, c, cg_key_fold (c));
        }
    }
  assert_int_equal (n, 144);
}

static void
test_fold_others (void **state)
{
  assert_int_equal (cg_key_fold (0x0111), 'd'); /* đ */
  assert_int_equal (cg_key_fold (0x0110), 'd'); /* Đ */
  for (gunichar c = 'A'; c <= 'Z'; c++)
    assert_int_equal (cg_key_fold (c), c + 32);
  for (gunichar c = 'a'; c <= 'z'; c++)
    assert_int_equal (cg_key_fold (c), c);
  const gunichar same[] = { '1', '0', ' ', '/', '[', '\n', 0x1b,
                            0x00f1, /* ñ */
                            0x01f9, /* ǹ: n with grave is no Vietnamese letter */
                            0x00e7, /* ç */
                            0x00e4, /* ä: diaeresis */
                            0x01ce, /* ǎ: caron */
                            0x0416, /* Ж */
                            0x4e2d, /* 中 */
                            0x0301, /* a combining acute alone */ };
  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    assert_int_equal (cg_key_fold (same[i]), same[i]);
}

static void
test_safe_hotkeys (void **state)
{
  for (const char *p = "sfrxjzwSFRXJZW[]{}"; *p != '\0'; p++)
    if (cg_key_is_safe_hotkey (*p))
      fail_msg ("'%c' is an input method's modifier", *p);
  for (const char *p = "abcdeghiklmnopqtuvyABDQ0123456789/?.,-+=<>"; *p != '\0'; p++)
    if (!cg_key_is_safe_hotkey (*p))
      fail_msg ("'%c' should be safe", *p);
  const int safe[] = { CG_KEY_F (1), CG_KEY_F (10), CG_KEY_UP, CG_KEY_DOWN, CG_KEY_LEFT,
                       CG_KEY_RIGHT, CG_KEY_PAGE_UP, CG_KEY_HOME, CG_KEY_ENTER, CG_KEY_ESC,
                       CG_KEY_TAB, CG_KEY_SPACE, CG_KEY_BACK_TAB };
  for (gsize i = 0; i < G_N_ELEMENTS (safe); i++)
    assert_true (cg_key_is_safe_hotkey (safe[i]));
  const int unsafe[] = { CG_KEY_NONE, CG_KEY_IME_TOGGLE, CG_KEY_CTRL ('h'), 0x7f,
                         0x0111 /* đ */, 0x01b0 /* ư */, 0x00e1 /* á */ };
  for (gsize i = 0; i < G_N_ELEMENTS (unsafe); i++)
    assert_false (cg_key_is_safe_hotkey (unsafe[i]));
}

static const CgKeyRow table[] = {
  { { CG_KEY_F (2) }, "screen-map", "map", "Show the map" },
  { { '2' }, "screen-map-digit", "map", "Show the map" },
  { { 'd' }, "details", "details", "Show the camera's details" },
  { { 'a' }, "all", "all", "Select all" },
  { { 'o' }, "open", "open", "Open" },
  { { 'w' }, "write", "write", "Unsafe, for the lookup only" },
  { { CG_KEY_DOWN }, "next", "next", "Next camera" },
  { { CG_KEY_ENTER }, "open-camera", "open", "Open the camera" },
  { { CG_KEY_NONE } },
};

static void
test_lookup_folds (void **state)
{
  struct
  {
    int key;
    int found;
  } cases[] = {
    { 'd', 'd' },
    { 'D', 'd' },
    { 0x0111, 'd' },            /* đ */
    { 0x0110, 'd' },            /* Đ */
    { 0x1ea5, 'a' },            /* ấ */
    { 0x0102, 'a' },            /* Ă: its code point is also curses' KEY_DOWN */
    { 0x1edd, 'o' },            /* ờ */
    { 0x01b0, 'w' },            /* ư */
    { 0x1eea, 'w' },            /* Ừ */
    { '2', '2' },
    { CG_KEY_F (2), CG_KEY_F (2) },
    { CG_KEY_DOWN, CG_KEY_DOWN },
    { CG_KEY_ENTER, CG_KEY_ENTER },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CgKeyRow *b = cg_key_row_find (table, cases[i].key);
      if (b == NULL || b->keys[0] != cases[i].found)
        fail_msg ("key %#x found %#x", cases[i].key, b != NULL ? b->keys[0] : 0);
    }
  const int missing[] = { 'q', 's', 0x1ebf /* ế */, CG_KEY_UP, CG_KEY_F (3), CG_KEY_NONE };
  for (gsize i = 0; i < G_N_ELEMENTS (missing); i++)
    assert_null (cg_key_row_find (table, missing[i]));

  /* The table test a screen would write. */
  const CgKeyRow *bad = cg_key_table_unsafe (table, NULL);
  assert_non_null (bad);
  assert_int_equal (bad->keys[0], 'w');
  assert_null (cg_key_table_unsafe (table + G_N_ELEMENTS (table) - 3, NULL));
}

static void
test_from_curses (void **state)
{
  assert_int_equal (cg_key_from_curses (KEY_CODE_YES, KEY_DOWN), CG_KEY_DOWN);
  assert_int_equal (cg_key_from_curses (OK, 0x0102), 0x0102); /* Ă is not KEY_DOWN */
  assert_int_not_equal (CG_KEY_DOWN, 0x0102);
  assert_int_equal (cg_key_from_curses (KEY_CODE_YES, KEY_F (1)), CG_KEY_F (1));
  assert_int_equal (cg_key_from_curses (KEY_CODE_YES, KEY_ENTER), CG_KEY_ENTER);
  assert_int_equal (cg_key_from_curses (OK, '\r'), CG_KEY_ENTER);
  assert_int_equal (cg_key_from_curses (OK, '\n'), CG_KEY_ENTER);
  assert_int_equal (cg_key_from_curses (OK, 0x7f), CG_KEY_BACKSPACE);
  assert_int_equal (cg_key_from_curses (OK, 0x08), CG_KEY_BACKSPACE);
  assert_int_equal (cg_key_from_curses (KEY_CODE_YES, KEY_BACKSPACE), CG_KEY_BACKSPACE);
  assert_int_equal (cg_key_from_curses (OK, 0x1b), CG_KEY_ESC);
  assert_int_equal (cg_key_from_curses (OK, 0x1ec7), 0x1ec7); /* ệ */
  assert_int_equal (cg_key_from_curses (ERR, 0), CG_KEY_NONE);
  assert_int_equal (cg_key_from_pair (KEY_RESIZE, 0), CG_KEY_RESIZE);
  assert_int_equal (cg_key_from_pair (0, 'q'), 'q');
  assert_int_equal (cg_key_from_pair (0, 0x14), CG_KEY_IME_TOGGLE);
}

static void
test_names (void **state)
{
  struct
  {
    int key;
    const char *utf8, *ascii;
  } cases[] = {
    { CG_KEY_F (1), "F1", "F1" },
    { CG_KEY_F (10), "F10", "F10" },
    { CG_KEY_UP, "↑", "Up" },
    { CG_KEY_DOWN, "↓", "Down" },
    { CG_KEY_LEFT, "←", "Left" },
    { CG_KEY_RIGHT, "→", "Right" },
    { CG_KEY_ENTER, "Enter", "Enter" },
    { CG_KEY_ESC, "Esc", "Esc" },
    { CG_KEY_TAB, "Tab", "Tab" },
    { CG_KEY_SPACE, "Space", "Space" },
    { CG_KEY_PAGE_UP, "PgUp", "PgUp" },
    { CG_KEY_BACKSPACE, "Backspace", "Backspace" },
    { 'q', "q", "q" },
    { 'Q', "Q", "Q" },
    { '5', "5", "5" },
    { 0x0111, "đ", "d" },
    { CG_KEY_IME_TOGGLE, "Ctrl+T", "Ctrl+T" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *u = cg_key_name (cases[i].key, TRUE);
      g_autofree char *a = cg_key_name (cases[i].key, FALSE);
      assert_string_equal (u, cases[i].utf8);
      assert_string_equal (a, cases[i].ascii);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fold_every_vowel),
    cmocka_unit_test (test_fold_others),
    cmocka_unit_test (test_safe_hotkeys),
    cmocka_unit_test (test_lookup_folds),
    cmocka_unit_test (test_from_curses),
    cmocka_unit_test (test_names),
  };
  return cmocka_run_group_tests_name ("keys", tests, NULL, NULL);
}
