/* test_storage_removal.c — what the storage manager and the start-up
 * repair may remove: never a day directory capture may be writing into,
 * never a segment file that is not provably empty. */
#include "unit.h"

#include "daemon/capture/segment_scan.h"
#include "daemon/storage/manager.h"

#include <string.h>

static GDateTime *
local_time (int y, int mo, int d, int h, int mi)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();
  return g_date_time_new (tz, y, mo, d, h, mi, 0);
}

static void
test_day_dirs (void **state)
{
  (void) state;
  g_autoptr (GDateTime) noon = local_time (2026, 11, 27, 12, 0);
  /* Today's, where capture opens each new segment, and yesterday's
   * (midnight, a clock set back) stay; the days before may go. */
  assert_false (cg_storage_day_dir_removable ("2026-11-27", noon));
  assert_false (cg_storage_day_dir_removable ("2026-11-26", noon));
  assert_true (cg_storage_day_dir_removable ("2026-11-25", noon));
  assert_true (cg_storage_day_dir_removable ("2025-12-31", noon));
  /* A day after today (the clock was wrong when it was made) stays. */
  assert_false (cg_storage_day_dir_removable ("2026-11-28", noon));
  /* Just after midnight, the day that has just ended is yesterday's. */
  g_autoptr (GDateTime) new_year = local_time (2027, 1, 1, 0, 0);
  assert_false (cg_storage_day_dir_removable ("2026-12-31", new_year));
  assert_true (cg_storage_day_dir_removable ("2026-12-30", new_year));
}

static char *
write_bytes (const char *dir, const char *name, const guint8 *bytes, gsize n)
{
  char *path = g_build_filename (dir, name, NULL);
  assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) n, NULL));
  return path;
}

static gboolean
is_empty (const char *path, gint64 *bytes)
{
  gboolean empty = FALSE;
  g_autoptr (GError) error = NULL;
  assert_true (cg_segment_is_empty (path, &empty, bytes, &error));
  return empty;
}

static void
test_provably_empty (void **state)
{
  (void) state;
  g_autofree char *dir = cg_test_tmpdir ();
  gint64 bytes = -1;
  guint8 *zeros = g_malloc0 (100000);

  g_autofree char *none = write_bytes (dir, "none.ts", zeros, 0);
  assert_true (is_empty (none, &bytes));
  assert_int_equal (bytes, 0);
  /* Zeros where a power cut left the blocks unwritten. */
  g_autofree char *blank = write_bytes (dir, "blank.ts", zeros, 100000);
  assert_true (is_empty (blank, &bytes));
  assert_int_equal (bytes, 100000);
  /* A sync byte with less than a packet after it. */
  zeros[100000 - 100] = 0x47;
  g_autofree char *short_tail = write_bytes (dir, "tail.ts", zeros, 100000);
  assert_true (is_empty (short_tail, &bytes));
  /* A whole packet could start there: maybe a picture, kept. */
  zeros[100000 - 188] = 0x47;
  g_autofree char *packet = write_bytes (dir, "packet.ts", zeros, 100000);
  assert_false (is_empty (packet, &bytes));
  /* Anywhere, aligned or not. */
  memset (zeros, 0, 100000);
  zeros[12345] = 0x47;
  g_autofree char *unaligned = write_bytes (dir, "unaligned.ts", zeros, 100000);
  assert_false (is_empty (unaligned, &bytes));
  g_free (zeros);

  /* What cannot be read through is not provably empty. */
  g_autofree char *subdir = g_build_filename (dir, "dir.ts", NULL);
  assert_int_equal (g_mkdir (subdir, 0700), 0);
  gboolean empty = TRUE;
  g_autoptr (GError) error = NULL;
  assert_false (cg_segment_is_empty (subdir, &empty, &bytes, &error));
  assert_false (empty);
  assert_non_null (error);
  cg_test_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_day_dirs),
    cmocka_unit_test (test_provably_empty),
  };
  return cmocka_run_group_tests_name ("storage_removal", tests, NULL, NULL);
}
