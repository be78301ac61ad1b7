/* test_camera_inventory.c — a camera's inventory (donor, host, line,
 * make, warranty, notes): what is kept, what is refused with which
 * words, and the field each refusal names for the station's form. */
#include "unit.h"

#include "common/camera_changes.h"
#include "common/camera_fields.h"
#include "common/error.h"
#include "common/jsonrpc.h"

#include <string.h>

static CgCamera *
camera (void)
{
  CgCamera *c = cg_camera_new ();
  c->name = g_strdup ("Chợ Hoàng Kim");
  c->url = g_strdup ("rtsp://10.0.0.1/live");
  return c;
}

/* Applies one value as the daemon does and checks the whole camera. */
static gboolean
set (CgCamera *c, const char *json, const char *value, GError **error)
{
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_set (&changes, json, value);
  return cg_camera_apply (c, &changes, error) && cg_camera_normalize (c, error);
}

static const char *
field_of (const GError *error)
{
  JsonObject *data = cg_error_get_data (error);
  return data != NULL ? cg_rpc_param_string (data, "field", NULL) : NULL;
}

static void
test_kept (void **state)
{
  g_autoptr (CgCamera) c = camera ();
  g_autoptr (GError) error = NULL;
  assert_true (set (c, "funding", "community", &error));
  assert_true (set (c, "donor", "  Ông Năm ", &error));
  assert_true (set (c, "host_kind", "business", &error));
  assert_true (set (c, "host_name", "Tiệm vàng Kim Thành", &error));
  assert_true (set (c, "host_address", "Số 12, thôn 2", &error));
  assert_true (set (c, "network_plan", "VNPT 30 Mbps", &error));
  assert_true (set (c, "brand", "Hikvision", &error));
  assert_true (set (c, "model", "DS-2CD1023G0E-I", &error));
  assert_true (set (c, "serial", "F12345678", &error));
  assert_true (set (c, "installed", "15/03/2025", &error));
  assert_true (set (c, "warranty_until", "15/03/2027", &error));
  assert_true (set (c, "notes", "Dây điện đi qua mái tôn.\r\nGọi trước 8 giờ.", &error));
  assert_string_equal (c->donor, "Ông Năm");
  assert_int_equal (c->host_kind, CG_HOST_BUSINESS);
  assert_string_equal (c->warranty_until, "2027-03-15");
  assert_string_equal (c->notes, "Dây điện đi qua mái tôn.\nGọi trước 8 giờ.");

  /* As JSON and back for people. */
  g_autoptr (JsonNode) node = cg_camera_to_json (c, FALSE);
  JsonObject *o = json_node_get_object (node);
  assert_string_equal (json_object_get_string_member (o, "host_kind"), "business");
  assert_string_equal (json_object_get_string_member (o, "network_plan"), "VNPT 30 Mbps");
  const CgCameraField *w = cg_camera_field_find ("warranty_until");
  g_autofree char *before = cg_camera_field_describe (w, o, "2027-03-15");
  g_autofree char *after = cg_camera_field_describe (w, o, "2027-03-16");
  assert_string_equal (before, "15/03/2027");
  assert_string_equal (after, "15/03/2027 (expired)");
  /* What is typed back carries no verdict. */
  g_autofree char *typed = cg_camera_field_show (w, o);
  assert_string_equal (typed, "15/03/2027");

  /* "" clears. */
  assert_true (set (c, "donor", "", &error));
  assert_true (set (c, "host_kind", "", &error));
  assert_null (c->donor);
  assert_int_equal (c->host_kind, CG_HOST_UNKNOWN);
}

typedef struct {
  const char *json, *value; /* refused */
  const char *field;        /* named in the error's data */
  const char *hint;         /* in its message */
} Refusal;

static void
test_refused (void **state)
{
  g_autofree char *long_text = g_strnfill (201, 'x');
  g_autofree char *long_notes = g_strnfill (1001, 'x');
  g_autofree char *notes_at_most = g_strnfill (1000, 'x');
  const Refusal cases[] = {
    { "warranty_until", "31/02/2026", "warranty_until", "dd/mm/yyyy" },
    { "warranty_until", "2026-13-01", "warranty_until", "15/03/2027" },
    { "warranty_until", "01/01/2024", "warranty_until", "before the camera was installed" },
    { "installed", "30/02/2025", "installed", "installation date" },
    { "host_phone", "0912-ABC", "host_phone", "digits" },
    { "host_phone", "không có", "host_phone", "phone number" },
    { "brand", "Hik\tvision", "brand", "control character" },
    { "donor", "Ông\nNăm", "donor", "one line" },
    { "notes", "dòng một\x07", "notes", "control character" },
    { "serial", "F12\xff", "serial", "UTF-8" },
    { "model", long_text, "model", "200" },
    { "host_address", long_text, "host_address", "200" },
    { "notes", long_notes, "notes", "1000" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CgCamera) c = camera ();
      g_autoptr (GError) error = NULL;
      assert_true (set (c, "installed", "2025-03-15", NULL));
      if (set (c, cases[i].json, cases[i].value, &error))
        fail_msg ("%s “%s” was accepted", cases[i].json, cases[i].value);
      if (strstr (error->message, cases[i].hint) == NULL)
        fail_msg ("%s: “%s” missing from: %s", cases[i].json, cases[i].hint, error->message);
      if (g_strcmp0 (field_of (error), cases[i].field) != 0)
        fail_msg ("%s: the refusal names the field %s", cases[i].json, field_of (error));
    }

  /* The limits themselves are allowed. */
  g_autoptr (CgCamera) c = camera ();
  assert_true (set (c, "notes", notes_at_most, NULL));
  assert_true (set (c, "warranty_until", "2025-03-15", NULL));
  assert_true (set (c, "installed", "2025-03-15", NULL));
}

static void
test_donor_and_funding (void **state)
{
  g_autoptr (CgCamera) c = camera ();
  g_autoptr (GError) error = NULL;
  /* Funding not said yet: a donor may come first. */
  assert_true (set (c, "donor", "Ông Năm", NULL));
  assert_false (set (c, "funding", "budget", &error));
  assert_non_null (strstr (error->message, "community-funded"));
  assert_string_equal (field_of (error), "donor");
  g_clear_error (&error);

  g_autoptr (CgCamera) b = camera ();
  assert_true (set (b, "funding", "budget", NULL));
  assert_false (set (b, "donor", "Ông Năm", &error));
  assert_non_null (strstr (error->message, "set the funding to community"));
  g_clear_error (&error);
  assert_true (set (b, "funding", "community", NULL));
  assert_true (set (b, "donor", "Ông Năm", NULL));
}

static void
test_host_kind (void **state)
{
  g_autoptr (CgCamera) c = camera ();
  g_autoptr (GError) error = NULL;
  CgCameraChanges changes = CG_CAMERA_CHANGES_INIT;
  cg_camera_changes_set (&changes, "host_kind", "shop");
  assert_false (cg_camera_apply (c, &changes, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_USAGE));
  assert_non_null (strstr (error->message, "household or business"));
  /* Typed as `camera show` words it. */
  g_autofree char *canonical = cg_camera_field_canonical (cg_camera_field_find ("host_kind"),
                                                          "Household");
  assert_string_equal (canonical, "household");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kept),
    cmocka_unit_test (test_refused),
    cmocka_unit_test (test_donor_and_funding),
    cmocka_unit_test (test_host_kind),
  };
  return cmocka_run_group_tests_name ("camera inventory", tests, NULL, NULL);
}
