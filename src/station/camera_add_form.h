/* camera_add_form.h — the station's form for adding a camera by its brand,
 * without the drawing: its name, its brand (a choice among those
 * camera.vendors lists), its IP, user name, password, channel, and
 * whether to look for its sub-stream.  The form checks what the daemon
 * would refuse before it asks, makes camera.probe's request, reads its
 * reply into lines an officer reads (client/camera_probe.c, as the
 * command line words them) and, when an address sent video, makes
 * camera.add's request with it.  A refusal goes back to the field it is
 * about, keeping everything typed.
 *
 * Pure: the screen (screens/camera_add.c) calls the daemon.
 */
#pragma once

#include "station/textfield.h"

#include <glib.h>
#include <json-glib/json-glib.h>

typedef enum {
  CG_CAMERA_ADD_FORM_NAME,
  CG_CAMERA_ADD_FORM_VENDOR,    /* a choice */
  CG_CAMERA_ADD_FORM_HOST,
  CG_CAMERA_ADD_FORM_USER,      /* empty: the brand's */
  CG_CAMERA_ADD_FORM_PASSWORD,  /* shown as dots */
  CG_CAMERA_ADD_FORM_CHANNEL,
  CG_CAMERA_ADD_FORM_SUBSTREAM, /* a choice: yes or no */
  CG_CAMERA_ADD_FORM_N_FIELDS,
} CgCameraAddFormField;

typedef struct {
  CgTextField *text[CG_CAMERA_ADD_FORM_N_FIELDS]; /* NULL for the choices */
  char *error[CG_CAMERA_ADD_FORM_N_FIELDS];       /* what is wrong with a field */
  GPtrArray *vendor_ids, *vendor_labels, *vendor_users; /* char *, from camera.vendors */
  int vendor;              /* index among them */
  gboolean substream;
  int focus;               /* a field, or CG_CAMERA_ADD_FORM_N_FIELDS: the save line */
  char *error_text;        /* what is wrong with the form as a whole */
  /* The last probe: each address tried, in words, and what it found. */
  GPtrArray *tried;        /* char * */
  char *url, *substream_url, *user;
} CgCameraAddForm;

CgCameraAddForm *cg_camera_add_form_new (void);
void cg_camera_add_form_free (CgCameraAddForm *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCameraAddForm, cg_camera_add_form_free)

/* The brands from camera.vendors' reply; FALSE when it names none. */
gboolean cg_camera_add_form_set_vendors (CgCameraAddForm *f, JsonObject *reply);

/* A field's label, translated. */
const char *cg_camera_add_form_label (CgCameraAddFormField field);
/* What a choice shows now (the brand's label, yes or no). */
const char *cg_camera_add_form_choice (const CgCameraAddForm *f, CgCameraAddFormField field);
/* The password as shown: one dot a character. */
char *cg_camera_add_form_dots (const CgCameraAddForm *f, gboolean utf8);

void cg_camera_add_form_focus_next (CgCameraAddForm *f, int dir);
/* The text field with focus, or NULL (a choice, the save line). */
CgTextField *cg_camera_add_form_focused_text (CgCameraAddForm *f);
/* The choice with focus to its next (dir 1) or previous value. */
void cg_camera_add_form_choose (CgCameraAddForm *f, int dir);
/* Something was typed or chosen. */
gboolean cg_camera_add_form_changed (const CgCameraAddForm *f);

/* Checks every field as the daemon would; sets each field's error and
 * returns FALSE when any is wrong (focus then on the first).  On
 * success *params is camera.probe's params (the password among them)
 * and the last probe's lines are forgotten. */
gboolean cg_camera_add_form_check (CgCameraAddForm *f, JsonNode **params);
/* camera.probe's reply: the lines tried, and TRUE when an address sent
 * video (then cg_camera_add_form_add_params() has it); else error_text says
 * what to check. */
gboolean cg_camera_add_form_take_probe (CgCameraAddForm *f, JsonObject *reply);
/* camera.add's params, with the address the probe found. */
JsonNode *cg_camera_add_form_add_params (CgCameraAddForm *f);
/* The daemon refused (code, its message worded for the officer, its
 * data): the parameter data.field names (vendor, host, port, channel)
 * or a name already taken gets the message at its field, anything else
 * the form.  Nothing typed is lost. */
void cg_camera_add_form_refused (CgCameraAddForm *f, int code, const char *message, JsonNode *data);
