/* camera_page.h — one camera in full, opened with Enter on the Status
 * table: its state and the whole reason with what to do, its figures,
 * the last hour of its link minute by minute on a time axis (link.stats)
 * and its last outages with their reasons (the gaps of recordings.list).
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

/* Draws the camera's page; camera may be NULL (no camera selected). */
void cg_camera_page_paint (CgCameraPage *page, CgStation *st, const CgStationCamera *camera, WINDOW *win,
                           int rows, int cols);

/* The storage manager's alerts in full, each with how serious it is. */
void cg_alerts_page_paint (CgStation *st, WINDOW *win, int rows, int cols);
