/* report_render — a report.get reply read from a file and laid out as
 * `canhgac report` lays it out: `report_render FORMAT FILE.json` prints
 * text, csv or html on stdout.  For the golden and PDF tests, which have
 * no daemon. */
#include "build-config.h"

#include "client/report.h"
#include "common/i18n.h"

#include <stdio.h>

int
main (int argc, char **argv)
{
  cg_i18n_init ();
  CgReportFormat format;
  if (argc != 3 || !cg_report_format_parse (argv[1], &format))
    {
      fprintf (stderr, "usage: report_render text|csv|html FILE.json\n");
      return 2;
    }
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  if (!json_parser_load_from_file (parser, argv[2], &error))
    {
      fprintf (stderr, "report_render: %s: %s\n", argv[2], error->message);
      return 1;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fprintf (stderr, "report_render: %s holds no object\n", argv[2]);
      return 1;
    }
  JsonObject *reply = json_node_get_object (root);
  g_autofree char *out = format == CG_REPORT_FORMAT_HTML ? cg_report_html (reply)
                         : format == CG_REPORT_FORMAT_CSV ? cg_report_csv (reply)
                                                          : cg_report_text (reply);
  fputs (out, stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
