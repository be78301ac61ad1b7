/* history.h — a camera's recent past, for its page on the station: the
 * link minute by minute (link.stats), the last outages (the gaps of
 * recordings.list, each with its reason) and a time axis to read the
 * chart by.  Pure: the replies and the time come in, tests feed them. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct {
  gint64 minute_us;  /* when the minute began */
  gboolean heard;    /* anything was received in it */
  double kbits;      /* kbit/s over the minute */
  double fps;
  gint64 gaps;       /* frames lost on the link */
  gint64 reconnects;
} CgLinkMinute;

/* The `minutes` whole minutes before now_us's minute and that minute,
 * oldest first, from a link.stats reply; minutes the daemon did not list
 * are there, not heard. */
GArray *cg_link_history_parse (JsonObject *link_stats, gint64 now_us, int minutes);

typedef struct {
  gint64 start_us;
  gint64 end_us;
  char *reason;      /* code, common/reason.h */
} CgOutage;

void cg_outage_free (CgOutage *outage);

/* The gaps of a recordings.list reply, newest first, at most `most`. */
GPtrArray *cg_outages_parse (JsonObject *recordings, guint most);

/* One line of `width` cells under a chart whose first cell is the minute
 * first_us, one cell a minute: "HH:MM" at each tenth minute of the hour
 * (in tz; NULL: local) where it fits. */
char *cg_history_axis (gint64 first_us, int width, GTimeZone *tz);

/* The last `width` minutes of history (CgLinkMinute) as one line of bars,
 * one cell a minute, scaled to the busiest minute (*max gets it, in
 * kbit/s; may be NULL); a minute when nothing was heard is blank.  "▁" to
 * "█", or "_.:-=+*#" when utf8 is FALSE. */
char *cg_link_history_bars (GArray *history, int width, gboolean utf8, double *max);

/* The line under the bars: "x" where the camera reconnected, "!" where
 * frames were lost on the link, "-" where nothing was heard, else a
 * space. */
char *cg_link_history_marks (GArray *history, int width);

/* What an old picture of a camera that is not live says over it: the
 * state shown, when the picture was taken and how long before now_us,
 * "Offline · picture at 14:02, 5 min ago" (the day too when it is not
 * now_us's day, in tz; NULL: local); the state alone when taken_us is 0
 * (not known).  Translated, the state's first letter in capitals. */
char *cg_picture_age_text (const char *state_label, gint64 taken_us, gint64 now_us, GTimeZone *tz);
