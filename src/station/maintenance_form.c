/* maintenance_form.c — the F8 form of a maintenance entry (see the header). */
#include "build-config.h"

#include "station/maintenance_form.h"

#include "common/i18n.h"
#include "common/maintenance.h"
#include "common/timeutil.h"
#include "client/maintenance.h"
#include "station/time_input.h"

static const struct {
  CgMaintFieldId id;
  const char *param;
  const char *label; /* N_() */
  int max;
} specs[] = {
  { CG_MFIELD_KIND, "kind", N_("Kind"), 0 },
  { CG_MFIELD_AT, "at", N_("When (empty: now)"), 40 },
  { CG_MFIELD_COST, "cost", N_("Cost (đồng)"), 20 },
  { CG_MFIELD_NOTE, "note", N_("What was found or done"), CG_MAINT_NOTE_MAX },
  { CG_MFIELD_OLD_SERIAL, "old_serial", N_("Serial number taken off"), CG_MAINT_SERIAL_MAX },
  { CG_MFIELD_NEW_SERIAL, "new_serial", N_("Serial number put up"), CG_MAINT_SERIAL_MAX },
};

CgMaintForm *
cg_maint_form_new (const char *camera, GTimeZone *tz)
{
  CgMaintForm *f = g_new0 (CgMaintForm, 1);
  f->camera = g_strdup (camera);
  f->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  for (int i = CG_MFIELD_AT; i < CG_N_MFIELDS; i++)
    f->fields[i].text = cg_text_field_new (specs[i].max);
  f->focus = CG_MFIELD_KIND;
  return f;
}

void
cg_maint_form_free (CgMaintForm *f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < CG_N_MFIELDS; i++)
    {
      if (f->fields[i].text != NULL)
        cg_text_field_free (f->fields[i].text);
      g_free (f->fields[i].error);
    }
  if (f->tz != NULL)
    g_time_zone_unref (f->tz);
  g_free (f->camera);
  g_free (f->error);
  g_free (f);
}

const char *
cg_maint_form_kind (const CgMaintForm *f)
{
  return cg_maintenance_kinds[f->kind];
}

static gboolean
is_replace (const CgMaintForm *f)
{
  return g_str_equal (cg_maint_form_kind (f), CG_MAINT_REPLACE);
}

const CgMaintFieldId *
cg_maint_form_fields (const CgMaintForm *f, int *n)
{
  static const CgMaintFieldId all[] = { CG_MFIELD_KIND, CG_MFIELD_AT, CG_MFIELD_COST,
                                        CG_MFIELD_NOTE, CG_MFIELD_OLD_SERIAL,
                                        CG_MFIELD_NEW_SERIAL };
  *n = is_replace (f) ? 6 : 4;
  return all;
}

const char *
cg_maint_field_label (CgMaintFieldId id)
{
  return _(specs[id].label);
}

void
cg_maint_form_choose (CgMaintForm *f, int dir)
{
  int n = (int) g_strv_length ((char **) cg_maintenance_kinds);
  f->kind = (f->kind + (dir < 0 ? n - 1 : 1)) % n;
  g_clear_pointer (&f->fields[CG_MFIELD_KIND].error, g_free);
}

void
cg_maint_form_set (CgMaintForm *f, CgMaintFieldId id, const char *text)
{
  if (f->fields[id].text != NULL)
    cg_text_field_set_text (f->fields[id].text, text);
}

void
cg_maint_form_focus_next (CgMaintForm *f, int dir)
{
  int n;
  cg_maint_form_fields (f, &n);
  /* Fields 0..n-1 in order, then the save line. */
  int at = f->focus >= n ? n : f->focus;
  at = (at + (dir >= 0 ? 1 : n)) % (n + 1);
  f->focus = at == n ? CG_N_MFIELDS : at;
}

CgTextField *
cg_maint_form_focused_text (CgMaintForm *f)
{
  if (f->focus <= CG_MFIELD_KIND || f->focus >= CG_N_MFIELDS)
    return NULL;
  return f->fields[f->focus].text;
}

gboolean
cg_maint_form_changed (const CgMaintForm *f)
{
  if (f->kind != 0)
    return TRUE;
  for (int i = CG_MFIELD_AT; i < CG_N_MFIELDS; i++)
    if (cg_text_field_length (f->fields[i].text) > 0)
      return TRUE;
  return FALSE;
}

static void
field_error (CgMaintForm *f, CgMaintFieldId id, const char *message)
{
  g_free (f->fields[id].error);
  f->fields[id].error = g_strdup (message);
}

static char *
text_of (CgMaintForm *f, CgMaintFieldId id)
{
  return g_strstrip (g_strdup (cg_text_field_text (f->fields[id].text)));
}

gboolean
cg_maint_form_check (CgMaintForm *f, gint64 now_us, JsonNode **params)
{
  *params = NULL;
  g_clear_pointer (&f->error, g_free);
  for (int i = 0; i < CG_N_MFIELDS; i++)
    g_clear_pointer (&f->fields[i].error, g_free);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, f->camera);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, cg_maint_form_kind (f));

  g_autofree char *at = text_of (f, CG_MFIELD_AT);
  if (*at != '\0')
    {
      gint64 us = 0;
      g_autoptr (GError) error = NULL;
      if (!cg_time_input_parse (at, now_us, f->tz, &us, &error))
        field_error (f, CG_MFIELD_AT, error->message);
      else if (us > now_us)
        field_error (f, CG_MFIELD_AT, _("that is in the future: give when it happened"));
      else
        {
          g_autofree char *iso = cg_time_format_iso (us);
          json_builder_set_member_name (b, "at");
          json_builder_add_string_value (b, iso);
        }
    }
  g_autofree char *cost = text_of (f, CG_MFIELD_COST);
  if (*cost != '\0')
    {
      gint64 dong = 0;
      if (!cg_parse_dong (cost, &dong))
        field_error (f, CG_MFIELD_COST, _("a whole number of đồng, such as 350000 or 350.000"));
      else
        {
          json_builder_set_member_name (b, "cost");
          json_builder_add_int_value (b, dong);
        }
    }
  int n;
  cg_maint_form_fields (f, &n);
  for (int i = CG_MFIELD_NOTE; i < n; i++)
    {
      g_autofree char *text = text_of (f, i);
      if (*text == '\0')
        continue;
      json_builder_set_member_name (b, specs[i].param);
      json_builder_add_string_value (b, text);
    }
  json_builder_end_object (b);
  for (int i = 0; i < CG_N_MFIELDS; i++)
    if (f->fields[i].error != NULL)
      {
        f->focus = i;
        return FALSE;
      }
  *params = json_builder_get_root (b);
  return TRUE;
}

void
cg_maint_form_refused (CgMaintForm *f, int code, const char *message, JsonNode *data)
{
  (void) code;
  g_clear_pointer (&f->error, g_free);
  const char *field = NULL;
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    field = json_object_get_string_member_with_default (json_node_get_object (data), "field", NULL);
  int n;
  cg_maint_form_fields (f, &n);
  for (int i = 0; field != NULL && i < n; i++)
    if (g_str_equal (specs[i].param, field))
      {
        field_error (f, i, message);
        f->focus = i;
        return;
      }
  f->error = g_strdup (message);
}
