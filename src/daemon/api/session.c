/* api/session.c — hello, subscribe, unsubscribe. */
#include "build-config.h"

#include "daemon/api/api.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/server.h"

static JsonNode *
hello (CgApiCall *call, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, call->user);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, cg_role_name (call->role));
  g_autofree char *now = cg_time_format_iso (cg_time_now_us ());
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, now);
  g_autofree char *since = cg_time_format_iso (call->api->started_us);
  json_builder_set_member_name (b, "started");
  json_builder_add_string_value (b, since);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* "cameras", "alerts", "thumbnails", "motion", "incidents", "alarms"; 0 when
 * unknown. */
static CgTopic
topic_from_name (const char *name)
{
  if (g_strcmp0 (name, "cameras") == 0)
    return CG_TOPIC_CAMERAS;
  if (g_strcmp0 (name, "alerts") == 0)
    return CG_TOPIC_ALERTS;
  if (g_strcmp0 (name, "thumbnails") == 0)
    return CG_TOPIC_THUMBNAILS;
  if (g_strcmp0 (name, "motion") == 0)
    return CG_TOPIC_MOTION;
  if (g_strcmp0 (name, "incidents") == 0)
    return CG_TOPIC_INCIDENTS;
  if (g_strcmp0 (name, "alarms") == 0)
    return CG_TOPIC_ALARMS;
  return 0;
}

static gboolean
read_topics (CgApiCall *call, CgTopic *topics, GError **error)
{
  *topics = 0;
  JsonArray *arr = json_object_get_array_member (call->params, "topics");
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      const char *name = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
                           ? json_node_get_string (n) : NULL;
      CgTopic t = topic_from_name (name);
      if (t == 0)
        {
          cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS,
                             N_("params: unknown topic “%s”; topics are cameras, alerts, "
                                "thumbnails, motion, incidents, alarms"),
                             name != NULL ? name : "?");
          return FALSE;
        }
      *topics |= t;
    }
  return TRUE;
}

static JsonNode *
subscribe (CgApiCall *call, GError **error)
{
  CgTopic topics;
  if (!read_topics (call, &topics, error))
    return NULL;
  cg_server_subscribe (call->api->server, call->peer, topics, TRUE);
  return json_node_init_boolean (json_node_alloc (), TRUE);
}

static JsonNode *
unsubscribe (CgApiCall *call, GError **error)
{
  CgTopic topics;
  if (!read_topics (call, &topics, error))
    return NULL;
  cg_server_subscribe (call->api->server, call->peer, topics, FALSE);
  return json_node_init_boolean (json_node_alloc (), TRUE);
}

static const CgRpcParam no_params[] = { { NULL } };
static const CgRpcParam topic_params[] = {
  { "topics", CG_RPC_ARRAY, TRUE },
  { NULL },
};

const CgApiMethod cg_api_session_methods[] = {
  { "hello", CG_ROLE_VIEWER, no_params, hello },
  { "subscribe", CG_ROLE_VIEWER, topic_params, subscribe },
  { "unsubscribe", CG_ROLE_VIEWER, topic_params, unsubscribe },
  { NULL },
};
