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
const char *cg_role_msgid (CgRole role); /* the same untranslated, for messages (N_()) */

/* The role of a member of `groups` (group names), or of root / the
 * daemon's own user, who are always admin.  Pure: tested without users. */
CgRole cg_role_for_groups (uid_t uid, uid_t daemon_uid, const char *const *groups,
                           const CgConfig *config);

/* The role and user name of a process in groups gids (its gid and
 * supplementary groups, as the socket reports them).  Looks names up in
 * the user database, which may wait on the network: not on the main loop. */
CgRole cg_role_for_process (uid_t uid, const gid_t *gids, guint n_gids, const CgConfig *config,
                            char **user);

/* The role the group database gives the user now (their primary group
 * and the groups listing them); same caution. */
CgRole cg_role_for_user (uid_t uid, const CgConfig *config, char **user);

/* The role a connected peer keeps when the group database is read again:
 * a user who lost a group there since (in_groups_now below
 * in_groups_before) keeps no more than the database now gives; roles from
 * groups the process holds that the database never listed stay.  Pure. */
CgRole cg_role_recheck (CgRole current, CgRole in_groups_before, CgRole in_groups_now);
