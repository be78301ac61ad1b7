/* db/motion.c — reading motion events. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/motion.h"

#include "common/i18n.h"
#include "daemon/db/db.h"

GArray *
cg_db_motion_starting (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 to_us,
                       gint64 start_from_us, gint64 start_to_us, GError **error)
{
  const char *what = _("reading the motion events");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT start_us, coalesce(end_us, 0), peak FROM motion_events WHERE camera_id = ?1"
       " AND start_us < ?3 AND coalesce(end_us, ?3) > ?2 AND start_us >= ?4 AND start_us < ?5"
       " ORDER BY start_us",
    what, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  sqlite3_bind_int64 (st, 4, start_from_us);
  sqlite3_bind_int64 (st, 5, start_to_us);
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (CgDbMotion));
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbMotion m = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                       sqlite3_column_double (st, 2) };
      g_array_append_val (events, m);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
