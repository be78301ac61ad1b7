/* db/maintenance.c — queries and additions of the maintenance log. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/maintenance.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/db/db.h"
#include "daemon/db/incidents.h"

#define COLUMNS                                                                         \
  "m.id, m.camera_id, c.name, m.kind, m.at_us, m.by_user, m.by_name, coalesce(m.cost, -1)," \
  " m.note, m.old_serial, m.new_serial, m.created_us"
#define FROM " FROM maintenance m JOIN cameras c ON c.id = m.camera_id"

void
cg_db_maintenance_clear (CgDbMaintenance *m)
{
  g_free (m->camera);
  g_free (m->kind);
  g_free (m->by_user);
  g_free (m->by_name);
  g_free (m->note);
  g_free (m->old_serial);
  g_free (m->new_serial);
  *m = (CgDbMaintenance) { 0 };
}

static char *
column_text (sqlite3_stmt *st, int col)
{
  const unsigned char *t = sqlite3_column_text (st, col);
  return t != NULL ? g_strdup ((const char *) t) : NULL;
}

static void
read_row (sqlite3_stmt *st, CgDbMaintenance *m)
{
  m->id = sqlite3_column_int64 (st, 0);
  m->camera_id = sqlite3_column_int64 (st, 1);
  m->camera = column_text (st, 2);
  m->kind = column_text (st, 3);
  m->at_us = sqlite3_column_int64 (st, 4);
  m->by_user = column_text (st, 5);
  m->by_name = column_text (st, 6);
  m->cost = sqlite3_column_int64 (st, 7);
  m->note = column_text (st, 8);
  m->old_serial = column_text (st, 9);
  m->new_serial = column_text (st, 10);
  m->created_us = sqlite3_column_int64 (st, 11);
}

static void
bind_text_or_null (sqlite3_stmt *st, int i, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}

char *
cg_db_maintenance_detail (const CgDbMaintenance *m)
{
  GString *d = g_string_new (NULL);
  g_autofree char *camera = g_strdup_printf ("%" G_GINT64_FORMAT, m->camera_id);
  g_string_append_printf (d, "camera=%s", camera);
  cg_db_audit_add (d, "name", m->camera);
  cg_db_audit_add (d, "kind", m->kind);
  g_autofree char *at = cg_time_format_iso (m->at_us);
  cg_db_audit_add (d, "at", at);
  if (m->cost >= 0)
    g_string_append_printf (d, " cost=%" G_GINT64_FORMAT, m->cost);
  cg_db_audit_add (d, "note", m->note);
  if (m->old_serial != NULL)
    cg_db_audit_add (d, "old_serial", m->old_serial);
  if (m->new_serial != NULL)
    cg_db_audit_add (d, "new_serial", m->new_serial);
  return g_string_free (d, FALSE);
}

gboolean
cg_db_maintenance_add (sqlite3 *h, CgDbMaintenance *m, gint64 now_us, CgDbMaintenanceAudit audit,
                       gpointer audit_data, GError **error)
{
  const char *what = _("writing the maintenance log");
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, what, error);
  if (tx == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO maintenance (camera_id, kind, at_us, by_user, by_name, cost, note,"
       " old_serial, new_serial, created_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, m->camera_id);
  bind_text_or_null (st, 2, m->kind);
  sqlite3_bind_int64 (st, 3, m->at_us);
  bind_text_or_null (st, 4, m->by_user);
  bind_text_or_null (st, 5, m->by_name);
  if (m->cost >= 0)
    sqlite3_bind_int64 (st, 6, m->cost);
  else
    sqlite3_bind_null (st, 6);
  sqlite3_bind_text (st, 7, m->note != NULL ? m->note : "", -1, SQLITE_TRANSIENT);
  bind_text_or_null (st, 8, m->old_serial);
  bind_text_or_null (st, 9, m->new_serial);
  sqlite3_bind_int64 (st, 10, now_us);
  if (!cg_db_step_done (st, what, error))
    return FALSE;
  m->id = sqlite3_last_insert_rowid (h);
  m->created_us = now_us;
  g_autofree char *detail = cg_db_maintenance_detail (m);
  if (audit != NULL && !audit (audit_data, detail, error))
    return FALSE;
  return cg_db_commit (tx, error);
}

gboolean
cg_db_maintenance_get (sqlite3 *h, gint64 id, CgDbMaintenance *m, gboolean *found, GError **error)
{
  const char *what = _("reading the maintenance log");
  *found = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT " COLUMNS FROM " WHERE m.id = ?",
                                               what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      read_row (st, m);
      *found = TRUE;
      return TRUE;
    }
  return rc == SQLITE_DONE || cg_db_fail (h, what, error);
}

/* The filters of q as SQL conditions, bound from ?1 to ?4. */
#define WHERE                                                                           \
  " WHERE (?1 = 0 OR m.camera_id = ?1) AND (?2 IS NULL OR m.kind = ?2)"                 \
  " AND (?3 = 0 OR m.at_us >= ?3) AND (?4 = 0 OR m.at_us < ?4)"

static void
bind_filters (sqlite3_stmt *st, const CgDbMaintenanceQuery *q)
{
  sqlite3_bind_int64 (st, 1, q->camera_id);
  bind_text_or_null (st, 2, q->kind);
  sqlite3_bind_int64 (st, 3, q->from_us);
  sqlite3_bind_int64 (st, 4, q->to_us);
}

GArray *
cg_db_maintenance_list (sqlite3 *h, const CgDbMaintenanceQuery *q, gint64 *total, GError **error)
{
  const char *what = _("reading the maintenance log");
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, what, error);
  if (tx == NULL)
    return NULL;
  g_autoptr (sqlite3_stmt) count = cg_db_prepare (h, "SELECT count(*)" FROM WHERE, what, error);
  if (count == NULL)
    return NULL;
  bind_filters (count, q);
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      cg_db_fail (h, what, error);
      return NULL;
    }
  *total = sqlite3_column_int64 (count, 0);
  /* A page goes on below the entry it ended with: at_us, then id. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT " COLUMNS FROM WHERE
       " AND (?5 = 0 OR (m.at_us, m.id) < (SELECT at_us, id FROM maintenance WHERE id = ?5))"
       " ORDER BY m.at_us DESC, m.id DESC LIMIT ?6",
    what, error);
  if (st == NULL)
    return NULL;
  bind_filters (st, q);
  sqlite3_bind_int64 (st, 5, q->before_id);
  sqlite3_bind_int64 (st, 6, q->limit);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CgDbMaintenance));
  g_array_set_clear_func (rows, (GDestroyNotify) cg_db_maintenance_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbMaintenance m = { 0 };
      read_row (st, &m);
      g_array_append_val (rows, m);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
