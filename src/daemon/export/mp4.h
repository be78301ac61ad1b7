/* export/mp4.h — segments remuxed into one MP4 that plays anywhere.
 *
 * Pass-through (libavformat demux of each MPEG-TS segment, mp4 mux, no
 * decoding): H.264 tagged avc1, H.265 hvc1, AAC sound when the footage
 * has it; the index (moov) before the media (movflags=+faststart), so a
 * player starts at once.  The first piece starts at the last keyframe
 * at or before its start (a picture can only start there); each piece
 * ends at its end.  Every segment starts its own timestamps: each piece
 * is placed right after the one before (a gap between them is left out,
 * the plan lists it), and decode times only ever increase.
 * Segments are read from descriptors opened by the caller, so that what
 * is exported is the file whose digest the caller took.
 */
#pragma once

#include <glib.h>

typedef struct {
  int fd;                  /* the segment, open for reading (not taken), or -1: see open_piece */
  const char *name;        /* for messages */
  gint64 start_us, end_us; /* the segment's wall-clock start and end */
  gint64 from_us, to_us;   /* the part to take */
  gboolean has_audio;
} CgMp4Piece;

/* done_us: how much of the MP4 is written, in its own time. */
typedef void (*CgMp4Progress) (gpointer data, gint64 done_us);

/* The descriptor of piece i when it is first needed (a long export has
 * more segments than a process may hold open): -1 with error when it
 * cannot be had.  Released once the piece is written. */
typedef int (*CgMp4OpenPiece) (gpointer data, guint i, GError **error);
typedef void (*CgMp4ReleasePiece) (gpointer data, guint i);

typedef struct {
  const gint *cancel;      /* non-zero: stop at the next packet (G_IO_ERROR_CANCELLED) */
  CgMp4OpenPiece open_piece; /* NULL: the pieces' fd */
  CgMp4ReleasePiece release_piece;
  gpointer piece_data;
  gint64 pace_us;          /* a pause after each picture (test hook; 0: none) */
  CgMp4Progress progress;
  gpointer progress_data;
} CgMp4Options;

typedef struct {
  gint64 from_us;          /* the wall-clock time of its first picture */
  gint64 to_us;            /* and of the end of its last */
  gint64 duration_us;      /* its length */
  gint64 frames;           /* pictures written */
  char *audio;             /* "aac" when it has sound, else NULL */
} CgMp4Result;

/* Writes dst (which must not exist) from pieces (at least one).  On
 * failure dst may be left for the caller to remove.  A full disk is
 * G_IO_ERROR_NO_SPACE; a cancel, G_IO_ERROR_CANCELLED; others are
 * CG_ERROR. */
gboolean cg_mp4_write (const CgMp4Piece *pieces, guint n, const char *dst,
                       const CgMp4Options *options, CgMp4Result *result, GError **error);
void cg_mp4_result_clear (CgMp4Result *result);
