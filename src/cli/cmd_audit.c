/* cmd_audit.c — `canhgac audit list|verify`: who did what, and whether
 * the record of it has been tampered with. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/output.h"

#include <stdio.h>
#include <string.h>

static void
print_list (JsonObject *reply)
{
  JsonArray *rows = json_object_get_array_member (reply, "entries");
  if (json_array_get_length (rows) == 0)
    {
      printf (_("The audit log has no entries in this period.\n"));
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("Time"), FALSE);
  cg_table_add_column (t, _("User"), FALSE);
  cg_table_add_column (t, _("Action"), FALSE);
  cg_table_add_column (t, _("Object"), FALSE);
  cg_table_add_column (t, _("Detail"), FALSE);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      gint64 at = 0;
      cg_time_parse (json_object_get_string_member (r, "time"), NULL, &at, NULL);
      g_autofree char *when = cg_time_format_local (at, NULL);
      cg_table_add_row (t, when, json_object_get_string_member (r, "user"),
                        json_object_get_string_member (r, "action"),
                        json_object_get_string_member (r, "object"),
                        json_object_get_string_member (r, "detail"), NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static int
do_list (const CgCommandContext *ctx)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  int status = CG_EXIT_OK;
  json_builder_begin_object (b);
  if (!cg_command_add_time (ctx, b, "from", "from", &status)
      || !cg_command_add_time (ctx, b, "to", "to", &status))
    return status;
  const char *limit = cg_args_get (ctx->args, "limit");
  if (limit != NULL)
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (limit, &end, 10);
      if (end == limit || *end != '\0' || n < 1 || n > 10000)
        return cg_command_usage_error (ctx, _("--limit takes a number from 1 to 10000"));
      json_builder_set_member_name (b, "limit");
      json_builder_add_int_value (b, n);
    }
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "audit.list", params, &status);
  if (reply == NULL)
    return status;
  if (cg_args_has (ctx->args, "json"))
    cg_json_print_node (reply);
  else
    print_list (json_node_get_object (reply));
  return CG_EXIT_OK;
}

static int
do_verify (const CgCommandContext *ctx)
{
  gboolean json = cg_args_has (ctx->args, "json");
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "audit.verify", NULL, &status);
  if (reply == NULL)
    return status;
  JsonObject *r = json_node_get_object (reply);
  gboolean ok = json_object_get_boolean_member (r, "ok");
  if (json)
    {
      cg_json_print_node (reply);
      return ok ? CG_EXIT_OK : CG_EXIT_FAILED;
    }
  if (ok)
    printf (_("The audit log is intact: %d entries checked.\n"),
            (int) json_object_get_int_member (r, "rows"));
  else
    {
      JsonObject *bad = json_object_get_object_member (r, "first_bad");
      g_autofree char *line = g_strdup_printf (_("The audit log has been tampered with at entry %d: "
                                                 "%s. Keep the database file as evidence and report it."),
                                               (int) json_object_get_int_member (bad, "id"),
                                               json_object_get_string_member (bad, "problem"));
      cg_print_line (line);
    }
  gint64 unsealed = json_object_get_int_member_with_default (r, "unsealed", 0);
  if (ok && unsealed > 0)
    printf (_("%lld entries were written before sealing began: their chain is checked, "
              "not their seal.\n"), (long long) unsealed);
  /* The head as officers copy it, to compare with the one on paper. */
  const char *head = json_object_get_string_member_with_default (r, "head", NULL);
  if (head != NULL)
    printf (_("Head of the chain: %s (compare it with the one in the post's records).\n"), head);
  return ok ? CG_EXIT_OK : CG_EXIT_FAILED;
}

static const CgOption list_options[] = {
  { "from", 0, N_("TIME"), N_("from this time, such as 26/11/2026 18:30 (or ISO 8601)") },
  { "to", 0, N_("TIME"), N_("until this time") },
  { "limit", 0, "N", N_("at most N entries, from 1 to 10000") },
  CG_OPTION_JSON,
  { NULL },
};

static const CgOption verify_options[] = {
  CG_OPTION_JSON,
  { NULL },
};

static const CgCommand list = {
  .name = "list",
  .usage = N_("[--from TIME] [--to TIME] [--limit N] [--json]"),
  .summary = N_("show who did what, and when"),
  .help = N_("A time is dd/mm/yyyy HH:MM[:SS] in local time, or ISO 8601."),
  .options = list_options,
  .run = do_list,
};

static const CgCommand verify = {
  .name = "verify",
  .usage = N_("[--json]"),
  .summary = N_("check that no entry was altered or removed (exit status 1 if one was)"),
  .options = verify_options,
  .run = do_verify,
};

const CgCommand cg_cmd_audit = {
  .name = "audit",
  .usage = N_("list|verify [OPTION]..."),
  .summary = N_("show the audit log, or check that nobody has altered it"),
  .commands = (const CgCommand *const[]) { &list, &verify, NULL },
};
