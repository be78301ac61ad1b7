/* screens/playback_state.h — the playback screen's state, shared by
 * its drawing and clock (playback.c), its keys (playback_keys.c) and
 * its evidence work (playback_evidence.c).  Not for other screens:
 * they use playback.h. */
#pragma once

#include "station/player_thread.h"
#include "station/recordings.h"
#include "station/screen.h"
#include "station/textfield.h"
#include "station/timebar.h"

typedef enum {
  PB_PAUSED,
  PB_PLAYING,
  PB_LIVE, /* following the camera, a little behind it */
} PbMode;

typedef struct {
  CgStation *st;
  int rows, cols;
  CgPlayerThread *thread;
  guint tick;           /* the clock's timer while the screen is in front */

  char *camera;         /* whose footage is shown */
  PbMode mode;
  gboolean full;        /* the full-screen view: no time line */
  gboolean opening_live; /* cg_playback_show_live is bringing it up */
  const CgScreen *back; /* where Esc goes from the full-screen view */
  gboolean tour;        /* the full-screen view moves through the cameras */
  gint64 tour_next_us;

  /* The clock: media time base_media_us at monotonic base_wall_us,
   * running at speed while playing (negative: backwards). */
  double speed;
  gint64 base_media_us, base_wall_us;
  gint64 head_us;       /* where the picture is (or is being looked for) */
  gint64 painted_second; /* of the time last drawn on the info line */

  /* The player. */
  guint64 serial;       /* of the last request */
  guint64 camera_serial; /* the first request for this camera */
  guint64 seek_serial;   /* the first request since the last seek */
  gint64 loaded_from_us, loaded_to_us; /* what it listed (to 0: on) */
  gboolean reload;
  gboolean seek_wanted;  /* a frame-accurate seek to head_us is owed */
  int step;              /* a frame on (1) or back (-1) is owed */
  gboolean have_frame;
  gint64 frame_us;       /* the time of the picture fed */
  gboolean frame_thinned;
  int source_width, source_height;
  gboolean frame_waiting; /* fed, not yet all on the terminal */
  gint64 seek_key_us;    /* monotonic: when a seek was asked, until its frame shows */

  /* The time line. */
  CgRecordings *rec;
  gint64 rec_from_us, rec_to_us, rec_at_us;
  CgBarView view;
  CgBarMarks marks;

  /* The "g" field: a time to go to. */
  gboolean editing_time;
  CgTextField *time_edit;

  /* The "a" field: the incident the marked footage goes to. */
  gboolean editing_incident;
  CgTextField *incident_edit;

  /* A line of news: a gap skipped, an error, a file written. */
  char *notice;
  gboolean notice_bad;

  /* An export under way (export_id > 0). */
  gint64 export_id;
  int export_percent;
  gint64 export_polled_us;
} Playback;

/* The key under which frames go to thumbs.h: no camera has it. */
#define PB_PICTURE_KEY "\x01playback"

/* playback.c */
gint64 pb_clock (const Playback *pb);
void pb_set_mode (Playback *pb, PbMode mode);
void pb_set_speed (Playback *pb, double speed);
void pb_seek (Playback *pb, gint64 t_us);
void pb_set_camera (Playback *pb, const char *camera);
void pb_notice (Playback *pb, gboolean bad, const char *format, ...) G_GNUC_PRINTF (3, 4);
void pb_list_timeline (Playback *pb, gboolean now);

/* playback_keys.c */
extern const CgKeyRow pb_keys[];
extern const CgKeyRow pb_time_keys[];
int pb_key (gpointer self, int key);

/* playback_incident.c: the marks to an incident (F5) */
int pb_new_incident (gpointer self, int key);
int pb_attach_incident (gpointer self, int key);
int pb_incident_key (Playback *pb, int key);
char *pb_incident_line (Playback *pb);

/* playback_evidence.c */
void pb_export_start (Playback *pb);
void pb_export_poll (Playback *pb);
void pb_snapshot (Playback *pb);
