/* keyseq.h — keys as real terminals send them.
 *
 * A terminal sends Home, F1 or ↑ as an escape sequence, and not every
 * terminal sends the same one: PuTTY's default Home is ESC [1~, which the
 * xterm terminfo does not know, and the Linux console's F1 is ESC [[A.
 * ncurses turns the sequences it does not know into their bytes, so the
 * station would see Esc, '[', '1', '~' and take the 1 for Help.
 *
 * So: the table below lists what real terminals send; the station teaches
 * ncurses those its terminfo lacks (define_key), and reads whatever is
 * still left through a CgKeyReader, which puts the bytes of a sequence
 * back together, decodes it (cg_key_decode), and swallows a sequence
 * nobody here means (Ctrl+↑, a focus or paste marker) whole instead of
 * letting its bytes act as hotkeys.  All but cg_key_sequences_teach_curses()
 * is pure.
 */
#pragma once

#include "station/keys.h"

#include <glib.h>

typedef struct
{
  const char *terminal; /* "PuTTY (default)": where the sequence comes from */
  const char *sequence; /* the bytes, from ESC */
  int key;              /* a station key (keys.h) */
} CgKeySequence;

/* Every sequence of every terminal the station knows, ending with a row
 * whose sequence is NULL.  A sequence may be listed for several terminals,
 * always for the same key. */
extern const CgKeySequence cg_key_sequences[];

/* The longest sequence the station waits for; longer ones are dropped. */
#define CG_KEY_SEQUENCE_MAX 16

/* How many bytes at the start of seq (len bytes: ESC, then '[' or 'O',
 * then printable ASCII) make one whole escape sequence (CSI or SS3, and
 * the Linux console's ESC [[A), or 0 when they are only its start. */
gsize cg_key_sequence_length (const char *seq, gsize len);

/* The station key a whole sequence stands for, or CG_KEY_NONE when no
 * terminal of the table sends it for a key the station knows. */
int cg_key_decode (const char *seq, gsize len);

/* Defines in the current ncurses terminal the table's sequences that its
 * terminfo lacks, for keys ncurses has codes for, and leaves to the reader
 * those of characters (the keypad's digits) that ncurses would report as
 * codes of its own; returns how many definitions it changed. */
int cg_key_sequences_teach_curses (void);

/* Puts the keys that come out of ncurses back together into keys. */
typedef struct CgKeyReader CgKeyReader;

CgKeyReader *cg_key_reader_new (void);
void cg_key_reader_free (CgKeyReader *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgKeyReader, cg_key_reader_free)

/* One key from cg_key_from_curses(); the keys it completes (none, one, or
 * Esc and the key when Esc was pressed alone before it) are appended to
 * out, an array of int. */
void cg_key_reader_feed (CgKeyReader *r, int key, GArray *out);

/* Nothing more to read for now.  ncurses has already waited its ESCDELAY
 * after an Esc, so an Esc alone is the Esc key and is appended to out.
 * TRUE when part of a sequence is waiting for the rest (which a slow link
 * may bring a moment later): call cg_key_reader_expire() if nothing comes. */
gboolean cg_key_reader_idle (CgKeyReader *r, GArray *out);

/* The rest never came: the part is dropped, never taken for keys. */
void cg_key_reader_expire (CgKeyReader *r);
