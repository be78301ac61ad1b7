/* report/spans.c — stretches of time (see spans.h). */
#include "build-config.h"

#include "daemon/report/spans.h"

GArray *
cg_spans_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (CgSpan));
}

void
cg_spans_add (GArray *spans, gint64 from_us, gint64 to_us)
{
  if (to_us <= from_us)
    return;
  /* Where it goes: after every span that ends before it begins. */
  guint i = 0;
  while (i < spans->len && g_array_index (spans, CgSpan, i).to_us < from_us)
    i++;
  CgSpan merged = { from_us, to_us };
  guint j = i;
  while (j < spans->len && g_array_index (spans, CgSpan, j).from_us <= to_us)
    {
      const CgSpan *s = &g_array_index (spans, CgSpan, j);
      merged.from_us = MIN (merged.from_us, s->from_us);
      merged.to_us = MAX (merged.to_us, s->to_us);
      j++;
    }
  if (j > i)
    g_array_remove_range (spans, i, j - i);
  g_array_insert_val (spans, i, merged);
}

GArray *
cg_spans_intersect (const GArray *a, const GArray *b)
{
  GArray *out = cg_spans_new ();
  guint i = 0, j = 0;
  while (i < a->len && j < b->len)
    {
      const CgSpan *x = &g_array_index (a, CgSpan, i);
      const CgSpan *y = &g_array_index (b, CgSpan, j);
      CgSpan s = { MAX (x->from_us, y->from_us), MIN (x->to_us, y->to_us) };
      if (s.to_us > s.from_us)
        g_array_append_val (out, s);
      if (x->to_us < y->to_us)
        i++;
      else
        j++;
    }
  return out;
}

GArray *
cg_spans_subtract (const GArray *a, const GArray *b)
{
  GArray *out = cg_spans_new ();
  guint j = 0;
  for (guint i = 0; i < a->len; i++)
    {
      CgSpan rest = g_array_index (a, CgSpan, i);
      while (j < b->len && g_array_index (b, CgSpan, j).to_us <= rest.from_us)
        j++;
      for (guint k = j; k < b->len && rest.from_us < rest.to_us; k++)
        {
          const CgSpan *y = &g_array_index (b, CgSpan, k);
          if (y->from_us >= rest.to_us)
            break;
          if (y->from_us > rest.from_us)
            {
              CgSpan before = { rest.from_us, y->from_us };
              g_array_append_val (out, before);
            }
          rest.from_us = MAX (rest.from_us, y->to_us);
        }
      if (rest.to_us > rest.from_us)
        g_array_append_val (out, rest);
    }
  return out;
}

gint64
cg_spans_total (const GArray *spans)
{
  gint64 total = 0;
  for (guint i = 0; i < spans->len; i++)
    total += g_array_index (spans, CgSpan, i).to_us - g_array_index (spans, CgSpan, i).from_us;
  return total;
}
