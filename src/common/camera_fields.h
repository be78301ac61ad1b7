/* camera_fields.h — the fields of a camera an officer sets, in one table.
 *
 * A row says everything the programs need to know about one field: the
 * command line's option and its --help line, the API's parameter and the
 * member of a camera in JSON, where CgCamera keeps it, how `camera show`
 * prints it.  The command line, the daemon's camera.add/camera.update
 * and cg_camera_to_json() all loop over the rows, so adding a field is
 * adding a row here, a member to CgCamera and a column to the database
 * (src/daemon/db).
 *
 * A value travels as text: typed on the command line (where officers may
 * write 15/03/2025 or 0,5, the way `camera show` prints them), sent over
 * the API in its canonical form (2025-03-15, 0.5), applied to a CgCamera,
 * and printed again.  Each type knows all four steps.
 */
#pragma once

#include "common/camera.h"
#include "common/jsonrpc.h"

#include <json-glib/json-glib.h>

typedef enum {
  CG_FIELD_TEXT,     /* free text */
  CG_FIELD_URL,      /* an rtsp:// address; JSON masks any password in it */
  CG_FIELD_PHONE,    /* a phone number (cg_camera_normalize() checks it) */
  CG_FIELD_DATE,     /* a calendar day: typed dd/mm/yyyy or ISO, kept ISO */
  CG_FIELD_MAP,      /* "X,Y" on the commune map, or "none" */
  CG_FIELD_CHOICE,   /* one of the row's choices, kept as an enum (an int) */
  CG_FIELD_FRACTION, /* a number from 0 to 1 (a double), "" for the default */
  CG_FIELD_DAYS,     /* a span, bare numbers in days (gint64 us), "" for the default */
  CG_FIELD_BOOL,     /* a gboolean: a JSON boolean, two command-line flags */
} CgFieldType;

enum {
  /* Credentials: in JSON for administrators only, never printed. */
  CG_FIELD_ADMIN_ONLY = 1 << 0,
  /* A user name and password typed inside it become the camera's login. */
  CG_FIELD_LOGIN_IN_URL = 1 << 1,
  /* The inventory (who paid, who hosts it, what it is): `camera show`
   * and the station group these rows under a heading of their own. */
  CG_FIELD_INVENTORY = 1 << 2,
  /* A date after which something has lapsed (the warranty):
   * cg_camera_field_describe() says so once it is past. */
  CG_FIELD_EXPIRES = 1 << 3,
};

typedef struct {
  const char *name;  /* as typed and sent: "budget"; "" clears; BOOL: "true", "false" */
  int value;         /* as CgCamera keeps it */
  const char *label; /* N_(): as `camera show` says it, also accepted when typed; NULL: name */
} CgFieldChoice;

typedef struct {
  const char *json;       /* the API's parameter, the camera's member in JSON */
  const char *option;     /* the command line's long option, without "--" */
  const char *option_off; /* BOOL: the option that turns it off */
  const char *option_alias; /* another name the option is still read by, or NULL */
  gsize offset;           /* of the value in CgCamera; MAP: of has_map (map_x, map_y go with it) */
  CgFieldType type;
  unsigned flags;
  const char *metavar;    /* the option's value in --help; N_() when it is a word */
  const char *help;       /* N_(): the option's --help line */
  const char *help_off;   /* N_(): BOOL: option_off's --help line */
  const char *label;      /* N_(): in `camera show`; NULL: printed by another row */
  const CgFieldChoice *choices; /* CHOICE, BOOL: ended by a NULL name */
  /* When the printed value is more than this field's (the login). */
  char *(*show) (JsonObject *camera);
} CgCameraField;

#define CG_CAMERA_N_FIELDS 27

/* The rows, in the order of --help, JSON and `camera show`. */
extern const CgCameraField *const cg_camera_fields;

const CgCameraField *cg_camera_field_find (const char *json);

/* What an officer typed for f, in the form the API is sent: dd/mm/yyyy
 * as ISO, a decimal comma as a point, a choice's label as its name.  A
 * value that does not read is returned as typed, for the daemon to
 * refuse with its reason. */
char *cg_camera_field_canonical (const CgCameraField *f, const char *typed);

/* Adds the parameter for what was typed (cg_camera_field_canonical()):
 * a string, or for BOOL ("true"/"false") a boolean. */
void cg_camera_field_add_param (JsonBuilder *params, const CgCameraField *f, const char *typed);

/* The API's parameters for the rows (all optional), built once; for a
 * CgRpcParam table's include. */
const CgRpcParam *cg_camera_field_params (void);

/* Sets f in c from text (not NULL; "" clears it).  A value of the wrong
 * shape is CG_ERROR_USAGE; c may then be partly changed.  Credentials
 * typed in a URL (CG_FIELD_LOGIN_IN_URL) are checked against the user
 * and password given beside it, in changes. */
typedef struct CgCameraChanges CgCameraChanges;
gboolean cg_camera_field_apply (const CgCameraField *f, CgCamera *c, const char *text,
                                const CgCameraChanges *changes, GError **error);

/* Adds the member for f (nothing for an ADMIN_ONLY row without
 * credentials). */
void cg_camera_field_add_json (JsonBuilder *b, const CgCameraField *f, const CgCamera *c,
                               gboolean credentials);

/* The value for people, from a camera as JSON, in the form it can be
 * typed back (15/03/2025, 0,50 under a decimal-comma locale); NULL when
 * the field is not set. */
char *cg_camera_field_show (const CgCameraField *f, JsonObject *camera);

/* cg_camera_field_show(), and for a CG_FIELD_EXPIRES row whose day is
 * before today (yyyy-mm-dd; NULL: the local date now) "(expired)" after
 * it.  For reading only: what is typed back is cg_camera_field_show(). */
char *cg_camera_field_describe (const CgCameraField *f, JsonObject *camera, const char *today);
