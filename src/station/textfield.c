/* textfield.c — editing one line of Vietnamese text, by character.
 *
 * The text is kept as an array of characters, each a small NFC string (a
 * base and the marks that did not compose with it), so that the cursor,
 * deleting and the length never split one.  What is typed is
 * normalised with the character before it, so that a combining mark typed
 * after "a" becomes "á".
 */
#include "textfield.h"

#include "common/i18n.h"

#include <string.h>

struct CgTextField
{
  GPtrArray *chars; /* char *, one character each */
  int cursor;       /* characters before the cursor */
  int scroll;       /* the first character shown */
  int max_chars;
  CgImeMode ime;
  CgImeToneStyle tone_style;
  GString *text; /* the joined text, made on demand */
  gboolean text_stale;
};

CgTextField *
cg_text_field_new (int max_chars)
{
  CgTextField *f = g_new0 (CgTextField, 1);
  f->chars = g_ptr_array_new_with_free_func (g_free);
  f->max_chars = MAX (max_chars, 0);
  f->text = g_string_new (NULL);
  return f;
}

void
cg_text_field_free (CgTextField *f)
{
  if (f == NULL)
    return;
  g_ptr_array_unref (f->chars);
  g_string_free (f->text, TRUE);
  g_free (f);
}

static int
char_count (const CgTextField *f)
{
  return (int) f->chars->len;
}

static const char *
char_at (const CgTextField *f, int i)
{
  return g_ptr_array_index (f->chars, i);
}

static gboolean
attaches (gunichar c)
{
  /* Combining marks, and the joiners and variation selectors that only
   * mean something with the character before them. */
  return g_unichar_ismark (c) || c == 0x200d || c == 0x200c || (c >= 0xfe00 && c <= 0xfe0f);
}

static int
char_width (const char *s)
{
  gunichar c = g_utf8_get_char (s);
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/* text (valid UTF-8, NFC) cut into characters, control characters
 * dropped and tabs and line breaks turned into spaces. */
static GPtrArray *
split_chars (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *cur = NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\t' || c == '\n' || c == '\r')
        c = ' ';
      if (g_unichar_iscntrl (c) || (!g_unichar_isprint (c) && !attaches (c)))
        continue;
      if (cur == NULL || !attaches (c))
        {
          if (cur != NULL)
            g_ptr_array_add (out, g_string_free (cur, FALSE));
          cur = g_string_new (NULL);
        }
      g_string_append_unichar (cur, c);
    }
  if (cur != NULL)
    g_ptr_array_add (out, g_string_free (cur, FALSE));
  return out;
}

/* Joins chars [from, to) onto out. */
static void
join (const CgTextField *f, int from, int to, GString *out)
{
  for (int i = from; i < to; i++)
    g_string_append (out, char_at (f, i));
}

static void
changed (CgTextField *f)
{
  f->text_stale = TRUE;
}

/* Replaces chars [from, to) with text, normalised; the cursor goes after
 * the new text.  Refused when the result would be too long. */
static CgTextFieldResult
replace (CgTextField *f, int from, int to, const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_REFUSED;
  /* The character before takes part, so that a mark typed after a letter
   * composes with it. */
  int keep = from > 0 ? from - 1 : from;
  g_autoptr (GString) joined = g_string_new (NULL);
  join (f, keep, from, joined);
  g_string_append (joined, text);
  /* A mark with no letter before it (typed at the start) takes the
   * letter now typed before it. */
  int end = to;
  if (end < char_count (f) && attaches (g_utf8_get_char (char_at (f, end))))
    {
      join (f, end, end + 1, joined);
      end++;
    }
  g_autofree char *nfc = g_utf8_normalize (joined->str, -1, G_NORMALIZE_NFC);
  g_autoptr (GPtrArray) fresh = split_chars (nfc);
  int len = char_count (f) - (end - keep) + (int) fresh->len;
  if (f->max_chars > 0 && len > f->max_chars && len > char_count (f))
    return CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_REFUSED;
  g_ptr_array_remove_range (f->chars, (guint) keep, (guint) (end - keep));
  for (guint i = 0; i < fresh->len; i++)
    g_ptr_array_insert (f->chars, keep + (int) i, g_strdup (g_ptr_array_index (fresh, i)));
  f->cursor = keep + (int) fresh->len;
  changed (f);
  return CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_CHANGED;
}

static CgTextFieldResult
delete_range (CgTextField *f, int from, int to)
{
  from = CLAMP (from, 0, char_count (f));
  to = CLAMP (to, from, char_count (f));
  if (from == to)
    return CG_TEXT_FIELD_HANDLED;
  g_ptr_array_remove_range (f->chars, (guint) from, (guint) (to - from));
  if (f->cursor > to)
    f->cursor -= to - from;
  else if (f->cursor > from)
    f->cursor = from;
  changed (f);
  return CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_CHANGED;
}

gboolean
cg_text_field_set_text (CgTextField *f, const char *text)
{
  g_ptr_array_set_size (f->chars, 0);
  f->cursor = f->scroll = 0;
  changed (f);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return text == NULL;
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autoptr (GPtrArray) fresh = split_chars (nfc);
  guint n = fresh->len;
  if (f->max_chars > 0)
    n = MIN (n, (guint) f->max_chars);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (f->chars, g_strdup (g_ptr_array_index (fresh, i)));
  f->cursor = char_count (f);
  return n == fresh->len;
}

const char *
cg_text_field_text (CgTextField *f)
{
  if (f->text_stale)
    {
      g_string_truncate (f->text, 0);
      join (f, 0, char_count (f), f->text);
      f->text_stale = FALSE;
    }
  return f->text->str;
}

int
cg_text_field_length (const CgTextField *f)
{
  return char_count (f);
}

int
cg_text_field_cursor (const CgTextField *f)
{
  return f->cursor;
}

void
cg_text_field_set_cursor (CgTextField *f, int position)
{
  f->cursor = CLAMP (position, 0, char_count (f));
}

void
cg_text_field_set_ime (CgTextField *f, CgImeMode mode)
{
  f->ime = mode;
}

CgImeMode
cg_text_field_ime (const CgTextField *f)
{
  return f->ime;
}

void
cg_text_field_set_tone_style (CgTextField *f, CgImeToneStyle style)
{
  f->tone_style = style;
}

CgTextFieldResult
cg_text_field_insert (CgTextField *f, const char *text)
{
  return replace (f, f->cursor, f->cursor, text);
}

/* The letters before the cursor: the word the composer works on. */
static int
word_start (const CgTextField *f)
{
  int i = f->cursor;
  while (i > 0 && g_unichar_isalpha (g_utf8_get_char (char_at (f, i - 1))))
    i--;
  return i;
}

static CgTextFieldResult
type_char (CgTextField *f, gunichar c)
{
  char buf[8] = { 0 };
  if (f->ime != CG_IME_OFF)
    {
      int start = word_start (f);
      g_autoptr (GString) word = g_string_new (NULL);
      join (f, start, f->cursor, word);
      if (cg_ime_feed_style (f->ime, f->tone_style, word, c))
        return replace (f, start, f->cursor, word->str);
    }
  g_unichar_to_utf8 (c, buf);
  return replace (f, f->cursor, f->cursor, buf);
}

/* Where Ctrl+W deletes back to: over spaces, then over the word. */
static int
previous_word (const CgTextField *f)
{
  int i = f->cursor;
  while (i > 0 && g_unichar_isspace (g_utf8_get_char (char_at (f, i - 1))))
    i--;
  while (i > 0 && !g_unichar_isspace (g_utf8_get_char (char_at (f, i - 1))))
    i--;
  return i;
}

CgTextFieldResult
cg_text_field_key (CgTextField *f, int key, gunichar ch)
{
  return cg_text_field_press (f, cg_key_from_pair (key, ch));
}

/* ---- the editing keys, one row per action --------------------------- */

static int
toggle_ime (gpointer self, int key)
{
  CgTextField *f = self;
  f->ime = cg_ime_mode_next (f->ime);
  return CG_TEXT_FIELD_HANDLED | CG_TEXT_FIELD_IME_CHANGED;
}

static int
move_back (gpointer self, int key)
{
  CgTextField *f = self;
  f->cursor = MAX (f->cursor - 1, 0);
  return CG_TEXT_FIELD_HANDLED;
}

static int
move_forward (gpointer self, int key)
{
  CgTextField *f = self;
  f->cursor = MIN (f->cursor + 1, char_count (f));
  return CG_TEXT_FIELD_HANDLED;
}

static int
move_start (gpointer self, int key)
{
  CgTextField *f = self;
  f->cursor = 0;
  return CG_TEXT_FIELD_HANDLED;
}

static int
move_end (gpointer self, int key)
{
  CgTextField *f = self;
  f->cursor = char_count (f);
  return CG_TEXT_FIELD_HANDLED;
}

static int
delete_before (gpointer self, int key)
{
  CgTextField *f = self;
  return delete_range (f, f->cursor - 1, f->cursor);
}

static int
delete_under (gpointer self, int key)
{
  CgTextField *f = self;
  return delete_range (f, f->cursor, f->cursor + 1);
}

static int
delete_to_start (gpointer self, int key)
{
  CgTextField *f = self;
  return delete_range (f, 0, f->cursor);
}

static int
delete_to_end (gpointer self, int key)
{
  CgTextField *f = self;
  return delete_range (f, f->cursor, char_count (f));
}

static int
delete_word (gpointer self, int key)
{
  CgTextField *f = self;
  return delete_range (f, previous_word (f), f->cursor);
}

/* The field's results travel through cg_key_dispatch(), which tells a
 * key it did not handle by CG_KEY_IGNORED. */
G_STATIC_ASSERT ((int) CG_TEXT_FIELD_IGNORED == (int) CG_KEY_IGNORED);
G_STATIC_ASSERT ((int) CG_TEXT_FIELD_HANDLED == (int) CG_KEY_HANDLED);

/* The Ctrl keys are a shell's (readline's), for officers who know them. */
const CgKeyRow cg_text_field_keys[] = {
  { .keys = { CG_KEY_IME_TOGGLE }, .name = "field-typing", .label = N_("typing"),
    .help = N_("Switch Vietnamese typing: no accents, Telex, VNI"), .action = toggle_ime },
  { .keys = { CG_KEY_LEFT, CG_KEY_CTRL ('b') }, .name = "field-back", .label = N_("back"),
    .help = N_("Move the cursor one letter back"), .action = move_back },
  { .keys = { CG_KEY_RIGHT, CG_KEY_CTRL ('f') }, .name = "field-forward", .label = N_("forward"),
    .help = N_("Move the cursor one letter forward"), .action = move_forward },
  { .keys = { CG_KEY_HOME, CG_KEY_CTRL ('a') }, .name = "field-start", .label = N_("start"),
    .help = N_("Move the cursor to the start of the text"), .action = move_start },
  { .keys = { CG_KEY_END, CG_KEY_CTRL ('e') }, .name = "field-end", .label = N_("end"),
    .help = N_("Move the cursor to the end of the text"), .action = move_end },
  { .keys = { CG_KEY_BACKSPACE }, .name = "field-delete-back", .label = N_("delete"),
    .help = N_("Delete the letter before the cursor"), .action = delete_before },
  { .keys = { CG_KEY_DELETE, CG_KEY_CTRL ('d') }, .name = "field-delete", .label = N_("delete"),
    .help = N_("Delete the letter under the cursor"), .action = delete_under },
  { .keys = { CG_KEY_CTRL ('u') }, .name = "field-clear-back", .label = N_("clear"),
    .help = N_("Delete everything before the cursor"), .action = delete_to_start },
  { .keys = { CG_KEY_CTRL ('k') }, .name = "field-clear", .label = N_("clear"),
    .help = N_("Delete everything after the cursor"), .action = delete_to_end },
  { .keys = { CG_KEY_CTRL ('w') }, .name = "field-delete-word", .label = N_("delete word"),
    .help = N_("Delete the word before the cursor"), .action = delete_word },
  { .keys = { CG_KEY_NONE } },
};

CgTextFieldResult
cg_text_field_press (CgTextField *f, int key)
{
  int done = cg_key_dispatch (cg_text_field_keys, f, key);
  if (done != CG_KEY_IGNORED)
    return (CgTextFieldResult) done;
  if (key <= 0 || CG_KEY_IS_CODE (key) || key > 0x10ffff)
    return CG_TEXT_FIELD_IGNORED;
  gunichar c = (gunichar) key;
  if (g_unichar_iscntrl (c) || (!g_unichar_isprint (c) && !attaches (c)))
    return CG_TEXT_FIELD_IGNORED;
  return type_char (f, c);
}

int
cg_text_field_width (const CgTextField *f)
{
  int w = 0;
  for (int i = 0; i < char_count (f); i++)
    w += char_width (char_at (f, i));
  return w;
}

static int
width_between (const CgTextField *f, int from, int to)
{
  int w = 0;
  for (int i = from; i < to; i++)
    w += char_width (char_at (f, i));
  return w;
}

char *
cg_text_field_view (CgTextField *f, int width, int *cursor_col)
{
  int n = char_count (f);
  if (width <= 0)
    {
      if (cursor_col != NULL)
        *cursor_col = 0;
      return g_strdup ("");
    }
  f->scroll = CLAMP (f->scroll, 0, f->cursor);
  /* The cursor and the character under it (or the empty cell after the
   * text) must fit. */
  int under = f->cursor < n ? MAX (char_width (char_at (f, f->cursor)), 1) : 1;
  while (f->scroll < f->cursor && width_between (f, f->scroll, f->cursor) + under > width)
    f->scroll++;
  /* Scroll back when the text from an earlier character fits, so that
   * deleting at the end brings the start back into view. */
  int tail = f->cursor == n ? 1 : 0;
  while (f->scroll > 0 && width_between (f, f->scroll - 1, n) + tail <= width)
    f->scroll--;

  GString *out = g_string_new (NULL);
  int used = 0;
  for (int i = f->scroll; i < n; i++)
    {
      int w = char_width (char_at (f, i));
      if (used + w > width)
        break;
      g_string_append (out, char_at (f, i));
      used += w;
    }
  if (cursor_col != NULL)
    *cursor_col = MIN (width_between (f, f->scroll, f->cursor), width - 1);
  return g_string_free (out, FALSE);
}
