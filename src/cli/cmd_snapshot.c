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
run (const CgCommandContext *ctx, int argc, char **argv)
{
  const char *camera = NULL, *out = NULL;
  gboolean json = FALSE;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (strcmp (a, "--json") == 0)
        json = TRUE;
      else if ((strcmp (a, "--camera") == 0 || strcmp (a, "-o") == 0 || strcmp (a, "--output") == 0))
        {
          if (i + 1 >= argc)
            return cg_cli_usage_error (ctx->program, _("option '%s' needs a value"), a);
          if (strcmp (a, "--camera") == 0)
            camera = argv[++i];
          else
            out = argv[++i];
        }
      else if (g_str_has_prefix (a, "--camera="))
        camera = a + strlen ("--camera=");
      else if (g_str_has_prefix (a, "--output="))
        out = a + strlen ("--output=");
      else
        return cg_cli_usage_error (ctx->program, _("snapshot: unknown argument '%s'"), a);
    }
  if (camera == NULL || out == NULL || *out == '\0')
    return cg_cli_usage_error (ctx->program,
                               _("snapshot needs --camera NAME and -o FILE.jpg"));

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

const CgCommand cg_cmd_snapshot = {
  .name = "snapshot",
  .args = "--camera NAME -o FILE.jpg [--json]",
  .summary = N_("save a camera's latest live picture as a JPEG file"),
  .run = run,
};
