/* server.c — accepting peers, reading requests, writing replies. */
#define G_LOG_DOMAIN "canhgac-server"
#include "build-config.h"

#include "daemon/server.h"
#include "daemon/server_peer.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"
#include "daemon/identity.h"
#include "daemon/rate.h"
#include "daemon/socket_file.h"

#include <gio/gio.h>
#include <gio/gunixfdmessage.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PEERS 512
#define READ_CHUNK (64 * 1024)
/* Above this many queued bytes, droppable notifications are dropped. */
#define DROP_ABOVE (256 * 1024)
/* Above this many, the peer is too slow and is disconnected.  Replies
 * are never dropped: a peer that asks must get its answer or a close. */
#define DISCONNECT_ABOVE (8 * 1024 * 1024 + CG_RPC_MAX_LINE)
/* Above this many unread reply bytes (or unprocessed request bytes), a
 * peer's further requests wait: it cannot make the daemon work for it
 * faster than it reads. */
#define PAUSE_ABOVE (1024 * 1024)
/* Requests handled for one peer before the others get their turn. */
#define REQUESTS_PER_TURN 16
/* A peer whose replies have not moved for this long is disconnected. */
#define STUCK_US (5 * G_USEC_PER_SEC)
/* Connections one user may hold at once (root and the daemon's own user
 * are not counted): enough for several stations and scripts, too few for
 * one account to lock everyone else out. */
#define MAX_PEERS_PER_USER 32
/* A peer that never sent a byte is gone after this long; one that spoke
 * but subscribed to nothing, after IDLE_US of silence. */
#define SILENT_US (30 * G_USEC_PER_SEC)
#define IDLE_US (15 * 60 * G_USEC_PER_SEC)
/* Requests per second a peer may send, with a burst allowance; beyond it
 * its requests wait (in the kernel, then in its own buffer). */
#define REQUESTS_PER_SECOND 200.0
#define REQUEST_BURST 400.0
/* Requests that write an audit row, per user (all of a user's peers
 * together): a footage opening a few times a second is an officer
 * scrubbing; hundreds a second is a flood that would fill the disk. */
#define AUDITED_PER_SECOND 10.0
#define AUDITED_BURST 60.0
/* How often roles are checked again against the group database, so that
 * a user removed from a group loses its role within a minute. */
#define ROLE_RECHECK_SECONDS 30

typedef struct {
  GBytes *data;
  gsize off;
  int fd;
  gboolean droppable;
} OutItem;

/* The server the identity threads report to (there is one per daemon). */
static CgServer *the_server;

static void
out_item_free (OutItem *item)
{
  g_bytes_unref (item->data);
  if (item->fd >= 0)
    close (item->fd);
  g_free (item);
}

static gboolean
peer_free_idle (gpointer data)
{
  Peer *p = data;
  g_queue_clear_full (&p->out, (GDestroyNotify) out_item_free);
  cg_rpc_line_buffer_free (p->lines);
  g_object_unref (p->socket);
  if (p->gids != NULL)
    g_array_unref (p->gids);
  g_free (p->user);
  g_free (p->full_name);
  g_free (p);
  return G_SOURCE_REMOVE;
}

void
cg_server_peer_close (Peer *p, const char *why)
{
  if (p->closed)
    return;
  p->closed = TRUE;
  if (why != NULL)
    g_message ("client %u (%s, pid %d) disconnected: %s", p->serial, p->user, (int) p->pid, why);
  else
    g_debug ("client %u (%s) left", p->serial, p->user);
  if (p->in_source != NULL)
    {
      g_source_destroy (p->in_source);
      g_source_unref (p->in_source);
      p->in_source = NULL;
    }
  if (p->out_source != NULL)
    {
      g_source_destroy (p->out_source);
      g_source_unref (p->out_source);
      p->out_source = NULL;
    }
  if (p->turn_source != 0)
    {
      g_source_remove (p->turn_source);
      p->turn_source = 0;
    }
  g_socket_close (p->socket, NULL);
  p->server->peers = g_list_remove (p->server->peers, p);
  g_idle_add (peer_free_idle, p);
}

static gboolean on_peer_out (GSocket *socket, GIOCondition cond, gpointer data);
static gboolean on_peer_turn (gpointer data);
static void peer_resume (Peer *p);

/* Writes what the socket takes now; arms a watch for the rest. */
static void
peer_flush (Peer *p)
{
  while (!p->closed && !g_queue_is_empty (&p->out))
    {
      OutItem *item = g_queue_peek_head (&p->out);
      gsize size = 0;
      const char *data = g_bytes_get_data (item->data, &size);
      g_autoptr (GError) error = NULL;
      gssize n;
      if (item->fd >= 0 && item->off == 0)
        {
          /* The descriptor travels with the first byte of its reply. */
          GOutputVector vec = { data, size };
          g_autoptr (GUnixFDList) list = g_unix_fd_list_new ();
          if (g_unix_fd_list_append (list, item->fd, &error) < 0)
            {
              cg_server_peer_close (p, error->message);
              return;
            }
          GSocketControlMessage *msg = g_unix_fd_message_new_with_fd_list (list);
          n = g_socket_send_message (p->socket, NULL, &vec, 1, &msg, 1, 0, NULL, &error);
          g_object_unref (msg);
        }
      else
        n = g_socket_send (p->socket, data + item->off, size - item->off, NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            break;
          cg_server_peer_close (p, error->message);
          return;
        }
      item->off += (gsize) n;
      p->out_bytes -= (gsize) n;
      p->progress_us = g_get_monotonic_time ();
      if (item->off == size)
        out_item_free (g_queue_pop_head (&p->out));
    }
  gboolean pending = !g_queue_is_empty (&p->out);
  if (pending && p->out_source == NULL)
    {
      p->out_source = g_socket_create_source (p->socket, G_IO_OUT, NULL);
      g_source_set_callback (p->out_source, (GSourceFunc) (void (*) (void)) on_peer_out, p, NULL);
      g_source_attach (p->out_source, NULL);
    }
  else if (!pending && p->out_source != NULL)
    {
      g_source_destroy (p->out_source);
      g_source_unref (p->out_source);
      p->out_source = NULL;
    }
  if (!pending)
    p->progress_us = g_get_monotonic_time ();
  if (p->out_bytes < PAUSE_ABOVE / 2)
    peer_resume (p);
}

/* Processes the peer's buffered requests after delay_us (0: at the next
 * idle moment), unless a turn is already due. */
static void
peer_schedule_turn (Peer *p, gint64 delay_us)
{
  if (p->closed || p->turn_source != 0)
    return;
  if (delay_us <= 0)
    p->turn_source = g_idle_add (on_peer_turn, p);
  else
    p->turn_source = g_timeout_add (MAX (1, (guint) (delay_us / 1000)), on_peer_turn, p);
}

static gboolean
on_peer_out (GSocket *socket, GIOCondition cond, gpointer data)
{
  Peer *p = data;
  /* peer_flush removes this source itself when the queue empties. */
  g_source_ref (p->out_source);
  GSource *self = p->out_source;
  peer_flush (p);
  gboolean keep = !p->closed && p->out_source == self;
  g_source_unref (self);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Drops queued notifications not yet started, oldest first. */
static void
peer_drop_notifications (Peer *p)
{
  for (GList *l = p->out.head; l != NULL;)
    {
      GList *next = l->next;
      OutItem *item = l->data;
      if (item->droppable && item->off == 0)
        {
          p->out_bytes -= g_bytes_get_size (item->data);
          p->dropped++;
          out_item_free (item);
          g_queue_delete_link (&p->out, l);
        }
      l = next;
    }
}

/* Queues a line (taking it) and an optional descriptor (taken too). */
static void
peer_send (Peer *p, char *line, int fd, gboolean droppable)
{
  if (p->closed)
    {
      g_free (line);
      if (fd >= 0)
        close (fd);
      return;
    }
  gsize len = strlen (line);
  if (droppable && p->out_bytes > DROP_ABOVE)
    {
      p->dropped++;
      g_free (line);
      return;
    }
  if (p->out_bytes + len > DROP_ABOVE)
    peer_drop_notifications (p);
  if (p->out_bytes + len > DISCONNECT_ABOVE)
    {
      g_free (line);
      if (fd >= 0)
        close (fd);
      g_autofree char *why = g_strdup_printf ("too slow: %" G_GSIZE_FORMAT " bytes waiting unread",
                                              p->out_bytes);
      cg_server_peer_close (p, why);
      return;
    }
  OutItem *item = g_new0 (OutItem, 1);
  item->data = g_bytes_new_take (line, len);
  item->fd = fd;
  item->droppable = droppable;
  g_queue_push_tail (&p->out, item);
  p->out_bytes += len;
  peer_flush (p);
}

/* An audited request's token from the user's bucket (root's and the
 * daemon's own requests are not limited). */
static gboolean
peer_take_audited (Peer *p)
{
  if (p->uid == 0 || p->uid == geteuid ())
    return TRUE;
  CgRate *b = g_hash_table_lookup (p->server->audited, GUINT_TO_POINTER (p->uid));
  if (b == NULL)
    {
      b = g_new0 (CgRate, 1);
      g_hash_table_insert (p->server->audited, GUINT_TO_POINTER (p->uid), b);
    }
  return cg_rate_take (b, AUDITED_PER_SECOND, AUDITED_BURST, g_get_monotonic_time ());
}

/* An error reply with its message's template, for the client to word in
 * its reader's language (takes message). */
static char *
error_line (JsonNode *id, int code, CgMessage *message)
{
  g_autoptr (GError) error = NULL;
  cg_error_set_message (&error, CG_RPC_ERROR, code, message);
  return cg_rpc_error_line_from_gerror (id, error);
}

static void
peer_handle_line (Peer *p, const char *line, gsize len)
{
  g_autoptr (GError) error = NULL;
  JsonNode *id = NULL;
  g_autoptr (CgRpcRequest) req = cg_rpc_request_parse (line, len, &id, &error);
  if (req == NULL)
    {
      peer_send (p, cg_rpc_error_line_from_gerror (id, error), -1, FALSE);
      if (id != NULL)
        json_node_unref (id);
      return;
    }
  if (req->id == NULL)
    {
      /* Nothing is done for a request nobody will hear the answer to:
       * a footage opening or a change sent as a notification would act
       * (and write audit rows) with no one told, and cost nothing to
       * send in floods.  The protocol forbids answering, so it is
       * logged, once per peer. */
      if (!p->warned_notification)
        g_message ("client %u (%s): ignoring requests sent without an id (%s)", p->serial,
                   p->user, req->method);
      p->warned_notification = TRUE;
      return;
    }
  const CgApiMethod *m = cg_api_find (req->method);
  if (m != NULL && (m->flags & CG_API_AUDITED) && !peer_take_audited (p))
    {
      CgMessage *msg = cg_message_new (N_("too many requests of this kind (at most %d a "
                                          "second): wait a moment and try again"),
                                       (int) AUDITED_PER_SECOND);
      peer_send (p, error_line (req->id, CG_RPC_OVERLOADED, msg), -1, FALSE);
      return;
    }
  CgApiCall call = {
    .api = p->server->api,
    .params = req->params,
    .user = p->user,
    .full_name = p->full_name,
    .role = p->role,
    .peer = p,
    .client = p->serial,
    .fd_out = -1,
  };
  g_autoptr (JsonNode) result = cg_api_dispatch (&call, req->method, &error);
  if (result == NULL && error == NULL && call.later != NULL)
    {
      /* Worked on in a thread: the reply comes with cg_server_reply_later(). */
      cg_api_later_bind (call.later, p->serial, req->id);
      p->waiting = TRUE;
      return;
    }
  cg_api_later_drop (&call);
  if (result == NULL)
    {
      peer_send (p, cg_rpc_error_line_from_gerror (req->id, error), -1, FALSE);
      if (call.fd_out >= 0)
        close (call.fd_out);
      return;
    }
  peer_send (p, cg_rpc_result_line (req->id, result), call.fd_out, FALSE);
}

static gboolean on_peer_in (GSocket *socket, GIOCondition cond, gpointer data);

static gboolean
peer_paused (Peer *p)
{
  return p->out_bytes > PAUSE_ABOVE || cg_rpc_line_buffer_pending (p->lines) > PAUSE_ABOVE;
}

/* Handles up to a turn's worth of the requests already read; asks for
 * another turn when there may be more. */
static void
peer_process (Peer *p)
{
  if (!p->identified)
    return;
  for (int n = 0; !p->closed && !p->waiting && p->out_bytes <= PAUSE_ABOVE; n++)
    {
      if (n == REQUESTS_PER_TURN)
        {
          peer_schedule_turn (p, 0);
          return;
        }
      if (cg_rpc_line_buffer_pending (p->lines) == 0)
        return;
      gint64 now = g_get_monotonic_time ();
      if (!cg_rate_take (&p->requests, REQUESTS_PER_SECOND, REQUEST_BURST, now))
        {
          peer_schedule_turn (p, cg_rate_wait_us (&p->requests, REQUESTS_PER_SECOND));
          return;
        }
      char *line = NULL;
      gsize len = 0;
      CgRpcLineStatus st = cg_rpc_line_buffer_take (p->lines, &line, &len);
      if (st == CG_RPC_LINE_NONE)
        return;
      if (st == CG_RPC_LINE_TOO_LONG)
        peer_send (p, error_line (NULL, CG_RPC_INVALID_REQUEST,
                                  cg_message_new (N_("request longer than 1 MiB"))), -1, FALSE);
      else
        {
          if (len > 0)
            peer_handle_line (p, line, len);
          g_free (line);
        }
    }
}

static gboolean
on_peer_turn (gpointer data)
{
  Peer *p = data;
  p->turn_source = 0;
  peer_process (p);
  return G_SOURCE_REMOVE;
}

static void
peer_watch_input (Peer *p)
{
  p->in_source = g_socket_create_source (p->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (p->in_source, (GSourceFunc) (void (*) (void)) on_peer_in, p, NULL);
  g_source_attach (p->in_source, NULL);
}

/* Reading again once the peer has caught up with its replies. */
static void
peer_resume (Peer *p)
{
  if (p->closed || !p->identified || peer_paused (p))
    return;
  if (p->in_source == NULL)
    peer_watch_input (p);
  /* Requests may be waiting in the buffer with no new bytes to come (a
   * pipelined batch): they get their turn now, not at the next read. */
  if (cg_rpc_line_buffer_pending (p->lines) > 0)
    peer_schedule_turn (p, 0);
}

static gboolean
on_peer_in (GSocket *socket, GIOCondition cond, gpointer data)
{
  Peer *p = data;
  if (peer_paused (p))
    {
      /* Its requests wait in the kernel until it reads its replies. */
      g_source_unref (p->in_source);
      p->in_source = NULL;
      return G_SOURCE_REMOVE;
    }
  /* One read per turn, so that every peer is served in turn. */
  char buf[READ_CHUNK];
  g_autoptr (GError) error = NULL;
  gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      cg_server_peer_close (p, n < 0 ? error->message : NULL);
      return G_SOURCE_REMOVE;
    }
  p->input_us = g_get_monotonic_time ();
  cg_rpc_line_buffer_feed (p->lines, buf, (gsize) n);
  peer_process (p);
  return p->closed ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Disconnects peers whose replies have not moved for STUCK_US, and peers
 * that hold a connection without using it. */
static gboolean
on_watchdog (gpointer data)
{
  CgServer *s = data;
  gint64 now = g_get_monotonic_time ();
  for (GList *l = s->peers; l != NULL;)
    {
      Peer *p = l->data;
      l = l->next;
      if (!g_queue_is_empty (&p->out) && now - p->progress_us > STUCK_US)
        {
          g_autofree char *why = g_strdup_printf ("too slow: stopped reading, %" G_GSIZE_FORMAT
                                                  " bytes of replies unread for %d s",
                                                  p->out_bytes, (int) (STUCK_US / G_USEC_PER_SEC));
          cg_server_peer_close (p, why);
        }
      else if (p->identified && p->input_us == 0 && now - p->connected_us > SILENT_US)
        cg_server_peer_close (p, "silent: sent nothing since it connected");
      else if (p->identified && p->topics == 0 && p->input_us != 0 && g_queue_is_empty (&p->out)
               && now - p->input_us > IDLE_US)
        cg_server_peer_close (p, "idle: no request and no subscription for 15 minutes");
    }
  return G_SOURCE_CONTINUE;
}

/* A peer refused before it is one: one error line, then close. */
static void
refuse (GSocket *socket, int code, CgMessage *message)
{
  g_autofree char *line = error_line (NULL, code, message);
  g_socket_set_blocking (socket, FALSE);
  g_socket_send (socket, line, strlen (line), NULL, NULL);
  g_socket_close (socket, NULL);
}

static guint
peers_of_user (CgServer *s, uid_t uid)
{
  guint n = 0;
  for (GList *l = s->peers; l != NULL; l = l->next)
    n += ((Peer *) l->data)->uid == uid;
  return n;
}

static void peer_identified (GObject *source, GAsyncResult *res, gpointer data);

static void
accept_one (CgServer *s, GSocket *socket)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCredentials) creds = g_socket_get_credentials (socket, &error);
  struct ucred *uc = creds != NULL ? g_credentials_get_native (creds, G_CREDENTIALS_TYPE_LINUX_UCRED) : NULL;
  if (uc == NULL)
    {
      g_warning ("a client's credentials cannot be read: %s", error != NULL ? error->message : "?");
      g_socket_close (socket, NULL);
      return;
    }
  if (g_list_length (s->peers) >= MAX_PEERS)
    {
      g_warning ("refusing a client: %d already connected", MAX_PEERS);
      refuse (socket, CG_RPC_OVERLOADED,
              cg_message_new (N_("too many clients are connected; try again later")));
      return;
    }
  if (uc->uid != 0 && uc->uid != geteuid () && peers_of_user (s, uc->uid) >= MAX_PEERS_PER_USER)
    {
      g_message ("refusing uid %u: already %d connections", (unsigned) uc->uid, MAX_PEERS_PER_USER);
      refuse (socket, CG_RPC_OVERLOADED,
              cg_message_new (N_("you already have %d connections to canhgacd: close some "
                                 "stations or scripts and try again"), MAX_PEERS_PER_USER));
      return;
    }
  Peer *p = g_new0 (Peer, 1);
  p->server = s;
  p->serial = ++s->next_serial;
  p->socket = g_object_ref (socket);
  p->lines = cg_rpc_line_buffer_new (CG_RPC_MAX_LINE);
  p->uid = uc->uid;
  p->pid = uc->pid;
  p->user = g_strdup_printf ("uid%u", (unsigned) uc->uid);
  p->gids = cg_identity_peer_groups (g_socket_get_fd (socket), uc->gid);
  g_queue_init (&p->out);
  p->progress_us = p->connected_us = g_get_monotonic_time ();
  g_socket_set_blocking (socket, FALSE);
  s->peers = g_list_prepend (s->peers, p);
  /* Nothing is read until the user and role are known. */
  cg_identity_lookup (p->uid, p->pid, p->gids, s->api->config, cg_db_path (s->api->db),
                      peer_identified, GUINT_TO_POINTER (p->serial));
}

static Peer *
peer_by_serial (CgServer *s, guint serial)
{
  for (GList *l = s->peers; l != NULL; l = l->next)
    if (((Peer *) l->data)->serial == serial)
      return l->data;
  return NULL;
}

CgServer *
cg_server_current (void)
{
  return the_server;
}

static void
peer_identified (GObject *source, GAsyncResult *res, gpointer data)
{
  const CgIdentity *id = cg_identity_result (res);
  Peer *p = the_server != NULL ? peer_by_serial (the_server, GPOINTER_TO_UINT (data)) : NULL;
  if (p == NULL || p->closed)
    return;
  g_free (p->user);
  p->user = g_strdup (id->user);
  g_free (p->full_name);
  p->full_name = g_strdup (id->full_name);
  if (id->role == CG_ROLE_NONE)
    {
      g_message ("refusing %s (uid %u): in no group of [roles]", p->user, (unsigned) p->uid);
      g_autofree char *line = error_line (NULL, CG_RPC_FORBIDDEN,
                                          cg_message_new (N_("user %s has no role here: an "
                                                             "administrator must add them to one "
                                                             "of the groups in [roles]"), p->user));
      g_socket_send (p->socket, line, strlen (line), NULL, NULL);
      cg_server_peer_close (p, NULL);
      return;
    }
  p->role = id->role;
  p->role_in_groups = id->role_in_groups;
  p->identified = TRUE;
  peer_watch_input (p);
  g_debug ("client %u: %s (pid %d) as %s", p->serial, p->user, (int) p->pid, cg_role_name (p->role));
  /* The connection's audit row was written by the identity thread. */
}

static gboolean
on_accept (GSocket *listener, GIOCondition cond, gpointer data)
{
  CgServer *s = data;
  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocket) socket = g_socket_accept (listener, NULL, &error);
      if (socket == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_warning ("accepting a client: %s", error->message);
          break;
        }
      accept_one (s, socket);
    }
  return G_SOURCE_CONTINUE;
}

CgServer *
cg_server_new (CgApi *api, GError **error)
{
  const char *path = api->config->socket_path;
  g_autoptr (GSocket) listener = cg_socket_file_listen (path, api->config->group, error);
  if (listener == NULL)
    return NULL;

  CgServer *s = g_new0 (CgServer, 1);
  s->api = api;
  s->path = g_strdup (path);
  s->listener = g_steal_pointer (&listener);
  s->accept_source = g_socket_create_source (s->listener, G_IO_IN, NULL);
  g_source_set_callback (s->accept_source, (GSourceFunc) (void (*) (void)) on_accept, s, NULL);
  g_source_attach (s->accept_source, NULL);
  s->watchdog = g_timeout_add_seconds (1, on_watchdog, s);
  s->role_check = g_timeout_add_seconds (ROLE_RECHECK_SECONDS, cg_server_on_role_check, s);
  s->audited = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  the_server = s;
  g_message ("listening on %s", path);
  return s;
}

void
cg_server_free (CgServer *s)
{
  if (s == NULL)
    return;
  while (s->peers != NULL)
    cg_server_peer_close (s->peers->data, NULL);
  g_source_remove (s->watchdog);
  cg_identity_shutdown ();
  g_source_remove (s->role_check);
  g_hash_table_unref (s->audited);
  if (the_server == s)
    the_server = NULL;
  g_source_destroy (s->accept_source);
  g_source_unref (s->accept_source);
  g_socket_close (s->listener, NULL);
  g_object_unref (s->listener);
  g_unlink (s->path);
  g_free (s->path);
  g_free (s);
}

guint
cg_server_peer_count (CgServer *s)
{
  return g_list_length (s->peers);
}

void
cg_server_subscribe (CgServer *s, gpointer peer, CgTopic topics, gboolean on)
{
  Peer *p = peer;
  if (on)
    p->topics |= topics;
  else
    p->topics &= ~topics;
}

void
cg_server_notify (CgServer *s, CgTopic topic, const char *method, JsonNode *params,
                  gboolean droppable)
{
  g_autofree char *line = NULL;
  for (GList *l = s->peers; l != NULL;)
    {
      Peer *p = l->data;
      l = l->next; /* peer_send may close and unlink p */
      if (!(p->topics & topic))
        continue;
      if (line == NULL)
        line = cg_rpc_notification_line (method, params);
      peer_send (p, g_strdup (line), -1, droppable);
    }
}

void
cg_server_notify_peer (CgServer *s, guint client, const char *method, JsonNode *params,
                       gboolean droppable)
{
  Peer *p = peer_by_serial (s, client);
  if (p != NULL)
    peer_send (p, cg_rpc_notification_line (method, params), -1, droppable);
}

void
cg_server_reply_later (guint peer_serial, JsonNode *id, JsonNode *result, int fd,
                       const GError *error)
{
  Peer *p = the_server != NULL ? peer_by_serial (the_server, peer_serial) : NULL;
  if (p == NULL || p->closed || result == NULL)
    {
      if (fd >= 0)
        close (fd);
      fd = -1;
    }
  if (p == NULL || p->closed)
    return;
  p->waiting = FALSE;
  peer_send (p, result != NULL ? cg_rpc_result_line (id, result)
                               : cg_rpc_error_line_from_gerror (id, error), fd, FALSE);
  peer_resume (p);
}
