/* camera_changes.c — applying changes to a camera; a camera as JSON. */
#include "build-config.h"

#include "common/camera_changes.h"

#include "common/config.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"

#include <string.h>

static void
set_field (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL;
}

/* A per-camera [storage] override: a duration, bare numbers in days,
 * from an hour to ten years; "" returns to the configured default. */
static gboolean
days_override (const char *text, const char *what, gint64 *out, GError **error)
{
  gint64 us = 0;
  if (text == NULL)
    return TRUE;
  if (*text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  const gint64 hour = G_GINT64_CONSTANT (3600000000), day = 24 * hour;
  if (!cg_parse_duration (text, day, &us) || us < hour || us > 3650 * day)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("%s: '%s' is not a duration from 1h to 3650d, such as 7d or 12h"), what, text);
      return FALSE;
    }
  *out = us;
  return TRUE;
}

gboolean
cg_camera_apply (CgCamera *c, const CgCameraChanges *o, GError **error)
{
  if (o->url != NULL)
    {
      g_autofree char *url = NULL, *user = NULL, *pass = NULL;
      if (!cg_camera_url_parse (o->url, &url, &user, &pass, error))
        return FALSE;
      if ((o->user != NULL && user != NULL && strcmp (o->user, user) != 0)
          || (o->password != NULL && pass != NULL && strcmp (o->password, pass) != 0))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                       _("the URL holds a user name or password different from "
                         "--user/--password; give them only once"));
          return FALSE;
        }
      set_field (&c->url, url);
      /* A new address without credentials keeps the old ones: the camera
       * moved, its login did not. */
      set_field (&c->username, user);
      set_field (&c->password, pass);
    }
  set_field (&c->username, o->user);
  set_field (&c->password, o->password);
  set_field (&c->substream_url, o->substream);
  set_field (&c->place, o->place);
  set_field (&c->host_name, o->host_name);
  set_field (&c->host_phone, o->host_phone);
  set_field (&c->power_by, o->power_by);
  set_field (&c->network_by, o->network_by);
  set_field (&c->installed_on, o->installed);
  if (o->map != NULL)
    {
      if (*o->map == '\0' || g_ascii_strcasecmp (o->map, "none") == 0)
        c->has_map = FALSE;
      else if (cg_camera_map_parse (o->map, &c->map_x, &c->map_y, error))
        c->has_map = TRUE;
      else
        return FALSE;
    }
  if (o->transport != NULL && !cg_transport_from_string (o->transport, &c->transport))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE, _("--transport must be tcp or udp, not '%s'"),
                   o->transport);
      return FALSE;
    }
  if (o->funding != NULL && !cg_funding_from_string (o->funding, &c->funding))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("--funding must be budget (bought by the commune) or "
                     "community (donated or hosted), not '%s'"), o->funding);
      return FALSE;
    }
  if (o->motion_sensitivity != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (o->motion_sensitivity, &end);
      if (*o->motion_sensitivity == '\0')
        c->motion_sensitivity = -1;
      else if (end == o->motion_sensitivity || *end != '\0' || !(v >= 0 && v <= 1))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                       _("the motion sensitivity is a number from 0 (least) to 1 (most), not '%s'"),
                       o->motion_sensitivity);
          return FALSE;
        }
      else
        c->motion_sensitivity = v;
    }
  set_field (&c->motion_mask, o->motion_mask);
  if (!days_override (o->full_rate_days, "full_rate_days", &c->full_rate_us, error)
      || !days_override (o->retention_days, "retention_days", &c->retention_target_us, error))
    return FALSE;
  if (o->enabled >= 0)
    c->enabled = o->enabled != 0;
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
  g_autofree char *url = cg_url_mask (c->url);
  g_autofree char *sub = c->substream_url != NULL ? cg_url_mask (c->substream_url) : NULL;
  json_builder_begin_object (b);
  member_text (b, "name", c->name);
  member_text (b, "url", url);
  member_text (b, "substream_url", sub);
  member_text (b, "transport", cg_transport_to_string (c->transport));
  json_builder_set_member_name (b, "enabled");
  json_builder_add_boolean_value (b, c->enabled);
  member_text (b, "place", c->place);
  json_builder_set_member_name (b, "map");
  if (c->has_map)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, c->map_x);
      json_builder_add_int_value (b, c->map_y);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  member_text (b, "funding", cg_funding_to_string (c->funding));
  member_text (b, "host_name", c->host_name);
  member_text (b, "host_phone", c->host_phone);
  member_text (b, "power_by", c->power_by);
  member_text (b, "network_by", c->network_by);
  member_text (b, "installed", c->installed_on);
  json_builder_set_member_name (b, "motion_sensitivity");
  if (c->motion_sensitivity >= 0)
    json_builder_add_double_value (b, c->motion_sensitivity);
  else
    json_builder_add_null_value (b);
  member_text (b, "motion_mask", c->motion_mask);
  json_builder_set_member_name (b, "full_rate_days");
  if (c->full_rate_us > 0)
    json_builder_add_double_value (b, (double) c->full_rate_us / 86400e6);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "retention_days");
  if (c->retention_target_us > 0)
    json_builder_add_double_value (b, (double) c->retention_target_us / 86400e6);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "has_credentials");
  json_builder_add_boolean_value (b, c->username != NULL || c->password != NULL);
  if (credentials)
    {
      member_text (b, "user", c->username);
      member_text (b, "password", c->password);
    }
  member_time (b, "created", c->created_us);
  member_time (b, "updated", c->updated_us);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
