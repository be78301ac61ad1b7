/* test_audit.c — the sealed, anchored audit log: what verifying catches,
 * appends from two threads, and requests refused when their row cannot
 * be written. */
#include "unit.h"

#include "common/config.h"
#include "daemon/api/api.h"
#include "daemon/audit.h"
#include "daemon/audit_seal.h"
#include "daemon/db/db.h"

#include <string.h>
#include <unistd.h>

typedef struct {
  char *dir;
  char *db_path;
  CgConfig *config;
  CgDb *db;
  CgApi api;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  f->config = cg_config_load (NULL, FALSE, NULL);
  g_free (f->config->data_dir);
  f->config->data_dir = g_strdup (f->dir);
  f->db_path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (f->db_path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  f->api = (CgApi) { .config = f->config, .db = f->db, .started_us = 1 };
  g_autoptr (GError) error = NULL;
  assert_true (cg_audit_set_seal (cg_audit_seal_open (f->dir, &error), &error));
  /* Row 1: sealing began, with no row before it. */
  assert_true (cg_audit_start (cg_db_handle (f->db), &error));
  assert_null (error);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  cg_audit_set_seal (NULL, NULL);
  cg_db_close (f->db);
  cg_config_free (f->config);
  cg_test_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static void
append (sqlite3 *h, int n)
{
  for (int i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!cg_audit_append (h, 1000 + i, "cán bộ", "recording.open", "camera:1@x", "sha256=ab",
                            &error))
        fail_msg ("%s", error->message);
    }
}

static void
exec (sqlite3 *h, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (h, sql, NULL, NULL, &msg) != SQLITE_OK)
    fail_msg ("%s: %s", sql, msg);
}

static gint64
count (sqlite3 *h, const char *sql)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  return sqlite3_column_int64 (st, 0);
}

/* The verdict, which must be readable. */
static void
verify (sqlite3 *h, CgAuditVerdict *v)
{
  g_autoptr (GError) error = NULL;
  if (!cg_audit_verify (h, v, &error))
    fail_msg ("%s", error->message);
}

/* What the head file beside the database says. */
static gint64
head_file_rows (Fixture *f, char **hash)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgAuditSeal) other = cg_audit_seal_open (f->dir, &error);
  assert_non_null (other);
  gint64 rows = 0;
  cg_audit_seal_get_head (other, &rows, hash, &error);
  assert_null (error);
  return rows;
}

static void
test_sealed_and_anchored (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  append (h, 5);
  /* Every row sealed; the head is the last row, beside the database. */
  assert_int_equal (count (h, "SELECT count(*) FROM audit WHERE mac IS NULL"), 0);
  assert_int_equal (count (h, "SELECT count(*) FROM audit WHERE id = 1 AND action = 'audit.seal'"
                              " AND detail = 'unsealed=0'"), 1);
  g_autofree char *hash = NULL;
  assert_int_equal (head_file_rows (f, &hash), 6);
  gint64 rows = 0;
  g_autofree char *last = NULL;
  assert_true (cg_audit_tail (h, &rows, &last, NULL));
  assert_int_equal (rows, 6);
  assert_string_equal (hash, last);
  CgAuditVerdict v;
  verify (h, &v);
  assert_int_equal (v.rows, 6);
  assert_int_equal (v.unsealed, 0);
  assert_int_equal (v.first_bad_id, 0);
  assert_int_equal (v.head_rows, 6);
  cg_audit_verdict_clear (&v);
}

/* As a tamperer would: row `from` changed, every hash after it
 * recomputed with the published formula, the seals left alone. */
static void
rechain (sqlite3 *h, gint64 from)
{
  exec (h, "DROP TRIGGER IF EXISTS audit_no_update");
  g_autofree char *change = g_strdup_printf ("UPDATE audit SET user = 'khác' WHERE id = %" G_GINT64_FORMAT,
                                             from);
  exec (h, change);
  g_autoptr (sqlite3_stmt) st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, "SELECT id, at_us, user, action, object, detail, prev_hash"
                                           " FROM audit WHERE id >= ? ORDER BY id", -1, &st, NULL),
                    SQLITE_OK);
  sqlite3_bind_int64 (st, 1, from);
  g_autofree char *prev = NULL;
  GPtrArray *updates = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      if (prev == NULL)
        prev = g_strdup ((const char *) sqlite3_column_text (st, 6));
      char *hash = cg_audit_hash (prev, sqlite3_column_int64 (st, 1),
                                  (const char *) sqlite3_column_text (st, 2),
                                  (const char *) sqlite3_column_text (st, 3),
                                  (const char *) sqlite3_column_text (st, 4),
                                  (const char *) sqlite3_column_text (st, 5));
      g_ptr_array_add (updates, g_strdup_printf ("UPDATE audit SET prev_hash = '%s', hash = '%s'"
                                                 " WHERE id = %" G_GINT64_FORMAT,
                                                 prev, hash, (gint64) sqlite3_column_int64 (st, 0)));
      g_free (prev);
      prev = hash;
    }
  for (guint i = 0; i < updates->len; i++)
    exec (h, updates->pdata[i]);
  g_ptr_array_unref (updates);
}

static void
test_recomputed_chain_fails_its_seals (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  append (h, 6);
  rechain (h, 3);
  CgAuditVerdict v;
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 3);
  assert_non_null (strstr (v.problem, "seal does not match"));
  cg_audit_verdict_clear (&v);

  /* Nor can the log pass for one written before sealing began. */
  exec (h, "UPDATE audit SET mac = NULL");
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 1);
  assert_non_null (strstr (v.problem, "seal was removed"));
  cg_audit_verdict_clear (&v);
  exec (h, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 1");
  exec (h, "UPDATE audit SET id = id - 1");
  rechain (h, 1);
  verify (h, &v);
  assert_int_not_equal (v.first_bad_id, 0);
  cg_audit_verdict_clear (&v);
}

/* Someone who has the key but not the head (or a copy of the database
 * from before): a rewritten last row with a valid seal still differs from
 * the head recorded outside. */
static void
test_head_catches_a_resealed_rewrite (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  append (h, 4);
  rechain (h, 5);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgAuditSeal) stolen = cg_audit_seal_open (f->dir, &error);
  gint64 rows = 0;
  g_autofree char *last = NULL;
  assert_true (cg_audit_tail (h, &rows, &last, NULL));
  assert_int_equal (rows, 5);
  g_autofree char *mac = cg_audit_seal_mac (stolen, last);
  g_autofree char *reseal = g_strdup_printf ("UPDATE audit SET mac = '%s' WHERE id = 5", mac);
  exec (h, reseal);
  CgAuditVerdict v;
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 5);
  assert_non_null (strstr (v.problem, "head"));
  cg_audit_verdict_clear (&v);
}

static void
test_cut_tail_is_missing (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  append (h, 6);
  exec (h, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > 4");
  CgAuditVerdict v;
  verify (h, &v);
  assert_int_equal (v.rows, 4);
  assert_int_equal (v.missing, 3);
  assert_int_equal (v.first_bad_id, 5);
  assert_non_null (strstr (v.problem, "3 rows are missing from the end"));
  cg_audit_verdict_clear (&v);

  /* Rows appended since do not move the head past the cut, however many. */
  append (h, 5);
  g_autofree char *hash = NULL;
  assert_int_equal (head_file_rows (f, &hash), 7);
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 7);
  cg_audit_verdict_clear (&v);
}

static void
test_unsealed_rows_only_before_sealing (void **state)
{
  Fixture *f = *state;
  /* A log an older canhgac wrote, then the daemon with its key. */
  g_autofree char *dir = g_build_filename (f->dir, "older", NULL);
  g_autofree char *path = g_build_filename (dir, CG_DB_FILENAME, NULL);
  assert_int_equal (g_mkdir (dir, 0700), 0);
  g_autoptr (CgDb) db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  sqlite3 *h = cg_db_handle (db);
  assert_true (cg_audit_set_seal (NULL, NULL));
  append (h, 3);
  g_autoptr (GError) error = NULL;
  assert_true (cg_audit_set_seal (cg_audit_seal_open (dir, &error), &error));
  assert_true (cg_audit_start (h, &error));
  assert_int_equal (count (h, "SELECT count(*) FROM audit WHERE id = 4 AND action = 'audit.seal'"
                              " AND detail = 'unsealed=3' AND mac IS NOT NULL"), 1);
  append (h, 2);
  CgAuditVerdict v;
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 0);
  assert_int_equal (v.rows, 6);
  assert_int_equal (v.unsealed, 3);
  cg_audit_verdict_clear (&v);
  /* Starting again adds nothing. */
  assert_true (cg_audit_start (h, &error));
  assert_int_equal (count (h, "SELECT count(*) FROM audit"), 6);

  /* A sealed row stripped of its seal is not "older". */
  exec (h, "DROP TRIGGER audit_no_update; UPDATE audit SET mac = NULL WHERE id = 6");
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 6);
  assert_non_null (strstr (v.problem, "seal was removed"));
  cg_audit_verdict_clear (&v);
  /* Nor are all of them, down to the row saying when sealing began. */
  exec (h, "UPDATE audit SET mac = NULL");
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 4);
  assert_non_null (strstr (v.problem, "seal was removed"));
  cg_audit_verdict_clear (&v);
}

/* A page SQLite cannot read is an error, never a verdict of "intact". */
static void
test_unreadable_log_is_an_error (void **state)
{
  Fixture *f = *state;
  append (cg_db_handle (f->db), 200);
  /* A leaf of the audit table in the middle, overwritten as a failing
   * disk might. */
  gint64 page = count (cg_db_handle (f->db),
                       "SELECT pageno FROM dbstat WHERE name = 'audit' AND pagetype = 'leaf'"
                       " ORDER BY pageno LIMIT 1 OFFSET 2");
  gint64 size = count (cg_db_handle (f->db), "PRAGMA page_size");
  cg_db_close (f->db);
  FILE *file = fopen (f->db_path, "r+b");
  assert_non_null (file);
  assert_int_equal (fseek (file, (page - 1) * size, SEEK_SET), 0);
  for (gint64 i = 0; i < size; i++)
    fputc (0xA5, file);
  fclose (file);
  f->db = f->api.db = cg_db_open (f->db_path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  CgAuditVerdict v;
  g_autoptr (GError) error = NULL;
  assert_false (cg_audit_verify (cg_db_handle (f->db), &v, &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, "cannot be read"));
}

typedef struct {
  const char *path;
  int n;
} Appender;

static gpointer
append_thread (gpointer data)
{
  Appender *a = data;
  g_autoptr (CgDb) db = cg_db_open (a->path, CG_DB_READ_WRITE, NULL);
  g_assert (db != NULL);
  for (int i = 0; i < a->n; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!cg_audit_append (cg_db_handle (db), i, "storage", "segment.delete", "", "", &error))
        g_error ("%s", error->message);
    }
  return NULL;
}

static void
test_two_threads_append (void **state)
{
  Fixture *f = *state;
  Appender a = { f->db_path, 40 };
  GThread *one = g_thread_new ("one", append_thread, &a);
  GThread *two = g_thread_new ("two", append_thread, &a);
  append (cg_db_handle (f->db), 40);
  g_thread_join (one);
  g_thread_join (two);
  sqlite3 *h = cg_db_handle (f->db);
  CgAuditVerdict v;
  verify (h, &v);
  assert_int_equal (v.first_bad_id, 0);
  assert_int_equal (v.rows, 121);
  cg_audit_verdict_clear (&v);
  /* The head ends at the last row, never behind it. */
  g_autofree char *hash = NULL;
  assert_int_equal (head_file_rows (f, &hash), 121);
  gint64 rows = 0;
  g_autofree char *last = NULL;
  assert_true (cg_audit_tail (h, &rows, &last, NULL));
  assert_string_equal (hash, last);
}

/* ---- requests refused when their row cannot be written ----------------- */

static JsonNode *
call (Fixture *f, const char *method, const char *params_json, int *fd, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (params_json, NULL);
  assert_non_null (node);
  CgApiCall c = {
    .api = &f->api, .params = json_node_get_object (node), .user = "tester",
    .role = CG_ROLE_ADMIN, .fd_out = -1,
  };
  JsonNode *result = cg_api_dispatch (&c, method, error);
  *fd = c.fd_out;
  return result;
}

/* A camera and one closed segment with its file. */
static void
add_footage (Fixture *f)
{
  int fd = -1;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) cam = call (f, "camera.add", "{\"name\": \"Chợ\", \"url\": \"rtsp://192.0.2.7/s\"}",
                                   &fd, &error);
  assert_non_null (cam);
  exec (cg_db_handle (f->db),
        "INSERT INTO segments (id, camera_id, path, state, start_us, end_us, sha256)"
        " VALUES (7, 1, 'seg.ts', 'complete', 1764000000000000, 1764000002000000,"
        " 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9')");
  g_autofree char *file = cg_test_write (f->dir, "seg.ts", "hello world");
}

static void
test_refused_row_refuses_the_request (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  add_footage (f);
  gint64 rows = count (h, "SELECT count(*) FROM audit");
  /* The audit table refuses rows (a full disk, a damaged table). */
  exec (h, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.audit"
           " BEGIN SELECT RAISE (ABORT, 'no room'); END");
  int fd = -1;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) opened = call (f, "recording.open", "{\"segment\": 7}", &fd, &error);
  assert_null (opened);
  assert_int_equal (fd, -1);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_FAILED));
  assert_non_null (strstr (error->message, "nothing was opened"));
  g_clear_error (&error);
  /* The change and its row are one: neither is kept. */
  g_autoptr (JsonNode) changed = call (f, "camera.update", "{\"name\": \"Chợ\", \"place\": \"Đình\"}",
                                       &fd, &error);
  assert_null (changed);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_FAILED));
  assert_non_null (strstr (error->message, "nothing was changed"));
  assert_int_equal (count (h, "SELECT count(*) FROM cameras WHERE place IS NOT NULL"), 0);
  g_clear_error (&error);
  g_autoptr (JsonNode) removed = call (f, "camera.remove", "{\"name\": \"Chợ\"}", &fd, &error);
  assert_null (removed);
  assert_int_equal (count (h, "SELECT count(*) FROM cameras WHERE removed_us IS NULL"), 1);
  assert_int_equal (count (h, "SELECT count(*) FROM audit"), rows);
  g_clear_error (&error);

  /* Once rows can be written, both work, each with its row naming the
   * footage by camera, start and digest. */
  exec (h, "DROP TRIGGER temp.refuse");
  g_autoptr (JsonNode) again = call (f, "recording.open", "{\"segment\": 7}", &fd, &error);
  assert_non_null (again);
  assert_true (fd >= 0);
  close (fd);
  assert_int_equal (count (h, "SELECT count(*) FROM audit WHERE action = 'recording.open'"
                              " AND object = 'camera:1@2025-11-24T16:00:00.000Z'"
                              " AND detail LIKE '%sha256=b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'"),
                    1);
  g_autoptr (JsonNode) changed2 = call (f, "camera.update", "{\"name\": \"Chợ\", \"place\": \"Đình\"}",
                                        &fd, &error);
  assert_non_null (changed2);
  assert_int_equal (count (h, "SELECT count(*) FROM audit WHERE action = 'camera.update'"), 1);
}

static void
test_busy_database_refuses_at_once (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  add_footage (f);
  /* Another program holds the write lock; the daemon's connection waits
   * only briefly. */
  sqlite3_busy_timeout (h, 20);
  g_autoptr (CgDb) other = cg_db_open (f->db_path, CG_DB_READ_WRITE, NULL);
  exec (cg_db_handle (other), "BEGIN IMMEDIATE");
  int fd = -1;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) opened = call (f, "recording.open", "{\"segment\": 7}", &fd, &error);
  assert_null (opened);
  assert_int_equal (fd, -1);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_FAILED));
  assert_non_null (strstr (error->message, "busy"));
  exec (cg_db_handle (other), "ROLLBACK");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_sealed_and_anchored, setup, teardown),
    cmocka_unit_test_setup_teardown (test_recomputed_chain_fails_its_seals, setup, teardown),
    cmocka_unit_test_setup_teardown (test_head_catches_a_resealed_rewrite, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cut_tail_is_missing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unsealed_rows_only_before_sealing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unreadable_log_is_an_error, setup, teardown),
    cmocka_unit_test_setup_teardown (test_two_threads_append, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refused_row_refuses_the_request, setup, teardown),
    cmocka_unit_test_setup_teardown (test_busy_database_refuses_at_once, setup, teardown),
  };
  return cmocka_run_group_tests_name ("audit", tests, NULL, NULL);
}
