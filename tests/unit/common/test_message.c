/* test_message.c — a message as template and arguments: kept by errors,
 * sent in error replies, and worded by the reader in the reader's
 * language, from a catalogue written here (so that translations with
 * wrong conversions can be tried), under vi_VN.UTF-8. */
#include "unit.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/message.h"
#include "common/timeutil.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* Daemon-side templates and what the test catalogue makes of them. */
#define NO_CAMERA "there is no camera called “%s”; the camera list shows their names"
#define NUMBERS "%d cameras, %.1f days, %'d bytes"
#define WRONG_KIND "apples: %s"
#define EXTRA "one %s"
#define MISSING "two %s and %s"
#define STAR "three %s"
#define PERCENT "100%% of %s"
#define REORDER "%s then %s"
#define TOO_LONG "%s is too long: at most %d characters"
#define LABEL "the user name"
#define ROLE "%s needs the %s role; %s is %s"
#define ADMIN "admin"

static const char *const catalogue[][2] = {
  { NO_CAMERA, "không có camera nào tên “%s”; xem tên các camera trong danh sách camera" },
  { NUMBERS, "%d camera, %.1f ngày, %'d byte" },
  { WRONG_KIND, "táo: %d" },
  { EXTRA, "một %s %s" },
  { MISSING, "hai %s" },
  { STAR, "ba %*s" },
  { PERCENT, "%s: 100%%" },
  { REORDER, "%2$s rồi %1$s" },
  { TOO_LONG, "%s quá dài: tối đa %d ký tự" },
  { LABEL, "tên đăng nhập" },
  { ROLE, "%s cần quyền %s; quyền hiện tại của %s: %s" },
  { ADMIN, "quản trị viên" },
};

/* ---- a catalogue ----------------------------------------------------- */

static int
by_msgid (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
put32 (GByteArray *out, guint32 v)
{
  g_byte_array_append (out, (const guint8 *) &v, sizeof v);
}

/* A GNU .mo file of the pairs above and a header, msgids sorted (no hash
 * table: gettext then searches by bisection). */
static void
write_mo (const char *path)
{
  const guint n = G_N_ELEMENTS (catalogue) + 1;
  const char **pairs = g_new0 (const char *, 2 * n);
  pairs[0] = "";
  pairs[1] = "Content-Type: text/plain; charset=UTF-8\n";
  for (guint i = 1; i < n; i++)
    {
      pairs[2 * i] = catalogue[i - 1][0];
      pairs[2 * i + 1] = catalogue[i - 1][1];
    }
  qsort (pairs, n, 2 * sizeof (const char *), by_msgid);
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint32 strings = 28 + 16 * n;
  put32 (out, 0x950412de);
  put32 (out, 0);
  put32 (out, n);
  put32 (out, 28);
  put32 (out, 28 + 8 * n);
  put32 (out, 0);
  put32 (out, strings);
  g_autoptr (GByteArray) text = g_byte_array_new ();
  for (int side = 0; side < 2; side++)
    for (guint i = 0; i < n; i++)
      {
        const char *s = pairs[2 * i + side];
        put32 (out, (guint32) strlen (s));
        put32 (out, strings + text->len);
        g_byte_array_append (text, (const guint8 *) s, (guint) strlen (s) + 1);
      }
  g_byte_array_append (out, text->data, text->len);
  assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
  g_free (pairs);
}

static char *dir;

static int
setup (void **state)
{
  if (setlocale (LC_ALL, "vi_VN.UTF-8") == NULL && setlocale (LC_ALL, "vi_VN.utf8") == NULL)
    {
      if (g_strcmp0 (g_getenv ("CANHGAC_REQUIRE_LOCALES"), "1") == 0)
        fail_msg ("the vi_VN.UTF-8 locale is missing");
      return 0;
    }
  dir = cg_test_tmpdir ();
  g_autofree char *mo_dir = g_build_filename (dir, "vi", "LC_MESSAGES", NULL);
  assert_int_equal (g_mkdir_with_parents (mo_dir, 0755), 0);
  g_autofree char *mo = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
  write_mo (mo);
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return 0;
}

static int
teardown (void **state)
{
  if (dir != NULL)
    cg_test_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  return 0;
}

#define NEED_CATALOGUE()                                                                 \
  do                                                                                     \
    if (dir == NULL)                                                                     \
      skip ();                                                                           \
  while (0)

static void
expect_word (CgMessage *m, const char *translated, const char *fallback)
{
  g_autofree char *t = cg_message_word_translated (m);
  g_autofree char *w = cg_message_word (m);
  if (g_strcmp0 (t, translated) != 0)
    fail_msg ("“%s” translated to “%s”, expected “%s”", cg_message_template (m), t, translated);
  const char *want = translated != NULL ? translated : fallback;
  if (g_strcmp0 (w, want) != 0)
    fail_msg ("“%s” worded “%s”, expected “%s”", cg_message_template (m), w, want);
  cg_message_free (m);
}

/* ---- wording ----------------------------------------------------------- */

static void
test_translated (void **state)
{
  NEED_CATALOGUE ();
  expect_word (cg_message_new (NO_CAMERA, "Không có"),
               "không có camera nào tên “Không có”; xem tên các camera trong danh sách camera",
               NULL);
  /* Not in the catalogue: nothing translated, the template filled in. */
  expect_word (cg_message_new ("no such %s here", "Chợ"), NULL, "no such Chợ here");
  /* A literal is never looked up, even when it is a msgid. */
  expect_word (cg_message_literal (ADMIN), NULL, ADMIN);
}

/* Numbers travel in the C locale and are written again in the reader's:
 * the decimal comma and the grouping of vi_VN. */
static void
test_numbers (void **state)
{
  NEED_CATALOGUE ();
  g_autoptr (CgMessage) m = cg_message_new (NUMBERS, 3, 6.5, 1234567);
  g_autoptr (JsonNode) json = cg_message_to_json (m);
  JsonArray *args = json_object_get_array_member (json_node_get_object (json), "args");
  assert_string_equal (json_array_get_string_element (args, 0), "3");
  assert_string_equal (json_array_get_string_element (args, 1), "6.5");
  assert_string_equal (json_array_get_string_element (args, 2), "1234567");
  expect_word (cg_message_copy (m), "3 camera, 6,5 ngày, 1.234.567 byte", NULL);
  /* Text where a number was expected (a newer daemon?) goes in as it is. */
  expect_word (cg_message_compose (NUMBERS, cg_message_literal ("ba"), cg_message_literal ("x"),
                                   cg_message_literal ("1e3"), NULL),
               "ba camera, x ngày, 1e3 byte", NULL);
}

/* The daemon's own message is what printf would have written. */
static void
test_same_as_printf (void **state)
{
  NEED_CATALOGUE ();
#define SAME(...)                                                                        \
  do                                                                                     \
    {                                                                                    \
      g_autofree char *want = g_strdup_printf (__VA_ARGS__);                             \
      g_autoptr (CgMessage) m = cg_message_new (__VA_ARGS__);                            \
      g_autofree char *got = cg_message_word (m);                                        \
      assert_string_equal (got, want);                                                   \
    }                                                                                    \
  while (0)
  SAME ("name “%s” has %ld characters; at most %d", "Chợ", 70L, 64);
  SAME ("%u camera down, %lu, %llu, %zu, %x, %05d, %-4d|, %+d", 3u, 4UL, 5ULL, (size_t) 6, 255, 42,
        7, 8);
  SAME ("%.2f %.0f %5.1f %g %e", 0.5, 2.5, -3.25, 0.1, 12345.678);
  SAME ("%" G_GINT64_FORMAT " bytes, %'d", G_GINT64_CONSTANT (-9223372036854775807) - 1, 1234567);
  SAME ("%s%%", "100");
  SAME ("no conversion at all");
#undef SAME
}

/* A translation that asks for other arguments than the template has is
 * not used: the reader gets the daemon's words (or the template). */
static void
test_translation_does_not_fit (void **state)
{
  NEED_CATALOGUE ();
  expect_word (cg_message_new (WRONG_KIND, "x"), NULL, "apples: x");
  expect_word (cg_message_new (EXTRA, "x"), NULL, "one x");
  expect_word (cg_message_new (MISSING, "x", "y"), NULL, "two x and y");
  expect_word (cg_message_new (STAR, "x"), NULL, "three x");
}

static void
test_percent_and_positions (void **state)
{
  NEED_CATALOGUE ();
  expect_word (cg_message_new (PERCENT, "đĩa"), "đĩa: 100%", NULL);
  expect_word (cg_message_new (REORDER, "a", "b"), "b rồi a", NULL);
  /* Arguments are never read as formats. */
  expect_word (cg_message_new (NO_CAMERA, "%s%n%d"),
               "không có camera nào tên “%s%n%d”; xem tên các camera trong danh sách camera",
               NULL);
}

/* Messages inside messages: the field's name and the roles too. */
static void
test_nested (void **state)
{
  NEED_CATALOGUE ();
  expect_word (cg_message_compose (TOO_LONG, cg_message_compose (LABEL, NULL),
                                   cg_message_literal ("200"), NULL),
               "tên đăng nhập quá dài: tối đa 200 ký tự", NULL);
  expect_word (cg_message_compose (ROLE, cg_message_literal ("camera.remove"),
                                   cg_message_compose (ADMIN, NULL),
                                   cg_message_literal ("nobody"),
                                   cg_message_compose ("viewer", NULL), NULL),
               "camera.remove cần quyền quản trị viên; quyền hiện tại của nobody: viewer", NULL);
}

/* ---- on the wire ------------------------------------------------------- */

static CgMessage *
parse (const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  assert_non_null (node);
  return cg_message_from_json (node);
}

static void
test_json (void **state)
{
  g_autoptr (CgMessage) m = cg_message_compose (TOO_LONG, cg_message_compose (LABEL, NULL),
                                                cg_message_literal ("200"), NULL);
  g_autoptr (JsonNode) node = cg_message_to_json (m);
  g_autofree char *text = json_to_string (node, FALSE);
  assert_string_equal (text, "{\"text\":\"%s is too long: at most %d characters\",\"args\":"
                             "[{\"text\":\"the user name\",\"args\":[]},\"200\"]}");
  g_autoptr (CgMessage) back = parse (text);
  assert_non_null (back);
  g_autofree char *w1 = cg_message_word (m), *w2 = cg_message_word (back);
  assert_string_equal (w1, w2);

  /* What a reader refuses, to fall back on the daemon's message. */
  static const char *const refused[] = {
    "\"just a string\"",
    "[]",
    "{}",
    "{\"text\": 3, \"args\": []}",
    "{\"text\": \"\", \"args\": []}",
    "{\"text\": \"%s\", \"args\": []}",
    "{\"text\": \"%s\", \"args\": [\"a\", \"b\"]}",
    "{\"text\": \"%s\", \"args\": [3]}",
    "{\"text\": \"%s\", \"args\": \"a\"}",
    "{\"text\": \"%d\", \"args\": [{\"text\": \"x\"}]}",
    "{\"text\": \"%n\", \"args\": [\"a\"]}",
    "{\"text\": \"%*d\", \"args\": [\"1\", \"2\"]}",
    "{\"text\": \"%lc\", \"args\": [\"a\"]}",
    "{\"text\": \"%1$s %s\", \"args\": [\"a\", \"b\"]}",
    "{\"text\": \"%2$s\", \"args\": [\"a\", \"b\"]}",
    "{\"text\": \"%99999999999d\", \"args\": [\"1\"]}",
    "{\"text\": \"100%\", \"args\": []}",
    "{\"text\": \"%s\", \"args\": [{\"text\": \"%s\", \"args\": [{\"text\": \"%s\", \"args\": "
    "[{\"text\": \"%s\", \"args\": [{\"text\": \"%s\", \"args\": [{\"text\": \"%s\", \"args\": "
    "[\"deep\"]}]}]}]}]}]}",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (CgMessage) bad = parse (refused[i]);
      if (bad != NULL)
        fail_msg ("accepted %s", refused[i]);
    }
  /* Members a newer daemon may add are ignored; "args" may be left out. */
  g_autoptr (CgMessage) newer = parse ("{\"text\": \"a\", \"hint\": 1}");
  assert_non_null (newer);
}

/* Times and spans travel as such and are worded where they are read: in
 * the reader's zone, in the reader's words. */
static void
test_times (void **state)
{
  gint64 at = G_GINT64_CONSTANT (1795771753721000); /* 2026-11-27T09:29:13.721Z */
  g_autoptr (CgMessage) m = cg_message_compose ("taken at %s, %s ago", cg_message_time (at),
                                                cg_message_duration (95 * G_USEC_PER_SEC + 7),
                                                NULL);
  g_autoptr (JsonNode) node = cg_message_to_json (m);
  g_autofree char *text = json_to_string (node, FALSE);
  assert_string_equal (text, "{\"text\":\"taken at %s, %s ago\",\"args\":"
                             "[{\"time\":\"2026-11-27T09:29:13.721Z\"},{\"seconds\":95}]}");
  g_autofree char *local = cg_time_format_local (at, NULL);
  g_autofree char *span = cg_duration_format (95 * G_USEC_PER_SEC);
  g_autofree char *want = g_strdup_printf ("taken at %s, %s ago", local, span);
  g_autoptr (CgMessage) back = parse (text);
  assert_non_null (back);
  g_autofree char *w1 = cg_message_word (m), *w2 = cg_message_word (back);
  assert_string_equal (w1, want);
  assert_string_equal (w2, want);
  g_autoptr (CgMessage) copy = cg_message_copy (back);
  g_autofree char *w3 = cg_message_word (copy);
  assert_string_equal (w3, want);

  /* A day: the date alone, in the reader's zone. */
  g_autoptr (CgMessage) d = cg_message_compose ("since %s", cg_message_date (at), NULL);
  g_autoptr (JsonNode) dnode = cg_message_to_json (d);
  g_autofree char *dtext = json_to_string (dnode, FALSE);
  assert_string_equal (dtext, "{\"text\":\"since %s\",\"args\":"
                              "[{\"date\":\"2026-11-27T09:29:13.721Z\"}]}");
  g_autofree char *day = cg_time_format_date (at, NULL);
  g_autofree char *dwant = g_strdup_printf ("since %s", day);
  g_autoptr (CgMessage) dback = parse (dtext);
  assert_non_null (dback);
  g_autofree char *d1 = cg_message_word (d), *d2 = cg_message_word (dback);
  assert_string_equal (d1, dwant);
  assert_string_equal (d2, dwant);
  assert_null (strchr (d2, ':'));

  static const char *const refused[] = {
    "{\"time\": \"2026-11-27T09:29:13Z\"}",
    "{\"text\": \"%s\", \"args\": [{\"date\": \"2026-11-27T09:29:13Z\", \"time\": \"2026-11-27T09:29:13Z\"}]}",
    "{\"text\": \"%s\", \"args\": [{\"date\": \"soon\"}]}",
    "{\"text\": \"%s\", \"args\": [{\"time\": \"yesterday\"}]}",
    "{\"text\": \"%s\", \"args\": [{\"time\": 3}]}",
    "{\"text\": \"%s\", \"args\": [{\"seconds\": -1}]}",
    "{\"text\": \"%s\", \"args\": [{\"seconds\": 1.5}]}",
    "{\"text\": \"%s\", \"args\": [{\"time\": \"2026-11-27T09:29:13Z\", \"seconds\": 1}]}",
    "{\"text\": \"%d\", \"args\": [{\"seconds\": 1}]}",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (CgMessage) bad = parse (refused[i]);
      if (bad != NULL)
        fail_msg ("accepted %s", refused[i]);
    }
}

/* ---- errors ------------------------------------------------------------ */

static void
test_error_keeps_template (void **state)
{
  g_autoptr (GError) error = NULL;
  cg_error_set_text (&error, CG_ERROR, CG_ERROR_NOT_FOUND, NO_CAMERA, "Chợ");
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  const CgMessage *m = cg_error_get_message (error);
  assert_non_null (m);
  assert_string_equal (cg_message_template (m), NO_CAMERA);
  g_autofree char *worded = cg_message_word (m);
  assert_string_equal (error->message, worded);

  /* Copies keep it; a layer's error becomes an API error with it. */
  g_autoptr (GError) copy = g_error_copy (error);
  assert_non_null (cg_error_get_message (copy));
  GError *api = NULL;
  cg_error_propagate_as (&api, g_steal_pointer (&copy), CG_RPC_ERROR, CG_RPC_NOT_FOUND);
  assert_true (g_error_matches (api, CG_RPC_ERROR, CG_RPC_NOT_FOUND));
  assert_string_equal (api->message, error->message);
  assert_string_equal (cg_message_template (cg_error_get_message (api)), NO_CAMERA);

  /* A message changed behind its back no longer has a template: the
   * reply must not say something else than the message. */
  g_prefix_error (&api, "camera: ");
  assert_null (cg_error_get_message (api));
  g_autofree char *line = cg_rpc_error_line_from_gerror (NULL, api);
  assert_null (strstr (line, "\"data\""));
  g_clear_error (&api);

  /* cg_error_prefix_text() keeps both. */
  cg_error_prefix_text (&error, "sub-stream: %s");
  assert_true (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  assert_true (g_str_has_prefix (error->message, "sub-stream: "));
  assert_string_equal (cg_message_template (cg_error_get_message (error)), "sub-stream: %s");

  /* Other domains get the message only. */
  g_autoptr (GError) io = NULL;
  cg_error_set_text (&io, G_IO_ERROR, G_IO_ERROR_FAILED, "no %s", "disk");
  assert_string_equal (io->message, "no disk");
  assert_null (cg_error_get_message (io));
  cg_error_set_text (NULL, CG_ERROR, CG_ERROR_FAILED, "nobody %s", "listens");
}

/* The daemon sends its words and the template; the client shows the
 * template worded here, and gives scripts the daemon's words. */
static void
test_reply (void **state)
{
  NEED_CATALOGUE ();
  const char *line = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,"
                     "\"message\":\"there is no camera called “X”; the camera list shows their "
                     "names\",\"data\":{\"text\":\"" NO_CAMERA "\",\"args\":[\"X\"]}}}";
  CgRpcReply reply = { 0 };
  assert_true (cg_rpc_reply_parse (line, strlen (line), &reply, NULL));
  g_autoptr (GError) error = NULL;
  cg_rpc_reply_to_error (&reply, &error);
  cg_rpc_reply_clear (&reply);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_NOT_FOUND));
  assert_string_equal (error->message,
                       "không có camera nào tên “X”; xem tên các camera trong danh sách camera");
  assert_string_equal (cg_error_get_remote (error),
                       "there is no camera called “X”; the camera list shows their names");
  g_autoptr (JsonNode) json = cg_rpc_error_to_json (error);
  JsonObject *obj = json_node_get_object (json);
  assert_int_equal (json_object_get_int_member (obj, "code"), -32002);
  assert_string_equal (json_object_get_string_member (obj, "message"),
                       "there is no camera called “X”; the camera list shows their names");
  assert_string_equal (json_object_get_string_member (json_object_get_object_member (obj, "data"),
                                                      "text"), NO_CAMERA);

  /* No data, data this client cannot read, or a translation that does
   * not fit: the daemon's message. */
  static const char *const others[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,\"message\":\"said\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,\"message\":\"said\","
    "\"data\":{\"text\":\"" NO_CAMERA "\",\"args\":[]}}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,\"message\":\"said\","
    "\"data\":[1,2]}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,\"message\":\"said\","
    "\"data\":{\"text\":\"" WRONG_KIND "\",\"args\":[\"x\"]}}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32004,\"message\":\"said\","
    "\"data\":{\"text\":\"untranslated %s\",\"args\":[\"x\"]}}}",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (others); i++)
    {
      CgRpcReply r = { 0 };
      assert_true (cg_rpc_reply_parse (others[i], strlen (others[i]), &r, NULL));
      g_autoptr (GError) e = NULL;
      cg_rpc_reply_to_error (&r, &e);
      cg_rpc_reply_clear (&r);
      assert_int_equal (e->code, CG_RPC_FAILED);
      assert_string_equal (e->message, "said");
    }
}

/* What the daemon sends for its own errors. */
static void
test_error_line (void **state)
{
  g_autoptr (GError) error = NULL;
  cg_error_set_message (&error, CG_RPC_ERROR, CG_RPC_FORBIDDEN,
                        cg_message_compose ("%s needs %s", cg_message_literal ("camera.add"),
                                            cg_message_compose ("the boss", NULL), NULL));
  g_autofree char *line = cg_rpc_error_line_from_gerror (NULL, error);
  assert_string_equal (line, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,"
                             "\"message\":\"camera.add needs the boss\",\"data\":{\"text\":"
                             "\"%s needs %s\",\"args\":[\"camera.add\",{\"text\":\"the boss\","
                             "\"args\":[]}]}}}\n");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_translated),
    cmocka_unit_test (test_numbers),
    cmocka_unit_test (test_same_as_printf),
    cmocka_unit_test (test_translation_does_not_fit),
    cmocka_unit_test (test_percent_and_positions),
    cmocka_unit_test (test_nested),
    cmocka_unit_test (test_json),
    cmocka_unit_test (test_times),
    cmocka_unit_test (test_error_keeps_template),
    cmocka_unit_test (test_reply),
    cmocka_unit_test (test_error_line),
  };
  return cmocka_run_group_tests_name ("message", tests, setup, teardown);
}
