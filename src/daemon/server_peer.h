/* server_peer.h — the server's state and its peers', shared by the files
 * of the server: server.c (the socket, the peers' requests and replies)
 * and server_roles.c (roles checked again).  Nothing else includes it. */
#pragma once

#include "daemon/server.h"

#include "common/jsonrpc.h"
#include "daemon/rate.h"
#include "daemon/roles.h"

#include <gio/gio.h>
#include <sys/types.h>

typedef struct {
  CgServer *server;
  guint serial;
  GSocket *socket;
  GSource *in_source, *out_source;
  guint turn_source;     /* an idle or timer that resumes processing its requests */
  gint64 progress_us;    /* monotonic time replies last moved (or were none) */
  gint64 connected_us, input_us; /* when it connected, when it last sent bytes */
  CgRate requests;       /* its request rate */
  gboolean identified;   /* its user and role are known; until then it is not read */
  gboolean waiting;      /* a reply comes later (cg_api_later): its next requests wait */
  gboolean warned_notification;
  CgRole role_in_groups; /* the role the group database gave at connect */
  GArray *gids;          /* the process's groups (SO_PEERGROUPS) and its gid */
  CgRpcLineBuffer *lines;
  GQueue out;
  gsize out_bytes;
  guint64 dropped;
  uid_t uid;
  pid_t pid;
  char *user;
  char *full_name;       /* from the user database, or NULL */
  CgRole role;
  CgTopic topics;
  gboolean closed;
} Peer;

struct CgServer {
  CgApi *api;
  char *path;
  GSocket *listener;
  GSource *accept_source;
  guint watchdog;
  GList *peers;
  guint next_serial;
  GHashTable *audited;  /* uid -> CgRate*: audited requests per user */
  guint role_check;
  gboolean role_check_running;
};

/* Closes the peer; it is freed once no callback of its own is running. */
void cg_server_peer_close (Peer *p, const char *why);

/* The running server, or NULL once freed: what threads report to. */
CgServer *cg_server_current (void);

/* Every ROLE_RECHECK_SECONDS (server.c): the group database read again for every
 * connected user, in a thread (server_roles.c). */
gboolean cg_server_on_role_check (gpointer server);
