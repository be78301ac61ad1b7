/* av_error.h — what an FFmpeg error met while reaching a camera means, in
 * the reason codes of common/reason.h: one reading for the recorder
 * (capture.c) and for camera.probe (probe.c).  Pure.
 */
#pragma once

#include <glib.h>

/* The reason code an error means (CG_REASON_REFUSED, _UNREACHABLE, _AUTH,
 * _NOT_FOUND, _NOT_STREAM, _CLOSED, _DNS), or NULL for none of them.
 * opening: while connecting, when an I/O error is no answer and an
 * invalid argument a name that does not resolve. */
const char *cg_av_error_reason (int averror, gboolean opening);

/* host:port of an RTSP URL (554 when it says none), without credentials. */
char *cg_av_url_host_port (const char *url);
