/* cmd_incident.c — `canhgac incident add|list|show|edit|close|reopen|
 * attach|detach`: the post's incident log from the command line, and its
 * printable record (show --format text|html -o FILE). */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/incident_record.h"
#include "client/output.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* ---- reading the command line ------------------------------------------ */

/* The incident the first argument names: its id or its code (12/2026). */
static void
add_incident (const CgCommandContext *ctx, JsonBuilder *b)
{
  const char *text = cg_args_arg (ctx->args, 0);
  gint64 id = 0;
  json_builder_set_member_name (b, "incident");
  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    json_builder_add_int_value (b, id);
  else
    json_builder_add_string_value (b, text);
}

/* yes/no, có/không; -1: neither. */
static int
yes_no (const char *text)
{
  g_autofree char *t = g_utf8_strdown (text, -1);
  if (g_str_equal (t, "yes") || g_str_equal (t, "y") || g_str_equal (t, "có") || g_str_equal (t, "co"))
    return 1;
  if (g_str_equal (t, "no") || g_str_equal (t, "n") || g_str_equal (t, "không")
      || g_str_equal (t, "khong"))
    return 0;
  return -1;
}

/* The fields add and edit share. */
static const char *const field_options[] = {
  "kind", "place", "map", "description", "reporter", "phone", "status", "outcome", "cameras",
  "footage-helped", "reason", "search", "camera", NULL,
};

static gboolean
add_fields (const CgCommandContext *ctx, JsonBuilder *b, int *status)
{
  if (!cg_command_utf8_options (ctx, field_options, status))
    return FALSE;
  cg_command_add_texts (ctx, b, "kind", NULL);
  if (!cg_command_add_time (ctx, b, "from", "from", status) || !cg_command_add_time (ctx, b, "to", "to", status))
    return FALSE;
  cg_command_add_texts (ctx, b, "place", "map", "description", "reporter", "status", "outcome", NULL);
  cg_command_add_text (ctx, b, "phone", "reporter_phone");
  const char *helped = cg_args_get (ctx->args, "footage-helped");
  if (helped != NULL)
    {
      int yn = yes_no (helped);
      if (yn < 0)
        {
          *status = cg_command_usage_error (ctx, _("--footage-helped takes yes or no"));
          return FALSE;
        }
      json_builder_set_member_name (b, "footage_helped");
      json_builder_add_boolean_value (b, yn == 1);
    }
  return TRUE;
}

/* ---- printing -------------------------------------------------------------- */

/* What an officer is told after a change: done, and any evidence range
 * with nothing recorded in it. */
static void
print_changed (const char *format, JsonObject *x)
{
  /* format: a translated message with one %s, the code. */
  GString *worded = g_string_new (format);
  g_string_replace (worded, "%s", json_object_get_string_member (x, "code"), 1);
  g_autofree char *line = g_string_free (worded, FALSE);
  cg_print_line (line);
  JsonArray *ev = json_object_get_array_member (x, "evidence");
  for (guint i = 0; ev != NULL && i < json_array_get_length (ev); i++)
    {
      JsonObject *e = json_array_get_object_element (ev, i);
      if (json_object_get_double_member_with_default (e, "footage_seconds", 0) > 0)
        continue;
      gint64 from = 0, to = 0;
      cg_time_parse (json_object_get_string_member (e, "from"), NULL, &from, NULL);
      cg_time_parse (json_object_get_string_member (e, "to"), NULL, &to, NULL);
      g_autofree char *f = cg_time_format_local (from, NULL), *t = cg_time_format_local (to, NULL);
      g_autofree char *warn = g_strdup_printf (
        _("Note: camera %s recorded nothing from %s to %s; the range is kept as evidence all the "
          "same."), json_object_get_string_member (e, "camera"), f, t);
      cg_print_line (warn);
    }
}

/* Calls method with the params built in b; prints the reply as JSON or
 * with done (a format with one %s, the code). */
static int
change (const CgCommandContext *ctx, const char *method, JsonBuilder *b, const char *done)
{
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, method, params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    print_changed (done, json_node_get_object (reply));
  return CG_EXIT_OK;
}

/* The version the change is made at: --version, else the current one. */
static gboolean
add_version (const CgCommandContext *ctx, JsonBuilder *b, int *status)
{
  const char *text = cg_args_get (ctx->args, "version");
  gint64 version = 0;
  if (text != NULL && !g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &version, NULL))
    {
      *status = cg_command_usage_error (ctx, _("--version needs the version read, a number such "
                                               "as 3 (incident show gives it)"));
      return FALSE;
    }
  if (text == NULL)
    {
      g_autoptr (JsonBuilder) q = json_builder_new ();
      json_builder_begin_object (q);
      add_incident (ctx, q);
      json_builder_end_object (q);
      g_autoptr (JsonNode) params = json_builder_get_root (q);
      g_autoptr (JsonNode) reply = cg_command_request (ctx, "incident.show", params, status);
      if (reply == NULL)
        return FALSE;
      version = json_object_get_int_member (json_node_get_object (reply), "version");
    }
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, version);
  return TRUE;
}

/* ---- the commands ------------------------------------------------------------ */

static int
do_add (const CgCommandContext *ctx)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = CG_EXIT_OK;
  if (!add_fields (ctx, b, &status))
    return status;
  const char *cameras = cg_args_get (ctx->args, "cameras");
  if (cameras != NULL)
    {
      g_auto (GStrv) names = g_strsplit (cameras, ",", -1);
      json_builder_set_member_name (b, "cameras");
      json_builder_begin_array (b);
      for (int i = 0; names[i] != NULL; i++)
        if (*g_strstrip (names[i]) != '\0')
          json_builder_add_string_value (b, names[i]);
      json_builder_end_array (b);
    }
  return change (ctx, "incident.create", b, _("Incident %s recorded."));
}

/* edit and close: the fields given, over the version read. */
static int
save_fields (const CgCommandContext *ctx, const char *method, const char *done)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = CG_EXIT_OK;
  add_incident (ctx, b);
  if (!add_fields (ctx, b, &status) || !add_version (ctx, b, &status))
    return status;
  return change (ctx, method, b, done);
}

static int
do_edit (const CgCommandContext *ctx)
{
  return save_fields (ctx, "incident.update", _("Incident %s saved."));
}

static int
do_close (const CgCommandContext *ctx)
{
  return save_fields (ctx, "incident.close", _("Incident %s closed."));
}

static int
do_reopen (const CgCommandContext *ctx)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = CG_EXIT_OK;
  add_incident (ctx, b);
  if (!cg_command_utf8_options (ctx, field_options, &status) || !add_version (ctx, b, &status))
    return status;
  cg_command_add_text (ctx, b, "reason", "reason");
  return change (ctx, "incident.reopen", b, _("Incident %s reopened."));
}

static int
do_attach (const CgCommandContext *ctx)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = CG_EXIT_OK;
  add_incident (ctx, b);
  if (!cg_command_utf8_options (ctx, field_options, &status))
    return status;
  cg_command_add_text (ctx, b, "camera", "camera");
  if (!cg_command_add_time (ctx, b, "from", "from", &status) || !cg_command_add_time (ctx, b, "to", "to", &status))
    return status;
  return change (ctx, "incident.attach", b, _("Footage added to the evidence of incident %s."));
}

static int
do_detach (const CgCommandContext *ctx)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = CG_EXIT_OK;
  add_incident (ctx, b);
  if (!cg_command_utf8_options (ctx, field_options, &status))
    return status;
  gint64 evidence = 0;
  if (!g_ascii_string_to_signed (cg_args_get (ctx->args, "evidence"), 10, 1, G_MAXINT64, &evidence,
                                 NULL))
    return cg_command_usage_error (ctx, _("--evidence needs the number of an evidence range "
                                          "(incident show lists them)"));
  json_builder_set_member_name (b, "evidence");
  json_builder_add_int_value (b, evidence);
  cg_command_add_text (ctx, b, "reason", "reason");
  return change (ctx, "incident.detach", b,
                 _("Evidence range taken off incident %s (it stays in the record)."));
}

static void
print_list (JsonObject *reply)
{
  JsonArray *rows = json_object_get_array_member (reply, "incidents");
  if (json_array_get_length (rows) == 0)
    {
      cg_print_line (_("No incident matches."));
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("No."), TRUE);
  cg_table_add_column (t, _("Kind"), FALSE);
  cg_table_add_column (t, _("From"), FALSE);
  cg_table_add_column (t, _("Place"), FALSE);
  cg_table_add_column (t, _("Status"), FALSE);
  cg_table_add_column (t, _("What happened"), FALSE);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *x = json_array_get_object_element (rows, i);
      gint64 from = 0;
      cg_time_parse (json_object_get_string_member (x, "from"), NULL, &from, NULL);
      g_autofree char *f = cg_time_format_local (from, NULL);
      g_autofree char *what = g_utf8_substring (json_object_get_string_member (x, "description"),
                                                0, 40);
      for (char *c = what; *c != '\0'; c++)
        if (*c == '\n' || *c == '\t')
          *c = ' ';
      cg_table_add_row (t, json_object_get_string_member (x, "code"),
                        json_object_get_string_member (x, "kind_label"), f,
                        json_object_get_string_member (x, "place"),
                        cg_incident_status_label (json_object_get_string_member (x, "status")),
                        what, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
  g_autofree char *total = g_strdup_printf (_("%lld shown of %lld."), (long long) json_array_get_length (rows),
                                            (long long) json_object_get_int_member (reply, "total"));
  cg_print_line (total);
  if (json_object_has_member (reply, "next"))
    {
      g_autofree char *more = g_strdup_printf (_("More: add --cursor %s"),
                                               json_object_get_string_member (reply, "next"));
      cg_print_line (more);
    }
}

static int
do_list (const CgCommandContext *ctx)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = CG_EXIT_OK;
  if (!cg_command_utf8_options (ctx, field_options, &status))
    return status;
  cg_command_add_texts (ctx, b, "search", "status", "kind", "camera", "place", "cursor", NULL);
  if (!cg_command_add_time (ctx, b, "from", "from", &status) || !cg_command_add_time (ctx, b, "to", "to", &status))
    return status;
  const char *limit = cg_args_get (ctx->args, "limit");
  if (limit != NULL)
    {
      gint64 n = 0;
      if (!g_ascii_string_to_signed (limit, 10, 1, 500, &n, NULL))
        return cg_command_usage_error (ctx, _("--limit takes a number from 1 to 500"));
      json_builder_set_member_name (b, "limit");
      json_builder_add_int_value (b, n);
    }
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "incident.list", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    print_list (json_node_get_object (reply));
  return CG_EXIT_OK;
}

static int
do_show (const CgCommandContext *ctx)
{
  const char *format = cg_args_get (ctx->args, "format");
  const char *file = cg_args_get (ctx->args, "output");
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "html"))
    return cg_command_usage_error (ctx, _("--format takes text or html"));
  if (format != NULL && g_str_equal (format, "html") && file == NULL)
    return cg_command_usage_error (ctx, _("--format html needs -o FILE.html"));
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_incident (ctx, b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "incident.show", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    {
      cg_json_print_node (reply);
      return CG_EXIT_OK;
    }
  JsonObject *x = json_node_get_object (reply);
  gboolean html = format != NULL && g_str_equal (format, "html");
  g_autofree char *text = html ? cg_incident_record_html (x) : cg_incident_record_text (x);
  if (file == NULL)
    {
      fputs (text, stdout);
      return CG_EXIT_OK;
    }
  g_autoptr (GError) error = NULL;
  if (!g_file_set_contents (file, text, -1, &error))
    {
      cg_cli_error (ctx->program, _("cannot write %s: %s"), file, error->message);
      return CG_EXIT_FAILED;
    }
  g_autofree char *line = g_strdup_printf (_("The record of incident %s is in %s."),
                                           json_object_get_string_member (x, "code"), file);
  cg_print_line (line);
  return CG_EXIT_OK;
}

/* ---- the tables ------------------------------------------------------------- */

#define KIND_OPTION { "kind", 0, N_("CODE"), N_("the kind: trom_cap, cuop_giat, danh_nhau, gay_roi, tai_nan, chay_no, mat_tich, khac ([incidents] kinds)") }
#define TIME_OPTIONS                                                                     \
  { "from", 0, N_("TIME"), N_("when it began, such as 27/11/2026 08:00 (or ISO 8601)") }, \
  { "to", 0, N_("TIME"), N_("when it ended") }
#define TEXT_OPTIONS                                                                     \
  { "place", 0, N_("TEXT"), N_("where it happened") },                                   \
  { "map", 0, N_("X,Y"), N_("where it happened on the commune map (\"none\": no position)") }, \
  { "description", 0, N_("TEXT"), N_("what happened") },                                 \
  { "reporter", 0, N_("NAME"), N_("who reported it") },                                  \
  { "phone", 0, N_("NUMBER"), N_("the reporter's telephone number") },                   \
  { "status", 0, N_("STATUS"), N_("new, verifying, transferred or resolved") }
#define VERSION_OPTION \
  { "version", 0, N_("N"), N_("the version read (incident show); by default the current one") }

static const CgOption add_options[] = {
  KIND_OPTION, TIME_OPTIONS, TEXT_OPTIONS,
  { "cameras", 0, N_("NAMES"), N_("cameras whose footage is evidence, separated by commas (5 "
                                  "minutes each side)") },
  CG_OPTION_JSON, { NULL },
};
static const CgOption edit_options[] = {
  KIND_OPTION, TIME_OPTIONS, TEXT_OPTIONS,
  { "outcome", 0, N_("TEXT"), N_("how it was dealt with") },
  { "footage-helped", 0, N_("yes|no"), N_("whether the footage helped") },
  VERSION_OPTION, CG_OPTION_JSON, { NULL },
};
static const CgOption close_options[] = {
  { "outcome", 0, N_("TEXT"), N_("how it was dealt with") },
  { "footage-helped", 0, N_("yes|no"), N_("whether the footage helped") },
  VERSION_OPTION, CG_OPTION_JSON, { NULL },
};
static const CgOption reason_options[] = {
  { "reason", 0, N_("TEXT"), N_("why, for the audit log") },
  VERSION_OPTION, CG_OPTION_JSON, { NULL },
};
static const CgOption attach_options[] = {
  { "camera", 0, N_("NAME"), N_("the camera whose footage is evidence") },
  TIME_OPTIONS, CG_OPTION_JSON, { NULL },
};
static const CgOption detach_options[] = {
  { "evidence", 0, N_("N"), N_("the evidence range, as incident show numbers it") },
  { "reason", 0, N_("TEXT"), N_("why, for the audit log") },
  CG_OPTION_JSON, { NULL },
};
static const CgOption list_options[] = {
  { "search", 0, N_("WORDS"), N_("words to find, with or without diacritics (cho finds Chợ)") },
  { "status", 0, N_("STATUS"), N_("new, verifying, transferred, resolved, closed, or open (all "
                                  "but closed)") },
  { "kind", 0, N_("CODE"), N_("only this kind") },
  { "camera", 0, N_("NAME"), N_("only with evidence on this camera") },
  { "place", 0, N_("TEXT"), N_("only at this place") },
  TIME_OPTIONS,
  { "limit", 0, N_("N"), N_("at most N (1-500, default 100)") },
  { "cursor", 0, N_("TEXT"), N_("the next page, as the list before said") },
  CG_OPTION_JSON, { NULL },
};
static const CgOption show_options[] = {
  { "format", 0, N_("text|html"), N_("the record to print: text, or an HTML page for A4") },
  { "output", 'o', N_("FILE"), N_("write the record to FILE") },
  CG_OPTION_JSON, { NULL },
};

#define WHICH N_("say which incident: its number and year, such as 12/2026 (incident list shows them)")

static const CgCommand cmd_add = {
  .name = "add", .usage = N_("--kind CODE --from TIME --to TIME --description TEXT [OPTIONS]"),
  .summary = N_("record an incident; operators"), .options = add_options,
  .required = (const char *const[]) { "kind", "from", "to", "description", NULL },
  .run = do_add,
};
static const CgCommand cmd_list = {
  .name = "list", .usage = N_("[--search WORDS] [OPTIONS] [--json]"),
  .summary = N_("list incidents, newest first"), .options = list_options, .run = do_list,
};
static const CgCommand cmd_show = {
  .name = "show", .usage = N_("N/YYYY [--format text|html -o FILE] [--json]"),
  .summary = N_("show an incident's record: evidence, exports, changes"), .options = show_options,
  .min_args = 1, .max_args = 1, .missing = WHICH, .run = do_show,
};
static const CgCommand cmd_edit = {
  .name = "edit", .usage = N_("N/YYYY [OPTIONS]"),
  .summary = N_("change an incident's fields; operators"), .options = edit_options,
  .min_args = 1, .max_args = 1, .missing = WHICH, .run = do_edit,
};
static const CgCommand cmd_close = {
  .name = "close", .usage = N_("N/YYYY --outcome TEXT --footage-helped yes|no"),
  .summary = N_("close an incident, saying how it ended; operators"), .options = close_options,
  .required = (const char *const[]) { "outcome", "footage-helped", NULL },
  .min_args = 1, .max_args = 1, .missing = WHICH, .run = do_close,
};
static const CgCommand cmd_reopen = {
  .name = "reopen", .usage = N_("N/YYYY --reason TEXT"),
  .summary = N_("reopen a closed incident; admins only"), .options = reason_options,
  .required = (const char *const[]) { "reason", NULL },
  .min_args = 1, .max_args = 1, .missing = WHICH, .run = do_reopen,
};
static const CgCommand cmd_attach = {
  .name = "attach", .usage = N_("N/YYYY --camera NAME --from TIME --to TIME"),
  .summary = N_("add a camera's footage to an incident's evidence; operators"),
  .options = attach_options,
  .required = (const char *const[]) { "camera", "from", "to", NULL },
  .min_args = 1, .max_args = 1, .missing = WHICH, .run = do_attach,
};
static const CgCommand cmd_detach = {
  .name = "detach", .usage = N_("N/YYYY --evidence N --reason TEXT"),
  .summary = N_("take an evidence range off an incident (kept in its record); admins only"),
  .options = detach_options,
  .required = (const char *const[]) { "evidence", "reason", NULL },
  .min_args = 1, .max_args = 1, .missing = WHICH, .run = do_detach,
};

const CgCommand cg_cmd_incident = {
  .name = "incident",
  .usage = N_("ACTION ..."),
  .summary = N_("the post's incident log: record, find, change, close, print"),
  .help = N_("A time is dd/mm/yyyy HH:MM[:SS] in local time, or ISO 8601.  An incident is named "
             "by its number and year (12/2026) or its id.  Every change is in the audit log."),
  .commands = (const CgCommand *const[]) { &cmd_add, &cmd_list, &cmd_show, &cmd_edit, &cmd_close,
                                            &cmd_reopen, &cmd_attach, &cmd_detach, NULL },
};
