/* test_reload.c — what a reload keeps and what it reports changed. */
#include "unit.h"

#include "daemon/reload.h"

#include <glib/gstdio.h>

static CgConfig *
load (const char *text)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  int fd = g_file_open_tmp ("test-reload-XXXXXX.conf", &path, &error);
  assert_true (fd >= 0);
  close (fd);
  assert_true (g_file_set_contents (path, text, -1, &error));
  CgConfig *config = cg_config_load (path, TRUE, &error);
  g_unlink (path);
  if (config == NULL)
    fail_msg ("%s", error->message);
  return config;
}

/* Keys that need a restart keep the running value and are named; the
 * others change and are listed with their new value. */
static void
test_reload_keeps_restart_keys (void **state)
{
  g_autoptr (CgConfig) running = load ("[daemon]\ndata_dir = /srv/a\nsocket = /run/a.sock\n"
                                       "[capture]\nsegment_seconds = 60s\nstall_seconds = 10s\n"
                                       "[alarms]\ncamera_after = 30s\n");
  g_autoptr (CgConfig) next = load ("[daemon]\ndata_dir = /srv/b\nsocket = /run/a.sock\ngroup = police\n"
                                    "[capture]\nsegment_seconds = 30s\nstall_seconds = 4s\n"
                                    "[alarms]\ncamera_after = 2s\n[storage]\nquota = 700M\n");
  g_autoptr (GPtrArray) restart = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *changed = cg_reload_prepare (running, next, restart);

  assert_int_equal (restart->len, 3);
  assert_string_equal (restart->pdata[0], "[daemon] data_dir");
  assert_string_equal (restart->pdata[1], "[daemon] group");
  assert_string_equal (restart->pdata[2], "[capture] segment_seconds");
  assert_string_equal (next->data_dir, "/srv/a");
  assert_string_equal (next->group, running->group);
  assert_int_equal (next->segment_us, 60 * G_USEC_PER_SEC);

  assert_non_null (changed);
  assert_non_null (strstr (changed, "[capture] stall_seconds = 4s"));
  assert_non_null (strstr (changed, "[alarms] camera_after = 2s"));
  assert_non_null (strstr (changed, "[storage] quota = 700M"));
  assert_null (strstr (changed, "data_dir"));
  assert_null (strstr (changed, "segment_seconds"));
  assert_null (strstr (changed, "socket"));
  assert_int_equal (next->stall_us, 4 * G_USEC_PER_SEC);
}

/* The same file again: nothing to apply. */
static void
test_reload_nothing_changed (void **state)
{
  const char *text = "[alarms]\ncamera_after = 30s\nmotion_cameras = Chợ, Bến đò\n";
  g_autoptr (CgConfig) running = load (text);
  g_autoptr (CgConfig) next = load (text);
  g_autoptr (GPtrArray) restart = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *changed = cg_reload_prepare (running, next, restart);
  assert_null (changed);
  assert_int_equal (restart->len, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_reload_keeps_restart_keys),
    cmocka_unit_test (test_reload_nothing_changed),
  };
  return cmocka_run_group_tests_name ("reload", tests, NULL, NULL);
}
