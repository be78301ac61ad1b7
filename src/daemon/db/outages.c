/* db/outages.c — queries and changes of the outages table. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/outages.h"

#include "common/i18n.h"
#include "daemon/db/db.h"

gboolean
cg_db_outage_reason (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 to_us, char **reason,
                     GError **error)
{
  const char *what = _("reading the outages");
  *reason = NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT reason FROM outages WHERE camera_id = ?1 AND start_us < ?3"
       " AND coalesce(end_us, ?3) > ?2 ORDER BY"
       " min(coalesce(end_us, ?3), ?3) - max(start_us, ?2) DESC LIMIT 1",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *reason = g_strdup ((const char *) sqlite3_column_text (st, 0));
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (h, what, error);
}

gboolean
cg_db_outages_end_all (sqlite3 *h, gint64 at_us, int *ended, GError **error)
{
  const char *what = _("closing the outages left open");
  *ended = 0;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    /* When the camera was last watched (its status is posted at every
     * retry), not now: the time the recorder was not running is no
     * outage of the camera's. */
    h, "UPDATE outages SET end_us = max(start_us, min(?1, coalesce((SELECT updated_us"
       " FROM camera_status s WHERE s.camera_id = outages.camera_id), ?1)))"
       " WHERE end_us IS NULL", what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, at_us);
  if (!cg_db_step_done (st, what, error))
    return FALSE;
  *ended = sqlite3_changes (h);
  return TRUE;
}
