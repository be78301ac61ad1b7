/* cmd_snapshot.c — `canhgac snapshot --camera NAME -o FILE.jpg`: a
 * camera's latest live thumbnail, saved as a JPEG file. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "cli/command.h"
#include "client/output.h"

#include <stdio.h>
#include <string.h>

static int
run (const CgCommandContext *ctx)
{
  const char *camera = cg_args_get (ctx->args, "camera");
  const char *out = cg_args_get (ctx->args, "output");
  gboolean json = cg_args_has (ctx->args, "json");
  if (*out == '\0')
    return cg_command_usage_error (ctx, _("--output needs a file name, such as cong-cho.jpg"));

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) reply = cg_command_request (ctx, "thumbnail.get", params, &status);
  if (reply == NULL)
    return status;
  JsonObject *o = json_node_get_object (reply);
  gsize size = 0;
  g_autofree guchar *jpeg = g_base64_decode (json_object_get_string_member (o, "jpeg"), &size);
  g_autoptr (GError) error = NULL;
  /* Written to a temporary file then renamed: never half a picture. */
  if (!g_file_set_contents (out, (const char *) jpeg, (gssize) size, &error))
    {
      cg_cli_error (ctx->program, _("cannot save the snapshot: %s"), error->message);
      return CG_EXIT_FAILED;
    }
  if (json)
    {
      json_object_remove_member (o, "jpeg");
      cg_json_print_node (reply);
    }
  else
    {
      g_autofree char *line = g_strdup_printf (_("Saved the snapshot of %s (%dx%d, %s) to %s."),
                                               camera, (int) json_object_get_int_member (o, "width"),
                                               (int) json_object_get_int_member (o, "height"),
                                               json_object_get_string_member (o, "time"), out);
      cg_print_line (line);
    }
  return CG_EXIT_OK;
}

static const CgOption options[] = {
  { "camera", 0, N_("NAME"), N_("the camera whose picture to save") },
  { "output", 'o', N_("FILE.jpg"), N_("the file to write; one already there is replaced") },
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_snapshot = {
  .name = "snapshot",
  .usage = N_("--camera NAME -o FILE.jpg [--json]"),
  .summary = N_("save a camera's latest live picture as a JPEG file"),
  .options = options,
  .required = (const char *const[]) { "camera", "output", NULL },
  .run = run,
};
