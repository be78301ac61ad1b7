/* screens/maintenance_page.c — F8's camera page (what is known of the
 * camera, what it needs, its maintenance log, its outages of the last 30
 * days) and the form of a new entry on screen: what is checked and sent
 * is maintenance_form.c's; here the fields are drawn, keys go to the
 * field with focus, and the save goes to the daemon, whose refusal comes
 * back to the field it names with everything typed kept. */
#include "build-config.h"

#include "common/camera_fields.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/maintenance.h"
#include "common/reason.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "client/maintenance.h"
#include "station/form_keys.h"
#include "station/screens/maintenance_state.h"

/* Where the form's values begin. */
#define LABEL_COLS 26

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

/* The inventory's fields that are said: who hosts it and how to reach
 * them, power, line, make, warranty, notes (e changes them). */
static void
add_inventory (GPtrArray *lines, JsonObject *camera)
{
  if (camera == NULL)
    return;
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    {
      const CgCameraField *f = &cg_camera_fields[i];
      if (!(f->flags & CG_FIELD_INVENTORY) || f->label == NULL
          || g_str_equal (f->json, "installed"))
        continue;
      g_autofree char *value = cg_camera_field_describe (f, camera, NULL);
      if (value == NULL)
        continue;
      g_strdelimit (value, "\n", ' ');
      add (lines, g_strdup_printf ("  %s %s", _(f->label), value));
    }
}

/* Lines starting with "#" are headings. */
static GPtrArray *
page_lines (Maint *m)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  JsonObject *c = maint_page_camera (m);
  add (lines, g_strdup_printf ("#%s", m->page_camera));
  if (c != NULL)
    {
      field (lines, _("Location"), maint_str (c, "place"));
      if (m->inventory == NULL)
        {
          field (lines, _("Host household"), maint_str (c, "host_name"));
          field (lines, _("Phone"), maint_str (c, "host_phone"));
        }
      g_autofree char *installed = NULL;
      gint64 on = maint_time_of (c, "installed_on");
      if (on > 0)
        {
          g_autofree char *date = cg_time_format_date (on, NULL);
          g_autofree char *age = maint_age_text (c);
          installed = g_strdup_printf ("%s (%s)", date, age);
        }
      field (lines, _("Installed"), installed);
      g_autofree char *uptime = g_strdup_printf (
        _("%.1f%%, %lld outages"), json_object_get_double_member_with_default (c, "uptime_percent", 0),
        (long long) json_object_get_int_member_with_default (c, "outages_30d", 0));
      field (lines, _("Uptime 30 d"), uptime);
      add_inventory (lines, m->inventory);
      JsonArray *sugg = maint_suggestions_of (c);
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
      g_autofree char *at = cg_time_format_local (maint_time_of (e, "at"), NULL);
      GString *s = g_string_new (NULL);
      g_string_append_printf (s, "  %.16s  %s", at, cg_maintenance_kind_label (maint_str (e, "kind")));
      JsonNode *cost = json_object_get_member (e, "cost");
      if (cost != NULL && !JSON_NODE_HOLDS_NULL (cost))
        {
          g_autofree char *dong = cg_format_dong (json_node_get_int (cost));
          g_string_append_printf (s, "  %s", dong);
        }
      if (maint_str (e, "new_serial") != NULL)
        g_string_append_printf (s, "  %s → %s", maint_str (e, "old_serial") != NULL ? maint_str (e, "old_serial") : "?",
                                maint_str (e, "new_serial"));
      const char *note = maint_str (e, "note");
      if (note != NULL && *note != '\0')
        g_string_append_printf (s, "  %s", note);
      const char *by = maint_str (e, "by_name") != NULL ? maint_str (e, "by_name") : maint_str (e, "by");
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
      g_autofree char *from = cg_time_format_local (maint_time_of (o, "start"), NULL);
      gint64 end = maint_time_of (o, "end");
      g_autofree char *to = end > 0 ? cg_time_format_local (end, NULL) : g_strdup (_("still"));
      g_autofree char *why = cg_reason_describe (maint_str (o, "reason"));
      add (lines, g_strdup_printf ("  %s – %s  %s", from, to, why));
    }
  return lines;
}

void
maint_paint_page (Maint *m, WINDOW *win, int rows, int cols)
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
  maint_paint_foot (m, win, rows, cols);
}

/* ---- the form --------------------------------------------------------------------- */

void
maint_paint_form (Maint *m, WINDOW *win, int rows, int cols)
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
      CgFormRow row = { .label = cg_maint_field_label (id), .text = f->fields[id].text,
                        .error = f->fields[id].error,
                        .choice = id == CG_MFIELD_KIND
                                    ? cg_maintenance_kind_label (cg_maint_form_kind (f)) : NULL };
      y = cg_form_draw_row (win, y, LABEL_COLS, value_cols, &row, f->focus == (int) id);
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

static int
save (Maint *m)
{
  CgMaintForm *f = m->form;
  g_autoptr (JsonNode) params = NULL;
  if (!cg_maint_form_check (f, cg_time_now_us (), &params))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  g_autoptr (JsonNode) r = maint_call (m, "maintenance.add", params, &data, &error);
  if (r == NULL)
    {
      /* Nothing was saved: the form stays, the refusal at its field. */
      cg_maint_form_refused (f, error->domain == CG_RPC_ERROR ? error->code : 0, error->message, data);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  JsonObject *e = JSON_NODE_HOLDS_OBJECT (r) ? json_node_get_object (r) : NULL;
  maint_notice (m, FALSE, _("Entry %lld recorded: %s, %s."),
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


int
maint_form_key (Maint *m, int key)
{
  CgMaintForm *f = m->form;
  CgTextField *text = cg_maint_form_focused_text (f);
  return cg_form_key (text, text != NULL ? &f->fields[f->focus].error : NULL, &m->form_leaving,
                      cg_maintenance_form_keys, m, key);
}
