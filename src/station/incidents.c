/* incidents.c — incident records, statuses and the F5 log's state
 * (incidents.h).  Pure. */
#include "build-config.h"

#include "station/incidents.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* ---- records ------------------------------------------------------------- */

static char *
str (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return g_strdup ("");
  return g_strdup (json_node_get_string (n));
}

static gint64
integer (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return 0;
  GType t = json_node_get_value_type (n);
  if (t == G_TYPE_INT64)
    return json_node_get_int (n);
  if (t == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (n);
  return 0;
}

static double
number (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return 0;
  GType t = json_node_get_value_type (n);
  if (t == G_TYPE_INT64)
    return (double) json_node_get_int (n);
  if (t == G_TYPE_DOUBLE)
    return json_node_get_double (n);
  return 0;
}

/* An ISO 8601 time; 0 when absent, null or unreadable. */
static gint64
when (JsonObject *o, const char *name)
{
  g_autofree char *text = str (o, name);
  gint64 us = 0;
  if (*text == '\0' || !cg_time_parse (text, NULL, &us, NULL))
    return 0;
  return us;
}

static JsonArray *
array (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static void
evidence_free (gpointer p)
{
  CgEvidence *e = p;
  g_free (e->camera);
  g_free (e->added_by);
  g_free (e);
}

static void
export_free (gpointer p)
{
  CgIncidentExport *x = p;
  g_free (x->state);
  g_free (x->sha256);
  g_free (x->created_by);
  g_free (x);
}

static void
event_free (gpointer p)
{
  CgIncidentEvent *e = p;
  g_free (e->user);
  g_free (e->action);
  g_free (e->detail);
  g_free (e);
}

CgIncident *
cg_incident_from_json (JsonObject *o)
{
  if (o == NULL || integer (o, "id") <= 0)
    return NULL;
  CgIncident *inc = g_new0 (CgIncident, 1);
  inc->id = integer (o, "id");
  inc->code = str (o, "code");
  inc->kind = str (o, "kind");
  inc->kind_label = str (o, "kind_label");
  inc->from_us = when (o, "from");
  inc->to_us = when (o, "to");
  inc->place = str (o, "place");
  inc->map = str (o, "map");
  char *near = cg_incident_nearest_text (o);
  inc->nearest = near != NULL ? near : g_strdup ("");
  inc->description = str (o, "description");
  inc->reporter = str (o, "reporter");
  inc->reporter_phone = str (o, "reporter_phone");
  inc->officer = str (o, "officer");
  inc->officer_name = str (o, "officer_name");
  inc->status = str (o, "status");
  inc->outcome = str (o, "outcome");
  JsonNode *h = json_object_get_member (o, "footage_helped");
  inc->footage_helped = h != NULL && JSON_NODE_HOLDS_VALUE (h)
                            && json_node_get_value_type (h) == G_TYPE_BOOLEAN
                          ? (json_node_get_boolean (h) ? CG_HELPED_YES : CG_HELPED_NO)
                          : CG_HELPED_UNKNOWN;
  inc->closed_us = when (o, "closed");
  inc->created_us = when (o, "created");
  inc->updated_us = when (o, "updated");
  inc->created_by = str (o, "created_by");
  inc->updated_by = str (o, "updated_by");
  inc->version = integer (o, "version");
  inc->evidence = g_ptr_array_new_with_free_func (evidence_free);
  inc->exports = g_ptr_array_new_with_free_func (export_free);
  inc->history = g_ptr_array_new_with_free_func (event_free);
  JsonArray *a = array (o, "evidence");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      if (e == NULL)
        continue;
      CgEvidence *ev = g_new0 (CgEvidence, 1);
      ev->id = integer (e, "id");
      ev->camera = str (e, "camera");
      ev->from_us = when (e, "from");
      ev->to_us = when (e, "to");
      ev->added_by = str (e, "added_by");
      ev->added_us = when (e, "added");
      ev->footage_seconds = number (e, "footage_seconds");
      g_ptr_array_add (inc->evidence, ev);
    }
  a = array (o, "exports");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      if (e == NULL)
        continue;
      CgIncidentExport *x = g_new0 (CgIncidentExport, 1);
      x->id = integer (e, "id");
      x->state = str (e, "state");
      x->sha256 = str (e, "sha256");
      x->bytes = integer (e, "bytes");
      x->created_us = when (e, "created");
      x->created_by = str (e, "created_by");
      g_ptr_array_add (inc->exports, x);
    }
  a = array (o, "history");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      if (e == NULL)
        continue;
      CgIncidentEvent *ev = g_new0 (CgIncidentEvent, 1);
      ev->time_us = when (e, "time");
      ev->user = str (e, "user");
      ev->action = str (e, "action");
      ev->detail = str (e, "detail");
      g_ptr_array_add (inc->history, ev);
    }
  return inc;
}

void
cg_incident_free (CgIncident *inc)
{
  if (inc == NULL)
    return;
  g_free (inc->code);
  g_free (inc->kind);
  g_free (inc->kind_label);
  g_free (inc->place);
  g_free (inc->map);
  g_free (inc->nearest);
  g_free (inc->description);
  g_free (inc->reporter);
  g_free (inc->reporter_phone);
  g_free (inc->officer);
  g_free (inc->officer_name);
  g_free (inc->status);
  g_free (inc->outcome);
  g_free (inc->created_by);
  g_free (inc->updated_by);
  g_ptr_array_unref (inc->evidence);
  g_ptr_array_unref (inc->exports);
  g_ptr_array_unref (inc->history);
  g_free (inc);
}

/* ---- statuses and kinds ----------------------------------------------------- */

const char *const cg_incident_statuses[CG_INCIDENT_N_STATUSES] = {
  "new", "verifying", "transferred", "resolved", "closed",
};

int
cg_incident_status_index (const char *status)
{
  for (int i = 0; i < CG_INCIDENT_N_STATUSES; i++)
    if (g_strcmp0 (status, cg_incident_statuses[i]) == 0)
      return i;
  return -1;
}

const char *
cg_incident_helped_label (CgHelped helped)
{
  switch (helped)
    {
    case CG_HELPED_YES: return _("yes");
    case CG_HELPED_NO: return _("no");
    case CG_HELPED_UNKNOWN:
    default: return _("not said");
    }
}

static void
kind_free (gpointer p)
{
  CgIncidentKind *k = p;
  g_free (k->code);
  g_free (k->label);
  g_free (k);
}

GPtrArray *
cg_incident_kinds_from_json (JsonObject *reply)
{
  GPtrArray *kinds = g_ptr_array_new_with_free_func (kind_free);
  JsonArray *a = reply != NULL ? array (reply, "kinds") : NULL;
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      if (o == NULL)
        continue;
      CgIncidentKind *k = g_new0 (CgIncidentKind, 1);
      k->code = str (o, "code");
      k->label = str (o, "label");
      if (*k->code == '\0')
        {
          kind_free (k);
          continue;
        }
      g_ptr_array_add (kinds, k);
    }
  return kinds;
}

const char *
cg_incident_kind_label (GPtrArray *kinds, const char *code)
{
  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      CgIncidentKind *k = kinds->pdata[i];
      if (g_strcmp0 (k->code, code) == 0)
        return *k->label != '\0' ? k->label : k->code;
    }
  return code != NULL ? code : "";
}

char *
cg_incident_ref_parse (const char *text, int this_year, GError **error)
{
  g_autofree char *t = g_strdup (text != NULL ? text : "");
  g_strstrip (t);
  char *end = NULL;
  long number = strtol (t, &end, 10);
  long year = this_year;
  if (end != t && number > 0)
    {
      while (*end == ' ')
        end++;
      if (*end == '/')
        {
          char *y = end + 1;
          while (*y == ' ')
            y++;
          year = strtol (y, &end, 10);
          if (end == y)
            year = -1;
        }
      if (*end == '\0' && year >= 1900 && year <= 9999 && number < G_MAXINT)
        return g_strdup_printf ("%ld/%ld", number, year);
    }
  cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                     N_("type the incident's number, e.g. 12 (this year) or 12/2026"));
  return NULL;
}

/* ---- the log --------------------------------------------------------------- */

static const char *const status_filters[CG_INCIDENT_N_STATUS_FILTERS] = {
  NULL, "open", "new", "verifying", "transferred", "resolved", "closed",
};

CgIncidentList *
cg_incident_list_new (int limit)
{
  CgIncidentList *l = g_new0 (CgIncidentList, 1);
  l->limit = CLAMP (limit, 1, 500);
  l->cursors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (l->cursors, NULL);
  l->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_incident_free);
  l->stale = TRUE;
  return l;
}

void
cg_incident_list_free (CgIncidentList *l)
{
  if (l == NULL)
    return;
  g_free (l->search);
  g_free (l->kind);
  g_free (l->camera);
  g_free (l->next);
  g_ptr_array_unref (l->cursors);
  g_ptr_array_unref (l->rows);
  g_free (l);
}

const char *
cg_incident_list_status_code (const CgIncidentList *l)
{
  return status_filters[CLAMP (l->status_filter, 0, CG_INCIDENT_N_STATUS_FILTERS - 1)];
}

const char *
cg_incident_list_status_label (const CgIncidentList *l)
{
  const char *code = cg_incident_list_status_code (l);
  if (code == NULL)
    return _("all");
  if (g_str_equal (code, "open"))
    return _("open (all but closed)");
  return cg_incident_status_label (code);
}

/* Back to the first page, to be listed again. */
static void
restart (CgIncidentList *l)
{
  g_ptr_array_set_size (l->cursors, 1);
  l->page = 0;
  g_clear_pointer (&l->next, g_free);
  l->selected = 0;
  l->selected_id = 0;
  l->stale = TRUE;
}

static void
set_text (char **slot, const char *value)
{
  g_free (*slot);
  *slot = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

void
cg_incident_list_set_search (CgIncidentList *l, const char *search)
{
  if (g_strcmp0 (l->search, search != NULL && *search != '\0' ? search : NULL) == 0)
    return;
  set_text (&l->search, search);
  restart (l);
}

void
cg_incident_list_next_status (CgIncidentList *l)
{
  l->status_filter = (l->status_filter + 1) % CG_INCIDENT_N_STATUS_FILTERS;
  restart (l);
}

void
cg_incident_list_set_kind (CgIncidentList *l, const char *kind)
{
  set_text (&l->kind, kind);
  restart (l);
}

void
cg_incident_list_set_camera (CgIncidentList *l, const char *camera)
{
  set_text (&l->camera, camera);
  restart (l);
}

void
cg_incident_list_set_range (CgIncidentList *l, gint64 from_us, gint64 to_us)
{
  l->from_us = from_us;
  l->to_us = to_us;
  restart (l);
}

const char *
cg_incident_cycle (const char *const *choices, guint n, const char *current)
{
  if (current == NULL)
    return n > 0 ? choices[0] : NULL;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (choices[i], current) == 0)
      return i + 1 < n ? choices[i + 1] : NULL;
  return n > 0 ? choices[0] : NULL;
}

JsonNode *
cg_incident_list_params (const CgIncidentList *l)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  if (l->search != NULL)
    {
      json_builder_set_member_name (b, "search");
      json_builder_add_string_value (b, l->search);
    }
  const char *status = cg_incident_list_status_code (l);
  if (status != NULL)
    {
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status);
    }
  if (l->kind != NULL)
    {
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, l->kind);
    }
  if (l->camera != NULL)
    {
      json_builder_set_member_name (b, "camera");
      json_builder_add_string_value (b, l->camera);
    }
  if (l->from_us > 0)
    {
      g_autofree char *t = cg_time_format_iso (l->from_us);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, t);
    }
  if (l->to_us > 0)
    {
      g_autofree char *t = cg_time_format_iso (l->to_us);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, t);
    }
  json_builder_set_member_name (b, "limit");
  json_builder_add_int_value (b, l->limit);
  const char *cursor = l->cursors->pdata[l->page];
  if (cursor != NULL)
    {
      json_builder_set_member_name (b, "cursor");
      json_builder_add_string_value (b, cursor);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
cg_incident_list_take (CgIncidentList *l, JsonObject *reply)
{
  JsonArray *a = reply != NULL ? array (reply, "incidents") : NULL;
  if (a == NULL)
    return FALSE;
  /* Listed again for news: the same incident stays selected. */
  CgIncident *sel = cg_incident_list_selected (l);
  if (!l->stale && sel != NULL)
    l->selected_id = sel->id;
  g_ptr_array_set_size (l->rows, 0);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      CgIncident *inc = cg_incident_from_json (json_array_get_object_element (a, i));
      if (inc != NULL)
        g_ptr_array_add (l->rows, inc);
    }
  l->total = integer (reply, "total");
  g_free (l->next);
  /* The cursor is opaque: a string, or a number kept as its text. */
  JsonNode *next = json_object_get_member (reply, "next");
  l->next = NULL;
  if (next != NULL && JSON_NODE_HOLDS_VALUE (next))
    {
      if (json_node_get_value_type (next) == G_TYPE_STRING)
        l->next = g_strdup (json_node_get_string (next));
      else if (json_node_get_value_type (next) == G_TYPE_INT64)
        l->next = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (next));
    }
  /* The same incident stays selected when it is still on the page (a
   * new one came in above it), else the same row. */
  for (guint i = 0; i < l->rows->len; i++)
    if (((CgIncident *) l->rows->pdata[i])->id == l->selected_id)
      l->selected = i;
  if (l->selected >= l->rows->len)
    l->selected = l->rows->len > 0 ? l->rows->len - 1 : 0;
  l->stale = FALSE;
  return TRUE;
}

gboolean
cg_incident_list_page_down (CgIncidentList *l)
{
  if (l->next == NULL)
    return FALSE;
  g_ptr_array_set_size (l->cursors, l->page + 1);
  g_ptr_array_add (l->cursors, g_steal_pointer (&l->next));
  l->page++;
  l->selected = 0;
  l->selected_id = 0;
  l->stale = TRUE;
  return TRUE;
}

gboolean
cg_incident_list_page_up (CgIncidentList *l)
{
  if (l->page == 0)
    return FALSE;
  l->page--;
  g_ptr_array_set_size (l->cursors, l->page + 1);
  g_clear_pointer (&l->next, g_free);
  l->selected = 0;
  l->selected_id = 0;
  l->stale = TRUE;
  return TRUE;
}

void
cg_incident_list_move (CgIncidentList *l, int delta)
{
  if (l->rows->len == 0)
    return;
  gint64 i = (gint64) l->selected + delta;
  l->selected = (guint) CLAMP (i, 0, (gint64) l->rows->len - 1);
  l->selected_id = ((CgIncident *) l->rows->pdata[l->selected])->id;
}

CgIncident *
cg_incident_list_selected (const CgIncidentList *l)
{
  return l->selected < l->rows->len ? l->rows->pdata[l->selected] : NULL;
}

guint
cg_incident_list_first_number (const CgIncidentList *l)
{
  return l->page * (guint) l->limit + 1;
}
