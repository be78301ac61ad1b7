/* data.h — the station's data from the daemon: the connection, the
 * cameras and their status, storage, and the notifications that change
 * them between refreshes.  The loop calls these; screens read the
 * results in CgStation.
 */
#pragma once

#include "station/station.h"

void cg_station_camera_free (CgStationCamera *c);

/* Connects when not connected, then asks for the cameras and their
 * status (and, every 10 s, storage); keeps the old data and says why on
 * the status line when the daemon cannot be reached. */
void cg_station_refresh (CgStation *st);

/* Drops the connection; why (may be NULL) goes on the status line. */
void cg_station_disconnect (CgStation *st, const char *why);
