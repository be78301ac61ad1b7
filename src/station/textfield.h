/* textfield.h — a single-line text field without the drawing: the text,
 * the cursor, editing keys, the built-in Telex/VNI composer, and which
 * part of the text shows in a given width.
 *
 * Text is UTF-8 in NFC and edited by character: a letter with combining
 * marks that do not compose ("x̃") is one character for the cursor,
 * Backspace and the maximum length.  Backspace deletes exactly one
 * character, which is what Unikey and ibus-bamboo count on when they
 * rewrite a letter by sending Backspace and the new one ("a", Backspace,
 * "á" leaves "á").  (Unikey set to "Unicode tổ hợp" sends a letter and a
 * mark and then two Backspaces; use its default, "Unicode dựng sẵn".)
 *
 * The station passes every key to cg_text_field_key() first while a field
 * has focus, and handles the key itself when the result is
 * CG_TEXT_FIELD_IGNORED (Enter, Esc, Tab, Up, Down, F-keys).
 */
#pragma once

#include "keys.h"
#include "telex.h"

#include <glib.h>

typedef struct CgTextField CgTextField;

/* Flags, as a screen's key handler reports them. */
typedef enum
{
  CG_TEXT_FIELD_IGNORED = 0,        /* not an editing key: the screen's */
  CG_TEXT_FIELD_HANDLED = 1 << 0,   /* the field used it; redraw it */
  CG_TEXT_FIELD_CHANGED = 1 << 1,   /* the text changed */
  CG_TEXT_FIELD_REFUSED = 1 << 2,   /* the field is full: beep */
  CG_TEXT_FIELD_IME_CHANGED = 1 << 3, /* Ctrl+T switched the composer */
} CgTextFieldResult;

/* max_chars: the most characters the field holds; 0 for no limit. */
CgTextField *cg_text_field_new (int max_chars);
void cg_text_field_free (CgTextField *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTextField, cg_text_field_free)

/* Replaces the text (normalised to NFC, control characters dropped) and
 * puts the cursor at its end.  FALSE when text had to be cut to the
 * maximum length or was not UTF-8 (the field is then empty). */
gboolean cg_text_field_set_text (CgTextField *f, const char *text);
/* The text, NFC; owned by the field, valid until the next change. */
const char *cg_text_field_text (CgTextField *f);
/* Characters in the text, and before the cursor. */
int cg_text_field_length (const CgTextField *f);
int cg_text_field_cursor (const CgTextField *f);
void cg_text_field_set_cursor (CgTextField *f, int position);

void cg_text_field_set_ime (CgTextField *f, CgImeMode mode);
CgImeMode cg_text_field_ime (const CgTextField *f);
void cg_text_field_set_tone_style (CgTextField *f, CgImeToneStyle style);

/* One key, as the screens' handle_key gets it: key is a curses KEY_*
 * code (get_wch returned KEY_CODE_YES), or 0 when ch is a typed
 * character (get_wch returned OK).  Characters are typed (through the
 * composer when it is on, applied to the letters before the cursor);
 * ← → Home End Backspace Delete move and delete; Ctrl+A/E/B/F/D/K/U/W
 * work as in a shell; Ctrl+T switches the composer. */
CgTextFieldResult cg_text_field_key (CgTextField *f, int key, gunichar ch);

/* The same for a station key (keys.h): cg_key_from_curses() or a
 * CG_KEY_* value. */
CgTextFieldResult cg_text_field_press (CgTextField *f, int key);

/* Inserts text at the cursor without the composer (a paste); refused
 * whole when it does not fit. */
CgTextFieldResult cg_text_field_insert (CgTextField *f, const char *text);

/* Terminal cells taken by the whole text. */
int cg_text_field_width (const CgTextField *f);

/* The part of the text to draw in `width` cells, scrolled so that the
 * cursor and the character under it are visible (the field remembers how
 * far it is scrolled, so the view does not jump), and the cursor's column
 * in it.  A wide character that would straddle the right edge is left
 * out. */
char *cg_text_field_view (CgTextField *f, int width, int *cursor_col);

/* The field's editing keys: cg_text_field_press() dispatches them, the
 * help screen and the status line show them.  Not hotkeys: Ctrl+T and
 * the Ctrl letters are safe here because letters are text in a field. */
extern const CgKeyRow cg_text_field_keys[];
