/* terminal.h — the real terminal under the station, with every byte
 * sent to it counted.
 *
 * ncurses writes into a pipe; a small thread copies the pipe to the
 * terminal and counts, so the station knows what it costs on an SSH link
 * over a weak line and can keep under its budget.  Because ncurses then
 * does not own the terminal, this module puts the terminal in raw mode
 * itself and reads its size.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

typedef struct CgTerminal CgTerminal;

/* Takes over stdin/stdout; *out is the stream to give newterm(). */
CgTerminal *cg_terminal_open (FILE **out, GError **error);

/* Gives the terminal back as it was (waits until everything written has
 * reached it); returns the bytes written in all. */
guint64 cg_terminal_close (CgTerminal *t);

/* Bytes written to the terminal so far. */
guint64 cg_terminal_bytes (CgTerminal *t);

/* The terminal's size now. */
void cg_terminal_size (int *rows, int *cols);
