/* test_custody.c — the custody record written beside an export: who,
 * what, the sources with their digests, the gaps, thinned footage, how
 * to check the file; and a failed export's reason. */
#include "unit.h"

#include "client/custody.h"

#include <string.h>

static const char *const complete_json =
  "{\"id\": 7, \"state\": \"complete\", \"camera\": \"Chợ Hoàng Kim\", \"place\": \"Cổng chợ\","
  " \"note\": \"Vụ 12/2026\", \"from\": \"2026-11-27T10:00:05Z\", \"to\": \"2026-11-27T10:00:30Z\","
  " \"actual_from\": \"2026-11-27T10:00:04Z\", \"actual_to\": \"2026-11-27T10:00:30Z\","
  " \"duration\": 21.5, \"sha256\": \"" "aaaa000000000000000000000000000000000000000000000000000000000001"
  "\", \"bytes\": 2097152, \"created\": \"2026-11-27T11:00:00Z\", \"created_by\": \"lan\","
  " \"full_name\": \"Nguyễn Thị Lan\", \"host\": \"donganh\", \"thinned\": true, \"audio\": \"aac\","
  " \"error\": null, \"removed\": null,"
  " \"sources\": ["
  "  {\"segment\": 41, \"start\": \"2026-11-27T10:00:00Z\", \"end\": \"2026-11-27T10:00:10Z\","
  "   \"from\": \"2026-11-27T10:00:04Z\", \"to\": \"2026-11-27T10:00:10Z\", \"bytes\": 1000,"
  "   \"sha256\": \"" "bbbb000000000000000000000000000000000000000000000000000000000002" "\","
  "   \"recorded_sha256\": \"" "bbbb000000000000000000000000000000000000000000000000000000000002" "\","
  "   \"thinned\": false},"
  "  {\"segment\": 42, \"start\": \"2026-11-27T10:00:14Z\", \"end\": \"2026-11-27T10:00:24Z\","
  "   \"from\": \"2026-11-27T10:00:14Z\", \"to\": \"2026-11-27T10:00:24Z\", \"bytes\": 300,"
  "   \"sha256\": \"" "cccc000000000000000000000000000000000000000000000000000000000003" "\","
  "   \"recorded_sha256\": \"" "dddd000000000000000000000000000000000000000000000000000000000004" "\","
  "   \"thinned\": true},"
  "  {\"segment\": 43, \"start\": \"2026-11-27T10:00:24Z\", \"end\": \"2026-11-27T10:00:34Z\","
  "   \"from\": \"2026-11-27T10:00:24Z\", \"to\": \"2026-11-27T10:00:30Z\", \"bytes\": 900,"
  "   \"sha256\": \"" "eeee000000000000000000000000000000000000000000000000000000000005" "\","
  "   \"recorded_sha256\": null, \"thinned\": false}],"
  " \"gaps\": [{\"start\": \"2026-11-27T10:00:10Z\", \"end\": \"2026-11-27T10:00:14Z\","
  "   \"damaged\": false}]}";

static JsonNode *
parse (const char *text)
{
  JsonNode *node = json_from_string (text, NULL);
  assert_non_null (node);
  return node;
}

static void
expect (const char *text, const char *words)
{
  if (strstr (text, words) == NULL)
    fail_msg ("expected “%s” in:\n%s", words, text);
}

static void
test_complete_record (void **state)
{
  (void) state;
  g_setenv ("TZ", "Asia/Ho_Chi_Minh", TRUE);
  g_autoptr (JsonNode) node = parse (complete_json);
  g_autofree char *text = cg_custody_text (json_node_get_object (node), "vu-12.mp4");
  expect (text, "EVIDENCE EXPORT No. 7");
  expect (text, "Camera: Chợ Hoàng Kim (Cổng chợ)");
  /* Local time: UTC+7. */
  expect (text, "Asked for: from 27/11/2026 17:00:05 to 27/11/2026 17:00:30");
  expect (text, "Exported by: lan (Nguyễn Thị Lan), on donganh, at 27/11/2026 18:00:00");
  expect (text, "Note: Vụ 12/2026");
  expect (text, "Exported: from 27/11/2026 17:00:04 to 27/11/2026 17:00:30 (21.5 s of footage)");
  expect (text, "File: vu-12.mp4 (2.0");
  expect (text, "MiB, MP4)");
  expect (text, "SHA-256 of the file: aaaa0000");
  expect (text, "Sound: yes");
  expect (text, "Thinned footage: yes");
  /* Every source, with its digest, how it compares, and thinning. */
  expect (text, "3 segments");
  expect (text, " 1. segment 27/11/2026 17:00:00 to 27/11/2026 17:00:10");
  expect (text, "    used from 27/11/2026 17:00:04 to 27/11/2026 17:00:10");
  expect (text, "    SHA-256 bbbb0000");
  expect (text, "the same as recorded");
  expect (text, " 2. segment 27/11/2026 17:00:14 to 27/11/2026 17:00:24 (300 bytes)\n"
                "    used from 27/11/2026 17:00:14 to 27/11/2026 17:00:24\n"
                "    thinned before the export: keyframes only\n");
  expect (text, "DIFFERS from the digest recorded");
  expect (text, "    dddd0000");
  expect (text, "no digest was recorded");
  /* The gap, and how to check. */
  expect (text, "from 27/11/2026 17:00:10 to 27/11/2026 17:00:14 (4 s): nothing was recorded");
  expect (text, "sha256sum -c vu-12.mp4.sha256");
  expect (text, "canhgac export verify vu-12.mp4");
  expect (text, "Received by:");
  /* Printable: 80 columns, but for a digest on its own. */
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_utf8_strlen (lines[i], -1) > 80 && strstr (lines[i], "SHA-256") == NULL)
      fail_msg ("line too wide for paper: %s", lines[i]);
}

static void
test_failed_record (void **state)
{
  (void) state;
  g_autoptr (JsonNode) node = parse (
    "{\"id\": 8, \"state\": \"failed\", \"camera\": \"Cam 1\", \"place\": null,"
    " \"from\": \"2026-11-27T10:00:05Z\", \"to\": \"2026-11-27T10:00:30Z\","
    " \"created\": \"2026-11-27T11:00:00Z\", \"created_by\": \"lan\", \"full_name\": null,"
    " \"host\": \"donganh\", \"sources\": [], \"gaps\": [],"
    " \"error\": {\"code\": -32004, \"message\": \"the disk filled up\","
    "   \"data\": {\"text\": \"the export failed (%s) and nothing of it was kept: try again, and "
    "tell the administrator if it fails again\", \"args\": [\"boom\"]}}}");
  JsonObject *x = json_node_get_object (node);
  g_autofree char *text = cg_custody_text (x, NULL);
  expect (text, "Camera: Cam 1\n");
  expect (text, "Exported by: lan, on donganh");
  expect (text, "State: failed");
  /* Worded from the template (no catalogue in the C locale: the text). */
  expect (text, "Why: the disk filled up");
  assert_null (strstr (text, "sha256sum"));
  g_autofree char *why = cg_custody_error_text (x);
  assert_string_equal (why, "the disk filled up");
  json_object_set_null_member (x, "error");
  assert_null (cg_custody_error_text (x));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_complete_record),
    cmocka_unit_test (test_failed_record),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
