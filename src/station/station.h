/* station.h — the operator station: what canhgac shows when run without
 * a command.
 *
 * One GLib main loop drives everything: stdin (g_io_add_watch), SIGWINCH
 * (g_unix_signal_add), the daemon's socket and timers.  Screens are a
 * table (screen.h) and keep their own state; CgStation holds only what
 * they share: the daemon's data, the selected camera, the filter, the
 * terminal.  It keeps the last data it received, so that when the daemon
 * goes away the screens stay, dimmed, while it reconnects.
 */
#pragma once

#include "common/config.h"
#include "station/alarms.h"
#include "client/client.h"
#include "station/keys.h"
#include "station/model.h"
#include "station/pacer.h"
#include "station/terminal.h"
#include "station/textfield.h"
#include "station/thumbs.h"

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct CgStation CgStation;
typedef struct CgScreen CgScreen;
typedef struct CgKeyReader CgKeyReader;

struct CgStation {
  const CgConfig *config;
  GMainLoop *loop;

  /* The daemon and what it said (data.c). */
  CgClient *client;      /* NULL while the daemon cannot be reached */
  guint client_watch;
  char *user, *role;     /* from hello */
  /* The cameras as every screen draws them: their states ("unknown"
   * while the daemon is away), advice, order, the filter's matching. */
  CgModel *model;
  gint64 storage_us;      /* when storage.status was last asked */
  guint64 incidents_serial; /* counts incident.changed notifications: F5
                             * lists again when it moved */
  guint64 cameras_serial;   /* counts camera.state notifications: F8 reads
                             * its overview again when it moved */
  CgAlarms *alarms;         /* the active alarms (alarms.c) */
  gboolean alarms_wanted;   /* "!": Status shows its alarms page when shown */

  /* What the officer chose, the same on every screen. */
  char *selected;        /* the camera the officer is on, by name */
  char *filter;          /* "/" filter on name and place, or NULL */
  gboolean editing_filter; /* the "/" field has the keyboard */
  CgTextField *filter_edit; /* its text while editing */
  gboolean asking_quit;
  gboolean show_rate;      /* the bandwidth meter is on the status line */

  /* The screens: the one in front, and each one's own state (made by
   * its open(), opaque here). */
  int screen;            /* index into cg_screens */
  gpointer *screen_states;

  /* The terminal. */
  gboolean utf8;
  guint stdin_watch;
  CgKeyReader *key_reader; /* escape sequences ncurses does not know */
  guint key_timeout;       /* waiting for the rest of one */
  gboolean redraw_pending;
  CgTerminal *terminal;
  /* Pacing pictures to the line (station.c, pacer.h). */
  CgPacer *pacer;
  CgPacerView line;        /* as of the last second, for the meter */
  int picture_cells;       /* moved onto the screen, not yet drawn */
  GArray *probe_cells;     /* int: picture cells before each probe not yet seen leaving */
  guint64 probe_offset;    /* where the last probe left */
  double bytes_per_cell;   /* what a changed picture cell costs, learned */
  CgPictureLevel picture_level; /* how far pictures are degraded for the line */
  CgThumbs *thumbs;      /* live pictures of the cameras on screen */
  CgPictureStyle picture_style; /* the colours and symbols the terminal shows */
  guint64 bytes_written; /* to the terminal, for the bandwidth meter */
  guint64 redraws;
  /* Playback, for benchmarks ($CANHGAC_STATION_STATS). */
  guint64 frames_shown;   /* frames put whole on the terminal */
  guint64 frames_decoded; /* by the player of the camera shown */
  GArray *seek_ms;        /* double: from a seek's key to its frame on the terminal */
  GArray *key_ms;         /* double: from a key to the screen drawn after it */
  gint64 key_at_us;       /* monotonic: the first key not yet drawn after, or 0 */
};

/* Runs the station until the officer quits; returns an exit status. */
int cg_station_run (const CgConfig *config);

/* Cameras passing the filter, in name order (Vietnamese collation): a
 * new array of borrowed pointers. */
GPtrArray *cg_station_visible (CgStation *st);

/* The selected camera among the visible ones (NULL if none), and
 * selecting one. */
CgStationCamera *cg_station_selected (CgStation *st, GPtrArray *visible);
void cg_station_select (CgStation *st, CgStationCamera *camera);

/* Pictures waiting go to the terminal now, as far as the line has room
 * (the pacer also does this on its own clock). */
void cg_station_pace (CgStation *st);

/* Draws everything again at the next iteration. */
void cg_station_redraw (CgStation *st);

/* Brings the screen at index of cg_screens to the front. */
void cg_station_show (CgStation *st, int index);

/* The daemon's data changed: the screen in front updates, then all is
 * drawn again. */
void cg_station_changed (CgStation *st);

/* The station's own keys (station_keys.c).  On every screen: one row per
 * screen made from its number (its F-key and digit), then the station's
 * rows (filter, quit ...).  While the "/" filter is typed: the field's
 * editing keys (cg_text_field_keys), then cg_station_filter_keys.  While
 * the quit question waits: cg_station_quit_keys; any other key says no. */
const CgKeyRow *cg_station_keys (void);
extern const CgKeyRow cg_station_filter_keys[];
extern const CgKeyRow cg_station_quit_keys[];

/* Routes one key to the filter, the quit question, the screen in front
 * or the station's rows; returns CgKeyFlags. */
int cg_station_key (CgStation *st, int key);
