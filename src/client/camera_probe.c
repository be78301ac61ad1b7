/* camera_probe.c — camera.probe's reply in words for an officer. */
#include "build-config.h"

#include "client/camera_probe.h"

#include "common/i18n.h"
#include "common/jsonrpc.h"

const char *
cg_probe_stream_label (JsonObject *tried)
{
  return g_strcmp0 (cg_rpc_param_string (tried, "stream", ""), "sub") == 0 ? _("sub-stream")
                                                                            : _("main stream");
}

char *
cg_probe_result_words (JsonObject *t)
{
  const char *result = cg_rpc_param_string (t, "result", "");
  if (g_str_equal (result, "ok"))
    return g_strdup_printf (_("video found (%s %dx%d)"), cg_rpc_param_string (t, "codec", "?"),
                            (int) cg_rpc_param_int (t, "width", 0),
                            (int) cg_rpc_param_int (t, "height", 0));
  if (g_str_equal (result, "refused"))
    return g_strdup (_("connection refused"));
  if (g_str_equal (result, "unauthorized"))
    return g_strdup (_("password refused"));
  if (g_str_equal (result, "not_found"))
    return g_strdup (_("no such address on this camera"));
  if (g_str_equal (result, "not_video"))
    return g_strdup (_("answers, but sends no video"));
  if (g_str_equal (result, "timeout"))
    return g_strdup (_("no answer"));
  return g_strdup_printf (_("error: %s"), cg_rpc_param_string (t, "detail", result));
}

char *
cg_probe_verdict (JsonArray *tried, const char *vendor, const char *host, const char *user)
{
  static const char *const worst_first[] = { "unauthorized", "not_video", "not_found",
                                             "timeout", "refused", "error" };
  const char *verdict = NULL;
  const char *detail = "";
  for (gsize k = 0; k < G_N_ELEMENTS (worst_first) && verdict == NULL; k++)
    for (guint i = 0; tried != NULL && i < json_array_get_length (tried); i++)
      {
        JsonObject *t = json_array_get_object_element (tried, i);
        if (t != NULL && g_strcmp0 (cg_rpc_param_string (t, "result", ""), worst_first[k]) == 0)
          {
            verdict = worst_first[k];
            detail = cg_rpc_param_string (t, "detail", "");
            break;
          }
      }
  if (verdict == NULL)
    return g_strdup (_("no address was tried: try again"));
  if (g_str_equal (verdict, "unauthorized"))
    return g_strdup_printf (_("the camera refused the password (user %s): check the password (it "
                              "may have been changed), and the user name"), user);
  if (g_str_equal (verdict, "not_video"))
    return g_strdup (_("the camera answered but sends no video there: check in its settings that "
                       "its video stream is turned on"));
  if (g_str_equal (verdict, "not_found"))
    return g_strdup_printf (_("the camera answered, but has none of %s's addresses: check the "
                              "brand (canhgac camera vendors lists them) and the channel"), vendor);
  if (g_str_equal (verdict, "timeout"))
    return g_strdup_printf (_("%s does not answer: check the IP address, that the camera has "
                              "power, and that its network reaches this post"), host);
  if (g_str_equal (verdict, "refused"))
    return g_strdup_printf (_("%s refused the connection: check the port (RTSP is usually on 554) "
                              "and that RTSP is turned on in the camera's settings"), host);
  return g_strdup_printf (_("the camera could not be tried: %s"), detail);
}
