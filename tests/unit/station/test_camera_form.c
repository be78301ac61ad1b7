/* test_camera_form.c — the camera inventory form without the terminal:
 * filled from camera.get, typed through Telex, checked with the daemon's
 * rules before asking, only the changed fields sent, the daemon's
 * refusal put back at its field. */
#include "unit.h"

#include "station/camera_form.h"

#include "common/camera_changes.h"
#include "common/jsonrpc.h"

#include <string.h>

/* A camera as camera.get returns it. */
static JsonObject *
camera_json (void)
{
  g_autoptr (CgCamera) c = cg_camera_new ();
  c->name = g_strdup ("Chợ Hoàng Kim");
  c->url = g_strdup ("rtsp://10.0.0.1/live");
  c->funding = CG_FUNDING_COMMUNITY;
  c->donor = g_strdup ("Ông Năm");
  c->host_name = g_strdup ("Hộ ông Tư");
  c->host_phone = g_strdup ("0912 345 678");
  c->installed_on = g_strdup ("2025-03-15");
  c->notes = g_strdup ("Dây điện qua mái tôn.\nGọi trước 8 giờ.");
  g_autoptr (JsonNode) node = cg_camera_to_json (c, FALSE);
  return json_object_ref (json_node_get_object (node));
}

static void
type (CgTextField *t, const char *keys)
{
  for (const char *p = keys; *p != '\0'; p = g_utf8_next_char (p))
    cg_text_field_key (t, 0, g_utf8_get_char (p));
}

static int
field (CgCameraForm *f, const char *json)
{
  int i = cg_camera_form_find (f, json);
  assert_true (i >= 0);
  return i;
}

static void
test_filled (void **state)
{
  g_autoptr (JsonObject) cam = camera_json ();
  g_autoptr (CgCameraForm) f = cg_camera_form_new (cam);
  assert_string_equal (f->camera, "Chợ Hoàng Kim");
  /* The inventory rows, and only those: no address, no password. */
  assert_int_equal (cg_camera_form_find (f, "url"), -1);
  assert_int_equal (cg_camera_form_find (f, "password"), -1);
  assert_true (f->n_fields >= 15);
  g_autofree char *funding = cg_camera_form_value (f, field (f, "funding"));
  assert_string_equal (funding, "community");
  g_autofree char *kind = cg_camera_form_value (f, field (f, "host_kind"));
  assert_string_equal (kind, "");
  /* Dates as officers write them, the notes' lines kept. */
  assert_string_equal (cg_text_field_text (f->fields[field (f, "installed")].text), "15/03/2025");
  assert_string_equal (cg_text_field_text (f->fields[field (f, "notes")].text),
                       "Dây điện qua mái tôn." CG_CAMERA_FORM_NEWLINE "Gọi trước 8 giờ.");
  g_autofree char *notes = cg_camera_form_value (f, field (f, "notes"));
  assert_string_equal (notes, "Dây điện qua mái tôn.\nGọi trước 8 giờ.");

  /* Nothing changed, nothing sent. */
  assert_false (cg_camera_form_changed (f));
  g_autoptr (JsonNode) params = NULL;
  assert_true (cg_camera_form_check (f, &params));
  assert_null (params);
}

static void
test_only_changes_sent (void **state)
{
  g_autoptr (JsonObject) cam = camera_json ();
  g_autoptr (CgCameraForm) f = cg_camera_form_new (cam);
  /* The host's name typed through Telex. */
  CgTextField *name = f->fields[field (f, "host_name")].text;
  cg_text_field_set_text (name, "");
  cg_text_field_set_ime (name, CG_IME_TELEX);
  type (name, "Nhaf oong Ba");
  assert_string_equal (cg_text_field_text (name), "Nhà ông Ba");
  cg_camera_form_choose (f, field (f, "host_kind"), 1);
  cg_camera_form_set (f, field (f, "warranty_until"), "15/03/2027");
  assert_true (cg_camera_form_changed (f));

  g_autoptr (JsonNode) params = NULL;
  assert_true (cg_camera_form_check (f, &params));
  assert_non_null (params);
  JsonObject *p = json_node_get_object (params);
  assert_string_equal (json_object_get_string_member (p, "name"), "Chợ Hoàng Kim");
  assert_string_equal (json_object_get_string_member (p, "host_name"), "Nhà ông Ba");
  assert_string_equal (json_object_get_string_member (p, "host_kind"), "household");
  /* Sent as the API wants it. */
  assert_string_equal (json_object_get_string_member (p, "warranty_until"), "2027-03-15");
  /* Four members: the name and three fields. */
  assert_int_equal (json_object_get_size (p), 4);

  /* "" clears a field, and is sent. */
  cg_camera_form_set (f, field (f, "donor"), "");
  g_clear_pointer (&params, json_node_unref);
  assert_true (cg_camera_form_check (f, &params));
  assert_string_equal (json_object_get_string_member (json_node_get_object (params), "donor"), "");
}

static void
test_refused_before_asking (void **state)
{
  g_autoptr (JsonObject) cam = camera_json ();
  g_autoptr (CgCameraForm) f = cg_camera_form_new (cam);
  g_autoptr (JsonNode) params = NULL;

  int phone = field (f, "host_phone");
  cg_camera_form_set (f, phone, "09xx 123");
  f->focus = 0;
  assert_false (cg_camera_form_check (f, &params));
  assert_null (params);
  assert_int_equal (f->focus, phone);
  assert_non_null (f->fields[phone].error);
  assert_non_null (strstr (f->fields[phone].error, "phone number"));
  /* What was typed stays. */
  assert_string_equal (cg_text_field_text (f->fields[phone].text), "09xx 123");
  cg_camera_form_set (f, phone, "0912 345 679");

  int w = field (f, "warranty_until");
  cg_camera_form_set (f, w, "31/02/2026");
  assert_false (cg_camera_form_check (f, &params));
  assert_int_equal (f->focus, w);
  assert_non_null (strstr (f->fields[w].error, "dd/mm/yyyy"));
  cg_camera_form_set (f, w, "01/01/2025");
  assert_false (cg_camera_form_check (f, &params));
  assert_non_null (strstr (f->fields[w].error, "before the camera was installed"));
  cg_camera_form_set (f, w, "");

  /* A donor stays with a community-funded camera. */
  int funding = field (f, "funding");
  cg_camera_form_set (f, funding, "budget");
  assert_false (cg_camera_form_check (f, &params));
  assert_int_equal (f->focus, field (f, "donor"));
  cg_camera_form_set (f, field (f, "donor"), "");
  assert_true (cg_camera_form_check (f, &params));
  assert_non_null (params);
  assert_null (f->fields[phone].error);
}

static void
test_daemon_refusal (void **state)
{
  g_autoptr (JsonObject) cam = camera_json ();
  g_autoptr (CgCameraForm) f = cg_camera_form_new (cam);
  g_autoptr (JsonNode) data = json_from_string ("{\"field\": \"serial\"}", NULL);
  cg_camera_form_refused (f, "số sê-ri quá dài", data);
  int serial = field (f, "serial");
  assert_int_equal (f->focus, serial);
  assert_string_equal (f->fields[serial].error, "số sê-ri quá dài");
  assert_null (f->error);
  /* A refusal about nothing in the form is the form's. */
  g_autoptr (JsonNode) other = json_from_string ("{\"field\": \"url\"}", NULL);
  cg_camera_form_refused (f, "the audit log cannot be written", other);
  assert_string_equal (f->error, "the audit log cannot be written");
  cg_camera_form_refused (f, "canhgacd went away", NULL);
  assert_string_equal (f->error, "canhgacd went away");
}

static void
test_focus_walk (void **state)
{
  g_autoptr (JsonObject) cam = camera_json ();
  g_autoptr (CgCameraForm) f = cg_camera_form_new (cam);
  assert_int_equal (f->focus, 0);
  /* The first field is the funding, a choice: no text field. */
  assert_null (cg_camera_form_focused_text (f));
  cg_camera_form_focus_next (f, -1);
  assert_int_equal (f->focus, f->n_fields); /* the save line */
  cg_camera_form_focus_next (f, 1);
  assert_int_equal (f->focus, 0);
  cg_camera_form_focus_next (f, 1);
  assert_non_null (cg_camera_form_focused_text (f));
  /* Choices wrap around, through "not said". */
  int kind = field (f, "host_kind");
  for (int i = 0; i < 3; i++)
    cg_camera_form_choose (f, kind, 1);
  g_autofree char *back = cg_camera_form_value (f, kind);
  assert_string_equal (back, "");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_filled),
    cmocka_unit_test (test_only_changes_sent),
    cmocka_unit_test (test_refused_before_asking),
    cmocka_unit_test (test_daemon_refusal),
    cmocka_unit_test (test_focus_walk),
  };
  return cmocka_run_group_tests_name ("camera form", tests, NULL, NULL);
}
