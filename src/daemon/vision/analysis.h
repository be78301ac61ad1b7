/* vision/analysis.h — what the daemon sees in its cameras' keyframes: live
 * thumbnails and motion events.
 *
 * Capture threads offer every video keyframe (cg_vision_keyframe); at
 * most one per camera every [thumbnails] interval goes to the decode
 * pool, and never at the cost of a packet.  Each decoded keyframe is
 * scaled to [thumbnails] width and kept as a JPEG (vision/thumbnail_table.h), and its
 * luma is scored against the previous one (motion.h); sustained motion
 * becomes a motion_events row.  Subscribers hear of both on the main
 * loop: "thumbnail" (topic thumbnails, droppable) and "motion" (topic
 * motion).
 */
#pragma once

#include "common/config.h"
#include "daemon/server.h"
#include "daemon/db/writer.h"
#include "daemon/vision/thumbnail_table.h"

#include <libavcodec/avcodec.h>

typedef struct CgVision CgVision;

/* server may be NULL (no notifications). */
CgVision *cg_vision_new (const CgConfig *config, CgDbWriter *writer, CgThumbnails *table,
                         CgServer *server);

/* A reloaded configuration ([thumbnails] interval and width), taken from
 * the next keyframe on (the old one must stay valid until the daemon
 * exits). */
void cg_vision_set_config (CgVision *vision, const CgConfig *config);
void cg_vision_free (CgVision *vision);

/* Main thread: called with each motion event as it begins (end_us 0) and
 * ends, besides the `motion` notification (the alarms). */
typedef void (*CgVisionMotionHook) (gpointer data, const char *camera, gint64 start_us,
                                    gint64 end_us);
void cg_vision_set_motion_hook (CgVision *vision, CgVisionMotionHook hook, gpointer data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgVision, cg_vision_free)

/* Main thread: a camera to watch, with its motion settings (sensitivity
 * 0-1, or < 0 for the default; mask as in cg_motion_mask_parse, NULL for
 * none).  Called again whenever they may have changed. */
void cg_vision_camera (CgVision *vision, gint64 camera_id, const char *name, double sensitivity,
                       const char *mask);
/* Main thread: the camera's capture stopped; an ongoing motion event
 * ends, its decoder and thumbnail go. */
void cg_vision_camera_stopped (CgVision *vision, gint64 camera_id);

/* Capture threads: the hook of CgCaptureParams.on_keyframe.  Returns at
 * once whatever the pool is doing. */
void cg_vision_keyframe (gpointer vision, gint64 camera_id, const AVPacket *pkt,
                         const AVCodecParameters *par, gint64 wall_us);
