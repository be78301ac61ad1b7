/* test_vendor_templates.c — the brands of data/camera-vendors.conf: each
 * brand's addresses built from a camera's IP, port and channel are
 * exactly the brand's documented ones, a brand is found by any of its
 * names, a broken file is refused saying where, and a password that a
 * brand wants in the path never shows where an address is shown. */
#include "unit.h"

#include "common/camera.h"
#include "common/error.h"
#include "common/vendor_templates.h"

#include <string.h>

static CgVendors *
shipped (void)
{
  g_autoptr (GError) error = NULL;
  CgVendors *v = cg_vendors_load_file (TOP_SRCDIR "/data/" CG_VENDORS_FILE, &error);
  if (v == NULL)
    fail_msg ("%s", error->message);
  return v;
}

/* The addresses for brand at 192.0.2.7, joined by " | ". */
static char *
urls (const CgVendors *vendors, const char *brand, gboolean sub, guint port, guint channel,
      const char *user)
{
  const CgVendor *v = cg_vendors_find (vendors, brand);
  assert_non_null (v);
  g_autoptr (GPtrArray) list = cg_vendor_urls (v, sub, "192.0.2.7", port, channel, user);
  g_ptr_array_add (list, NULL);
  return g_strjoinv (" | ", (char **) list->pdata);
}

#define ASSERT_URLS(brand, sub, port, channel, user, want)                                \
  do                                                                                      \
    {                                                                                     \
      g_autofree char *got_ = urls (vendors, brand, sub, port, channel, user);            \
      assert_string_equal (got_, want);                                                   \
    }                                                                                     \
  while (0)

static void
test_documented_patterns (void **state)
{
  g_autoptr (CgVendors) vendors = shipped ();
  /* Hikvision: stream id = channel x 100 + 1 (main) or 2 (sub). */
  ASSERT_URLS ("hikvision", FALSE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/Streaming/Channels/101"
               " | rtsp://192.0.2.7:554/h264/ch1/main/av_stream");
  ASSERT_URLS ("hikvision", TRUE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/Streaming/Channels/102"
               " | rtsp://192.0.2.7:554/h264/ch1/sub/av_stream");
  ASSERT_URLS ("hikvision", FALSE, 8554, 12, NULL,
               "rtsp://192.0.2.7:8554/Streaming/Channels/1201"
               " | rtsp://192.0.2.7:8554/h264/ch12/main/av_stream");
  ASSERT_URLS ("dahua", FALSE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/cam/realmonitor?channel=1&subtype=0");
  ASSERT_URLS ("kbvision", TRUE, 0, 3, NULL,
               "rtsp://192.0.2.7:554/cam/realmonitor?channel=3&subtype=1");
  ASSERT_URLS ("imou", FALSE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/cam/realmonitor?channel=1&subtype=0");
  ASSERT_URLS ("ezviz", FALSE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/h264/ch1/main/av_stream"
               " | rtsp://192.0.2.7:554/Streaming/Channels/101");
  ASSERT_URLS ("ezviz", TRUE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/h264/ch1/sub/av_stream"
               " | rtsp://192.0.2.7:554/Streaming/Channels/102");
  /* Xiongmai: the login in the path; the password stays a slot. */
  ASSERT_URLS ("xmeye", FALSE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/user=admin_password={password}_channel=1_stream=0.sdp"
               "?real_stream"
               " | rtsp://192.0.2.7:554/user=admin&password={password}&channel=1&stream=0.sdp");
  ASSERT_URLS ("xiongmai", TRUE, 0, 2, "bao ve",
               "rtsp://192.0.2.7:554/user=bao%20ve_password={password}_channel=2_stream=1.sdp"
               "?real_stream"
               " | rtsp://192.0.2.7:554/user=bao%20ve&password={password}&channel=2&stream=1.sdp");
  ASSERT_URLS ("tiandy", FALSE, 0, 1, NULL, "rtsp://192.0.2.7:554/1/1");
  ASSERT_URLS ("tiandy", TRUE, 0, 4, NULL, "rtsp://192.0.2.7:554/4/2");
  ASSERT_URLS ("uniview", FALSE, 0, 1, NULL, "rtsp://192.0.2.7:554/unicast/c1/s0/live");
  ASSERT_URLS ("unv", TRUE, 0, 2, NULL, "rtsp://192.0.2.7:554/unicast/c2/s1/live");
  ASSERT_URLS ("onvif", FALSE, 0, 1, NULL,
               "rtsp://192.0.2.7:554/onvif1 | rtsp://192.0.2.7:554/stream1"
               " | rtsp://192.0.2.7:554/live/ch1/main | rtsp://192.0.2.7:554/h264");
}

static void
test_every_brand_complete (void **state)
{
  g_autoptr (CgVendors) vendors = shipped ();
  static const char *const brands[] = { "hikvision", "dahua", "imou", "ezviz", "xiongmai",
                                        "tiandy", "uniview", "onvif" };
  assert_int_equal (cg_vendors_count (vendors), G_N_ELEMENTS (brands));
  for (gsize i = 0; i < G_N_ELEMENTS (brands); i++)
    {
      const CgVendor *v = cg_vendors_nth (vendors, i);
      assert_string_equal (v->id, brands[i]);
      assert_true (v->label[0] != '\0');
      assert_int_equal (v->port, 554);
      assert_true (v->user[0] != '\0');
      assert_non_null (v->main[0]);
      assert_non_null (v->sub[0]);
      /* Every address a brand gives is one the daemon would store. */
      for (int sub = 0; sub < 2; sub++)
        {
          g_autoptr (GPtrArray) list = cg_vendor_urls (v, sub, "192.0.2.7", 0, 1, NULL);
          for (guint k = 0; k < list->len; k++)
            {
              g_autofree char *stored = NULL, *password = NULL;
              g_autoptr (GError) error = NULL;
              assert_true (cg_camera_url_parse (list->pdata[k], &stored, NULL, &password,
                                                &error));
              assert_string_equal (stored, list->pdata[k]);
              assert_null (password);
            }
        }
    }
  g_autofree char *names = cg_vendors_names (vendors);
  assert_string_equal (names, "hikvision, dahua, imou, ezviz, xiongmai, tiandy, uniview, onvif");
}

static void
test_find (void **state)
{
  g_autoptr (CgVendors) vendors = shipped ();
  assert_string_equal (cg_vendors_find (vendors, "KBVision")->id, "dahua");
  assert_string_equal (cg_vendors_find (vendors, " HIK ")->id, "hikvision");
  assert_string_equal (cg_vendors_find (vendors, "Xiongmai/XMEye")->id, "xiongmai");
  assert_string_equal (cg_vendors_find (vendors, "generic")->id, "onvif");
  assert_null (cg_vendors_find (vendors, "sony"));
  assert_null (cg_vendors_find (vendors, ""));
  assert_null (cg_vendors_find (vendors, NULL));
}

static void
test_hosts (void **state)
{
  g_autoptr (CgVendors) vendors = shipped ();
  assert_true (cg_vendor_host_valid ("192.168.1.64"));
  assert_true (cg_vendor_host_valid ("cam-cho.local"));
  assert_true (cg_vendor_host_valid ("2001:db8::10"));
  assert_false (cg_vendor_host_valid (""));
  assert_false (cg_vendor_host_valid ("192.0.2.7/x"));
  assert_false (cg_vendor_host_valid ("admin@192.0.2.7"));
  assert_false (cg_vendor_host_valid ("2001:db8::zz"));
  assert_false (cg_vendor_host_valid ("a b"));
  const CgVendor *v = cg_vendors_find (vendors, "uniview");
  g_autoptr (GPtrArray) list = cg_vendor_urls (v, FALSE, "2001:db8::10", 0, 1, NULL);
  assert_string_equal (list->pdata[0], "rtsp://[2001:db8::10]:554/unicast/c1/s0/live");
}

static void
expect_refused (const char *text, const char *says)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgVendors) v = cg_vendors_parse (text, strlen (text), "brands.conf", &error);
  assert_null (v);
  assert_non_null (error);
  if (strstr (error->message, says) == NULL || strstr (error->message, "brands.conf") == NULL)
    fail_msg ("“%s” does not say “%s” and the file", error->message, says);
}

static void
test_broken_files (void **state)
{
  expect_refused ("", "no brand");
  expect_refused ("[x]\nlabel = X\n", "main");
  expect_refused ("[x]\nmain = /a\n", "label");
  expect_refused ("[x]\nlabel = X\nmain = /a/{chanel}\n", "placeholder");
  expect_refused ("[x]\nlabel = X\nmain = a/b\n", "placeholder");
  expect_refused ("[x]\nlabel = X\nmain = /a\nport = 70000\n", "65535");
  expect_refused ("[x]\nlabel = X\nmain = /a\n[X]\nlabel = Y\nmain = /b\n", "already");
  expect_refused ("[x\n", "cannot be read");

  const char *ok = "[Mine]\nlabel = Mine\nmain = /live/{channel} ; /other\nport = 8554\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CgVendors) vendors = cg_vendors_parse (ok, strlen (ok), "brands.conf", &error);
  assert_non_null (vendors);
  const CgVendor *v = cg_vendors_find (vendors, "mine");
  assert_string_equal (v->user, "admin");
  assert_null (v->sub[0]);
  g_autoptr (GPtrArray) list = cg_vendor_urls (v, FALSE, "10.0.0.9", 0, 2, NULL);
  assert_int_equal (list->len, 2);
  assert_string_equal (list->pdata[0], "rtsp://10.0.0.9:8554/live/2");
  assert_string_equal (list->pdata[1], "rtsp://10.0.0.9:8554/other");
}

/* Xiongmai's password in the path: kept out of what is stored and
 * shown, filled in only for the connection, masked wherever a filled
 * address could be shown. */
static void
test_password_in_path (void **state)
{
  g_autoptr (CgVendors) vendors = shipped ();
  const CgVendor *v = cg_vendors_find (vendors, "xiongmai");
  g_autoptr (GPtrArray) list = cg_vendor_urls (v, FALSE, "192.0.2.7", 0, 1, NULL);
  for (guint k = 0; k < list->len; k++)
    {
      const char *stored = list->pdata[k];
      g_autofree char *shown = cg_url_mask (stored);
      assert_string_equal (shown, stored);
      char user[] = "admin", pass[] = "Mk_9&x=1";
      CgCamera cam = { .url = (char *) stored, .username = user, .password = pass };
      g_autofree char *connect = cg_camera_stream_url (&cam);
      assert_non_null (strstr (connect, "password=Mk_9%26x%3D1"));
      assert_null (strstr (connect, "{password}"));
      g_autofree char *masked = cg_url_mask (connect);
      assert_null (strstr (masked, "Mk_9"));
      assert_null (strstr (masked, "x%3D1"));
      assert_non_null (strstr (masked, "password=***"));
      /* The channel and stream that follow are still there to read. */
      assert_non_null (strstr (masked, "channel=1"));
      assert_non_null (strstr (masked, "stream=0.sdp"));
    }
  /* As a brand's tool prints it, the password typed in clear. */
  g_autofree char *a = cg_url_mask ("rtsp://192.0.2.7:554/user=admin_password=s3cr_et_channel=1"
                                    "_stream=0.sdp?real_stream");
  assert_string_equal (a, "rtsp://192.0.2.7:554/user=admin_password=***_channel=1_stream=0.sdp"
                          "?real_stream");
  g_autofree char *b = cg_url_mask ("rtsp://192.0.2.7/user=admin&password=s3cret&channel=1"
                                    "&stream=0.sdp");
  assert_string_equal (b, "rtsp://192.0.2.7/user=admin&password=***&channel=1&stream=0.sdp");
  /* Typed so by an officer, it moves to the password field. */
  g_autofree char *url = NULL, *user = NULL, *password = NULL;
  g_autoptr (GError) error = NULL;
  assert_true (cg_camera_url_parse ("rtsp://192.0.2.7:554/user=admin_password=s3cr_et_channel=1"
                                    "_stream=0.sdp?real_stream", &url, &user, &password, &error));
  assert_string_equal (url, "rtsp://192.0.2.7:554/user=admin_password={password}_channel=1"
                            "_stream=0.sdp?real_stream");
  assert_string_equal (password, "s3cr_et");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_documented_patterns),
    cmocka_unit_test (test_every_brand_complete),
    cmocka_unit_test (test_find),
    cmocka_unit_test (test_hosts),
    cmocka_unit_test (test_broken_files),
    cmocka_unit_test (test_password_in_path),
  };
  return cmocka_run_group_tests_name ("vendor templates", tests, NULL, NULL);
}
