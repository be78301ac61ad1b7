/* screens/maintenance.c — F8 Bảo trì: the cameras needing attention
 * first, each suggestion with what to check first, then every camera
 * with its host household, phone, age, last maintenance and 30-day
 * uptime (maintenance.overview); Enter opens a camera's page (what is
 * known of it, its outages and its maintenance log); `a` records an
 * entry from a form.  The page and the form are maintenance_page.c's.
 * The overview is read again when a camera's state changes, and every
 * few seconds while shown. */
#include "build-config.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/maintenance.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "client/maintenance.h"
#include "station/screens/camera_add.h"
#include "station/screens/maintenance_state.h"
#include "station/screens/status.h"

#include <stdarg.h>

/* The overview again after this long, even without news: an offline
 * camera crosses its threshold with nothing else happening. */
#define READ_AGAIN_US (5 * CG_USEC_PER_SEC)

void
maint_notice (Maint *m, gboolean bad, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_free (m->notice);
  m->notice = g_strdup_vprintf (format, ap);
  m->notice_bad = bad;
  va_end (ap);
}

JsonNode *
maint_call (Maint *m, const char *method, JsonNode *params, JsonNode **data, GError **error)
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

/* {member: camera} */
static JsonNode *
camera_params (const char *member, const char *camera)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, member, camera);
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
  g_autoptr (JsonNode) r = maint_call (m, "maintenance.overview", NULL, NULL, &error);
  m->read_us = g_get_monotonic_time ();
  m->read_serial = m->st->cameras_serial;
  JsonArray *cameras = take_array (r, "cameras");
  if (cameras == NULL)
    {
      maint_notice (m, TRUE, "%s", error != NULL ? error->message
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
  g_autoptr (JsonNode) params = camera_params ("camera", m->page_camera);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) log = maint_call (m, "maintenance.list", params, NULL, &error);
  g_autoptr (JsonNode) outages = log != NULL ? maint_call (m, "maintenance.outages", params, NULL, &error)
                                             : NULL;
  if (log == NULL || outages == NULL)
    {
      maint_notice (m, TRUE, "%s", error != NULL ? error->message
                                : _("canhgacd answered something this station cannot read"));
      return;
    }
  g_clear_pointer (&m->log, json_array_unref);
  g_clear_pointer (&m->outages, json_array_unref);
  g_clear_pointer (&m->inventory, json_object_unref);
  m->log = take_array (log, "entries");
  m->outages = take_array (outages, "outages");
  /* Its inventory: who to call, its line, its make.  Not having it
   * leaves the page without it, nothing more. */
  g_autoptr (GError) ignored = NULL;
  g_autoptr (JsonNode) by_name = camera_params ("name", m->page_camera);
  g_autoptr (JsonNode) camera = maint_call (m, "camera.get", by_name, NULL, &ignored);
  if (camera != NULL && JSON_NODE_HOLDS_OBJECT (camera))
    m->inventory = json_object_ref (json_node_get_object (camera));
}

static JsonObject *
selected_camera (Maint *m)
{
  if (m->cameras == NULL || m->selected >= json_array_get_length (m->cameras))
    return NULL;
  return json_array_get_object_element (m->cameras, m->selected);
}

/* The page's camera as the overview has it. */
JsonObject *
maint_page_camera (Maint *m)
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
  g_clear_pointer (&m->inventory, json_object_unref);
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

const char *
maint_str (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

gint64
maint_time_of (JsonObject *o, const char *name)
{
  gint64 us = 0;
  const char *t = maint_str (o, name);
  if (t != NULL)
    cg_time_parse (t, NULL, &us, NULL);
  return us;
}

/* "12/03/2025 (1 năm 8 tháng)" from installed_on; "—" when unknown. */
char *
maint_age_text (JsonObject *c)
{
  const char *on = maint_str (c, "installed_on");
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
  g_autofree char *date = cg_time_format_date (maint_time_of (last, "at"), NULL);
  return g_strdup_printf ("%s %s", cg_maintenance_kind_label (maint_str (last, "kind")), date);
}

JsonArray *
maint_suggestions_of (JsonObject *c)
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
  { N_("Camera"), 0, 0 }, { N_("Needs"), 18, 0 }, { N_("Host household"), 16, 96 },
  { N_("Phone"), 13, 110 }, { N_("Age"), 10, 60 }, { N_("Last maintenance"), 22, 76 },
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
  JsonArray *sugg = maint_suggestions_of (c);
  g_autoptr (GString) needs = g_string_new (NULL);
  for (guint j = 0; sugg != NULL && j < json_array_get_length (sugg); j++)
    g_string_append_printf (needs, "%s%s", j > 0 ? ", " : "",
                            cg_suggestion_title (json_array_get_object_element (sugg, j)));
  if (json_object_get_boolean_member_with_default (c, "retired", FALSE))
    g_string_assign (needs, cg_maintenance_kind_label (CG_MAINT_RETIRE));
  g_autofree char *age = maint_age_text (c);
  g_autofree char *last = last_text (c);
  g_autofree char *uptime = g_strdup_printf ("%.1f%%", json_object_get_double_member_with_default (c, "uptime_percent", 0));
  const char *cells[] = { maint_str (c, "name"), needs->str, maint_str (c, "host_name"), maint_str (c, "host_phone"),
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
      JsonArray *sugg = maint_suggestions_of (c);
      for (guint j = 0; sugg != NULL && j < json_array_get_length (sugg) && y < max_y; j++)
        {
          JsonObject *s = json_array_get_object_element (sugg, j);
          g_autofree char *text = cg_suggestion_text (s);
          g_autofree char *line = g_strdup_printf ("%s: %s", maint_str (c, "name"), text);
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

void
maint_paint_foot (Maint *m, WINDOW *win, int rows, int cols)
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
      maint_paint_foot (m, win, rows, cols);
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
  maint_paint_foot (m, win, rows, cols);
}

static void
maint_paint (gpointer self, WINDOW *win, int rows, int cols)
{
  Maint *m = self;
  m->rows = rows;
  m->cols = cols;
  if (m->form != NULL)
    maint_paint_form (m, win, rows, cols);
  else if (m->view == VIEW_PAGE)
    maint_paint_page (m, win, rows, cols);
  else
    paint_list (m, win, rows, cols);
}

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
  m->page_camera = g_strdup (maint_str (c, "name"));
  m->view = VIEW_PAGE;
  m->scroll = 0;
  g_clear_pointer (&m->log, json_array_unref);
  g_clear_pointer (&m->outages, json_array_unref);
  g_clear_pointer (&m->inventory, json_object_unref);
  g_clear_pointer (&m->notice, g_free);
  read_page (m);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
add_entry (gpointer self, int key)
{
  Maint *m = self;
  JsonObject *c = selected_camera (m);
  const char *camera = m->view == VIEW_PAGE ? m->page_camera : c != NULL ? maint_str (c, "name") : NULL;
  if (camera == NULL)
    return CG_KEY_HANDLED;
  cg_maint_form_free (m->form);
  m->form = cg_maint_form_new (camera, NULL);
  m->form_leaving = FALSE;
  g_clear_pointer (&m->notice, g_free);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* The camera's inventory (who hosts it, its line, its make...), in F4's
 * form; for administrators (others are told so there). */
static int
edit_inventory (gpointer self, int key)
{
  Maint *m = self;
  JsonObject *c = selected_camera (m);
  const char *camera = m->view == VIEW_PAGE ? m->page_camera : c != NULL ? maint_str (c, "name") : NULL;
  if (camera != NULL)
    cg_status_edit_camera (m->st, camera);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
add_camera (gpointer self, int key)
{
  Maint *m = self;
  cg_camera_add_open (m->st);
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
  { .keys = { 'e' }, .name = "maint-inventory", .label = N_("inventory"),
    .help = N_("change the camera's inventory: host, phone, line, make, warranty "
               "(administrators)"), .action = edit_inventory },
  { .keys = { '+' }, .name = "maint-new-camera", .label = N_("new camera"),
    .help = N_("add a camera by its brand, IP and password (administrators)"),
    .action = add_camera },
  { .keys = { CG_KEY_ESC }, .name = "maint-back", .label = N_("back"),
    .help = N_("clear the news; from a camera's page back to the list"), .action = back },
  { .keys = { CG_KEY_NONE } },
};

/* The form takes every key while open (F-keys still switch screens). */
static int
maint_key (gpointer self, int key)
{
  Maint *m = self;
  return m->form != NULL ? maint_form_key (m, key) : CG_KEY_IGNORED;
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
  .guide = "Bảo trì (F8)",
};
