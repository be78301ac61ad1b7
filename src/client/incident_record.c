/* incident_record.c — an incident's record to print, as text or HTML. */
#include "build-config.h"

#include "client/incident_record.h"

#include "common/i18n.h"
#include "common/timeutil.h"

#include <string.h>

static const struct {
  const char *code;
  const char *label;
} statuses[] = {
  { "new", N_("newly received") },
  { "verifying", N_("being verified") },
  { "transferred", N_("transferred to the investigation agency") },
  { "resolved", N_("resolved") },
  { "closed", N_("closed") },
};

const char *
cg_incident_status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (status, statuses[i].code) == 0)
      return _(statuses[i].label);
  return status != NULL ? status : "";
}

static const char *
str (JsonObject *o, const char *name)
{
  if (o == NULL || !json_object_has_member (o, name) || json_object_get_null_member (o, name))
    return NULL;
  return json_object_get_string_member_with_default (o, name, NULL);
}

static char *
when (JsonObject *o, const char *name)
{
  gint64 us = 0;
  const char *text = str (o, name);
  if (text == NULL || !cg_time_parse (text, NULL, &us, NULL))
    return g_strdup ("-");
  return cg_time_format_local (us, NULL);
}

static JsonArray *
array (JsonObject *o, const char *name)
{
  return json_object_has_member (o, name) && !json_object_get_null_member (o, name)
           ? json_object_get_array_member (o, name) : NULL;
}

/* One field of the record: its label and its value, both in the reader's
 * language. */
typedef struct {
  const char *label;
  char *value;
} Field;

static void
fields_free (GArray *a)
{
  for (guint i = 0; i < a->len; i++)
    g_free (g_array_index (a, Field, i).value);
  g_array_unref (a);
}

static void
field (GArray *a, const char *label, char *value)
{
  Field f = { label, value != NULL ? value : g_strdup ("") };
  g_array_append_val (a, f);
}

static char *
dup_or_dash (const char *s)
{
  return g_strdup (s != NULL && *s != '\0' ? s : "-");
}

char *
cg_incident_map_text (JsonObject *x)
{
  return dup_or_dash (str (x, "map"));
}

char *
cg_incident_nearest_text (JsonObject *x)
{
  JsonArray *a = array (x, "nearest_cameras");
  if (a == NULL || json_array_get_length (a) == 0)
    return NULL;
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *place = str (c, "place");
      g_autofree char *name = place != NULL && *place != '\0'
                                ? g_strdup_printf ("%s (%s)", str (c, "name"), place)
                                : g_strdup (str (c, "name"));
      if (i > 0)
        g_string_append (s, "; ");
      /* TRANSLATORS: a camera near the incident, and how far on the map. */
      g_string_append_printf (s, _("%s, %.1f away"), name,
                              json_object_get_double_member_with_default (c, "distance", 0));
    }
  return g_string_free (s, FALSE);
}

/* The fields of the record, in the order they are printed. */
static GArray *
record_fields (JsonObject *x)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (Field));
  field (a, _("Kind"), dup_or_dash (str (x, "kind_label")));
  g_autofree char *from = when (x, "from"), *to = when (x, "to");
  field (a, _("Time"), g_strdup_printf (_("from %s to %s"), from, to));
  field (a, _("Place"), dup_or_dash (str (x, "place")));
  field (a, _("Map position"), cg_incident_map_text (x));
  char *near = cg_incident_nearest_text (x);
  if (near != NULL)
    field (a, _("Nearest cameras"), near);
  field (a, _("What happened"), dup_or_dash (str (x, "description")));
  const char *reporter = str (x, "reporter"), *phone = str (x, "reporter_phone");
  field (a, _("Reported by"),
         phone != NULL ? g_strdup_printf ("%s (%s)", reporter != NULL ? reporter : "-", phone)
                       : dup_or_dash (reporter));
  const char *officer = str (x, "officer"), *name = str (x, "officer_name");
  field (a, _("Officer in charge"),
         name != NULL ? g_strdup_printf ("%s (%s)", name, officer) : dup_or_dash (officer));
  field (a, _("Status"), g_strdup (cg_incident_status_label (str (x, "status"))));
  field (a, _("Outcome"), dup_or_dash (str (x, "outcome")));
  const char *helped = _("not said yet");
  if (json_object_has_member (x, "footage_helped") && !json_object_get_null_member (x, "footage_helped"))
    helped = json_object_get_boolean_member (x, "footage_helped") ? _("yes") : _("no");
  field (a, _("Footage helped"), g_strdup (helped));
  if (str (x, "closed") != NULL)
    field (a, _("Closed on"), when (x, "closed"));
  g_autofree char *created = when (x, "created"), *updated = when (x, "updated");
  field (a, _("Recorded"), g_strdup_printf (_("%s by %s"), created, str (x, "created_by")));
  field (a, _("Last changed"),
         g_strdup_printf (_("%s by %s (version %lld)"), updated, str (x, "updated_by"),
                          (long long) json_object_get_int_member_with_default (x, "version", 0)));
  return a;
}

/* An evidence range in one line. */
static char *
evidence_line (JsonObject *e)
{
  g_autofree char *from = when (e, "from"), *to = when (e, "to"), *added = when (e, "added");
  double seconds = json_object_get_double_member_with_default (e, "footage_seconds", 0);
  g_autofree char *footage = seconds > 0
    ? g_strdup_printf (_("%.0f s recorded"), seconds)
    : g_strdup (_("nothing recorded in this range"));
  g_autofree char *line = g_strdup_printf (_("camera %s, from %s to %s: %s; added by %s on %s"),
                                           str (e, "camera"), from, to, footage,
                                           str (e, "added_by"), added);
  JsonObject *r = json_object_has_member (e, "removed") && !json_object_get_null_member (e, "removed")
                    ? json_object_get_object_member (e, "removed") : NULL;
  if (r == NULL)
    return g_steal_pointer (&line);
  g_autofree char *at = when (r, "time");
  return g_strdup_printf (_("%s; taken off by %s on %s: %s"), line, str (r, "by"), at,
                          str (r, "reason"));
}

static char *
export_line (JsonObject *x)
{
  g_autofree char *made = when (x, "created");
  g_autofree char *size = g_format_size_full ((guint64) json_object_get_int_member_with_default (x, "bytes", 0),
                                              G_FORMAT_SIZE_IEC_UNITS);
  const char *sha = str (x, "sha256");
  return g_strdup_printf (_("export %lld (%s), made on %s by %s, %s, SHA-256 %s"),
                          (long long) json_object_get_int_member (x, "id"), str (x, "state"),
                          made, str (x, "created_by"), size, sha != NULL ? sha : "-");
}

static char *
history_line (JsonObject *h)
{
  g_autofree char *at = when (h, "time");
  return g_strdup_printf ("%s  %s  %s  %s", at, str (h, "user"), str (h, "action"),
                          str (h, "detail") != NULL ? str (h, "detail") : "");
}

/* The lists of the record: (heading, the line of each element). */
typedef struct {
  const char *heading;
  const char *member;
  char *(*line) (JsonObject *);
} List;

static const List lists[] = {
  { N_("Evidence (footage kept for it)"), "evidence", evidence_line },
  { N_("Evidence taken off"), "evidence_removed", evidence_line },
  { N_("Exports"), "exports", export_line },
  { N_("Changes (from the audit log)"), "history", history_line },
};

char *
cg_incident_record_text (JsonObject *x)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, _("INCIDENT RECORD %s"), str (x, "code"));
  g_string_append (s, "\n\n");
  GArray *fields = record_fields (x);
  for (guint i = 0; i < fields->len; i++)
    {
      const Field *f = &g_array_index (fields, Field, i);
      g_string_append_printf (s, "%s: %s\n", f->label, f->value);
    }
  fields_free (fields);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *a = array (x, lists[l].member);
      if (a == NULL || (json_array_get_length (a) == 0 && l == 1))
        continue;
      g_string_append_printf (s, "\n%s:\n", _(lists[l].heading));
      if (json_array_get_length (a) == 0)
        g_string_append_printf (s, "  %s\n", _("none"));
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *line = lists[l].line (json_array_get_object_element (a, i));
          g_string_append_printf (s, "  %u. %s\n", i + 1, line);
        }
    }
  g_autofree char *now = cg_time_format_local (cg_time_now_us (), NULL);
  g_string_append_printf (s, "\n%s\n", "");
  g_string_append_printf (s, _("Printed on %s."), now);
  g_string_append (s, "\n");
  return g_string_free (s, FALSE);
}

static void
escaped (GString *s, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text != NULL ? text : "", -1);
  g_string_append (s, e);
}

char *
cg_incident_record_html (JsonObject *x)
{
  GString *s = g_string_new ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_autofree char *title = g_strdup_printf (_("INCIDENT RECORD %s"), str (x, "code"));
  g_string_append (s, "<title>");
  escaped (s, title);
  g_string_append (s, "</title>\n<style>\n"
    "@page { size: A4; margin: 18mm 16mm; }\n"
    "body { font-family: 'Times New Roman', 'DejaVu Serif', serif; font-size: 12pt;"
    " color: #000; max-width: 178mm; margin: 0 auto; }\n"
    "h1 { font-size: 15pt; text-align: center; margin: 0 0 8mm; }\n"
    "h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }\n"
    "table.fields { border-collapse: collapse; width: 100%; }\n"
    "table.fields th { text-align: left; vertical-align: top; width: 38mm; padding: 1mm 2mm 1mm 0;"
    " font-weight: bold; }\n"
    "table.fields td { padding: 1mm 0; white-space: pre-wrap; }\n"
    "ol { margin: 0; padding-left: 7mm; } li { margin: 1mm 0; }\n"
    ".digest, .trail { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt;"
    " word-break: break-all; }\n"
    ".printed { margin-top: 8mm; font-size: 10pt; }\n"
    "@media print { h2 { page-break-after: avoid; } li, tr { page-break-inside: avoid; } }\n"
    "</style>\n</head>\n<body>\n<h1>");
  escaped (s, title);
  g_string_append (s, "</h1>\n<table class=\"fields\">\n");
  GArray *fields = record_fields (x);
  for (guint i = 0; i < fields->len; i++)
    {
      const Field *f = &g_array_index (fields, Field, i);
      g_string_append (s, "<tr><th>");
      escaped (s, f->label);
      g_string_append (s, "</th><td>");
      escaped (s, f->value);
      g_string_append (s, "</td></tr>\n");
    }
  fields_free (fields);
  g_string_append (s, "</table>\n");
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *a = array (x, lists[l].member);
      if (a == NULL || (json_array_get_length (a) == 0 && l == 1))
        continue;
      g_string_append (s, "<h2>");
      escaped (s, _(lists[l].heading));
      g_string_append (s, "</h2>\n");
      if (json_array_get_length (a) == 0)
        {
          g_string_append (s, "<p>");
          escaped (s, _("none"));
          g_string_append (s, "</p>\n");
          continue;
        }
      g_string_append_printf (s, "<ol%s>\n", l >= 2 ? " class=\"trail\"" : "");
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *line = lists[l].line (json_array_get_object_element (a, i));
          g_string_append (s, "<li>");
          escaped (s, line);
          g_string_append (s, "</li>\n");
        }
      g_string_append (s, "</ol>\n");
    }
  g_autofree char *now = cg_time_format_local (cg_time_now_us (), NULL);
  g_autofree char *printed = g_strdup_printf (_("Printed on %s."), now);
  g_string_append (s, "<p class=\"printed\">");
  escaped (s, printed);
  g_string_append (s, "</p>\n</body>\n</html>\n");
  return g_string_free (s, FALSE);
}
