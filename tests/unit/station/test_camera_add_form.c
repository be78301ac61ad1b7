/* test_camera_add_form.c — the station's form for adding a camera by its
 * brand, without a terminal: what it refuses before asking, the probe's
 * request (the password in it, the port typed after the IP), the tries
 * in words and what to check when none sent video, camera.add's request
 * with the address found, and refusals put at their field with what was
 * typed kept. */
#include "unit.h"

#include "station/camera_add_form.h"

#include "common/jsonrpc.h"

#include <string.h>

static JsonObject *
parse (const char *json)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  assert_true (json_parser_load_from_data (p, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

static CgCameraAddForm *
form_with_vendors (void)
{
  CgCameraAddForm *f = cg_camera_add_form_new ();
  g_autoptr (JsonObject) v = parse (
    "{\"vendors\":[{\"id\":\"hikvision\",\"label\":\"Hikvision\",\"user\":\"admin\"},"
    "{\"id\":\"dahua\",\"label\":\"Dahua/KBVision\",\"user\":\"admin\"},"
    "{\"id\":\"tiandy\",\"label\":\"Tiandy\",\"user\":\"Admin\"}]}");
  assert_true (cg_camera_add_form_set_vendors (f, v));
  return f;
}

static void
type (CgCameraAddForm *f, CgCameraAddFormField field, const char *text)
{
  cg_text_field_set_text (f->text[field], text);
}

static const char *
member (JsonNode *params, const char *name)
{
  return cg_rpc_param_string (json_node_get_object (params), name, NULL);
}

static void
test_refused_before_asking (void **state)
{
  g_autoptr (CgCameraAddForm) f = form_with_vendors ();
  JsonNode *params = NULL;
  assert_false (cg_camera_add_form_changed (f));
  assert_false (cg_camera_add_form_check (f, &params));
  assert_null (params);
  assert_non_null (f->error[CG_CAMERA_ADD_FORM_NAME]);
  assert_non_null (f->error[CG_CAMERA_ADD_FORM_HOST]);
  assert_null (f->error[CG_CAMERA_ADD_FORM_CHANNEL]);
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_NAME);

  type (f, CG_CAMERA_ADD_FORM_NAME, "Chợ/Cổng");
  type (f, CG_CAMERA_ADD_FORM_HOST, "192.0.2.7/live");
  type (f, CG_CAMERA_ADD_FORM_CHANNEL, "0");
  assert_false (cg_camera_add_form_check (f, &params));
  assert_non_null (f->error[CG_CAMERA_ADD_FORM_NAME]);
  assert_non_null (strstr (f->error[CG_CAMERA_ADD_FORM_HOST], "192.0.2.7/live"));
  assert_non_null (f->error[CG_CAMERA_ADD_FORM_CHANNEL]);

  type (f, CG_CAMERA_ADD_FORM_NAME, "Chợ");
  type (f, CG_CAMERA_ADD_FORM_HOST, "192.0.2.7:99999");
  type (f, CG_CAMERA_ADD_FORM_CHANNEL, "1");
  assert_false (cg_camera_add_form_check (f, &params));
  assert_null (f->error[CG_CAMERA_ADD_FORM_NAME]);
  assert_non_null (f->error[CG_CAMERA_ADD_FORM_HOST]);
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_HOST);
  assert_true (cg_camera_add_form_changed (f));

  /* No brands from the daemon yet: nothing to choose, nothing sent. */
  g_autoptr (CgCameraAddForm) bare = cg_camera_add_form_new ();
  type (bare, CG_CAMERA_ADD_FORM_NAME, "Chợ");
  type (bare, CG_CAMERA_ADD_FORM_HOST, "192.0.2.7");
  assert_false (cg_camera_add_form_check (bare, &params));
  assert_non_null (bare->error[CG_CAMERA_ADD_FORM_VENDOR]);
}

static void
test_probe_request (void **state)
{
  g_autoptr (CgCameraAddForm) f = form_with_vendors ();
  type (f, CG_CAMERA_ADD_FORM_NAME, " Trạm y tế ");
  f->focus = CG_CAMERA_ADD_FORM_VENDOR;
  cg_camera_add_form_choose (f, 1);
  assert_string_equal (cg_camera_add_form_choice (f, CG_CAMERA_ADD_FORM_VENDOR), "Dahua/KBVision");
  cg_camera_add_form_choose (f, -1);
  cg_camera_add_form_choose (f, -1);
  assert_string_equal (cg_camera_add_form_choice (f, CG_CAMERA_ADD_FORM_VENDOR), "Tiandy");
  cg_camera_add_form_choose (f, 1);
  cg_camera_add_form_choose (f, 1);
  type (f, CG_CAMERA_ADD_FORM_HOST, "192.0.2.7:8554");
  type (f, CG_CAMERA_ADD_FORM_PASSWORD, "Mk_9&x");
  type (f, CG_CAMERA_ADD_FORM_CHANNEL, "3");
  f->focus = CG_CAMERA_ADD_FORM_SUBSTREAM;
  cg_camera_add_form_choose (f, 1);
  g_autofree char *dots = cg_camera_add_form_dots (f, TRUE);
  assert_string_equal (dots, "••••••");
  g_autofree char *stars = cg_camera_add_form_dots (f, FALSE);
  assert_string_equal (stars, "******");

  g_autoptr (JsonNode) params = NULL;
  assert_true (cg_camera_add_form_check (f, &params));
  assert_string_equal (member (params, "vendor"), "dahua");
  assert_string_equal (member (params, "host"), "192.0.2.7");
  JsonObject *o = json_node_get_object (params);
  assert_int_equal (cg_rpc_param_int (o, "port", 0), 8554);
  assert_int_equal (cg_rpc_param_int (o, "channel", 0), 3);
  assert_true (cg_rpc_param_bool (o, "substream", FALSE));
  assert_string_equal (member (params, "password"), "Mk_9&x");
  /* No user typed: the brand's, which the daemon knows. */
  assert_false (json_object_has_member (o, "user"));

  /* An IPv6 address with a port, and one without. */
  type (f, CG_CAMERA_ADD_FORM_HOST, "[2001:db8::10]:554");
  g_autoptr (JsonNode) v6 = NULL;
  assert_true (cg_camera_add_form_check (f, &v6));
  assert_string_equal (member (v6, "host"), "2001:db8::10");
  type (f, CG_CAMERA_ADD_FORM_HOST, "2001:db8::10");
  g_autoptr (JsonNode) v6b = NULL;
  assert_true (cg_camera_add_form_check (f, &v6b));
  assert_string_equal (member (v6b, "host"), "2001:db8::10");
  assert_false (json_object_has_member (json_node_get_object (v6b), "port"));
}

static void
test_found_then_added (void **state)
{
  g_autoptr (CgCameraAddForm) f = form_with_vendors ();
  type (f, CG_CAMERA_ADD_FORM_NAME, "Trạm y tế");
  type (f, CG_CAMERA_ADD_FORM_HOST, "192.0.2.7");
  type (f, CG_CAMERA_ADD_FORM_PASSWORD, "matkhau");
  g_autoptr (JsonNode) params = NULL;
  assert_true (cg_camera_add_form_check (f, &params));
  g_autoptr (JsonObject) reply = parse (
    "{\"tried\":[{\"stream\":\"main\",\"url\":\"rtsp://192.0.2.7:554/Streaming/Channels/101\","
    "\"result\":\"not_found\"},{\"stream\":\"main\",\"url\":\"rtsp://192.0.2.7:554/h264/ch1/"
    "main/av_stream\",\"result\":\"ok\",\"codec\":\"h264\",\"width\":1920,\"height\":1080},"
    "{\"stream\":\"sub\",\"url\":\"rtsp://192.0.2.7:554/h264/ch1/sub/av_stream\",\"result\":"
    "\"ok\",\"codec\":\"h264\",\"width\":640,\"height\":360}],\"user\":\"admin\",\"url\":"
    "\"rtsp://192.0.2.7:554/h264/ch1/main/av_stream\",\"substream_url\":\"rtsp://192.0.2.7:554/"
    "h264/ch1/sub/av_stream\"}");
  assert_true (cg_camera_add_form_take_probe (f, reply));
  assert_int_equal (f->tried->len, 3);
  assert_string_equal (f->tried->pdata[0], "main stream  rtsp://192.0.2.7:554/Streaming/Channels/"
                                            "101: no such address on this camera");
  assert_string_equal (f->tried->pdata[1], "main stream  rtsp://192.0.2.7:554/h264/ch1/main/"
                                            "av_stream: video found (h264 1920x1080)");
  assert_string_equal (f->tried->pdata[2], "sub-stream  rtsp://192.0.2.7:554/h264/ch1/sub/"
                                            "av_stream: video found (h264 640x360)");
  assert_null (f->error_text);
  g_autoptr (JsonNode) add = cg_camera_add_form_add_params (f);
  assert_string_equal (member (add, "name"), "Trạm y tế");
  assert_string_equal (member (add, "url"), "rtsp://192.0.2.7:554/h264/ch1/main/av_stream");
  assert_string_equal (member (add, "substream_url"), "rtsp://192.0.2.7:554/h264/ch1/sub/av_stream");
  assert_string_equal (member (add, "user"), "admin");
  assert_string_equal (member (add, "password"), "matkhau");

  /* A second try forgets the first's lines. */
  g_autoptr (JsonNode) again = NULL;
  assert_true (cg_camera_add_form_check (f, &again));
  assert_int_equal (f->tried->len, 0);
  assert_null (f->url);
}

static void
expect_verdict (const char *tried, const char *says)
{
  g_autoptr (CgCameraAddForm) f = form_with_vendors ();
  type (f, CG_CAMERA_ADD_FORM_NAME, "Chợ");
  type (f, CG_CAMERA_ADD_FORM_HOST, "192.0.2.7:8554");
  g_autoptr (JsonNode) params = NULL;
  assert_true (cg_camera_add_form_check (f, &params));
  g_autofree char *json = g_strdup_printf ("{\"tried\":%s,\"user\":\"admin\",\"url\":null,"
                                           "\"substream_url\":null}", tried);
  g_autoptr (JsonObject) reply = parse (json);
  assert_false (cg_camera_add_form_take_probe (f, reply));
  assert_non_null (f->error_text);
  if (strstr (f->error_text, says) == NULL)
    fail_msg ("“%s” does not say “%s”", f->error_text, says);
}

static void
test_nothing_found (void **state)
{
  expect_verdict ("[{\"stream\":\"main\",\"url\":\"u1\",\"result\":\"not_found\"},"
                  "{\"stream\":\"main\",\"url\":\"u2\",\"result\":\"unauthorized\"}]",
                  "the camera refused the password (user admin)");
  expect_verdict ("[{\"stream\":\"main\",\"url\":\"u1\",\"result\":\"not_found\"}]",
                  "has none of Hikvision's addresses");
  expect_verdict ("[{\"stream\":\"main\",\"url\":\"u1\",\"result\":\"refused\"}]",
                  "192.0.2.7 refused the connection");
  expect_verdict ("[{\"stream\":\"main\",\"url\":\"u1\",\"result\":\"timeout\"}]",
                  "192.0.2.7 does not answer");
  expect_verdict ("[{\"stream\":\"main\",\"url\":\"u1\",\"result\":\"not_video\"}]",
                  "sends no video");
  expect_verdict ("[{\"stream\":\"main\",\"url\":\"u1\",\"result\":\"error\","
                  "\"detail\":\"Invalid argument\"}]", "Invalid argument");
}

static void
test_refusals_at_their_field (void **state)
{
  g_autoptr (CgCameraAddForm) f = form_with_vendors ();
  type (f, CG_CAMERA_ADD_FORM_NAME, "Chợ");
  type (f, CG_CAMERA_ADD_FORM_HOST, "cam.local");
  type (f, CG_CAMERA_ADD_FORM_PASSWORD, "pw");
  g_autoptr (JsonObject) d = parse ("{\"field\":\"host\"}");
  g_autoptr (JsonNode) data = json_node_init_object (json_node_alloc (), d);
  cg_camera_add_form_refused (f, CG_RPC_INVALID_PARAMS, "not a host", data);
  assert_string_equal (f->error[CG_CAMERA_ADD_FORM_HOST], "not a host");
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_HOST);
  cg_camera_add_form_refused (f, CG_RPC_CONFLICT, "there is already a camera called “Chợ”", NULL);
  assert_non_null (f->error[CG_CAMERA_ADD_FORM_NAME]);
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_NAME);
  cg_camera_add_form_refused (f, CG_RPC_FORBIDDEN, "camera.probe needs the admin role", NULL);
  assert_string_equal (f->error_text, "camera.probe needs the admin role");
  /* Everything typed is still there. */
  assert_string_equal (cg_text_field_text (f->text[CG_CAMERA_ADD_FORM_NAME]), "Chợ");
  assert_string_equal (cg_text_field_text (f->text[CG_CAMERA_ADD_FORM_PASSWORD]), "pw");
}

static void
test_focus_walk (void **state)
{
  g_autoptr (CgCameraAddForm) f = form_with_vendors ();
  assert_non_null (cg_camera_add_form_focused_text (f));
  cg_camera_add_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_VENDOR);
  assert_null (cg_camera_add_form_focused_text (f));
  cg_camera_add_form_focus_next (f, -1);
  cg_camera_add_form_focus_next (f, -1);
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_N_FIELDS);
  cg_camera_add_form_focus_next (f, 1);
  assert_int_equal (f->focus, CG_CAMERA_ADD_FORM_NAME);
  /* Telex stays off where it would change what the camera expects. */
  assert_int_equal (cg_text_field_ime (f->text[CG_CAMERA_ADD_FORM_PASSWORD]), CG_IME_OFF);
  assert_int_equal (cg_text_field_ime (f->text[CG_CAMERA_ADD_FORM_HOST]), CG_IME_OFF);
  assert_int_equal (cg_text_field_ime (f->text[CG_CAMERA_ADD_FORM_USER]), CG_IME_OFF);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_refused_before_asking),
    cmocka_unit_test (test_probe_request),
    cmocka_unit_test (test_found_then_added),
    cmocka_unit_test (test_nothing_found),
    cmocka_unit_test (test_refusals_at_their_field),
    cmocka_unit_test (test_focus_walk),
  };
  return cmocka_run_group_tests_name ("camera form", tests, NULL, NULL);
}
