/* camera_changes.h — a change to a camera, as typed on the command line
 * or sent over the API, applied in one place so both behave the same;
 * and a camera as JSON. */
#pragma once

#include "common/camera.h"

#include <json-glib/json-glib.h>

/* NULL: leave as it is; "": clear it. */
typedef struct {
  const char *url;         /* may carry credentials, split out */
  const char *user;
  const char *password;
  const char *substream;
  const char *place;
  const char *map;         /* "X,Y", or "" / "none" for no position */
  const char *transport;   /* "tcp" or "udp" */
  const char *funding;     /* "budget", "community" or "" */
  const char *host_name;
  const char *host_phone;
  const char *power_by;
  const char *network_by;
  const char *installed;   /* yyyy-mm-dd */
  const char *motion_sensitivity; /* "0" to "1", or "" for the default */
  const char *motion_mask; /* cells to ignore (checked by the daemon) */
  const char *full_rate_days;      /* a duration (days when bare), "" for the default */
  const char *retention_days;      /* likewise */
  int enabled;             /* -1: unchanged, 0, 1 */
} CgCameraChanges;

#define CG_CAMERA_CHANGES_INIT { .enabled = -1 }

/* Applies the changes to c; on a bad value sets error (CG_ERROR_USAGE
 * for a value of the wrong shape) and leaves c partly changed. */
gboolean cg_camera_apply (CgCamera *c, const CgCameraChanges *changes, GError **error);

/* The camera for JSON.  The URL never carries credentials; with
 * credentials TRUE (admins only) the user name and password are added. */
JsonNode *cg_camera_to_json (const CgCamera *c, gboolean credentials);
