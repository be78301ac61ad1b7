/* camera_changes.h — a change to a camera, as typed on the command line
 * or sent over the API, applied in one place so both behave the same;
 * and a camera as JSON.  Both walk the rows of camera_fields.h. */
#pragma once

#include "common/camera.h"
#include "common/camera_fields.h"

#include <json-glib/json-glib.h>

/* By row of cg_camera_fields: NULL leaves the field as it is, "" clears
 * it; BOOL rows hold "true" or "false".  The texts are borrowed. */
struct CgCameraChanges {
  const char *value[CG_CAMERA_N_FIELDS];
};

#define CG_CAMERA_CHANGES_INIT { { NULL } }

/* The value given for the row called json, or NULL. */
const char *cg_camera_changes_get (const CgCameraChanges *changes, const char *json);
void cg_camera_changes_set (CgCameraChanges *changes, const char *json, const char *value);

/* Reads the rows' parameters of an API call (checked against
 * cg_camera_field_params()); params must outlive changes. */
void cg_camera_changes_read (CgCameraChanges *changes, JsonObject *params);

/* Applies the changes to c; on a bad value sets error (CG_ERROR_USAGE
 * for a value of the wrong shape) and leaves c partly changed. */
gboolean cg_camera_apply (CgCamera *c, const CgCameraChanges *changes, GError **error);

/* The camera for JSON.  The URL never carries credentials; with
 * credentials TRUE (admins only) the user name and password are added. */
JsonNode *cg_camera_to_json (const CgCamera *c, gboolean credentials);
