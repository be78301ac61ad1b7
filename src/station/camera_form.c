/* camera_form.c — a camera's inventory form without the drawing
 * (camera_form.h).  Pure. */
#include "build-config.h"

#include "station/camera_form.h"

#include "common/camera_changes.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"

#include <string.h>

static gboolean
is_choice (const CgCameraField *row)
{
  return row->type == CG_FIELD_CHOICE;
}

static int
choice_count (const CgCameraField *row)
{
  int n = 0;
  while (row->choices[n].name != NULL)
    n++;
  return n;
}

/* The index of the choice called name (or labelled so), or of the
 * unsaid one ("") when none is. */
static int
choice_index (const CgCameraField *row, const char *name)
{
  g_autofree char *canonical = cg_camera_field_canonical (row, name != NULL ? name : "");
  int unsaid = 0;
  for (int i = 0; row->choices[i].name != NULL; i++)
    {
      if (g_str_equal (row->choices[i].name, canonical))
        return i;
      if (*row->choices[i].name == '\0')
        unsaid = i;
    }
  return unsaid;
}

static char *
replace (const char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);
  return g_strjoinv (to, parts);
}

CgCameraForm *
cg_camera_form_new (JsonObject *camera)
{
  CgCameraForm *f = g_new0 (CgCameraForm, 1);
  f->camera = g_strdup (cg_rpc_param_string (camera, "name", ""));
  f->fields = g_new0 (CgCameraFormField, CG_CAMERA_N_FIELDS);
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *row = &cg_camera_fields[i];
      if (!(row->flags & CG_FIELD_INVENTORY))
        continue;
      CgCameraFormField *field = &f->fields[f->n_fields++];
      field->row = row;
      if (is_choice (row))
        {
          field->value = choice_index (row, cg_rpc_param_string (camera, row->json, ""));
          field->original = g_strdup (row->choices[field->value].name);
          continue;
        }
      gboolean notes = g_str_equal (row->json, "notes");
      field->text = cg_text_field_new (notes ? CG_CAMERA_NOTES_MAX_CHARS : CG_CAMERA_TEXT_MAX_CHARS);
      g_autofree char *shown = cg_camera_field_show (row, camera);
      g_autofree char *one_line = replace (shown != NULL ? shown : "", "\n", CG_CAMERA_FORM_NEWLINE);
      cg_text_field_set_text (field->text, one_line);
      field->original = g_strdup (cg_text_field_text (field->text));
    }
  return f;
}

void
cg_camera_form_free (CgCameraForm *f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < f->n_fields; i++)
    {
      cg_text_field_free (f->fields[i].text);
      g_free (f->fields[i].original);
      g_free (f->fields[i].error);
    }
  g_free (f->fields);
  g_free (f->camera);
  g_free (f->error);
  g_free (f);
}

int
cg_camera_form_find (const CgCameraForm *f, const char *json)
{
  for (int i = 0; json != NULL && i < f->n_fields; i++)
    if (g_str_equal (f->fields[i].row->json, json))
      return i;
  return -1;
}

char *
cg_camera_form_label (const CgCameraForm *f, int i)
{
  char *label = g_strdup (_(f->fields[i].row->label));
  gsize len = strlen (label);
  if (len > 0 && label[len - 1] == ':')
    label[len - 1] = '\0';
  return label;
}

void
cg_camera_form_set (CgCameraForm *f, int i, const char *text)
{
  CgCameraFormField *field = &f->fields[i];
  if (field->text == NULL)
    field->value = choice_index (field->row, text);
  else
    cg_text_field_set_text (field->text, text != NULL ? text : "");
  g_clear_pointer (&field->error, g_free);
}

char *
cg_camera_form_value (const CgCameraForm *f, int i)
{
  const CgCameraFormField *field = &f->fields[i];
  if (field->text == NULL)
    return g_strdup (field->row->choices[field->value].name);
  g_autofree char *text = g_strstrip (g_strdup (cg_text_field_text (field->text)));
  return replace (text, CG_CAMERA_FORM_NEWLINE, "\n");
}

const char *
cg_camera_form_choice_label (const CgCameraForm *f, int i)
{
  const CgFieldChoice *c = &f->fields[i].row->choices[f->fields[i].value];
  if (*c->name == '\0')
    return _("not said");
  return c->label != NULL ? _(c->label) : c->name;
}

void
cg_camera_form_choose (CgCameraForm *f, int i, int dir)
{
  CgCameraFormField *field = &f->fields[i];
  if (field->text != NULL)
    return;
  int n = choice_count (field->row);
  field->value = (field->value + (dir >= 0 ? 1 : n - 1)) % n;
  g_clear_pointer (&field->error, g_free);
}

void
cg_camera_form_focus_next (CgCameraForm *f, int dir)
{
  f->focus = (f->focus + (dir >= 0 ? 1 : f->n_fields)) % (f->n_fields + 1);
}

CgTextField *
cg_camera_form_focused_text (CgCameraForm *f)
{
  return f->focus >= 0 && f->focus < f->n_fields ? f->fields[f->focus].text : NULL;
}

static gboolean
field_changed (const CgCameraForm *f, int i)
{
  const CgCameraFormField *field = &f->fields[i];
  if (field->text == NULL)
    return g_strcmp0 (field->row->choices[field->value].name, field->original) != 0;
  return g_strcmp0 (cg_text_field_text (field->text), field->original) != 0;
}

gboolean
cg_camera_form_changed (const CgCameraForm *f)
{
  for (int i = 0; i < f->n_fields; i++)
    if (field_changed (f, i))
      return TRUE;
  return FALSE;
}

/* The message goes to the field named, with the focus; else the form's. */
static void
put_error (CgCameraForm *f, const char *json, const char *message)
{
  int i = cg_camera_form_find (f, json);
  if (i < 0)
    {
      g_free (f->error);
      f->error = g_strdup (message);
      return;
    }
  g_free (f->fields[i].error);
  f->fields[i].error = g_strdup (message);
  f->focus = i;
}

gboolean
cg_camera_form_check (CgCameraForm *f, JsonNode **params)
{
  *params = NULL;
  g_clear_pointer (&f->error, g_free);
  for (int i = 0; i < f->n_fields; i++)
    g_clear_pointer (&f->fields[i].error, g_free);
  /* The whole inventory as it would be after the save, on a camera that
   * has nothing else: the daemon's rules see the fields together (the
   * warranty against the install date, the donor against the funding). */
  g_autoptr (CgCamera) scratch = cg_camera_new ();
  scratch->name = g_strdup ("x");
  scratch->url = g_strdup ("rtsp://127.0.0.1/x");
  CgCameraChanges none = CG_CAMERA_CHANGES_INIT;
  for (int i = 0; i < f->n_fields; i++)
    {
      g_autofree char *value = cg_camera_form_value (f, i);
      g_autoptr (GError) error = NULL;
      if (!cg_camera_field_apply (f->fields[i].row, scratch, value, &none, &error))
        {
          put_error (f, f->fields[i].row->json, error->message);
          return FALSE;
        }
    }
  g_autoptr (GError) error = NULL;
  if (!cg_camera_normalize (scratch, &error))
    {
      JsonObject *data = cg_error_get_data (error);
      put_error (f, data != NULL ? cg_rpc_param_string (data, "field", NULL) : NULL,
                 error->message);
      return FALSE;
    }
  if (!cg_camera_form_changed (f))
    return TRUE;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, f->camera);
  for (int i = 0; i < f->n_fields; i++)
    if (field_changed (f, i))
      {
        g_autofree char *value = cg_camera_form_value (f, i);
        cg_camera_field_add_param (b, f->fields[i].row, value);
      }
  json_builder_end_object (b);
  *params = json_builder_get_root (b);
  return TRUE;
}

void
cg_camera_form_refused (CgCameraForm *f, const char *message, JsonNode *data)
{
  const char *field = NULL;
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    field = cg_rpc_param_string (json_node_get_object (data), "field", NULL);
  put_error (f, field, message);
}
