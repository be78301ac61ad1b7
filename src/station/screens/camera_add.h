/* camera_add.h — adding a camera by its brand at the station, for
 * administrators: the form of station/camera_add_form.c drawn, its keys,
 * camera.probe asked (each address tried shown with its result) and
 * camera.add with the address that sent video.
 *
 * Not a screen of its own: the Status screen (F4, key +) shows it in
 * place of its table and routes its keys, update and paint here.
 * cg_camera_add_open() opens it from anywhere.
 */
#pragma once

#include "station/screen.h"

typedef struct CgCameraAdd CgCameraAdd;

CgCameraAdd *cg_camera_add_new (CgStation *st);
void cg_camera_add_free (CgCameraAdd *a);

/* A new, empty form; the brands are asked for at the next update. */
void cg_camera_add_start (CgCameraAdd *a);
/* Still open (Esc closes it). */
gboolean cg_camera_add_active (const CgCameraAdd *a);
/* The daemon's part: the brands, then, once a save was asked and its
 * "trying" drawn, camera.probe and camera.add.  camera.probe may take
 * up to 22 s, during which the station waits. */
void cg_camera_add_update (CgCameraAdd *a);
void cg_camera_add_paint (CgCameraAdd *a, WINDOW *win, int rows, int cols);
/* Every key while the form is open; CgKeyFlags. */
int cg_camera_add_key (CgCameraAdd *a, int key);

/* F4 in front with the form open (status.c). */
void cg_camera_add_open (CgStation *st);

/* The form's keys, for help. */
extern const CgKeyRow cg_camera_add_keys[];
