/* screens/playback_evidence.c — what the playback screen hands over:
 * the marked footage as an evidence export (made by canhgacd, its
 * progress polled, then written here with its SHA-256 and custody record
 * by client/export_files.c), and the frame on screen at full size. */
#include "build-config.h"

#include "client/export_files.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/screens/playback_state.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define POLL_US (CG_USEC_PER_SEC / 2)

static JsonNode *
export_params (gint64 id)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "export");
  json_builder_add_int_value (b, id);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Where the station writes what it hands over: the directory it was
 * started in when it can write there, else the officer's home. */
static char *
output_dir (void)
{
  g_autofree char *here = g_get_current_dir ();
  if (access (here, W_OK) == 0)
    return g_steal_pointer (&here);
  return g_strdup (g_get_home_dir ());
}

/* "cong-cho_27-11-2026_14-02-11" + ext, in the output directory: the
 * camera's name in ASCII, so that any computer can open the file. */
static char *
output_name (const char *camera, gint64 t_us, const char *ext)
{
  g_autofree char *ascii = cg_text_fold (camera);
  for (char *p = ascii; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      *p = '-';
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (t_us / CG_USEC_PER_SEC);
  g_autofree char *when = dt != NULL ? g_date_time_format (dt, "%d-%m-%Y_%H-%M-%S") : g_strdup ("0");
  g_autofree char *dir = output_dir ();
  for (int n = 1; n < 100; n++)
    {
      g_autofree char *base = n == 1 ? g_strdup_printf ("%s_%s%s", ascii, when, ext)
                                     : g_strdup_printf ("%s_%s_%d%s", ascii, when, n, ext);
      char *path = g_build_filename (dir, base, NULL);
      g_autofree char *stem = g_strndup (path, strlen (path) - strlen (ext));
      g_autofree char *custody = g_strconcat (stem, ".custody.txt", NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (custody, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  return g_build_filename (dir, "canhgac", NULL);
}

static void
export_cancel (Playback *pb)
{
  g_autoptr (JsonNode) params = export_params (pb->export_id);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (pb->st->client, "export.cancel", params, NULL, &error);
  if (r == NULL)
    pb_notice (pb, TRUE, "%s", error->message);
  else
    pb_notice (pb, FALSE, _("Export %lld cancelled: nothing of it is kept."), (long long) pb->export_id);
  pb->export_id = 0;
}

void
pb_export_start (Playback *pb)
{
  CgStation *st = pb->st;
  if (st->client == NULL)
    {
      pb_notice (pb, TRUE, "%s", _("Exporting needs canhgacd, which is not answering."));
      return;
    }
  if (pb->export_id > 0)
    {
      export_cancel (pb);
      return;
    }
  if (pb->marks.in_us == 0 || pb->marks.out_us == 0 || pb->marks.out_us <= pb->marks.in_us)
    {
      pb_notice (pb, TRUE, "%s", _("Mark the footage first: i where it begins, o where it ends."));
      return;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, pb->camera);
  cg_json_add_time (b, "from", pb->marks.in_us);
  cg_json_add_time (b, "to", pb->marks.out_us);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "export.create", params, NULL, &error);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    {
      pb_notice (pb, TRUE, "%s", error != NULL ? error->message : "?");
      return;
    }
  pb->export_id = json_object_get_int_member_with_default (json_node_get_object (r), "export", 0);
  pb->export_percent = 0;
  pb->export_polled_us = g_get_monotonic_time ();
  g_clear_pointer (&pb->notice, g_free);
}

/* The export made: its file, digest and custody record written here. */
static void
export_save (Playback *pb)
{
  CgStation *st = pb->st;
  gint64 id = pb->export_id;
  pb->export_id = 0;
  g_autofree char *path = output_name (pb->camera, pb->marks.in_us, ".mp4");
  CgExportFiles o = { 0 };
  g_autoptr (GError) error = NULL;
  int part = -1, fd = -1;
  g_autoptr (JsonNode) params = export_params (id);
  g_autoptr (JsonNode) r = NULL;
  if (cg_export_files_name (&o, path, &error) && (part = cg_export_files_create_part (&o, &error)) >= 0
      && (r = cg_client_call (st->client, "export.open", params, &fd, &error)) != NULL)
    {
      if (fd < 0 || !JSON_NODE_HOLDS_OBJECT (r))
        g_set_error_literal (&error, CG_ERROR, CG_ERROR_FAILED,
                             _("canhgacd sent no file with its answer: export again"));
      else if (cg_export_files_write (&o, fd, part, json_node_get_object (r), NULL, &error))
        {
          const char *digest = json_object_get_string_member_with_default (json_node_get_object (r),
                                                                           "sha256", "");
          pb_notice (pb, FALSE, _("Export %lld written: %s (SHA-256 %.16s…), with %s"), (long long) id,
                     o.mp4, digest, o.custody);
        }
    }
  if (error != NULL)
    pb_notice (pb, TRUE, _("Export %lld was made but not written here: %s (canhgac export list "
                           "shows it)"), (long long) id, error->message);
  if (fd >= 0)
    close (fd);
  if (part >= 0)
    {
      close (part);
      g_unlink (o.part);
    }
  cg_export_files_clear (&o);
}

void
pb_export_poll (Playback *pb)
{
  CgStation *st = pb->st;
  gint64 now = g_get_monotonic_time ();
  if (st->client == NULL || now - pb->export_polled_us < POLL_US)
    return;
  pb->export_polled_us = now;
  g_autoptr (JsonNode) params = export_params (pb->export_id);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "export.show", params, NULL, &error);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    return; /* asked again in a moment */
  JsonObject *x = json_node_get_object (r);
  const char *state = json_object_get_string_member_with_default (x, "state", "");
  if (g_str_equal (state, "running"))
    {
      pb->export_percent = (int) json_object_get_int_member_with_default (x, "percent", pb->export_percent);
      cg_station_redraw (st);
      return;
    }
  if (g_str_equal (state, "complete"))
    export_save (pb);
  else
    {
      JsonObject *e = json_object_get_object_member (x, "error");
      const char *why = e != NULL ? json_object_get_string_member_with_default (e, "message", state) : state;
      pb_notice (pb, TRUE, _("Export %lld was not made: %s"), (long long) pb->export_id, why);
      pb->export_id = 0;
    }
  cg_station_redraw (st);
}

/* ---- the frame on screen, at full size ------------------------------- */

static gboolean
copy_to (int from, const char *path, GError **error)
{
  int to = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (to < 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), path, g_strerror (err));
      return FALSE;
    }
  char buf[65536];
  off_t at = 0;
  gboolean ok = TRUE;
  for (;;)
    {
      ssize_t n = pread (from, buf, sizeof buf, at);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          ok = n == 0;
          break;
        }
      if (write (to, buf, (size_t) n) != n)
        {
          ok = FALSE;
          break;
        }
      at += n;
    }
  int err = errno;
  ok = fsync (to) == 0 && ok;
  ok = close (to) == 0 && ok;
  if (!ok)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("cannot write %s: %s"), path, g_strerror (err));
      g_unlink (path);
    }
  return ok;
}

void
pb_snapshot (Playback *pb)
{
  CgStation *st = pb->st;
  if (st->client == NULL || pb->camera == NULL)
    {
      pb_notice (pb, TRUE, "%s", _("Saving a picture needs canhgacd, which is not answering."));
      return;
    }
  gint64 at = pb->have_frame ? pb->frame_us : pb->head_us;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, pb->camera);
  cg_json_add_time (b, "at", at);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  int fd = -1;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "snapshot.get", params, &fd, &error);
  if (r == NULL || fd < 0)
    {
      pb_notice (pb, TRUE, "%s", error != NULL ? error->message : _("canhgacd sent no picture"));
      if (fd >= 0)
        close (fd);
      return;
    }
  g_autofree char *path = output_name (pb->camera, at, ".jpg");
  if (copy_to (fd, path, &error))
    {
      JsonObject *x = json_node_get_object (r);
      pb_notice (pb, FALSE, _("Picture saved: %s (%lld x %lld)"), path,
                 (long long) json_object_get_int_member_with_default (x, "width", 0),
                 (long long) json_object_get_int_member_with_default (x, "height", 0));
    }
  else
    pb_notice (pb, TRUE, "%s", error->message);
  close (fd);
}
