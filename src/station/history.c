/* history.c — a camera's recent link and outages (see the header). */
#include "build-config.h"

#include "station/history.h"

#include "common/i18n.h"
#include "common/timeutil.h"

#include <string.h>

#define MINUTE_US (60 * CG_USEC_PER_SEC)

static gint64
member_time (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  gint64 us = 0;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING
      || !cg_time_parse (json_node_get_string (n), NULL, &us, NULL))
    return 0;
  return us;
}

static gint64
member_int (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return 0;
  GType t = json_node_get_value_type (n);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE ? (gint64) json_node_get_double (n) : 0;
}

static JsonArray *
member_array (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

GArray *
cg_link_history_parse (JsonObject *link_stats, gint64 now_us, int minutes)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CgLinkMinute));
  gint64 this_minute = now_us - now_us % MINUTE_US;
  gint64 first = this_minute - (gint64) minutes * MINUTE_US;
  g_array_set_size (out, (guint) minutes + 1);
  for (guint i = 0; i < out->len; i++)
    g_array_index (out, CgLinkMinute, i).minute_us = first + (gint64) i * MINUTE_US;
  JsonArray *rows = member_array (link_stats, "minutes");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *n = json_array_get_element (rows, i);
      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      JsonObject *r = json_node_get_object (n);
      gint64 at = member_time (r, "time");
      if (at < first || at >= this_minute + MINUTE_US)
        continue;
      CgLinkMinute *m = &g_array_index (out, CgLinkMinute, (at - first) / MINUTE_US);
      m->heard = TRUE;
      m->kbits = member_int (r, "bytes") * 8.0 / 60 / 1000;
      m->fps = member_int (r, "frames") / 60.0;
      m->gaps = member_int (r, "gaps");
      m->reconnects = member_int (r, "reconnects");
    }
  return out;
}

void
cg_outage_free (CgOutage *o)
{
  if (o == NULL)
    return;
  g_free (o->reason);
  g_free (o);
}

GPtrArray *
cg_outages_parse (JsonObject *recordings, guint most)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_outage_free);
  JsonArray *gaps = member_array (recordings, "gaps");
  guint n = gaps != NULL ? json_array_get_length (gaps) : 0;
  /* The reply is oldest first; the page wants the latest. */
  for (guint i = n; i > 0 && out->len < most; i--)
    {
      JsonNode *node = json_array_get_element (gaps, i - 1);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *g = json_node_get_object (node);
      CgOutage *o = g_new0 (CgOutage, 1);
      o->start_us = member_time (g, "start");
      o->end_us = member_time (g, "end");
      o->reason = g_strdup (json_object_get_string_member_with_default (g, "reason", ""));
      g_ptr_array_add (out, o);
    }
  return out;
}

char *
cg_history_axis (gint64 first_us, int width, GTimeZone *tz)
{
  g_autoptr (GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  GString *line = g_string_new (NULL);
  for (int i = 0; i < width; i++)
    g_string_append_c (line, ' ');
  for (int i = 0; i < width; i++)
    {
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (0);
      g_autoptr (GDateTime) at = g_date_time_add (t, first_us + (gint64) i * MINUTE_US);
      g_autoptr (GDateTime) here = g_date_time_to_timezone (at, tz != NULL ? tz : local);
      if (g_date_time_get_minute (here) % 10 != 0 || i + 5 > width)
        continue;
      g_autofree char *label = g_date_time_format (here, "%H:%M");
      memcpy (line->str + i, label, 5);
    }
  return g_string_free (line, FALSE);
}

/* The first minute of history shown in width cells. */
static guint
first_shown (GArray *history, int width)
{
  return history->len > (guint) MAX (width, 0) ? history->len - (guint) MAX (width, 0) : 0;
}

char *
cg_link_history_bars (GArray *history, int width, gboolean utf8, double *max_out)
{
  static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
  static const char ascii[] = "_.:-=+*#";
  GString *s = g_string_new (NULL);
  double max = 0;
  for (guint i = 0; history != NULL && i < history->len; i++)
    max = MAX (max, g_array_index (history, CgLinkMinute, i).kbits);
  if (max_out != NULL)
    *max_out = max;
  if (history == NULL)
    return g_string_free (s, FALSE);
  for (guint i = first_shown (history, width); i < history->len; i++)
    {
      const CgLinkMinute *m = &g_array_index (history, CgLinkMinute, i);
      int level = max > 0 ? (int) (m->kbits / max * 7.999) : 0;
      if (!m->heard)
        g_string_append_c (s, ' ');
      else if (utf8)
        g_string_append (s, bars[CLAMP (level, 0, 7)]);
      else
        g_string_append_c (s, ascii[CLAMP (level, 0, 7)]);
    }
  return g_string_free (s, FALSE);
}

char *
cg_link_history_marks (GArray *history, int width)
{
  GString *s = g_string_new (NULL);
  for (guint i = history != NULL ? first_shown (history, width) : 0; history != NULL && i < history->len; i++)
    {
      const CgLinkMinute *m = &g_array_index (history, CgLinkMinute, i);
      g_string_append_c (s, m->reconnects > 0 ? 'x' : m->gaps > 0 ? '!' : !m->heard ? '-' : ' ');
    }
  return g_string_free (s, FALSE);
}

char *
cg_picture_age_text (const char *state_label, gint64 taken_us, gint64 now_us, GTimeZone *tz)
{
  if (*state_label == '\0')
    return g_strdup ("");
  /* The state begins the label: "Mất kết nối". */
  g_autofree char *first = g_utf8_strup (state_label, g_utf8_next_char (state_label) - state_label);
  char *state = g_strconcat (first, g_utf8_next_char (state_label), NULL);
  if (taken_us <= 0)
    return state;
  g_autoptr (GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (0);
  g_autoptr (GDateTime) at_utc = g_date_time_add (utc, taken_us);
  g_autoptr (GDateTime) now_utc = g_date_time_add (utc, now_us);
  g_autoptr (GDateTime) at = g_date_time_to_timezone (at_utc, tz != NULL ? tz : local);
  g_autoptr (GDateTime) now = g_date_time_to_timezone (now_utc, tz != NULL ? tz : local);
  gboolean today = g_date_time_get_year (at) == g_date_time_get_year (now)
                   && g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (now);
  g_autofree char *when = g_date_time_format (at, today ? "%H:%M" : "%d/%m %H:%M");
  /* Seconds under a minute, else whole minutes: it is read at a glance. */
  gint64 age = MAX (now_us - taken_us, 0);
  if (age >= MINUTE_US)
    age -= age % MINUTE_US;
  g_autofree char *ago = cg_duration_format (age);
  /* Translators: over an old picture of a camera that is not live: its
   * state, the time the picture was taken, how long ago that was
   * ("5 min"). */
  char *text = g_strdup_printf (_("%s · picture at %s, %s ago"), state, when, ago);
  g_free (state);
  return text;
}
