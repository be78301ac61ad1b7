/* fuzz_answers.c — libFuzzer target for src/station/answers.c.
 *
 * The input is what a terminal could send; its first byte says where to
 * cut it into reads.  What comes out must be the input with the answers
 * (ESC [ row ; col R, row 2 or more) taken out and nothing else changed,
 * however the input is cut (but never right after an Esc: a terminal
 * writes its answer whole, and a lone Esc ending a read is the Esc key):
 * no byte lost, added or reordered.
 */
#include "build-config.h"

#include "station/answers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The expected keys, the slow way: at each ESC, is an answer there? */
static gsize
answer_at (const uint8_t *p, size_t n)
{
  size_t i = 0;
  if (n < 6 || p[0] != 0x1b || p[1] != '[')
    return 0;
  unsigned row = 0;
  for (i = 2; i < n && p[i] >= '0' && p[i] <= '9'; i++)
    row = row * 10 + (p[i] - '0');
  if (i == 2 || i >= n || p[i] != ';')
    return 0;
  size_t c = ++i;
  while (i < n && p[i] >= '0' && p[i] <= '9')
    i++;
  if (i == c || i >= n || p[i] != 'R' || row < 2 || i + 1 >= 12)
    return 0;
  return i + 1;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  size_t step = data[0] % 8 + 1;
  data++, size--;
  g_autoptr (GByteArray) want = g_byte_array_new ();
  int want_answers = 0;
  for (size_t i = 0; i < size;)
    {
      gsize len = answer_at (data + i, size - i);
      if (len > 0)
        {
          want_answers++;
          i += len;
        }
      else
        g_byte_array_append (want, data + i++, 1);
    }
  g_autoptr (CgAnswers) a = cg_answers_new ();
  g_autoptr (GByteArray) got = g_byte_array_new ();
  int answers = 0;
  for (size_t i = 0, n; i < size; i += n)
    {
      n = MIN (step, size - i);
      while (i + n < size && data[i + n - 1] == 0x1b)
        n++;
      answers += cg_answers_feed (a, data + i, n, got);
    }
  cg_answers_flush (a, got);
  if (answers != want_answers || got->len != want->len
      || (got->len > 0 && memcmp (got->data, want->data, got->len) != 0))
    abort ();
  return 0;
}
