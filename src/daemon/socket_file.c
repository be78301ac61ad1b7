/* socket_file.c — the listening socket's file. */
#define G_LOG_DOMAIN "canhgac-server"
#include "build-config.h"

#include "daemon/socket_file.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

/* Another daemon answering on the path is an error; a stale file is not. */
static gboolean
clear_stale (const char *path, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketAddress) addr = g_unix_socket_address_new (path);
  g_autoptr (GSocketConnection) conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (addr), NULL, NULL);
  if (conn != NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   _("another canhgacd is already serving %s; stop it first or set another "
                     "[daemon] socket"), path);
      return FALSE;
    }
  g_unlink (path);
  return TRUE;
}

GSocket *
cg_socket_file_listen (const char *path, const char *group, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot create %s for the socket: %s"), dir,
                   g_strerror (err));
      return NULL;
    }
  if (!clear_stale (path, error))
    return NULL;
  g_autoptr (GSocket) listener = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, 0, error);
  if (listener == NULL)
    return NULL;
  g_autoptr (GSocketAddress) addr = g_unix_socket_address_new (path);
  g_socket_set_listen_backlog (listener, 256);
  /* Never a moment with the socket open to all: bind under a tight umask. */
  mode_t old = umask (0117);
  gboolean bound = g_socket_bind (listener, addr, FALSE, error);
  umask (old);
  if (!bound || !g_socket_listen (listener, error))
    {
      g_prefix_error (error, _("cannot listen on %s: "), path);
      return NULL;
    }
  struct group *gr = getgrnam (group);
  if (gr == NULL)
    g_message ("group %s does not exist: only root and this daemon's user can use %s", group, path);
  else if (chown (path, (uid_t) -1, gr->gr_gid) != 0)
    g_warning ("cannot give %s to group %s: %s", path, group, g_strerror (errno));
  if (chmod (path, 0660) != 0)
    g_warning ("cannot set the mode of %s: %s", path, g_strerror (errno));
  g_socket_set_blocking (listener, FALSE);
  return g_steal_pointer (&listener);
}
