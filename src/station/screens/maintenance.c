/* screens/maintenance.c — F8 Bảo trì: the cameras needing attention
 * first, each suggestion with what to check first, then every camera
 * with its host household, phone, age, last maintenance and 30-day
 * uptime (maintenance.overview); Enter opens a camera's page (what is
 * known of it, its outages and its maintenance log); `a` records an
 * entry from a form (station/maintenance_form.h), the daemon's refusal
 * shown at the field it names.  The overview is read again when a
 * camera's state changes, and every few seconds while shown. */
#include "build-config.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/maintenance.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "client/maintenance.h"
#include "station/maintenance_form.h"
#include "station/screen.h"

#include <stdarg.h>

/* The overview again after this long, even without news: an offline
 * camera crosses its threshold with nothing else happening. */
#define READ_AGAIN_US (5 * CG_USEC_PER_SEC)
#define LABEL_COLS 26

typedef enum {
  VIEW_LIST,
  VIEW_PAGE, /* one camera */
} View;

typedef struct {
  CgStation *st;
  int rows, cols;
  JsonArray *cameras;      /* maintenance.overview's, or NULL */
  gint64 read_us;          /* monotonic: when it was read */
  guint64 read_serial;     /* st->cameras_serial then */
  guint selected;
  View view;
  char *page_camera;       /* the page's camera, by name */
  JsonArray *log;          /* its entries (maintenance.list) */
  JsonArray *outages;      /* its outages (maintenance.outages) */
  gboolean page_stale;
  int scroll;
  CgMaintForm *form;
  gboolean form_leaving;
  char *notice;
  gboolean notice_bad;
} Maint;

static void
notice (Maint *m, gboolean bad, const char *format, ...) G_GNUC_PRINTF (3, 4);
static void
notice (Maint *m, gboolean bad, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_free (m->notice);
  m->notice = g_strdup_vprintf (format, ap);
  m->notice_bad = bad;
  va_end (ap);
}

static JsonNode *
call (Maint *m, const char *method, JsonNode *params, JsonNode **data, GError **error)
{
  if (data != NULL)
    *data = NULL;
  if (m->st->client == NULL)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_UNREACHABLE,
                         N_("canhgacd cannot be reached now; nothing was sent"));
      return NULL;
    }
  JsonNode *r = cg_client_call (m->st->client, method, params, NULL, error);
  JsonObject *d = r == NULL && error != NULL && *error != NULL ? cg_error_get_data (*error) : NULL;
  if (data != NULL && d != NULL)
    {
      *data = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (*data, d);
    }
  return r;
}

static JsonNode *
camera_params (const char *camera)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "camera");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The array member of a reply, a new reference; NULL when it has none. */
static JsonArray *
take_array (JsonNode *r, const char *member)
{
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    return NULL;
  JsonNode *n = json_object_get_member (json_node_get_object (r), member);
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_array_ref (json_node_get_array (n)) : NULL;
}

static void
read_overview (Maint *m)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = call (m, "maintenance.overview", NULL, NULL, &error);
  m->read_us = g_get_monotonic_time ();
  m->read_serial = m->st->cameras_serial;
  JsonArray *cameras = take_array (r, "cameras");
  if (cameras == NULL)
    {
      notice (m, TRUE, "%s", error != NULL ? error->message
                                : _("canhgacd answered something this station cannot read"));
      return;
    }
  g_clear_pointer (&m->cameras, json_array_unref);
  m->cameras = cameras;
  guint n = json_array_get_length (cameras);
  if (m->selected >= n)
    m->selected = n > 0 ? n - 1 : 0;
}

static void
read_page (Maint *m)
{
  m->page_stale = FALSE;
  g_autoptr (JsonNode) params = camera_params (m->page_camera);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) log = call (m, "maintenance.list", params, NULL, &error);
  g_autoptr (JsonNode) outages = log != NULL ? call (m, "maintenance.outages", params, NULL, &error)
                                             : NULL;
  if (log == NULL || outages == NULL)
    {
      notice (m, TRUE, "%s", error != NULL ? error->message
                                : _("canhgacd answered something this station cannot read"));
      return;
    }
  g_clear_pointer (&m->log, json_array_unref);
  g_clear_pointer (&m->outages, json_array_unref);
  m->log = take_array (log, "entries");
  m->outages = take_array (outages, "outages");
}

static JsonObject *
selected_camera (Maint *m)
{
  if (m->cameras == NULL || m->selected >= json_array_get_length (m->cameras))
    return NULL;
  return json_array_get_object_element (m->cameras, m->selected);
}

/* The page's camera as the overview has it. */
static JsonObject *
page_camera (Maint *m)
{
  for (guint i = 0; m->cameras != NULL && i < json_array_get_length (m->cameras); i++)
    {
      JsonObject *c = json_array_get_object_element (m->cameras, i);
      if (g_strcmp0 (json_object_get_string_member_with_default (c, "name", ""), m->page_camera) == 0)
        return c;
    }
  return NULL;
}

/* ---- the lifecycle ------------------------------------------------------------ */

static gpointer
maint_open (CgStation *st)
{
  Maint *m = g_new0 (Maint, 1);
  m->st = st;
  return m;
}

static void
maint_close (gpointer self)
{
  Maint *m = self;
  g_clear_pointer (&m->cameras, json_array_unref);
  g_clear_pointer (&m->log, json_array_unref);
  g_clear_pointer (&m->outages, json_array_unref);
  cg_maint_form_free (m->form);
  g_free (m->page_camera);
  g_free (m->notice);
  g_free (m);
}

static void
maint_resize (gpointer self, int rows, int cols)
{
  Maint *m = self;
  m->rows = rows;
  m->cols = cols;
}

static void
maint_update (gpointer self)
{
  Maint *m = self;
  if (m->st->client == NULL)
    return;
  gboolean news = m->read_serial != m->st->cameras_serial;
  if (m->cameras == NULL || news || g_get_monotonic_time () - m->read_us >= READ_AGAIN_US)
    read_overview (m);
  if (m->view == VIEW_PAGE && (m->page_stale || m->log == NULL))
    read_page (m);
}

/* ---- words ---------------------------------------------------------------------- */

static const char *
str (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

static gint64
time_of (JsonObject *o, const char *name)
{
  gint64 us = 0;
  const char *t = str (o, name);
  if (t != NULL)
    cg_time_parse (t, NULL, &us, NULL);
  return us;
}

/* "12/03/2025 (1 năm 8 tháng)" from installed_on; "—" when unknown. */
static char *
age_text (JsonObject *c)
{
  const char *on = str (c, "installed_on");
  gint64 us = 0;
  if (on == NULL || !cg_time_parse (on, NULL, &us, NULL))
    return g_strdup ("—");
  int days = (int) ((cg_time_now_us () - us) / (G_GINT64_CONSTANT (86400) * CG_USEC_PER_SEC));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", MAX (days, 0)),
                          MAX (days, 0));
}

static char *
last_text (JsonObject *c)
{
  JsonNode *n = json_object_get_member (c, "last");
  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return g_strdup ("—");
  JsonObject *last = json_node_get_object (n);
  g_autofree char *date = cg_time_format_date (time_of (last, "at"), NULL);
  return g_strdup_printf ("%s %s", cg_maintenance_kind_label (str (last, "kind")), date);
}

static JsonArray *
suggestions_of (JsonObject *c)
{
  JsonNode *n = json_object_get_member (c, "suggestions");
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

/* ---- drawing the list ------------------------------------------------------------ */

static const struct {
  const char *title;
  int width; /* 0: what is left */
  int min_cols;
} columns[] = {
  { N_("Camera"), 0, 0 }, { N_("Needs"), 18, 0 }, { N_("Host household"), 16, 80 },
  { N_("Phone"), 13, 96 }, { N_("Age"), 10, 60 }, { N_("Last maintenance"), 22, 70 },
  { N_("Uptime"), 9, 0 },
};

static int
name_width (int cols)
{
  int used = 1;
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].width > 0 && cols >= columns[i].min_cols)
      used += columns[i].width + 1;
  return MAX (cols - used - 1, 10);
}

static void
paint_row (WINDOW *win, int y, int cols, JsonObject *c, gboolean sel)
{
  JsonArray *sugg = suggestions_of (c);
  g_autoptr (GString) needs = g_string_new (NULL);
  for (guint j = 0; sugg != NULL && j < json_array_get_length (sugg); j++)
    g_string_append_printf (needs, "%s%s", j > 0 ? ", " : "",
                            cg_suggestion_title (json_array_get_object_element (sugg, j)));
  if (json_object_get_boolean_member_with_default (c, "retired", FALSE))
    g_string_assign (needs, cg_maintenance_kind_label (CG_MAINT_RETIRE));
  g_autofree char *age = age_text (c);
  g_autofree char *last = last_text (c);
  g_autofree char *uptime = g_strdup_printf ("%.1f%%", json_object_get_double_member_with_default (c, "uptime_percent", 0));
  const char *cells[] = { str (c, "name"), needs->str, str (c, "host_name"), str (c, "host_phone"),
                          age, last, uptime };
  if (sel)
    wattron (win, A_REVERSE);
  mvwhline (win, y, 0, ' ', cols);
  int x = 1;
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (cols < columns[i].min_cols)
        continue;
      int w = columns[i].width > 0 ? columns[i].width : name_width (cols);
      gboolean warn = i == 1 && sugg != NULL && json_array_get_length (sugg) > 0;
      if (warn)
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, y, x, w, cells[i] != NULL ? cells[i] : "", i == 6);
      if (warn)
        wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      x += w + 1;
    }
  if (sel)
    wattroff (win, A_REVERSE);
}

/* The suggestions, one line each with what to check first; returns the
 * line after them. */
static int
paint_attention (Maint *m, WINDOW *win, int y, int max_y, int cols)
{
  wattron (win, A_BOLD | A_UNDERLINE);
  cg_draw_text (win, y++, 1, cols - 2, _("Needs attention"), FALSE);
  wattroff (win, A_BOLD | A_UNDERLINE);
  int shown = 0;
  for (guint i = 0; m->cameras != NULL && i < json_array_get_length (m->cameras) && y < max_y; i++)
    {
      JsonObject *c = json_array_get_object_element (m->cameras, i);
      JsonArray *sugg = suggestions_of (c);
      for (guint j = 0; sugg != NULL && j < json_array_get_length (sugg) && y < max_y; j++)
        {
          JsonObject *s = json_array_get_object_element (sugg, j);
          g_autofree char *text = cg_suggestion_text (s);
          g_autofree char *line = g_strdup_printf ("%s: %s", str (c, "name"), text);
          wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
          cg_draw_text (win, y++, 2, cols - 3, line, FALSE);
          wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
          /* What to check first, under it. */
          if (y < max_y)
            {
              g_autofree char *advice = g_strdup_printf ("→ %s", cg_suggestion_advice (s));
              cg_draw_text (win, y++, 4, cols - 5, advice, FALSE);
            }
          shown++;
        }
    }
  if (shown == 0)
    cg_draw_text (win, y++, 2, cols - 3, _("No camera needs attention."), FALSE);
  return y + 1;
}

static void
paint_foot (Maint *m, WINDOW *win, int rows, int cols)
{
  if (m->notice == NULL)
    return;
  if (m->notice_bad)
    wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
  cg_draw_text (win, rows - 1, 1, cols - 2, m->notice, FALSE);
  wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
}

static void
paint_list (Maint *m, WINDOW *win, int rows, int cols)
{
  if (m->cameras == NULL)
    {
      cg_draw_paragraph (win, 0, 1, cols - 2, rows - 1,
                         m->st->client == NULL ? _("canhgacd cannot be reached: the maintenance "
                                                   "overview cannot be read now.")
                                               : _("Reading the maintenance overview…"));
      paint_foot (m, win, rows, cols);
      return;
    }
  /* Suggestions take at most half of the screen; the cameras the rest. */
  int y = paint_attention (m, win, 0, MAX (rows / 2, 3), cols);
  wattron (win, A_BOLD | A_UNDERLINE);
  int x = 1;
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (cols < columns[i].min_cols)
        continue;
      int w = columns[i].width > 0 ? columns[i].width : name_width (cols);
      cg_draw_text (win, y, x, w, _(columns[i].title), i == 6);
      x += w + 1;
    }
  wattroff (win, A_BOLD | A_UNDERLINE);
  y++;
  int lines = MAX (rows - y - 1, 1);
  guint n = json_array_get_length (m->cameras);
  guint first = m->selected >= (guint) lines ? m->selected - (guint) lines + 1 : 0;
  for (guint i = first; i < n && (int) (i - first) < lines; i++)
    paint_row (win, y + (int) (i - first), cols,
               json_array_get_object_element (m->cameras, i), i == m->selected);
  paint_foot (m, win, rows, cols);
}

/* ---- the camera's page ------------------------------------------------------------ */

static void
add (GPtrArray *lines, char *text)
{
  g_ptr_array_add (lines, text);
}

static void
field (GPtrArray *lines, const char *label, const char *value)
{
  int pad = MAX (22 - cg_text_width (label), 1);
  add (lines, g_strdup_printf ("%s%*s%s", label, pad, "",
                               value != NULL && *value != '\0' ? value : "—"));
}

/* Lines starting with "#" are headings. */
static GPtrArray *
page_lines (Maint *m)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  JsonObject *c = page_camera (m);
  add (lines, g_strdup_printf ("#%s", m->page_camera));
  if (c != NULL)
    {
      field (lines, _("Location"), str (c, "place"));
      field (lines, _("Host household"), str (c, "host_name"));
      field (lines, _("Phone"), str (c, "host_phone"));
      g_autofree char *installed = NULL;
      gint64 on = time_of (c, "installed_on");
      if (on > 0)
        {
          g_autofree char *date = cg_time_format_date (on, NULL);
          g_autofree char *age = age_text (c);
          installed = g_strdup_printf ("%s (%s)", date, age);
        }
      field (lines, _("Installed"), installed);
      g_autofree char *uptime = g_strdup_printf (
        _("%.1f%%, %lld outages"), json_object_get_double_member_with_default (c, "uptime_percent", 0),
        (long long) json_object_get_int_member_with_default (c, "outages_30d", 0));
      field (lines, _("Uptime 30 d"), uptime);
      JsonArray *sugg = suggestions_of (c);
      for (guint j = 0; sugg != NULL && j < json_array_get_length (sugg); j++)
        {
          JsonObject *s = json_array_get_object_element (sugg, j);
          g_autofree char *text = cg_suggestion_text (s);
          add (lines, g_strdup_printf ("! %s", text));
          add (lines, g_strdup_printf ("  → %s", cg_suggestion_advice (s)));
        }
    }
  add (lines, g_strdup (""));
  add (lines, g_strdup_printf ("#%s", _("Maintenance log")));
  guint entries = m->log != NULL ? json_array_get_length (m->log) : 0;
  if (entries == 0)
    add (lines, g_strdup (_("  nothing recorded yet: a records an entry")));
  for (guint i = 0; i < entries; i++)
    {
      JsonObject *e = json_array_get_object_element (m->log, i);
      g_autofree char *at = cg_time_format_local (time_of (e, "at"), NULL);
      GString *s = g_string_new (NULL);
      g_string_append_printf (s, "  %.16s  %s", at, cg_maintenance_kind_label (str (e, "kind")));
      JsonNode *cost = json_object_get_member (e, "cost");
      if (cost != NULL && !JSON_NODE_HOLDS_NULL (cost))
        {
          g_autofree char *dong = cg_format_dong (json_node_get_int (cost));
          g_string_append_printf (s, "  %s", dong);
        }
      if (str (e, "new_serial") != NULL)
        g_string_append_printf (s, "  %s → %s", str (e, "old_serial") != NULL ? str (e, "old_serial") : "?",
                                str (e, "new_serial"));
      const char *note = str (e, "note");
      if (note != NULL && *note != '\0')
        g_string_append_printf (s, "  %s", note);
      const char *by = str (e, "by_name") != NULL ? str (e, "by_name") : str (e, "by");
      g_string_append_printf (s, "  (%s)", by != NULL ? by : "");
      add (lines, g_string_free (s, FALSE));
    }
  add (lines, g_strdup (""));
  add (lines, g_strdup_printf ("#%s", _("Outages in the last 30 days")));
  guint outages = m->outages != NULL ? json_array_get_length (m->outages) : 0;
  if (outages == 0)
    add (lines, g_strdup (_("  none")));
  for (guint i = 0; i < outages; i++)
    {
      JsonObject *o = json_array_get_object_element (m->outages, i);
      g_autofree char *from = cg_time_format_local (time_of (o, "start"), NULL);
      gint64 end = time_of (o, "end");
      g_autofree char *to = end > 0 ? cg_time_format_local (end, NULL) : g_strdup (_("still"));
      g_autofree char *why = cg_reason_describe (str (o, "reason"));
      add (lines, g_strdup_printf ("  %s – %s  %s", from, to, why));
    }
  return lines;
}

static void
paint_page (Maint *m, WINDOW *win, int rows, int cols)
{
  g_autoptr (GPtrArray) lines = page_lines (m);
  int max = MAX ((int) lines->len - (rows - 2), 0);
  m->scroll = CLAMP (m->scroll, 0, max);
  for (int y = 0; y < rows - 1 && m->scroll + y < (int) lines->len; y++)
    {
      const char *l = lines->pdata[m->scroll + y];
      gboolean heading = l[0] == '#';
      if (heading)
        wattron (win, A_BOLD | A_UNDERLINE);
      else if (l[0] == '!')
        wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_text (win, y, 1, cols - 2, heading ? l + 1 : l, FALSE);
      wattroff (win, A_BOLD | A_UNDERLINE | COLOR_PAIR (CG_PAIR_WARNING));
    }
  paint_foot (m, win, rows, cols);
}

/* ---- the form --------------------------------------------------------------------- */

static void
paint_form (Maint *m, WINDOW *win, int rows, int cols)
{
  CgMaintForm *f = m->form;
  g_autofree char *title = g_strdup_printf (_("New maintenance entry for %s"), f->camera);
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, title, FALSE);
  wattroff (win, A_BOLD);
  int n;
  const CgMaintFieldId *ids = cg_maint_form_fields (f, &n);
  int y = 2;
  int value_cols = MAX (cols - LABEL_COLS - 4, 10);
  for (int i = 0; i < n && y < rows - 4; i++)
    {
      CgMaintFieldId id = ids[i];
      gboolean focus = f->focus == (int) id;
      g_autofree char *label = g_strdup_printf ("%s%s:", focus ? "> " : "  ", cg_maint_field_label (id));
      if (focus)
        wattron (win, A_BOLD);
      cg_draw_text (win, y, 1, LABEL_COLS, label, FALSE);
      wattroff (win, A_BOLD);
      g_autofree char *value = NULL;
      if (id == CG_MFIELD_KIND)
        value = g_strdup_printf (focus ? "‹ %s ›" : "  %s",
                                 cg_maintenance_kind_label (cg_maint_form_kind (f)));
      else
        {
          CgTextField *text = f->fields[id].text;
          g_autofree char *view = cg_text_field_view (text, value_cols - 8, NULL);
          CgImeMode ime = cg_text_field_ime (text);
          value = g_strdup_printf ("%s%s%s%s%s", view, focus ? "_" : "",
                                   focus && ime != CG_IME_OFF ? " [" : "",
                                   focus && ime != CG_IME_OFF ? cg_ime_mode_name (ime) : "",
                                   focus && ime != CG_IME_OFF ? "]" : "");
        }
      if (focus)
        wattron (win, A_REVERSE);
      cg_draw_text (win, y, LABEL_COLS + 2, value_cols, value, FALSE);
      wattroff (win, A_REVERSE);
      y++;
      if (f->fields[id].error != NULL)
        {
          wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
          y = cg_draw_paragraph (win, y, LABEL_COLS + 2, value_cols, 2, f->fields[id].error);
          wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
        }
    }
  y++;
  const char *save = _("[ Save ]");
  if (f->focus == CG_N_MFIELDS)
    wattron (win, A_REVERSE | A_BOLD);
  cg_draw_text (win, y, LABEL_COLS + 2, cg_text_width (save), save, FALSE);
  wattroff (win, A_REVERSE | A_BOLD);
  y += 2;
  if (f->error != NULL && y < rows - 1)
    {
      wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_paragraph (win, y, 1, cols - 2, MAX (rows - 1 - y, 1), f->error);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
  cg_draw_text (win, rows - 1, 1, cols - 2,
                _("Tab ↓: next  ↑: previous  ← →: choose  Enter: next, on the last: save  "
                  "Ctrl+T: Telex/VNI  Esc: leave"), FALSE);
}

static void
maint_paint (gpointer self, WINDOW *win, int rows, int cols)
{
  Maint *m = self;
  m->rows = rows;
  m->cols = cols;
  if (m->form != NULL)
    paint_form (m, win, rows, cols);
  else if (m->view == VIEW_PAGE)
    paint_page (m, win, rows, cols);
  else
    paint_list (m, win, rows, cols);
}

static int
save (Maint *m)
{
  CgMaintForm *f = m->form;
  g_autoptr (JsonNode) params = NULL;
  if (!cg_maint_form_check (f, cg_time_now_us (), &params))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  g_autoptr (JsonNode) r = call (m, "maintenance.add", params, &data, &error);
  if (r == NULL)
    {
      /* Nothing was saved: the form stays, the refusal at its field. */
      cg_maint_form_refused (f, error->domain == CG_RPC_ERROR ? error->code : 0, error->message, data);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  JsonObject *e = JSON_NODE_HOLDS_OBJECT (r) ? json_node_get_object (r) : NULL;
  notice (m, FALSE, _("Entry %lld recorded: %s, %s."),
          (long long) (e != NULL ? json_object_get_int_member_with_default (e, "id", 0) : 0),
          f->camera, cg_maintenance_kind_label (cg_maint_form_kind (f)));
  /* The camera's page, with its log as it now is. */
  g_free (m->page_camera);
  m->page_camera = g_strdup (f->camera);
  m->view = VIEW_PAGE;
  m->page_stale = TRUE;
  m->scroll = 0;
  m->read_us = 0;
  g_clear_pointer (&m->form, cg_maint_form_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

static int
form_next (gpointer self, int key)
{
  Maint *m = self;
  cg_maint_form_focus_next (m->form, key == CG_KEY_UP || key == CG_KEY_BACK_TAB ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_choose (gpointer self, int key)
{
  Maint *m = self;
  if (m->form->focus == CG_MFIELD_KIND)
    cg_maint_form_choose (m->form, key == CG_KEY_LEFT ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_enter (gpointer self, int key)
{
  Maint *m = self;
  int n;
  const CgMaintFieldId *ids = cg_maint_form_fields (m->form, &n);
  if (m->form->focus == CG_N_MFIELDS || m->form->focus == (int) ids[n - 1])
    return save (m);
  cg_maint_form_focus_next (m->form, 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_leave (gpointer self, int key)
{
  Maint *m = self;
  if (cg_maint_form_changed (m->form) && !m->form_leaving)
    {
      m->form_leaving = TRUE;
      g_free (m->form->error);
      m->form->error = g_strdup (_("Esc again leaves the form and loses what you typed."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_clear_pointer (&m->form, cg_maint_form_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Keys of the form: letters are text there. */
const CgKeyRow cg_maintenance_form_keys[] = {
  { .keys = { CG_KEY_TAB, CG_KEY_DOWN, CG_KEY_BACK_TAB, CG_KEY_UP }, .name = "maint-form-next",
    .label = N_("next field"), .help = N_("the next field (Tab ↓) or the previous one (⇤ ↑)"),
    .action = form_next },
  { .keys = { CG_KEY_LEFT, CG_KEY_RIGHT, CG_KEY_SPACE }, .name = "maint-form-choose",
    .label = N_("choose"), .help = N_("on the kind: the previous or next kind of entry"),
    .action = form_choose },
  { .keys = { CG_KEY_ENTER }, .name = "maint-form-save", .label = N_("save"),
    .help = N_("the next field; on the last field or [ Save ]: save"), .action = form_enter },
  { .keys = { CG_KEY_ESC }, .name = "maint-form-leave", .label = N_("leave"),
    .help = N_("leave the form without saving (asks first when something was typed)"),
    .action = form_leave },
  { .keys = { CG_KEY_NONE } },
};

/* ---- keys ------------------------------------------------------------------------- */

static int
move_in (gpointer self, int key)
{
  Maint *m = self;
  if (m->view == VIEW_PAGE)
    {
      int by = key == CG_KEY_UP ? -1 : key == CG_KEY_DOWN ? 1 : key == CG_KEY_HOME ? -10000 : 10000;
      m->scroll = MAX (m->scroll + by, 0); /* clamped when drawn */
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  guint n = m->cameras != NULL ? json_array_get_length (m->cameras) : 0;
  if (n == 0)
    return CG_KEY_HANDLED;
  int at = (int) m->selected
           + (key == CG_KEY_UP ? -1 : key == CG_KEY_DOWN ? 1 : key == CG_KEY_HOME ? -(int) n : (int) n);
  m->selected = (guint) CLAMP (at, 0, (int) n - 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
open_camera (gpointer self, int key)
{
  Maint *m = self;
  JsonObject *c = selected_camera (m);
  if (m->view == VIEW_PAGE || c == NULL)
    return CG_KEY_HANDLED;
  g_free (m->page_camera);
  m->page_camera = g_strdup (str (c, "name"));
  m->view = VIEW_PAGE;
  m->scroll = 0;
  g_clear_pointer (&m->log, json_array_unref);
  g_clear_pointer (&m->outages, json_array_unref);
  g_clear_pointer (&m->notice, g_free);
  read_page (m);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
add_entry (gpointer self, int key)
{
  Maint *m = self;
  JsonObject *c = selected_camera (m);
  const char *camera = m->view == VIEW_PAGE ? m->page_camera : c != NULL ? str (c, "name") : NULL;
  if (camera == NULL)
    return CG_KEY_HANDLED;
  cg_maint_form_free (m->form);
  m->form = cg_maint_form_new (camera, NULL);
  m->form_leaving = FALSE;
  g_clear_pointer (&m->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
back (gpointer self, int key)
{
  Maint *m = self;
  if (m->notice != NULL)
    g_clear_pointer (&m->notice, g_free);
  else if (m->view == VIEW_PAGE)
    m->view = VIEW_LIST;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Hotkeys Telex and VNI leave alone. */
static const CgKeyRow keys[] = {
  { .keys = { CG_KEY_UP, CG_KEY_DOWN, CG_KEY_HOME, CG_KEY_END }, .name = "maint-move",
    .label = N_("move"), .help = N_("move among the cameras, or scroll a camera's page"),
    .action = move_in },
  { .keys = { CG_KEY_ENTER }, .name = "maint-open", .label = N_("open"),
    .help = N_("the camera's page: what is known of it, its outages and its maintenance log"),
    .action = open_camera },
  { .keys = { 'a' }, .name = "maint-add", .label = N_("add"),
    .help = N_("record a fault, an inspection or work done on the camera"), .action = add_entry },
  { .keys = { CG_KEY_ESC }, .name = "maint-back", .label = N_("back"),
    .help = N_("clear the news; from a camera's page back to the list"), .action = back },
  { .keys = { CG_KEY_NONE } },
};

/* The form takes every key while open (F-keys still switch screens). */
static int
maint_key (gpointer self, int key)
{
  Maint *m = self;
  if (m->form == NULL)
    return CG_KEY_IGNORED;
  CgTextField *text = cg_maint_form_focused_text (m->form);
  if (text != NULL)
    {
      CgTextFieldResult r = cg_text_field_press (text, key);
      if (r != CG_TEXT_FIELD_IGNORED)
        {
          if (r & CG_TEXT_FIELD_REFUSED)
            beep ();
          if (r & CG_TEXT_FIELD_CHANGED)
            {
              g_clear_pointer (&m->form->fields[m->form->focus].error, g_free);
              m->form_leaving = FALSE;
            }
          return CG_KEY_HANDLED | CG_KEY_REDRAW;
        }
    }
  int flags = cg_key_dispatch (cg_maintenance_form_keys, m, key);
  if (flags & CG_KEY_HANDLED)
    return flags;
  if (CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0)
    return CG_KEY_IGNORED;
  return CG_KEY_HANDLED;
}

const CgScreen cg_screen_maintenance = {
  .name = "maintenance",
  .number = 8,
  .title = N_("Maintenance"),
  .help = N_("the cameras needing attention and what to check first; every camera's host, age, "
             "last maintenance and uptime; its log"),
  .open = maint_open,
  .close = maint_close,
  .update = maint_update,
  .paint = maint_paint,
  .key = maint_key,
  .resize = maint_resize,
  .keys = keys,
};
