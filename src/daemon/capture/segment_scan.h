/* segment_scan.h — what a segment file holds, read back from the file.
 *
 * Used where the database cannot be trusted to know: after a crash (a
 * segment left open) and for files that have no row.
 */
#pragma once

#include <glib.h>

typedef struct {
  gint64 duration_us; /* first video frame to the end of the last */
  gint64 bytes;
  gint64 frames, keyframes;
  int width, height;
  char *codec;
  gboolean has_audio;
  GArray *index;      /* CgKeyframeEntry */
} CgSegmentScan;

/* Reads the whole file; a file cut short by a power failure is read up to
 * its last whole packet.  FALSE when it holds no video at all. */
gboolean cg_segment_scan (const char *path, CgSegmentScan *scan, GError **error);
void cg_segment_scan_clear (CgSegmentScan *scan);
