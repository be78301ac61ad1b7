/* demo_history.c — `canhgacd --demo-history=DAYS` (see demo_history.h). */
#define G_LOG_DOMAIN "canhgac-demo"
#include "build-config.h"

#include "daemon/demo_history.h"

#include "common/demo_cameras.h"
#include "common/paths.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/audit.h"
#include "daemon/capture/capture.h"
#include "daemon/db/runs.h"
#include "daemon/demo_footage.h"
#include "daemon/demo_story.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY (24 * 60 * MINUTE)
/* Segments: full rate one grid step long, thinned up to three. */
#define THIN_STEPS 3

/* The footage of one kind: its first file, which the others link to. */
typedef struct {
  char *path; /* absolute, NULL until written */
  CgDemoClip clip;
  gint64 segments; /* how many segments share it */
} Kind;

/* One camera being given a past. */
typedef struct {
  gint64 id;
  char *name;
  CgDemoStory story;
  char *source;                 /* a segment it recorded, absolute; NULL: none */
  Kind *kinds;                  /* [0] full rate, [n] n grid steps thinned; shared */
  double bytes_per_second;      /* at full rate */
  double fps;                   /* as it sent its first seconds */
  GRand *rand;
  GArray *outages, *up;         /* CgDemoSpan */
} Camera;

typedef struct {
  sqlite3 *h;
  const char *data_dir;
  gint64 from_us, to_us, full_from_us, week_from_us, now_us;
  gint64 end_us; /* the first seconds recorded: to_us is on the grid before it */
  GPtrArray *unlink_after; /* files of first seconds taken back, removed once committed */
  sqlite3_stmt *segment, *outage, *minute, *motion;
  gint64 segments, links;
} Seed;

static void
camera_clear (gpointer p)
{
  Camera *c = p;
  g_free (c->name);
  g_free (c->source);
  g_clear_pointer (&c->rand, g_rand_free);
  g_clear_pointer (&c->outages, g_array_unref);
  g_clear_pointer (&c->up, g_array_unref);
}

static void
kinds_free (gpointer p)
{
  Kind *kinds = p;
  for (int i = 0; i <= THIN_STEPS; i++)
    {
      g_free (kinds[i].path);
      cg_demo_clip_clear (&kinds[i].clip);
    }
  g_free (kinds);
}

static gboolean
step (sqlite3_stmt *st, const char *what, GError **error)
{
  gboolean ok = cg_db_step_done (st, what, error);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return ok;
}

/* A data directory whose oldest footage is older than this is not the
 * demo's new one. */
#define FRESH_US (G_GINT64_CONSTANT (6) * 3600 * G_USEC_PER_SEC)

/* The oldest footage (0: none) and how many incidents, exports and
 * maintenance entries there are. */
static gboolean
directory_contents (sqlite3 *h, gint64 *oldest, gint64 *records, GError **error)
{
  const char *what = _("reading the data directory");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT (SELECT coalesce(min(start_us), 0) FROM segments),"
       " (SELECT count(*) FROM incidents) + (SELECT count(*) FROM exports)"
       " + (SELECT count(*) FROM maintenance)",
    what, error);
  if (st == NULL)
    return FALSE;
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, what, error);
  *oldest = sqlite3_column_int64 (st, 0);
  *records = sqlite3_column_int64 (st, 1);
  return TRUE;
}

static gboolean
already_seeded (sqlite3 *h, gboolean *seeded, GError **error)
{
  const char *what = _("reading the settings");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT 1 FROM settings WHERE key = 'demo_history'",
                                               what, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return cg_db_fail (h, what, error);
  *seeded = rc == SQLITE_ROW;
  return TRUE;
}

/* The cameras, each with the latest segment it recorded (two keyframes
 * or more preferred), and the first moment any of them recorded. */
static GArray *
read_cameras (Seed *s, GPtrArray *stories, gint64 *first_us, GError **error)
{
  const char *what = _("reading the cameras");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    s->h, "SELECT c.id, c.name, g.path, (SELECT min(start_us) FROM segments f WHERE f.camera_id = c.id),"
          " g.bytes * 1e6 / max(g.end_us - g.start_us, 1), g.frames * 1e6 / max(g.end_us - g.start_us, 1)"
          " FROM cameras c LEFT JOIN segments g ON g.id = (SELECT id FROM segments e"
          "   WHERE e.camera_id = c.id AND e.state = 'complete' AND e.frames > 1"
          "   ORDER BY e.keyframes >= 2 DESC, e.start_us DESC LIMIT 1)"
          " WHERE c.removed_us IS NULL ORDER BY c.id",
    what, error);
  if (st == NULL)
    return NULL;
  g_autoptr (GArray) cameras = g_array_new (FALSE, TRUE, sizeof (Camera));
  g_array_set_clear_func (cameras, camera_clear);
  *first_us = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Camera c = { .id = sqlite3_column_int64 (st, 0), .name = cg_db_text_at (st, 1) };
      const CgDemoCamera *d = cg_demo_cameras_find (stories, c.name);
      c.story = d != NULL ? d->story : CG_DEMO_GOOD;
      if (sqlite3_column_type (st, 2) != SQLITE_NULL)
        {
          c.source = g_build_filename (s->data_dir, sqlite3_column_text (st, 2), NULL);
          c.bytes_per_second = sqlite3_column_double (st, 4);
          c.fps = sqlite3_column_double (st, 5);
        }
      gint64 first = sqlite3_column_int64 (st, 3);
      if (sqlite3_column_type (st, 3) != SQLITE_NULL && (*first_us == 0 || first < *first_us))
        *first_us = first;
      g_array_append_val (cameras, c);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (s->h, what, error);
      return NULL;
    }
  return g_steal_pointer (&cameras);
}

/* The file for a segment of kind k at rel: the kind's first file written
 * there, or a link to it. */
static gboolean
put_file (Seed *s, const Camera *c, int k, const char *rel, GError **error)
{
  g_autofree char *path = g_build_filename (s->data_dir, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot create %s: %s"), dir, g_strerror (err));
      return FALSE;
    }
  Kind *kind = &c->kinds[k];
  if (kind->path == NULL)
    {
      gint64 length = k == 0 ? CG_DEMO_GRID_US : k * CG_DEMO_GRID_US;
      if (!cg_demo_footage_write (c->source, path, length, k > 0, &kind->clip, error))
        return FALSE;
      kind->path = g_strdup (path);
      return TRUE;
    }
  s->links++;
  if (link (kind->path, path) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, _("cannot link %s to %s: %s"), path, kind->path,
                   g_strerror (err));
      return FALSE;
    }
  return TRUE;
}

/* The end of the segment beginning at t within a stretch ending at
 * to_us: grid steps at full rate in the last day, up to THIN_STEPS
 * thinned before, never across the day's boundary. */
static gint64
segment_end (const Seed *s, gint64 t, gint64 to_us)
{
  if (t >= s->full_from_us)
    return MIN (t + CG_DEMO_GRID_US, to_us);
  return MIN (MIN (to_us, s->full_from_us), t + THIN_STEPS * CG_DEMO_GRID_US);
}

/* Its footage: 0 at full rate, else its length in grid steps. */
static int
segment_kind (const Seed *s, gint64 start_us, gint64 end_us)
{
  int k = start_us >= s->full_from_us ? 0 : (int) ((end_us - start_us) / CG_DEMO_GRID_US);
  g_assert (k >= 0 && k <= THIN_STEPS);
  return k;
}

static gboolean
add_segment (Seed *s, const Camera *c, gint64 start_us, gint64 end_us, GError **error)
{
  int k = segment_kind (s, start_us, end_us);
  gboolean full = k == 0;
  g_autofree char *rel = cg_capture_segment_relpath (c->id, start_us);
  if (!put_file (s, c, k, rel, error))
    return FALSE;
  /* Each row counts its share of the file it is linked to: the
   * recordings' total is what the disk holds, and the storage manager
   * plans with the disk as it is. */
  const Kind *kind = &c->kinds[k];
  const CgDemoClip *clip = &kind->clip;
  gint64 share = MAX (clip->bytes / MAX (kind->segments, 1), 1);
  sqlite3_stmt *st = s->segment;
  sqlite3_bind_int64 (st, 1, c->id);
  sqlite3_bind_text (st, 2, rel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, start_us);
  sqlite3_bind_int64 (st, 4, end_us);
  sqlite3_bind_int64 (st, 5, share);
  sqlite3_bind_int64 (st, 6, clip->frames);
  sqlite3_bind_int64 (st, 7, clip->keyframes);
  sqlite3_bind_text (st, 8, clip->codec, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 9, clip->width);
  sqlite3_bind_int (st, 10, clip->height);
  sqlite3_bind_blob (st, 11, g_bytes_get_data (clip->index, NULL),
                     (int) g_bytes_get_size (clip->index), SQLITE_STATIC);
  sqlite3_bind_int (st, 12, !full);
  if (full)
    sqlite3_bind_null (st, 13);
  else
    sqlite3_bind_int64 (st, 13, (gint64) (c->bytes_per_second * (double) (end_us - start_us)
                                          / G_USEC_PER_SEC / (double) MAX (kind->segments, 1)));
  sqlite3_bind_text (st, 14, clip->sha256, -1, SQLITE_STATIC);
  s->segments++;
  return step (st, _("saving a segment"), error);
}

/* Footage over one stretch the camera was up, each minute's link
 * figures and the motion in it. */
static gboolean
fill_up (Seed *s, const Camera *c, GRand *rand, gint64 from_us, gint64 to_us, GError **error)
{
  for (gint64 t = from_us, end; t < to_us; t = end)
    {
      end = segment_end (s, t, to_us);
      if (!add_segment (s, c, t, end, error))
        return FALSE;
    }
  /* Every minute of the last week; before, every fifth, which is
   * enough for the reports' medians and weak days. */
  for (gint64 m = from_us; m < to_us; m += m >= s->week_from_us ? MINUTE : 5 * MINUTE)
    {
      CgDemoMinute f;
      cg_demo_story_minute (c->story, rand, m, c->fps, c->bytes_per_second, &f);
      sqlite3_stmt *st = s->minute;
      sqlite3_bind_int64 (st, 1, c->id);
      sqlite3_bind_int64 (st, 2, m);
      sqlite3_bind_int64 (st, 3, f.bytes);
      sqlite3_bind_int64 (st, 4, f.frames);
      sqlite3_bind_int64 (st, 5, f.keyframes);
      sqlite3_bind_int64 (st, 6, f.gaps);
      sqlite3_bind_int64 (st, 7, f.reconnects);
      if (!step (st, _("saving the link's figures"), error))
        return FALSE;
    }
  g_autoptr (GArray) motion = cg_demo_story_motion (rand, from_us, to_us);
  for (guint i = 0; i < motion->len; i++)
    {
      const CgDemoSpan *e = &g_array_index (motion, CgDemoSpan, i);
      sqlite3_bind_int64 (s->motion, 1, c->id);
      sqlite3_bind_int64 (s->motion, 2, e->from_us);
      sqlite3_bind_int64 (s->motion, 3, e->to_us);
      sqlite3_bind_double (s->motion, 4, 0.1 + 0.5 * g_rand_double (rand));
      if (!step (s->motion, _("saving a motion event"), error))
        return FALSE;
    }
  return TRUE;
}

/* A camera's story, and how many segments each file will be shared by. */
static void
plan_camera (Seed *s, Camera *c, const GArray *downtime)
{
  c->rand = g_rand_new_with_seed ((guint32) (c->id * 7919));
  c->outages = cg_demo_story_outages (c->story, c->rand, s->from_us, s->to_us, downtime);
  c->up = cg_demo_story_up (s->from_us, s->to_us, c->outages, downtime);
  /* Up at the end: its footage goes on to the first seconds recorded, a
   * last segment shorter than the grid, so that playback finds no hole
   * before them. */
  CgDemoSpan *last = c->up->len > 0 ? &g_array_index (c->up, CgDemoSpan, c->up->len - 1) : NULL;
  if (last != NULL && last->to_us == s->to_us)
    last->to_us = s->end_us;
  for (guint i = 0; i < c->up->len; i++)
    {
      const CgDemoSpan *u = &g_array_index (c->up, CgDemoSpan, i);
      for (gint64 t = u->from_us, end; t < u->to_us; t = end)
        {
          end = segment_end (s, t, u->to_us);
          c->kinds[segment_kind (s, t, end)].segments++;
        }
    }
}

/* A camera whose story ends down (dead, its password changed) recorded
 * its first seconds only to give its past a picture of its own: they are
 * taken back, and its last outage lasts until now. */
static gboolean
take_back_first_seconds (Seed *s, const Camera *c, GError **error)
{
  const char *what = _("saving the demo's history");
  g_autoptr (sqlite3_stmt) files = cg_db_prepare (
    s->h, "SELECT path FROM segments WHERE camera_id = ? AND start_us >= ?", what, error);
  if (files == NULL)
    return FALSE;
  sqlite3_bind_int64 (files, 1, c->id);
  sqlite3_bind_int64 (files, 2, s->to_us);
  int rc;
  while ((rc = sqlite3_step (files)) == SQLITE_ROW)
    g_ptr_array_add (s->unlink_after, g_build_filename (s->data_dir, sqlite3_column_text (files, 0), NULL));
  if (rc != SQLITE_DONE)
    return cg_db_fail (s->h, what, error);
  const char *sql[] = {
    "DELETE FROM segments WHERE camera_id = ?1 AND start_us >= ?2",
    "DELETE FROM link_stats WHERE camera_id = ?1 AND minute_us >= ?2",
    "DELETE FROM motion_events WHERE camera_id = ?1 AND start_us >= ?2",
    "DELETE FROM outages WHERE camera_id = ?1 AND start_us >= ?2",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr (sqlite3_stmt) st = cg_db_prepare (s->h, sql[i], what, error);
      if (st == NULL)
        return FALSE;
      sqlite3_bind_int64 (st, 1, c->id);
      sqlite3_bind_int64 (st, 2, s->to_us);
      if (!step (st, what, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
seed_camera (Seed *s, Camera *c, GError **error)
{
  gboolean ends_down = c->story == CG_DEMO_DEAD || c->story == CG_DEMO_PASSWORD;
  if (ends_down && !take_back_first_seconds (s, c, error))
    return FALSE;
  for (guint i = 0; i < c->outages->len; i++)
    {
      const CgDemoSpan *o = &g_array_index (c->outages, CgDemoSpan, i);
      gboolean last = i + 1 == c->outages->len && o->to_us == s->to_us;
      sqlite3_bind_int64 (s->outage, 1, c->id);
      sqlite3_bind_int64 (s->outage, 2, o->from_us);
      sqlite3_bind_int64 (s->outage, 3, ends_down && last ? s->now_us : o->to_us);
      sqlite3_bind_text (s->outage, 4, o->reason, -1, SQLITE_STATIC);
      if (!step (s->outage, _("saving an outage"), error))
        return FALSE;
    }
  for (guint i = 0; i < c->up->len; i++)
    {
      const CgDemoSpan *u = &g_array_index (c->up, CgDemoSpan, i);
      if (!fill_up (s, c, c->rand, u->from_us, u->to_us, error))
        return FALSE;
    }
  return TRUE;
}

/* The recorder ran from the first day until the run that recorded the
 * cameras' first seconds but for its downtime; the cameras existed from
 * before the first day. */
static gboolean
seed_recorder (Seed *s, const GArray *downtime, GError **error)
{
  const char *what = _("saving the recorder's running time");
  gint64 first_run = 0;
  if (!cg_db_runs_first (s->h, &first_run, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    s->h, "INSERT INTO recorder_runs (started_us, alive_us, stopped_us) VALUES (?1, ?2, ?2)", what, error);
  if (st == NULL)
    return FALSE;
  gint64 t = s->from_us;
  for (guint i = 0; i <= downtime->len; i++)
    {
      gint64 end = i < downtime->len ? g_array_index (downtime, CgDemoSpan, i).from_us
                                     : first_run > 0 ? first_run : s->to_us;
      sqlite3_bind_int64 (st, 1, t);
      sqlite3_bind_int64 (st, 2, end);
      if (!step (st, what, error))
        return FALSE;
      if (i < downtime->len)
        t = g_array_index (downtime, CgDemoSpan, i).to_us;
    }
  g_autoptr (sqlite3_stmt) cams = cg_db_prepare (
    s->h, "UPDATE cameras SET created_us = min(created_us, ?1)", _("saving the cameras"), error);
  if (cams == NULL)
    return FALSE;
  sqlite3_bind_int64 (cams, 1, s->from_us - DAY);
  return step (cams, _("saving the cameras"), error);
}

static gboolean
prepare_all (Seed *s, GError **error)
{
  const char *what = _("saving the demo's history");
  s->segment = cg_db_prepare (
    s->h, "INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes, frames, keyframes,"
          " video_codec, width, height, has_audio, keyframe_index, thinned, original_bytes, sha256)"
          " VALUES (?1, ?2, 'complete', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13, ?14)",
    what, error);
  s->outage = s->segment == NULL ? NULL : cg_db_prepare (
    s->h, "INSERT INTO outages (camera_id, start_us, end_us, reason) VALUES (?, ?, ?, ?)", what, error);
  s->minute = s->outage == NULL ? NULL : cg_db_prepare (
    s->h, "INSERT OR REPLACE INTO link_stats (camera_id, minute_us, bytes, frames, keyframes,"
          " keyframe_interval_ms, gaps, reconnects) VALUES (?1, ?2, ?3, ?4, ?5, 2000, ?6, ?7)",
    what, error);
  s->motion = s->minute == NULL ? NULL : cg_db_prepare (
    s->h, "INSERT INTO motion_events (camera_id, start_us, end_us, peak) VALUES (?, ?, ?, ?)", what, error);
  return s->motion != NULL;
}

static void
seed_clear (Seed *s)
{
  g_clear_pointer (&s->segment, sqlite3_finalize);
  g_clear_pointer (&s->outage, sqlite3_finalize);
  g_clear_pointer (&s->minute, sqlite3_finalize);
  g_clear_pointer (&s->motion, sqlite3_finalize);
}

/* Every camera's footage is looped from what it recorded; a camera that
 * recorded nothing (it was already down) borrows the one before it. */
static gboolean
share_sources (GArray *cameras, GPtrArray *kinds, GError **error)
{
  const Camera *lender = NULL;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < cameras->len; i++)
      {
        Camera *c = &g_array_index (cameras, Camera, i);
        if (c->source != NULL && c->kinds == NULL)
          {
            c->kinds = g_new0 (Kind, THIN_STEPS + 1);
            g_ptr_array_add (kinds, c->kinds);
            lender = c;
          }
        else if (c->source == NULL && lender != NULL)
          {
            c->source = g_strdup (lender->source);
            c->kinds = lender->kinds;
            c->bytes_per_second = lender->bytes_per_second;
            c->fps = lender->fps;
          }
      }
  if (lender == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("--demo-history: no camera has recorded yet; the demo's history loops what "
                     "each camera recorded first"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
seed (Seed *s, GArray *cameras, GError **error)
{
  g_autoptr (GArray) downtime = cg_demo_story_downtime (s->from_us, s->to_us);
  if (!prepare_all (s, error) || !seed_recorder (s, downtime, error))
    return FALSE;
  for (guint i = 0; i < cameras->len; i++)
    plan_camera (s, &g_array_index (cameras, Camera, i), downtime);
  for (guint i = 0; i < cameras->len; i++)
    if (!seed_camera (s, &g_array_index (cameras, Camera, i), error))
      return FALSE;
  const char *what = _("saving the demo's history");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    s->h, "INSERT INTO settings (key, value) VALUES ('demo_history', ?)", what, error);
  if (st == NULL)
    return FALSE;
  g_autofree char *when = cg_time_format_iso (cg_time_now_us ());
  sqlite3_bind_text (st, 1, when, -1, SQLITE_STATIC);
  if (!step (st, what, error))
    return FALSE;
  g_autofree char *detail = g_strdup_printf ("days=%d cameras=%u segments=%" G_GINT64_FORMAT,
                                             (int) ((s->to_us - s->from_us) / DAY), cameras->len,
                                             s->segments);
  return cg_audit_append (s->h, cg_time_now_us (), "canhgacd", "demo.history", "demo", detail, error);
}

gboolean
cg_demo_history_seed (CgDb *db, const char *data_dir, int days, GError **error)
{
  g_return_val_if_fail (days > 0 && days <= CG_DEMO_HISTORY_MAX_DAYS, FALSE);
  sqlite3 *h = cg_db_handle (db);
  gboolean seeded = FALSE;
  if (!already_seeded (h, &seeded, error))
    return FALSE;
  if (seeded)
    {
      g_message ("the demo's history was made before: left as it is");
      return TRUE;
    }
  /* Made-up weeks belong in the demo's fresh directory only: never beside
   * the real recordings, incidents or exports of a post. */
  gint64 oldest = 0, records = 0;
  if (!directory_contents (h, &oldest, &records, error))
    return FALSE;
  if (records > 0 || (oldest > 0 && oldest < cg_time_now_us () - FRESH_US))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("--demo-history makes up weeks for the demo's own new data directory: %s "
                     "already holds recordings or records of its own, and is left as it is"),
                   data_dir);
      return FALSE;
    }
  gint64 started = g_get_monotonic_time ();
  g_autofree char *list = cg_shipped_file ("data", "demo-cameras.txt", PKGDATADIR);
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) stories = cg_demo_cameras_load (list, &local);
  if (stories == NULL)
    g_warning ("every camera's history made as a good one's: %s", local->message);

  g_autoptr (GPtrArray) unlink_after = g_ptr_array_new_with_free_func (g_free);
  Seed s = { .h = h, .data_dir = data_dir, .unlink_after = unlink_after };
  gint64 first_us = 0;
  g_autoptr (GArray) cameras = read_cameras (&s, stories, &first_us, error);
  if (cameras == NULL)
    return FALSE;
  g_autoptr (GPtrArray) kinds = g_ptr_array_new_with_free_func (kinds_free);
  if (!share_sources (cameras, kinds, error))
    return FALSE;
  gint64 now = cg_time_now_us ();
  s.now_us = now;
  s.end_us = first_us > 0 ? MIN (first_us, now) : now;
  s.to_us = s.end_us - s.end_us % CG_DEMO_GRID_US;
  s.from_us = s.to_us - days * DAY;
  s.full_from_us = s.to_us - DAY;
  s.week_from_us = s.to_us - 7 * DAY;

  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, _("saving the demo's history"), error);
  if (tx == NULL)
    return FALSE;
  gboolean ok = seed (&s, cameras, error);
  seed_clear (&s);
  if (!ok || !cg_db_commit (tx, error))
    return FALSE;
  for (guint i = 0; i < unlink_after->len; i++)
    if (g_unlink (unlink_after->pdata[i]) != 0)
      g_warning ("%s: %s", (const char *) unlink_after->pdata[i], g_strerror (errno));
  g_autoptr (GError) anchor = NULL;
  if (!cg_audit_anchor (h, &anchor))
    g_warning ("%s", anchor->message);
  /* Hundreds of megabytes went through the journal: back into the
   * database, and the journal emptied, rather than kept twice. */
  if (!cg_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;
  g_message ("the demo's history: %d days of %u cameras, %" G_GINT64_FORMAT " segments (%"
             G_GINT64_FORMAT " linked) in %.1f s",
             days, cameras->len, s.segments, s.links,
             (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  return TRUE;
}
