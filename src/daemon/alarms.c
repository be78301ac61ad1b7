/* alarms.c — when the daemon raises and clears alarms (see alarms.h). */
#define G_LOG_DOMAIN "canhgac-daemon"
#include "build-config.h"

#include "daemon/alarms.h"

#include "common/alert.h"
#include "common/camera_state.h"
#include "common/reason.h"
#include "common/text.h"
#include "daemon/db/alarms.h"
#include "daemon/db/cameras.h"

#include <string.h>

/* A camera not recording, since when and why. */
typedef struct {
  gint64 since_us;
  char *reason;
  gboolean raised;
} Down;

struct CgAlarms {
  const CgConfig *config;
  sqlite3 *db;
  CgAlarmsNotify notify;
  gpointer data;
  GHashTable *down;        /* camera name -> Down */
  GHashTable *storage;     /* storage alert code -> TRUE, open alarms */
};

static void
down_free (gpointer p)
{
  Down *d = p;
  g_free (d->reason);
  g_free (d);
}

static gint64
camera_id (CgAlarms *a, const char *name)
{
  gint64 id = 0;
  g_autoptr (GError) error = NULL;
  if (!cg_camera_find_id (a->db, name, &id, NULL, &error))
    {
      g_debug ("alarm for camera %s: %s", name, error->message);
      return 0;
    }
  return id;
}

static void
raise_alarm (CgAlarms *a, const char *kind, gint64 cam, const char *reason, gboolean same_reason,
             gint64 at_us)
{
  gint64 id = 0;
  gboolean created = FALSE;
  g_autoptr (GError) error = NULL;
  if (!cg_db_alarm_raise (a->db, kind, cam, reason, same_reason, at_us, &id, &created, &error))
    {
      g_warning ("cannot record an alarm: %s", error->message);
      return;
    }
  if (created)
    {
      g_message ("alarm %" G_GINT64_FORMAT ": %s %s", id, kind, reason != NULL ? reason : "");
      if (a->notify != NULL)
        a->notify (a->data, id);
    }
}

static void
clear_alarms (CgAlarms *a, const char *kind, gint64 cam, const char *reason, gint64 at_us)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  if (!cg_db_alarm_clear (a->db, kind, cam, reason, at_us, ids, &error))
    {
      g_warning ("cannot clear an alarm: %s", error->message);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    if (a->notify != NULL)
      a->notify (a->data, g_array_index (ids, gint64, i));
}

void
cg_alarms_set_config (CgAlarms *a, const CgConfig *config)
{
  a->config = config;
}

CgAlarms *
cg_alarms_new (const CgConfig *config, sqlite3 *db, CgAlarmsNotify notify, gpointer data)
{
  CgAlarms *a = g_new0 (CgAlarms, 1);
  a->config = config;
  a->db = db;
  a->notify = notify;
  a->data = data;
  a->down = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, down_free);
  a->storage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Storage alarms left open by the previous run: cleared once the
   * storage manager's alerts show they have ended. */
  const char *kinds[] = { CG_ALARM_STORAGE, CG_ALARM_DISK_ERROR };
  for (size_t k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) open = cg_db_alarm_open (db, kinds[k], &error);
      for (guint i = 0; open != NULL && i < open->len; i++)
        {
          CgDbAlarm *al = open->pdata[i];
          if (al->camera_id == 0)
            g_hash_table_add (a->storage, g_strdup (al->reason));
        }
    }
  return a;
}

void
cg_alarms_free (CgAlarms *a)
{
  if (a == NULL)
    return;
  g_hash_table_unref (a->down);
  g_hash_table_unref (a->storage);
  g_free (a);
}

static gboolean
is_down (const char *state)
{
  return g_strcmp0 (state, CG_STATE_OFFLINE) == 0 || g_strcmp0 (state, CG_STATE_STALLED) == 0
         || g_strcmp0 (state, CG_STATE_CONNECTING) == 0;
}

void
cg_alarms_camera_state (CgAlarms *a, const char *camera, const char *state, const char *reason,
                        gint64 at_us)
{
  if (reason != NULL && g_str_has_prefix (reason, CG_REASON_DISK))
    raise_alarm (a, CG_ALARM_DISK_ERROR, camera_id (a, camera), reason, FALSE, at_us);
  if (is_down (state))
    {
      Down *d = g_hash_table_lookup (a->down, camera);
      if (d == NULL)
        {
          d = g_new0 (Down, 1);
          d->since_us = at_us;
          g_hash_table_insert (a->down, g_strdup (camera), d);
        }
      /* Reconnecting says nothing new: the reason that took it down stays. */
      if (reason != NULL && *reason != '\0')
        {
          g_free (d->reason);
          d->reason = g_strdup (reason);
        }
      else if (d->reason == NULL)
        d->reason = g_strdup (state);
      return;
    }
  g_hash_table_remove (a->down, camera);
  if (g_strcmp0 (state, CG_STATE_RECORDING) == 0 || g_strcmp0 (state, CG_STATE_DISABLED) == 0)
    {
      gint64 id = camera_id (a, camera);
      if (id > 0)
        {
          clear_alarms (a, CG_ALARM_CAMERA_DOWN, id, NULL, at_us);
          clear_alarms (a, CG_ALARM_DISK_ERROR, id, NULL, at_us);
        }
    }
}

void
cg_alarms_tick (CgAlarms *a, gint64 now_us)
{
  gint64 after = a->config->alarm_camera_after;
  if (after <= 0)
    return;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, a->down);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      Down *d = value;
      if (d->raised || now_us - d->since_us < after)
        continue;
      d->raised = TRUE;
      gint64 id = camera_id (a, key);
      if (id > 0)
        raise_alarm (a, CG_ALARM_CAMERA_DOWN, id, d->reason, FALSE, now_us);
    }
}

static const char *
storage_kind (const char *code)
{
  return g_strcmp0 (code, CG_ALERT_DISK_ERROR) == 0 ? CG_ALARM_DISK_ERROR : CG_ALARM_STORAGE;
}

void
cg_alarms_storage (CgAlarms *a, JsonArray *alerts, gint64 now_us)
{
  if (alerts == NULL)
    return;
  g_autoptr (GHashTable) now = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *o = json_array_get_object_element (alerts, i);
      const char *code = o != NULL ? json_object_get_string_member_with_default (o, "code", NULL)
                                   : NULL;
      if (code == NULL || cg_alert_severity (o) != CG_ALERT_BAD)
        continue;
      g_hash_table_add (now, (gpointer) code);
      if (!g_hash_table_contains (a->storage, code))
        {
          g_hash_table_add (a->storage, g_strdup (code));
          raise_alarm (a, storage_kind (code), 0, code, TRUE, now_us);
        }
    }
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, a->storage);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (!g_hash_table_contains (now, key))
      {
        clear_alarms (a, storage_kind (key), 0, key, now_us);
        g_hash_table_iter_remove (&it);
      }
}

static gboolean
motion_watched (CgAlarms *a, const char *camera)
{
  g_autofree char *folded = cg_text_fold (camera);
  for (int i = 0; a->config->alarm_motion_cameras != NULL
                  && a->config->alarm_motion_cameras[i] != NULL; i++)
    {
      g_autofree char *f = cg_text_fold (a->config->alarm_motion_cameras[i]);
      if (g_strcmp0 (f, folded) == 0)
        return TRUE;
    }
  return FALSE;
}

void
cg_alarms_motion (CgAlarms *a, const char *camera, gint64 start_us, gint64 end_us)
{
  if (!motion_watched (a, camera))
    return;
  gint64 id = camera_id (a, camera);
  if (id <= 0)
    return;
  if (end_us > 0)
    {
      clear_alarms (a, CG_ALARM_MOTION, id, NULL, end_us);
      return;
    }
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (start_us / G_USEC_PER_SEC);
  if (t == NULL || !cg_hours_contain (&a->config->alarm_motion_hours, g_date_time_get_hour (t)))
    return;
  raise_alarm (a, CG_ALARM_MOTION, id, CG_ALARM_MOTION, FALSE, start_us);
}
