/* camera_form.h — a camera's inventory form without the drawing: who
 * paid for it (funding, donor), who hosts it (household or business,
 * name, address, phone), who gives power and the line (and the line's
 * plan), when it was installed, what it is (brand, model, serial), the
 * warranty's last day, notes.  The fields are the inventory rows of the
 * camera field table (common/camera_fields.h): text fields with the
 * Telex/VNI composer, and choices (funding, host kind) walked with ← →.
 *
 * Before asking, the form applies what it holds to a scratch camera and
 * checks it with the daemon's own rules (cg_camera_normalize()): a date
 * that is not one, a warranty ending before the install date, a phone
 * that is not digits, a donor on a budget-funded camera, control
 * characters, text too long.  Only the fields changed are sent to
 * camera.update; the daemon's refusal comes back to the field its
 * data.field names, everything typed kept.
 *
 * The notes may hold lines; a text field holds one, so a line break is
 * shown as "↵" there and sent as a line break again.
 *
 * Pure: no daemon, no terminal.
 */
#pragma once

#include "common/camera_fields.h"
#include "station/textfield.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* How a line break of the notes shows in a one-line field. */
#define CG_CAMERA_FORM_NEWLINE "↵"

typedef struct {
  const CgCameraField *row;
  CgTextField *text;  /* a typed field; NULL for a choice */
  int value;          /* a choice: the index among row->choices */
  char *original;     /* as read: the text, or the choice's name */
  char *error;        /* what is wrong with it, shown at the field */
} CgCameraFormField;

typedef struct {
  char *camera;       /* the camera's name, as camera.update finds it */
  CgCameraFormField *fields;
  int n_fields;
  int focus;          /* a field's index, or n_fields: the save line */
  char *error;        /* what is wrong with the form as a whole */
} CgCameraForm;

/* The form for a camera as camera.get returned it (cg_camera_to_json()),
 * its values filled in as `camera show` would print them. */
CgCameraForm *cg_camera_form_new (JsonObject *camera);
void cg_camera_form_free (CgCameraForm *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCameraForm, cg_camera_form_free)

/* The field for an API member ("host_phone"), or -1. */
int cg_camera_form_find (const CgCameraForm *f, const char *json);
/* The field's label, translated, without its colon. */
char *cg_camera_form_label (const CgCameraForm *f, int i);
/* Sets a field by what an officer would type (a choice: its name or its
 * label); for tests and for opening the form with a value. */
void cg_camera_form_set (CgCameraForm *f, int i, const char *text);
/* The value as it would be sent ("" clears): the text with the notes'
 * line breaks back, or the choice's name. */
char *cg_camera_form_value (const CgCameraForm *f, int i);
/* The words a choice shows now. */
const char *cg_camera_form_choice_label (const CgCameraForm *f, int i);
/* A choice to its next (dir 1) or previous value. */
void cg_camera_form_choose (CgCameraForm *f, int i, int dir);

/* Focus on the next or previous field, the save line after the last. */
void cg_camera_form_focus_next (CgCameraForm *f, int dir);
/* The text field with focus, or NULL (a choice, the save line). */
CgTextField *cg_camera_form_focused_text (CgCameraForm *f);
/* A field differs from what was read. */
gboolean cg_camera_form_changed (const CgCameraForm *f);

/* Checks the form as the daemon would; on a refusal the field it names
 * gets the message and the focus, and FALSE.  Otherwise *params is
 * camera.update's params with the fields changed only, or NULL when
 * nothing changed. */
gboolean cg_camera_form_check (CgCameraForm *f, JsonNode **params);

/* The daemon refused the save: its message (worded for the officer) goes
 * to the field data.field names, else to the form. */
void cg_camera_form_refused (CgCameraForm *f, const char *message, JsonNode *data);
