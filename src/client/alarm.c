/* alarm.c — one alarm from JSON, and in words (see alarm.h). */
#include "build-config.h"

#include "client/alarm.h"

#include "common/alert.h"
#include "common/i18n.h"
#include "common/timeutil.h"

void
cg_alarm_free (CgAlarm *a)
{
  if (a == NULL)
    return;
  g_free (a->kind);
  g_free (a->camera);
  g_free (a->reason);
  g_free (a->acknowledged_by);
  g_free (a->note);
  g_free (a);
}

static char *
dup_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (n));
}

static gint64
time_member (JsonObject *o, const char *name)
{
  g_autofree char *iso = dup_member (o, name);
  gint64 us = 0;
  if (iso == NULL || !cg_time_parse (iso, NULL, &us, NULL))
    return 0;
  return us;
}

CgAlarm *
cg_alarm_from_json (JsonObject *o)
{
  if (o == NULL || !json_object_has_member (o, "id"))
    return NULL;
  JsonNode *id = json_object_get_member (o, "id");
  if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return NULL;
  CgAlarm *a = g_new0 (CgAlarm, 1);
  a->id = json_node_get_int (id);
  a->kind = dup_member (o, "kind");
  a->camera = dup_member (o, "camera");
  a->reason = dup_member (o, "reason");
  a->raised_us = time_member (o, "raised");
  a->cleared_us = time_member (o, "cleared");
  a->acknowledged_by = dup_member (o, "acknowledged_by");
  a->acknowledged_us = time_member (o, "acknowledged");
  a->note = dup_member (o, "note");
  a->active = json_object_get_boolean_member_with_default (o, "active", TRUE);
  if (a->kind == NULL)
    a->kind = g_strdup ("");
  if (a->reason == NULL)
    a->reason = g_strdup ("");
  return a;
}

static char *
what (const CgAlarm *a, const char *where)
{
  if (g_str_equal (a->kind, "camera_down"))
    return g_strdup (g_str_has_prefix (a->reason, "stalled") ? C_ ("alarm", "stalled")
                                                             : C_ ("alarm", "offline"));
  if (g_str_equal (a->kind, "disk_error"))
    return g_strdup (_("cannot write to the disk"));
  if (g_str_equal (a->kind, "motion"))
    return g_strdup (_("motion"));
  if (g_str_equal (a->kind, "storage"))
    {
      /* The whole alert, with its figures and advice, is elsewhere. */
      const char *title = cg_alert_title (a->reason);
      if (title == NULL)
        return g_strdup_printf (_("storage alert (%s)"), a->reason);
      return where != NULL ? g_strdup_printf (_("storage: %s (%s)"), title, where)
                           : g_strdup_printf (_("storage: %s"), title);
    }
  return g_strdup (a->kind);
}

char *
cg_alarm_words (const CgAlarm *a, const char *where)
{
  g_autofree char *w = what (a, where);
  if (a->camera != NULL)
    return g_strdup_printf ("%s: %s", a->camera, w);
  return g_steal_pointer (&w);
}
