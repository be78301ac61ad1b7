/* loop.h — a camera's pre-encoded video (or audio): a few seconds of
 * access units, starting at a keyframe, that a feeder plays over and over.
 *
 * Loops are made once at start-up (encoder.c generates them with
 * libavcodec, clip.c reads them from a file with libavformat, audio.c
 * encodes the --audio track) and are
 * never changed after: streaming only hands out references to the same
 * bytes, so serving many cameras costs no encoding.
 */
#pragma once

#include "camsim/picture.h"

#include <glib.h>

typedef enum {
  CG_CAMSIM_CODEC_H264,
  CG_CAMSIM_CODEC_H265,
  CG_CAMSIM_CODEC_AAC,  /* AAC-LC, raw frames: the setup is in codec_data */
  CG_CAMSIM_CODEC_PCMU, /* G.711 µ-law */
} CgCamsimCodec;

/* One access unit (a frame), Annex B byte stream with start codes;
 * keyframes carry their parameter sets in band.  Audio units are all
 * "keyframes". */
typedef struct {
  GBytes *data;
  gint64 pts_ns; /* from the start of the loop */
  gint64 dts_ns;
  gboolean key;
} CgCamsimUnit;

typedef struct {
  CgCamsimCodec codec;
  guint width, height;
  guint sample_rate, channels; /* audio */
  GBytes *codec_data;          /* AAC: the AudioSpecificConfig; else NULL */
  gint64 duration_ns;  /* one pass: the next pass starts this much later */
  gint64 frame_ns;     /* nominal frame duration */
  guint n_units;
  CgCamsimUnit *units; /* units[0].key is TRUE */
} CgCamsimLoop;

/* What to generate. */
typedef struct {
  CgCamsimCodec codec;
  guint width, height;
  guint fps;
  guint bitrate_kbps;
  guint gop_seconds;
  guint loop_seconds; /* rounded up to whole GOPs */
  const char *label;  /* drawn into the picture */
  guint seed;         /* varies the colours between cameras */
  CgCamsimScene scene; /* what moves; the loop is a multiple of its period */
} CgCamsimEncodeParams;

/* Loops are reference-counted: in --clip mode every camera shares one. */
CgCamsimLoop *cg_camsim_loop_ref (CgCamsimLoop *loop);
void cg_camsim_loop_unref (CgCamsimLoop *loop);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCamsimLoop, cg_camsim_loop_unref)

/* Allocates a loop of n_units zeroed units (for encoder.c and clip.c). */
CgCamsimLoop *cg_camsim_loop_new (CgCamsimCodec codec, guint n_units);

/* Sum of the units' sizes. */
guint64 cg_camsim_loop_bytes (const CgCamsimLoop *loop);

/* "H.264", "H.265", "AAC" or "G.711 µ-law" */
const char *cg_camsim_codec_name (CgCamsimCodec codec);

/* The value of --audio: "aac" or "pcmu" (any case). */
gboolean cg_camsim_parse_audio_codec (const char *text, CgCamsimCodec *codec);

/* encoder.c: renders and encodes one loop (closed GOPs, no B-frames). */
CgCamsimLoop *cg_camsim_loop_encode (const CgCamsimEncodeParams *params, GError **error);

/* encoder.c: encodes n loops on a pool of threads, one per processor.
 * out[i] receives the loop for params[i]; on failure every out[i] is
 * NULL and the first error is returned. */
gboolean cg_camsim_loop_encode_many (const CgCamsimEncodeParams *params, guint n,
                                     CgCamsimLoop **out, GError **error);

/* clip.c: the H.264 or H.265 video packets of a file, from its first
 * keyframe, passed through (converted to Annex B when the container
 * stores them otherwise).  At most max_seconds are kept, cut before a
 * keyframe. */
CgCamsimLoop *cg_camsim_loop_load_clip (const char *path, guint max_seconds, GError **error);

/* audio.c: the --audio track for video loops of video_ns, encoded once:
 * a tone pattern that repeats every video_ns.  AAC frames hold 1024
 * samples, which rarely divide a pass, so the loop may span a few passes
 * (at most 8 for whole seconds); its duration is an exact multiple of
 * video_ns so that audio and video never drift apart. */
CgCamsimLoop *cg_camsim_audio_encode (CgCamsimCodec codec, gint64 video_ns, GError **error);
