/* camera_edit.h — a camera's inventory form on screen (the form itself
 * is station/camera_form.c): opened for a camera by name, for
 * administrators only, drawn over the Status screen's camera page; keys
 * go to the field with focus; the save goes to camera.update, and a
 * refusal comes back to its field with everything typed kept.
 *
 * cg_status_edit_camera() (screens/status.h) brings it up from any
 * screen.
 */
#pragma once

#include "station/camera_form.h"
#include "station/screen.h"

typedef struct {
  CgStation *st;
  CgCameraForm *form;  /* NULL: closed */
  gboolean leaving;    /* Esc pressed once over changes */
  char *notice;        /* what the last save, or a refusal to open, said */
} CgCameraEdit;

void cg_camera_edit_clear (CgCameraEdit *e);

/* Reads the camera (camera.get) and opens its form.  For an officer who
 * is not an administrator, or when the camera cannot be read, no form:
 * the notice says why.  FALSE then. */
gboolean cg_camera_edit_open (CgCameraEdit *e, CgStation *st, const char *camera);

void cg_camera_edit_paint (CgCameraEdit *e, WINDOW *win, int rows, int cols);

/* A key while the form is open; returns CgKeyFlags.  After a save or
 * leaving, the form is closed (e->form NULL). */
int cg_camera_edit_key (CgCameraEdit *e, int key);

/* The form's keys, for help. */
extern const CgKeyRow cg_camera_edit_keys[];
