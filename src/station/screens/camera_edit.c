/* screens/camera_edit.c — a camera's inventory form on screen (see the
 * header). */
#include "build-config.h"

#include "station/form_keys.h"
#include "station/screens/camera_edit.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/text.h"

/* Where the values begin. */
#define LABEL_COLS 24

void
cg_camera_edit_clear (CgCameraEdit *e)
{
  g_clear_pointer (&e->form, cg_camera_form_free);
  g_clear_pointer (&e->notice, g_free);
  e->leaving = FALSE;
}

static void
notice (CgCameraEdit *e, const char *text)
{
  g_free (e->notice);
  e->notice = g_strdup (text);
}

gboolean
cg_camera_edit_open (CgCameraEdit *e, CgStation *st, const char *camera)
{
  cg_camera_edit_clear (e);
  e->st = st;
  /* The daemon refuses the others anyway; saying it before they type
   * spares them a form they cannot save. */
  if (g_strcmp0 (st->role, "admin") != 0)
    {
      notice (e, _("Only an administrator changes cameras."));
      return FALSE;
    }
  if (st->client == NULL || camera == NULL)
    {
      notice (e, _("The camera cannot be changed while canhgacd is not answering."));
      return FALSE;
    }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, camera);
  json_builder_end_object (b);
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (st->client, "camera.get", params, NULL, &error);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r))
    {
      notice (e, error != NULL ? error->message
                               : _("canhgacd answered something this station cannot read"));
      return FALSE;
    }
  e->form = cg_camera_form_new (json_node_get_object (r));
  return TRUE;
}

/* ---- drawing ------------------------------------------------------------ */

/* What to type in a field, beside it when it is empty. */
static const char *
field_hint (const CgCameraField *row)
{
  switch (row->type)
    {
    case CG_FIELD_DATE: return _("dd/mm/yyyy");
    case CG_FIELD_PHONE: return _("digits, spaces and + - .");
    default: return NULL;
    }
}

void
cg_camera_edit_paint (CgCameraEdit *e, WINDOW *win, int rows, int cols)
{
  CgCameraForm *f = e->form;
  g_autofree char *title = g_strdup_printf (_("Inventory of camera %s"), f->camera);
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, title, FALSE);
  wattroff (win, A_BOLD);
  int value_cols = MAX (cols - LABEL_COLS - 4, 10);
  /* Fields scroll so that the one with focus is on screen. */
  int room = MAX (rows - 6, 1);
  int first = f->focus >= room ? MIN (f->focus, f->n_fields) - room + 1 : 0;
  int y = 1;
  for (int i = first; i < f->n_fields && y < rows - 5; i++)
    {
      CgCameraFormField *field = &f->fields[i];
      g_autofree char *name = cg_camera_form_label (f, i);
      CgFormRow row = { .label = name, .text = field->text, .hint = field_hint (field->row),
                        .error = field->error,
                        .choice = field->text == NULL ? cg_camera_form_choice_label (f, i) : NULL };
      y = cg_form_draw_row (win, y, LABEL_COLS, value_cols, &row, f->focus == i);
    }
  y++;
  const char *save = _("[ Save ]");
  if (f->focus == f->n_fields)
    wattron (win, A_REVERSE | A_BOLD);
  cg_draw_text (win, MIN (y, rows - 4), LABEL_COLS + 2, cg_text_width (save), save, FALSE);
  wattroff (win, A_REVERSE | A_BOLD);
  if (f->error != NULL)
    {
      wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      cg_draw_paragraph (win, rows - 3, 1, cols - 2, 2, f->error);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
  cg_draw_text (win, rows - 1, 1, cols - 2,
                _("Tab ↓: next  ↑: previous  ← →: choose  Enter: next, on the last: save  "
                  "Ctrl+T: Telex/VNI  Esc: leave"), FALSE);
}

/* ---- saving --------------------------------------------------------------- */

static int
save (CgCameraEdit *e)
{
  CgCameraForm *f = e->form;
  g_autoptr (JsonNode) params = NULL;
  if (!cg_camera_form_check (f, &params))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  if (params == NULL)
    {
      g_clear_pointer (&e->form, cg_camera_form_free);
      notice (e, _("Nothing was changed."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (e->st->client == NULL)
    {
      g_free (f->error);
      f->error = g_strdup (_("canhgacd is not answering: nothing was saved. Save again once it is "
                             "back."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r = cg_client_call (e->st->client, "camera.update", params, NULL, &error);
  if (r == NULL)
    {
      /* Nothing was saved: the form stays, the refusal at its field. */
      JsonObject *d = cg_error_get_data (error);
      g_autoptr (JsonNode) data = d != NULL ? json_node_init_object (json_node_alloc (), d) : NULL;
      cg_camera_form_refused (f, error->message, data);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_autofree char *done = g_strdup_printf (_("Camera “%s” saved."), f->camera);
  g_clear_pointer (&e->form, cg_camera_form_free);
  notice (e, done);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

/* ---- keys ------------------------------------------------------------------- */

static int
form_next (gpointer self, int key)
{
  CgCameraEdit *e = self;
  cg_camera_form_focus_next (e->form, key == CG_KEY_UP || key == CG_KEY_BACK_TAB ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_choose (gpointer self, int key)
{
  CgCameraEdit *e = self;
  CgCameraForm *f = e->form;
  if (f->focus < f->n_fields && f->fields[f->focus].text == NULL)
    {
      cg_camera_form_choose (f, f->focus, key == CG_KEY_LEFT ? -1 : 1);
      e->leaving = FALSE;
    }
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_enter (gpointer self, int key)
{
  CgCameraEdit *e = self;
  CgCameraForm *f = e->form;
  if (f->focus >= f->n_fields - 1)
    return save (e);
  cg_camera_form_focus_next (f, 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_leave (gpointer self, int key)
{
  CgCameraEdit *e = self;
  CgCameraForm *f = e->form;
  if (cg_camera_form_changed (f) && !e->leaving)
    {
      e->leaving = TRUE;
      g_free (f->error);
      f->error = g_strdup (_("Esc again leaves the form and loses what you typed."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  g_clear_pointer (&e->form, cg_camera_form_free);
  e->leaving = FALSE;
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

/* Keys of the form: letters are text there, so these need not be
 * hotkeys. */
const CgKeyRow cg_camera_edit_keys[] = {
  { .keys = { CG_KEY_TAB, CG_KEY_DOWN, CG_KEY_BACK_TAB, CG_KEY_UP }, .name = "camera-form-next",
    .label = N_("next field"), .help = N_("the next field (Tab ↓) or the previous one (⇤ ↑)"),
    .action = form_next },
  { .keys = { CG_KEY_LEFT, CG_KEY_RIGHT, CG_KEY_SPACE }, .name = "camera-form-choose",
    .label = N_("choose"), .help = N_("on a choice (funding, host): the previous or next value"),
    .action = form_choose },
  { .keys = { CG_KEY_ENTER }, .name = "camera-form-save", .label = N_("save"),
    .help = N_("the next field; on the last field or [ Save ]: save"), .action = form_enter },
  { .keys = { CG_KEY_ESC }, .name = "camera-form-leave", .label = N_("leave"),
    .help = N_("leave the form without saving (asks first when something was typed)"),
    .action = form_leave },
  { .keys = { CG_KEY_NONE } },
};

int
cg_camera_edit_key (CgCameraEdit *e, int key)
{
  CgCameraForm *f = e->form;
  CgTextField *text = cg_camera_form_focused_text (f);
  return cg_form_key (text, text != NULL ? &f->fields[f->focus].error : NULL, &e->leaving,
                      cg_camera_edit_keys, e, key);
}
