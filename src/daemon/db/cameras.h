/* cameras.h — the cameras table (the daemon's only way to it). */
#pragma once

#include "common/camera.h"

#include <sqlite3.h>

/* Every camera not removed, in Vietnamese name order (cg_text_compare);
 * a GPtrArray of CgCamera* that frees its elements. */
GPtrArray *cg_camera_list (sqlite3 *db, GError **error);

/* The camera called `name` (not removed), or NULL with a
 * CG_ERROR_NOT_FOUND error naming it.  The exact name (in any Unicode
 * normal form) comes first; failing that, a name that folds to the same
 * text (cg_text_fold: "cho hoang kim" for "Chợ Hoàng Kim") finds the one
 * camera it fits, and is refused, naming them, when it fits several. */
CgCamera *cg_camera_find (sqlite3 *db, const char *name, GError **error);

/* The same, giving only the camera's id and, when found is not NULL, its
 * name as stored (to be freed). */
gboolean cg_camera_find_id (sqlite3 *db, const char *name, gint64 *id, char **found,
                            GError **error);

/* Checks the fields (name, URL, map position...) and inserts or updates
 * the row; sets camera->id on insert and updated_us always. */
gboolean cg_camera_save (sqlite3 *db, CgCamera *camera, GError **error);

/* Marks the camera removed (its footage stays, and so does the row, while
 * segments refer to it). */
gboolean cg_camera_remove (sqlite3 *db, const char *name, GError **error);
