/* camera.h — one simulated camera: its RTSP mount, its loops and faults,
 * and the GStreamer pipeline that feeds the loop to each client.
 *
 * Media are shared: like a real camera, one stream goes to every client
 * of the same URL, and a client that joins late starts mid-stream.
 */
#pragma once

#include "camsim/fault.h"
#include "camsim/loop.h"

#include <gst/rtsp-server/rtsp-server.h>

typedef struct {
  guint number; /* 1-based */
  char *name;   /* "cam3" */
  char *path;   /* "/cam3": where it is mounted */
  /* The query a brand's address carries ("channel=1&subtype=0"), which a
   * client must send as given, or NULL.  Mounts match the path alone. */
  char *query;
  CgCamsimLoop *loop;
  CgCamsimLoop *alt_loop; /* for `resize`, or NULL */
  CgCamsimLoop *audio;    /* the second track (--audio), or NULL */
  /* At most one fault of each kind; NULL where there is none. */
  const CgCamsimFault *faults[CG_CAMSIM_N_FAULTS];
  GstRTSPMediaFactory *factory;
  gboolean online; /* mounted: main thread only */
} CgCamsimCamera;

/* Takes references to the loops (alt_loop and audio may be NULL);
 * `faults` must outlive the camera. */
CgCamsimCamera *cg_camsim_camera_new (guint number, CgCamsimLoop *loop, CgCamsimLoop *alt_loop,
                                      CgCamsimLoop *audio,
                                      const CgCamsimFault *const faults[CG_CAMSIM_N_FAULTS]);
void cg_camsim_camera_free (CgCamsimCamera *camera);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCamsimCamera, cg_camsim_camera_free)

/* The camera a media (a running stream) belongs to, or NULL. */
CgCamsimCamera *cg_camsim_camera_of_media (GstRTSPMedia *media);
