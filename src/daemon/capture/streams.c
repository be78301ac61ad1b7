/* streams.c — which streams a recording carries. */
#include "daemon/capture/streams.h"

gboolean
cg_capture_video_recordable (enum AVCodecID id)
{
  return id == AV_CODEC_ID_H264 || id == AV_CODEC_ID_HEVC;
}

gboolean
cg_capture_audio_recordable (enum AVCodecID id)
{
  return id == AV_CODEC_ID_AAC || id == AV_CODEC_ID_MP2 || id == AV_CODEC_ID_MP3
         || id == AV_CODEC_ID_AC3 || id == AV_CODEC_ID_OPUS;
}

void
cg_capture_map_streams (int *map, gsize len, int video, int audio)
{
  for (gsize i = 0; i < len; i++)
    map[i] = -1;
  if (video >= 0 && (gsize) video < len)
    map[video] = 0;
  if (audio >= 0 && (gsize) audio < len)
    map[audio] = 1;
}
