/* camera_add_form.c — adding a camera by its brand, without the drawing. */
#include "build-config.h"

#include "station/camera_add_form.h"

#include "client/camera_probe.h"
#include "common/camera.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/vendor_templates.h"

#include <string.h>

#define NAME_MAX_CHARS 64
#define TEXT_MAX_CHARS 253

CgCameraAddForm *
cg_camera_add_form_new (void)
{
  CgCameraAddForm *f = g_new0 (CgCameraAddForm, 1);
  for (int i = 0; i < CG_CAMERA_ADD_FORM_N_FIELDS; i++)
    {
      if (i == CG_CAMERA_ADD_FORM_VENDOR || i == CG_CAMERA_ADD_FORM_SUBSTREAM)
        continue;
      f->text[i] = cg_text_field_new (i == CG_CAMERA_ADD_FORM_NAME ? NAME_MAX_CHARS : TEXT_MAX_CHARS);
      /* Only the name is Vietnamese: Telex would turn "admin123s" or a
       * password into something the camera does not know. */
      if (i != CG_CAMERA_ADD_FORM_NAME)
        cg_text_field_set_ime (f->text[i], CG_IME_OFF);
    }
  cg_text_field_set_text (f->text[CG_CAMERA_ADD_FORM_CHANNEL], "1");
  f->vendor_ids = g_ptr_array_new_with_free_func (g_free);
  f->vendor_labels = g_ptr_array_new_with_free_func (g_free);
  f->vendor_users = g_ptr_array_new_with_free_func (g_free);
  f->tried = g_ptr_array_new_with_free_func (g_free);
  return f;
}

static void
forget_probe (CgCameraAddForm *f)
{
  g_ptr_array_set_size (f->tried, 0);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->substream_url, g_free);
  g_clear_pointer (&f->user, g_free);
}

void
cg_camera_add_form_free (CgCameraAddForm *f)
{
  if (f == NULL)
    return;
  for (int i = 0; i < CG_CAMERA_ADD_FORM_N_FIELDS; i++)
    {
      if (f->text[i] != NULL && i == CG_CAMERA_ADD_FORM_PASSWORD)
        cg_text_field_set_text (f->text[i], "");
      cg_text_field_free (f->text[i]);
      g_free (f->error[i]);
    }
  forget_probe (f);
  g_ptr_array_unref (f->tried);
  g_ptr_array_unref (f->vendor_ids);
  g_ptr_array_unref (f->vendor_labels);
  g_ptr_array_unref (f->vendor_users);
  g_free (f->error_text);
  g_free (f);
}

gboolean
cg_camera_add_form_set_vendors (CgCameraAddForm *f, JsonObject *reply)
{
  g_ptr_array_set_size (f->vendor_ids, 0);
  g_ptr_array_set_size (f->vendor_labels, 0);
  g_ptr_array_set_size (f->vendor_users, 0);
  JsonNode *list = reply != NULL ? json_object_get_member (reply, "vendors") : NULL;
  JsonArray *a = list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *v = json_array_get_object_element (a, i);
      const char *id = v != NULL ? cg_rpc_param_string (v, "id", NULL) : NULL;
      if (id == NULL)
        continue;
      g_ptr_array_add (f->vendor_ids, g_strdup (id));
      g_ptr_array_add (f->vendor_labels, g_strdup (cg_rpc_param_string (v, "label", id)));
      g_ptr_array_add (f->vendor_users, g_strdup (cg_rpc_param_string (v, "user", "")));
    }
  f->vendor = 0;
  return f->vendor_ids->len > 0;
}

const char *
cg_camera_add_form_label (CgCameraAddFormField field)
{
  switch (field)
    {
    case CG_CAMERA_ADD_FORM_NAME: return _("Name");
    case CG_CAMERA_ADD_FORM_VENDOR: return _("Brand");
    case CG_CAMERA_ADD_FORM_HOST: return _("IP address");
    case CG_CAMERA_ADD_FORM_USER: return _("User name");
    case CG_CAMERA_ADD_FORM_PASSWORD: return _("Password");
    case CG_CAMERA_ADD_FORM_CHANNEL: return _("Channel");
    case CG_CAMERA_ADD_FORM_SUBSTREAM: return _("Find the sub-stream");
    case CG_CAMERA_ADD_FORM_N_FIELDS: break;
    }
  g_assert_not_reached ();
}

const char *
cg_camera_add_form_choice (const CgCameraAddForm *f, CgCameraAddFormField field)
{
  if (field == CG_CAMERA_ADD_FORM_SUBSTREAM)
    return f->substream ? _("yes") : _("no");
  if (field == CG_CAMERA_ADD_FORM_VENDOR && f->vendor_labels->len > 0)
    return f->vendor_labels->pdata[f->vendor];
  return "";
}

char *
cg_camera_add_form_dots (const CgCameraAddForm *f, gboolean utf8)
{
  int n = cg_text_field_length (f->text[CG_CAMERA_ADD_FORM_PASSWORD]);
  GString *s = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    g_string_append (s, utf8 ? "•" : "*");
  return g_string_free (s, FALSE);
}

void
cg_camera_add_form_focus_next (CgCameraAddForm *f, int dir)
{
  f->focus = (f->focus + dir + CG_CAMERA_ADD_FORM_N_FIELDS + 1) % (CG_CAMERA_ADD_FORM_N_FIELDS + 1);
}

CgTextField *
cg_camera_add_form_focused_text (CgCameraAddForm *f)
{
  return f->focus < CG_CAMERA_ADD_FORM_N_FIELDS ? f->text[f->focus] : NULL;
}

void
cg_camera_add_form_choose (CgCameraAddForm *f, int dir)
{
  if (f->focus == CG_CAMERA_ADD_FORM_SUBSTREAM)
    f->substream = !f->substream;
  else if (f->focus == CG_CAMERA_ADD_FORM_VENDOR && f->vendor_ids->len > 0)
    {
      int n = (int) f->vendor_ids->len;
      f->vendor = (f->vendor + dir + n) % n;
    }
  g_clear_pointer (&f->error[f->focus < CG_CAMERA_ADD_FORM_N_FIELDS ? f->focus : 0], g_free);
}

gboolean
cg_camera_add_form_changed (const CgCameraAddForm *f)
{
  for (int i = 0; i < CG_CAMERA_ADD_FORM_N_FIELDS; i++)
    if (f->text[i] != NULL && i != CG_CAMERA_ADD_FORM_CHANNEL
        && cg_text_field_length (f->text[i]) > 0)
      return TRUE;
  return f->vendor != 0 || f->substream;
}

static const char *
text_of (CgCameraAddForm *f, CgCameraAddFormField field)
{
  return cg_text_field_text (f->text[field]);
}

/* "192.168.1.64" or "192.168.1.64:8554" (a port other than the
 * brand's), "[2001:db8::10]:8554" for IPv6: the host, and the port or
 * 0.  FALSE when the port is not one. */
static gboolean
split_port (const char *text, char **host, guint *port)
{
  *port = 0;
  const char *colon = strrchr (text, ':');
  gboolean v6 = text[0] == '[';
  const char *close = v6 ? strchr (text, ']') : NULL;
  if (colon == NULL || (!v6 && strchr (text, ':') != colon) || (v6 && (close == NULL || colon < close)))
    {
      *host = v6 && close != NULL ? g_strndup (text + 1, close - text - 1) : g_strdup (text);
      return TRUE;
    }
  guint64 p = 0;
  *host = v6 ? g_strndup (text + 1, close - text - 1) : g_strndup (text, colon - text);
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &p, NULL))
    return FALSE;
  *port = (guint) p;
  return TRUE;
}

static void
field_error (CgCameraAddForm *f, CgCameraAddFormField field, char *message)
{
  g_free (f->error[field]);
  f->error[field] = message;
}

gboolean
cg_camera_add_form_check (CgCameraAddForm *f, JsonNode **params)
{
  for (int i = 0; i < CG_CAMERA_ADD_FORM_N_FIELDS; i++)
    g_clear_pointer (&f->error[i], g_free);
  g_clear_pointer (&f->error_text, g_free);
  g_autofree char *name = g_strstrip (g_strdup (text_of (f, CG_CAMERA_ADD_FORM_NAME)));
  g_autofree char *typed = g_strstrip (g_strdup (text_of (f, CG_CAMERA_ADD_FORM_HOST)));
  g_autofree char *host = NULL;
  guint port = 0;
  gboolean port_ok = split_port (typed, &host, &port);
  g_autofree char *user = g_strstrip (g_strdup (text_of (f, CG_CAMERA_ADD_FORM_USER)));
  const char *password = text_of (f, CG_CAMERA_ADD_FORM_PASSWORD);
  g_autoptr (GError) error = NULL;
  if (*name == '\0')
    field_error (f, CG_CAMERA_ADD_FORM_NAME, g_strdup (_("give the camera a name, as officers "
                                                     "call it")));
  else if (!cg_camera_name_valid (name, &error))
    field_error (f, CG_CAMERA_ADD_FORM_NAME, g_strdup (error->message));
  if (f->vendor_ids->len == 0)
    field_error (f, CG_CAMERA_ADD_FORM_VENDOR, g_strdup (_("canhgacd has not said which brands it "
                                                       "knows yet: wait a moment")));
  if (*typed == '\0')
    field_error (f, CG_CAMERA_ADD_FORM_HOST, g_strdup (_("give the camera's IP address, as "
                                                     "192.168.1.64")));
  else if (!port_ok)
    field_error (f, CG_CAMERA_ADD_FORM_HOST, g_strdup (_("the port after “:” must be a number from "
                                                     "1 to 65535")));
  else if (!cg_vendor_host_valid (host))
    field_error (f, CG_CAMERA_ADD_FORM_HOST, g_strdup_printf (_("“%s” is not an IP address or host "
                                                            "name"), host));
  guint64 channel = 0;
  if (!g_ascii_string_to_unsigned (text_of (f, CG_CAMERA_ADD_FORM_CHANNEL), 10, 1,
                                   CG_VENDOR_CHANNEL_MAX, &channel, NULL))
    field_error (f, CG_CAMERA_ADD_FORM_CHANNEL,
                 g_strdup_printf (_("a number from 1 to %d (1 for a camera on its own)"),
                                  CG_VENDOR_CHANNEL_MAX));
  for (int i = 0; i < CG_CAMERA_ADD_FORM_N_FIELDS; i++)
    if (f->error[i] != NULL)
      {
        f->focus = i;
        return FALSE;
      }
  forget_probe (f);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "vendor", f->vendor_ids->pdata[f->vendor]);
  cg_json_add_string (b, "host", host);
  if (port != 0)
    cg_json_add_int (b, "port", port);
  cg_json_add_int (b, "channel", (gint64) channel);
  if (*user != '\0')
    cg_json_add_string (b, "user", user);
  if (*password != '\0')
    cg_json_add_string (b, "password", password);
  json_builder_set_member_name (b, "substream");
  json_builder_add_boolean_value (b, f->substream);
  json_builder_end_object (b);
  *params = json_builder_get_root (b);
  return TRUE;
}

gboolean
cg_camera_add_form_take_probe (CgCameraAddForm *f, JsonObject *reply)
{
  forget_probe (f);
  g_clear_pointer (&f->error_text, g_free);
  JsonNode *node = reply != NULL ? json_object_get_member (reply, "tried") : NULL;
  JsonArray *tried = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;
  for (guint i = 0; tried != NULL && i < json_array_get_length (tried); i++)
    {
      JsonObject *t = json_array_get_object_element (tried, i);
      if (t == NULL)
        continue;
      g_autofree char *words = cg_probe_result_words (t);
      g_ptr_array_add (f->tried, g_strdup_printf ("%s  %s: %s", cg_probe_stream_label (t),
                                                  cg_rpc_param_string (t, "url", ""), words));
    }
  const char *vendor = f->vendor_labels->len > 0 ? f->vendor_labels->pdata[f->vendor] : "";
  const char *user = reply != NULL ? cg_rpc_param_string (reply, "user", "") : "";
  const char *url = reply != NULL ? cg_rpc_param_string (reply, "url", NULL) : NULL;
  if (url == NULL)
    {
      g_autofree char *typed = g_strstrip (g_strdup (text_of (f, CG_CAMERA_ADD_FORM_HOST)));
      g_autofree char *host = NULL;
      guint port;
      split_port (typed, &host, &port);
      f->error_text = cg_probe_verdict (tried, vendor, host, user);
      return FALSE;
    }
  f->url = g_strdup (url);
  f->substream_url = g_strdup (cg_rpc_param_string (reply, "substream_url", NULL));
  f->user = g_strdup (user);
  return TRUE;
}

JsonNode *
cg_camera_add_form_add_params (CgCameraAddForm *f)
{
  g_return_val_if_fail (f->url != NULL, NULL);
  g_autofree char *name = g_strstrip (g_strdup (text_of (f, CG_CAMERA_ADD_FORM_NAME)));
  const char *password = text_of (f, CG_CAMERA_ADD_FORM_PASSWORD);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "name", name);
  cg_json_add_string (b, "url", f->url);
  if (f->substream_url != NULL)
    cg_json_add_string (b, "substream_url", f->substream_url);
  if (f->user != NULL && *f->user != '\0')
    cg_json_add_string (b, "user", f->user);
  if (*password != '\0')
    cg_json_add_string (b, "password", password);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
cg_camera_add_form_refused (CgCameraAddForm *f, int code, const char *message, JsonNode *data)
{
  g_clear_pointer (&f->error_text, g_free);
  static const struct {
    const char *param;
    CgCameraAddFormField field;
  } params[] = {
    { "vendor", CG_CAMERA_ADD_FORM_VENDOR }, { "host", CG_CAMERA_ADD_FORM_HOST },
    { "port", CG_CAMERA_ADD_FORM_HOST }, { "channel", CG_CAMERA_ADD_FORM_CHANNEL },
    { "user", CG_CAMERA_ADD_FORM_USER }, { "password", CG_CAMERA_ADD_FORM_PASSWORD },
    { "name", CG_CAMERA_ADD_FORM_NAME },
  };
  const char *named = data != NULL && JSON_NODE_HOLDS_OBJECT (data)
                        ? cg_rpc_param_string (json_node_get_object (data), "field", NULL) : NULL;
  int field = code == CG_RPC_CONFLICT ? CG_CAMERA_ADD_FORM_NAME : -1;
  for (gsize i = 0; named != NULL && i < G_N_ELEMENTS (params); i++)
    if (g_str_equal (named, params[i].param))
      field = params[i].field;
  if (field >= 0)
    {
      field_error (f, field, g_strdup (message));
      f->focus = field;
    }
  else
    f->error_text = g_strdup (message != NULL ? message : "");
}
