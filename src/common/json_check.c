/* json_check.c — the strict JSON scan and the hand-over to json-glib. */
#include "build-config.h"

#define G_LOG_DOMAIN "canhgac-rpc"
#include "json_check.h"

#include "i18n.h"
#include "jsonrpc.h"

#include <math.h>
#include <string.h>

/* ---- Strict JSON ---------------------------------------------------------
 * A recursive-descent check of RFC 8259 that stops at CG_RPC_MAX_DEPTH,
 * run before json-glib (which is lenient, recursive without a limit, and
 * wraps integers that overflow). */

typedef struct {
  const char *start, *p, *end;
  int depth;
  GArray *overflows; /* offsets of the ends of integers beyond gint64 */
  char *why;         /* the reason, translated, when the check fails */
} Scan;

static gboolean
scan_fail (Scan *s, char *why)
{
  if (s->why == NULL)
    s->why = why;
  else
    g_free (why);
  return FALSE;
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_unexpected (Scan *s)
{
  if (s->p >= s->end)
    return scan_fail (s, g_strdup (_("the line ends in the middle of a value")));
  return scan_fail (s, g_strdup (_("unexpected character")));
}

static gboolean
scan_hex4 (Scan *s, guint *out)
{
  if (s->end - s->p < 4)
    return scan_fail (s, g_strdup (_("incomplete “\\u” escape")));
  guint v = 0;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (s->p[i]);
      if (d < 0)
        return scan_fail (s, g_strdup (_("incomplete “\\u” escape")));
      v = v * 16 + (guint) d;
    }
  s->p += 4;
  *out = v;
  return TRUE;
}

static gboolean
scan_string (Scan *s)
{
  s->p++; /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;
      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return scan_fail (s, g_strdup (_("a control character in a string must be escaped")));
      if (c != '\\')
        {
          s->p++;
          continue;
        }
      if (++s->p >= s->end)
        break;
      c = (guchar) *s->p++;
      if (c != '\0' && strchr ("\"\\/bfnrt", c) != NULL)
        continue;
      if (c != 'u')
        return scan_fail (s, g_strdup (_("unknown escape sequence in a string")));
      guint u = 0, low = 0;
      if (!scan_hex4 (s, &u))
        return FALSE;
      /* json-glib would cut the string at U+0000 and mangle lone
       * surrogates: a name must mean the same thing to everyone. */
      if (u == 0)
        return scan_fail (s, g_strdup (_("“\\u0000” is not allowed in a string")));
      if (u >= 0xDC00 && u <= 0xDFFF)
        return scan_fail (s, g_strdup (_("a “\\u” escape is half of a surrogate pair")));
      if (u >= 0xD800 && u <= 0xDBFF)
        {
          if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
            return scan_fail (s, g_strdup (_("a “\\u” escape is half of a surrogate pair")));
          s->p += 2;
          if (!scan_hex4 (s, &low))
            return FALSE;
          if (low < 0xDC00 || low > 0xDFFF)
            return scan_fail (s, g_strdup (_("a “\\u” escape is half of a surrogate pair")));
        }
    }
  return scan_fail (s, g_strdup (_("a string is not closed")));
}

static gboolean
scan_digits (Scan *s)
{
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return scan_fail (s, g_strdup (_("malformed number")));
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return TRUE;
}

static gboolean
scan_number (Scan *s)
{
  const char *start = s->p;
  gboolean negative = *s->p == '-';
  if (negative)
    s->p++;
  const char *digits = s->p;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return FALSE;
  const char *digits_end = s->p;
  gboolean integer = TRUE;
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      integer = FALSE;
      if (!scan_digits (s))
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      integer = FALSE;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  if (integer)
    {
      /* The magnitude may reach 2^63 when negative, 2^63 - 1 otherwise. */
      guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
      guint64 v = 0;
      const char *d = digits;
      for (; d < digits_end; d++)
        {
          guint digit = (guint) (*d - '0');
          if (v > (limit - digit) / 10)
            break;
          v = v * 10 + digit;
        }
      if (d == digits_end)
        return TRUE;
      gsize at = (gsize) (digits_end - s->start);
      g_array_append_val (s->overflows, at);
    }

  /* A double, or an integer about to become one: infinity would come back
   * out of json-glib's generator as "inf", which is not JSON. */
  g_autofree char *text = g_strndup (start, (gsize) (s->p - start));
  if (!isfinite (g_ascii_strtod (text, NULL)))
    return scan_fail (s, g_strdup (_("a number is too large")));
  return TRUE;
}

static gboolean
scan_literal (Scan *s, const char *word)
{
  gsize n = strlen (word);
  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return scan_unexpected (s);
  s->p += n;
  return TRUE;
}

static gboolean scan_value (Scan *s);

/* An object or an array: the same walk with or without "name":. */
static gboolean
scan_container (Scan *s, char close)
{
  if (++s->depth > CG_RPC_MAX_DEPTH)
    return scan_fail (s, g_strdup_printf (_("nested deeper than %d levels"), CG_RPC_MAX_DEPTH));
  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (;;)
    {
      if (close == '}')
        {
          if (s->p >= s->end || *s->p != '"')
            return scan_unexpected (s);
          if (!scan_string (s))
            return FALSE;
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return scan_unexpected (s);
          s->p++;
        }
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_space (s);
          continue;
        }
      if (s->p < s->end && *s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      return scan_unexpected (s);
    }
}

static gboolean
scan_value (Scan *s)
{
  skip_space (s);
  if (s->p >= s->end)
    return scan_unexpected (s);
  switch (*s->p)
    {
    case '{':
      return scan_container (s, '}');
    case '[':
      return scan_container (s, ']');
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s);
      return scan_unexpected (s);
    }
}

JsonNode *
cg_json_parse_strict (const char *line, gsize len, GError **error)
{
  if (len > CG_RPC_MAX_LINE)
    {
      g_set_error (error, CG_RPC_ERROR, CG_RPC_PARSE_ERROR,
                   _("the line is longer than %d bytes"), CG_RPC_MAX_LINE);
      return NULL;
    }
  /* Also refuses NUL bytes. */
  if (!g_utf8_validate_len (line, len, NULL))
    {
      g_set_error_literal (error, CG_RPC_ERROR, CG_RPC_PARSE_ERROR,
                           _("the line is not valid UTF-8 text"));
      return NULL;
    }

  g_autoptr (GArray) overflows = g_array_new (FALSE, FALSE, sizeof (gsize));
  Scan s = { .start = line, .p = line, .end = line + len, .overflows = overflows };
  skip_space (&s);
  gboolean ok;
  if (s.p >= s.end)
    ok = scan_fail (&s, g_strdup (_("the line is empty")));
  else if ((ok = scan_value (&s)))
    {
      skip_space (&s);
      if (s.p < s.end)
        ok = scan_fail (&s, g_strdup (_("more text after the JSON value")));
    }
  if (!ok)
    {
      g_set_error (error, CG_RPC_ERROR, CG_RPC_PARSE_ERROR,
                   _("not valid JSON at byte %u: %s"), (guint) (s.p - line) + 1, s.why);
      g_free (s.why);
      return NULL;
    }

  /* "18446744073709551616" becomes "18446744073709551616.0": json-glib
   * reads a double that a check can refuse, instead of wrapping it. */
  g_autoptr (GString) fixed = NULL;
  if (overflows->len > 0)
    {
      fixed = g_string_sized_new (len + 2 * overflows->len);
      gsize from = 0;
      for (guint i = 0; i < overflows->len; i++)
        {
          gsize at = g_array_index (overflows, gsize, i);
          g_string_append_len (fixed, line + from, (gssize) (at - from));
          g_string_append (fixed, ".0");
          from = at;
        }
      g_string_append_len (fixed, line + from, (gssize) (len - from));
    }

  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  const char *text = fixed != NULL ? fixed->str : line;
  gsize text_len = fixed != NULL ? fixed->len : len;
  if (!json_parser_load_from_data (parser, text, (gssize) text_len, &local)
      || json_parser_get_root (parser) == NULL)
    {
      /* The strict check passed, so this is json-glib disagreeing. */
      g_set_error (error, CG_RPC_ERROR, CG_RPC_PARSE_ERROR, _("not valid JSON: %s"),
                   local != NULL ? local->message : "");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

