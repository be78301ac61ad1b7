/* db.c — the database connection: WAL, foreign keys, migrations. */
#define G_LOG_DOMAIN "canhgac-db"
#include "db.h"

#include "common/error.h"
#include "common/i18n.h"
#include "migrations.h"

/* "CGac", set by the first migration. */
#define CG_DB_APPLICATION_ID 0x43476163

/* How long a connection waits for another's lock before reporting busy. */
#define CG_DB_BUSY_TIMEOUT_MS 5000

struct CgDb {
  sqlite3 *handle;
  char *path;
  int version;
};

static int
pragma_int (sqlite3 *h, const char *pragma, int *rc_out)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (h, pragma, -1, &st, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st);
  int value = rc == SQLITE_ROW ? sqlite3_column_int (st, 0) : 0;
  sqlite3_finalize (st);
  *rc_out = rc == SQLITE_ROW ? SQLITE_OK : rc;
  return value;
}

gboolean
cg_db_fail (sqlite3 *handle, const char *context, GError **error)
{
  int rc = sqlite3_errcode (handle);
  int code = (rc & 0xff) == SQLITE_NOTADB ? CG_ERROR_DB_NOT_DB : CG_ERROR_DB;
  g_set_error (error, CG_ERROR, code, "%s: %s", context, sqlite3_errmsg (handle));
  return FALSE;
}

gboolean
cg_db_exec (CgDb *db, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (db->handle, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, CG_ERROR, CG_ERROR_DB, _("database %s: %s"), db->path,
               msg != NULL ? msg : sqlite3_errmsg (db->handle));
  sqlite3_free (msg);
  return FALSE;
}

static gboolean
not_ours (CgDb *db, GError **error, const char *why)
{
  g_set_error (error, CG_ERROR, CG_ERROR_DB_NOT_DB,
               _("%s is not a canhgac database (%s). Move it away, or set "
                 "[daemon] data_dir to a directory of its own"),
               db->path, why);
  return FALSE;
}

static gboolean
check_identity (CgDb *db, GError **error)
{
  int rc = SQLITE_OK;
  db->version = pragma_int (db->handle, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        return not_ours (db, error, sqlite3_errmsg (db->handle));
      g_set_error (error, CG_ERROR, CG_ERROR_DB, _("cannot read the database %s: %s"),
                   db->path, sqlite3_errmsg (db->handle));
      return FALSE;
    }
  int app = pragma_int (db->handle, "PRAGMA application_id", &rc);
  int tables = pragma_int (db->handle, "SELECT count(*) FROM sqlite_schema", &rc);
  if (app != 0 && app != CG_DB_APPLICATION_ID)
    return not_ours (db, error, _("it belongs to another program"));
  if (app == 0 && tables > 0)
    return not_ours (db, error, _("it holds another program's tables"));
  if (db->version > cg_migrations_latest ())
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DB_NEWER,
                   _("the database %s was written by a newer canhgac (schema %d; this "
                     "version knows up to %d). Install that newer version again, or "
                     "restore a backup of the database made with this one"),
                   db->path, db->version, cg_migrations_latest ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
setup_read_write (CgDb *db, GError **error)
{
  int rc = SQLITE_OK;
  sqlite3_stmt *st = NULL;
  gboolean wal = FALSE;
  if (sqlite3_prepare_v2 (db->handle, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (st, 0), "wal") == 0;
  sqlite3_finalize (st);
  if (!wal)
    return cg_db_fail (db->handle, db->path, error);
  /* In WAL mode NORMAL never corrupts the file on a power cut; it may lose
   * the last transactions, which the start-up repair re-derives. */
  if (!cg_db_exec (db, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  if (!cg_migrations_apply (db->handle, cg_migrations_latest (), error))
    {
      g_prefix_error (error, "%s: ", db->path);
      return FALSE;
    }
  db->version = pragma_int (db->handle, "PRAGMA user_version", &rc);
  return rc == SQLITE_OK || cg_db_fail (db->handle, db->path, error);
}

CgDb *
cg_db_open (const char *path, CgDbMode mode, GError **error)
{
  g_autoptr (CgDb) db = g_new0 (CgDb, 1);
  db->path = g_strdup (path);

  if (mode == CG_DB_READ_ONLY && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DB_MISSING,
                   _("there is no database at %s yet: start canhgacd once, or check "
                     "[daemon] data_dir in the configuration"), path);
      return NULL;
    }
  int flags = mode == CG_DB_READ_ONLY ? SQLITE_OPEN_READONLY
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2 (path, &db->handle, flags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot open the database %s: %s"), path,
                   db->handle != NULL ? sqlite3_errmsg (db->handle) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, CG_DB_BUSY_TIMEOUT_MS);

  if (!check_identity (db, error))
    return NULL;
  if (!cg_db_exec (db, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (mode == CG_DB_READ_WRITE)
    {
      if (!setup_read_write (db, error))
        return NULL;
    }
  else if (db->version < cg_migrations_latest ())
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DB_OLDER,
                   _("the database %s has schema %d and needs upgrading to %d: start "
                     "this version of canhgacd once to upgrade it"),
                   path, db->version, cg_migrations_latest ());
      return NULL;
    }
  return g_steal_pointer (&db);
}

void
cg_db_close (CgDb *db)
{
  if (db == NULL)
    return;
  if (db->handle != NULL && sqlite3_close (db->handle) != SQLITE_OK)
    g_warning ("closing %s: %s", db->path, sqlite3_errmsg (db->handle));
  g_free (db->path);
  g_free (db);
}

sqlite3 *
cg_db_handle (CgDb *db)
{
  return db->handle;
}

const char *
cg_db_path (CgDb *db)
{
  return db->path;
}

int
cg_db_schema_version (CgDb *db)
{
  return db->version;
}
