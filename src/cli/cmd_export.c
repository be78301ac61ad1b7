/* cmd_export.c — `canhgac export`: footage for the investigators, as an
 * MP4 that plays anywhere, its SHA-256 in `sha256sum -c` form, and its
 * custody record to print.  The daemon makes the file (export.create,
 * with progress notifications; Ctrl-C cancels it there) and hands it
 * over as a descriptor (export.open): the file is written from that,
 * never read from the daemon's directory.  The records (list, show,
 * remove, verify) are in cmd_export_records.c. */
#include "build-config.h"

#include "common/cli.h"
#include "common/error.h"
#include "common/file_digest.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "cli/command.h"
#include "client/custody.h"
#include "client/export_files.h"
#include "client/output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Asking the daemon how it goes when it has said nothing for this long. */
#define QUIET_MS 5000

static volatile sig_atomic_t interrupted;

static void
on_interrupt (int sig)
{
  (void) sig;
  interrupted = 1;
}

/* Ctrl-C (and a terminal closed) sets the flag: the export is cancelled
 * on the daemon rather than left running. */
static void
catch_interrupts (void)
{
  struct sigaction sa = { 0 };
  sa.sa_handler = on_interrupt;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGHUP, &sa, NULL);
}

static gboolean
was_interrupted (void)
{
  return interrupted != 0;
}

static JsonNode *
create_params (const CgCommandContext *ctx, gint64 from, gint64 to)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, cg_args_get (ctx->args, "camera"));
  g_autofree char *f = cg_time_format_iso (from), *t = cg_time_format_iso (to);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, f);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, t);
  const char *note = cg_args_get (ctx->args, "note");
  if (note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
    }
  gint64 incident = 0;
  const char *incident_text = cg_args_get (ctx->args, "incident");
  if (incident_text != NULL
      && g_ascii_string_to_signed (incident_text, 10, 1, G_MAXINT64, &incident, NULL))
    {
      json_builder_set_member_name (b, "incident");
      json_builder_add_int_value (b, incident);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
id_params (gint64 id)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "export");
  json_builder_add_int_value (b, id);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Waits for the export to end, showing how far it got on a terminal and
 * cancelling it on Ctrl-C; returns the last state it reported (owned by
 * *last) or NULL when the daemon cannot be reached. */
static const char *
wait_for (const CgCommandContext *ctx, CgClient *client, gint64 id, JsonNode **last, int *status)
{
  gboolean tty = isatty (STDERR_FILENO), cancelling = FALSE;
  int shown = -1;
  gint64 quiet_since = g_get_monotonic_time ();
  for (;;)
    {
      if (interrupted && !cancelling)
        {
          cancelling = TRUE;
          if (tty)
            fputc ('\n', stderr);
          fprintf (stderr, "%s\n", _("Cancelling the export..."));
          g_autoptr (JsonNode) params = id_params (id);
          g_autoptr (GError) error = NULL;
          g_autoptr (JsonNode) r = cg_client_call (client, "export.cancel", params, NULL, &error);
        }
      g_autoptr (JsonNode) params = NULL;
      gint64 waited_from = g_get_monotonic_time ();
      g_autofree char *method = cg_client_next_notification (client, 250, &params);
      JsonObject *p = params != NULL && JSON_NODE_HOLDS_OBJECT (params) ? json_node_get_object (params) : NULL;
      /* Nothing at once, before the wait was over: the connection broke
       * (asking says so). */
      gboolean broken = method == NULL && g_get_monotonic_time () - waited_from < 200 * 1000;
      if (method == NULL || !g_str_equal (method, "export.progress") || p == NULL
          || json_object_get_int_member_with_default (p, "export", 0) != id)
        {
          if (!broken && (g_get_monotonic_time () - quiet_since) / 1000 < QUIET_MS)
            continue;
          /* Nothing heard for a while: ask. */
          quiet_since = g_get_monotonic_time ();
          g_autoptr (JsonNode) ask = id_params (id);
          g_clear_pointer (last, json_node_unref);
          *last = cg_command_call (ctx, client, "export.show", ask, NULL, status);
          if (*last == NULL)
            return NULL;
          p = json_node_get_object (*last);
        }
      else
        {
          quiet_since = g_get_monotonic_time ();
          g_clear_pointer (last, json_node_unref);
          *last = json_node_ref (params);
        }
      const char *state = json_object_get_string_member_with_default (p, "state", "");
      int percent = (int) json_object_get_int_member_with_default (p, "percent", 0);
      if (!g_str_equal (state, "running"))
        {
          if (tty && shown >= 0)
            fputc ('\n', stderr);
          return state;
        }
      if (tty && percent != shown && !cancelling)
        {
          fprintf (stderr, "\r%s", "");
          fprintf (stderr, _("Exporting: %d%%"), percent);
          fflush (stderr);
          shown = percent;
        }
    }
}

/* What the officer reads once the files are written. */
static void
print_done (JsonObject *x, const CgExportFiles *o)
{
  g_autofree char *size = g_format_size_full ((guint64) json_object_get_int_member (x, "bytes"),
                                              G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *l1 = g_strdup_printf (_("Export %lld written to %s: %.1f s of footage, %s."),
                                         (long long) json_object_get_int_member (x, "id"), o->mp4,
                                         json_object_get_double_member (x, "duration"), size);
  g_autofree char *l2 = g_strdup_printf (_("SHA-256: %s (check it with: sha256sum -c %s)."),
                                         json_object_get_string_member (x, "sha256"), o->sha256);
  g_autofree char *l3 = g_strdup_printf (_("Custody record, to print and hand over with the "
                                           "file: %s."), o->custody);
  cg_print_line (l1);
  cg_print_line (l2);
  cg_print_line (l3);
  JsonArray *gaps = json_object_get_array_member (x, "gaps");
  guint n = gaps != NULL ? json_array_get_length (gaps) : 0;
  if (n > 0)
    {
      g_autofree char *l = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u stretch of the range has no footage: "
                                                         "the custody record lists it.",
                                                         "%u stretches of the range have no "
                                                         "footage: the custody record lists them.",
                                                         n), n);
      cg_print_line (l);
    }
  if (json_object_get_boolean_member_with_default (x, "thinned", FALSE))
    cg_print_line (_("Part of the footage had been thinned to keyframes only: the custody "
                     "record says which."));
}

static void
print_json (JsonNode *reply, const CgExportFiles *o)
{
  JsonObject *x = json_node_get_object (reply);
  JsonObject *files = json_object_new ();
  json_object_set_string_member (files, "mp4", o->mp4);
  json_object_set_string_member (files, "sha256", o->sha256);
  json_object_set_string_member (files, "custody", o->custody);
  json_object_set_object_member (x, "files", files);
  cg_json_print_node (reply);
}

/* Gets the finished export by descriptor and writes the three files. */
static int
fetch (const CgCommandContext *ctx, CgClient *client, gint64 id, int part, const CgExportFiles *o)
{
  int status = CG_EXIT_OK, fd = -1;
  g_autoptr (JsonNode) params = id_params (id);
  g_autoptr (JsonNode) reply = cg_command_call (ctx, client, "export.open", params, &fd, &status);
  if (reply == NULL)
    return status;
  if (fd < 0)
    {
      cg_cli_error (ctx->program, _("canhgacd sent no file with its answer: export again"));
      return CG_EXIT_FAILED;
    }
  JsonObject *x = json_node_get_object (reply);
  g_autoptr (GError) error = NULL;
  gboolean ok = cg_export_files_write (o, fd, part, x, was_interrupted, &error);
  close (fd);
  if (!ok)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  if (cg_args_has (ctx->args, "json"))
    print_json (reply, o);
  else
    print_done (x, o);
  return CG_EXIT_OK;
}

static int
make (const CgCommandContext *ctx, CgClient *client, gint64 from, gint64 to, int part,
      const CgExportFiles *o)
{
  int status = CG_EXIT_OK;
  catch_interrupts ();
  g_autoptr (JsonNode) params = create_params (ctx, from, to);
  g_autoptr (JsonNode) created = cg_command_call (ctx, client, "export.create", params, NULL, &status);
  if (created == NULL)
    return status;
  gint64 id = json_object_get_int_member (json_node_get_object (created), "export");
  g_autoptr (JsonNode) last = NULL;
  const char *state = wait_for (ctx, client, id, &last, &status);
  if (state == NULL)
    return status;
  if (!g_str_equal (state, "complete"))
    {
      g_autofree char *why = cg_custody_error_text (json_node_get_object (last));
      cg_cli_error (ctx->program, _("export %lld was not made: %s"), (long long) id,
                    why != NULL ? why : state);
      if (cg_args_has (ctx->args, "json"))
        cg_json_print_node (last);
      return CG_EXIT_FAILED;
    }
  return fetch (ctx, client, id, part, o);
}

static int
run (const CgCommandContext *ctx)
{
  const char *camera = cg_args_get (ctx->args, "camera");
  const char *from_text = cg_args_get (ctx->args, "from");
  const char *to_text = cg_args_get (ctx->args, "to");
  const char *file = cg_args_get (ctx->args, "output");
  if (camera == NULL || from_text == NULL || to_text == NULL || file == NULL)
    return cg_command_usage_error (ctx, _("say which footage and where to write it: --camera "
                                          "NAME --from TIME --to TIME -o FILE.mp4"));
  gint64 from = 0, to = 0;
  g_autoptr (GError) error = NULL;
  if (!cg_time_parse (from_text, NULL, &from, &error) || !cg_time_parse (to_text, NULL, &to, &error))
    return cg_command_usage_error (ctx, "%s", error->message);
  if (to <= from)
    return cg_command_usage_error (ctx, _("--to must be later than --from"));
  const char *incident = cg_args_get (ctx->args, "incident");
  gint64 incident_id = 0;
  if (incident != NULL && !g_ascii_string_to_signed (incident, 10, 1, G_MAXINT64, &incident_id, NULL))
    return cg_command_usage_error (ctx, _("--incident needs an incident's id, a number such as "
                                          "12 (incident show gives it)"));
  int status = CG_EXIT_OK;
  CgExportFiles o = { 0 };
  if (!cg_export_files_name (&o, file, &error))
    {
      cg_export_files_clear (&o);
      if (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE))
        return cg_command_usage_error (ctx, "%s", error->message);
      cg_cli_error (ctx->program, "%s", error->message);
      return CG_EXIT_FAILED;
    }
  g_autoptr (CgConfig) config = cg_command_load_config (ctx);
  g_autoptr (CgClient) client = config != NULL ? cg_command_connect (ctx, config, &status) : NULL;
  if (config == NULL)
    status = CG_EXIT_FAILED;
  /* Writable here before the daemon does any work. */
  int part = client != NULL ? cg_export_files_create_part (&o, &error) : -1;
  if (client != NULL && part < 0)
    {
      cg_cli_error (ctx->program, "%s", error->message);
      status = CG_EXIT_FAILED;
    }
  if (part >= 0)
    {
      status = make (ctx, client, from, to, part, &o);
      close (part);
      g_unlink (o.part);
    }
  cg_export_files_clear (&o);
  return status;
}

static const CgOption options[] = {
  { "camera", 0, N_("NAME"), N_("the camera whose footage to export") },
  { "from", 0, N_("TIME"), N_("from this time, such as 26/11/2026 18:30 (or ISO 8601)") },
  { "to", 0, N_("TIME"), N_("until this time") },
  { "output", 'o', N_("FILE.mp4"), N_("write the MP4 here, and beside it FILE.mp4.sha256 and "
                                       "FILE.custody.txt") },
  { "note", 0, N_("TEXT"), N_("a note for the custody record, such as the case number") },
  { "incident", 0, N_("ID"), N_("the incident it is evidence of, by its id (incident show gives "
                                "it): listed with the incident") },
  CG_OPTION_JSON,
  { NULL },
};

const CgCommand cg_cmd_export = {
  .name = "export",
  .usage = N_("--camera NAME --from TIME --to TIME -o FILE.mp4 | ACTION ..."),
  .summary = N_("export footage as evidence: an MP4, its SHA-256 and its custody record"),
  .help = N_("A time is dd/mm/yyyy HH:MM[:SS] in local time, or ISO 8601.  The file starts at "
             "the keyframe at or before --from; stretches with no footage are left out and "
             "listed in the custody record.  Ctrl-C cancels the export.  Needs the operator "
             "role."),
  .options = options,
  .run = run,
  .commands = (const CgCommand *const[]) { &cg_cmd_export_list, &cg_cmd_export_show,
                                            &cg_cmd_export_remove, &cg_cmd_export_verify, NULL },
};
