/* alerts.h — the daemon's storage alerts on the command line.
 *
 * Their codes and words live in common/alert.h; this prints them. */
#pragma once

#include <json-glib/json-glib.h>

/* "Alert: ..." lines on stdout, one per alert (alerts may be NULL). */
void cg_print_storage_alerts (JsonArray *alerts);
