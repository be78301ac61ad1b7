/* rate.c — the token bucket. */
#include "daemon/rate.h"

gboolean
cg_rate_take (CgRate *r, double per_second, double burst, gint64 now_us)
{
  if (r->at_us == 0)
    r->tokens = burst;
  else
    r->tokens = MIN (burst, r->tokens + (double) (now_us - r->at_us) * per_second / G_USEC_PER_SEC);
  r->at_us = now_us;
  if (r->tokens < 1.0)
    return FALSE;
  r->tokens -= 1.0;
  return TRUE;
}

gint64
cg_rate_wait_us (const CgRate *r, double per_second)
{
  return r->tokens >= 1.0 ? 0 : (gint64) ((1.0 - r->tokens) * G_USEC_PER_SEC / per_second) + 1;
}
