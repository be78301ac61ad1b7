/* db/runs.c — the recorder's own running time (see runs.h). */
#include "build-config.h"

#include "daemon/db/runs.h"

#include "common/i18n.h"
#include "daemon/db/db.h"

gboolean
cg_db_run_begin (sqlite3 *h, gint64 now_us, gint64 *id, GError **error)
{
  const char *what = _("recording the recorder's start");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO recorder_runs (started_us, alive_us) VALUES (?, ?)", what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, now_us);
  sqlite3_bind_int64 (st, 2, now_us);
  if (!cg_db_step_done (st, what, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (h);
  return TRUE;
}

static gboolean
set_time (sqlite3 *h, const char *sql, gint64 id, gint64 now_us, GError **error)
{
  const char *what = _("recording the recorder's running time");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, now_us);
  sqlite3_bind_int64 (st, 2, id);
  return cg_db_step_done (st, what, error);
}

gboolean
cg_db_run_alive (sqlite3 *h, gint64 id, gint64 now_us, GError **error)
{
  return set_time (h, "UPDATE recorder_runs SET alive_us = max(alive_us, ?1) WHERE id = ?2", id,
                   now_us, error);
}

gboolean
cg_db_run_end (sqlite3 *h, gint64 id, gint64 now_us, GError **error)
{
  return set_time (h,
                   "UPDATE recorder_runs SET stopped_us = max(?1, started_us),"
                   " alive_us = max(alive_us, ?1) WHERE id = ?2",
                   id, now_us, error);
}

static gboolean
one_value (sqlite3 *h, const char *sql, gint64 *us, GError **error)
{
  const char *what = _("reading the recorder's running time");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, what, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    return cg_db_fail (h, what, error);
  *us = sqlite3_column_type (st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64 (st, 0);
  return TRUE;
}

gboolean
cg_db_runs_last_seen (sqlite3 *h, gint64 *us, GError **error)
{
  return one_value (h, "SELECT max(coalesce(stopped_us, alive_us)) FROM recorder_runs", us, error);
}

gboolean
cg_db_runs_first (sqlite3 *h, gint64 *us, GError **error)
{
  return one_value (h, "SELECT min(started_us) FROM recorder_runs", us, error);
}

GArray *
cg_db_runs_within (sqlite3 *h, gint64 from_us, gint64 to_us, gint64 now_us, GError **error)
{
  const char *what = _("reading the recorder's running time");
  /* The newest run is this one: it runs until now, whatever its last
   * minute alive says. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT started_us, CASE WHEN id = (SELECT max(id) FROM recorder_runs)"
       "   AND stopped_us IS NULL THEN max(?3, alive_us) ELSE coalesce(stopped_us, alive_us) END"
       " AS end_us FROM recorder_runs WHERE started_us < ?2 ORDER BY started_us",
    what, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 2, to_us);
  sqlite3_bind_int64 (st, 3, now_us);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (CgSpan));
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgSpan s = { MAX (sqlite3_column_int64 (st, 0), from_us),
                   MIN (sqlite3_column_int64 (st, 1), to_us) };
      if (s.to_us <= s.from_us)
        continue;
      /* Runs never overlap, but a clock set back could make them seem
       * to: the later one is taken from where the earlier ended. */
      if (spans->len > 0)
        {
          CgSpan *last = &g_array_index (spans, CgSpan, spans->len - 1);
          if (s.from_us < last->to_us)
            s.from_us = last->to_us;
          if (s.to_us <= s.from_us)
            continue;
        }
      g_array_append_val (spans, s);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}
