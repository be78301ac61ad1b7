/* message.c — templates and their arguments, worded where they are read. */
#include "build-config.h"

#define G_LOG_DOMAIN "canhgac-message"
#include "message.h"

#include "i18n.h"
#include "timeutil.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

/* What a peer may send: a message inside a message inside ..., and the
 * arguments of one template. */
#define MAX_DEPTH 4
#define MAX_ARGS 16
#define MAX_TEXT 4096
/* Widths and precisions of a translation: enough for any sentence, too
 * little to make a line of a megabyte. */
#define MAX_WIDTH 64

typedef enum {
  VALUE_TEXT,     /* a template, or a literal */
  VALUE_TIME,     /* an instant: the reader's local time */
  VALUE_DATE,     /* the day of an instant: the reader's local date */
  VALUE_DURATION, /* a span: "3 d 4 h" in the reader's words */
} Value;

struct CgMessage {
  char *text;      /* the template, or a literal's text (a time: ISO 8601) */
  GPtrArray *args; /* of CgMessage; NULL for a literal, a time or a span */
  Value value;
  gint64 us;       /* a time's or a span's */
};

typedef enum {
  KIND_STRING,
  KIND_INT,   /* d i */
  KIND_UINT,  /* u x X o */
  KIND_FLOAT, /* f F e E g G */
} Kind;

typedef enum {
  LEN_NONE,
  LEN_HH,
  LEN_H,
  LEN_L,
  LEN_LL,
  LEN_J,
  LEN_Z,
  LEN_T,
  LEN_LONG_DOUBLE,
} Length;

/* One conversion of a format, from its '%'. */
typedef struct {
  gsize len;      /* bytes */
  int position;   /* N of %N$, or 0 */
  char flags[8];  /* each of ' - + space 0 # at most once */
  int width;      /* -1: none */
  int precision;  /* -1: none */
  Length length;
  char conversion;
  Kind kind;
} Directive;

static gboolean
number_read (const char **q, int *out)
{
  int n = 0;
  while (g_ascii_isdigit (**q))
    {
      n = n * 10 + (**q - '0');
      if (n > MAX_WIDTH)
        return FALSE;
      (*q)++;
    }
  *out = n;
  return TRUE;
}

/* Reads the conversion at p ('%', not "%%"); FALSE for one not supported. */
static gboolean
directive_read (const char *p, Directive *d)
{
  memset (d, 0, sizeof *d);
  d->width = d->precision = -1;
  const char *q = p + 1;
  if (g_ascii_isdigit (*q))
    {
      const char *r = q;
      int n = 0;
      if (number_read (&r, &n) && *r == '$')
        {
          if (n < 1 || n > MAX_ARGS)
            return FALSE;
          d->position = n;
          q = r + 1;
        }
    }
  int nflags = 0;
  while (*q != '\0' && strchr ("'-+ 0#", *q) != NULL)
    {
      if (strchr (d->flags, *q) == NULL)
        d->flags[nflags++] = *q;
      q++;
    }
  if (g_ascii_isdigit (*q) && !number_read (&q, &d->width))
    return FALSE;
  if (*q == '.')
    {
      q++;
      if (!number_read (&q, &d->precision))
        return FALSE;
    }
  if (q[0] == 'h' && q[1] == 'h')
    d->length = LEN_HH, q += 2;
  else if (q[0] == 'l' && q[1] == 'l')
    d->length = LEN_LL, q += 2;
  else if (*q == 'h')
    d->length = LEN_H, q++;
  else if (*q == 'l')
    d->length = LEN_L, q++;
  else if (*q == 'j')
    d->length = LEN_J, q++;
  else if (*q == 'z')
    d->length = LEN_Z, q++;
  else if (*q == 't')
    d->length = LEN_T, q++;
  else if (*q == 'L')
    d->length = LEN_LONG_DOUBLE, q++;
  d->conversion = *q;
  switch (*q)
    {
    case 's':
      d->kind = KIND_STRING;
      if (d->length != LEN_NONE)
        return FALSE;
      break;
    case 'd':
    case 'i':
      d->kind = KIND_INT;
      break;
    case 'u':
    case 'x':
    case 'X':
    case 'o':
      d->kind = KIND_UINT;
      break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
      d->kind = KIND_FLOAT;
      if (d->length != LEN_NONE && d->length != LEN_L && d->length != LEN_LONG_DOUBLE)
        return FALSE;
      break;
    default:
      return FALSE;
    }
  if (d->kind != KIND_FLOAT && d->length == LEN_LONG_DOUBLE)
    return FALSE;
  d->len = (gsize) (q + 1 - p);
  return TRUE;
}

/* Walks format's conversions, numbering their arguments: each (and its
 * argument's index) to visit, which may stop the walk by returning FALSE.
 * FALSE when a conversion cannot be read or numbered and unnumbered ones
 * are mixed. */
typedef gboolean (*Visit) (const Directive *d, guint arg, gpointer data);

static gboolean
walk (const char *format, Visit visit, gpointer data)
{
  guint next = 0;
  int numbered = -1; /* not known yet */
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      if (p[1] == '%')
        {
          p++;
          continue;
        }
      Directive d;
      if (!directive_read (p, &d))
        return FALSE;
      if (numbered >= 0 && numbered != (d.position > 0))
        return FALSE;
      numbered = d.position > 0;
      guint arg = d.position > 0 ? (guint) d.position - 1 : next++;
      if (arg >= MAX_ARGS || !visit (&d, arg, data))
        return FALSE;
      p += d.len - 1;
    }
  return TRUE;
}

/* What a template asks for: the kind of each argument, in order. */
typedef struct {
  Kind kinds[MAX_ARGS];
  gboolean seen[MAX_ARGS];
  guint n;
} Signature;

static gboolean
sign (const Directive *d, guint arg, gpointer data)
{
  Signature *s = data;
  if (s->seen[arg] && s->kinds[arg] != d->kind)
    return FALSE;
  s->kinds[arg] = d->kind;
  s->seen[arg] = TRUE;
  s->n = MAX (s->n, arg + 1);
  return TRUE;
}

/* FALSE when the template cannot be read or leaves an argument out. */
static gboolean
signature_of (const char *template, Signature *s)
{
  memset (s, 0, sizeof *s);
  if (!walk (template, sign, s))
    return FALSE;
  for (guint i = 0; i < s->n; i++)
    if (!s->seen[i])
      return FALSE;
  return TRUE;
}

static gboolean
same_family (Kind a, Kind b)
{
  gboolean ia = a == KIND_INT || a == KIND_UINT, ib = b == KIND_INT || b == KIND_UINT;
  return a == b || (ia && ib);
}

/* A translation fits when each of its conversions takes an argument the
 * template has, of the same family, and it uses every one. */
typedef struct {
  const Signature *template;
  gboolean used[MAX_ARGS];
} Fit;

static gboolean
fits_one (const Directive *d, guint arg, gpointer data)
{
  Fit *f = data;
  if (arg >= f->template->n || !same_family (d->kind, f->template->kinds[arg]))
    return FALSE;
  f->used[arg] = TRUE;
  return TRUE;
}

static gboolean
fits (const char *format, const Signature *template)
{
  Fit f = { .template = template };
  if (!walk (format, fits_one, &f))
    return FALSE;
  for (guint i = 0; i < template->n; i++)
    if (!f.used[i])
      return FALSE;
  return TRUE;
}

/* ---- building ---------------------------------------------------------- */

static CgMessage *
message_alloc (const char *text, gboolean literal)
{
  CgMessage *m = g_new0 (CgMessage, 1);
  m->text = g_strdup (text);
  if (!literal)
    m->args = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_message_free);
  return m;
}

CgMessage *
cg_message_literal (const char *text)
{
  return message_alloc (text != NULL ? text : "", TRUE);
}

CgMessage *
cg_message_time (gint64 us)
{
  g_autofree char *iso = cg_time_format_iso (us);
  CgMessage *m = message_alloc (iso, TRUE);
  m->value = VALUE_TIME;
  m->us = us;
  return m;
}

CgMessage *
cg_message_date (gint64 us)
{
  CgMessage *m = cg_message_time (us);
  m->value = VALUE_DATE;
  return m;
}

CgMessage *
cg_message_duration (gint64 us)
{
  CgMessage *m = message_alloc ("", TRUE);
  m->value = VALUE_DURATION;
  m->us = MAX (us, 0) / CG_USEC_PER_SEC * CG_USEC_PER_SEC;
  g_free (m->text);
  m->text = g_strdup_printf ("%" G_GINT64_FORMAT " s", m->us / CG_USEC_PER_SEC);
  return m;
}

/* A number as an argument: in the C locale, without the template's
 * flags and width (they are applied when the message is worded). */
static CgMessage *
float_literal (const Directive *d, double v)
{
  char spec[16], buf[512];
  g_snprintf (spec, sizeof spec, "%%.%d%c", d->precision >= 0 ? d->precision : 6, d->conversion);
  return cg_message_literal (g_ascii_formatd (buf, sizeof buf, spec, v));
}

typedef struct {
  CgMessage *message;
  va_list *args;
  gboolean ok;
} Collect;

static gboolean
collect (const Directive *d, guint arg, gpointer data)
{
  Collect *c = data;
  /* Printed by position the arguments could not be read in order; flags
   * on a string would be lost in translations. */
  if (d->position > 0 || (d->kind == KIND_STRING && (d->width >= 0 || d->precision >= 0)))
    return c->ok = FALSE;
  va_list *ap = c->args;
  CgMessage *value = NULL;
  switch (d->kind)
    {
    case KIND_STRING:
      {
        const char *s = va_arg (*ap, const char *);
        value = cg_message_literal (s != NULL ? s : "(null)");
        break;
      }
    case KIND_INT:
      {
        gint64 v;
        switch (d->length)
          {
          case LEN_L: v = va_arg (*ap, long); break;
          case LEN_LL: v = va_arg (*ap, long long); break;
          case LEN_J: v = va_arg (*ap, intmax_t); break;
          case LEN_Z: v = va_arg (*ap, ssize_t); break;
          case LEN_T: v = va_arg (*ap, ptrdiff_t); break;
          default: v = va_arg (*ap, int); break;
          }
        g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);
        value = cg_message_literal (text);
        break;
      }
    case KIND_UINT:
      {
        guint64 v;
        switch (d->length)
          {
          case LEN_L: v = va_arg (*ap, unsigned long); break;
          case LEN_LL: v = va_arg (*ap, unsigned long long); break;
          case LEN_J: v = va_arg (*ap, uintmax_t); break;
          case LEN_Z: v = va_arg (*ap, size_t); break;
          case LEN_T: v = (guint64) va_arg (*ap, ptrdiff_t); break;
          default: v = va_arg (*ap, unsigned int); break;
          }
        g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
        value = cg_message_literal (text);
        break;
      }
    case KIND_FLOAT:
      value = float_literal (d, d->length == LEN_LONG_DOUBLE ? (double) va_arg (*ap, long double)
                                                            : va_arg (*ap, double));
      break;
    }
  g_ptr_array_add (c->message->args, value);
  return TRUE;
}

CgMessage *
cg_message_new_valist (const char *msgid, va_list args)
{
  g_return_val_if_fail (msgid != NULL, NULL);
  CgMessage *m = message_alloc (msgid, FALSE);
  va_list ap;
  va_copy (ap, args);
  Collect c = { m, &ap, TRUE };
  if (!walk (msgid, collect, &c) || !c.ok)
    g_critical ("the message “%s” has a conversion that cannot be sent (message.h says "
                "which can)", msgid);
  va_end (ap);
  return m;
}

CgMessage *
cg_message_new (const char *msgid, ...)
{
  va_list ap;
  va_start (ap, msgid);
  CgMessage *m = cg_message_new_valist (msgid, ap);
  va_end (ap);
  return m;
}

/* Each argument in its place: a message, a time or a span only for %s. */
static gboolean
arguments_fit (const CgMessage *m, const Signature *s)
{
  if (m->args->len != s->n)
    return FALSE;
  for (guint i = 0; i < s->n; i++)
    {
      const CgMessage *a = m->args->pdata[i];
      if ((a->args != NULL || a->value != VALUE_TEXT) && s->kinds[i] != KIND_STRING)
        return FALSE;
    }
  return TRUE;
}

CgMessage *
cg_message_compose (const char *msgid, ...)
{
  g_return_val_if_fail (msgid != NULL, NULL);
  CgMessage *m = message_alloc (msgid, FALSE);
  va_list ap;
  va_start (ap, msgid);
  for (CgMessage *a = va_arg (ap, CgMessage *); a != NULL; a = va_arg (ap, CgMessage *))
    g_ptr_array_add (m->args, a);
  va_end (ap);
  Signature s;
  if (!signature_of (msgid, &s) || !arguments_fit (m, &s))
    g_critical ("the message “%s” was given %u arguments it cannot take", msgid, m->args->len);
  return m;
}

CgMessage *
cg_message_copy (const CgMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  CgMessage *m = message_alloc (message->text, message->args == NULL);
  m->value = message->value;
  m->us = message->us;
  for (guint i = 0; message->args != NULL && i < message->args->len; i++)
    g_ptr_array_add (m->args, cg_message_copy (message->args->pdata[i]));
  return m;
}

void
cg_message_free (CgMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->text);
  if (message->args != NULL)
    g_ptr_array_unref (message->args);
  g_free (message);
}

const char *
cg_message_template (const CgMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return message->text;
}

/* ---- wording ----------------------------------------------------------- */

/* One argument as the directive d asks: a number is read back and printed
 * again (with the locale's decimal comma or grouping); text that is not
 * a number goes in as it is. */
static void
append_value (GString *out, const Directive *d, const char *text)
{
  /* printf with a format of our own making: only the flags, width and
   * precision read from the directive, and a conversion of its family. */
  GString *spec = g_string_new ("%");
  for (const char *f = d->flags; *f != '\0'; f++)
    if (*f != '#' || (d->conversion != 'd' && d->conversion != 'i' && d->conversion != 'u'))
      g_string_append_c (spec, *f);
  if (d->width >= 0)
    g_string_append_printf (spec, "%d", d->width);
  if (d->precision >= 0 && d->kind != KIND_STRING)
    g_string_append_printf (spec, ".%d", d->precision);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  switch (d->kind)
    {
    case KIND_STRING:
      g_string_append (out, text);
      break;
    case KIND_INT:
    case KIND_UINT:
      {
        gint64 v;
        guint64 u;
        g_string_append_printf (spec, "ll%c", d->conversion);
        if (d->kind == KIND_INT
            && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
          g_string_append_printf (out, spec->str, (long long) v);
        else if (d->kind == KIND_UINT
                 && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &u, NULL))
          g_string_append_printf (out, spec->str, (unsigned long long) u);
        else
          g_string_append (out, text);
        break;
      }
    case KIND_FLOAT:
      {
        char *end = NULL;
        double v = g_ascii_strtod (text, &end);
        g_string_append_c (spec, d->conversion);
        if (*text != '\0' && end != NULL && *end == '\0')
          g_string_append_printf (out, spec->str, v);
        else
          g_string_append (out, text);
        break;
      }
    }
#pragma GCC diagnostic pop
  g_string_free (spec, TRUE);
}

/* format with the values put in, by the conversions' numbers: the text
 * between conversions as it is, "%%" as "%".  format has been checked
 * with fits(). */
static char *
fill (const char *format, char **values)
{
  GString *out = g_string_new (NULL);
  const char *from = format;
  guint next = 0;
  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      g_string_append_len (out, from, p - from);
      if (p[1] == '%')
        {
          g_string_append_c (out, '%');
          p++;
          from = p + 1;
          continue;
        }
      Directive d;
      directive_read (p, &d);
      append_value (out, &d, values[d.position > 0 ? (guint) d.position - 1 : next++]);
      from = p + d.len;
      p = from - 1;
    }
  g_string_append (out, from);
  return g_string_free (out, FALSE);
}

/* The message worded, its template translated or not; NULL when it does
 * not fit its arguments (a translation with other conversions, or a
 * message nested too deep). */
static char *
render (const CgMessage *m, gboolean translate, int depth)
{
  /* Times and spans as the reader reads them, whoever sent them. */
  if (m->value == VALUE_TIME)
    return cg_time_format_local (m->us, NULL);
  if (m->value == VALUE_DATE)
    return cg_time_format_date (m->us, NULL);
  if (m->value == VALUE_DURATION)
    return cg_duration_format (m->us);
  if (m->args == NULL)
    return g_strdup (m->text);
  Signature s;
  if (depth > MAX_DEPTH || !signature_of (m->text, &s) || !arguments_fit (m, &s))
    return NULL;
  /* gettext ("") is the catalogue's header, not a translation. */
  const char *format = translate && *m->text != '\0' ? _(m->text) : m->text;
  if (!fits (format, &s))
    return NULL;
  char **values = g_new0 (char *, s.n + 1);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < s.n; i++)
    ok = (values[i] = render (m->args->pdata[i], translate, depth + 1)) != NULL;
  char *text = ok ? fill (format, values) : NULL;
  g_strfreev (values);
  return text;
}

char *
cg_message_word (const CgMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  char *text = render (message, TRUE, 0);
  if (text == NULL)
    text = render (message, FALSE, 0);
  return text != NULL ? text : g_strdup (message->text);
}

char *
cg_message_word_translated (const CgMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  /* gettext gives back its argument when it has no translation. */
  if (message->args == NULL || *message->text == '\0' || _(message->text) == message->text)
    return NULL;
  return render (message, TRUE, 0);
}

/* ---- JSON -------------------------------------------------------------- */

JsonNode *
cg_message_to_json (const CgMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  if (message->value != VALUE_TEXT)
    {
      JsonObject *obj = json_object_new ();
      if (message->value == VALUE_TIME || message->value == VALUE_DATE)
        json_object_set_string_member (obj, message->value == VALUE_DATE ? "date" : "time",
                                       message->text);
      else
        json_object_set_int_member (obj, "seconds", message->us / CG_USEC_PER_SEC);
      JsonNode *node = json_node_init_object (json_node_alloc (), obj);
      json_object_unref (obj);
      return node;
    }
  if (message->args == NULL)
    return json_node_init_string (json_node_alloc (), message->text);
  JsonArray *args = json_array_sized_new (message->args->len);
  for (guint i = 0; i < message->args->len; i++)
    json_array_add_element (args, cg_message_to_json (message->args->pdata[i]));
  JsonObject *obj = json_object_new ();
  json_object_set_string_member (obj, "text", message->text);
  json_object_set_array_member (obj, "args", args);
  JsonNode *node = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  return node;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* {"time": ISO 8601}, {"date": ISO 8601} or {"seconds": N}, an argument
 * only; NULL when node is none of them. */
static CgMessage *
time_from_json (JsonObject *obj)
{
  JsonNode *time = json_object_get_member (obj, "time");
  JsonNode *date = json_object_get_member (obj, "date");
  JsonNode *seconds = json_object_get_member (obj, "seconds");
  gint64 us = 0;
  if ((time != NULL) + (date != NULL) + (seconds != NULL) != 1)
    return NULL;
  if (is_string (time) && cg_time_parse (json_node_get_string (time), NULL, &us, NULL))
    return cg_message_time (us);
  if (is_string (date) && cg_time_parse (json_node_get_string (date), NULL, &us, NULL))
    return cg_message_date (us);
  if (seconds != NULL && JSON_NODE_HOLDS_VALUE (seconds)
      && json_node_get_value_type (seconds) == G_TYPE_INT64)
    {
      gint64 s = json_node_get_int (seconds);
      if (s >= 0 && s <= G_MAXINT64 / CG_USEC_PER_SEC)
        return cg_message_duration (s * CG_USEC_PER_SEC);
    }
  return NULL;
}

static CgMessage *
from_json (JsonNode *node, int depth)
{
  if (is_string (node) && depth > 0)
    return cg_message_literal (json_node_get_string (node));
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > MAX_DEPTH)
    return NULL;
  JsonObject *obj = json_node_get_object (node);
  if (depth > 0 && !json_object_has_member (obj, "text"))
    return time_from_json (obj);
  JsonNode *text = json_object_get_member (obj, "text");
  JsonNode *args = json_object_get_member (obj, "args");
  if (!is_string (text) || *json_node_get_string (text) == '\0'
      || strlen (json_node_get_string (text)) > MAX_TEXT
      || (args != NULL && !JSON_NODE_HOLDS_ARRAY (args)))
    return NULL;
  JsonArray *list = args != NULL ? json_node_get_array (args) : NULL;
  guint n = list != NULL ? json_array_get_length (list) : 0;
  if (n > MAX_ARGS)
    return NULL;
  g_autoptr (CgMessage) m = message_alloc (json_node_get_string (text), FALSE);
  for (guint i = 0; i < n; i++)
    {
      CgMessage *a = from_json (json_array_get_element (list, i), depth + 1);
      if (a == NULL)
        return NULL;
      g_ptr_array_add (m->args, a);
    }
  Signature s;
  if (!signature_of (m->text, &s) || !arguments_fit (m, &s))
    return NULL;
  return g_steal_pointer (&m);
}

CgMessage *
cg_message_from_json (JsonNode *node)
{
  return from_json (node, 0);
}
