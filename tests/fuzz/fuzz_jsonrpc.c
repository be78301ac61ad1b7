/* fuzz_jsonrpc.c — libFuzzer target for src/common/jsonrpc.c.
 *
 * The input's first byte chooses the line limit and seeds the chunk sizes;
 * the rest is a byte stream fed through the line buffer as a socket would
 * deliver it.  Every line goes through the daemon's and the client's
 * parsers and a parameter table; whatever the daemon accepts must survive
 * being written back and read by a client, and an error reply's template
 * must be worded without harm.  A crash, a leak, a sanitizer
 * report, a GLib warning or a broken round trip is a finding.
 */
#include "build-config.h"

#include "common/jsonrpc.h"
#include "common/message.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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

static void
must (gboolean ok, const char *what, const char *line)
{
  if (!ok)
    {
      g_printerr ("fuzz_jsonrpc: %s\n  line: %s\n", what, line);
      abort ();
    }
}

static void
reply_check (const char *line, gsize len)
{
  CgRpcReply reply = { 0 };
  g_autoptr (GError) error = NULL;
  gboolean ok = cg_rpc_reply_parse (line, len, &reply, &error);
  must (ok == (error == NULL), "reply_parse: result and error disagree", line);
  if (ok)
    {
      int kinds = (reply.result != NULL) + (reply.error_message != NULL)
                  + (reply.notify_method != NULL);
      must (kinds == 1, "reply_parse: not exactly one kind", line);
      must ((reply.notify_method != NULL) == (reply.notify_params != NULL),
            "reply_parse: notification without params", line);
      /* An error's template and arguments are worded by the client: the
       * daemon's message or the template filled in, never a crash. */
      if (reply.error_message != NULL)
        {
          g_autoptr (GError) e = NULL;
          cg_rpc_reply_to_error (&reply, &e);
          must (e != NULL && e->code == reply.error_code && g_utf8_validate (e->message, -1, NULL),
                "reply_to_error: no error, or another code, or not UTF-8", line);
          g_autoptr (JsonNode) back = cg_rpc_error_to_json (e);
          must (back != NULL, "error_to_json", line);
          g_autoptr (CgMessage) m = reply.error_data != NULL
                                      ? cg_message_from_json (reply.error_data) : NULL;
          g_autofree char *worded = m != NULL ? cg_message_word (m) : NULL;
          must (m == NULL || g_utf8_validate (worded, -1, NULL), "message_word: not UTF-8", line);
        }
    }
  cg_rpc_reply_clear (&reply);
}

static void
request_check (const char *line, gsize len)
{
  JsonNode *id = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CgRpcRequest) r = cg_rpc_request_parse (line, len, &id, &error);
  if (r == NULL)
    {
      must (error != NULL && error->domain == CG_RPC_ERROR, "request_parse: no error", line);
      /* The daemon's error reply must be readable by a client. */
      g_autofree char *out = cg_rpc_error_line_from_gerror (id, error);
      if (id == NULL || JSON_NODE_HOLDS_NULL (id)
          || json_node_get_value_type (id) == G_TYPE_INT64)
        {
          CgRpcReply reply = { 0 };
          must (cg_rpc_reply_parse (out, strlen (out) - 1, &reply, NULL),
                "error reply does not parse", out);
          must (reply.error_code == error->code, "error code changed", out);
          cg_rpc_reply_clear (&reply);
        }
      g_clear_pointer (&id, json_node_unref);
      return;
    }
  must (error == NULL && id == NULL, "request_parse: success with an error or id", line);
  must (r->method != NULL && *r->method != '\0' && r->params != NULL,
        "request_parse: incomplete request", line);

  g_autoptr (GError) perr = NULL;
  if (cg_rpc_params_check (spec, r->params, &perr))
    {
      must (cg_rpc_param_string (r->params, "camera", NULL) != NULL, "camera missing", line);
      (void) cg_rpc_param_string (r->params, "note", NULL);
      (void) cg_rpc_param_int (r->params, "limit", 0);
      (void) cg_rpc_param_bool (r->params, "enabled", FALSE);
      (void) cg_rpc_param_time (r->params, "from", 0);
    }
  else
    must (g_error_matches (perr, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS), "params_check error",
          line);

  /* Echo the params as a result and as a notification; a client reads both. */
  g_autoptr (JsonNode) params = json_node_init_object (json_node_alloc (), r->params);
  g_autofree char *result = cg_rpc_result_line (r->id, params);
  if (r->id == NULL || JSON_NODE_HOLDS_NULL (r->id)
      || json_node_get_value_type (r->id) == G_TYPE_INT64)
    {
      CgRpcReply reply = { 0 };
      must (cg_rpc_reply_parse (result, strlen (result) - 1, &reply, NULL),
            "result line does not parse", result);
      must (json_node_equal (reply.result, params), "result changed", result);
      cg_rpc_reply_clear (&reply);
    }
  g_autofree char *note = cg_rpc_notification_line (r->method, params);
  CgRpcReply reply = { 0 };
  must (cg_rpc_reply_parse (note, strlen (note) - 1, &reply, NULL),
        "notification line does not parse", note);
  must (strcmp (reply.notify_method, r->method) == 0, "method changed", note);
  cg_rpc_reply_clear (&reply);

  /* And the same request written by a client reads back the same. */
  g_autofree char *again = cg_rpc_request_line (1, r->method, params);
  g_autoptr (CgRpcRequest) r2 = cg_rpc_request_parse (again, strlen (again) - 1, NULL, NULL);
  must (r2 != NULL && strcmp (r2->method, r->method) == 0, "request line does not parse", again);
  must (json_object_equal (r2->params, r->params), "params changed", again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialised;
  if (!initialised)
    {
      /* Warnings mean an invariant broke (such as non-UTF-8 output). */
      g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
      initialised = TRUE;
    }
  if (size < 1)
    return 0;

  /* A small limit exercises the too-long path; the real one the rest. */
  guint32 rng = data[0] * 2654435761u + 1;
  gsize max = (data[0] & 1) != 0 ? 32 : CG_RPC_MAX_LINE;
  data++;
  size--;

  g_autoptr (CgRpcLineBuffer) b = cg_rpc_line_buffer_new (max);
  gsize at = 0;
  while (at < size)
    {
      rng ^= rng << 13;
      rng ^= rng >> 17;
      rng ^= rng << 5;
      gsize chunk = MIN ((gsize) (rng % 64) + 1, size - at);
      cg_rpc_line_buffer_feed (b, data + at, chunk);
      at += chunk;

      char *line = NULL;
      gsize len = 0;
      CgRpcLineStatus status;
      while ((status = cg_rpc_line_buffer_take (b, &line, &len)) != CG_RPC_LINE_NONE)
        {
          if (status == CG_RPC_LINE_TOO_LONG)
            {
              must (line == NULL, "too long with a line", "");
              continue;
            }
          must (line != NULL && len > 0 && len <= max && line[len] == '\0', "bad line", "");
          must (memchr (line, '\n', len) == NULL, "newline inside a line", line);
          request_check (line, len);
          reply_check (line, len);
          g_free (line);
        }
      must (cg_rpc_line_buffer_pending (b) <= size, "pending grew", "");
    }
  return 0;
}
