/* db/motion.h — the motion_events table, as the playback timeline reads
 * it.  The writer thread starts and ends events (events.c). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef struct {
  gint64 start_us;
  gint64 end_us; /* 0: still going on */
  double peak;   /* the highest score it reached, 0..1 */
} CgDbMotion;

/* The camera's motion events overlapping [from_us, to_us), oldest first;
 * an array of CgDbMotion. */
GArray *cg_db_motion_between (sqlite3 *handle, gint64 camera_id, gint64 from_us, gint64 to_us,
                              GError **error);
