/* station.h — the operator station: what canhgac shows when run without
 * a command.
 *
 * One GLib main loop drives everything: stdin (g_io_add_watch), SIGWINCH
 * (g_unix_signal_add), the daemon's socket and timers.  Screens are a
 * table (screen.h); the station knows none of them by name.  It keeps the
 * last data it received, so that when the daemon goes away the screens
 * stay, dimmed, while it reconnects.
 */
#pragma once

#include "common/config.h"
#include "client/client.h"
#include "station/terminal.h"
#include "station/textfield.h"
#include "station/thumbs.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* One camera as the screens see it: camera.list and status merged. */
typedef struct {
  char *name;
  char *place;
  char *state;   /* "recording", ... */
  char *reason;  /* code, see common/reason.h */
  gboolean has_map;
  int map_x, map_y;
  gint64 bitrate;
  double fps;
  gint64 keyframe_interval_ms; /* 0: unknown */
  double last_frame_age;       /* < 0: unknown */
  gint64 reconnects;
  double uptime_24h;
  double days_kept;            /* < 0: unknown */
} CgStationCamera;

typedef struct CgStation CgStation;

struct CgStation {
  const CgConfig *config;
  GMainLoop *loop;
  CgClient *client;      /* NULL while the daemon cannot be reached */
  guint client_watch;
  guint stdin_watch;
  char *user, *role;     /* from hello */
  GPtrArray *cameras;    /* CgStationCamera*, by name */
  gint64 recordings_bytes, free_bytes;
  GHashTable *days_kept;  /* camera name -> double*, from storage.status */
  char *storage_alert;    /* the first storage alert's message, or NULL */
  gint64 storage_us;      /* when storage.status was last asked */
  gint64 updated_us;     /* when the data above was last refreshed */
  gboolean stale;        /* the daemon went away: data is old */
  char *problem;         /* why, for the status line */
  int screen;            /* index into the screen table */
  char *selected;        /* the camera the officer is on, by name */
  gboolean details;      /* the selected camera's details are open */
  char *history_camera;  /* whose per-minute bitrate is in history */
  GArray *history;       /* double kbit/s per minute, the last hour */
  gint64 history_us;     /* when it was fetched */
  int sort;              /* the status table's sort column */
  int grid_size;         /* 1, 2, 3, 4: tiles per side on the grid */
  int grid_page;
  char *filter;          /* "/" filter on name and place, or NULL */
  gboolean utf8;
  gboolean asking_quit;
  gboolean editing_filter; /* the "/" field has the keyboard */
  CgTextField *filter_edit; /* its text while editing */
  gboolean redraw_pending;
  gboolean show_rate;      /* the bandwidth meter is on the status line */
  guint64 rate_bytes;      /* bytes_written at the last meter tick */
  double rate_kbits;       /* terminal output over the last second */
  double average_kbits;    /* the same, smoothed over ~10 s */
  CgTerminal *terminal;
  CgThumbs *thumbs;      /* live pictures of the cameras on screen */
  int color_mode;        /* CgColorMode */
  guint64 bytes_written; /* to the terminal, for the bandwidth meter */
  guint64 redraws;
};

/* Runs the station until the officer quits; returns an exit status. */
int cg_station_run (const CgConfig *config);

/* Cameras passing the filter, in name order (a new array of borrowed
 * pointers). */
GPtrArray *cg_station_visible (CgStation *st);

/* The selected camera among the visible ones (NULL if none), and
 * selecting one. */
CgStationCamera *cg_station_selected (CgStation *st, GPtrArray *visible);
void cg_station_select (CgStation *st, CgStationCamera *camera);

/* The selected camera's last hour of bitrate, fetched when older than a
 * minute (for the details view). */
GArray *cg_station_history (CgStation *st, const char *camera);

/* Draws everything again at the next iteration. */
void cg_station_redraw (CgStation *st);
