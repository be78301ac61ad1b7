/* server_roles.c — roles checked again: a user the group database now
 * gives less than at connect loses the difference on every open
 * connection within a minute (ROLE_RECHECK_SECONDS in server.c). */
#define G_LOG_DOMAIN "canhgac-server"
#include "build-config.h"

#include "daemon/server_peer.h"

#include "daemon/identity.h"

#include <unistd.h>

/* A user the group database now gives less than at connect loses the
 * difference on every open connection (an admin removed from the admin
 * group stops being one); groups the process holds that the database
 * never listed (started with sg, setpriv) are left as they were. */
static void
role_check_done (GObject *source, GAsyncResult *res, gpointer data)
{
  const GArray *uids = NULL;
  const GArray *roles = cg_identity_recheck_result (res, &uids);
  CgServer *s = cg_server_current ();
  if (s == NULL)
    return;
  s->role_check_running = FALSE;
  for (GList *l = s->peers; l != NULL;)
    {
      Peer *p = l->data;
      l = l->next;
      if (!p->identified || p->closed)
        continue;
      for (guint i = 0; i < uids->len; i++)
        {
          if (g_array_index (uids, uid_t, i) != p->uid)
            continue;
          CgRole now = g_array_index (roles, CgRole, i);
          CgRole kept = cg_role_recheck (p->role, p->role_in_groups, now);
          if (kept != p->role)
            {
              g_message ("client %u (%s): role %s -> %s (group membership changed)", p->serial,
                         p->user, cg_role_name (p->role), cg_role_name (kept));
              p->role = kept;
              if (kept == CG_ROLE_NONE)
                cg_server_peer_close (p, "no longer in a group of [roles]");
            }
          p->role_in_groups = MIN (p->role_in_groups, now);
        }
    }
}

gboolean
cg_server_on_role_check (gpointer data)
{
  CgServer *s = data;
  if (s->role_check_running || s->peers == NULL)
    return G_SOURCE_CONTINUE;
  g_autoptr (GArray) uids = g_array_new (FALSE, FALSE, sizeof (uid_t));
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (GList *l = s->peers; l != NULL; l = l->next)
    {
      Peer *p = l->data;
      if (p->uid == 0 || p->uid == geteuid ()
          || !g_hash_table_add (seen, GUINT_TO_POINTER (p->uid)))
        continue;
      g_array_append_val (uids, p->uid);
    }
  if (uids->len == 0)
    return G_SOURCE_CONTINUE;
  s->role_check_running = TRUE;
  cg_identity_recheck (s->api->config, uids, role_check_done, NULL);
  return G_SOURCE_CONTINUE;
}
