/* audit.c — appending to, anchoring and verifying the audit chain. */
#define G_LOG_DOMAIN "canhgac-audit"
#include "build-config.h"

#include "daemon/audit.h"

#include "daemon/db/db.h"
#include "common/error.h"
#include "common/i18n.h"

#include <string.h>

/* The hash before the first row. */
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* PRAGMA synchronous: FULL syncs the WAL at every commit. */
#define SYNC_FULL 2

/* The row that records when sealing began, and how many rows before it
 * were written without a seal: sealed itself, it keeps anyone from
 * passing sealed rows off as older, unsealed ones by stripping seals. */
#define SEALING_BEGAN "audit.seal"

/* The process's seal and the head last recorded.  The seal is set once
 * before any thread appends and only read after; the head is read and
 * moved under the mutex.  The mutex is never held while waiting for the
 * database's write lock, so one thread's busy database cannot stall
 * another (the main loop) on it. */
static CgAuditSeal *the_seal;
static GMutex head_lock;
static gint64 head_rows;
static char *head_hash;
static gboolean head_held_warned;

static void
feed (GChecksum *sum, const char *field)
{
  const char *s = field != NULL ? field : "";
  char len[24];
  g_snprintf (len, sizeof len, "%zu:", strlen (s));
  g_checksum_update (sum, (const guchar *) len, -1);
  g_checksum_update (sum, (const guchar *) s, -1);
}

char *
cg_audit_hash (const char *prev_hash, gint64 at_us, const char *user, const char *action,
               const char *object, const char *detail)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char at[32];
  g_snprintf (at, sizeof at, "%" G_GINT64_FORMAT, at_us);
  feed (sum, prev_hash);
  feed (sum, at);
  feed (sum, user);
  feed (sum, action);
  feed (sum, object);
  feed (sum, detail);
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
cg_audit_set_seal (CgAuditSeal *seal, GError **error)
{
  gint64 rows = 0;
  g_autofree char *hash = NULL;
  g_autoptr (GError) local = NULL;
  if (seal != NULL && !cg_audit_seal_get_head (seal, &rows, &hash, &local) && local != NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s; keep the file as evidence, move it out of the data directory and "
                     "start canhgacd again (the head is then taken from the database as it is)"),
                   local->message);
      cg_audit_seal_free (seal);
      return FALSE;
    }
  g_mutex_lock (&head_lock);
  g_clear_pointer (&the_seal, cg_audit_seal_free);
  the_seal = seal;
  head_rows = rows;
  g_free (head_hash);
  head_hash = g_steal_pointer (&hash);
  head_held_warned = FALSE;
  g_mutex_unlock (&head_lock);
  return TRUE;
}

gboolean
cg_audit_head (gint64 *rows, char **hash)
{
  g_mutex_lock (&head_lock);
  gboolean known = the_seal != NULL && head_rows > 0;
  *rows = known ? head_rows : 0;
  *hash = known ? g_strdup (head_hash) : NULL;
  g_mutex_unlock (&head_lock);
  return known;
}

/* The last row's id and hash; 0 and NULL when there is none.  Rows are
 * numbered from 1 without gaps (verifying insists), so the id is also
 * the number of rows, found without counting them. */
static gboolean
read_tail (sqlite3 *db, gint64 *rows, char **hash, const char *what, GError **error)
{
  *rows = 0;
  *hash = NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                                               what, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      *rows = sqlite3_column_int64 (st, 0);
      *hash = g_strdup ((const char *) sqlite3_column_text (st, 1));
      return TRUE;
    }
  return rc == SQLITE_DONE || cg_db_fail (db, what, error);
}

gboolean
cg_audit_tail (sqlite3 *db, gint64 *rows, char **hash, GError **error)
{
  return read_tail (db, rows, hash, _("reading the audit log"), error);
}

/* Whether the database holds row id with that hash. */
static gboolean
holds_row (sqlite3 *db, gint64 id, const char *hash, gboolean *holds, const char *what,
           GError **error)
{
  *holds = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (db, "SELECT hash FROM audit WHERE id = ?", what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *holds = g_strcmp0 ((const char *) sqlite3_column_text (st, 0), hash) == 0;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (db, what, error);
}

gboolean
cg_audit_anchor (sqlite3 *db, GError **error)
{
  const char *what = _("recording the audit log's head");
  g_mutex_lock (&head_lock);
  gboolean ok = TRUE;
  gint64 rows = 0;
  g_autofree char *hash = NULL;
  gboolean holds = TRUE;
  if (the_seal == NULL || !(ok = read_tail (db, &rows, &hash, what, error)))
    goto out;
  /* A log cut or rewritten behind the daemon's back keeps its old head,
   * so that verifying goes on showing it, however much is appended. */
  if (head_rows > 0 && rows < head_rows)
    holds = FALSE;
  else if (head_rows > 0 && !(ok = holds_row (db, head_rows, head_hash, &holds, what, error)))
    goto out;
  if (!holds)
    {
      if (!head_held_warned)
        g_warning ("the audit log no longer holds its head %" G_GINT64_FORMAT "/%.12s: rows were "
                   "removed or rewritten behind canhgacd's back; the head stays there (canhgac "
                   "audit verify names the rows)", head_rows, head_hash);
      head_held_warned = TRUE;
      goto out;
    }
  /* Only forward: another thread may have recorded a later row first. */
  if (rows <= head_rows)
    goto out;
  if (!(ok = cg_audit_seal_set_head (the_seal, rows, hash, error)))
    goto out;
  head_rows = rows;
  g_free (head_hash);
  head_hash = g_steal_pointer (&hash);
out:
  g_mutex_unlock (&head_lock);
  return ok;
}

/* The row itself, in its own transaction or a savepoint of the caller's. */
static gboolean
insert_row (sqlite3 *db, gint64 at_us, const char *user, const char *action, const char *object,
            const char *detail, const char *what, GError **error)
{
  /* The last hash and the row that chains to it go together: the write
   * lock, taken first, keeps any other connection from appending in
   * between. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (db, CG_DB_TX_WRITE, what, error);
  if (tx == NULL)
    return FALSE;
  gint64 last = 0;
  g_autofree char *prev = NULL;
  if (!read_tail (db, &last, &prev, what, error))
    return FALSE;
  g_autofree char *hash = cg_audit_hash (prev != NULL ? prev : GENESIS, at_us, user, action,
                                         object, detail);
  g_autofree char *mac = the_seal != NULL ? cg_audit_seal_mac (the_seal, hash) : NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    db, "INSERT INTO audit (at_us, user, action, object, detail, prev_hash, hash, mac)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, at_us);
  sqlite3_bind_text (st, 2, user, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, object != NULL ? object : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, detail != NULL ? detail : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, prev != NULL ? prev : GENESIS, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 7, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 8, mac, -1, SQLITE_STATIC);
  return cg_db_step_done (st, what, error) && cg_db_commit (tx, error);
}

static int
get_synchronous (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA synchronous", -1, &st, NULL) != SQLITE_OK
      || sqlite3_step (st) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (st, 0);
}

static gboolean
set_synchronous (sqlite3 *db, int level, const char *what, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA synchronous = %d", level);
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK || cg_db_fail (db, what, error);
}

gboolean
cg_audit_append (sqlite3 *db, gint64 at_us, const char *user, const char *action,
                 const char *object, const char *detail, GError **error)
{
  const char *what = _("writing the audit log");
  if (!sqlite3_get_autocommit (db))
    return insert_row (db, at_us, user, action, object, detail, what, error);

  /* Whatever the row allows (footage handed out, a change made) follows
   * it: it must survive a power cut from the moment this returns, which
   * a connection syncing NORMAL does not promise in WAL mode. */
  int was = get_synchronous (db);
  if (was >= 0 && was < SYNC_FULL && !set_synchronous (db, SYNC_FULL, what, error))
    return FALSE;
  gboolean ok = insert_row (db, at_us, user, action, object, detail, what, error);
  if (was >= 0 && was < SYNC_FULL)
    set_synchronous (db, was, what, NULL);
  if (!ok)
    return FALSE;
  /* The row is written; a head not recorded now is recorded with the
   * next row, so this does not undo what the row allows. */
  g_autoptr (GError) local = NULL;
  if (!cg_audit_anchor (db, &local))
    g_warning ("%s", local->message);
  return TRUE;
}

/* Whether the log's last row is sealed (none: FALSE), and how many rows
 * there are.  Only the end of the log is read: a damaged page further
 * back is for verifying to report, not a reason to stop recording. */
static gboolean
last_row_sealed (sqlite3 *db, gboolean *sealed, gint64 *rows, const char *what, GError **error)
{
  *sealed = FALSE;
  *rows = 0;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    db, "SELECT id, mac IS NOT NULL FROM audit ORDER BY id DESC LIMIT 1", what, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      *rows = sqlite3_column_int64 (st, 0);
      *sealed = sqlite3_column_int (st, 1) != 0;
    }
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (db, what, error);
}

gboolean
cg_audit_start (sqlite3 *db, GError **error)
{
  const char *what = _("writing the audit log");
  g_return_val_if_fail (the_seal != NULL, FALSE);
  gboolean sealed = FALSE;
  gint64 rows = 0;
  if (!last_row_sealed (db, &sealed, &rows, what, error))
    return FALSE;
  if (sealed)
    return cg_audit_anchor (db, error);
  /* No row yet, or only rows an older canhgac wrote without a seal.  (A
   * sealed log whose last seals were stripped gets a second such row;
   * verifying still finds the seals missing before it.) */
  g_autofree char *detail = g_strdup_printf ("unsealed=%" G_GINT64_FORMAT, rows);
  if (!cg_audit_append (db, g_get_real_time (), g_get_user_name (), SEALING_BEGAN, "", detail,
                        error))
    return FALSE;
  g_message ("the audit log is sealed from row %" G_GINT64_FORMAT " on", rows + 1);
  return TRUE;
}

/* ---- verifying ---------------------------------------------------------- */

typedef struct {
  CgAuditVerdict *v;
  char *expected_prev;
  gint64 prev_id;
  gboolean sealed_seen; /* the row saying sealing began, sealed */
} Walk;

/* What is wrong with the row the statement is on, or NULL. */
static const char *
check_row (Walk *w, sqlite3_stmt *st)
{
  gint64 id = sqlite3_column_int64 (st, 0);
  const char *prev = (const char *) sqlite3_column_text (st, 6);
  const char *hash = (const char *) sqlite3_column_text (st, 7);
  const char *mac = (const char *) sqlite3_column_text (st, 8);
  g_autofree char *computed = cg_audit_hash (prev, sqlite3_column_int64 (st, 1),
                                             (const char *) sqlite3_column_text (st, 2),
                                             (const char *) sqlite3_column_text (st, 3),
                                             (const char *) sqlite3_column_text (st, 4),
                                             (const char *) sqlite3_column_text (st, 5));
  if (id != w->prev_id + 1)
    return _("rows before it are missing");
  if (g_strcmp0 (prev, w->expected_prev) != 0)
    return _("it does not follow the row before it (a row was removed or changed)");
  if (g_strcmp0 (hash, computed) != 0)
    return _("its content was changed after it was written");
  if (the_seal != NULL)
    {
      const char *action = (const char *) sqlite3_column_text (st, 3);
      gboolean began = g_strcmp0 (action, SEALING_BEGAN) == 0;
      if (mac == NULL && (w->sealed_seen || began))
        return _("it has no seal though it was written after sealing began: its seal was removed");
      if (mac == NULL)
        w->v->unsealed++;
      else
        {
          g_autofree char *expected_mac = cg_audit_seal_mac (the_seal, hash);
          if (g_strcmp0 (mac, expected_mac) != 0)
            return _("its seal does not match: it was rewritten by someone without the audit key");
          /* The first sealed row says how many came before it unsealed. */
          g_autofree char *expected = g_strdup_printf ("unsealed=%" G_GINT64_FORMAT,
                                                       w->v->unsealed);
          if (!w->sealed_seen
              && (!began || g_strcmp0 ((const char *) sqlite3_column_text (st, 5), expected) != 0))
            return _("the rows before it lost their seals: it is the first sealed row, but not "
                     "the one recording when sealing began");
          w->sealed_seen = TRUE;
        }
    }
  if (id == w->v->head_rows && g_strcmp0 (hash, w->v->head_hash) != 0)
    return _("it differs from the head kept outside the database: the rows up to it were "
             "rewritten");
  return NULL;
}

gboolean
cg_audit_verify (sqlite3 *db, CgAuditVerdict *v, GError **error)
{
  *v = (CgAuditVerdict) { 0 };
  /* The head before the walk: what it records was committed before, so
   * the walk's snapshot holds it. */
  cg_audit_head (&v->head_rows, &v->head_hash);
  const char *what = _("reading the audit log");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    db, "SELECT id, at_us, user, action, object, detail, prev_hash, hash, mac FROM audit ORDER BY id",
    what, error);
  if (st == NULL)
    {
      cg_audit_verdict_clear (v);
      return FALSE;
    }
  Walk w = { .v = v, .expected_prev = g_strdup (GENESIS) };
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      v->rows++;
      const char *problem = check_row (&w, st);
      if (problem != NULL)
        {
          v->first_bad_id = sqlite3_column_int64 (st, 0);
          v->problem = g_strdup (problem);
          g_free (w.expected_prev);
          return TRUE;
        }
      g_free (w.expected_prev);
      w.expected_prev = g_strdup ((const char *) sqlite3_column_text (st, 7));
      w.prev_id = sqlite3_column_int64 (st, 0);
    }
  g_free (w.expected_prev);
  gboolean stripped = the_seal != NULL && v->rows > 0 && !w.sealed_seen;
  /* A page SQLite cannot read ends the walk early: what was read may be
   * whole, but the log is not, and must not be called intact. */
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DB,
                   _("the audit log cannot be read past entry %lld (%s): it cannot be called "
                     "intact; keep the database file as evidence and report it"),
                   (long long) w.prev_id, sqlite3_errmsg (db));
      cg_audit_verdict_clear (v);
      return FALSE;
    }
  /* The daemon records when sealing began as it starts: a sealed log
   * without that row had every seal taken off. */
  if (stripped)
    {
      v->first_bad_id = 1;
      v->problem = g_strdup (_("no row records when sealing began, though the log is sealed: "
                               "the seals of every row were removed"));
    }
  else if (v->head_rows > v->rows)
    {
      v->missing = v->head_rows - v->rows;
      v->first_bad_id = v->rows + 1;
      v->problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%lld row is missing from the end: the head kept "
                                                 "outside the database records %lld rows, the "
                                                 "database holds %lld",
                                                 "%lld rows are missing from the end: the head kept "
                                                 "outside the database records %lld rows, the "
                                                 "database holds %lld",
                                                 (gulong) v->missing),
                                    (long long) v->missing, (long long) v->head_rows,
                                    (long long) v->rows);
    }
  return TRUE;
}

void
cg_audit_verdict_clear (CgAuditVerdict *v)
{
  g_clear_pointer (&v->problem, g_free);
  g_clear_pointer (&v->head_hash, g_free);
}
