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

/* ---- a camera's recordings, removed cameras included ----------------- */

/* Which camera a request for recordings means. */
typedef struct CgCameraRef {
  gint64 id;
  char *name;        /* as stored */
  gint64 removed_us; /* when it was removed; 0: it is not */
} CgCameraRef;

void cg_camera_ref_clear (CgCameraRef *ref);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgCameraRef, cg_camera_ref_clear)

/* The camera whose recordings `name` means.  A name means the camera not
 * removed that cg_camera_find_id() finds (the live one wins when a
 * removed camera's name was given to a new one); when no camera that is
 * not removed fits, or with removed_only, the removed camera that was
 * called so (exactly, then folded alike) and still has recordings.  Two
 * or more removed cameras fitting are not guessed between: the
 * CG_ERROR_NOT_FOUND error gives their ids. */
gboolean cg_camera_find_footage (sqlite3 *db, const char *name, gboolean removed_only,
                                 CgCameraRef *ref, GError **error);

/* The camera with this id, removed or not; CG_ERROR_NOT_FOUND when
 * there is none. */
gboolean cg_camera_get_ref (sqlite3 *db, gint64 id, CgCameraRef *ref, GError **error);

/* A removed camera whose recordings are still there. */
typedef struct {
  gint64 id;
  char *name, *place;
  gint64 removed_us;
  gint64 first_us, last_us; /* its recordings span */
  gint64 segments, bytes;
} CgRemovedCamera;

/* The removed cameras that still have recordings (segments not lost),
 * the most recently removed first; a GPtrArray of CgRemovedCamera that
 * frees its elements. */
GPtrArray *cg_camera_list_removed (sqlite3 *db, GError **error);
