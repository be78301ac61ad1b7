/* terminal.h — the real terminal under the station: every byte sent to
 * it counted, the probes among them timed, the answers taken out of the
 * keys.
 *
 * ncurses writes into a pipe; a small thread copies the pipe to the
 * terminal, counts, and notes when each probe (CSI 6n, from
 * cg_terminal_probe) left and after how many bytes, so the pacer can tell
 * how much is still on the line.  Keys come the other way through a
 * second pipe: what the terminal sends passes the answer filter
 * (answers.h) in the main loop before ncurses reads it.  Because ncurses
 * then owns neither end of the terminal, this module puts the terminal
 * in raw mode itself and reads its size.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

typedef struct CgTerminal CgTerminal;

typedef struct {
  void (*answered) (gpointer data);   /* the terminal answered a probe */
  void (*probe_left) (gpointer data); /* a probe was written to the terminal */
} CgTerminalEvents;

/* Takes over stdin/stdout; *out and *in are the streams to give
 * newterm().  The events come in the default main context. */
CgTerminal *cg_terminal_open (FILE **out, FILE **in, const CgTerminalEvents *events, gpointer data,
                              GError **error);

/* Gives the terminal back as it was (waits until everything written has
 * reached it); returns the bytes written in all. */
guint64 cg_terminal_close (CgTerminal *t);

/* Bytes written to the terminal so far. */
guint64 cg_terminal_bytes (CgTerminal *t);

/* Asks the terminal where its cursor is, after everything written so
 * far (call after ncurses has flushed).  The cursor must not be on the
 * first row (answers.h says why). */
void cg_terminal_probe (CgTerminal *t);

/* The oldest probe that left and was not taken yet: after how many bytes
 * in all, and when.  FALSE when none. */
gboolean cg_terminal_probe_left (CgTerminal *t, guint64 *offset, gint64 *at_us);

/* The terminal's size now. */
void cg_terminal_size (int *rows, int *cols);
