/* storage/usage.c — storage figures, forecast and alerts. */
#define G_LOG_DOMAIN "canhgac-storage"
#include "build-config.h"

#include "daemon/storage/usage.h"

#include "daemon/db/db.h"
#include "daemon/db/exports.h"
#include "daemon/db/segments.h"
#include "common/alert.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"

#include <math.h>
#include <stdarg.h>
#include <sys/statvfs.h>

#define DAY CG_RETENTION_DAY_US
#define MIB (G_GUINT64_CONSTANT (1) << 20)

guint64
cg_storage_recordings_quota (const CgStorageReport *r)
{
  guint64 quota = r->disk_known ? MIN (r->quota_bytes, r->disk_bytes) : r->quota_bytes;
  return quota > r->exports_bytes ? quota - r->exports_bytes : 0;
}

guint64
cg_storage_reserve_bytes (guint64 disk_bytes, guint64 min_free_bytes)
{
  return MIN (min_free_bytes, MAX (16 * MIB, disk_bytes / 100));
}

static void
camera_clear (gpointer p)
{
  CgStorageCamera *c = p;
  g_free (c->name);
}

gboolean
cg_storage_report_gather (sqlite3 *h, const CgConfig *config, gint64 now, CgStorageReport *r,
                          GError **error)
{
  *r = (CgStorageReport) { .now_us = now, .thin_ratio = 1,
                           .cameras = g_array_new (FALSE, TRUE, sizeof (CgStorageCamera)) };
  g_array_set_clear_func (r->cameras, camera_clear);
  struct statvfs vfs;
  if (statvfs (config->data_dir, &vfs) == 0)
    {
      r->disk_known = TRUE;
      r->disk_bytes = (guint64) vfs.f_blocks * vfs.f_frsize;
      r->free_bytes = (guint64) vfs.f_bavail * vfs.f_frsize;
    }
  r->quota_bytes = cg_size_resolve (&config->quota, r->disk_bytes);
  r->min_free_bytes = cg_size_resolve (&config->min_free, r->disk_bytes);

  /* One row per camera that is installed or still has footage; the 24 h
   * rate counts bytes as written (before any thinning) over the last
   * 24 h, or over the camera's recorded life when shorter. */
  const char *what = _("reading the recordings");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT c.id, c.name, c.removed_us IS NOT NULL,"
       " coalesce(c.full_rate_us, 0), coalesce(c.retention_target_us, 0),"
       " coalesce(sum(s.bytes), 0), min(s.start_us),"
       " coalesce(sum(CASE WHEN s.thinned AND s.original_bytes IS NOT NULL"
       "   THEN s.original_bytes - s.bytes END), 0),"
       " coalesce(sum(CASE WHEN s.thinned AND s.original_bytes IS NOT NULL"
       "   THEN s.bytes END), 0),"
       " coalesce(sum(CASE WHEN s.thinned AND s.original_bytes IS NOT NULL"
       "   THEN s.original_bytes END), 0),"
       " coalesce(sum(CASE WHEN s.start_us >= ?1 THEN coalesce(s.original_bytes, s.bytes) END), 0),"
       " min(CASE WHEN s.start_us >= ?1 THEN s.start_us END),"
       " count(CASE WHEN s.thinned THEN 1 END)"
       " FROM cameras c LEFT JOIN segments s ON s.camera_id = c.id AND s.state != 'lost'"
       " GROUP BY c.id HAVING c.removed_us IS NULL OR count(s.id) > 0"
       " ORDER BY c.name, c.id",
    what, error);
  if (st == NULL)
    {
      cg_storage_report_clear (r);
      return FALSE;
    }
  sqlite3_bind_int64 (st, 1, now - DAY);
  GArray *rates = g_array_new (FALSE, TRUE, sizeof (CgForecastCamera));
  double thin_bytes = 0, thin_orig = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgStorageCamera c = {
        .id = sqlite3_column_int64 (st, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (st, 1)),
        .removed = sqlite3_column_int (st, 2),
        .full_rate_us = sqlite3_column_int64 (st, 3),
        .retention_target_us = sqlite3_column_int64 (st, 4),
        .bytes = sqlite3_column_int64 (st, 5),
        .oldest_us = sqlite3_column_int64 (st, 6),
        .saved_bytes = sqlite3_column_int64 (st, 7),
      };
      double tb = sqlite3_column_double (st, 8), to = sqlite3_column_double (st, 9);
      double day_bytes = sqlite3_column_double (st, 10);
      gint64 first_24h = sqlite3_column_int64 (st, 11);
      r->thinned_segments += sqlite3_column_int64 (st, 12);
      thin_bytes += tb;
      thin_orig += to;
      /* At least a minute, so that a camera just added does not forecast
       * from a handful of bytes over a few milliseconds. */
      double window = first_24h > 0 ? (double) MAX (now - first_24h, 60 * G_USEC_PER_SEC) : (double) DAY;
      CgForecastCamera rate = {
        .camera_id = c.id,
        .bytes_per_day = c.removed ? 0 : day_bytes * (double) DAY / MIN (window, (double) DAY),
        .thin_ratio = to > 0 ? CLAMP (tb / to, 0.001, 1.0) : 0,
        .full_rate_us = c.full_rate_us,
        .retention_target_us = c.retention_target_us,
      };
      g_array_append_val (rates, rate);
      r->used_bytes += (guint64) MAX (c.bytes, 0);
      r->saved_bytes += (guint64) MAX (c.saved_bytes, 0);
      g_array_append_val (r->cameras, c);
    }
  /* Protected by the rule the storage manager applies (db/segments.h),
   * as of now_us. */
  gint64 protected_bytes = 0;
  g_autoptr (GArray) per_camera = g_array_new (FALSE, FALSE, sizeof (CgDbProtected));
  gint64 kept_from_us = cg_db_evidence_kept_from (now, config->keep_days_after_close);
  if (rc != SQLITE_DONE ? !cg_db_fail (h, what, error)
                        : !cg_db_segments_protected_bytes (h, kept_from_us, &protected_bytes,
                                                           per_camera, error))
    {
      g_array_unref (rates);
      cg_storage_report_clear (r);
      return FALSE;
    }
  r->protected_bytes = (guint64) MAX (protected_bytes, 0);
  for (guint i = 0; i < per_camera->len; i++)
    {
      const CgDbProtected *p = &g_array_index (per_camera, CgDbProtected, i);
      for (guint k = 0; k < r->cameras->len; k++)
        if (g_array_index (r->cameras, CgStorageCamera, k).id == p->camera_id)
          g_array_index (r->cameras, CgStorageCamera, k).protected_bytes = p->bytes;
    }
  gint64 damaged_bytes = 0;
  if (!cg_db_segments_damaged (h, &r->damaged_segments, &damaged_bytes, error))
    {
      g_array_unref (rates);
      cg_storage_report_clear (r);
      return FALSE;
    }
  r->damaged_bytes = (guint64) MAX (damaged_bytes, 0);
  gint64 exports_bytes = 0;
  if (!cg_db_exports_usage (h, &r->exports, &exports_bytes, error))
    {
      g_array_unref (rates);
      cg_storage_report_clear (r);
      return FALSE;
    }
  r->exports_bytes = (guint64) MAX (exports_bytes, 0);
  if (thin_orig > 0)
    r->thin_ratio = CLAMP (thin_bytes / thin_orig, 0.001, 1.0);
  /* A camera not thinned yet is expected to thin as the others did. */
  for (guint i = 0; i < rates->len; i++)
    if (g_array_index (rates, CgForecastCamera, i).thin_ratio <= 0)
      g_array_index (rates, CgForecastCamera, i).thin_ratio = r->thin_ratio;

  /* Recordings may grow into the quota (less what the exports take),
   * but never into the free-space floor nor past the disk. */
  guint64 room = r->used_bytes + r->free_bytes;
  room = room > r->min_free_bytes ? room - r->min_free_bytes : 0;
  guint64 quota = r->quota_bytes > r->exports_bytes ? r->quota_bytes - r->exports_bytes : 0;
  r->limit_bytes = r->disk_known ? MIN (quota, room) : quota;
  r->rates = (CgForecastCamera *) g_array_free (rates, FALSE);
  cg_forecast_compute (r->rates, r->cameras->len, (double) r->limit_bytes,
                       (double) r->protected_bytes, config->full_rate_us,
                       config->retention_target_us, &r->forecast);
  return TRUE;
}

void
cg_storage_report_clear (CgStorageReport *r)
{
  g_clear_pointer (&r->cameras, g_array_unref);
  g_clear_pointer (&r->rates, g_free);
  cg_forecast_clear (&r->forecast);
}

JsonNode *
cg_storage_alert_new (const char *code, const char *detail, ...)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, ""); /* worded below, from the figures */
  if (detail != NULL)
    {
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, detail);
    }
  va_list ap;
  va_start (ap, detail);
  const char *name;
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      double v = va_arg (ap, double);
      json_builder_set_member_name (b, name);
      if (g_str_has_suffix (name, "_bytes") || g_str_has_suffix (name, "_segments")
          || g_str_has_suffix (name, "_writes"))
        json_builder_add_int_value (b, (gint64) v);
      else /* the other figures are days */
        json_builder_add_double_value (b, cg_retention_days_shown (v));
    }
  va_end (ap);
  json_builder_end_object (b);
  JsonNode *alert = json_builder_get_root (b);
  /* The same words as the clients', in the daemon's language, for logs
   * and for clients older than the code. */
  JsonObject *o = json_node_get_object (alert);
  g_autofree char *message = cg_alert_describe (o);
  json_object_set_string_member (o, "message", message);
  return alert;
}

void
cg_storage_report_alerts (const CgStorageReport *r, const CgRetentionPlan *plan, JsonArray *a)
{
  if (r->damaged_segments > 0)
    json_array_add_element (a, cg_storage_alert_new (
      CG_ALERT_DAMAGED_SEGMENTS, NULL,
      "damaged_segments", (double) r->damaged_segments,
      "damaged_bytes", (double) r->damaged_bytes, NULL));
  if (r->disk_known && r->quota_bytes > r->disk_bytes)
    json_array_add_element (a, cg_storage_alert_new (
      CG_ALERT_QUOTA_EXCEEDS_DISK, NULL,
      "quota_bytes", (double) r->quota_bytes, "disk_bytes", (double) r->disk_bytes, NULL));
  /* Protected footage alone is more than recordings may use: the quota
   * can never be met.  Recording goes on, the rest of the footage going
   * first; evidence is never deleted for it, so this must be said. */
  if (r->protected_bytes > r->limit_bytes)
    json_array_add_element (a, cg_storage_alert_new (
      CG_ALERT_EVIDENCE_EXCEEDS_QUOTA, NULL,
      "protected_bytes", (double) r->protected_bytes, "limit_bytes", (double) r->limit_bytes,
      NULL));
  if (plan != NULL && plan->shortfall_bytes > 0)
    json_array_add_element (a, cg_storage_alert_new (
      CG_ALERT_CANNOT_FREE, NULL,
      "shortfall_bytes", (double) plan->shortfall_bytes,
      "protected_bytes", (double) plan->protected_bytes, NULL));
  else if (plan != NULL && plan->min_free_unreachable)
    json_array_add_element (a, cg_storage_alert_new (
      CG_ALERT_MIN_FREE_UNREACHABLE, NULL,
      "min_free_bytes", (double) r->min_free_bytes, "free_bytes", (double) r->free_bytes, NULL));
  if (r->forecast.days >= 0 && r->forecast.below_target)
    {
      /* The same figures as storage.status's forecast_days and
       * target_days, cut the same way, in the message too. */
      json_array_add_element (a, cg_storage_alert_new (
        CG_ALERT_RETENTION_BELOW_TARGET, NULL,
        "days", cg_retention_days_shown (r->forecast.days),
        "target_days", cg_retention_days_shown (r->forecast.target_days),
        "needed_bytes", r->forecast.bytes_needed, "limit_bytes", (double) r->limit_bytes, NULL));
    }
}

/* Alerts that follow from a report's figures alone; the others say what
 * the manager's last cycle met (its plan, the disk). */
static gboolean
from_figures (const char *code)
{
  return g_str_equal (code, CG_ALERT_QUOTA_EXCEEDS_DISK) || g_str_equal (code, CG_ALERT_DAMAGED_SEGMENTS)
         || g_str_equal (code, CG_ALERT_EVIDENCE_EXCEEDS_QUOTA)
         || g_str_equal (code, "retention_below_target");
}



static const char *
code_of (JsonArray *alerts, guint i)
{
  return json_object_get_string_member (json_array_get_object_element (alerts, i), "code");
}

JsonNode *
cg_storage_reply_alerts (const CgStorageReport *r, CgStorageState *state)
{
  /* In the manager's order: the station shows the first. */
  static const char *const order[] = {
    CG_ALERT_DATABASE_UNWRITABLE, CG_ALERT_QUOTA_EXCEEDS_DISK, CG_ALERT_EVIDENCE_EXCEEDS_QUOTA,
    CG_ALERT_CANNOT_FREE,
    CG_ALERT_MIN_FREE_UNREACHABLE, CG_ALERT_DAMAGED_SEGMENTS, CG_ALERT_RETENTION_BELOW_TARGET,
    CG_ALERT_DISK_ERROR, NULL,
  };
  g_autoptr (JsonArray) fresh = json_array_new ();
  cg_storage_state_add_writer_alert (state, fresh);
  cg_storage_report_alerts (r, NULL, fresh);
  g_autoptr (JsonNode) last = cg_storage_state_dup_alerts (state);
  JsonArray *published = json_node_get_array (last);
  JsonArray *out = json_array_new ();
  for (gsize k = 0; order[k] != NULL; k++)
    {
      gboolean now = from_figures (order[k]) || g_str_equal (order[k], CG_ALERT_DATABASE_UNWRITABLE);
      JsonArray *from = now ? fresh : published;
      for (guint i = 0; i < json_array_get_length (from); i++)
        if (g_str_equal (code_of (from, i), order[k]))
          json_array_add_element (out, json_node_copy (json_array_get_element (from, i)));
    }
  /* A code missing from the list above is still said, last. */
  for (guint i = 0; i < json_array_get_length (published); i++)
    if (!g_strv_contains (order, code_of (published, i)))
      json_array_add_element (out, json_node_copy (json_array_get_element (published, i)));
  return json_node_init_array (json_node_alloc (), out);
}

/* ---- the state shared with the API ------------------------------------ */

struct CgStorageState {
  GMutex mutex;
  JsonNode *alerts;
  CgDbWriter *writer;
};

CgStorageState *
cg_storage_state_new (void)
{
  CgStorageState *s = g_new0 (CgStorageState, 1);
  g_mutex_init (&s->mutex);
  s->alerts = json_node_init_array (json_node_alloc (), json_array_new ());
  return s;
}

void
cg_storage_state_free (CgStorageState *s)
{
  if (s == NULL)
    return;
  json_node_unref (s->alerts);
  g_mutex_clear (&s->mutex);
  g_free (s);
}

void
cg_storage_state_set_alerts (CgStorageState *s, JsonNode *alerts)
{
  g_mutex_lock (&s->mutex);
  json_node_unref (s->alerts);
  s->alerts = alerts;
  g_mutex_unlock (&s->mutex);
}

void
cg_storage_state_set_writer (CgStorageState *s, CgDbWriter *writer)
{
  s->writer = writer;
}

void
cg_storage_state_add_writer_alert (CgStorageState *s, JsonArray *array)
{
  if (s == NULL || s->writer == NULL)
    return;
  CgDbWriterHealth health;
  cg_db_writer_health (s->writer, &health);
  if (health.failing_since_us > 0 && health.pending > 0)
    {
      JsonNode *alert = cg_storage_alert_new (
        CG_ALERT_DATABASE_UNWRITABLE, health.error != NULL ? health.error : "?",
        "pending_writes", (double) health.pending, NULL);
      g_autofree char *since = cg_time_format_iso (health.failing_since_us);
      JsonObject *o = json_node_get_object (alert);
      json_object_set_string_member (o, "since", since);
      /* Worded again now that it has its time. */
      g_autofree char *message = cg_alert_describe (o);
      json_object_set_string_member (o, "message", message);
      json_array_add_element (array, alert);
    }
  cg_db_writer_health_clear (&health);
}

JsonNode *
cg_storage_state_dup_alerts (CgStorageState *s)
{
  JsonArray *out = json_array_new ();
  cg_storage_state_add_writer_alert (s, out);
  if (s != NULL)
    {
      g_mutex_lock (&s->mutex);
      JsonArray *published = json_node_get_array (s->alerts);
      for (guint i = 0; i < json_array_get_length (published); i++)
        if (!g_str_equal (code_of (published, i), CG_ALERT_DATABASE_UNWRITABLE))
          json_array_add_element (out, json_node_copy (json_array_get_element (published, i)));
      g_mutex_unlock (&s->mutex);
    }
  return json_node_init_array (json_node_alloc (), out);
}

/* ---- JSON ------------------------------------------------------------ */

/* Every number of days in the reply, cut as cg_retention_days_shown()
 * says; null when unknown. */
static void
add_days (JsonBuilder *b, const char *name, double days)
{
  json_builder_set_member_name (b, name);
  if (days < 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, cg_retention_days_shown (days));
}

JsonNode *
cg_storage_report_to_json (const CgStorageReport *r, const CgConfig *config, CgStorageState *state)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_int (b, "disk_bytes", (gint64) r->disk_bytes);
  cg_json_add_int (b, "free_bytes", (gint64) r->free_bytes);
  g_autofree char *quota = cg_format_size (&config->quota);
  g_autofree char *min_free = cg_format_size (&config->min_free);
  json_builder_set_member_name (b, "quota");
  json_builder_add_string_value (b, quota);
  cg_json_add_int (b, "quota_bytes", (gint64) r->quota_bytes);
  json_builder_set_member_name (b, "min_free");
  json_builder_add_string_value (b, min_free);
  cg_json_add_int (b, "min_free_bytes", (gint64) r->min_free_bytes);
  cg_json_add_int (b, "limit_bytes", (gint64) r->limit_bytes);
  cg_json_add_int (b, "used_bytes", (gint64) r->used_bytes);
  cg_json_add_int (b, "protected_bytes", (gint64) r->protected_bytes);
  cg_json_add_int (b, "saved_bytes", (gint64) r->saved_bytes);
  cg_json_add_int (b, "thinned_segments", r->thinned_segments);
  cg_json_add_int (b, "exports", r->exports);
  cg_json_add_int (b, "exports_bytes", (gint64) r->exports_bytes);
  json_builder_set_member_name (b, "thin_ratio");
  json_builder_add_double_value (b, round (r->thin_ratio * 1000) / 1000);
  add_days (b, "full_rate_days", (double) config->full_rate_us / DAY);
  add_days (b, "target_days", r->forecast.target_days);
  add_days (b, "forecast_days", r->forecast.days);
  cg_json_add_int (b, "needed_bytes", (gint64) r->forecast.bytes_needed);
  json_builder_set_member_name (b, "below_target");
  json_builder_add_boolean_value (b, r->forecast.days >= 0 && r->forecast.below_target);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->cameras->len; i++)
    {
      const CgStorageCamera *c = &g_array_index (r->cameras, CgStorageCamera, i);
      const CgForecastResult *f = &r->forecast.cameras[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "removed");
      json_builder_add_boolean_value (b, c->removed);
      cg_json_add_int (b, "bytes", c->bytes);
      cg_json_add_int (b, "saved_bytes", c->saved_bytes);
      cg_json_add_int (b, "protected_bytes", c->protected_bytes);
      add_days (b, "days_kept", c->oldest_us > 0 ? (double) (r->now_us - c->oldest_us) / DAY : 0);
      add_days (b, "forecast_days", f->days);
      add_days (b, "target_days", f->target_days);
      add_days (b, "full_rate_days",
                (double) (c->full_rate_us > 0 ? c->full_rate_us : config->full_rate_us) / DAY);
      cg_json_add_int (b, "bytes_per_day", (gint64) r->rates[i].bytes_per_day);
      json_builder_set_member_name (b, "thin_ratio");
      json_builder_add_double_value (b, round (r->rates[i].thin_ratio * 1000) / 1000);
      cg_json_add_int (b, "needed_bytes", (gint64) f->bytes_needed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "alerts");
  json_builder_add_value (b, cg_storage_reply_alerts (r, state));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
