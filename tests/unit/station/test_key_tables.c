/* test_key_tables.c — every key table of the station: hotkeys an input
 * method cannot swallow, no key bound twice where both tables are live,
 * every row named and documented, and help listing every key. */
#include "unit.h"

#include "station/screen.h"
#include "station/screens/help.h"
#include "station/textfield.h"

#include <string.h>

static char *
describe (const CgKeyRow *row, int key)
{
  g_autofree char *name = cg_key_name (key, TRUE);
  return g_strdup_printf ("%s (row \"%s\")", name, row->name != NULL ? row->name : "?");
}

/* Every row has keys, a name, a label and help; names are unique within
 * the table. */
static void
check_rows (const char *table_name, const CgKeyRow *table)
{
  assert_non_null (table);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  for (const CgKeyRow *row = table; row->keys[0] != CG_KEY_NONE; row++)
    {
      if (row->name == NULL || *row->name == '\0')
        fail_msg ("%s: a row without a name", table_name);
      if (row->help == NULL || *row->help == '\0')
        fail_msg ("%s: row \"%s\" has no help text", table_name, row->name);
      if (row->label == NULL || *row->label == '\0')
        fail_msg ("%s: row \"%s\" has no label", table_name, row->name);
      if (row->action == NULL)
        fail_msg ("%s: row \"%s\" does nothing", table_name, row->name);
      if (!g_hash_table_add (names, (gpointer) row->name))
        fail_msg ("%s: two rows are named \"%s\"", table_name, row->name);
    }
}

static void
check_safe (const char *table_name, const CgKeyRow *table)
{
  int key = CG_KEY_NONE;
  const CgKeyRow *bad = cg_key_table_unsafe (table, &key);
  if (bad != NULL)
    {
      g_autofree char *what = describe (bad, key);
      fail_msg ("%s binds %s, which Telex or VNI would swallow", table_name, what);
    }
}

static void
check_no_clash (const char *a_name, const CgKeyRow *a, const char *b_name, const CgKeyRow *b)
{
  const CgKeyRow *ra = NULL, *rb = NULL;
  int key = CG_KEY_NONE;
  if (cg_key_tables_clash (a, b, &ra, &rb, &key))
    {
      g_autofree char *what = describe (ra, key);
      fail_msg ("%s: %s is also bound by row \"%s\" of %s", a_name, what, rb->name, b_name);
    }
}

static void
test_station_keys (void **state)
{
  const CgKeyRow *global = cg_station_keys ();
  check_rows ("the station's keys", global);
  check_safe ("the station's keys", global);
  check_no_clash ("the station's keys", global, "the station's keys", global);
}

static void
test_screens_keys (void **state)
{
  int screens = 0;
  g_autoptr (GHashTable) numbers = g_hash_table_new (NULL, NULL);
  for (int i = 0; cg_screens[i] != NULL; i++, screens++)
    {
      const CgScreen *s = cg_screens[i];
      assert_non_null (s->name);
      assert_non_null (s->title);
      assert_non_null (s->help);
      assert_non_null (s->open);
      assert_non_null (s->close);
      assert_non_null (s->paint);
      if (s->number < 1 || s->number > 9)
        fail_msg ("screen %s: number %d has no digit", s->name, s->number);
      if (!g_hash_table_add (numbers, GINT_TO_POINTER (s->number)))
        fail_msg ("two screens on F%d", s->number);
      assert_int_equal (cg_screen_by_key (CG_KEY_F (s->number)), i);
      assert_int_equal (cg_screen_by_key ('0' + s->number), i);
      if (s->keys == NULL)
        continue;
      g_autofree char *name = g_strdup_printf ("screen %s", s->name);
      check_rows (name, s->keys);
      check_safe (name, s->keys);
      check_no_clash (name, s->keys, name, s->keys);
      /* The screen's rows come first: a key also in the station's rows
       * would hide the station's. */
      check_no_clash (name, s->keys, "the station's keys", cg_station_keys ());
    }
  assert_true (screens >= 4);
  assert_non_null (cg_screen_start);
}

/* One row per screen, from its number: the F-key and the digit. */
static void
test_switching_rows (void **state)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    {
      const CgScreen *s = cg_screens[i];
      const CgKeyRow *by_f = cg_key_row_find (cg_station_keys (), CG_KEY_F (s->number));
      const CgKeyRow *by_digit = cg_key_row_find (cg_station_keys (), '0' + s->number);
      assert_non_null (by_f);
      assert_ptr_equal (by_f, by_digit);
      g_autofree char *name = g_strconcat ("screen-", s->name, NULL);
      assert_string_equal (by_f->name, name);
    }
  const CgKeyRow *quit = cg_key_row_find (cg_station_keys (), CG_KEY_F (10));
  assert_non_null (quit);
  assert_ptr_equal (cg_key_row_find (cg_station_keys (), '0'), quit);
}

/* While the "/" field has the keyboard: the field's keys, then the
 * filter's; letters are text there, so only clashes matter. */
static void
test_filter_keys (void **state)
{
  check_rows ("the text field", cg_text_field_keys);
  check_rows ("the filter", cg_station_filter_keys);
  check_no_clash ("the text field", cg_text_field_keys, "the text field", cg_text_field_keys);
  check_no_clash ("the filter", cg_station_filter_keys, "the filter", cg_station_filter_keys);
  check_no_clash ("the text field", cg_text_field_keys, "the filter", cg_station_filter_keys);
  assert_non_null (cg_key_row_find (cg_text_field_keys, CG_KEY_IME_TOGGLE));
}

static void
test_quit_keys (void **state)
{
  check_rows ("the quit question", cg_station_quit_keys);
  check_safe ("the quit question", cg_station_quit_keys);
  check_no_clash ("the quit question", cg_station_quit_keys, "the quit question", cg_station_quit_keys);
}

/* The checks above can fail: a table a careless change could make. */
static int
nothing (gpointer self, int key)
{
  return CG_KEY_HANDLED;
}

static void
test_checks_catch_mistakes (void **state)
{
  static const CgKeyRow careless[] = {
    { { CG_KEY_ENTER, 'd' }, "details", "details", "details", nothing },
    { { 'x', CG_KEY_F (5) }, "export", "export", "export", nothing },  /* x: a Telex tone */
    { { 0x0111 }, "delete", "delete", "delete", nothing },          /* đ folds to d */
    { { CG_KEY_NONE } },
  };
  int key = CG_KEY_NONE;
  const CgKeyRow *unsafe = cg_key_table_unsafe (careless, &key);
  assert_non_null (unsafe);
  assert_string_equal (unsafe->name, "export");
  assert_int_equal (key, 'x');

  const CgKeyRow *a = NULL, *b = NULL;
  assert_true (cg_key_tables_clash (careless, careless, &a, &b, &key));
  assert_string_equal (a->name, "details");
  assert_string_equal (b->name, "delete");
  assert_int_equal (key, 'd');

  /* F4 is the status screen's: a screen binding it clashes with the
   * station's rows. */
  static const CgKeyRow grabs_f4[] = {
    { { CG_KEY_F (4) }, "grab", "grab", "grab", nothing },
    { { CG_KEY_NONE } },
  };
  assert_true (cg_key_tables_clash (grabs_f4, cg_station_keys (), NULL, &b, NULL));
  assert_string_equal (b->name, "screen-status");
}

static gboolean
help_has (GPtrArray *lines, const char *keys, const char *text)
{
  for (guint i = 0; i < lines->len; i++)
    {
      CgHelpLine *line = lines->pdata[i];
      if (line->keys != NULL && g_str_equal (line->keys, keys) && g_str_equal (line->text, text))
        return TRUE;
    }
  return FALSE;
}

static void
check_help_lists (GPtrArray *lines, const CgKeyRow *table, gboolean utf8)
{
  for (const CgKeyRow *row = table; row->keys[0] != CG_KEY_NONE; row++)
    {
      g_autofree char *keys = cg_key_row_keys (row, utf8);
      if (!help_has (lines, keys, row->help))
        fail_msg ("help does not list \"%s\" for %s", keys, row->name);
    }
}

/* Help shows every key of every row the station answers to, whichever
 * screen the officer came from. */
static void
test_help_lists_every_key (void **state)
{
  for (int utf8 = 0; utf8 <= 1; utf8++)
    for (int from = -1; from < cg_screen_count (); from++)
      {
        g_autoptr (GPtrArray) lines = cg_help_lines (from >= 0 ? cg_screens[from] : NULL, utf8);
        check_help_lists (lines, cg_station_keys (), utf8);
        for (int i = 0; cg_screens[i] != NULL; i++)
          if (cg_screens[i]->keys != NULL)
            check_help_lists (lines, cg_screens[i]->keys, utf8);
        check_help_lists (lines, cg_station_filter_keys, utf8);
        check_help_lists (lines, cg_text_field_keys, utf8);
        check_help_lists (lines, cg_station_quit_keys, utf8);
      }
  g_autoptr (GPtrArray) lines = cg_help_lines (NULL, TRUE);
  gboolean ctrl_t = FALSE, both = FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      CgHelpLine *line = lines->pdata[i];
      ctrl_t |= line->keys != NULL && strstr (line->keys, "Ctrl+T") != NULL;
      both |= line->keys != NULL && g_str_equal (line->keys, "F1 1");
    }
  assert_true (ctrl_t);
  assert_true (both);
}

/* The screen the officer came from comes first. */
static void
test_help_starts_with_where_you_were (void **state)
{
  g_autoptr (GPtrArray) lines = cg_help_lines (&cg_screen_status, TRUE);
  CgHelpLine *first = lines->pdata[0];
  assert_true (first->heading);
  assert_non_null (strstr (first->text, "F4"));
  CgHelpLine *second = lines->pdata[1];
  g_autofree char *keys = cg_key_row_keys (&cg_screen_status.keys[0], TRUE);
  assert_string_equal (second->keys, keys);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_station_keys),
    cmocka_unit_test (test_screens_keys),
    cmocka_unit_test (test_switching_rows),
    cmocka_unit_test (test_filter_keys),
    cmocka_unit_test (test_quit_keys),
    cmocka_unit_test (test_checks_catch_mistakes),
    cmocka_unit_test (test_help_lists_every_key),
    cmocka_unit_test (test_help_starts_with_where_you_were),
  };
  return cmocka_run_group_tests_name ("key tables", tests, NULL, NULL);
}
