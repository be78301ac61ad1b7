/* jsonrpc.h — the JSON-RPC 2.0 layer shared by canhgacd and its clients.
 *
 * Pure logic, no sockets: framing a byte stream into lines, reading and
 * checking requests (daemon side) and replies/notifications (client side),
 * checking named parameters against a table, and building lines.  The wire
 * format is one UTF-8 JSON object per "\n"-terminated line, at most
 * CG_RPC_MAX_LINE bytes (doc/protocol.md).
 *
 * JSON is read strictly (RFC 8259) before json-glib sees it: nesting deeper
 * than CG_RPC_MAX_DEPTH, "\u0000" or lone surrogates in strings, and
 * json-glib's extensions (comments, single quotes, hex numbers, text after
 * the value) are parse errors.  Integers that do not fit in gint64 are
 * read as floating-point numbers rather than wrapped, so that a parameter
 * check reports them instead of acting on a wrong value.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#define CG_RPC_MAX_LINE (1024 * 1024)
/* Arrays and objects inside one another; deeper lines are parse errors
 * (json-glib parses recursively and would run out of stack). */
#define CG_RPC_MAX_DEPTH 64
/* The longest string parameter accepted by cg_rpc_params_check(). */
#define CG_RPC_MAX_STRING 4096

#define CG_RPC_ERROR (cg_rpc_error_quark ())
GQuark cg_rpc_error_quark (void);

/* JSON-RPC 2.0 codes, then ours.  The numbers are part of the protocol:
 * never renumber, only add. */
typedef enum {
  CG_RPC_PARSE_ERROR = -32700,     /* not UTF-8, not JSON */
  CG_RPC_INVALID_REQUEST = -32600, /* JSON, but not a request (or reply) */
  CG_RPC_METHOD_NOT_FOUND = -32601,
  CG_RPC_INVALID_PARAMS = -32602,
  CG_RPC_INTERNAL_ERROR = -32603,
  CG_RPC_FORBIDDEN = -32001,  /* the caller's role is too low; message names the role needed */
  CG_RPC_NOT_FOUND = -32002,  /* no such camera, segment, ... */
  CG_RPC_CONFLICT = -32003,   /* e.g. a name already used */
  CG_RPC_FAILED = -32004,     /* could not be done; message says why */
  CG_RPC_OVERLOADED = -32005, /* too many requests or clients */
  CG_RPC_VERSION_CONFLICT = -32009, /* an edit of a version that is no longer the current one */
} CgRpcErrorCode;

/* ---- Line framing ------------------------------------------------------
 * Feed what was read; take complete lines.  The limit counts the bytes of
 * a line without its "\n" or "\r\n".  A line longer than max is reported
 * once (take returns CG_RPC_LINE_TOO_LONG, in its place among the lines)
 * and its bytes are discarded up to the next newline, so the stream
 * resyncs; the buffer never holds more than max + 1 bytes of an unfinished
 * line.  Empty lines (a keep-alive, a stray "\r\n") are skipped. */
typedef struct CgRpcLineBuffer CgRpcLineBuffer;
typedef enum {
  CG_RPC_LINE_NONE,     /* no complete line yet */
  CG_RPC_LINE_OK,       /* *line and *len set */
  CG_RPC_LINE_TOO_LONG, /* a line was dropped; *line is NULL */
} CgRpcLineStatus;

CgRpcLineBuffer *cg_rpc_line_buffer_new (gsize max);
void cg_rpc_line_buffer_free (CgRpcLineBuffer *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRpcLineBuffer, cg_rpc_line_buffer_free)
void cg_rpc_line_buffer_feed (CgRpcLineBuffer *b, const void *data, gsize len);
/* *line is a NUL-terminated copy without the "\n" (a trailing "\r" is
 * removed), caller frees; len may be NULL.  The line may contain NUL
 * bytes: *len is its true length (cg_rpc_request_parse refuses them). */
CgRpcLineStatus cg_rpc_line_buffer_take (CgRpcLineBuffer *b, char **line, gsize *len);
/* Bytes held: complete lines not yet taken plus the unfinished one. */
gsize cg_rpc_line_buffer_pending (CgRpcLineBuffer *b);

/* ---- Requests (daemon side) -------------------------------------------- */
typedef struct {
  JsonNode *id;       /* NULL for a notification (no "id" member); a null node for "id": null */
  char *method;
  JsonObject *params; /* never NULL: {} when absent; positional (array) params are refused */
} CgRpcRequest;

void cg_rpc_request_free (CgRpcRequest *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRpcRequest, cg_rpc_request_free)

/* Parses and validates one line (must be valid UTF-8; JSON object;
 * "jsonrpc":"2.0"; "method" a non-empty string; "params" absent or an
 * object; "id" absent, a string, an integer or null; no other members).
 * On failure sets error (CG_RPC_ERROR, code PARSE_ERROR or
 * INVALID_REQUEST, message saying what is wrong) and *id_out to a copy of
 * the id when one could be read (so the error reply can carry it), else
 * NULL.  id_out may be NULL; on success *id_out is NULL. */
CgRpcRequest *cg_rpc_request_parse (const char *line, gsize len, JsonNode **id_out,
                                    GError **error);

/* ---- Parameters described by a table ----------------------------------- */
typedef enum {
  CG_RPC_STRING,
  CG_RPC_INT,
  CG_RPC_BOOL,
  CG_RPC_OBJECT,
  CG_RPC_ARRAY,
  CG_RPC_TIME, /* ISO 8601 string, read with cg_time_parse (UTC when it names no zone) */
  CG_RPC_INT_OR_STRING, /* an id or a name: an integer, or a string as CG_RPC_STRING */
} CgRpcType;

typedef struct CgRpcParam CgRpcParam;
struct CgRpcParam {
  const char *name;
  CgRpcType type;
  gboolean required;
  /* With name NULL: the parameters of another table, in this place.  For
   * tables built once at run time from elsewhere (the camera fields). */
  const CgRpcParam *(*include) (void);
  /* Strings: the longest accepted, in bytes; 0: CG_RPC_MAX_STRING. */
  gsize max_bytes;
};

/* Checks params against a table ended by an entry with neither name nor
 * include: unknown names (the
 * message lists the known ones), missing required, wrong type, strings
 * that are empty when required or longer than CG_RPC_MAX_STRING bytes,
 * ints out of gint64, times that do not parse.  A null value counts as
 * absent.  Error: CG_RPC_ERROR, CG_RPC_INVALID_PARAMS, naming the
 * parameter and what it expects. */
gboolean cg_rpc_params_check (const CgRpcParam *spec, JsonObject *params, GError **error);

/* Getters after a successful check; fallback when absent or null. */
const char *cg_rpc_param_string (JsonObject *params, const char *name, const char *fallback);
gint64 cg_rpc_param_int (JsonObject *params, const char *name, gint64 fallback);
gboolean cg_rpc_param_bool (JsonObject *params, const char *name, gboolean fallback);
gint64 cg_rpc_param_time (JsonObject *params, const char *name, gint64 fallback); /* UTC us */

/* ---- Building lines ----------------------------------------------------
 * Each returns a newline-terminated string, caller frees; none takes
 * ownership of its nodes.  A NULL id is written as null; NULL result as
 * null; NULL params or data are left out.  Strings in the nodes must be
 * UTF-8.  A line may exceed CG_RPC_MAX_LINE, which the peer refuses: a
 * sender of big results checks strlen() and sends an error instead. */
char *cg_rpc_result_line (JsonNode *id, JsonNode *result);
char *cg_rpc_error_line (JsonNode *id, int code, const char *message, JsonNode *data);
/* An error reply from a GError: its code when in CG_RPC_ERROR, else
 * CG_RPC_FAILED; its message; and when the error kept the template its
 * message was worded from (error.h), "data": {"text", "args"}
 * (message.h), for the client to word in its reader's language. */
char *cg_rpc_error_line_from_gerror (JsonNode *id, const GError *error);
/* The "error" object of that reply.  For an error a client received
 * (cg_rpc_reply_to_error()), the daemon's message and template again. */
JsonNode *cg_rpc_error_to_json (const GError *error);
char *cg_rpc_notification_line (const char *method, JsonNode *params);
/* For clients; params NULL or an object. */
char *cg_rpc_request_line (gint64 id, const char *method, JsonNode *params);

/* ---- Replies and notifications (client side) ---------------------------
 * Exactly one of: result set (reply ok; a null node for "result": null),
 * error_code and error_message set (reply error; error_data when sent), or
 * notify_method and notify_params set (notify_params {} when absent).  id is
 * 0 for a notification and for an error reply whose id is null (the daemon
 * could not read the request's id), so clients number requests from 1.
 * Members this version does not know are ignored, so that an older client
 * keeps working with a newer daemon.  reply is overwritten (clear it
 * before reuse); on failure it is left cleared and error is CG_RPC_ERROR,
 * PARSE_ERROR or INVALID_REQUEST. */
typedef struct {
  gint64 id;
  JsonNode *result;
  int error_code;
  char *error_message;
  JsonNode *error_data;
  char *notify_method;
  JsonNode *notify_params;
} CgRpcReply;

gboolean cg_rpc_reply_parse (const char *line, gsize len, CgRpcReply *reply, GError **error);
void cg_rpc_reply_clear (CgRpcReply *reply);

/* The error an error reply reports, for a client: CG_RPC_ERROR with the
 * daemon's code; the message worded in this program's locale when
 * error_data holds a template the catalogue translates and whose
 * translation fits its arguments, else the daemon's own message, which
 * the error keeps (cg_error_get_remote()) with the template. */
void cg_rpc_reply_to_error (const CgRpcReply *reply, GError **error);

/* Adds "name": "2026-11-26T18:30:45.000Z" (ISO 8601, UTC), or null when
 * us <= 0: how every time travels in the protocol. */
void cg_json_add_time (JsonBuilder *b, const char *name, gint64 us);

/* Adds "name": "value", or null when value is NULL. */
void cg_json_add_string (JsonBuilder *b, const char *name, const char *value);

/* Adds "name": value. */
void cg_json_add_int (JsonBuilder *b, const char *name, gint64 value);
