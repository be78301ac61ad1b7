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

/* The camera's motion events overlapping [from_us, to_us) that start in
 * [start_from_us, start_to_us), oldest first; an array of CgDbMotion.
 * (One page of recordings.list carries the events starting in its
 * stretch of the period.) */
GArray *cg_db_motion_starting (sqlite3 *handle, gint64 camera_id, gint64 from_us, gint64 to_us,
                               gint64 start_from_us, gint64 start_to_us, GError **error);
