/* export/plan.h — which footage an export takes, and where it is cut.
 *
 * Given the segments of a camera that overlap the range asked for, the
 * plan says which of them go into the export and which part of each:
 * the first from the keyframe at or before the start asked for (a
 * picture can only start there), the last up to the end asked for;
 * segments thinned to keyframes are taken as they are and said to be;
 * stretches with no footage (or only footage that cannot be read) are
 * left out and listed as gaps.  It refuses what cannot be exported: an
 * empty or backward range, one longer than [export] max_hours, a range
 * with no footage, footage still being recorded, a picture that changes
 * size or codec within the range (one MP4 holds one).
 * Pure logic: no I/O, unit-tested (tests/unit/daemon/test_export_plan.c).
 */
#pragma once

#include <glib.h>

/* Segments further apart than this leave a gap (as recordings.list). */
#define CG_EXPORT_GAP_MIN_US (G_GINT64_CONSTANT (500000))

typedef struct {
  gint64 id;
  gint64 start_us, end_us;
  gint64 bytes;
  gboolean open;      /* still being recorded */
  gboolean thinned;   /* keyframes only */
  gboolean damaged;   /* unreadable after a crash */
  gboolean has_audio;
  const char *codec;  /* NULL: unknown */
  int width, height;  /* 0: unknown */
  /* Keyframes, as offsets from start_us, ascending (the first is 0: a
   * segment starts with one); NULL: only the first is known. */
  const gint64 *keyframes;
  guint n_keyframes;
} CgExportSource;

typedef struct {
  guint source;          /* index into the sources given */
  gint64 from_us, to_us; /* the part of it taken */
} CgExportPiece;

typedef struct {
  gint64 from_us, to_us;
  gboolean damaged;      /* footage there exists but cannot be read */
} CgExportGap;

typedef struct {
  GArray *pieces;        /* CgExportPiece, in time order */
  GArray *gaps;          /* CgExportGap, in time order */
  gint64 from_us, to_us; /* what the export will cover: the first piece's start, the last's end */
  gint64 duration_us;    /* of the MP4: the pieces' lengths, gaps left out */
  gint64 bytes;          /* about what the MP4 will take */
  gboolean thinned;      /* some of it is keyframes only */
  gboolean audio;        /* some of it has sound */
} CgExportPlan;

/* Plans an export of [from_us, to_us) from sources (in start order, as
 * the database gives them), at now_us (what is missing is listed up to
 * then, not into the future).  max_us: the longest range allowed.
 * FALSE with error (CG_ERROR; the message names what to do):
 * CG_ERROR_USAGE for a range that is backward or too long,
 * CG_ERROR_NOT_FOUND when no footage overlaps it (the caller words it
 * with the nearest footage, cg_export_nearest()), CG_ERROR_FAILED for
 * footage still being recorded or a picture that changes. */
gboolean cg_export_plan (const CgExportSource *sources, guint n, gint64 from_us, gint64 to_us,
                         gint64 now_us, gint64 max_us, CgExportPlan *plan, GError **error);
void cg_export_plan_clear (CgExportPlan *plan);

/* The stretch of contiguous footage that segments (newest first when
 * before, else oldest first, as cg_db_segments_near() gives them) make
 * next to a time: *from_us and *to_us; FALSE when there are none. */
gboolean cg_export_nearest (const CgExportSource *sources, guint n, gboolean before,
                            gint64 *from_us, gint64 *to_us);
