/* file_digest.h — the SHA-256 of a file, as footage is identified.
 *
 * A segment's row id is reused once the segment is deleted; its digest
 * is not.  The audit log names footage by camera, start and digest, and
 * an officer can check a copy handed to them with `sha256sum`.
 */
#pragma once

#include <glib.h>

/* The SHA-256 of the file at path as 64 lowercase hex digits, read from
 * start to end; NULL with a CG_ERROR_IO error naming the file. */
char *cg_file_sha256 (const char *path, GError **error);

/* The same of what an open descriptor holds, read from its start with
 * pread() (its offset is left alone); name is for the message. */
char *cg_fd_sha256 (int fd, const char *name, GError **error);
