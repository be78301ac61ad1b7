/* test_db_transaction.c — the transaction guard, prepare and step helpers. */
#include "unit.h"

#include "common/error.h"
#include "daemon/db/db.h"

#include <string.h>

typedef struct {
  char *dir;
  char *path;
  CgDb *db;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  f->path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  g_autoptr (GError) error = NULL;
  f->db = cg_db_open (f->path, CG_DB_READ_WRITE, &error);
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
  g_free (f->path);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static int
count (sqlite3 *h, const char *sql)
{
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  int n = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return n;
}

static void
put_setting (sqlite3 *h, const char *key)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO settings (key, value) VALUES ('%s', 'x')", key);
  assert_int_equal (sqlite3_exec (h, sql, NULL, NULL, NULL), SQLITE_OK);
}

static int
settings (sqlite3 *h, const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM settings WHERE key = '%s'", key);
  return count (h, sql);
}

/* What a caller does: write, then leave early when something else fails,
 * or reach the commit. */
static gboolean
write_then (sqlite3 *h, const char *key, gboolean leave_early, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, "testing", error);
  if (tx == NULL)
    return FALSE;
  put_setting (h, key);
  if (leave_early)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, "something else failed");
      return FALSE;
    }
  return cg_db_commit (tx, error);
}

static void
test_rollback_on_early_return (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;

  assert_false (write_then (h, "left", TRUE, &error));
  assert_int_equal (settings (h, "left"), 0);
  assert_true (sqlite3_get_autocommit (h));
  g_clear_error (&error);

  assert_true (write_then (h, "kept", FALSE, &error));
  assert_null (error);
  assert_int_equal (settings (h, "kept"), 1);
  assert_true (sqlite3_get_autocommit (h));

  /* Another connection sees only what was committed. */
  g_autoptr (CgDb) other = cg_db_open (f->path, CG_DB_READ_ONLY, &error);
  assert_non_null (other);
  assert_int_equal (settings (cg_db_handle (other), "kept"), 1);
  assert_int_equal (settings (cg_db_handle (other), "left"), 0);
}

static void
test_read_transaction (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgDb) writer = cg_db_open (f->path, CG_DB_READ_WRITE, &error);
  assert_non_null (writer);
  {
    g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_READ, "reading", &error);
    assert_non_null (tx);
    assert_false (sqlite3_get_autocommit (h));
    assert_int_equal (settings (h, "later"), 0);
    /* A read transaction keeps its picture while another connection
     * writes (WAL), and does not stop it writing. */
    put_setting (cg_db_handle (writer), "later");
    assert_int_equal (settings (h, "later"), 0);
  }
  assert_true (sqlite3_get_autocommit (h));
  assert_int_equal (settings (h, "later"), 1);
}

static void
test_begin_busy (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  /* The other connection holds the write lock until told. */
  sqlite3 *holder = NULL;
  assert_int_equal (sqlite3_open (f->path, &holder), SQLITE_OK);
  assert_int_equal (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  put_setting (holder, "holder");

  sqlite3 *h = cg_db_handle (f->db);
  sqlite3_busy_timeout (h, 20);
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, "saving the camera", &error);
  assert_null (tx);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB_BUSY));
  assert_non_null (strstr (error->message, "saving the camera"));
  assert_non_null (strstr (error->message, f->path));
  /* Nothing half-begun is left behind. */
  assert_true (sqlite3_get_autocommit (h));
  g_clear_error (&error);

  assert_int_equal (sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (holder);
  tx = cg_db_begin (h, CG_DB_TX_WRITE, "saving the camera", &error);
  assert_non_null (tx);
  put_setting (h, "after");
  assert_true (cg_db_commit (tx, &error));
  assert_int_equal (settings (h, "holder"), 1);
  assert_int_equal (settings (h, "after"), 1);
}

static void
test_commit_failure (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, "indexing a segment", &error);
    assert_non_null (tx);
    /* Foreign keys checked at COMMIT: a segment of no camera passes the
     * INSERT and fails the commit. */
    assert_int_equal (sqlite3_exec (h, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal (sqlite3_exec (h, "INSERT INTO segments (camera_id, path, start_us)"
                                       " VALUES (999, 'x.ts', 1)", NULL, NULL, NULL),
                      SQLITE_OK);
    assert_false (cg_db_commit (tx, &error));
    assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB));
    assert_non_null (strstr (error->message, "indexing a segment"));
    assert_non_null (strstr (error->message, "FOREIGN KEY"));
    /* Still open: the guard is what ends it. */
    assert_false (sqlite3_get_autocommit (h));
  }
  assert_true (sqlite3_get_autocommit (h));
  assert_int_equal (count (h, "SELECT count(*) FROM segments"), 0);
}

static void
test_savepoints (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (CgDbTransaction) outer = cg_db_begin (h, CG_DB_TX_WRITE, "outer", &error);
    assert_non_null (outer);
    put_setting (h, "outer");
    {
      g_autoptr (CgDbTransaction) inner = cg_db_begin (h, CG_DB_TX_WRITE, "inner", &error);
      assert_non_null (inner);
      put_setting (h, "dropped");
    }
    /* Only the inner part was undone; the outer one goes on. */
    assert_false (sqlite3_get_autocommit (h));
    assert_int_equal (settings (h, "dropped"), 0);
    {
      g_autoptr (CgDbTransaction) inner = cg_db_begin (h, CG_DB_TX_WRITE, "inner", &error);
      put_setting (h, "released");
      assert_true (cg_db_commit (inner, &error));
    }
    assert_true (cg_db_commit (outer, &error));
  }
  assert_int_equal (settings (h, "outer"), 1);
  assert_int_equal (settings (h, "dropped"), 0);
  assert_int_equal (settings (h, "released"), 1);

  /* A savepoint released inside a transaction that is then abandoned
   * goes with it. */
  {
    g_autoptr (CgDbTransaction) outer = cg_db_begin (h, CG_DB_TX_WRITE, "outer", &error);
    g_autoptr (CgDbTransaction) inner = cg_db_begin (h, CG_DB_TX_WRITE, "inner", &error);
    put_setting (h, "abandoned");
    assert_true (cg_db_commit (inner, &error));
  }
  assert_true (sqlite3_get_autocommit (h));
  assert_int_equal (settings (h, "abandoned"), 0);
}

static void
test_prepare_and_step (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;

  g_autoptr (sqlite3_stmt) bad = cg_db_prepare (h, "SELECT count(*) FROM nowhere", "counting", &error);
  assert_null (bad);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB));
  assert_non_null (strstr (error->message, "counting"));
  assert_non_null (strstr (error->message, "nowhere"));
  g_clear_error (&error);

  put_setting (h, "twice");
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO settings (key, value) VALUES ('twice', 'y')", "saving a setting", &error);
  assert_non_null (st);
  assert_false (cg_db_step_done (st, "saving a setting", &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB));
  assert_non_null (strstr (error->message, "saving a setting"));
  assert_non_null (strstr (error->message, "UNIQUE"));
  g_clear_error (&error);

  /* A statement that returns rows is not one to "run". */
  g_autoptr (sqlite3_stmt) rows = cg_db_prepare (h, "SELECT key FROM settings", "listing", &error);
  assert_false (cg_db_step_done (rows, "listing", &error));
  assert_non_null (error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_rollback_on_early_return, setup, teardown),
    cmocka_unit_test_setup_teardown (test_read_transaction, setup, teardown),
    cmocka_unit_test_setup_teardown (test_begin_busy, setup, teardown),
    cmocka_unit_test_setup_teardown (test_commit_failure, setup, teardown),
    cmocka_unit_test_setup_teardown (test_savepoints, setup, teardown),
    cmocka_unit_test_setup_teardown (test_prepare_and_step, setup, teardown),
  };
  return cmocka_run_group_tests_name ("db_transaction", tests, NULL, NULL);
}
