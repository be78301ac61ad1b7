/* data_dir.c — creating and locking the data directory. */
#define G_LOG_DOMAIN "canhgac-daemon"
#include "daemon/data_dir.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <string.h>
#include <unistd.h>

#define LOCK_NAME "canhgacd.lock"

struct CgDataDir {
  char *path;
  int lock_fd;
};

CgDataDir *
cg_data_dir_open (const char *path, GError **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   _("cannot create the data directory %s: %s (check [daemon] data_dir "
                     "and that canhgacd may write there)"), path, g_strerror (err));
      return NULL;
    }
  g_autofree char *lock_path = g_build_filename (path, LOCK_NAME, NULL);
  int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   _("cannot write in the data directory %s: %s (check that canhgacd "
                     "may write there)"), path, g_strerror (err));
      return NULL;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int err = errno;
      close (fd);
      if (err == EWOULDBLOCK)
        g_set_error (error, CG_ERROR, CG_ERROR_IO,
                     _("another canhgacd is already recording into %s; stop it first "
                       "or give this one another data_dir"), path);
      else
        g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot lock %s: %s"), lock_path,
                     g_strerror (err));
      return NULL;
    }
  /* The pid helps a person find the other daemon; the lock is what counts. */
  g_autofree char *pid = g_strdup_printf ("%d\n", (int) getpid ());
  if (ftruncate (fd, 0) == 0 && write (fd, pid, strlen (pid)) < 0)
    g_debug ("cannot write the pid into %s", lock_path);

  /* Footage and the database (camera passwords) are the daemon's alone:
   * a directory left open to a group by an older install, or by hand, is
   * closed, since officers share that group to reach the socket. */
  struct stat sb;
  if (stat (path, &sb) == 0 && (sb.st_mode & 077) != 0)
    {
      if (chmod (path, 0700) == 0)
        g_message ("%s was open to others (mode %04o): now 0700, readable by canhgacd alone",
                   path, (unsigned) (sb.st_mode & 07777));
      else
        g_warning ("%s is open to others (mode %04o) and cannot be closed: %s", path,
                   (unsigned) (sb.st_mode & 07777), g_strerror (errno));
    }
  CgDataDir *dir = g_new0 (CgDataDir, 1);
  dir->path = g_strdup (path);
  dir->lock_fd = fd;
  return dir;
}

void
cg_data_dir_close (CgDataDir *dir)
{
  if (dir == NULL)
    return;
  close (dir->lock_fd);
  g_free (dir->path);
  g_free (dir);
}

const char *
cg_data_dir_path (CgDataDir *dir)
{
  return dir->path;
}
