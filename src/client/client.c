/* client.c — the blocking JSON-RPC client with descriptor passing. */
#include "build-config.h"

#include "client/client.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

typedef struct {
  char *method;
  JsonNode *params;
} Notification;

struct CgClient {
  char *path;
  int fd;
  gint64 next_id;
  CgRpcLineBuffer *lines;
  GQueue notifications;
  GQueue fds; /* descriptors received, oldest first */
};

static void
notification_free (Notification *n)
{
  g_free (n->method);
  if (n->params != NULL)
    json_node_unref (n->params);
  g_free (n);
}

static gboolean
unreachable (const char *path, int err, GError **error)
{
  g_set_error (error, CG_ERROR, CG_ERROR_UNREACHABLE,
               _("canhgacd does not answer at %s (%s): start it with “systemctl start "
                 "canhgacd”, or check [daemon] socket in the configuration"),
               path, g_strerror (err));
  return FALSE;
}

CgClient *
cg_client_connect (const char *path, GError **error)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  if (strlen (path) >= sizeof addr.sun_path)
    {
      unreachable (path, ENAMETOOLONG, error);
      return NULL;
    }
  strcpy (addr.sun_path, path);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      if (err == EACCES)
        g_set_error (error, CG_ERROR, CG_ERROR_UNREACHABLE,
                     _("you may not use %s: ask an administrator to add you to the "
                       "canhgac group"), path);
      else
        unreachable (path, err, error);
      return NULL;
    }
  CgClient *c = g_new0 (CgClient, 1);
  c->path = g_strdup (path);
  c->fd = fd;
  c->lines = cg_rpc_line_buffer_new (CG_RPC_MAX_LINE);
  g_queue_init (&c->notifications);
  g_queue_init (&c->fds);
  return c;
}

void
cg_client_free (CgClient *c)
{
  if (c == NULL)
    return;
  close (c->fd);
  for (GList *l = c->fds.head; l != NULL; l = l->next)
    close (GPOINTER_TO_INT (l->data));
  g_queue_clear (&c->fds);
  g_queue_clear_full (&c->notifications, (GDestroyNotify) notification_free);
  cg_rpc_line_buffer_free (c->lines);
  g_free (c->path);
  g_free (c);
}

int
cg_client_fd (CgClient *c)
{
  return c->fd;
}

static gboolean
send_all (CgClient *c, const char *data, gsize len, GError **error)
{
  while (len > 0)
    {
      ssize_t n = send (c->fd, data, len, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return unreachable (c->path, errno, error);
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Reads once, keeping any descriptors that came with the bytes. */
static gboolean
receive (CgClient *c, int timeout_ms, GError **error)
{
  struct pollfd pfd = { c->fd, POLLIN, 0 };
  int rc;
  do
    rc = poll (&pfd, 1, timeout_ms);
  while (rc < 0 && errno == EINTR);
  if (rc == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("canhgacd did not answer within %d s: it may be overloaded or stuck; "
                     "see “journalctl -u canhgacd”"), timeout_ms / 1000);
      return FALSE;
    }
  char buf[64 * 1024];
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE (sizeof (int) * 4)];
  } control;
  struct iovec iov = { buf, sizeof buf };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = control.buf, .msg_controllen = sizeof control.buf };
  ssize_t n;
  do
    n = recvmsg (c->fd, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return unreachable (c->path, n < 0 ? errno : ECONNRESET, error);
  for (struct cmsghdr *cm = CMSG_FIRSTHDR (&msg); cm != NULL; cm = CMSG_NXTHDR (&msg, cm))
    if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
      {
        int count = (int) ((cm->cmsg_len - CMSG_LEN (0)) / sizeof (int));
        for (int i = 0; i < count; i++)
          {
            int fd;
            memcpy (&fd, CMSG_DATA (cm) + i * sizeof (int), sizeof fd);
            g_queue_push_tail (&c->fds, GINT_TO_POINTER (fd));
          }
      }
  cg_rpc_line_buffer_feed (c->lines, buf, (gsize) n);
  return TRUE;
}

/* Takes the next line into *reply; waits for one if needed. */
static gboolean
next_reply (CgClient *c, int timeout_ms, CgRpcReply *reply, GError **error)
{
  for (;;)
    {
      char *line = NULL;
      gsize len = 0;
      CgRpcLineStatus st = cg_rpc_line_buffer_take (c->lines, &line, &len);
      if (st == CG_RPC_LINE_TOO_LONG)
        {
          /* Skipping it would leave the caller waiting for an answer
           * that was thrown away. */
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                       _("canhgacd's answer is longer than %d MiB: ask for less (a shorter "
                         "time range, or one camera)"), CG_RPC_MAX_LINE >> 20);
          return FALSE;
        }
      if (st == CG_RPC_LINE_OK)
        {
          gboolean ok = cg_rpc_reply_parse (line, len, reply, error);
          g_free (line);
          return ok;
        }
      if (!receive (c, timeout_ms, error))
        return FALSE;
    }
}

JsonNode *
cg_client_call (CgClient *c, const char *method, JsonNode *params, int *fd_out, GError **error)
{
  if (fd_out != NULL)
    *fd_out = -1;
  gint64 id = ++c->next_id;
  g_autofree char *line = cg_rpc_request_line (id, method, params);
  if (!send_all (c, line, strlen (line), error))
    return NULL;
  for (;;)
    {
      CgRpcReply reply = { 0 };
      if (!next_reply (c, CG_CLIENT_TIMEOUT_MS, &reply, error))
        return NULL;
      if (reply.notify_method != NULL)
        {
          Notification *n = g_new0 (Notification, 1);
          n->method = g_steal_pointer (&reply.notify_method);
          n->params = g_steal_pointer (&reply.notify_params);
          g_queue_push_tail (&c->notifications, n);
          cg_rpc_reply_clear (&reply);
          continue;
        }
      /* A reply to another id (or none: a refusal at connect) is an error
       * unless it is ours. */
      if (reply.result != NULL && reply.id == id)
        {
          JsonNode *result = g_steal_pointer (&reply.result);
          if (!g_queue_is_empty (&c->fds))
            {
              int fd = GPOINTER_TO_INT (g_queue_pop_head (&c->fds));
              if (fd_out != NULL)
                *fd_out = fd;
              else
                close (fd);
            }
          cg_rpc_reply_clear (&reply);
          return result;
        }
      if (reply.error_message != NULL)
        {
          /* In the officer's language when the daemon sent its template. */
          cg_rpc_reply_to_error (&reply, error);
          cg_rpc_reply_clear (&reply);
          return NULL;
        }
      cg_rpc_reply_clear (&reply);
    }
}

char *
cg_client_next_notification (CgClient *c, int timeout_ms, JsonNode **params)
{
  while (g_queue_is_empty (&c->notifications))
    {
      CgRpcReply reply = { 0 };
      if (!next_reply (c, timeout_ms, &reply, NULL))
        return NULL;
      if (reply.notify_method != NULL)
        {
          Notification *n = g_new0 (Notification, 1);
          n->method = g_steal_pointer (&reply.notify_method);
          n->params = g_steal_pointer (&reply.notify_params);
          g_queue_push_tail (&c->notifications, n);
        }
      cg_rpc_reply_clear (&reply);
    }
  Notification *n = g_queue_pop_head (&c->notifications);
  char *method = g_steal_pointer (&n->method);
  *params = g_steal_pointer (&n->params);
  notification_free (n);
  return method;
}

JsonNode *
cg_client_call_with (gpointer client, const char *method, JsonNode *params, int *fd_out,
                     GError **error)
{
  return cg_client_call (client, method, params, fd_out, error);
}
