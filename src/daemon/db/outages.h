/* db/outages.h — the outages table: when a camera's picture was lost and
 * why.  The writer thread opens and closes them as capture sees them
 * (events.c); these are what the API and the start-up repair ask. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* The reason of the outage covering most of [from_us, to_us) for the
 * camera; NULL when none overlaps it. */
gboolean cg_db_outage_reason (sqlite3 *handle, gint64 camera_id, gint64 from_us, gint64 to_us,
                              char **reason, GError **error);

/* Ends every outage still open when its camera was last watched (its
 * camera_status row's time; at_us when there is none, or it is later),
 * or at its start if later: an outage cannot outlive the daemon that
 * watched it, and the time the daemon was not running is not the
 * camera's.  *ended: how many. */
gboolean cg_db_outages_end_all (sqlite3 *handle, gint64 at_us, int *ended, GError **error);
