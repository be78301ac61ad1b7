/* report_files.c — a periodic report written into new files (see
 * report.h): never over a file that exists, and with --csv-split none at
 * all when one of the tables' files exists. */
#include "build-config.h"

#include "client/report.h"

#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

gboolean
cg_report_format_parse (const char *text, CgReportFormat *out)
{
  static const char *const names[] = { "text", "csv", "html" };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (CgReportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cg_report_format_extension (CgReportFormat format)
{
  switch (format)
    {
    case CG_REPORT_FORMAT_CSV: return "csv";
    case CG_REPORT_FORMAT_HTML: return "html";
    case CG_REPORT_FORMAT_TEXT: break;
    }
  return "txt";
}

static gboolean
exists_error (const char *path, GError **error)
{
  g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
               _("%s already exists: choose another name, or move that file away first "
                 "(nothing is written over)"), path);
  return FALSE;
}

/* text into a new file, synced; removed again when it cannot be
 * written whole. */
static gboolean
write_new (const char *path, const char *text, GError **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int err = errno;
      if (err == EEXIST)
        return exists_error (path, error);
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), path,
                   g_strerror (err));
      return FALSE;
    }
  gsize len = strlen (text);
  const char *p = text;
  gboolean ok = TRUE;
  while (ok && len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      ok = n > 0;
      if (ok)
        {
          p += n;
          len -= (gsize) n;
        }
    }
  ok = ok && fsync (fd) == 0;
  int err = errno;
  ok = close (fd) == 0 && ok;
  if (!ok)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), path,
                   g_strerror (err != 0 ? err : EIO));
      g_unlink (path);
    }
  return ok;
}

/* FILE-section.csv beside FILE.csv (or FILE). */
static char *
split_name (const char *path, const char *section)
{
  g_autofree char *stem = g_str_has_suffix (path, ".csv")
                            ? g_strndup (path, strlen (path) - 4) : g_strdup (path);
  return g_strdup_printf ("%s-%s.csv", stem, section);
}

gboolean
cg_report_write (JsonObject *reply, CgReportFormat format, const char *path,
                 gboolean split_csv, GStrv *written, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  if (format == CG_REPORT_FORMAT_CSV && split_csv)
    {
      g_autoptr (GPtrArray) tables = cg_report_csv_tables (reply);
      for (guint i = 0; i < tables->len; i++)
        {
          CgReportCsvTable *t = g_ptr_array_index (tables, i);
          g_ptr_array_add (names, split_name (path, t->section));
          g_ptr_array_add (texts, g_strconcat ("\xEF\xBB\xBF", t->text, NULL));
        }
    }
  else
    {
      g_ptr_array_add (names, g_strdup (path));
      g_ptr_array_add (texts, format == CG_REPORT_FORMAT_HTML ? cg_report_html (reply)
                              : format == CG_REPORT_FORMAT_CSV ? cg_report_csv (reply)
                                                               : cg_report_text (reply));
    }
  /* All or nothing: every name checked before the first is written. */
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_EXISTS))
      return exists_error (g_ptr_array_index (names, i), error);
  for (guint i = 0; i < names->len; i++)
    if (!write_new (g_ptr_array_index (names, i), g_ptr_array_index (texts, i), error))
      {
        for (guint j = 0; j < i; j++)
          g_unlink (g_ptr_array_index (names, j));
        return FALSE;
      }
  if (written != NULL)
    {
      g_ptr_array_add (names, NULL);
      *written = (GStrv) g_ptr_array_steal (names, NULL);
    }
  return TRUE;
}
