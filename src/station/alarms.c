/* alarms.c — the alarms as the station knows them (see alarms.h). */
#include "build-config.h"

#include "station/alarms.h"

#include "common/i18n.h"
#include "common/timeutil.h"

#include <string.h>

struct CgAlarms {
  GPtrArray *active; /* CgAlarm, newest first */
  GHashTable *seen;  /* ids heard of (gint64 keys as pointers' targets) */
  gboolean listed;   /* a list was taken since the last connection */
};

CgAlarms *
cg_alarms_new (void)
{
  CgAlarms *a = g_new0 (CgAlarms, 1);
  a->active = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_alarm_free);
  a->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return a;
}

void
cg_alarms_free (CgAlarms *a)
{
  if (a == NULL)
    return;
  g_ptr_array_unref (a->active);
  g_hash_table_unref (a->seen);
  g_free (a);
}

static gboolean
seen (CgAlarms *a, gint64 id)
{
  if (g_hash_table_contains (a->seen, &id))
    return TRUE;
  g_hash_table_add (a->seen, g_memdup2 (&id, sizeof id));
  return FALSE;
}

static gint
newest_first (gconstpointer pa, gconstpointer pb)
{
  const CgAlarm *a = *(const CgAlarm **) pa, *b = *(const CgAlarm **) pb;
  return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

static gboolean
replace (CgAlarms *a, CgAlarm *alarm)
{
  gboolean is_new = !seen (a, alarm->id);
  for (guint i = 0; i < a->active->len; i++)
    if (((CgAlarm *) a->active->pdata[i])->id == alarm->id)
      {
        g_ptr_array_remove_index (a->active, i);
        break;
      }
  if (alarm->active)
    {
      g_ptr_array_add (a->active, alarm);
      g_ptr_array_sort (a->active, newest_first);
    }
  else
    cg_alarm_free (alarm);
  return is_new;
}

void
cg_alarms_take_list (CgAlarms *a, JsonObject *result)
{
  JsonArray *arr = result != NULL && json_object_has_member (result, "alarms")
                     ? json_object_get_array_member (result, "alarms") : NULL;
  if (arr == NULL)
    return;
  g_ptr_array_set_size (a->active, 0);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      CgAlarm *alarm = JSON_NODE_HOLDS_OBJECT (n) ? cg_alarm_from_json (json_node_get_object (n)) : NULL;
      if (alarm != NULL)
        replace (a, alarm);
    }
  a->listed = TRUE;
}

gboolean
cg_alarms_take (CgAlarms *a, JsonObject *o)
{
  CgAlarm *alarm = cg_alarm_from_json (o);
  if (alarm == NULL)
    return FALSE;
  gboolean rings = alarm->active && alarm->acknowledged_by == NULL && alarm->cleared_us == 0;
  return replace (a, alarm) && rings;
}

GPtrArray *
cg_alarms_active (CgAlarms *a)
{
  return a->active;
}

guint
cg_alarms_unacknowledged (CgAlarms *a, const CgAlarm **newest)
{
  guint n = 0;
  if (newest != NULL)
    *newest = NULL;
  for (guint i = 0; i < a->active->len; i++)
    {
      const CgAlarm *al = a->active->pdata[i];
      if (al->acknowledged_by != NULL)
        continue;
      if (n++ == 0 && newest != NULL)
        *newest = al;
    }
  return n;
}

char *
cg_alarm_describe (const CgAlarm *a)
{
  return cg_alarm_words (a, "F4, a");
}

char *
cg_alarms_status (CgAlarms *a, char **brief)
{
  const CgAlarm *newest = NULL;
  guint n = cg_alarms_unacknowledged (a, &newest);
  if (brief != NULL)
    *brief = NULL;
  if (n == 0)
    return NULL;
  g_autofree char *d = cg_alarm_describe (newest);
  if (brief != NULL)
    *brief = n > 1 ? g_strdup_printf (_("ALARM %s (+%u)"), newest->camera != NULL ? newest->camera : d, n - 1)
                   : g_strdup_printf (_("ALARM %s"), newest->camera != NULL ? newest->camera : d);
  if (n > 1)
    return g_strdup_printf (_("ALARM: %s (+%u more, !: list)"), d, n - 1);
  return g_strdup_printf (_("ALARM: %s (!: list)"), d);
}

gboolean
cg_alarms_bell_at (const CgHours *bell, int hour)
{
  return cg_hours_contain (bell, hour);
}
