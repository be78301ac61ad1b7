/* cmd_audit.c — `canhgac audit list|verify`: who did what, and whether
 * the record of it has been tampered with. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/output.h"

#include <getopt.h>
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
do_list (const CgCommandContext *ctx, int argc, char **argv)
{
  static const struct option options[] = {
    { "from", required_argument, NULL, 'f' },
    { "to", required_argument, NULL, 't' },
    { "limit", required_argument, NULL, 'l' },
    { "json", no_argument, NULL, 'j' },
    { NULL, 0, NULL, 0 },
  };
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  gboolean json = FALSE;
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":", options, NULL)) != -1)
    {
      g_autoptr (GError) error = NULL;
      gint64 us = 0;
      switch (c)
        {
        case 'f':
        case 't':
          {
            if (!cg_time_parse (optarg, NULL, &us, &error))
              return cg_cli_usage_error (ctx->program, "%s", error->message);
            g_autofree char *iso = cg_time_format_iso (us);
            json_builder_set_member_name (b, c == 'f' ? "from" : "to");
            json_builder_add_string_value (b, iso);
          }
          break;
        case 'l':
          {
            char *end = NULL;
            gint64 n = g_ascii_strtoll (optarg, &end, 10);
            if (end == optarg || *end != '\0' || n < 1 || n > 10000)
              return cg_cli_usage_error (ctx->program, _("--limit takes a number from 1 to 10000"));
            json_builder_set_member_name (b, "limit");
            json_builder_add_int_value (b, n);
          }
          break;
        case 'j': json = TRUE; break;
        case ':':
          return cg_cli_usage_error (ctx->program, _("option '%s' needs a value"), argv[optind - 1]);
        default:
          return cg_cli_usage_error (ctx->program, _("audit: unknown argument '%s'"), argv[optind - 1]);
        }
    }
  if (optind < argc)
    return cg_cli_usage_error (ctx->program, _("audit: unknown argument '%s'"), argv[optind]);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "audit.list", params, &status);
  if (reply == NULL)
    return status;
  if (json)
    cg_json_print_node (reply);
  else
    print_list (json_node_get_object (reply));
  return CG_EXIT_OK;
}

static int
do_verify (const CgCommandContext *ctx, int argc, char **argv)
{
  gboolean json = argc == 2 && strcmp (argv[1], "--json") == 0;
  if (argc > 2 || (argc == 2 && !json))
    return cg_cli_usage_error (ctx->program, _("audit: unknown argument '%s'"), argv[1]);
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

static int
run (const CgCommandContext *ctx, int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return do_list (ctx, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "verify") == 0)
    return do_verify (ctx, argc - 1, argv + 1);
  return cg_cli_usage_error (ctx->program, _("audit: say list or verify"));
}

const CgCommand cg_cmd_audit = {
  .name = "audit",
  .args = "list [--from T] [--to T] [--limit N] [--json] | verify [--json]",
  .summary = N_("show the audit log, or check that nobody has altered it"),
  .run = run,
};
