/* report/gather.c — a period's figures from the database (see gather.h). */
#include "build-config.h"

#include "daemon/report/gather.h"

#include "common/i18n.h"
#include "common/text.h"
#include "daemon/db/db.h"
#include "daemon/db/runs.h"
#include "daemon/report/spans.h"

#define READING _("reading the figures of the report")

static void
camera_free (CgReportCamera *c)
{
  g_free (c->name);
  g_free (c->place);
  g_free (c->funding);
  g_free (c->host_name);
  g_free (c->host_phone);
  g_free (c->network_by);
  g_free (c->installed);
  g_free (c->donor);
  g_free (c->host_kind);
  g_free (c->network_plan);
  cg_uptime_clear (&c->uptime);
  g_free (c);
}

static void
count_clear (gpointer p)
{
  g_free (((CgReportCount *) p)->key);
}

static void
work_clear (gpointer p)
{
  CgReportWork *w = p;
  g_free (w->camera);
  g_free (w->kind);
  g_free (w->note);
  g_free (w->by);
}

static void
spot_clear (gpointer p)
{
  g_free (((CgReportSpot *) p)->place);
}

static GArray *
counts_new (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (CgReportCount));
  g_array_set_clear_func (a, count_clear);
  return a;
}

void
cg_report_data_clear (CgReportData *d)
{
  g_clear_pointer (&d->up, g_array_unref);
  g_clear_pointer (&d->downs, g_array_unref);
  g_clear_pointer (&d->cameras, g_ptr_array_unref);
  g_clear_pointer (&d->by_kind, g_array_unref);
  g_clear_pointer (&d->by_status, g_array_unref);
  g_clear_pointer (&d->by_place, g_array_unref);
  g_clear_pointer (&d->by_camera, g_array_unref);
  g_clear_pointer (&d->spots, g_array_unref);
  g_clear_pointer (&d->work, g_array_unref);
}

static gboolean
fail (sqlite3 *h, GError **error)
{
  return cg_db_fail (h, READING, error);
}

/* One value of a query with one row; 0 for NULL. */
static gboolean
one_int (sqlite3 *h, const char *sql, gint64 *out, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, READING, error);
  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    return fail (h, error);
  *out = sqlite3_column_int64 (st, 0);
  return TRUE;
}

/* ---- the recorder ------------------------------------------------------ */

/* When the recorder ran: its recorded runs; before the first of them
 * (footage older than the record of runs), the time from the first
 * footage is taken as run. */
static gboolean
recorder (sqlite3 *h, CgReportData *d, gint64 now_us, GError **error)
{
  gint64 first_run = 0, first_footage = 0;
  if (!cg_db_runs_first (h, &first_run, error)
      || !one_int (h, "SELECT min(start_us) FROM segments", &first_footage, error))
    return FALSE;
  g_autoptr (GArray) runs = cg_db_runs_within (h, d->from_us, d->to_us, now_us, error);
  if (runs == NULL)
    return FALSE;
  d->up = cg_spans_new ();
  for (guint i = 0; i < runs->len; i++)
    cg_spans_add (d->up, g_array_index (runs, CgSpan, i).from_us,
                  g_array_index (runs, CgSpan, i).to_us);
  if (first_footage > 0 && (first_run == 0 || first_footage < first_run))
    cg_spans_add (d->up, MAX (first_footage, d->from_us),
                  MIN (first_run > 0 ? first_run : now_us, d->to_us));
  d->data_from_us = first_footage > 0 && (first_run == 0 || first_footage < first_run)
                      ? first_footage : first_run;
  g_autoptr (GArray) known = cg_spans_new ();
  if (d->data_from_us > 0)
    cg_spans_add (known, MAX (d->from_us, d->data_from_us), MIN (d->to_us, now_us));
  d->downs = cg_spans_subtract (known, d->up);
  return TRUE;
}

/* ---- the cameras ------------------------------------------------------- */

static gboolean
outages_of (sqlite3 *h, CgReportCamera *c, const GArray *observed, gint64 from_us,
            gint64 to_us, gint64 now_us, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT start_us, coalesce(end_us, ?4), reason FROM outages"
       " WHERE camera_id = ?1 AND start_us < ?3 AND (end_us IS NULL OR end_us > ?2)",
    READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, c->id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  sqlite3_bind_int64 (st, 4, now_us);
  g_autoptr (GArray) outages = g_array_new (FALSE, FALSE, sizeof (CgOutageSpan));
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgOutageSpan o = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                         cg_db_text_at (st, 2) };
      g_array_append_val (outages, o);
    }
  gboolean ok = rc == SQLITE_DONE;
  if (ok)
    cg_uptime_compute (observed, outages, &c->uptime);
  for (guint i = 0; i < outages->len; i++)
    g_free (g_array_index (outages, CgOutageSpan, i).reason);
  return ok || fail (h, error);
}

static gboolean
link_of (sqlite3 *h, CgReportCamera *c, gint64 from_us, gint64 to_us, GTimeZone *tz,
         GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT minute_us, bytes, frames, gaps, reconnects FROM link_stats"
       " WHERE camera_id = ? AND minute_us >= ? AND minute_us < ? ORDER BY minute_us",
    READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, c->id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  g_autoptr (GArray) minutes = g_array_new (FALSE, FALSE, sizeof (CgLinkMinute));
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgLinkMinute m = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                         sqlite3_column_int (st, 2), sqlite3_column_int (st, 3),
                         sqlite3_column_int (st, 4) };
      g_array_append_val (minutes, m);
    }
  if (rc != SQLITE_DONE)
    return fail (h, error);
  cg_link_quality ((const CgLinkMinute *) (gpointer) minutes->data, minutes->len, tz, &c->link);
  return TRUE;
}

static int
by_name (gconstpointer pa, gconstpointer pb)
{
  const CgReportCamera *a = *(CgReportCamera *const *) pa, *b = *(CgReportCamera *const *) pb;
  return cg_text_compare (a->name, b->name);
}

static CgReportCamera *
camera_by_id (CgReportData *d, gint64 id)
{
  for (guint i = 0; i < d->cameras->len; i++)
    if (((CgReportCamera *) d->cameras->pdata[i])->id == id)
      return d->cameras->pdata[i];
  return NULL;
}

static gboolean
cameras (sqlite3 *h, CgReportData *d, gint64 now_us, GTimeZone *tz, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT id, name, place, funding, host_name, host_phone, network_by, installed_on,"
       " enabled, created_us, removed_us, updated_us, map_x, map_y, donor, host_kind,"
       " network_plan FROM cameras"
       " WHERE created_us < ?2 AND (removed_us IS NULL OR removed_us > ?1)",
    READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, d->from_us);
  sqlite3_bind_int64 (st, 2, d->to_us);
  d->cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgReportCamera *c = g_new0 (CgReportCamera, 1);
      c->id = sqlite3_column_int64 (st, 0);
      c->name = cg_db_text_at (st, 1);
      c->place = cg_db_text_at (st, 2);
      c->funding = cg_db_text_at (st, 3);
      c->host_name = cg_db_text_at (st, 4);
      c->host_phone = cg_db_text_at (st, 5);
      c->network_by = cg_db_text_at (st, 6);
      c->installed = cg_db_text_at (st, 7);
      c->enabled = sqlite3_column_int (st, 8) != 0;
      c->removed = sqlite3_column_type (st, 10) != SQLITE_NULL;
      c->has_map = sqlite3_column_type (st, 12) != SQLITE_NULL
                   && sqlite3_column_type (st, 13) != SQLITE_NULL;
      c->map_x = sqlite3_column_double (st, 12);
      c->map_y = sqlite3_column_double (st, 13);
      c->donor = cg_db_text_at (st, 14);
      c->host_kind = cg_db_text_at (st, 15);
      c->network_plan = cg_db_text_at (st, 16);
      /* Watched from its creation to its removal; a camera disabled now
       * is counted as watched until its last change (when it was
       * disabled, or later). */
      gint64 born = sqlite3_column_int64 (st, 9);
      gint64 end = c->removed ? sqlite3_column_int64 (st, 10) : G_MAXINT64;
      if (!c->enabled && !c->removed)
        end = sqlite3_column_int64 (st, 11);
      g_autoptr (GArray) life = cg_spans_new ();
      cg_spans_add (life, born, end);
      g_autoptr (GArray) observed = cg_spans_intersect (d->up, life);
      g_ptr_array_add (d->cameras, c);
      if (!outages_of (h, c, observed, d->from_us, d->to_us, now_us, error)
          || (d->with_link && !link_of (h, c, d->from_us, d->to_us, tz, error)))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return fail (h, error);
  g_ptr_array_sort (d->cameras, by_name);

  g_autoptr (sqlite3_stmt) motion = cg_db_prepare (
    h, "SELECT camera_id, count(*) FROM motion_events WHERE start_us >= ? AND start_us < ?"
       " GROUP BY camera_id", READING, error);
  if (motion == NULL)
    return FALSE;
  sqlite3_bind_int64 (motion, 1, d->from_us);
  sqlite3_bind_int64 (motion, 2, d->to_us);
  while ((rc = sqlite3_step (motion)) == SQLITE_ROW)
    {
      CgReportCamera *c = camera_by_id (d, sqlite3_column_int64 (motion, 0));
      if (c != NULL)
        c->motion_events = sqlite3_column_int (motion, 1);
    }
  return rc == SQLITE_DONE || fail (h, error);
}

/* ---- incidents and exports --------------------------------------------- */

static void
tally (GHashTable *t, const char *key)
{
  const char *k = key != NULL && *key != '\0' ? key : "";
  gpointer old = g_hash_table_lookup (t, k);
  g_hash_table_replace (t, g_strdup (k), GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
}

static int
most_first (gconstpointer pa, gconstpointer pb)
{
  const CgReportCount *a = pa, *b = pb;
  if (a->count != b->count)
    return b->count - a->count;
  return cg_text_compare (a->key, b->key);
}

static GArray *
counts_of (GHashTable *t)
{
  GArray *a = counts_new ();
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, t);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      CgReportCount c = { g_strdup (k), GPOINTER_TO_INT (v) };
      g_array_append_val (a, c);
    }
  g_array_sort (a, most_first);
  return a;
}

static gboolean
incidents (sqlite3 *h, CgReportData *d, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT kind, status, place, footage_helped, map_x, map_y FROM incidents"
       " WHERE from_us >= ? AND from_us < ?", READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, d->from_us);
  sqlite3_bind_int64 (st, 2, d->to_us);
  g_autoptr (GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->spots = g_array_new (FALSE, FALSE, sizeof (CgReportSpot));
  g_array_set_clear_func (d->spots, spot_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      d->incidents++;
      tally (kinds, (const char *) sqlite3_column_text (st, 0));
      tally (statuses, (const char *) sqlite3_column_text (st, 1));
      tally (places, (const char *) sqlite3_column_text (st, 2));
      if (sqlite3_column_type (st, 3) == SQLITE_NULL)
        d->unknown_help++;
      else if (sqlite3_column_int (st, 3) != 0)
        d->helped++;
      else
        d->not_helped++;
      if (sqlite3_column_type (st, 4) != SQLITE_NULL && sqlite3_column_type (st, 5) != SQLITE_NULL)
        {
          CgReportSpot s = { sqlite3_column_double (st, 4), sqlite3_column_double (st, 5),
                             cg_db_text_at (st, 2), 1 };
          g_array_append_val (d->spots, s);
        }
    }
  if (rc != SQLITE_DONE)
    return fail (h, error);
  d->by_kind = counts_of (kinds);
  d->by_status = counts_of (statuses);
  d->by_place = counts_of (places);

  g_autoptr (sqlite3_stmt) cams = cg_db_prepare (
    h, "SELECT e.camera_id, count(DISTINCT e.incident_id) FROM evidence_ranges e"
       " JOIN incidents i ON i.id = e.incident_id"
       " WHERE i.from_us >= ? AND i.from_us < ? AND e.removed_us IS NULL GROUP BY e.camera_id",
    READING, error);
  if (cams == NULL)
    return FALSE;
  sqlite3_bind_int64 (cams, 1, d->from_us);
  sqlite3_bind_int64 (cams, 2, d->to_us);
  g_autoptr (GHashTable) by_camera = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (cams)) == SQLITE_ROW)
    {
      CgReportCamera *c = camera_by_id (d, sqlite3_column_int64 (cams, 0));
      if (c == NULL)
        continue;
      c->incidents = sqlite3_column_int (cams, 1);
      g_hash_table_replace (by_camera, g_strdup (c->name), GINT_TO_POINTER (c->incidents));
    }
  if (rc != SQLITE_DONE)
    return fail (h, error);
  d->by_camera = counts_of (by_camera);
  return TRUE;
}

static gboolean
exports (sqlite3 *h, CgReportData *d, GError **error)
{
  /* Handed over in the period: complete, even if the file was removed
   * later. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT count(*), coalesce(sum(bytes), 0), count(incident_id) FROM exports"
       " WHERE created_us >= ? AND created_us < ? AND state IN ('complete', 'removed')",
    READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, d->from_us);
  sqlite3_bind_int64 (st, 2, d->to_us);
  if (sqlite3_step (st) != SQLITE_ROW)
    return fail (h, error);
  d->exports = sqlite3_column_int (st, 0);
  d->exports_bytes = sqlite3_column_int64 (st, 1);
  d->exports_for_incidents = sqlite3_column_int (st, 2);
  return TRUE;
}

/* The maintenance log of the period: each entry, counted on its camera;
 * a fault is open when no repair or replacement of its camera follows it
 * (by the time the report is made). */
static gboolean
maintenance (sqlite3 *h, CgReportData *d, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT m.camera_id, c.name, m.kind, m.at_us, m.cost, m.note,"
       " coalesce(m.by_name, m.by_user),"
       " m.kind = 'fault' AND NOT EXISTS (SELECT 1 FROM maintenance r WHERE"
       "   r.camera_id = m.camera_id AND r.kind IN ('repair', 'replace') AND r.at_us >= m.at_us)"
       " FROM maintenance m JOIN cameras c ON c.id = m.camera_id"
       " WHERE m.at_us >= ? AND m.at_us < ? ORDER BY m.at_us, m.id",
    READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, d->from_us);
  sqlite3_bind_int64 (st, 2, d->to_us);
  d->work = g_array_new (FALSE, FALSE, sizeof (CgReportWork));
  g_array_set_clear_func (d->work, work_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgReportWork w = {
        .camera = cg_db_text_at (st, 1),
        .kind = cg_db_text_at (st, 2),
        .at_us = sqlite3_column_int64 (st, 3),
        .cost = sqlite3_column_type (st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (st, 4),
        .note = cg_db_text_at (st, 5),
        .by = cg_db_text_at (st, 6),
        .open = sqlite3_column_int (st, 7) != 0,
      };
      g_array_append_val (d->work, w);
      CgReportCamera *c = camera_by_id (d, sqlite3_column_int64 (st, 0));
      if (c == NULL)
        continue;
      c->faults += g_strcmp0 (w.kind, "fault") == 0;
      c->repairs += g_strcmp0 (w.kind, "repair") == 0;
      c->replacements += g_strcmp0 (w.kind, "replace") == 0;
      c->cost += MAX (w.cost, 0);
    }
  return rc == SQLITE_DONE || fail (h, error);
}

gboolean
cg_report_gather (sqlite3 *h, gint64 from_us, gint64 to_us, gint64 now_us, GTimeZone *tz,
                  gboolean with_link, CgReportData *out, GError **error)
{
  *out = (CgReportData) { .from_us = from_us, .to_us = to_us, .with_link = with_link };
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, READING, error);
  if (tx == NULL)
    return FALSE;
  if (!recorder (h, out, now_us, error) || !cameras (h, out, now_us, tz, error)
      || !incidents (h, out, error) || !exports (h, out, error) || !maintenance (h, out, error))
    {
      cg_report_data_clear (out);
      return FALSE;
    }
  return TRUE;
}
