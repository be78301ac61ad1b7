/* report/uptime.c — a camera's uptime and its outages (see uptime.h). */
#include "build-config.h"

#include "daemon/report/uptime.h"

#include "daemon/report/spans.h"

#include <string.h>

char *
cg_reason_code (const char *reason)
{
  if (reason == NULL)
    return g_strdup ("");
  return g_strndup (reason, strcspn (reason, ":"));
}

static CgReasonTime *
reason_entry (GArray *reasons, const char *code)
{
  for (guint i = 0; i < reasons->len; i++)
    if (g_str_equal (g_array_index (reasons, CgReasonTime, i).reason, code))
      return &g_array_index (reasons, CgReasonTime, i);
  CgReasonTime r = { g_strdup (code), 0, 0 };
  g_array_append_val (reasons, r);
  return &g_array_index (reasons, CgReasonTime, reasons->len - 1);
}

static int
by_time (gconstpointer pa, gconstpointer pb)
{
  const CgReasonTime *a = pa, *b = pb;
  if (a->time_us != b->time_us)
    return a->time_us > b->time_us ? -1 : 1;
  return strcmp (a->reason, b->reason);
}

static int
by_start (gconstpointer pa, gconstpointer pb)
{
  const CgOutageSpan *a = *(CgOutageSpan *const *) pa, *b = *(CgOutageSpan *const *) pb;
  return a->from_us < b->from_us ? -1 : a->from_us > b->from_us;
}

void
cg_uptime_compute (const GArray *observed, const GArray *outages, CgUptime *out)
{
  *out = (CgUptime) { .reasons = g_array_new (FALSE, FALSE, sizeof (CgReasonTime)) };
  out->observed_us = cg_spans_total (observed);
  /* In order of start, so that where two overlap the earlier keeps the
   * time and the later counts only what is its own. */
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  for (guint i = 0; i < outages->len; i++)
    g_ptr_array_add (order, &g_array_index (outages, CgOutageSpan, i));
  g_ptr_array_sort (order, by_start);
  g_autoptr (GArray) counted = cg_spans_new ();
  for (guint i = 0; i < order->len; i++)
    {
      const CgOutageSpan *o = order->pdata[i];
      g_autoptr (GArray) one = cg_spans_new ();
      cg_spans_add (one, o->from_us, o->to_us);
      g_autoptr (GArray) inside = cg_spans_intersect (one, observed);
      g_autoptr (GArray) own = cg_spans_subtract (inside, counted);
      gint64 t = cg_spans_total (own);
      /* An outage that reaches into the watched time counts, even when
       * an earlier one already covers it; one wholly outside does not. */
      if (inside->len == 0)
        continue;
      out->outages++;
      out->down_us += t;
      out->longest_us = MAX (out->longest_us, cg_spans_total (inside));
      g_autofree char *code = cg_reason_code (o->reason);
      CgReasonTime *r = reason_entry (out->reasons, code);
      r->count++;
      r->time_us += t;
      for (guint k = 0; k < own->len; k++)
        cg_spans_add (counted, g_array_index (own, CgSpan, k).from_us,
                      g_array_index (own, CgSpan, k).to_us);
    }
  g_array_sort (out->reasons, by_time);
}

void
cg_uptime_clear (CgUptime *u)
{
  if (u->reasons != NULL)
    for (guint i = 0; i < u->reasons->len; i++)
      g_free (g_array_index (u->reasons, CgReasonTime, i).reason);
  g_clear_pointer (&u->reasons, g_array_unref);
}

double
cg_uptime_share (const CgUptime *u)
{
  if (u->observed_us <= 0)
    return -1;
  return 1.0 - (double) u->down_us / (double) u->observed_us;
}
