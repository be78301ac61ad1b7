/* alerts.c — storage alerts on the command line. */
#include "build-config.h"

#include "client/alerts.h"

#include "common/alert.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "client/output.h"

void
cg_print_storage_alerts (JsonArray *alerts)
{
  for (guint i = 0; alerts != NULL && i < json_array_get_length (alerts); i++)
    {
      g_autofree char *text = cg_alert_describe (json_array_get_object_element (alerts, i));
      g_autofree char *line = g_strdup_printf (_("Alert: %s"), text);
      cg_print_line (line);
    }
}
