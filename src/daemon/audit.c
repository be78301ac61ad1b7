/* audit.c — appending to and verifying the audit chain. */
#define G_LOG_DOMAIN "canhgac-audit"
#include "build-config.h"

#include "daemon/audit.h"

#include "daemon/db/db.h"
#include "common/error.h"
#include "common/i18n.h"

#include <string.h>

/* The hash before the first row. */
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

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

/* The hash of the last row, or GENESIS when there is none. */
static char *
last_hash (sqlite3 *db, const char *what, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1",
                                               what, error);
  if (st == NULL)
    return NULL;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (st, 0));
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (db, what, error);
      return NULL;
    }
  return g_strdup (GENESIS);
}

gboolean
cg_audit_append (sqlite3 *db, gint64 at_us, const char *user, const char *action,
                 const char *object, const char *detail, GError **error)
{
  const char *what = _("writing the audit log");
  /* The last hash and the row that chains to it go together, or a row
   * written in between would break the chain.  Inside the caller's
   * transaction this is a savepoint of it. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (db, CG_DB_TX_WRITE, what, error);
  if (tx == NULL)
    return FALSE;
  g_autofree char *prev = last_hash (db, what, error);
  if (prev == NULL)
    return FALSE;
  g_autofree char *hash = cg_audit_hash (prev, at_us, user, action, object, detail);
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    db, "INSERT INTO audit (at_us, user, action, object, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, at_us);
  sqlite3_bind_text (st, 2, user, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, object != NULL ? object : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, detail != NULL ? detail : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 7, hash, -1, SQLITE_STATIC);
  return cg_db_step_done (st, what, error) && cg_db_commit (tx, error);
}

gboolean
cg_audit_verify (sqlite3 *db, CgAuditVerdict *v, GError **error)
{
  *v = (CgAuditVerdict) { 0 };
  const char *what = _("reading the audit log");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    db, "SELECT id, at_us, user, action, object, detail, prev_hash, hash FROM audit ORDER BY id",
    what, error);
  if (st == NULL)
    return FALSE;
  g_autofree char *expected_prev = g_strdup (GENESIS);
  gint64 prev_id = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      const char *prev = (const char *) sqlite3_column_text (st, 6);
      const char *hash = (const char *) sqlite3_column_text (st, 7);
      g_autofree char *computed = cg_audit_hash (prev, sqlite3_column_int64 (st, 1),
                                                 (const char *) sqlite3_column_text (st, 2),
                                                 (const char *) sqlite3_column_text (st, 3),
                                                 (const char *) sqlite3_column_text (st, 4),
                                                 (const char *) sqlite3_column_text (st, 5));
      v->rows++;
      const char *problem = NULL;
      if (id != prev_id + 1)
        problem = _("rows before it are missing");
      else if (g_strcmp0 (prev, expected_prev) != 0)
        problem = _("it does not follow the row before it (a row was removed or changed)");
      else if (g_strcmp0 (hash, computed) != 0)
        problem = _("its content was changed after it was written");
      if (problem != NULL)
        {
          v->first_bad_id = id;
          v->problem = g_strdup (problem);
          return TRUE;
        }
      g_free (expected_prev);
      expected_prev = g_strdup (hash);
      prev_id = id;
    }
  if (rc != SQLITE_DONE)
    {
      cg_audit_verdict_clear (v);
      return cg_db_fail (db, what, error);
    }
  return TRUE;
}

void
cg_audit_verdict_clear (CgAuditVerdict *v)
{
  g_clear_pointer (&v->problem, g_free);
}
