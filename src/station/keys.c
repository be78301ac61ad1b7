/* keys.c — key codes from ncurses, folding for hotkeys, key tables,
 * key names. */
#include "keys.h"

#include "common/i18n.h"

#include <curses.h>
#include <string.h>

/* keys.h mirrors these so that screens need not include curses.h. */
G_STATIC_ASSERT (CG_KEY_DOWN == CG_KEY_CODE (KEY_DOWN));
G_STATIC_ASSERT (CG_KEY_UP == CG_KEY_CODE (KEY_UP));
G_STATIC_ASSERT (CG_KEY_LEFT == CG_KEY_CODE (KEY_LEFT));
G_STATIC_ASSERT (CG_KEY_RIGHT == CG_KEY_CODE (KEY_RIGHT));
G_STATIC_ASSERT (CG_KEY_HOME == CG_KEY_CODE (KEY_HOME));
G_STATIC_ASSERT (CG_KEY_BACKSPACE == CG_KEY_CODE (KEY_BACKSPACE));
G_STATIC_ASSERT (CG_KEY_F0 == CG_KEY_CODE (KEY_F0));
G_STATIC_ASSERT (CG_KEY_F (10) == CG_KEY_CODE (KEY_F (10)));
G_STATIC_ASSERT (CG_KEY_DELETE == CG_KEY_CODE (KEY_DC));
G_STATIC_ASSERT (CG_KEY_INSERT == CG_KEY_CODE (KEY_IC));
G_STATIC_ASSERT (CG_KEY_PAGE_DOWN == CG_KEY_CODE (KEY_NPAGE));
G_STATIC_ASSERT (CG_KEY_PAGE_UP == CG_KEY_CODE (KEY_PPAGE));
G_STATIC_ASSERT (CG_KEY_BACK_TAB == CG_KEY_CODE (KEY_BTAB));
G_STATIC_ASSERT (CG_KEY_END == CG_KEY_CODE (KEY_END));
G_STATIC_ASSERT (CG_KEY_MOUSE == CG_KEY_CODE (KEY_MOUSE));
G_STATIC_ASSERT (CG_KEY_RESIZE == CG_KEY_CODE (KEY_RESIZE));
G_STATIC_ASSERT (CG_KEY_CODE_BASE > 0x10ffff);

int
cg_key_from_pair (int curses_key, gunichar ch)
{
  switch (curses_key)
    {
    case 0:
      break;
    case KEY_ENTER:
      return CG_KEY_ENTER;
    case KEY_A1:
      return '7';
    case KEY_A3:
      return '9';
    case KEY_B2:
      return '5';
    case KEY_C1:
      return '1';
    case KEY_C3:
      return '3';
    default:
      return CG_KEY_CODE (curses_key);
    }
  switch (ch)
    {
    case '\r':
      return CG_KEY_ENTER;
    case 0x08:
    case 0x7f:
      return CG_KEY_BACKSPACE;
    default:
      return ch <= 0x10ffff ? (int) ch : CG_KEY_NONE;
    }
}

int
cg_key_from_curses (int rc, guint32 wch)
{
  if (rc == KEY_CODE_YES)
    return cg_key_from_pair ((int) wch, 0);
  if (rc == OK)
    return cg_key_from_pair (0, wch);
  return CG_KEY_NONE;
}

/* The combining marks of Vietnamese: five tones, then the shapes. */
enum
{
  MARK_GRAVE = 0x300,
  MARK_ACUTE = 0x301,
  MARK_CIRCUMFLEX = 0x302,
  MARK_TILDE = 0x303,
  MARK_BREVE = 0x306,
  MARK_HOOK = 0x309,
  MARK_HORN = 0x31b,
  MARK_DOT_BELOW = 0x323,
};

gunichar
cg_key_fold (gunichar c)
{
  if (c < 0x80)
    return g_ascii_tolower ((char) c);
  if (c == 0x0110 || c == 0x0111) /* Đ đ: no decomposition */
    return 'd';
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  if (n < 2 || parts[0] >= 0x80 || strchr ("aeiouy", g_ascii_tolower ((char) parts[0])) == NULL)
    return c;
  gunichar base = g_ascii_tolower ((char) parts[0]);
  int tones = 0;
  gunichar shape = 0;
  for (gsize i = 1; i < n; i++)
    switch (parts[i])
      {
      case MARK_GRAVE:
      case MARK_ACUTE:
      case MARK_TILDE:
      case MARK_HOOK:
      case MARK_DOT_BELOW:
        tones++;
        break;
      case MARK_CIRCUMFLEX:
      case MARK_BREVE:
      case MARK_HORN:
        if (shape != 0)
          return c;
        shape = parts[i];
        break;
      default:
        return c;
      }
  if (tones > 1)
    return c;
  /* Only the shapes Vietnamese writes: â ê ô, ă, ơ ư. */
  if ((shape == MARK_CIRCUMFLEX && strchr ("aeo", (char) base) == NULL)
      || (shape == MARK_BREVE && base != 'a')
      || (shape == MARK_HORN && base != 'o' && base != 'u'))
    return c;
  if (shape == MARK_HORN && base == 'u')
    return 'w';
  return base;
}

gboolean
cg_key_is_safe_hotkey (int key)
{
  if (CG_KEY_IS_CODE (key))
    return TRUE;
  if (key == CG_KEY_ENTER || key == CG_KEY_ESC || key == CG_KEY_TAB || key == CG_KEY_SPACE)
    return TRUE;
  if (key <= 0 || key >= 0x7f)
    return FALSE; /* controls; and non-ASCII, which only arrives composed */
  if (g_ascii_isalpha (key))
    return strchr ("sfrxjzw", g_ascii_tolower (key)) == NULL;
  if (g_ascii_isdigit (key))
    return TRUE;
  if (g_ascii_ispunct (key))
    return strchr ("[]{}", key) == NULL;
  return FALSE;
}

static int
fold_key (int key)
{
  if (CG_KEY_IS_CODE (key) || key <= 0)
    return key;
  return (int) cg_key_fold ((gunichar) key);
}

static int
row_length (const CgKeyRow *row)
{
  int n = 0;
  while (n < CG_KEY_ROW_KEYS && row->keys[n] != CG_KEY_NONE)
    n++;
  return n;
}

static gboolean
row_binds (const CgKeyRow *row, int key, int folded)
{
  for (int i = 0; i < row_length (row); i++)
    if (row->keys[i] == key || fold_key (row->keys[i]) == folded)
      return TRUE;
  return FALSE;
}

const CgKeyRow *
cg_key_row_find (const CgKeyRow *table, int key)
{
  if (key == CG_KEY_NONE || table == NULL)
    return NULL;
  int folded = fold_key (key);
  for (const CgKeyRow *row = table; row->keys[0] != CG_KEY_NONE; row++)
    if (row_binds (row, key, folded))
      return row;
  return NULL;
}

int
cg_key_dispatch (const CgKeyRow *table, gpointer self, int key)
{
  const CgKeyRow *row = cg_key_row_find (table, key);
  if (row == NULL || row->action == NULL)
    return CG_KEY_IGNORED;
  return row->action (self, key);
}

char *
cg_key_row_keys (const CgKeyRow *row, gboolean utf8)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < row_length (row); i++)
    {
      g_autofree char *name = cg_key_name (row->keys[i], utf8);
      g_string_append_printf (s, "%s%s", i > 0 ? " " : "", name);
    }
  return g_string_free (s, FALSE);
}

const CgKeyRow *
cg_key_table_unsafe (const CgKeyRow *table, int *key)
{
  for (const CgKeyRow *row = table; row->keys[0] != CG_KEY_NONE; row++)
    for (int i = 0; i < row_length (row); i++)
      if (!cg_key_is_safe_hotkey (row->keys[i]))
        {
          if (key != NULL)
            *key = row->keys[i];
          return row;
        }
  return NULL;
}

gboolean
cg_key_tables_clash (const CgKeyRow *a, const CgKeyRow *b, const CgKeyRow **row_a,
                     const CgKeyRow **row_b, int *key)
{
  for (const CgKeyRow *ra = a; ra->keys[0] != CG_KEY_NONE; ra++)
    for (int i = 0; i < row_length (ra); i++)
      for (const CgKeyRow *rb = b; rb->keys[0] != CG_KEY_NONE; rb++)
        if (rb != ra && row_binds (rb, ra->keys[i], fold_key (ra->keys[i])))
          {
            if (row_a != NULL)
              *row_a = ra;
            if (row_b != NULL)
              *row_b = rb;
            if (key != NULL)
              *key = ra->keys[i];
            return TRUE;
          }
  return FALSE;
}

static const struct
{
  int key;
  const char *utf8;
  const char *ascii; /* N_() when it is a word */
} named_keys[] = {
  { CG_KEY_UP, "↑", N_("Up") },
  { CG_KEY_DOWN, "↓", N_("Down") },
  { CG_KEY_LEFT, "←", N_("Left") },
  { CG_KEY_RIGHT, "→", N_("Right") },
  { CG_KEY_ENTER, NULL, "Enter" },
  { CG_KEY_ESC, NULL, "Esc" },
  { CG_KEY_TAB, NULL, "Tab" },
  { CG_KEY_BACK_TAB, NULL, "Shift+Tab" },
  { CG_KEY_SPACE, NULL, N_("Space") },
  { CG_KEY_BACKSPACE, NULL, "Backspace" },
  { CG_KEY_DELETE, NULL, "Del" },
  { CG_KEY_INSERT, NULL, "Ins" },
  { CG_KEY_HOME, NULL, "Home" },
  { CG_KEY_END, NULL, "End" },
  { CG_KEY_PAGE_UP, NULL, "PgUp" },
  { CG_KEY_PAGE_DOWN, NULL, "PgDn" },
};

char *
cg_key_name (int key, gboolean utf8)
{
  const char *name = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (named_keys) && name == NULL; i++)
    if (named_keys[i].key == key)
      name = (utf8 && named_keys[i].utf8 != NULL) ? named_keys[i].utf8 : _(named_keys[i].ascii);

  g_autofree char *made = NULL;
  if (name == NULL)
    {
      if (key >= CG_KEY_F0 && key <= CG_KEY_F (63))
        made = g_strdup_printf ("F%d", key - CG_KEY_F0);
      else if (key > 0 && key < 0x20)
        made = g_strdup_printf ("Ctrl+%c", key + '@');
      else if (!CG_KEY_IS_CODE (key) && key > 0 && g_unichar_isprint ((gunichar) key))
        {
          char buf[8] = { 0 };
          g_unichar_to_utf8 ((gunichar) key, buf);
          made = g_strdup (buf);
        }
      else
        made = g_strdup_printf ("#%d", key);
      name = made;
    }
  if (utf8)
    return g_strdup (name);
  /* g_str_to_ascii turns đ, which has no decomposition, into "?". */
  GString *s = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x0110 || c == 0x0111)
        g_string_append_c (s, c == 0x0110 ? 'D' : 'd');
      else
        g_string_append_unichar (s, c);
    }
  g_autofree char *folded = g_string_free (s, FALSE);
  return g_str_to_ascii (folded, "C");
}
