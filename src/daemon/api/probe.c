/* api/probe.c — `camera.probe` and `camera.vendors`: finding where a
 * camera of a known brand sends its video.
 *
 * The brand's addresses (common/vendor_templates.c) are tried one after
 * the other in a thread of the probe's own (capture/probe.c: each try
 * bounded), never on the main loop; the reply comes later
 * (cg_api_later).  A host that refuses or does not answer ends the
 * probe: no other path on it would fare better.  The password goes to
 * the camera only: the tries, the audit row and the log carry the
 * addresses without it.
 */
#define G_LOG_DOMAIN "canhgac-api"
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/camera.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/vendor_templates.h"
#include "daemon/capture/probe.h"

#include <string.h>

/* Each try's bound, and the whole probe's: the client gives up on a
 * reply after 30 s. */
#define TRY_TIMEOUT_US (5 * G_USEC_PER_SEC)
#define PROBE_BUDGET_US (22 * G_USEC_PER_SEC)
/* Probes running at once; more are refused (each holds a thread). */
#define MAX_PROBES 2

static gint running;

typedef struct {
  char *stream; /* "main" or "sub" */
  char *url;    /* as stored and shown: no credentials */
  CgProbeTry result;
} Tried;

typedef struct {
  CgApiLater *later;
  GPtrArray *main_urls, *sub_urls; /* char *, stored form */
  char *user, *password;
  gboolean substream;
  GArray *tried; /* Tried */
  const char *found, *found_sub; /* in main_urls, sub_urls */
} Probe;

static void
tried_clear (Tried *t)
{
  g_free (t->stream);
  g_free (t->url);
  cg_probe_try_clear (&t->result);
}

static void
probe_free (Probe *p)
{
  g_ptr_array_unref (p->main_urls);
  g_ptr_array_unref (p->sub_urls);
  g_free (p->user);
  if (p->password != NULL)
    memset (p->password, 0, strlen (p->password));
  g_free (p->password);
  g_array_unref (p->tried);
  g_free (p);
}

static CgVendors *
load_vendors (GError **error)
{
  g_autofree char *path = cg_vendors_default_path ();
  GError *local = NULL;
  CgVendors *vendors = cg_vendors_load_file (path, &local);
  if (vendors == NULL)
    {
      g_warning ("%s", local->message);
      cg_error_propagate_as (error, local, CG_RPC_ERROR, CG_RPC_FAILED);
    }
  return vendors;
}

/* Tries urls in order until one sends video; FALSE when the host did
 * not answer or the time ran out, so that nothing more is tried. */
static gboolean
try_stream (Probe *p, GPtrArray *urls, const char *stream, gint64 deadline, const char **found)
{
  for (guint i = 0; i < urls->len; i++)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      if (left < G_USEC_PER_SEC)
        return FALSE;
      const char *url = g_ptr_array_index (urls, i);
      CgCamera cam = { .url = (char *) url, .username = p->user, .password = p->password };
      g_autofree char *connect = cg_camera_stream_url (&cam);
      Tried t = { g_strdup (stream), cg_url_mask (url), { 0 } };
      cg_probe_try (connect, FALSE, MIN (left, TRY_TIMEOUT_US), &t.result);
      memset (connect, 0, strlen (connect));
      g_message ("probe %s: %s", t.url, cg_probe_result_name (t.result.result));
      g_array_append_val (p->tried, t);
      if (t.result.result == CG_PROBE_OK)
        {
          *found = url;
          return TRUE;
        }
      if (cg_probe_result_ends_host (t.result.result))
        return FALSE;
    }
  return TRUE;
}

static gboolean probe_done (gpointer data);

static gpointer
probe_thread (gpointer data)
{
  Probe *p = data;
  gint64 deadline = g_get_monotonic_time () + PROBE_BUDGET_US;
  if (try_stream (p, p->main_urls, "main", deadline, &p->found) && p->found != NULL
      && p->substream)
    try_stream (p, p->sub_urls, "sub", deadline, &p->found_sub);
  g_main_context_invoke (NULL, probe_done, p);
  return NULL;
}

/* The main loop, once every try is done. */
static gboolean
probe_done (gpointer data)
{
  Probe *p = data;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tried");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->tried->len; i++)
    {
      const Tried *t = &g_array_index (p->tried, Tried, i);
      json_builder_begin_object (b);
      cg_json_add_string (b, "stream", t->stream);
      cg_json_add_string (b, "url", t->url);
      cg_json_add_string (b, "result", cg_probe_result_name (t->result.result));
      if (t->result.result == CG_PROBE_OK)
        {
          cg_json_add_string (b, "codec", t->result.codec);
          cg_json_add_int (b, "width", t->result.width);
          cg_json_add_int (b, "height", t->result.height);
        }
      if (t->result.detail != NULL)
        cg_json_add_string (b, "detail", t->result.detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  cg_json_add_string (b, "user", p->user);
  g_autofree char *url = p->found != NULL ? cg_url_mask (p->found) : NULL;
  g_autofree char *sub = p->found_sub != NULL ? cg_url_mask (p->found_sub) : NULL;
  cg_json_add_string (b, "url", url);
  cg_json_add_string (b, "substream_url", sub);
  json_builder_end_object (b);
  cg_api_later_reply (p->later, json_builder_get_root (b), -1, NULL);
  probe_free (p);
  g_atomic_int_dec_and_test (&running);
  return G_SOURCE_REMOVE;
}

/* A parameter refused: the station puts the message at its field. */
static gboolean
bad_param (GError **error, const char *field, CgMessage *message)
{
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS, message);
  cg_error_set_field (error, field);
  return FALSE;
}

static JsonNode *
camera_probe (CgApiCall *call, GError **error)
{
  JsonObject *params = call->params;
  g_autoptr (CgVendors) vendors = load_vendors (error);
  if (vendors == NULL)
    return NULL;
  const char *name = cg_rpc_param_string (params, "vendor", "");
  const CgVendor *v = cg_vendors_find (vendors, name);
  if (v == NULL)
    {
      g_autofree char *known = cg_vendors_names (vendors);
      bad_param (error, "vendor", cg_message_compose (N_("“%s” is not a brand canhgac knows; the brands "
                                               "are: %s (canhgac camera vendors lists them)"),
                                            cg_message_literal (name),
                                            cg_message_literal (known), NULL));
      return NULL;
    }
  const char *host = cg_rpc_param_string (params, "host", "");
  if (!cg_vendor_host_valid (host))
    {
      bad_param (error, "host", cg_message_compose (N_("“%s” is not an IP address or host name: give "
                                               "the camera's address, as 192.168.1.64"),
                                            cg_message_literal (host), NULL));
      return NULL;
    }
  gint64 port = cg_rpc_param_int (params, "port", v->port);
  if (port < 1 || port > 65535)
    {
      bad_param (error, "port", cg_message_compose (N_("the port must be a number from 1 to 65535 "
                                               "(RTSP is usually on 554)"), NULL));
      return NULL;
    }
  gint64 channel = cg_rpc_param_int (params, "channel", 1);
  if (channel < 1 || channel > CG_VENDOR_CHANNEL_MAX)
    {
      g_autofree char *max = g_strdup_printf ("%d", CG_VENDOR_CHANNEL_MAX);
      bad_param (error, "channel", cg_message_compose (N_("the channel must be a number from 1 to %s (1 "
                                               "for a camera on its own)"),
                                            cg_message_literal (max), NULL));
      return NULL;
    }
  const char *user = cg_rpc_param_string (params, "user", NULL);
  if (user == NULL || *user == '\0')
    user = v->user;
  const char *password = cg_rpc_param_string (params, "password", NULL);

  if (g_atomic_int_add (&running, 1) >= MAX_PROBES)
    {
      g_atomic_int_dec_and_test (&running);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_OVERLOADED,
                         N_("canhgacd is already trying other cameras: try again in a moment"));
      return NULL;
    }
  /* Before anything goes to the camera: who looked for what, where;
   * never the password. */
  g_autofree char *object = g_strdup_printf ("%s:%" G_GINT64_FORMAT, host, port);
  g_autofree char *detail = g_strdup_printf ("vendor=%s host=%s port=%" G_GINT64_FORMAT
                                             " channel=%" G_GINT64_FORMAT " user=%s password=%s",
                                             v->id, host, port, channel, user,
                                             password != NULL && *password != '\0' ? "given"
                                                                                   : "none");
  if (!cg_api_audit (call, "camera.probe", object, detail, error))
    {
      g_atomic_int_dec_and_test (&running);
      return NULL;
    }
  Probe *p = g_new0 (Probe, 1);
  p->main_urls = cg_vendor_urls (v, FALSE, host, (guint) port, (guint) channel, user);
  p->sub_urls = cg_vendor_urls (v, TRUE, host, (guint) port, (guint) channel, user);
  p->user = g_strdup (user);
  p->password = password != NULL && *password != '\0' ? g_strdup (password) : NULL;
  p->substream = cg_rpc_param_bool (params, "substream", FALSE);
  p->tried = g_array_new (FALSE, TRUE, sizeof (Tried));
  g_array_set_clear_func (p->tried, (GDestroyNotify) tried_clear);
  p->later = cg_api_later (call);
  g_autoptr (GError) local = NULL;
  GThread *thread = g_thread_try_new ("probe", probe_thread, p, &local);
  if (thread == NULL)
    {
      cg_api_later_drop (call);
      probe_free (p);
      g_atomic_int_dec_and_test (&running);
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_FAILED,
                         N_("canhgacd cannot start trying the camera: %s"), local->message);
      return NULL;
    }
  g_thread_unref (thread);
  return NULL; /* the reply comes later */
}

static JsonNode *
camera_vendors (CgApiCall *call, GError **error)
{
  g_autoptr (CgVendors) vendors = load_vendors (error);
  if (vendors == NULL)
    return NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "vendors");
  json_builder_begin_array (b);
  for (guint i = 0; i < cg_vendors_count (vendors); i++)
    {
      const CgVendor *v = cg_vendors_nth (vendors, i);
      json_builder_begin_object (b);
      cg_json_add_string (b, "id", v->id);
      cg_json_add_string (b, "label", v->label);
      json_builder_set_member_name (b, "aliases");
      json_builder_begin_array (b);
      for (guint k = 0; v->aliases[k] != NULL; k++)
        json_builder_add_string_value (b, v->aliases[k]);
      json_builder_end_array (b);
      cg_json_add_string (b, "user", v->user);
      cg_json_add_int (b, "port", v->port);
      json_builder_set_member_name (b, "substream");
      json_builder_add_boolean_value (b, v->sub[0] != NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const CgRpcParam no_params[] = { { NULL } };
static const CgRpcParam probe_params[] = {
  { "vendor", CG_RPC_STRING, TRUE, .max_bytes = 64 },
  { "host", CG_RPC_STRING, TRUE, .max_bytes = 253 },
  { "port", CG_RPC_INT, FALSE },
  { "channel", CG_RPC_INT, FALSE },
  { "user", CG_RPC_STRING, FALSE, .max_bytes = 256 },
  { "password", CG_RPC_STRING, FALSE, .max_bytes = 256 },
  { "substream", CG_RPC_BOOL, FALSE },
  { NULL },
};

const CgApiMethod cg_api_probe_methods[] = {
  /* Admin: it sends a password to a camera the caller names. */
  { "camera.probe", CG_ROLE_ADMIN, probe_params, camera_probe, CG_API_AUDITED },
  { "camera.vendors", CG_ROLE_VIEWER, no_params, camera_vendors },
  { NULL },
};
