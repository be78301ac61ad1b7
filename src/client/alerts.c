/* alerts.c — storage alerts from their codes and figures. */
#include "build-config.h"

#include "client/alerts.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "client/output.h"

static char *
size_text (gint64 bytes)
{
  return g_format_size_full ((guint64) MAX (bytes, 0), G_FORMAT_SIZE_IEC_UNITS);
}

/* An alert in the reader's language, from its code and figures. */
char *
cg_storage_alert_text (JsonObject *a)
{
  const char *code = json_object_get_string_member (a, "code");
#define BYTES(m) g_autofree char *m = size_text (json_object_get_int_member_with_default (a, #m, 0))
  if (g_str_equal (code, "database_unwritable"))
    {
      guint n = (guint) json_object_get_int_member_with_default (a, "pending_writes", 0);
      gint64 since_us = 0;
      cg_time_parse (json_object_get_string_member_with_default (a, "since", ""), NULL, &since_us,
                     NULL);
      g_autofree char *since = cg_time_format_local (since_us, NULL);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The database cannot be written since %s: %u event from "
                                           "the cameras waits in memory. Free space on the disk, or "
                                           "close the program holding the database; do not stop "
                                           "canhgacd until it is written.",
                                           "The database cannot be written since %s: %u events from "
                                           "the cameras wait in memory. Free space on the disk, or "
                                           "close the program holding the database; do not stop "
                                           "canhgacd until they are written.", n),
                              since, n);
    }
  if (g_str_equal (code, "damaged_segments"))
    {
      BYTES (damaged_bytes);
      guint n = (guint) json_object_get_int_member_with_default (a, "damaged_segments", 0);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u segment (%s) could not be read back after a crash: it "
                                           "is kept as it is, never thinned or deleted, until an "
                                           "administrator has examined and released it.",
                                           "%u segments (%s) could not be read back after a crash: "
                                           "they are kept as they are, never thinned or deleted, "
                                           "until an administrator has examined and released them.",
                                           n),
                              n, damaged_bytes);
    }
  if (g_str_equal (code, "retention_below_target"))
    {
      /* Days arrive cut to a tenth by the daemon (the same figures as
       * storage.status's forecast_days and target_days); %.1f prints them
       * as they are, never rounding a second time. */
      BYTES (needed_bytes);
      BYTES (limit_bytes);
      return g_strdup_printf (_("Recordings will be kept %.1f days, fewer than the target of %.1f days: "
                                "the target needs %s of disk, recordings may use %s."),
                              json_object_get_double_member_with_default (a, "days", 0),
                              json_object_get_double_member_with_default (a, "target_days", 0),
                              needed_bytes, limit_bytes);
    }
  if (g_str_equal (code, "cannot_free"))
    {
      BYTES (shortfall_bytes);
      BYTES (protected_bytes);
      return g_strdup_printf (_("Cannot free %s more: the remaining footage (%s) is protected evidence. "
                                "Release evidence ranges or add disk space."),
                              shortfall_bytes, protected_bytes);
    }
  if (g_str_equal (code, "min_free_unreachable"))
    {
      BYTES (min_free_bytes);
      BYTES (free_bytes);
      return g_strdup_printf (_("The disk cannot keep %s free (%s free now), even without recordings: "
                                "other files fill it, or min_free is too high."),
                              min_free_bytes, free_bytes);
    }
  if (g_str_equal (code, "quota_exceeds_disk"))
    {
      BYTES (quota_bytes);
      BYTES (disk_bytes);
      return g_strdup_printf (_("The storage quota (%s) is larger than the disk (%s): the disk's size is the limit."),
                              quota_bytes, disk_bytes);
    }
#undef BYTES
  /* disk_error and codes newer than this program: the daemon's words. */
  return g_strdup (json_object_get_string_member_with_default (a, "message", code));
}

void
cg_print_storage_alerts (JsonArray *alerts)
{
  for (guint i = 0; alerts != NULL && i < json_array_get_length (alerts); i++)
    {
      g_autofree char *text = cg_storage_alert_text (json_array_get_object_element (alerts, i));
      g_autofree char *line = g_strdup_printf (_("Alert: %s"), text);
      cg_print_line (line);
    }
}
