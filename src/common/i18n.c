/* i18n.c — locale and message catalogue set-up shared by all programs. */
#include "i18n.h"

#include <locale.h>

void
cg_i18n_init (void)
{
  setlocale (LC_ALL, "");
#ifdef ENABLE_NLS
  const char *dir = g_getenv ("CANHGAC_LOCALEDIR");
  g_autofree char *beside = NULL;
  if (dir == NULL || *dir == '\0')
    {
      /* A program run from its build tree (the quick start's demo, before
       * any `make install`) speaks the officer's language too: the build
       * keeps the compiled catalogues in locale/ beside the programs. */
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *self_dir = self != NULL ? g_path_get_dirname (self) : NULL;
      if (self_dir != NULL && g_strcmp0 (self_dir, BINDIR) != 0 && g_strcmp0 (self_dir, SBINDIR) != 0)
        {
          beside = g_build_filename (self_dir, "locale", NULL);
          if (g_file_test (beside, G_FILE_TEST_IS_DIR))
            dir = beside;
        }
    }
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
#endif
}

gboolean
cg_i18n_is_utf8 (void)
{
  return g_get_charset (NULL);
}
