/* db/alarms.h — the alarms table: what rang at the stations, when its
 * condition ended, and who acknowledged it.
 *
 * An alarm is raised once while its condition lasts (a second raise of
 * the same kind, camera and, for storage, alert code finds the open one),
 * cleared when the condition ends, and acknowledged apart from that.  It
 * is active while it is not acknowledged or not cleared.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#define CG_ALARM_CAMERA_DOWN "camera_down"
#define CG_ALARM_STORAGE "storage"
#define CG_ALARM_DISK_ERROR "disk_error"
#define CG_ALARM_MOTION "motion"

typedef struct {
  gint64 id;
  char *kind;
  gint64 camera_id; /* 0: none */
  char *camera;     /* its name, or NULL */
  gint64 raised_us;
  gint64 cleared_us; /* 0: the condition lasts */
  char *reason;
  char *acknowledged_by; /* NULL: not acknowledged */
  gint64 acknowledged_us;
  char *note;
} CgDbAlarm;

void cg_db_alarm_free (CgDbAlarm *alarm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDbAlarm, cg_db_alarm_free)

/* Whether the alarm is active: not acknowledged, or not cleared. */
gboolean cg_db_alarm_active (const CgDbAlarm *alarm);

/* Raises an alarm (camera_id 0: none) unless one of the same kind and
 * camera (and, when same_reason, the same reason) is open; *id: the new
 * or open alarm's, *created: whether it is new. */
gboolean cg_db_alarm_raise (sqlite3 *handle, const char *kind, gint64 camera_id,
                            const char *reason, gboolean same_reason, gint64 at_us, gint64 *id,
                            gboolean *created, GError **error);

/* Clears the open alarms of the kind for the camera (0: those without
 * one), only those whose reason is `reason` when it is not NULL; the ids
 * cleared are appended to ids (gint64). */
gboolean cg_db_alarm_clear (sqlite3 *handle, const char *kind, gint64 camera_id,
                            const char *reason, gint64 at_us, GArray *ids, GError **error);

/* Acknowledges alarm id; *done is FALSE when it was already (nothing
 * changed).  A missing alarm is CG_ERROR_NOT_FOUND. */
gboolean cg_db_alarm_ack (sqlite3 *handle, gint64 id, const char *who, const char *note,
                          gint64 at_us, gboolean *done, GError **error);

/* The alarm, or NULL (error set, CG_ERROR_NOT_FOUND when there is none). */
CgDbAlarm *cg_db_alarm_get (sqlite3 *handle, gint64 id, GError **error);

/* Alarms newest first: the active ones, or all of them (the history);
 * only ids below before_id when it is positive; at most limit.  An array
 * of CgDbAlarm, or NULL with error. */
GPtrArray *cg_db_alarm_list (sqlite3 *handle, gboolean active_only, gint64 before_id, int limit,
                             GError **error);

/* The open alarms of a kind (cleared_us unset), for the daemon's start. */
GPtrArray *cg_db_alarm_open (sqlite3 *handle, const char *kind, GError **error);
