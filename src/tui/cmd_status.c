/* cmd_status.c — `canhgac status`: every camera's state at a glance.
 *
 * Reads the database read-only (what canhgacd last wrote); says so when
 * the daemon is not running, since the states are then old news.
 */
#include "build-config.h"

#include "common/camera.h"
#include "common/cli.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "tui/command.h"
#include "tui/output.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  char *name;
  char *place;
  char *state;
  char *reason;
  gint64 since_us, last_frame_us, updated_us;
  gint64 bitrate_bps, keyframe_interval_ms, reconnects;
  double fps;
  gboolean known;
} Row;

static void
row_clear (Row *r)
{
  g_free (r->name);
  g_free (r->place);
  g_free (r->state);
  g_free (r->reason);
}

static const char *
column_text (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);
  return t != NULL ? (const char *) t : "";
}

static GArray *
load_rows (sqlite3 *h, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (h,
                          "SELECT c.name, coalesce(c.place, ''), c.enabled, s.state, s.reason,"
                          " s.since_us, s.last_frame_us, s.bitrate_bps, s.fps,"
                          " s.keyframe_interval_ms, s.reconnects, s.updated_us"
                          " FROM cameras c LEFT JOIN camera_status s ON s.camera_id = c.id"
                          " WHERE c.removed_us IS NULL ORDER BY c.name",
                          -1, &st, NULL) != SQLITE_OK)
    {
      cg_db_fail (h, _("reading the cameras"), error);
      return NULL;
    }
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      Row r = { 0 };
      r.name = g_strdup (column_text (st, 0));
      r.place = g_strdup (column_text (st, 1));
      gboolean enabled = sqlite3_column_int (st, 2);
      r.known = sqlite3_column_type (st, 3) != SQLITE_NULL;
      r.state = g_strdup (!enabled ? "disabled" : r.known ? column_text (st, 3) : "connecting");
      r.reason = g_strdup (column_text (st, 4));
      r.since_us = sqlite3_column_int64 (st, 5);
      r.last_frame_us = sqlite3_column_int64 (st, 6);
      r.bitrate_bps = sqlite3_column_int64 (st, 7);
      r.fps = sqlite3_column_double (st, 8);
      r.keyframe_interval_ms = sqlite3_column_int64 (st, 9);
      r.reconnects = sqlite3_column_int64 (st, 10);
      r.updated_us = sqlite3_column_int64 (st, 11);
      g_array_append_val (rows, r);
    }
  sqlite3_finalize (st);
  return rows;
}

static void
print_json (GArray *rows, gint64 heartbeat_us, gboolean running, gint64 now)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "daemon");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "running");
  json_builder_add_boolean_value (b, running);
  cg_json_add_time (b, "heartbeat", heartbeat_us);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = &g_array_index (rows, Row, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->name);
      json_builder_set_member_name (b, "place");
      json_builder_add_string_value (b, r->place);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, r->state);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, r->reason);
      g_autofree char *text = cg_reason_describe (r->reason);
      json_builder_set_member_name (b, "reason_text");
      json_builder_add_string_value (b, text);
      cg_json_add_time (b, "since", r->since_us);
      json_builder_set_member_name (b, "bitrate");
      json_builder_add_int_value (b, r->bitrate_bps);
      json_builder_set_member_name (b, "fps");
      json_builder_add_double_value (b, r->fps);
      json_builder_set_member_name (b, "keyframe_interval_ms");
      if (r->keyframe_interval_ms > 0)
        json_builder_add_int_value (b, r->keyframe_interval_ms);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "last_frame_age");
      if (r->last_frame_us > 0)
        json_builder_add_double_value (b, (double) (now - r->last_frame_us) / CG_USEC_PER_SEC);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reconnects");
      json_builder_add_int_value (b, r->reconnects);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  cg_json_print (b);
}

static const char *
state_label (const char *state)
{
  if (g_str_equal (state, "recording"))
    return _("recording");
  if (g_str_equal (state, "connecting"))
    return _("connecting");
  if (g_str_equal (state, "stalled"))
    return _("stalled");
  if (g_str_equal (state, "offline"))
    return _("offline");
  if (g_str_equal (state, "disabled"))
    return _("disabled");
  return state;
}

static void
print_table (GArray *rows, gint64 now)
{
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("Camera"), FALSE);
  cg_table_add_column (t, _("State"), FALSE);
  cg_table_add_column (t, _("Bitrate"), TRUE);
  cg_table_add_column (t, _("FPS"), TRUE);
  cg_table_add_column (t, _("Last frame"), TRUE);
  cg_table_add_column (t, _("Reconnects"), TRUE);
  cg_table_add_column (t, _("Reason"), FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *r = &g_array_index (rows, Row, i);
      gboolean live = g_str_equal (r->state, "recording");
      g_autofree char *rate = live ? g_strdup_printf (_("%.0f kbit/s"), r->bitrate_bps / 1000.0)
                                   : g_strdup ("-");
      g_autofree char *fps = live ? g_strdup_printf ("%.1f", r->fps) : g_strdup ("-");
      g_autofree char *age = r->last_frame_us > 0 ? cg_duration_format (now - r->last_frame_us)
                                                  : g_strdup ("-");
      g_autofree char *rec = g_strdup_printf ("%" G_GINT64_FORMAT, r->reconnects);
      g_autofree char *why = cg_reason_describe (r->reason);
      cg_table_add_row (t, r->name, state_label (r->state), rate, fps, age, rec, why, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

/* The daemon refreshes its heartbeat every few seconds; older than this,
 * it is not running. */
#define HEARTBEAT_STALE_US (10 * CG_USEC_PER_SEC)

static int
run (const CgCommandContext *ctx, int argc, char **argv)
{
  gboolean json = FALSE;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else
        return cg_cli_usage_error (ctx->program, _("status: unknown argument '%s'"), argv[i]);
    }
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  int status = CG_EXIT_OK;
  g_autoptr (CgDb) db = cg_command_open_db (ctx, config, &status);
  if (db == NULL)
    return status;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = load_rows (cg_db_handle (db), &error);
  if (rows == NULL)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  gint64 now = cg_time_now_us ();
  gint64 heartbeat = cg_command_daemon_heartbeat (db);
  gboolean running = heartbeat > now - HEARTBEAT_STALE_US;
  if (json)
    print_json (rows, heartbeat, running, now);
  else if (rows->len == 0)
    printf (_("No cameras yet: add one with canhgac camera add --name NAME --url URL\n"));
  else
    print_table (rows, now);
  if (!running)
    {
      g_autofree char *when = cg_time_format_local (heartbeat, NULL);
      if (heartbeat > 0)
        cg_cli_error (ctx->program, _("canhgacd is not running (last seen %s): nothing is "
                                      "being recorded. Start it with: systemctl start canhgacd"),
                      when);
      else
        cg_cli_error (ctx->program, _("canhgacd is not running: nothing is being recorded. "
                                      "Start it with: systemctl start canhgacd"));
      return CG_EXIT_UNREACHABLE;
    }
  return CG_EXIT_OK;
}

const CgCommand cg_cmd_status = {
  .name = "status",
  .args = "[--json]",
  .summary = N_("show every camera's state, bitrate and reason"),
  .run = run,
};
