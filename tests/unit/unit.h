/* unit.h — what every cmocka test file needs, plus small helpers. */
#pragma once

#include "build-config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

/* A fresh directory under the build tree's temp dir, removed by the
 * caller with cg_test_rmdir(). */
static inline char *
cg_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("canhgac-test-XXXXXX", &error);
  assert_non_null (dir);
  return dir;
}

static inline void
cg_test_rmdir (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  assert_int_equal (system (cmd), 0);
}

static inline char *
cg_test_write (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}
