/* maintenance_form.h — the F8 form of a maintenance entry without the
 * drawing: the kind (a choice among the six), when (empty: now), the cost
 * in đồng, a note, and for a replacement the old and new serial numbers.
 * Text fields take the Telex/VNI composer.  The form checks what the
 * daemon would refuse before asking (doc/protocol.md, "Maintenance": a
 * time that is not one or in the future, a cost that is not whole đồng,
 * text too long), makes the request, and takes the daemon's refusal back
 * to the field it names (data.field), keeping everything typed.
 *
 * Pure: the clock and the time zone come in, tests give them.
 */
#pragma once

#include "station/textfield.h"

#include <glib.h>
#include <json-glib/json-glib.h>

typedef enum {
  CG_MFIELD_KIND,
  CG_MFIELD_AT,
  CG_MFIELD_COST,
  CG_MFIELD_NOTE,
  CG_MFIELD_OLD_SERIAL,
  CG_MFIELD_NEW_SERIAL,
  CG_N_MFIELDS,
} CgMaintFieldId;

#define CG_MAINT_NOTE_MAX 1000
#define CG_MAINT_SERIAL_MAX 64

typedef struct {
  CgTextField *text;    /* NULL for the kind */
  char *error;          /* what is wrong with it, shown at the field */
} CgMaintField;

typedef struct {
  char *camera;         /* the camera the entry is about */
  int kind;             /* index in cg_maintenance_kinds */
  GTimeZone *tz;        /* NULL: local */
  CgMaintField fields[CG_N_MFIELDS];
  int focus;            /* a CgMaintFieldId, or CG_N_MFIELDS: the save line */
  char *error;          /* what is wrong with the form as a whole */
} CgMaintForm;

CgMaintForm *cg_maint_form_new (const char *camera, GTimeZone *tz);
void cg_maint_form_free (CgMaintForm *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgMaintForm, cg_maint_form_free)

/* The fields shown, in order: the serial numbers only for a replacement. */
const CgMaintFieldId *cg_maint_form_fields (const CgMaintForm *f, int *n);
/* The field's label (translated). */
const char *cg_maint_field_label (CgMaintFieldId id);
/* The kind chosen, as the API spells it. */
const char *cg_maint_form_kind (const CgMaintForm *f);
/* The previous (dir < 0) or next kind. */
void cg_maint_form_choose (CgMaintForm *f, int dir);
/* Sets a text field (tests, and a default). */
void cg_maint_form_set (CgMaintForm *f, CgMaintFieldId id, const char *text);
void cg_maint_form_focus_next (CgMaintForm *f, int dir);
/* The text field with focus, or NULL (the kind, the save line). */
CgTextField *cg_maint_form_focused_text (CgMaintForm *f);
/* Whether anything was typed or chosen. */
gboolean cg_maint_form_changed (const CgMaintForm *f);

/* Checks every field; TRUE with *params for maintenance.add, or FALSE
 * with the errors at their fields (focus on the first). */
gboolean cg_maint_form_check (CgMaintForm *f, gint64 now_us, JsonNode **params);

/* The daemon refused the entry: the message at the field data.field
 * names (focus there), else for the whole form. */
void cg_maint_form_refused (CgMaintForm *f, int code, const char *message, JsonNode *data);
