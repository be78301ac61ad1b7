/* data.h — the station's data from the daemon: the connection, the
 * cameras and their status, storage, and the notifications that change
 * them between refreshes.  The loop calls these; they feed st->model,
 * which the screens read.
 */
#pragma once

#include "station/station.h"

/* Connects when not connected, then asks for the cameras and their
 * status (and, every 10 s, storage); keeps the old data and says why on
 * the status line when the daemon cannot be reached. */
void cg_station_refresh (CgStation *st);

/* Drops the connection; why (NULL when the station ends) goes on the
 * status line and makes the model's cameras "unknown". */
void cg_station_disconnect (CgStation *st, const char *why);

/* Notifications that waited in the client's queue (they came during a
 * call): taken, and the screen in front updated when they changed it. */
void cg_station_take_notifications (CgStation *st);
