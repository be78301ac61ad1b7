/* budget.c — the station's bandwidth pacing. */
#include "build-config.h"

#include "tui/budget.h"

#include <glib.h>

double
cg_budget_next_interval (double interval, double measured_kbits, double budget_kbits,
                         double min_interval, double max_interval)
{
  if (budget_kbits <= 0)
    return min_interval;
  if (measured_kbits > budget_kbits)
    interval *= 1.5;
  else if (measured_kbits < budget_kbits / 2)
    interval /= 1.25;
  return CLAMP (interval, min_interval, max_interval);
}

