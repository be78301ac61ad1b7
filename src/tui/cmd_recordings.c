/* cmd_recordings.c — `canhgac recordings`: what was recorded for a
 * camera over a period, and the gaps with their reasons. */
#include "build-config.h"

#include "common/cli.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "tui/command.h"
#include "tui/output.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* Consecutive segments further apart than this leave a gap. */
#define GAP_MIN_US (CG_USEC_PER_SEC / 2)

typedef struct {
  gint64 start_us, end_us, bytes, frames, keyframes;
  int width, height;
  char *codec;
  gboolean thinned, open, has_audio;
} Segment;

typedef struct {
  gint64 start_us, end_us;
  char *reason;
} Gap;

static void
segment_clear (Segment *s)
{
  g_free (s->codec);
}

static void
gap_clear (Gap *g)
{
  g_free (g->reason);
}

static gboolean
find_camera (sqlite3 *h, const char *name, gint64 *id, GError **error)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h, "SELECT id FROM cameras WHERE name = ? AND removed_us IS NULL", -1, &st, NULL);
  sqlite3_bind_text (st, 1, name, -1, SQLITE_STATIC);
  gboolean found = sqlite3_step (st) == SQLITE_ROW;
  if (found)
    *id = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  if (!found)
    g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                 _("there is no camera named “%s” (canhgac camera list shows them)"), name);
  return found;
}

/* The outage reason covering most of [from, to), if any. */
static char *
outage_reason (sqlite3 *h, gint64 camera_id, gint64 from, gint64 to)
{
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2 (h,
                      "SELECT reason FROM outages WHERE camera_id = ?1 AND start_us < ?3"
                      " AND coalesce(end_us, ?3) > ?2 ORDER BY"
                      " min(coalesce(end_us, ?3), ?3) - max(start_us, ?2) DESC LIMIT 1",
                      -1, &st, NULL);
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  char *reason = sqlite3_step (st) == SQLITE_ROW
                   ? g_strdup ((const char *) sqlite3_column_text (st, 0))
                   : g_strdup ("not_recording");
  sqlite3_finalize (st);
  return reason;
}

static void
add_gap (GArray *gaps, sqlite3 *h, gint64 camera_id, gint64 from, gint64 to)
{
  if (to - from < GAP_MIN_US)
    return;
  Gap g = { from, to, outage_reason (h, camera_id, from, to) };
  g_array_append_val (gaps, g);
}

static gboolean
load (sqlite3 *h, gint64 camera_id, gint64 from, gint64 to, gint64 now, GArray *segs,
      GArray *gaps, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (h,
                          "SELECT start_us, coalesce(end_us, ?4), bytes, frames, keyframes,"
                          " coalesce(width, 0), coalesce(height, 0), coalesce(video_codec, ''),"
                          " thinned, state = 'open', has_audio"
                          " FROM segments WHERE camera_id = ?1 AND state != 'lost'"
                          " AND start_us < ?3 AND coalesce(end_us, ?4) > ?2 ORDER BY start_us",
                          -1, &st, NULL) != SQLITE_OK)
    return cg_db_fail (h, _("reading the recordings"), error);
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  sqlite3_bind_int64 (st, 4, now);
  /* Without --from the period starts with the first recording. */
  gint64 covered = from > 0 ? from : G_MININT64;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      Segment s = {
        .start_us = sqlite3_column_int64 (st, 0),
        .end_us = sqlite3_column_int64 (st, 1),
        .bytes = sqlite3_column_int64 (st, 2),
        .frames = sqlite3_column_int64 (st, 3),
        .keyframes = sqlite3_column_int64 (st, 4),
        .width = sqlite3_column_int (st, 5),
        .height = sqlite3_column_int (st, 6),
        .codec = g_strdup ((const char *) sqlite3_column_text (st, 7)),
        .thinned = sqlite3_column_int (st, 8),
        .open = sqlite3_column_int (st, 9),
        .has_audio = sqlite3_column_int (st, 10),
      };
      if (covered > G_MININT64 && s.start_us > covered)
        add_gap (gaps, h, camera_id, covered, s.start_us);
      covered = MAX (covered, s.end_us);
      g_array_append_val (segs, s);
    }
  sqlite3_finalize (st);
  /* Up to the end of the period, or now: "nothing since ..." matters. */
  gint64 until = MIN (to, now);
  if (covered > G_MININT64 && until > covered)
    add_gap (gaps, h, camera_id, covered, until);
  return TRUE;
}

static void
print_json (const char *camera, GArray *segs, GArray *gaps)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_set_member_name (b, "segments");
  json_builder_begin_array (b);
  for (guint i = 0; i < segs->len; i++)
    {
      Segment *s = &g_array_index (segs, Segment, i);
      json_builder_begin_object (b);
      cg_json_add_time (b, "start", s->start_us);
      cg_json_add_time (b, "end", s->end_us);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, s->bytes);
      json_builder_set_member_name (b, "thinned");
      json_builder_add_boolean_value (b, s->thinned);
      json_builder_set_member_name (b, "recording");
      json_builder_add_boolean_value (b, s->open);
      json_builder_set_member_name (b, "frames");
      json_builder_add_int_value (b, s->frames);
      json_builder_set_member_name (b, "keyframes");
      json_builder_add_int_value (b, s->keyframes);
      json_builder_set_member_name (b, "codec");
      json_builder_add_string_value (b, s->codec);
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, s->width);
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, s->height);
      json_builder_set_member_name (b, "audio");
      json_builder_add_boolean_value (b, s->has_audio);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "gaps");
  json_builder_begin_array (b);
  for (guint i = 0; i < gaps->len; i++)
    {
      Gap *g = &g_array_index (gaps, Gap, i);
      json_builder_begin_object (b);
      cg_json_add_time (b, "start", g->start_us);
      cg_json_add_time (b, "end", g->end_us);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, g->reason);
      g_autofree char *text = g_str_equal (g->reason, "not_recording")
                                ? g_strdup (_("canhgacd was not recording"))
                                : cg_reason_describe (g->reason);
      json_builder_set_member_name (b, "reason_text");
      json_builder_add_string_value (b, text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  cg_json_print (b);
}

/* For people: contiguous segments merged into spans, gaps between. */
static void
print_spans (GArray *segs, GArray *gaps)
{
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("From"), FALSE);
  cg_table_add_column (t, _("To"), FALSE);
  cg_table_add_column (t, _("Length"), TRUE);
  cg_table_add_column (t, _("Size"), TRUE);
  cg_table_add_column (t, _("Recorded"), FALSE);
  guint gi = 0;
  for (guint i = 0; i < segs->len;)
    {
      Segment *first = &g_array_index (segs, Segment, i);
      gint64 end = first->end_us, bytes = 0;
      gboolean thinned = FALSE, open = FALSE;
      guint j = i;
      for (; j < segs->len; j++)
        {
          Segment *s = &g_array_index (segs, Segment, j);
          if (j > i && s->start_us - end >= GAP_MIN_US)
            break;
          end = MAX (end, s->end_us);
          bytes += s->bytes;
          thinned |= s->thinned;
          open |= s->open;
        }
      for (; gi < gaps->len && g_array_index (gaps, Gap, gi).start_us < first->start_us; gi++)
        {
          Gap *g = &g_array_index (gaps, Gap, gi);
          g_autofree char *a = cg_time_format_local (g->start_us, NULL);
          g_autofree char *b = cg_time_format_local (g->end_us, NULL);
          g_autofree char *len = cg_duration_format (g->end_us - g->start_us);
          g_autofree char *why = g_str_equal (g->reason, "not_recording")
                                   ? g_strdup (_("canhgacd was not recording"))
                                   : cg_reason_describe (g->reason);
          g_autofree char *what = g_strdup_printf (_("GAP: %s"), why);
          cg_table_add_row (t, a, b, len, "", what, NULL);
        }
      g_autofree char *a = cg_time_format_local (first->start_us, NULL);
      g_autofree char *b = cg_time_format_local (end, NULL);
      g_autofree char *len = cg_duration_format (end - first->start_us);
      g_autofree char *size = g_format_size_full ((guint64) bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment%s",
                                                            "%u segments%s", j - i),
                                               j - i,
                                               open ? _(", recording now")
                                                    : thinned ? _(", partly thinned") : "");
      cg_table_add_row (t, a, b, len, size, what, NULL);
      i = j;
    }
  for (; gi < gaps->len; gi++)
    {
      Gap *g = &g_array_index (gaps, Gap, gi);
      g_autofree char *a = cg_time_format_local (g->start_us, NULL);
      g_autofree char *b = cg_time_format_local (g->end_us, NULL);
      g_autofree char *len = cg_duration_format (g->end_us - g->start_us);
      g_autofree char *why = g_str_equal (g->reason, "not_recording")
                               ? g_strdup (_("canhgacd was not recording"))
                               : cg_reason_describe (g->reason);
      g_autofree char *what = g_strdup_printf (_("GAP: %s"), why);
      cg_table_add_row (t, a, b, len, "", what, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static int
run (const CgCommandContext *ctx, int argc, char **argv)
{
  static const struct option options[] = {
    { "camera", required_argument, NULL, 'c' },
    { "from", required_argument, NULL, 'f' },
    { "to", required_argument, NULL, 't' },
    { "json", no_argument, NULL, 'j' },
    { NULL, 0, NULL, 0 },
  };
  const char *camera = NULL, *from_text = NULL, *to_text = NULL;
  gboolean json = FALSE;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":", options, NULL)) != -1)
    switch (c)
      {
      case 'c': camera = optarg; break;
      case 'f': from_text = optarg; break;
      case 't': to_text = optarg; break;
      case 'j': json = TRUE; break;
      case ':':
        return cg_cli_usage_error (ctx->program, _("option '%s' needs a value"), argv[optind - 1]);
      default:
        return cg_cli_usage_error (ctx->program, _("recordings: unknown argument '%s'"),
                                   argv[optind - 1]);
      }
  if (optind < argc)
    return cg_cli_usage_error (ctx->program, _("recordings: unknown argument '%s'"), argv[optind]);
  if (camera == NULL)
    return cg_cli_usage_error (ctx->program, _("recordings: --camera NAME is required"));

  gint64 now = cg_time_now_us ();
  gint64 from = 0, to = G_MAXINT64;
  g_autoptr (GError) error = NULL;
  if ((from_text != NULL && !cg_time_parse (from_text, NULL, &from, &error))
      || (to_text != NULL && !cg_time_parse (to_text, NULL, &to, &error)))
    return cg_cli_usage_error (ctx->program, "%s", error->message);
  if (to <= from)
    return cg_cli_usage_error (ctx->program, _("recordings: --to must be later than --from"));

  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  int status = CG_EXIT_OK;
  g_autoptr (CgDb) db = cg_command_open_db (ctx, config, &status);
  if (db == NULL)
    return status;
  sqlite3 *h = cg_db_handle (db);
  gint64 camera_id = 0;
  if (!find_camera (h, camera, &camera_id, &error))
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autoptr (GArray) segs = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_array_set_clear_func (segs, (GDestroyNotify) segment_clear);
  g_autoptr (GArray) gaps = g_array_new (FALSE, TRUE, sizeof (Gap));
  g_array_set_clear_func (gaps, (GDestroyNotify) gap_clear);
  if (!load (h, camera_id, from, to, now, segs, gaps, &error))
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  if (json)
    print_json (camera, segs, gaps);
  else if (segs->len == 0 && gaps->len == 0)
    printf (_("No recordings of %s in this period.\n"), camera);
  else
    print_spans (segs, gaps);
  return CG_EXIT_OK;
}

const CgCommand cg_cmd_recordings = {
  .name = "recordings",
  .args = "--camera NAME [--from T] [--to T] [--json]",
  .summary = N_("list what was recorded and the gaps, with their reasons"),
  .run = run,
};
