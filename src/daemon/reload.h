/* reload.h — `systemctl reload` (SIGHUP): the configuration file read
 * again and what may change while cameras record applied at once.
 *
 * A configuration is never changed in place: the reload reads a new one,
 * and each part that holds the configuration is handed the new pointer
 * (the API, alarms and recorder on the main loop; the storage thread and
 * the decoders through an atomic pointer they read at each use; running
 * captures their stall time through an atomic).  A thread may still be
 * reading the previous configuration, so none is freed before the daemon
 * exits: a reload keeps a few kilobytes, and reloads are rare.
 */
#pragma once

#include "common/config.h"

/* Makes `next` (just read, valid) carry the running configuration's
 * values for the keys that need a restart ([daemon] data_dir, socket,
 * group; [capture] segment_seconds), each noted in *restart as
 * "[group] key"; returns the keys whose value changes, "[group] key =
 * value" separated by "; ", or NULL when nothing does.  Pure. */
char *cg_reload_prepare (const CgConfig *running, CgConfig *next, GPtrArray *restart);
