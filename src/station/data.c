/* data.c — the daemon's data for the station: connecting, refreshing,
 * notifications, fed to the model (model.c), and the visible cameras and
 * selection made from it. */
#define G_LOG_DOMAIN "canhgac-station"
#include "build-config.h"

#include "station/data.h"

#include "common/i18n.h"
#include "common/timeutil.h"

#include <curses.h>

/* A new alarm: the bell, unless [station] bell keeps it quiet now. */
static void
ring (CgStation *st)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  if (cg_alarms_bell_at (&st->config->bell, g_date_time_get_hour (now)))
    beep ();
}

/* The active alarms, at each connection: what came while away. */
static void
list_alarms (CgStation *st)
{
  g_autoptr (JsonNode) r = cg_client_call (st->client, "alarm.list", NULL, NULL, NULL);
  if (r != NULL && JSON_NODE_HOLDS_OBJECT (r))
    cg_alarms_take_list (st->alarms, json_node_get_object (r));
}

/* Notifications queued or waiting on the socket; TRUE when one changed
 * what the screens show. */
static gboolean
take_notifications (CgStation *st)
{
  JsonNode *params = NULL;
  char *method;
  gboolean changed = FALSE;
  while ((method = cg_client_next_notification (st->client, 0, &params)) != NULL)
    {
      if (g_str_equal (method, "camera.state") && JSON_NODE_HOLDS_OBJECT (params))
        {
          /* F8's suggestions follow the cameras' states. */
          st->cameras_serial++;
          changed |= cg_model_take_state (st->model, json_node_get_object (params));
        }
      else if (g_str_equal (method, "alarm.changed") && JSON_NODE_HOLDS_OBJECT (params))
        {
          if (cg_alarms_take (st->alarms, json_node_get_object (params)))
            ring (st);
          changed = TRUE;
        }
      else if (g_str_equal (method, "incident.changed"))
        {
          /* Saved here or on another station: F5 lists again now. */
          st->incidents_serial++;
          changed = TRUE;
        }
      g_free (method);
      json_node_unref (params);
      params = NULL;
    }
  return changed;
}

/* Notifications that came in while a call waited for its reply stay in
 * the client's queue, where the socket's watch does not see them: the
 * loop looks every second. */
void
cg_station_take_notifications (CgStation *st)
{
  if (st->client != NULL && take_notifications (st))
    cg_station_changed (st);
}

static gboolean
on_client_readable (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  CgStation *st = data;
  gboolean changed = take_notifications (st);
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
  /* The cameras stay, their states unknown, until it answers again. */
  if (why != NULL)
    cg_model_lost (st->model, why);
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
  /* Asked on its own: a daemon without the incident log refuses the
   * topic, and the cameras must not suffer for it. */
  g_autoptr (JsonNode) incidents = json_from_string ("{\"topics\": [\"incidents\"]}", NULL);
  g_autoptr (JsonNode) ok_incidents = cg_client_call (client, "subscribe", incidents, NULL, NULL);
  g_autoptr (JsonNode) alarms = json_from_string ("{\"topics\": [\"alarms\"]}", NULL);
  g_autoptr (JsonNode) ok_alarms = cg_client_call (client, "subscribe", alarms, NULL, NULL);
  if (ok_alarms != NULL)
    list_alarms (st);
  GIOChannel *ch = g_io_channel_unix_new (cg_client_fd (client));
  st->client_watch = g_io_add_watch (ch, G_IO_IN | G_IO_HUP | G_IO_ERR, on_client_readable, st);
  g_io_channel_unref (ch);
  return TRUE;
}

/* Days kept per camera, every 10 s: they change slowly and cost the
 * daemon more than the status. */
static void
refresh_storage (CgStation *st)
{
  gint64 now = cg_time_now_us ();
  if (now - st->storage_us < 10 * CG_USEC_PER_SEC || st->client == NULL)
    return;
  st->storage_us = now;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "storage.status", NULL, NULL, NULL);
  if (r != NULL && JSON_NODE_HOLDS_OBJECT (r))
    cg_model_take_storage (st->model, json_node_get_object (r));
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
  if (!JSON_NODE_HOLDS_OBJECT (list) || !JSON_NODE_HOLDS_OBJECT (status))
    {
      cg_station_disconnect (st, _("canhgacd answered something this station cannot read"));
      return;
    }
  refresh_storage (st);
  cg_model_take_status (st->model, json_node_get_object (list), json_node_get_object (status),
                        cg_time_now_us ());
}

GPtrArray *
cg_station_visible (CgStation *st)
{
  return cg_model_visible (st->model, st->filter, CG_SORT_NAME);
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
