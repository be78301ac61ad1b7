/* roles.c — from Unix groups to viewer, operator, admin. */
#include "build-config.h"

#include "daemon/roles.h"

#include "common/i18n.h"

#include <errno.h>
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
cg_role_msgid (CgRole role)
{
  switch (role)
    {
    case CG_ROLE_VIEWER: return N_("viewer");
    case CG_ROLE_OPERATOR: return N_("operator");
    case CG_ROLE_ADMIN: return N_("admin");
    case CG_ROLE_NONE: break;
    }
  return N_("no role");
}

const char *
cg_role_label (CgRole role)
{
  return _(cg_role_msgid (role));
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

/* The lookups run in worker threads, two connections at a time: only the
 * reentrant calls, each with its own buffer, or one connection could be
 * named (and given the groups of) another's user. */
static gboolean
passwd_of (uid_t uid, struct passwd *pw, GByteArray *buf)
{
  struct passwd *found = NULL;
  int rc;
  while ((rc = getpwuid_r (uid, pw, (char *) buf->data, buf->len, &found)) == ERANGE
         && buf->len < 1 << 20)
    g_byte_array_set_size (buf, buf->len * 2);
  return rc == 0 && found != NULL;
}

static GByteArray *
lookup_buffer (void)
{
  GByteArray *buf = g_byte_array_sized_new (4096);
  g_byte_array_set_size (buf, 4096);
  return buf;
}

static char *
user_name (uid_t uid, const struct passwd *pw)
{
  return pw != NULL ? g_strdup (pw->pw_name) : g_strdup_printf ("uid%u", (unsigned) uid);
}

static void
add_group_name (GPtrArray *names, gid_t gid)
{
  g_autoptr (GByteArray) buf = lookup_buffer ();
  struct group gr, *found = NULL;
  int rc;
  while ((rc = getgrgid_r (gid, &gr, (char *) buf->data, buf->len, &found)) == ERANGE
         && buf->len < 1 << 24)
    g_byte_array_set_size (buf, buf->len * 2);
  if (rc == 0 && found != NULL)
    g_ptr_array_add (names, g_strdup (found->gr_name));
}

static CgRole
role_of_names (uid_t uid, GPtrArray *names, const CgConfig *config)
{
  g_ptr_array_add (names, NULL);
  CgRole role = cg_role_for_groups (uid, geteuid (), (const char *const *) names->pdata, config);
  g_ptr_array_free (names, TRUE);
  return role;
}

CgRole
cg_role_for_process (uid_t uid, const gid_t *gids, guint n_gids, const CgConfig *config,
                     char **user)
{
  g_autoptr (GByteArray) buf = lookup_buffer ();
  struct passwd pw;
  *user = user_name (uid, passwd_of (uid, &pw, buf) ? &pw : NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_gids; i++)
    add_group_name (names, gids[i]);
  return role_of_names (uid, names, config);
}

CgRole
cg_role_for_user (uid_t uid, const CgConfig *config, char **user)
{
  g_autoptr (GByteArray) buf = lookup_buffer ();
  struct passwd pw;
  gboolean known = passwd_of (uid, &pw, buf);
  *user = user_name (uid, known ? &pw : NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  if (known)
    {
      int n = 64;
      gid_t *gids = g_new (gid_t, n);
      if (getgrouplist (pw.pw_name, pw.pw_gid, gids, &n) < 0)
        {
          gids = g_renew (gid_t, gids, n);
          if (getgrouplist (pw.pw_name, pw.pw_gid, gids, &n) < 0)
            n = 0;
        }
      for (int i = 0; i < n; i++)
        add_group_name (names, gids[i]);
      g_free (gids);
    }
  return role_of_names (uid, names, config);
}

CgRole
cg_role_recheck (CgRole current, CgRole in_groups_before, CgRole in_groups_now)
{
  if (in_groups_now < in_groups_before && in_groups_now < current)
    return in_groups_now;
  return current;
}
