/* cmd_recordings.c — `canhgac recordings`: what was recorded for a
 * camera over a period, and the gaps with their reasons, as the daemon's
 * recordings.list says. */
#include "build-config.h"

#include "common/cli.h"
#include "common/i18n.h"
#include "common/reason.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/output.h"

#include <stdio.h>
#include <string.h>

/* Consecutive segments further apart than this make a new span. */
#define GAP_MIN_US (CG_USEC_PER_SEC / 2)

static gint64
member_time (JsonObject *o, const char *name)
{
  gint64 us = 0;
  cg_time_parse (json_object_get_string_member (o, name), NULL, &us, NULL);
  return us;
}

static char *
gap_text (const char *reason)
{
  g_autofree char *why = g_str_equal (reason, "not_recording")
                           ? g_strdup (_("canhgacd was not recording"))
                           : cg_reason_describe (reason);
  return g_strdup_printf (_("GAP: %s"), why);
}

static void
add_gap_row (CgTable *t, JsonObject *g)
{
  gint64 a = member_time (g, "start"), b = member_time (g, "end");
  g_autofree char *as = cg_time_format_local (a, NULL);
  g_autofree char *bs = cg_time_format_local (b, NULL);
  g_autofree char *len = cg_duration_format (b - a);
  g_autofree char *what = gap_text (json_object_get_string_member (g, "reason"));
  cg_table_add_row (t, as, bs, len, "", what, NULL);
}

/* For people: contiguous segments merged into spans, gaps between. */
static void
print_spans (JsonObject *reply)
{
  if (json_object_get_boolean_member_with_default (reply, "removed", FALSE))
    {
      /* Officers must know these are not the camera now at that name. */
      gint64 when = 0;
      const char *at = json_object_get_string_member_with_default (reply, "removed_at", NULL);
      g_autofree char *shown = at != NULL && cg_time_parse (at, NULL, &when, NULL)
                                 ? cg_time_format_local (when, NULL) : g_strdup ("?");
      printf (_("REMOVED CAMERA: “%s” (id %lld) was removed on %s; these are the recordings "
                "it left.\n"),
              json_object_get_string_member (reply, "camera"),
              (long long) json_object_get_int_member_with_default (reply, "camera_id", 0), shown);
    }
  JsonArray *segs = json_object_get_array_member (reply, "segments");
  JsonArray *gaps = json_object_get_array_member (reply, "gaps");
  guint nsegs = json_array_get_length (segs), ngaps = json_array_get_length (gaps);
  if (nsegs == 0 && ngaps == 0)
    {
      printf (_("No recordings of %s in this period.\n"), json_object_get_string_member (reply, "camera"));
      return;
    }
  CgTable *t = cg_table_new ();
  cg_table_add_column (t, _("From"), FALSE);
  cg_table_add_column (t, _("To"), FALSE);
  cg_table_add_column (t, _("Length"), TRUE);
  cg_table_add_column (t, _("Size"), TRUE);
  cg_table_add_column (t, _("Recorded"), FALSE);
  guint gi = 0;
  for (guint i = 0; i < nsegs;)
    {
      JsonObject *first = json_array_get_object_element (segs, i);
      gint64 start = member_time (first, "start"), end = member_time (first, "end"), bytes = 0;
      gboolean thinned = FALSE, open = FALSE, damaged = FALSE;
      guint j = i;
      for (; j < nsegs; j++)
        {
          JsonObject *s = json_array_get_object_element (segs, j);
          if (j > i && member_time (s, "start") - end >= GAP_MIN_US)
            break;
          end = MAX (end, member_time (s, "end"));
          bytes += json_object_get_int_member (s, "bytes");
          thinned |= json_object_get_boolean_member (s, "thinned");
          open |= json_object_get_boolean_member (s, "recording");
          damaged |= json_object_get_boolean_member_with_default (s, "damaged", FALSE);
        }
      for (; gi < ngaps && member_time (json_array_get_object_element (gaps, gi), "start") < start; gi++)
        add_gap_row (t, json_array_get_object_element (gaps, gi));
      g_autofree char *a = cg_time_format_local (start, NULL);
      g_autofree char *b = cg_time_format_local (end, NULL);
      g_autofree char *len = cg_duration_format (end - start);
      g_autofree char *size = g_format_size_full ((guint64) bytes, G_FORMAT_SIZE_IEC_UNITS);
      const char *note = open ? _(", recording now")
                         : damaged ? _(", damaged: kept for an administrator")
                         : thinned ? _(", partly thinned") : "";
      g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment%s",
                                                            "%u segments%s", j - i),
                                               j - i, note);
      cg_table_add_row (t, a, b, len, size, what, NULL);
      i = j;
    }
  for (; gi < ngaps; gi++)
    add_gap_row (t, json_array_get_object_element (gaps, gi));
  cg_table_print (t);
  cg_table_free (t);
}

/* One request of the listing; cursor NULL for the first.  NULL, with
 * *status set, when the options do not name one camera. */
static JsonNode *
list_params (const CgCommandContext *ctx, const char *from_text, gint64 from,
             const char *to_text, gint64 to, const char *cursor, int *status)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  *status = cg_command_add_footage_camera (ctx, b);
  if (*status >= 0)
    return NULL;
  *status = CG_EXIT_OK;
  if (from_text != NULL)
    {
      g_autofree char *iso = cg_time_format_iso (from);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, iso);
    }
  if (to_text != NULL)
    {
      g_autofree char *iso = cg_time_format_iso (to);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, iso);
    }
  /* As many as the daemon gives: it keeps each reply small itself. */
  json_builder_set_member_name (b, "limit");
  json_builder_add_int_value (b, 5000);
  if (cursor != NULL)
    {
      json_builder_set_member_name (b, "cursor");
      json_builder_add_string_value (b, cursor);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The segments, gaps and motion of a later page after the first's. */
static void
append_page (JsonObject *all, JsonObject *page)
{
  static const char *const parts[] = { "segments", "gaps", "motion" };
  for (size_t i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (!json_object_has_member (page, parts[i]) || !json_object_has_member (all, parts[i]))
        continue;
      JsonArray *to = json_object_get_array_member (all, parts[i]);
      JsonArray *from = json_object_get_array_member (page, parts[i]);
      for (guint k = 0; k < json_array_get_length (from); k++)
        json_array_add_element (to, json_node_copy (json_array_get_element (from, k)));
    }
}

static int
run (const CgCommandContext *ctx)
{
  const char *from_text = cg_args_get (ctx->args, "from");
  const char *to_text = cg_args_get (ctx->args, "to");
  gboolean json = cg_args_has (ctx->args, "json");

  gint64 from = 0, to = G_MAXINT64;
  g_autoptr (GError) error = NULL;
  if ((from_text != NULL && !cg_time_parse (from_text, NULL, &from, &error))
      || (to_text != NULL && !cg_time_parse (to_text, NULL, &to, &error)))
    return cg_command_usage_error (ctx, "%s", error->message);
  if (to <= from)
    return cg_command_usage_error (ctx, _("--to must be later than --from"));
  int status = CG_EXIT_OK;
  g_autoptr (JsonNode) first = list_params (ctx, from_text, from, to_text, to, NULL, &status);
  if (first == NULL)
    return status;

  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  if (config == NULL)
    return CG_EXIT_FAILED;
  g_autoptr (CgClient) client = cg_command_connect (ctx, config, &status);
  if (client == NULL)
    return status;
  /* The daemon answers a page at a time: every page, put together. */
  g_autoptr (JsonNode) reply = NULL;
  g_autofree char *cursor = NULL;
  do
    {
      g_autoptr (JsonNode) params = cursor == NULL ? g_steal_pointer (&first)
                                    : list_params (ctx, from_text, from, to_text, to, cursor,
                                                   &status);
      if (params == NULL)
        return status;
      g_autoptr (JsonNode) page = cg_command_call (ctx, client, "recordings.list", params, NULL,
                                                   &status);
      if (page == NULL)
        return status;
      JsonObject *o = json_node_get_object (page);
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (o, "next", NULL));
      if (reply == NULL)
        reply = g_steal_pointer (&page);
      else
        append_page (json_node_get_object (reply), o);
    }
  while (cursor != NULL);
  json_object_set_null_member (json_node_get_object (reply), "next");
  if (json)
    cg_json_print_node (reply);
  else
    print_spans (json_node_get_object (reply));
  return CG_EXIT_OK;
}

static const CgOption options[] = {
  CG_OPTION_FOOTAGE_CAMERA,
  { "from", 0, N_("TIME"), N_("from this time, such as 26/11/2026 18:30 (default: the first)") },
  { "to", 0, N_("TIME"), N_("until this time (default: now)") },
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_recordings = {
  .name = "recordings",
  .usage = N_("--camera NAME [--from TIME] [--to TIME] [--json]"),
  .summary = N_("list what was recorded and the gaps, with their reasons"),
  .help = N_("A time is dd/mm/yyyy HH:MM[:SS] in local time, or ISO 8601. A removed "
             "camera's recordings are kept until the storage policy deletes them: its name "
             "reaches them while no other camera has it; else --removed, or --camera-id ID "
             "from camera list --removed."),
  .options = options,
  .run = run,
};
