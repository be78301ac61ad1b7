/* test_incidents.c — the incident log in the database: numbering per
 * year, search without diacritics, the version check, closing and
 * reopening, evidence added and taken off (kept), footage counted, and
 * the audit rows each change writes with old and new values, in the same
 * transaction as the change. */
#include "unit.h"

#include "common/camera.h"
#include "common/error.h"
#include "daemon/audit.h"
#include "daemon/db/cameras.h"
#include "daemon/db/db.h"
#include "daemon/db/incidents.h"

#include <string.h>

#define S G_GINT64_CONSTANT (1000000)
/* 27/11/2026 10:00 UTC and 2027: the year an incident is recorded in. */
#define NOV_2026 (G_GINT64_CONSTANT (1795773600) * S)
#define JAN_2027 (G_GINT64_CONSTANT (1800001200) * S)

typedef struct {
  char *dir;
  CgDb *db;
  sqlite3 *h;
  gboolean refuse_audit; /* the audit function refuses: nothing may be saved */
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  f->h = cg_db_handle (f->db);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  cg_db_close (f->db);
  cg_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* The audit rows go into the real chain (no seal in a test). */
static gboolean
audit (gpointer data, const char *action, const char *object, const char *detail, GError **error)
{
  Fixture *f = data;
  if (f->refuse_audit)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_DB_DISK, "disk full");
      return FALSE;
    }
  return cg_audit_append (f->h, 1, "lan", action, object, detail, error);
}

static CgDbActor
actor (Fixture *f, gint64 now)
{
  return (CgDbActor) { .user = "lan", .now_us = now, .audit = audit, .audit_data = f };
}

static gint64
camera (sqlite3 *h, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup (name);
  c->url = g_strdup ("rtsp://10.0.0.1/x");
  if (!cg_camera_save (h, c, &error))
    fail_msg ("%s", error->message);
  return c->id;
}

/* A camera at x, y on the commune map. */
static gint64
camera_at (sqlite3 *h, const char *name, const char *place, int x, int y)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup (name);
  c->url = g_strdup ("rtsp://10.0.0.1/x");
  c->place = g_strdup (place);
  c->has_map = TRUE;
  c->map_x = x;
  c->map_y = y;
  if (!cg_camera_save (h, c, &error))
    fail_msg ("%s", error->message);
  return c->id;
}

static gint64
count (sqlite3 *h, const char *query)
{
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, query, -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

/* The detail of the last audit row of action. */
static char *
last_detail (sqlite3 *h, const char *action)
{
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, "SELECT detail FROM audit WHERE action = ?"
                                           " ORDER BY id DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
  sqlite3_bind_text (st, 1, action, -1, SQLITE_STATIC);
  char *detail = sqlite3_step (st) == SQLITE_ROW
                   ? g_strdup ((const char *) sqlite3_column_text (st, 0)) : NULL;
  sqlite3_finalize (st);
  return detail;
}

static gint64
create (Fixture *f, gint64 now, const char *place, const char *description, GArray *cameras)
{
  g_auto (CgDbIncident) in = {
    .kind = g_strdup ("trom_cap"), .kind_label = g_strdup ("trộm cắp"),
    .from_us = now - 3600 * S, .to_us = now - 1800 * S,
    .place = g_strdup (place), .description = g_strdup (description),
    .reporter = g_strdup ("Lê Văn B"), .officer = g_strdup ("lan"),
  };
  CgDbActor a = actor (f, now);
  g_autoptr (GError) error = NULL;
  if (!cg_db_incident_create (f->h, &in, cameras, 300 * S, &a, &error))
    fail_msg ("%s", error->message);
  return in.id;
}

static void
get (Fixture *f, gint64 id, CgDbIncident *in)
{
  gboolean found = FALSE;
  g_autoptr (GError) error = NULL;
  assert_true (cg_db_incident_get (f->h, id, in, &found, &error));
  assert_true (found);
}

static void
test_numbered_per_year (void **state)
{
  Fixture *f = *state;
  gint64 a = create (f, NOV_2026, "Cổng chợ", "Mất xe máy", NULL);
  gint64 b = create (f, NOV_2026 + 60 * S, "Ngã ba", "Đánh nhau", NULL);
  gint64 c = create (f, JAN_2027, "Trường học", "Cháy", NULL);
  g_auto (CgDbIncident) ia = { 0 }, ib = { 0 }, ic = { 0 };
  get (f, a, &ia);
  get (f, b, &ib);
  get (f, c, &ic);
  g_autofree char *ca = cg_db_incident_code (&ia), *cb = cg_db_incident_code (&ib);
  g_autofree char *cc = cg_db_incident_code (&ic);
  assert_string_equal (ca, "1/2026");
  assert_string_equal (cb, "2/2026");
  assert_string_equal (cc, "1/2027");
  assert_string_equal (ia.status, "new");
  assert_int_equal (ia.version, 1);
  assert_int_equal (ia.footage_helped, -1);
  /* Found by its code too. */
  g_auto (CgDbIncident) byc = { 0 };
  gboolean found = FALSE;
  assert_true (cg_db_incident_get_code (f->h, 2, 2026, &byc, &found, NULL));
  assert_true (found);
  assert_int_equal (byc.id, b);
  /* Each with its audit row, the new values in it. */
  assert_int_equal (count (f->h, "SELECT count(*) FROM audit WHERE action = 'incident.create'"), 3);
  g_autofree char *detail = last_detail (f->h, "incident.create");
  assert_non_null (strstr (detail, "code=1/2027"));
  assert_non_null (strstr (detail, "place=\"Trường học\""));
}

static void
test_audit_refused_saves_nothing (void **state)
{
  Fixture *f = *state;
  gint64 cam = camera (f->h, "Chợ");
  f->refuse_audit = TRUE;
  g_auto (CgDbIncident) in = {
    .kind = g_strdup ("khac"), .from_us = NOV_2026, .to_us = NOV_2026,
    .description = g_strdup ("x"), .officer = g_strdup ("lan"),
  };
  g_autoptr (GArray) cams = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (cams, cam);
  CgDbActor a = actor (f, NOV_2026);
  g_autoptr (GError) error = NULL;
  assert_false (cg_db_incident_create (f->h, &in, cams, 0, &a, &error));
  assert_int_equal (count (f->h, "SELECT count(*) FROM incidents"), 0);
  assert_int_equal (count (f->h, "SELECT count(*) FROM evidence_ranges"), 0);
}

static GArray *
search (Fixture *f, const CgDbIncidentQuery *q, gint64 *total, char **next)
{
  g_autoptr (GError) error = NULL;
  GArray *rows = cg_db_incidents_list (f->h, q, total, next, &error);
  if (rows == NULL)
    fail_msg ("%s", error->message);
  return rows;
}

static void
test_search_without_diacritics (void **state)
{
  Fixture *f = *state;
  gint64 cho = create (f, NOV_2026, "Cổng Chợ Hoàng Kim", "Mất xe máy", NULL);
  create (f, NOV_2026 + 60 * S, "Ngã ba", "Đánh nhau 100%", NULL);
  gint64 total = 0;
  g_autofree char *next = NULL;
  CgDbIncidentQuery q = { .search = "cho", .limit = 10 };
  g_autoptr (GArray) rows = search (f, &q, &total, &next);
  assert_int_equal (rows->len, 1);
  assert_int_equal (total, 1);
  assert_int_equal (g_array_index (rows, CgDbIncident, 0).id, cho);
  /* Words anywhere, in any case, with or without marks; the kind's label
   * and the code are searched too. */
  CgDbIncidentQuery q2 = { .search = "XE hoàng", .limit = 10 };
  g_autoptr (GArray) r2 = search (f, &q2, &total, &next);
  assert_int_equal (r2->len, 1);
  CgDbIncidentQuery q3 = { .search = "trom cap", .limit = 10 };
  g_autoptr (GArray) r3 = search (f, &q3, &total, &next);
  assert_int_equal (r3->len, 2);
  CgDbIncidentQuery q4 = { .search = "2/2026", .limit = 10 };
  g_autoptr (GArray) r4 = search (f, &q4, &total, &next);
  assert_int_equal (r4->len, 1);
  /* % and _ are text, not patterns. */
  CgDbIncidentQuery q5 = { .search = "%", .limit = 10 };
  g_autoptr (GArray) r5 = search (f, &q5, &total, &next);
  assert_int_equal (r5->len, 1);
  CgDbIncidentQuery q6 = { .search = "_", .limit = 10 };
  g_autoptr (GArray) r6 = search (f, &q6, &total, &next);
  assert_int_equal (r6->len, 0);
  /* The place alone, folded. */
  CgDbIncidentQuery q7 = { .place = "nga ba", .limit = 10 };
  g_autoptr (GArray) r7 = search (f, &q7, &total, &next);
  assert_int_equal (r7->len, 1);
}

static void
test_pages_newest_first (void **state)
{
  Fixture *f = *state;
  for (int i = 0; i < 5; i++)
    create (f, NOV_2026 + i * 60 * S, "Chợ", "Việc", NULL);
  gint64 total = 0;
  g_autofree char *next = NULL;
  CgDbIncidentQuery q = { .limit = 2 };
  g_autoptr (GArray) p1 = search (f, &q, &total, &next);
  assert_int_equal (total, 5);
  assert_int_equal (p1->len, 2);
  assert_int_equal (g_array_index (p1, CgDbIncident, 0).number, 5);
  assert_int_equal (g_array_index (p1, CgDbIncident, 1).number, 4);
  assert_non_null (next);
  CgDbIncidentQuery q2 = { .limit = 2, .cursor = next };
  g_autofree char *next2 = NULL;
  g_autoptr (GArray) p2 = search (f, &q2, &total, &next2);
  assert_int_equal (g_array_index (p2, CgDbIncident, 0).number, 3);
  CgDbIncidentQuery q3 = { .limit = 2, .cursor = next2 };
  g_autofree char *next3 = NULL;
  g_autoptr (GArray) p3 = search (f, &q3, &total, &next3);
  assert_int_equal (p3->len, 1);
  assert_null (next3);
  /* A cursor that is not one is refused. */
  CgDbIncidentQuery bad = { .limit = 2, .cursor = "x" };
  g_autoptr (GError) error = NULL;
  g_autofree char *n = NULL;
  assert_null (cg_db_incidents_list (f->h, &bad, &total, &n, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
}

/* Incidents that began at the same moment: the pages still hold each
 * once, in id order downwards, across every page boundary; with a
 * filter, the cursor's clause and the filter's together. */
static void
test_pages_same_start (void **state)
{
  Fixture *f = *state;
  for (int i = 0; i < 7; i++)
    create (f, NOV_2026 + (i < 2 ? 0 : i < 6 ? 60 * S : 120 * S), i % 2 ? "Chợ" : "Trạm y tế",
            "Việc", NULL);
  int want[] = { 7, 6, 5, 4, 3, 2, 1 };
  for (int limit = 1; limit <= 3; limit++)
    {
      g_autofree char *cursor = NULL;
      int seen = 0;
      do
        {
          CgDbIncidentQuery q = { .limit = (guint) limit, .cursor = cursor };
          gint64 total = 0;
          g_autofree char *next = NULL;
          g_autoptr (GArray) page = search (f, &q, &total, &next);
          assert_int_equal (total, 7);
          for (guint i = 0; i < page->len; i++)
            assert_int_equal (g_array_index (page, CgDbIncident, i).number, want[seen++]);
          g_free (cursor);
          cursor = g_steal_pointer (&next);
        }
      while (cursor != NULL);
      assert_int_equal (seen, 7);
    }
  /* "cho": numbers 6 and 4 (60 s), then 2 (0 s). */
  int want_cho[] = { 6, 4, 2 };
  g_autofree char *cursor = NULL;
  int seen = 0;
  do
    {
      CgDbIncidentQuery q = { .search = "cho", .limit = 1, .cursor = cursor };
      gint64 total = 0;
      g_autofree char *next = NULL;
      g_autoptr (GArray) page = search (f, &q, &total, &next);
      assert_int_equal (total, 3);
      for (guint i = 0; i < page->len; i++)
        assert_int_equal (g_array_index (page, CgDbIncident, i).number, want_cho[seen++]);
      g_free (cursor);
      cursor = g_steal_pointer (&next);
    }
  while (cursor != NULL);
  assert_int_equal (seen, 3);
}

static void
test_version_conflict (void **state)
{
  Fixture *f = *state;
  gint64 id = create (f, NOV_2026, "Cổng chợ", "Mất xe máy", NULL);
  g_auto (CgDbIncident) change = { .place = g_strdup ("Chợ mới"), .status = g_strdup ("verifying"),
                                   .kind_label = g_strdup ("trộm cắp") };
  CgDbActor a = actor (f, NOV_2026 + S);
  gboolean changed = FALSE;
  g_autoptr (GError) error = NULL;
  assert_true (cg_db_incident_update (f->h, id, 1, &change,
                                      CG_DB_INCIDENT_PLACE | CG_DB_INCIDENT_STATUS, &a, &changed,
                                      &error));
  assert_true (changed);
  g_autofree char *detail = last_detail (f->h, "incident.update");
  assert_non_null (strstr (detail, "version=1->2"));
  assert_non_null (strstr (detail, "place=\"Cổng chợ\"->\"Chợ mới\""));
  assert_non_null (strstr (detail, "status=\"new\"->\"verifying\""));
  assert_null (strstr (detail, "description"));
  /* A second station that read version 1 is refused, and nothing saved. */
  g_auto (CgDbIncident) late = { .place = g_strdup ("Ngã ba"), .kind_label = g_strdup ("x") };
  assert_false (cg_db_incident_update (f->h, id, 1, &late, CG_DB_INCIDENT_PLACE, &a, &changed,
                                       &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_CONFLICT));
  g_auto (CgDbIncident) now = { 0 };
  get (f, id, &now);
  assert_string_equal (now.place, "Chợ mới");
  assert_int_equal (now.version, 2);
  assert_int_equal (count (f->h, "SELECT count(*) FROM audit WHERE action = 'incident.update'"), 1);
  /* The search text follows the change. */
  gint64 total = 0;
  g_autofree char *next = NULL;
  CgDbIncidentQuery q = { .search = "cho moi", .limit = 10 };
  g_autoptr (GArray) rows = search (f, &q, &total, &next);
  assert_int_equal (rows->len, 1);
  /* The same values again: no change, no row, no new version. */
  g_clear_error (&error);
  assert_true (cg_db_incident_update (f->h, id, 2, &change,
                                      CG_DB_INCIDENT_PLACE | CG_DB_INCIDENT_STATUS, &a, &changed,
                                      &error));
  assert_false (changed);
  assert_int_equal (count (f->h, "SELECT version FROM incidents"), 2);
}

static void
test_close_and_reopen (void **state)
{
  Fixture *f = *state;
  gint64 id = create (f, NOV_2026, "Cổng chợ", "Mất xe máy", NULL);
  CgDbActor a = actor (f, NOV_2026 + 10 * S);
  g_autoptr (GError) error = NULL;
  assert_true (cg_db_incident_close (f->h, id, 1, "Đã trả lại xe", TRUE, &a, &error));
  g_auto (CgDbIncident) closed = { 0 };
  get (f, id, &closed);
  assert_string_equal (closed.status, "closed");
  assert_int_equal (closed.closed_us, NOV_2026 + 10 * S);
  assert_int_equal (closed.footage_helped, 1);
  g_autofree char *detail = last_detail (f->h, "incident.close");
  assert_non_null (strstr (detail, "status=\"new\"->\"closed\""));
  assert_non_null (strstr (detail, "outcome=\"\"->\"Đã trả lại xe\""));
  assert_non_null (strstr (detail, "footage_helped=null->true"));
  /* Closed: not edited, not closed again. */
  g_auto (CgDbIncident) change = { .place = g_strdup ("x"), .kind_label = g_strdup ("x") };
  gboolean changed = FALSE;
  assert_false (cg_db_incident_update (f->h, id, 2, &change, CG_DB_INCIDENT_PLACE, &a, &changed,
                                       &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  g_clear_error (&error);
  assert_false (cg_db_incident_close (f->h, id, 2, "again", FALSE, &a, &error));
  g_clear_error (&error);
  /* Reopened, with the reason in its row. */
  assert_true (cg_db_incident_reopen (f->h, id, 2, "Có thêm nhân chứng", &a, &error));
  g_auto (CgDbIncident) open = { 0 };
  get (f, id, &open);
  assert_string_equal (open.status, "verifying");
  assert_int_equal (open.closed_us, 0);
  assert_int_equal (open.version, 3);
  g_autofree char *rd = last_detail (f->h, "incident.reopen");
  assert_non_null (strstr (rd, "status=\"closed\"->\"verifying\""));
  assert_non_null (strstr (rd, "reason=\"Có thêm nhân chứng\""));
  assert_false (cg_db_incident_reopen (f->h, id, 3, "again", &a, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
}

static void
test_evidence (void **state)
{
  Fixture *f = *state;
  gint64 cam = camera (f->h, "Chợ Hoàng Kim");
  gint64 other = camera (f->h, "Ngã ba");
  /* Recorded: 10 minutes before the incident's start to its end, minus
   * a gap of 100 s. */
  gint64 start = (NOV_2026 - 3600 * S) / S;
  g_autofree char *sqltext = g_strdup_printf (
    "INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes) VALUES"
    " (%" G_GINT64_FORMAT ", 'a.ts', 'complete', %" G_GINT64_FORMAT "000000, %" G_GINT64_FORMAT "000000, 1),"
    " (%" G_GINT64_FORMAT ", 'b.ts', 'complete', %" G_GINT64_FORMAT "000000, %" G_GINT64_FORMAT "000000, 1),"
    " (%" G_GINT64_FORMAT ", 'c.ts', 'lost', %" G_GINT64_FORMAT "000000, %" G_GINT64_FORMAT "000000, 1)",
    cam, start - 600, start + 900, cam, start + 1000, start + 1800, cam, start + 900, start + 1000);
  assert_int_equal (sqlite3_exec (f->h, sqltext, NULL, NULL, NULL), SQLITE_OK);
  g_autoptr (GArray) cams = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (cams, cam);
  gint64 id = create (f, NOV_2026, "Cổng chợ", "Mất xe máy", cams);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ev = cg_db_incident_evidence (f->h, id, NOV_2026, &error);
  assert_non_null (ev);
  assert_int_equal (ev->len, 1);
  const CgDbEvidence *e = &g_array_index (ev, CgDbEvidence, 0);
  /* 5 minutes each side of the incident's 30 minutes. */
  assert_int_equal (e->from_us, NOV_2026 - 3600 * S - 300 * S);
  assert_int_equal (e->to_us, NOV_2026 - 1800 * S + 300 * S);
  /* [start-300, start+900) and [start+1000, start+1800): the lost one not. */
  assert_int_equal (e->footage_us, (1200 + 800) * S);
  assert_int_equal (count (f->h, "SELECT count(*) FROM audit WHERE action = 'incident.attach'"), 1);
  /* Another range, on a camera with nothing recorded: allowed, 0 s. */
  CgDbActor a = actor (f, NOV_2026 + S);
  gint64 added = 0;
  assert_true (cg_db_incident_attach (f->h, id, other, NOV_2026 - 100 * S, NOV_2026, &a, &added,
                                      &error));
  g_autofree char *ad = last_detail (f->h, "incident.attach");
  assert_non_null (strstr (ad, "name=\"Ngã ba\""));
  assert_non_null (strstr (ad, "footage_seconds=0"));
  g_auto (CgDbIncident) in = { 0 };
  get (f, id, &in);
  assert_int_equal (in.version, 2);
  /* Taken off: kept, with who, when and why; not twice. */
  assert_true (cg_db_incident_detach (f->h, id, added, "Nhầm camera", &a, &error));
  assert_int_equal (count (f->h, "SELECT count(*) FROM evidence_ranges"), 2);
  assert_int_equal (count (f->h, "SELECT count(*) FROM evidence_ranges WHERE removed_us IS NOT NULL"
                                 " AND removed_by = 'lan' AND removed_reason = 'Nhầm camera'"), 1);
  g_autofree char *dd = last_detail (f->h, "incident.detach");
  assert_non_null (strstr (dd, "reason=\"Nhầm camera\""));
  assert_false (cg_db_incident_detach (f->h, id, added, "again", &a, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  g_clear_error (&error);
  assert_false (cg_db_incident_detach (f->h, id, 999, "x", &a, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  g_clear_error (&error);
  /* Listed by camera: only with evidence still on it. */
  gint64 total = 0;
  g_autofree char *next = NULL;
  CgDbIncidentQuery q = { .camera_id = other, .limit = 10 };
  g_autoptr (GArray) rows = search (f, &q, &total, &next);
  assert_int_equal (rows->len, 0);
  CgDbIncidentQuery q2 = { .camera_id = cam, .limit = 10 };
  g_autoptr (GArray) rows2 = search (f, &q2, &total, &next);
  assert_int_equal (rows2->len, 1);
  /* The trail: create, attach, attach, detach. */
  g_autoptr (GArray) history = cg_db_incident_history (f->h, id, &error);
  assert_int_equal (history->len, 4);
  assert_string_equal (g_array_index (history, CgDbIncidentEvent, 0).action, "incident.create");
  assert_string_equal (g_array_index (history, CgDbIncidentEvent, 3).action, "incident.detach");
}

/* The incident's map position: kept, changed with its audit row, taken
 * off; the nearest cameras with a position, nearest first, removed ones
 * left out. */
static void
test_map_nearest_cameras (void **state)
{
  Fixture *f = *state;
  camera_at (f->h, "cong-cho", "Cổng chợ", 40, 12);
  camera_at (f->h, "truong-hoc", "Trường học", 10, 10);
  camera_at (f->h, "nga-ba", "Ngã ba", 43, 16);      /* 5 from 40,12 */
  camera_at (f->h, "ben-do", "Bến đò", 100, 100);
  camera_at (f->h, "cu", "Cũ", 40, 13);
  camera (f->h, "khong-ban-do");                   /* no position: never listed */
  g_autoptr (GError) error = NULL;
  assert_true (cg_camera_remove (f->h, "cu", &error));

  gint64 id = create (f, NOV_2026, "Cổng chợ", "Mất xe máy", NULL);
  g_auto (CgDbIncident) in = { 0 };
  get (f, id, &in);
  assert_false (in.has_map);
  g_auto (CgDbIncident) change = { .has_map = TRUE, .map_x = 41, .map_y = 12,
                                   .kind_label = g_strdup ("trộm cắp") };
  CgDbActor a = actor (f, NOV_2026 + S);
  gboolean changed = FALSE;
  assert_true (cg_db_incident_update (f->h, id, 1, &change, CG_DB_INCIDENT_MAP, &a, &changed,
                                      &error));
  assert_true (changed);
  g_autofree char *detail = last_detail (f->h, "incident.update");
  assert_non_null (strstr (detail, "map=null->\"41,12\""));
  g_auto (CgDbIncident) now = { 0 };
  get (f, id, &now);
  assert_true (now.has_map);
  g_autofree char *text = cg_db_incident_map_text (&now);
  assert_string_equal (text, "41,12");

  g_autoptr (GArray) near = cg_db_cameras_nearest (f->h, now.map_x, now.map_y, 3, &error);
  assert_non_null (near);
  assert_int_equal (near->len, 3);
  const CgDbNearCamera *c = (const CgDbNearCamera *) (gpointer) near->data;
  assert_string_equal (c[0].name, "cong-cho");
  assert_string_equal (c[0].place, "Cổng chợ");
  assert_true (c[0].distance > 0.99 && c[0].distance < 1.01);
  assert_string_equal (c[1].name, "nga-ba");
  assert_true (c[1].distance > 4.4 && c[1].distance < 4.5);  /* √20 */
  assert_string_equal (c[2].name, "truong-hoc");

  /* Taken off again: both columns empty. */
  g_auto (CgDbIncident) none = { .kind_label = g_strdup ("trộm cắp") };
  assert_true (cg_db_incident_update (f->h, id, 2, &none, CG_DB_INCIDENT_MAP, &a, &changed,
                                      &error));
  assert_true (changed);
  assert_int_equal (count (f->h, "SELECT count(*) FROM incidents WHERE map_x IS NULL"
                                 " AND map_y IS NULL"), 1);
}

/* A position is X,Y with two whole numbers of 0 or more, as a camera's
 * (the API parses it with the same code); the table holds both or
 * neither. */
static void
test_map_refused (void **state)
{
  Fixture *f = *state;
  static const char *const bad[] = { "40", "40,12,3", "-1,5", "a,b", "4.5,2", "", "99999999999,1" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int x = -7, y = -7;
      g_autoptr (GError) error = NULL;
      assert_false (cg_camera_map_parse (bad[i], &x, &y, &error));
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
      assert_int_equal (x, -7);
    }
  int x = 0, y = 0;
  assert_true (cg_camera_map_parse (" 40 , 12 ", &x, &y, NULL));
  assert_int_equal (x, 40);
  assert_int_equal (y, 12);
  gint64 id = create (f, NOV_2026, "Cổng chợ", "Mất xe máy", NULL);
  g_autofree char *half = g_strdup_printf ("UPDATE incidents SET map_x = 3 WHERE id = %"
                                           G_GINT64_FORMAT, id);
  assert_int_not_equal (sqlite3_exec (f->h, half, NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal (count (f->h, "SELECT count(*) FROM incidents WHERE map_x IS NULL"), 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_numbered_per_year, setup, teardown),
    cmocka_unit_test_setup_teardown (test_audit_refused_saves_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_search_without_diacritics, setup, teardown),
    cmocka_unit_test_setup_teardown (test_pages_newest_first, setup, teardown),
    cmocka_unit_test_setup_teardown (test_pages_same_start, setup, teardown),
    cmocka_unit_test_setup_teardown (test_version_conflict, setup, teardown),
    cmocka_unit_test_setup_teardown (test_close_and_reopen, setup, teardown),
    cmocka_unit_test_setup_teardown (test_evidence, setup, teardown),
    cmocka_unit_test_setup_teardown (test_map_nearest_cameras, setup, teardown),
    cmocka_unit_test_setup_teardown (test_map_refused, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
