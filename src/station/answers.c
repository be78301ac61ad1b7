/* answers.c — ESC [ row ; col R out of the key stream. */
#include "build-config.h"

#include "station/answers.h"

/* Longer than any answer (ESC [ 9999 ; 9999 R): not one. */
#define MAX_HELD 12

typedef enum {
  PLAIN,
  ESCAPE,   /* ESC */
  BRACKET,  /* ESC [ */
  ROW,      /* ESC [ digits */
  SEMI,     /* ESC [ digits ; */
  COLUMN,   /* ESC [ digits ; digits */
} State;

struct CgAnswers {
  State state;
  guint8 held[MAX_HELD];
  gsize n_held;
  unsigned row;
};

CgAnswers *
cg_answers_new (void)
{
  return g_new0 (CgAnswers, 1);
}

void
cg_answers_free (CgAnswers *a)
{
  g_free (a);
}

gboolean
cg_answers_holding (const CgAnswers *a)
{
  return a->n_held > 0;
}

void
cg_answers_flush (CgAnswers *a, GByteArray *keys)
{
  g_byte_array_append (keys, a->held, (guint) a->n_held);
  a->n_held = 0;
  a->state = PLAIN;
}

static void
hold (CgAnswers *a, guint8 c, State next)
{
  a->held[a->n_held++] = c;
  a->state = next;
}

int
cg_answers_feed (CgAnswers *a, const guint8 *bytes, gsize n, GByteArray *keys)
{
  int found = 0;
  for (gsize i = 0; i < n; i++)
    {
      guint8 c = bytes[i];
      gboolean digit = c >= '0' && c <= '9';
      if (a->n_held + 1 >= MAX_HELD && a->state != PLAIN)
        {
          /* Too long for an answer: what was held was typed. */
          cg_answers_flush (a, keys);
        }
      switch (a->state)
        {
        case PLAIN:
          if (c == 0x1b)
            hold (a, c, ESCAPE);
          else
            g_byte_array_append (keys, &c, 1);
          continue;
        case ESCAPE:
          if (c == '[')
            {
              hold (a, c, BRACKET);
              continue;
            }
          break;
        case BRACKET:
          if (digit)
            {
              a->row = (unsigned) (c - '0');
              hold (a, c, ROW);
              continue;
            }
          break;
        case ROW:
          if (digit)
            {
              a->row = a->row * 10 + (unsigned) (c - '0');
              hold (a, c, ROW);
              continue;
            }
          if (c == ';')
            {
              hold (a, c, SEMI);
              continue;
            }
          break;
        case SEMI:
        case COLUMN:
          if (digit)
            {
              hold (a, c, COLUMN);
              continue;
            }
          if (c == 'R' && a->state == COLUMN && a->row >= 2)
            {
              /* An answer: dropped whole. */
              a->n_held = 0;
              a->state = PLAIN;
              found++;
              continue;
            }
          break;
        }
      /* Not an answer after all: what was held goes on as typed, and
       * this byte is looked at afresh (it may start a sequence). */
      cg_answers_flush (a, keys);
      i--;
    }
  /* A lone Esc at the end of a read is the Esc key: it goes on at once,
   * so that ncurses still sees the pause after it (Esc then F2 is not
   * Alt+F2).  A terminal writes its answer whole, in one read. */
  if (a->state == ESCAPE)
    cg_answers_flush (a, keys);
  return found;
}
