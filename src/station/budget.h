/* budget.h — pacing pictures to a terminal bandwidth budget (pure). */
#pragma once

/* Pictures come in bursts (a tile is a few kilobytes at once), so the
 * rate is judged on an average: the terminal's output smoothed over about
 * ten seconds, updated each second with what that second took. */
double cg_budget_average (double average, double last_second_kbits);

/* The next refresh interval given the average rate: longer (x1.2) above
 * the budget, shorter (/1.1) below 60 % of it, steady between; within
 * [min_interval, max_interval].  Called each second, it settles where
 * the pictures use a little under the budget. */
double cg_budget_next_interval (double interval, double average_kbits, double budget_kbits,
                                double min_interval, double max_interval);

/* How many of `wanted` pictures to refresh in one second, so that each
 * is refreshed every `interval` seconds, spread rather than in a burst. */
int cg_budget_per_second (int wanted, double interval);
