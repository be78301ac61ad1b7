/* db/maintenance.h — the maintenance log: what broke at a camera and
 * what was done about it (common/maintenance.h names the kinds).
 * Entries are only added, each in one transaction with its audit row. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef struct {
  gint64 id;
  gint64 camera_id;
  char *camera;          /* the camera's name (read only) */
  char *kind;
  gint64 at_us;          /* when it happened */
  char *by_user, *by_name; /* who recorded it; by_name may be NULL */
  gint64 cost;           /* dong; < 0: not given */
  char *note;
  char *old_serial, *new_serial; /* a replacement's; NULL otherwise */
  gint64 created_us;     /* when it was recorded */
} CgDbMaintenance;

void cg_db_maintenance_clear (CgDbMaintenance *m);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgDbMaintenance, cg_db_maintenance_clear)

/* Writes m (id and created_us set here) and, in the same transaction,
 * the audit row of action "maintenance.add" through audit (which writes
 * it on the same handle): both or neither. */
typedef gboolean (*CgDbMaintenanceAudit) (gpointer data, const char *detail, GError **error);
gboolean cg_db_maintenance_add (sqlite3 *h, CgDbMaintenance *m, gint64 now_us,
                                CgDbMaintenanceAudit audit, gpointer audit_data, GError **error);

/* One entry; *found FALSE when there is none. */
gboolean cg_db_maintenance_get (sqlite3 *h, gint64 id, CgDbMaintenance *m, gboolean *found,
                                GError **error);

typedef struct {
  gint64 camera_id;  /* 0: any */
  const char *kind;  /* NULL: any */
  gint64 from_us, to_us; /* 0: open */
  gint64 before_id;  /* a page: entries before this one (newest first); 0: from the newest */
  guint limit;
} CgDbMaintenanceQuery;

/* Entries, newest first (by at_us, then id), of CgDbMaintenance, with
 * *total: how many match in all. */
GArray *cg_db_maintenance_list (sqlite3 *h, const CgDbMaintenanceQuery *q, gint64 *total,
                                GError **error);

/* The audit detail of an entry: its values as name=literal pairs. */
char *cg_db_maintenance_detail (const CgDbMaintenance *m);
