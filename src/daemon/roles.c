/* roles.c — from Unix groups to viewer, operator, admin. */
#include "build-config.h"

#include "daemon/roles.h"

#include "common/i18n.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

const char *
cg_role_name (CgRole role)
{
  static const char *const names[] = { "none", "viewer", "operator", "admin" };
  return names[role];
}

const char *
cg_role_label (CgRole role)
{
  switch (role)
    {
    case CG_ROLE_VIEWER: return _("viewer");
    case CG_ROLE_OPERATOR: return _("operator");
    case CG_ROLE_ADMIN: return _("admin");
    case CG_ROLE_NONE: break;
    }
  return _("no role");
}

static gboolean
member_of (const char *const *groups, char **wanted)
{
  for (int i = 0; wanted != NULL && wanted[i] != NULL; i++)
    if (g_strv_contains (groups, wanted[i]))
      return TRUE;
  return FALSE;
}

CgRole
cg_role_for_groups (uid_t uid, uid_t daemon_uid, const char *const *groups, const CgConfig *config)
{
  if (uid == 0 || uid == daemon_uid)
    return CG_ROLE_ADMIN;
  if (member_of (groups, config->admin_groups))
    return CG_ROLE_ADMIN;
  if (member_of (groups, config->operator_groups))
    return CG_ROLE_OPERATOR;
  if (member_of (groups, config->viewer_groups))
    return CG_ROLE_VIEWER;
  return CG_ROLE_NONE;
}

CgRole
cg_role_for_peer (uid_t uid, gid_t gid, const CgConfig *config, char **user_name)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  struct passwd *pw = getpwuid (uid);
  *user_name = pw != NULL ? g_strdup (pw->pw_name) : g_strdup_printf ("uid%u", (unsigned) uid);
  /* The peer's own gid counts even when the user database does not list
   * it (a process started with another group). */
  struct group *gr = getgrgid (gid);
  if (gr != NULL)
    g_ptr_array_add (names, g_strdup (gr->gr_name));
  if (pw != NULL)
    {
      int n = 64;
      gid_t *gids = g_new (gid_t, n);
      if (getgrouplist (pw->pw_name, pw->pw_gid, gids, &n) < 0)
        {
          gids = g_renew (gid_t, gids, n);
          getgrouplist (pw->pw_name, pw->pw_gid, gids, &n);
        }
      for (int i = 0; i < n; i++)
        if ((gr = getgrgid (gids[i])) != NULL)
          g_ptr_array_add (names, g_strdup (gr->gr_name));
      g_free (gids);
    }
  g_ptr_array_add (names, NULL);
  CgRole role = cg_role_for_groups (uid, geteuid (), (const char *const *) names->pdata, config);
  g_ptr_array_free (names, TRUE);
  return role;
}
