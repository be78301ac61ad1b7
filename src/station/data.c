/* data.c — the daemon's data for the station: connecting, refreshing,
 * notifications, and the visible cameras and selection made from them. */
#define G_LOG_DOMAIN "canhgac-station"
#include "build-config.h"

#include "station/data.h"

#include "common/alert.h"
#include "common/i18n.h"
#include "common/timeutil.h"

#include <string.h>

void
cg_station_camera_free (CgStationCamera *c)
{
  g_free (c->name);
  g_free (c->place);
  g_free (c->state);
  g_free (c->reason);
  g_free (c);
}

static gboolean
on_client_readable (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  CgStation *st = data;
  JsonNode *params = NULL;
  char *method;
  gboolean changed = FALSE;
  while ((method = cg_client_next_notification (st->client, 0, &params)) != NULL)
    {
      if (g_str_equal (method, "camera.state") && JSON_NODE_HOLDS_OBJECT (params))
        {
          JsonObject *o = json_node_get_object (params);
          const char *name = json_object_get_string_member_with_default (o, "name", "");
          for (guint i = 0; i < st->cameras->len; i++)
            {
              CgStationCamera *c = st->cameras->pdata[i];
              if (g_str_equal (c->name, name))
                {
                  g_free (c->state);
                  c->state = g_strdup (json_object_get_string_member_with_default (o, "state", "?"));
                  g_free (c->reason);
                  c->reason = g_strdup (json_object_get_string_member_with_default (o, "reason", ""));
                  changed = TRUE;
                }
            }
        }
      g_free (method);
      json_node_unref (params);
      params = NULL;
    }
  if (cond & (G_IO_HUP | G_IO_ERR))
    {
      st->client_watch = 0;
      cg_station_disconnect (st, _("the connection to canhgacd was closed"));
      cg_station_redraw (st);
      return G_SOURCE_REMOVE;
    }
  if (changed)
    cg_station_changed (st);
  return G_SOURCE_CONTINUE;
}

void
cg_station_disconnect (CgStation *st, const char *why)
{
  if (st->client_watch != 0)
    {
      g_source_remove (st->client_watch);
      st->client_watch = 0;
    }
  g_clear_pointer (&st->client, cg_client_free);
  st->stale = TRUE;
  g_free (st->problem);
  st->problem = g_strdup (why);
}

static gboolean
try_connect (CgStation *st)
{
  g_autoptr (GError) error = NULL;
  CgClient *client = cg_client_connect (st->config->socket_path, &error);
  if (client == NULL)
    {
      cg_station_disconnect (st, error->message);
      return FALSE;
    }
  st->client = client;
  g_autoptr (JsonNode) hello = cg_client_call (client, "hello", NULL, NULL, &error);
  if (hello == NULL)
    {
      cg_station_disconnect (st, error->message);
      return FALSE;
    }
  JsonObject *h = json_node_get_object (hello);
  g_free (st->user);
  g_free (st->role);
  st->user = g_strdup (json_object_get_string_member_with_default (h, "user", "?"));
  st->role = g_strdup (json_object_get_string_member_with_default (h, "role", "?"));
  g_autoptr (JsonNode) topics = json_from_string ("{\"topics\": [\"cameras\"]}", NULL);
  g_autoptr (JsonNode) ok = cg_client_call (client, "subscribe", topics, NULL, &error);
  if (ok == NULL)
    {
      cg_station_disconnect (st, error->message);
      return FALSE;
    }
  GIOChannel *ch = g_io_channel_unix_new (cg_client_fd (client));
  st->client_watch = g_io_add_watch (ch, G_IO_IN | G_IO_HUP | G_IO_ERR, on_client_readable, st);
  g_io_channel_unref (ch);
  return TRUE;
}

static const char *
member_string (JsonObject *o, const char *name)
{
  return json_object_get_string_member_with_default (o, name, "");
}

/* Days kept per camera and the storage alerts, every 10 s: they change
 * slowly and cost the daemon more than the status. */
static void
refresh_storage (CgStation *st)
{
  gint64 now = cg_time_now_us ();
  if (now - st->storage_us < 10 * CG_USEC_PER_SEC || st->client == NULL)
    return;
  st->storage_us = now;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "storage.status", NULL, NULL, NULL);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    return;
  JsonObject *o = json_node_get_object (r);
  g_hash_table_remove_all (st->days_kept);
  JsonArray *cams = json_object_get_array_member (o, "cameras");
  for (guint i = 0; cams != NULL && i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      double *days = g_new (double, 1);
      *days = json_object_get_double_member_with_default (c, "days_kept", -1);
      g_hash_table_insert (st->days_kept, g_strdup (member_string (c, "name")), days);
    }
  g_clear_pointer (&st->storage_alert, g_free);
  JsonArray *alerts = json_object_get_array_member (o, "alerts");
  if (alerts != NULL && json_array_get_length (alerts) > 0)
    st->storage_alert = cg_alert_describe (json_array_get_object_element (alerts, 0));
}


/* Asks for the cameras and their status; keeps the old data on failure. */
void
cg_station_refresh (CgStation *st)
{
  if (st->client == NULL && !try_connect (st))
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) list = cg_client_call (st->client, "camera.list", NULL, NULL, &error);
  g_autoptr (JsonNode) status = list != NULL ? cg_client_call (st->client, "status", NULL, NULL, &error) : NULL;
  if (status == NULL)
    {
      cg_station_disconnect (st, error->message);
      return;
    }
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *cams = json_object_get_array_member (json_node_get_object (list), "cameras");
  for (guint i = 0; i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      g_hash_table_insert (map, (gpointer) member_string (c, "name"), c);
    }
  GPtrArray *fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_station_camera_free);
  JsonObject *so = json_node_get_object (status);
  JsonArray *rows = json_object_get_array_member (so, "cameras");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *r = json_array_get_object_element (rows, i);
      CgStationCamera *c = g_new0 (CgStationCamera, 1);
      c->name = g_strdup (member_string (r, "name"));
      c->place = g_strdup (member_string (r, "place"));
      c->state = g_strdup (member_string (r, "state"));
      c->reason = g_strdup (member_string (r, "reason"));
      c->bitrate = json_object_get_int_member_with_default (r, "bitrate", 0);
      c->fps = json_object_get_double_member_with_default (r, "fps", 0);
      c->reconnects = json_object_get_int_member_with_default (r, "reconnects", 0);
      c->uptime_24h = json_object_get_double_member_with_default (r, "uptime_24h", 0);
      JsonNode *kf = json_object_get_member (r, "keyframe_interval_ms");
      c->keyframe_interval_ms = kf != NULL && !JSON_NODE_HOLDS_NULL (kf) ? json_node_get_int (kf) : 0;
      JsonNode *age = json_object_get_member (r, "last_frame_age");
      c->last_frame_age = age != NULL && !JSON_NODE_HOLDS_NULL (age) ? json_node_get_double (age) : -1;
      JsonObject *cam = g_hash_table_lookup (map, c->name);
      JsonArray *pos = cam != NULL && json_object_has_member (cam, "map")
                           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (cam, "map"))
                         ? json_object_get_array_member (cam, "map") : NULL;
      if (pos != NULL && json_array_get_length (pos) == 2)
        {
          c->has_map = TRUE;
          c->map_x = (int) json_array_get_int_element (pos, 0);
          c->map_y = (int) json_array_get_int_element (pos, 1);
        }
      g_ptr_array_add (fresh, c);
    }
  g_hash_table_destroy (map);
  refresh_storage (st);
  for (guint i = 0; i < fresh->len; i++)
    {
      CgStationCamera *c = fresh->pdata[i];
      double *days = g_hash_table_lookup (st->days_kept, c->name);
      c->days_kept = days != NULL ? *days : -1;
    }
  JsonObject *storage = json_object_get_object_member (so, "storage");
  st->recordings_bytes = json_object_get_int_member_with_default (storage, "recordings_bytes", 0);
  st->free_bytes = json_object_get_int_member_with_default (storage, "free_bytes", 0);
  g_ptr_array_unref (st->cameras);
  st->cameras = fresh;
  st->updated_us = cg_time_now_us ();
  st->stale = FALSE;
  g_clear_pointer (&st->problem, g_free);
}

GPtrArray *
cg_station_visible (CgStation *st)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autofree char *needle = st->filter != NULL && *st->filter != '\0'
                              ? g_utf8_casefold (st->filter, -1) : NULL;
  for (guint i = 0; i < st->cameras->len; i++)
    {
      CgStationCamera *c = st->cameras->pdata[i];
      if (needle != NULL)
        {
          g_autofree char *name = g_utf8_casefold (c->name, -1);
          g_autofree char *place = g_utf8_casefold (c->place, -1);
          g_autofree char *n1 = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
          g_autofree char *n2 = g_utf8_normalize (place, -1, G_NORMALIZE_NFC);
          g_autofree char *n3 = g_utf8_normalize (needle, -1, G_NORMALIZE_NFC);
          if (strstr (n1, n3) == NULL && strstr (n2, n3) == NULL)
            continue;
        }
      g_ptr_array_add (out, c);
    }
  return out;
}

CgStationCamera *
cg_station_selected (CgStation *st, GPtrArray *visible)
{
  for (guint i = 0; i < visible->len; i++)
    {
      CgStationCamera *c = visible->pdata[i];
      if (g_strcmp0 (c->name, st->selected) == 0)
        return c;
    }
  if (visible->len == 0)
    return NULL;
  cg_station_select (st, visible->pdata[0]);
  return visible->pdata[0];
}

void
cg_station_select (CgStation *st, CgStationCamera *camera)
{
  g_free (st->selected);
  st->selected = camera != NULL ? g_strdup (camera->name) : NULL;
}
