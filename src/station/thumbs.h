/* thumbs.h — live thumbnails for the station, as fast as the line shows
 * them.
 *
 * Screens say which cameras they show, at what size and in what style;
 * the cache asks the daemon for those cameras' thumbnails, decodes them
 * and renders them into cells.  A new picture does not go to the terminal
 * when it arrives: it waits until the pacer (pacer.h) gives room, then
 * moves onto the screen row by row, the tiles not yet shown first, then
 * those that changed most and waited longest.  On a slow line each tile
 * simply refreshes less often, and keys never wait behind pictures.
 */
#pragma once

#include "client/client.h"
#include "station/picture.h"

#include <glib.h>

typedef struct CgThumbs CgThumbs;

CgThumbs *cg_thumbs_new (void);
void cg_thumbs_free (CgThumbs *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgThumbs, cg_thumbs_free)

/* The cells the terminal shows (or is being sent) of camera's picture at
 * cols x rows, or NULL while none is shown at that size.  Marks the
 * camera as wanted at that size, in `best` style as degraded by the
 * level. */
const CgCell *cg_thumbs_cells (CgThumbs *t, const char *camera, int cols, int rows,
                               const CgPictureStyle *best);

/* Camera's picture in grey (its camera is not live: an old picture must
 * not pass for a live one) or in colour; a change renders it again, and
 * the new picture goes to the terminal as the line allows. */
void cg_thumbs_set_grey (CgThumbs *t, const char *camera, gboolean grey);

/* When camera's picture was taken (the thumbnail's own time), 0 while
 * there is none or its time is not known. */
gint64 cg_thumbs_time (CgThumbs *t, const char *camera);

/* The screen is drawn anew (another screen, a resize): no picture is on
 * the terminal any more; each comes back as the line allows, after the
 * text. */
void cg_thumbs_forget_shown (CgThumbs *t);

/* Asks the daemon for the thumbnails due: each wanted camera at most
 * every 2 s, and not again while its last picture still waits for the
 * line (unless that one has grown old). */
void cg_thumbs_fetch (CgThumbs *t, CgClient *client);

/* A new picture of camera (packed RGB, taken over), as fetched. */
void cg_thumbs_take (CgThumbs *t, const char *camera, guint8 *rgb, int width, int height);

/* A picture the station made itself (a frame of footage), under a key
 * no camera has: taken over, shown as the line allows like the others,
 * never fetched from the daemon. */
void cg_thumbs_feed (CgThumbs *t, const char *key, guint8 *rgb, int width, int height);

/* TRUE while the last picture under key is not all on the screen yet. */
gboolean cg_thumbs_pending (CgThumbs *t, const char *key);

/* Moves waiting pictures onto the screen within `bytes`, a changed cell
 * costing `bytes_per_cell`; at least one row when anything waits.
 * Returns the changed cells moved. */
int cg_thumbs_present (CgThumbs *t, guint64 bytes, double bytes_per_cell);

/* Changed cells waiting to be shown, over the wanted pictures. */
int cg_thumbs_waiting (CgThumbs *t);

/* Pictures for a slower line: 0 is the terminal's best style, 1 and 2
 * cheaper ones (cg_picture_style_degrade). */
void cg_thumbs_set_level (CgThumbs *t, int level);
int cg_thumbs_level (CgThumbs *t);

/* Pictures shown whole so far. */
guint64 cg_thumbs_updates (CgThumbs *t);
