/* i18n.c — locale and message catalogue set-up shared by all programs. */
#include "i18n.h"

#include <locale.h>

void
cg_i18n_init (void)
{
  setlocale (LC_ALL, "");
#ifdef ENABLE_NLS
  const char *dir = g_getenv ("CANHGAC_LOCALEDIR");
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
