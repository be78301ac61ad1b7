/* av_autoptr.h — g_autoptr() for the FFmpeg objects we allocate, defined
 * once for every program that links FFmpeg. */
#pragma once

#include <glib.h>
#include <libavcodec/avcodec.h>
#include <libavcodec/bsf.h>

static inline void
cg_av_codec_context_free (AVCodecContext *c)
{
  avcodec_free_context (&c);
}

static inline void
cg_av_frame_free (AVFrame *f)
{
  av_frame_free (&f);
}

static inline void
cg_av_packet_free (AVPacket *p)
{
  av_packet_free (&p);
}

static inline void
cg_av_bsf_free (AVBSFContext *b)
{
  av_bsf_free (&b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AVCodecContext, cg_av_codec_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AVFrame, cg_av_frame_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AVPacket, cg_av_packet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AVBSFContext, cg_av_bsf_free)
