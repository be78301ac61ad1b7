/* test_config.c — the configuration file: values, suffixes, errors. */
#include "unit.h"

#include "common/config.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>

#define S G_GINT64_CONSTANT (1000000)

static void
test_duration_suffixes (void **state)
{
  gint64 us = 0;
  assert_true (cg_parse_duration ("90s", S, &us));
  assert_int_equal (us, 90 * S);
  assert_true (cg_parse_duration ("10m", S, &us));
  assert_int_equal (us, 600 * S);
  assert_true (cg_parse_duration ("2h", S, &us));
  assert_int_equal (us, 7200 * S);
  assert_true (cg_parse_duration ("7d", S, &us));
  assert_int_equal (us, 7 * 86400 * S);
  assert_true (cg_parse_duration ("0.5d", S, &us));
  assert_int_equal (us, 43200 * S);
  assert_true (cg_parse_duration (" 1.5S ", S, &us));
  assert_int_equal (us, 1500000);
  /* A bare number counts in the key's own unit. */
  assert_true (cg_parse_duration ("45", S, &us));
  assert_int_equal (us, 45 * S);
  assert_true (cg_parse_duration ("3", 86400 * S, &us));
  assert_int_equal (us, 3 * 86400 * S);

  const char *bad[] = { "", "s", "-5s", "5 s", "5x", "5ss", "1e3s", "1.2.3s", "10ms",
                        "99999999999999999d", "five", ".s", NULL };
  for (int i = 0; bad[i] != NULL; i++)
    assert_false (cg_parse_duration (bad[i], S, &us));
}

static void
test_size_suffixes (void **state)
{
  CgSize size;
  assert_true (cg_parse_size ("500M", TRUE, &size));
  assert_false (size.percent);
  assert_true (size.value == 500.0 * 1024 * 1024);
  assert_true (cg_parse_size ("2T", TRUE, &size));
  assert_true (size.value == 2.0 * 1024 * 1024 * 1024 * 1024);
  assert_true (cg_parse_size ("1.5G", TRUE, &size));
  assert_true (size.value == 1.5 * 1024 * 1024 * 1024);
  assert_true (cg_parse_size ("64k", TRUE, &size));
  assert_true (size.value == 65536);
  assert_true (cg_parse_size ("10MiB", TRUE, &size));
  assert_true (size.value == 10.0 * 1024 * 1024);
  assert_true (cg_parse_size ("10GB", TRUE, &size));
  assert_true (cg_parse_size ("4096", TRUE, &size));
  assert_true (size.value == 4096);
  assert_true (cg_parse_size ("90%", TRUE, &size));
  assert_true (size.percent);
  assert_true (size.value == 90);
  assert_true (cg_parse_size ("12.5%", TRUE, &size));
  assert_true (size.value == 12.5);
  assert_int_equal (cg_size_resolve (&size, 1000), 125);

  const char *bad[] = { "", "%", "101%", "-1G", "5X", "5Gb2", "5 G", "1e9", "10iB",
                        "5%%", NULL };
  for (int i = 0; bad[i] != NULL; i++)
    assert_false (cg_parse_size (bad[i], TRUE, &size));
  assert_false (cg_parse_size ("50%", FALSE, &size));
}

static void
test_format_round_trip (void **state)
{
  const gint64 values[] = { 90 * S, 600 * S, 7 * 86400 * S, 43200 * S, 1500000, S };
  const char *texts[] = { "90s", "10m", "7d", "12h", "1.5s", "1s" };
  for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *t = cg_format_duration (values[i]);
      assert_string_equal (t, texts[i]);
    }
  CgSize size = { FALSE, 500.0 * 1024 * 1024 };
  g_autofree char *a = cg_format_size (&size);
  assert_string_equal (a, "500M");
  size = (CgSize) { TRUE, 90 };
  g_autofree char *b = cg_format_size (&size);
  assert_string_equal (b, "90%");
  size = (CgSize) { FALSE, 1000 };
  g_autofree char *c = cg_format_size (&size);
  assert_string_equal (c, "1000");
}

static void
test_good_file (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *path = cg_test_write (dir, "good.conf",
    "# comment\n"
    "[daemon]\n"
    "data_dir = data\n"
    "socket = /tmp/cg.sock\n"
    "group = police\n"
    "[capture]\n"
    "segment_seconds = 30\n"
    "stall_seconds = 1m\n"
    "[storage]\n"
    "quota = 2T\n"
    "min_free = 10G\n"
    "full_rate_days = 3\n"
    "retention_target_days = 0.5d\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) config = cg_config_load (path, TRUE, &error);
  assert_null (error);
  assert_non_null (config);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  assert_string_equal (config->data_dir, data);
  assert_string_equal (config->socket_path, "/tmp/cg.sock");
  assert_string_equal (config->group, "police");
  assert_int_equal (config->segment_us, 30 * S);
  assert_int_equal (config->stall_us, 60 * S);
  assert_false (config->quota.percent);
  assert_true (config->quota.value == 2.0 * 1024 * 1024 * 1024 * 1024);
  assert_true (config->min_free.value == 10.0 * 1024 * 1024 * 1024);
  assert_int_equal (config->full_rate_us, 3 * 86400 * S);
  assert_int_equal (config->retention_target_us, 43200 * S);

  /* What `canhgac config` prints reads back to the same values. */
  g_autofree char *text = cg_config_to_string (config);
  g_autofree char *again_path = cg_test_write (dir, "again.conf", text);
  g_autoptr (CgConfig) again = cg_config_load (again_path, TRUE, &error);
  assert_non_null (again);
  g_autofree char *text2 = cg_config_to_string (again);
  assert_string_equal (text, text2);
  cg_test_rmdir (dir);
}

static void
test_defaults (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nope.conf", NULL);
  g_autoptr (GError) error = NULL;

  /* The default path may be absent: built-in defaults. */
  g_autoptr (CgConfig) config = cg_config_load (missing, FALSE, &error);
  assert_non_null (config);
  assert_null (config->path);
  assert_int_equal (config->segment_us, 60 * S);
  assert_int_equal (config->stall_us, 10 * S);
  assert_true (config->quota.percent && config->quota.value == 90);
  assert_true (config->min_free.percent && config->min_free.value == 5);
  assert_int_equal (config->full_rate_us, 7 * 86400 * S);
  assert_int_equal (config->retention_target_us, 30 * 86400 * S);
  assert_int_equal (config->keep_days_after_close, 365);
  assert_string_equal (config->group, "canhgac");

  /* A file someone named must exist. */
  g_autoptr (CgConfig) none = cg_config_load (missing, TRUE, &error);
  assert_null (none);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_CONFIG));
  assert_non_null (strstr (error->message, missing));
  cg_test_rmdir (dir);
}

static void
test_locate (void **state)
{
  gboolean explicit = FALSE;
  g_unsetenv ("CANHGAC_CONFIG");
  assert_string_equal (cg_config_locate (NULL, &explicit), CG_CONFIG_DEFAULT_PATH);
  assert_false (explicit);
  g_setenv ("CANHGAC_CONFIG", "/env.conf", TRUE);
  assert_string_equal (cg_config_locate (NULL, &explicit), "/env.conf");
  assert_true (explicit);
  assert_string_equal (cg_config_locate ("/cli.conf", &explicit), "/cli.conf");
  assert_true (explicit);
  g_unsetenv ("CANHGAC_CONFIG");
}

/* Loads "[group]\nkey = value\n" and expects an error naming all parts. */
static void
expect_rejected (const char *group, const char *key, const char *value, const char *hint)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *text = g_strdup_printf ("[%s]\n%s = %s\n", group, key, value);
  g_autofree char *path = cg_test_write (dir, "bad.conf", text);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) config = cg_config_load (path, TRUE, &error);
  if (config != NULL)
    fail_msg ("[%s] %s = %s was accepted", group, key, value);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_CONFIG));
  g_autofree char *grp = g_strdup_printf ("[%s]", group);
  const char *parts[] = { path, grp, key, value, hint };
  for (size_t i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0' && strstr (error->message, parts[i]) == NULL)
      fail_msg ("“%s” missing from: %s", parts[i], error->message);
  cg_test_rmdir (dir);
}

static void
test_bad_values (void **state)
{
  /* Not a duration at all. */
  expect_rejected ("capture", "segment_seconds", "soon", "90s");
  expect_rejected ("capture", "segment_seconds", "-5s", "90s");
  expect_rejected ("capture", "stall_seconds", "10 seconds", "90s");
  /* Out of range: the message gives the range. */
  expect_rejected ("capture", "segment_seconds", "2h", "1h");
  expect_rejected ("capture", "segment_seconds", "0", "1s");
  expect_rejected ("capture", "stall_seconds", "11m", "10m");
  expect_rejected ("storage", "full_rate_days", "3651", "3650d");
  expect_rejected ("storage", "retention_target_days", "30m", "1h");
  /* Sizes. */
  expect_rejected ("storage", "quota", "lots", "500M");
  expect_rejected ("storage", "quota", "150%", "100%");
  expect_rejected ("storage", "quota", "0%", "90%");
  expect_rejected ("storage", "quota", "100K", "1M");
  expect_rejected ("storage", "min_free", "95%", "90%");
  expect_rejected ("storage", "min_free", "-1G", "500M");
  /* Whole days: none is the least, a fraction or a negative is not one. */
  expect_rejected ("incidents", "keep_days_after_close", "-1", "0 to 36500");
  expect_rejected ("incidents", "keep_days_after_close", "36501", "0 to 36500");
  expect_rejected ("incidents", "keep_days_after_close", "1.5", "whole number");
  expect_rejected ("incidents", "keep_days_after_close", "365d", "whole number");
  /* Strings. */
  expect_rejected ("daemon", "group", "Police Post", "Unix group");
  expect_rejected ("daemon", "data_dir", "", "absolute path");
}

static void
test_unknown_key_and_group (void **state)
{
  g_autofree char *dir = cg_test_tmpdir ();
  g_autoptr (GError) error = NULL;

  g_autofree char *p1 = cg_test_write (dir, "k.conf", "[capture]\nsegment_secs = 60\n");
  g_autoptr (CgConfig) c1 = cg_config_load (p1, TRUE, &error);
  assert_null (c1);
  assert_non_null (strstr (error->message, "segment_secs"));
  assert_non_null (strstr (error->message, "segment_seconds")); /* what exists */
  assert_non_null (strstr (error->message, p1));
  g_clear_error (&error);

  g_autofree char *p2 = cg_test_write (dir, "g.conf", "[recording]\nquota = 1G\n");
  g_autoptr (CgConfig) c2 = cg_config_load (p2, TRUE, &error);
  assert_null (c2);
  assert_non_null (strstr (error->message, "[recording]"));
  assert_non_null (strstr (error->message, "[storage]"));
  g_clear_error (&error);

  /* Not an INI file. */
  g_autofree char *p3 = cg_test_write (dir, "x.conf", "segment_seconds = 60\n");
  g_autoptr (CgConfig) c3 = cg_config_load (p3, TRUE, &error);
  assert_null (c3);
  assert_non_null (strstr (error->message, p3));
  g_clear_error (&error);

  /* Binary junk. */
  g_autofree char *p4 = cg_test_write (dir, "b.conf", "\x7f" "ELF\x01\x02\xff\xfe");
  g_autoptr (CgConfig) c4 = cg_config_load (p4, TRUE, &error);
  assert_null (c4);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_CONFIG));
  cg_test_rmdir (dir);
}

/* data/canhgac.conf documents every key with its default: uncommenting
 * every "#key = value" line must give exactly the built-in defaults. */
static void
test_example_file_documents_defaults (void **state)
{
  g_autofree char *text = NULL;
  assert_true (g_file_get_contents (TOP_SRCDIR "/data/canhgac.conf", &text, NULL, NULL));
  GString *uncommented = g_string_new (NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      if (l[0] == '#' && g_ascii_islower (l[1])
          && (strstr (l, " = ") != NULL || g_str_has_suffix (l, " =")))
        l++;
      g_string_append_printf (uncommented, "%s\n", l);
    }
  g_autofree char *dir = cg_test_tmpdir ();
  g_autofree char *body = g_string_free (uncommented, FALSE);
  g_autofree char *path = cg_test_write (dir, "example.conf", body);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgConfig) example = cg_config_load (path, TRUE, &error);
  assert_null (error);
  g_autoptr (CgConfig) defaults = cg_config_load (NULL, FALSE, &error);
  g_autofree char *a = cg_config_to_string (example);
  g_autofree char *b = cg_config_to_string (defaults);
  assert_string_equal (a, b);
  /* And it names every key the code knows. */
  g_auto (GStrv) keys = g_strsplit (b, "\n", -1);
  for (int i = 0; keys[i] != NULL; i++)
    {
      char *eq = strstr (keys[i], " = ");
      if (eq == NULL)
        continue;
      *eq = '\0';
      g_autofree char *needle = g_strdup_printf ("#%s =", keys[i]);
      if (strstr (text, needle) == NULL)
        fail_msg ("data/canhgac.conf does not document %s", keys[i]);
    }
  cg_test_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_duration_suffixes),
    cmocka_unit_test (test_size_suffixes),
    cmocka_unit_test (test_format_round_trip),
    cmocka_unit_test (test_good_file),
    cmocka_unit_test (test_defaults),
    cmocka_unit_test (test_locate),
    cmocka_unit_test (test_bad_values),
    cmocka_unit_test (test_unknown_key_and_group),
    cmocka_unit_test (test_example_file_documents_defaults),
  };
  return cmocka_run_group_tests_name ("config", tests, NULL, NULL);
}
