/* cmd_maintenance.c — `canhgac maintenance add|list|show|suggest|overview`:
 * the cameras' maintenance log from the command line, and the cameras
 * that need attention, from what the recorder saw. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/maintenance.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/maintenance.h"
#include "client/output.h"


/* ---- reading the command line ------------------------------------------ */

static const char *const text_options[] = {
  "camera", "kind", "note", "old-serial", "new-serial", NULL,
};

/* Đồng as officers write them (cg_parse_dong); a minus sign is passed
 * on, for the daemon to refuse with its words. */
static gboolean
parse_cost (const char *text, gint64 *out)
{
  gboolean minus = text[0] == '-';
  if (!cg_parse_dong (minus ? text + 1 : text, out))
    return FALSE;
  if (minus)
    *out = -*out;
  return TRUE;
}

/* ---- printing -------------------------------------------------------------- */

static char *
local_time (JsonObject *o, const char *member)
{
  const char *iso = json_object_get_string_member_with_default (o, member, NULL);
  gint64 us = 0;
  if (iso == NULL || !cg_time_parse (iso, NULL, &us, NULL))
    return g_strdup ("");
  return cg_time_format_local (us, NULL);
}

static char *
cost_text (JsonObject *e)
{
  JsonNode *n = json_object_get_member (e, "cost");
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("");
  return cg_format_dong (json_node_get_int (n));
}

static const char *
member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_string (n) : NULL;
}

static void
print_field (const char *label, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_autofree char *line = g_strdup_printf ("%s %s", label, value);
  cg_print_line (line);
}

static void
print_entry (JsonObject *e)
{
  g_autofree char *title = g_strdup_printf (_("Maintenance entry %lld"),
                                            (long long) json_object_get_int_member (e, "id"));
  cg_print_line (title);
  print_field (_("Camera:"), member (e, "camera"));
  print_field (_("Kind:"), cg_maintenance_kind_label (member (e, "kind")));
  g_autofree char *at = local_time (e, "at");
  print_field (_("When:"), at);
  const char *by_name = member (e, "by_name");
  g_autofree char *by = by_name != NULL && by_name[0] != '\0'
                          ? g_strdup_printf ("%s (%s)", by_name, member (e, "by"))
                          : g_strdup (member (e, "by"));
  print_field (_("Recorded by:"), by);
  g_autofree char *cost = cost_text (e);
  print_field (_("Cost:"), cost);
  print_field (_("Old serial number:"), member (e, "old_serial"));
  print_field (_("New serial number:"), member (e, "new_serial"));
  print_field (_("Note:"), member (e, "note"));
  g_autofree char *created = local_time (e, "created");
  print_field (_("Recorded on:"), created);
}

static int
print_reply (const CgCommandContext *ctx, JsonNode *reply, void (*print) (JsonObject *))
{
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    print (json_node_get_object (reply));
  return CG_EXIT_OK;
}

/* ---- the commands ------------------------------------------------------------ */

static int
do_add (const CgCommandContext *ctx)
{
  int status = CG_EXIT_OK;
  if (!cg_command_utf8_options (ctx, text_options, &status))
    return status;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_command_add_texts (ctx, b, "camera", "kind", NULL);
  if (!cg_command_add_time (ctx, b, "at", "at", &status))
    return status;
  const char *cost = cg_args_get (ctx->args, "cost");
  if (cost != NULL)
    {
      gint64 dong = 0;
      if (!parse_cost (cost, &dong))
        return cg_command_usage_error (ctx, _("--cost takes a whole number of dong, such as "
                                              "350000 or 350.000"));
      json_builder_set_member_name (b, "cost");
      json_builder_add_int_value (b, dong);
    }
  cg_command_add_texts (ctx, b, "note", "old-serial", "new-serial", NULL);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "maintenance.add", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    {
      cg_json_print_node (reply);
      return CG_EXIT_OK;
    }
  JsonObject *e = json_node_get_object (reply);
  g_autofree char *line = g_strdup_printf (_("Entry %lld recorded: %s, %s."),
                                           (long long) json_object_get_int_member (e, "id"),
                                           member (e, "camera"),
                                           cg_maintenance_kind_label (member (e, "kind")));
  cg_print_line (line);
  return CG_EXIT_OK;
}

static void
print_list (JsonObject *reply)
{
  JsonArray *rows = json_object_get_array_member (reply, "entries");
  if (json_array_get_length (rows) == 0)
    {
      cg_print_line (_("No maintenance entry matches."));
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("No."), TRUE);
  cg_table_add_column (t, _("When"), FALSE);
  cg_table_add_column (t, _("Camera"), FALSE);
  cg_table_add_column (t, _("Kind"), FALSE);
  cg_table_add_column (t, _("Cost"), TRUE);
  cg_table_add_column (t, _("Note"), FALSE);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *e = json_array_get_object_element (rows, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) json_object_get_int_member (e, "id"));
      g_autofree char *at = local_time (e, "at");
      g_autofree char *cost = cost_text (e);
      g_autofree char *note = g_utf8_substring (member (e, "note"), 0, 40);
      for (char *c = note; *c != '\0'; c++)
        if (*c == '\n' || *c == '\t')
          *c = ' ';
      cg_table_add_row (t, id, at, member (e, "camera"),
                        cg_maintenance_kind_label (member (e, "kind")), cost, note, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
  g_autofree char *total = g_strdup_printf (_("%lld shown of %lld."),
                                            (long long) json_array_get_length (rows),
                                            (long long) json_object_get_int_member (reply, "total"));
  cg_print_line (total);
  JsonNode *next = json_object_get_member (reply, "next_before");
  if (next != NULL && !JSON_NODE_HOLDS_NULL (next))
    {
      g_autofree char *more = g_strdup_printf (_("More: add --before %lld"),
                                               (long long) json_node_get_int (next));
      cg_print_line (more);
    }
}

static int
do_list (const CgCommandContext *ctx)
{
  int status = CG_EXIT_OK;
  if (!cg_command_utf8_options (ctx, text_options, &status))
    return status;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_command_add_texts (ctx, b, "camera", "kind", NULL);
  if (!cg_command_add_time (ctx, b, "from", "from", &status) || !cg_command_add_time (ctx, b, "to", "to", &status))
    return status;
  struct { const char *option; gint64 max; const char *msg; } numbers[] = {
    { "limit", 500, N_("--limit takes a number from 1 to 500") },
    { "before", G_MAXINT64, N_("--before takes an entry's number, as the list before said") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      const char *text = cg_args_get (ctx->args, numbers[i].option);
      gint64 n = 0;
      if (text == NULL)
        continue;
      if (!g_ascii_string_to_signed (text, 10, 1, numbers[i].max, &n, NULL))
        return cg_command_usage_error (ctx, "%s", _(numbers[i].msg));
      json_builder_set_member_name (b, numbers[i].option);
      json_builder_add_int_value (b, n);
    }
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "maintenance.list", params, &status);
  if (reply == NULL)
    return status;
  return print_reply (ctx, reply, print_list);
}

static int
do_show (const CgCommandContext *ctx)
{
  gint64 id = 0;
  if (!g_ascii_string_to_signed (cg_args_arg (ctx->args, 0), 10, 1, G_MAXINT64, &id, NULL))
    return cg_command_usage_error (ctx, _("say which entry: its number (maintenance list shows "
                                          "them)"));
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "maintenance.get", params, &status);
  if (reply == NULL)
    return status;
  return print_reply (ctx, reply, print_entry);
}

static void
print_suggestion (const char *camera, JsonObject *s)
{
  g_autofree char *text = cg_suggestion_text (s);
  g_autofree char *line = camera != NULL ? g_strdup_printf ("%s: %s", camera, text)
                                         : g_strdup_printf ("  %s", text);
  cg_print_line (line);
  g_autofree char *advice = g_strdup_printf ("  → %s", cg_suggestion_advice (s));
  cg_print_line (advice);
}

static void
print_suggestions (JsonObject *reply)
{
  JsonArray *list = json_object_get_array_member (reply, "suggestions");
  if (json_array_get_length (list) == 0)
    {
      cg_print_line (_("No camera needs attention."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *s = json_array_get_object_element (list, i);
      print_suggestion (member (s, "camera"), s);
    }
}

static int
do_suggest (const CgCommandContext *ctx)
{
  return cg_command_report (ctx, "maintenance.suggestions", print_suggestions);
}

static void
print_overview (JsonObject *reply)
{
  JsonArray *list = json_object_get_array_member (reply, "cameras");
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("Camera"), FALSE);
  cg_table_add_column (t, _("Host household"), FALSE);
  cg_table_add_column (t, _("Phone"), FALSE);
  cg_table_add_column (t, _("Installed"), FALSE);
  cg_table_add_column (t, _("Last maintenance"), FALSE);
  cg_table_add_column (t, _("Uptime 30 d"), TRUE);
  cg_table_add_column (t, _("Needs"), FALSE);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);
      JsonObject *last = json_object_get_member (c, "last") != NULL
                             && JSON_NODE_HOLDS_OBJECT (json_object_get_member (c, "last"))
                           ? json_object_get_object_member (c, "last") : NULL;
      g_autofree char *last_text = NULL;
      if (last != NULL)
        {
          g_autofree char *at = local_time (last, "at");
          last_text = g_strdup_printf ("%s %.10s", cg_maintenance_kind_label (member (last, "kind")),
                                       at);
        }
      g_autofree char *uptime = g_strdup_printf ("%.1f%%", json_object_get_double_member (c, "uptime_percent"));
      g_autoptr (GString) needs = g_string_new (NULL);
      JsonArray *sugg = json_object_get_array_member (c, "suggestions");
      for (guint j = 0; j < json_array_get_length (sugg); j++)
        g_string_append_printf (needs, "%s%s", j > 0 ? ", " : "",
                                cg_suggestion_title (json_array_get_object_element (sugg, j)));
      g_autofree char *installed = NULL;
      const char *on = member (c, "installed_on");
      gint64 us = 0;
      if (on != NULL && cg_time_parse (on, NULL, &us, NULL))
        installed = cg_time_format_date (us, NULL);
      cg_table_add_row (t, member (c, "name"), member (c, "host_name"), member (c, "host_phone"),
                        installed, last_text, uptime, needs->str, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static int
do_overview (const CgCommandContext *ctx)
{
  return cg_command_report (ctx, "maintenance.overview", print_overview);
}

/* ---- the tables ------------------------------------------------------------- */

static const CgOption add_options[] = {
  { "camera", 0, N_("NAME"), N_("the camera") },
  { "kind", 0, N_("KIND"), N_("fault, inspection, repair, replace, move or retire") },
  { "at", 0, N_("TIME"), N_("when it happened, such as 27/11/2026 08:00; by default now") },
  { "cost", 0, N_("DONG"), N_("what it cost, in dong, such as 350000 or 350.000") },
  { "note", 0, N_("TEXT"), N_("what was found or done") },
  { "old-serial", 0, N_("TEXT"), N_("a replacement: the serial number of the camera taken off") },
  { "new-serial", 0, N_("TEXT"), N_("a replacement: the serial number of the camera put up") },
  CG_OPTION_JSON, { NULL },
};
static const CgOption list_options[] = {
  { "camera", 0, N_("NAME"), N_("only this camera") },
  { "kind", 0, N_("KIND"), N_("only this kind") },
  { "from", 0, N_("TIME"), N_("only from this time") },
  { "to", 0, N_("TIME"), N_("only before this time") },
  { "limit", 0, N_("N"), N_("at most N (1-500, default 100)") },
  { "before", 0, N_("N"), N_("the next page, as the list before said") },
  CG_OPTION_JSON, { NULL },
};
static const CgOption json_only[] = { CG_OPTION_JSON, { NULL } };

static const CgCommand cmd_add = {
  .name = "add", .usage = N_("--camera NAME --kind KIND [OPTIONS]"),
  .summary = N_("record a fault, an inspection or work done; operators"), .options = add_options,
  .required = (const char *const[]) { "camera", "kind", NULL }, .run = do_add,
};
static const CgCommand cmd_list = {
  .name = "list", .usage = N_("[--camera NAME] [--kind KIND] [OPTIONS]"),
  .summary = N_("list the log, newest first"), .options = list_options, .run = do_list,
};
static const CgCommand cmd_show = {
  .name = "show", .usage = N_("N [--json]"), .summary = N_("show one entry"),
  .options = json_only, .min_args = 1, .max_args = 1,
  .missing = N_("say which entry: its number (maintenance list shows them)"), .run = do_show,
};
static const CgCommand cmd_suggest = {
  .name = "suggest", .usage = N_("[--json]"),
  .summary = N_("cameras needing attention, and what to check first"), .options = json_only,
  .run = do_suggest,
};
static const CgCommand cmd_overview = {
  .name = "overview", .usage = N_("[--json]"),
  .summary = N_("every camera: host, install date, last maintenance, uptime"),
  .options = json_only, .run = do_overview,
};

const CgCommand cg_cmd_maintenance = {
  .name = "maintenance",
  .usage = N_("ACTION ..."),
  .summary = N_("the cameras' maintenance log, and which cameras need attention"),
  .help = N_("A kind is one of fault (báo hỏng), inspection (kiểm tra), repair (sửa chữa), "
             "replace (thay thế), move (di chuyển), retire (thôi sử dụng).  A time is "
             "dd/mm/yyyy HH:MM[:SS] in local time, or ISO 8601.  Entries are never changed: "
             "record another.  Every entry is in the audit log."),
  .commands = (const CgCommand *const[]) { &cmd_add, &cmd_list, &cmd_show, &cmd_suggest,
                                            &cmd_overview, NULL },
};
