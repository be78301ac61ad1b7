/* thinner.h — rewriting a segment keeping its keyframes only.
 *
 * A pass-through remux (libavformat demux, mpegts mux, no decoding): the
 * video keyframes keep their timestamps, everything else (other video
 * frames, audio) is left out, and the last keyframe is sent once more at
 * the time of the segment's last frame, so that the thinned file covers
 * the same time range as the original.  Writing goes to a separate file
 * that is flushed to the disk before this returns; putting it in place
 * is the caller's step (storage/manager.c), ordered against the database.
 */
#pragma once

#include <glib.h>

typedef struct {
  gint64 bytes;
  gint64 frames, keyframes;
  gint64 duration_us;
  GBytes *index; /* packed, as cg_keyframe_index_pack() */
  char *sha256;  /* of the thinned file, hex: it names the footage from now on */
} CgThinResult;

/* Writes the thinned copy of src to dst (which must not exist) and
 * fsyncs it.  cancel, when it becomes non-zero, stops the work at the
 * next packet (FALSE, G_IO_ERROR_CANCELLED).  pace_us: a pause after
 * every packet written (0: none), to keep the disk for capture.
 * On failure dst is removed.  ENOSPC is CG_ERROR_IO. */
gboolean cg_thinner_run (const char *src, const char *dst, const gint *cancel, gint64 pace_us,
                         CgThinResult *result, GError **error);
void cg_thin_result_clear (CgThinResult *result);
