/* cmd_storage.c — `canhgac storage`: quota, use, days kept and forecast
 * per camera, what thinning saved, and the storage alerts. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "client/alerts.h"
#include "cli/command.h"
#include "client/output.h"

#include <stdio.h>
#include <string.h>

static char *
size_text (gint64 bytes)
{
  return g_format_size_full ((guint64) MAX (bytes, 0), G_FORMAT_SIZE_IEC_UNITS);
}

/* Days with one decimal, "-" when unknown (null).  The daemon sends days
 * already cut to a tenth, the same way for every figure and alert
 * (cg_retention_days_shown); %.1f prints that tenth as it is. */
static char *
days_text (JsonObject *o, const char *member)
{
  if (!json_object_has_member (o, member) || json_object_get_null_member (o, member))
    return g_strdup ("-");
  return g_strdup_printf ("%.1f", json_object_get_double_member (o, member));
}

static void
print_report (JsonObject *r)
{
  g_autofree char *used = size_text (json_object_get_int_member (r, "used_bytes"));
  g_autofree char *quota = size_text (json_object_get_int_member (r, "quota_bytes"));
  g_autofree char *limit = size_text (json_object_get_int_member (r, "limit_bytes"));
  g_autofree char *free_ = size_text (json_object_get_int_member (r, "free_bytes"));
  g_autofree char *disk = size_text (json_object_get_int_member (r, "disk_bytes"));
  g_autofree char *saved = size_text (json_object_get_int_member (r, "saved_bytes"));
  g_autofree char *prot = size_text (json_object_get_int_member (r, "protected_bytes"));
  g_autofree char *forecast = days_text (r, "forecast_days");
  g_autofree char *target = days_text (r, "target_days");
  g_autofree char *full = days_text (r, "full_rate_days");
  g_autofree char *l1 = g_strdup_printf (_("Recordings use %s of a %s quota (limit now %s); %s free of %s."),
                                         used, quota, limit, free_, disk);
  g_autofree char *segs = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (r, "thinned_segments"));
  g_autofree char *l2 = g_strdup_printf (_("Footage older than %s days is thinned: %s saved in %s segments. "
                                           "Protected evidence: %s."),
                                         full, saved, segs, prot);
  g_autofree char *l3 = g_strdup_printf (_("Forecast: %s days kept (target %s days)."), forecast, target);
  cg_print_line (l1);
  cg_print_line (l2);
  cg_print_line (l3);
  gint64 exports = json_object_get_int_member_with_default (r, "exports", 0);
  if (exports > 0)
    {
      g_autofree char *size = size_text (json_object_get_int_member_with_default (r, "exports_bytes", 0));
      g_autofree char *l4 = g_strdup_printf (_("Evidence exports kept: %lld (%s), counted in the "
                                               "quota; remove those handed over with canhgac "
                                               "export remove."), (long long) exports, size);
      cg_print_line (l4);
    }

  JsonArray *cams = json_object_get_array_member (r, "cameras");
  if (json_array_get_length (cams) > 0)
    {
      printf ("\n");
      CgTable *t = cg_table_new ();
      cg_table_add_column (t, _("Camera"), FALSE);
      cg_table_add_column (t, _("Used"), TRUE);
      cg_table_add_column (t, _("Per day"), TRUE);
      cg_table_add_column (t, _("Days kept"), TRUE);
      cg_table_add_column (t, _("Forecast"), TRUE);
      cg_table_add_column (t, _("Target"), TRUE);
      cg_table_add_column (t, _("Saved"), TRUE);
      /* Translators: a column of sizes: the camera's footage the storage
       * policy never removes (evidence in force, damaged segments). */
      cg_table_add_column (t, _("Protected"), TRUE);
      for (guint i = 0; i < json_array_get_length (cams); i++)
        {
          JsonObject *c = json_array_get_object_element (cams, i);
          g_autofree char *b = size_text (json_object_get_int_member (c, "bytes"));
          g_autofree char *rate = size_text (json_object_get_int_member (c, "bytes_per_day"));
          g_autofree char *kept = days_text (c, "days_kept");
          g_autofree char *fc = days_text (c, "forecast_days");
          g_autofree char *tg = days_text (c, "target_days");
          g_autofree char *sv = size_text (json_object_get_int_member (c, "saved_bytes"));
          /* An older daemon does not say: unknown. */
          g_autofree char *pr = json_object_has_member (c, "protected_bytes")
                                  ? size_text (json_object_get_int_member (c, "protected_bytes"))
                                  : g_strdup ("-");
          cg_table_add_row (t, json_object_get_string_member (c, "name"), b, rate, kept, fc, tg, sv,
                            pr, NULL);
        }
      cg_table_print (t);
      cg_table_free (t);
    }
  JsonArray *alerts = json_object_get_array_member (r, "alerts");
  if (alerts != NULL && json_array_get_length (alerts) > 0)
    printf ("\n");
  cg_print_storage_alerts (alerts);
}

static int
run (const CgCommandContext *ctx)
{
  return cg_command_report (ctx, "storage.status", print_report);
}

static const CgOption options[] = {
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_storage = {
  .name = "storage",
  .usage = N_("[--json]"),
  .summary = N_("show the disk used, days kept, forecast and thinning savings"),
  .options = options,
  .run = run,
};
