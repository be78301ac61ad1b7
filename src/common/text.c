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
