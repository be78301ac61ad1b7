/* db/exports.c — queries and changes of the exports table and its parts. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/exports.h"

#include "common/error.h"
#include "common/i18n.h"
#include "daemon/db/db.h"

#define READING _("reading the exports")
#define WRITING _("recording the export")

/* What read_row() reads. */
#define COLUMNS \
  " id, camera_id, state, camera_name, place, note, from_us, to_us," \
  " coalesce(actual_from_us, 0), coalesce(actual_to_us, 0), coalesce(duration_us, 0)," \
  " path, sha256, coalesce(bytes, 0), created_by, full_name, host, created_us," \
  " coalesce(finished_us, 0), thinned, audio, error, removed_by, removed_reason," \
  " coalesce(removed_us, 0), coalesce(incident_id, 0)"

static const char *const state_names[] = {
  [CG_DB_EXPORT_RUNNING] = "running",
  [CG_DB_EXPORT_COMPLETE] = "complete",
  [CG_DB_EXPORT_FAILED] = "failed",
  [CG_DB_EXPORT_CANCELLED] = "cancelled",
  [CG_DB_EXPORT_REMOVED] = "removed",
};

const char *
cg_db_export_state_name (CgDbExportState state)
{
  return state_names[state];
}

static CgDbExportState
state_from_text (const unsigned char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 ((const char *) text, state_names[i]) == 0)
      return (CgDbExportState) i;
  return CG_DB_EXPORT_FAILED;
}

static void
source_clear (gpointer p)
{
  CgDbExportSource *s = p;
  g_free (s->sha256);
  g_free (s->recorded_sha256);
}

GArray *
cg_db_export_sources_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CgDbExportSource));
  g_array_set_clear_func (a, source_clear);
  return a;
}

GArray *
cg_db_export_gaps_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (CgDbExportGap));
}

void
cg_db_export_clear (CgDbExport *e)
{
  g_clear_pointer (&e->camera_name, g_free);
  g_clear_pointer (&e->place, g_free);
  g_clear_pointer (&e->note, g_free);
  g_clear_pointer (&e->path, g_free);
  g_clear_pointer (&e->sha256, g_free);
  g_clear_pointer (&e->created_by, g_free);
  g_clear_pointer (&e->full_name, g_free);
  g_clear_pointer (&e->host, g_free);
  g_clear_pointer (&e->audio, g_free);
  g_clear_pointer (&e->error, g_free);
  g_clear_pointer (&e->removed_by, g_free);
  g_clear_pointer (&e->removed_reason, g_free);
  g_clear_pointer (&e->sources, g_array_unref);
  g_clear_pointer (&e->gaps, g_array_unref);
}

static void
read_row (sqlite3_stmt *st, CgDbExport *e)
{
  *e = (CgDbExport) {
    .id = sqlite3_column_int64 (st, 0),
    .camera_id = sqlite3_column_int64 (st, 1),
    .state = state_from_text (sqlite3_column_text (st, 2)),
    .camera_name = cg_db_text_at (st, 3),
    .place = cg_db_text_at (st, 4),
    .note = cg_db_text_at (st, 5),
    .from_us = sqlite3_column_int64 (st, 6),
    .to_us = sqlite3_column_int64 (st, 7),
    .actual_from_us = sqlite3_column_int64 (st, 8),
    .actual_to_us = sqlite3_column_int64 (st, 9),
    .duration_us = sqlite3_column_int64 (st, 10),
    .path = cg_db_text_at (st, 11),
    .sha256 = cg_db_text_at (st, 12),
    .bytes = sqlite3_column_int64 (st, 13),
    .created_by = cg_db_text_at (st, 14),
    .full_name = cg_db_text_at (st, 15),
    .host = cg_db_text_at (st, 16),
    .created_us = sqlite3_column_int64 (st, 17),
    .finished_us = sqlite3_column_int64 (st, 18),
    .thinned = sqlite3_column_int (st, 19) != 0,
    .audio = cg_db_text_at (st, 20),
    .error = cg_db_text_at (st, 21),
    .removed_by = cg_db_text_at (st, 22),
    .removed_reason = cg_db_text_at (st, 23),
    .removed_us = sqlite3_column_int64 (st, 24),
    .incident_id = sqlite3_column_int64 (st, 25),
  };
}

static void
bind_text_or_null (sqlite3_stmt *st, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (st, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, index);
}

gboolean
cg_db_export_create (sqlite3 *h, CgDbExport *e, GError **error)
{
  /* The path names the row, which is known once it is inserted: both in
   * one transaction (a savepoint inside the caller's). */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO exports (camera_id, camera_name, place, note, from_us, to_us, path,"
       " created_by, created_us, state, incident_id)"
       " VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, 'running', ?)",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, e->camera_id);
  bind_text_or_null (st, 2, e->camera_name);
  bind_text_or_null (st, 3, e->place);
  bind_text_or_null (st, 4, e->note);
  sqlite3_bind_int64 (st, 5, e->from_us);
  sqlite3_bind_int64 (st, 6, e->to_us);
  bind_text_or_null (st, 7, e->created_by);
  sqlite3_bind_int64 (st, 8, e->created_us);
  if (e->incident_id > 0)
    sqlite3_bind_int64 (st, 9, e->incident_id);
  else
    sqlite3_bind_null (st, 9);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  gint64 id = sqlite3_last_insert_rowid (h);
  g_autofree char *path = g_strdup_printf ("exports/%" G_GINT64_FORMAT ".mp4", id);
  g_autoptr (sqlite3_stmt) up = cg_db_prepare (h, "UPDATE exports SET path = ? WHERE id = ?",
                                               WRITING, error);
  if (up == NULL)
    return FALSE;
  sqlite3_bind_text (up, 1, path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (up, 2, id);
  if (!cg_db_step_done (up, WRITING, error) || !cg_db_commit (tx, error))
    return FALSE;
  e->id = id;
  g_free (e->path);
  e->path = g_steal_pointer (&path);
  e->state = CG_DB_EXPORT_RUNNING;
  return TRUE;
}

gboolean
cg_db_export_set_identity (sqlite3 *h, gint64 id, const char *full_name, const char *host,
                           GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE exports SET full_name = ?, host = ? WHERE id = ? AND state = 'running'",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  bind_text_or_null (st, 1, full_name);
  bind_text_or_null (st, 2, host);
  sqlite3_bind_int64 (st, 3, id);
  return cg_db_step_done (st, WRITING, error);
}

static gboolean
insert_parts (sqlite3 *h, const CgDbExport *e, GError **error)
{
  g_autoptr (sqlite3_stmt) src = cg_db_prepare (
    h, "INSERT INTO export_sources (export_id, seq, segment_id, start_us, end_us, from_us,"
       " to_us, bytes, sha256, recorded_sha256, thinned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    WRITING, error);
  if (src == NULL)
    return FALSE;
  for (guint i = 0; e->sources != NULL && i < e->sources->len; i++)
    {
      const CgDbExportSource *s = &g_array_index (e->sources, CgDbExportSource, i);
      sqlite3_reset (src);
      sqlite3_bind_int64 (src, 1, e->id);
      sqlite3_bind_int64 (src, 2, i + 1);
      sqlite3_bind_int64 (src, 3, s->segment_id);
      sqlite3_bind_int64 (src, 4, s->start_us);
      sqlite3_bind_int64 (src, 5, s->end_us);
      sqlite3_bind_int64 (src, 6, s->from_us);
      sqlite3_bind_int64 (src, 7, s->to_us);
      sqlite3_bind_int64 (src, 8, s->bytes);
      bind_text_or_null (src, 9, s->sha256);
      bind_text_or_null (src, 10, s->recorded_sha256);
      sqlite3_bind_int (src, 11, s->thinned ? 1 : 0);
      if (!cg_db_step_done (src, WRITING, error))
        return FALSE;
    }
  g_autoptr (sqlite3_stmt) gap = cg_db_prepare (
    h, "INSERT INTO export_gaps (export_id, seq, start_us, end_us, damaged) VALUES (?, ?, ?, ?, ?)",
    WRITING, error);
  if (gap == NULL)
    return FALSE;
  for (guint i = 0; e->gaps != NULL && i < e->gaps->len; i++)
    {
      const CgDbExportGap *g = &g_array_index (e->gaps, CgDbExportGap, i);
      sqlite3_reset (gap);
      sqlite3_bind_int64 (gap, 1, e->id);
      sqlite3_bind_int64 (gap, 2, i + 1);
      sqlite3_bind_int64 (gap, 3, g->start_us);
      sqlite3_bind_int64 (gap, 4, g->end_us);
      sqlite3_bind_int (gap, 5, g->damaged ? 1 : 0);
      if (!cg_db_step_done (gap, WRITING, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cg_db_export_complete (sqlite3 *h, const CgDbExport *e, gboolean *changed, GError **error)
{
  *changed = FALSE;
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE exports SET state = 'complete', sha256 = ?, bytes = ?, actual_from_us = ?,"
       " actual_to_us = ?, duration_us = ?, thinned = ?, audio = ?, finished_us = ?"
       " WHERE id = ? AND state = 'running'",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  bind_text_or_null (st, 1, e->sha256);
  sqlite3_bind_int64 (st, 2, e->bytes);
  sqlite3_bind_int64 (st, 3, e->actual_from_us);
  sqlite3_bind_int64 (st, 4, e->actual_to_us);
  sqlite3_bind_int64 (st, 5, e->duration_us);
  sqlite3_bind_int (st, 6, e->thinned ? 1 : 0);
  bind_text_or_null (st, 7, e->audio);
  sqlite3_bind_int64 (st, 8, e->finished_us);
  sqlite3_bind_int64 (st, 9, e->id);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  if (sqlite3_changes (h) == 0)
    return TRUE;
  if (!insert_parts (h, e, error) || !cg_db_commit (tx, error))
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

gboolean
cg_db_export_fail (sqlite3 *h, gint64 id, CgDbExportState state, const char *error_json,
                   gint64 at_us, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE exports SET state = ?, error = ?, finished_us = ? WHERE id = ? AND state = 'running'",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, cg_db_export_state_name (state), -1, SQLITE_STATIC);
  bind_text_or_null (st, 2, error_json);
  sqlite3_bind_int64 (st, 3, at_us);
  sqlite3_bind_int64 (st, 4, id);
  return cg_db_step_done (st, WRITING, error);
}

gboolean
cg_db_exports_fail_running (sqlite3 *h, const char *error_json, gint64 at_us, int *count,
                            GError **error)
{
  *count = 0;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE exports SET state = 'failed', error = ?, finished_us = ? WHERE state = 'running'",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  bind_text_or_null (st, 1, error_json);
  sqlite3_bind_int64 (st, 2, at_us);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  *count = sqlite3_changes (h);
  return TRUE;
}

static gboolean
read_parts (sqlite3 *h, CgDbExport *e, GError **error)
{
  e->sources = cg_db_export_sources_new ();
  e->gaps = cg_db_export_gaps_new ();
  g_autoptr (sqlite3_stmt) src = cg_db_prepare (
    h, "SELECT segment_id, start_us, end_us, from_us, to_us, bytes, sha256, recorded_sha256,"
       " thinned FROM export_sources WHERE export_id = ? ORDER BY seq",
    READING, error);
  if (src == NULL)
    return FALSE;
  sqlite3_bind_int64 (src, 1, e->id);
  int rc;
  while ((rc = sqlite3_step (src)) == SQLITE_ROW)
    {
      CgDbExportSource s = {
        .segment_id = sqlite3_column_int64 (src, 0),
        .start_us = sqlite3_column_int64 (src, 1),
        .end_us = sqlite3_column_int64 (src, 2),
        .from_us = sqlite3_column_int64 (src, 3),
        .to_us = sqlite3_column_int64 (src, 4),
        .bytes = sqlite3_column_int64 (src, 5),
        .sha256 = cg_db_text_at (src, 6),
        .recorded_sha256 = cg_db_text_at (src, 7),
        .thinned = sqlite3_column_int (src, 8) != 0,
      };
      g_array_append_val (e->sources, s);
    }
  if (rc != SQLITE_DONE)
    return cg_db_fail (h, READING, error);
  g_autoptr (sqlite3_stmt) gap = cg_db_prepare (
    h, "SELECT start_us, end_us, damaged FROM export_gaps WHERE export_id = ? ORDER BY seq",
    READING, error);
  if (gap == NULL)
    return FALSE;
  sqlite3_bind_int64 (gap, 1, e->id);
  while ((rc = sqlite3_step (gap)) == SQLITE_ROW)
    {
      CgDbExportGap g = { sqlite3_column_int64 (gap, 0), sqlite3_column_int64 (gap, 1),
                          sqlite3_column_int (gap, 2) != 0 };
      g_array_append_val (e->gaps, g);
    }
  return rc == SQLITE_DONE || cg_db_fail (h, READING, error);
}

static gboolean
read_one (sqlite3_stmt *st, CgDbExport *e, gboolean *found, GError **error)
{
  int rc = sqlite3_step (st);
  *found = rc == SQLITE_ROW;
  if (*found)
    read_row (st, e);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (sqlite3_db_handle (st), READING, error);
}

gboolean
cg_db_export_get (sqlite3 *h, gint64 id, CgDbExport *e, gboolean *found, GError **error)
{
  *found = FALSE;
  /* The row and its parts as one picture. */
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, READING, error);
  if (tx == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT" COLUMNS " FROM exports WHERE id = ?",
                                               READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  if (!read_one (st, e, found, error))
    return FALSE;
  if (*found && !read_parts (h, e, error))
    {
      cg_db_export_clear (e);
      *found = FALSE;
      return FALSE;
    }
  return TRUE;
}

GArray *
cg_db_exports_list (sqlite3 *h, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT * FROM (SELECT" COLUMNS " FROM exports ORDER BY id DESC LIMIT ?) ORDER BY id",
    READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, limit);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CgDbExport));
  g_array_set_clear_func (rows, (GDestroyNotify) cg_db_export_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbExport e;
      read_row (st, &e);
      g_array_append_val (rows, e);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
cg_db_export_find_sha256 (sqlite3 *h, const char *sha256, CgDbExport *e, gboolean *found,
                          GError **error)
{
  *found = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS " FROM exports WHERE sha256 = ?"
       " ORDER BY state = 'complete' DESC, id DESC LIMIT 1", READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, sha256, -1, SQLITE_STATIC);
  return read_one (st, e, found, error);
}

gboolean
cg_db_export_mark_removed (sqlite3 *h, gint64 id, const char *by, gint64 at_us,
                           const char *reason, gboolean *changed, GError **error)
{
  *changed = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE exports SET state = 'removed', removed_by = ?, removed_us = ?, removed_reason = ?"
       " WHERE id = ? AND state = 'complete'",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, at_us);
  sqlite3_bind_text (st, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 4, id);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  *changed = sqlite3_changes (h) > 0;
  return TRUE;
}

gboolean
cg_db_exports_usage (sqlite3 *h, gint64 *count, gint64 *bytes, GError **error)
{
  *count = *bytes = 0;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT count(*), coalesce(sum(bytes), 0) FROM exports WHERE state = 'complete'",
    READING, error);
  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  *count = sqlite3_column_int64 (st, 0);
  *bytes = sqlite3_column_int64 (st, 1);
  return TRUE;
}
