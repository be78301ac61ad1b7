/* test_telex.c — the built-in Telex and VNI composer. */
#include "unit.h"

#include "station/telex.h"

#include <string.h>

/* Types keys as a text field would: the composer gets the word before
 * the cursor; a space ends the word. */
static char *
type (CgImeMode mode, CgImeToneStyle style, const char *keys)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GString) word = g_string_new (NULL);
  for (const char *p = keys; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == ' ')
        {
          g_string_append (out, word->str);
          g_string_append_c (out, ' ');
          g_string_truncate (word, 0);
          continue;
        }
      g_autofree char *before = g_strdup (word->str);
      if (!cg_ime_feed_style (mode, style, word, c))
        {
          /* FALSE leaves the word alone. */
          assert_string_equal (word->str, before);
          g_string_append_unichar (word, c);
        }
      g_autofree char *nfc = g_utf8_normalize (word->str, -1, G_NORMALIZE_NFC);
      assert_string_equal (word->str, nfc);
    }
  g_string_append (out, word->str);
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *keys;
  const char *text;
} Case;

static void
check (CgImeMode mode, CgImeToneStyle style, const Case *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *got = type (mode, style, cases[i].keys);
      if (strcmp (got, cases[i].text) != 0)
        fail_msg ("\"%s\" gave \"%s\", not \"%s\"", cases[i].keys, got, cases[i].text);
    }
}

static const Case telex_words[] = {
  { "Coong an xax", "Công an xã" },
  { "Hoangf Hoas", "Hoàng Hóa" },
  { "Thanh Hoas", "Thanh Hóa" },
  { "nguowif", "người" },
  { "nguwowif", "người" },
  { "dduwowngf", "đường" },
  { "dduowngf", "đường" },
  { "quyeets", "quyết" },
  { "quyets", "quyết" },
  { "giuwx", "giữ" },
  { "khuya", "khuya" },
  { "Nguyeenx", "Nguyễn" },
  { "Nguyenx", "Nguyễn" },
  { "truwowngf", "trường" },
  { "thuowr", "thuở" },
  { "huouw", "hươu" },
  { "huowu", "hươu" },
  { "vietj", "việt" },
  { "Vieetj Nam", "Việt Nam" },
  { "tiengs", "tiếng" },
  { "tieesng", "tiếng" },
  { "hoaf", "hòa" },
  { "Hoaf Bifnh", "Hòa Bình" },
  { "khoer", "khỏe" },
  { "thuyr", "thủy" },
  { "ngoaif", "ngoài" },
  { "khuyur", "khuỷu" },
  { "muoons", "muốn" },
  { "cuwus", "cứu" },
  { "muwa", "mưa" },
  { "muaw", "mưa" },
  { "cuar", "của" },
  { "chuwax", "chữa" },
  { "ruowuj", "rượu" },
  { "canhr sats", "cảnh sát" },
  { "ddieeuf tra", "điều tra" },
  { "baor veej", "bảo vệ" },
  { "traatj tuwj", "trật tự" },
  { "an ninh", "an ninh" },
  { "xax hooij", "xã hội" },
  { "phuowngf", "phường" },
  { "thij traasn", "thị trấn" },
  { "huyeejn", "huyện" },
  { "tinhr", "tỉnh" },
  { "ddawng kys", "đăng ký" },
  { "nghieemj", "nghiệm" },
  { "choox", "chỗ" },
  { "quaanf", "quần" },
  { "quys", "quý" },
  { "gif", "gì" },
  { "giaf", "già" },
  { "giuwx gifn", "giữ gìn" },
  { "khoong", "không" },
  { "Toor 5", "Tổ 5" },
  { "chuyeenr", "chuyển" },
  { "ddoongf chis", "đồng chí" },
  { "cawn cuwowcs", "căn cước" },
  { "giaays towf", "giấy tờ" },
  { "bieenr soos xe", "biển số xe" },
  { "vuj vieecj", "vụ việc" },
  { "phaan quyeenf", "phân quyền" },
  { "hoawcj", "hoặc" },
  { "yeeu", "yêu" },
  { "tuwf ddaau", "từ đâu" },
  { "DDawks Lawks", "Đắk Lắk" },
  { "Kroong Pawks", "Krông Pắk" },
  { "Buoon Ma Thuoojt", "Buôn Ma Thuột" },
  { "DDUWOWNGF", "ĐƯỜNG" },
  { "VIEETJ NAM", "VIỆT NAM" },
};

static void
test_telex_words (void **state)
{
  assert_true (G_N_ELEMENTS (telex_words) >= 40);
  check (CG_IME_TELEX, CG_IME_TONE_OLD, telex_words, G_N_ELEMENTS (telex_words));
}

static const Case vni_words[] = {
  { "Co6ng an xa4", "Công an xã" },
  { "Hoa2ng Ho1a", "Hoàng Hóa" },
  { "Thanh Ho1a", "Thanh Hóa" },
  { "nguo7i2", "người" },
  { "d9uo7ng2", "đường" },
  { "d9u7o7ng2", "đường" },
  { "quye6t1", "quyết" },
  { "quyet1", "quyết" },
  { "giu74", "giữ" },
  { "khuya", "khuya" },
  { "Nguye6n4", "Nguyễn" },
  { "Nguyen4", "Nguyễn" },
  { "tru7o7ng2", "trường" },
  { "thuo73", "thuở" },
  { "huou7", "hươu" },
  { "Vie65t Nam", "Việt Nam" },
  { "mua7", "mưa" },
  { "qua8ng", "quăng" },
  { "ca3nh sa1t", "cảnh sát" },
  { "Kro6ng Pa8k1", "Krông Pắk" },
  { "To63 5", "Tổ 5" },
  { "0912345678", "0912345678" },
};

static void
test_vni_words (void **state)
{
  check (CG_IME_VNI, CG_IME_TONE_OLD, vni_words, G_N_ELEMENTS (vni_words));
}

/* Typing a modifier that is already there takes it off and types the
 * key; typing it once more is then an ordinary letter. */
static void
test_undo_by_doubling (void **state)
{
  const Case telex[] = {
    { "as", "á" },   { "ass", "as" },   { "asss", "ass" }, { "aa", "â" },
    { "aaa", "aa" }, { "ee", "ê" },     { "eee", "ee" },   { "oo", "ô" },
    { "ooo", "oo" }, { "aw", "ă" },     { "aww", "aw" },   { "ow", "ơ" },
    { "oww", "ow" }, { "uw", "ư" },     { "uww", "uw" },   { "dd", "đ" },
    { "ddd", "dd" }, { "w", "ư" },      { "W", "Ư" },      { "nhw", "như" },
    { "tesst", "test" }, { "hoaff", "hoaf" }, { "huoww", "huow" },
    { "aaw", "ă" },  { "awa", "â" },    { "uwoo", "uô" },
  };
  check (CG_IME_TELEX, CG_IME_TONE_OLD, telex, G_N_ELEMENTS (telex));
  const Case vni[] = {
    { "a1", "á" }, { "a11", "a1" }, { "a111", "a11" }, { "a66", "a6" },
    { "a88", "a8" }, { "o77", "o7" }, { "d9", "đ" }, { "d99", "d9" },
    { "a68", "ă" },
  };
  check (CG_IME_VNI, CG_IME_TONE_OLD, vni, G_N_ELEMENTS (vni));
}

static void
test_remove_tone (void **state)
{
  const Case telex[] = {
    { "asz", "a" }, { "Vieetjz", "Viêt" }, { "az", "az" }, { "nguowifz", "ngươi" },
    { "hoafzs", "hóa" },
  };
  check (CG_IME_TELEX, CG_IME_TONE_OLD, telex, G_N_ELEMENTS (telex));
  const Case vni[] = { { "a10", "a" }, { "a0", "a0" }, { "Vie65t0", "Viêt" } };
  check (CG_IME_VNI, CG_IME_TONE_OLD, vni, G_N_ELEMENTS (vni));
}

static void
test_tone_moves (void **state)
{
  const Case cases[] = {
    { "hoafn", "hoàn" },     /* hòa + n: the tone moves to a */
    { "hoasn", "hoán" },     /* hóa + n */
    { "muonso", "muốn" },    /* the circumflex may come last */
    { "tuana", "tuân" },
    { "gisa", "giá" },       /* gí + a: gi becomes a consonant */
    { "dinhd", "đinh" },      /* dd may come last */
    { "hoasf", "hòa" },      /* another tone replaces the first */
  };
  check (CG_IME_TELEX, CG_IME_TONE_OLD, cases, G_N_ELEMENTS (cases));
}

static void
test_new_style (void **state)
{
  const Case cases[] = {
    { "hoaf", "hoà" },     { "Thanh Hoas", "Thanh Hoá" }, { "khoer", "khoẻ" },
    { "thuyr", "thuỷ" },   { "hoafn", "hoàn" },           { "quys", "quý" },
    { "ngoaif", "ngoài" }, { "muaf", "mùa" },             { "hoas o", "hoá o" },
  };
  check (CG_IME_TELEX, CG_IME_TONE_NEW, cases, G_N_ELEMENTS (cases));
}

/* Words that cannot be Vietnamese syllables are left as typed. */
static void
test_passes_through (void **state)
{
  const Case telex[] = {
    { "Smith", "Smith" },   { "camera", "camera" }, { "email", "email" },
    { "Facebook", "Facebook" }, { "zalo", "zalo" }, { "IP", "IP" },
    { "192.168.1.10", "192.168.1.10" },
  };
  check (CG_IME_TELEX, CG_IME_TONE_OLD, telex, G_N_ELEMENTS (telex));
  const Case off[] = { { "Vieetj", "Vieetj" }, { "dd", "dd" }, { "a1", "a1" } };
  check (CG_IME_OFF, CG_IME_TONE_OLD, off, G_N_ELEMENTS (off));
}

static void
test_feed_contract (void **state)
{
  /* An NFD word comes back NFC. */
  g_autoptr (GString) word = g_string_new ("vie\xcc\x82t");
  assert_true (cg_ime_feed (CG_IME_TELEX, word, 'j'));
  assert_string_equal (word->str, "việt");
  /* FALSE: nothing changed. */
  assert_false (cg_ime_feed (CG_IME_TELEX, word, 'n'));
  assert_string_equal (word->str, "việt");
  /* Letters typed through another input method are ordinary. */
  g_string_assign (word, "vi");
  assert_false (cg_ime_feed (CG_IME_TELEX, word, 0x00ea));
  /* Long words are not syllables. */
  g_string_assign (word, "aaaaaaaaaaaaaaaaaaaaaaaaaa");
  assert_false (cg_ime_feed (CG_IME_TELEX, word, 's'));

  assert_int_equal (cg_ime_mode_next (CG_IME_OFF), CG_IME_TELEX);
  assert_int_equal (cg_ime_mode_next (CG_IME_TELEX), CG_IME_VNI);
  assert_int_equal (cg_ime_mode_next (CG_IME_VNI), CG_IME_OFF);
  assert_string_equal (cg_ime_mode_name (CG_IME_TELEX), "Telex");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_telex_words),
    cmocka_unit_test (test_vni_words),
    cmocka_unit_test (test_undo_by_doubling),
    cmocka_unit_test (test_remove_tone),
    cmocka_unit_test (test_tone_moves),
    cmocka_unit_test (test_new_style),
    cmocka_unit_test (test_passes_through),
    cmocka_unit_test (test_feed_contract),
  };
  return cmocka_run_group_tests_name ("telex", tests, NULL, NULL);
}
