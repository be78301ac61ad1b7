/* The audit log's key and head beside the database. */
#include "unit.h"

#include "daemon/audit_seal.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>


static void
test_key_made_once_and_private (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CgAuditSeal) a = cg_audit_seal_open (dir, &error);
  assert_non_null (a);
  g_autofree char *key = g_build_filename (dir, "audit.key", NULL);
  struct stat sb;
  assert_int_equal (stat (key, &sb), 0);
  assert_int_equal (sb.st_mode & 0777, 0600);
  /* The same key next time: the same seal. */
  g_autoptr (CgAuditSeal) b = cg_audit_seal_open (dir, &error);
  assert_non_null (b);
  g_autofree char *ma = cg_audit_seal_mac (a, "abc");
  g_autofree char *mb = cg_audit_seal_mac (b, "abc");
  assert_string_equal (ma, mb);
  assert_int_equal (strlen (ma), 64);
  g_autofree char *other = cg_audit_seal_mac (a, "abd");
  assert_string_not_equal (ma, other);

  /* Another installation's key seals differently. */
  g_autofree char *dir2 = cg_test_tmpdir ();
  g_autoptr (CgAuditSeal) c = cg_audit_seal_open (dir2, &error);
  g_autofree char *mc = cg_audit_seal_mac (c, "abc");
  assert_string_not_equal (ma, mc);

  /* A key others may read is refused, saying how to fix it. */
  g_chmod (key, 0644);
  g_autoptr (CgAuditSeal) d = cg_audit_seal_open (dir, &error);
  assert_null (d);
  assert_non_null (strstr (error->message, "chmod 600"));
  g_clear_error (&error);
  /* So is a file that is not a key. */
  g_file_set_contents (key, "not a key\n", -1, NULL);
  g_chmod (key, 0600);
  g_autoptr (CgAuditSeal) e = cg_audit_seal_open (dir, &error);
  assert_null (e);
  assert_non_null (error);
  cg_test_rmdir (dir);
  cg_test_rmdir (dir2);
}

static void
test_head (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CgAuditSeal) s = cg_audit_seal_open (dir, &error);
  gint64 rows = -1;
  g_autofree char *hash = NULL;
  /* None yet. */
  assert_false (cg_audit_seal_get_head (s, &rows, &hash, &error));
  assert_null (error);
  assert_int_equal (rows, 0);
  const char *h = "5d41402abc4b2a76b9719d911017c592aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  assert_true (cg_audit_seal_set_head (s, 42, h, &error));
  assert_true (cg_audit_seal_get_head (s, &rows, &hash, &error));
  assert_int_equal (rows, 42);
  assert_string_equal (hash, h);
  g_autofree char *text = cg_audit_seal_head_text (rows, hash);
  assert_string_equal (text, "42/5d41402abc4b");
  /* No half-written file is left behind. */
  g_autofree char *tmp = g_build_filename (dir, "audit.head.new", NULL);
  assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  /* A garbled head is an error, not "no head". */
  g_autofree char *path = g_build_filename (dir, "audit.head", NULL);
  g_file_set_contents (path, "12 zz\n", -1, NULL);
  g_free (hash);
  hash = NULL;
  assert_false (cg_audit_seal_get_head (s, &rows, &hash, &error));
  assert_non_null (error);
  cg_test_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_key_made_once_and_private),
    cmocka_unit_test (test_head),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
