/* data_dir.h — the daemon's hold on $data_dir.
 *
 * The directory is created if missing (mode 0700) and locked, so that a
 * second canhgacd pointed at the same footage refuses to start instead of
 * writing over the first one's segments.
 */
#pragma once

#include <glib.h>

typedef struct CgDataDir CgDataDir;

CgDataDir *cg_data_dir_open (const char *path, GError **error);
void cg_data_dir_close (CgDataDir *dir);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDataDir, cg_data_dir_close)

const char *cg_data_dir_path (CgDataDir *dir);
