/* reason.h — why a camera is not recording, kept language-neutral.
 *
 * The daemon stores a reason as "code" or "code:detail" (in outages and
 * the camera status), so the database reads the same whatever the
 * daemon's locale; readers turn it into a sentence an officer can act on
 * in their own language with cg_reason_describe().
 */
#pragma once

#include <glib.h>

#define CG_REASON_REFUSED "refused"         /* detail: host:port */
#define CG_REASON_UNREACHABLE "unreachable" /* detail: host:port */
#define CG_REASON_DNS "dns"                 /* detail: host */
#define CG_REASON_AUTH "auth"
#define CG_REASON_NOT_FOUND "not_found"
#define CG_REASON_NOT_STREAM "not_stream"
#define CG_REASON_NO_VIDEO "no_video"
#define CG_REASON_CODEC "codec"             /* detail: codec name */
#define CG_REASON_STALLED "stalled"         /* detail: seconds */
#define CG_REASON_CLOSED "closed"
#define CG_REASON_DISK "disk"               /* detail: system error */
#define CG_REASON_ERROR "error"             /* detail: library error */
/* Only for a gap in the recordings (recordings.list): the daemon was not
 * running, so no outage was recorded. */
#define CG_REASON_NOT_RECORDING "not_recording"
/* Only for footage the station's player had to step over: a segment
 * deleted (storage policy) after it was listed, or one it cannot decode. */
#define CG_REASON_DELETED "deleted"
#define CG_REASON_UNREADABLE "unreadable"

/* "code:detail" (detail may be NULL). */
char *cg_reason_make (const char *code, const char *detail);

/* A translated sentence for an officer; "" for an empty reason. */
char *cg_reason_describe (const char *reason);

/* The reason in a few words, translated ("no answer"), for tables and
 * counts; the code itself when it is newer than this program. */
const char *cg_reason_label (const char *reason);

/* What to check for a reason code, translated: the second half of
 * cg_reason_describe()'s sentence ("check the camera's power and the
 * household's router, ..."), or NULL when its sentence has none. */
char *cg_reason_advice (const char *code);
