/* chrome.h — what frames every screen: the title bar with the screens'
 * F-keys, and the status line with the daemon connection, alerts, the
 * filter, the clock and the keys that work here. */
#pragma once

#include "station/station.h"

/* Draws the title bar on the first line and the status line on the last
 * line of a rows x cols terminal. */
void cg_chrome_paint (CgStation *st, int rows, int cols);
