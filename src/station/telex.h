/* telex.h — a built-in Telex and VNI composer for text fields, for
 * terminals reached without a Vietnamese input method (a phone's SSH
 * client, a Windows console without Unikey).
 *
 * The composer is stateless: it looks at the word being typed (the run of
 * letters before the cursor) and the key just typed, and either rewrites
 * the word or says the key is an ordinary character.  Because the word is
 * all it knows, "undo by doubling" follows from the spelling: "as" + s
 * gives "as", and then s is an ordinary letter because "s" can never end
 * a Vietnamese syllable.
 *
 * Telex: s f r x j put sắc huyền hỏi ngã nặng, z removes the tone,
 * aa ee oo give â ê ô, aw ă, ow ơ, uw ư (w alone ư), uow ươ, dd đ.
 * VNI: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 0 removes the tone,
 * 6 â ê ô, 7 ơ ư, 8 ă, 9 đ.
 * Typing a modifier that is already there takes it off and types the key.
 * Shape modifiers may come late ("tuan" + a = "tuân"), and a tone moves to
 * the right vowel as the word grows ("hòa" + n = "hoàn").  A tone on a
 * word spelled "ie"/"ye" before another letter adds the circumflex that
 * such words always have ("viet" + j = "việt", "Nguyen" + x = "Nguyễn").
 * Words that cannot be Vietnamese syllables (with f j w z, two vowel
 * groups, an initial like "dd" or "sm", a final other than c ch m n ng nh
 * p t, or k as in "Đắk Lắk") are left alone, so names and English pass
 * through.  One difference from Unikey, which remembers keys: "ww" gives
 * "uw" here, as "uww" does, since both words are "ư" before the second w.
 *
 * Tone placement: the tone goes on the vowel with a shape (ơ of ươ,
 * otherwise the last shaped one: "người", "tiếng", "thuở"); else on the
 * last vowel before a final consonant ("hoàn", "toán"); else the middle
 * of three vowels ("ngoài", "khuỷu"); else, for two vowels, the first:
 * "hòa", "khỏe", "thủy" — the old style of government documents
 * (CG_IME_TONE_OLD, the default).  CG_IME_TONE_NEW writes "hoà", "khoẻ",
 * "thuỷ".  "qu" and "gi" before another vowel are consonants: "quý",
 * "già", "giữ".
 *
 * Output is always NFC (precomposed letters).
 */
#pragma once

#include <glib.h>

typedef enum
{
  CG_IME_OFF,
  CG_IME_TELEX,
  CG_IME_VNI,
} CgImeMode;

typedef enum
{
  CG_IME_TONE_OLD, /* hòa, khỏe, thủy */
  CG_IME_TONE_NEW, /* hoà, khoẻ, thuỷ */
} CgImeToneStyle;

/* Feeds key to the word being typed (UTF-8).  TRUE when the key was
 * taken: word now holds the whole new word, NFC.  FALSE when key is an
 * ordinary character for the caller to append; word is then unchanged.
 * Old-style tone placement. */
gboolean cg_ime_feed (CgImeMode mode, GString *word, gunichar key);

gboolean cg_ime_feed_style (CgImeMode mode, CgImeToneStyle style, GString *word, gunichar key);

/* OFF -> TELEX -> VNI -> OFF, the order the toggle key walks. */
CgImeMode cg_ime_mode_next (CgImeMode mode);

/* The mode's name for the field's border, translated. */
const char *cg_ime_mode_name (CgImeMode mode);
