/* thumbs.h — live thumbnails for the station, within a bandwidth budget.
 *
 * Screens say which cameras they show and at what size; the cache asks
 * the daemon for those cameras' thumbnails (thumbnail.get) no more often
 * than the refresh interval, decodes them once, and keeps the cells for
 * the size drawn.  The interval stretches when what the station writes
 * to the terminal passes the budget and shrinks back when it falls well
 * below: pictures slow down, keys never do.
 */
#pragma once

#include "station/picture.h"

#include <glib.h>

typedef struct CgStation CgStation;
typedef struct CgThumbs CgThumbs;

CgThumbs *cg_thumbs_new (void);
void cg_thumbs_free (CgThumbs *t);

/* The cells of camera's latest thumbnail at cols x rows, or NULL when
 * none has arrived yet.  Marks the camera as wanted. */
const CgCell *cg_thumbs_cells (CgThumbs *t, const char *camera, int cols, int rows,
                               const CgPictureStyle *style);

/* Fetches what is due; TRUE when a picture changed. */
gboolean cg_thumbs_tick (CgThumbs *t, CgStation *st);

/* Pictures received and decoded so far. */
guint64 cg_thumbs_updates (CgThumbs *t);

/* The refresh interval now, in seconds. */
double cg_thumbs_interval (CgThumbs *t);
