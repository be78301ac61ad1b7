/* loop_watch.c — the main loop's worst delay since start. */
#include "daemon/loop_watch.h"

#define PERIOD_MS 20

static gint64 due_us;
static gint64 max_late_us;

static gboolean
on_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  if (now - due_us > max_late_us)
    max_late_us = now - due_us;
  due_us = now + PERIOD_MS * 1000;
  return G_SOURCE_CONTINUE;
}

void
cg_loop_watch_start (void)
{
  due_us = g_get_monotonic_time () + PERIOD_MS * 1000;
  g_timeout_add (PERIOD_MS, on_tick, NULL);
}

gint64
cg_loop_watch_max_stall_us (void)
{
  return max_late_us;
}
