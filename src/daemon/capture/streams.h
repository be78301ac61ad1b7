/* streams.h — which of a camera's streams a recording carries (pure).
 *
 * A segment carries one video stream (H.264 or H.265) and at most one
 * audio stream MPEG-TS can hold; everything else the camera sends is
 * left out, including streams that appear only after the connection (an
 * RTSP session carrying MPEG-TS announces its programs late). */
#pragma once

#include <glib.h>
#include <libavcodec/codec_id.h>

gboolean cg_capture_video_recordable (enum AVCodecID id);
gboolean cg_capture_audio_recordable (enum AVCodecID id);

/* The table from a connection's stream indexes to a segment's streams:
 * the chosen video to 0, the chosen audio (or -1: none) to 1, every other
 * index to -1: not recorded. */
void cg_capture_map_streams (int *map, gsize len, int video, int audio);
