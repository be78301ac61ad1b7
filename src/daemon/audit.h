/* audit.h — the append-only, hash-chained, sealed audit log.
 *
 * Every view of footage, export, incident change, configuration change
 * and privileged connection is a row: time, user, action, object, detail,
 * the previous row's hash, its own SHA-256 over all of those, and its
 * seal: an HMAC of that hash under a key the database does not hold
 * (audit_seal.h).  SQL triggers forbid UPDATE and DELETE; the chain shows
 * an edit made to the file behind SQLite's back, the seals a chain whose
 * hashes were all recomputed after such an edit, and the head kept
 * outside the database (rows and last hash) rows cut from its end.
 *
 * Rows may be appended from several threads, each with its own
 * connection: SQLite's write lock orders the rows, a mutex here the head.
 */
#pragma once

#include "daemon/audit_seal.h"

#include <glib.h>
#include <sqlite3.h>

/* Makes seal the process's (taking it; NULL drops it, for tests) and
 * loads the head last recorded beside it.  Call once at start-up, before
 * any thread appends.  Without a seal rows are chained but not sealed,
 * and verifying checks the chain only.  FALSE when the head file is
 * garbled (it is left as it is: it is evidence). */
gboolean cg_audit_set_seal (CgAuditSeal *seal, GError **error);

/* Starts the log's life in the daemon, once the seal is set: the first
 * time, appends the row recording that sealing began (and how many rows
 * came before it unsealed); then records or checks the head.  FALSE
 * when that row cannot be written. */
gboolean cg_audit_start (sqlite3 *db, GError **error);

/* Appends a row, sealed.  Outside a transaction the row is committed
 * with a full sync (it survives a power cut once this returns) and the
 * head is moved to it.  Inside the caller's transaction it is a savepoint
 * of it, made durable by the caller's commit (the daemon's main
 * connection syncs fully); the caller then calls cg_audit_anchor(). */
gboolean cg_audit_append (sqlite3 *db, gint64 at_us, const char *user, const char *action,
                          const char *object, const char *detail, GError **error);

/* Records the last committed row as the head, when the database still
 * holds the head recorded before; otherwise the head stays where it is,
 * for verifying to report, and the daemon's log says so once.  Appending
 * outside a transaction does this itself, and cg_audit_start() at
 * start-up. */
gboolean cg_audit_anchor (sqlite3 *db, GError **error);

/* The head last recorded: FALSE when there is none (no seal, or nothing
 * recorded yet).  *hash is the caller's. */
gboolean cg_audit_head (gint64 *rows, char **hash);

/* The rows in the database and the last one's hash (NULL when there are
 * none), as the head would record them. */
gboolean cg_audit_tail (sqlite3 *db, gint64 *rows, char **hash, GError **error);

typedef struct {
  gint64 rows;         /* rows checked */
  gint64 unsealed;     /* of them, written before sealing began */
  gint64 first_bad_id; /* 0: the log holds */
  char *problem;       /* what is wrong with that row */
  gint64 missing;      /* rows the head records that the database lacks */
  gint64 head_rows;    /* the head checked against; 0: none recorded */
  char *head_hash;
} CgAuditVerdict;

/* Walks the whole log.  A row that was changed, inserted, removed,
 * resealed or stripped of its seal, a log that differs from its head or
 * ends before it, is a verdict (first_bad_id); a database that cannot be
 * read to the end is an error: it is never called intact. */
gboolean cg_audit_verify (sqlite3 *db, CgAuditVerdict *verdict, GError **error);
void cg_audit_verdict_clear (CgAuditVerdict *verdict);

/* The row hash: SHA-256 (hex) over length-prefixed fields, so that no
 * two different rows can be spelled the same. */
char *cg_audit_hash (const char *prev_hash, gint64 at_us, const char *user, const char *action,
                     const char *object, const char *detail);
