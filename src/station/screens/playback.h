/* screens/playback.h — F6 Xem lại: one camera's footage, played back or
 * live, with its time line, the export marks and evidence export.
 *
 * The screen owns the clock; the player (player_thread.h) decodes in a
 * thread of its own and is asked for the frame for the clock's time only
 * when the last one is all on the terminal, so a slow line or a slow CPU
 * drops frames, never time.  The frame goes to the terminal like any
 * live picture, through the pacer (thumbs.h, cg_thumbs_feed).
 *
 * Opened from the keys (F6 6) on the selected camera, paused at the
 * last minute recorded; opened live and full-screen with Enter on a
 * Grid tile or on the Map (cg_playback_show_live), where Esc goes back.
 */
#pragma once

#include "station/station.h"

/* The selected camera full-screen and live; Esc goes back to the screen
 * in front now. */
void cg_playback_show_live (CgStation *st);
