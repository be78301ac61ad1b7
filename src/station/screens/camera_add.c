/* screens/camera_add.c — the form for adding a camera by its brand, on
 * screen.  What is checked and sent is camera_add_form.c's; here the fields
 * are drawn (the password as dots), keys go to the field with focus,
 * and the daemon is asked: camera.probe, whose tries are listed as the
 * command line lists them, then camera.add. */
#include "build-config.h"

#include "station/form_keys.h"
#include "station/screens/camera_add.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/text.h"
#include "station/camera_add_form.h"

/* Where the values begin. */
#define LABEL_COLS 24

struct CgCameraAdd {
  CgStation *st;
  CgCameraAddForm *form;     /* NULL: closed */
  gboolean need_vendors;  /* camera.vendors at the next update */
  JsonNode *probe;        /* camera.probe's params, once "trying" is drawn */
  gboolean trying;        /* drawn as trying; the probe runs at the next update */
  guint kick;             /* the timer that asks for that update */
  gboolean leaving;       /* Esc pressed once with something typed */
  char *added;            /* the camera added, in words */
};

CgCameraAdd *
cg_camera_add_new (CgStation *st)
{
  CgCameraAdd *a = g_new0 (CgCameraAdd, 1);
  a->st = st;
  return a;
}

static void
close_form (CgCameraAdd *a)
{
  g_clear_pointer (&a->form, cg_camera_add_form_free);
  g_clear_pointer (&a->probe, json_node_unref);
  g_clear_handle_id (&a->kick, g_source_remove);
  g_clear_pointer (&a->added, g_free);
  a->trying = a->leaving = a->need_vendors = FALSE;
}

void
cg_camera_add_free (CgCameraAdd *a)
{
  if (a == NULL)
    return;
  close_form (a);
  g_free (a);
}

void
cg_camera_add_start (CgCameraAdd *a)
{
  close_form (a);
  a->form = cg_camera_add_form_new ();
  a->need_vendors = TRUE;
}

gboolean
cg_camera_add_active (const CgCameraAdd *a)
{
  return a->form != NULL;
}

/* ---- the daemon ----------------------------------------------------------- */

/* Calls the daemon; NULL after putting its refusal in the form. */
static JsonNode *
call (CgCameraAdd *a, const char *method, JsonNode *params)
{
  if (a->st->client == NULL)
    {
      g_free (a->form->error_text);
      a->form->error_text = g_strdup (_("canhgacd cannot be reached now; nothing was sent"));
      return NULL;
    }
  g_autoptr (GError) error = NULL;
  JsonNode *r = cg_client_call (a->st->client, method, params, NULL, &error);
  if (r == NULL)
    {
      /* What the refusal said besides its message: the field. */
      JsonObject *d = cg_error_get_data (error);
      g_autoptr (JsonNode) data = d != NULL ? json_node_init_object (json_node_alloc (), d) : NULL;
      cg_camera_add_form_refused (a->form, error->domain == CG_RPC_ERROR ? error->code : 0,
                              error->message, data);
    }
  return r;
}

static void
load_vendors (CgCameraAdd *a)
{
  a->need_vendors = FALSE;
  g_autoptr (JsonNode) r = call (a, "camera.vendors", NULL);
  if (r != NULL && JSON_NODE_HOLDS_OBJECT (r)
      && !cg_camera_add_form_set_vendors (a->form, json_node_get_object (r)))
    a->form->error_text = g_strdup (_("canhgacd knows no brand of camera: check its "
                                      "camera-vendors.conf"));
}

static void
probe_and_add (CgCameraAdd *a)
{
  g_autoptr (JsonNode) params = g_steal_pointer (&a->probe);
  a->trying = FALSE;
  g_autoptr (JsonNode) r = call (a, "camera.probe", params);
  if (r == NULL || !JSON_NODE_HOLDS_OBJECT (r)
      || !cg_camera_add_form_take_probe (a->form, json_node_get_object (r)))
    return;
  g_autoptr (JsonNode) add = cg_camera_add_form_add_params (a->form);
  g_autoptr (JsonNode) camera = call (a, "camera.add", add);
  if (camera == NULL)
    return;
  JsonObject *c = JSON_NODE_HOLDS_OBJECT (camera) ? json_node_get_object (camera) : NULL;
  g_free (a->added);
  a->added = g_strdup_printf (_("Camera “%s” added: %s"),
                              c != NULL ? cg_rpc_param_string (c, "name", "") : "", a->form->url);
  cg_station_changed (a->st);
}

void
cg_camera_add_update (CgCameraAdd *a)
{
  if (a->form == NULL)
    return;
  if (a->need_vendors)
    load_vendors (a);
  if (a->probe != NULL && a->trying && a->kick == 0)
    probe_and_add (a);
}

/* Runs once "trying" is on the screen, so that the officer sees what
 * the station waits for. */
static gboolean
kick (gpointer data)
{
  CgCameraAdd *a = data;
  a->kick = 0;
  cg_station_changed (a->st);
  return G_SOURCE_REMOVE;
}

/* ---- drawing ------------------------------------------------------------------ */

/* What the brand's form says beside an empty field. */
static const char *
field_hint (CgCameraAdd *a, CgCameraAddFormField id)
{
  CgCameraAddForm *f = a->form;
  if (id == CG_CAMERA_ADD_FORM_USER && f->vendor_users->len > 0)
    return f->vendor_users->pdata[f->vendor];
  if (id == CG_CAMERA_ADD_FORM_HOST)
    return _("192.168.1.64, or 192.168.1.64:PORT for a port other than 554");
  return NULL;
}

void
cg_camera_add_paint (CgCameraAdd *a, WINDOW *win, int rows, int cols)
{
  CgCameraAddForm *f = a->form;
  if (f == NULL)
    return;
  wattron (win, A_BOLD);
  cg_draw_text (win, 0, 1, cols - 2, _("Add a camera by its brand (administrators)"), FALSE);
  wattroff (win, A_BOLD);
  int y = 2;
  int value_cols = MAX (cols - LABEL_COLS - 4, 10);
  for (int id = 0; id < CG_CAMERA_ADD_FORM_N_FIELDS && y < rows - 4; id++)
    {
      g_autofree char *dots = id == CG_CAMERA_ADD_FORM_PASSWORD
                                ? cg_camera_add_form_dots (f, a->st->utf8) : NULL;
      CgFormRow row = { .label = cg_camera_add_form_label (id), .text = f->text[id], .shown = dots,
                        .hint = field_hint (a, id), .error = f->error[id],
                        .choice = f->text[id] == NULL ? cg_camera_add_form_choice (f, id) : NULL };
      y = cg_form_draw_row (win, y, LABEL_COLS, value_cols, &row, f->focus == id);
    }
  y++;
  const char *save = _("[ Try and add ]");
  if (f->focus == CG_CAMERA_ADD_FORM_N_FIELDS)
    wattron (win, A_REVERSE | A_BOLD);
  cg_draw_text (win, y, LABEL_COLS + 2, cg_text_width (save), save, FALSE);
  wattroff (win, A_REVERSE | A_BOLD);
  y += 2;
  if (a->trying && y < rows - 1)
    cg_draw_text (win, y++, 1, cols - 2, _("Trying the brand's addresses at the camera (up to "
                                          "22 s)..."), FALSE);
  for (guint i = 0; i < f->tried->len && y < rows - 2; i++)
    cg_draw_text (win, y++, 1, cols - 2, f->tried->pdata[i], FALSE);
  const char *news = a->added != NULL ? a->added : f->error_text;
  if (news != NULL && y < rows - 1)
    {
      int pair = a->added != NULL ? CG_PAIR_RECORDING : CG_PAIR_WARNING;
      wattron (win, COLOR_PAIR (pair) | A_BOLD);
      cg_draw_paragraph (win, y + (f->tried->len > 0), 1, cols - 2, MAX (rows - 2 - y, 1), news);
      wattroff (win, COLOR_PAIR (pair) | A_BOLD);
    }
  cg_draw_text (win, rows - 1, 1, cols - 2,
                a->added != NULL ? _("Esc: back to the table  +: add another")
                                 : _("Tab ↓: next  ↑: previous  ← →: choose  Enter: next, on "
                                     "the last: try and add  Esc: leave"), FALSE);
}

/* ---- keys --------------------------------------------------------------------------- */

static int
form_next (gpointer self, int key)
{
  CgCameraAdd *a = self;
  cg_camera_add_form_focus_next (a->form, key == CG_KEY_UP || key == CG_KEY_BACK_TAB ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_choose (gpointer self, int key)
{
  CgCameraAdd *a = self;
  cg_camera_add_form_choose (a->form, key == CG_KEY_LEFT ? -1 : 1);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_enter (gpointer self, int key)
{
  CgCameraAdd *a = self;
  CgCameraAddForm *f = a->form;
  if (a->trying || a->added != NULL)
    return CG_KEY_HANDLED;
  if (f->focus < CG_CAMERA_ADD_FORM_N_FIELDS - 1)
    {
      cg_camera_add_form_focus_next (f, 1);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  JsonNode *params = NULL;
  if (!cg_camera_add_form_check (f, &params))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  g_clear_pointer (&a->probe, json_node_unref);
  a->probe = params;
  a->trying = TRUE;
  a->leaving = FALSE;
  g_clear_handle_id (&a->kick, g_source_remove);
  a->kick = g_timeout_add (100, kick, a);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_leave (gpointer self, int key)
{
  CgCameraAdd *a = self;
  if (a->trying)
    return CG_KEY_HANDLED;
  if (a->added == NULL && cg_camera_add_form_changed (a->form) && !a->leaving)
    {
      a->leaving = TRUE;
      g_free (a->form->error_text);
      a->form->error_text = g_strdup (_("Esc again leaves the form and loses what you typed."));
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  close_form (a);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

static int
form_again (gpointer self, int key)
{
  CgCameraAdd *a = self;
  if (a->added == NULL)
    return CG_KEY_IGNORED;
  cg_camera_add_start (a);
  return CG_KEY_HANDLED | CG_KEY_REDRAW | CG_KEY_UPDATE;
}

/* Keys of the form: letters are text there, so these need not be
 * hotkeys. */
const CgKeyRow cg_camera_add_keys[] = {
  { .keys = { CG_KEY_TAB, CG_KEY_DOWN, CG_KEY_BACK_TAB, CG_KEY_UP }, .name = "camera-form-next",
    .label = N_("next field"), .help = N_("the next field (Tab ↓) or the previous one (⇤ ↑)"),
    .action = form_next },
  { .keys = { CG_KEY_LEFT, CG_KEY_RIGHT, CG_KEY_SPACE }, .name = "camera-form-choose",
    .label = N_("choose"), .help = N_("on a choice (brand, sub-stream): the previous or next value"),
    .action = form_choose },
  { .keys = { CG_KEY_ENTER }, .name = "camera-form-save", .label = N_("try and add"),
    .help = N_("the next field; on the last field or [ Try and add ]: try the brand's addresses "
               "at the camera and add it with the one that sends video"),
    .action = form_enter },
  { .keys = { '+' }, .name = "camera-form-again", .label = N_("add another"),
    .help = N_("once a camera is added: an empty form for the next one"), .action = form_again },
  { .keys = { CG_KEY_ESC }, .name = "camera-form-leave", .label = N_("leave"),
    .help = N_("leave the form (asks first when something was typed)"), .action = form_leave },
  { .keys = { CG_KEY_NONE } },
};

int
cg_camera_add_key (CgCameraAdd *a, int key)
{
  CgCameraAddForm *f = a->form;
  CgTextField *text = a->trying || a->added != NULL ? NULL : cg_camera_add_form_focused_text (f);
  return cg_form_key (text, text != NULL ? &f->error[f->focus] : NULL, &a->leaving,
                      cg_camera_add_keys, a, key);
}
