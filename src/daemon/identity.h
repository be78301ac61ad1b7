/* identity.h — who a peer on the socket is, worked out off the main loop.
 *
 * The kernel tells the process's uid, gid and groups (SO_PEERCRED,
 * SO_PEERGROUPS); turning them into a user name and a role needs the user
 * database, which may wait on the network (LDAP, sssd), so it runs in a
 * worker thread and reports back on the main context.  The same thread
 * writes a privileged connection's "connect" audit row, on a database
 * connection of its own: a synced write never holds up the main loop.
 * Roles are read again from the group database every so often for the
 * users connected, so that a user removed from a group loses its role.
 */
#pragma once

#include "common/config.h"
#include "daemon/roles.h"

#include <gio/gio.h>
#include <sys/types.h>

typedef struct {
  uid_t uid;
  pid_t pid;
  char *user;            /* from the user database, or "uidN" */
  char *full_name;       /* the first field of its GECOS, or NULL */
  CgRole role;           /* the process's groups or the database's, the higher */
  CgRole role_in_groups; /* what the group database alone gives */
} CgIdentity;

/* The process's gid and groups as the kernel gave them (no lookup). */
GArray *cg_identity_peer_groups (int socket_fd, gid_t gid);

/* Looks the peer up in a worker thread, writes its "connect" audit row
 * into the database at db_path when its role is above viewer, then calls
 * done on the main context; cg_identity_result() gives the identity. */
void cg_identity_lookup (uid_t uid, pid_t pid, GArray *gids, const CgConfig *config,
                         const char *db_path, GAsyncReadyCallback done, gpointer data);
const CgIdentity *cg_identity_result (GAsyncResult *result);

/* Reads the group database again for each uid in a worker thread, then
 * calls done; cg_identity_recheck_result() gives the roles (CgRole, in
 * the order of *uids). */
void cg_identity_recheck (const CgConfig *config, GArray *uids, GAsyncReadyCallback done,
                          gpointer data);
const GArray *cg_identity_recheck_result (GAsyncResult *result, const GArray **uids);

/* Closes the audit connection; lookups still running write nothing. */
void cg_identity_shutdown (void);
