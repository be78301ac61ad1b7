/* loop.c — the lifetime of pre-encoded loops. */
#include "build-config.h"

#include "camsim/loop.h"

CgCamsimLoop *
cg_camsim_loop_new (CgCamsimCodec codec, guint n_units)
{
  CgCamsimLoop *loop = g_rc_box_new0 (CgCamsimLoop);
  loop->codec = codec;
  loop->n_units = n_units;
  loop->units = g_new0 (CgCamsimUnit, n_units);
  return loop;
}

CgCamsimLoop *
cg_camsim_loop_ref (CgCamsimLoop *loop)
{
  return g_rc_box_acquire (loop);
}

static void
loop_clear (gpointer data)
{
  CgCamsimLoop *loop = data;
  for (guint i = 0; i < loop->n_units; i++)
    g_clear_pointer (&loop->units[i].data, g_bytes_unref);
  g_free (loop->units);
  g_clear_pointer (&loop->codec_data, g_bytes_unref);
}

void
cg_camsim_loop_unref (CgCamsimLoop *loop)
{
  if (loop != NULL)
    g_rc_box_release_full (loop, loop_clear);
}

guint64
cg_camsim_loop_bytes (const CgCamsimLoop *loop)
{
  guint64 total = 0;
  for (guint i = 0; i < loop->n_units; i++)
    total += loop->units[i].data != NULL ? g_bytes_get_size (loop->units[i].data) : 0;
  return total;
}

const char *
cg_camsim_codec_name (CgCamsimCodec codec)
{
  switch (codec)
    {
    case CG_CAMSIM_CODEC_H264: return "H.264";
    case CG_CAMSIM_CODEC_H265: return "H.265";
    case CG_CAMSIM_CODEC_AAC: return "AAC";
    case CG_CAMSIM_CODEC_PCMU: return "G.711 µ-law";
    }
  g_assert_not_reached ();
}

gboolean
cg_camsim_parse_audio_codec (const char *text, CgCamsimCodec *codec)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "aac") == 0)
    *codec = CG_CAMSIM_CODEC_AAC;
  else if (g_ascii_strcasecmp (text, "pcmu") == 0)
    *codec = CG_CAMSIM_CODEC_PCMU;
  else
    return FALSE;
  return TRUE;
}
