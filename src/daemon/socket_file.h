/* socket_file.h — the daemon's listening socket as a file in the file
 * system: a stale one cleared, another daemon refused, the file given to
 * the socket's group with mode 0660 and never open to all meanwhile. */
#pragma once

#include <gio/gio.h>

/* A non-blocking listening socket at path, for group (missing: only root
 * and the daemon's user can connect, said in the log). */
GSocket *cg_socket_file_listen (const char *path, const char *group, GError **error);
