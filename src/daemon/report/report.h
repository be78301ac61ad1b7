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
 * tz: the days of the period (NULL: local). */
JsonNode *cg_report_build (sqlite3 *h, const CgConfig *config, const CgPeriod *period,
                           GTimeZone *tz, gint64 now_us, JsonNode *storage, GError **error);
