/* player_decode.h — the frames of one segment, decoded on demand (the
 * player's middle layer; player.h).
 *
 * Asked for the frame shown at an offset, the decoder goes on from the
 * frame it holds when that is the shorter way, else starts again from
 * the keyframe at or before the offset; packets before a later keyframe
 * that still comes before the offset are read but never decoded, and
 * frames between are decoded but never converted: the work is bounded
 * by a group of pictures, however far the offset.  Keyframes alone
 * (fast and reverse play) are decoded one by one without their group.
 * Pixels are converted to packed RGB (swscale) only for the frame asked
 * for, at the size asked for.
 */
#pragma once

#include "station/player_source.h"

#include <glib.h>
#include <libavutil/frame.h>

typedef struct CgSegmentDecoder CgSegmentDecoder;

typedef enum {
  CG_DECODED_FRAME, /* cg_segment_decoder_frame() is the answer (maybe unchanged) */
  CG_DECODED_WAIT,  /* growing: the answer is not on the disk yet; the frame
                     * held (if any) is the latest there is */
  CG_DECODED_NONE,  /* no such frame: before the first, after the last of a
                     * finished segment, or a segment without pictures */
  CG_DECODED_ERROR,
} CgDecodeResult;

/* Takes source. */
CgSegmentDecoder *cg_segment_decoder_new (CgSegmentSource *source);
void cg_segment_decoder_free (CgSegmentDecoder *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSegmentDecoder, cg_segment_decoder_free)

CgSegmentSource *cg_segment_decoder_source (CgSegmentDecoder *d);

/* The frame shown at offset: the last one at or before it (the first
 * when offset is before it, the last when after the end). */
CgDecodeResult cg_segment_decoder_seek (CgSegmentDecoder *d, gint64 offset_us, GError **error);

/* The keyframe at or before offset (the first when offset is before
 * it), decoded alone. */
CgDecodeResult cg_segment_decoder_keyframe (CgSegmentDecoder *d, gint64 offset_us,
                                            GError **error);

/* The frame after the one held (NONE after a finished segment's last). */
CgDecodeResult cg_segment_decoder_next (CgSegmentDecoder *d, GError **error);

/* The frame before the one held (NONE at the first). */
CgDecodeResult cg_segment_decoder_prev (CgSegmentDecoder *d, GError **error);

/* The frame held: NULL before any; its offset and whether it is a
 * keyframe. */
const AVFrame *cg_segment_decoder_frame (CgSegmentDecoder *d, gint64 *offset_us,
                                         gboolean *keyframe);

/* The frame held as packed RGB, width x height (width * 3 bytes a row). */
gboolean cg_segment_decoder_rgb (CgSegmentDecoder *d, int width, int height, guint8 *rgb,
                                 GError **error);

/* Frames decoded so far (for tests and benchmarks: the work done). */
guint64 cg_segment_decoder_decoded (CgSegmentDecoder *d);

/* Pictures in motion (playing, live): frames converted to under a
 * quarter of their pixels may then be decoded without the deblocking
 * filter; off, every frame in full
 * (frame-accurate stills, seeks, tests against ffmpeg). */
void cg_segment_decoder_set_quick (CgSegmentDecoder *d, gboolean quick);
