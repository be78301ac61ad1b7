/* demo_footage.h — footage for the demo's made-up weeks.
 *
 * A few seconds a camera really sent (a segment the recorder wrote) are
 * looped, untouched, into a segment of any length: at full rate, or with
 * its keyframes only, as the storage manager's thinning leaves older
 * footage.  The demo's history (demo_history.c) writes one such file per
 * camera and kind and links every other segment of that kind to it.
 */
#pragma once

#include <glib.h>

typedef struct {
  gint64 bytes, frames, keyframes;
  GBytes *index;  /* packed, as cg_keyframe_index_pack() */
  char *sha256;   /* of the file, hex */
  char *codec;
  int width, height;
} CgDemoClip;

/* Writes dst (which must not exist) from src's video, looped from its
 * first keyframe for duration_us; keyframes_only keeps the keyframes
 * alone.  On failure dst is removed. */
gboolean cg_demo_footage_write (const char *src, const char *dst, gint64 duration_us,
                                gboolean keyframes_only, CgDemoClip *clip, GError **error);
void cg_demo_clip_clear (CgDemoClip *clip);
