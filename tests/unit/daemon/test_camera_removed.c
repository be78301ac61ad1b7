/* test_camera_removed.c — which camera a request for recordings means
 * once cameras are removed and their names given to new ones, and the
 * list of removed cameras whose recordings are still there. */
#include "unit.h"

#include "common/error.h"
#include "daemon/db/cameras.h"
#include "daemon/db/db.h"

#include <string.h>

typedef struct {
  char *dir;
  CgDb *db;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
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

static gint64
add (sqlite3 *h, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup (name);
  c->url = g_strdup ("rtsp://10.0.0.1/x");
  if (!cg_camera_save (h, c, &error))
    fail_msg ("%s", error->message);
  return c->id;
}

static void
sql (sqlite3 *h, const char *text)
{
  char *err = NULL;
  if (sqlite3_exec (h, text, NULL, NULL, &err) != SQLITE_OK)
    fail_msg ("%s: %s", text, err);
}

/* A complete segment of the camera, [start_s, end_s) in seconds. */
static void
segment (sqlite3 *h, gint64 camera, int start_s, int end_s, const char *state)
{
  g_autofree char *text = g_strdup_printf (
    "INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes)"
    " VALUES (%" G_GINT64_FORMAT ", 'recordings/%" G_GINT64_FORMAT "/%d.ts', '%s',"
    " %d000000, %d000000, 1000)", camera, camera, start_s, state, start_s, end_s);
  sql (h, text);
}

static void
remove_camera (sqlite3 *h, const char *name)
{
  g_autoptr (GError) error = NULL;
  if (!cg_camera_remove (h, name, &error))
    fail_msg ("%s", error->message);
}

/* name means camera id (removed or not), or is refused with a message
 * holding hint. */
static void
expect (sqlite3 *h, const char *name, gboolean removed_only, gint64 id, const char *hint)
{
  g_autoptr (GError) error = NULL;
  g_auto (CgCameraRef) ref = { 0 };
  gboolean ok = cg_camera_find_footage (h, name, removed_only, &ref, &error);
  if (id != 0 && !ok)
    fail_msg ("“%s”%s: %s", name, removed_only ? " (removed)" : "", error->message);
  if (id != 0 && ref.id != id)
    fail_msg ("“%s” means camera %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, name,
              ref.id, id);
  if (id == 0 && ok)
    fail_msg ("“%s” found camera %" G_GINT64_FORMAT, name, ref.id);
  if (id == 0)
    {
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
      if (strstr (error->message, hint) == NULL)
        fail_msg ("“%s” missing from: %s", hint, error->message);
    }
}

static void
test_removed_camera_found_by_its_name (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  gint64 old = add (h, "Cổng chợ");
  segment (h, old, 100, 160, "complete");
  gint64 empty = add (h, "Đình làng");
  /* Alive, the name means it, removed or not asked. */
  expect (h, "Cổng chợ", FALSE, old, NULL);
  expect (h, "Cổng chợ", TRUE, 0, "no removed camera called “Cổng chợ”");

  remove_camera (h, "Cổng chợ");
  remove_camera (h, "Đình làng");
  /* Removed with recordings: found by the name it had, typed any way. */
  expect (h, "Cổng chợ", FALSE, old, NULL);
  expect (h, "cong cho", FALSE, old, NULL);
  expect (h, "Cổng chợ", TRUE, old, NULL);
  g_auto (CgCameraRef) ref = { 0 };
  assert_true (cg_camera_find_footage (h, "cong cho", FALSE, &ref, NULL));
  assert_string_equal (ref.name, "Cổng chợ");
  assert_true (ref.removed_us > 0);
  /* Removed without recordings: nothing to reach. */
  expect (h, "Đình làng", FALSE, 0, "there is no camera called “Đình làng”");
  expect (h, "Đình làng", TRUE, 0, "no removed camera called “Đình làng” has recordings left");
  /* Recordings whose files are lost do not count. */
  gint64 lost = add (h, "Bến đò");
  segment (h, lost, 100, 160, "lost");
  remove_camera (h, "Bến đò");
  expect (h, "Bến đò", FALSE, 0, "there is no camera called");
  (void) empty;
}

/* A removed camera's name given to a new one: the name means the new
 * one; the removed one is asked for as removed, or by its id. */
static void
test_name_reused (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  gint64 first = add (h, "Cổng chợ");
  segment (h, first, 100, 160, "complete");
  remove_camera (h, "Cổng chợ");
  gint64 second = add (h, "Cổng chợ");
  expect (h, "Cổng chợ", FALSE, second, NULL);
  expect (h, "cong cho", FALSE, second, NULL);
  expect (h, "Cổng chợ", TRUE, first, NULL);

  /* Two removed cameras of that name: never guessed between. */
  segment (h, second, 200, 260, "complete");
  remove_camera (h, "Cổng chợ");
  g_autofree char *ids = g_strdup_printf ("(ids %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                          second, first);
  expect (h, "Cổng chợ", FALSE, 0, ids);
  expect (h, "Cổng chợ", TRUE, 0, ids);
  g_auto (CgCameraRef) ref = { 0 };
  g_autoptr (GError) error = NULL;
  assert_true (cg_camera_get_ref (h, first, &ref, &error));
  assert_string_equal (ref.name, "Cổng chợ");
  assert_true (ref.removed_us > 0);
  cg_camera_ref_clear (&ref);
  assert_false (cg_camera_get_ref (h, 999, &ref, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));

  /* Live cameras that fold alike are the caller's to tell apart: no
   * removed camera answers for them. */
  add (h, "Chợ");
  add (h, "Chó");
  expect (h, "cho", FALSE, 0, "could be any of");
}

static void
test_list_removed (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  gint64 a = add (h, "Cổng chợ");
  segment (h, a, 100, 160, "complete");
  segment (h, a, 160, 220, "complete");
  segment (h, a, 300, 360, "lost");
  gint64 alive = add (h, "Ngã tư");
  segment (h, alive, 100, 160, "complete");
  add (h, "Đình làng");
  remove_camera (h, "Cổng chợ");
  remove_camera (h, "Đình làng");
  /* Removed a moment later: listed first. */
  gint64 b = add (h, "Bến đò");
  segment (h, b, 400, 460, "complete");
  g_usleep (2000);
  remove_camera (h, "Bến đò");

  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = cg_camera_list_removed (h, &error);
  assert_non_null (list);
  assert_int_equal (list->len, 2);
  CgRemovedCamera *first = list->pdata[0], *second = list->pdata[1];
  assert_int_equal (first->id, b);
  assert_int_equal (second->id, a);
  assert_string_equal (second->name, "Cổng chợ");
  assert_int_equal (second->segments, 2);
  assert_int_equal (second->bytes, 2000);
  assert_int_equal (second->first_us, G_GINT64_CONSTANT (100000000));
  assert_int_equal (second->last_us, G_GINT64_CONSTANT (220000000));
  assert_true (second->removed_us > 0 && second->removed_us <= first->removed_us);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_removed_camera_found_by_its_name, setup, teardown),
    cmocka_unit_test_setup_teardown (test_name_reused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_list_removed, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
