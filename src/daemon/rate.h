/* rate.h — a token bucket: how often something may happen (pure).
 *
 * Holds up to burst tokens, refilled at rate a second; each event takes
 * one.  The server limits each peer's requests and each user's audited
 * requests with it. */
#pragma once

#include <glib.h>

typedef struct {
  double tokens;
  gint64 at_us; /* when last refilled; 0: never used, full */
} CgRate;

/* Takes a token if there is one at now_us (monotonic microseconds). */
gboolean cg_rate_take (CgRate *rate, double per_second, double burst, gint64 now_us);

/* Microseconds until a token is there again (0: there is one). */
gint64 cg_rate_wait_us (const CgRate *rate, double per_second);
