/* player_probe.c — drives the station's player (src/station/player.h)
 * against a running canhgacd without a terminal, for player.sh.
 *
 *   player_probe SOCKET CAMERA list
 *   player_probe SOCKET CAMERA frames W H DIR T...     seek to each T (UTC us), write
 *                                                      DIR/frame-<n>.rgb
 *   player_probe SOCKET CAMERA reverse FROM TO STEP_MS keyframes going back from TO
 *   player_probe SOCKET CAMERA play FROM TO SPEED STEP_MS
 *                                                      a clock at SPEED, every STEP_MS of
 *                                                      its own time
 *   player_probe SOCKET CAMERA hold T W H              seek to T, say "ready", wait for a
 *                                                      line on stdin, then step to the
 *                                                      segment's end
 *   player_probe SOCKET CAMERA live SECONDS DELAY_MS   follow the live edge in real time
 *
 * Every line it prints is words separated by spaces, for the script.
 * With PLAYER_PROBE_TRACE set, live prints every call and play the slow
 * ones (over 20 ms).
 */
#include "build-config.h"

#include "client/client.h"
#include "common/timeutil.h"
#include "station/player.h"

#include <errno.h>
#include <libavutil/log.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
result_name (CgPlayerResult r)
{
  switch (r)
    {
    case CG_PLAYER_FRAME: return "frame";
    case CG_PLAYER_SAME: return "same";
    case CG_PLAYER_WAITING: return "waiting";
    case CG_PLAYER_END: return "end";
    case CG_PLAYER_ERROR: return "error";
    }
  return "?";
}

/* recording.open calls so far, and the segment last opened: whether
 * segments were opened ahead of their boundary. */
static int opens;
static gint64 last_opened;

static JsonNode *
counting_call (gpointer client, const char *method, JsonNode *params, int *fd_out,
               GError **error)
{
  if (g_str_equal (method, "recording.open"))
    {
      opens++;
      last_opened = json_object_get_int_member (json_node_get_object (params), "segment");
    }
  return cg_client_call (client, method, params, fd_out, error);
}

static gint64
arg_int (const char *s)
{
  return g_ascii_strtoll (s, NULL, 10);
}

static void
die (GError *error)
{
  fprintf (stderr, "player_probe: %s\n", error != NULL ? error->message : "failed");
  exit (1);
}

static void
print_skipped (CgPlayer *p)
{
  const CgRecGap *g = cg_player_skipped (p);
  if (g != NULL)
    printf (" skipped %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", g->start_us, g->end_us,
            g->reason);
}

static int
do_list (CgPlayer *p)
{
  const CgRecordings *r = cg_player_recordings (p);
  for (int i = 0; i < cg_recordings_count (r); i++)
    {
      const CgRecSegment *s = cg_recordings_segment (r, i);
      printf ("segment %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
              " %d %d %" G_GINT64_FORMAT "\n", s->id, s->start_us, s->end_us, s->recording,
              s->thinned, s->keyframes);
    }
  for (guint i = 0; i < r->gaps->len; i++)
    {
      const CgRecGap *g = &g_array_index (r->gaps, CgRecGap, i);
      printf ("gap %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", g->start_us, g->end_us,
              g->reason);
    }
  return 0;
}

static int
do_frames (CgPlayer *p, int w, int h, const char *dir, char **times, int n)
{
  cg_player_set_size (p, w, h);
  for (int i = 0; i < n; i++)
    {
      gint64 t = arg_int (times[i]);
      g_autoptr (GError) error = NULL;
      guint64 before = cg_player_decoded (p);
      CgPlayerResult r = cg_player_seek (p, t, &error);
      if (r == CG_PLAYER_ERROR)
        die (error);
      const CgPlayerFrame *f = cg_player_frame (p);
      if (f == NULL)
        {
          printf ("asked %" G_GINT64_FORMAT " %s none\n", t, result_name (r));
          continue;
        }
      g_autofree char *path = g_strdup_printf ("%s/frame-%d.rgb", dir, i);
      if (!g_file_set_contents (path, (const char *) f->rgb, (gssize) f->width * f->height * 3,
                                &error))
        die (error);
      printf ("asked %" G_GINT64_FORMAT " %s segment %" G_GINT64_FORMAT " time %" G_GINT64_FORMAT
              " offset %" G_GINT64_FORMAT " key %d decoded %" G_GUINT64_FORMAT, t,
              result_name (r), f->segment, f->time_us, f->offset_us, f->keyframe,
              cg_player_decoded (p) - before);
      print_skipped (p);
      printf ("\n");
    }
  return 0;
}

static int
do_reverse (CgPlayer *p, gint64 from, gint64 to, gint64 step_us)
{
  cg_player_set_speed (p, -1);
  for (gint64 t = to; t >= from; t -= step_us)
    {
      g_autoptr (GError) error = NULL;
      CgPlayerResult r = cg_player_frame_at (p, t, &error);
      if (r == CG_PLAYER_ERROR)
        die (error);
      if (r == CG_PLAYER_END)
        break;
      const CgPlayerFrame *f = cg_player_frame (p);
      if (r != CG_PLAYER_FRAME || f == NULL)
        continue;
      printf ("key %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d", f->segment, f->time_us,
              f->keyframe);
      print_skipped (p);
      printf ("\n");
      /* A gap stepped over: the clock goes to the frame shown. */
      if (cg_player_skipped (p) != NULL)
        t = f->time_us;
    }
  return 0;
}

static int
do_play (CgPlayer *p, gint64 from, gint64 to, double speed, gint64 step_us)
{
  cg_player_set_speed (p, speed);
  cg_player_set_size (p, 160, 120);
  gint64 last_time = G_MININT64, last_segment = 0, worst_lag = 0;
  double worst_ms = 0, worst_boundary_ms = 0;
  int frames = 0, boundaries = 0, boundary_opens = 0;
  guint64 boundary_decoded = 0;
  for (gint64 t = from; t <= to; t += (gint64) (step_us * speed))
    {
      g_autoptr (GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      int opens0 = opens;
      guint64 decoded0 = cg_player_decoded (p);
      CgPlayerResult r = cg_player_frame_at (p, t, &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (r == CG_PLAYER_ERROR)
        die (error);
      const CgPlayerFrame *f = cg_player_frame (p);
      if (f == NULL)
        continue;
      if (cg_player_skipped (p) != NULL)
        {
          printf ("gap");
          print_skipped (p);
          printf (" resume %" G_GINT64_FORMAT "\n", f->time_us);
          t = f->time_us;
        }
      if (r == CG_PLAYER_FRAME)
        {
          if (f->time_us <= last_time)
            {
              printf ("backwards %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT "\n", f->time_us,
                      last_time);
              return 1;
            }
          last_time = f->time_us;
          frames++;
        }
      worst_ms = MAX (worst_ms, ms);
      if (f->segment != last_segment)
        {
          if (last_segment != 0)
            {
              boundaries++;
              worst_boundary_ms = MAX (worst_boundary_ms, ms);
              /* What the call that crossed had to do itself: open the
               * segment it crossed into (rather than the one after, ahead)? */
              if (opens > opens0 && (opens - opens0 > 1 || last_opened == f->segment))
                boundary_opens++;
              boundary_decoded = MAX (boundary_decoded, cg_player_decoded (p) - decoded0);
            }
          last_segment = f->segment;
        }
      if (cg_player_skipped (p) == NULL)
        worst_lag = MAX (worst_lag, t - f->time_us);
      if (g_getenv ("PLAYER_PROBE_TRACE") != NULL && ms > 20)
        printf ("slow %.1f ms at %" G_GINT64_FORMAT " segment %" G_GINT64_FORMAT " offset %" G_GINT64_FORMAT "\n",
                ms, t, f->segment, f->offset_us);
    }
  printf ("played frames %d boundaries %d opened_at_boundaries %d most_decoded_at_a_boundary %"
          G_GUINT64_FORMAT " worst_call_ms %.1f worst_boundary_ms %.1f worst_lag_ms %.1f "
          "decoded %" G_GUINT64_FORMAT " opened %d\n", frames, boundaries, boundary_opens,
          boundary_decoded, worst_ms, worst_boundary_ms, worst_lag / 1000.0,
          cg_player_decoded (p), opens);
  return 0;
}

static int
do_hold (CgPlayer *p, gint64 t, int w, int h)
{
  cg_player_set_size (p, w, h);
  g_autoptr (GError) error = NULL;
  if (cg_player_seek (p, t, &error) == CG_PLAYER_ERROR)
    die (error);
  const CgPlayerFrame *f = cg_player_frame (p);
  if (f == NULL)
    die (NULL);
  gint64 segment = f->segment;
  printf ("ready %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", segment, f->time_us);
  fflush (stdout);
  char line[64];
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;
  int frames = 1;
  gint64 last = f->time_us;
  for (;;)
    {
      CgPlayerResult r = cg_player_next (p, &error);
      if (r == CG_PLAYER_ERROR)
        die (error);
      f = cg_player_frame (p);
      if (r != CG_PLAYER_FRAME || f->segment != segment)
        break;
      frames++;
      last = f->time_us;
    }
  printf ("held %" G_GINT64_FORMAT " frames %d last %" G_GINT64_FORMAT "\n", segment, frames,
          last);
  return 0;
}

static int
do_live (CgPlayer *p, int seconds, gint64 delay_us)
{
  cg_player_set_size (p, 160, 120);
  gint64 end = g_get_monotonic_time () + seconds * CG_USEC_PER_SEC;
  int frames = 0, waiting = 0, ends = 0;
  gint64 last_time = G_MININT64, worst_lag = 0, last_segment = 0;
  GString *segments = g_string_new (NULL);
  while (g_get_monotonic_time () < end)
    {
      gint64 t = cg_time_now_us () - delay_us;
      g_autoptr (GError) error = NULL;
      CgPlayerResult r = cg_player_frame_at (p, t, &error);
      if (r == CG_PLAYER_ERROR)
        die (error);
      const CgPlayerFrame *f = cg_player_frame (p);
      if (r == CG_PLAYER_WAITING)
        waiting++;
      if (r == CG_PLAYER_END)
        ends++;
      if (r == CG_PLAYER_FRAME && f != NULL)
        {
          if (f->time_us <= last_time)
            {
              printf ("backwards %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT "\n", f->time_us,
                      last_time);
              return 1;
            }
          last_time = f->time_us;
          frames++;
          if (f->segment != last_segment)
            {
              g_string_append_printf (segments, " %" G_GINT64_FORMAT, f->segment);
              last_segment = f->segment;
            }
        }
      if (f != NULL)
        worst_lag = MAX (worst_lag, t - f->time_us);
      if (g_getenv ("PLAYER_PROBE_TRACE") != NULL)
        printf ("trace %s t %" G_GINT64_FORMAT " frame %" G_GINT64_FORMAT " segment %" G_GINT64_FORMAT "\n",
                result_name (r), t, f != NULL ? f->time_us : 0, f != NULL ? f->segment : 0);
      g_usleep (40000);
    }
  printf ("live frames %d waiting %d ends %d worst_lag_ms %.0f segments%s\n", frames, waiting,
          ends, worst_lag / 1000.0, segments->str);
  g_string_free (segments, TRUE);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc < 4)
    {
      fprintf (stderr, "usage: player_probe SOCKET CAMERA COMMAND ARGS...\n");
      return 2;
    }
  av_log_set_level (AV_LOG_QUIET);
  g_autoptr (GError) error = NULL;
  g_autoptr (CgClient) client = cg_client_connect (argv[1], &error);
  if (client == NULL)
    die (error);
  g_autoptr (CgPlayer) p = cg_player_new (counting_call, client, argv[2]);
  const char *cmd = argv[3];
  gboolean live = g_str_equal (cmd, "live");
  gint64 now = cg_time_now_us ();
  if (!cg_player_load (p, live ? now - 60 * CG_USEC_PER_SEC : now - 3600 * CG_USEC_PER_SEC,
                       live ? 0 : now, &error))
    die (error);
  if (g_str_equal (cmd, "list"))
    return do_list (p);
  if (g_str_equal (cmd, "frames") && argc >= 8)
    return do_frames (p, (int) arg_int (argv[4]), (int) arg_int (argv[5]), argv[6], argv + 7,
                      argc - 7);
  if (g_str_equal (cmd, "reverse") && argc == 7)
    return do_reverse (p, arg_int (argv[4]), arg_int (argv[5]), arg_int (argv[6]) * 1000);
  if (g_str_equal (cmd, "play") && argc == 8)
    return do_play (p, arg_int (argv[4]), arg_int (argv[5]), g_ascii_strtod (argv[6], NULL),
                    arg_int (argv[7]) * 1000);
  if (g_str_equal (cmd, "hold") && argc == 7)
    return do_hold (p, arg_int (argv[4]), (int) arg_int (argv[5]), (int) arg_int (argv[6]));
  if (live && argc == 6)
    return do_live (p, (int) arg_int (argv[4]), arg_int (argv[5]) * 1000);
  fprintf (stderr, "player_probe: unknown command or wrong arguments: %s\n", cmd);
  return 2;
}
