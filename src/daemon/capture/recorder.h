/* recorder.h — keeps one capture thread per enabled camera.
 *
 * Every few seconds it reads the cameras table and reconciles: a camera
 * added or enabled gets a thread, one removed or disabled loses it, one
 * whose URL, credentials or transport changed is restarted.  So changes
 * made with `canhgac camera ...` take effect without a restart.
 */
#pragma once

#include "common/config.h"
#include "daemon/db/db.h"
#include "daemon/db/writer.h"

typedef struct CgRecorder CgRecorder;

/* Starts nothing until the first cg_recorder_sync(), so that the hooks
 * below can be set first. */
CgRecorder *cg_recorder_new (const CgConfig *config, CgDb *db, CgDbWriter *writer);

/* Called on the main thread when a camera changes state (name, state,
 * reason or NULL, time). */
typedef void (*CgRecorderStateHook) (gpointer data, const char *camera, const char *state,
                                     const char *reason, gint64 at_us);
void cg_recorder_set_state_hook (CgRecorder *recorder, CgRecorderStateHook hook, gpointer data);

/* Keyframes of every capture go to vision (thumbnails, motion); cameras
 * are told to it at each sync and when their capture stops. */
typedef struct CgVision CgVision;
void cg_recorder_set_vision (CgRecorder *recorder, CgVision *vision);

/* Keyframes of each camera's recorded stream go to live (the latest
 * kept at full size, for live snapshots); a camera's goes when its
 * capture stops. */
typedef struct CgLiveFrames CgLiveFrames;
void cg_recorder_set_live_frames (CgRecorder *recorder, CgLiveFrames *live);

/* A reloaded configuration (the recorder's main loop only; the old one
 * stays valid until the daemon exits): cameras started from now on take
 * it, and the running ones its stall time without a new segment.  The
 * data directory and segment length are kept by the caller. */
void cg_recorder_set_config (CgRecorder *recorder, const CgConfig *config);

/* Reads the cameras now and reconciles (also runs on a timer). */
void cg_recorder_sync (CgRecorder *recorder);

/* Stops every capture (all at once, then waits) and frees. */
/* Asks every camera thread to stop and waits up to wait_us for them;
 * FALSE when some did not stop in time (one resolving a host name, which
 * nothing interrupts): the caller must then exit without freeing what
 * those threads use (the writer, vision). */
gboolean cg_recorder_stop_all (CgRecorder *recorder, gint64 wait_us);

/* Stops every thread, waiting as long as it takes, and frees. */
void cg_recorder_free (CgRecorder *recorder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRecorder, cg_recorder_free)
