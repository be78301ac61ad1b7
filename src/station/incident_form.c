/* incident_form.c — the F5 screen's forms without the drawing
 * (incident_form.h).  Pure. */
#include "build-config.h"

#include "station/incident_form.h"

#include "common/camera.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "station/time_input.h"

#include <stdio.h>
#include <string.h>

static const struct {
  const char *param;
  const char *label;
  gboolean choice;
  int max;
} field_info[CG_N_FIELDS] = {
  [CG_FIELD_FROM] = { "from", N_("From"), FALSE, 40 },
  [CG_FIELD_TO] = { "to", N_("To"), FALSE, 40 },
  [CG_FIELD_KIND] = { "kind", N_("Kind"), TRUE, 0 },
  [CG_FIELD_STATUS] = { "status", N_("Status"), TRUE, 0 },
  [CG_FIELD_PLACE] = { "place", N_("Place"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_DESCRIPTION] = { "description", N_("What happened"), FALSE, CG_INCIDENT_DESCRIPTION_MAX },
  [CG_FIELD_REPORTER] = { "reporter", N_("Reported by"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_PHONE] = { "reporter_phone", N_("Their phone"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_OUTCOME] = { "outcome", N_("Outcome"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_HELPED] = { "footage_helped", N_("Footage helped"), TRUE, 0 },
  [CG_FIELD_CAMERAS] = { "cameras", N_("Cameras"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_CAMERA] = { "camera", N_("Camera"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_REASON] = { "reason", N_("Why reopened"), FALSE, CG_INCIDENT_TEXT_MAX },
  [CG_FIELD_MAP] = { "map", N_("Map position"), FALSE, 40 },
};

/* The fields of each kind of form, in the order focus walks them. */
static const CgFieldId order_create[] = {
  CG_FIELD_FROM, CG_FIELD_TO, CG_FIELD_KIND, CG_FIELD_STATUS, CG_FIELD_PLACE, CG_FIELD_MAP,
  CG_FIELD_DESCRIPTION, CG_FIELD_REPORTER, CG_FIELD_PHONE, CG_FIELD_CAMERAS,
};
static const CgFieldId order_edit[] = {
  CG_FIELD_FROM, CG_FIELD_TO, CG_FIELD_KIND, CG_FIELD_STATUS, CG_FIELD_PLACE, CG_FIELD_MAP,
  CG_FIELD_DESCRIPTION, CG_FIELD_REPORTER, CG_FIELD_PHONE, CG_FIELD_OUTCOME, CG_FIELD_HELPED,
};
static const CgFieldId order_close[] = { CG_FIELD_OUTCOME, CG_FIELD_HELPED };
static const CgFieldId order_reopen[] = { CG_FIELD_REASON };
static const CgFieldId order_attach[] = { CG_FIELD_CAMERA, CG_FIELD_FROM, CG_FIELD_TO };
static const CgFieldId order_dates[] = { CG_FIELD_FROM, CG_FIELD_TO };

static const CgFieldId *order (CgFormKind kind, int *n);

const CgFieldId *
cg_incident_form_fields (const CgIncidentForm *f, int *n)
{
  return order (f->kind, n);
}

static const CgFieldId *
order (CgFormKind kind, int *n)
{
#define ORDER(a) do { *n = G_N_ELEMENTS (a); return a; } while (0)
  switch (kind)
    {
    case CG_FORM_CREATE: ORDER (order_create);
    case CG_FORM_EDIT: ORDER (order_edit);
    case CG_FORM_CLOSE: ORDER (order_close);
    case CG_FORM_REOPEN: ORDER (order_reopen);
    case CG_FORM_ATTACH: ORDER (order_attach);
    case CG_FORM_DATES:
    default: ORDER (order_dates);
    }
#undef ORDER
}

static const char *const helped_codes[] = { "", "yes", "no" };

const char *
cg_incident_field_param (CgFieldId id)
{
  return id >= 0 && id < CG_N_FIELDS ? field_info[id].param : "";
}

const char *
cg_incident_field_label (CgFieldId id)
{
  return id >= 0 && id < CG_N_FIELDS ? _(field_info[id].label) : "";
}

int
cg_incident_field_by_param (const char *param)
{
  for (int i = 0; i < CG_N_FIELDS; i++)
    if (g_strcmp0 (field_info[i].param, param) == 0)
      return i;
  return -1;
}

/* ---- values ------------------------------------------------------------------ */

static int
choice_count (const CgIncidentForm *f, CgFieldId id)
{
  switch (id)
    {
    case CG_FIELD_KIND: return f->kinds != NULL ? (int) f->kinds->len : 0;
    case CG_FIELD_STATUS: return CG_INCIDENT_N_STATUSES;
    case CG_FIELD_HELPED: return G_N_ELEMENTS (helped_codes);
    default: return 0;
    }
}

static const char *
choice_code (const CgIncidentForm *f, CgFieldId id, int value)
{
  if (value < 0 || value >= choice_count (f, id))
    return "";
  switch (id)
    {
    case CG_FIELD_KIND: return ((CgIncidentKind *) f->kinds->pdata[value])->code;
    case CG_FIELD_STATUS: return cg_incident_statuses[value];
    case CG_FIELD_HELPED: return helped_codes[value];
    default: return "";
    }
}

char *
cg_incident_form_value (const CgIncidentForm *f, CgFieldId id)
{
  const CgFormField *field = &f->fields[id];
  if (field->choice)
    return g_strdup (choice_code (f, id, field->value));
  return g_strdup (cg_text_field_text (field->text));
}

const char *
cg_incident_form_choice_label (const CgIncidentForm *f, CgFieldId id)
{
  const char *code = choice_code (f, id, f->fields[id].value);
  switch (id)
    {
    case CG_FIELD_KIND: return cg_incident_kind_label (f->kinds, code);
    case CG_FIELD_STATUS: return cg_incident_status_label (code);
    case CG_FIELD_HELPED:
      return cg_incident_helped_label (g_str_equal (code, "yes") ? CG_HELPED_YES
                                       : g_str_equal (code, "no") ? CG_HELPED_NO
                                       : CG_HELPED_UNKNOWN);
    default: return "";
    }
}

void
cg_incident_form_choose (CgIncidentForm *f, CgFieldId id, int dir)
{
  int n = choice_count (f, id);
  if (n == 0)
    return;
  CgFormField *field = &f->fields[id];
  field->value = ((field->value < 0 ? 0 : field->value) + (dir >= 0 ? 1 : n - 1)) % n;
  g_clear_pointer (&field->error, g_free);
}

void
cg_incident_form_set (CgIncidentForm *f, CgFieldId id, const char *text)
{
  CgFormField *field = &f->fields[id];
  if (!field->choice)
    {
      cg_text_field_set_text (field->text, text != NULL ? text : "");
      return;
    }
  field->value = id == CG_FIELD_HELPED ? 0 : -1;
  for (int i = 0; i < choice_count (f, id); i++)
    if (g_strcmp0 (choice_code (f, id, i), text) == 0)
      field->value = i;
}

void
cg_incident_form_set_time (CgIncidentForm *f, CgFieldId id, gint64 us)
{
  g_autofree char *t = us > 0 ? cg_time_format_local (us, f->tz) : g_strdup ("");
  cg_incident_form_set (f, id, t);
}

/* The value of field id an incident has, as the form holds it. */
static char *
incident_value (const CgIncidentForm *f, const CgIncident *inc, CgFieldId id)
{
  switch (id)
    {
    case CG_FIELD_FROM: return inc->from_us > 0 ? cg_time_format_local (inc->from_us, f->tz) : g_strdup ("");
    case CG_FIELD_TO: return inc->to_us > 0 ? cg_time_format_local (inc->to_us, f->tz) : g_strdup ("");
    case CG_FIELD_KIND: return g_strdup (inc->kind);
    case CG_FIELD_STATUS: return g_strdup (inc->status);
    case CG_FIELD_PLACE: return g_strdup (inc->place);
    case CG_FIELD_MAP: return g_strdup (inc->map);
    case CG_FIELD_DESCRIPTION: return g_strdup (inc->description);
    case CG_FIELD_REPORTER: return g_strdup (inc->reporter);
    case CG_FIELD_PHONE: return g_strdup (inc->reporter_phone);
    case CG_FIELD_OUTCOME: return g_strdup (inc->outcome);
    case CG_FIELD_HELPED:
      return g_strdup (inc->footage_helped == CG_HELPED_YES ? "yes"
                       : inc->footage_helped == CG_HELPED_NO ? "no" : "");
    default: return g_strdup ("");
    }
}

/* ---- the form ------------------------------------------------------------------ */

CgIncidentForm *
cg_incident_form_new (CgFormKind kind, const CgIncident *inc, GPtrArray *kinds, GTimeZone *tz)
{
  CgIncidentForm *f = g_new0 (CgIncidentForm, 1);
  f->kind = kind;
  f->kinds = kinds != NULL ? g_ptr_array_ref (kinds) : NULL;
  f->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  for (int i = 0; i < CG_N_FIELDS; i++)
    {
      CgFormField *field = &f->fields[i];
      field->id = i;
      field->choice = field_info[i].choice;
      field->text = cg_text_field_new (field_info[i].max);
      field->value = i == CG_FIELD_HELPED ? 0 : -1;
    }
  int n;
  const CgFieldId *ids = order (kind, &n);
  for (int i = 0; i < n; i++)
    f->fields[ids[i]].shown = TRUE;
  f->focus = ids[0];
  if (kind == CG_FORM_CREATE)
    {
      cg_incident_form_set (f, CG_FIELD_STATUS, "new");
      if (kinds != NULL && kinds->len > 0)
        f->fields[CG_FIELD_KIND].value = 0;
    }
  if (inc != NULL)
    {
      f->incident_id = inc->id;
      f->code = g_strdup (inc->code);
      f->version = inc->version;
      if (kind == CG_FORM_EDIT)
        for (int i = 0; i < n; i++)
          {
            g_autofree char *v = incident_value (f, inc, ids[i]);
            cg_incident_form_set (f, ids[i], v);
            f->fields[ids[i]].original = g_steal_pointer (&v);
          }
      if (kind == CG_FORM_CLOSE)
        {
          cg_incident_form_set (f, CG_FIELD_OUTCOME, inc->outcome);
          g_autofree char *h = incident_value (f, inc, CG_FIELD_HELPED);
          cg_incident_form_set (f, CG_FIELD_HELPED, h);
        }
    }
  /* The cursor at the end of each text, as one expects in a form. */
  return f;
}

void
cg_incident_form_free (CgIncidentForm *f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < CG_N_FIELDS; i++)
    {
      cg_text_field_free (f->fields[i].text);
      g_free (f->fields[i].original);
      g_free (f->fields[i].error);
    }
  if (f->kinds != NULL)
    g_ptr_array_unref (f->kinds);
  if (f->tz != NULL)
    g_time_zone_unref (f->tz);
  g_free (f->code);
  g_free (f->error);
  g_free (f->conflict_by);
  g_free (f);
}

void
cg_incident_form_focus_next (CgIncidentForm *f, int dir)
{
  int n;
  const CgFieldId *ids = order (f->kind, &n);
  /* Positions 0..n-1 are the fields, n the save line. */
  int at = n;
  for (int i = 0; i < n; i++)
    if ((int) ids[i] == f->focus)
      at = i;
  at = (at + (dir >= 0 ? 1 : n)) % (n + 1);
  f->focus = at == n ? CG_N_FIELDS : (int) ids[at];
}

CgTextField *
cg_incident_form_focused_text (CgIncidentForm *f)
{
  if (f->focus < 0 || f->focus >= CG_N_FIELDS || f->fields[f->focus].choice)
    return NULL;
  return f->fields[f->focus].text;
}

/* ---- checking and the request ------------------------------------------------------ */

static void
field_error (CgIncidentForm *f, CgFieldId id, const char *message)
{
  CgFormField *field = &f->fields[id];
  if (field->error == NULL)
    field->error = g_strdup (message);
}

/* A time field: empty (FALSE, *us 0, no error when optional), or read. */
static gboolean
read_time (CgIncidentForm *f, CgFieldId id, gint64 now_us, gboolean required, gint64 *us)
{
  *us = 0;
  g_autofree char *text = cg_incident_form_value (f, id);
  g_strstrip (text);
  if (*text == '\0')
    {
      if (required)
        field_error (f, id, _("type a time: dd/mm HH:MM, HH:MM (today) or -15m"));
      return !required;
    }
  g_autoptr (GError) error = NULL;
  if (cg_time_input_parse (text, now_us, f->tz, us, &error))
    return TRUE;
  /* The log's dates may be days: from the start of the first to the end
   * of the last. */
  g_autofree char *iso = NULL;
  if (f->kind == CG_FORM_DATES && cg_date_parse (text, &iso, NULL))
    {
      int y = 0, m = 0, d = 0;
      sscanf (iso, "%d-%d-%d", &y, &m, &d);
      g_autoptr (GTimeZone) local = f->tz != NULL ? g_time_zone_ref (f->tz) : g_time_zone_new_local ();
      g_autoptr (GDateTime) day = g_date_time_new (local, y, m, d, 0, 0, 0);
      if (day != NULL)
        {
          g_autoptr (GDateTime) next = g_date_time_add_days (day, 1);
          *us = id == CG_FIELD_TO ? g_date_time_to_unix (next) * CG_USEC_PER_SEC - 1 : g_date_time_to_unix (day) * CG_USEC_PER_SEC;
          return TRUE;
        }
    }
  field_error (f, id, error->message);
  return FALSE;
}

static gboolean
phone_ok (const char *phone)
{
  for (const char *p = phone; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '+')
      return FALSE;
  return TRUE;
}

static void
check_text (CgIncidentForm *f, CgFieldId id, gboolean required, const char *missing)
{
  g_autofree char *text = cg_incident_form_value (f, id);
  g_strstrip (text);
  if (required && *text == '\0')
    field_error (f, id, missing);
  int max = id == CG_FIELD_DESCRIPTION ? CG_INCIDENT_DESCRIPTION_MAX : CG_INCIDENT_TEXT_MAX;
  if (g_utf8_strlen (text, -1) > max)
    {
      g_autofree char *m = g_strdup_printf (_("at most %d characters"), max);
      field_error (f, id, m);
    }
  if (id == CG_FIELD_PHONE && !phone_ok (text))
    field_error (f, id, _("a phone number is digits, spaces and +"));
}

/* The map position: empty (none), or X,Y as a camera's is written. */
static void
check_map (CgIncidentForm *f)
{
  g_autofree char *text = cg_incident_form_value (f, CG_FIELD_MAP);
  g_strstrip (text);
  int x = 0, y = 0;
  if (*text != '\0' && !cg_camera_map_parse (text, &x, &y, NULL))
    field_error (f, CG_FIELD_MAP, _("a map position is X,Y: two whole numbers, such as 40,12"));
}

static void
add_field (CgIncidentForm *f, JsonBuilder *b, CgFieldId id, gint64 from_us, gint64 to_us)
{
  const char *name = field_info[id].param;
  g_autofree char *v = cg_incident_form_value (f, id);
  switch (id)
    {
    case CG_FIELD_FROM:
      cg_json_add_time (b, name, from_us);
      return;
    case CG_FIELD_TO:
      cg_json_add_time (b, name, to_us);
      return;
    case CG_FIELD_HELPED:
      json_builder_set_member_name (b, name);
      if (*v == '\0')
        json_builder_add_null_value (b);
      else
        json_builder_add_boolean_value (b, g_str_equal (v, "yes"));
      return;
    case CG_FIELD_CAMERAS:
      {
        g_auto (GStrv) names = g_strsplit (v, ",", -1);
        json_builder_set_member_name (b, name);
        json_builder_begin_array (b);
        for (char **n = names; *n != NULL; n++)
          if (*g_strstrip (*n) != '\0')
            json_builder_add_string_value (b, *n);
        json_builder_end_array (b);
        return;
      }
    default:
      cg_json_add_string (b, name, g_strstrip (v));
      return;
    }
}

static gboolean
field_changed (const CgIncidentForm *f, CgFieldId id)
{
  g_autofree char *v = cg_incident_form_value (f, id);
  return g_strcmp0 (v, f->fields[id].original != NULL ? f->fields[id].original : "") != 0;
}

gboolean
cg_incident_form_check (CgIncidentForm *f, gint64 now_us, JsonNode **params, const char **method)
{
  for (int i = 0; i < CG_N_FIELDS; i++)
    g_clear_pointer (&f->fields[i].error, g_free);
  g_clear_pointer (&f->error, g_free);
  if (params != NULL)
    *params = NULL;
  if (method != NULL)
    *method = NULL;

  gint64 from_us = 0, to_us = 0;
  gboolean times = f->fields[CG_FIELD_FROM].shown;
  if (times)
    {
      gboolean required = f->kind != CG_FORM_DATES;
      gboolean a = read_time (f, CG_FIELD_FROM, now_us, required, &from_us);
      gboolean b = read_time (f, CG_FIELD_TO, now_us, required, &to_us);
      if (a && b && from_us > 0 && to_us > 0 && to_us < from_us)
        field_error (f, CG_FIELD_TO, _("the end is before the beginning"));
    }
  switch (f->kind)
    {
    case CG_FORM_CREATE:
    case CG_FORM_EDIT:
      if (choice_count (f, CG_FIELD_KIND) > 0 && f->fields[CG_FIELD_KIND].value < 0)
        field_error (f, CG_FIELD_KIND, _("choose a kind with ← →"));
      check_text (f, CG_FIELD_DESCRIPTION, TRUE, _("say what happened"));
      check_text (f, CG_FIELD_PLACE, FALSE, NULL);
      check_map (f);
      check_text (f, CG_FIELD_REPORTER, FALSE, NULL);
      check_text (f, CG_FIELD_PHONE, FALSE, NULL);
      if (f->kind == CG_FORM_EDIT)
        check_text (f, CG_FIELD_OUTCOME, FALSE, NULL);
      else
        check_text (f, CG_FIELD_CAMERAS, FALSE, NULL);
      break;
    case CG_FORM_CLOSE:
      check_text (f, CG_FIELD_OUTCOME, TRUE, _("say how it ended"));
      break;
    case CG_FORM_REOPEN:
      check_text (f, CG_FIELD_REASON, TRUE, _("say why it is reopened"));
      break;
    case CG_FORM_ATTACH:
      check_text (f, CG_FIELD_CAMERA, TRUE, _("type the camera's name"));
      break;
    case CG_FORM_DATES:
    default:
      break;
    }
  int n;
  const CgFieldId *ids = order (f->kind, &n);
  for (int i = 0; i < n; i++)
    if (f->fields[ids[i]].error != NULL)
      {
        f->focus = ids[i];
        return FALSE;
      }
  if (f->kind == CG_FORM_DATES)
    return TRUE;

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  const char *m = NULL;
  if (f->kind != CG_FORM_CREATE)
    {
      json_builder_set_member_name (b, "incident");
      json_builder_add_int_value (b, f->incident_id);
    }
  if (f->kind == CG_FORM_EDIT || f->kind == CG_FORM_CLOSE || f->kind == CG_FORM_REOPEN)
    {
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, f->version);
    }
  switch (f->kind)
    {
    case CG_FORM_CREATE: m = "incident.create"; break;
    case CG_FORM_EDIT: m = "incident.update"; break;
    case CG_FORM_CLOSE: m = "incident.close"; break;
    case CG_FORM_REOPEN: m = "incident.reopen"; break;
    case CG_FORM_ATTACH:
    default: m = "incident.attach"; break;
    }
  for (int i = 0; i < n; i++)
    {
      CgFieldId id = ids[i];
      g_autofree char *v = cg_incident_form_value (f, id);
      g_strstrip (v);
      if (f->kind == CG_FORM_EDIT && !field_changed (f, id))
        continue;
      /* Optional text left empty is not sent on a new incident. */
      if (f->kind == CG_FORM_CREATE && *v == '\0' && id != CG_FIELD_DESCRIPTION)
        continue;
      add_field (f, b, id, from_us, to_us);
    }
  json_builder_end_object (b);
  if (params != NULL)
    *params = json_builder_get_root (b);
  if (method != NULL)
    *method = m;
  return TRUE;
}

void
cg_incident_form_range (CgIncidentForm *f, gint64 now_us, gint64 *from_us, gint64 *to_us)
{
  if (!read_time (f, CG_FIELD_FROM, now_us, FALSE, from_us))
    *from_us = 0;
  if (!read_time (f, CG_FIELD_TO, now_us, FALSE, to_us))
    *to_us = 0;
}

/* ---- the daemon's answers ------------------------------------------------------- */

static const char *
data_string (JsonNode *data, const char *name)
{
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return NULL;
  JsonNode *n = json_object_get_member (json_node_get_object (data), name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

void
cg_incident_form_refused (CgIncidentForm *f, int code, const char *message, JsonNode *data)
{
  g_clear_pointer (&f->error, g_free);
  if (code == CG_RPC_VERSION_CONFLICT)
    {
      f->conflict = TRUE;
      g_free (f->conflict_by);
      f->conflict_by = g_strdup (data_string (data, "updated_by"));
      f->conflict_at_us = 0;
      const char *at = data_string (data, "updated");
      if (at != NULL)
        cg_time_parse (at, NULL, &f->conflict_at_us, NULL);
      f->conflict_version = 0;
      if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
        f->conflict_version = json_object_get_int_member_with_default (json_node_get_object (data),
                                                                         "version", 0);
      /* Said in the form's words when who and when are known. */
      if (f->conflict_by == NULL)
        f->error = g_strdup (message);
      return;
    }
  int id = cg_incident_field_by_param (data_string (data, "field"));
  /* "cameras" on the attach form is its camera, and the other way. */
  if (id == CG_FIELD_CAMERAS && !f->fields[id].shown)
    id = CG_FIELD_CAMERA;
  else if (id == CG_FIELD_CAMERA && !f->fields[id].shown)
    id = CG_FIELD_CAMERAS;
  /* An unknown camera without a field: the cameras typed. */
  if (id < 0 && code == -32002)
    id = f->fields[CG_FIELD_CAMERAS].shown ? CG_FIELD_CAMERAS
         : f->fields[CG_FIELD_CAMERA].shown ? CG_FIELD_CAMERA : -1;
  if (id >= 0 && f->fields[id].shown)
    {
      g_free (f->fields[id].error);
      f->fields[id].error = g_strdup (message);
      f->focus = id;
      return;
    }
  f->error = g_strdup (message);
}

char *
cg_incident_form_conflict_text (const CgIncidentForm *f)
{
  if (!f->conflict)
    return NULL;
  if (f->conflict_by == NULL)
    return g_strdup (_("Someone else changed this incident while you were editing it."));
  g_autofree char *at = f->conflict_at_us > 0 ? cg_time_format_local (f->conflict_at_us, f->tz)
                                              : g_strdup ("?");
  return g_strdup_printf (_("%s changed this incident at %s, while you were editing it. Nothing "
                            "of yours was saved; what you typed is still here."),
                          f->conflict_by, at);
}

int
cg_incident_form_reload (CgIncidentForm *f, const CgIncident *now)
{
  int both = 0;
  int n;
  const CgFieldId *ids = order (f->kind, &n);
  for (int i = 0; i < n; i++)
    {
      CgFieldId id = ids[i];
      CgFormField *field = &f->fields[id];
      g_autofree char *theirs = incident_value (f, now, id);
      if (f->kind == CG_FORM_EDIT)
        {
          if (!field_changed (f, id))
            cg_incident_form_set (f, id, theirs);
          else if (g_strcmp0 (theirs, field->original) != 0)
            both++;
          g_free (field->original);
          field->original = g_steal_pointer (&theirs);
        }
    }
  f->version = now->version;
  f->conflict = FALSE;
  g_clear_pointer (&f->conflict_by, g_free);
  g_clear_pointer (&f->error, g_free);
  return both;
}

gboolean
cg_incident_form_changed (const CgIncidentForm *f)
{
  int n;
  const CgFieldId *ids = order (f->kind, &n);
  for (int i = 0; i < n; i++)
    {
      const CgFormField *field = &f->fields[ids[i]];
      if (f->kind == CG_FORM_EDIT ? field_changed (f, ids[i])
          : !field->choice && *cg_text_field_text (field->text) != '\0')
        return TRUE;
    }
  return FALSE;
}
