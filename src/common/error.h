/* error.h — the GError domain of canhgac's recoverable failures.
 *
 * Messages are written for the person who has to act on them; the code
 * lets callers and tests tell kinds of failure apart.
 */
#pragma once

#include <glib.h>

#define CG_ERROR (cg_error_quark ())
GQuark cg_error_quark (void);

typedef enum {
  CG_ERROR_FAILED,        /* anything not below */
  CG_ERROR_CONFIG,        /* a configuration file or value is wrong */
  CG_ERROR_IO,            /* a file or directory cannot be used */
  CG_ERROR_DB,            /* SQLite reported an error */
  CG_ERROR_DB_NOT_DB,     /* the file is not an SQLite database */
  CG_ERROR_DB_NEWER,      /* written by a newer canhgac */
  CG_ERROR_DB_OLDER,      /* needs an upgrade that a read-only open cannot do */
  CG_ERROR_DB_MISSING,    /* no database yet */
  CG_ERROR_DB_BUSY,       /* another connection held a lock past the busy timeout */
  CG_ERROR_DB_DISK,       /* the disk under the database is full or refuses writes */
  CG_ERROR_USAGE,         /* wrong command-line use, or a value of the wrong shape */
  CG_ERROR_NOT_FOUND,     /* no such camera, segment ... */
  CG_ERROR_CONFLICT,      /* e.g. a name already in use */
  CG_ERROR_UNREACHABLE,   /* the daemon's socket does not answer */
} CgErrorCode;
