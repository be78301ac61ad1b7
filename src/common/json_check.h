/* json_check.h — reading a JSON text strictly, before json-glib does.
 *
 * json-glib is lenient (comments, single quotes, text after the value),
 * recurses without a limit, and wraps integers that overflow gint64.  A
 * line from a socket is first checked against RFC 8259 by a
 * recursive-descent scan that stops at CG_RPC_MAX_DEPTH; integers too big
 * for gint64 are handed on as doubles, so a parameter check can refuse
 * them instead of reading a wrapped value.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* The root of a JSON text of len bytes (at most CG_RPC_MAX_LINE, valid
 * UTF-8), or NULL with error CG_RPC_ERROR / CG_RPC_PARSE_ERROR saying
 * where and what is wrong. */
JsonNode *cg_json_parse_strict (const char *line, gsize len, GError **error);
