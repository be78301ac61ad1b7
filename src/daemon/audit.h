/* audit.h — the append-only, hash-chained audit log.
 *
 * Every view of footage, export, incident change, configuration change
 * and privileged connection is a row: time, user, action, object, detail,
 * the previous row's hash and its own SHA-256 over all of those.  SQL
 * triggers forbid UPDATE and DELETE; the chain shows an edit made to the
 * file behind SQLite's back.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* Appends a row; the caller's transaction (if any) holds it. */
gboolean cg_audit_append (sqlite3 *db, gint64 at_us, const char *user, const char *action,
                          const char *object, const char *detail, GError **error);

typedef struct {
  gint64 rows;         /* rows checked */
  gint64 first_bad_id; /* 0: the chain holds */
  char *problem;       /* what is wrong with that row */
} CgAuditVerdict;

gboolean cg_audit_verify (sqlite3 *db, CgAuditVerdict *verdict, GError **error);
void cg_audit_verdict_clear (CgAuditVerdict *verdict);

/* The row hash: SHA-256 (hex) over length-prefixed fields, so that no
 * two different rows can be spelled the same. */
char *cg_audit_hash (const char *prev_hash, gint64 at_us, const char *user, const char *action,
                     const char *object, const char *detail);
