/* reason.c — reason codes and their sentences. */
#include "reason.h"

#include "i18n.h"

#include <string.h>

char *
cg_reason_make (const char *code, const char *detail)
{
  if (detail == NULL || *detail == '\0')
    return g_strdup (code);
  return g_strdup_printf ("%s:%s", code, detail);
}

typedef struct {
  const char *code;
  const char *text; /* N_(), one %s for the detail when it has one */
  const char *bare; /* N_(), without the detail, when text has one */
} ReasonText;

static const ReasonText texts[] = {
  /* Refused: something answers at that address, so power and line are
   * fine; the port or the camera's RTSP setting is not. */
  { CG_REASON_REFUSED, N_("connection refused by %s: check the port in the URL and that RTSP is "
                          "turned on in the camera's settings"),
    N_("the camera refused the connection: check the port in the URL and that RTSP is turned "
       "on in the camera's settings") },
  /* No answer at all: the camera or the household's line is down. */
  { CG_REASON_UNREACHABLE, N_("no answer from %s: check the camera's power and the household's "
                              "router, then the camera's network cable"),
    N_("no answer from the camera: check the camera's power and the household's router, then "
       "the camera's network cable") },
  { CG_REASON_DNS, N_("the camera's address %s cannot be found: check the URL"),
    N_("the camera's address cannot be found: check the URL") },
  { CG_REASON_AUTH, N_("the camera refused the user name or password: check them with "
                       "canhgac camera edit") },
  { CG_REASON_NOT_FOUND, N_("the camera has no stream at this URL: check the path in the "
                            "URL (see the camera's manual)") },
  { CG_REASON_NOT_STREAM, N_("the address answers but sends no video stream: check the URL") },
  { CG_REASON_NO_VIDEO, N_("the stream has no video track: choose the camera's video stream") },
  { CG_REASON_CODEC, N_("the camera sends %s, which cannot be recorded: set it to H.264 or "
                        "H.265"),
    N_("the camera sends a format that cannot be recorded: set it to H.264 or H.265") },
  { CG_REASON_STALLED, N_("connected but no picture for %s s: the link is too weak or the "
                          "camera has hung; restart the camera if it lasts"),
    N_("connected but no picture: the link is too weak or the camera has hung; restart the "
       "camera if it lasts") },
  { CG_REASON_CLOSED, N_("the camera closed the connection") },
  { CG_REASON_DISK, N_("cannot write the recordings (%s): check the disk"),
    N_("cannot write the recordings: check the disk") },
  { CG_REASON_ERROR, N_("error: %s"), N_("an error, without details") },
  { CG_REASON_NOT_RECORDING, N_("canhgacd was not recording") },
  { CG_REASON_DELETED, N_("this footage has been deleted to make room since it was listed") },
  { CG_REASON_UNREADABLE, N_("this footage cannot be decoded: it may be damaged") },
};

char *
cg_reason_describe (const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return g_strdup ("");
  const char *colon = strchr (reason, ':');
  g_autofree char *code = colon != NULL ? g_strndup (reason, colon - reason) : g_strdup (reason);
  const char *detail = colon != NULL ? colon + 1 : "";
  for (size_t i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (texts[i].code, code))
      {
        /* Without its detail (a host, seconds): the sentence that needs
         * none, never a "?" in its place. */
        if (*detail == '\0' && texts[i].bare != NULL)
          return g_strdup (_(texts[i].bare));
        /* Not printf: a translation must not be able to crash us. */
        GString *s = g_string_new (_(texts[i].text));
        g_string_replace (s, "%s", *detail != '\0' ? detail : "?", 1);
        return g_string_free (s, FALSE);
      }
  return g_strdup (reason);
}

/* Reasons in a few words, for a table's cell or a count ("3 times: no
 * answer"); the whole sentence is for a camera's page. */
static const struct {
  const char *code;
  const char *label;
} labels[] = {
  { CG_REASON_REFUSED, N_("connection refused") },
  { CG_REASON_UNREACHABLE, N_("offline (no answer)") },
  { CG_REASON_DNS, N_("address not found") },
  { CG_REASON_AUTH, N_("wrong user name or password") },
  { CG_REASON_NOT_FOUND, N_("no stream at the URL") },
  { CG_REASON_NOT_STREAM, N_("no video stream") },
  { CG_REASON_NO_VIDEO, N_("no video track") },
  { CG_REASON_CODEC, N_("format not recordable") },
  { CG_REASON_STALLED, N_("no picture (stalled)") },
  { CG_REASON_CLOSED, N_("connection closed by the camera") },
  { CG_REASON_DISK, N_("recordings not written") },
  { CG_REASON_ERROR, N_("error") },
  { CG_REASON_NOT_RECORDING, N_("canhgacd not recording") },
  { CG_REASON_DELETED, N_("deleted to make room") },
  { CG_REASON_UNREADABLE, N_("cannot be decoded") },
};

const char *
cg_reason_label (const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return "";
  const char *colon = strchr (reason, ':');
  gsize len = colon != NULL ? (gsize) (colon - reason) : strlen (reason);
  for (size_t i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strlen (labels[i].code) == len && strncmp (labels[i].code, reason, len) == 0)
      return _(labels[i].label);
  return reason;
}

char *
cg_reason_advice (const char *code)
{
  for (size_t i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_strcmp0 (texts[i].code, code) == 0)
      {
        /* The sentence's second half, after the colon, is what to do. */
        const char *text = _(texts[i].text);
        const char *colon = strstr (text, ": ");
        return colon != NULL && strstr (colon, "%s") == NULL ? g_strdup (colon + 2) : NULL;
      }
  return NULL;
}
