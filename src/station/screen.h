/* screen.h — a screen of the station, as a table entry.
 *
 * Each screen draws into the area between the title bar and the status
 * line and handles the keys the station does not.  Handlers return
 * flags; the station redraws when asked.  The help screen is generated
 * from the same key tables the handlers use.
 */
#pragma once

#include "station/station.h"

#include <curses.h>

enum {
  CG_KEY_IGNORED = 0,
  CG_KEY_HANDLED = 1 << 0,
  CG_KEY_REDRAW = 1 << 1,
};

/* One key and what it does: the same entry drives the dispatch and the
 * help screen, so help cannot drift from the code. */
typedef struct {
  int key;            /* a curses KEY_* code, or 0 */
  gunichar ch;        /* a typed character, matched after folding, or 0 */
  const char *label;  /* how help shows it; NULL: an alias help skips */
  const char *help;   /* N_() */
  /* key: the curses code, or 0 when ch was typed; returns flags. */
  int (*action) (CgStation *st, int key, gunichar ch);
} CgScreenKey;

/* Runs the entry matching (key, ch), or returns CG_KEY_IGNORED.  Tables
 * end with an entry without an action. */
int cg_screen_dispatch (const CgScreenKey *keys, CgStation *st, int key, gunichar ch);

typedef struct {
  int number;         /* F-key and digit */
  const char *title;  /* N_() */
  void (*draw) (CgStation *st, WINDOW *win, int rows, int cols);
  const CgScreenKey *keys; /* this screen's keys, or NULL */
} CgScreen;

/* The keys that work on every screen (station.c). */
extern const CgScreenKey cg_station_keys[];

extern const CgScreen cg_screen_help;
extern const CgScreen cg_screen_map;
extern const CgScreen cg_screen_grid;
extern const CgScreen cg_screen_status;

/* All screens, NULL-terminated, in F-key order. */
extern const CgScreen *const cg_screens[];

/* Colour pairs by camera state. */
enum {
  CG_PAIR_RECORDING = 1,
  CG_PAIR_WARNING,
  CG_PAIR_OFFLINE,
  CG_PAIR_DISABLED,
  CG_PAIR_TITLE,
  CG_PAIR_SELECTED,
  CG_PAIR_MAP,
};

/* Drawing helpers shared by screens (draw.c). */
int cg_draw_state_pair (const char *state);
/* Text at (y, x), cut/padded to width cells, folded to ASCII when the
 * terminal is not UTF-8. */
void cg_draw_text (WINDOW *win, int y, int x, int width, const char *text, gboolean right);
/* The state's marker: "●" or "*" / "o" / "x" without UTF-8. */
const char *cg_draw_marker (CgStation *st, const char *state);
