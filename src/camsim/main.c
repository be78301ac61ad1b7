/* main.c — canhgac-camsim: simulated RTSP cameras on loopback.
 *
 * Stands in for a post's cameras in tests, benchmarks and the demo: the
 * command line chooses how many cameras, what they send and how they
 * misbehave; the video is encoded once at start-up and then only looped.
 * Scripts wait for the line "ready" on stdout, after the cameras' URLs.
 */
#define G_LOG_DOMAIN "canhgac-camsim"
#include "build-config.h"

#include "camsim/camera.h"
#include "camsim/fault.h"
#include "camsim/loop.h"
#include "camsim/server.h"

#include "common/cli.h"
#include "common/config.h"
#include "common/i18n.h"
#include "common/log.h"

#include <getopt.h>
#include <glib-unix.h>
#include <gst/gst.h>
#include <libavutil/log.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *program = "canhgac-camsim";

#define CLIP_MAX_SECONDS 60

typedef struct {
  guint port;
  guint cameras;
  CgCamsimCodec codec;
  guint width, height;
  guint fps, bitrate_kbps, gop_seconds, loop_seconds;
  const char *clip;
  gboolean audio;           /* --audio given */
  CgCamsimCodec audio_codec; /* then AAC or PCMU */
  const char *user, *password;
  const char *config;
  gboolean verbose;
  GArray *faults; /* CgCamsimFault */
  GPtrArray *paths; /* char *: --path's "N:PATH", N a camera's number */
  GPtrArray *labels; /* char *: --label's "N:TEXT" */
  gboolean still;  /* --scene static */
  gboolean street; /* --scene street */
} Options;

static void
print_help (void)
{
  printf (_("Usage: %s [OPTION]...\n"), program);
  printf (_("Serve simulated RTSP cameras on 127.0.0.1 for tests, benchmarks and the demo.\n"));
  printf ("\n");
  printf (_("  -p, --port=PORT        listen on PORT (default 8554; 0 picks a free port)\n"
            "  -n, --cameras=N        serve N cameras, rtsp://127.0.0.1:PORT/cam1 to camN\n"
            "                           (default 1)\n"
            "      --codec=CODEC      h264 or h265 (default h264)\n"
            "      --size=WxH         picture size (default 1280x720)\n"
            "      --fps=N            frames per second (default 25)\n"
            "      --bitrate=KBIT     bit rate in kbit/s (default 2000)\n"
            "      --gop=SECONDS      time between keyframes (default 2)\n"
            "      --loop=SECONDS     length of the encoded loop, in whole GOPs (default 4)\n"
            "      --clip=FILE        loop the H.264 or H.265 video of FILE instead, without\n"
            "                           re-encoding; every camera sends the same clip\n"
            "      --audio=CODEC      add an audio track (a tone, in step with the video):\n"
            "                           aac (AAC-LC, 16 kHz mono, 32 kbit/s) or pcmu (G.711\n"
            "                           µ-law, 8 kHz mono); not with --clip (default none)\n"
            "      --user=USER        require RTSP authentication (Basic or Digest) as USER\n"
            "      --password=PASS    with this password\n"
            "      --scene=SCENE      moving (things move all the time), static (nothing\n"
            "                           moves, no frame counter) or street (a village\n"
            "                           street, still but for two motorbikes, one\n"
            "                           crossing once a loop, and the frame counter)\n"
            "                           (default moving)\n"
            "      --fault=CAM:FAULT  make a camera misbehave; may be repeated (see below)\n"
            "  -c, --config=FILE      check the configuration in FILE (no key is used)\n"
            "  -v, --verbose          log debug and info messages too\n"
            "  -h, --help             display this help and exit\n"
            "  -V, --version          output version information and exit\n"));
  printf ("\n");
  printf (_("Once listening, the program prints each camera's URL on a line, then 'ready'.\n"
            "The video is encoded once at start-up; serving it costs almost no CPU.\n"));
  printf ("\n");
  printf (_("Faults: CAM is camN, N or all; DUR and E are durations such as 10s or 2m.\n"
            "  drop[=E]                 close the camera's connections every E (30s)\n"
            "  stall[=DUR][,every=E]    stream for E (30s), then send nothing for DUR\n"
            "                             (10s), over and over; the connection stays open\n"
            "                             and the timestamps skip the silence;\n"
            "                             also stall=E+DUR\n"
            "  offline[=DUR][,every=E]  serve for E (30s), then answer 404 Not Found and\n"
            "                             close connections for DUR (10s), over and over;\n"
            "                             also offline=E+DUR\n"
            "  throttle=RATE            send at most RATE bit/s (300k, 1.5M): frames that\n"
            "                             do not fit are dropped up to the next keyframe\n"
            "  garbage[=PCT]            corrupt the picture data of PCT%% of frames (5%%)\n"
            "  resize[=WxH][,every=E]   switch between the normal size and WxH (half the\n"
            "                             size) at a keyframe every E (10s)\n"
            "  tsjump[=DUR][,every=E]   set the RTP timestamps back by DUR (5s) every E\n"
            "                             (20s)\n"
            "  motion=MOVE+STILL        things move for MOVE (6s), then nothing moves for\n"
            "                             STILL (8s), over and over, from the start\n"
            "  brightness=STEP[,every=E] nothing moves; every E (10s) the whole picture\n"
            "                             gets STEP (40) luma levels brighter, then back\n"
            "drop, offline and stall silence the audio track too; throttle, garbage,\n"
            "resize and tsjump change only the video.\n"
            "Example: --fault cam2:offline=20s+10s --fault cam3:throttle=300k\n"));
  printf ("\n");
  printf (_("Paths: --path=CAM:PATH (may be repeated) serves camera CAM (camN or N) at PATH\n"
            "instead of /camN, as a brand of camera would: PATH starts with \"/\" and may\n"
            "hold a query, which a client must then send exactly as given (else 404 Not\n"
            "Found). Cameras are told apart by the path alone: two cameras cannot share a\n"
            "path with different queries. E.g.\n"
            "  --path 'cam1:/cam/realmonitor?channel=1&subtype=0'\n"
            "  --path cam2:/Streaming/Channels/101\n"));
  printf ("\n");
  printf (_("Labels: --label=CAM:TEXT (may be repeated) writes TEXT on camera CAM's\n"
            "picture instead of CAMn: letters without accents, digits, spaces and - . /,\n"
            "at most 32 (in capitals).\n"));
  printf ("\n");
  printf (_("Commands on standard input, one a line, each answered with a line 'ok ...':\n"
            "  stop CAM    take the camera offline (404 Not Found, connections closed)\n"
            "  start CAM   bring it back\n"
            "  drop CAM    close its connections now\n"));
  cg_cli_print_help_footer ();
}

static gboolean
parse_number (const char *text, guint min, guint max, guint *out)
{
  guint64 v = 0;
  if (text == NULL || !g_ascii_isdigit (text[0])
      || !g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

enum {
  OPT_CODEC = 256,
  OPT_SIZE,
  OPT_FPS,
  OPT_BITRATE,
  OPT_GOP,
  OPT_LOOP,
  OPT_CLIP,
  OPT_AUDIO,
  OPT_USER,
  OPT_PASSWORD,
  OPT_FAULT,
  OPT_SCENE,
  OPT_PATH,
  OPT_LABEL,
};

/* "camN:" or "N:" before a value: the camera's number in *n and what
 * follows the colon; NULL when text does not start so. */
static const char *
camera_prefix (const char *text, guint *n)
{
  const char *colon = strchr (text, ':');
  if (colon == NULL)
    return NULL;
  g_autofree char *cam = g_strndup (text, colon - text);
  const char *digits = g_ascii_strncasecmp (cam, "cam", 3) == 0 ? cam + 3 : cam;
  return parse_number (digits, 1, 1000, n) ? colon + 1 : NULL;
}

/* --path's value: "camN:PATH" or "N:PATH", as "N:PATH"; NULL when it is
 * not one. */
static char *
parse_path (const char *text)
{
  guint n = 0;
  const char *path = camera_prefix (text, &n);
  if (path == NULL || path[0] != '/')
    return NULL;
  for (const char *p = path; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || *p == '#')
      return NULL;
  return g_strdup_printf ("%u:%s", n, path);
}

/* --label's value: "camN:TEXT" or "N:TEXT", as "N:TEXT" in capitals;
 * NULL when it is not one (the picture's font has letters without
 * accents, digits, spaces and - . /). */
static char *
parse_label (const char *text)
{
  guint n = 0;
  const char *label = camera_prefix (text, &n);
  if (label == NULL || label[0] == '\0' || strlen (label) > 32)
    return NULL;
  for (const char *p = label; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (" -./", *p) == NULL)
      return NULL;
  g_autofree char *upper = g_ascii_strup (label, -1);
  return g_strdup_printf ("%u:%s", n, upper);
}

/* Returns -1 to go on, or the exit code. */
static int
parse_options (int argc, char **argv, Options *o)
{
  static const struct option options[] = {
    { "port", required_argument, NULL, 'p' },
    { "cameras", required_argument, NULL, 'n' },
    { "codec", required_argument, NULL, OPT_CODEC },
    { "size", required_argument, NULL, OPT_SIZE },
    { "fps", required_argument, NULL, OPT_FPS },
    { "bitrate", required_argument, NULL, OPT_BITRATE },
    { "gop", required_argument, NULL, OPT_GOP },
    { "loop", required_argument, NULL, OPT_LOOP },
    { "clip", required_argument, NULL, OPT_CLIP },
    { "audio", required_argument, NULL, OPT_AUDIO },
    { "user", required_argument, NULL, OPT_USER },
    { "password", required_argument, NULL, OPT_PASSWORD },
    { "fault", required_argument, NULL, OPT_FAULT },
    { "scene", required_argument, NULL, OPT_SCENE },
    { "path", required_argument, NULL, OPT_PATH },
    { "label", required_argument, NULL, OPT_LABEL },
    { "config", required_argument, NULL, 'c' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
  };
  int c, longindex = -1;
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":p:n:c:vhV", options, &longindex)) != -1)
    {
      gboolean ok = TRUE;
      switch (c)
        {
        case 'p': ok = parse_number (optarg, 0, 65535, &o->port); break;
        case 'n': ok = parse_number (optarg, 1, 1000, &o->cameras); break;
        case OPT_CODEC:
          if (g_ascii_strcasecmp (optarg, "h264") == 0)
            o->codec = CG_CAMSIM_CODEC_H264;
          else if (g_ascii_strcasecmp (optarg, "h265") == 0 || g_ascii_strcasecmp (optarg, "hevc") == 0)
            o->codec = CG_CAMSIM_CODEC_H265;
          else
            ok = FALSE;
          break;
        case OPT_SIZE: ok = cg_camsim_parse_size (optarg, &o->width, &o->height); break;
        case OPT_FPS: ok = parse_number (optarg, 1, 60, &o->fps); break;
        case OPT_BITRATE: ok = parse_number (optarg, 50, 100000, &o->bitrate_kbps); break;
        case OPT_GOP: ok = parse_number (optarg, 1, 60, &o->gop_seconds); break;
        case OPT_LOOP: ok = parse_number (optarg, 1, 120, &o->loop_seconds); break;
        case OPT_CLIP: o->clip = optarg; break;
        case OPT_AUDIO:
          if (!cg_camsim_parse_audio_codec (optarg, &o->audio_codec))
            return cg_cli_usage_error (program, _("unknown audio codec '%s' for --audio; use aac or "
                                                  "pcmu"), optarg);
          o->audio = TRUE;
          break;
        case OPT_USER: o->user = optarg; ok = optarg[0] != '\0' && strchr (optarg, ':') == NULL; break;
        case OPT_PASSWORD: o->password = optarg; break;
        case OPT_FAULT:
          {
            g_autoptr (GError) error = NULL;
            CgCamsimFault f;
            if (!cg_camsim_fault_parse (optarg, &f, &error))
              return cg_cli_usage_error (program, "%s", error->message);
            g_array_append_val (o->faults, f);
            break;
          }
        case OPT_SCENE:
          ok = g_str_equal (optarg, "moving") || g_str_equal (optarg, "static")
               || g_str_equal (optarg, "street");
          o->still = g_str_equal (optarg, "static");
          o->street = g_str_equal (optarg, "street");
          break;
        case OPT_PATH:
          {
            char *path = parse_path (optarg);
            if (path == NULL)
              return cg_cli_usage_error (program, _("invalid value '%s' for --path: give "
                                                    "CAM:PATH, as cam1:/Streaming/Channels/101"),
                                         optarg);
            g_ptr_array_add (o->paths, path);
            break;
          }
        case OPT_LABEL:
          {
            char *label = parse_label (optarg);
            if (label == NULL)
              return cg_cli_usage_error (program, _("invalid value '%s' for --label: give "
                                                    "CAM:TEXT, as cam1:CONG UBND XA (letters "
                                                    "without accents, digits, spaces, at most 32)"),
                                         optarg);
            g_ptr_array_add (o->labels, label);
            break;
          }
        case 'c': o->config = optarg; break;
        case 'v': o->verbose = TRUE; break;
        case 'h': print_help (); return CG_EXIT_OK;
        case 'V': cg_cli_print_version (program); return CG_EXIT_OK;
        case ':':
          return cg_cli_usage_error (program, _("option '%s' needs a value"), argv[optind - 1]);
        default:
          return cg_cli_usage_error (program, _("unknown option '%s'"), argv[optind - 1]);
        }
      if (!ok)
        {
          g_autofree char *name = longindex >= 0 ? g_strdup_printf ("--%s", options[longindex].name)
                                                 : g_strdup_printf ("-%c", c);
          return cg_cli_usage_error (program, _("invalid value '%s' for option '%s'"), optarg,
                                     name);
        }
      longindex = -1;
    }
  if (optind < argc)
    return cg_cli_usage_error (program, _("unexpected argument '%s'"), argv[optind]);
  if ((o->user == NULL) != (o->password == NULL))
    return cg_cli_usage_error (program, _("--user and --password go together"));
  /* A clip's length is arbitrary; AAC frames could only match it over
   * hundreds of passes. */
  if (o->audio && o->clip != NULL)
    return cg_cli_usage_error (program, _("--audio needs generated video; it cannot be used "
                                          "with --clip"));
  for (guint i = 0; i < o->paths->len; i++)
    {
      const char *path = g_ptr_array_index (o->paths, i);
      guint n = (guint) g_ascii_strtoull (path, NULL, 10);
      const char *mount = strchr (path, ':') + 1;
      if (n > o->cameras)
        return cg_cli_usage_error (program, _("--path names cam%u, but there are only %u "
                                              "cameras"), n, o->cameras);
      for (guint k = 0; k < i; k++)
        {
          const char *other = strchr (g_ptr_array_index (o->paths, k), ':') + 1;
          if (strcspn (other, "?") == strcspn (mount, "?")
              && strncmp (other, mount, strcspn (mount, "?")) == 0)
            return cg_cli_usage_error (program, _("two cameras cannot share the path %s"),
                                       mount);
        }
    }
  for (guint i = 0; i < o->labels->len; i++)
    {
      guint n = (guint) g_ascii_strtoull (g_ptr_array_index (o->labels, i), NULL, 10);
      if (n > o->cameras)
        return cg_cli_usage_error (program, _("--label names cam%u, but there are only %u "
                                              "cameras"), n, o->cameras);
    }
  for (guint i = 0; i < o->faults->len; i++)
    {
      const CgCamsimFault *f = &g_array_index (o->faults, CgCamsimFault, i);
      if (f->camera > o->cameras)
        return cg_cli_usage_error (program, _("a fault names cam%u, but there are only %u cameras"),
                                   f->camera, o->cameras);
      if (f->kind == CG_CAMSIM_FAULT_RESIZE && o->clip != NULL)
        return cg_cli_usage_error (program, _("the resize fault needs generated video; it cannot "
                                              "be used with --clip"));
    }
  return -1;
}

/* The faults of one camera: a fault for the camera itself wins over one
 * given for all. */
static void
faults_of (const Options *o, guint number, const CgCamsimFault *out[CG_CAMSIM_N_FAULTS])
{
  memset (out, 0, sizeof (const CgCamsimFault *) * CG_CAMSIM_N_FAULTS);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < o->faults->len; i++)
      {
        const CgCamsimFault *f = &g_array_index (o->faults, CgCamsimFault, i);
        if ((pass == 0 && f->camera == CG_CAMSIM_ALL_CAMERAS) || (pass == 1 && f->camera == number))
          out[f->kind] = f;
      }
}

/* What a camera films: --scene, or its motion or brightness fault. */
static CgCamsimScene
scene_of (const Options *o, const CgCamsimFault *const faults[CG_CAMSIM_N_FAULTS])
{
  CgCamsimScene scene = { .still = o->still, .street = o->street };
  const CgCamsimFault *motion = faults[CG_CAMSIM_FAULT_MOTION];
  const CgCamsimFault *bright = faults[CG_CAMSIM_FAULT_BRIGHTNESS];
  if (motion != NULL)
    {
      scene.move_frames = (guint) MAX (motion->every_us * o->fps / G_USEC_PER_SEC, 1);
      scene.still_frames = (guint) MAX (motion->duration_us * o->fps / G_USEC_PER_SEC, 1);
    }
  else if (bright != NULL)
    {
      scene.still = TRUE;
      scene.brightness_step = bright->step;
      scene.bright_frames = (guint) MAX (bright->every_us * o->fps / G_USEC_PER_SEC, 1);
    }
  return scene;
}

/* Makes every camera: encodes their loops (in parallel) or reads the clip. */
static GPtrArray *
make_cameras (const Options *o, GError **error)
{
  g_autoptr (GPtrArray) cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_camsim_camera_free);
  const CgCamsimFault *faults[CG_CAMSIM_N_FAULTS];
  if (o->clip != NULL)
    {
      g_autoptr (CgCamsimLoop) clip = cg_camsim_loop_load_clip (o->clip, CLIP_MAX_SECONDS, error);
      if (clip == NULL)
        return NULL;
      g_message ("clip %s: %s %ux%u, %u frames, %.1f s", o->clip, cg_camsim_codec_name (clip->codec),
                 clip->width, clip->height, clip->n_units, (double) clip->duration_ns / 1e9);
      for (guint n = 1; n <= o->cameras; n++)
        {
          faults_of (o, n, faults);
          g_ptr_array_add (cameras, cg_camsim_camera_new (n, clip, NULL, NULL, faults));
        }
      return g_steal_pointer (&cameras);
    }

  /* Two jobs per camera: its loop, and the resize loop if it needs one. */
  guint n_jobs = o->cameras * 2;
  g_autofree CgCamsimEncodeParams *jobs = g_new0 (CgCamsimEncodeParams, n_jobs);
  g_autofree CgCamsimLoop **loops = g_new0 (CgCamsimLoop *, n_jobs);
  g_autofree guint *job_of = g_new0 (guint, n_jobs); /* job -> slot in loops */
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;
  for (guint cam = 1; cam <= o->cameras; cam++)
    {
      faults_of (o, cam, faults);
      char *label = g_strdup_printf ("CAM%u", cam);
      for (guint i = 0; i < o->labels->len; i++)
        if ((guint) g_ascii_strtoull (g_ptr_array_index (o->labels, i), NULL, 10) == cam)
          {
            g_free (label);
            label = g_strdup (strchr (g_ptr_array_index (o->labels, i), ':') + 1);
          }
      g_ptr_array_add (labels, label);
      CgCamsimEncodeParams p = {
        .codec = o->codec, .width = o->width, .height = o->height, .fps = o->fps,
        .bitrate_kbps = o->bitrate_kbps, .gop_seconds = o->gop_seconds,
        .loop_seconds = o->loop_seconds, .label = label, .seed = cam,
        .scene = scene_of (o, faults),
      };
      job_of[n] = (cam - 1) * 2;
      jobs[n++] = p;
      const CgCamsimFault *resize = faults[CG_CAMSIM_FAULT_RESIZE];
      if (resize != NULL)
        {
          p.width = resize->width != 0 ? resize->width : MAX (o->width / 2 & ~1u, 16u);
          p.height = resize->height != 0 ? resize->height : MAX (o->height / 2 & ~1u, 16u);
          p.bitrate_kbps = MAX (o->bitrate_kbps / 2, 50u);
          job_of[n] = (cam - 1) * 2 + 1;
          jobs[n++] = p;
        }
    }
  gint64 start = g_get_monotonic_time ();
  g_autofree CgCamsimLoop **made = g_new0 (CgCamsimLoop *, n);
  if (!cg_camsim_loop_encode_many (jobs, n, made, error))
    return NULL;
  guint64 bytes = 0;
  for (guint i = 0; i < n; i++)
    {
      loops[job_of[i]] = made[i];
      bytes += cg_camsim_loop_bytes (made[i]);
    }
  g_message ("encoded %u loop(s) of %u frames (%s %ux%u) in %.2f s, %.1f MiB",
             n, made[0]->n_units, cg_camsim_codec_name (o->codec), o->width, o->height,
             (double) (g_get_monotonic_time () - start) / 1e6, (double) bytes / 1048576.0);
  /* Every loop lasts as long (resize loops have as many frames), so one
   * audio loop fits every camera. */
  g_autoptr (CgCamsimLoop) audio = NULL;
  if (o->audio)
    {
      start = g_get_monotonic_time ();
      audio = cg_camsim_audio_encode (o->audio_codec, made[0]->duration_ns, error);
      if (audio == NULL)
        {
          for (guint i = 0; i < n; i++)
            cg_camsim_loop_unref (made[i]);
          return NULL;
        }
      g_message ("encoded the audio (%s %u Hz) in %.2f s: %u packets, %.1f s",
                 cg_camsim_codec_name (audio->codec), audio->sample_rate,
                 (double) (g_get_monotonic_time () - start) / 1e6, audio->n_units,
                 (double) audio->duration_ns / 1e9);
    }
  for (guint cam = 1; cam <= o->cameras; cam++)
    {
      faults_of (o, cam, faults);
      CgCamsimLoop *main_loop = loops[(cam - 1) * 2], *alt = loops[(cam - 1) * 2 + 1];
      g_ptr_array_add (cameras, cg_camsim_camera_new (cam, main_loop, alt, audio, faults));
      cg_camsim_loop_unref (main_loop);
      cg_camsim_loop_unref (alt);
    }
  return g_steal_pointer (&cameras);
}

static gboolean
on_quit_signal (gpointer loop)
{
  g_message ("stopping on signal");
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stdin (GIOChannel *channel, GIOCondition condition, gpointer data)
{
  CgCamsimServer *server = data;
  g_autofree char *line = NULL;
  g_autoptr (GError) error = NULL;
  GIOStatus status = g_io_channel_read_line (channel, &line, NULL, NULL, &error);
  if (status == G_IO_STATUS_AGAIN)
    return G_SOURCE_CONTINUE;
  if (status != G_IO_STATUS_NORMAL)
    return G_SOURCE_REMOVE; /* end of input: keep serving, stop listening */
  g_autofree char *reply = NULL;
  if (!cg_camsim_server_command (server, line, &reply, &error))
    cg_cli_error (program, "%s", error->message);
  else if (reply != NULL)
    {
      printf ("%s\n", reply);
      fflush (stdout);
    }
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  cg_i18n_init ();
  g_autoptr (GArray) faults = g_array_new (FALSE, FALSE, sizeof (CgCamsimFault));
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  Options o = {
    .port = 8554, .cameras = 1, .codec = CG_CAMSIM_CODEC_H264, .width = 1280, .height = 720,
    .fps = 25, .bitrate_kbps = 2000, .gop_seconds = 2, .loop_seconds = 4, .faults = faults,
    .paths = paths,
    .labels = labels,
  };
  int exit_code = parse_options (argc, argv, &o);
  if (exit_code >= 0)
    return exit_code;

  cg_log_init (program, o.verbose);
  g_autoptr (GError) error = NULL;
  /* camsim reads no key, but a broken file should not go unnoticed. */
  g_autoptr (CgConfig) config = cg_config_load_default (o.config, &error);
  if (config == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }

  av_log_set_level (o.verbose ? AV_LOG_INFO : AV_LOG_ERROR);
  gst_init (NULL, NULL);
  g_autoptr (CgCamsimServer) server = cg_camsim_server_new (o.port, o.user, o.password, &error);
  if (server == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autoptr (GPtrArray) made = make_cameras (&o, &error);
  if (made == NULL)
    {
      cg_cli_error (program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  /* The last --path for a camera wins, as for faults. */
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      CgCamsimCamera *camera = g_ptr_array_index (made, g_ascii_strtoull (path, NULL, 10) - 1);
      const char *mount = strchr (path, ':') + 1;
      const char *query = strchr (mount, '?');
      g_free (camera->path);
      g_free (camera->query);
      camera->path = query != NULL ? g_strndup (mount, query - mount) : g_strdup (mount);
      camera->query = query != NULL ? g_strdup (query + 1) : NULL;
    }
  while (made->len > 0)
    cg_camsim_server_add_camera (server, g_ptr_array_steal_index (made, 0));
  GPtrArray *cameras = cg_camsim_server_cameras (server);

  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_autoptr (GIOChannel) in = g_io_channel_unix_new (STDIN_FILENO);
  guint stdin_watch = g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, server);

  cg_camsim_server_start_faults (server);
  for (guint i = 0; i < cameras->len; i++)
    {
      CgCamsimCamera *camera = g_ptr_array_index (cameras, i);
      printf ("rtsp://127.0.0.1:%u%s%s%s\n", cg_camsim_server_port (server), camera->path,
              camera->query != NULL ? "?" : "", camera->query != NULL ? camera->query : "");
    }
  printf ("ready\n");
  fflush (stdout);

  g_main_loop_run (loop);
  /* The watch removed itself if stdin ended. */
  if (g_main_context_find_source_by_id (NULL, stdin_watch) != NULL)
    g_source_remove (stdin_watch);
  g_clear_pointer (&server, cg_camsim_server_free);
  g_message ("stopped");
  return CG_EXIT_OK;
}
