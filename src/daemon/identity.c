/* identity.c — user, role and the connection's audit row, in a thread. */
#define G_LOG_DOMAIN "canhgac-server"
#include "build-config.h"

#include "daemon/identity.h"

#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/db/db.h"

#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <sys/socket.h>

GArray *
cg_identity_peer_groups (int socket_fd, gid_t gid)
{
  GArray *gids = g_array_new (FALSE, FALSE, sizeof (gid_t));
  g_array_append_val (gids, gid);
  gid_t buf[256];
  socklen_t len = sizeof buf;
  if (getsockopt (socket_fd, SOL_SOCKET, SO_PEERGROUPS, buf, &len) == 0)
    g_array_append_vals (gids, buf, len / sizeof (gid_t));
  else
    g_debug ("SO_PEERGROUPS: %s", g_strerror (errno));
  return gids;
}

/* ---- the lookup ---------------------------------------------------------- */

typedef struct {
  CgIdentity id;
  GArray *gids;
  const CgConfig *config;
  char *db_path;
} Lookup;

static void
lookup_free (Lookup *l)
{
  g_array_unref (l->gids);
  g_free (l->db_path);
  g_free (l->id.user);
  g_free (l->id.full_name);
  g_free (l);
}

/* The connection "connect" rows are written with: these rows are not a
 * condition of anything (every privileged request is audited on its own,
 * before it acts), so they never wait on the main loop. */
static GMutex audit_lock;
static CgDb *audit_db;
static gboolean audit_closed;

static void
audit_connection (const Lookup *l)
{
  g_mutex_lock (&audit_lock);
  g_autoptr (GError) error = NULL;
  if (audit_db == NULL && !audit_closed)
    audit_db = cg_db_open (l->db_path, CG_DB_READ_WRITE, &error);
  if (audit_db != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("role=%s pid=%d", cg_role_name (l->id.role),
                                                 (int) l->id.pid);
      cg_audit_append (cg_db_handle (audit_db), cg_time_now_us (), l->id.user, "connect", "",
                       detail, &error);
    }
  g_mutex_unlock (&audit_lock);
  if (error != NULL)
    g_warning ("audit of a connection by %s could not be written: %s", l->id.user,
               error->message);
}

/* The full name the user database gives (the first field of GECOS), or
 * NULL: an incident names the officer who recorded it by it. */
static char *
full_name_of (uid_t uid)
{
  struct passwd pw, *found = NULL;
  char buf[4096];
  if (getpwuid_r (uid, &pw, buf, sizeof buf, &found) != 0 || found == NULL
      || found->pw_gecos == NULL)
    return NULL;
  g_autofree char *gecos = g_strndup (found->pw_gecos, strcspn (found->pw_gecos, ","));
  g_strstrip (gecos);
  return gecos[0] != '\0' && g_utf8_validate (gecos, -1, NULL) ? g_steal_pointer (&gecos) : NULL;
}

static void
lookup_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Lookup *l = data;
  /* The groups the process holds, or those the database lists now (a
   * user added to a group need not log in again). */
  CgRole process = cg_role_for_process (l->id.uid, (const gid_t *) (gpointer) l->gids->data,
                                        l->gids->len, l->config, &l->id.user);
  g_autofree char *unused = NULL;
  l->id.role_in_groups = cg_role_for_user (l->id.uid, l->config, &unused);
  l->id.role = MAX (process, l->id.role_in_groups);
  l->id.full_name = full_name_of (l->id.uid);
  if (l->id.role > CG_ROLE_VIEWER)
    audit_connection (l);
  g_task_return_boolean (task, TRUE);
}

void
cg_identity_lookup (uid_t uid, pid_t pid, GArray *gids, const CgConfig *config,
                    const char *db_path, GAsyncReadyCallback done, gpointer data)
{
  Lookup *l = g_new0 (Lookup, 1);
  l->id.uid = uid;
  l->id.pid = pid;
  l->gids = g_array_ref (gids);
  l->config = config;
  l->db_path = g_strdup (db_path);
  g_autoptr (GTask) task = g_task_new (NULL, NULL, done, data);
  g_task_set_task_data (task, l, (GDestroyNotify) lookup_free);
  g_task_run_in_thread (task, lookup_thread);
}

const CgIdentity *
cg_identity_result (GAsyncResult *result)
{
  return &((Lookup *) g_task_get_task_data (G_TASK (result)))->id;
}

/* ---- roles read again ---------------------------------------------------- */

typedef struct {
  const CgConfig *config;
  GArray *uids;  /* uid_t */
  GArray *roles; /* CgRole, the group database's now */
} Recheck;

static void
recheck_free (Recheck *r)
{
  g_array_unref (r->uids);
  g_array_unref (r->roles);
  g_free (r);
}

static void
recheck_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Recheck *r = data;
  for (guint i = 0; i < r->uids->len; i++)
    {
      g_autofree char *user = NULL;
      CgRole role = cg_role_for_user (g_array_index (r->uids, uid_t, i), r->config, &user);
      g_array_append_val (r->roles, role);
    }
  g_task_return_boolean (task, TRUE);
}

void
cg_identity_recheck (const CgConfig *config, GArray *uids, GAsyncReadyCallback done,
                     gpointer data)
{
  Recheck *r = g_new0 (Recheck, 1);
  r->config = config;
  r->uids = g_array_ref (uids);
  r->roles = g_array_new (FALSE, FALSE, sizeof (CgRole));
  g_autoptr (GTask) task = g_task_new (NULL, NULL, done, data);
  g_task_set_task_data (task, r, (GDestroyNotify) recheck_free);
  g_task_run_in_thread (task, recheck_thread);
}

const GArray *
cg_identity_recheck_result (GAsyncResult *result, const GArray **uids)
{
  Recheck *r = g_task_get_task_data (G_TASK (result));
  *uids = r->uids;
  return r->roles;
}

void
cg_identity_shutdown (void)
{
  g_mutex_lock (&audit_lock);
  g_clear_pointer (&audit_db, cg_db_close);
  audit_closed = TRUE;
  g_mutex_unlock (&audit_lock);
}
