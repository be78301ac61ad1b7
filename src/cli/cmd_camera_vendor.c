/* cmd_camera_vendor.c — adding a camera by its brand: `canhgac camera add
 * --vendor V --host-ip IP`, and `canhgac camera vendors`.
 *
 * An officer knows the camera's brand, IP and password, not its RTSP
 * path.  The daemon tries the brand's addresses (camera.probe, in
 * src/daemon/api/probe.c); this prints each one tried with its result in
 * words, then adds the camera with the address that sent video, or says
 * what to check.  The password goes to the daemon only, never to the
 * screen.
 */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "cli/command.h"
#include "client/camera_probe.h"
#include "client/output.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

static const CgOption vendor_options[] = {
  { "vendor", 0, N_("BRAND"), N_("instead of --url: the camera's brand (see camera vendors); "
                                 "its addresses are tried") },
  { "host-ip", 0, "IP", N_("with --vendor: the camera's IP address") },
  { "port", 0, N_("PORT"), N_("with --vendor: its RTSP port (the brand's, usually 554)") },
  { "channel", 0, "N", N_("with --vendor: the channel (1 for a camera on its own)") },
  { "find-substream", 0, NULL, N_("with --vendor: also find its smaller second stream") },
  { NULL },
};

const CgOption *
cg_camera_vendor_options (void)
{
  return vendor_options;
}

int
cg_camera_vendor_check (const CgCommandContext *ctx)
{
  gboolean vendor = cg_args_has (ctx->args, "vendor");
  if (vendor && cg_args_has (ctx->args, "url"))
    return cg_command_usage_error (ctx, _("--url and --vendor contradict each other: give the "
                                          "address, or the brand and --host-ip"));
  if (vendor && !cg_args_has (ctx->args, "host-ip"))
    return cg_command_usage_error (ctx, _("--vendor needs --host-ip, the camera's IP address"));
  if (!vendor && !cg_args_has (ctx->args, "url"))
    return cg_command_usage_error (ctx, _("give the camera's address with --url, or its brand "
                                          "with --vendor and --host-ip"));
  static const char *const with_vendor[] = { "host-ip", "port", "channel", "find-substream" };
  for (gsize i = 0; !vendor && i < G_N_ELEMENTS (with_vendor); i++)
    if (cg_args_has (ctx->args, with_vendor[i]))
      return cg_command_usage_error (ctx, _("--%s goes with --vendor"), with_vendor[i]);
  if (vendor && cg_args_has (ctx->args, "find-substream") && cg_args_has (ctx->args, "substream"))
    return cg_command_usage_error (ctx, _("--substream and --find-substream contradict each "
                                          "other"));
  return -1;
}

/* A number option, or -1 (a usage error said, *status set) when it is
 * not one; fallback when absent. */
static gint64
number_option (const CgCommandContext *ctx, const char *option, gint64 max, gint64 fallback,
               int *status)
{
  const char *text = cg_args_get (ctx->args, option);
  guint64 v = 0;
  if (text == NULL)
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, 1, (guint64) max, &v, NULL))
    {
      *status = cg_command_usage_error (ctx, _("--%s needs a number from 1 to %d"), option,
                                        (int) max);
      return -1;
    }
  return (gint64) v;
}

int
cg_camera_add_by_vendor (const CgCommandContext *ctx, JsonNode *params, const char *password)
{
  int status = -1;
  gint64 port = number_option (ctx, "port", 65535, 0, &status);
  gint64 channel = number_option (ctx, "channel", 256, 1, &status);
  if (status >= 0)
    return status;
  const char *vendor = cg_args_get (ctx->args, "vendor");
  const char *host = cg_args_get (ctx->args, "host-ip");
  const char *user = cg_args_get (ctx->args, "user");

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "vendor", vendor);
  cg_json_add_string (b, "host", host);
  if (port > 0)
    cg_json_add_int (b, "port", port);
  cg_json_add_int (b, "channel", channel);
  if (user != NULL && *user != '\0')
    cg_json_add_string (b, "user", user);
  if (password != NULL)
    cg_json_add_string (b, "password", password);
  json_builder_set_member_name (b, "substream");
  json_builder_add_boolean_value (b, cg_args_has (ctx->args, "find-substream"));
  json_builder_end_object (b);
  g_autoptr (JsonNode) probe = json_builder_get_root (b);

  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  status = CG_EXIT_OK;
  g_autoptr (CgClient) client = cg_command_connect (ctx, config, &status);
  if (client == NULL)
    return status;
  printf (_("Trying the addresses of a %s camera at %s...\n"), vendor, host);
  fflush (stdout);
  g_autoptr (JsonNode) reply = cg_command_call (ctx, client, "camera.probe", probe, NULL, &status);
  if (reply == NULL)
    return status;
  JsonObject *r = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
  JsonNode *tried_node = r != NULL ? json_object_get_member (r, "tried") : NULL;
  if (tried_node == NULL || !JSON_NODE_HOLDS_ARRAY (tried_node))
    {
      cg_cli_error (ctx->program, _("canhgacd sent a reply this canhgac does not understand; "
                                    "are both the same version?"));
      return CG_EXIT_FAILED;
    }
  JsonArray *tried = json_node_get_array (tried_node);
  for (guint i = 0; i < json_array_get_length (tried); i++)
    {
      JsonObject *t = json_array_get_object_element (tried, i);
      if (t == NULL)
        continue;
      g_autofree char *words = cg_probe_result_words (t);
      g_autofree char *line = g_strdup_printf ("  %s  %s: %s", cg_probe_stream_label (t),
                                               cg_rpc_param_string (t, "url", ""), words);
      cg_print_line (line);
    }
  const char *url = cg_rpc_param_string (r, "url", NULL);
  const char *used_user = cg_rpc_param_string (r, "user", user);
  if (url == NULL)
    {
      g_autofree char *why = cg_probe_verdict (tried, vendor, host,
                                               used_user != NULL ? used_user : "");
      cg_cli_error (ctx->program, "%s", why);
      return CG_EXIT_FAILED;
    }

  JsonObject *add = json_node_get_object (params);
  json_object_set_string_member (add, "url", url);
  const char *sub = cg_rpc_param_string (r, "substream_url", NULL);
  if (sub != NULL)
    json_object_set_string_member (add, "substream_url", sub);
  if (used_user != NULL)
    json_object_set_string_member (add, "user", used_user);
  g_autoptr (JsonNode) added = cg_command_call (ctx, client, "camera.add", params, NULL, &status);
  if (added == NULL)
    return status;
  JsonObject *camera = JSON_NODE_HOLDS_OBJECT (added) ? json_node_get_object (added) : NULL;
  printf (_("Camera “%s” added: %s\n"),
          camera != NULL ? cg_rpc_param_string (camera, "name", "-") : "-", url);
  if (sub != NULL)
    printf (_("Its sub-stream: %s\n"), sub);
  else if (cg_args_has (ctx->args, "find-substream"))
    printf (_("No sub-stream was found: the station shows the main stream's pictures.\n"));
  if (camera != NULL && !cg_rpc_param_bool (camera, "enabled", TRUE))
    printf (_("It is disabled: it will not be recorded until “%s camera enable” is run.\n"),
            ctx->program);
  return CG_EXIT_OK;
}

/* ---- camera vendors ------------------------------------------------------ */

static void
print_vendors (JsonObject *reply)
{
  JsonNode *list = json_object_get_member (reply, "vendors");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return;
  JsonArray *vendors = json_node_get_array (list);
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("NAME"), FALSE);
  cg_table_add_column (t, _("BRAND"), FALSE);
  cg_table_add_column (t, _("USER"), FALSE);
  cg_table_add_column (t, _("PORT"), TRUE);
  cg_table_add_column (t, _("ALSO"), FALSE);
  for (guint i = 0; i < json_array_get_length (vendors); i++)
    {
      JsonObject *v = json_array_get_object_element (vendors, i);
      if (v == NULL)
        continue;
      g_autoptr (GString) aliases = g_string_new (NULL);
      JsonNode *a = json_object_get_member (v, "aliases");
      for (guint k = 0; a != NULL && JSON_NODE_HOLDS_ARRAY (a)
                        && k < json_array_get_length (json_node_get_array (a)); k++)
        g_string_append_printf (aliases, "%s%s", k > 0 ? ", " : "",
                                json_array_get_string_element (json_node_get_array (a), k));
      g_autofree char *port = g_strdup_printf ("%d", (int) cg_rpc_param_int (v, "port", 554));
      cg_table_add_row (t, cg_rpc_param_string (v, "id", "-"),
                        cg_rpc_param_string (v, "label", "-"), cg_rpc_param_string (v, "user", "-"),
                        port, aliases->len > 0 ? aliases->str : "-", NULL);
    }
  cg_table_print (t);
  cg_table_free (t);
}

static int
do_vendors (const CgCommandContext *ctx)
{
  return cg_command_report (ctx, "camera.vendors", print_vendors);
}

static const CgOption json_options[] = {
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_camera_vendors = {
  .name = "vendors",
  .usage = N_("[--json]"),
  .summary = N_("list the brands camera add --vendor knows"),
  .help = N_("NAME is what to give after --vendor (or one of ALSO); USER and PORT are what the "
             "brand ships with, used unless --user or --port say otherwise."),
  .options = json_options,
  .run = do_vendors,
};
