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

/* Whether a file is provably empty: no bytes, or not one place where a
 * whole 188-byte MPEG-TS packet could start (its sync byte, 0x47, with a
 * packet's length after it) — a file cut at its creation, or zeros where
 * a power cut left the file system's blocks unwritten.  Anything else,
 * garbled or not, may hold a picture.  *bytes: its size.  FALSE with
 * error when it cannot be read through (then it is not provably empty). */
gboolean cg_segment_is_empty (const char *path, gboolean *empty, gint64 *bytes, GError **error);
