/* recordings.h — what was recorded of one camera, as recordings.list
 * says: segments, the gaps between them with their reasons, and motion
 * events.  The player finds its way through footage with it and the
 * timeline bar draws it.
 *
 * Pure: replies come in (one page at a time, or a newer listing merged
 * over an older one while a camera is followed live), lookups go out;
 * tests feed it JSON.  cg_recordings_fetch() asks through the call it is
 * given (cg_client_call() or the same), never a socket of its own.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* Consecutive segments closer than this are one stretch of footage: the
 * daemon lists no gap between them (GAP_MIN_US in api/recording.c). */
#define CG_RECORDINGS_GAP_MIN_US (G_GINT64_CONSTANT (1000000) / 2)

typedef struct {
  gint64 id;
  gint64 start_us, end_us; /* UTC; end is "now" while it is recording */
  gint64 frames, keyframes;
  int width, height;
  gboolean thinned;   /* keyframes only: storage.md, "thinning" */
  gboolean recording; /* still being written */
  gboolean damaged;
} CgRecSegment;

typedef struct {
  gint64 start_us, end_us;
  char *reason; /* code, common/reason.h */
} CgRecGap;

typedef struct {
  gint64 start_us;
  gint64 end_us; /* 0 while it goes on */
  double peak;
} CgRecMotion;

typedef struct {
  char *camera;
  GArray *segments; /* CgRecSegment, by start */
  GArray *gaps;     /* CgRecGap, by start */
  GArray *motion;   /* CgRecMotion, by start */
} CgRecordings;

/* How a listing is asked for: cg_client_call() or the same. */
typedef JsonNode *(*CgRecordingsCall) (gpointer data, const char *method, JsonNode *params,
                                       int *fd_out, GError **error);

CgRecordings *cg_recordings_new (const char *camera);
void cg_recordings_free (CgRecordings *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRecordings, cg_recordings_free)

/* Takes one page of a recordings.list result.  Segments are matched by
 * id (a newer listing updates a segment's end and whether it is still
 * recording), gaps and motion events by their start (the gap after the
 * last segment grows with the clock, and ends where a segment recorded
 * since begins).  Fails, leaving r as it was, when the result is not a
 * listing. */
gboolean cg_recordings_take (CgRecordings *r, JsonObject *result, GError **error);

/* The index of the segment holding t: start <= t < end, a segment still
 * recording holding everything after its start up to the next one's; -1
 * when t falls outside every segment. */
int cg_recordings_find (const CgRecordings *r, gint64 t_us);

/* The index of the last segment starting at or before t (-1: none) and
 * of the first starting after it (-1: none). */
int cg_recordings_before (const CgRecordings *r, gint64 t_us);
int cg_recordings_after (const CgRecordings *r, gint64 t_us);

const CgRecSegment *cg_recordings_segment (const CgRecordings *r, int i);
int cg_recordings_count (const CgRecordings *r);

/* Where segment i's footage ends for a reader: its end, or for a
 * segment still recording the next segment's start (G_MAXINT64 when
 * none follows). */
gint64 cg_recordings_reach (const CgRecordings *r, int i);

/* The listed gap overlapping [from, to) the most, or NULL. */
const CgRecGap *cg_recordings_gap (const CgRecordings *r, gint64 from_us, gint64 to_us);

/* Segment i as gone (deleted since it was listed): it is dropped and the
 * time it held becomes a gap with the reason given (until a listing
 * names the segment again). */
void cg_recordings_drop (CgRecordings *r, int i, const char *reason);

/* The earliest start and the latest reach known (0, 0 when empty). */
void cg_recordings_span (const CgRecordings *r, gint64 *first_us, gint64 *last_us);

/* Asks recordings.list for from..to (to 0: up to now), every page, and
 * takes each; the error names the camera. */
gboolean cg_recordings_fetch (CgRecordings *r, CgRecordingsCall call, gpointer data, gint64 from_us,
                              gint64 to_us, GError **error);
