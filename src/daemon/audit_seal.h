/* audit_seal.h — what anchors the audit log outside its database.
 *
 * The hash chain in the audit table shows an edit to one row, but not a
 * rewrite of every hash after it, nor rows cut from the end: whoever can
 * write the database file can do both.  Two things the file does not
 * hold make that detectable:
 *   - a key, kept in a file beside the database that only the daemon's
 *     user can read, with which each row's hash is sealed (HMAC-SHA256):
 *     a recomputed chain has no valid seals without the key;
 *   - the chain head (rows and last hash), rewritten atomically outside
 *     the database after every append and shown to officers (status,
 *     reports), so that a printed page anchors the history up to it:
 *     rows cut from the end leave the database behind the head.
 */
#pragma once

#include <glib.h>

typedef struct CgAuditSeal CgAuditSeal;

/* Opens dir's key and head files, creating the key (0600) the first
 * time.  Refuses a key file others may read or that is not a key. */
CgAuditSeal *cg_audit_seal_open (const char *dir, GError **error);
void cg_audit_seal_free (CgAuditSeal *seal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAuditSeal, cg_audit_seal_free)

/* The seal of a row: HMAC-SHA256 of its hash under the key, hex. */
char *cg_audit_seal_mac (CgAuditSeal *seal, const char *row_hash);

/* Records rows and the last row's hash as the head (write to a new
 * file, fsync, rename, fsync the directory: a power cut leaves the old
 * head or the new, never half of one). */
gboolean cg_audit_seal_set_head (CgAuditSeal *seal, gint64 rows, const char *hash,
                                 GError **error);

/* The head last recorded: FALSE with *rows = 0 when there is none yet
 * (a new installation); an error when the file is unreadable or garbled. */
gboolean cg_audit_seal_get_head (CgAuditSeal *seal, gint64 *rows, char **hash,
                                 GError **error);

/* The head as officers copy it onto paper: "N/xxxxxxxxxxxx" (rows and the
 * first 12 hex digits of the last hash). */
char *cg_audit_seal_head_text (gint64 rows, const char *hash);
