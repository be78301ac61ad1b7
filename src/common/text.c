/* text.c — display widths and fitting text into columns. */
#include "text.h"

#include "i18n.h"

#include <string.h>

static int
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  if (g_unichar_iswide (c))
    return 2;
  return 1;
}

int
cg_text_width (const char *s)
{
  int w = 0;
  g_autofree char *nfc = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);
  for (const char *p = nfc != NULL ? nfc : ""; *p != '\0'; p = g_utf8_next_char (p))
    w += char_width (g_utf8_get_char (p));
  return w;
}

char *
cg_text_fit (const char *s, int width, gboolean align_right)
{
  g_autofree char *nfc = g_utf8_normalize (s != NULL ? s : "", -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    nfc = g_strdup ("?");
  GString *out = g_string_new (NULL);
  int used = 0;
  gboolean utf8 = cg_i18n_is_utf8 ();
  const char *ellipsis = utf8 ? "…" : "~";
  if (cg_text_width (nfc) <= width)
    {
      g_string_append (out, nfc);
      used = cg_text_width (nfc);
    }
  else if (width > 0)
    {
      for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
        {
          int cw = char_width (g_utf8_get_char (p));
          if (used + cw > width - 1)
            break;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          used += cw;
        }
      g_string_append (out, ellipsis);
      used++;
    }
  GString *pad = g_string_new (NULL);
  for (int i = used; i < width; i++)
    g_string_append_c (pad, ' ');
  if (align_right)
    g_string_prepend (out, pad->str);
  else
    g_string_append (out, pad->str);
  g_string_free (pad, TRUE);
  return g_string_free (out, FALSE);
}

char *
cg_text_for_terminal (const char *s)
{
  if (cg_i18n_is_utf8 ())
    return g_strdup (s);
  /* đ has no decomposition, and g_str_to_ascii gives "?" for it. */
  GString *d = g_string_new (s);
  g_string_replace (d, "đ", "d", 0);
  g_string_replace (d, "Đ", "D", 0);
  char *ascii = g_str_to_ascii (d->str, "C");
  g_string_free (d, TRUE);
  return ascii;
}

char *
cg_text_capitalize (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("");
  char first[8] = { 0 };
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* A copy that is valid UTF-8 without control characters, so that whatever
 * was typed can be echoed to a terminal without rewriting the screen. */
char *
cg_text_printable (const char *text)
{
  char *valid = g_utf8_make_valid (text, -1);
  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = '?';
  return valid;
}

/* ---- folding and collation ------------------------------------------------ */

/* Vowel marks that make another letter of the Vietnamese alphabet. */
#define MARK_BREVE 0x0306      /* ă */
#define MARK_CIRCUMFLEX 0x0302 /* â ê ô */
#define MARK_HORN 0x031B       /* ơ ư */

static gboolean
is_mark (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK
         || t == G_UNICODE_ENCLOSING_MARK;
}

static char *
nfd_of (const char *s)
{
  g_autofree char *valid = g_utf8_make_valid (s != NULL ? s : "", -1);
  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
}

char *
cg_text_fold (const char *s)
{
  g_autofree char *nfd = nfd_of (s);
  GString *bare = g_string_sized_new (strlen (nfd));
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_mark (c))
        continue;
      /* đ is a letter of its own, with no decomposition. */
      if (c == 0x0111 || c == 0x0110)
        c = c == 0x0111 ? 'd' : 'D';
      g_string_append_unichar (bare, c);
    }
  /* Case folding is the same in every locale (unlike g_utf8_strdown). */
  g_autofree char *folded = g_utf8_casefold (bare->str, -1);
  g_string_free (bare, TRUE);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

/* One collation element: a letter with its marks, a run of digits, or
 * another character. */
typedef struct {
  int kind;            /* KIND_*: the first thing compared */
  guint32 primary;     /* a letter's place in the alphabet, a character */
  const char *digits;  /* KIND_NUMBER: the digits without leading zeros */
  int n_digits;
  int secondary;       /* tone marks and other accents */
  int tertiary;        /* upper case, leading zeros */
} Element;

/* Spaces and punctuation first, then numbers, then letters. */
enum { KIND_OTHER, KIND_NUMBER, KIND_LETTER };

/* Latin letters in the order of the Vietnamese alphabet, f j w z where
 * the Latin alphabet puts them. */
static const char alphabet[] = "a\0ă\0â\0b\0c\0d\0đ\0e\0ê\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0ô\0ơ\0"
                               "p\0q\0r\0s\0t\0u\0ư\0v\0w\0x\0y\0z\0";

static guint32
alphabet_place (gunichar letter)
{
  guint32 place = 1;
  for (const char *p = alphabet; *p != '\0'; p += strlen (p) + 1, place++)
    if (g_utf8_get_char (p) == letter)
      return place;
  /* Letters of other scripts after z, in code point order. */
  return 0x100 + letter;
}

/* Dictionary order of the tones: ngang, huyền, hỏi, ngã, sắc, nặng. */
static int
tone_weight (gunichar mark)
{
  switch (mark)
    {
    case 0x0300: return 1; /* huyền */
    case 0x0309: return 2; /* hỏi */
    case 0x0303: return 3; /* ngã */
    case 0x0301: return 4; /* sắc */
    case 0x0323: return 5; /* nặng */
    default: return 0;
    }
}

/* The letter that base and a vowel mark make together (ă â ê ô ơ ư), or 0. */
static gunichar
vowel_with_mark (gunichar base, gunichar mark)
{
  switch (mark)
    {
    case MARK_BREVE: return base == 'a' ? 0x0103 : 0;
    case MARK_CIRCUMFLEX:
      return base == 'a' ? 0x00E2 : base == 'e' ? 0x00EA : base == 'o' ? 0x00F4 : 0;
    case MARK_HORN: return base == 'o' ? 0x01A1 : base == 'u' ? 0x01B0 : 0;
    default: return 0;
    }
}

static GArray *
elements_of (const char *nfd)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Element));
  const char *p = nfd;
  while (*p != '\0')
    {
      Element e = { 0 };
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80 && g_ascii_isdigit (c))
        {
          const char *start = p;
          while (*p == '0' && g_ascii_isdigit (p[1]))
            p++;
          e.kind = KIND_NUMBER;
          e.tertiary = (int) (p - start);
          e.digits = p;
          while (g_ascii_isdigit (*p))
            p++;
          e.n_digits = (int) (p - e.digits);
          g_array_append_val (out, e);
          continue;
        }
      p = g_utf8_next_char (p);
      if (!g_unichar_isalpha (c))
        {
          e.kind = KIND_OTHER;
          e.primary = c;
          g_array_append_val (out, e);
          continue;
        }
      gunichar lower = g_unichar_tolower (c);
      e.kind = KIND_LETTER;
      e.tertiary = lower != c ? 1 : 0;
      int other = 0;
      for (; *p != '\0' && is_mark (g_utf8_get_char (p)); p = g_utf8_next_char (p))
        {
          gunichar mark = g_utf8_get_char (p);
          gunichar vowel = vowel_with_mark (lower, mark);
          if (vowel != 0)
            lower = vowel;
          else if (tone_weight (mark) != 0)
            e.secondary += tone_weight (mark);
          else
            other = (other * 31 + (int) (mark & 0x3ff) + 1) % 0xfffff;
        }
      /* Accents Vietnamese does not use sort after its tones. */
      e.secondary += 8 * other;
      e.primary = alphabet_place (lower);
      g_array_append_val (out, e);
    }
  return out;
}

static int
compare_primary (const Element *x, const Element *y)
{
  if (x->kind != y->kind)
    return x->kind - y->kind;
  if (x->kind == KIND_NUMBER)
    {
      if (x->n_digits != y->n_digits)
        return x->n_digits - y->n_digits;
      return memcmp (x->digits, y->digits, (size_t) x->n_digits);
    }
  return (x->primary > y->primary) - (x->primary < y->primary);
}

int
cg_text_compare (const char *a, const char *b)
{
  g_autofree char *na = nfd_of (a), *nb = nfd_of (b);
  g_autoptr (GArray) ea = elements_of (na);
  g_autoptr (GArray) eb = elements_of (nb);
  guint n = MIN (ea->len, eb->len);
  /* Level by level over the whole text: a letter decides before a tone
   * anywhere, a tone before case. */
  for (guint i = 0; i < n; i++)
    {
      int d = compare_primary (&g_array_index (ea, Element, i), &g_array_index (eb, Element, i));
      if (d != 0)
        return d;
    }
  if (ea->len != eb->len)
    return ea->len < eb->len ? -1 : 1;
  for (guint i = 0; i < n; i++)
    {
      int d = g_array_index (ea, Element, i).secondary - g_array_index (eb, Element, i).secondary;
      if (d != 0)
        return d;
    }
  for (guint i = 0; i < n; i++)
    {
      int d = g_array_index (ea, Element, i).tertiary - g_array_index (eb, Element, i).tertiary;
      if (d != 0)
        return d;
    }
  /* Still equal (other marks in another order...): by code points, so
   * that only the same text compares equal. */
  g_autofree char *ca = g_utf8_normalize (na, -1, G_NORMALIZE_NFC);
  g_autofree char *cb = g_utf8_normalize (nb, -1, G_NORMALIZE_NFC);
  int d = strcmp (ca, cb);
  return (d > 0) - (d < 0);
}

gint
cg_text_compare_indirect (gconstpointer a, gconstpointer b)
{
  return cg_text_compare (*(const char *const *) a, *(const char *const *) b);
}

/* ---- wrapping ---------------------------------------------------------------- */

GStrv
cg_text_wrap (const char *s, int width)
{
  g_autoptr (GStrvBuilder) lines = g_strv_builder_new ();
  g_autofree char *nfc = g_utf8_normalize (s != NULL ? s : "", -1, G_NORMALIZE_NFC);
  g_auto (GStrv) words = g_strsplit (nfc != NULL ? nfc : "", " ", -1);
  GString *line = g_string_new (NULL);
  int used = 0;
  width = MAX (width, 1);
  for (int i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      if (*word == '\0')
        continue;
      int w = cg_text_width (word);
      if (used > 0 && used + 1 + w > width)
        {
          g_strv_builder_add (lines, line->str);
          g_string_truncate (line, 0);
          used = 0;
        }
      /* A word wider than the line: cut it, cell by cell. */
      for (const char *p = word; w > width - used && *p != '\0';)
        {
          if (used > 0)
            {
              g_strv_builder_add (lines, line->str);
              g_string_truncate (line, 0);
              used = 0;
            }
          while (*p != '\0' && used + char_width (g_utf8_get_char (p)) <= width)
            {
              used += char_width (g_utf8_get_char (p));
              g_string_append_len (line, p, g_utf8_next_char (p) - p);
              p = g_utf8_next_char (p);
            }
          word = p;
          w = cg_text_width (word);
          if (*p != '\0')
            {
              g_strv_builder_add (lines, line->str);
              g_string_truncate (line, 0);
              used = 0;
            }
        }
      if (*word == '\0')
        continue;
      if (used > 0)
        {
          g_string_append_c (line, ' ');
          used++;
        }
      g_string_append (line, word);
      used += w;
    }
  if (line->len > 0)
    g_strv_builder_add (lines, line->str);
  g_string_free (line, TRUE);
  return g_strv_builder_end (lines);
}
