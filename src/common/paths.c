/* paths.c — where shipped files are (see paths.h). */
#include "build-config.h"

#include "common/paths.h"

char *
cg_shipped_file (const char *subdir, const char *name, const char *installed_dir)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  if (dir != NULL && g_strcmp0 (dir, BINDIR) != 0 && g_strcmp0 (dir, SBINDIR) != 0)
    for (int up = 0; up < 3; up++)
      {
        char *path = g_build_filename (dir, subdir, name, NULL);
        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return path;
        g_free (path);
        char *parent = g_path_get_dirname (dir);
        g_free (dir);
        dir = parent;
      }
  return g_build_filename (installed_dir, name, NULL);
}
