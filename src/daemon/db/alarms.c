/* db/alarms.c — queries and changes of the alarms table. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/alarms.h"

#include "common/error.h"
#include "common/i18n.h"
#include "daemon/db/db.h"

#define COLUMNS                                                                            \
  "a.id, a.kind, a.camera_id, c.name, a.raised_us, a.cleared_us, a.reason,"                \
  " a.acknowledged_by, a.acknowledged_us, a.ack_note"                                      \
  " FROM alarms a LEFT JOIN cameras c ON c.id = a.camera_id"

void
cg_db_alarm_free (CgDbAlarm *alarm)
{
  if (alarm == NULL)
    return;
  g_free (alarm->kind);
  g_free (alarm->camera);
  g_free (alarm->reason);
  g_free (alarm->acknowledged_by);
  g_free (alarm->note);
  g_free (alarm);
}

gboolean
cg_db_alarm_active (const CgDbAlarm *alarm)
{
  return alarm->acknowledged_by == NULL || alarm->cleared_us == 0;
}

static char *
text (sqlite3_stmt *st, int col)
{
  const unsigned char *t = sqlite3_column_text (st, col);
  return t != NULL ? g_strdup ((const char *) t) : NULL;
}

static CgDbAlarm *
read_row (sqlite3_stmt *st)
{
  CgDbAlarm *a = g_new0 (CgDbAlarm, 1);
  a->id = sqlite3_column_int64 (st, 0);
  a->kind = text (st, 1);
  a->camera_id = sqlite3_column_int64 (st, 2);
  a->camera = text (st, 3);
  a->raised_us = sqlite3_column_int64 (st, 4);
  a->cleared_us = sqlite3_column_int64 (st, 5);
  a->reason = text (st, 6);
  a->acknowledged_by = text (st, 7);
  a->acknowledged_us = sqlite3_column_int64 (st, 8);
  a->note = text (st, 9);
  if (a->reason == NULL)
    a->reason = g_strdup ("");
  return a;
}

static void
bind_camera (sqlite3_stmt *st, int i, gint64 camera_id)
{
  if (camera_id > 0)
    sqlite3_bind_int64 (st, i, camera_id);
  else
    sqlite3_bind_null (st, i);
}

gboolean
cg_db_alarm_raise (sqlite3 *h, const char *kind, gint64 camera_id, const char *reason,
                   gboolean same_reason, gint64 at_us, gint64 *id, gboolean *created,
                   GError **error)
{
  const char *what = _("raising an alarm");
  *id = 0;
  *created = FALSE;
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, what, error);
  if (tx == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) find = cg_db_prepare (
    h, "SELECT id FROM alarms WHERE kind = ?1 AND camera_id IS ?2 AND cleared_us IS NULL"
       " AND (?3 IS NULL OR reason = ?3) ORDER BY id DESC LIMIT 1", what, error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, kind, -1, SQLITE_STATIC);
  bind_camera (find, 2, camera_id);
  if (same_reason)
    sqlite3_bind_text (find, 3, reason != NULL ? reason : "", -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (find, 3);
  int rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (find, 0);
      return TRUE; /* the open one; nothing written */
    }
  if (rc != SQLITE_DONE)
    return cg_db_fail (h, what, error);
  g_autoptr (sqlite3_stmt) ins = cg_db_prepare (
    h, "INSERT INTO alarms (kind, camera_id, raised_us, reason) VALUES (?, ?, ?, ?)", what,
    error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_text (ins, 1, kind, -1, SQLITE_STATIC);
  bind_camera (ins, 2, camera_id);
  sqlite3_bind_int64 (ins, 3, at_us);
  sqlite3_bind_text (ins, 4, reason != NULL ? reason : "", -1, SQLITE_STATIC);
  if (!cg_db_step_done (ins, what, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (h);
  if (!cg_db_commit (tx, error))
    return FALSE;
  *created = TRUE;
  return TRUE;
}

gboolean
cg_db_alarm_clear (sqlite3 *h, const char *kind, gint64 camera_id, const char *reason,
                   gint64 at_us, GArray *ids, GError **error)
{
  const char *what = _("clearing an alarm");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE alarms SET cleared_us = max(raised_us, ?4) WHERE kind = ?1 AND camera_id IS ?2"
       " AND cleared_us IS NULL AND (?3 IS NULL OR reason = ?3) RETURNING id", what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, kind, -1, SQLITE_STATIC);
  bind_camera (st, 2, camera_id);
  if (reason != NULL)
    sqlite3_bind_text (st, 3, reason, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 3);
  sqlite3_bind_int64 (st, 4, at_us);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      if (ids != NULL)
        g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE || cg_db_fail (h, what, error);
}

gboolean
cg_db_alarm_ack (sqlite3 *h, gint64 id, const char *who, const char *note, gint64 at_us,
                 gboolean *done, GError **error)
{
  const char *what = _("acknowledging an alarm");
  *done = FALSE;
  g_autoptr (CgDbAlarm) a = cg_db_alarm_get (h, id, error);
  if (a == NULL)
    return FALSE;
  if (a->acknowledged_by != NULL)
    return TRUE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE alarms SET acknowledged_by = ?2, acknowledged_us = ?3, ack_note = ?4"
       " WHERE id = ?1 AND acknowledged_by IS NULL", what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, who, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, at_us);
  if (note != NULL && *note != '\0')
    sqlite3_bind_text (st, 4, note, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (st, 4);
  if (!cg_db_step_done (st, what, error))
    return FALSE;
  *done = sqlite3_changes (h) > 0;
  return TRUE;
}

CgDbAlarm *
cg_db_alarm_get (sqlite3 *h, gint64 id, GError **error)
{
  const char *what = _("reading an alarm");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT " COLUMNS " WHERE a.id = ?", what,
                                               error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    return read_row (st);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND, _("no alarm %s"), number);
    }
  else
    cg_db_fail (h, what, error);
  return NULL;
}

static GPtrArray *
read_all (sqlite3 *h, sqlite3_stmt *st, const char *what, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_db_alarm_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, read_row (st));
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
cg_db_alarm_list (sqlite3 *h, gboolean active_only, gint64 before_id, int limit, GError **error)
{
  const char *what = _("listing the alarms");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT " COLUMNS " WHERE (?1 = 0 OR a.acknowledged_us IS NULL OR a.cleared_us IS NULL)"
       " AND (?2 <= 0 OR a.id < ?2) ORDER BY a.id DESC LIMIT ?3", what, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int (st, 1, active_only ? 1 : 0);
  sqlite3_bind_int64 (st, 2, before_id);
  sqlite3_bind_int (st, 3, limit);
  return read_all (h, st, what, error);
}

GPtrArray *
cg_db_alarm_open (sqlite3 *h, const char *kind, GError **error)
{
  const char *what = _("listing the alarms");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT " COLUMNS " WHERE a.kind = ? AND a.cleared_us IS NULL ORDER BY a.id", what, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, kind, -1, SQLITE_STATIC);
  return read_all (h, st, what, error);
}
