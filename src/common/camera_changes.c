/* camera_changes.c — applying changes to a camera; a camera as JSON. */
#include "build-config.h"

#include "common/camera_changes.h"

#include "common/jsonrpc.h"
#include "common/timeutil.h"

static int
row_of (const char *json)
{
  const CgCameraField *f = cg_camera_field_find (json);
  g_assert (f != NULL);
  return (int) (f - cg_camera_fields);
}

const char *
cg_camera_changes_get (const CgCameraChanges *changes, const char *json)
{
  return changes->value[row_of (json)];
}

void
cg_camera_changes_set (CgCameraChanges *changes, const char *json, const char *value)
{
  changes->value[row_of (json)] = value;
}

void
cg_camera_changes_read (CgCameraChanges *changes, JsonObject *params)
{
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      if (f->type != CG_FIELD_BOOL)
        changes->value[i] = cg_rpc_param_string (params, f->json, NULL);
      else if (json_object_has_member (params, f->json)
               && !json_object_get_null_member (params, f->json))
        changes->value[i] = cg_rpc_param_bool (params, f->json, TRUE) ? "true" : "false";
    }
}

gboolean
cg_camera_apply (CgCamera *c, const CgCameraChanges *changes, GError **error)
{
  /* In the rows' order: the URL's login first, so that --user and
   * --password given beside it have the last word. */
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    if (changes->value[i] != NULL
        && !cg_camera_field_apply (&cg_camera_fields[i], c, changes->value[i], changes, error))
      return FALSE;
  return TRUE;
}

static void
member_text (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_time (JsonBuilder *b, const char *name, gint64 us)
{
  g_autofree char *iso = us > 0 ? cg_time_format_iso (us) : NULL;
  member_text (b, name, iso);
}

JsonNode *
cg_camera_to_json (const CgCamera *c, gboolean credentials)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  member_text (b, "name", c->name);
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    cg_camera_field_add_json (b, &cg_camera_fields[i], c, credentials);
  /* What everyone may know about the login: that there is one. */
  json_builder_set_member_name (b, "has_credentials");
  json_builder_add_boolean_value (b, c->username != NULL || c->password != NULL);
  member_time (b, "created", c->created_us);
  member_time (b, "updated", c->updated_us);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
