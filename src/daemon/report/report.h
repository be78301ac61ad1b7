/* report/report.h — the figures of a periodic report as the API gives
 * them (doc/protocol.md, "report.get"): the period's, gathered from the
 * database (gather.h), the previous period's totals beside them, the
 * storage as it is now, and recommendations derived from all of it.
 * Clients word and lay them out.
 */
#pragma once

#include "common/config.h"
#include "common/period.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

/* storage: the storage.status result now (borrowed; NULL: unknown).
 * tz: the days of the period (NULL: local).  camera_distance: [report]
 * camera_distance.  Needs no configuration otherwise, so that it may run
 * in a thread of its own while the configuration is read again. */
JsonNode *cg_report_build (sqlite3 *h, int camera_distance, const CgPeriod *period,
                           GTimeZone *tz, gint64 now_us, JsonNode *storage, GError **error);

/* Adds what the configuration says to a report built: the unit heading
 * and signing it ([report]), and each incident kind's label. */
void cg_report_add_config (JsonObject *report, const CgConfig *config);
