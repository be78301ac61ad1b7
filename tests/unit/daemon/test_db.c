/* test_db.c — opening the database: fresh, upgrades, refusals. */
#include "unit.h"

#include "daemon/db/db.h"
#include "common/error.h"
#include "daemon/db/migrations.h"

#include <string.h>

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *h = NULL;
  assert_int_equal (sqlite3_open (path, &h), SQLITE_OK);
  return h;
}

static int
query_int (sqlite3 *h, const char *sql)
{
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  int v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return v;
}

static char *
query_text (sqlite3 *h, const char *sql)
{
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  char *v = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return v;
}

static gboolean
has_table (sqlite3 *h, const char *name)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'", name);
  return query_int (h, sql) == 1;
}

static const char *const all_tables[] = {
  "cameras", "segments", "outages", "link_stats", "settings", "motion_events",
  "incidents", "evidence_ranges", "exports", "maintenance", "audit", "camera_status",
};

static void
test_fresh (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, CG_DB_FILENAME, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgDb) db = cg_db_open (path, CG_DB_READ_WRITE, &error);
  assert_null (error);
  assert_int_equal (cg_db_schema_version (db), cg_migrations_latest ());
  sqlite3 *h = cg_db_handle (db);
  g_autofree char *mode = query_text (h, "PRAGMA journal_mode");
  assert_string_equal (mode, "wal");
  assert_int_equal (query_int (h, "PRAGMA foreign_keys"), 1);
  assert_true (sqlite3_busy_timeout (h, 5000) == SQLITE_OK);
  for (size_t i = 0; i < G_N_ELEMENTS (all_tables); i++)
    assert_true (has_table (h, all_tables[i]));

  /* Foreign keys hold: no segment of a camera that does not exist. */
  assert_int_not_equal (sqlite3_exec (h, "INSERT INTO segments (camera_id, path, start_us) "
                                          "VALUES (999, 'x.ts', 1)", NULL, NULL, NULL),
                        SQLITE_OK);
  /* The audit log is append-only. */
  assert_int_equal (sqlite3_exec (h, "INSERT INTO audit (at_us, user, action, prev_hash, hash) "
                                     "VALUES (1, 'root', 'test', '', 'h')", NULL, NULL, NULL),
                    SQLITE_OK);
  assert_int_not_equal (sqlite3_exec (h, "UPDATE audit SET user = 'x'", NULL, NULL, NULL),
                        SQLITE_OK);
  assert_non_null (strstr (sqlite3_errmsg (h), "append-only"));
  assert_int_not_equal (sqlite3_exec (h, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal (query_int (h, "SELECT count(*) FROM audit WHERE user = 'root'"), 1);

  /* Opening again changes nothing and succeeds read-only too. */
  g_clear_pointer (&db, cg_db_close);
  g_autoptr (CgDb) again = cg_db_open (path, CG_DB_READ_WRITE, &error);
  assert_non_null (again);
  g_autoptr (CgDb) ro = cg_db_open (path, CG_DB_READ_ONLY, &error);
  assert_non_null (ro);
  assert_int_not_equal (sqlite3_exec (cg_db_handle (ro), "DELETE FROM settings", NULL, NULL, NULL),
                        SQLITE_OK);
  cg_test_rmdir (dir);
}

/* A database left by every earlier version, holding data, upgrades to the
 * latest schema and keeps its data. */
static void
test_upgrade_from_every_version (void **state)
{
  for (int from = 0; from < cg_migrations_latest (); from++)
    {
      g_autofree char *dir = cg_test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, CG_DB_FILENAME, NULL);
      sqlite3 *h = raw_open (path);
      g_autoptr (GError) error = NULL;
      assert_true (cg_migrations_apply (h, from, &error));
      assert_int_equal (query_int (h, "PRAGMA user_version"), from);
      if (from >= 1)
        assert_int_equal (sqlite3_exec (h, "INSERT INTO cameras (name, url, created_us, updated_us) "
                                           "VALUES ('Cổng chợ', 'rtsp://192.0.2.7/s0', 1, 1)",
                                        NULL, NULL, NULL), SQLITE_OK);
      sqlite3_close (h);

      /* Read-only cannot upgrade and says how to. */
      g_autoptr (CgDb) ro = cg_db_open (path, CG_DB_READ_ONLY, &error);
      assert_null (ro);
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB_OLDER));
      assert_non_null (strstr (error->message, "canhgacd"));
      g_clear_error (&error);

      g_autoptr (CgDb) db = cg_db_open (path, CG_DB_READ_WRITE, &error);
      if (db == NULL)
        fail_msg ("upgrade from %d: %s", from, error->message);
      assert_int_equal (cg_db_schema_version (db), cg_migrations_latest ());
      for (size_t i = 0; i < G_N_ELEMENTS (all_tables); i++)
        assert_true (has_table (cg_db_handle (db), all_tables[i]));
      if (from >= 1)
        {
          g_autofree char *name = query_text (cg_db_handle (db), "SELECT name FROM cameras");
          assert_string_equal (name, "Cổng chợ");
        }
      g_clear_pointer (&db, cg_db_close);
      cg_test_rmdir (dir);
    }
}

static void
test_newer_refused (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, CG_DB_FILENAME, NULL);
  sqlite3 *h = raw_open (path);
  assert_true (cg_migrations_apply (h, cg_migrations_latest (), NULL));
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", cg_migrations_latest () + 1);
  assert_int_equal (sqlite3_exec (h, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (h);

  for (int mode = CG_DB_READ_WRITE; mode <= CG_DB_READ_ONLY; mode++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CgDb) db = cg_db_open (path, mode, &error);
      assert_null (db);
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB_NEWER));
      assert_non_null (strstr (error->message, "newer"));
      assert_non_null (strstr (error->message, path));
    }
  /* Refusing touched nothing. */
  h = raw_open (path);
  assert_int_equal (query_int (h, "PRAGMA user_version"), cg_migrations_latest () + 1);
  sqlite3_close (h);
  cg_test_rmdir (dir);
}

static void
test_not_a_database (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  GString *junk = g_string_new (NULL);
  for (int i = 0; i < 512; i++)
    g_string_append (junk, "not a database. ");
  g_autofree char *path = cg_test_write (dir, CG_DB_FILENAME, junk->str);

  for (int mode = CG_DB_READ_WRITE; mode <= CG_DB_READ_ONLY; mode++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CgDb) db = cg_db_open (path, mode, &error);
      assert_null (db);
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB_NOT_DB));
      assert_non_null (strstr (error->message, path));
      assert_non_null (strstr (error->message, "data_dir"));
    }
  g_autofree char *after = NULL;
  assert_true (g_file_get_contents (path, &after, NULL, NULL));
  assert_string_equal (after, junk->str);
  g_string_free (junk, TRUE);
  cg_test_rmdir (dir);
}

static void
test_foreign_database (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, CG_DB_FILENAME, NULL);
  sqlite3 *h = raw_open (path);
  assert_int_equal (sqlite3_exec (h, "CREATE TABLE invoices (id INTEGER)", NULL, NULL, NULL),
                    SQLITE_OK);
  sqlite3_close (h);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgDb) db = cg_db_open (path, CG_DB_READ_WRITE, &error);
  assert_null (db);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB_NOT_DB));
  h = raw_open (path);
  assert_false (has_table (h, "cameras"));
  sqlite3_close (h);
  cg_test_rmdir (dir);
}

static void
test_missing_read_only (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, CG_DB_FILENAME, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgDb) db = cg_db_open (path, CG_DB_READ_ONLY, &error);
  assert_null (db);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_DB_MISSING));
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A directory that cannot hold a database. */
  g_autofree char *bad = g_build_filename (dir, "no", "such", "dir", "x.db", NULL);
  g_autoptr (CgDb) db2 = cg_db_open (bad, CG_DB_READ_WRITE, &error);
  assert_null (db2);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  assert_non_null (strstr (error->message, bad));
  cg_test_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fresh),
    cmocka_unit_test (test_upgrade_from_every_version),
    cmocka_unit_test (test_newer_refused),
    cmocka_unit_test (test_not_a_database),
    cmocka_unit_test (test_foreign_database),
    cmocka_unit_test (test_missing_read_only),
  };
  return cmocka_run_group_tests_name ("db", tests, NULL, NULL);
}
