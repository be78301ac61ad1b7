/* screens/incidents_form.c — the F5 forms on screen: a new incident, an
 * edit, closing, reopening, attaching footage, the log's dates.  What
 * is checked and sent is incident_form.c's; here the fields are drawn,
 * keys go to the field with focus, and the save goes to the daemon,
 * whose refusal comes back to the field it names with everything typed
 * kept. */
#include "build-config.h"

#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/form_keys.h"
#include "station/screens/incidents_state.h"

/* Where the values begin. */
#define LABEL_COLS 25

void
inc_form_open (Incidents *in, CgFormKind kind, const CgIncident *inc)
{
  inc_form_close (in);
  in->editing_search = FALSE;
  if (kind == CG_FORM_CREATE || kind == CG_FORM_EDIT)
    inc_load_kinds (in);
  in->form = cg_incident_form_new (kind, inc, in->kinds, NULL);
  in->form_leaving = FALSE;
  g_clear_pointer (&in->notice, g_free);
  if (kind == CG_FORM_DATES)
    {
      cg_incident_form_set_time (in->form, CG_FIELD_FROM, in->list->from_us);
      cg_incident_form_set_time (in->form, CG_FIELD_TO, in->list->to_us);
    }
  if (kind == CG_FORM_ATTACH)
    {
      /* The incident's own times and the camera the officer is on. */
      if (inc != NULL)
        {
          cg_incident_form_set_time (in->form, CG_FIELD_FROM, inc->from_us);
          cg_incident_form_set_time (in->form, CG_FIELD_TO, inc->to_us);
        }
      if (in->st->selected != NULL)
        cg_incident_form_set (in->form, CG_FIELD_CAMERA, in->st->selected);
    }
}

void
inc_form_close (Incidents *in)
{
  g_clear_pointer (&in->form, cg_incident_form_free);
  in->form_leaving = FALSE;
}

/* ---- drawing ---------------------------------------------------------------------- */

static char *
title (const CgIncidentForm *f)
{
  const char *code = f->code != NULL ? f->code : "";
  switch (f->kind)
    {
    case CG_FORM_CREATE: return g_strdup (_("New incident"));
    case CG_FORM_EDIT: return g_strdup_printf (_("Change incident %s"), code);
    case CG_FORM_CLOSE: return g_strdup_printf (_("Close incident %s"), code);
    case CG_FORM_REOPEN: return g_strdup_printf (_("Reopen incident %s"), code);
    case CG_FORM_ATTACH: return g_strdup_printf (_("Attach footage to incident %s"), code);
    case CG_FORM_DATES:
    default: return g_strdup (_("Show the incidents of a date range (empty: no limit)"));
    }
}

/* What to type in a field, beside it when it is empty. */
static const char *
field_hint (const CgIncidentForm *f, CgFieldId id)
{
  switch (id)
    {
    case CG_FIELD_FROM:
    case CG_FIELD_TO:
      return f->kind == CG_FORM_DATES ? _("dd/mm/yyyy, or dd/mm HH:MM")
                                      : _("dd/mm HH:MM, HH:MM (today), -15m");
    case CG_FIELD_CAMERAS: return _("names, separated by commas");
    case CG_FIELD_PHONE: return _("digits, spaces and +");
    default: return NULL;
    }
}

void
inc_paint_form (Incidents *in, WINDOW *win, int rows, int cols)
{
  CgIncidentForm *f = in->form;
  g_autofree char *t = title (f);
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, t, FALSE);
  wattroff (win, A_BOLD);
  int n;
  const CgFieldId *ids = cg_incident_form_fields (f, &n);
  int y = 2;
  int value_cols = MAX (cols - LABEL_COLS - 4, 10);
  for (int i = 0; i < n && y < rows - 4; i++)
    {
      CgFieldId id = ids[i];
      CgFormField *field = &f->fields[id];
      CgFormRow row = { .label = cg_incident_field_label (id), .text = field->text,
                        .hint = field_hint (f, id), .error = field->error,
                        .choice = field->choice ? cg_incident_form_choice_label (f, id) : NULL };
      y = cg_form_draw_row (win, y, LABEL_COLS, value_cols, &row, f->focus == (int) id);
    }
  y++;
  gboolean on_save = f->focus == CG_N_FIELDS;
  const char *save = f->kind == CG_FORM_DATES ? _("[ Show ]") : _("[ Save ]");
  if (on_save)
    wattron (win, A_REVERSE | A_BOLD);
  cg_draw_text (win, y, LABEL_COLS + 2, cg_text_width (save), save, FALSE);
  wattroff (win, A_REVERSE | A_BOLD);
  y += 2;
  g_autofree char *conflict = cg_incident_form_conflict_text (f);
  const char *problem = conflict != NULL ? conflict : f->error;
  if (problem != NULL && y < rows - 1)
    {
      wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      y = cg_draw_paragraph (win, y, 1, cols - 2, MAX (rows - 1 - y, 1), problem);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      if (f->conflict && y < rows - 1)
        cg_draw_text (win, y, 1, cols - 2,
                      _("Ctrl+L: load their version into the fields you did not change, then save "
                        "again; Esc: leave without saving"), FALSE);
    }
  cg_draw_text (win, rows - 1, 1, cols - 2,
                _("Tab ↓: next  ↑: previous  ← →: choose  Enter: next, on the last: save  "
                  "Ctrl+T: Telex/VNI  Esc: leave"), FALSE);
}

/* ---- saving ------------------------------------------------------------------------ */

static char *
saved_text (const CgIncidentForm *f, const CgIncident *inc)
{
  switch (f->kind)
    {
    case CG_FORM_CREATE: return g_strdup_printf (_("Incident %s recorded."), inc->code);
    case CG_FORM_CLOSE: return g_strdup_printf (_("Incident %s closed."), inc->code);
    case CG_FORM_REOPEN: return g_strdup_printf (_("Incident %s reopened."), inc->code);
    case CG_FORM_ATTACH:
      {
        /* The range just added is the newest. */
        const CgEvidence *last = NULL;
        for (guint i = 0; i < inc->evidence->len; i++)
          {
            const CgEvidence *e = inc->evidence->pdata[i];
            if (last == NULL || e->id > last->id)
              last = e;
          }
        if (last != NULL && last->footage_seconds <= 0)
          return g_strdup_printf (_("Footage attached to incident %s, but nothing was recorded in "
                                    "that range (no footage)."), inc->code);
        return g_strdup_printf (_("Footage attached to incident %s."), inc->code);
      }
    case CG_FORM_EDIT:
    default: return g_strdup_printf (_("Incident %s saved."), inc->code);
    }
}

static int
save (Incidents *in)
{
  CgIncidentForm *f = in->form;
  g_autoptr (JsonNode) params = NULL;
  const char *method = NULL;
  gint64 now = cg_time_now_us ();
  if (!cg_incident_form_check (f, now, &params, &method))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  if (f->kind == CG_FORM_DATES)
    {
      gint64 from = 0, to = 0;
      cg_incident_form_range (f, now, &from, &to);
      cg_incident_list_set_range (in->list, from, to);
      inc_form_close (in);
      return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  g_autoptr (JsonNode) r = inc_call (in, method, params, &data, &error);
  if (r == NULL)
    {
      /* Nothing was saved: the form stays, the refusal at its field. */
      int code = error->domain == CG_RPC_ERROR ? error->code : 0;
      cg_incident_form_refused (f, code, error->message, data);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_autoptr (CgIncident) inc = JSON_NODE_HOLDS_OBJECT (r) ? cg_incident_from_json (json_node_get_object (r))
                                                          : NULL;
  if (inc == NULL)
    {
      f->error = g_strdup (_("canhgacd answered something this station cannot read"));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_autofree char *done = saved_text (f, inc);
  gboolean created = f->kind == CG_FORM_CREATE;
  inc_form_close (in);
  in->list->stale = TRUE;
  if (created)
    {
      /* Back to the log, the new incident selected. */
      in->view = INC_VIEW_LIST;
      in->list->selected_id = inc->id;
    }
  else
    {
      in->shown_id = inc->id;
      in->shown_stale = TRUE;
    }
  inc_notice (in, FALSE, "%s", done);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

/* ---- keys --------------------------------------------------------------------------- */

static int
form_next (gpointer self, int key)
{
  Incidents *in = self;
  cg_incident_form_focus_next (in->form, key == CG_KEY_UP || key == CG_KEY_BACK_TAB ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_choose (gpointer self, int key)
{
  Incidents *in = self;
  CgIncidentForm *f = in->form;
  if (f->focus < CG_N_FIELDS && f->fields[f->focus].choice)
    cg_incident_form_choose (f, f->focus, key == CG_KEY_LEFT ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_enter (gpointer self, int key)
{
  Incidents *in = self;
  CgIncidentForm *f = in->form;
  int n;
  const CgFieldId *ids = cg_incident_form_fields (f, &n);
  if (f->focus == CG_N_FIELDS || f->focus == (int) ids[n - 1])
    return save (in);
  cg_incident_form_focus_next (f, 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_reload (gpointer self, int key)
{
  Incidents *in = self;
  CgIncidentForm *f = in->form;
  if (!f->conflict || f->incident_id <= 0)
    return CG_KEY_HANDLED;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "incident");
  json_builder_add_int_value (b, f->incident_id);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = inc_call (in, "incident.show", params, NULL, &error);
  g_autoptr (CgIncident) now = r != NULL && JSON_NODE_HOLDS_OBJECT (r)
                                 ? cg_incident_from_json (json_node_get_object (r)) : NULL;
  if (now == NULL)
    {
      g_free (f->error);
      f->error = g_strdup (error != NULL ? error->message : "?");
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  int both = cg_incident_form_reload (f, now);
  if (both > 0)
    f->error = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Their version is loaded; %d field you changed was "
                                             "changed by them too: yours is kept. Save again to keep it.",
                                             "Their version is loaded; %d fields you changed were "
                                             "changed by them too: yours are kept. Save again to keep them.",
                                             both), both);
  else
    f->error = g_strdup (_("Their version is loaded, with what you typed. Save again."));
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_leave (gpointer self, int key)
{
  Incidents *in = self;
  CgIncidentForm *f = in->form;
  if (cg_incident_form_changed (f) && !in->form_leaving)
    {
      in->form_leaving = TRUE;
      g_free (f->error);
      f->error = g_strdup (_("Esc again leaves the form and loses what you typed."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  inc_form_close (in);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Keys of a form: letters are text there, so these need not be hotkeys. */
const CgKeyRow cg_incident_form_keys[] = {
  { .keys = { CG_KEY_TAB, CG_KEY_DOWN, CG_KEY_BACK_TAB, CG_KEY_UP }, .name = "form-next",
    .label = N_("next field"), .help = N_("the next field (Tab ↓) or the previous one (⇤ ↑)"),
    .action = form_next },
  { .keys = { CG_KEY_LEFT, CG_KEY_RIGHT, CG_KEY_SPACE }, .name = "form-choose", .label = N_("choose"),
    .help = N_("on a choice (kind, status, footage helped): the previous or next value"),
    .action = form_choose },
  { .keys = { CG_KEY_ENTER }, .name = "form-save", .label = N_("save"),
    .help = N_("the next field; on the last field or [ Save ]: save"), .action = form_enter },
  { .keys = { CG_KEY_CTRL ('l') }, .name = "form-reload", .label = N_("reload"),
    .help = N_("after someone else changed the incident: load their version into the fields you "
               "did not change"), .action = form_reload },
  { .keys = { CG_KEY_ESC }, .name = "form-leave", .label = N_("leave"),
    .help = N_("leave the form without saving (asks first when something was typed)"),
    .action = form_leave },
  { .keys = { CG_KEY_NONE } },
};

int
inc_form_key (Incidents *in, int key)
{
  CgIncidentForm *f = in->form;
  CgTextField *text = cg_incident_form_focused_text (f);
  return cg_form_key (text, text != NULL ? &f->fields[f->focus].error : NULL, &in->form_leaving,
                      cg_incident_form_keys, in, key);
}
