/* i18n.h — the one place _(), N_() and Q_() come from.
 *
 * Every string an officer reads goes through gettext; po/vi.po holds the
 * Vietnamese. GLib's gi18n-lib.h binds the macros to our domain.
 */
#pragma once

#include "build-config.h"

#include <glib/gi18n-lib.h>

/* Sets the locale from the environment and binds the catalogue.  The
 * catalogue directory is LOCALEDIR unless $CANHGAC_LOCALEDIR names another
 * (tests use it to read the freshly built po/vi.po without installing). */
void cg_i18n_init (void);

/* TRUE when the terminal's character set is UTF-8. */
gboolean cg_i18n_is_utf8 (void);
