/* budget.c — the station's bandwidth pacing. */
#include "build-config.h"

#include "station/budget.h"

#include <glib.h>
#include <math.h>

double
cg_budget_average (double average, double last_second_kbits)
{
  return average * 0.9 + last_second_kbits * 0.1;
}

double
cg_budget_next_interval (double interval, double average_kbits, double budget_kbits,
                         double min_interval, double max_interval)
{
  if (budget_kbits <= 0)
    return min_interval;
  if (average_kbits > budget_kbits)
    interval *= 1.2;
  else if (average_kbits < budget_kbits * 0.6)
    interval /= 1.1;
  return CLAMP (interval, min_interval, max_interval);
}

int
cg_budget_per_second (int wanted, double interval)
{
  if (wanted <= 0)
    return 0;
  int n = (int) ceil (wanted / MAX (interval, 1.0));
  return CLAMP (n, 1, wanted);
}

