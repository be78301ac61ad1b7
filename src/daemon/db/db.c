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

static int
error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return CG_ERROR_DB_NOT_DB;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CG_ERROR_DB_BUSY;
    /* A full or failing disk shows as any of these, depending on which
     * file (database, WAL, shared memory) met it first. */
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return CG_ERROR_DB_DISK;
    default:
      return CG_ERROR_DB;
    }
}

/* The database file of a connection, for messages. */
static const char *
handle_path (sqlite3 *handle)
{
  const char *path = sqlite3_db_filename (handle, "main");
  return path != NULL && *path != '\0' ? path : _("(temporary database)");
}

/* What to do about the kinds of failure a person can act on. */
static const char *
error_hint (int code)
{
  switch (code)
    {
    case CG_ERROR_DB_BUSY:
      return _("another program is holding the database: close any sqlite3 shell or second "
               "canhgacd using it, then try again");
    case CG_ERROR_DB_DISK:
      return _("the disk holding the database is full or refuses writes: free some space "
               "or check the disk");
    default:
      return NULL;
    }
}

static void
set_error (GError **error, int code, const char *message)
{
  const char *hint = error_hint (code);
  if (hint != NULL)
    g_set_error (error, CG_ERROR, code, "%s (%s)", message, hint);
  else
    g_set_error_literal (error, CG_ERROR, code, message);
}

gboolean
cg_db_fail (sqlite3 *handle, const char *context, GError **error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", context, sqlite3_errmsg (handle));
  set_error (error, error_code (sqlite3_errcode (handle)), message);
  return FALSE;
}

sqlite3_stmt *
cg_db_prepare (sqlite3 *handle, const char *sql, const char *what, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (handle, sql, -1, &st, NULL) == SQLITE_OK)
    return st;
  sqlite3_finalize (st);
  cg_db_fail (handle, what, error);
  return NULL;
}

char *
cg_db_text_at (sqlite3_stmt *st, int col)
{
  const unsigned char *t = sqlite3_column_text (st, col);
  return t != NULL ? g_strdup ((const char *) t) : NULL;
}

gboolean
cg_db_step_done (sqlite3_stmt *st, const char *what, GError **error)
{
  int rc = sqlite3_step (st);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_ROW)
    {
      /* A statement meant to write returned rows: a mistake here, not in
       * the database. */
      g_set_error (error, CG_ERROR, CG_ERROR_DB, "%s: %s", what, sqlite3_sql (st));
      return FALSE;
    }
  return cg_db_fail (sqlite3_db_handle (st), what, error);
}

void
cg_db_stmt_free (sqlite3_stmt *st)
{
  sqlite3_finalize (st);
}

/* ---- transactions ------------------------------------------------------ */

struct CgDbTransaction {
  sqlite3 *handle;
  char *what;
  CgDbTxMode mode;
  gboolean savepoint; /* begun inside another transaction */
  gboolean done;      /* committed */
};

/* One name will do: savepoints nest, and each is released or rolled back
 * before the one around it. */
#define SAVEPOINT "cg_transaction"

CgDbTransaction *
cg_db_begin (sqlite3 *handle, CgDbTxMode mode, const char *what, GError **error)
{
  gboolean savepoint = !sqlite3_get_autocommit (handle);
  const char *sql = savepoint ? "SAVEPOINT " SAVEPOINT
                    : mode == CG_DB_TX_WRITE ? "BEGIN IMMEDIATE" : "BEGIN";
  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      int code = error_code (sqlite3_errcode (handle));
      g_autofree char *message = g_strdup_printf (_("%s: cannot start a transaction in %s: %s"),
                                                  what, handle_path (handle),
                                                  sqlite3_errmsg (handle));
      set_error (error, code, message);
      return NULL;
    }
  CgDbTransaction *tx = g_new0 (CgDbTransaction, 1);
  tx->handle = handle;
  tx->what = g_strdup (what);
  tx->mode = mode;
  tx->savepoint = savepoint;
  return tx;
}

gboolean
cg_db_commit (CgDbTransaction *tx, GError **error)
{
  g_return_val_if_fail (!tx->done, FALSE);
  const char *sql = tx->savepoint ? "RELEASE " SAVEPOINT : "COMMIT";
  if (sqlite3_exec (tx->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      int code = error_code (sqlite3_errcode (tx->handle));
      g_autofree char *message = g_strdup_printf (_("%s: cannot commit to %s: %s"), tx->what,
                                                  handle_path (tx->handle),
                                                  sqlite3_errmsg (tx->handle));
      set_error (error, code, message);
      return FALSE;
    }
  tx->done = TRUE;
  return TRUE;
}

void
cg_db_transaction_free (CgDbTransaction *tx)
{
  if (tx == NULL)
    return;
  /* A full disk, an I/O error or running out of memory has SQLite roll
   * the whole transaction back itself: there is nothing left to undo. */
  if (!tx->done && !sqlite3_get_autocommit (tx->handle))
    {
      const char *sql = tx->savepoint ? "ROLLBACK TO " SAVEPOINT "; RELEASE " SAVEPOINT
                                      : "ROLLBACK";
      if (sqlite3_exec (tx->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
        g_warning ("%s: rolling back in %s failed: %s", tx->what, handle_path (tx->handle),
                   sqlite3_errmsg (tx->handle));
      else if (tx->mode == CG_DB_TX_WRITE)
        g_debug ("%s: rolled back", tx->what);
    }
  g_free (tx->what);
  g_free (tx);
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
