/* alarm.h — one alarm as the API gives it (alarm.list, alarm.changed),
 * read from JSON and put in the officer's words; shared by the station
 * and `canhgac alarm`.  See doc/protocol.md, "Alarms".
 */
#pragma once

#include <json-glib/json-glib.h>

/* The longest note alarm.ack takes, in characters (see doc/protocol.md). */
#define CG_ALARM_NOTE_MAX 500

typedef struct {
  gint64 id;
  char *kind;     /* camera_down, storage, disk_error, motion */
  char *camera;   /* or NULL */
  char *reason;
  gint64 raised_us;
  gint64 cleared_us;      /* 0: the condition lasts */
  char *acknowledged_by;  /* NULL: not acknowledged */
  gint64 acknowledged_us;
  char *note;
  gboolean active;
} CgAlarm;

void cg_alarm_free (CgAlarm *alarm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAlarm, cg_alarm_free)

/* An alarm from the API's JSON, or NULL when it is not one. */
CgAlarm *cg_alarm_from_json (JsonObject *o);

/* The alarm in words: "Cổng chợ: mất kết nối"; a storage alarm says what
 * is wrong (never the alert's code) and, when where is not NULL, where
 * the whole alert is read ("lưu trữ: … (F4, a)"). */
char *cg_alarm_words (const CgAlarm *alarm, const char *where);
