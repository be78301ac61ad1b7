/* db/writer.h — the daemon's one database writer.
 *
 * Capture threads never touch SQLite: they post events here, and a single
 * thread writes them in batched transactions (one fsync for many rows),
 * so a slow disk delays bookkeeping, never a camera's packets.
 */
#pragma once

#include <glib.h>

typedef struct CgStore CgStore;

typedef struct {
  gint64 camera_id;
  const char *state;  /* CG_STATE_*, common/camera_state.h */
  const char *reason; /* "" when none; see common/reason.h */
  gint64 since_us;
  gint64 last_frame_us; /* 0: none yet */
  gint64 bitrate_bps;
  double fps;
  gint64 keyframe_interval_ms; /* 0: unknown */
  gint64 reconnects;
} CgStoreStatus;

typedef struct {
  gint64 camera_id;
  gint64 minute_us;
  gint64 bytes, frames, keyframes, keyframe_interval_ms, gaps, reconnects;
} CgStoreLinkStats;

/* Opens its own connection to the database at db_path and starts the
 * writer thread. */
CgStore *cg_store_new (const char *db_path, GError **error);

/* Writes what is queued, stops the thread, closes the connection. */
void cg_store_free (CgStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgStore, cg_store_free)

/* All may be called from any thread; they copy what they are given. */
void cg_store_segment_open (CgStore *store, gint64 camera_id, const char *path,
                            gint64 start_us, const char *codec, int width, int height,
                            gboolean has_audio);
void cg_store_segment_close (CgStore *store, const char *path, gint64 start_us, gint64 end_us,
                             gint64 bytes, gint64 frames, gint64 keyframes, GBytes *index);
/* How far an open segment has got: readers see it grow. */
void cg_store_segment_progress (CgStore *store, const char *path, gint64 end_us, gint64 bytes,
                                gint64 frames, gint64 keyframes);
void cg_store_outage_open (CgStore *store, gint64 camera_id, gint64 start_us,
                           const char *reason);
void cg_store_outage_close (CgStore *store, gint64 camera_id, gint64 end_us);
void cg_store_link_stats (CgStore *store, const CgStoreLinkStats *stats);
void cg_store_status (CgStore *store, const CgStoreStatus *status);
/* A motion event began (end unknown yet); close ends the camera's open
 * one.  camera_id 0 in close: every open event ends where it started
 * (start-up, after a crash). */
void cg_store_motion_open (CgStore *store, gint64 camera_id, gint64 start_us, double peak);
void cg_store_motion_close (CgStore *store, gint64 camera_id, gint64 end_us, double peak);

/* Blocks until everything posted before it is committed (tests and
 * shutdown). */
void cg_store_flush (CgStore *store);
