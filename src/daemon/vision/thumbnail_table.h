/* vision/thumbnail_table.h — each camera's latest live thumbnail and decoding health.
 *
 * A table, safe to use from any thread: the decode workers put a JPEG
 * here every [thumbnails] interval and count what they decoded, failed
 * to decode or had to skip; the API (thumbnail.get, status) reads it on
 * the main loop.  Nothing here touches FFmpeg (vision/analysis.c makes the JPEGs),
 * so the API's unit tests link without it.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct CgThumbnails CgThumbnails;

typedef struct {
  GBytes *jpeg; /* a reference: g_bytes_unref when done */
  int width, height;
  gint64 time_us; /* when the keyframe it shows arrived */
} CgThumbnail;

typedef struct {
  char *decode_error;      /* the last keyframe's failure, or NULL: g_free */
  guint64 skipped;         /* keyframes dropped because the workers were busy */
  guint64 decoded;         /* keyframes turned into a picture */
  guint64 failed;          /* keyframes that could not be decoded */
  gint64 busy_us;          /* decode + scale + encode time of the last 32 */
  guint busy_n;
} CgDecodeHealth;

CgThumbnails *cg_thumbnails_new (void);
void cg_thumbnails_free (CgThumbnails *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgThumbnails, cg_thumbnails_free)

/* Any thread.  put takes a reference to jpeg. */
void cg_thumbnails_put (CgThumbnails *table, gint64 camera_id, GBytes *jpeg, int width, int height,
                        gint64 time_us, gint64 work_us);
void cg_thumbnails_failed (CgThumbnails *table, gint64 camera_id, const char *message);
void cg_thumbnails_skipped (CgThumbnails *table, gint64 camera_id);
/* A camera stopped or removed: its picture and counts go. */
void cg_thumbnails_forget (CgThumbnails *table, gint64 camera_id);

/* FALSE when the camera has no thumbnail yet. */
gboolean cg_thumbnails_get (CgThumbnails *table, gint64 camera_id, CgThumbnail *out);
/* Always succeeds (zeros for a camera never seen); free decode_error. */
void cg_thumbnails_health (CgThumbnails *table, gint64 camera_id, CgDecodeHealth *out);

/* {"camera", "time", "width", "height", "jpeg": base64}, or NULL when the
 * camera has no thumbnail yet: thumbnail.get's result and the
 * "thumbnail" notification's params. */
JsonNode *cg_thumbnails_to_json (CgThumbnails *table, gint64 camera_id, const char *name);
