/* cmd_export_records.c — `canhgac export list|show|remove|verify`: the
 * exports canhgacd made, each one's custody record, removing one's file
 * (the record stays), and checking that a file handed over is one of
 * them, unaltered. */
#include "build-config.h"

#include "common/cli.h"
#include "common/export_state.h"
#include "common/file_digest.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/custody.h"
#include "client/output.h"

#include <stdio.h>
#include <string.h>

static gint64
time_of (JsonObject *o, const char *name)
{
  gint64 us = 0;
  const char *text = json_object_get_string_member_with_default (o, name, NULL);
  return text != NULL && cg_time_parse (text, NULL, &us, NULL) ? us : 0;
}

static char *
when (JsonObject *o, const char *name)
{
  gint64 us = time_of (o, name);
  return us > 0 ? cg_time_format_local (us, NULL) : g_strdup ("-");
}

/* An export's number as typed: a whole number from 1. */
static gboolean
export_id (const CgCommandContext *ctx, gint64 *id, int *status)
{
  const char *text = cg_args_arg (ctx->args, 0);
  char *end = NULL;
  *id = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || *id < 1)
    {
      *status = cg_command_usage_error (ctx, _("“%s” is not an export's number: `canhgac export "
                                               "list` shows them"), text);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
params_of (gint64 id, const char *member, const char *value)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "export");
  json_builder_add_int_value (b, id);
  if (member != NULL)
    {
      json_builder_set_member_name (b, member);
      json_builder_add_string_value (b, value);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- list ----------------------------------------------------------- */

static void
print_list (JsonObject *reply)
{
  JsonArray *rows = json_object_get_array_member (reply, "exports");
  if (json_array_get_length (rows) == 0)
    {
      printf ("%s\n", _("canhgacd has made no exports."));
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("No."), TRUE);
  cg_table_add_column (t, _("Camera"), FALSE);
  cg_table_add_column (t, _("From"), FALSE);
  cg_table_add_column (t, _("To"), FALSE);
  cg_table_add_column (t, _("By"), FALSE);
  cg_table_add_column (t, _("Size"), TRUE);
  cg_table_add_column (t, _("State"), FALSE);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *x = json_array_get_object_element (rows, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (x, "id"));
      g_autofree char *from = when (x, "from"), *to = when (x, "to");
      const char *code = json_object_get_string_member (x, "state");
      g_autofree char *size = g_str_equal (code, "complete")
        ? g_format_size_full ((guint64) json_object_get_int_member (x, "bytes"), G_FORMAT_SIZE_IEC_UNITS)
        : g_strdup ("-");
      const char *label = g_dgettext (GETTEXT_PACKAGE, cg_export_state_msgid (code));
      g_autofree char *state = g_str_equal (code, "running")
        ? g_strdup_printf ("%s (%d%%)", label, (int) json_object_get_int_member_with_default (x, "percent", 0))
        : g_strdup (label);
      cg_table_add_row (t, id, json_object_get_string_member (x, "camera"), from, to,
                        json_object_get_string_member (x, "created_by"), size, state, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static int
do_list (const CgCommandContext *ctx)
{
  return cg_command_report (ctx, "export.list", print_list);
}

/* ---- show ------------------------------------------------------------- */

static int
do_show (const CgCommandContext *ctx)
{
  gint64 id = 0;
  int status = CG_EXIT_OK;
  if (!export_id (ctx, &id, &status))
    return status;
  g_autoptr (JsonNode) params = params_of (id, NULL, NULL);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "export.show", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    {
      cg_json_print_node (reply);
      return CG_EXIT_OK;
    }
  g_autofree char *text = cg_custody_text (json_node_get_object (reply), NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && (lines[i][0] != '\0' || lines[i + 1] != NULL); i++)
    cg_print_line (lines[i]);
  return CG_EXIT_OK;
}

/* ---- remove ----------------------------------------------------------- */

static int
do_remove (const CgCommandContext *ctx)
{
  gint64 id = 0;
  int status = CG_EXIT_OK;
  if (!export_id (ctx, &id, &status))
    return status;
  g_autofree char *reason = g_strstrip (g_strdup (cg_args_get (ctx->args, "reason")));
  if (reason[0] == '\0')
    return cg_command_usage_error (ctx, _("--reason must say why the export is removed"));
  g_autoptr (JsonNode) params = params_of (id, "reason", reason);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "export.remove", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    printf (_("The file of export %lld was removed; its custody record remains (canhgac export "
              "show %lld).\n"), (long long) id, (long long) id);
  return CG_EXIT_OK;
}

/* ---- verify ----------------------------------------------------------- */

static void
print_match (JsonObject *x, const char *file)
{
  g_autofree char *made = when (x, "created");
  g_autofree char *from = when (x, "actual_from"), *to = when (x, "actual_to");
  const char *by = json_object_get_string_member (x, "created_by");
  const char *full = json_object_get_string_member_with_default (x, "full_name", NULL);
  g_autofree char *who = full != NULL ? g_strdup_printf ("%s (%s)", by, full) : g_strdup (by);
  g_autofree char *l1 = g_strdup_printf (_("%s matches export %lld, made on %s by %s: camera %s, "
                                           "from %s to %s. It is unaltered."),
                                         file, (long long) json_object_get_int_member (x, "id"),
                                         made, who, json_object_get_string_member (x, "camera"),
                                         from, to);
  cg_print_line (l1);
  if (g_strcmp0 (json_object_get_string_member (x, "state"), "removed") == 0)
    {
      JsonObject *r = json_object_get_object_member (x, "removed");
      g_autofree char *at = when (r, "time");
      g_autofree char *l2 = g_strdup_printf (_("canhgacd's own copy was removed since, on %s by "
                                               "%s: %s."), at,
                                             json_object_get_string_member (r, "by"),
                                             json_object_get_string_member (r, "reason"));
      cg_print_line (l2);
    }
}

static int
do_verify (const CgCommandContext *ctx)
{
  const char *file = cg_args_arg (ctx->args, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *digest = cg_file_sha256 (file, &error);
  if (digest == NULL)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, digest);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "export.verify", params, &status);
  if (reply == NULL)
    return status;
  JsonObject *r = json_node_get_object (reply);
  gboolean match = json_object_get_boolean_member (r, "match");
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else if (match)
    print_match (json_object_get_object_member (r, "export"), file);
  else
    {
      g_autofree char *line = g_strdup_printf (
        _("%s does NOT match any export of this canhgacd (its SHA-256 is %s): it was altered "
          "after it was exported, or it was not exported here. Do not rely on it; ask for the "
          "footage to be exported again."), file, digest);
      cg_print_line (line);
    }
  return match ? CG_EXIT_OK : CG_EXIT_FAILED;
}

/* ---- the tables -------------------------------------------------------- */

static const CgOption json_only[] = {
  CG_OPTION_JSON,
  { NULL },
};

static const CgOption remove_options[] = {
  { "reason", 0, N_("TEXT"), N_("why it is removed, for the audit log (such as: handed over "
                                "to the district on 30/11/2026)") },
  CG_OPTION_JSON,
  { NULL },
};

#define WHICH_EXPORT N_("say which export: its number, as `canhgac export list` shows")

const CgCommand cg_cmd_export_list = {
  .name = "list",
  .usage = N_("[--json]"),
  .summary = N_("list the exports made, newest last"),
  .options = json_only,
  .run = do_list,
};

const CgCommand cg_cmd_export_show = {
  .name = "show",
  .usage = N_("N [--json]"),
  .summary = N_("show an export's custody record"),
  .options = json_only,
  .min_args = 1, .max_args = 1, .missing = WHICH_EXPORT,
  .run = do_show,
};

const CgCommand cg_cmd_export_remove = {
  .name = "remove",
  .usage = N_("N --reason TEXT [--json]"),
  .summary = N_("remove an export's file from canhgacd (its custody record stays); admins only"),
  .options = remove_options,
  .required = (const char *const[]) { "reason", NULL },
  .min_args = 1, .max_args = 1, .missing = WHICH_EXPORT,
  .run = do_remove,
};

const CgCommand cg_cmd_export_verify = {
  .name = "verify",
  .usage = N_("FILE.mp4 [--json]"),
  .summary = N_("check that a file is an export of this canhgacd, unaltered (exit status 1 if "
                "not)"),
  .options = json_only,
  .min_args = 1, .max_args = 1,
  .missing = N_("say which file to check, such as vu-viec-12.mp4"),
  .run = do_verify,
};
