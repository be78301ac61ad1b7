/* file_digest.c — reading a file through SHA-256. */
#include "build-config.h"

#include "common/file_digest.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* Large enough that a segment of tens of megabytes is a few thousand
 * reads, small enough for a capture thread's stack-free buffer. */
#define CHUNK (256 * 1024)

char *
cg_fd_sha256 (int fd, const char *name, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (CHUNK);
  for (off_t at = 0;;)
    {
      ssize_t n = pread (fd, buf, CHUNK, at);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;
          g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot read %s: %s"), name,
                       g_strerror (err));
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      at += n;
    }
  return g_strdup (g_checksum_get_string (sum));
}

char *
cg_file_sha256 (const char *path, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot read %s: %s"), path, g_strerror (err));
      return NULL;
    }
  char *digest = cg_fd_sha256 (fd, path, error);
  close (fd);
  return digest;
}
