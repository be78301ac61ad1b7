/* feeder.h — what one camera stream sends next, and when.
 *
 * A feeder walks a camera's loop pass after pass with timestamps that keep
 * increasing, and applies the faults that live inside the stream: stalls,
 * throttling, corruption and resolution changes.  It is pure logic (no
 * GStreamer) so it can be tested; camera.c turns its output into buffers.
 * Faults that concern the connection (drop, offline) are server.c's, and
 * timestamp jumps are applied to the RTP packets by camera.c.
 */
#pragma once

#include "camsim/fault.h"
#include "camsim/loop.h"

#include <glib.h>

typedef struct CgCamsimFeeder CgCamsimFeeder;

/* The faults this feeder applies, NULL where the camera has none. */
typedef struct {
  const CgCamsimFault *stall;
  const CgCamsimFault *throttle;
  const CgCamsimFault *garbage;
  const CgCamsimFault *resize;
} CgCamsimFeederFaults;

typedef struct {
  GBytes *data; /* owned by the caller; a corrupted copy under `garbage` */
  gint64 pts_ns, dts_ns, duration_ns;
  gboolean key;
  gboolean corrupted;
  guint width, height;
} CgCamsimFeederOutput;

/* `alt` is the second loop for `resize` (may be NULL). */
CgCamsimFeeder *cg_camsim_feeder_new (CgCamsimLoop *main, CgCamsimLoop *alt,
                                      const CgCamsimFeederFaults *faults, guint32 seed);
void cg_camsim_feeder_free (CgCamsimFeeder *feeder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCamsimFeeder, cg_camsim_feeder_free)

/* The next access unit to send (frames dropped by throttling are skipped). */
void cg_camsim_feeder_next (CgCamsimFeeder *feeder, CgCamsimFeederOutput *out);

/* How far back (ns) the timestamps of a frame sent at stream time
 * pts_ns are moved by a `tsjump` fault: `duration` more at every `every`. */
gint64 cg_camsim_tsjump_offset (const CgCamsimFault *tsjump, gint64 pts_ns);
