/* custody.c — an export's custody record as printable text. */
#include "build-config.h"

#include "client/custody.h"

#include "common/export_state.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"

#include <stdarg.h>
#include <string.h>

static const char *
str (JsonObject *o, const char *name)
{
  return json_object_get_string_member_with_default (o, name, NULL);
}

static gint64
time_of (JsonObject *o, const char *name)
{
  gint64 us = 0;
  const char *text = str (o, name);
  if (text == NULL || !cg_time_parse (text, NULL, &us, NULL))
    return 0;
  return us;
}

static char *
when (JsonObject *o, const char *name)
{
  gint64 us = time_of (o, name);
  return us > 0 ? cg_time_format_local (us, NULL) : g_strdup ("-");
}

static char *
size_text (gint64 bytes)
{
  return g_format_size_full ((guint64) MAX (bytes, 0), G_FORMAT_SIZE_IEC_UNITS);
}

char *
cg_custody_error_text (JsonObject *export)
{
  if (!json_object_has_member (export, "error") || json_object_get_null_member (export, "error"))
    return NULL;
  JsonObject *e = json_object_get_object_member (export, "error");
  if (e == NULL)
    return NULL;
  g_autoptr (CgMessage) m = json_object_has_member (e, "data")
                              ? cg_message_from_json (json_object_get_member (e, "data")) : NULL;
  char *worded = m != NULL ? cg_message_word_translated (m) : NULL;
  return worded != NULL ? worded : g_strdup (str (e, "message") != NULL ? str (e, "message") : "?");
}

/* "Label: value", indented under a heading when indent. */
static void
line (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
line (GString *out, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_string_append_vprintf (out, format, ap);
  va_end (ap);
  g_string_append_c (out, '\n');
}

static void
add_sources (GString *out, JsonObject *x)
{
  JsonArray *sources = json_object_get_array_member (x, "sources");
  guint n = sources != NULL ? json_array_get_length (sources) : 0;
  g_string_append_c (out, '\n');
  line (out, g_dngettext (GETTEXT_PACKAGE, "Recorded footage used (%u segment, as the daemon "
                                           "read it):", "Recorded footage used (%u segments, as "
                                           "the daemon read them):", n), n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *s = json_array_get_object_element (sources, i);
      g_autofree char *start = when (s, "start"), *end = when (s, "end");
      g_autofree char *from = when (s, "from"), *to = when (s, "to");
      g_autofree char *bytes = size_text (json_object_get_int_member_with_default (s, "bytes", 0));
      gboolean thinned = json_object_get_boolean_member_with_default (s, "thinned", FALSE);
      line (out, _("%2u. segment %s to %s (%s)"), i + 1, start, end, bytes);
      line (out, _("    used from %s to %s"), from, to);
      if (thinned)
        line (out, "%s", _("    thinned before the export: keyframes only"));
      line (out, _("    SHA-256 %s"), str (s, "sha256") != NULL ? str (s, "sha256") : "?");
      const char *recorded = str (s, "recorded_sha256");
      if (recorded == NULL)
        line (out, "%s", _("    (no digest was recorded for it when it was closed)"));
      else if (g_strcmp0 (recorded, str (s, "sha256")) != 0)
        {
          line (out, "%s", _("    DIFFERS from the digest recorded when it was closed:"));
          line (out, "    %s", recorded);
        }
      else
        line (out, "%s", _("    the same as recorded when it was closed"));
    }
}

static void
add_gaps (GString *out, JsonObject *x)
{
  JsonArray *gaps = json_object_get_array_member (x, "gaps");
  guint n = gaps != NULL ? json_array_get_length (gaps) : 0;
  g_string_append_c (out, '\n');
  if (n == 0)
    {
      line (out, "%s", _("Gaps: none, the footage is continuous."));
      return;
    }
  line (out, "%s", _("Gaps (left out: there is no footage of them in the file):"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *g = json_array_get_object_element (gaps, i);
      g_autofree char *from = when (g, "start"), *to = when (g, "end");
      g_autofree char *len = cg_duration_format (time_of (g, "end") - time_of (g, "start"));
      gboolean damaged = json_object_get_boolean_member_with_default (g, "damaged", FALSE);
      line (out, _("  from %s to %s (%s)%s"), from, to, len,
            damaged ? _(": footage there is damaged and cannot be read") : _(": nothing was recorded"));
    }
}

static void
add_outcome (GString *out, JsonObject *x, const char *file)
{
  const char *state = str (x, "state");
  if (g_strcmp0 (state, "complete") != 0 && g_strcmp0 (state, "removed") != 0)
    {
      line (out, _("State: %s"), g_dgettext (GETTEXT_PACKAGE, cg_export_state_msgid (state)));
      g_autofree char *why = cg_custody_error_text (x);
      if (why != NULL)
        line (out, _("Why: %s"), why);
      return;
    }
  g_autofree char *from = when (x, "actual_from"), *to = when (x, "actual_to");
  double secs = json_object_get_double_member_with_default (x, "duration", 0);
  line (out, _("Exported: from %s to %s (%.1f s of footage)"), from, to, secs);
  g_autofree char *bytes = size_text (json_object_get_int_member_with_default (x, "bytes", 0));
  if (file != NULL)
    line (out, _("File: %s (%s, MP4)"), file, bytes);
  else
    line (out, _("File: kept by canhgacd (%s, MP4)"), bytes);
  line (out, _("SHA-256 of the file: %s"), str (x, "sha256") != NULL ? str (x, "sha256") : "?");
  line (out, "%s", str (x, "audio") != NULL ? _("Sound: yes, as recorded") : _("Sound: none"));
  if (json_object_get_boolean_member_with_default (x, "thinned", FALSE))
    line (out, "%s", _("Thinned footage: yes, some parts hold keyframes only (see below)."));
  else
    line (out, "%s", _("Thinned footage: none, every recorded picture is in the file."));
  if (g_strcmp0 (state, "removed") == 0)
    {
      JsonObject *r = json_object_get_object_member (x, "removed");
      g_autofree char *at = r != NULL ? when (r, "time") : g_strdup ("-");
      line (out, _("The daemon's copy was removed on %s by %s: %s"), at,
            r != NULL && str (r, "by") != NULL ? str (r, "by") : "?",
            r != NULL && str (r, "reason") != NULL ? str (r, "reason") : "?");
    }
}

char *
cg_custody_text (JsonObject *x, const char *file)
{
  GString *out = g_string_new (NULL);
  gint64 id = json_object_get_int_member_with_default (x, "id", 0);
  line (out, _("EVIDENCE EXPORT No. %lld: CUSTODY RECORD"), (long long) id);
  line (out, "%s", "================================================================");
  const char *place = str (x, "place");
  if (place != NULL)
    line (out, _("Camera: %s (%s)"), str (x, "camera"), place);
  else
    line (out, _("Camera: %s"), str (x, "camera"));
  g_autofree char *asked_from = when (x, "from"), *asked_to = when (x, "to");
  line (out, _("Asked for: from %s to %s"), asked_from, asked_to);
  g_autofree char *created = when (x, "created");
  const char *full = str (x, "full_name");
  if (full != NULL)
    line (out, _("Exported by: %s (%s), on %s, at %s"), str (x, "created_by"), full,
          str (x, "host") != NULL ? str (x, "host") : "?", created);
  else
    line (out, _("Exported by: %s, on %s, at %s"), str (x, "created_by"),
          str (x, "host") != NULL ? str (x, "host") : "?", created);
  if (str (x, "note") != NULL)
    line (out, _("Note: %s"), str (x, "note"));
  add_outcome (out, x, file);
  add_sources (out, x);
  add_gaps (out, x);
  if (file != NULL)
    {
      g_string_append_c (out, '\n');
      line (out, "%s", _("To check that the file is the one exported, unaltered:"));
      line (out, _("  sha256sum -c %s.sha256"), file);
      line (out, _("  canhgac export verify %s   (at the police post)"), file);
      g_string_append_c (out, '\n');
      line (out, "%s", _("Handed over by: ____________________  Received by: ____________________"));
      line (out, "%s", _("Date: ______________  Signatures:"));
    }
  return g_string_free (out, FALSE);
}
