/* av_log.h — FFmpeg's own messages, brought under g_log.
 *
 * libavformat logs freely, sometimes with the URL it was given, which
 * holds a camera's password.  Its messages are routed to the
 * "canhgac-ffmpeg" domain as debug messages (shown with --verbose), with
 * credentials masked; what an officer needs is already in the camera's
 * state and reason.
 */
#pragma once

#include <glib.h>

void cg_av_log_init (void);

/* Hides "user:password@" and password=... in any text (pure; tested). */
char *cg_av_log_mask (const char *line);
