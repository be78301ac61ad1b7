/* cameras.h — the cameras table (the daemon's only way to it). */
#pragma once

#include "common/camera.h"

#include <sqlite3.h>

/* Every camera not removed, ordered by name; a GPtrArray of CgCamera*
 * that frees its elements. */
GPtrArray *cg_camera_list (sqlite3 *db, GError **error);

/* The camera called `name`, or NULL with CG_ERROR_NOT_FOUND-style error
 * (CG_ERROR_FAILED) naming it. */
CgCamera *cg_camera_find (sqlite3 *db, const char *name, GError **error);

/* Checks the fields (name, URL, map position...) and inserts or updates
 * the row; sets camera->id on insert and updated_us always. */
gboolean cg_camera_save (sqlite3 *db, CgCamera *camera, GError **error);

/* Marks the camera removed (its footage stays, and so does the row, while
 * segments refer to it). */
gboolean cg_camera_remove (sqlite3 *db, const char *name, GError **error);
