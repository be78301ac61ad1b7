/* test_keyseq.c — keys as real terminals send them: every sequence of the
 * table decodes to its key, whole and only whole; unknown ones are
 * swallowed instead of acting as hotkeys; ncurses learns what xterm's
 * terminfo lacks. */
#include "unit.h"

#include "station/keyseq.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

/* The keys an officer reaches for, which every terminal below must
 * send one way or another. */
static const int everyday_keys[] = {
  CG_KEY_HOME, CG_KEY_END, CG_KEY_INSERT, CG_KEY_DELETE, CG_KEY_PAGE_UP, CG_KEY_PAGE_DOWN,
  CG_KEY_UP, CG_KEY_DOWN, CG_KEY_LEFT, CG_KEY_RIGHT,
  CG_KEY_F (1), CG_KEY_F (2), CG_KEY_F (3), CG_KEY_F (4), CG_KEY_F (5),
  CG_KEY_F (6), CG_KEY_F (7), CG_KEY_F (8), CG_KEY_F (9), CG_KEY_F (10),
};

static const char *const terminals[] = {
  "xterm", "PuTTY (default)", "PuTTY (Linux)", "PuTTY (SCO)", "Windows Terminal",
  "Linux console", "tmux", "GNU screen",
};

static char *
printable (const char *seq, gsize len)
{
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    if (seq[i] == 0x1b)
      g_string_append (s, "ESC ");
    else
      g_string_append_c (s, seq[i]);
  return g_string_free (s, FALSE);
}

/* Feeds bytes as ncurses hands over a sequence it does not know: one
 * character at a time, Esc as the Esc key. */
static GArray *
read_bytes (CgKeyReader *r, const char *bytes, gboolean pause)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (int));
  for (const char *p = bytes; *p != '\0'; p++)
    cg_key_reader_feed (r, *p == 0x1b ? CG_KEY_ESC : (guchar) *p, out);
  if (pause)
    cg_key_reader_idle (r, out);
  return out;
}

static void
test_every_sequence_decodes (void **state)
{
  int rows = 0;
  for (const CgKeySequence *s = cg_key_sequences; s->sequence != NULL; s++, rows++)
    {
      gsize len = strlen (s->sequence);
      g_autofree char *shown = printable (s->sequence, len);
      assert_true (len <= CG_KEY_SEQUENCE_MAX);
      /* Whole at its last byte, and not before, or the reader would
       * stop early and leave the rest as hotkeys. */
      if (cg_key_sequence_length (s->sequence, len) != len)
        fail_msg ("%s: %s is not one whole sequence", s->terminal, shown);
      for (gsize n = 1; n < len; n++)
        if (cg_key_sequence_length (s->sequence, n) != 0)
          fail_msg ("%s: %s ends after %zu bytes", s->terminal, shown, n);
      /* One meaning whichever terminal sends it. */
      int key = cg_key_decode (s->sequence, len);
      if (key != s->key)
        {
          g_autofree char *want = cg_key_name (s->key, FALSE);
          g_autofree char *got = cg_key_name (key, FALSE);
          fail_msg ("%s: %s decodes to %s, not %s", s->terminal, shown, got, want);
        }
      /* Through the reader, as the station gets it from ncurses. */
      g_autoptr (CgKeyReader) r = cg_key_reader_new ();
      g_autoptr (GArray) out = read_bytes (r, s->sequence, TRUE);
      if (out->len != 1 || g_array_index (out, int, 0) != s->key)
        fail_msg ("%s: %s read as %u keys", s->terminal, shown, out->len);
    }
  assert_true (rows > 100);
}

static void
test_every_terminal_covered (void **state)
{
  for (gsize t = 0; t < G_N_ELEMENTS (terminals); t++)
    for (gsize k = 0; k < G_N_ELEMENTS (everyday_keys); k++)
      {
        /* PuTTY's SCO Delete sends DEL, which is no sequence. */
        if (g_str_equal (terminals[t], "PuTTY (SCO)") && everyday_keys[k] == CG_KEY_DELETE)
          continue;
        gboolean found = FALSE;
        for (const CgKeySequence *s = cg_key_sequences; s->sequence != NULL && !found; s++)
          found = g_str_equal (s->terminal, terminals[t]) && s->key == everyday_keys[k];
        if (!found)
          {
            g_autofree char *name = cg_key_name (everyday_keys[k], FALSE);
            fail_msg ("%s: no sequence for %s", terminals[t], name);
          }
      }
}

/* The two that opened Help and jumped to F4 from PuTTY and the console. */
static void
test_putty_home_and_linux_f2 (void **state)
{
  g_autoptr (CgKeyReader) r = cg_key_reader_new ();
  g_autoptr (GArray) home = read_bytes (r, "\033[1~", TRUE);
  assert_int_equal (home->len, 1);
  assert_int_equal (g_array_index (home, int, 0), CG_KEY_HOME);
  g_autoptr (GArray) end = read_bytes (r, "\033[4~", TRUE);
  assert_int_equal (end->len, 1);
  assert_int_equal (g_array_index (end, int, 0), CG_KEY_END);
  g_autoptr (GArray) f2 = read_bytes (r, "\033[[B", TRUE);
  assert_int_equal (f2->len, 1);
  assert_int_equal (g_array_index (f2, int, 0), CG_KEY_F (2));
  g_autoptr (GArray) two = read_bytes (r, "\033Or", TRUE); /* the keypad's 2 */
  assert_int_equal (two->len, 1);
  assert_int_equal (g_array_index (two, int, 0), '2');
}

/* Sequences nobody here means vanish whole: none of their digits may
 * switch screens, none of their letters act. */
static void
test_unknown_sequences_swallowed (void **state)
{
  static const char *const unknown[] = {
    "\033[99~",      /* no such key */
    "\033[1;5A",     /* Ctrl+↑ */
    "\033[3;2~",     /* Shift+Delete */
    "\033[12;40R",   /* a cursor position report */
    "\033[200~",     /* a paste starting */
    "\033[?1;2c",    /* a terminal saying what it is */
    "\033[E",        /* xterm's keypad 5 without NumLock */
    "\033O5P",       /* an old xterm's Ctrl+F1 */
    "\033[[Z",       /* no Linux console key */
  };
  g_autoptr (CgKeyReader) r = cg_key_reader_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr (GArray) out = read_bytes (r, unknown[i], FALSE);
      if (out->len != 0)
        {
          g_autofree char *shown = printable (unknown[i], strlen (unknown[i]));
          fail_msg ("%s left %u keys", shown, out->len);
        }
      assert_int_equal (cg_key_decode (unknown[i], strlen (unknown[i])), CG_KEY_NONE);
    }
  /* And the reader is ready for ordinary keys again. */
  g_autoptr (GArray) q = read_bytes (r, "q1", TRUE);
  assert_int_equal (q->len, 2);
  assert_int_equal (g_array_index (q, int, 0), 'q');
  assert_int_equal (g_array_index (q, int, 1), '1');
}

static void
test_esc_alone_and_with_a_key (void **state)
{
  g_autoptr (CgKeyReader) r = cg_key_reader_new ();
  /* Esc alone: ncurses has waited already, so it is the Esc key. */
  g_autoptr (GArray) esc = g_array_new (FALSE, FALSE, sizeof (int));
  cg_key_reader_feed (r, CG_KEY_ESC, esc);
  assert_int_equal (esc->len, 0);
  assert_false (cg_key_reader_idle (r, esc));
  assert_int_equal (esc->len, 1);
  assert_int_equal (g_array_index (esc, int, 0), CG_KEY_ESC);

  /* Esc then q (or Alt+q): both, as the station always had them. */
  g_autoptr (GArray) alt = read_bytes (r, "\033q", TRUE);
  assert_int_equal (alt->len, 2);
  assert_int_equal (g_array_index (alt, int, 0), CG_KEY_ESC);
  assert_int_equal (g_array_index (alt, int, 1), 'q');

  /* Esc twice, then a key ncurses decoded itself. */
  g_autoptr (GArray) twice = g_array_new (FALSE, FALSE, sizeof (int));
  cg_key_reader_feed (r, CG_KEY_ESC, twice);
  cg_key_reader_feed (r, CG_KEY_ESC, twice);
  cg_key_reader_feed (r, CG_KEY_UP, twice);
  assert_false (cg_key_reader_idle (r, twice));
  assert_int_equal (twice->len, 3);
  assert_int_equal (g_array_index (twice, int, 0), CG_KEY_ESC);
  assert_int_equal (g_array_index (twice, int, 1), CG_KEY_ESC);
  assert_int_equal (g_array_index (twice, int, 2), CG_KEY_UP);

  /* Vietnamese letters after Esc are letters. */
  g_autoptr (GArray) letter = g_array_new (FALSE, FALSE, sizeof (int));
  cg_key_reader_feed (r, CG_KEY_ESC, letter);
  cg_key_reader_feed (r, 0x1edd, letter); /* ờ */
  assert_int_equal (letter->len, 2);
  assert_int_equal (g_array_index (letter, int, 1), 0x1edd);
}

/* A sequence split by a slow link comes together; one whose rest never
 * comes is dropped, not typed. */
static void
test_split_sequences (void **state)
{
  g_autoptr (CgKeyReader) r = cg_key_reader_new ();
  g_autoptr (GArray) out = read_bytes (r, "\033[1", FALSE);
  assert_true (cg_key_reader_idle (r, out));
  assert_int_equal (out->len, 0);
  g_autoptr (GArray) rest = read_bytes (r, "~", TRUE);
  assert_int_equal (rest->len, 1);
  assert_int_equal (g_array_index (rest, int, 0), CG_KEY_HOME);

  g_autoptr (GArray) cut = read_bytes (r, "\033[2", FALSE);
  assert_true (cg_key_reader_idle (r, cut));
  cg_key_reader_expire (r);
  assert_false (cg_key_reader_idle (r, cut));
  assert_int_equal (cut->len, 0);

  /* A key that cannot go on a sequence ends it; the key itself counts. */
  g_autoptr (GArray) broken = g_array_new (FALSE, FALSE, sizeof (int));
  cg_key_reader_feed (r, CG_KEY_ESC, broken);
  cg_key_reader_feed (r, '[', broken);
  cg_key_reader_feed (r, CG_KEY_F (4), broken);
  assert_int_equal (broken->len, 1);
  assert_int_equal (g_array_index (broken, int, 0), CG_KEY_F (4));

  /* Endless parameters are nobody's key, up to their final byte. */
  g_autoptr (GArray) endless = read_bytes (r, "\033[1111111111111111111111111111111;2~", FALSE);
  assert_int_equal (endless->len, 0);
  g_autoptr (GArray) after = read_bytes (r, "2", TRUE);
  assert_int_equal (after->len, 1);
  assert_int_equal (g_array_index (after, int, 0), '2');
}

/* Under TERM=xterm, ncurses learns PuTTY's Home and End and the Linux
 * console's F-keys; what xterm's terminfo has stays as it was. */
static void
test_teach_curses (void **state)
{
  FILE *out = fopen ("/dev/null", "w");
  FILE *in = fopen ("/dev/null", "r");
  assert_non_null (out);
  assert_non_null (in);
  SCREEN *screen = newterm ("xterm", out, in);
  if (screen == NULL)
    {
      fclose (out);
      fclose (in);
      skip (); /* no terminfo for xterm on this machine */
    }
  set_term (screen);
  keypad (stdscr, TRUE);
  assert_int_equal (key_defined ("\033[1~"), 0);
  int taught = cg_key_sequences_teach_curses ();
  assert_true (taught > 0);
  assert_int_equal (key_defined ("\033[1~"), KEY_HOME);
  assert_int_equal (key_defined ("\033[4~"), KEY_END);
  assert_int_equal (key_defined ("\033[[A"), KEY_F (1));
  assert_int_equal (key_defined ("\033[[E"), KEY_F (5));
  assert_int_equal (key_defined ("\033[11~"), KEY_F (1));
  assert_int_equal (key_defined ("\033OP"), KEY_F (1));
  assert_int_equal (key_defined ("\033OH"), KEY_HOME);
  /* The keypad's digits: 4 (kb1, an extended name) goes to the reader;
   * 7 stays KEY_A1, which cg_key_from_curses() makes 7. */
  assert_int_equal (key_defined ("\033Ot"), 0);
  assert_int_equal (key_defined ("\033Ow"), KEY_A1);
  /* Taught once is enough. */
  assert_int_equal (cg_key_sequences_teach_curses (), 0);
  endwin ();
  delscreen (screen);
  fclose (out);
  fclose (in);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_every_sequence_decodes),
    cmocka_unit_test (test_every_terminal_covered),
    cmocka_unit_test (test_putty_home_and_linux_f2),
    cmocka_unit_test (test_unknown_sequences_swallowed),
    cmocka_unit_test (test_esc_alone_and_with_a_key),
    cmocka_unit_test (test_split_sequences),
    cmocka_unit_test (test_teach_curses),
  };
  return cmocka_run_group_tests_name ("key sequences", tests, NULL, NULL);
}
