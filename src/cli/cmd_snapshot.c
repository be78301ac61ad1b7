/* cmd_snapshot.c — `canhgac snapshot --camera NAME [--at TIME] -o
 * FILE.jpg`: a camera's picture at full size, live or at a moment of its
 * recordings, saved as a JPEG file.  The daemon makes the picture
 * (snapshot.get) and passes it as a descriptor; the file is written
 * whole or not at all. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/output.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A JPEG larger than this is not one canhgacd made. */
#define MAX_BYTES (64 * 1024 * 1024)

/* Whether path names a JPEG file by its extension. */
static gboolean
jpeg_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  return dot != NULL && dot != base
         && (g_ascii_strcasecmp (dot, ".jpg") == 0 || g_ascii_strcasecmp (dot, ".jpeg") == 0);
}

/* The picture the daemon passed, all of it, checked: NULL with the
 * reason printed. */
static GBytes *
read_picture (const CgCommandContext *ctx, int fd, gint64 expected)
{
  if (fd < 0 || expected <= 0 || expected > MAX_BYTES)
    {
      cg_cli_error (ctx->program, _("canhgacd sent no picture; nothing was saved"));
      return NULL;
    }
  g_autofree guint8 *data = g_malloc ((gsize) expected + 1);
  gsize got = 0;
  for (;;)
    {
      ssize_t n = read (fd, data + got, (gsize) expected + 1 - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          cg_cli_error (ctx->program, _("the picture cannot be read from canhgacd: %s; nothing "
                                        "was saved"), g_strerror (errno));
          return NULL;
        }
      if (n == 0 || (got += (gsize) n) > (gsize) expected)
        break;
    }
  if (got != (gsize) expected || got < 3 || data[0] != 0xff || data[1] != 0xd8)
    {
      cg_cli_error (ctx->program, _("the picture canhgacd sent is incomplete; nothing was saved: "
                                    "try again"));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), got);
}

static char *
local_time (JsonObject *o, const char *member)
{
  gint64 us = 0;
  const char *text = json_object_get_string_member_with_default (o, member, NULL);
  if (text == NULL || !cg_time_parse (text, NULL, &us, NULL))
    return g_strdup ("?");
  return cg_time_format_local (us, NULL);
}

static void
say_saved (JsonObject *o, const char *out)
{
  const char *camera = json_object_get_string_member_with_default (o, "camera", "?");
  int width = (int) json_object_get_int_member_with_default (o, "width", 0);
  int height = (int) json_object_get_int_member_with_default (o, "height", 0);
  g_autofree char *when = local_time (o, "time");
  g_autofree char *line = NULL;
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "source", ""), "live") == 0)
    line = g_strdup_printf (_("Saved the live picture of %s (%dx%d, taken %s) to %s."), camera,
                            width, height, when, out);
  else
    line = g_strdup_printf (_("Saved the picture of %s at %s (%dx%d, from the recordings) to %s."),
                            camera, when, width, height, out);
  cg_print_line (line);
  if (json_object_get_boolean_member_with_default (o, "removed", FALSE))
    {
      g_autofree char *removed = local_time (o, "removed_at");
      g_autofree char *note = g_strdup_printf (_("“%s” was removed on %s: this picture is from "
                                                 "the recordings it left."), camera, removed);
      cg_print_line (note);
    }
}

static int
run (const CgCommandContext *ctx)
{
  const char *out = cg_args_get (ctx->args, "output");
  const char *at_text = cg_args_get (ctx->args, "at");
  gboolean json = cg_args_has (ctx->args, "json");
  if (*out == '\0')
    return cg_command_usage_error (ctx, _("--output needs a file name, such as cong-cho.jpg"));
  /* JPEG data in a file called .png would mislead whoever opens it. */
  if (!jpeg_name (out))
    return cg_command_usage_error (ctx, _("“%s” does not end in .jpg or .jpeg: a snapshot is a "
                                          "JPEG picture; give a name such as cong-cho.jpg"), out);
  gint64 at = 0;
  g_autoptr (GError) error = NULL;
  if (at_text != NULL && !cg_time_parse (at_text, NULL, &at, &error))
    return cg_command_usage_error (ctx, "%s", error->message);

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  int status = cg_command_add_footage_camera (ctx, b);
  if (status >= 0)
    return status;
  if (at_text != NULL)
    {
      g_autofree char *iso = cg_time_format_iso (at);
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, iso);
    }
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);

  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  status = CG_EXIT_OK;
  g_autoptr (CgClient) client = cg_command_connect (ctx, config, &status);
  if (client == NULL)
    return status;
  int fd = -1;
  g_autoptr (JsonNode) reply = cg_command_call (ctx, client, "snapshot.get", params, &fd, &status);
  if (reply == NULL)
    {
      if (fd >= 0)
        close (fd);
      return status;
    }
  JsonObject *o = json_node_get_object (reply);
  g_autoptr (GBytes) jpeg = read_picture (ctx, fd,
                                          json_object_get_int_member_with_default (o, "bytes", 0));
  if (fd >= 0)
    close (fd);
  if (jpeg == NULL)
    return CG_EXIT_FAILED;
  gsize size = 0;
  const char *data = g_bytes_get_data (jpeg, &size);
  /* A temporary file beside it, synced, then renamed over: the file is
   * never half a picture, and an old one stays until the new is whole.
   * Footage: readable by its owner alone. */
  if (!g_file_set_contents_full (out, data, (gssize) size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      cg_cli_error (ctx->program, _("cannot save the snapshot: %s"), error->message);
      return CG_EXIT_FAILED;
    }
  if (json)
    cg_json_print_node (reply);
  else
    say_saved (o, out);
  return CG_EXIT_OK;
}

static const CgOption options[] = {
  CG_OPTION_FOOTAGE_CAMERA,
  { "at", 0, N_("TIME"), N_("the picture at this moment of the recordings, such as "
                            "26/11/2026 18:30:05 (default: live)") },
  { "output", 'o', N_("FILE.jpg"), N_("the file to write (.jpg or .jpeg); one already there is "
                                      "replaced") },
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_snapshot = {
  .name = "snapshot",
  .usage = N_("--camera NAME [--at TIME] -o FILE.jpg [--json]"),
  .summary = N_("save a camera's picture at full size, live or from the recordings, as a JPEG "
                "file"),
  .help = N_("Without --at, the camera's latest live picture; it must be a few seconds old at "
             "most. With --at, the picture recorded at that moment: dd/mm/yyyy HH:MM[:SS] in "
             "local time, or ISO 8601; every such picture is written in the audit log. The file "
             "is readable by you alone."),
  .options = options,
  .required = (const char *const[]) { "output", NULL },
  .run = run,
};
