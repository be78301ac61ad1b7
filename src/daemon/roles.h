/* roles.h — who a peer on the socket is, and what it may do.
 *
 * Identity comes from the socket's credentials (SO_PEERCRED), never from
 * anything the client says.  Roles are ordered: a method needing
 * "operator" accepts operators and admins.
 */
#pragma once

#include "common/config.h"

#include <glib.h>
#include <sys/types.h>

typedef enum {
  CG_ROLE_NONE = 0,
  CG_ROLE_VIEWER,
  CG_ROLE_OPERATOR,
  CG_ROLE_ADMIN,
} CgRole;

const char *cg_role_name (CgRole role); /* "viewer", ... (untranslated: protocol) */
const char *cg_role_label (CgRole role); /* translated, for people */

/* The role of a member of `groups` (group names), or of root / the
 * daemon's own user, who are always admin.  Pure: tested without users. */
CgRole cg_role_for_groups (uid_t uid, uid_t daemon_uid, const char *const *groups,
                           const CgConfig *config);

/* The role and user name of a peer with these credentials, looking up its
 * groups in the system's user database. */
CgRole cg_role_for_peer (uid_t uid, gid_t gid, const CgConfig *config, char **user_name);
