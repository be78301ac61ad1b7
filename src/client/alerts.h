/* alerts.h — the daemon's storage alerts in the reader's language.
 *
 * An alert arrives as a code with its figures (and the daemon's own
 * sentence, in the daemon's locale); every screen and command that shows
 * one says it from the code, so an officer reads it in their language. */
#pragma once

#include <json-glib/json-glib.h>

char *cg_storage_alert_text (JsonObject *alert);

/* "Alert: ..." lines on stdout, one per alert (alerts may be NULL). */
void cg_print_storage_alerts (JsonArray *alerts);
