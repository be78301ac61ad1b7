/* segment_writer.h — one MPEG-TS segment on disk, written pass-through.
 *
 * Packets are muxed untouched (no decoding, no re-encoding) into a file
 * opened by the writer, whose bytes go through our own write callback so
 * that the writer knows every byte offset (for the keyframe index), sees
 * ENOSPC as an error instead of a silent short write, and can fdatasync
 * about once a second: a power cut loses at most that much.
 */
#pragma once

#include <glib.h>
#include <libavformat/avformat.h>

typedef struct CgSegmentWriter CgSegmentWriter;

typedef struct {
  gint64 offset_us; /* from the segment's start */
  gint64 byte;      /* where a reader can start decoding */
} CgKeyframeEntry;

/* Opens `path` (which must not exist) for the given input streams, in the
 * same order; timestamps given to write() are in each stream's time_base. */
CgSegmentWriter *cg_segment_writer_open (const char *path, AVStream **streams,
                                         int n_streams, GError **error);

/* Writes one packet (its timestamps already made monotonic by the
 * caller); `offset_us` is its place in the segment, for the index. */
gboolean cg_segment_writer_write (CgSegmentWriter *writer, AVPacket *packet,
                                  gint64 offset_us, GError **error);

/* Flushes to the kernel and then to the disk. */
gboolean cg_segment_writer_sync (CgSegmentWriter *writer, GError **error);

/* Writes the trailer, syncs and closes; the writer is freed either way. */
gboolean cg_segment_writer_close (CgSegmentWriter *writer, GError **error);

gint64 cg_segment_writer_bytes (CgSegmentWriter *writer);
gint64 cg_segment_writer_frames (CgSegmentWriter *writer);
gint64 cg_segment_writer_keyframes (CgSegmentWriter *writer);

/* The index packed for the database: little-endian (uint32 ms offset,
 * uint32 byte offset) pairs.  Caller frees. */
GBytes *cg_segment_writer_index (CgSegmentWriter *writer);

/* Reads a packed index back; returns the number of entries. */
GArray *cg_keyframe_index_unpack (const void *data, gsize size);
GBytes *cg_keyframe_index_pack (const GArray *entries);
