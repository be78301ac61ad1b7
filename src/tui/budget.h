/* budget.h — pacing pictures to a terminal bandwidth budget (pure). */
#pragma once

/* The next refresh interval given what the terminal took over the last
 * second: longer (x1.5) above the budget, shorter (/1.25) below half of
 * it, steady between; within [min_interval, max_interval]. */
double cg_budget_next_interval (double interval, double measured_kbits, double budget_kbits,
                                double min_interval, double max_interval);
