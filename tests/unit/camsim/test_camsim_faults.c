/* test_camsim_faults.c — canhgac-camsim's fault syntax and the stream
 * timeline its feeders produce (no GStreamer, no encoder). */
#include "unit.h"

#include "camsim/fault.h"
#include "camsim/feeder.h"
#include "camsim/loop.h"

#include <string.h>

#define SEC G_GINT64_CONSTANT (1000000)
#define MS_NS G_GINT64_CONSTANT (1000000)

static CgCamsimFault
parse_ok (const char *text)
{
  CgCamsimFault f;
  g_autoptr (GError) error = NULL;
  gboolean ok = cg_camsim_fault_parse (text, &f, &error);
  if (!ok)
    fail_msg ("'%s' refused: %s", text, error->message);
  return f;
}

static void
parse_bad (const char *text, const char *mentions)
{
  CgCamsimFault f;
  g_autoptr (GError) error = NULL;
  if (cg_camsim_fault_parse (text, &f, &error))
    fail_msg ("'%s' accepted", text);
  assert_non_null (strstr (error->message, mentions));
}

static void
test_kinds (void **state)
{
  CgCamsimFault f = parse_ok ("cam3:drop=30s");
  assert_int_equal (f.camera, 3);
  assert_int_equal (f.kind, CG_CAMSIM_FAULT_DROP);
  assert_int_equal (f.every_us, 30 * SEC);

  f = parse_ok ("all:stall");
  assert_int_equal (f.camera, CG_CAMSIM_ALL_CAMERAS);
  assert_int_equal (f.kind, CG_CAMSIM_FAULT_STALL);
  assert_int_equal (f.duration_us, 10 * SEC);
  assert_int_equal (f.every_us, 30 * SEC);

  f = parse_ok ("2:stall=20s+5s");
  assert_int_equal (f.camera, 2);
  assert_int_equal (f.every_us, 20 * SEC);
  assert_int_equal (f.duration_us, 5 * SEC);

  f = parse_ok ("CAM12:offline=3s,every=2m");
  assert_int_equal (f.camera, 12);
  assert_int_equal (f.kind, CG_CAMSIM_FAULT_OFFLINE);
  assert_int_equal (f.duration_us, 3 * SEC);
  assert_int_equal (f.every_us, 120 * SEC);

  f = parse_ok ("cam2:offline=20s+10s");
  assert_int_equal (f.every_us, 20 * SEC);
  assert_int_equal (f.duration_us, 10 * SEC);

  f = parse_ok ("cam1:throttle=300k");
  assert_int_equal (f.rate_bps, 300000);
  f = parse_ok ("cam1:throttle=1.5M");
  assert_int_equal (f.rate_bps, 1500000);

  f = parse_ok ("cam1:garbage");
  assert_true (f.percent == 5);
  f = parse_ok ("cam1:garbage=12.5%");
  assert_true (f.percent == 12.5);

  f = parse_ok ("cam1:resize");
  assert_int_equal (f.width, 0);
  assert_int_equal (f.every_us, 10 * SEC);
  f = parse_ok ("cam1:resize=640x360,every=4s");
  assert_int_equal (f.width, 640);
  assert_int_equal (f.height, 360);
  assert_int_equal (f.every_us, 4 * SEC);

  f = parse_ok ("cam1:tsjump");
  assert_int_equal (f.duration_us, 5 * SEC);
  assert_int_equal (f.every_us, 20 * SEC);
  assert_string_equal (cg_camsim_fault_kind_name (f.kind), "tsjump");
}

static void
test_errors (void **state)
{
  parse_bad ("drop=30s", "CAMERA:KIND");
  parse_bad ("cam0:drop", "not a camera");
  parse_bad ("camx:drop", "not a camera");
  parse_bad ("cam1:explode", "unknown kind 'explode'");
  parse_bad ("cam1:drop=soon", "'soon' is not valid for drop");
  parse_bad ("cam1:drop=0s", "not valid");
  parse_bad ("cam1:stall=5s+", "not valid");
  parse_bad ("cam1:throttle", "throttle=300k");
  parse_bad ("cam1:throttle=fast", "bit rate");
  parse_bad ("cam1:throttle=300k,every=5s", "takes no period");
  parse_bad ("cam1:garbage=0", "not valid");
  parse_bad ("cam1:garbage=101%", "not valid");
  parse_bad ("cam1:resize=641x360", "640x360");
  parse_bad ("cam1:drop,often", "every=DURATION");
  parse_bad ("cam1:drop,every=never", "every=DURATION");
}

static void
test_values (void **state)
{
  guint w = 0, h = 0;
  assert_true (cg_camsim_parse_size ("1280x720", &w, &h));
  assert_int_equal (w, 1280);
  assert_int_equal (h, 720);
  assert_false (cg_camsim_parse_size ("1280", &w, &h));
  assert_false (cg_camsim_parse_size ("x720", &w, &h));
  assert_false (cg_camsim_parse_size ("8x8", &w, &h));
  assert_false (cg_camsim_parse_size ("-2x720", &w, &h));
  assert_false (cg_camsim_parse_size ("99999x720", &w, &h));

  guint64 bps = 0;
  assert_true (cg_camsim_parse_rate ("64000", &bps));
  assert_int_equal (bps, 64000);
  assert_true (cg_camsim_parse_rate ("2M", &bps));
  assert_int_equal (bps, 2000000);
  assert_false (cg_camsim_parse_rate ("300kb", &bps));
  assert_false (cg_camsim_parse_rate ("12", &bps)); /* below 1 kbit/s */
  assert_false (cg_camsim_parse_rate ("", &bps));
}

static void
test_audio_codec (void **state)
{
  CgCamsimCodec codec = CG_CAMSIM_CODEC_H264;
  assert_true (cg_camsim_parse_audio_codec ("aac", &codec));
  assert_int_equal (codec, CG_CAMSIM_CODEC_AAC);
  assert_true (cg_camsim_parse_audio_codec ("PCMU", &codec));
  assert_int_equal (codec, CG_CAMSIM_CODEC_PCMU);
  assert_false (cg_camsim_parse_audio_codec ("mp3", &codec));
  assert_false (cg_camsim_parse_audio_codec ("", &codec));
  assert_false (cg_camsim_parse_audio_codec ("aac ", &codec));
  assert_false (cg_camsim_parse_audio_codec ("none", &codec));
  assert_false (cg_camsim_parse_audio_codec (NULL, &codec));
  assert_int_equal (codec, CG_CAMSIM_CODEC_PCMU); /* untouched by refusals */
  assert_string_equal (cg_camsim_codec_name (CG_CAMSIM_CODEC_AAC), "AAC");
  assert_string_equal (cg_camsim_codec_name (CG_CAMSIM_CODEC_H265), "H.265");
}

/* A loop of n frames of 40 ms, a keyframe every `gop`, keyframes of
 * key_bytes and other frames of p_bytes, each filled with a start code. */
static CgCamsimLoop *
fake_loop (guint n, guint gop, gsize key_bytes, gsize p_bytes, guint width)
{
  CgCamsimLoop *loop = cg_camsim_loop_new (CG_CAMSIM_CODEC_H264, n);
  loop->width = width;
  loop->height = width / 2;
  loop->frame_ns = 40 * MS_NS;
  loop->duration_ns = n * loop->frame_ns;
  for (guint i = 0; i < n; i++)
    {
      gboolean key = i % gop == 0;
      gsize size = key ? key_bytes : p_bytes;
      guint8 *data = g_malloc0 (size);
      data[2] = 1;
      data[3] = key ? 0x65 : 0x41;
      loop->units[i] = (CgCamsimUnit) {
        .data = g_bytes_new_take (data, size),
        .pts_ns = i * loop->frame_ns,
        .dts_ns = i * loop->frame_ns,
        .key = key,
      };
    }
  return loop;
}

static void
test_loops_monotonic (void **state)
{
  g_autoptr (CgCamsimLoop) loop = fake_loop (10, 5, 100, 10, 64);
  g_autoptr (CgCamsimFeeder) feeder = cg_camsim_feeder_new (loop, NULL, NULL, 1);
  for (guint i = 0; i < 35; i++)
    {
      CgCamsimFeederOutput out;
      cg_camsim_feeder_next (feeder, &out);
      assert_int_equal (out.dts_ns, (gint64) i * 40 * MS_NS); /* no jump at the loop's end */
      assert_int_equal (out.pts_ns, out.dts_ns);
      assert_int_equal (out.key, i % 5 == 0);
      assert_false (out.corrupted);
      g_bytes_unref (out.data);
    }
}

static void
test_stall (void **state)
{
  CgCamsimFault stall = parse_ok ("cam1:stall=2s,every=1s");
  CgCamsimFeederFaults faults = { .stall = &stall };
  g_autoptr (CgCamsimLoop) loop = fake_loop (10, 5, 100, 10, 64);
  g_autoptr (CgCamsimFeeder) feeder = cg_camsim_feeder_new (loop, NULL, &faults, 1);
  gint64 last = -1;
  guint gaps = 0;
  for (guint i = 0; i < 100; i++) /* 4 s of frames */
    {
      CgCamsimFeederOutput out;
      cg_camsim_feeder_next (feeder, &out);
      if (last >= 0 && out.dts_ns - last != 40 * MS_NS)
        {
          /* Silence of 2 s after each second of video. */
          assert_int_equal (out.dts_ns - last, 40 * MS_NS + 2000 * MS_NS);
          assert_int_equal (last + 40 * MS_NS, (gint64) (gaps + 1) * 1000 * MS_NS + gaps * 2000 * MS_NS);
          gaps++;
        }
      last = out.dts_ns;
      g_bytes_unref (out.data);
    }
  assert_int_equal (gaps, 3);
}

static void
test_throttle (void **state)
{
  /* 25 fps of 4000-byte keyframes every 5 frames and 1000-byte frames:
   * 320 kbit/s offered, 100 kbit/s allowed. */
  CgCamsimFault throttle = parse_ok ("cam1:throttle=100k");
  CgCamsimFeederFaults faults = { .throttle = &throttle };
  g_autoptr (CgCamsimLoop) loop = fake_loop (10, 5, 4000, 1000, 64);
  g_autoptr (CgCamsimFeeder) feeder = cg_camsim_feeder_new (loop, NULL, &faults, 1);
  guint64 bits = 0;
  guint frames = 0;
  gint64 last = -1;
  gboolean broken = FALSE; /* a frame missing since the last keyframe */
  for (;;)
    {
      CgCamsimFeederOutput out;
      cg_camsim_feeder_next (feeder, &out);
      if (out.dts_ns >= 20 * G_GINT64_CONSTANT (1000000000))
        {
          g_bytes_unref (out.data);
          break;
        }
      if (last >= 0 && out.dts_ns - last > 40 * MS_NS)
        broken = TRUE;
      if (out.key)
        broken = FALSE;
      /* Nothing is sent that the decoder could not use. */
      assert_false (broken && !out.key);
      last = out.dts_ns;
      bits += 8 * g_bytes_get_size (out.data);
      frames++;
      g_bytes_unref (out.data);
    }
  /* 20 s at 100 kbit/s, plus the initial one-second bucket and one
   * overdrawn keyframe. */
  assert_true (bits <= 21 * 100000 + 4000 * 8);
  assert_true (bits >= 15 * 100000);
  assert_true (frames < 500);
}

static void
test_resize_and_garbage (void **state)
{
  CgCamsimFault resize = parse_ok ("cam1:resize=32x16,every=1s");
  CgCamsimFault garbage = parse_ok ("cam1:garbage=100");
  CgCamsimFeederFaults faults = { .resize = &resize, .garbage = &garbage };
  g_autoptr (CgCamsimLoop) loop = fake_loop (10, 5, 100, 50, 64);
  g_autoptr (CgCamsimLoop) alt = fake_loop (10, 5, 100, 50, 32);
  g_autoptr (CgCamsimFeeder) feeder = cg_camsim_feeder_new (loop, alt, &faults, 7);
  guint last_width = 64, switches = 0;
  gint64 last = -40 * MS_NS;
  for (guint i = 0; i < 100; i++)
    {
      CgCamsimFeederOutput out;
      cg_camsim_feeder_next (feeder, &out);
      assert_int_equal (out.dts_ns - last, 40 * MS_NS);
      last = out.dts_ns;
      if (out.width != last_width)
        {
          assert_true (out.key); /* only at a keyframe, on the second */
          assert_int_equal (out.dts_ns % (1000 * MS_NS), 0);
          switches++;
          last_width = out.width;
        }
      /* Corrupted, but the start code and NAL header are kept. */
      assert_true (out.corrupted);
      gsize size = 0;
      const guint8 *d = g_bytes_get_data (out.data, &size);
      assert_int_equal (size, out.key ? 100 : 50);
      assert_int_equal (d[2], 1);
      assert_int_equal (d[3], out.key ? 0x65 : 0x41);
      g_bytes_unref (out.data);
    }
  assert_int_equal (switches, 3);
  assert_int_equal (g_bytes_get_size (loop->units[1].data), 50); /* the loop is untouched */
  assert_int_equal (((const guint8 *) g_bytes_get_data (loop->units[1].data, NULL))[10], 0);
}

/* An audio loop as audio.c makes it: n packets of 64 ms (AAC at 16 kHz),
 * all "keyframes". */
static CgCamsimLoop *
fake_audio_loop (guint n)
{
  CgCamsimLoop *loop = cg_camsim_loop_new (CG_CAMSIM_CODEC_AAC, n);
  loop->sample_rate = 16000;
  loop->channels = 1;
  loop->frame_ns = 64 * MS_NS;
  loop->duration_ns = n * loop->frame_ns;
  for (guint i = 0; i < n; i++)
    loop->units[i] = (CgCamsimUnit) {
      .data = g_bytes_new_static ("\x21", 1),
      .pts_ns = i * loop->frame_ns,
      .dts_ns = i * loop->frame_ns,
      .key = TRUE,
    };
  return loop;
}

/* The audio feeder gets the camera's stall too: both tracks fall silent
 * together, for as long, and come back in step. */
static void
test_audio_stall_in_step (void **state)
{
  CgCamsimFault stall = parse_ok ("cam1:stall=2s,every=1s");
  CgCamsimFeederFaults video_faults = { .stall = &stall };
  CgCamsimFeederFaults audio_faults = { .stall = &stall };
  g_autoptr (CgCamsimLoop) video = fake_loop (25, 25, 100, 10, 64); /* 1 s */
  g_autoptr (CgCamsimLoop) audio = fake_audio_loop (125);           /* 8 s */
  g_autoptr (CgCamsimFeeder) vf = cg_camsim_feeder_new (video, NULL, &video_faults, 1);
  g_autoptr (CgCamsimFeeder) af = cg_camsim_feeder_new (audio, NULL, &audio_faults, 2);
  gint64 v_gaps[3], a_gaps[3]; /* stream time at which each silence ends */
  guint nv = 0, na = 0;
  gint64 last = -1;
  while (nv < 3)
    {
      CgCamsimFeederOutput out;
      cg_camsim_feeder_next (vf, &out);
      if (last >= 0 && out.dts_ns - last > 40 * MS_NS)
        v_gaps[nv++] = out.dts_ns;
      last = out.dts_ns;
      g_bytes_unref (out.data);
    }
  last = -1;
  while (na < 3)
    {
      CgCamsimFeederOutput out;
      cg_camsim_feeder_next (af, &out);
      assert_true (out.dts_ns > last); /* across the loop's end too */
      if (last >= 0 && out.dts_ns - last > 64 * MS_NS)
        {
          assert_int_equal (out.dts_ns - last, 64 * MS_NS + 2000 * MS_NS);
          a_gaps[na++] = out.dts_ns;
        }
      last = out.dts_ns;
      g_bytes_unref (out.data);
    }
  /* Each track resumes at its first unit due after the silence: less
   * than one audio packet apart. */
  for (guint i = 0; i < 3; i++)
    assert_true (ABS (a_gaps[i] - v_gaps[i]) < 64 * MS_NS);
}

static void
test_tsjump (void **state)
{
  CgCamsimFault jump = parse_ok ("cam1:tsjump=2s,every=5s");
  assert_int_equal (cg_camsim_tsjump_offset (NULL, 7 * 1000 * MS_NS), 0);
  assert_int_equal (cg_camsim_tsjump_offset (&jump, 0), 0);
  assert_int_equal (cg_camsim_tsjump_offset (&jump, 4999 * MS_NS), 0);
  assert_int_equal (cg_camsim_tsjump_offset (&jump, 5000 * MS_NS), 2000 * MS_NS);
  assert_int_equal (cg_camsim_tsjump_offset (&jump, 12000 * MS_NS), 4000 * MS_NS);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kinds),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_values),
    cmocka_unit_test (test_audio_codec),
    cmocka_unit_test (test_loops_monotonic),
    cmocka_unit_test (test_stall),
    cmocka_unit_test (test_throttle),
    cmocka_unit_test (test_resize_and_garbage),
    cmocka_unit_test (test_audio_stall_in_step),
    cmocka_unit_test (test_tsjump),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
