/* keys.h — the station's keys, and hotkeys that survive Vietnamese input
 * methods.
 *
 * Officers type with Unikey or ibus-bamboo left on, in Telex or VNI.
 * These rewrite what was typed: after "a", the key "s" arrives as
 * Backspace followed by "á".  So a hotkey must be a key that the input
 * methods never swallow as a modifier, and a letter that arrives with
 * diacritics must still find its hotkey ("Đ" finds "d", "ư" finds "w").
 *
 * A key is one int for the whole station:
 *   - a character is its Unicode code point ('q', 0x1ec7 'ệ'), with
 *     Enter, Esc, Tab and Backspace canonicalised below;
 *   - anything ncurses reports as KEY_CODE_YES is CG_KEY_CODE (its KEY_*
 *     value), above the Unicode range, because ncurses' codes 0401..0777
 *     collide with code points ('Ă' is 0402, KEY_DOWN too).
 * cg_key_from_curses() turns what get_wch() returned into such a key,
 * cg_key_from_pair() a curses (key, ch) pair.
 * This header does not need curses.h; keys.c checks that the mirrored
 * values match it.
 */
#pragma once

#include <glib.h>

#define CG_KEY_CODE_BASE 0x200000
#define CG_KEY_CODE(curses_key) (CG_KEY_CODE_BASE + (curses_key))
#define CG_KEY_IS_CODE(key) ((key) >= CG_KEY_CODE_BASE)

/* Ctrl+letter as the terminal sends it: CG_KEY_CTRL ('t') is 0x14. */
#define CG_KEY_CTRL(letter) ((letter) & 0x1f)

enum
{
  CG_KEY_NONE = 0,
  CG_KEY_TAB = '\t',
  CG_KEY_ENTER = '\n', /* also '\r' and the keypad's KEY_ENTER */
  CG_KEY_ESC = 0x1b,
  CG_KEY_SPACE = ' ',
  /* The values of curses.h, offset by CG_KEY_CODE_BASE. */
  CG_KEY_DOWN = CG_KEY_CODE (0402),
  CG_KEY_UP = CG_KEY_CODE (0403),
  CG_KEY_LEFT = CG_KEY_CODE (0404),
  CG_KEY_RIGHT = CG_KEY_CODE (0405),
  CG_KEY_HOME = CG_KEY_CODE (0406),
  CG_KEY_BACKSPACE = CG_KEY_CODE (0407), /* also 0x08 and 0x7f */
  CG_KEY_F0 = CG_KEY_CODE (0410),
  CG_KEY_DELETE = CG_KEY_CODE (0512),
  CG_KEY_INSERT = CG_KEY_CODE (0513),
  CG_KEY_PAGE_DOWN = CG_KEY_CODE (0522),
  CG_KEY_PAGE_UP = CG_KEY_CODE (0523),
  CG_KEY_BACK_TAB = CG_KEY_CODE (0541),
  CG_KEY_END = CG_KEY_CODE (0550),
  CG_KEY_MOUSE = CG_KEY_CODE (0631),
  CG_KEY_RESIZE = CG_KEY_CODE (0632),
  /* Switches a text field's built-in Telex/VNI composer.  Ctrl+T is free
   * in raw mode on every terminal we met and no input method uses it. */
  CG_KEY_IME_TOGGLE = CG_KEY_CTRL ('t'),
};

#define CG_KEY_F(n) (CG_KEY_F0 + (n))

/* What get_wch() returned (its result: OK, KEY_CODE_YES or ERR, and the
 * wint_t it filled) as a station key; CG_KEY_NONE for ERR. */
int cg_key_from_curses (int rc, guint32 wch);

/* A (key, ch) pair as a station key: curses_key is a curses KEY_* code,
 * or 0 when ch is a typed character.  The keypad's corners and centre
 * (KEY_A1 ... KEY_C3: what its 7 9 5 1 3 send in application mode, which
 * ncurses turns on) are those digits, so that the digits switch screens
 * from the keypad too. */
int cg_key_from_pair (int curses_key, gunichar ch);

/* The letter a hotkey lookup uses: Vietnamese letters lose their tone and
 * shape (ấ->a, ộ->o, ơ->o, đ->d) except ư, which folds to w because Telex
 * makes ư from w; then ASCII upper case becomes lower case.  Other
 * characters, and keys that are not characters, come back unchanged. */
gunichar cg_key_fold (gunichar c);

/* TRUE for a key that Telex and VNI input methods never take as a
 * modifier, so the station may bind it:
 *   - keys that are not characters (F-keys, arrows, Home, PgUp ...),
 *     Enter, Esc, Tab, Space;
 *   - letters except s f r x j (Telex tones), z (Telex: remove the tone)
 *     and w (Telex: horn and breve — "aw" would arrive as "ă" and fold to
 *     a).  The doubling letters a e o d are allowed: "aa" arrives as a,
 *     Backspace, "â", and "â" folds back to a, so both presses count;
 *   - digits: VNI's modifiers, but only after a vowel or d in the word the
 *     input method is building, and input methods end that word on
 *     arrows, Enter, Esc and F-keys.  Screens bind digits as spare screen
 *     keys beside the F-keys; inside text fields digits are text;
 *   - ASCII punctuation except [ ] { } (Unikey's Telex makes ơ ư from
 *     them).
 * Control characters other than Enter, Esc and Tab are not hotkeys
 * (Ctrl+T belongs to text fields, Ctrl+H is Backspace). */
gboolean cg_key_is_safe_hotkey (int key);

/* What a key action did, as flags (htop's HANDLED | REDRAW).  The text
 * field's actions return CgTextFieldResult, whose HANDLED is the same bit. */
enum
{
  CG_KEY_IGNORED = 0,
  CG_KEY_HANDLED = 1 << 0,
  CG_KEY_REDRAW = 1 << 1,
  CG_KEY_UPDATE = 1 << 2, /* the screen needs fresh data from the daemon
                           * before it paints: the station calls its update */
};

/* An action: self is what the table belongs to (a screen's state, the
 * station, a text field); key is the key that was pressed, so that one
 * action can serve ← and →. */
typedef int (*CgKeyAction) (gpointer self, int key);

#define CG_KEY_ROW_KEYS 6

/* One named action and every key bound to it, as ncmpc's command table:
 *   { .keys = { CG_KEY_F (1), '1' }, .name = "screen-help",
 *     .label = N_("help"), .help = N_("this list of keys"), .action = fn }
 * The same rows drive the dispatch, the help screen (which shows every key
 * of a row, "F1 1") and the status line's hints, so none can drift from
 * the others.  A table ends with a row without keys. */
typedef struct
{
  int keys[CG_KEY_ROW_KEYS]; /* the first CG_KEY_NONE ends them */
  const char *name;          /* "screen-help": stable, for tests and documents */
  const char *label;         /* N_(): the status line's word for it */
  const char *help;          /* N_(): the help screen's line */
  CgKeyAction action;
} CgKeyRow;

/* The row of table that binds key, or NULL.  Characters are compared
 * folded, so 'Đ' and 'đ' find the row for 'd', 'Ư' the row for 'w'. */
const CgKeyRow *cg_key_row_find (const CgKeyRow *table, int key);

/* Runs the action of the row binding key, with self; CG_KEY_IGNORED when
 * no row binds it (or table is NULL). */
int cg_key_dispatch (const CgKeyRow *table, gpointer self, int key);

/* The keys of a row as help shows them, separated by spaces: "F1 1",
 * "← ↑ → ↓" ("Left Up Right Down" without UTF-8). */
char *cg_key_row_keys (const CgKeyRow *row, gboolean utf8);

/* The first row of table with a key that is not a safe hotkey, or NULL
 * when all are safe; *key (may be NULL) gets the key. */
const CgKeyRow *cg_key_table_unsafe (const CgKeyRow *table, int *key);

/* TRUE when a key of a row of a is also bound by another row of b (a and
 * b may be the same table), comparing folded keys as the lookup does: the
 * second row could never be reached.  *row_a, *row_b and *key (each may
 * be NULL) get the first clash. */
gboolean cg_key_tables_clash (const CgKeyRow *a, const CgKeyRow *b, const CgKeyRow **row_a,
                              const CgKeyRow **row_b, int *key);

/* How the key is named on screen: "F1", "↑", "Enter", "Esc", "Tab", "q",
 * "Ctrl+T", "Space" (translated).  When the terminal is not UTF-8
 * (utf8 FALSE) the name is ASCII: "Up" for "↑", "d" for "đ". */
char *cg_key_name (int key, gboolean utf8);
