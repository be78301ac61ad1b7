/* db/segments.c — queries and changes of the segments table. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/segments.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/db/db.h"

/* The protection rule, the only place it is written (segments.h): an
 * evidence range is in force unless it was taken off, or its incident
 * was closed at or before :kept_from (cg_db_evidence_kept_from()).  It
 * stays in force when :kept_from is not bound, or when its incident
 * cannot be found: evidence is released only when that is proven. */
#define EVIDENCE_IN_FORCE(e) \
  " " e ".removed_us IS NULL AND NOT EXISTS (SELECT 1 FROM incidents i" \
  " WHERE i.id = " e ".incident_id AND i.closed_us IS NOT NULL AND i.closed_us <= :kept_from)"

/* Footage of row seg (segments, or anything with camera_id, start_us
 * and end_us) overlapping an evidence range in force: the same overlap
 * as retention.c's, in every statement that removes or rewrites
 * footage, so that evidence added while a plan ran is still safe. */
#define IN_EVIDENCE(seg) \
  " EXISTS (SELECT 1 FROM evidence_ranges e WHERE e.camera_id = " seg ".camera_id" \
  " AND e.from_us < max(coalesce(" seg ".end_us, " seg ".start_us), " seg ".start_us + 1)" \
  " AND e.to_us > " seg ".start_us AND" EVIDENCE_IN_FORCE ("e") ")"
#define NOT_EVIDENCE " NOT" IN_EVIDENCE ("segments")

/* What the storage policy may remove or rewrite: not evidence, and not a
 * damaged segment waiting for an administrator. */
#define REMOVABLE " segments.damaged = 0 AND" NOT_EVIDENCE

/* What read_row() reads, qualified so that a join may add columns. */
#define COLUMNS \
  " segments.id, segments.camera_id, segments.path, segments.state, segments.start_us," \
  " coalesce(segments.end_us, 0), segments.bytes, segments.frames, segments.keyframes," \
  " coalesce(segments.width, 0), coalesce(segments.height, 0), segments.video_codec," \
  " segments.has_audio, segments.thinned, coalesce(segments.original_bytes, 0)," \
  " segments.sha256, segments.damaged"
#define N_COLUMNS 17

#define READING _("reading the recordings")
#define UPDATING _("updating the recordings")
#define DELETING _("deleting old recordings")

void
cg_db_segment_clear (CgDbSegment *segment)
{
  g_clear_pointer (&segment->path, g_free);
  g_clear_pointer (&segment->codec, g_free);
  g_clear_pointer (&segment->sha256, g_free);
  g_clear_pointer (&segment->keyframe_index, g_bytes_unref);
}

char *
cg_db_segment_audit_object (gint64 camera_id, gint64 start_us)
{
  g_autofree char *start = cg_time_format_iso (start_us);
  return g_strdup_printf ("camera:%" G_GINT64_FORMAT "/%s", camera_id, start);
}

static char *
column_text (sqlite3_stmt *st, int col)
{
  const unsigned char *text = sqlite3_column_text (st, col);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static CgDbSegmentState
state_from_text (const unsigned char *text)
{
  if (g_strcmp0 ((const char *) text, "open") == 0)
    return CG_DB_SEGMENT_OPEN;
  if (g_strcmp0 ((const char *) text, "lost") == 0)
    return CG_DB_SEGMENT_LOST;
  return CG_DB_SEGMENT_COMPLETE;
}

static void
read_row (sqlite3_stmt *st, CgDbSegment *s)
{
  *s = (CgDbSegment) {
    .id = sqlite3_column_int64 (st, 0),
    .camera_id = sqlite3_column_int64 (st, 1),
    .path = column_text (st, 2),
    .state = state_from_text (sqlite3_column_text (st, 3)),
    .start_us = sqlite3_column_int64 (st, 4),
    .end_us = sqlite3_column_int64 (st, 5),
    .bytes = sqlite3_column_int64 (st, 6),
    .frames = sqlite3_column_int64 (st, 7),
    .keyframes = sqlite3_column_int64 (st, 8),
    .width = sqlite3_column_int (st, 9),
    .height = sqlite3_column_int (st, 10),
    .codec = column_text (st, 11),
    .has_audio = sqlite3_column_int (st, 12) != 0,
    .thinned = sqlite3_column_int (st, 13) != 0,
    .original_bytes = sqlite3_column_int64 (st, 14),
    .sha256 = column_text (st, 15),
    .damaged = sqlite3_column_int (st, 16) != 0,
  };
}

static GArray *
segment_array (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CgDbSegment));
  g_array_set_clear_func (a, (GDestroyNotify) cg_db_segment_clear);
  return a;
}

/* Every row of a prepared statement selecting COLUMNS. */
static GArray *
read_all (sqlite3_stmt *st, GError **error)
{
  g_autoptr (GArray) rows = segment_array ();
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbSegment s;
      read_row (st, &s);
      g_array_append_val (rows, s);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (sqlite3_db_handle (st), READING, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* One row of a prepared statement selecting COLUMNS, or none. */
static gboolean
read_one (sqlite3_stmt *st, CgDbSegment *segment, gboolean *found, GError **error)
{
  int rc = sqlite3_step (st);
  *found = rc == SQLITE_ROW;
  if (*found)
    read_row (st, segment);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (sqlite3_db_handle (st), READING, error);
}

static void
bind_bytes (sqlite3_stmt *st, int index, GBytes *bytes)
{
  gsize n = 0;
  const void *p = bytes != NULL ? g_bytes_get_data (bytes, &n) : NULL;
  if (p != NULL)
    sqlite3_bind_blob (st, index, p, (int) n, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, index);
}

/* Binds :kept_from where the statement has it (the rule above). */
static void
bind_kept_from (sqlite3_stmt *st, gint64 kept_from_us)
{
  int index = sqlite3_bind_parameter_index (st, ":kept_from");
  if (index > 0)
    sqlite3_bind_int64 (st, index, kept_from_us);
}

/* ---- the protection rule ------------------------------------------------ */

gint64
cg_db_evidence_kept_from (gint64 now_us, int keep_days)
{
  gint64 keep_us = (gint64) MAX (keep_days, 0) * G_GINT64_CONSTANT (86400000000);
  return now_us - keep_us;
}

gboolean
cg_db_evidence_foreach_in_force (sqlite3 *h, gint64 kept_from_us, CgDbEvidenceFunc func,
                                 gpointer data, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT e.camera_id, e.from_us, e.to_us FROM evidence_ranges e WHERE"
       EVIDENCE_IN_FORCE ("e") " ORDER BY e.camera_id, e.from_us",
    READING, error);
  if (st == NULL)
    return FALSE;
  bind_kept_from (st, kept_from_us);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    func (sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1), sqlite3_column_int64 (st, 2),
          data);
  return rc == SQLITE_DONE || cg_db_fail (h, READING, error);
}

gboolean
cg_db_span_is_evidence (sqlite3 *h, gint64 camera_id, gint64 start_us, gint64 end_us,
                        gint64 kept_from_us, gboolean *evidence, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" IN_EVIDENCE ("x")
       " FROM (SELECT :camera AS camera_id, :start AS start_us, :end AS end_us) x",
    READING, error);
  *evidence = TRUE; /* what cannot be read stays protected */
  if (st == NULL)
    return FALSE;
  /* Named: :kept_from comes first in the text, and would take ?1. */
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":camera"), camera_id);
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":start"), start_us);
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":end"), end_us);
  bind_kept_from (st, kept_from_us);
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  *evidence = sqlite3_column_int (st, 0) != 0;
  return TRUE;
}

/* ---- reading ------------------------------------------------------------ */

GArray *
cg_db_segments_page (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 to_us, gint64 now_us,
                     gint64 after_start_us, gint64 after_id, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS " FROM segments WHERE camera_id = ?1 AND state != 'lost'"
       " AND start_us < ?3 AND coalesce(end_us, ?4) > ?2"
       " AND (start_us > ?5 OR (start_us = ?5 AND id > ?6))"
       " ORDER BY start_us, id LIMIT ?7",
    READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  sqlite3_bind_int64 (st, 4, now_us);
  sqlite3_bind_int64 (st, 5, after_start_us);
  sqlite3_bind_int64 (st, 6, after_id);
  sqlite3_bind_int64 (st, 7, limit > 0 ? (gint64) limit : -1);
  GArray *rows = read_all (st, error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CgDbSegment *s = &g_array_index (rows, CgDbSegment, i);
      if (s->state == CG_DB_SEGMENT_OPEN)
        s->end_us = MAX (now_us, s->end_us);
    }
  return rows;
}

GArray *
cg_db_segments_near (sqlite3 *h, gint64 camera_id, gint64 at_us, gboolean before, guint limit,
                     GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, before ? "SELECT" COLUMNS " FROM segments WHERE camera_id = ?1 AND state = 'complete'"
                " AND damaged = 0 AND end_us <= ?2 ORDER BY start_us DESC, id DESC LIMIT ?3"
              : "SELECT" COLUMNS " FROM segments WHERE camera_id = ?1 AND state = 'complete'"
                " AND damaged = 0 AND start_us >= ?2 ORDER BY start_us, id LIMIT ?3",
    READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, at_us);
  sqlite3_bind_int64 (st, 3, limit);
  return read_all (st, error);
}

gboolean
cg_db_segment_keyframe_index (sqlite3 *h, gint64 id, GBytes **index, GError **error)
{
  *index = NULL;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT keyframe_index FROM segments WHERE id = ?", READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW && sqlite3_column_type (st, 0) == SQLITE_BLOB)
    *index = g_bytes_new (sqlite3_column_blob (st, 0), sqlite3_column_bytes (st, 0));
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (h, READING, error);
}

gboolean
cg_db_segment_get (sqlite3 *h, gint64 id, CgDbSegment *segment, char **camera_name,
                   gboolean *found, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS ", cameras.name FROM segments JOIN cameras ON cameras.id = segments.camera_id"
       " WHERE segments.id = ? AND segments.state != 'lost'",
    READING, error);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  if (!read_one (st, segment, found, error))
    return FALSE;
  if (*found && camera_name != NULL)
    *camera_name = column_text (st, N_COLUMNS);
  return TRUE;
}

gboolean
cg_db_segment_find_path (sqlite3 *h, const char *path, CgDbSegment *segment, gboolean *found,
                         GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT" COLUMNS " FROM segments WHERE path = ?",
                                               READING, error);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, path, -1, SQLITE_STATIC);
  return read_one (st, segment, found, error);
}

gboolean
cg_db_segments_covered_us (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 now_us,
                           gint64 *covered_us, GError **error)
{
  /* An open segment reaches to now; its stored end lags. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT coalesce(sum(min(CASE WHEN state = 'open' THEN ?3 ELSE end_us END, ?3)"
       " - max(start_us, ?2)), 0)"
       " FROM segments WHERE camera_id = ?1 AND state != 'lost'"
       " AND start_us < ?3 AND (state = 'open' OR end_us > ?2)",
    READING, error);
  *covered_us = 0;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, now_us);
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  *covered_us = sqlite3_column_int64 (st, 0);
  return TRUE;
}

gboolean
cg_db_segments_total_bytes (sqlite3 *h, gint64 *bytes, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT coalesce(sum(bytes), 0) FROM segments WHERE state != 'lost'", READING, error);
  *bytes = 0;
  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  *bytes = sqlite3_column_int64 (st, 0);
  return TRUE;
}

gboolean
cg_db_segments_protected_bytes (sqlite3 *h, gint64 kept_from_us, gint64 *bytes, GArray *per_camera,
                                GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT camera_id, coalesce(sum(bytes), 0) FROM segments WHERE state != 'lost'"
       " AND (damaged = 1 OR" IN_EVIDENCE ("segments") ") GROUP BY camera_id ORDER BY camera_id",
    READING, error);
  *bytes = 0;
  if (st == NULL)
    return FALSE;
  bind_kept_from (st, kept_from_us);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbProtected p = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1) };
      *bytes += p.bytes;
      if (per_camera != NULL)
        g_array_append_val (per_camera, p);
    }
  return rc == SQLITE_DONE || cg_db_fail (h, READING, error);
}

gboolean
cg_db_segments_foreach_complete (sqlite3 *h, CgDbSegmentFunc func, gpointer data, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT id, camera_id, start_us, coalesce(end_us, start_us), bytes, thinned, damaged"
       " FROM segments WHERE state = 'complete'",
    READING, error);
  if (st == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbSegment s = {
        .id = sqlite3_column_int64 (st, 0),
        .camera_id = sqlite3_column_int64 (st, 1),
        .state = CG_DB_SEGMENT_COMPLETE,
        .start_us = sqlite3_column_int64 (st, 2),
        .end_us = sqlite3_column_int64 (st, 3),
        .bytes = sqlite3_column_int64 (st, 4),
        .thinned = sqlite3_column_int (st, 5) != 0,
        .damaged = sqlite3_column_int (st, 6) != 0,
      };
      func (&s, data);
    }
  return rc == SQLITE_DONE || cg_db_fail (h, READING, error);
}

GArray *
cg_db_segments_not_lost (sqlite3 *h, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS " FROM segments WHERE state != 'lost'", READING, error);
  return st != NULL ? read_all (st, error) : NULL;
}

/* ---- a picture at a time ------------------------------------------------ */

gboolean
cg_db_segment_at (sqlite3 *h, gint64 camera_id, gint64 at_us, gint64 now_us, gint64 slack_us,
                  CgDbSegment *segment, gboolean *found, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS ", keyframe_index FROM segments"
       " WHERE camera_id = ?1 AND state != 'lost' AND start_us <= ?2"
       " AND (state = 'open' OR coalesce(end_us, start_us) + ?4 > ?2)"
       " ORDER BY start_us DESC, id DESC LIMIT 1",
    READING, error);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, at_us);
  sqlite3_bind_int64 (st, 4, slack_us);
  if (!read_one (st, segment, found, error))
    return FALSE;
  if (!*found)
    return TRUE;
  if (sqlite3_column_type (st, N_COLUMNS) == SQLITE_BLOB)
    segment->keyframe_index = g_bytes_new (sqlite3_column_blob (st, N_COLUMNS),
                                           sqlite3_column_bytes (st, N_COLUMNS));
  if (segment->state == CG_DB_SEGMENT_OPEN)
    segment->end_us = MAX (now_us, segment->end_us);
  return TRUE;
}

/* How far the run of segments that rows (start, end; newest first when
 * backwards) begins with reaches: no gap of gap_us or more inside. */
static gboolean
run_of (sqlite3_stmt *st, gboolean backwards, gint64 gap_us, gint64 now_us, gint64 span[2],
        GError **error)
{
  int rc;
  span[0] = span[1] = 0;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 start = sqlite3_column_int64 (st, 0);
      gint64 end = sqlite3_column_int (st, 2) ? now_us : MAX (sqlite3_column_int64 (st, 1), start);
      if (span[1] == 0)
        span[0] = start, span[1] = end;
      else if (backwards && end + gap_us > span[0])
        span[0] = MIN (span[0], start);
      else if (!backwards && start - span[1] < gap_us)
        span[1] = MAX (span[1], end);
      else
        break;
    }
  return rc == SQLITE_ROW || rc == SQLITE_DONE || cg_db_fail (sqlite3_db_handle (st), READING, error);
}

gboolean
cg_db_segments_nearest (sqlite3 *h, gint64 camera_id, gint64 at_us, gint64 now_us, gint64 gap_us,
                        gint64 before[2], gint64 after[2], GError **error)
{
  /* A run is followed over a day or so of segments at most. */
  static const char *const sql[2] = {
    "SELECT start_us, coalesce(end_us, start_us), state = 'open' FROM segments"
    " WHERE camera_id = ?1 AND state != 'lost' AND start_us <= ?2"
    " ORDER BY start_us DESC, id DESC LIMIT 2000",
    "SELECT start_us, coalesce(end_us, start_us), state = 'open' FROM segments"
    " WHERE camera_id = ?1 AND state != 'lost' AND start_us > ?2"
    " ORDER BY start_us, id LIMIT 2000",
  };
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql[i], READING, error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, camera_id);
      sqlite3_bind_int64 (st, 2, at_us);
      if (!run_of (st, i == 0, gap_us, now_us, i == 0 ? before : after, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- storage policy --------------------------------------------------- */

gboolean
cg_db_segment_get_thinnable (sqlite3 *h, gint64 id, gint64 kept_from_us, CgDbSegment *segment,
                             gboolean *found, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS ", keyframe_index FROM segments"
       " WHERE id = ? AND state = 'complete' AND thinned = 0 AND" REMOVABLE,
    READING, error);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  bind_kept_from (st, kept_from_us);
  if (!read_one (st, segment, found, error))
    return FALSE;
  if (*found)
    segment->keyframe_index = g_bytes_new (sqlite3_column_blob (st, N_COLUMNS),
                                           sqlite3_column_bytes (st, N_COLUMNS));
  return TRUE;
}

gboolean
cg_db_segment_get_removable (sqlite3 *h, gint64 id, gint64 kept_from_us, CgDbSegment *segment,
                             gboolean *found, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" COLUMNS " FROM segments WHERE id = ? AND state = 'complete' AND" REMOVABLE,
    READING, error);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  bind_kept_from (st, kept_from_us);
  return read_one (st, segment, found, error);
}

gboolean
cg_db_segment_delete_unprotected (sqlite3 *h, gint64 id, gint64 kept_from_us, CgDbSegment *deleted,
                                  GError **error)
{
  *deleted = (CgDbSegment) { 0 };
  gboolean found = FALSE;
  g_auto (CgDbSegment) row = { 0 };
  if (!cg_db_segment_get_removable (h, id, kept_from_us, &row, &found, error))
    return FALSE;
  if (!found)
    return TRUE;
  /* The same conditions again in the statement that deletes. */
  g_autoptr (sqlite3_stmt) del = cg_db_prepare (
    h, "DELETE FROM segments WHERE id = ? AND state = 'complete' AND" REMOVABLE,
    DELETING, error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  bind_kept_from (del, kept_from_us);
  if (!cg_db_step_done (del, DELETING, error))
    return FALSE;
  if (sqlite3_changes (h) == 1)
    {
      *deleted = row;
      row = (CgDbSegment) { 0 };
    }
  return TRUE;
}

gboolean
cg_db_segment_set_contents (sqlite3 *h, gint64 id, const CgDbSegment *c,
                            CgDbSegmentCondition condition, gint64 kept_from_us, gboolean *changed,
                            GError **error)
{
  static const char *const conditions[] = {
    [CG_DB_SEGMENT_ANY] = "",
    [CG_DB_SEGMENT_UNTHINNED] = " AND thinned = 0",
    [CG_DB_SEGMENT_THINNABLE] = " AND thinned = 0 AND state = 'complete' AND" REMOVABLE,
  };
  g_autofree char *sql = g_strconcat (
    "UPDATE segments SET bytes = ?, frames = ?, keyframes = ?, has_audio = ?, keyframe_index = ?,"
    " thinned = ?, original_bytes = ?, sha256 = ? WHERE id = ?", conditions[condition], NULL);
  *changed = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, UPDATING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, c->bytes);
  sqlite3_bind_int64 (st, 2, c->frames);
  sqlite3_bind_int64 (st, 3, c->keyframes);
  sqlite3_bind_int (st, 4, c->has_audio != 0);
  bind_bytes (st, 5, c->keyframe_index);
  sqlite3_bind_int (st, 6, c->thinned != 0);
  if (c->original_bytes > 0)
    sqlite3_bind_int64 (st, 7, c->original_bytes);
  else
    sqlite3_bind_null (st, 7);
  sqlite3_bind_text (st, 8, c->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 9, id);
  bind_kept_from (st, kept_from_us);
  if (!cg_db_step_done (st, UPDATING, error))
    return FALSE;
  *changed = sqlite3_changes (h) == 1;
  return TRUE;
}

/* ---- start-up repair -------------------------------------------------- */

static gboolean
run_with_id (sqlite3 *h, const char *sql, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, UPDATING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  return cg_db_step_done (st, UPDATING, error);
}

gboolean
cg_db_segment_mark_lost (sqlite3 *h, gint64 id, GError **error)
{
  return run_with_id (h, "UPDATE segments SET state = 'lost' WHERE id = ?", id, error);
}

gboolean
cg_db_segment_delete (sqlite3 *h, gint64 id, GError **error)
{
  return run_with_id (h, "DELETE FROM segments WHERE id = ?", id, error);
}

gboolean
cg_db_segment_mark_damaged (sqlite3 *h, gint64 id, gint64 bytes, GError **error)
{
  /* No longer written: complete, its end as far as the writer had said. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE segments SET state = 'complete', damaged = 1, bytes = ?2,"
       " end_us = max(coalesce(end_us, start_us), start_us) WHERE id = ?1",
    UPDATING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_int64 (st, 2, bytes);
  return cg_db_step_done (st, UPDATING, error);
}

gboolean
cg_db_segment_release_damaged (sqlite3 *h, gint64 id, gboolean *changed, GError **error)
{
  *changed = FALSE;
  if (!run_with_id (h, "UPDATE segments SET damaged = 0 WHERE id = ? AND damaged = 1", id, error))
    return FALSE;
  *changed = sqlite3_changes (h) == 1;
  return TRUE;
}

gboolean
cg_db_segments_damaged (sqlite3 *h, gint64 *count, gint64 *bytes, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT count(*), coalesce(sum(bytes), 0) FROM segments"
       " WHERE damaged = 1 AND state != 'lost'",
    READING, error);
  *count = *bytes = 0;
  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  *count = sqlite3_column_int64 (st, 0);
  *bytes = sqlite3_column_int64 (st, 1);
  return TRUE;
}

gboolean
cg_db_segment_complete (sqlite3 *h, const CgDbSegment *s, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE segments SET state = 'complete', end_us = ?, bytes = ?, frames = ?,"
       " keyframes = ?, keyframe_index = ?, sha256 = ? WHERE id = ?",
    UPDATING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, s->end_us);
  sqlite3_bind_int64 (st, 2, s->bytes);
  sqlite3_bind_int64 (st, 3, s->frames);
  sqlite3_bind_int64 (st, 4, s->keyframes);
  bind_bytes (st, 5, s->keyframe_index);
  sqlite3_bind_text (st, 6, s->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 7, s->id);
  return cg_db_step_done (st, UPDATING, error);
}

gboolean
cg_db_segment_insert (sqlite3 *h, CgDbSegment *s, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes, frames,"
       " keyframes, video_codec, width, height, has_audio, keyframe_index, sha256, damaged)"
       " VALUES (?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    UPDATING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, s->camera_id);
  sqlite3_bind_text (st, 2, s->path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, s->start_us);
  sqlite3_bind_int64 (st, 4, s->end_us);
  sqlite3_bind_int64 (st, 5, s->bytes);
  sqlite3_bind_int64 (st, 6, s->frames);
  sqlite3_bind_int64 (st, 7, s->keyframes);
  sqlite3_bind_text (st, 8, s->codec, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 9, s->width);
  sqlite3_bind_int (st, 10, s->height);
  sqlite3_bind_int (st, 11, s->has_audio != 0);
  bind_bytes (st, 12, s->keyframe_index);
  sqlite3_bind_text (st, 13, s->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 14, s->damaged != 0);
  if (!cg_db_step_done (st, UPDATING, error))
    return FALSE;
  s->id = sqlite3_last_insert_rowid (h);
  return TRUE;
}
