/* log.h — where g_log() output goes.
 *
 * Each module logs under its own domain ("canhgac-db", "canhgac-capture"
 * ...).  Under systemd the journal receives structured entries; otherwise
 * one line per message on stderr with the local time.  Debug and info
 * messages appear with --verbose or G_MESSAGES_DEBUG.
 */
#pragma once

#include <glib.h>

void cg_log_init (const char *program, gboolean verbose);
