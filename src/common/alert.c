/* alert.c — the table of storage alerts and their wording. */
#include "build-config.h"

#include "common/alert.h"

#include "common/i18n.h"
#include "common/timeutil.h"

#include <stdlib.h>
#include <string.h>

static const CgAlertKind kinds[] = {
  { CG_ALERT_RETENTION_BELOW_TARGET, CG_ALERT_WARNING,
    N_("Recordings will be kept %.1f days, fewer than the target of %.1f days: "
       "the target needs %s of disk, recordings may use %s."),
    { "days", "target_days", "needed_bytes", "limit_bytes" } },
  { CG_ALERT_CANNOT_FREE, CG_ALERT_BAD,
    N_("Cannot free %s more: the remaining footage (%s) is protected evidence. "
       "Release evidence ranges or add disk space."),
    { "shortfall_bytes", "protected_bytes" } },
  { CG_ALERT_EVIDENCE_EXCEEDS_QUOTA, CG_ALERT_BAD,
    N_("Protected footage alone (%s, evidence and damaged segments) is more than recordings "
       "may use (%s): recording goes on, but other footage is deleted as soon as it is "
       "recorded. Release the evidence of incidents that are done, or add disk space."),
    { "protected_bytes", "limit_bytes" } },
  { CG_ALERT_MIN_FREE_UNREACHABLE, CG_ALERT_BAD,
    N_("The disk cannot keep %s free (%s free now), even without recordings: "
       "other files fill it, or min_free is too high."),
    { "min_free_bytes", "free_bytes" } },
  { CG_ALERT_QUOTA_EXCEEDS_DISK, CG_ALERT_WARNING,
    N_("The storage quota (%s) is larger than the disk (%s): the disk's size is the limit."),
    { "quota_bytes", "disk_bytes" } },
  { CG_ALERT_DISK_ERROR, CG_ALERT_BAD,
    N_("The storage manager cannot work: %s"),
    { "detail" } },
  { CG_ALERT_DAMAGED_SEGMENTS, CG_ALERT_BAD,
    N_("%s segments (%s) could not be read back after a crash: they are kept as they are, "
       "never thinned or deleted, until an administrator has examined and released them."),
    { "damaged_segments", "damaged_bytes" },
    N_("%s segment (%s) could not be read back after a crash: it is kept as it is, never "
       "thinned or deleted, until an administrator has examined and released it."),
    "damaged_segments" },
  { CG_ALERT_DATABASE_UNWRITABLE, CG_ALERT_BAD,
    N_("The database cannot be written since %s: %s events from the cameras wait in memory. "
       "Free space on the disk, or close the program holding the database; do not stop "
       "canhgacd until they are written."),
    { "since", "pending_writes" },
    N_("The database cannot be written since %s: %s event from the cameras waits in memory. "
       "Free space on the disk, or close the program holding the database; do not stop "
       "canhgacd until it is written."),
    "pending_writes" },
};

const CgAlertKind *
cg_alert_kind_lookup (const char *code)
{
  for (size_t i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, code) == 0)
      return &kinds[i];
  return NULL;
}

/* One figure as the wording shows it, or NULL when the alert lacks it. */
static char *
figure_text (JsonObject *alert, const char *name, int decimals)
{
  JsonNode *n = json_object_get_member (alert, name);
  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE)
    return NULL;
  GType t = json_node_get_value_type (n);
  if (t == G_TYPE_STRING && g_str_equal (name, "since"))
    {
      /* A time: shown as officers read times, in local time. */
      gint64 us = 0;
      if (!cg_time_parse (json_node_get_string (n), NULL, &us, NULL))
        return NULL;
      return cg_time_format_local (us, NULL);
    }
  if (t == G_TYPE_STRING)
    return g_strdup (json_node_get_string (n));
  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    return NULL;
  if (t == G_TYPE_INT64 && !g_str_has_suffix (name, "_bytes"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n)); /* a count */
  double v = json_node_get_double (n);
  if (g_str_has_suffix (name, "_bytes"))
    return g_format_size_full ((guint64) MAX (v, 0), G_FORMAT_SIZE_IEC_UNITS);
  return g_strdup_printf ("%.*f", decimals, v);
}

/* The wording with its conversions filled.  Not printf: a translation
 * must not be able to crash us by asking for more or other arguments. */
static char *
fill (const CgAlertKind *kind, const char *wording, JsonObject *alert)
{
  GString *out = g_string_new (NULL);
  int next = 0;
  for (const char *p = wording; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == '%')
        {
          g_string_append_c (out, '%');
          p++;
          continue;
        }
      int decimals = 1;
      const char *q = p + 1;
      if (*q == '.' && g_ascii_isdigit (q[1]))
        {
          decimals = (int) strtol (q + 1, (char **) &q, 10);
          decimals = MIN (decimals, 6);
        }
      if (*q != 's' && *q != 'f')
        {
          g_string_append_c (out, *p);
          continue;
        }
      const char *name = next < (int) G_N_ELEMENTS (kind->figures) ? kind->figures[next++] : NULL;
      g_autofree char *value = name != NULL ? figure_text (alert, name, decimals) : NULL;
      if (value == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append (out, value);
      p = q;
    }
  return g_string_free (out, FALSE);
}

char *
cg_alert_describe (JsonObject *alert)
{
  const char *code = json_object_get_string_member_with_default (alert, "code", "");
  const CgAlertKind *kind = cg_alert_kind_lookup (code);
  const char *wording = NULL;
  if (kind != NULL && kind->wording_one != NULL)
    wording = g_dngettext (GETTEXT_PACKAGE, kind->wording_one, kind->wording,
                           (gulong) MAX (json_object_get_int_member_with_default (alert, kind->count, 0), 0));
  else if (kind != NULL)
    wording = _(kind->wording);
  char *text = kind != NULL ? fill (kind, wording, alert) : NULL;
  if (text != NULL)
    return text;
  /* A code newer than this program, or an older daemon without the
   * figure: the daemon's words are better than none. */
  return g_strdup (json_object_get_string_member_with_default (alert, "message", code));
}

CgAlertSeverity
cg_alert_severity (JsonObject *alert)
{
  const CgAlertKind *kind = cg_alert_kind_lookup (json_object_get_string_member_with_default (alert, "code", ""));
  return kind != NULL ? kind->severity : CG_ALERT_BAD;
}

/* What each alert is, in a few words, for a line that has no room for
 * its figures (an alarm on the station's status line). */
static const struct {
  const char *code;
  const char *title;
} titles[] = {
  { CG_ALERT_RETENTION_BELOW_TARGET, N_("fewer days kept than the target") },
  { CG_ALERT_CANNOT_FREE, N_("no room can be freed: the rest is evidence") },
  { CG_ALERT_EVIDENCE_EXCEEDS_QUOTA, N_("evidence alone is more than the quota") },
  { CG_ALERT_MIN_FREE_UNREACHABLE, N_("the disk cannot keep its free space") },
  { CG_ALERT_QUOTA_EXCEEDS_DISK, N_("the quota is larger than the disk") },
  { CG_ALERT_DISK_ERROR, N_("the storage manager cannot work") },
  { CG_ALERT_DAMAGED_SEGMENTS, N_("damaged segments kept after a crash") },
  { CG_ALERT_DATABASE_UNWRITABLE, N_("the database cannot be written") },
};

const char *
cg_alert_title (const char *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (code, titles[i].code) == 0)
      return _(titles[i].title);
  return NULL;
}
