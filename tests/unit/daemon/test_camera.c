/* test_camera.c — camera URLs, masking, names, and the cameras table. */
#include "unit.h"

#include "daemon/db/cameras.h"
#include "daemon/db/db.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>

/* Parses text and expects success with the given parts (NULL: none). */
static void
expect_url (const char *text, const char *url, const char *user, const char *pass)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *u = NULL, *n = NULL, *p = NULL;
  if (!cg_camera_url_parse (text, &u, &n, &p, &error))
    fail_msg ("“%s” refused: %s", text, error->message);
  assert_null (error);
  assert_string_equal (u, url);
  if (g_strcmp0 (n, user) != 0 || g_strcmp0 (p, pass) != 0)
    fail_msg ("“%s”: user “%s” password “%s”", text, n ? n : "(null)", p ? p : "(null)");
}

/* Expects text refused, with a message naming hint and never pass. */
static void
expect_bad_url (const char *text, const char *hint, const char *secret)
{
  g_autoptr (GError) error = NULL;
  char *u = (char *) "untouched", *n = (char *) "untouched", *p = (char *) "untouched";
  if (cg_camera_url_parse (text, &u, &n, &p, &error))
    fail_msg ("“%s” accepted as %s", text, u);
  assert_null (u);
  assert_null (n);
  assert_null (p);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_FAILED));
  if (hint != NULL && strstr (error->message, hint) == NULL)
    fail_msg ("“%s” missing from: %s", hint, error->message);
  if (secret != NULL && strstr (error->message, secret) != NULL)
    fail_msg ("the password shows in: %s", error->message);
  /* Every refusal shows what a good address looks like. */
  assert_non_null (strstr (error->message, "rtsp://192.168.1.64"));
}

static void
test_url_plain (void **state)
{
  expect_url ("rtsp://192.168.1.64:554/Streaming/Channels/101",
              "rtsp://192.168.1.64:554/Streaming/Channels/101", NULL, NULL);
  expect_url ("rtsp://cam-1.local/live", "rtsp://cam-1.local/live", NULL, NULL);
  expect_url ("rtsps://cam.example.org", "rtsps://cam.example.org", NULL, NULL);
  expect_url ("RTSP://Cam/x?channel=1&subtype=0", "rtsp://Cam/x?channel=1&subtype=0",
              NULL, NULL);
  /* Pasted with spaces around it. */
  expect_url ("  rtsp://10.0.0.2/h264\n", "rtsp://10.0.0.2/h264", NULL, NULL);
}

static void
test_url_credentials (void **state)
{
  expect_url ("rtsp://admin:12345@10.0.0.2/h264", "rtsp://10.0.0.2/h264", "admin", "12345");
  expect_url ("rtsp://admin@10.0.0.2/h264", "rtsp://10.0.0.2/h264", "admin", NULL);
  expect_url ("rtsp://admin:@10.0.0.2/", "rtsp://10.0.0.2/", "admin", NULL);
  /* Percent-encoded, including the characters that would end the part. */
  expect_url ("rtsp://ad%3Amin:p%40ss%2Fw%25rd%3F%23@cam.local:8554/live",
              "rtsp://cam.local:8554/live", "ad:min", "p@ss/w%rd?#");
  /* An officer typing '@' unencoded in the password: the last '@' ends it. */
  expect_url ("rtsp://admin:p@ss@10.0.0.2/x", "rtsp://10.0.0.2/x", "admin", "p@ss");
  expect_url ("rtsp://admin:a:b@h/", "rtsp://h/", "admin", "a:b");
  /* UTF-8 in a password, encoded or not. */
  expect_url ("rtsp://admin:m%E1%BA%ADt@h/", "rtsp://h/", "admin", "mật");
  expect_url ("rtsp://admin:mật@h/", "rtsp://h/", "admin", "mật");

  expect_bad_url ("rtsp://admin:%zz@h/", "percent", NULL);
  expect_bad_url ("rtsp://admin:ab%2@h/", "%25", NULL);
  expect_bad_url ("rtsp://admin:a%00b@h/", NULL, NULL);
  expect_bad_url ("rtsp://admin:%FF%FE@h/", NULL, NULL);
  /* A '/' in the password ended the address early: refused, not stored
   * as a path with the password in it. */
  expect_bad_url ("rtsp://admin:se/cret@10.0.0.2/x", "%2F", "cret");
  expect_bad_url ("rtsp://admin:sec#ret@10.0.0.2/x", "%23", "ret@");
}

static void
test_url_ports (void **state)
{
  expect_url ("rtsp://h:1/", "rtsp://h:1/", NULL, NULL);
  expect_url ("rtsp://h:65535/", "rtsp://h:65535/", NULL, NULL);
  expect_url ("rtsp://h:0554/x", "rtsp://h:554/x", NULL, NULL);
  expect_url ("rtsp://u:p@h:8554", "rtsp://h:8554", "u", "p");
  const char *bad[] = { "rtsp://h:0/", "rtsp://h:65536/", "rtsp://h:/", "rtsp://h:abc/",
                        "rtsp://h:-1/", "rtsp://h:+5/", "rtsp://h:99999999999999999999/",
                        "rtsp://h:5 5/", NULL };
  for (int i = 0; bad[i] != NULL; i++)
    expect_bad_url (bad[i], NULL, NULL);
  expect_bad_url ("rtsp://h:70000/", "65535", NULL);
}

static void
test_url_ipv6 (void **state)
{
  expect_url ("rtsp://[::1]/cam", "rtsp://[::1]/cam", NULL, NULL);
  expect_url ("rtsp://[::1]:8554/cam", "rtsp://[::1]:8554/cam", NULL, NULL);
  expect_url ("rtsp://admin:pw@[2001:db8::10]:554/s", "rtsp://[2001:db8::10]:554/s",
              "admin", "pw");
  expect_url ("rtsp://[::ffff:192.168.1.2]/", "rtsp://[::ffff:192.168.1.2]/", NULL, NULL);
  expect_bad_url ("rtsp://[::1/cam", "]", NULL);
  expect_bad_url ("rtsp://::1/cam", "brackets", NULL);
  expect_bad_url ("rtsp://[::1]x/cam", NULL, NULL);
  expect_bad_url ("rtsp://[nothex]/", NULL, NULL);
  expect_bad_url ("rtsp://[]/", NULL, NULL);
  expect_bad_url ("rtsp://[::1]:0/", "65535", NULL);
}

static void
test_url_refused (void **state)
{
  expect_bad_url ("http://x", "rtsp://", NULL);
  expect_bad_url ("http://admin:topsecret@cam/", "rtsp://", "topsecret");
  expect_bad_url ("rtmp://cam/live", "rtsp://", NULL);
  expect_bad_url ("192.168.1.64:554/Streaming", "rtsp://", NULL);
  expect_bad_url ("rtsp:/h/x", "rtsp://", NULL);
  expect_bad_url ("://h/x", "rtsp://", NULL);
  expect_bad_url ("", NULL, NULL);
  expect_bad_url ("   ", NULL, NULL);
  expect_bad_url (NULL, NULL, NULL);
  /* No host. */
  expect_bad_url ("rtsp://", "IP", NULL);
  expect_bad_url ("rtsp:///path", "IP", NULL);
  expect_bad_url ("rtsp://admin:topsecret@/path", "IP", "topsecret");
  expect_bad_url ("rtsp://:554/", "IP", NULL);
  expect_bad_url ("rtsp://./", NULL, NULL);
  /* Things a host name cannot hold, spaces and control characters. */
  expect_bad_url ("rtsp://cam*1/", NULL, NULL);
  expect_bad_url ("rtsp://cổng/", NULL, NULL);
  expect_bad_url ("rtsp://h/a b", "%20", NULL);
  expect_bad_url ("rtsp://h/\x1b[2J", NULL, NULL);
  expect_bad_url ("rtsp://h/\xff\xfe", NULL, NULL);
  expect_bad_url ("rtsp://h/a@b", "@", NULL);
}

static void
test_mask (void **state)
{
  const char *cases[][2] = {
    { "rtsp://admin:pw@h/x", "rtsp://admin:***@h/x" },
    { "rtsp://h:554/x", "rtsp://h:554/x" },
    { "rtsp://admin@h/x", "rtsp://admin@h/x" },
    { "rtsp://a:p@ss@h/", "rtsp://a:***@h/" },
    { "rtsp://a:se/cret@h/", "rtsp://a:***@h/" },
    { "rtsp://admin:pw@[::1]:554/x", "rtsp://admin:***@[::1]:554/x" },
    { "admin:pw@10.0.0.1", "admin:***@10.0.0.1" },
    { "rtsp://h:554/user=admin&password=tlJwpbo6&channel=1&stream=0.sdp",
      "rtsp://h:554/user=admin&password=***&channel=1&stream=0.sdp" },
    { "rtsp://h/cam?user=a&PWD=x1;y=2", "rtsp://h/cam?user=a&PWD=***;y=2" },
    { "rtsp://h/x?password=", "rtsp://h/x?password=" },
    { "rtsp://h/mypassword=no", "rtsp://h/mypassword=no" },
    { "", "" },
    { "@", "@" },
    { ":@", ":***@" },
    { "://", "://" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *m = cg_url_mask (cases[i][0]);
      if (strcmp (m, cases[i][1]) != 0)
        fail_msg ("mask(“%s”) = “%s”, expected “%s”", cases[i][0], m, cases[i][1]);
    }
  g_autofree char *null = cg_url_mask (NULL);
  assert_string_equal (null, "");
  /* Garbage comes out as printable UTF-8. */
  g_autofree char *junk = cg_url_mask ("rtsp://\xff\x1b[2J:pw\x01@\xc3");
  assert_true (g_utf8_validate (junk, -1, NULL));
  assert_null (strchr (junk, '\x1b'));
  assert_null (strstr (junk, "pw"));
}

/* Random strings from URL-ish characters: parsing and masking never
 * crash, and what parsing accepts is clean and round-trips. */
static void
test_garbage (void **state)
{
  static const char alphabet[] = "rtsp:/@[]%:.aA0159fF-_?#&=x \x01\xc3\xa1\xff";
  static const char *const userinfo[] = { "a", "Z", "0", "9", "%3A", "%40", "%2F", "%25",
                                          "!", "$", "&", "'", "(", "*", "+", ",", ";", "=",
                                          "~", "@", ":", "\xc3\xa1", "%zz", "%00", "%" };
  static const char path[] = "/aZ09.?=&_-~:%";
  static const char *const hosts[] = { "cam-1.local", "10.0.0.2", "[::1]", "[2001:db8::a]",
                                       "h", "", "[::1", "::1" };
  static const char *const ports[] = { "", "", ":554", ":8554", ":0", ":65536", ":" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261127);
  int parsed = 0, with_password = 0;
  for (int round = 0; round < 30000; round++)
    {
      /* A third pure noise, a third noise after "rtsp://", a third shaped
       * like a URL with credentials, so the parser goes deep. */
      GString *g = g_string_new (round % 3 == 0 ? "" : "rtsp://");
      if (round % 3 == 2)
        {
          for (int i = g_rand_int_range (rand, 0, 5); i > 0; i--)
            g_string_append (g, userinfo[g_rand_int_range (rand, 0, G_N_ELEMENTS (userinfo))]);
          if (g_rand_int_range (rand, 0, 3) > 0)
            g_string_append_c (g, ':');
          for (int i = g_rand_int_range (rand, 0, 5); i > 0; i--)
            g_string_append (g, userinfo[g_rand_int_range (rand, 0, G_N_ELEMENTS (userinfo))]);
          g_string_append_c (g, '@');
          g_string_append (g, hosts[g_rand_int_range (rand, 0, G_N_ELEMENTS (hosts))]);
          g_string_append (g, ports[g_rand_int_range (rand, 0, G_N_ELEMENTS (ports))]);
          for (int i = g_rand_int_range (rand, 0, 12); i > 0; i--)
            g_string_append_c (g, path[g_rand_int_range (rand, 0, sizeof path - 1)]);
        }
      else
        for (int i = g_rand_int_range (rand, 0, 12); i > 0; i--)
          g_string_append_c (g, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
      g_autofree char *buf = g_string_free (g, FALSE);

      g_autofree char *masked = cg_url_mask (buf);
      assert_true (g_utf8_validate (masked, -1, NULL));
      g_autoptr (GError) error = NULL;
      g_autofree char *url = NULL, *user = NULL, *pass = NULL;
      if (!cg_camera_url_parse (buf, &url, &user, &pass, &error))
        {
          assert_non_null (error);
          assert_true (g_utf8_validate (error->message, -1, NULL));
          continue;
        }
      parsed++;
      assert_true (g_str_has_prefix (url, "rtsp://") || g_str_has_prefix (url, "rtsps://"));
      assert_null (strchr (url, '@'));
      CgCamera camera = { .url = url, .username = user, .password = pass };
      g_autofree char *stream = cg_camera_stream_url (&camera);
      g_autofree char *url2 = NULL, *user2 = NULL, *pass2 = NULL;
      if (!cg_camera_url_parse (stream, &url2, &user2, &pass2, &error))
        fail_msg ("“%s” parsed, but its stream URL “%s” does not: %s", buf, stream,
                  error->message);
      assert_string_equal (url, url2);
      assert_true (g_strcmp0 (user, user2) == 0);
      assert_true (g_strcmp0 (pass, pass2) == 0);
      if (pass != NULL)
        {
          g_autofree char *m = cg_url_mask (stream);
          assert_non_null (strstr (m, ":***@"));
          with_password++;
        }
    }
  /* The generator must keep reaching the interesting paths. */
  assert_true (parsed > 1000);
  assert_true (with_password > 200);
}

/* Real vendors' URL shapes: wherever the password sits, it leaves the URL
 * for the password field, the URL shown to a viewer is host and port
 * only, masking hides it, and the connection gets it back in place. */
static void
test_vendor_urls (void **state)
{
  static const struct { const char *typed, *stored, *secret, *host; } cases[] = {
    { "rtsp://admin:Hik12345@192.0.2.7:554/Streaming/Channels/101",
      "rtsp://192.0.2.7:554/Streaming/Channels/101", "Hik12345", "rtsp://192.0.2.7:554" },
    { "rtsp://admin:Dahua_2026@192.0.2.8:554/cam/realmonitor?channel=1&subtype=0",
      "rtsp://192.0.2.8:554/cam/realmonitor?channel=1&subtype=0", "Dahua_2026",
      "rtsp://192.0.2.8:554" },
    { "rtsp://192.0.2.9:554/user=admin_password=tlJwpbo6_channel=1_stream=0.sdp?real_stream",
      "rtsp://192.0.2.9:554/user=admin_password={password}_channel=1_stream=0.sdp?real_stream",
      "tlJwpbo6", "rtsp://192.0.2.9:554" },
    { "rtsp://admin:L2B3C4D5@192.0.2.10/cam/realmonitor?channel=1&subtype=1",
      "rtsp://192.0.2.10/cam/realmonitor?channel=1&subtype=1", "L2B3C4D5", "rtsp://192.0.2.10" },
    { "rtsp://admin:ABCDEF@192.0.2.11:554/h264/ch1/main/av_stream",
      "rtsp://192.0.2.11:554/h264/ch1/main/av_stream", "ABCDEF", "rtsp://192.0.2.11:554" },
    { "rtsp://192.0.2.12/live?user=admin&loginpass=s3cr%26t&ch=1",
      "rtsp://192.0.2.12/live?user=admin&loginpass={password}&ch=1", "s3cr&t",
      "rtsp://192.0.2.12" },
    { "rtsp://192.0.2.13:10554/tcp/av0_0?user=admin&psw=Zz9",
      "rtsp://192.0.2.13:10554/tcp/av0_0?user=admin&psw={password}", "Zz9",
      "rtsp://192.0.2.13:10554" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = NULL, *user = NULL, *pass = NULL;
      if (!cg_camera_url_parse (cases[i].typed, &url, &user, &pass, &error))
        fail_msg ("“%s”: %s", cases[i].typed, error->message);
      assert_string_equal (url, cases[i].stored);
      assert_string_equal (pass, cases[i].secret);
      g_autofree char *host = cg_url_host_port (url);
      assert_string_equal (host, cases[i].host);
      g_autofree char *masked = cg_url_mask (cases[i].typed);
      if (strstr (masked, cases[i].secret) != NULL)
        fail_msg ("mask(“%s”) = “%s” shows the password", cases[i].typed, masked);
      CgCamera c = { .url = url, .username = user, .password = pass };
      g_autofree char *stream = cg_camera_stream_url (&c);
      g_autofree char *escaped = g_uri_escape_string (cases[i].secret, NULL, FALSE);
      if (strstr (stream, escaped) == NULL && strstr (stream, cases[i].secret) == NULL)
        fail_msg ("the connection URL “%s” lacks the password", stream);
      g_autofree char *stream_masked = cg_url_mask (stream);
      if (strstr (stream_masked, cases[i].secret) != NULL || strstr (stream_masked, escaped) != NULL)
        fail_msg ("mask(“%s”) = “%s” shows the password", stream, stream_masked);
    }
  /* The same password twice is fine; two different ones are refused. */
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL, *pass = NULL;
  assert_true (cg_camera_url_parse ("rtsp://a:x@h/user=a_password=x_channel=1", &url, NULL,
                                    &pass, &error));
  assert_false (cg_camera_url_parse ("rtsp://a:x@h/user=a_password=y_channel=1", NULL, NULL,
                                     NULL, &error));
}

static void
test_stream_url (void **state)
{
  CgCamera c = { .url = (char *) "rtsp://h:554/x", .username = (char *) "ad:min",
                 .password = (char *) "p@ss/w%rd mật" };
  g_autofree char *s = cg_camera_stream_url (&c);
  assert_string_equal (s, "rtsp://ad%3Amin:p%40ss%2Fw%25rd%20m%E1%BA%ADt@h:554/x");
  g_autofree char *masked = cg_url_mask (s);
  assert_string_equal (masked, "rtsp://ad%3Amin:***@h:554/x");

  c.password = NULL;
  g_autofree char *u = cg_camera_stream_url (&c);
  assert_string_equal (u, "rtsp://ad%3Amin@h:554/x");
  c.username = NULL;
  g_autofree char *none = cg_camera_stream_url (&c);
  assert_string_equal (none, "rtsp://h:554/x");
}

static void
test_names (void **state)
{
  g_autoptr (GError) error = NULL;
  const char *good[] = { "Cổng chợ Hoàng Kim", "Cam 1", "a", "Ngã ba (hướng đông)",
                         "Nhà ông Tư - số 12", NULL };
  for (int i = 0; good[i] != NULL; i++)
    if (!cg_camera_name_valid (good[i], &error))
      fail_msg ("“%s” refused: %s", good[i], error->message);

  GString *s = g_string_new (NULL);
  for (int i = 0; i < 64; i++)
    g_string_append (s, "ư"); /* 64 characters, 128 bytes */
  assert_true (cg_camera_name_valid (s->str, NULL));
  g_string_append (s, "a");
  assert_false (cg_camera_name_valid (s->str, &error));
  assert_non_null (strstr (error->message, "64"));
  g_clear_error (&error);
  g_string_free (s, TRUE);

  const char *bad[] = { "", "a/b", "/", ".x", ".", "..", " x", "x ", "a\tb", "a\nb",
                        "a\x7f", "\xff", "x\xc3", NULL };
  for (int i = 0; bad[i] != NULL; i++)
    {
      if (cg_camera_name_valid (bad[i], &error))
        fail_msg ("name “%s” accepted", bad[i]);
      assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_FAILED));
      assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
  assert_false (cg_camera_name_valid (NULL, NULL));
  assert_false (cg_camera_name_valid ("a/b", &error));
  assert_non_null (strstr (error->message, "/"));
}

static void
test_map_and_enums (void **state)
{
  int x = -1, y = -1;
  assert_true (cg_camera_map_parse ("120,45", &x, &y, NULL));
  assert_int_equal (x, 120);
  assert_int_equal (y, 45);
  assert_true (cg_camera_map_parse (" 0 , 7 ", &x, &y, NULL));
  assert_int_equal (x, 0);
  assert_int_equal (y, 7);
  const char *bad[] = { "a,b", "-1,2", "1,-2", "1", "1,2,3", "", ",", "1.5,2", "1,",
                        "99999999999,1", "1;2", NULL };
  for (int i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      if (cg_camera_map_parse (bad[i], &x, &y, &error))
        fail_msg ("map “%s” accepted", bad[i]);
      assert_non_null (strstr (error->message, "X,Y"));
    }
  assert_false (cg_camera_map_parse (NULL, &x, &y, NULL));

  CgTransport t;
  assert_true (cg_transport_from_string ("UDP", &t));
  assert_int_equal (t, CG_TRANSPORT_UDP);
  assert_string_equal (cg_transport_to_string (t), "udp");
  assert_false (cg_transport_from_string ("http", &t));
  CgFunding f;
  assert_true (cg_funding_from_string ("community", &f));
  assert_int_equal (f, CG_FUNDING_COMMUNITY);
  assert_true (cg_funding_from_string ("", &f));
  assert_int_equal (f, CG_FUNDING_UNKNOWN);
  assert_null (cg_funding_to_string (f));
  assert_false (cg_funding_from_string ("donated", &f));
}

/* ---- the table ---------------------------------------------------------- */

typedef struct {
  char *dir;
  CgDb *db;
} Fixture;

static int
setup_db (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  f->dir = cg_test_tmpdir ();
  g_autofree char *path = g_build_filename (f->dir, CG_DB_FILENAME, NULL);
  f->db = cg_db_open (path, CG_DB_READ_WRITE, NULL);
  assert_non_null (f->db);
  *state = f;
  return 0;
}

static int
teardown_db (void **state)
{
  Fixture *f = *state;
  cg_db_close (f->db);
  cg_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static CgCamera *
make_camera (const char *name, const char *url)
{
  CgCamera *c = cg_camera_new ();
  c->name = g_strdup (name);
  c->url = g_strdup (url);
  return c;
}

static int
count_rows (sqlite3 *h, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM cameras WHERE %s", where);
  sqlite3_stmt *st = NULL;
  assert_int_equal (sqlite3_prepare_v2 (h, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (st), SQLITE_ROW);
  int n = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return n;
}

static void
test_save_find_round_trip (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;

  g_autoptr (CgCamera) c = make_camera ("Cổng chợ Hoàng Kim",
                                        "rtsp://admin:p%40ss@192.168.1.64:554/Streaming/Channels/101");
  c->place = g_strdup ("  Cổng chợ, phía đường liên xã ");
  c->has_map = TRUE;
  c->map_x = 120;
  c->map_y = 45;
  c->transport = CG_TRANSPORT_UDP;
  c->substream_url = g_strdup ("rtsp://192.168.1.64:554/Streaming/Channels/102");
  c->funding = CG_FUNDING_COMMUNITY;
  c->host_name = g_strdup ("Hộ ông Nguyễn Văn Tư");
  c->host_phone = g_strdup ("0912 345 678");
  c->power_by = g_strdup ("hộ gia đình");
  c->network_by = g_strdup ("");
  c->installed_on = g_strdup ("2025-03-15");
  assert_true (cg_camera_save (h, c, &error));
  assert_null (error);
  assert_true (c->id > 0);
  assert_true (c->created_us > 0);
  assert_true (c->updated_us >= c->created_us);
  /* The caller's copy is the tidied one. */
  assert_string_equal (c->url, "rtsp://192.168.1.64:554/Streaming/Channels/101");
  assert_string_equal (c->password, "p@ss");
  assert_string_equal (c->place, "Cổng chợ, phía đường liên xã");
  assert_null (c->network_by);

  g_autoptr (CgCamera) got = cg_camera_find (h, "Cổng chợ Hoàng Kim", &error);
  assert_non_null (got);
  assert_int_equal (got->id, c->id);
  assert_string_equal (got->name, "Cổng chợ Hoàng Kim");
  assert_string_equal (got->url, "rtsp://192.168.1.64:554/Streaming/Channels/101");
  assert_string_equal (got->username, "admin");
  assert_string_equal (got->password, "p@ss");
  assert_string_equal (got->substream_url, "rtsp://192.168.1.64:554/Streaming/Channels/102");
  assert_int_equal (got->transport, CG_TRANSPORT_UDP);
  assert_string_equal (got->place, "Cổng chợ, phía đường liên xã");
  assert_true (got->has_map);
  assert_int_equal (got->map_x, 120);
  assert_int_equal (got->map_y, 45);
  assert_int_equal (got->funding, CG_FUNDING_COMMUNITY);
  assert_string_equal (got->host_name, "Hộ ông Nguyễn Văn Tư");
  assert_string_equal (got->host_phone, "0912 345 678");
  assert_string_equal (got->power_by, "hộ gia đình");
  assert_null (got->network_by);
  assert_string_equal (got->installed_on, "2025-03-15");
  assert_true (got->enabled);
  assert_int_equal (got->created_us, c->created_us);
  g_autofree char *stream = cg_camera_stream_url (got);
  assert_string_equal (stream, "rtsp://admin:p%40ss@192.168.1.64:554/Streaming/Channels/101");

  /* The same name typed with combining accents (NFD) finds it. */
  g_autofree char *nfd = g_utf8_normalize ("Cổng chợ Hoàng Kim", -1, G_NORMALIZE_NFD);
  g_autoptr (CgCamera) again = cg_camera_find (h, nfd, &error);
  assert_non_null (again);
  assert_int_equal (again->id, c->id);

  /* A copy is deep. */
  g_autoptr (CgCamera) copy = cg_camera_copy (got);
  assert_ptr_not_equal (copy->password, got->password);
  assert_string_equal (copy->password, got->password);

  /* An update: no map, disabled, renamed. */
  got->has_map = FALSE;
  got->enabled = FALSE;
  g_free (got->name);
  got->name = g_strdup ("Chợ Hoàng Kim");
  gint64 before = got->updated_us;
  assert_true (cg_camera_save (h, got, &error));
  assert_true (got->updated_us >= before);
  g_autoptr (CgCamera) old = cg_camera_find (h, "Cổng chợ Hoàng Kim", &error);
  assert_null (old);
  assert_non_null (strstr (error->message, "Cổng chợ Hoàng Kim"));
  g_clear_error (&error);
  g_autoptr (CgCamera) renamed = cg_camera_find (h, "Chợ Hoàng Kim", &error);
  assert_non_null (renamed);
  assert_false (renamed->has_map);
  assert_false (renamed->enabled);
  assert_int_equal (renamed->id, c->id);
  assert_int_equal (count_rows (h, "1"), 1);
}

static void
test_list_duplicates_remove (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;

  g_autoptr (GPtrArray) empty = cg_camera_list (h, &error);
  assert_non_null (empty);
  assert_int_equal (empty->len, 0);

  const char *names[] = { "Ngã tư", "Cổng chợ", "Bến đò" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (CgCamera) c = make_camera (names[i], "rtsp://10.0.0.1/x");
      assert_true (cg_camera_save (h, c, &error));
    }
  g_autoptr (GPtrArray) all = cg_camera_list (h, &error);
  assert_int_equal (all->len, 3);
  assert_string_equal (((CgCamera *) all->pdata[0])->name, "Bến đò");
  assert_string_equal (((CgCamera *) all->pdata[2])->name, "Ngã tư");

  /* A second camera of the same name is refused, saying which. */
  g_autoptr (CgCamera) dup = make_camera ("Ngã tư", "rtsp://10.0.0.9/y");
  assert_false (cg_camera_save (h, dup, &error));
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_CONFLICT));
  assert_non_null (strstr (error->message, "Ngã tư"));
  assert_int_equal (dup->id, 0);
  g_clear_error (&error);
  /* Also when it arrives by renaming another. */
  g_autoptr (CgCamera) ben = cg_camera_find (h, "Bến đò", &error);
  g_free (ben->name);
  ben->name = g_strdup ("Ngã tư");
  assert_false (cg_camera_save (h, ben, &error));
  g_clear_error (&error);
  g_autoptr (GPtrArray) still = cg_camera_list (h, &error);
  assert_int_equal (still->len, 3);

  /* Removed: gone from the list, the row kept for its footage. */
  g_autoptr (CgCamera) before = cg_camera_find (h, "Ngã tư", &error);
  assert_true (cg_camera_remove (h, "Ngã tư", &error));
  g_autoptr (CgCamera) gone = cg_camera_find (h, "Ngã tư", &error);
  assert_null (gone);
  g_clear_error (&error);
  g_autoptr (GPtrArray) two = cg_camera_list (h, &error);
  assert_int_equal (two->len, 2);
  assert_int_equal (count_rows (h, "removed_us IS NOT NULL AND enabled = 0"), 1);
  assert_false (cg_camera_remove (h, "Ngã tư", &error));
  assert_non_null (strstr (error->message, "Ngã tư"));
  g_clear_error (&error);
  assert_false (cg_camera_remove (h, "never existed", &error));
  g_clear_error (&error);

  /* The removed camera's row cannot be changed through an old copy. */
  assert_false (cg_camera_save (h, before, &error));
  g_clear_error (&error);

  /* The name is free again. */
  g_autoptr (CgCamera) back = make_camera ("Ngã tư", "rtsp://10.0.0.7/z");
  assert_true (cg_camera_save (h, back, &error));
  assert_true (back->id != before->id);
  g_autoptr (CgCamera) found = cg_camera_find (h, "Ngã tư", &error);
  assert_string_equal (found->url, "rtsp://10.0.0.7/z");
  assert_int_equal (count_rows (h, "name = 'Ngã tư'"), 2);
}

/* cg_camera_save() refuses c, with a message containing hint, and
 * writes nothing. */
static void
expect_refused (sqlite3 *h, CgCamera *c, const char *hint)
{
  g_autoptr (GError) error = NULL;
  int rows = count_rows (h, "1");
  if (cg_camera_save (h, c, &error))
    fail_msg ("camera “%s” saved; expected a refusal about “%s”", c->name, hint);
  if (strstr (error->message, hint) == NULL)
    fail_msg ("“%s” missing from: %s", hint, error->message);
  assert_int_equal (count_rows (h, "1"), rows);
}

static void
test_save_refuses (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);

  g_autoptr (CgCamera) c = make_camera ("a/b", "rtsp://h/");
  expect_refused (h, c, "/");
  g_free (c->name);
  c->name = g_strdup ("ok");
  g_free (c->url);
  c->url = g_strdup ("http://h/");
  expect_refused (h, c, "rtsp://");
  g_free (c->url);
  c->url = NULL;
  expect_refused (h, c, "rtsp://");
  c->url = g_strdup ("rtsp://admin:one@h/");
  c->password = g_strdup ("two");
  expect_refused (h, c, "once");
  g_clear_pointer (&c->password, g_free);

  c->has_map = TRUE;
  c->map_x = -1;
  expect_refused (h, c, "-1");
  c->has_map = FALSE;

  c->installed_on = g_strdup ("2025-02-30");
  expect_refused (h, c, "YYYY-MM-DD");
  g_free (c->installed_on);
  c->installed_on = g_strdup ("15/03/2025");
  expect_refused (h, c, "YYYY-MM-DD");
  g_clear_pointer (&c->installed_on, g_free);

  c->host_phone = g_strdup ("call me");
  expect_refused (h, c, "phone");
  g_clear_pointer (&c->host_phone, g_free);

  c->place = g_strdup ("line\nbreak");
  expect_refused (h, c, "control");
  g_clear_pointer (&c->place, g_free);

  c->substream_url = g_strdup ("rtsp://other:secret@h/sub");
  expect_refused (h, c, "sub-stream");
  g_free (c->substream_url);
  c->substream_url = g_strdup ("rtsp://h:0/sub");
  expect_refused (h, c, "sub-stream");
  g_clear_pointer (&c->substream_url, g_free);

  c->transport = (CgTransport) 7;
  expect_refused (h, c, "tcp");
  c->transport = CG_TRANSPORT_TCP;

  /* After all that, the camera itself is fine; a sub-stream repeating
   * the camera's own login is accepted without it. */
  c->substream_url = g_strdup ("rtsp://admin:one@h/sub");
  g_autoptr (GError) error = NULL;
  assert_true (cg_camera_save (h, c, &error));
  assert_string_equal (c->substream_url, "rtsp://h/sub");
  assert_string_equal (c->password, "one");
}

/* A name typed without accents (no input method, or read off a terminal
 * without UTF-8) finds the one camera it fits; the exact name comes first;
 * two cameras that fold alike are never guessed between. */
static void
test_find_folded (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Chợ Hoàng Kim", "Cổng UBND xã", "Đình Đông Đoài" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (CgCamera) c = make_camera (names[i], "rtsp://10.0.0.1/x");
      assert_true (cg_camera_save (h, c, &error));
    }
  const char *typed[] = { "cho hoang kim", "CHO HOANG KIM", "Cho Hoang Kim", "chợ hoàng kim" };
  for (size_t i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr (CgCamera) c = cg_camera_find (h, typed[i], &error);
      if (c == NULL)
        fail_msg ("“%s” found nothing: %s", typed[i], error->message);
      assert_string_equal (c->name, "Chợ Hoàng Kim");
    }
  g_autoptr (CgCamera) dinh = cg_camera_find (h, "dinh dong doai", &error);
  assert_non_null (dinh);
  assert_string_equal (dinh->name, "Đình Đông Đoài");
  gint64 id = 0;
  g_autofree char *stored = NULL;
  assert_true (cg_camera_find_id (h, "cong ubnd xa", &id, &stored, &error));
  assert_string_equal (stored, "Cổng UBND xã");
  /* Folding is whole names, not a search: a part finds nothing. */
  g_autoptr (CgCamera) part = cg_camera_find (h, "cho", &error);
  assert_null (part);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  g_clear_error (&error);

  /* A second camera spelled without accents: its exact name finds it,
   * the accented one finds the other, and a third spelling finds neither
   * but names both. */
  g_autoptr (CgCamera) plain = make_camera ("Cho Hoang Kim", "rtsp://10.0.0.2/x");
  assert_true (cg_camera_save (h, plain, &error));
  g_autoptr (CgCamera) exact = cg_camera_find (h, "Cho Hoang Kim", &error);
  assert_int_equal (exact->id, plain->id);
  g_autoptr (CgCamera) accented = cg_camera_find (h, "Chợ Hoàng Kim", &error);
  assert_string_equal (accented->name, "Chợ Hoàng Kim");
  g_autoptr (CgCamera) which = cg_camera_find (h, "cho hoang kim", &error);
  assert_null (which);
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  if (strstr (error->message, "“Cho Hoang Kim”") == NULL || strstr (error->message, "“Chợ Hoàng Kim”") == NULL
      || strstr (error->message, "exact") == NULL)
    fail_msg ("the refusal does not name both cameras and ask for the exact name: %s", error->message);
  g_clear_error (&error);
  assert_false (cg_camera_find_id (h, "CHO HOANG KIM", &id, NULL, &error));
  g_clear_error (&error);

  /* A removed camera is not found by its folded name either. */
  assert_true (cg_camera_remove (h, "Đình Đông Đoài", &error));
  g_autoptr (CgCamera) removed = cg_camera_find (h, "dinh dong doai", &error);
  assert_null (removed);
  g_clear_error (&error);
}

/* camera.list and status order: the Vietnamese alphabet, numbers as
 * numbers, whatever the daemon's locale. */
static void
test_list_order (void **state)
{
  Fixture *f = *state;
  sqlite3 *h = cg_db_handle (f->db);
  g_autoptr (GError) error = NULL;
  const char *order[] = { "Cam 2", "Cam 10", "Chợ Hoàng Kim", "Cổng UBND xã", "Đình làng",
                          "Ngã tư", "Ủy ban", "Xóm Chùa" };
  for (size_t i = G_N_ELEMENTS (order); i > 0; i--)
    {
      g_autoptr (CgCamera) c = make_camera (order[i - 1], "rtsp://10.0.0.1/x");
      assert_true (cg_camera_save (h, c, &error));
    }
  g_autoptr (GPtrArray) all = cg_camera_list (h, &error);
  assert_int_equal (all->len, G_N_ELEMENTS (order));
  for (size_t i = 0; i < G_N_ELEMENTS (order); i++)
    if (!g_str_equal (((CgCamera *) all->pdata[i])->name, order[i]))
      fail_msg ("position %zu: “%s”, expected “%s”", i, ((CgCamera *) all->pdata[i])->name, order[i]);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_url_plain),
    cmocka_unit_test (test_url_credentials),
    cmocka_unit_test (test_url_ports),
    cmocka_unit_test (test_url_ipv6),
    cmocka_unit_test (test_url_refused),
    cmocka_unit_test (test_mask),
    cmocka_unit_test (test_garbage),
    cmocka_unit_test (test_stream_url),
    cmocka_unit_test (test_vendor_urls),
    cmocka_unit_test (test_names),
    cmocka_unit_test (test_map_and_enums),
    cmocka_unit_test_setup_teardown (test_save_find_round_trip, setup_db, teardown_db),
    cmocka_unit_test_setup_teardown (test_list_duplicates_remove, setup_db, teardown_db),
    cmocka_unit_test_setup_teardown (test_save_refuses, setup_db, teardown_db),
    cmocka_unit_test_setup_teardown (test_find_folded, setup_db, teardown_db),
    cmocka_unit_test_setup_teardown (test_list_order, setup_db, teardown_db),
  };
  return cmocka_run_group_tests_name ("camera", tests, NULL, NULL);
}
