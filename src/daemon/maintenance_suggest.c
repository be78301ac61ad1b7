/* maintenance_suggest.c — the cameras needing attention (see the header). */
#define G_LOG_DOMAIN "canhgac-maintenance"
#include "build-config.h"

#include "daemon/maintenance_suggest.h"

#include "common/camera.h"
#include "common/i18n.h"
#include "common/link_rules.h"
#include "common/maintenance.h"
#include "common/timeutil.h"
#include "daemon/db/cameras.h"
#include "daemon/db/db.h"

#define DAY_US (G_GINT64_CONSTANT (86400) * CG_USEC_PER_SEC)
#define MONTH_DAYS 30
#define MINUTE_US (60 * CG_USEC_PER_SEC)

void
cg_suggest_rules_from_config (const CgConfig *config, CgSuggestRules *rules)
{
  *rules = (CgSuggestRules) {
    .offline_alert_us = config->maintenance_offline_alert,
    .outages_per_month = config->maintenance_outages_per_month,
    .weak_link_days = config->maintenance_weak_link_days,
    .inspect_after_days = config->maintenance_inspect_after_days,
  };
}

static void
suggestion_clear (CgSuggestion *s)
{
  g_free (s->note);
}

void
cg_upkeep_free (CgUpkeep *u)
{
  if (u == NULL)
    return;
  g_free (u->name);
  g_free (u->place);
  g_free (u->host_name);
  g_free (u->host_phone);
  g_free (u->installed_on);
  g_free (u->last_kind);
  g_array_unref (u->suggestions);
  g_free (u);
}

/* ---- outages --------------------------------------------------------------- */

typedef CgOutageSpan Span;

static void
span_clear (Span *s)
{
  g_free (s->reason);
}

/* Whether the camera recorded anything between two outage rows. */
static gboolean
recorded_between (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 to_us, gboolean *yes,
                  GError **error)
{
  const char *what = _("reading the outages");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT EXISTS (SELECT 1 FROM segments WHERE camera_id = ?1 AND start_us < ?3"
       " AND coalesce(end_us, ?3) > ?2)",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, what, error);
  *yes = sqlite3_column_int (st, 0) != 0;
  return TRUE;
}

/* The camera's outages touching the last 31 days, rows with no recording
 * between them made one (their time is the rows' time only: what lay
 * between two rows was the recorder not running).  *down_us: outage time
 * within [window_us, now). */
static GArray *
outage_spans (sqlite3 *h, gint64 camera_id, gint64 now_us, gint64 window_us, gint64 *down_us,
              GError **error)
{
  const char *what = _("reading the outages");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT start_us, coalesce(end_us, 0), reason FROM outages WHERE camera_id = ?1"
       " AND coalesce(end_us, ?2) >= ?3 AND start_us < ?2 ORDER BY start_us, id",
    what, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, now_us);
  sqlite3_bind_int64 (st, 3, now_us - (MONTH_DAYS + 1) * DAY_US);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (spans, (GDestroyNotify) span_clear);
  *down_us = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Span row = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1), NULL };
      gint64 end = row.end_us > 0 ? row.end_us : now_us;
      gint64 from = MAX (row.start_us, window_us);
      if (end > from)
        *down_us += end - from;
      if (spans->len > 0)
        {
          Span *last = &g_array_index (spans, Span, spans->len - 1);
          gboolean recorded = TRUE;
          if (last->end_us > 0
              && !recorded_between (h, camera_id, last->end_us, row.start_us, &recorded, error))
            return NULL;
          if (last->end_us > 0 && !recorded)
            {
              last->end_us = row.end_us;
              continue;
            }
        }
      row.reason = g_strdup ((const char *) sqlite3_column_text (st, 2));
      g_array_append_val (spans, row);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, what, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

/* ---- the link, day by day ------------------------------------------------- */

static int
compare_rates (gconstpointer pa, gconstpointer pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return a < b ? -1 : a > b;
}

/* Days running, back from now, whose link was weak (days with too few
 * minutes of footage to judge neither count nor break the run), and
 * since when. */
static gboolean
weak_days (sqlite3 *h, gint64 camera_id, gint64 now_us, int *days, gint64 *since_us,
           GError **error)
{
  const char *what = _("reading the link statistics");
  *days = 0;
  *since_us = 0;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT minute_us, frames, gaps, reconnects FROM link_stats"
       " WHERE camera_id = ? AND minute_us >= ? AND minute_us < ? ORDER BY minute_us",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, now_us - MONTH_DAYS * DAY_US);
  sqlite3_bind_int64 (st, 3, now_us);
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 4);
  g_autoptr (GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 r[4];
      for (int i = 0; i < 4; i++)
        r[i] = sqlite3_column_int64 (st, i);
      if (r[1] <= 0)
        continue;
      double fps = r[1] / 60.0;
      g_array_append_val (rates, fps);
      g_array_append_vals (rows, r, 1);
    }
  if (rc != SQLITE_DONE)
    return cg_db_fail (h, what, error);
  /* The camera's usual rate: its median over the month. */
  g_array_sort (rates, compare_rates);
  double usual = rates->len == 0 ? 0
                 : rates->len % 2 == 1 ? g_array_index (rates, double, rates->len / 2)
                 : (g_array_index (rates, double, rates->len / 2 - 1)
                    + g_array_index (rates, double, rates->len / 2)) / 2;
  /* Day 0 is the last 24 hours. */
  int minutes[MONTH_DAYS] = { 0 }, bad[MONTH_DAYS] = { 0 };
  gint64 first[MONTH_DAYS] = { 0 };
  for (guint i = 0; i < rows->len; i++)
    {
      const gint64 *r = (const gint64 *) rows->data + 4 * i;
      int day = (int) ((now_us - 1 - r[0]) / DAY_US);
      if (day < 0 || day >= MONTH_DAYS)
        continue;
      gboolean lost = cg_link_minute_lost (r[1] / 60.0, usual, r[2], r[3]);
      if (minutes[day]++ == 0)
        first[day] = r[0];
      bad[day] += lost ? 1 : 0;
    }
  for (int day = 0; day < MONTH_DAYS; day++)
    {
      if (!cg_link_day_judged (minutes[day]))
        continue;
      if (!cg_link_day_weak (minutes[day], bad[day]))
        break;
      (*days)++;
      *since_us = first[day];
    }
  return TRUE;
}

/* ---- the log ----------------------------------------------------------------- */

typedef struct {
  gint64 last_id;
  char *last_kind;
  gint64 last_at_us;
  gint64 last_work_us;   /* the last inspection, repair or replacement; 0 none */
  gint64 fault_id;       /* a fault with no repair or replacement after it */
  gint64 fault_at_us;
  char *fault_note;
} LogFacts;

static gboolean
log_facts (sqlite3 *h, gint64 camera_id, LogFacts *f, GError **error)
{
  const char *what = _("reading the maintenance log");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT id, kind, at_us, note FROM maintenance WHERE camera_id = ?"
       " ORDER BY at_us, id",
    what, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (st, 1);
      gint64 at = sqlite3_column_int64 (st, 2);
      f->last_id = sqlite3_column_int64 (st, 0);
      g_free (f->last_kind);
      f->last_kind = g_strdup (kind);
      f->last_at_us = at;
      gboolean repaired = g_str_equal (kind, CG_MAINT_REPAIR) || g_str_equal (kind, CG_MAINT_REPLACE);
      if (repaired || g_str_equal (kind, CG_MAINT_INSPECTION))
        f->last_work_us = at;
      if (repaired)
        {
          f->fault_id = 0;
          g_clear_pointer (&f->fault_note, g_free);
        }
      else if (g_str_equal (kind, CG_MAINT_FAULT) && f->fault_id == 0)
        {
          f->fault_id = f->last_id;
          f->fault_at_us = at;
          f->fault_note = g_strdup ((const char *) sqlite3_column_text (st, 3));
        }
    }
  return rc == SQLITE_DONE || cg_db_fail (h, what, error);
}

/* ---- a camera -------------------------------------------------------------------- */

static void
suggest (CgUpkeep *u, const char *reason, gint64 since_us, gint64 count)
{
  CgSuggestion s = { .reason = reason, .since_us = since_us, .count = count };
  g_array_append_val (u->suggestions, s);
}

static CgUpkeep *
upkeep_of (sqlite3 *h, const CgCamera *c, const CgSuggestRules *rules, gint64 now_us,
           GError **error)
{
  g_autoptr (CgUpkeep) u = g_new0 (CgUpkeep, 1);
  u->camera_id = c->id;
  u->name = g_strdup (c->name);
  u->place = g_strdup (c->place);
  u->host_name = g_strdup (c->host_name);
  u->host_phone = g_strdup (c->host_phone);
  u->installed_on = g_strdup (c->installed_on);
  u->enabled = c->enabled;
  u->suggestions = g_array_new (FALSE, TRUE, sizeof (CgSuggestion));
  g_array_set_clear_func (u->suggestions, (GDestroyNotify) suggestion_clear);

  LogFacts log = { 0 };
  if (!log_facts (h, c->id, &log, error))
    {
      g_free (log.last_kind);
      g_free (log.fault_note);
      return NULL;
    }
  u->last_entry = log.last_id;
  u->last_kind = log.last_kind;
  u->last_at_us = log.last_at_us;
  u->retired = g_strcmp0 (log.last_kind, CG_MAINT_RETIRE) == 0;

  gint64 window_us = MAX (now_us - MONTH_DAYS * DAY_US, MIN (c->created_us, now_us));
  gint64 down_us = 0;
  g_autoptr (GArray) spans = outage_spans (h, c->id, now_us, window_us, &down_us, error);
  int weak = 0;
  gint64 weak_since = 0;
  if (spans == NULL || !weak_days (h, c->id, now_us, &weak, &weak_since, error))
    {
      g_free (log.fault_note);
      return NULL;
    }
  u->uptime = now_us > window_us ? 1.0 - (double) MIN (down_us, now_us - window_us)
                                           / (double) (now_us - window_us)
                                 : 1.0;
  for (guint i = 0; i < spans->len; i++)
    if (g_array_index (spans, Span, i).start_us >= now_us - MONTH_DAYS * DAY_US)
      u->outages++;
  if (u->retired)
    {
      g_free (log.fault_note);
      return g_steal_pointer (&u);
    }

  const Span *open = spans->len > 0 ? &g_array_index (spans, Span, spans->len - 1) : NULL;
  if (c->enabled && open != NULL && open->end_us == 0
      && now_us - open->start_us > rules->offline_alert_us)
    suggest (u, CG_SUGGEST_OFFLINE, open->start_us, (now_us - open->start_us) / CG_USEC_PER_SEC);
  if (log.fault_id != 0)
    {
      suggest (u, CG_SUGGEST_FAULT, log.fault_at_us, 0);
      CgSuggestion *s = &g_array_index (u->suggestions, CgSuggestion, u->suggestions->len - 1);
      s->entry = log.fault_id;
      s->note = g_steal_pointer (&log.fault_note);
    }
  g_free (log.fault_note);
  if (u->outages > rules->outages_per_month)
    suggest (u, CG_SUGGEST_OUTAGES, now_us - MONTH_DAYS * DAY_US, u->outages);
  if (weak >= rules->weak_link_days)
    suggest (u, CG_SUGGEST_WEAK_LINK, weak_since, weak);
  /* Since the last work on it, else since it was installed, else since
   * it was added to the system. */
  gint64 base = log.last_work_us;
  gint64 installed = 0;
  if (base == 0 && c->installed_on != NULL && cg_time_parse (c->installed_on, NULL, &installed, NULL))
    base = installed;
  if (base == 0)
    base = c->created_us;
  if (base > 0 && now_us - base > rules->inspect_after_days * DAY_US)
    suggest (u, CG_SUGGEST_INSPECT, base, (now_us - base) / DAY_US);
  return g_steal_pointer (&u);
}

/* The reasons, most urgent first. */
static int
urgency (const char *reason)
{
  static const char *const order[] = { CG_SUGGEST_OFFLINE, CG_SUGGEST_FAULT, CG_SUGGEST_OUTAGES,
                                       CG_SUGGEST_WEAK_LINK, CG_SUGGEST_INSPECT };
  for (int i = 0; i < (int) G_N_ELEMENTS (order); i++)
    if (g_str_equal (order[i], reason))
      return i;
  return G_N_ELEMENTS (order);
}

static int
by_urgency (gconstpointer a, gconstpointer b)
{
  const CgUpkeep *x = *(CgUpkeep *const *) a, *y = *(CgUpkeep *const *) b;
  int ux = x->suggestions->len > 0
             ? urgency (g_array_index (x->suggestions, CgSuggestion, 0).reason) : 100;
  int uy = y->suggestions->len > 0
             ? urgency (g_array_index (y->suggestions, CgSuggestion, 0).reason) : 100;
  return ux - uy; /* stable: name order within */
}

GPtrArray *
cg_maintenance_overview (sqlite3 *h, const CgSuggestRules *rules, gint64 now_us, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, _("reading the maintenance log"),
                                                error);
  if (tx == NULL)
    return NULL;
  g_autoptr (GPtrArray) cameras = cg_camera_list (h, error);
  if (cameras == NULL)
    return NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_upkeep_free);
  for (guint i = 0; i < cameras->len; i++)
    {
      CgUpkeep *u = upkeep_of (h, cameras->pdata[i], rules, now_us, error);
      if (u == NULL)
        return NULL;
      g_ptr_array_add (out, u);
    }
  g_ptr_array_sort (out, by_urgency);
  return g_steal_pointer (&out);
}

CgMessage *
cg_suggestion_message (const CgSuggestion *s)
{
  const CgSuggestReason *r = cg_suggest_reason_lookup (s->reason);
  g_return_val_if_fail (r != NULL, NULL);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, s->count);
  if (g_str_equal (s->reason, CG_SUGGEST_OFFLINE))
    return cg_message_compose (r->wording, cg_message_time (s->since_us),
                               cg_message_duration (s->count * CG_USEC_PER_SEC), NULL);
  if (g_str_equal (s->reason, CG_SUGGEST_OUTAGES))
    return cg_message_compose (r->wording, cg_message_literal (count), NULL);
  if (g_str_equal (s->reason, CG_SUGGEST_FAULT))
    return cg_message_compose (r->wording, cg_message_time (s->since_us),
                               cg_message_literal (s->note != NULL ? s->note : ""), NULL);
  /* weak_link, inspect: days, then since which day. */
  return cg_message_compose (r->wording, cg_message_literal (count), cg_message_date (s->since_us),
                             NULL);
}

GArray *
cg_maintenance_outages (sqlite3 *h, gint64 camera_id, gint64 created_us, gint64 now_us,
                        GError **error)
{
  gint64 down_us = 0;
  gint64 window_us = MAX (now_us - MONTH_DAYS * DAY_US, MIN (created_us, now_us));
  return outage_spans (h, camera_id, now_us, window_us, &down_us, error);
}
