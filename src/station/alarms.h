/* alarms.h — the alarms as the station knows them, without curses: the
 * active ones from alarm.list and each alarm.changed after it, whether a
 * new one rings, what the status line says, and one alarm in words.
 * The daemon decides what is active; the station only follows.
 */
#pragma once

#include "client/alarm.h"
#include "common/config.h"

#include <json-glib/json-glib.h>

typedef struct CgAlarms CgAlarms;

CgAlarms *cg_alarms_new (void);
void cg_alarms_free (CgAlarms *alarms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAlarms, cg_alarms_free)

/* The active alarms as alarm.list gave them (its result); the first list
 * after a connection rings for none, later ones for those not seen. */
void cg_alarms_take_list (CgAlarms *alarms, JsonObject *result);

/* An alarm.changed: kept while active, dropped when not.  TRUE when it
 * is new and not acknowledged: the bell should ring. */
gboolean cg_alarms_take (CgAlarms *alarms, JsonObject *alarm);

/* The active alarms, newest first (borrowed). */
GPtrArray *cg_alarms_active (CgAlarms *alarms);

/* How many are not acknowledged, and the newest of those (or NULL). */
guint cg_alarms_unacknowledged (CgAlarms *alarms, const CgAlarm **newest);

/* The alarm in the officer's words, for the station: a storage alarm
 * says where the whole alert is (F4, a). */
char *cg_alarm_describe (const CgAlarm *alarm);

/* The status line's part: "BÁO ĐỘNG: Cổng chợ: đứng hình (+2, !)", or
 * NULL when nothing waits to be acknowledged; *brief the short form. */
char *cg_alarms_status (CgAlarms *alarms, char **brief);

/* Whether the bell rings at this hour (0-23) under [station] bell. */
gboolean cg_alarms_bell_at (const CgHours *bell, int hour);
