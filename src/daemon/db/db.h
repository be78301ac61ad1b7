/* db.h — opening canhgac's SQLite database.
 *
 * One file, $data_dir/canhgac.db, in WAL mode so readers never wait for
 * the daemon's writes.  Opening for writing applies any pending schema
 * migrations; a database from a newer canhgac, a file that is not a
 * database, or another program's database are refused with a message
 * saying what to do.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#define CG_DB_FILENAME "canhgac.db"

typedef enum {
  CG_DB_READ_WRITE = 0, /* create if missing, migrate to the latest schema */
  CG_DB_READ_ONLY = 1,  /* must exist at the latest schema */
} CgDbMode;

typedef struct CgDb CgDb;

CgDb *cg_db_open (const char *path, CgDbMode mode, GError **error);
void cg_db_close (CgDb *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDb, cg_db_close)

sqlite3 *cg_db_handle (CgDb *db);
const char *cg_db_path (CgDb *db);
int cg_db_schema_version (CgDb *db);

/* Runs SQL without results; on failure says what SQLite said. */
gboolean cg_db_exec (CgDb *db, const char *sql, GError **error);

/* Sets error from the connection's last error, prefixed by context. */
gboolean cg_db_fail (sqlite3 *handle, const char *context, GError **error);
