/* server.h — the RTSP server on loopback that holds every camera, and the
 * faults that concern connections: dropping clients, and cameras going
 * offline and coming back (on a timer, or by a command on stdin). */
#pragma once

#include "camsim/camera.h"

#include <gst/rtsp-server/rtsp-server.h>

typedef struct CgCamsimServer CgCamsimServer;

/* Listens on 127.0.0.1:port (0: a free port), before any camera is
 * made, so that a busy port is reported before a long encoding.  With a
 * user, clients must authenticate (Basic or Digest). */
CgCamsimServer *cg_camsim_server_new (guint port, const char *user, const char *password,
                                      GError **error);
/* Mounts the camera; the server takes ownership. */
void cg_camsim_server_add_camera (CgCamsimServer *server, CgCamsimCamera *camera);
void cg_camsim_server_free (CgCamsimServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCamsimServer, cg_camsim_server_free)

guint cg_camsim_server_port (CgCamsimServer *server);
GPtrArray *cg_camsim_server_cameras (CgCamsimServer *server);

/* Starts the timers of the drop and offline faults. */
void cg_camsim_server_start_faults (CgCamsimServer *server);

/* Closes every connection streaming from `camera`. Returns how many. */
guint cg_camsim_server_drop_clients (CgCamsimServer *server, CgCamsimCamera *camera);

/* Unmounts (clients get 404 Not Found and are disconnected) or mounts
 * the camera again. */
void cg_camsim_server_set_online (CgCamsimServer *server, CgCamsimCamera *camera,
                                  gboolean online);

/* One line of the control protocol read on stdin: "stop camN",
 * "start camN", "drop camN" (N may be "all").  On success *reply is what
 * to print on stdout. */
gboolean cg_camsim_server_command (CgCamsimServer *server, const char *line, char **reply,
                                   GError **error);
