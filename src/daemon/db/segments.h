/* db/segments.h — the segments table: one row per recorded file.
 *
 * The writer thread adds and grows rows while recording (events.c); what
 * is here reads them for the API, and changes them for the storage
 * manager (deletion, thinning) and the start-up repair.
 *
 * Footage inside an incident's evidence range is protected: a function
 * that removes or rewrites footage says whether it spares protected
 * rows, and tests it in the same statement as the change, so that
 * evidence marked while the storage manager was planning is still safe.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef enum {
  CG_DB_SEGMENT_OPEN,     /* being written */
  CG_DB_SEGMENT_COMPLETE, /* closed, or completed from its file at start-up */
  CG_DB_SEGMENT_LOST,     /* its file is gone */
} CgDbSegmentState;

typedef struct {
  gint64 id;
  gint64 camera_id;
  char *path; /* relative to the data directory */
  CgDbSegmentState state;
  gint64 start_us;
  gint64 end_us; /* 0: not known yet */
  gint64 bytes, frames, keyframes;
  int width, height; /* 0: unknown */
  char *codec;       /* NULL: unknown */
  gboolean has_audio;
  gboolean thinned;
  gint64 original_bytes;  /* before thinning; 0: not thinned or not known */
  char *sha256;           /* of the file as it is, hex; NULL: open, or not known */
  GBytes *keyframe_index; /* read only where a function says so */
} CgDbSegment;

void cg_db_segment_clear (CgDbSegment *segment);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgDbSegment, cg_db_segment_clear)

/* ---- reading --------------------------------------------------------- */

/* The camera's segments overlapping [from_us, to_us), oldest first, lost
 * ones left out; an array of CgDbSegment that clears its elements.  An
 * open segment reaches to now_us: its stored end lags behind. */
GArray *cg_db_segments_between (sqlite3 *handle, gint64 camera_id, gint64 from_us, gint64 to_us,
                                gint64 now_us, GError **error);

/* A segment that is not lost, with its camera's name; *found FALSE when
 * there is none. */
gboolean cg_db_segment_get (sqlite3 *handle, gint64 id, CgDbSegment *segment,
                            char **camera_name, gboolean *found, GError **error);

/* The segment stored at path (id, camera, state, bytes, thinned), lost
 * or not; *found FALSE when there is none. */
gboolean cg_db_segment_find_path (sqlite3 *handle, const char *path, CgDbSegment *segment,
                                  gboolean *found, GError **error);

/* How much of [from_us, now_us) the camera's segments cover. */
gboolean cg_db_segments_covered_us (sqlite3 *handle, gint64 camera_id, gint64 from_us,
                                    gint64 now_us, gint64 *covered_us, GError **error);

/* Bytes of every segment whose file is still there. */
gboolean cg_db_segments_total_bytes (sqlite3 *handle, gint64 *bytes, GError **error);

/* Bytes of the footage inside evidence ranges, which the storage policy
 * never removes. */
gboolean cg_db_segments_protected_bytes (sqlite3 *handle, gint64 *bytes, GError **error);

/* Calls func with every complete segment (an open one is still being
 * written), for the retention planner: only id, camera_id, start_us,
 * end_us (start_us when not known), bytes and thinned are filled, and the
 * segment lives for the call only.  No array: there may be millions. */
typedef void (*CgDbSegmentFunc) (const CgDbSegment *segment, gpointer data);
gboolean cg_db_segments_foreach_complete (sqlite3 *handle, CgDbSegmentFunc func, gpointer data,
                                          GError **error);

/* Every segment not known to be lost (id, path, state, start), for the
 * start-up repair. */
GArray *cg_db_segments_not_lost (sqlite3 *handle, GError **error);

/* ---- storage policy: protected rows are spared ------------------------ */

/* A complete, unprotected segment not thinned yet, with its keyframe
 * index; *found FALSE when the segment is not one of those (any more). */
gboolean cg_db_segment_get_thinnable (sqlite3 *handle, gint64 id, CgDbSegment *segment,
                                      gboolean *found, GError **error);

/* The path of the segment when it is unprotected; NULL when it is
 * protected or gone. */
gboolean cg_db_segment_unprotected_path (sqlite3 *handle, gint64 id, char **path,
                                         GError **error);

/* Deletes the row of a complete, unprotected segment.  *path is its file,
 * for the caller to remove once the transaction is committed, and *bytes
 * its size; *path is NULL when the row was not deleted (protected, still
 * open, or gone). */
gboolean cg_db_segment_delete_unprotected (sqlite3 *handle, gint64 id, char **path,
                                           gint64 *bytes, GError **error);

typedef enum {
  CG_DB_SEGMENT_ANY,        /* whatever the row says now: undoing a change */
  CG_DB_SEGMENT_UNTHINNED,  /* only if not thinned meanwhile */
  CG_DB_SEGMENT_THINNABLE,  /* only if not thinned, complete and unprotected */
} CgDbSegmentCondition;

/* Describes the file anew: bytes, frames, keyframes, has_audio,
 * keyframe_index, thinned, original_bytes and sha256 (NULL: not known)
 * are taken from contents.
 * *changed FALSE: the row did not meet the condition (or is gone). */
gboolean cg_db_segment_set_contents (sqlite3 *handle, gint64 id, const CgDbSegment *contents,
                                     CgDbSegmentCondition condition, gboolean *changed,
                                     GError **error);

/* ---- start-up repair ------------------------------------------------- */

gboolean cg_db_segment_mark_lost (sqlite3 *handle, gint64 id, GError **error);
gboolean cg_db_segment_delete (sqlite3 *handle, gint64 id, GError **error);

/* Completes an open segment from what its file holds: end_us, bytes,
 * frames, keyframes, keyframe_index and sha256 (NULL: not known) of
 * segment, row segment->id. */
gboolean cg_db_segment_complete (sqlite3 *handle, const CgDbSegment *segment, GError **error);

/* Adds a complete segment (a file that had no row), with its sha256 when
 * given; sets segment->id. */
gboolean cg_db_segment_insert (sqlite3 *handle, CgDbSegment *segment, GError **error);
