/* error.h — the GError domains of canhgac's recoverable failures.
 *
 * Messages are written for the person who has to act on them; the code
 * lets callers and tests tell kinds of failure apart.
 *
 * An error of CG_ERROR or CG_RPC_ERROR may also carry its message as a
 * template and arguments (common/message.h): canhgacd sends those with
 * its refusals, so that the command line and the station word them in
 * the officer's language rather than in the daemon's.
 */
#pragma once

#include <glib.h>

/* common/message.h; not included here, since it needs json-glib. */
typedef struct CgMessage CgMessage;
typedef struct _JsonNode JsonNode;
typedef struct _JsonObject JsonObject;

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

/* ---- Errors that keep their template ----------------------------------
 * The message is worded in the current locale (cg_message_word()); the
 * template and arguments stay with the error, through g_error_copy() and
 * g_propagate_error(), and are freed with it.  In other domains only the
 * message is set. */

/* Like g_set_error (error, domain, code, _(msgid), ...); msgid is marked
 * with N_(). */
void cg_error_set_text (GError **error, GQuark domain, int code, const char *msgid, ...)
  G_GNUC_PRINTF (4, 5);
/* The same with a message built beforehand (cg_message_compose() for one
 * with messages inside); takes message. */
void cg_error_set_message (GError **error, GQuark domain, int code, CgMessage *message);

/* error->message with what it said put into msgid (N_(), one %s), like
 * g_prefix_error() but keeping the template: "sub-stream: %s". */
void cg_error_prefix_text (GError **error, const char *msgid);

/* src as an error of another domain and code, with its message and
 * template; takes src.  For turning a layer's error into an API error. */
void cg_error_propagate_as (GError **dest, GError *src, GQuark domain, int code);

/* The template error->message was worded from, or NULL: none was given,
 * or the message was changed since (g_prefix_error()). */
const CgMessage *cg_error_get_message (const GError *error);

/* On a client: an error the daemon reported, shown as shown (the message
 * worded here, or the daemon's), keeping the daemon's own message and
 * its template (taken; may be NULL) for scripts. */
void cg_error_set_remote (GError **error, GQuark domain, int code, const char *shown,
                          const char *remote, CgMessage *message);
/* What the daemon itself said, for an error from cg_error_set_remote();
 * else error->message. */
const char *cg_error_get_remote (const GError *error);

/* ---- more for the reply's "data" --------------------------------------
 * Besides the template, an API error may say more for scripts and for
 * the station: the parameter refused ("field"), the version an edit was
 * refused against.  These members go into the error reply's "data" beside
 * "text" and "args", and a client keeps them from the reply it read. */

/* Sets data member name to value (taken); nothing for other domains. */
void cg_error_set_data (GError *error, const char *name, JsonNode *value);
/* "field": the parameter refused, for *error when it is set. */
void cg_error_set_field (GError **error, const char *field);
/* Those members, or NULL. */
JsonObject *cg_error_get_data (const GError *error);
