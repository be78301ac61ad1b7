/* report/report.c — a periodic report's figures as JSON (see report.h). */
#include "build-config.h"

#include "daemon/report/report.h"

#include "common/jsonrpc.h"
#include "daemon/report/gather.h"
#include "daemon/report/spans.h"

#include <math.h>

/* A camera under this uptime is to be repaired or replaced. */
#define REPAIR_BELOW 0.9
/* Weak on this many days, or this share of the days judged: upgrade. */
#define WEAK_DAYS 7
#define WEAK_SHARE 0.25
/* The recorder down longer than this in a period is said. */
#define RECORDER_DOWN_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
/* How many of the recorder's longest stops are listed. */
#define DOWNS_LISTED 20

static void
add_seconds (JsonBuilder *b, const char *name, gint64 us)
{
  cg_json_add_int (b, name, us / G_USEC_PER_SEC);
}

static void
add_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  if (v < 0 || !isfinite (v))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (v * 10000) / 10000);
}

static const char *const kind_names[] = { "month", "quarter", "half", "year", "days" };

static void
add_period (JsonBuilder *b, const char *name, const CgPeriod *p, GTimeZone *tz)
{
  gint64 from = 0, to = 0;
  cg_period_bounds (p, tz, &from, &to);
  g_autofree char *code = cg_period_code (p);
  char first[16], last[16];
  g_date_strftime (first, sizeof first, "%Y-%m-%d", &p->first);
  g_date_strftime (last, sizeof last, "%Y-%m-%d", &p->last);
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  cg_json_add_string (b, "code", code);
  cg_json_add_string (b, "kind", kind_names[p->kind]);
  cg_json_add_int (b, "year", p->year);
  cg_json_add_int (b, "index", p->index);
  cg_json_add_string (b, "first", first);
  cg_json_add_string (b, "last", last);
  cg_json_add_time (b, "from", from);
  cg_json_add_time (b, "to", to);
  cg_json_add_int (b, "days", cg_period_days (p));
  json_builder_end_object (b);
}


static int
longest_first (gconstpointer pa, gconstpointer pb)
{
  const CgSpan *a = pa, *b = pb;
  gint64 la = a->to_us - a->from_us, lb = b->to_us - b->from_us;
  return la != lb ? (la > lb ? -1 : 1) : (a->from_us < b->from_us ? -1 : 1);
}

static void
add_recorder (JsonBuilder *b, const CgReportData *d)
{
  g_autoptr (GArray) downs = g_array_copy (d->downs);
  g_array_sort (downs, longest_first);
  json_builder_set_member_name (b, "recorder");
  json_builder_begin_object (b);
  add_seconds (b, "up", cg_spans_total (d->up));
  add_seconds (b, "down", cg_spans_total (d->downs));
  cg_json_add_int (b, "stops", d->downs->len);
  add_seconds (b, "longest_down", downs->len > 0 ? g_array_index (downs, CgSpan, 0).to_us
                                                      - g_array_index (downs, CgSpan, 0).from_us
                                                : 0);
  json_builder_set_member_name (b, "downs");
  json_builder_begin_array (b);
  for (guint i = 0; i < downs->len && i < DOWNS_LISTED; i++)
    {
      json_builder_begin_object (b);
      cg_json_add_time (b, "from", g_array_index (downs, CgSpan, i).from_us);
      cg_json_add_time (b, "to", g_array_index (downs, CgSpan, i).to_us);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The storage.status camera entry of that name (not removed), or NULL. */
static JsonObject *
storage_camera (JsonNode *storage, const char *name)
{
  if (storage == NULL || !JSON_NODE_HOLDS_OBJECT (storage))
    return NULL;
  JsonObject *s = json_node_get_object (storage);
  JsonArray *cams = json_object_get_array_member (s, "cameras");
  for (guint i = 0; cams != NULL && i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      if (!json_object_get_boolean_member_with_default (c, "removed", FALSE)
          && g_strcmp0 (json_object_get_string_member_with_default (c, "name", NULL), name) == 0)
        return c;
    }
  return NULL;
}

static void
copy_member (JsonBuilder *b, JsonObject *from, const char *name)
{
  json_builder_set_member_name (b, name);
  JsonNode *n = from != NULL ? json_object_get_member (from, name) : NULL;
  if (n != NULL)
    json_builder_add_value (b, json_node_copy (n));
  else
    json_builder_add_null_value (b);
}

static void
add_camera (JsonBuilder *b, const CgReportCamera *c, JsonNode *storage)
{
  json_builder_begin_object (b);
  cg_json_add_string (b, "name", c->name);
  cg_json_add_string (b, "place", c->place);
  cg_json_add_string (b, "funding", c->funding);
  cg_json_add_string (b, "host_name", c->host_name);
  cg_json_add_string (b, "host_phone", c->host_phone);
  cg_json_add_string (b, "network_by", c->network_by);
  cg_json_add_string (b, "network_plan", c->network_plan);
  cg_json_add_string (b, "donor", c->donor);
  cg_json_add_string (b, "host_kind", c->host_kind);
  cg_json_add_string (b, "installed", c->installed);
  json_builder_set_member_name (b, "removed");
  json_builder_add_boolean_value (b, c->removed);
  add_seconds (b, "observed", c->uptime.observed_us);
  add_double (b, "uptime", cg_uptime_share (&c->uptime));
  cg_json_add_int (b, "outages", c->uptime.outages);
  add_seconds (b, "outage_time", c->uptime.down_us);
  add_seconds (b, "longest_outage", c->uptime.longest_us);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->uptime.reasons->len; i++)
    {
      const CgReasonTime *r = &g_array_index (c->uptime.reasons, CgReasonTime, i);
      json_builder_begin_object (b);
      cg_json_add_string (b, "reason", r->reason);
      cg_json_add_int (b, "count", r->count);
      add_seconds (b, "time", r->time_us);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_double (b, "median_kbps", c->link.measured ? c->link.median_kbps : -1);
  add_double (b, "median_fps", c->link.measured ? c->link.median_fps : -1);
  cg_json_add_int (b, "weak_days", c->link.weak_days);
  cg_json_add_int (b, "judged_days", c->link.judged_days);
  cg_json_add_int (b, "motion_events", c->motion_events);
  cg_json_add_int (b, "incidents", c->incidents);
  cg_json_add_int (b, "faults", c->faults);
  cg_json_add_int (b, "repairs", c->repairs);
  cg_json_add_int (b, "replacements", c->replacements);
  cg_json_add_int (b, "maintenance_cost", c->cost);
  JsonObject *s = storage_camera (storage, c->name);
  copy_member (b, s, "days_kept");
  copy_member (b, s, "target_days");
  copy_member (b, s, "bytes");
  json_builder_end_object (b);
}

typedef struct {
  int cameras, outages, motion, weak, hosted, households, businesses;
  int budget, community, unknown;
  gint64 observed_us, down_us;
} Totals;

static void
sum (const CgReportData *d, Totals *t)
{
  *t = (Totals) { 0 };
  for (guint i = 0; i < d->cameras->len; i++)
    {
      const CgReportCamera *c = d->cameras->pdata[i];
      t->cameras++;
      t->outages += c->uptime.outages;
      t->motion += c->motion_events;
      t->weak += c->link.weak_days > 0;
      t->hosted += c->host_name != NULL && *c->host_name != '\0';
      t->households += g_strcmp0 (c->host_kind, "household") == 0;
      t->businesses += g_strcmp0 (c->host_kind, "business") == 0;
      t->observed_us += c->uptime.observed_us;
      t->down_us += c->uptime.down_us;
      if (g_strcmp0 (c->funding, "budget") == 0)
        t->budget++;
      else if (g_strcmp0 (c->funding, "community") == 0)
        t->community++;
      else
        t->unknown++;
    }
}

static double
share_up (const Totals *t)
{
  return t->observed_us > 0 ? 1.0 - (double) t->down_us / (double) t->observed_us : -1;
}

static void
add_totals (JsonBuilder *b, const Totals *t)
{
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  cg_json_add_int (b, "cameras", t->cameras);
  add_double (b, "uptime", share_up (t));
  cg_json_add_int (b, "outages", t->outages);
  add_seconds (b, "outage_time", t->down_us);
  cg_json_add_int (b, "motion_events", t->motion);
  cg_json_add_int (b, "weak_link_cameras", t->weak);
  json_builder_set_member_name (b, "funding");
  json_builder_begin_object (b);
  cg_json_add_int (b, "budget", t->budget);
  cg_json_add_int (b, "community", t->community);
  cg_json_add_int (b, "unknown", t->unknown);
  json_builder_end_object (b);
  cg_json_add_int (b, "hosted", t->hosted);
  json_builder_set_member_name (b, "hosts");
  json_builder_begin_object (b);
  cg_json_add_int (b, "household", t->households);
  cg_json_add_int (b, "business", t->businesses);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_counts (JsonBuilder *b, const char *name, const char *key, const GArray *counts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < counts->len; i++)
    {
      const CgReportCount *c = &g_array_index (counts, CgReportCount, i);
      json_builder_begin_object (b);
      cg_json_add_string (b, key, c->key);
      cg_json_add_int (b, "count", c->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_incidents (JsonBuilder *b, const CgReportData *d)
{
  json_builder_set_member_name (b, "incidents");
  json_builder_begin_object (b);
  cg_json_add_int (b, "total", d->incidents);
  cg_json_add_int (b, "helped", d->helped);
  cg_json_add_int (b, "not_helped", d->not_helped);
  cg_json_add_int (b, "unknown_help", d->unknown_help);
  add_counts (b, "by_kind", "kind", d->by_kind);
  add_counts (b, "by_status", "status", d->by_status);
  add_counts (b, "by_place", "place", d->by_place);
  add_counts (b, "by_camera", "camera", d->by_camera);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "exports");
  json_builder_begin_object (b);
  cg_json_add_int (b, "count", d->exports);
  cg_json_add_int (b, "bytes", d->exports_bytes);
  cg_json_add_int (b, "for_incidents", d->exports_for_incidents);
  json_builder_end_object (b);
}

/* The maintenance log of the period: totals by kind, the costs, and the
 * entries themselves (the most recent MAINTENANCE_LISTED). */
#define MAINTENANCE_LISTED 200

static void
add_maintenance (JsonBuilder *b, const CgReportData *d)
{
  static const char *const kinds[] = { "fault", "inspection", "repair", "replace", "move",
                                       "retire" };
  int counts[G_N_ELEMENTS (kinds)] = { 0 };
  int open = 0;
  gint64 cost = 0;
  for (guint i = 0; i < d->work->len; i++)
    {
      const CgReportWork *w = &g_array_index (d->work, CgReportWork, i);
      for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
        counts[k] += g_strcmp0 (w->kind, kinds[k]) == 0;
      open += w->open;
      cost += MAX (w->cost, 0);
    }
  json_builder_set_member_name (b, "maintenance");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    cg_json_add_int (b, kinds[k], counts[k]);
  json_builder_end_object (b);
  cg_json_add_int (b, "open_faults", open);
  cg_json_add_int (b, "cost", cost);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  guint first = d->work->len > MAINTENANCE_LISTED ? d->work->len - MAINTENANCE_LISTED : 0;
  for (guint i = first; i < d->work->len; i++)
    {
      const CgReportWork *w = &g_array_index (d->work, CgReportWork, i);
      json_builder_begin_object (b);
      cg_json_add_time (b, "at", w->at_us);
      cg_json_add_string (b, "camera", w->camera);
      cg_json_add_string (b, "kind", w->kind);
      json_builder_set_member_name (b, "cost");
      if (w->cost >= 0)
        json_builder_add_int_value (b, w->cost);
      else
        json_builder_add_null_value (b);
      cg_json_add_string (b, "note", w->note);
      cg_json_add_string (b, "by", w->by);
      json_builder_set_member_name (b, "open");
      json_builder_add_boolean_value (b, w->open);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_storage (JsonBuilder *b, JsonNode *storage)
{
  json_builder_set_member_name (b, "storage");
  if (storage == NULL || !JSON_NODE_HOLDS_OBJECT (storage))
    {
      json_builder_add_null_value (b);
      return;
    }
  JsonObject *s = json_node_get_object (storage);
  json_builder_begin_object (b);
  static const char *const members[] = { "used_bytes", "limit_bytes", "disk_bytes",
                                         "forecast_days", "target_days", "needed_bytes",
                                         "below_target" };
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    copy_member (b, s, members[i]);
  json_builder_end_object (b);
}

/* ---- recommendations ---------------------------------------------------- */

static int
worst_first (gconstpointer pa, gconstpointer pb)
{
  const CgReportCamera *a = *(CgReportCamera *const *) pa, *b = *(CgReportCamera *const *) pb;
  double ua = cg_uptime_share (&a->uptime), ub = cg_uptime_share (&b->uptime);
  return ua < ub ? -1 : ua > ub;
}

static void
recommend_repairs (JsonBuilder *b, const CgReportData *d)
{
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  for (guint i = 0; i < d->cameras->len; i++)
    {
      CgReportCamera *c = d->cameras->pdata[i];
      double up = cg_uptime_share (&c->uptime);
      if (!c->removed && up >= 0 && up < REPAIR_BELOW)
        g_ptr_array_add (order, c);
    }
  g_ptr_array_sort (order, worst_first);
  for (guint i = 0; i < order->len; i++)
    {
      const CgReportCamera *c = order->pdata[i];
      json_builder_begin_object (b);
      cg_json_add_string (b, "code", "repair_camera");
      cg_json_add_string (b, "camera", c->name);
      add_double (b, "uptime", cg_uptime_share (&c->uptime));
      cg_json_add_int (b, "outages", c->uptime.outages);
      cg_json_add_string (b, "reason", c->uptime.reasons->len > 0
                                         ? g_array_index (c->uptime.reasons, CgReasonTime, 0).reason
                                         : NULL);
      cg_json_add_string (b, "host_name", c->host_name);
      cg_json_add_string (b, "host_phone", c->host_phone);
      json_builder_end_object (b);
    }
}

/* Faults reported in the period with no repair or replacement since. */
static void
recommend_faults (JsonBuilder *b, const CgReportData *d)
{
  for (guint i = 0; i < d->work->len; i++)
    {
      const CgReportWork *w = &g_array_index (d->work, CgReportWork, i);
      if (!w->open)
        continue;
      const CgReportCamera *c = NULL;
      for (guint k = 0; k < d->cameras->len && c == NULL; k++)
        if (g_strcmp0 (((CgReportCamera *) d->cameras->pdata[k])->name, w->camera) == 0)
          c = d->cameras->pdata[k];
      json_builder_begin_object (b);
      cg_json_add_string (b, "code", "follow_fault");
      cg_json_add_string (b, "camera", w->camera);
      cg_json_add_time (b, "reported", w->at_us);
      cg_json_add_string (b, "note", w->note);
      cg_json_add_string (b, "host_name", c != NULL ? c->host_name : NULL);
      cg_json_add_string (b, "host_phone", c != NULL ? c->host_phone : NULL);
      json_builder_end_object (b);
    }
}

static void
recommend_links (JsonBuilder *b, const CgReportData *d)
{
  for (guint i = 0; i < d->cameras->len; i++)
    {
      const CgReportCamera *c = d->cameras->pdata[i];
      const CgLinkQuality *q = &c->link;
      if (c->removed || q->weak_days == 0
          || (q->weak_days < WEAK_DAYS && q->weak_days < q->judged_days * WEAK_SHARE))
        continue;
      json_builder_begin_object (b);
      cg_json_add_string (b, "code", "upgrade_link");
      cg_json_add_string (b, "camera", c->name);
      cg_json_add_int (b, "weak_days", q->weak_days);
      cg_json_add_string (b, "host_name", c->host_name);
      cg_json_add_string (b, "network_by", c->network_by);
      cg_json_add_string (b, "network_plan", c->network_plan);
      add_double (b, "median_kbps", q->measured ? q->median_kbps : -1);
      json_builder_end_object (b);
    }
}

static void
recommend_disk (JsonBuilder *b, JsonNode *storage)
{
  if (storage == NULL || !JSON_NODE_HOLDS_OBJECT (storage))
    return;
  JsonObject *s = json_node_get_object (storage);
  if (!json_object_get_boolean_member_with_default (s, "below_target", FALSE))
    return;
  json_builder_begin_object (b);
  cg_json_add_string (b, "code", "add_disk");
  copy_member (b, s, "forecast_days");
  copy_member (b, s, "target_days");
  copy_member (b, s, "needed_bytes");
  copy_member (b, s, "limit_bytes");
  json_builder_end_object (b);
}

/* Incidents placed on the map with no camera within the distance, one
 * spot per map cell, the most incidents first. */
static void
recommend_spots (JsonBuilder *b, const CgReportData *d, int distance)
{
  g_autoptr (GArray) spots = g_array_new (FALSE, TRUE, sizeof (CgReportSpot));
  for (guint i = 0; i < d->spots->len; i++)
    {
      const CgReportSpot *s = &g_array_index (d->spots, CgReportSpot, i);
      double x = round (s->x), y = round (s->y);
      gboolean merged = FALSE;
      for (guint k = 0; k < spots->len && !merged; k++)
        {
          CgReportSpot *t = &g_array_index (spots, CgReportSpot, k);
          if (t->x == x && t->y == y)
            {
              t->incidents++;
              merged = TRUE;
            }
        }
      if (!merged)
        {
          CgReportSpot t = { x, y, s->place, 1 };
          g_array_append_val (spots, t);
        }
    }
  for (int most = (int) d->spots->len; most > 0; most--)
    for (guint k = 0; k < spots->len; k++)
      {
        const CgReportSpot *t = &g_array_index (spots, CgReportSpot, k);
        if (t->incidents != most)
          continue;
        const CgReportCamera *near = NULL;
        double best = INFINITY;
        for (guint i = 0; i < d->cameras->len; i++)
          {
            const CgReportCamera *c = d->cameras->pdata[i];
            double dist = hypot (c->map_x - t->x, c->map_y - t->y);
            if (!c->removed && c->has_map && dist < best)
              {
                best = dist;
                near = c;
              }
          }
        if (near != NULL && best <= distance)
          continue;
        json_builder_begin_object (b);
        cg_json_add_string (b, "code", "camera_spot");
        json_builder_set_member_name (b, "map");
        json_builder_begin_array (b);
        json_builder_add_int_value (b, (gint64) t->x);
        json_builder_add_int_value (b, (gint64) t->y);
        json_builder_end_array (b);
        cg_json_add_string (b, "place", t->place);
        cg_json_add_int (b, "incidents", t->incidents);
        cg_json_add_string (b, "nearest", near != NULL ? near->name : NULL);
        add_double (b, "distance", near != NULL ? best : -1);
        json_builder_end_object (b);
      }
}

static void
add_recommendations (JsonBuilder *b, const CgReportData *d, JsonNode *storage,
                     int camera_distance)
{
  json_builder_set_member_name (b, "recommendations");
  json_builder_begin_array (b);
  gint64 down = cg_spans_total (d->downs);
  if (down > RECORDER_DOWN_US)
    {
      json_builder_begin_object (b);
      cg_json_add_string (b, "code", "recorder_down");
      add_seconds (b, "down", down);
      cg_json_add_int (b, "stops", d->downs->len);
      json_builder_end_object (b);
    }
  recommend_repairs (b, d);
  recommend_faults (b, d);
  recommend_links (b, d);
  recommend_disk (b, storage);
  recommend_spots (b, d, camera_distance);
  json_builder_end_array (b);
}

/* ---- the comparison ----------------------------------------------------- */

static gint64
count_kind (const CgReportData *d, const char *kind)
{
  gint64 n = 0;
  for (guint i = 0; i < d->work->len; i++)
    n += g_strcmp0 (g_array_index (d->work, CgReportWork, i).kind, kind) == 0;
  return n;
}

static gint64
work_cost (const CgReportData *d)
{
  gint64 cost = 0;
  for (guint i = 0; i < d->work->len; i++)
    cost += MAX (g_array_index (d->work, CgReportWork, i).cost, 0);
  return cost;
}

static void
add_compare (JsonBuilder *b, const CgReportData *prev)
{
  json_builder_set_member_name (b, "compare");
  json_builder_begin_object (b);
  gboolean has = cg_spans_total (prev->up) > 0;
  Totals t;
  sum (prev, &t);
  add_double (b, "uptime", has ? share_up (&t) : -1);
  struct { const char *name; gint64 value; gboolean seconds; } figures[] = {
    { "outages", t.outages, FALSE },
    { "outage_time", t.down_us, TRUE },
    { "recorder_down", cg_spans_total (prev->downs), TRUE },
    { "motion_events", t.motion, FALSE },
    { "incidents", prev->incidents, FALSE },
    { "helped", prev->helped, FALSE },
    { "exports", prev->exports, FALSE },
    { "faults", count_kind (prev, "fault"), FALSE },
    { "maintenance_cost", work_cost (prev), FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      if (!has)
        {
          json_builder_set_member_name (b, figures[i].name);
          json_builder_add_null_value (b);
        }
      else if (figures[i].seconds)
        add_seconds (b, figures[i].name, figures[i].value);
      else
        cg_json_add_int (b, figures[i].name, figures[i].value);
    }
  json_builder_end_object (b);
}

JsonNode *
cg_report_build (sqlite3 *h, int camera_distance, const CgPeriod *period, GTimeZone *tz,
                 gint64 now_us, JsonNode *storage, GError **error)
{
  CgPeriod previous;
  cg_period_previous (period, &previous);
  gint64 from = 0, to = 0, prev_from = 0, prev_to = 0;
  cg_period_bounds (period, tz, &from, &to);
  cg_period_bounds (&previous, tz, &prev_from, &prev_to);
  CgReportData d, prev;
  if (!cg_report_gather (h, from, to, now_us, tz, TRUE, &d, error))
    return NULL;
  if (!cg_report_gather (h, prev_from, prev_to, now_us, tz, FALSE, &prev, error))
    {
      cg_report_data_clear (&d);
      return NULL;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_period (b, "period", period, tz);
  add_period (b, "previous", &previous, tz);
  cg_json_add_time (b, "generated", now_us);
  json_builder_set_member_name (b, "has_data");
  json_builder_add_boolean_value (b, cg_spans_total (d.up) > 0);
  cg_json_add_time (b, "data_from", d.data_from_us);
  add_recorder (b, &d);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < d.cameras->len; i++)
    add_camera (b, d.cameras->pdata[i], storage);
  json_builder_end_array (b);
  Totals t;
  sum (&d, &t);
  add_totals (b, &t);
  add_incidents (b, &d);
  add_maintenance (b, &d);
  add_storage (b, storage);
  add_recommendations (b, &d, storage, camera_distance);
  add_compare (b, &prev);
  json_builder_end_object (b);
  cg_report_data_clear (&d);
  cg_report_data_clear (&prev);
  return json_builder_get_root (b);
}

void
cg_report_add_config (JsonObject *report, const CgConfig *c)
{
  JsonObject *unit = json_object_new ();
  json_object_set_string_member (unit, "unit_above", c->report_unit_above);
  json_object_set_string_member (unit, "unit", c->report_unit);
  json_object_set_string_member (unit, "place", c->report_place);
  json_object_set_string_member (unit, "symbol", c->report_symbol);
  json_object_set_string_member (unit, "signer_title", c->report_signer_title);
  json_object_set_string_member (unit, "signer_name", c->report_signer_name);
  JsonArray *recipients = json_array_new ();
  for (int i = 0; c->report_recipients != NULL && c->report_recipients[i] != NULL; i++)
    json_array_add_string_element (recipients, c->report_recipients[i]);
  json_object_set_array_member (unit, "recipients", recipients);
  json_object_set_object_member (report, "unit", unit);

  JsonObject *incidents = json_object_get_object_member (report, "incidents");
  JsonArray *kinds = incidents != NULL ? json_object_get_array_member (incidents, "by_kind") : NULL;
  for (guint i = 0; kinds != NULL && i < json_array_get_length (kinds); i++)
    {
      JsonObject *k = json_array_get_object_element (kinds, i);
      const char *code = json_object_get_string_member (k, "kind");
      const char *label = cg_config_incident_kind_label (c, code);
      json_object_set_string_member (k, "label", label != NULL ? label : code);
    }
}
