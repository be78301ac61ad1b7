/* telex.c — composing Vietnamese from Telex and VNI keys.
 *
 * A word is taken apart into letters (base, shape, tone, case), split into
 * initial consonants, vowel nucleus and final consonants, changed, and put
 * back together with the tone on the vowel the spelling rules choose.
 */
#include "telex.h"

#include "common/i18n.h"

#include <string.h>
#include <uchar.h>

typedef enum
{
  SHAPE_NONE,
  SHAPE_HAT,    /* â ê ô */
  SHAPE_BREVE,  /* ă */
  SHAPE_HORN,   /* ơ ư */
  SHAPE_STROKE, /* đ */
} Shape;

/* In the order of the vowel table's columns. */
typedef enum
{
  TONE_NONE,
  TONE_ACUTE, /* sắc */
  TONE_GRAVE, /* huyền */
  TONE_HOOK,  /* hỏi */
  TONE_TILDE, /* ngã */
  TONE_DOT,   /* nặng */
} Tone;

typedef struct
{
  char base; /* a..z */
  Shape shape;
  Tone tone;
  gboolean upper;
} Letter;

static const struct
{
  char base;
  Shape shape;
  char32_t lower[7];
  char32_t upper[7];
} vowels[] = {
  { 'a', SHAPE_NONE, U"aáàảãạ", U"AÁÀẢÃẠ" },
  { 'a', SHAPE_BREVE, U"ăắằẳẵặ", U"ĂẮẰẲẴẶ" },
  { 'a', SHAPE_HAT, U"âấầẩẫậ", U"ÂẤẦẨẪẬ" },
  { 'e', SHAPE_NONE, U"eéèẻẽẹ", U"EÉÈẺẼẸ" },
  { 'e', SHAPE_HAT, U"êếềểễệ", U"ÊẾỀỂỄỆ" },
  { 'i', SHAPE_NONE, U"iíìỉĩị", U"IÍÌỈĨỊ" },
  { 'o', SHAPE_NONE, U"oóòỏõọ", U"OÓÒỎÕỌ" },
  { 'o', SHAPE_HAT, U"ôốồổỗộ", U"ÔỐỒỔỖỘ" },
  { 'o', SHAPE_HORN, U"ơớờởỡợ", U"ƠỚỜỞỠỢ" },
  { 'u', SHAPE_NONE, U"uúùủũụ", U"UÚÙỦŨỤ" },
  { 'u', SHAPE_HORN, U"ưứừửữự", U"ƯỨỪỬỮỰ" },
  { 'y', SHAPE_NONE, U"yýỳỷỹỵ", U"YÝỲỶỸỴ" },
};

/* A syllable is short; anything longer is not one. */
#define MAX_LETTERS 12

static gboolean
is_vowel (char base)
{
  return base != '\0' && strchr ("aeiouy", base) != NULL;
}

static gboolean
decode_letter (gunichar c, Letter *l)
{
  *l = (Letter){ 0 };
  if (c < 0x80)
    {
      if (!g_ascii_isalpha ((char) c))
        return FALSE;
      l->base = g_ascii_tolower ((char) c);
      l->upper = g_ascii_isupper ((char) c);
      return TRUE;
    }
  if (c == 0x0110 || c == 0x0111) /* Đ đ */
    {
      l->base = 'd';
      l->shape = SHAPE_STROKE;
      l->upper = c == 0x0110;
      return TRUE;
    }
  for (gsize v = 0; v < G_N_ELEMENTS (vowels); v++)
    for (int t = 0; t <= TONE_DOT; t++)
      if (vowels[v].lower[t] == c || vowels[v].upper[t] == c)
        {
          l->base = vowels[v].base;
          l->shape = vowels[v].shape;
          l->tone = (Tone) t;
          l->upper = vowels[v].upper[t] == c;
          return TRUE;
        }
  return FALSE;
}

static gunichar
encode_letter (const Letter *l, Tone tone)
{
  if (l->base == 'd' && l->shape == SHAPE_STROKE)
    return l->upper ? 0x0110 : 0x0111;
  for (gsize v = 0; v < G_N_ELEMENTS (vowels); v++)
    if (vowels[v].base == l->base && vowels[v].shape == l->shape)
      return l->upper ? vowels[v].upper[tone] : vowels[v].lower[tone];
  return (gunichar) (l->upper ? g_ascii_toupper (l->base) : l->base);
}

/* The letters of a word, its tone taken off them, and where its parts
 * are.  Positions index letters; the nucleus is [nucleus, final). */
typedef struct
{
  Letter l[MAX_LETTERS];
  int n;
  Tone tone;
  int nucleus; /* after qu/gi: the vowels that can carry the tone */
  int final;
} Word;

static gboolean
letters_are (const Letter *l, int n, const char *spelling)
{
  if ((int) strlen (spelling) != n)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (l[i].base != spelling[i] || l[i].shape != SHAPE_NONE)
      return FALSE;
  return TRUE;
}

static gboolean
valid_initial (const Letter *l, int n)
{
  static const char *const initials[] = { "", "b", "c", "ch", "d", "g", "gh", "h", "k", "kh",
                                          "kr", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "q",
                                          "r", "s", "t", "th", "tr", "v", "x" };
  if (n == 1 && l[0].shape == SHAPE_STROKE)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (initials); i++)
    if (letters_are (l, n, initials[i]))
      return TRUE;
  return FALSE;
}

static gboolean
valid_final (const Letter *l, int n)
{
  /* k ends the Central Highlands' names: Đắk Lắk, Krông Pắk. */
  static const char *const finals[] = { "", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t" };
  for (gsize i = 0; i < G_N_ELEMENTS (finals); i++)
    if (letters_are (l, n, finals[i]))
      return TRUE;
  return FALSE;
}

/* Finds the parts of w->l[0..n); FALSE when they cannot spell a
 * Vietnamese syllable. */
static gboolean
word_parse (Word *w)
{
  int start = 0;
  while (start < w->n && !is_vowel (w->l[start].base))
    start++;
  int end = start;
  while (end < w->n && is_vowel (w->l[end].base))
    end++;
  if (!valid_initial (w->l, start) || !valid_final (w->l + end, w->n - end))
    return FALSE;
  /* qu and gi are consonants when another vowel follows. */
  if (end - start > 1 && w->l[start].shape == SHAPE_NONE
      && ((start == 1 && w->l[0].base == 'q' && w->l[start].base == 'u')
          || (start == 1 && w->l[0].base == 'g' && w->l[start].base == 'i')))
    start++;
  if (end - start > 3)
    return FALSE;
  if (start == 1 && w->l[0].base == 'q' && end == start)
    return FALSE; /* "q" alone is not an initial before a consonant */
  w->nucleus = start;
  w->final = end;
  return TRUE;
}

static gboolean
word_decode (const char *text, Word *w)
{
  *w = (Word){ 0 };
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return FALSE;
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (w->n == MAX_LETTERS)
        return FALSE;
      Letter *l = &w->l[w->n++];
      if (!decode_letter (g_utf8_get_char (p), l))
        return FALSE;
      if (strchr ("fjwz", l->base) != NULL)
        return FALSE;
      if (l->tone != TONE_NONE)
        {
          if (w->tone != TONE_NONE)
            return FALSE; /* two tones: not typed here */
          w->tone = l->tone;
          l->tone = TONE_NONE;
        }
    }
  return word_parse (w);
}

/* Spelling that only one shape can mean, fixed as the word grows: "ươ"
 * needs something after it ("người", "hươu"); "uơ" ends a word ("thuở"),
 * so a letter after it makes it "ươ". */
static void
word_fix_horns (Word *w)
{
  for (int i = w->nucleus; i + 1 < w->final; i++)
    {
      Letter *u = &w->l[i], *o = &w->l[i + 1];
      if (u->base != 'u' || o->base != 'o' || i + 2 >= w->n)
        continue;
      if (u->shape == SHAPE_NONE && o->shape == SHAPE_HORN)
        u->shape = SHAPE_HORN;
      else if (u->shape == SHAPE_HORN && o->shape == SHAPE_NONE)
        o->shape = SHAPE_HORN;
    }
}

/* "iê" and "yê" before a final consonant or u are never written without
 * the circumflex: "việt", "tiếng", "Nguyễn", "yêu".  Looks at the vowels
 * before the qu/gi split so that "giếng" and "quyết" are found. */
static void
word_fix_ie (Word *w)
{
  for (int i = 0; i + 1 < w->final; i++)
    {
      Letter *a = &w->l[i], *e = &w->l[i + 1];
      if ((a->base == 'i' || a->base == 'y') && e->base == 'e' && e->shape == SHAPE_NONE
          && i + 2 < w->n)
        e->shape = SHAPE_HAT;
    }
}

static int
word_tone_position (const Word *w, CgImeToneStyle style)
{
  int s = w->nucleus, e = w->final;
  int len = e - s;
  if (len <= 0)
    return -1;
  int shaped = -1;
  for (int i = s; i < e; i++)
    if (w->l[i].shape != SHAPE_NONE)
      shaped = i;
  if (shaped >= 0)
    return shaped;
  if (len == 1)
    return s;
  if (e < w->n)
    return e - 1;
  if (len == 3)
    return s + 1;
  if (style == CG_IME_TONE_NEW
      && (letters_are (w->l + s, 2, "oa") || letters_are (w->l + s, 2, "oe")
          || letters_are (w->l + s, 2, "uy")))
    return s + 1;
  return s;
}

static void
word_render (Word *w, CgImeToneStyle style, GString *out)
{
  word_fix_horns (w);
  int at = word_tone_position (w, style);
  g_string_truncate (out, 0);
  for (int i = 0; i < w->n; i++)
    g_string_append_unichar (out, encode_letter (&w->l[i], i == at ? w->tone : TONE_NONE));
}

/* Appends key as a letter typed plainly: TRUE when it fits. */
static gboolean
word_append (Word *w, gunichar key)
{
  if (w->n == MAX_LETTERS)
    return FALSE;
  Letter l;
  if (!decode_letter (key, &l))
    return FALSE;
  w->l[w->n++] = l;
  return TRUE;
}

/* Where a shape key lands: the last vowel of the nucleus with one of the
 * bases, or -1. */
static int
find_last (const Word *w, const char *bases)
{
  for (int i = w->final - 1; i >= w->nucleus; i--)
    if (strchr (bases, w->l[i].base) != NULL)
      return i;
  return -1;
}

static int
find_uo (const Word *w)
{
  for (int i = w->nucleus; i + 1 < w->final; i++)
    if (w->l[i].base == 'u' && w->l[i + 1].base == 'o')
      return i;
  return -1;
}

typedef enum
{
  DONE,     /* applied */
  UNDONE,   /* the modifier was there and is taken off: type the key */
  NOT_HERE, /* no letter takes it: the key is a plain letter */
} Outcome;

static Outcome
apply_tone (Word *w, Tone tone)
{
  if (w->final == w->nucleus)
    return NOT_HERE;
  if (tone != TONE_NONE && w->tone == tone)
    {
      w->tone = TONE_NONE;
      return UNDONE;
    }
  if (tone == TONE_NONE && w->tone == TONE_NONE)
    return NOT_HERE;
  w->tone = tone;
  if (tone != TONE_NONE)
    word_fix_ie (w);
  return DONE;
}

static Outcome
set_shape (Letter *l, Shape shape)
{
  if (l->shape == shape)
    {
      l->shape = SHAPE_NONE;
      return UNDONE;
    }
  l->shape = shape;
  return DONE;
}

/* Telex a e o, VNI 6. */
static Outcome
apply_hat (Word *w, const char *bases)
{
  int i = find_last (w, bases);
  if (i < 0)
    return NOT_HERE;
  /* ươ + o is uô, and so is ưo + o. */
  if (w->l[i].base == 'o' && i > w->nucleus && w->l[i - 1].base == 'u')
    w->l[i - 1].shape = SHAPE_NONE;
  return set_shape (&w->l[i], SHAPE_HAT);
}

/* Telex w, VNI 7 (horn) and 8 (breve). */
static Outcome
apply_horn_breve (Word *w, gboolean horn, gboolean breve)
{
  int uo = horn ? find_uo (w) : -1;
  if (uo >= 0)
    {
      Letter *u = &w->l[uo], *o = &w->l[uo + 1];
      gboolean more = uo + 2 < w->n;
      if (o->shape == SHAPE_HORN && (u->shape == SHAPE_HORN || !more))
        {
          u->shape = o->shape = SHAPE_NONE;
          return UNDONE;
        }
      o->shape = SHAPE_HORN;
      if (more || u->shape == SHAPE_HORN)
        u->shape = SHAPE_HORN;
      return DONE;
    }
  if (breve)
    for (int i = w->nucleus; i < w->final; i++)
      if (w->l[i].base == 'a' && !(i > w->nucleus && w->l[i - 1].base == 'u'))
        return set_shape (&w->l[i], SHAPE_BREVE);
  if (horn)
    {
      int i = find_last (w, "o");
      if (i >= 0)
        return set_shape (&w->l[i], SHAPE_HORN);
      for (i = w->nucleus; i < w->final; i++)
        if (w->l[i].base == 'u')
          return set_shape (&w->l[i], SHAPE_HORN);
    }
  /* "aw" in VNI terms is "a8"; "ua8" is "uă" as in "quắn". */
  if (breve)
    {
      int i = find_last (w, "a");
      if (i >= 0)
        return set_shape (&w->l[i], SHAPE_BREVE);
    }
  return NOT_HERE;
}

static Outcome
apply_stroke (Word *w)
{
  if (w->n == 0 || w->l[0].base != 'd')
    return NOT_HERE;
  return set_shape (&w->l[0], SHAPE_STROKE);
}

static Outcome
feed_telex (Word *w, gunichar k)
{
  switch (k)
    {
    case 's':
      return apply_tone (w, TONE_ACUTE);
    case 'f':
      return apply_tone (w, TONE_GRAVE);
    case 'r':
      return apply_tone (w, TONE_HOOK);
    case 'x':
      return apply_tone (w, TONE_TILDE);
    case 'j':
      return apply_tone (w, TONE_DOT);
    case 'z':
      return apply_tone (w, TONE_NONE);
    case 'a':
      return apply_hat (w, "a");
    case 'e':
      return apply_hat (w, "e");
    case 'o':
      return apply_hat (w, "o");
    case 'w':
      return apply_horn_breve (w, TRUE, TRUE);
    case 'd':
      return apply_stroke (w);
    default:
      return NOT_HERE;
    }
}

static Outcome
feed_vni (Word *w, gunichar k)
{
  switch (k)
    {
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
      return apply_tone (w, (Tone) (k - '0'));
    case '0':
      return apply_tone (w, TONE_NONE);
    case '6':
      return apply_hat (w, "aeo");
    case '7':
      return apply_horn_breve (w, TRUE, FALSE);
    case '8':
      return apply_horn_breve (w, FALSE, TRUE);
    case '9':
      return apply_stroke (w);
    default:
      return NOT_HERE;
    }
}

gboolean
cg_ime_feed_style (CgImeMode mode, CgImeToneStyle style, GString *word, gunichar key)
{
  if (mode == CG_IME_OFF || key >= 0x80)
    return FALSE;
  Word w;
  if (!word_decode (word->str, &w))
    return FALSE;

  gunichar k = g_ascii_tolower ((char) key);
  Outcome outcome = mode == CG_IME_TELEX ? feed_telex (&w, k) : feed_vni (&w, k);
  if (outcome == DONE)
    {
      word_render (&w, style, word);
      return TRUE;
    }
  if (outcome == UNDONE)
    {
      word_render (&w, style, word);
      g_string_append_unichar (word, key);
      return TRUE;
    }

  /* "w" with no vowel yet is ư: "w" -> "ư", "nhw" -> "như". */
  if (mode == CG_IME_TELEX && k == 'w' && w.nucleus == w.n)
    {
      if (w.n == MAX_LETTERS)
        return FALSE;
      w.l[w.n++] = (Letter){ 'u', SHAPE_HORN, TONE_NONE, g_ascii_isupper ((char) key) };
      if (!word_parse (&w))
        return FALSE;
      word_render (&w, style, word);
      return TRUE;
    }

  /* A plain letter: the tone may move ("hòa" + n = "hoàn"), "uơ" may
   * become "ươ". */
  if (!word_append (&w, key) || !word_parse (&w))
    return FALSE;
  g_autoptr (GString) plain = g_string_new (word->str);
  g_string_append_unichar (plain, key);
  g_autoptr (GString) rendered = g_string_new (NULL);
  word_render (&w, style, rendered);
  g_autofree char *plain_nfc = g_utf8_normalize (plain->str, -1, G_NORMALIZE_NFC);
  if (plain_nfc != NULL && g_strcmp0 (plain_nfc, rendered->str) == 0)
    return FALSE;
  g_string_assign (word, rendered->str);
  return TRUE;
}

gboolean
cg_ime_feed (CgImeMode mode, GString *word, gunichar key)
{
  return cg_ime_feed_style (mode, CG_IME_TONE_OLD, word, key);
}

CgImeMode
cg_ime_mode_next (CgImeMode mode)
{
  switch (mode)
    {
    case CG_IME_OFF:
      return CG_IME_TELEX;
    case CG_IME_TELEX:
      return CG_IME_VNI;
    case CG_IME_VNI:
    default:
      return CG_IME_OFF;
    }
}

const char *
cg_ime_mode_name (CgImeMode mode)
{
  switch (mode)
    {
    case CG_IME_TELEX:
      return _("Telex");
    case CG_IME_VNI:
      return _("VNI");
    case CG_IME_OFF:
    default:
      return _("no accents");
    }
}
