/* model.c — the station's cameras, merged, filtered, sorted and judged. */
#include "build-config.h"

#include "station/model.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"

#include <string.h>

struct CgModel {
  GPtrArray *cameras;      /* CgStationCamera*, in name order */
  GHashTable *days_kept;   /* name -> double*, from storage.status */
  CgModelConnection connection;
  char *problem;
  gint64 recordings_bytes, free_bytes;
  gint64 audit_rows;       /* the audit log's rows, from status */
  char *audit_head;        /* its head as officers copy it ("N/xxxxxxxxxxxx"), or NULL */
  JsonArray *alerts;
};

static void
camera_free (CgStationCamera *c)
{
  g_free (c->name);
  g_free (c->place);
  g_free (c->state);
  g_free (c->reason);
  g_free (c->since);
  g_free (c->decode_error);
  g_free (c);
}

CgModel *
cg_model_new (void)
{
  CgModel *m = g_new0 (CgModel, 1);
  m->cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_free);
  m->days_kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->connection = CG_MODEL_NEVER_REACHED;
  m->alerts = json_array_new ();
  return m;
}

void
cg_model_free (CgModel *m)
{
  if (m == NULL)
    return;
  g_ptr_array_unref (m->cameras);
  g_hash_table_destroy (m->days_kept);
  g_free (m->problem);
  g_free (m->audit_head);
  json_array_unref (m->alerts);
  g_free (m);
}

/* ---- what the daemon says ------------------------------------------------- */

static const char *
member_string (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

static double
member_double (JsonObject *o, const char *name, double unknown)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return unknown;
  GType t = json_node_get_value_type (n);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE ? json_node_get_double (n) : unknown;
}

static JsonArray *
member_array (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static JsonObject *
member_object (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* camera.list's entry for name, for the map position. */
static JsonObject *
listed (JsonArray *list, const char *name)
{
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);
      if (JSON_NODE_HOLDS_OBJECT (n) && g_strcmp0 (member_string (json_node_get_object (n), "name"), name) == 0)
        return json_node_get_object (n);
    }
  return NULL;
}

static CgStationCamera *
camera_from_status (JsonObject *r, JsonObject *cam)
{
  CgStationCamera *c = g_new0 (CgStationCamera, 1);
  const char *place = member_string (r, "place");
  c->name = g_strdup (member_string (r, "name"));
  c->place = g_strdup (place != NULL ? place : "");
  c->state = g_strdup (member_string (r, "state"));
  c->reason = g_strdup (member_string (r, "reason"));
  c->since = g_strdup (member_string (r, "since"));
  c->decode_error = g_strdup (member_string (r, "decode_error"));
  c->bitrate = (gint64) member_double (r, "bitrate", 0);
  c->fps = member_double (r, "fps", 0);
  c->keyframe_interval_ms = (gint64) member_double (r, "keyframe_interval_ms", 0);
  c->last_frame_age = member_double (r, "last_frame_age", -1);
  c->reconnects = (gint64) member_double (r, "reconnects", 0);
  c->uptime_24h = member_double (r, "uptime_24h", 0);
  c->days_kept = -1;
  const char *created = member_string (cam, "created");
  if (created == NULL || !cg_time_parse (created, NULL, &c->created_us, NULL))
    c->created_us = 0;
  JsonArray *pos = member_array (cam, "map");
  if (pos != NULL && json_array_get_length (pos) == 2)
    {
      c->has_map = TRUE;
      c->map_x = (int) json_array_get_int_element (pos, 0);
      c->map_y = (int) json_array_get_int_element (pos, 1);
    }
  cg_link_judge_init (&c->link);
  return c;
}

static gint
by_name (gconstpointer a, gconstpointer b)
{
  const CgStationCamera *x = *(CgStationCamera *const *) a, *y = *(CgStationCamera *const *) b;
  return cg_text_compare (x->name, y->name);
}

void
cg_model_take_status (CgModel *m, JsonObject *camera_list, JsonObject *status, gint64 now_us)
{
  JsonArray *list = member_array (camera_list, "cameras");
  JsonArray *rows = member_array (status, "cameras");
  GPtrArray *fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_free);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *n = json_array_get_element (rows, i);
      if (!JSON_NODE_HOLDS_OBJECT (n) || member_string (json_node_get_object (n), "name") == NULL)
        continue;
      JsonObject *r = json_node_get_object (n);
      CgStationCamera *c = camera_from_status (r, listed (list, member_string (r, "name")));
      CgStationCamera *old = cg_model_find (m, c->name);
      if (old != NULL)
        c->link = old->link;
      double *days = g_hash_table_lookup (m->days_kept, c->name);
      c->days_kept = days != NULL ? *days : -1;
      CgLinkSample sample = {
        .at_us = now_us,
        .live = cg_camera_state_is_live (c->state),
        .fps = c->fps,
        .keyframe_interval_ms = c->keyframe_interval_ms,
        .last_frame_age = c->last_frame_age,
        .reconnects = c->reconnects,
      };
      cg_link_judge_step (&c->link, &sample);
      g_ptr_array_add (fresh, c);
    }
  /* The daemon sorts too, but an older one sorted by bytes. */
  g_ptr_array_sort (fresh, by_name);
  g_ptr_array_unref (m->cameras);
  m->cameras = fresh;
  JsonObject *storage = member_object (status, "storage");
  m->recordings_bytes = storage != NULL ? (gint64) member_double (storage, "recordings_bytes", 0) : 0;
  m->free_bytes = storage != NULL ? (gint64) member_double (storage, "free_bytes", 0) : 0;
  JsonObject *audit = member_object (status, "audit");
  g_clear_pointer (&m->audit_head, g_free);
  m->audit_rows = audit != NULL ? (gint64) member_double (audit, "rows", 0) : 0;
  if (audit != NULL && json_object_has_member (audit, "head")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (audit, "head")))
    m->audit_head = g_strdup (json_object_get_string_member (audit, "head"));
  JsonArray *alerts = member_array (storage, "alerts");
  json_array_unref (m->alerts);
  m->alerts = alerts != NULL ? json_array_ref (alerts) : json_array_new ();
  m->connection = CG_MODEL_CONNECTED;
  g_clear_pointer (&m->problem, g_free);
}

void
cg_model_take_storage (CgModel *m, JsonObject *storage_status)
{
  JsonArray *cams = member_array (storage_status, "cameras");
  if (cams == NULL)
    return;
  g_hash_table_remove_all (m->days_kept);
  for (guint i = 0; i < json_array_get_length (cams); i++)
    {
      JsonNode *n = json_array_get_element (cams, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (n) ? member_string (json_node_get_object (n), "name") : NULL;
      if (name == NULL)
        continue;
      double *days = g_new (double, 1);
      *days = member_double (json_node_get_object (n), "days_kept", -1);
      g_hash_table_insert (m->days_kept, g_strdup (name), days);
    }
  for (guint i = 0; i < m->cameras->len; i++)
    {
      CgStationCamera *c = m->cameras->pdata[i];
      double *days = g_hash_table_lookup (m->days_kept, c->name);
      c->days_kept = days != NULL ? *days : -1;
    }
}

gboolean
cg_model_take_state (CgModel *m, JsonObject *params)
{
  CgStationCamera *c = cg_model_find (m, member_string (params, "name"));
  const char *state = member_string (params, "state");
  if (c == NULL || state == NULL)
    return FALSE;
  const char *reason = member_string (params, "reason");
  g_free (c->state);
  c->state = g_strdup (state);
  g_free (c->reason);
  c->reason = g_strdup (reason != NULL ? reason : "");
  return TRUE;
}

void
cg_model_lost (CgModel *m, const char *why)
{
  /* Once reached, what it said stays on screen, marked old. */
  if (m->connection == CG_MODEL_CONNECTED)
    m->connection = CG_MODEL_STALE;
  g_free (m->problem);
  m->problem = g_strdup (why != NULL && *why != '\0' ? why : "?");
}

/* ---- what the screens draw -------------------------------------------------- */

CgModelConnection
cg_model_connection (const CgModel *m)
{
  return m->connection;
}

const char *
cg_model_problem (const CgModel *m)
{
  return m->connection == CG_MODEL_CONNECTED ? NULL : m->problem;
}

GPtrArray *
cg_model_cameras (const CgModel *m)
{
  return m->cameras;
}

CgStationCamera *
cg_model_find (const CgModel *m, const char *name)
{
  for (guint i = 0; name != NULL && i < m->cameras->len; i++)
    {
      CgStationCamera *c = m->cameras->pdata[i];
      if (g_str_equal (c->name, name))
        return c;
    }
  return NULL;
}

gboolean
cg_model_matches (const CgStationCamera *c, const char *filter)
{
  if (filter == NULL || *filter == '\0')
    return TRUE;
  g_autofree char *needle = cg_text_fold (filter);
  g_autofree char *name = cg_text_fold (c->name);
  g_autofree char *place = cg_text_fold (c->place);
  return strstr (name, needle) != NULL || strstr (place, needle) != NULL;
}

const char *
cg_model_state (const CgModel *m, const CgStationCamera *c)
{
  return m->connection == CG_MODEL_CONNECTED ? c->state : CG_STATE_UNKNOWN;
}

gboolean
cg_model_is_live (const CgModel *m, const CgStationCamera *c)
{
  return cg_camera_state_is_live (cg_model_state (m, c));
}

/* For the sort comparisons, which take no user data. */
typedef struct {
  const CgModel *model;
  CgModelSort sort;
} SortBy;

static int
compare (const SortBy *by, const CgStationCamera *x, const CgStationCamera *y)
{
  int d = 0;
  switch (by->sort)
    {
    case CG_SORT_STATE:
      d = cg_camera_state_rank (cg_model_state (by->model, x))
          - cg_camera_state_rank (cg_model_state (by->model, y));
      break;
    case CG_SORT_BITRATE:
      d = (x->bitrate > y->bitrate) - (x->bitrate < y->bitrate);
      break;
    case CG_SORT_UPTIME:
      d = (x->uptime_24h > y->uptime_24h) - (x->uptime_24h < y->uptime_24h);
      break;
    case CG_SORT_NAME:
    case CG_N_SORTS:
      break;
    }
  return d != 0 ? d : cg_text_compare (x->name, y->name);
}

static gint
compare_with (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare (data, *(CgStationCamera *const *) a, *(CgStationCamera *const *) b);
}

GPtrArray *
cg_model_visible (const CgModel *m, const char *filter, CgModelSort sort)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < m->cameras->len; i++)
    if (cg_model_matches (m->cameras->pdata[i], filter))
      g_ptr_array_add (out, m->cameras->pdata[i]);
  SortBy by = { m, sort };
  g_ptr_array_sort_with_data (out, compare_with, &by);
  return out;
}

char *
cg_model_advice (const CgModel *m, const CgStationCamera *c, gboolean *warning)
{
  if (warning != NULL)
    *warning = FALSE;
  /* Nothing is known while the daemon is away: no advice is better
   * than advice about an old state. */
  if (m->connection != CG_MODEL_CONNECTED)
    return g_strdup ("");
  if (!cg_camera_state_is_live (c->state))
    return cg_reason_describe (c->reason);
  const char *tip = c->link.weak ? cg_link_cause_advice (c->link.cause) : NULL;
  if (tip == NULL)
    return g_strdup ("");
  if (warning != NULL)
    *warning = TRUE;
  return g_strdup (_(tip));
}

guint
cg_model_down_count (const CgModel *m)
{
  guint down = 0;
  for (guint i = 0; i < m->cameras->len; i++)
    if (cg_camera_state_is_down (cg_model_state (m, m->cameras->pdata[i])))
      down++;
  return down;
}

char *
cg_model_empty_text (const CgModel *m, const char *filter)
{
  if (m->connection == CG_MODEL_NEVER_REACHED)
    return g_strdup_printf (_("cannot reach canhgacd: %s"), m->problem != NULL ? m->problem : "?");
  if (filter != NULL && *filter != '\0' && m->cameras->len > 0)
    return g_strdup (_("No camera matches the filter."));
  return g_strdup (_("No cameras yet: add them with canhgac camera add."));
}

gint64
cg_model_recordings_bytes (const CgModel *m)
{
  return m->recordings_bytes;
}

gint64
cg_model_free_bytes (const CgModel *m)
{
  return m->free_bytes;
}

char *
cg_model_audit_line (const CgModel *m)
{
  if (m->audit_head == NULL)
    return NULL;
  return g_strdup_printf (_("Audit log: %lld entries, head of the chain %s"),
                          (long long) m->audit_rows, m->audit_head);
}

JsonArray *
cg_model_alerts (const CgModel *m)
{
  return m->alerts;
}

const char *
cg_model_sort_name (CgModelSort sort)
{
  static const char *const names[] = { N_("name"), N_("state"), N_("bitrate"), N_("uptime") };
  return sort < CG_N_SORTS ? names[sort] : names[0];
}
