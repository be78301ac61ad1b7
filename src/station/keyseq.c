/* keyseq.c — real terminals' escape sequences, decoding, and putting the
 * bytes ncurses did not recognise back together. */
#include "build-config.h"

#include "station/keyseq.h"

#include <curses.h>
#include <string.h>

#define ESC "\033"
#define CSI ESC "["
#define SS3 ESC "O"

/* Cursor keys in normal mode (CSI) and in application mode (SS3), which
 * ncurses' keypad() turns on where the terminfo says how. */
#define ARROWS(t)                                                                   \
  { t, CSI "A", CG_KEY_UP }, { t, CSI "B", CG_KEY_DOWN }, { t, CSI "C", CG_KEY_RIGHT }, \
    { t, CSI "D", CG_KEY_LEFT }, { t, SS3 "A", CG_KEY_UP }, { t, SS3 "B", CG_KEY_DOWN }, \
    { t, SS3 "C", CG_KEY_RIGHT }, { t, SS3 "D", CG_KEY_LEFT }

/* Insert, Delete, PgUp, PgDn as the VT220 sent them: nearly everyone. */
#define VT220_EDITING(t)                                                        \
  { t, CSI "2~", CG_KEY_INSERT }, { t, CSI "3~", CG_KEY_DELETE },               \
    { t, CSI "5~", CG_KEY_PAGE_UP }, { t, CSI "6~", CG_KEY_PAGE_DOWN }

#define VT220_HOME_END(t) { t, CSI "1~", CG_KEY_HOME }, { t, CSI "4~", CG_KEY_END }

#define XTERM_HOME_END(t)                                                              \
  { t, CSI "H", CG_KEY_HOME }, { t, SS3 "H", CG_KEY_HOME }, { t, CSI "F", CG_KEY_END }, \
    { t, SS3 "F", CG_KEY_END }

#define F1_F4_SS3(t)                                                                    \
  { t, SS3 "P", CG_KEY_F (1) }, { t, SS3 "Q", CG_KEY_F (2) }, { t, SS3 "R", CG_KEY_F (3) }, \
    { t, SS3 "S", CG_KEY_F (4) }

#define F1_F4_VT220(t)                                                                    \
  { t, CSI "11~", CG_KEY_F (1) }, { t, CSI "12~", CG_KEY_F (2) },                         \
    { t, CSI "13~", CG_KEY_F (3) }, { t, CSI "14~", CG_KEY_F (4) }

#define F1_F5_LINUX(t)                                                                      \
  { t, CSI "[A", CG_KEY_F (1) }, { t, CSI "[B", CG_KEY_F (2) }, { t, CSI "[C", CG_KEY_F (3) }, \
    { t, CSI "[D", CG_KEY_F (4) }, { t, CSI "[E", CG_KEY_F (5) }

/* F6 to F10 skip 16: the VT220 had no key there. */
#define F6_F10_VT220(t)                                                                   \
  { t, CSI "17~", CG_KEY_F (6) }, { t, CSI "18~", CG_KEY_F (7) },                         \
    { t, CSI "19~", CG_KEY_F (8) }, { t, CSI "20~", CG_KEY_F (9) },                       \
    { t, CSI "21~", CG_KEY_F (10) }

#define F5_F10_VT220(t) { t, CSI "15~", CG_KEY_F (5) }, F6_F10_VT220 (t)

#define BACK_TAB(t) { t, CSI "Z", CG_KEY_BACK_TAB }

const CgKeySequence cg_key_sequences[] = {
  ARROWS ("xterm"), XTERM_HOME_END ("xterm"), VT220_EDITING ("xterm"), F1_F4_SS3 ("xterm"),
  F5_F10_VT220 ("xterm"), BACK_TAB ("xterm"),

  /* PuTTY as installed: function keys "ESC [n~", Home and End
   * "Standard". */
  ARROWS ("PuTTY (default)"), VT220_HOME_END ("PuTTY (default)"),
  VT220_EDITING ("PuTTY (default)"), F1_F4_VT220 ("PuTTY (default)"),
  F5_F10_VT220 ("PuTTY (default)"), BACK_TAB ("PuTTY (default)"),

  /* PuTTY, function keys "Linux": F1 to F5 as the Linux console. */
  ARROWS ("PuTTY (Linux)"), VT220_HOME_END ("PuTTY (Linux)"), VT220_EDITING ("PuTTY (Linux)"),
  F1_F5_LINUX ("PuTTY (Linux)"), F6_F10_VT220 ("PuTTY (Linux)"),

  /* PuTTY, function keys "SCO": F1 to F10 are ESC [M to ESC [V, the small
   * keypad has letters.  Its Delete sends DEL, which arrives as
   * Backspace: no sequence to list.  ESC [M is also the start of an X10
   * mouse report, but the station never asks for the mouse. */
  ARROWS ("PuTTY (SCO)"),
  { "PuTTY (SCO)", CSI "H", CG_KEY_HOME }, { "PuTTY (SCO)", CSI "F", CG_KEY_END },
  { "PuTTY (SCO)", CSI "L", CG_KEY_INSERT }, { "PuTTY (SCO)", CSI "I", CG_KEY_PAGE_UP },
  { "PuTTY (SCO)", CSI "G", CG_KEY_PAGE_DOWN },
  { "PuTTY (SCO)", CSI "M", CG_KEY_F (1) }, { "PuTTY (SCO)", CSI "N", CG_KEY_F (2) },
  { "PuTTY (SCO)", CSI "O", CG_KEY_F (3) }, { "PuTTY (SCO)", CSI "P", CG_KEY_F (4) },
  { "PuTTY (SCO)", CSI "Q", CG_KEY_F (5) }, { "PuTTY (SCO)", CSI "R", CG_KEY_F (6) },
  { "PuTTY (SCO)", CSI "S", CG_KEY_F (7) }, { "PuTTY (SCO)", CSI "T", CG_KEY_F (8) },
  { "PuTTY (SCO)", CSI "U", CG_KEY_F (9) }, { "PuTTY (SCO)", CSI "V", CG_KEY_F (10) },

  /* Windows Terminal sends what xterm sends. */
  ARROWS ("Windows Terminal"), XTERM_HOME_END ("Windows Terminal"),
  VT220_EDITING ("Windows Terminal"), F1_F4_SS3 ("Windows Terminal"),
  F5_F10_VT220 ("Windows Terminal"), BACK_TAB ("Windows Terminal"),

  ARROWS ("Linux console"), VT220_HOME_END ("Linux console"), VT220_EDITING ("Linux console"),
  F1_F5_LINUX ("Linux console"), F6_F10_VT220 ("Linux console"),

  /* tmux and GNU screen send their own, whatever the terminal outside. */
  ARROWS ("tmux"), VT220_HOME_END ("tmux"), VT220_EDITING ("tmux"), F1_F4_SS3 ("tmux"),
  F5_F10_VT220 ("tmux"), BACK_TAB ("tmux"),
  ARROWS ("GNU screen"), VT220_HOME_END ("GNU screen"), VT220_EDITING ("GNU screen"),
  F1_F4_SS3 ("GNU screen"), F5_F10_VT220 ("GNU screen"), BACK_TAB ("GNU screen"),

  /* rxvt and urxvt: Home and End of their own. */
  ARROWS ("rxvt"), { "rxvt", CSI "7~", CG_KEY_HOME }, { "rxvt", CSI "8~", CG_KEY_END },
  VT220_EDITING ("rxvt"), F1_F4_VT220 ("rxvt"), F5_F10_VT220 ("rxvt"), BACK_TAB ("rxvt"),

  /* The numeric keypad in application mode, which keypad() turns on with
   * xterm's terminfo: PuTTY, xterm without NumLock and Windows Terminal
   * send SS3 and a letter for each key.  Its digits switch screens like
   * the others. */
  { "keypad (application mode)", SS3 "p", '0' }, { "keypad (application mode)", SS3 "q", '1' },
  { "keypad (application mode)", SS3 "r", '2' }, { "keypad (application mode)", SS3 "s", '3' },
  { "keypad (application mode)", SS3 "t", '4' }, { "keypad (application mode)", SS3 "u", '5' },
  { "keypad (application mode)", SS3 "v", '6' }, { "keypad (application mode)", SS3 "w", '7' },
  { "keypad (application mode)", SS3 "x", '8' }, { "keypad (application mode)", SS3 "y", '9' },
  { "keypad (application mode)", SS3 "k", '+' }, { "keypad (application mode)", SS3 "m", '-' },
  { "keypad (application mode)", SS3 "j", '*' }, { "keypad (application mode)", SS3 "o", '/' },
  { "keypad (application mode)", SS3 "n", '.' },
  { "keypad (application mode)", SS3 "M", CG_KEY_ENTER },

  { NULL, NULL, CG_KEY_NONE },
};

gsize
cg_key_sequence_length (const char *seq, gsize len)
{
  if (len < 3 || seq[0] != 0x1b || (seq[1] != '[' && seq[1] != 'O'))
    return 0;
  /* The Linux console's F1 to F5: '[' would end a CSI, a letter follows. */
  if (seq[1] == '[' && seq[2] == '[')
    return len >= 4 ? 4 : 0;
  /* Parameters and intermediates (0x20 to 0x3f) until a final byte. */
  for (gsize i = 2; i < len; i++)
    if ((guchar) seq[i] >= 0x40)
      return i + 1;
  return 0;
}

int
cg_key_decode (const char *seq, gsize len)
{
  for (const CgKeySequence *s = cg_key_sequences; s->sequence != NULL; s++)
    if (strlen (s->sequence) == len && memcmp (s->sequence, seq, len) == 0)
      return s->key;
  return CG_KEY_NONE;
}

int
cg_key_sequences_teach_curses (void)
{
  int changed = 0;
  for (const CgKeySequence *s = cg_key_sequences; s->sequence != NULL; s++)
    {
      int bound = key_defined (s->sequence);
      if (CG_KEY_IS_CODE (s->key))
        {
          /* A sequence the terminfo binds already, to this key or another,
           * stays as the terminfo says. */
          if (bound == 0 && define_key (s->sequence, s->key - CG_KEY_CODE_BASE) == OK)
            changed++;
        }
      else if (bound > 0 && cg_key_from_pair (bound, 0) != s->key)
        {
          /* A character (the keypad's 4): ncurses would report it by an
           * extended name (kb1) no table binds.  ncurses reports what it
           * defines as codes, so the reader decodes it instead. */
          if (define_key (s->sequence, 0) == OK)
            changed++;
        }
    }
  return changed;
}

/* ---- the reader ------------------------------------------------------ */

struct CgKeyReader
{
  char pending[CG_KEY_SEQUENCE_MAX]; /* an Esc, and what followed it */
  gsize len;
  gboolean discarding; /* a sequence too long for any key: until its end */
};

CgKeyReader *
cg_key_reader_new (void)
{
  return g_new0 (CgKeyReader, 1);
}

void
cg_key_reader_free (CgKeyReader *r)
{
  g_free (r);
}

static void
emit (GArray *out, int key)
{
  g_array_append_val (out, key);
}

void
cg_key_reader_feed (CgKeyReader *r, int key, GArray *out)
{
  if (key == CG_KEY_NONE)
    return;
  if (r->discarding)
    {
      if (key >= 0x20 && key <= 0x3f)
        return;
      r->discarding = FALSE;
      if (key >= 0x40 && key <= 0x7e)
        return; /* its final byte */
    }
  if (r->len == 0)
    {
      if (key == CG_KEY_ESC)
        r->pending[r->len++] = 0x1b;
      else
        emit (out, key);
      return;
    }
  if (r->len == 1 && key != '[' && key != 'O')
    {
      /* Esc and then a key (Alt+key sends that too): both, as before. */
      r->len = 0;
      emit (out, CG_KEY_ESC);
      cg_key_reader_feed (r, key, out);
      return;
    }
  if (key < 0x20 || key > 0x7e)
    {
      /* No sequence goes on with this key: drop the part that came. */
      r->len = 0;
      cg_key_reader_feed (r, key, out);
      return;
    }
  r->pending[r->len++] = (char) key;
  gsize whole = cg_key_sequence_length (r->pending, r->len);
  if (whole > 0)
    {
      int decoded = cg_key_decode (r->pending, whole);
      r->len = 0;
      if (decoded != CG_KEY_NONE)
        emit (out, decoded);
    }
  else if (r->len == sizeof r->pending)
    {
      /* Too long for any key: nobody's, and neither is the rest of it. */
      r->len = 0;
      r->discarding = TRUE;
    }
}

gboolean
cg_key_reader_idle (CgKeyReader *r, GArray *out)
{
  if (r->len == 1)
    {
      r->len = 0;
      emit (out, CG_KEY_ESC);
    }
  return r->len > 0 || r->discarding;
}

void
cg_key_reader_expire (CgKeyReader *r)
{
  r->len = 0;
  r->discarding = FALSE;
}
