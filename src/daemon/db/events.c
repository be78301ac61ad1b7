/* db/events.c — each event kind's SQL beside the binding of its struct. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/events.h"

#include "common/timeutil.h"
#include "daemon/db/db.h"

typedef struct {
  const char *name;
  const char *sql;
  void (*bind) (sqlite3_stmt *st, const CgDbEvent *event);
} Kind;

/* Binds a positive value, NULL otherwise ("unknown"). */
static void
bind_positive (sqlite3_stmt *st, int index, gint64 value)
{
  if (value > 0)
    sqlite3_bind_int64 (st, index, value);
  else
    sqlite3_bind_null (st, index);
}

/* ---- segment opened --------------------------------------------------- */

/* Capture never creates a file where one exists, so a row already at
 * this path describes a file that is gone (lost, or removed by hand):
 * the new file takes the row over rather than be refused, which would
 * leave it with no row, and the start-up repair would not index it
 * either (its path is known). */
static const char segment_opened_sql[] =
  "INSERT INTO segments (camera_id, path, start_us, video_codec, width, height, has_audio)"
  " VALUES (?, ?, ?, ?, ?, ?, ?)"
  " ON CONFLICT (path) DO UPDATE SET camera_id = excluded.camera_id, state = 'open',"
  " start_us = excluded.start_us, end_us = NULL, bytes = 0, frames = 0, keyframes = 0,"
  " video_codec = excluded.video_codec, width = excluded.width, height = excluded.height,"
  " has_audio = excluded.has_audio, keyframe_index = NULL, thinned = 0, original_bytes = NULL,"
  " damaged = 0, sha256 = NULL";

static void
bind_segment_opened (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbSegmentOpened *e = &event->segment_opened;
  sqlite3_bind_int64 (st, 1, e->camera_id);
  sqlite3_bind_text (st, 2, e->path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, e->start_us);
  sqlite3_bind_text (st, 4, e->codec, -1, SQLITE_STATIC);
  bind_positive (st, 5, e->width);
  bind_positive (st, 6, e->height);
  sqlite3_bind_int (st, 7, e->has_audio != 0);
}

/* ---- segment progress ------------------------------------------------- */

/* Only while open: a late progress must not undo the close. */
static const char segment_progress_sql[] =
  "UPDATE segments SET end_us = max(?1, start_us), bytes = ?2, frames = ?3, keyframes = ?4"
  " WHERE path = ?5 AND state = 'open'";

static void
bind_segment_progress (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbSegmentProgress *e = &event->segment_progress;
  sqlite3_bind_int64 (st, 1, e->end_us);
  sqlite3_bind_int64 (st, 2, e->bytes);
  sqlite3_bind_int64 (st, 3, e->frames);
  sqlite3_bind_int64 (st, 4, e->keyframes);
  sqlite3_bind_text (st, 5, e->path, -1, SQLITE_STATIC);
}

/* ---- segment closed --------------------------------------------------- */

static const char segment_closed_sql[] =
  "UPDATE segments SET state = 'complete', start_us = ?7, end_us = max(?1, ?7), bytes = ?2,"
  " frames = ?3, keyframes = ?4, keyframe_index = ?5, sha256 = ?8 WHERE path = ?6";

static void
bind_segment_closed (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbSegmentClosed *e = &event->segment_closed;
  sqlite3_bind_int64 (st, 1, e->end_us);
  sqlite3_bind_int64 (st, 2, e->bytes);
  sqlite3_bind_int64 (st, 3, e->frames);
  sqlite3_bind_int64 (st, 4, e->keyframes);
  if (e->keyframe_index != NULL)
    {
      gsize n = 0;
      const void *p = g_bytes_get_data (e->keyframe_index, &n);
      sqlite3_bind_blob (st, 5, p, (int) n, SQLITE_STATIC);
    }
  sqlite3_bind_text (st, 6, e->path, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 7, e->start_us);
  sqlite3_bind_text (st, 8, e->sha256, -1, SQLITE_STATIC);
}

/* ---- outage started --------------------------------------------------- */

static const char outage_started_sql[] =
  "INSERT INTO outages (camera_id, start_us, reason) VALUES (?, ?, ?)";

static void
bind_outage_started (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbOutageStarted *e = &event->outage_started;
  sqlite3_bind_int64 (st, 1, e->camera_id);
  sqlite3_bind_int64 (st, 2, e->start_us);
  sqlite3_bind_text (st, 3, e->reason, -1, SQLITE_STATIC);
}

/* ---- outage ended ----------------------------------------------------- */

static const char outage_ended_sql[] =
  "UPDATE outages SET end_us = max(?1, start_us) WHERE camera_id = ?2 AND end_us IS NULL";

static void
bind_outage_ended (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbOutageEnded *e = &event->outage_ended;
  sqlite3_bind_int64 (st, 1, e->end_us);
  sqlite3_bind_int64 (st, 2, e->camera_id);
}

/* ---- link minute ------------------------------------------------------ */

/* A camera that reconnects within a minute posts that minute twice. */
static const char link_minute_sql[] =
  "INSERT INTO link_stats (camera_id, minute_us, bytes, frames, keyframes,"
  " keyframe_interval_ms, gaps, reconnects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
  " ON CONFLICT (camera_id, minute_us) DO UPDATE SET bytes = bytes + excluded.bytes,"
  " frames = frames + excluded.frames, keyframes = keyframes + excluded.keyframes,"
  " keyframe_interval_ms = coalesce(excluded.keyframe_interval_ms, keyframe_interval_ms),"
  " gaps = gaps + excluded.gaps, reconnects = reconnects + excluded.reconnects";

static void
bind_link_minute (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbLinkMinute *e = &event->link_minute;
  sqlite3_bind_int64 (st, 1, e->camera_id);
  sqlite3_bind_int64 (st, 2, e->minute_us);
  sqlite3_bind_int64 (st, 3, e->bytes);
  sqlite3_bind_int64 (st, 4, e->frames);
  sqlite3_bind_int64 (st, 5, e->keyframes);
  bind_positive (st, 6, e->keyframe_interval_ms);
  sqlite3_bind_int64 (st, 7, e->gaps);
  sqlite3_bind_int64 (st, 8, e->reconnects);
}

/* ---- camera status ---------------------------------------------------- */

static const char camera_status_sql[] =
  "INSERT OR REPLACE INTO camera_status (camera_id, state, reason, since_us, last_frame_us,"
  " bitrate_bps, fps, keyframe_interval_ms, reconnects, updated_us)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static void
bind_camera_status (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbCameraStatus *e = &event->camera_status;
  sqlite3_bind_int64 (st, 1, e->camera_id);
  sqlite3_bind_text (st, 2, e->state, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, e->reason != NULL ? e->reason : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 4, e->since_us);
  bind_positive (st, 5, e->last_frame_us);
  sqlite3_bind_int64 (st, 6, e->bitrate_bps);
  sqlite3_bind_double (st, 7, e->fps);
  bind_positive (st, 8, e->keyframe_interval_ms);
  sqlite3_bind_int64 (st, 9, e->reconnects);
  /* When the daemon last said so: a status not updated for long is stale. */
  sqlite3_bind_int64 (st, 10, cg_time_now_us ());
}

/* ---- motion started --------------------------------------------------- */

static const char motion_started_sql[] =
  "INSERT INTO motion_events (camera_id, start_us, peak) VALUES (?, ?, ?)";

static void
bind_motion_started (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbMotionStarted *e = &event->motion_started;
  sqlite3_bind_int64 (st, 1, e->camera_id);
  sqlite3_bind_int64 (st, 2, e->start_us);
  sqlite3_bind_double (st, 3, e->peak);
}

/* ---- motion ended ----------------------------------------------------- */

static const char motion_ended_sql[] =
  "UPDATE motion_events SET end_us = max(?1, start_us), peak = max(peak, ?2)"
  " WHERE end_us IS NULL AND (?3 = 0 OR camera_id = ?3)";

static void
bind_motion_ended (sqlite3_stmt *st, const CgDbEvent *event)
{
  const CgDbMotionEnded *e = &event->motion_ended;
  sqlite3_bind_int64 (st, 1, e->end_us);
  sqlite3_bind_double (st, 2, e->peak);
  sqlite3_bind_int64 (st, 3, e->camera_id);
}

/* ---- the table -------------------------------------------------------- */

static const Kind kinds[CG_DB_N_EVENTS] = {
  [CG_DB_EVENT_SEGMENT_OPENED] = { "segment opened", segment_opened_sql, bind_segment_opened },
  [CG_DB_EVENT_SEGMENT_PROGRESS] = { "segment progress", segment_progress_sql,
                                     bind_segment_progress },
  [CG_DB_EVENT_SEGMENT_CLOSED] = { "segment closed", segment_closed_sql, bind_segment_closed },
  [CG_DB_EVENT_OUTAGE_STARTED] = { "outage started", outage_started_sql, bind_outage_started },
  [CG_DB_EVENT_OUTAGE_ENDED] = { "outage ended", outage_ended_sql, bind_outage_ended },
  [CG_DB_EVENT_LINK_MINUTE] = { "link minute", link_minute_sql, bind_link_minute },
  [CG_DB_EVENT_CAMERA_STATUS] = { "camera status", camera_status_sql, bind_camera_status },
  [CG_DB_EVENT_MOTION_STARTED] = { "motion started", motion_started_sql, bind_motion_started },
  [CG_DB_EVENT_MOTION_ENDED] = { "motion ended", motion_ended_sql, bind_motion_ended },
};

const char *
cg_db_event_name (CgDbEventKind kind)
{
  g_return_val_if_fail (kind < CG_DB_N_EVENTS, "?");
  return kinds[kind].name;
}

gboolean
cg_db_event_write (sqlite3 *handle, const CgDbEvent *event, GError **error)
{
  g_return_val_if_fail (event->kind < CG_DB_N_EVENTS, FALSE);
  const Kind *k = &kinds[event->kind];
  g_autofree char *what = g_strdup_printf ("writing a %s event", k->name);
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (handle, k->sql, what, error);
  if (st == NULL)
    return FALSE;
  k->bind (st, event);
  return cg_db_step_done (st, what, error);
}

CgDbEvent *
cg_db_event_copy (const CgDbEvent *event)
{
  CgDbEvent *copy = g_new (CgDbEvent, 1);
  *copy = *event;
  switch (event->kind)
    {
    case CG_DB_EVENT_SEGMENT_OPENED:
      copy->segment_opened.path = g_strdup (event->segment_opened.path);
      copy->segment_opened.codec = g_strdup (event->segment_opened.codec);
      break;
    case CG_DB_EVENT_SEGMENT_PROGRESS:
      copy->segment_progress.path = g_strdup (event->segment_progress.path);
      break;
    case CG_DB_EVENT_SEGMENT_CLOSED:
      copy->segment_closed.path = g_strdup (event->segment_closed.path);
      copy->segment_closed.sha256 = g_strdup (event->segment_closed.sha256);
      if (event->segment_closed.keyframe_index != NULL)
        g_bytes_ref (event->segment_closed.keyframe_index);
      break;
    case CG_DB_EVENT_OUTAGE_STARTED:
      copy->outage_started.reason = g_strdup (event->outage_started.reason);
      break;
    case CG_DB_EVENT_CAMERA_STATUS:
      copy->camera_status.state = g_strdup (event->camera_status.state);
      copy->camera_status.reason = g_strdup (event->camera_status.reason);
      break;
    case CG_DB_EVENT_OUTAGE_ENDED:
    case CG_DB_EVENT_LINK_MINUTE:
    case CG_DB_EVENT_MOTION_STARTED:
    case CG_DB_EVENT_MOTION_ENDED:
      break;
    case CG_DB_N_EVENTS:
    default:
      g_assert_not_reached ();
    }
  return copy;
}

/* The strings of a copy are its own; the struct says const for posters. */
#define FREE_STRING(s) g_free ((char *) (s))

void
cg_db_event_free (CgDbEvent *event)
{
  if (event == NULL)
    return;
  switch (event->kind)
    {
    case CG_DB_EVENT_SEGMENT_OPENED:
      FREE_STRING (event->segment_opened.path);
      FREE_STRING (event->segment_opened.codec);
      break;
    case CG_DB_EVENT_SEGMENT_PROGRESS:
      FREE_STRING (event->segment_progress.path);
      break;
    case CG_DB_EVENT_SEGMENT_CLOSED:
      FREE_STRING (event->segment_closed.path);
      FREE_STRING (event->segment_closed.sha256);
      if (event->segment_closed.keyframe_index != NULL)
        g_bytes_unref (event->segment_closed.keyframe_index);
      break;
    case CG_DB_EVENT_OUTAGE_STARTED:
      FREE_STRING (event->outage_started.reason);
      break;
    case CG_DB_EVENT_CAMERA_STATUS:
      FREE_STRING (event->camera_status.state);
      FREE_STRING (event->camera_status.reason);
      break;
    default:
      break;
    }
  g_free (event);
}
