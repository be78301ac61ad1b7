/* test_jsonrpc.c — line framing, request checks, parameter tables, builders. */
#include "unit.h"

#include "common/jsonrpc.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers --------------------------------------------------------------- */

static void
feed_str (CgRpcLineBuffer *b, const char *s)
{
  cg_rpc_line_buffer_feed (b, s, strlen (s));
}

static void
expect_line (CgRpcLineBuffer *b, const char *want)
{
  g_autofree char *line = NULL;
  gsize len = 99;
  assert_int_equal (cg_rpc_line_buffer_take (b, &line, &len), CG_RPC_LINE_OK);
  assert_string_equal (line, want);
  assert_int_equal (len, strlen (want));
}

static void
expect_status (CgRpcLineBuffer *b, CgRpcLineStatus want)
{
  g_autofree char *line = NULL;
  gsize len = 99;
  assert_int_equal (cg_rpc_line_buffer_take (b, &line, &len), want);
  assert_null (line);
  assert_int_equal (len, 0);
}

static CgRpcRequest *
parse_ok (const char *line)
{
  g_autoptr (GError) error = NULL;
  JsonNode *id = (JsonNode *) 0x1;
  CgRpcRequest *r = cg_rpc_request_parse (line, strlen (line), &id, &error);
  if (r == NULL)
    fail_msg ("%s: %s", line, error->message);
  assert_null (id);
  assert_non_null (r->params);
  return r;
}

/* Parses a line that must fail with code; returns the message, and the id
 * the error reply would carry in *id_out (NULL when none). */
static char *
parse_bad_len (const char *line, gsize len, int code, JsonNode **id_out)
{
  g_autoptr (GError) error = NULL;
  JsonNode *id = NULL;
  CgRpcRequest *r = cg_rpc_request_parse (line, len, &id, &error);
  if (r != NULL)
    fail_msg ("accepted: %.200s", line);
  assert_true (g_error_matches (error, CG_RPC_ERROR, code));
  assert_true (strlen (error->message) < 300);
  if (id_out != NULL)
    *id_out = id;
  else if (id != NULL)
    json_node_unref (id);
  return g_strdup (error->message);
}

static char *
parse_bad (const char *line, int code)
{
  return parse_bad_len (line, strlen (line), code, NULL);
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    fail_msg ("“%s” does not contain “%s”", text, part);
}

static JsonObject *
object_from (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonNode *
node_from (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_parser_steal_root (parser);
}

/* ---- framing ---------------------------------------------------------------- */

static void
test_frame_split_across_feeds (void **state)
{
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (CG_RPC_MAX_LINE);
  const char *text = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}\n";
  for (const char *p = text; p[1] != '\0'; p++)
    {
      cg_rpc_line_buffer_feed (b, p, 1);
      expect_status (b, CG_RPC_LINE_NONE);
    }
  assert_int_equal (cg_rpc_line_buffer_pending (b), strlen (text) - 1);
  feed_str (b, "\n");
  expect_line (b, "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
  expect_status (b, CG_RPC_LINE_NONE);
  assert_int_equal (cg_rpc_line_buffer_pending (b), 0);

  /* A line ending in one feed and the next starting in it. */
  feed_str (b, "ab");
  feed_str (b, "c\nde");
  expect_line (b, "abc");
  expect_status (b, CG_RPC_LINE_NONE);
  assert_int_equal (cg_rpc_line_buffer_pending (b), 2);
  feed_str (b, "f\n");
  expect_line (b, "def");

  /* Feeding nothing is harmless. */
  cg_rpc_line_buffer_feed (b, NULL, 0);
  expect_status (b, CG_RPC_LINE_NONE);
}

static void
test_frame_many_lines_one_feed (void **state)
{
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (100);
  feed_str (b, "one\ntwo\nthree\nfour");
  assert_int_equal (cg_rpc_line_buffer_pending (b), 3 + 3 + 5 + 4);
  expect_line (b, "one");
  expect_line (b, "two");
  assert_int_equal (cg_rpc_line_buffer_pending (b), 5 + 4);
  expect_line (b, "three");
  expect_status (b, CG_RPC_LINE_NONE);
  feed_str (b, "\n");
  expect_line (b, "four");

  /* take accepts a NULL len. */
  feed_str (b, "five\n");
  g_autofree char *line = NULL;
  assert_int_equal (cg_rpc_line_buffer_take (b, &line, NULL), CG_RPC_LINE_OK);
  assert_string_equal (line, "five");
}

static void
test_frame_crlf_and_empty_lines (void **state)
{
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (100);
  feed_str (b, "a\r\nb\r");
  expect_line (b, "a");
  expect_status (b, CG_RPC_LINE_NONE);
  feed_str (b, "\n");
  expect_line (b, "b");
  /* Only one "\r" belongs to the newline; one inside the line stays. */
  feed_str (b, "c\r\r\nd\re\n");
  expect_line (b, "c\r");
  expect_line (b, "d\re");
  /* Empty lines are skipped, CRLF ones too. */
  feed_str (b, "\n\r\n\n  \nx\n\n");
  expect_line (b, "  ");
  expect_line (b, "x");
  expect_status (b, CG_RPC_LINE_NONE);
  assert_int_equal (cg_rpc_line_buffer_pending (b), 0);
}

static void
test_frame_nul_bytes (void **state)
{
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (100);
  cg_rpc_line_buffer_feed (b, "a\0b\n", 4);
  g_autofree char *line = NULL;
  gsize len = 0;
  assert_int_equal (cg_rpc_line_buffer_take (b, &line, &len), CG_RPC_LINE_OK);
  assert_int_equal (len, 3);
  assert_memory_equal (line, "a\0b", 4);
}

static void
test_frame_max (void **state)
{
  const gsize max = 8;
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (max);

  /* Exactly max, with "\n" and with "\r\n" (split before the "\n"). */
  feed_str (b, "12345678\n");
  expect_line (b, "12345678");
  feed_str (b, "abcdefgh\r");
  assert_int_equal (cg_rpc_line_buffer_pending (b), max + 1);
  expect_status (b, CG_RPC_LINE_NONE);
  feed_str (b, "\n");
  expect_line (b, "abcdefgh");

  /* max + 1: reported once, then the next line still works. */
  feed_str (b, "123456789\nok\n");
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  expect_line (b, "ok");
  expect_status (b, CG_RPC_LINE_NONE);

  /* max + 1 with a "\r\n" is too long as well. */
  feed_str (b, "123456789\r\nok2\n");
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  expect_line (b, "ok2");

  /* A "\r" at max + 1 not followed by "\n". */
  feed_str (b, "abcdefgh\r");
  feed_str (b, "x");
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  feed_str (b, "yz\nnext\n");
  expect_line (b, "next");
  expect_status (b, CG_RPC_LINE_NONE);
}

static void
test_frame_too_long_streamed (void **state)
{
  const gsize max = 16;
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (max);
  feed_str (b, "before\n");
  /* A huge line trickling in: held bytes stay bounded, one report, and
   * its place among the lines is kept. */
  for (int i = 0; i < 1000; i++)
    {
      feed_str (b, "xxxxxxx");
      assert_true (cg_rpc_line_buffer_pending (b) <= 6 + max + 1);
    }
  feed_str (b, "xx\nafter\n");
  expect_line (b, "before");
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  expect_line (b, "after");
  expect_status (b, CG_RPC_LINE_NONE);

  /* Two long lines in a row are two reports. */
  g_autofree char *big = g_strnfill (40, 'y');
  g_autofree char *two = g_strdup_printf ("%s\n%s\nz\n", big, big);
  feed_str (b, two);
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  expect_line (b, "z");

  /* Freed with a line half-read and lines not taken: no leak. */
  feed_str (b, "pending\nhalf");
}

static void
test_frame_default_limit (void **state)
{
  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (CG_RPC_MAX_LINE);
  g_autofree char *exact = g_strnfill (CG_RPC_MAX_LINE, 'a');
  feed_str (b, exact);
  feed_str (b, "\n");
  g_autofree char *line = NULL;
  gsize len = 0;
  assert_int_equal (cg_rpc_line_buffer_take (b, &line, &len), CG_RPC_LINE_OK);
  assert_int_equal (len, CG_RPC_MAX_LINE);
  feed_str (b, exact);
  feed_str (b, "a\n{}\n");
  expect_status (b, CG_RPC_LINE_TOO_LONG);
  expect_line (b, "{}");
}

/* ---- requests ------------------------------------------------------------------ */

static void
test_request_good (void **state)
{
  g_autoptr (CgRpcRequest) r = parse_ok (
    " {\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"camera.list\",\"params\":{\"all\":true}} ");
  assert_string_equal (r->method, "camera.list");
  assert_true (JSON_NODE_HOLDS_VALUE (r->id));
  assert_int_equal (json_node_get_int (r->id), 7);
  assert_true (json_object_get_boolean_member (r->params, "all"));

  g_autoptr (CgRpcRequest) s = parse_ok ("{\"method\":\"x\",\"id\":\"abc\",\"jsonrpc\":\"2.0\"}");
  assert_string_equal (json_node_get_string (s->id), "abc");
  assert_int_equal (json_object_get_size (s->params), 0);

  /* A notification has no id; "id": null is a request whose id is null. */
  g_autoptr (CgRpcRequest) n = parse_ok ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
  assert_null (n->id);
  g_autoptr (CgRpcRequest) z = parse_ok ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":null}");
  assert_non_null (z->id);
  assert_true (JSON_NODE_HOLDS_NULL (z->id));

  /* Extreme ids and UTF-8 text. */
  g_autoptr (CgRpcRequest) m = parse_ok (
    "{\"jsonrpc\":\"2.0\",\"method\":\"camera.rename\",\"id\":-9223372036854775808,"
    "\"params\":{\"name\":\"Cổng UBND xã\",\"emoji\":\"\\ud83d\\ude00\",\"esc\":\"a\\nb\\u00e9\"}}");
  assert_true (json_node_get_int (m->id) == G_MININT64);
  assert_string_equal (json_object_get_string_member (m->params, "name"), "Cổng UBND xã");
  assert_string_equal (json_object_get_string_member (m->params, "emoji"), "😀");
  assert_string_equal (json_object_get_string_member (m->params, "esc"), "a\nbé");
  g_autoptr (CgRpcRequest) big = parse_ok (
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":9223372036854775807}");
  assert_true (json_node_get_int (big->id) == G_MAXINT64);
}

static void
test_request_parse_errors (void **state)
{
  const char *not_json[] = {
    "hello", "{", "}", "{\"jsonrpc\":\"2.0\",}", "   ", "[1,]", "nul", "tru",
    "{\"jsonrpc\":\"2.0\"} trailing",              /* text after the value */
    "{\"jsonrpc\":\"2.0\"}{}",                    /* two values */
    "/*c*/{\"jsonrpc\":\"2.0\",\"method\":\"x\"}", /* json-glib would accept these */
    "{'jsonrpc':'2.0','method':'x'}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":0x10}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":01}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":-}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1.}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":.5}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1e}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":NaN}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1e999}",   /* would be "inf" */
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":-1e400}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"a\\u0000b\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"\\ud800\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"\\udc00\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"\\ud800\\u0041\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"\\u12\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"\\x41\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"tab\there\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"unterminated}",
    "{\"jsonrpc\" \"2.0\"}",
    "{jsonrpc:\"2.0\"}",
    NULL,
  };
  for (int i = 0; not_json[i] != NULL; i++)
    {
      g_autofree char *msg = parse_bad (not_json[i], CG_RPC_PARSE_ERROR);
      assert_contains (msg, "JSON");
    }
  g_autofree char *empty = parse_bad ("", CG_RPC_PARSE_ERROR);
  assert_contains (empty, "empty");
  g_autofree char *at = parse_bad ("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}}", CG_RPC_PARSE_ERROR);
  assert_contains (at, "byte 31");

  /* Invalid UTF-8, and a NUL byte inside the line. */
  g_autofree char *utf = parse_bad ("{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}", CG_RPC_PARSE_ERROR);
  assert_contains (utf, "UTF-8");
  g_autofree char *overlong = parse_bad ("{\"method\":\"\xc0\xaf\"}", CG_RPC_PARSE_ERROR);
  assert_contains (overlong, "UTF-8");
  const char nul[] = "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}\0";
  g_autofree char *nulmsg = parse_bad_len (nul, sizeof nul - 1, CG_RPC_PARSE_ERROR, NULL);
  assert_contains (nulmsg, "UTF-8");

  /* Huge nesting: refused before json-glib recurses, at any size. */
  GString *deep = g_string_new ("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"a\":");
  for (int i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}}");
  g_autofree char *deep_msg = parse_bad (deep->str, CG_RPC_PARSE_ERROR);
  assert_contains (deep_msg, "nested deeper than 64");
  g_string_free (deep, TRUE);
  g_autofree char *brackets = g_strnfill (CG_RPC_MAX_LINE, '[');
  g_autofree char *b_msg = parse_bad (brackets, CG_RPC_PARSE_ERROR);
  assert_contains (b_msg, "nested");
  /* 64 levels are fine. */
  GString *ok = g_string_new ("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"a\":");
  for (int i = 0; i < CG_RPC_MAX_DEPTH - 2; i++)
    g_string_append_c (ok, '[');
  for (int i = 0; i < CG_RPC_MAX_DEPTH - 2; i++)
    g_string_append_c (ok, ']');
  g_string_append (ok, "}}");
  g_autoptr (CgRpcRequest) r = parse_ok (ok->str);
  g_string_free (ok, TRUE);

  /* Longer than a line may be. */
  g_autofree char *huge = g_strnfill (CG_RPC_MAX_LINE + 1, ' ');
  g_autofree char *huge_msg = parse_bad (huge, CG_RPC_PARSE_ERROR);
  assert_contains (huge_msg, "longer");
}

static void
test_request_invalid (void **state)
{
  struct {
    const char *line, *says;
  } cases[] = {
    { "[1,2]", "JSON object" },
    { "\"2.0\"", "JSON object" },
    { "42", "JSON object" },
    { "null", "JSON object" },
    { "{\"method\":\"x\"}", "jsonrpc" },
    { "{\"jsonrpc\":\"1.0\",\"method\":\"x\"}", "jsonrpc" },
    { "{\"jsonrpc\":2.0,\"method\":\"x\"}", "jsonrpc" },
    { "{\"jsonrpc\":\"2.0\"}", "“method” is missing" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"\"}", "“method” must not be empty" },
    { "{\"jsonrpc\":\"2.0\",\"method\":5}", "“method” must be a string" },
    { "{\"jsonrpc\":\"2.0\",\"method\":null}", "“method” must be a string" },
    { "{\"jsonrpc\":\"2.0\",\"method\":[\"x\"]}", "“method” must be a string" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[1,2]}", "positional" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":3}", "“params” must be an object" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":null}", "“params” must be an object" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"a\"}", "“params” must be an object" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":{}}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1.5}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1.0}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1e2}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":true}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":[1]}", "“id” must be" },
    /* Beyond gint64: not wrapped to some other id. */
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":18446744073709551617}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":9223372036854775808}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":-9223372036854775809}", "“id” must be" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"extra\":1}", "unknown member “extra”" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"result\":1}", "unknown member “result”" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *msg = parse_bad (cases[i].line, CG_RPC_INVALID_REQUEST);
      assert_contains (msg, cases[i].says);
    }

  /* A long unknown member name is shortened in the message. */
  g_autofree char *name = g_strnfill (5000, 'n');
  g_autofree char *line = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"%s\":1}", name);
  g_autofree char *msg = parse_bad (line, CG_RPC_INVALID_REQUEST);
  assert_contains (msg, "nnn…");
}

static void
test_request_id_in_errors (void **state)
{
  JsonNode *id = NULL;

  const char *a_line = "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"x\"}";
  g_autofree char *a = parse_bad_len (a_line, strlen (a_line), CG_RPC_INVALID_REQUEST, &id);
  assert_non_null (id);
  assert_int_equal (json_node_get_int (id), 7);
  json_node_unref (id);

  const char *b_line = "{\"id\":\"req-1\",\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[]}";
  g_autofree char *b = parse_bad_len (b_line, strlen (b_line), CG_RPC_INVALID_REQUEST, &id);
  assert_string_equal (json_node_get_string (id), "req-1");
  json_node_unref (id);

  const char *c_line = "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"\"}";
  g_autofree char *c = parse_bad_len (c_line, strlen (c_line), CG_RPC_INVALID_REQUEST, &id);
  assert_non_null (id);
  assert_true (JSON_NODE_HOLDS_NULL (id));
  json_node_unref (id);

  /* No id to carry: the id itself is bad, absent, or the line is not JSON. */
  const char *d_line = "{\"jsonrpc\":\"2.0\",\"id\":[7],\"method\":\"x\"}";
  g_autofree char *d = parse_bad_len (d_line, strlen (d_line), CG_RPC_INVALID_REQUEST, &id);
  assert_null (id);
  const char *e_line = "{\"jsonrpc\":\"2.0\",\"method\":7}";
  g_autofree char *e = parse_bad_len (e_line, strlen (e_line), CG_RPC_INVALID_REQUEST, &id);
  assert_null (id);
  const char *f_line = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\"";
  g_autofree char *f = parse_bad_len (f_line, strlen (f_line), CG_RPC_PARSE_ERROR, &id);
  assert_null (id);

  /* id_out may be NULL. */
  g_autoptr (GError) error = NULL;
  assert_null (cg_rpc_request_parse ("{\"id\":1}", 8, NULL, &error));
  assert_non_null (error);
}

/* ---- parameters ----------------------------------------------------------- */

static const CgRpcParam spec[] = {
  { "camera", CG_RPC_STRING, TRUE },
  { "note", CG_RPC_STRING, FALSE },
  { "limit", CG_RPC_INT, FALSE },
  { "enabled", CG_RPC_BOOL, FALSE },
  { "options", CG_RPC_OBJECT, FALSE },
  { "ids", CG_RPC_ARRAY, FALSE },
  { "from", CG_RPC_TIME, FALSE },
  { NULL, 0, FALSE },
};

static char *
check_bad (const char *json)
{
  g_autoptr (JsonObject) params = object_from (json);
  g_autoptr (GError) error = NULL;
  if (cg_rpc_params_check (spec, params, &error))
    fail_msg ("accepted: %s", json);
  assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS));
  return g_strdup (error->message);
}

static void
test_params_good (void **state)
{
  g_autoptr (JsonObject) params = object_from (
    "{\"camera\":\"cổng\",\"note\":\"\",\"limit\":-9223372036854775808,\"enabled\":false,"
    "\"options\":{\"a\":1},\"ids\":[1,2],\"from\":\"2026-11-26T18:30:00+07:00\"}");
  g_autoptr (GError) error = NULL;
  assert_true (cg_rpc_params_check (spec, params, &error));
  assert_null (error);
  assert_string_equal (cg_rpc_param_string (params, "camera", NULL), "cổng");
  assert_string_equal (cg_rpc_param_string (params, "note", "x"), "");
  assert_true (cg_rpc_param_int (params, "limit", 0) == G_MININT64);
  assert_false (cg_rpc_param_bool (params, "enabled", TRUE));
  /* 2026-11-26T11:30:00Z */
  assert_true (cg_rpc_param_time (params, "from", 0) == G_GINT64_CONSTANT (1795692600000000));

  /* Only the required one; optional ones null count as absent. */
  g_autoptr (JsonObject) few = object_from (
    "{\"camera\":\"1\",\"limit\":null,\"enabled\":null,\"from\":null,\"note\":null}");
  assert_true (cg_rpc_params_check (spec, few, &error));
  assert_string_equal (cg_rpc_param_string (few, "note", "fb"), "fb");
  assert_int_equal (cg_rpc_param_int (few, "limit", 42), 42);
  assert_true (cg_rpc_param_bool (few, "enabled", TRUE));
  assert_int_equal (cg_rpc_param_time (few, "from", 5), 5);
  assert_int_equal (cg_rpc_param_int (few, "nothing", 9), 9);

  /* A time without a zone is UTC; limits of range. */
  g_autoptr (JsonObject) t = object_from (
    "{\"camera\":\"x\",\"from\":\"2026-11-26T11:30:00\",\"limit\":9223372036854775807}");
  assert_true (cg_rpc_params_check (spec, t, &error));
  assert_true (cg_rpc_param_time (t, "from", 0) == G_GINT64_CONSTANT (1795692600000000));
  assert_true (cg_rpc_param_int (t, "limit", 0) == G_MAXINT64);

  /* 4096 bytes is the longest string. */
  g_autofree char *s4096 = g_strnfill (CG_RPC_MAX_STRING, 's');
  g_autofree char *json = g_strdup_printf ("{\"camera\":\"%s\"}", s4096);
  g_autoptr (JsonObject) longest = object_from (json);
  assert_true (cg_rpc_params_check (spec, longest, &error));

  /* A method without parameters. */
  static const CgRpcParam none[] = { { NULL, 0, FALSE } };
  g_autoptr (JsonObject) empty = json_object_new ();
  assert_true (cg_rpc_params_check (none, empty, &error));
}

static const CgRpcParam *
included (void)
{
  static const CgRpcParam more[] = {
    { "place", CG_RPC_STRING, FALSE },
    { "enabled", CG_RPC_BOOL, FALSE },
    { NULL },
  };
  return more;
}

/* A table can take in another one, built elsewhere. */
static void
test_params_include (void **state)
{
  static const CgRpcParam spec_with[] = {
    { "name", CG_RPC_STRING, TRUE },
    { .include = included },
    { "rename", CG_RPC_STRING, FALSE },
    { NULL },
  };
  static const CgRpcParam only_included[] = { { .include = included }, { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) good = object_from (
    "{\"name\":\"a\",\"place\":\"b\",\"enabled\":true,\"rename\":\"c\"}");
  assert_true (cg_rpc_params_check (spec_with, good, &error));
  g_autoptr (JsonObject) typed = object_from ("{\"name\":\"a\",\"enabled\":\"yes\"}");
  assert_false (cg_rpc_params_check (spec_with, typed, &error));
  assert_non_null (strstr (error->message, "enabled"));
  g_clear_error (&error);
  g_autoptr (JsonObject) unknown = object_from ("{\"name\":\"a\",\"colour\":\"red\"}");
  assert_false (cg_rpc_params_check (spec_with, unknown, &error));
  assert_non_null (strstr (error->message, "name, place, enabled, rename"));
  g_clear_error (&error);
  g_autoptr (JsonObject) missing = object_from ("{\"place\":\"b\"}");
  assert_false (cg_rpc_params_check (spec_with, missing, &error));
  g_clear_error (&error);
  assert_true (cg_rpc_params_check (only_included, missing, &error));
}

static void
test_params_errors (void **state)
{
  struct {
    const char *json, *says;
  } cases[] = {
    { "{}", "params: “camera” is missing" },
    { "{\"camera\":null}", "params: “camera” is missing" },
    { "{\"camera\":\"\"}", "params: “camera” must not be empty" },
    { "{\"camera\":7}", "params: “camera” must be a string" },
    { "{\"camera\":[\"a\"]}", "params: “camera” must be a string" },
    { "{\"camera\":\"a\",\"note\":false}", "params: “note” must be a string" },
    { "{\"camera\":\"a\",\"limit\":\"5\"}", "params: “limit” must be an integer" },
    { "{\"camera\":\"a\",\"limit\":5.5}", "params: “limit” must be an integer" },
    { "{\"camera\":\"a\",\"limit\":5.0}", "params: “limit” must be an integer" },
    { "{\"camera\":\"a\",\"limit\":true}", "params: “limit” must be an integer" },
    { "{\"camera\":\"a\",\"limit\":1e300}", "params: “limit” is out of range" },
    { "{\"camera\":\"a\",\"enabled\":1}", "params: “enabled” must be true or false" },
    { "{\"camera\":\"a\",\"enabled\":\"true\"}", "params: “enabled” must be true or false" },
    { "{\"camera\":\"a\",\"options\":[]}", "params: “options” must be an object" },
    { "{\"camera\":\"a\",\"ids\":{}}", "params: “ids” must be an array" },
    { "{\"camera\":\"a\",\"ids\":\"1,2\"}", "params: “ids” must be an array" },
    { "{\"camera\":\"a\",\"from\":\"yesterday\"}", "params: “from” must be a time" },
    { "{\"camera\":\"a\",\"from\":\"\"}", "params: “from” must be a time" },
    { "{\"camera\":\"a\",\"from\":\"2026-02-30T00:00:00Z\"}", "params: “from” must be a time" },
    { "{\"camera\":\"a\",\"from\":1795699800}", "params: “from” must be a time" },
    { "{\"camera\":\"a\",\"camra\":\"b\"}",
      "params: unknown parameter “camra”; the parameters are camera, note, limit, enabled, "
      "options, ids, from" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *msg = check_bad (cases[i].json);
      assert_contains (msg, cases[i].says);
    }

  /* Unknown names are reported before missing ones. */
  g_autofree char *typo = check_bad ("{\"camra\":\"b\"}");
  assert_contains (typo, "camra");

  /* Too long a string. */
  g_autofree char *s4097 = g_strnfill (CG_RPC_MAX_STRING + 1, 's');
  g_autofree char *json = g_strdup_printf ("{\"camera\":\"a\",\"note\":\"%s\"}", s4097);
  g_autofree char *long_msg = check_bad (json);
  assert_contains (long_msg, "params: “note” is longer than 4096 bytes");

  /* A method without parameters. */
  static const CgRpcParam none[] = { { NULL, 0, FALSE } };
  g_autoptr (JsonObject) some = object_from ("{\"x\":1}");
  g_autoptr (GError) error = NULL;
  assert_false (cg_rpc_params_check (none, some, &error));
  assert_contains (error->message, "takes no parameters, but “x” was given");
}

/* Integers beyond gint64 reach the check as what they are, through the
 * whole request path. */
static void
test_params_int_overflow (void **state)
{
  const char *lines[] = {
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"camera\":\"a\",\"limit\":9223372036854775808}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"camera\":\"a\",\"limit\":-9223372036854775809}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"limit\":99999999999999999999999999,"
    "\"camera\":\"a\"}}",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr (CgRpcRequest) r = parse_ok (lines[i]);
      g_autoptr (GError) error = NULL;
      assert_false (cg_rpc_params_check (spec, r->params, &error));
      assert_true (g_error_matches (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS));
      assert_contains (error->message, "“limit” is out of range");
    }
  /* Overflow inside a nested value does not disturb the rest. */
  g_autoptr (CgRpcRequest) r = parse_ok (
    "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":3,\"params\":{\"camera\":\"a\","
    "\"ids\":[1,18446744073709551616,2],\"limit\":-9223372036854775808}}");
  assert_true (cg_rpc_params_check (spec, r->params, NULL));
  assert_true (cg_rpc_param_int (r->params, "limit", 0) == G_MININT64);
  assert_int_equal (json_node_get_int (r->id), 3);
  JsonArray *ids = json_object_get_array_member (r->params, "ids");
  assert_int_equal (json_array_get_length (ids), 3);
  assert_int_equal (json_array_get_int_element (ids, 2), 2);
  assert_true (json_array_get_double_element (ids, 1) == 0x1p64);

  /* So large that not even a double holds it. */
  GString *huge = g_string_new ("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"limit\":");
  g_string_append_c (huge, '1');
  for (int i = 0; i < 400; i++)
    g_string_append_c (huge, '0');
  g_string_append (huge, "}}");
  g_autofree char *msg = parse_bad (huge->str, CG_RPC_PARSE_ERROR);
  assert_contains (msg, "too large");
  g_string_free (huge, TRUE);
}

/* ---- builders and replies ---------------------------------------------------- */

static void
assert_one_line (const char *line)
{
  assert_non_null (line);
  const char *nl = strchr (line, '\n');
  assert_non_null (nl);
  assert_int_equal (nl[1], '\0');
}

static void
test_result_round_trip (void **state)
{
  g_autoptr (JsonNode) id = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (id, 12);
  g_autoptr (JsonNode) result = node_from ("{\"cameras\":[{\"name\":\"Chợ \\\"mới\\\"\\nx\"}]}");
  g_autofree char *line = cg_rpc_result_line (id, result);
  assert_one_line (line);
  assert_string_equal (line, "{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":{\"cameras\":"
                             "[{\"name\":\"Chợ \\\"mới\\\"\\nx\"}]}}\n");

  CgRpcReply reply = { 0 };
  g_autoptr (GError) error = NULL;
  assert_true (cg_rpc_reply_parse (line, strlen (line) - 1, &reply, &error));
  assert_int_equal (reply.id, 12);
  assert_non_null (reply.result);
  assert_true (json_node_equal (reply.result, result));
  assert_null (reply.error_message);
  assert_null (reply.notify_method);
  cg_rpc_reply_clear (&reply);

  /* A NULL result is null. */
  g_autofree char *null_line = cg_rpc_result_line (id, NULL);
  assert_true (cg_rpc_reply_parse (null_line, strlen (null_line) - 1, &reply, &error));
  assert_true (JSON_NODE_HOLDS_NULL (reply.result));
  cg_rpc_reply_clear (&reply);
  assert_null (reply.result);

  /* The daemon's reply to a request with a string id is readable by the
   * request parser's rules but not a client's. */
  g_autoptr (JsonNode) sid = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (sid, "a");
  g_autofree char *s_line = cg_rpc_result_line (sid, NULL);
  assert_string_equal (s_line, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":null}\n");
  assert_false (cg_rpc_reply_parse (s_line, strlen (s_line), &reply, NULL));
}

static void
test_error_round_trip (void **state)
{
  g_autoptr (JsonNode) id = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (id, 3);
  g_autoptr (JsonNode) data = node_from ("{\"role\":\"admin\"}");
  g_autofree char *line = cg_rpc_error_line (id, CG_RPC_FORBIDDEN,
                                             "cần quyền “admin”\nline two", data);
  assert_one_line (line);
  CgRpcReply reply = { 0 };
  g_autoptr (GError) error = NULL;
  assert_true (cg_rpc_reply_parse (line, strlen (line), &reply, &error));
  assert_int_equal (reply.id, 3);
  assert_null (reply.result);
  assert_int_equal (reply.error_code, CG_RPC_FORBIDDEN);
  assert_string_equal (reply.error_message, "cần quyền “admin”\nline two");
  assert_true (json_node_equal (reply.error_data, data));
  cg_rpc_reply_clear (&reply);

  /* No id could be read: null, which a client sees as 0; no data. */
  g_autofree char *anon = cg_rpc_error_line (NULL, CG_RPC_PARSE_ERROR, "bad", NULL);
  assert_string_equal (anon, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                             "{\"code\":-32700,\"message\":\"bad\"}}\n");
  assert_true (cg_rpc_reply_parse (anon, strlen (anon), &reply, &error));
  assert_int_equal (reply.id, 0);
  assert_int_equal (reply.error_code, CG_RPC_PARSE_ERROR);
  assert_null (reply.error_data);
  cg_rpc_reply_clear (&reply);

  /* From a GError: ours keep their code, others become FAILED. */
  g_autoptr (GError) rpc = g_error_new_literal (CG_RPC_ERROR, CG_RPC_NOT_FOUND, "no camera 9");
  g_autofree char *l1 = cg_rpc_error_line_from_gerror (id, rpc);
  assert_true (cg_rpc_reply_parse (l1, strlen (l1), &reply, &error));
  assert_int_equal (reply.error_code, CG_RPC_NOT_FOUND);
  assert_string_equal (reply.error_message, "no camera 9");
  cg_rpc_reply_clear (&reply);
  g_autoptr (GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
  g_autofree char *l2 = cg_rpc_error_line_from_gerror (id, io);
  assert_true (cg_rpc_reply_parse (l2, strlen (l2), &reply, &error));
  assert_int_equal (reply.error_code, CG_RPC_FAILED);
  cg_rpc_reply_clear (&reply);

  /* A request parse error becomes a reply carrying the id. */
  JsonNode *bad_id = NULL;
  const char *bad = "{\"jsonrpc\":\"2.0\",\"id\":44,\"method\":\"x\",\"params\":[1]}";
  g_autoptr (GError) perr = NULL;
  assert_null (cg_rpc_request_parse (bad, strlen (bad), &bad_id, &perr));
  g_autofree char *l3 = cg_rpc_error_line_from_gerror (bad_id, perr);
  json_node_unref (bad_id);
  assert_true (cg_rpc_reply_parse (l3, strlen (l3), &reply, &error));
  assert_int_equal (reply.id, 44);
  assert_int_equal (reply.error_code, CG_RPC_INVALID_REQUEST);
  cg_rpc_reply_clear (&reply);
}

static void
test_notification_and_request_lines (void **state)
{
  g_autoptr (JsonNode) params = node_from ("{\"camera\":\"cổng\",\"status\":\"offline\"}");
  g_autofree char *line = cg_rpc_notification_line ("camera.status", params);
  assert_one_line (line);
  CgRpcReply reply = { 0 };
  g_autoptr (GError) error = NULL;
  assert_true (cg_rpc_reply_parse (line, strlen (line), &reply, &error));
  assert_string_equal (reply.notify_method, "camera.status");
  assert_true (json_node_equal (reply.notify_params, params));
  assert_null (reply.result);
  assert_null (reply.error_message);
  assert_int_equal (reply.id, 0);
  cg_rpc_reply_clear (&reply);

  /* Without params: {} for the client. */
  g_autofree char *bare = cg_rpc_notification_line ("alert", NULL);
  assert_string_equal (bare, "{\"jsonrpc\":\"2.0\",\"method\":\"alert\"}\n");
  assert_true (cg_rpc_reply_parse (bare, strlen (bare), &reply, &error));
  assert_true (JSON_NODE_HOLDS_OBJECT (reply.notify_params));
  assert_int_equal (json_object_get_size (json_node_get_object (reply.notify_params)), 0);
  cg_rpc_reply_clear (&reply);

  /* The daemon reads what a client writes. */
  g_autofree char *req = cg_rpc_request_line (5, "camera.get", params);
  assert_one_line (req);
  g_autoptr (CgRpcRequest) r = parse_ok (req);
  assert_int_equal (json_node_get_int (r->id), 5);
  assert_string_equal (r->method, "camera.get");
  assert_string_equal (json_object_get_string_member (r->params, "camera"), "cổng");
  g_autofree char *req2 = cg_rpc_request_line (6, "ping", NULL);
  assert_string_equal (req2, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}\n");
  g_autoptr (CgRpcRequest) r2 = parse_ok (req2);
  assert_int_equal (json_object_get_size (r2->params), 0);
  /* A notification as a request is one without an id. */
  g_autoptr (CgRpcRequest) r3 = parse_ok (line);
  assert_null (r3->id);
}

static void
test_reply_errors (void **state)
{
  struct {
    const char *line;
    int code;
    const char *says;
  } cases[] = {
    { "nope", CG_RPC_PARSE_ERROR, "JSON" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1", CG_RPC_PARSE_ERROR, "JSON" },
    { "[]", CG_RPC_INVALID_REQUEST, "JSON object" },
    { "{\"id\":1,\"result\":1}", CG_RPC_INVALID_REQUEST, "jsonrpc" },
    { "{\"jsonrpc\":\"2.0\",\"result\":1}", CG_RPC_INVALID_REQUEST, "“id”" },
    { "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":1}", CG_RPC_INVALID_REQUEST, "“id”" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1}", CG_RPC_INVALID_REQUEST, "“result” or “error”" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{}}", CG_RPC_INVALID_REQUEST,
      "not both" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"bad\"}", CG_RPC_INVALID_REQUEST,
      "“error” must be an object" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"message\":\"m\"}}", CG_RPC_INVALID_REQUEST,
      "error.code" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1.5,\"message\":\"m\"}}",
      CG_RPC_INVALID_REQUEST, "error.code" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":4294967296,\"message\":\"m\"}}",
      CG_RPC_INVALID_REQUEST, "error.code" },
    { "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000}}", CG_RPC_INVALID_REQUEST,
      "error.message" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"\"}", CG_RPC_INVALID_REQUEST, "“method”" },
    { "{\"jsonrpc\":\"2.0\",\"method\":3}", CG_RPC_INVALID_REQUEST, "“method”" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1}", CG_RPC_INVALID_REQUEST, "“id”" },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":7}", CG_RPC_INVALID_REQUEST,
      "“params”" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CgRpcReply reply;
      memset (&reply, 0xAB, sizeof reply);
      g_autoptr (GError) error = NULL;
      if (cg_rpc_reply_parse (cases[i].line, strlen (cases[i].line), &reply, &error))
        fail_msg ("accepted: %s", cases[i].line);
      assert_true (g_error_matches (error, CG_RPC_ERROR, cases[i].code));
      assert_contains (error->message, cases[i].says);
      /* Left cleared. */
      assert_null (reply.result);
      assert_null (reply.error_message);
      assert_null (reply.error_data);
      assert_null (reply.notify_method);
      assert_null (reply.notify_params);
    }

  /* A newer daemon's extra members are ignored. */
  const char *newer = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":true,\"took_ms\":3}";
  CgRpcReply reply = { 0 };
  assert_true (cg_rpc_reply_parse (newer, strlen (newer), &reply, NULL));
  assert_int_equal (reply.id, 2);
  cg_rpc_reply_clear (&reply);
}

static void
test_error_quark (void **state)
{
  assert_true (CG_RPC_ERROR != 0);
  assert_string_equal (g_quark_to_string (CG_RPC_ERROR), "canhgac-rpc-error-quark");
  /* The numbers are the protocol: a change here is a change of protocol. */
  assert_int_equal (CG_RPC_PARSE_ERROR, -32700);
  assert_int_equal (CG_RPC_INVALID_REQUEST, -32600);
  assert_int_equal (CG_RPC_METHOD_NOT_FOUND, -32601);
  assert_int_equal (CG_RPC_INVALID_PARAMS, -32602);
  assert_int_equal (CG_RPC_INTERNAL_ERROR, -32603);
  assert_int_equal (CG_RPC_FORBIDDEN, -32001);
  assert_int_equal (CG_RPC_NOT_FOUND, -32002);
  assert_int_equal (CG_RPC_CONFLICT, -32003);
  assert_int_equal (CG_RPC_FAILED, -32004);
  assert_int_equal (CG_RPC_OVERLOADED, -32005);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_frame_split_across_feeds),
    cmocka_unit_test (test_frame_many_lines_one_feed),
    cmocka_unit_test (test_frame_crlf_and_empty_lines),
    cmocka_unit_test (test_frame_nul_bytes),
    cmocka_unit_test (test_frame_max),
    cmocka_unit_test (test_frame_too_long_streamed),
    cmocka_unit_test (test_frame_default_limit),
    cmocka_unit_test (test_request_good),
    cmocka_unit_test (test_request_parse_errors),
    cmocka_unit_test (test_request_invalid),
    cmocka_unit_test (test_request_id_in_errors),
    cmocka_unit_test (test_params_good),
    cmocka_unit_test (test_params_include),
    cmocka_unit_test (test_params_errors),
    cmocka_unit_test (test_params_int_overflow),
    cmocka_unit_test (test_result_round_trip),
    cmocka_unit_test (test_error_round_trip),
    cmocka_unit_test (test_notification_and_request_lines),
    cmocka_unit_test (test_reply_errors),
    cmocka_unit_test (test_error_quark),
  };
  return cmocka_run_group_tests_name ("jsonrpc", tests, NULL, NULL);
}
