/* server.c — the loopback RTSP server, authentication, and the faults
 * that act on connections rather than on the video. */
#define G_LOG_DOMAIN "canhgac-camsim"
#include "build-config.h"

#include "camsim/server.h"

#include "common/error.h"
#include "common/i18n.h"

#include <string.h>

struct CgCamsimServer {
  GstRTSPServer *rtsp;
  GstRTSPMountPoints *mounts;
  GPtrArray *cameras; /* CgCamsimCamera */
  GSource *listener;
  GArray *timers; /* guint source ids */
  guint port;
};

/* An offline fault's timer flips the camera and re-arms itself with the
 * length of the next phase. */
typedef struct {
  CgCamsimServer *server;
  CgCamsimCamera *camera;
} FaultTimer;

static void
add_auth (GstRTSPServer *rtsp, const char *user, const char *password)
{
  g_autoptr (GstRTSPAuth) auth = gst_rtsp_auth_new ();
  g_autoptr (GstRTSPToken) token = gst_rtsp_token_new (GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE,
                                                       G_TYPE_STRING, "viewer", NULL);
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  gst_rtsp_auth_add_basic (auth, basic, token);
  gst_rtsp_auth_add_digest (auth, user, password, token);
  gst_rtsp_auth_set_supported_methods (auth, GST_RTSP_AUTH_BASIC | GST_RTSP_AUTH_DIGEST);
  gst_rtsp_server_set_auth (rtsp, auth);
}

/* A brand's address with a query (/cam/realmonitor?channel=1&subtype=0):
 * mounts match the path alone, so the query is checked here, before the
 * stream is described; a different or missing query is a path the
 * camera does not have. */
static GstRTSPStatusCode
check_query (GstRTSPClient *client, GstRTSPContext *ctx, gpointer data)
{
  CgCamsimServer *server = data;
  const GstRTSPUrl *uri = ctx->uri;
  if (uri == NULL)
    return GST_RTSP_STS_OK;
  for (guint i = 0; i < server->cameras->len; i++)
    {
      CgCamsimCamera *camera = g_ptr_array_index (server->cameras, i);
      if (camera->query == NULL || g_strcmp0 (uri->abspath, camera->path) != 0)
        continue;
      if (g_strcmp0 (uri->query, camera->query) != 0)
        {
          g_debug ("%s: query \"%s\" is not \"%s\": 404", camera->name,
                   uri->query != NULL ? uri->query : "", camera->query);
          return GST_RTSP_STS_NOT_FOUND;
        }
    }
  return GST_RTSP_STS_OK;
}

static void
on_client_connected (GstRTSPServer *rtsp, GstRTSPClient *client, gpointer data)
{
  g_signal_connect (client, "pre-describe-request", G_CALLBACK (check_query), data);
}

CgCamsimServer *
cg_camsim_server_new (guint port, const char *user, const char *password, GError **error)
{
  g_autoptr (GstRTSPServer) rtsp = gst_rtsp_server_new ();
  g_autofree char *service = g_strdup_printf ("%u", port);
  gst_rtsp_server_set_address (rtsp, "127.0.0.1");
  gst_rtsp_server_set_service (rtsp, service);
  /* Reconnect tests open and close many connections quickly. */
  gst_rtsp_server_set_backlog (rtsp, 128);
  if (user != NULL)
    add_auth (rtsp, user, password != NULL ? password : "");

  g_autoptr (GError) local = NULL;
  GSource *listener = gst_rtsp_server_create_source (rtsp, NULL, &local);
  if (listener == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   _("cannot listen on 127.0.0.1 port %u: %s; choose another --port, or 0 for a "
                     "free one"), port, local->message);
      return NULL;
    }
  g_source_attach (listener, NULL);

  CgCamsimServer *server = g_new0 (CgCamsimServer, 1);
  server->rtsp = g_steal_pointer (&rtsp);
  server->mounts = gst_rtsp_server_get_mount_points (server->rtsp);
  server->cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_camsim_camera_free);
  server->listener = listener;
  server->timers = g_array_new (FALSE, FALSE, sizeof (guint));
  server->port = (guint) gst_rtsp_server_get_bound_port (server->rtsp);
  g_signal_connect (server->rtsp, "client-connected", G_CALLBACK (on_client_connected), server);
  return server;
}

void
cg_camsim_server_add_camera (CgCamsimServer *server, CgCamsimCamera *camera)
{
  if (gst_rtsp_server_get_auth (server->rtsp) != NULL)
    {
      g_autoptr (GstRTSPAuth) auth = gst_rtsp_server_get_auth (server->rtsp);
      gst_rtsp_media_factory_add_role (camera->factory, "viewer",
                                       GST_RTSP_PERM_MEDIA_FACTORY_ACCESS, G_TYPE_BOOLEAN, TRUE,
                                       GST_RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, G_TYPE_BOOLEAN,
                                       TRUE, NULL);
    }
  gst_rtsp_mount_points_add_factory (server->mounts, camera->path, g_object_ref (camera->factory));
  camera->online = TRUE;
  g_ptr_array_add (server->cameras, camera);
}

static GstRTSPFilterResult
close_everyone (GstRTSPServer *rtsp, GstRTSPClient *client, gpointer user_data)
{
  return GST_RTSP_FILTER_REMOVE;
}

void
cg_camsim_server_free (CgCamsimServer *server)
{
  if (server == NULL)
    return;
  for (guint i = 0; i < server->timers->len; i++)
    g_source_remove (g_array_index (server->timers, guint, i));
  g_array_unref (server->timers);
  g_source_destroy (server->listener);
  g_source_unref (server->listener);
  gst_rtsp_server_client_filter (server->rtsp, close_everyone, NULL);
  g_object_unref (server->mounts);
  g_object_unref (server->rtsp);
  g_ptr_array_unref (server->cameras);
  g_free (server);
}

guint
cg_camsim_server_port (CgCamsimServer *server)
{
  return server->port;
}

GPtrArray *
cg_camsim_server_cameras (CgCamsimServer *server)
{
  return server->cameras;
}

/* Whether a client has a session streaming from the camera. */
static gboolean
client_watches (GstRTSPClient *client, CgCamsimCamera *camera)
{
  gboolean found = FALSE;
  GList *sessions = gst_rtsp_client_session_filter (client, NULL, NULL);
  for (GList *s = sessions; s != NULL && !found; s = s->next)
    {
      GList *medias = gst_rtsp_session_filter (s->data, NULL, NULL);
      for (GList *m = medias; m != NULL && !found; m = m->next)
        found = cg_camsim_camera_of_media (gst_rtsp_session_media_get_media (m->data)) == camera;
      g_list_free_full (medias, g_object_unref);
    }
  g_list_free_full (sessions, g_object_unref);
  return found;
}

guint
cg_camsim_server_drop_clients (CgCamsimServer *server, CgCamsimCamera *camera)
{
  /* Collected first, closed after: closing inside the filter would
   * change the list being walked. */
  GList *clients = gst_rtsp_server_client_filter (server->rtsp, NULL, NULL);
  guint n = 0;
  for (GList *c = clients; c != NULL; c = c->next)
    if (client_watches (c->data, camera))
      {
        gst_rtsp_client_close (c->data);
        n++;
      }
  g_list_free_full (clients, g_object_unref);
  if (n > 0)
    g_message ("%s: dropped %u connection(s)", camera->name, n);
  return n;
}

void
cg_camsim_server_set_online (CgCamsimServer *server, CgCamsimCamera *camera, gboolean online)
{
  if (camera->online == online)
    return;
  camera->online = online;
  if (online)
    gst_rtsp_mount_points_add_factory (server->mounts, camera->path,
                                       g_object_ref (camera->factory));
  else
    {
      gst_rtsp_mount_points_remove_factory (server->mounts, camera->path);
      cg_camsim_server_drop_clients (server, camera);
    }
  g_message ("%s: %s", camera->name, online ? "online" : "offline");
}

static gboolean
on_drop_timer (gpointer data)
{
  FaultTimer *t = data;
  cg_camsim_server_drop_clients (t->server, t->camera);
  return G_SOURCE_CONTINUE;
}

static gboolean on_offline_timer (gpointer data);

static void
arm_offline_timer (FaultTimer *t)
{
  const CgCamsimFault *f = t->camera->faults[CG_CAMSIM_FAULT_OFFLINE];
  gint64 us = t->camera->online ? f->every_us : f->duration_us;
  guint id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MAX (us / 1000, 1), on_offline_timer,
                                 t, g_free);
  g_array_append_val (t->server->timers, id);
}

static gboolean
on_offline_timer (gpointer data)
{
  FaultTimer *t = data;
  /* The id of this source stays in `timers`; it is dead once this
   * returns, so forget it before a new one is added. */
  GArray *timers = t->server->timers;
  guint self = g_source_get_id (g_main_current_source ());
  for (guint i = 0; i < timers->len; i++)
    if (g_array_index (timers, guint, i) == self)
      g_array_remove_index_fast (timers, i--);
  cg_camsim_server_set_online (t->server, t->camera, !t->camera->online);
  FaultTimer *next = g_new (FaultTimer, 1);
  *next = *t;
  arm_offline_timer (next);
  return G_SOURCE_REMOVE;
}

void
cg_camsim_server_start_faults (CgCamsimServer *server)
{
  for (guint i = 0; i < server->cameras->len; i++)
    {
      CgCamsimCamera *camera = g_ptr_array_index (server->cameras, i);
      const CgCamsimFault *drop = camera->faults[CG_CAMSIM_FAULT_DROP];
      if (drop != NULL)
        {
          FaultTimer *t = g_new (FaultTimer, 1);
          *t = (FaultTimer) { server, camera };
          guint id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) MAX (drop->every_us / 1000, 1),
                                         on_drop_timer, t, g_free);
          g_array_append_val (server->timers, id);
        }
      if (camera->faults[CG_CAMSIM_FAULT_OFFLINE] != NULL)
        {
          FaultTimer *t = g_new (FaultTimer, 1);
          *t = (FaultTimer) { server, camera };
          arm_offline_timer (t);
        }
    }
}

gboolean
cg_camsim_server_command (CgCamsimServer *server, const char *line, char **reply,
                          GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (line));
  g_auto (GStrv) words = g_strsplit_set (text, " \t", -1);
  guint n = g_strv_length (words);
  if (text[0] == '\0')
    {
      *reply = NULL;
      return TRUE; /* blank lines are ignored */
    }
  const char *verb = words[0];
  if (n != 2 || (strcmp (verb, "stop") != 0 && strcmp (verb, "start") != 0
                 && strcmp (verb, "drop") != 0))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("'%s' is not a command; use stop CAMERA, start CAMERA or drop CAMERA "
                     "(CAMERA is camN or all)"), text);
      return FALSE;
    }
  const char *which = words[1];
  gboolean all = g_ascii_strcasecmp (which, "all") == 0;
  guint matched = 0, dropped = 0;
  for (guint i = 0; i < server->cameras->len; i++)
    {
      CgCamsimCamera *camera = g_ptr_array_index (server->cameras, i);
      if (!all && g_ascii_strcasecmp (which, camera->name) != 0)
        continue;
      matched++;
      if (strcmp (verb, "drop") == 0)
        dropped += cg_camsim_server_drop_clients (server, camera);
      else
        cg_camsim_server_set_online (server, camera, strcmp (verb, "start") == 0);
    }
  if (matched == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("there is no camera '%s'; cameras are cam1 to cam%u"), which,
                   server->cameras->len);
      return FALSE;
    }
  /* Replies are for scripts: fixed English words, not translated. */
  *reply = strcmp (verb, "drop") == 0 ? g_strdup_printf ("ok %s %s %u", verb, which, dropped)
                                      : g_strdup_printf ("ok %s %s", verb, which);
  return TRUE;
}
