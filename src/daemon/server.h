/* server.h — the daemon's Unix socket: peers, their queues, notifications.
 *
 * One GSocket per peer, non-blocking, on the main loop.  Each peer has a
 * bounded outgoing queue: when a peer reads too slowly, droppable
 * notifications are dropped first, then the peer is disconnected with a
 * logged reason, so a slow, stuck or silent client never stalls the
 * daemon or the other clients.
 */
#pragma once

#include "daemon/api/api.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* Topics a peer may subscribe to. */
typedef enum {
  CG_TOPIC_CAMERAS = 1 << 0, /* camera state changes */
  CG_TOPIC_ALERTS = 1 << 1,  /* alerts */
  CG_TOPIC_THUMBNAILS = 1 << 2, /* live thumbnails (droppable) */
  CG_TOPIC_MOTION = 1 << 3,  /* motion events beginning and ending */
  CG_TOPIC_INCIDENTS = 1 << 4, /* incidents created or changed */
  CG_TOPIC_ALARMS = 1 << 5,  /* alarms raised, cleared or acknowledged */
} CgTopic;

CgServer *cg_server_new (CgApi *api, GError **error);
void cg_server_free (CgServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgServer, cg_server_free)

guint cg_server_peer_count (CgServer *server);

void cg_server_subscribe (CgServer *server, gpointer peer, CgTopic topics, gboolean on);

/* Sends a notification to every peer subscribed to topic. */
void cg_server_notify (CgServer *server, CgTopic topic, const char *method, JsonNode *params,
                       gboolean droppable);

/* Sends a notification to one peer, the one numbered client (CgApiCall's
 * client), if it is still connected: an export's progress to whoever
 * asked for it. */
void cg_server_notify_peer (CgServer *server, guint client, const char *method, JsonNode *params,
                            gboolean droppable);

/* A reply that came later (cg_api_later_reply()): sent to the peer
 * peer_serial for the request id, result or else error, with fd (taken;
 * -1: none); then the peer's further requests are read again.  Nothing
 * is sent, and fd is closed, when the peer or the server has gone. */
void cg_server_reply_later (guint peer_serial, JsonNode *id, JsonNode *result, int fd,
                            const GError *error);
