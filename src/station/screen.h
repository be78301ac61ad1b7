/* screen.h — a screen of the station: a table entry with a lifecycle.
 *
 * Each screen is a const CgScreen (designated initialisers) in the table
 * of screen.c, and owns its state in its own struct: open() makes it when
 * the station starts and close() frees it when the station ends, so that
 * what the officer set on a screen (the status table's order, the grid's
 * size) is still there when the screen comes back to the front.
 *
 * The station calls, on the screen in front:
 *   show    when it comes to the front (from: the screen it replaces);
 *   update  on the refresh timer, on the daemon's notifications, when the
 *           screen comes to the front and when a key asked for it
 *           (CG_KEY_UPDATE).  The only place a screen may call the
 *           daemon's client: it keeps what it needs in its state;
 *   paint   to draw the body from its state and the station's shared
 *           data (cameras, selection, filter, thumbnails), never calling
 *           the daemon, so that drawing never waits on the socket;
 *   key     with each key first, for a screen in a mode that takes keys
 *           its table does not name (a form's text); then the rows of
 *           keys, then the station's own rows.  Both return CgKeyFlags;
 * and on every screen:
 *   resize  when the body changes size, before the next paint.
 * All but open, close and paint may be NULL.  The screen's F-key and
 * digit come from its number: the station knows no screen by name.
 */
#pragma once

#include "station/keys.h"
#include "station/station.h"

#include <curses.h>

struct CgScreen
{
  const char *name;   /* "map": its switching row is "screen-map" */
  int number;         /* its F-key and digit */
  const char *title;  /* N_(): the title bar's */
  const char *help;   /* N_(): what it shows, help's line for its keys */
  gpointer (*open) (CgStation *st);
  void (*close) (gpointer self);
  void (*show) (gpointer self, const CgScreen *from);
  void (*update) (gpointer self);
  void (*paint) (gpointer self, WINDOW *win, int rows, int cols);
  int (*key) (gpointer self, int key);
  void (*resize) (gpointer self, int rows, int cols);
  const CgKeyRow *keys; /* its own keys, or NULL */
  /* Its section in the operator's guide (doc/vi/huong-dan-su-dung.md),
   * the heading as the guide writes it (the guide is in Vietnamese);
   * NULL: none. */
  const char *guide;
};

extern const CgScreen cg_screen_help;
extern const CgScreen cg_screen_map;
extern const CgScreen cg_screen_grid;
extern const CgScreen cg_screen_status;
extern const CgScreen cg_screen_incidents;
extern const CgScreen cg_screen_playback;
extern const CgScreen cg_screen_reports;
extern const CgScreen cg_screen_maintenance;
/* The keys of F8's form (screens/maintenance.c), for the help screen. */
extern const CgKeyRow cg_maintenance_form_keys[];

/* All screens, NULL-terminated, in F-key order (screen.c). */
extern const CgScreen *const cg_screens[];
/* The screen the station opens on. */
extern const CgScreen *const cg_screen_start;

/* The number of screens, and the index of the one with number (or with
 * key as its F-key or digit), -1 if none. */
int cg_screen_count (void);
int cg_screen_by_number (int number);
int cg_screen_by_key (int key);

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
void cg_draw_init_colors (void);
int cg_draw_state_pair (const char *state);
/* Text at (y, x), cut/padded to width cells, folded to ASCII when the
 * terminal is not UTF-8. */
void cg_draw_text (WINDOW *win, int y, int x, int width, const char *text, gboolean right);
/* Text wrapped between words from line y, at most max_lines lines;
 * returns the line after the last one drawn. */
int cg_draw_paragraph (WINDOW *win, int y, int x, int width, int max_lines, const char *text);
/* Over an old picture of camera c (one that is not live, drawn grey) at
 * (y, x), width cells wide: its state and when the picture was taken,
 * on at most max_lines lines, so that it never passes for a live one. */
void cg_draw_old_picture_label (CgStation *st, WINDOW *win, int y, int x, int width, int max_lines,
                                const CgStationCamera *c);
/* The state's marker: "●" or "*" / "o" / "x" without UTF-8. */
const char *cg_draw_marker (CgStation *st, const char *state);
