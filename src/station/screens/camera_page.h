/* camera_page.h — one camera in full, opened with Enter on the Status
 * table: its state and the whole reason with what to do, its figures,
 * the last hour of its link minute by minute on a time axis (link.stats)
 * its last outages with their reasons (the gaps of recordings.list), and
 * its inventory (camera.get: who paid, who hosts it, what it is).
 *
 * Not a screen of its own: the Status screen shows it in place of the
 * table and routes its update and paint here.
 */
#pragma once

#include "station/screen.h"

typedef struct CgCameraPage CgCameraPage;

CgCameraPage *cg_camera_page_new (void);
void cg_camera_page_free (CgCameraPage *page);

/* Asks the daemon for the camera's last hour and outages when what the
 * page holds is another camera's or a minute old. */
void cg_camera_page_update (CgCameraPage *page, CgStation *st, const CgStationCamera *camera);

/* Asks again at the next update (after the camera was changed here). */
void cg_camera_page_refetch (CgCameraPage *page);

/* Draws the camera's page; camera may be NULL (no camera selected). */
void cg_camera_page_paint (CgCameraPage *page, CgStation *st, const CgStationCamera *camera, WINDOW *win,
                           int rows, int cols);

/* The storage manager's alerts in full, each with how serious it is. */
void cg_alerts_page_paint (CgStation *st, WINDOW *win, int rows, int cols);
