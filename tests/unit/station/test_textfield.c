/* test_textfield.c — editing Vietnamese, wide and combining characters,
 * the Unikey Backspace sequence, the composer in a field, scrolling. */
#include "unit.h"

#include "station/textfield.h"

#include <curses.h>
#include <string.h>

/* Each character of s as get_wch returns it: OK and the character. */
static void
type (CgTextField *f, const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    cg_text_field_key (f, 0, g_utf8_get_char (p));
}

static void
test_editing (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (0);
  type (f, "Công an xã");
  assert_string_equal (cg_text_field_text (f), "Công an xã");
  assert_int_equal (cg_text_field_length (f), 10);
  assert_int_equal (cg_text_field_cursor (f), 10);

  /* The station's (key, ch) pairs. */
  assert_int_equal (cg_text_field_key (f, KEY_LEFT, 0), CG_TEXT_FIELD_HANDLED);
  assert_int_equal (cg_text_field_key (f, KEY_LEFT, 0), CG_TEXT_FIELD_HANDLED);
  assert_int_equal (cg_text_field_cursor (f), 8);
  assert_int_equal (cg_text_field_key (f, KEY_BACKSPACE, 0),
                    CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_CHANGED);
  assert_string_equal (cg_text_field_text (f), "Công anxã");
  type (f, " phường ");
  assert_string_equal (cg_text_field_text (f), "Công an phường xã");
  cg_text_field_key (f, KEY_HOME, 0);
  assert_int_equal (cg_text_field_cursor (f), 0);
  cg_text_field_key (f, KEY_LEFT, 0);
  assert_int_equal (cg_text_field_cursor (f), 0);
  /* Backspace at the start is harmless. */
  assert_int_equal (cg_text_field_key (f, KEY_BACKSPACE, 0), CG_TEXT_FIELD_HANDLED);
  cg_text_field_key (f, KEY_DC, 0);
  assert_string_equal (cg_text_field_text (f), "ông an phường xã");
  type (f, "C");
  cg_text_field_key (f, KEY_END, 0);
  assert_int_equal (cg_text_field_cursor (f), cg_text_field_length (f));
  cg_text_field_key (f, KEY_RIGHT, 0);
  assert_int_equal (cg_text_field_cursor (f), cg_text_field_length (f));
  /* 127 and 8 are Backspace too; Ctrl+W deletes a word. */
  cg_text_field_key (f, 0, 0x7f);
  cg_text_field_key (f, 0, 0x08);
  assert_string_equal (cg_text_field_text (f), "Công an phường ");
  cg_text_field_key (f, 0, CG_KEY_CTRL ('w'));
  assert_string_equal (cg_text_field_text (f), "Công an ");
  cg_text_field_key (f, 0, CG_KEY_CTRL ('a'));
  cg_text_field_key (f, 0, CG_KEY_CTRL ('k'));
  assert_string_equal (cg_text_field_text (f), "");

  /* Keys that are the screen's. */
  const int screen_keys[] = { KEY_UP, KEY_DOWN, KEY_F (2), KEY_ENTER, KEY_NPAGE, KEY_RESIZE };
  for (gsize i = 0; i < G_N_ELEMENTS (screen_keys); i++)
    assert_int_equal (cg_text_field_key (f, screen_keys[i], 0), CG_TEXT_FIELD_IGNORED);
  const gunichar screen_chars[] = { '\n', '\r', '\t', 0x1b, 0x01 + 'g' - 'a' };
  for (gsize i = 0; i < G_N_ELEMENTS (screen_chars); i++)
    assert_int_equal (cg_text_field_key (f, 0, screen_chars[i]), CG_TEXT_FIELD_IGNORED);
  assert_string_equal (cg_text_field_text (f), "");
}

/* Unikey and ibus-bamboo rewrite a letter with Backspace and the new one. */
static void
test_unikey_backspace (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (0);
  type (f, "a\x7f" "á");
  assert_string_equal (cg_text_field_text (f), "á");
  cg_text_field_set_text (f, "");
  /* "vieetj" as Unikey sends it: v i e, BS ê, t, BS BS ệ t. */
  type (f, "vie\x7f" "êt\x7f\x7f" "ệt");
  assert_string_equal (cg_text_field_text (f), "việt");
  assert_int_equal (cg_text_field_length (f), 4);
  /* In the middle of a word too. */
  cg_text_field_set_text (f, "Hoa Binh");
  cg_text_field_set_cursor (f, 3);
  type (f, "\x7f" "à");
  assert_string_equal (cg_text_field_text (f), "Hoà Binh");
  assert_int_equal (cg_text_field_cursor (f), 3);
}

static void
test_combining_and_nfc (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (0);
  /* NFD in, NFC kept. */
  assert_true (cg_text_field_set_text (f, "Vie\xcc\x82\xcc\xa3t Nam"));
  assert_string_equal (cg_text_field_text (f), "Việt Nam");
  assert_int_equal (cg_text_field_length (f), 8);
  /* A mark typed after a letter composes with it. */
  cg_text_field_set_text (f, "");
  type (f, "a");
  cg_text_field_key (f, 0, 0x0301);
  assert_string_equal (cg_text_field_text (f), "á");
  assert_int_equal (cg_text_field_length (f), 1);
  /* A mark with no precomposed form stays with its letter: x̃ is one. */
  cg_text_field_set_text (f, "x\xcc\x83y");
  assert_int_equal (cg_text_field_length (f), 2);
  assert_int_equal (cg_text_field_width (f), 2);
  cg_text_field_key (f, KEY_LEFT, 0);
  cg_text_field_key (f, KEY_BACKSPACE, 0);
  assert_string_equal (cg_text_field_text (f), "y");
  /* A mark typed at the start takes the letter typed before it. */
  cg_text_field_set_text (f, "");
  cg_text_field_key (f, 0, 0x0301);
  assert_int_equal (cg_text_field_length (f), 1);
  cg_text_field_key (f, KEY_HOME, 0);
  type (f, "s");
  assert_string_equal (cg_text_field_text (f), "ś");
  assert_int_equal (cg_text_field_length (f), 1);
  /* Control characters are dropped; tabs and line breaks become spaces. */
  cg_text_field_set_text (f, "a\tb\nc\x01");
  assert_string_equal (cg_text_field_text (f), "a b c");
  /* Not UTF-8. */
  assert_false (cg_text_field_set_text (f, "\xff"));
  assert_string_equal (cg_text_field_text (f), "");
}

static void
test_wide (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (0);
  type (f, "中文ab");
  assert_int_equal (cg_text_field_length (f), 4);
  assert_int_equal (cg_text_field_width (f), 6);
  cg_text_field_key (f, KEY_HOME, 0);
  cg_text_field_key (f, KEY_RIGHT, 0);
  cg_text_field_key (f, KEY_DC, 0);
  assert_string_equal (cg_text_field_text (f), "中ab");
  int col = -1;
  g_autofree char *v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "中ab");
  assert_int_equal (col, 2);
}

static void
test_scroll_at_ten_columns (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (0);
  int col = -1;
  type (f, "Nguyễn Văn An");
  char *v = cg_text_field_view (f, 10, &col);
  /* Nine characters and the cursor's cell. */
  assert_string_equal (v, "ễn Văn An");
  assert_int_equal (col, 9);
  g_free (v);

  cg_text_field_key (f, KEY_HOME, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "Nguyễn Văn");
  assert_int_equal (col, 0);
  g_free (v);
  /* Moving inside the view does not scroll. */
  for (int i = 0; i < 9; i++)
    cg_text_field_key (f, KEY_RIGHT, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "Nguyễn Văn");
  assert_int_equal (col, 9);
  g_free (v);
  cg_text_field_key (f, KEY_RIGHT, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "guyễn Văn ");
  assert_int_equal (col, 9);
  g_free (v);
  /* Deleting from the end brings the start back. */
  cg_text_field_key (f, KEY_END, 0);
  for (int i = 0; i < 4; i++)
    cg_text_field_key (f, KEY_BACKSPACE, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "Nguyễn Vă");
  assert_int_equal (col, 9);
  g_free (v);

  /* Wide characters: the cursor and the character under it show; one
   * that would straddle the edge is left out. */
  cg_text_field_set_text (f, "中文中文中文");
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "中文中文");
  assert_int_equal (col, 8);
  g_free (v);
  cg_text_field_key (f, KEY_HOME, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "中文中文中");
  assert_int_equal (col, 0);
  g_free (v);
  for (int i = 0; i < 5; i++)
    cg_text_field_key (f, KEY_RIGHT, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "文中文中文");
  assert_int_equal (col, 8);
  g_free (v);
  cg_text_field_set_text (f, "a中文中文中");
  cg_text_field_key (f, KEY_HOME, 0);
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "a中文中文");
  assert_int_equal (col, 0);
  g_free (v);

  /* Short text and empty text. */
  cg_text_field_set_text (f, "xã");
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "xã");
  assert_int_equal (col, 2);
  g_free (v);
  cg_text_field_set_text (f, "");
  v = cg_text_field_view (f, 10, &col);
  assert_string_equal (v, "");
  assert_int_equal (col, 0);
  g_free (v);
}

static void
test_max_length (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (5);
  type (f, "abcde");
  assert_int_equal (cg_text_field_key (f, 0, 'f'), CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_REFUSED);
  assert_string_equal (cg_text_field_text (f), "abcde");
  assert_int_equal (cg_text_field_insert (f, "xy"), CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_REFUSED);
  assert_false (cg_text_field_set_text (f, "Thanh Hóa"));
  assert_string_equal (cg_text_field_text (f), "Thanh");
  /* The limit counts characters, not bytes. */
  assert_true (cg_text_field_set_text (f, "Hưởng"));
  assert_int_equal (cg_text_field_length (f), 5);

  /* The composer may rewrite a full field, but not make it longer. */
  g_autoptr (CgTextField) g = cg_text_field_new (3);
  cg_text_field_set_ime (g, CG_IME_TELEX);
  type (g, "hoaf");
  assert_string_equal (cg_text_field_text (g), "hòa");
  cg_text_field_set_text (g, "");
  type (g, "ddo");
  assert_string_equal (cg_text_field_text (g), "đo");
  type (g, "ngs"); /* "đon" is full; g refused; s puts the tone */
  assert_string_equal (cg_text_field_text (g), "đón");
  assert_int_equal (cg_text_field_key (g, 0, 's'), CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_REFUSED);
  assert_string_equal (cg_text_field_text (g), "đón");
}

static void
test_composer_in_field (void **state)
{
  g_autoptr (CgTextField) f = cg_text_field_new (0);
  assert_int_equal (cg_text_field_ime (f), CG_IME_OFF);
  assert_int_equal (cg_text_field_key (f, 0, CG_KEY_CTRL ('t')),
                    CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_IME_CHANGED);
  assert_int_equal (cg_text_field_ime (f), CG_IME_TELEX);
  type (f, "Coong an xax Hoangf Hoas, tinhr Thanh Hoas");
  assert_string_equal (cg_text_field_text (f), "Công an xã Hoàng Hóa, tỉnh Thanh Hóa");

  /* The word before the cursor: "Ha| Noi" + f. */
  cg_text_field_set_text (f, "Ha Noi");
  cg_text_field_set_cursor (f, 2);
  type (f, "f");
  assert_string_equal (cg_text_field_text (f), "Hà Noi");
  assert_int_equal (cg_text_field_cursor (f), 2);
  cg_text_field_key (f, KEY_END, 0);
  type (f, "oj"); /* "Noi" + o: the circumflex may come late */
  assert_string_equal (cg_text_field_text (f), "Hà Nội");

  cg_text_field_key (f, 0, CG_KEY_CTRL ('t'));
  assert_int_equal (cg_text_field_ime (f), CG_IME_VNI);
  cg_text_field_set_text (f, "");
  type (f, "Vie65t Nam, so61 0912345678");
  assert_string_equal (cg_text_field_text (f), "Việt Nam, số 0912345678");

  cg_text_field_key (f, 0, CG_KEY_CTRL ('t'));
  assert_int_equal (cg_text_field_ime (f), CG_IME_OFF);
  cg_text_field_set_text (f, "");
  type (f, "Vieetj");
  assert_string_equal (cg_text_field_text (f), "Vieetj");

  cg_text_field_set_ime (f, CG_IME_TELEX);
  cg_text_field_set_tone_style (f, CG_IME_TONE_NEW);
  cg_text_field_set_text (f, "");
  type (f, "hoaf");
  assert_string_equal (cg_text_field_text (f), "hoà");

  /* The field's own key table names keys the help screen can show. */
  assert_non_null (cg_key_row_find (cg_text_field_keys, CG_KEY_IME_TOGGLE));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_editing),
    cmocka_unit_test (test_unikey_backspace),
    cmocka_unit_test (test_combining_and_nfc),
    cmocka_unit_test (test_wide),
    cmocka_unit_test (test_scroll_at_ten_columns),
    cmocka_unit_test (test_max_length),
    cmocka_unit_test (test_composer_in_field),
  };
  return cmocka_run_group_tests_name ("textfield", tests, NULL, NULL);
}
