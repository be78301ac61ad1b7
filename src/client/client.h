/* client.h — talking to canhgacd over its socket, one call at a time.
 *
 * The command line and the station use it; a reply may bring a file
 * descriptor (recording.open).  Notifications that arrive while waiting
 * for a reply are kept for cg_client_next_notification().
 */
#pragma once

/* How long a call waits for its answer before it fails: longer than any
 * request the daemon answers when healthy, short enough that a station
 * or a script never hangs on a stuck daemon. */
#define CG_CLIENT_TIMEOUT_MS 30000

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct CgClient CgClient;

/* Fails with CG_ERROR_UNREACHABLE and a message saying how to start the
 * daemon when nothing answers at path. */
CgClient *cg_client_connect (const char *path, GError **error);
void cg_client_free (CgClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgClient, cg_client_free)

/* Calls method with params (NULL: none; not taken).  Returns the result,
 * or NULL with error: CG_RPC_ERROR and the daemon's code and message, or
 * CG_ERROR_UNREACHABLE when the connection broke.  *fd_out (may be NULL)
 * receives a passed descriptor, or -1. */
JsonNode *cg_client_call (CgClient *client, const char *method, JsonNode *params, int *fd_out,
                          GError **error);

/* The next notification, waiting up to timeout_ms (-1: forever); NULL on
 * timeout or a broken connection.  *params is set (caller unrefs). */
char *cg_client_next_notification (CgClient *client, int timeout_ms, JsonNode **params);

/* cg_client_call with the client as a pointer, for code that is given
 * a function to call through (CgRecordingsCall, CgPlayerCall). */
JsonNode *cg_client_call_with (gpointer client, const char *method, JsonNode *params, int *fd_out,
                               GError **error);

int cg_client_fd (CgClient *client);
