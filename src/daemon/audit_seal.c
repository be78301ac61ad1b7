/* audit_seal.c — the audit log's key and head, kept beside the database. */
#define G_LOG_DOMAIN "canhgac-audit"
#include "build-config.h"

#include "daemon/audit_seal.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_FILE "audit.key"
#define HEAD_FILE "audit.head"
#define KEY_BYTES 32

struct CgAuditSeal {
  char *dir;
  guint8 key[KEY_BYTES];
};

static gboolean
io_error (GError **error, const char *path, int err, const char *doing)
{
  g_set_error (error, CG_ERROR, CG_ERROR_IO, _("%s %s: %s"), doing, path, g_strerror (err));
  return FALSE;
}

/* Writes data to path through a new file, synced, renamed over it, with
 * the directory synced: all or nothing across a power cut. */
static gboolean
write_atomically (const char *dir, const char *path, const char *data, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".new", NULL);
  int fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, tmp, errno, _("cannot write"));
  gsize len = strlen (data), done = 0;
  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;
          close (fd);
          g_unlink (tmp);
          return io_error (error, tmp, err, _("cannot write"));
        }
      done += (gsize) n;
    }
  if (fsync (fd) != 0)
    {
      int err = errno;
      close (fd);
      g_unlink (tmp);
      return io_error (error, tmp, err, _("cannot write"));
    }
  if (close (fd) != 0)
    return io_error (error, tmp, errno, _("cannot write"));
  if (rename (tmp, path) != 0)
    {
      int err = errno;
      g_unlink (tmp);
      return io_error (error, path, err, _("cannot write"));
    }
  int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
    {
      int rc = fsync (dfd);
      int err = errno;
      close (dfd);
      if (rc != 0)
        return io_error (error, dir, err, _("cannot write"));
    }
  return TRUE;
}

static gboolean
load_key (CgAuditSeal *s, const char *path, GError **error)
{
  struct stat sb;
  if (stat (path, &sb) != 0)
    {
      if (errno != ENOENT)
        return io_error (error, path, errno, _("cannot read"));
      guint8 key[KEY_BYTES];
      if (getrandom (key, sizeof key, 0) != (ssize_t) sizeof key)
        return io_error (error, "getrandom", errno, _("cannot read"));
      g_autofree char *hex = g_malloc (KEY_BYTES * 2 + 2);
      for (int i = 0; i < KEY_BYTES; i++)
        g_snprintf (hex + 2 * i, 3, "%02x", key[i]);
      strcat (hex, "\n");
      if (!write_atomically (s->dir, path, hex, error))
        return FALSE;
      memcpy (s->key, key, sizeof key);
      memset (key, 0, sizeof key);
      g_message ("a new audit key was made in %s: keep a copy with the post's records", path);
      return TRUE;
    }
  if ((sb.st_mode & 077) != 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s may be read by others (mode %04o): only canhgacd's user may read "
                     "the audit key (chmod 600 %s)"), path, (unsigned) (sb.st_mode & 07777), path);
      return FALSE;
    }
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, NULL, &local))
    return io_error (error, path, local->code == G_FILE_ERROR_ACCES ? EACCES : EIO,
                     _("cannot read"));
  g_strstrip (text);
  if (strlen (text) != KEY_BYTES * 2 || strspn (text, "0123456789abcdef") != KEY_BYTES * 2)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s is not an audit key (64 hexadecimal digits): restore it from the "
                     "post's copy; without it the audit log cannot be checked"), path);
      return FALSE;
    }
  for (int i = 0; i < KEY_BYTES; i++)
    s->key[i] = (guint8) ((g_ascii_xdigit_value (text[2 * i]) << 4)
                          | g_ascii_xdigit_value (text[2 * i + 1]));
  memset (text, 0, strlen (text));
  return TRUE;
}

CgAuditSeal *
cg_audit_seal_open (const char *dir, GError **error)
{
  g_autoptr (CgAuditSeal) s = g_new0 (CgAuditSeal, 1);
  s->dir = g_strdup (dir);
  g_autofree char *key_path = g_build_filename (dir, KEY_FILE, NULL);
  if (!load_key (s, key_path, error))
    return NULL;
  return g_steal_pointer (&s);
}

void
cg_audit_seal_free (CgAuditSeal *s)
{
  if (s == NULL)
    return;
  memset (s->key, 0, sizeof s->key);
  g_free (s->dir);
  g_free (s);
}

char *
cg_audit_seal_mac (CgAuditSeal *s, const char *row_hash)
{
  g_autoptr (GHmac) h = g_hmac_new (G_CHECKSUM_SHA256, s->key, sizeof s->key);
  g_hmac_update (h, (const guchar *) row_hash, -1);
  return g_strdup (g_hmac_get_string (h));
}

gboolean
cg_audit_seal_set_head (CgAuditSeal *s, gint64 rows, const char *hash, GError **error)
{
  g_autofree char *path = g_build_filename (s->dir, HEAD_FILE, NULL);
  g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT " %s\n", rows, hash);
  return write_atomically (s->dir, path, line, error);
}

gboolean
cg_audit_seal_get_head (CgAuditSeal *s, gint64 *rows, char **hash, GError **error)
{
  *rows = 0;
  *hash = NULL;
  g_autofree char *path = g_build_filename (s->dir, HEAD_FILE, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return FALSE;
      return io_error (error, path, EIO, _("cannot read"));
    }
  g_auto (GStrv) parts = g_strsplit (g_strstrip (text), " ", 2);
  guint64 n = 0;
  if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &n, NULL)
      || strlen (parts[1]) != 64 || strspn (parts[1], "0123456789abcdef") != 64)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s is garbled: the audit log's head cannot be checked"), path);
      return FALSE;
    }
  *rows = (gint64) n;
  *hash = g_strdup (parts[1]);
  return TRUE;
}

char *
cg_audit_seal_head_text (gint64 rows, const char *hash)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%.12s", rows, hash != NULL ? hash : "");
}
