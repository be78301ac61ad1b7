/* report/gather.h — what a periodic report reads from the database for
 * one period: the recorder's running time, each camera's uptime,
 * outages, link and motion, the incidents and the exports.  Read in one
 * read transaction, so the figures agree with each other.
 */
#pragma once

#include "daemon/report/link.h"
#include "daemon/report/uptime.h"

#include <glib.h>
#include <sqlite3.h>

typedef struct {
  gint64 id;
  char *name, *place, *funding, *host_name, *host_phone, *network_by, *installed;
  char *donor, *host_kind, *network_plan;
  gboolean removed, enabled;
  gboolean has_map;
  double map_x, map_y;
  CgUptime uptime;
  CgLinkQuality link;
  int motion_events;
  int incidents; /* incidents of the period with its footage attached */
  int faults, repairs, replacements; /* maintenance entries of the period */
  gint64 cost;   /* their costs, đồng */
} CgReportCamera;

typedef struct {
  char *key; /* a kind code, status, place or camera name */
  int count;
} CgReportCount;

typedef struct {
  gint64 at_us;
  char *camera, *kind, *note, *by;
  gint64 cost;       /* -1: not said */
  gboolean open;     /* a fault with no repair or replacement after it */
} CgReportWork;

typedef struct {
  double x, y;
  char *place;
  int incidents;
} CgReportSpot;

typedef struct {
  gint64 from_us, to_us;
  gboolean with_link;     /* per-minute link figures read (not for the comparison) */

  gint64 data_from_us;    /* the recorder is known to run from then; 0: never */
  GArray *up;             /* CgSpan: the recorder ran (within the period) */
  GArray *downs;          /* CgSpan: it did not, after data_from_us */
  GPtrArray *cameras;     /* CgReportCamera, by name */

  int incidents, helped, not_helped, unknown_help;
  GArray *by_kind, *by_status, *by_place, *by_camera; /* CgReportCount, most first */
  GArray *spots;          /* CgReportSpot: incidents placed on the map */

  int exports, exports_for_incidents;
  gint64 exports_bytes;

  GArray *work;           /* CgReportWork: the maintenance log of the period, in order */
} CgReportData;

gboolean cg_report_gather (sqlite3 *h, gint64 from_us, gint64 to_us, gint64 now_us,
                           GTimeZone *tz, gboolean with_link, CgReportData *out, GError **error);
void cg_report_data_clear (CgReportData *data);
