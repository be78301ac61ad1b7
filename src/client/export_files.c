/* export_files.c — a finished export written beside the officer (see
 * the header). */
#include "build-config.h"

#include "client/export_files.h"

#include "client/custody.h"
#include "common/error.h"
#include "common/file_digest.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (256 * 1024)

void
cg_export_files_clear (CgExportFiles *o)
{
  g_free (o->mp4);
  g_free (o->sha256);
  g_free (o->custody);
  g_free (o->part);
  memset (o, 0, sizeof *o);
}

gboolean
cg_export_files_name (CgExportFiles *o, const char *file, GError **error)
{
  size_t len = strlen (file);
  if (len <= 4 || g_ascii_strcasecmp (file + len - 4, ".mp4") != 0)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_USAGE,
                           _("the file to write must end in .mp4, such as vu-viec-12.mp4: it is "
                             "an MP4, and players go by the name"));
      return FALSE;
    }
  g_autofree char *stem = g_strndup (file, len - 4);
  *o = (CgExportFiles) {
    .mp4 = g_strdup (file),
    .sha256 = g_strconcat (file, ".sha256", NULL),
    .custody = g_strconcat (stem, ".custody.txt", NULL),
    .part = g_strconcat (file, ".part", NULL),
  };
  const char *const names[] = { o->mp4, o->sha256, o->custody, o->part };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_file_test (names[i], G_FILE_TEST_EXISTS))
      {
        g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                     _("%s already exists: choose another name, or move that file away first "
                       "(nothing is written over)"), names[i]);
        return FALSE;
      }
  return TRUE;
}

/* A new file, never one already there. */
static int
create_new (const char *path, GError **error)
{
  int fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), path, g_strerror (err));
    }
  return fd;
}

int
cg_export_files_create_part (const CgExportFiles *o, GError **error)
{
  return create_new (o->part, error);
}

static gboolean
write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
write_text (const char *path, const char *text, GError **error)
{
  int fd = create_new (path, error);
  if (fd < 0)
    return FALSE;
  gboolean ok = write_all (fd, text, strlen (text)) && fsync (fd) == 0;
  int err = errno;
  ok = close (fd) == 0 && ok;
  if (!ok)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), path, g_strerror (err));
      g_unlink (path);
    }
  return ok;
}

/* Copies the daemon's file into o->part, then gives it its name; the
 * copy must have the digest the daemon recorded. */
static gboolean
receive (const CgExportFiles *o, int from, int to, const char *digest, gboolean (*stop) (void),
         GError **error)
{
  g_autofree char *buf = g_malloc (BLOCK);
  off_t at = 0;
  for (;;)
    {
      if (stop != NULL && stop ())
        {
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                       _("interrupted: %s was not written (the export stays on canhgacd)"), o->mp4);
          return FALSE;
        }
      ssize_t n = pread (from, buf, BLOCK, at);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || (n > 0 && !write_all (to, buf, (gsize) n)))
        {
          int err = errno;
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), o->part,
                       g_strerror (err));
          return FALSE;
        }
      if (n == 0)
        break;
      at += n;
    }
  if (fsync (to) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), o->part, g_strerror (err));
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  g_autofree char *got = cg_fd_sha256 (to, o->part, &local);
  if (got == NULL || g_strcmp0 (got, digest) != 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the copy of the export does not have the SHA-256 canhgacd recorded (%s): "
                     "it was not kept; export again"), got != NULL ? got : local->message);
      return FALSE;
    }
  /* Its name at last, and never over another file. */
  if (link (o->part, o->mp4) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), o->mp4, g_strerror (err));
      return FALSE;
    }
  g_unlink (o->part);
  return TRUE;
}

gboolean
cg_export_files_write (const CgExportFiles *o, int from, int part, JsonObject *record,
                       gboolean (*stop) (void), GError **error)
{
  const char *digest = json_object_get_string_member_with_default (record, "sha256", "");
  if (!receive (o, from, part, digest, stop, error))
    return FALSE;
  /* sha256sum -c reads "DIGEST  NAME", NAME as found beside the list. */
  g_autofree char *base = g_path_get_basename (o->mp4);
  g_autofree char *sums = g_strdup_printf ("%s  %s\n", digest, base);
  g_autofree char *custody = cg_custody_text (record, base);
  return write_text (o->sha256, sums, error) && write_text (o->custody, custody, error);
}
