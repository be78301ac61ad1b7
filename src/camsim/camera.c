/* camera.c — turning a camera's loop into a running RTSP stream.
 *
 * The pipeline is appsrc ! parse ! pay.  appsrc is not live: the server's
 * sinks wait on the clock for each buffer's timestamp, so pushing a frame
 * whenever appsrc asks for one paces the stream in real time at no cost
 * beyond copying references.  config-interval=-1 puts the parameter sets
 * before every keyframe in RTP too.
 *
 * With --audio a second appsrc feeds a second payloader in the same
 * pipeline.  Both feeders start at stream time 0 and share the pipeline's
 * clock, so the tracks stay in step; the audio feeder applies stalls too
 * (the whole camera falls silent), but no other stream fault.
 */
#define G_LOG_DOMAIN "canhgac-camsim"
#include "build-config.h"

#include "camsim/camera.h"

#include "camsim/feeder.h"

#include <gst/app/gstappsrc.h>

#define CAMERA_KEY "cg-camsim-camera"
#define RTP_CLOCK_RATE 90000 /* H.264 and H.265 over RTP */

static void
need_data (GstAppSrc *src, guint length, gpointer user_data)
{
  CgCamsimFeeder *feeder = user_data;
  CgCamsimFeederOutput out;
  cg_camsim_feeder_next (feeder, &out);
  GstBuffer *buf = gst_buffer_new_wrapped_bytes (out.data);
  g_bytes_unref (out.data);
  GST_BUFFER_PTS (buf) = (GstClockTime) out.pts_ns;
  GST_BUFFER_DTS (buf) = (GstClockTime) out.dts_ns;
  GST_BUFFER_DURATION (buf) = (GstClockTime) out.duration_ns;
  if (!out.key)
    GST_BUFFER_FLAG_SET (buf, GST_BUFFER_FLAG_DELTA_UNIT);
  gst_app_src_push_buffer (src, buf); /* takes the buffer */
}

/* tsjump: rewrites the RTP timestamp field (bytes 4-7 of the fixed
 * header) as a camera whose clock was set back would send it.  The
 * offset depends only on the buffer's time, so every packet of a frame
 * gets the same one. */
static gboolean
shift_rtp_timestamp (GstBuffer **buf, guint idx, gpointer user_data)
{
  const CgCamsimFault *tsjump = user_data;
  GstClockTime pts = GST_BUFFER_PTS (*buf);
  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return TRUE;
  gint64 back_ns = cg_camsim_tsjump_offset (tsjump, (gint64) pts);
  if (back_ns == 0)
    return TRUE;
  guint32 ticks = (guint32) gst_util_uint64_scale ((guint64) back_ns, RTP_CLOCK_RATE, GST_SECOND);
  guint8 field[4];
  if (gst_buffer_extract (*buf, 4, field, 4) != 4)
    return TRUE;
  guint32 ts = ((guint32) field[0] << 24 | (guint32) field[1] << 16 | (guint32) field[2] << 8
                | field[3]) - ticks;
  field[0] = (guint8) (ts >> 24), field[1] = (guint8) (ts >> 16);
  field[2] = (guint8) (ts >> 8), field[3] = (guint8) ts;
  *buf = gst_buffer_make_writable (*buf);
  gst_buffer_fill (*buf, 4, field, 4);
  return TRUE;
}

static GstPadProbeReturn
on_rtp_out (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    {
      GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
      shift_rtp_timestamp (&buf, 0, user_data);
      GST_PAD_PROBE_INFO_DATA (info) = buf;
    }
  else if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    {
      GstBufferList *list = gst_buffer_list_make_writable (GST_PAD_PROBE_INFO_BUFFER_LIST (info));
      gst_buffer_list_foreach (list, shift_rtp_timestamp, user_data);
      GST_PAD_PROBE_INFO_DATA (info) = list;
    }
  return GST_PAD_PROBE_OK;
}

/* The caps of a loop's access units as appsrc sends them. */
static GstCaps *
caps_of (const CgCamsimLoop *loop)
{
  switch (loop->codec)
    {
    case CG_CAMSIM_CODEC_H264:
    case CG_CAMSIM_CODEC_H265:
      return gst_caps_new_simple (loop->codec == CG_CAMSIM_CODEC_H265 ? "video/x-h265"
                                                                      : "video/x-h264",
                                  "stream-format", G_TYPE_STRING, "byte-stream",
                                  "alignment", G_TYPE_STRING, "au", NULL);
    case CG_CAMSIM_CODEC_AAC:
      {
        g_autoptr (GstBuffer) config = gst_buffer_new_wrapped_bytes (loop->codec_data);
        return gst_caps_new_simple ("audio/mpeg", "mpegversion", G_TYPE_INT, 4,
                                    "stream-format", G_TYPE_STRING, "raw",
                                    "rate", G_TYPE_INT, (int) loop->sample_rate,
                                    "channels", G_TYPE_INT, (int) loop->channels,
                                    "codec_data", GST_TYPE_BUFFER, config, NULL);
      }
    case CG_CAMSIM_CODEC_PCMU:
      return gst_caps_new_simple ("audio/x-mulaw", "rate", G_TYPE_INT, (int) loop->sample_rate,
                                  "channels", G_TYPE_INT, (int) loop->channels, NULL);
    }
  g_assert_not_reached ();
}

/* Makes the appsrc called `name` play the feeder, which it then owns. */
static void
feed (GstElement *bin, const char *name, const CgCamsimLoop *loop, CgCamsimFeeder *feeder)
{
  g_autoptr (GstElement) src = gst_bin_get_by_name_recurse_up (GST_BIN (bin), name);
  g_assert (src != NULL);
  g_autoptr (GstCaps) caps = caps_of (loop);
  /* Audio packets are small and short: a deeper queue costs nothing. */
  guint64 max_buffers = loop->sample_rate > 0 ? 4 : 2;
  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "max-buffers", max_buffers, NULL);
  GstAppSrcCallbacks callbacks = { .need_data = need_data };
  gst_app_src_set_callbacks (GST_APP_SRC (src), &callbacks, feeder,
                             (GDestroyNotify) cg_camsim_feeder_free);
}

static void
on_media_configure (GstRTSPMediaFactory *factory, GstRTSPMedia *media, gpointer user_data)
{
  CgCamsimCamera *camera = user_data;
  g_object_set_data (G_OBJECT (media), CAMERA_KEY, camera);
  g_autoptr (GstElement) bin = gst_rtsp_media_get_element (media);
  g_autoptr (GstElement) pay = gst_bin_get_by_name_recurse_up (GST_BIN (bin), "pay0");
  g_assert (pay != NULL);

  CgCamsimFeederFaults faults = {
    .stall = camera->faults[CG_CAMSIM_FAULT_STALL],
    .throttle = camera->faults[CG_CAMSIM_FAULT_THROTTLE],
    .garbage = camera->faults[CG_CAMSIM_FAULT_GARBAGE],
    .resize = camera->faults[CG_CAMSIM_FAULT_RESIZE],
  };
  feed (bin, "src", camera->loop,
        cg_camsim_feeder_new (camera->loop, camera->alt_loop, &faults, g_random_int ()));
  if (camera->audio != NULL)
    {
      /* The same stall schedule: both tracks skip the same silence. */
      CgCamsimFeederFaults audio_faults = { .stall = faults.stall };
      feed (bin, "asrc", camera->audio,
            cg_camsim_feeder_new (camera->audio, NULL, &audio_faults, g_random_int ()));
    }

  const CgCamsimFault *tsjump = camera->faults[CG_CAMSIM_FAULT_TSJUMP];
  if (tsjump != NULL)
    {
      g_autoptr (GstPad) srcpad = gst_element_get_static_pad (pay, "src");
      gst_pad_add_probe (srcpad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST,
                         on_rtp_out, (gpointer) tsjump, NULL);
    }
  g_debug ("%s: new stream", camera->name);
}

CgCamsimCamera *
cg_camsim_camera_new (guint number, CgCamsimLoop *loop, CgCamsimLoop *alt_loop,
                      CgCamsimLoop *audio, const CgCamsimFault *const faults[CG_CAMSIM_N_FAULTS])
{
  CgCamsimCamera *camera = g_new0 (CgCamsimCamera, 1);
  camera->number = number;
  camera->name = g_strdup_printf ("cam%u", number);
  camera->path = g_strdup_printf ("/cam%u", number);
  camera->loop = cg_camsim_loop_ref (loop);
  camera->alt_loop = alt_loop != NULL ? cg_camsim_loop_ref (alt_loop) : NULL;
  camera->audio = audio != NULL ? cg_camsim_loop_ref (audio) : NULL;
  for (int k = 0; k < CG_CAMSIM_N_FAULTS; k++)
    camera->faults[k] = faults[k];

  gboolean hevc = loop->codec == CG_CAMSIM_CODEC_H265;
  const char *audio_branch = "";
  if (audio != NULL && audio->codec == CG_CAMSIM_CODEC_AAC)
    audio_branch = " appsrc name=asrc is-live=false ! aacparse ! rtpmp4gpay name=pay1 pt=97";
  else if (audio != NULL)
    audio_branch = " appsrc name=asrc is-live=false ! rtppcmupay name=pay1";
  g_autofree char *launch = g_strdup_printf (
      "( appsrc name=src is-live=false ! %s ! %s name=pay0 pt=96 config-interval=-1%s )",
      hevc ? "h265parse" : "h264parse", hevc ? "rtph265pay" : "rtph264pay", audio_branch);
  camera->factory = gst_rtsp_media_factory_new ();
  gst_rtsp_media_factory_set_launch (camera->factory, launch);
  gst_rtsp_media_factory_set_shared (camera->factory, TRUE);
  g_signal_connect (camera->factory, "media-configure", G_CALLBACK (on_media_configure), camera);
  return camera;
}

void
cg_camsim_camera_free (CgCamsimCamera *camera)
{
  if (camera == NULL)
    return;
  g_signal_handlers_disconnect_by_data (camera->factory, camera);
  g_clear_object (&camera->factory);
  cg_camsim_loop_unref (camera->loop);
  cg_camsim_loop_unref (camera->alt_loop);
  cg_camsim_loop_unref (camera->audio);
  g_free (camera->name);
  g_free (camera->path);
  g_free (camera->query);
  g_free (camera);
}

CgCamsimCamera *
cg_camsim_camera_of_media (GstRTSPMedia *media)
{
  return g_object_get_data (G_OBJECT (media), CAMERA_KEY);
}
