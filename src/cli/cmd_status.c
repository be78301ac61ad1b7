/* cmd_status.c — `canhgac status`: every camera's state at a glance. */
#include "build-config.h"

#include "common/camera_state.h"
#include "common/cli.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "client/alerts.h"
#include "cli/command.h"
#include "client/output.h"

#include <stdio.h>
#include <string.h>

/* One line officers copy onto paper: the head anchors the audit log up
 * to it, whatever is done to the database later. */
static void
print_audit (JsonObject *reply)
{
  JsonObject *a = json_object_has_member (reply, "audit")
                    ? json_object_get_object_member (reply, "audit") : NULL;
  if (a == NULL)
    return;
  const char *head = json_object_get_string_member_with_default (a, "head", NULL);
  g_autofree char *line = g_strdup_printf (_("Audit log: %lld entries, head of the chain %s"),
                                           (long long) json_object_get_int_member (a, "rows"),
                                           head != NULL ? head : "-");
  cg_print_line (line);
}
static void
print_table (JsonObject *reply)
{
  JsonArray *cams = json_object_get_array_member (reply, "cameras");
  if (json_array_get_length (cams) == 0)
    {
      printf (_("No cameras yet: add one with canhgac camera add --name NAME --url URL\n"));
      print_audit (reply);
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("Camera"), FALSE);
  cg_table_add_column (t, _("State"), FALSE);
  cg_table_add_column (t, _("Bitrate"), TRUE);
  cg_table_add_column (t, _("FPS"), TRUE);
  cg_table_add_column (t, _("Last frame"), TRUE);
  cg_table_add_column (t, _("Reconnects"), TRUE);
  cg_table_add_column (t, _("24 h"), TRUE);
  cg_table_add_column (t, _("Reason"), FALSE);
  for (guint i = 0; i < json_array_get_length (cams); i++)
    {
      JsonObject *c = json_array_get_object_element (cams, i);
      const char *state = json_object_get_string_member (c, "state");
      gboolean live = cg_camera_state_is_live (state);
      g_autofree char *rate = live ? g_strdup_printf (_("%.0f kbit/s"),
                                                      json_object_get_int_member (c, "bitrate") / 1000.0)
                                   : g_strdup ("-");
      g_autofree char *fps = live ? g_strdup_printf ("%.1f", json_object_get_double_member (c, "fps"))
                                  : g_strdup ("-");
      g_autofree char *age = json_object_get_null_member (c, "last_frame_age")
                               ? g_strdup ("-")
                               : cg_duration_format ((gint64) (json_object_get_double_member (c, "last_frame_age")
                                                               * CG_USEC_PER_SEC));
      g_autofree char *rec = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "reconnects"));
      g_autofree char *up = g_strdup_printf ("%.0f%%", 100 * json_object_get_double_member (c, "uptime_24h"));
      g_autofree char *why = cg_reason_describe (json_object_get_string_member (c, "reason"));
      cg_table_add_row (t, json_object_get_string_member (c, "name"), cg_camera_state_label (state), rate, fps,
                        age, rec, up, why, NULL);
    }
  cg_table_print (t);
  cg_table_free (t);

  JsonObject *s = json_object_get_object_member (reply, "storage");
  g_autofree char *used = g_format_size_full (json_object_get_int_member (s, "recordings_bytes"),
                                              G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *free_ = g_format_size_full (json_object_get_int_member (s, "free_bytes"),
                                               G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *line = g_strdup_printf (_("Recordings use %s; %s free on the disk."), used, free_);
  printf ("\n");
  cg_print_line (line);
  cg_print_storage_alerts (json_object_has_member (s, "alerts")
                             ? json_object_get_array_member (s, "alerts") : NULL);
  print_audit (reply);
}

static int
run (const CgCommandContext *ctx)
{
  return cg_command_report (ctx, "status", print_table);
}

static const CgOption options[] = {
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_status = {
  .name = "status",
  .usage = N_("[--json]"),
  .summary = N_("show every camera's state, bitrate and reason"),
  .options = options,
  .run = run,
};
