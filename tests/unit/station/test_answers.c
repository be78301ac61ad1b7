/* test_answers.c — the terminal's answers never reach a key handler. */
#include "unit.h"

#include "station/answers.h"

#include <string.h>

/* Feeds `in` in pieces of `step` bytes (0: whole; a piece never ends on
 * an Esc that has more after it: a terminal writes an answer whole),
 * then gives up on what is held; returns what goes on as keys. */
static char *
filter (const char *in, gsize step, int *answers)
{
  g_autoptr (CgAnswers) a = cg_answers_new ();
  g_autoptr (GByteArray) keys = g_byte_array_new ();
  gsize n = strlen (in);
  *answers = 0;
  for (gsize i = 0, len; i < n; i += len)
    {
      len = MIN (step ? step : n, n - i);
      while (i + len < n && in[i + len - 1] == '\033')
        len++;
      *answers += cg_answers_feed (a, (const guint8 *) in + i, len, keys);
    }
  cg_answers_flush (a, keys);
  return g_strndup ((const char *) keys->data, keys->len);
}

static void
test_answers_dropped (void **state)
{
  int n;
  g_autofree char *k = filter ("ab\033[48;1Rcd\033[12;160R", 0, &n);
  assert_string_equal (k, "abcd");
  assert_int_equal (n, 2);
}

/* Cut anywhere between reads after the Esc, the same (a terminal writes
 * an answer whole; only a lone Esc ends a read). */
static void
test_answers_cut (void **state)
{
  for (gsize step = 1; step <= 6; step++)
    {
      int n;
      g_autofree char *k = filter ("cho\033[48;1R\033[48;1Rx", step, &n);
      assert_string_equal (k, "chox");
      assert_int_equal (n, 2);
    }
}

/* Keys that look like the start of an answer stay keys, in order. */
static void
test_keys_untouched (void **state)
{
  const char *keys[] = {
    "\033",           /* Esc */
    "\033[A",         /* Up */
    "\033[1;5A",      /* Ctrl+Up */
    "\033[1;2R",      /* Shift+F3 in xterm: row 1 is never an answer */
    "\033[15~",       /* F5 */
    "\033[[B",        /* F2 on the Linux console */
    "\033\033[48;1",  /* Esc, then something cut short */
    "\033[999999999;1R", /* too long to be an answer */
    "[48;1R",         /* without its Esc: typed */
    "Chợ Hoằng Kim",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int n;
      g_autofree char *k = filter (keys[i], 0, &n);
      assert_string_equal (k, keys[i]);
      assert_int_equal (n, 0);
    }
}

/* The Esc key alone goes on at once, not held: ncurses must see the
 * pause after it, or Esc then F2 would read as one key. */
static void
test_lone_esc (void **state)
{
  g_autoptr (CgAnswers) a = cg_answers_new ();
  g_autoptr (GByteArray) keys = g_byte_array_new ();
  assert_int_equal (cg_answers_feed (a, (const guint8 *) "\033", 1, keys), 0);
  assert_false (cg_answers_holding (a));
  assert_int_equal (keys->len, 1);
  assert_int_equal (cg_answers_feed (a, (const guint8 *) "\033OQ", 3, keys), 0);
  assert_int_equal (keys->len, 4);
}

/* A start held at the end of a read, then given up: typed, in order. */
static void
test_held_then_flushed (void **state)
{
  g_autoptr (CgAnswers) a = cg_answers_new ();
  g_autoptr (GByteArray) keys = g_byte_array_new ();
  assert_int_equal (cg_answers_feed (a, (const guint8 *) "x\033[4", 4, keys), 0);
  assert_true (cg_answers_holding (a));
  assert_int_equal (keys->len, 1);
  cg_answers_flush (a, keys);
  assert_false (cg_answers_holding (a));
  assert_memory_equal (keys->data, "x\033[4", 4);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_answers_dropped),
    cmocka_unit_test (test_answers_cut),
    cmocka_unit_test (test_keys_untouched),
    cmocka_unit_test (test_lone_esc),
    cmocka_unit_test (test_held_then_flushed),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
