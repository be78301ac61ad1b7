/* screens/incidents.c — F5 Vụ việc: the log, its search and filters,
 * paging, its keys, and the screen's lifecycle (incidents.h).  An
 * incident's page is incidents_page.c's, the forms incidents_form.c's. */
#include "build-config.h"

#include "station/screens/incidents.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/screens/incidents_state.h"

#include <stdarg.h>

#define SCREEN_NAME "incidents"
/* Rows asked for a page: more than a tall terminal shows, few enough to
 * come at once whatever the log holds. */
#define PAGE_ROWS 100

/* ---- the daemon ------------------------------------------------------------- */

void
inc_notice (Incidents *in, gboolean bad, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_free (in->notice);
  in->notice = g_strdup_vprintf (format, ap);
  in->notice_bad = bad;
  va_end (ap);
}

JsonNode *
inc_call (Incidents *in, const char *method, JsonNode *params, JsonNode **data, GError **error)
{
  if (data != NULL)
    *data = NULL;
  CgStation *st = in->st;
  if (st->client == NULL)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_UNREACHABLE,
                         N_("canhgacd cannot be reached now; nothing was sent"));
      return NULL;
    }
  JsonNode *r = cg_client_call (st->client, method, params, NULL, error);
  /* What the refusal said besides its message: the field, the version. */
  JsonObject *d = r == NULL && error != NULL && *error != NULL ? cg_error_get_data (*error) : NULL;
  if (data != NULL && d != NULL)
    {
      *data = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (*data, d);
    }
  return r;
}

void
inc_load_kinds (Incidents *in)
{
  if (in->kinds != NULL && in->kinds->len > 0)
    return;
  g_autoptr (JsonNode) r = inc_call (in, "incident.kinds", NULL, NULL, NULL);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    return;
  g_autoptr (GPtrArray) kinds = cg_incident_kinds_from_json (json_node_get_object (r));
  if (kinds->len == 0)
    return;
  if (in->kinds != NULL)
    g_ptr_array_unref (in->kinds);
  in->kinds = g_steal_pointer (&kinds);
}

static void
list_again (Incidents *in)
{
  g_autoptr (JsonNode) params = cg_incident_list_params (in->list);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = inc_call (in, "incident.list", params, NULL, &error);
  in->listed_serial = in->st->incidents_serial;
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r) || !cg_incident_list_take (in->list, json_node_get_object (r)))
    {
      inc_notice (in, TRUE, "%s", error != NULL ? error->message
                                  : _("canhgacd answered something this station cannot read"));
      /* Stays stale: asked again at the next refresh. */
    }
}

static void
show_again (Incidents *in)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "incident");
  json_builder_add_int_value (b, in->shown_id);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = inc_call (in, "incident.show", params, NULL, &error);
  in->shown_stale = FALSE;
  CgIncident *inc = r != NULL && JSON_NODE_HOLDS_OBJECT (r) ? cg_incident_from_json (json_node_get_object (r))
                                                             : NULL;
  if (inc == NULL)
    {
      inc_notice (in, TRUE, "%s", error != NULL ? error->message
                                  : _("canhgacd answered something this station cannot read"));
      return;
    }
  cg_incident_free (in->shown);
  in->shown = inc;
}

void
inc_open_page (Incidents *in, gint64 id)
{
  if (in->shown_id != id)
    {
      g_clear_pointer (&in->shown, cg_incident_free);
      in->scroll = 0;
    }
  in->shown_id = id;
  in->view = INC_VIEW_PAGE;
  show_again (in);
}

/* ---- the lifecycle -------------------------------------------------------------- */

static gpointer
inc_open (CgStation *st)
{
  Incidents *in = g_new0 (Incidents, 1);
  in->st = st;
  in->list = cg_incident_list_new (PAGE_ROWS);
  in->search_edit = cg_text_field_new (CG_INCIDENT_TEXT_MAX);
  return in;
}

static void
inc_close (gpointer self)
{
  Incidents *in = self;
  inc_form_close (in);
  cg_incident_list_free (in->list);
  cg_incident_free (in->shown);
  cg_text_field_free (in->search_edit);
  if (in->kinds != NULL)
    g_ptr_array_unref (in->kinds);
  g_free (in->notice);
  g_free (in);
}

static void
inc_resize (gpointer self, int rows, int cols)
{
  Incidents *in = self;
  in->rows = rows;
  in->cols = cols;
}

/* The log again when a filter changed or an incident did (a station
 * elsewhere saved one: incident.changed); the page too. */
static void
inc_update (gpointer self)
{
  Incidents *in = self;
  if (in->st->client == NULL)
    return;
  inc_load_kinds (in);
  gboolean news = in->listed_serial != in->st->incidents_serial;
  if (in->list->stale || news)
    list_again (in);
  if (in->view == INC_VIEW_PAGE && (in->shown_stale || news || in->shown == NULL))
    show_again (in);
}

/* ---- drawing the log --------------------------------------------------------------- */

static const struct {
  const char *title;
  int width;  /* 0: what is left */
  int min_cols;
} columns[] = {
  { N_("No."), 9, 0 }, { N_("Time"), 16, 0 }, { N_("Kind"), 16, 0 }, { N_("Place"), 0, 0 },
  { N_("Status"), 20, 70 }, { N_("Officer"), 12, 90 },
};

static int
place_width (int cols)
{
  int used = 1;
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].width > 0 && cols >= columns[i].min_cols)
      used += columns[i].width + 1;
  return MAX (cols - used - 1, 8);
}

static void
paint_row (Incidents *in, WINDOW *win, int y, int cols, const CgIncident *inc, gboolean sel)
{
  g_autofree char *when = NULL;
  if (inc->from_us > 0)
    {
      /* dd/mm/yyyy HH:MM, without the seconds. */
      g_autofree char *t = cg_time_format_local (inc->from_us, NULL);
      when = g_strndup (t, 16);
    }
  const char *kind = *inc->kind_label != '\0' ? inc->kind_label : cg_incident_kind_label (in->kinds, inc->kind);
  const char *officer = *inc->officer_name != '\0' ? inc->officer_name : inc->officer;
  const char *cells[] = { inc->code, when != NULL ? when : "", kind, inc->place,
                          cg_incident_status_label (inc->status), officer };
  if (sel)
    wattron (win, A_REVERSE);
  mvwhline (win, y, 0, ' ', cols);
  int x = 1;
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (cols < columns[i].min_cols)
        continue;
      int w = columns[i].width > 0 ? columns[i].width : place_width (cols);
      gboolean closed = i == 4 && g_strcmp0 (inc->status, "closed") == 0;
      if (closed)
        wattron (win, A_DIM);
      cg_draw_text (win, y, x, w, cells[i], FALSE);
      if (closed)
        wattroff (win, A_DIM);
      x += w + 1;
    }
  if (sel)
    wattroff (win, A_REVERSE);
}

/* What the log is narrowed to, on one line. */
static char *
filters_line (Incidents *in)
{
  CgIncidentList *l = in->list;
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, _("Status: %s"), cg_incident_list_status_label (l));
  if (l->kind != NULL)
    g_string_append_printf (s, "  %s: %s", _("Kind"), cg_incident_kind_label (in->kinds, l->kind));
  if (l->camera != NULL)
    g_string_append_printf (s, "  %s: %s", _("Camera"), l->camera);
  if (l->from_us > 0 || l->to_us > 0)
    {
      g_autofree char *a = l->from_us > 0 ? cg_time_format_date (l->from_us, NULL) : g_strdup ("…");
      g_autofree char *b = l->to_us > 0 ? cg_time_format_date (l->to_us, NULL) : g_strdup ("…");
      g_string_append_printf (s, "  %s: %s – %s", _("Dates"), a, b);
    }
  if (in->editing_search)
    {
      g_autofree char *view = cg_text_field_view (in->search_edit, 30, NULL);
      CgImeMode ime = cg_text_field_ime (in->search_edit);
      g_string_append_printf (s, "  %s %s_", _("Search:"), view);
      if (ime != CG_IME_OFF)
        g_string_append_printf (s, " [%s]", cg_ime_mode_name (ime));
      g_string_append_printf (s, "  (%s)", _("Enter: keep, Esc: clear, Ctrl+T: Telex/VNI"));
    }
  else if (l->search != NULL)
    g_string_append_printf (s, "  %s “%s”", _("Search:"), l->search);
  return g_string_free (s, FALSE);
}

static void
paint_list (Incidents *in, WINDOW *win, int rows, int cols)
{
  CgIncidentList *l = in->list;
  g_autofree char *filters = filters_line (in);
  if (in->editing_search)
    wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, filters, FALSE);
  wattroff (win, A_BOLD);
  wattron (win, A_BOLD | A_UNDERLINE);
  int x = 1;
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (cols < columns[i].min_cols)
        continue;
      int w = columns[i].width > 0 ? columns[i].width : place_width (cols);
      cg_draw_text (win, 1, x, w, _(columns[i].title), FALSE);
      x += w + 1;
    }
  wattroff (win, A_BOLD | A_UNDERLINE);
  int lines = rows - 4;
  if (l->rows->len == 0)
    cg_draw_paragraph (win, 2, 1, cols - 2, lines,
                       in->st->client == NULL ? _("canhgacd cannot be reached: the log cannot be read now.")
                       : l->search != NULL || l->status_filter != 0 || l->kind != NULL || l->camera != NULL
                             || l->from_us > 0 || l->to_us > 0
                         ? _("No incident matches. Esc clears the search and the filters.")
                         : _("No incident recorded yet. n records one."));
  guint first = l->selected >= (guint) MAX (lines, 1) ? l->selected - (guint) lines + 1 : 0;
  for (guint i = first; i < l->rows->len && (int) (i - first) < lines; i++)
    paint_row (in, win, 2 + (int) (i - first), cols, l->rows->pdata[i], i == l->selected);
  /* The foot: where in the log this page is, or the news. */
  g_autofree char *where = NULL;
  if (l->rows->len > 0)
    {
      guint a = cg_incident_list_first_number (l);
      where = g_strdup_printf (_("%u–%u of %lld (PgUp PgDn: pages)"), a, a + l->rows->len - 1,
                               (long long) l->total);
    }
  else
    where = g_strdup_printf (_("0 of %lld"), (long long) l->total);
  cg_draw_text (win, rows - 1, 1, cols - 2, where, FALSE);
  if (in->notice != NULL)
    {
      if (in->notice_bad)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, rows - 2, 1, cols - 2, in->notice, FALSE);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
}

static void
inc_paint (gpointer self, WINDOW *win, int rows, int cols)
{
  Incidents *in = self;
  in->rows = rows;
  in->cols = cols;
  if (in->form != NULL)
    inc_paint_form (in, win, rows, cols);
  else if (in->view == INC_VIEW_PAGE)
    inc_paint_page (in, win, rows, cols);
  else
    paint_list (in, win, rows, cols);
}

/* ---- keys ---------------------------------------------------------------------------- */

static int
move_in (gpointer self, int key)
{
  Incidents *in = self;
  if (in->view == INC_VIEW_PAGE)
    {
      int page = MAX (in->rows - 2, 1);
      int max = MAX (inc_page_lines (in, in->cols) - page, 0);
      int by = key == CG_KEY_UP ? -1 : key == CG_KEY_DOWN ? 1 : key == CG_KEY_HOME ? -max : max;
      in->scroll = CLAMP (in->scroll + by, 0, max);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  int n = (int) in->list->rows->len;
  int by = key == CG_KEY_UP ? -1 : key == CG_KEY_DOWN ? 1 : key == CG_KEY_HOME ? -n : n;
  cg_incident_list_move (in->list, by);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
page (gpointer self, int key)
{
  Incidents *in = self;
  if (in->view == INC_VIEW_PAGE)
    {
      int rows = MAX (in->rows - 4, 1);
      int max = MAX (inc_page_lines (in, in->cols) - rows, 0);
      in->scroll = CLAMP (in->scroll + (key == CG_KEY_PAGE_UP ? -rows : rows), 0, max);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  gboolean moved = key == CG_KEY_PAGE_DOWN ? cg_incident_list_page_down (in->list)
                                            : cg_incident_list_page_up (in->list);
  if (!moved)
    {
      /* Within the page: to its end or its start. */
      cg_incident_list_move (in->list, key == CG_KEY_PAGE_DOWN ? (int) in->list->rows->len
                                                                : -(int) in->list->rows->len);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
open_incident (gpointer self, int key)
{
  Incidents *in = self;
  if (in->view == INC_VIEW_PAGE)
    return CG_KEY_HANDLED;
  CgIncident *sel = cg_incident_list_selected (in->list);
  if (sel == NULL)
    return CG_KEY_HANDLED;
  g_clear_pointer (&in->notice, g_free);
  inc_open_page (in, sel->id);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
back (gpointer self, int key)
{
  Incidents *in = self;
  if (in->notice != NULL)
    g_clear_pointer (&in->notice, g_free);
  else if (in->view == INC_VIEW_PAGE)
    in->view = INC_VIEW_LIST;
  else
    {
      /* The whole log again. */
      cg_text_field_set_text (in->search_edit, "");
      cg_incident_list_set_search (in->list, NULL);
      cg_incident_list_set_kind (in->list, NULL);
      cg_incident_list_set_camera (in->list, NULL);
      cg_incident_list_set_range (in->list, 0, 0);
      in->list->status_filter = 0;
      return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
    }
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
start_search (gpointer self, int key)
{
  Incidents *in = self;
  in->view = INC_VIEW_LIST;
  in->editing_search = TRUE;
  cg_text_field_set_text (in->search_edit, in->list->search != NULL ? in->list->search : "");
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
filter_status (gpointer self, int key)
{
  Incidents *in = self;
  in->view = INC_VIEW_LIST;
  cg_incident_list_next_status (in->list);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
filter_kind (gpointer self, int key)
{
  Incidents *in = self;
  in->view = INC_VIEW_LIST;
  inc_load_kinds (in);
  guint n = in->kinds != NULL ? in->kinds->len : 0;
  g_autofree const char **codes = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    codes[i] = ((CgIncidentKind *) in->kinds->pdata[i])->code;
  cg_incident_list_set_kind (in->list, cg_incident_cycle (codes, n, in->list->kind));
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
filter_camera (gpointer self, int key)
{
  Incidents *in = self;
  in->view = INC_VIEW_LIST;
  g_autoptr (GPtrArray) v = cg_station_visible (in->st);
  g_autofree const char **names = g_new0 (const char *, v->len + 1);
  for (guint i = 0; i < v->len; i++)
    names[i] = ((CgStationCamera *) v->pdata[i])->name;
  cg_incident_list_set_camera (in->list, cg_incident_cycle (names, v->len, in->list->camera));
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
filter_dates (gpointer self, int key)
{
  Incidents *in = self;
  in->view = INC_VIEW_LIST;
  inc_form_open (in, CG_FORM_DATES, NULL);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* The incident the keys below act on: the page's, or the selected one. */
static const CgIncident *
current (Incidents *in)
{
  if (in->view == INC_VIEW_PAGE)
    return in->shown;
  return cg_incident_list_selected (in->list);
}

static int
act (gpointer self, int key)
{
  Incidents *in = self;
  CgFormKind kind;
  switch (key)
    {
    case 'n': inc_form_open (in, CG_FORM_CREATE, NULL); return CG_KEY_HANDLED | CG_KEY_REDRAW;
    case 'e': kind = CG_FORM_EDIT; break;
    case 'd': kind = CG_FORM_CLOSE; break;
    case 'm': kind = CG_FORM_REOPEN; break;
    case 'a':
    default: kind = CG_FORM_ATTACH; break;
    }
  const CgIncident *inc = current (in);
  if (inc == NULL)
    return CG_KEY_HANDLED;
  /* An edit starts from the incident as it is now, with its version. */
  if (in->view == INC_VIEW_LIST || in->shown == NULL || in->shown->id != inc->id)
    inc_open_page (in, inc->id);
  if (in->shown == NULL)
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  inc_form_open (in, kind, in->shown);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Hotkeys Telex and VNI leave alone: no s f r x j z w. */
static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_HOME, CG_KEY_END }, .name = "incident-move",
    .label = N_("move"), .help = N_("move in the log, or scroll an incident's page"), .action = move_in },
  { .keys = { CG_KEY_PAGE_UP, CG_KEY_PAGE_DOWN }, .name = "incident-pages", .label = N_("pages"),
    .help = N_("the previous or next page of the log"), .action = page },
  { .keys = { CG_KEY_ENTER }, .name = "incident-open", .label = N_("open"),
    .help = N_("the incident's page: every field, its footage, exports and history"),
    .action = open_incident },
  { .keys = { 'n' }, .name = "incident-new", .label = N_("new"),
    .help = N_("record a new incident"), .action = act },
  { .keys = { 'e' }, .name = "incident-edit", .label = N_("edit"),
    .help = N_("change the incident"), .action = act },
  { .keys = { 'a' }, .name = "incident-attach", .label = N_("attach"),
    .help = N_("attach a camera's footage (a time range) to the incident"), .action = act },
  { .keys = { 'd' }, .name = "incident-close", .label = N_("close"),
    .help = N_("close the incident: how it ended, whether the footage helped"), .action = act },
  { .keys = { 'm' }, .name = "incident-reopen", .label = N_("reopen"),
    .help = N_("reopen a closed incident, saying why (admin)"), .action = act },
  { .keys = { 'k' }, .name = "incident-search", .label = N_("search"),
    .help = N_("search the log (\"cho\" finds \"Chợ\"); Enter keeps it, Esc clears it"),
    .action = start_search },
  { .keys = { 't' }, .name = "incident-status", .label = N_("status"),
    .help = N_("show all, the open ones (all but closed), or one status"), .action = filter_status },
  { .keys = { 'l' }, .name = "incident-kind", .label = N_("kind"),
    .help = N_("show one kind of incident, the next at each press, then all"), .action = filter_kind },
  { .keys = { 'c' }, .name = "incident-camera", .label = N_("camera"),
    .help = N_("show the incidents with one camera's footage, the next at each press, then all"),
    .action = filter_camera },
  { .keys = { 'g' }, .name = "incident-dates", .label = N_("dates"),
    .help = N_("show the incidents of a date range"), .action = filter_dates },
  { .keys = { CG_KEY_ESC }, .name = "incident-back", .label = N_("back"),
    .help = N_("clear the news; from a page back to the log; in the log clear the search and "
               "the filters"), .action = back },
  { .keys = { CG_KEY_NONE } },
};

/* The search field and the forms take every key while open (F-keys
 * still switch screens; a form stays as it was). */
static int
inc_key (gpointer self, int key)
{
  Incidents *in = self;
  if (in->form != NULL)
    return inc_form_key (in, key);
  if (!in->editing_search)
    return CG_KEY_IGNORED;
  CgTextFieldResult r = cg_text_field_press (in->search_edit, key);
  if (r == CG_TEXT_FIELD_IGNORED)
    {
      if (key == CG_KEY_ENTER || key == CG_KEY_ESC)
        {
          in->editing_search = FALSE;
          if (key == CG_KEY_ESC)
            {
              cg_text_field_set_text (in->search_edit, "");
              cg_incident_list_set_search (in->list, NULL);
            }
          return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
        }
      if (CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0)
        {
          in->editing_search = FALSE;
          return CG_KEY_IGNORED;
        }
      return CG_KEY_HANDLED;
    }
  if (r & CG_TEXT_FIELD_REFUSED)
    beep ();
  if (r & CG_TEXT_FIELD_CHANGED)
    {
      /* The daemon searches as it is typed. */
      cg_incident_list_set_search (in->list, cg_text_field_text (in->search_edit));
      return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
    }
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

const CgScreen cg_screen_incidents = {
  .name = SCREEN_NAME,
  .number = 5,
  .title = N_("Incidents"),
  .help = N_("the post's incident log: search, record, change, close, attach footage"),
  .open = inc_open,
  .close = inc_close,
  .update = inc_update,
  .paint = inc_paint,
  .key = inc_key,
  .resize = inc_resize,
  .keys = keys,
  .guide = "Vụ việc (F5)",
};

/* ---- for the playback screen --------------------------------------------------------- */

static Incidents *
find (CgStation *st, int *index)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (g_str_equal (cg_screens[i]->name, SCREEN_NAME))
      {
        *index = i;
        return st->screen_states[i];
      }
  return NULL;
}

void
cg_incidents_new_from_range (CgStation *st, const char *camera, gint64 from_us, gint64 to_us)
{
  int i = -1;
  Incidents *in = find (st, &i);
  if (in == NULL)
    return;
  cg_station_show (st, i);
  inc_form_open (in, CG_FORM_CREATE, NULL);
  cg_incident_form_set_time (in->form, CG_FIELD_FROM, from_us);
  cg_incident_form_set_time (in->form, CG_FIELD_TO, to_us);
  cg_incident_form_set (in->form, CG_FIELD_CAMERAS, camera);
  /* What the marks cannot say comes first. */
  in->form->focus = CG_FIELD_KIND;
  cg_station_redraw (st);
}

void
cg_incidents_new_from_alarm (CgStation *st, const char *camera, gint64 from_us, gint64 to_us,
                             const char *description)
{
  int i = -1;
  Incidents *in = find (st, &i);
  if (in == NULL)
    return;
  cg_station_show (st, i);
  inc_form_open (in, CG_FORM_CREATE, NULL);
  cg_incident_form_set_time (in->form, CG_FIELD_FROM, from_us);
  cg_incident_form_set_time (in->form, CG_FIELD_TO, to_us);
  if (camera != NULL)
    cg_incident_form_set (in->form, CG_FIELD_CAMERAS, camera);
  cg_incident_form_set (in->form, CG_FIELD_DESCRIPTION, description);
  in->form->focus = CG_FIELD_KIND;
  cg_station_redraw (st);
}

CgIncident *
cg_incidents_attach (CgStation *st, const char *ref, const char *camera, gint64 from_us, gint64 to_us,
                     GError **error)
{
  int i = -1;
  Incidents *in = find (st, &i);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *code = cg_incident_ref_parse (ref, g_date_time_get_year (now), error);
  if (in == NULL || code == NULL)
    return NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "incident");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  g_autofree char *from = cg_time_format_iso (from_us);
  g_autofree char *to = cg_time_format_iso (to_us);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (JsonNode) r = inc_call (in, "incident.attach", params, NULL, error);
  if (r == NULL)
    return NULL;
  CgIncident *inc = JSON_NODE_HOLDS_OBJECT (r) ? cg_incident_from_json (json_node_get_object (r)) : NULL;
  if (inc == NULL)
    cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                       N_("canhgacd answered something this station cannot read"));
  in->list->stale = TRUE;
  in->shown_stale = TRUE;
  return inc;
}
