/* fuzz_keyseq.c — libFuzzer target for src/station/keyseq.c.
 *
 * The input is what a terminal could send, with a few bytes standing for
 * the station's own events: 0xfe the input pausing (idle), 0xff the wait
 * for the rest of a sequence running out (expire), 0xfd then a byte a key
 * ncurses decoded itself (an F-key or an arrow); 0x80 to 0xfc are letters
 * beyond ASCII.  Whatever comes out must be a key that went in, Esc, or a
 * key some terminal's sequence stands for, and never more keys than went
 * in: a sequence's bytes never leak out as hotkeys one by one.  A crash,
 * a leak or a sanitizer report is a finding too.
 */
#include "build-config.h"

#include "station/keyseq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const int decoded_keys[] = {
  CG_KEY_UP, CG_KEY_DOWN, CG_KEY_LEFT, CG_KEY_RIGHT, CG_KEY_HOME, CG_KEY_END, CG_KEY_F (1),
  CG_KEY_F (4), CG_KEY_F (10), CG_KEY_PAGE_DOWN,
};

static gboolean
from_table (int key)
{
  for (const CgKeySequence *s = cg_key_sequences; s->sequence != NULL; s++)
    if (s->key == key)
      return TRUE;
  return FALSE;
}

static void
must (gboolean ok, const char *what)
{
  if (!ok)
    {
      g_printerr ("fuzz_keyseq: %s\n", what);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* The pure parts on the raw bytes, whatever they are. */
  must (cg_key_sequence_length ((const char *) data, size) <= size, "length past the end");
  (void) cg_key_decode ((const char *) data, size);

  g_autoptr (CgKeyReader) r = cg_key_reader_new ();
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) fed = g_hash_table_new (NULL, NULL);
  guint keys_in = 0;
  /* Where the stream is, known without the reader: 0 outside any
   * sequence, 1 after an Esc, 2 inside a CSI or SS3 before its final
   * byte, when nothing may come out. */
  int where = 0;
  for (size_t i = 0; i < size; i++)
    {
      int key;
      switch (data[i])
        {
        case 0xfe:
          cg_key_reader_idle (r, out);
          if (where == 1)
            where = 0; /* the Esc key came out */
          continue;
        case 0xff:
          where = 0;
          cg_key_reader_expire (r);
          must (!cg_key_reader_idle (r, out), "still waiting after expire");
          continue;
        case 0xfd:
          if (++i == size)
            continue;
          key = decoded_keys[data[i] % G_N_ELEMENTS (decoded_keys)];
          break;
        case 0x1b:
          key = CG_KEY_ESC;
          break;
        case 0x7f:
          key = CG_KEY_BACKSPACE;
          break;
        default:
          key = data[i] < 0x80 ? data[i] : 0x1e00 + data[i];
          break;
        }
      guint before = out->len;
      cg_key_reader_feed (r, key, out);
      g_hash_table_add (fed, GINT_TO_POINTER (key));
      keys_in++;
      if (where == 2 && key >= 0x20 && key <= 0x3f)
        must (out->len == before, "a sequence's byte came out as a key");
      else if (where == 2 && key >= 0x40 && key <= 0x7e)
        {
          must (out->len <= before + 1, "one sequence, several keys");
          must (out->len == before || from_table (g_array_index (out, int, before)),
                "a sequence decoded to a key no terminal sends");
          where = 0;
        }
      else if (where == 1 && (key == '[' || key == 'O'))
        {
          must (out->len == before, "Esc [ came out as keys");
          where = 2;
        }
      else
        where = key == CG_KEY_ESC ? 1 : 0;
    }
  cg_key_reader_idle (r, out);
  must (out->len <= keys_in, "more keys out than in");
  for (guint i = 0; i < out->len; i++)
    {
      int key = g_array_index (out, int, i);
      must (key != CG_KEY_NONE, "a key of none");
      must (key == CG_KEY_ESC || g_hash_table_contains (fed, GINT_TO_POINTER (key)) || from_table (key),
            "a key from nowhere");
    }
  return 0;
}
