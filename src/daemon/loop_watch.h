/* loop_watch.h — how long the daemon's main loop was kept from its work.
 *
 * Everything that must answer promptly (the socket, timers, signals) runs
 * on the main loop, so nothing there may wait on the network, the disk or
 * another thread.  A short timer measures how late it fires; the worst
 * lateness since start is in `status` (daemon.main_loop_max_stall_ms), so
 * tests and officers can see a stall instead of guessing. */
#pragma once

#include <glib.h>

/* Starts measuring on the default main context. */
void cg_loop_watch_start (void);

/* The longest delay seen so far, in microseconds. */
gint64 cg_loop_watch_max_stall_us (void);
