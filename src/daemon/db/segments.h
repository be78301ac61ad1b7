/* db/segments.h — the segments table: one row per recorded file.
 *
 * The writer thread adds and grows rows while recording (events.c); what
 * is here reads them for the API, and changes them for the storage
 * manager (deletion, thinning) and the start-up repair.
 *
 * Footage inside an incident's evidence range is protected while the
 * range is in force (the rule below, written once, in segments.c): a
 * function that removes or rewrites footage says whether it spares
 * protected rows, and tests it in the same statement as the change, so
 * that evidence marked while the storage manager was planning is still
 * safe.  A damaged segment (its file unreadable after a crash) is spared
 * the same way until an administrator releases it.
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
  gboolean damaged;       /* unreadable at start-up: kept as it is until an admin releases it */
  GBytes *keyframe_index; /* read only where a function says so */
} CgDbSegment;

void cg_db_segment_clear (CgDbSegment *segment);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgDbSegment, cg_db_segment_clear)

/* How an audit row names a segment: "camera:ID/START", START in ISO 8601
 * UTC, which still says what it was once the row is gone. */
char *cg_db_segment_audit_object (gint64 camera_id, gint64 start_us);

/* ---- the protection rule ---------------------------------------------- */

/* An evidence range is in force — the footage it overlaps is never
 * thinned or deleted by the storage policy nor removed by the start-up
 * repair — unless it was taken off (removed_us set) or its incident was
 * closed at or before kept_from_us.  An incident still open, or closed
 * after kept_from_us, keeps its evidence; so does a range whose incident
 * cannot be found.  kept_from_us is cg_db_evidence_kept_from (now,
 * [incidents] keep_days_after_close), worked out when the statement runs:
 * every function below that takes it applies this rule and no other. */

/* now_us less keep_days days (keep_days 0: released when closed). */
gint64 cg_db_evidence_kept_from (gint64 now_us, int keep_days);

/* Calls func with every evidence range in force (camera, from, to), for
 * the retention planner's accounting. */
typedef void (*CgDbEvidenceFunc) (gint64 camera_id, gint64 from_us, gint64 to_us, gpointer data);
gboolean cg_db_evidence_foreach_in_force (sqlite3 *handle, gint64 kept_from_us,
                                          CgDbEvidenceFunc func, gpointer data, GError **error);

/* Whether footage of camera_id in [start_us, end_us] overlaps evidence
 * in force (TRUE as well when the database cannot say). */
gboolean cg_db_span_is_evidence (sqlite3 *handle, gint64 camera_id, gint64 start_us,
                                 gint64 end_us, gint64 kept_from_us, gboolean *evidence,
                                 GError **error);

/* ---- reading --------------------------------------------------------- */

/* The camera's segments overlapping [from_us, to_us), lost ones left out,
 * a page at a time in (start_us, id) order: at most limit segments (0:
 * all) coming after the segment (after_start_us, after_id) — G_MININT64,
 * 0 for the first page.  The key is the row's own, so pages never repeat
 * or skip a segment, whatever is added meanwhile.  An array of
 * CgDbSegment that clears its elements; an open segment reaches to
 * now_us: its stored end lags behind. */
GArray *cg_db_segments_page (sqlite3 *handle, gint64 camera_id, gint64 from_us, gint64 to_us,
                             gint64 now_us, gint64 after_start_us, gint64 after_id, guint limit,
                             GError **error);

/* The camera's complete segments, not damaged, nearest to at_us on one
 * side: ending at or before it, newest first (before TRUE), or starting
 * at or after it, oldest first; at most limit.  For saying where footage
 * is when none was found where it was asked for. */
GArray *cg_db_segments_near (sqlite3 *handle, gint64 camera_id, gint64 at_us, gboolean before,
                             guint limit, GError **error);

/* A segment's keyframe index (packed, as cg_keyframe_index_pack()), or
 * NULL in *index when it has none. */
gboolean cg_db_segment_keyframe_index (sqlite3 *handle, gint64 id, GBytes **index,
                                       GError **error);

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

/* Bytes of the footage the storage policy never removes: inside evidence
 * in force, or damaged; with per_camera (not NULL) the same per camera
 * that has any, as CgDbProtected in camera order. */
typedef struct {
  gint64 camera_id;
  gint64 bytes;
} CgDbProtected;
gboolean cg_db_segments_protected_bytes (sqlite3 *handle, gint64 kept_from_us, gint64 *bytes,
                                         GArray *per_camera, GError **error);

/* Calls func with every complete segment (an open one is still being
 * written), for the retention planner: only id, camera_id, start_us,
 * end_us (start_us when not known), bytes, thinned and damaged are
 * filled, and the segment lives for the call only.  No array: there may
 * be millions. */
typedef void (*CgDbSegmentFunc) (const CgDbSegment *segment, gpointer data);
gboolean cg_db_segments_foreach_complete (sqlite3 *handle, CgDbSegmentFunc func, gpointer data,
                                          GError **error);

/* Every segment not known to be lost (id, path, state, start), for the
 * start-up repair. */
GArray *cg_db_segments_not_lost (sqlite3 *handle, GError **error);

/* Damaged segments not lost: how many, and their bytes. */
gboolean cg_db_segments_damaged (sqlite3 *handle, gint64 *count, gint64 *bytes, GError **error);

/* ---- a picture at a time ------------------------------------------------ */

/* The camera's segment (not lost) that holds the instant at_us: the one
 * starting latest at or before it that has not ended (one being written
 * reaches to now_us) or ended less than slack_us before it; with its
 * keyframe index (NULL while it is written).  *found FALSE when none. */
gboolean cg_db_segment_at (sqlite3 *handle, gint64 camera_id, gint64 at_us, gint64 now_us,
                           gint64 slack_us, CgDbSegment *segment, gboolean *found,
                           GError **error);

/* The camera's recordings nearest to at_us, on either side, each as the
 * span {start, end} of the run of segments with no gap of gap_us or more
 * (one being written ends at now_us): before, the run of the latest
 * segment starting at or before at_us; after, of the first starting
 * after it.  {0, 0} when there is none on that side. */
gboolean cg_db_segments_nearest (sqlite3 *handle, gint64 camera_id, gint64 at_us, gint64 now_us,
                                 gint64 gap_us, gint64 before[2], gint64 after[2],
                                 GError **error);

/* ---- storage policy: protected and damaged rows are spared ------------ */

/* kept_from_us: see the protection rule above. */

/* A complete, unprotected segment not thinned yet, with its keyframe
 * index; *found FALSE when the segment is not one of those (any more). */
gboolean cg_db_segment_get_thinnable (sqlite3 *handle, gint64 id, gint64 kept_from_us,
                                      CgDbSegment *segment, gboolean *found, GError **error);

/* The segment when the policy may remove it (complete, unprotected, not
 * damaged); *found FALSE otherwise. */
gboolean cg_db_segment_get_removable (sqlite3 *handle, gint64 id, gint64 kept_from_us,
                                      CgDbSegment *segment, gboolean *found, GError **error);

/* Deletes the row of a segment the policy may remove.  *deleted is the
 * row as it was (its path the file for the caller to remove once the
 * transaction is committed); deleted->path is NULL when nothing was
 * deleted (protected, damaged, still open, or gone).  The caller clears
 * *deleted. */
gboolean cg_db_segment_delete_unprotected (sqlite3 *handle, gint64 id, gint64 kept_from_us,
                                           CgDbSegment *deleted, GError **error);

typedef enum {
  CG_DB_SEGMENT_ANY,        /* whatever the row says now: undoing a change */
  CG_DB_SEGMENT_UNTHINNED,  /* only if not thinned meanwhile */
  CG_DB_SEGMENT_THINNABLE,  /* only if not thinned, complete and unprotected */
} CgDbSegmentCondition;

/* Describes the file anew: bytes, frames, keyframes, has_audio,
 * keyframe_index, thinned, original_bytes and sha256 (NULL: not known)
 * are taken from contents.  kept_from_us counts for
 * CG_DB_SEGMENT_THINNABLE only.
 * *changed FALSE: the row did not meet the condition (or is gone). */
gboolean cg_db_segment_set_contents (sqlite3 *handle, gint64 id, const CgDbSegment *contents,
                                     CgDbSegmentCondition condition, gint64 kept_from_us,
                                     gboolean *changed, GError **error);

/* ---- start-up repair ------------------------------------------------- */

gboolean cg_db_segment_mark_lost (sqlite3 *handle, gint64 id, GError **error);
gboolean cg_db_segment_delete (sqlite3 *handle, gint64 id, GError **error);

/* An open segment whose file cannot be read back: complete and damaged,
 * bytes the file's size, its end as far as the writer had said. */
gboolean cg_db_segment_mark_damaged (sqlite3 *handle, gint64 id, gint64 bytes, GError **error);

/* An administrator examined it: the policy treats it as any other
 * segment again.  *changed FALSE when it was not damaged. */
gboolean cg_db_segment_release_damaged (sqlite3 *handle, gint64 id, gboolean *changed,
                                        GError **error);

/* Completes an open segment from what its file holds: end_us, bytes,
 * frames, keyframes, keyframe_index and sha256 (NULL: not known) of
 * segment, row segment->id. */
gboolean cg_db_segment_complete (sqlite3 *handle, const CgDbSegment *segment, GError **error);

/* Adds a complete segment (a file that had no row), with its sha256 when
 * given, damaged when segment->damaged says so; sets segment->id. */
gboolean cg_db_segment_insert (sqlite3 *handle, CgDbSegment *segment, GError **error);
