/* incident_form.h — the forms of the F5 screen without the drawing: a
 * new incident, an edit, closing, reopening, attaching footage, and the
 * log's date range.  Each is a few fields (text fields, with the
 * Telex/VNI composer, or a choice among values); the form checks what
 * the daemon would refuse before it asks (doc/protocol.md, "Incidents":
 * an empty description, a time that is not one, `to` before `from`, a
 * phone that is not digits, spaces and +, a map position that is not
 * X,Y, text too long), makes the
 * request, and takes the daemon's refusal back to the field it names
 * (data.field), keeping everything typed.  A save refused because
 * someone else changed the incident (-32009) says who and when; reloading
 * then takes their values into the fields the officer did not touch and
 * keeps the ones typed.
 *
 * Pure: the clock and the time zone come in, tests give them.
 */
#pragma once

#include "station/incidents.h"
#include "station/textfield.h"

#include "common/jsonrpc.h"

#include <glib.h>
#include <json-glib/json-glib.h>

typedef enum {
  CG_FORM_CREATE,
  CG_FORM_EDIT,
  CG_FORM_CLOSE,
  CG_FORM_REOPEN,
  CG_FORM_ATTACH,
  CG_FORM_DATES,  /* the log's date range: nothing is sent */
} CgFormKind;

typedef enum {
  CG_FIELD_FROM,
  CG_FIELD_TO,
  CG_FIELD_KIND,
  CG_FIELD_STATUS,
  CG_FIELD_PLACE,
  CG_FIELD_DESCRIPTION,
  CG_FIELD_REPORTER,
  CG_FIELD_PHONE,
  CG_FIELD_OUTCOME,
  CG_FIELD_HELPED,
  CG_FIELD_CAMERAS,  /* create: names, separated by commas */
  CG_FIELD_CAMERA,   /* attach: one camera */
  CG_FIELD_REASON,   /* reopen */
  CG_FIELD_MAP,      /* create, edit: "X,Y" on the commune map, optional */
  CG_N_FIELDS,
} CgFieldId;

/* The longest texts the daemon takes (characters). */
#define CG_INCIDENT_DESCRIPTION_MAX 4000
#define CG_INCIDENT_TEXT_MAX 200

typedef struct {
  CgFieldId id;
  gboolean shown;      /* in this kind of form */
  gboolean choice;     /* chosen among values with ← →, not typed */
  CgTextField *text;   /* for a typed field */
  int value;           /* for a choice: the index among its values */
  char *original;      /* the value as read (edit), to send only changes */
  char *error;         /* what is wrong with it, shown at the field */
} CgFormField;

typedef struct {
  CgFormKind kind;
  gint64 incident_id;   /* edit, close, reopen, attach */
  char *code;           /* "12/2026", for the title */
  gint64 version;       /* the one the editor read */
  GPtrArray *kinds;     /* CgIncidentKind*, borrowed from the screen */
  GTimeZone *tz;        /* NULL: local */
  CgFormField fields[CG_N_FIELDS];
  int focus;            /* a CgFieldId, or CG_N_FIELDS: the save line */
  char *error;          /* what is wrong with the form as a whole */
  /* A save refused because the incident changed under it. */
  gboolean conflict;
  char *conflict_by;
  gint64 conflict_at_us;
  gint64 conflict_version;
} CgIncidentForm;

/* A form of kind; for edit, close, reopen and attach, inc is the
 * incident as read (its values fill an edit).  kinds may be NULL
 * (attach, close, reopen, dates). */
CgIncidentForm *cg_incident_form_new (CgFormKind kind, const CgIncident *inc, GPtrArray *kinds,
                                      GTimeZone *tz);
void cg_incident_form_free (CgIncidentForm *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgIncidentForm, cg_incident_form_free)

/* The field's name in the API ("reporter_phone"), and its label,
 * translated. */
const char *cg_incident_field_param (CgFieldId id);
const char *cg_incident_field_label (CgFieldId id);
/* The field the API's name means, or -1. */
int cg_incident_field_by_param (const char *param);

/* Sets a field's text or a choice's value by its text ("trom_cap",
 * "verifying", "yes"); for prefilling. */
void cg_incident_form_set (CgIncidentForm *f, CgFieldId id, const char *text);
/* A time field set to an instant, as officers read it. */
void cg_incident_form_set_time (CgIncidentForm *f, CgFieldId id, gint64 us);
/* The field's value as it would be sent: the text, or the choice's code
 * ("" for a choice that is not said). */
char *cg_incident_form_value (const CgIncidentForm *f, CgFieldId id);
/* The words a choice shows now. */
const char *cg_incident_form_choice_label (const CgIncidentForm *f, CgFieldId id);
/* A choice to its next (dir 1) or previous value. */
void cg_incident_form_choose (CgIncidentForm *f, CgFieldId id, int dir);

/* The form's fields in the order they are shown and walked. */
const CgFieldId *cg_incident_form_fields (const CgIncidentForm *f, int *n);

/* Focus on the next or previous shown field (and the save line after
 * the last). */
void cg_incident_form_focus_next (CgIncidentForm *f, int dir);
/* The text field with focus, or NULL (a choice, the save line). */
CgTextField *cg_incident_form_focused_text (CgIncidentForm *f);

/* Checks every field as the daemon would; sets each field's error and
 * returns FALSE when any is wrong (focus then on the first).  now_us for
 * times typed as "-15m".  On success *params (may be NULL) is the
 * request's params (for dates: from and to, either may be absent) and
 * *method the method ("incident.create" ...; NULL for dates). */
gboolean cg_incident_form_check (CgIncidentForm *f, gint64 now_us, JsonNode **params,
                                 const char **method);
/* For the dates form after a successful check: the range (0: open). */
void cg_incident_form_range (CgIncidentForm *f, gint64 now_us, gint64 *from_us, gint64 *to_us);

/* The daemon refused the save: code, its message (worded for the
 * officer) and its data.  A field it names gets the message; -32009
 * becomes the conflict; anything else is the form's error.  Nothing
 * typed is lost. */
void cg_incident_form_refused (CgIncidentForm *f, int code, const char *message, JsonNode *data);
/* The conflict's words: who changed the incident and when. */
char *cg_incident_form_conflict_text (const CgIncidentForm *f);
/* Reload after a conflict: the incident as it is now.  Fields the
 * officer did not change take its values, the rest keep what was typed;
 * the version becomes its.  Returns how many fields kept what was typed
 * although the other change touched them too. */
int cg_incident_form_reload (CgIncidentForm *f, const CgIncident *now);
/* Any field differs from what was read (an edit) or holds text. */
gboolean cg_incident_form_changed (const CgIncidentForm *f);
