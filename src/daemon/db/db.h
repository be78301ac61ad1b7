/* db.h — opening canhgac's SQLite database, and the discipline of using it.
 *
 * One file, $data_dir/canhgac.db, in WAL mode so readers never wait for
 * the daemon's writes.  Opening for writing applies any pending schema
 * migrations; a database from a newer canhgac, a file that is not a
 * database, or another program's database are refused with a message
 * saying what to do.
 *
 * Every statement prepared, every step that writes, every BEGIN and
 * COMMIT is checked; a failure becomes a GError that says what was being
 * done (the `what` arguments below, e.g. _("saving the camera")).
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

/* Sets error from the connection's last error, prefixed by context;
 * always returns FALSE.  The code tells a busy database
 * (CG_ERROR_DB_BUSY) and a disk that refuses writes (CG_ERROR_DB_DISK)
 * from the rest (CG_ERROR_DB). */
gboolean cg_db_fail (sqlite3 *handle, const char *context, GError **error);

/* ---- statements ------------------------------------------------------ */

/* The statement, or NULL with error "what: SQLite's reason". */
sqlite3_stmt *cg_db_prepare (sqlite3 *handle, const char *sql, const char *what, GError **error);

/* A copy of a text column, or NULL when it is NULL. */
char *cg_db_text_at (sqlite3_stmt *st, int col);

/* Runs a statement that returns no rows (INSERT, UPDATE, DELETE). */
gboolean cg_db_step_done (sqlite3_stmt *st, const char *what, GError **error);

/* sqlite3_finalize() for g_autoptr (sqlite3_stmt). */
void cg_db_stmt_free (sqlite3_stmt *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, cg_db_stmt_free)

/* ---- transactions ---------------------------------------------------- */

typedef enum {
  /* BEGIN (deferred): one consistent picture across several reads. */
  CG_DB_TX_READ,
  /* BEGIN IMMEDIATE: the write lock is taken at the start, waiting up to
   * the busy timeout, so that a busy database is met before anything is
   * done rather than half-way through. */
  CG_DB_TX_WRITE,
} CgDbTxMode;

/* A transaction that rolls back when freed without cg_db_commit(): held
 * in a g_autoptr, every early return leaves the database as it was (a
 * read transaction may simply be freed when done).
 * Begun inside another transaction it is a savepoint of it, so a helper
 * that needs its statements kept together (the audit chain) can be
 * called with or without one around it; a write savepoint inside a read
 * transaction takes the write lock only at its first write. */
typedef struct CgDbTransaction CgDbTransaction;

CgDbTransaction *cg_db_begin (sqlite3 *handle, CgDbTxMode mode, const char *what,
                              GError **error);

/* On failure the transaction is still to be freed, which rolls back what
 * SQLite has not rolled back already. */
gboolean cg_db_commit (CgDbTransaction *tx, GError **error);

void cg_db_transaction_free (CgDbTransaction *tx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDbTransaction, cg_db_transaction_free)
