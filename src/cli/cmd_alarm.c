/* cmd_alarm.c — `canhgac alarm list|ack`: what rang at the stations, and
 * acknowledging it once for every station (doc/protocol.md, "Alarms"). */
#include "build-config.h"

#include "client/alarm.h"
#include "client/output.h"
#include "cli/command.h"
#include "common/cli.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"

#include <stdio.h>

static char *
when (gint64 us)
{
  return us > 0 ? cg_time_format_local (us, NULL) : g_strdup ("");
}

static void
print_list (JsonObject *reply, gboolean history)
{
  JsonArray *rows = json_object_get_array_member (reply, "alarms");
  if (json_array_get_length (rows) == 0)
    {
      cg_print_line (history ? _("No alarm has been raised.")
                             : _("No alarm is active. (--history lists the earlier ones.)"));
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("No."), TRUE);
  cg_table_add_column (t, _("Raised"), FALSE);
  cg_table_add_column (t, _("Alarm"), FALSE);
  cg_table_add_column (t, _("Ended"), FALSE);
  cg_table_add_column (t, _("Acknowledged"), FALSE);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autoptr (CgAlarm) a = cg_alarm_from_json (json_array_get_object_element (rows, i));
      if (a == NULL)
        continue;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
      g_autofree char *raised = when (a->raised_us);
      g_autofree char *words = cg_alarm_words (a, NULL);
      g_autofree char *ended = a->cleared_us > 0 ? when (a->cleared_us) : g_strdup (_("still on"));
      g_autofree char *acked_at = when (a->acknowledged_us);
      g_autofree char *acked = a->acknowledged_by != NULL
                                 ? g_strdup_printf (_("acknowledged by %s at %s"),
                                                    a->acknowledged_by, acked_at)
                                 : g_strdup (_("not acknowledged"));
      cg_table_add_row (t, id, raised, words, ended, acked, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (reply, "next_before")))
    {
      g_autofree char *more = g_strdup_printf (
        _("More: --before %lld"), (long long) json_object_get_int_member (reply, "next_before"));
      cg_print_line (more);
    }
}

/* A whole number option from min to max into member; FALSE with the
 * usage error printed. */
static gboolean
add_number (const CgCommandContext *ctx, JsonBuilder *b, const char *option, gint64 min,
            gint64 max, int *status)
{
  const char *text = cg_args_get (ctx->args, option);
  if (text == NULL)
    return TRUE;
  gint64 n = 0;
  if (!g_ascii_string_to_signed (text, 10, min, max, &n, NULL))
    {
      *status = cg_command_usage_error (ctx, _("--%s takes a whole number from %lld to %lld"),
                                        option, (long long) min, (long long) max);
      return FALSE;
    }
  json_builder_set_member_name (b, option);
  json_builder_add_int_value (b, n);
  return TRUE;
}

static int
do_list (const CgCommandContext *ctx)
{
  gboolean history = cg_args_has (ctx->args, "history");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "history");
  json_builder_add_boolean_value (b, history);
  int status = CG_EXIT_OK;
  if (!add_number (ctx, b, "limit", 1, 500, &status)
      || !add_number (ctx, b, "before", 1, G_MAXINT64, &status))
    return status;
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "alarm.list", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    print_list (json_node_get_object (reply), history);
  return CG_EXIT_OK;
}

static int
do_ack (const CgCommandContext *ctx)
{
  gint64 id = 0;
  if (!g_ascii_string_to_signed (cg_args_arg (ctx->args, 0), 10, 1, G_MAXINT64, &id, NULL))
    return cg_command_usage_error (ctx, _("an alarm is named by its number (alarm list shows them)"));
  const char *note = cg_args_get (ctx->args, "note");
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    return cg_command_usage_error (ctx, _("--%s is not UTF-8 text: type it again"), "note");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_int (b, "id", id);
  if (note != NULL)
    cg_json_add_string (b, "note", note);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "alarm.ack", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    {
      cg_json_print_node (reply);
      return CG_EXIT_OK;
    }
  g_autoptr (CgAlarm) a = cg_alarm_from_json (json_node_get_object (reply));
  if (a == NULL)
    return CG_EXIT_FAILED;
  g_autofree char *words = cg_alarm_words (a, NULL);
  g_autofree char *at = when (a->acknowledged_us);
  g_autofree char *line = g_strdup_printf (_("Alarm %lld (%s) acknowledged by %s at %s."),
                                           (long long) a->id, words,
                                           a->acknowledged_by != NULL ? a->acknowledged_by : "", at);
  cg_print_line (line);
  return CG_EXIT_OK;
}

static const CgOption list_options[] = {
  { "history", 0, NULL, N_("every alarm, also those ended and acknowledged") },
  { "before", 0, "ID", N_("only alarms older than this one (the next page)") },
  { "limit", 0, "N", N_("at most N alarms, from 1 to 500 (default 50)") },
  CG_OPTION_JSON,
  { NULL },
};

static const CgOption ack_options[] = {
  { "note", 0, N_("TEXT"), N_("what was done, in a few words (at most 500 characters)") },
  CG_OPTION_JSON,
  { NULL },
};

static const CgCommand list = {
  .name = "list",
  .usage = N_("[--history] [--before ID] [--limit N] [--json]"),
  .summary = N_("show the alarms not yet dealt with, newest first"),
  .options = list_options,
  .run = do_list,
};

static const CgCommand ack = {
  .name = "ack",
  .usage = N_("ID [--note TEXT] [--json]"),
  .summary = N_("acknowledge an alarm, for every station; operators"),
  .options = ack_options,
  .min_args = 1, .max_args = 1,
  .missing = N_("name the alarm by its number (alarm list shows them)"),
  .run = do_ack,
};

const CgCommand cg_cmd_alarm = {
  .name = "alarm",
  .usage = N_("list|ack [OPTION]..."),
  .summary = N_("show the alarms the stations ring for, and acknowledge them"),
  .commands = (const CgCommand *const[]) { &list, &ack, NULL },
};
