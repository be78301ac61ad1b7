/* cmd_report.c — `canhgac report --period P`: the periodic report
 * (report.get) as text to print, CSV or an HTML page for A4
 * (doc/protocol.md, "report.get"). */
#include "build-config.h"

#include "client/output.h"
#include "client/report.h"
#include "cli/command.h"
#include "common/cli.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/period.h"

#include <stdio.h>

static int
do_report (const CgCommandContext *ctx)
{
  const char *typed = cg_args_get (ctx->args, "period");
  const char *format_text = cg_args_get (ctx->args, "format");
  const char *file = cg_args_get (ctx->args, "output");
  gboolean split = cg_args_has (ctx->args, "csv-split");
  gboolean json = cg_args_has (ctx->args, "json");
  /* Read here so that a mistyped period is said before any connection;
   * sent as typed, for the daemon to read in its own zone. */
  CgPeriod period;
  g_autoptr (GError) error = NULL;
  if (!cg_period_parse (typed, &period, &error))
    return cg_command_usage_error (ctx, "%s", error->message);
  CgReportFormat format = CG_REPORT_FORMAT_TEXT;
  if (format_text != NULL && !cg_report_format_parse (format_text, &format))
    return cg_command_usage_error (ctx, _("--format takes text, csv or html"));
  if (split && format != CG_REPORT_FORMAT_CSV)
    return cg_command_usage_error (ctx, _("--csv-split goes with --format csv"));
  if (format != CG_REPORT_FORMAT_TEXT && file == NULL && !json)
    return cg_command_usage_error (ctx, _("--format %s needs -o FILE.%s"), format_text,
                                   cg_report_format_extension (format));
  if (json && file != NULL)
    return cg_command_usage_error (ctx, _("--json prints the reply; it does not go with -o"));
  if (file != NULL && !split && g_file_test (file, G_FILE_TEST_EXISTS))
    {
      cg_cli_error (ctx->program, _("%s already exists: choose another name, or move that file "
                                    "away first (nothing is written over)"), file);
      return CG_EXIT_FAILED;
    }

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "period", typed);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "report.get", params, &status);
  if (reply == NULL)
    return status;
  if (json)
    {
      cg_json_print_node (reply);
      return CG_EXIT_OK;
    }
  JsonObject *r = json_node_get_object (reply);
  if (file == NULL)
    {
      g_autofree char *text = cg_report_text (r);
      fputs (text, stdout);
      return CG_EXIT_OK;
    }
  g_auto (GStrv) written = NULL;
  if (!cg_report_write (r, format, file, split, &written, &error))
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autofree char *names = g_strjoinv (", ", written);
  g_autofree char *line = g_strdup_printf (_("The report is in %s."), names);
  cg_print_line (line);
  return CG_EXIT_OK;
}

static const CgOption options[] = {
  { "period", 0, N_("PERIOD"), N_("2026-11 (a month), 2026-Q4, 2026-H2, 2026 (a year), or days: "
                                  "01/11/2026..30/11/2026") },
  { "format", 0, N_("text|csv|html"), N_("text to print (the default), CSV for spreadsheets, or "
                                          "an HTML page for A4") },
  { "output", 'o', N_("FILE"), N_("write the report to FILE, a new file (needed for csv and "
                                   "html)") },
  { "csv-split", 0, NULL, N_("one CSV file per table: FILE-cameras.csv, ...") },
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_report = {
  .name = "report",
  .usage = N_("--period PERIOD [--format text|csv|html -o FILE] [--csv-split] [--json]"),
  .summary = N_("the monthly, quarterly, six-month or yearly report on the cameras"),
  .help = N_("How the camera system worked and how effective it was in the period: the "
             "recorder, each camera's share of time recorded and its outages, link quality, "
             "storage, incidents, exports, a comparison with the period before, and what to "
             "do, laid out as an administrative report with the heading and signature of "
             "[report] in the configuration."),
  .options = options,
  .required = (const char *const[]) { "period", NULL },
  .run = do_report,
};
