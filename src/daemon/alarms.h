/* alarms.h — when the daemon raises and clears alarms.
 *
 * Fed on the main loop with camera states, the storage manager's current
 * alerts, motion events and a clock tick; writes the alarms table
 * (db/alarms.c) and calls the notify hook with the id of each alarm
 * raised or cleared, for the `alarms` topic.  Acknowledgment is the
 * API's (api/alarm.c), apart from raising and clearing.
 *
 *   camera_down  a camera offline, stalled or reconnecting for
 *                [alarms] camera_after (0: never); cleared when it records
 *   disk_error   a camera's recordings cannot be written (reason disk:…),
 *                at once; or the storage alert disk_error
 *   storage      a storage alert of severity bad, by its code
 *   motion       motion on a camera of [alarms] motion_cameras within
 *                motion_hours; cleared when the motion ends
 */
#pragma once

#include "common/config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

typedef struct CgAlarms CgAlarms;

typedef void (*CgAlarmsNotify) (gpointer data, gint64 alarm_id);

CgAlarms *cg_alarms_new (const CgConfig *config, sqlite3 *db, CgAlarmsNotify notify,
                         gpointer data);

/* A reloaded configuration ([alarms]), used from the next tick on; main
 * loop only, like every call here. */
void cg_alarms_set_config (CgAlarms *alarms, const CgConfig *config);
void cg_alarms_free (CgAlarms *alarms);

/* A camera's state changed (the recorder's state hook). */
void cg_alarms_camera_state (CgAlarms *alarms, const char *camera, const char *state,
                             const char *reason, gint64 at_us);

/* The storage manager's alerts as they stand (NULL: not known yet). */
void cg_alarms_storage (CgAlarms *alarms, JsonArray *alerts, gint64 now_us);

/* Motion began (end_us 0) or ended on a camera. */
void cg_alarms_motion (CgAlarms *alarms, const char *camera, gint64 start_us, gint64 end_us);

/* Raises the camera alarms whose threshold has passed. */
void cg_alarms_tick (CgAlarms *alarms, gint64 now_us);
