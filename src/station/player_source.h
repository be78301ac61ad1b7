/* player_source.h — one segment's packets, read from the descriptor
 * recording.open handed over (the player's input side; player.h).
 *
 * libavformat's MPEG-TS demuxer reads through an AVIOContext of our own
 * on the descriptor (pread at our own offset, the size from fstat): the
 * station never opens a path, and a segment the storage manager deletes
 * meanwhile reads on, since the descriptor holds the file.  Video
 * packets come out with their times as offsets from the segment's first
 * packet (a frame's wall-clock time is the segment's start plus that
 * offset), and every keyframe met goes into an index (offset, byte), so
 * that a seek starts from the keyframe at or before a time.
 *
 * A segment still being written grows while it is read.  The demuxer
 * hands out the last frame on the disk even when its end is not written
 * yet; so at the end of a growing file that frame is held back, and read
 * again from its first byte once the file has grown (or once the player
 * says the daemon has closed it).
 */
#pragma once

#include <glib.h>
#include <libavcodec/avcodec.h>

typedef struct CgSegmentSource CgSegmentSource;

typedef enum {
  CG_SOURCE_PACKET, /* a packet, or (open, scan, seek) done */
  CG_SOURCE_WAIT,   /* growing: nothing more on the disk yet */
  CG_SOURCE_END,    /* the whole segment has been read */
  CG_SOURCE_ERROR,
} CgSourceResult;

typedef struct {
  gint64 offset_us; /* from the segment's first packet */
  gint64 pos;       /* the byte its packet starts at */
} CgKeyframe;

/* Takes fd.  `growing`: the daemon is still writing it.  `name` says
 * which footage in messages ("Cổng chợ, 27/11/2026 19:09:13"). */
CgSegmentSource *cg_segment_source_new (int fd, gboolean growing, const char *name);
void cg_segment_source_free (CgSegmentSource *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSegmentSource, cg_segment_source_free)

/* The daemon has closed it: read it to its end, the last frame too. */
void cg_segment_source_set_final (CgSegmentSource *s);
gboolean cg_segment_source_growing (CgSegmentSource *s);

/* Opens the demuxer when it is not yet (reading does it too): WAIT while
 * a growing file holds too little to start. */
CgSourceResult cg_segment_source_open (CgSegmentSource *s, GError **error);

/* The stream's codec, once open (NULL before). */
const AVCodecParameters *cg_segment_source_codecpar (CgSegmentSource *s);

/* The next video packet into pkt, its presentation and decoding times
 * as offsets. */
CgSourceResult cg_segment_source_read (CgSegmentSource *s, AVPacket *pkt, gint64 *pts_us,
                                       gint64 *dts_us, GError **error);

/* The next read returns keyframe k of the index (NULL: the first). */
gboolean cg_segment_source_seek (CgSegmentSource *s, const CgKeyframe *k, GError **error);

/* The known keyframe at or before offset (the first when offset is
 * earlier); NULL before the source is open. */
const CgKeyframe *cg_segment_source_keyframe_at (CgSegmentSource *s, gint64 offset_us);

/* Every keyframe up to this offset is in the index (G_MAXINT64 once the
 * whole segment has been read). */
gint64 cg_segment_source_indexed_to (CgSegmentSource *s);

/* Reads on, without keeping packets, until every keyframe up to offset
 * is known, the segment ends (END) or what is on the disk does (WAIT).
 * The read position is lost: seek afterwards. */
CgSourceResult cg_segment_source_scan (CgSegmentSource *s, gint64 offset_us, GError **error);

/* The keyframes known, in order (CgKeyframe). */
const GArray *cg_segment_source_keyframes (CgSegmentSource *s);
