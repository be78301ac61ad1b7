/* demo_setup.h — the demo's commune set up through the daemon's API.
 *
 * `canhgac demo` (cmd_demo.c) runs the programs; this adds the cameras
 * of data/demo-cameras.txt, waits for their first seconds of footage,
 * and writes, as an officer would, what only the API writes: incidents
 * over the weeks the daemon made up (canhgacd --demo-history) with their
 * evidence and closing outcomes, exports made for them, and the
 * maintenance log.
 */
#pragma once

#include "client/client.h"
#include "common/demo_cameras.h"

#include <glib.h>

/* Adds every camera: urls[i] and passwords[i] ("": none) for the list's
 * i-th; user "admin" where a password is given. */
gboolean cg_demo_add_cameras (CgClient *client, GPtrArray *cameras, char **urls, char **passwords,
                              GError **error);

/* Waits until every camera has been recording (or timeout_s has passed:
 * a camera slow to answer then has its history looped from another's
 * footage), then `seconds` more. */
void cg_demo_wait_recorded (CgClient *client, GPtrArray *cameras, double seconds, int timeout_s);

/* Incidents, exports and maintenance entries over the `days` days before
 * now, for the cameras of the list that the daemon knows. */
gboolean cg_demo_add_events (CgClient *client, GPtrArray *cameras, int days, GError **error);
