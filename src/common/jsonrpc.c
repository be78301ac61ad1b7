/* jsonrpc.c — JSON-RPC 2.0 lines: framing, strict reading, checking, building. */
#include "build-config.h"

#define G_LOG_DOMAIN "canhgac-rpc"
#include "jsonrpc.h"
#include "json_check.h"

#include "error.h"
#include "i18n.h"
#include "message.h"
#include "timeutil.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

/* CG_RPC_ERROR is defined with CG_ERROR, in error.c: both keep templates. */

/* Names a client sent are echoed in messages; a 1 MiB member name must not
 * become a 1 MiB error reply. */
#define ECHO_CHARS 40
/* No time string is longer than "2026-11-26T18:30:45.123456+07:00". */
#define MAX_TIME_TEXT 64

static char *
shorten (const char *text)
{
  if (g_utf8_strlen (text, ECHO_CHARS + 1) <= ECHO_CHARS)
    return g_strdup (text);
  g_autofree char *head = g_utf8_substring (text, 0, ECHO_CHARS);
  return g_strconcat (head, "…", NULL);
}

/* ---- Line framing ------------------------------------------------------ */

typedef struct {
  char *line; /* NULL: a line that was too long */
  gsize len;
} Line;

struct CgRpcLineBuffer {
  gsize max;
  GQueue lines;        /* of Line*, complete and not yet taken */
  gsize queued;        /* bytes of those lines */
  GByteArray *partial; /* the unfinished line, at most max + 1 bytes */
  gboolean discarding; /* inside a line already reported too long */
};

static void
line_free (gpointer data)
{
  Line *l = data;
  g_free (l->line);
  g_free (l);
}

CgRpcLineBuffer *
cg_rpc_line_buffer_new (gsize max)
{
  g_return_val_if_fail (max > 0 && max < G_MAXUINT / 2, NULL);
  CgRpcLineBuffer *b = g_new0 (CgRpcLineBuffer, 1);
  b->max = max;
  g_queue_init (&b->lines);
  b->partial = g_byte_array_new ();
  return b;
}

void
cg_rpc_line_buffer_free (CgRpcLineBuffer *b)
{
  if (b == NULL)
    return;
  g_queue_clear_full (&b->lines, line_free);
  g_byte_array_unref (b->partial);
  g_free (b);
}

static void
push_line (CgRpcLineBuffer *b, char *line, gsize len)
{
  Line *l = g_new (Line, 1);
  l->line = line;
  l->len = len;
  g_queue_push_tail (&b->lines, l);
  b->queued += len;
}

static void
push_too_long (CgRpcLineBuffer *b)
{
  g_byte_array_set_size (b->partial, 0);
  push_line (b, NULL, 0);
}

void
cg_rpc_line_buffer_feed (CgRpcLineBuffer *b, const void *data, gsize len)
{
  g_return_if_fail (b != NULL);
  g_return_if_fail (data != NULL || len == 0);
  const char *p = data, *end = p + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *stop = nl != NULL ? nl : end;
      gsize piece = (gsize) (stop - p);
      gsize n = b->partial->len + piece;
      char last = piece > 0 ? stop[-1] : n > 0 ? (char) b->partial->data[n - 1] : '\0';

      if (b->discarding)
        b->discarding = nl == NULL;
      else if (nl != NULL)
        {
          gsize text_len = last == '\r' ? n - 1 : n;
          if (text_len > b->max)
            push_too_long (b);
          else
            {
              g_byte_array_append (b->partial, (const guint8 *) p, (guint) piece);
              if (text_len > 0)
                {
                  char *line = g_malloc (text_len + 1);
                  memcpy (line, b->partial->data, text_len);
                  line[text_len] = '\0';
                  push_line (b, line, text_len);
                }
              g_byte_array_set_size (b->partial, 0);
            }
        }
      /* Unfinished: max + 1 bytes may still be a line of max and its "\r". */
      else if (n > b->max + 1 || (n == b->max + 1 && last != '\r'))
        {
          push_too_long (b);
          b->discarding = TRUE;
        }
      else
        g_byte_array_append (b->partial, (const guint8 *) p, (guint) piece);

      p = nl != NULL ? nl + 1 : end;
    }
}

CgRpcLineStatus
cg_rpc_line_buffer_take (CgRpcLineBuffer *b, char **line, gsize *len)
{
  g_return_val_if_fail (b != NULL && line != NULL, CG_RPC_LINE_NONE);
  *line = NULL;
  if (len != NULL)
    *len = 0;
  Line *l = g_queue_pop_head (&b->lines);
  if (l == NULL)
    return CG_RPC_LINE_NONE;
  b->queued -= l->len;
  CgRpcLineStatus status = l->line != NULL ? CG_RPC_LINE_OK : CG_RPC_LINE_TOO_LONG;
  *line = g_steal_pointer (&l->line);
  if (len != NULL)
    *len = l->len;
  g_free (l);
  return status;
}

gsize
cg_rpc_line_buffer_pending (CgRpcLineBuffer *b)
{
  g_return_val_if_fail (b != NULL, 0);
  return b->queued + b->partial->len;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
check_version (JsonObject *obj, GError **error)
{
  JsonNode *v = json_object_get_member (obj, "jsonrpc");
  if (node_is_string (v) && strcmp (json_node_get_string (v), "2.0") == 0)
    return TRUE;
  cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST,
                     N_("“jsonrpc” must be the string 2.0"));
  return FALSE;
}

/* ---- Requests ------------------------------------------------------------ */

void
cg_rpc_request_free (CgRpcRequest *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->id, json_node_unref);
  g_free (r->method);
  g_clear_pointer (&r->params, json_object_unref);
  g_free (r);
}

static gboolean
request_check (JsonObject *obj, GError **error)
{
  static const char *const known[] = { "jsonrpc", "id", "method", "params", NULL };
  g_autoptr (GList) names = json_object_get_members (obj);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *name = shorten (l->data);
        cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST,
                           N_("unknown member “%s”: a request has only jsonrpc, id, method and "
                              "params"), name);
        return FALSE;
      }
  if (!check_version (obj, error))
    return FALSE;

  JsonNode *method = json_object_get_member (obj, "method");
  const char *why = NULL;
  if (method == NULL)
    why = N_("“method” is missing");
  else if (!node_is_string (method))
    why = N_("“method” must be a string");
  else if (*json_node_get_string (method) == '\0')
    why = N_("“method” must not be empty");
  if (why != NULL)
    {
      cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST,
                            cg_message_compose (why, NULL));
      return FALSE;
    }

  JsonNode *params = json_object_get_member (obj, "params");
  if (params != NULL && JSON_NODE_HOLDS_ARRAY (params))
    why = N_("“params” must be an object of named parameters; positional parameters "
             "(an array) are not accepted");
  else if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
    why = N_("“params” must be an object");
  if (why != NULL)
    {
      cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST,
                            cg_message_compose (why, NULL));
      return FALSE;
    }
  return TRUE;
}

CgRpcRequest *
cg_rpc_request_parse (const char *line, gsize len, JsonNode **id_out, GError **error)
{
  g_return_val_if_fail (line != NULL || len == 0, NULL);
  if (id_out != NULL)
    *id_out = NULL;

  g_autoptr (JsonNode) root = cg_json_parse_strict (line != NULL ? line : "", len, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST,
                         N_("a request must be a JSON object"));
      return NULL;
    }
  JsonObject *obj = json_node_get_object (root);

  /* The id first, so that any later complaint can be matched to its request. */
  JsonNode *id = json_object_get_member (obj, "id");
  if (id != NULL && !JSON_NODE_HOLDS_NULL (id) && !node_is_string (id) && !node_is_int (id))
    {
      cg_error_set_text (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST,
                         N_("“id” must be a string, an integer or null"));
      return NULL;
    }
  if (!request_check (obj, error))
    {
      if (id_out != NULL && id != NULL)
        *id_out = json_node_copy (id);
      return NULL;
    }

  CgRpcRequest *r = g_new0 (CgRpcRequest, 1);
  r->id = id != NULL ? json_node_copy (id) : NULL;
  r->method = g_strdup (json_object_get_string_member (obj, "method"));
  JsonNode *params = json_object_get_member (obj, "params");
  r->params = params != NULL ? json_object_ref (json_node_get_object (params))
                             : json_object_new ();
  return r;
}

/* ---- Parameters ------------------------------------------------------------ */

/* The member, or NULL when absent or null. */
static JsonNode *
param_node (JsonObject *params, const char *name)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, name) : NULL;
  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* msgid is marked N_(): the message keeps its template (error.h). */
G_GNUC_PRINTF (2, 3) static gboolean
param_fail (GError **error, const char *msgid, ...)
{
  va_list args;
  va_start (args, msgid);
  CgMessage *message = cg_message_new_valist (msgid, args);
  va_end (args);
  cg_error_set_message (error, CG_RPC_ERROR, CG_RPC_INVALID_PARAMS, message);
  return FALSE;
}

static gboolean
read_time (const char *text, gint64 *us)
{
  if (strlen (text) > MAX_TIME_TEXT)
    return FALSE;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  return cg_time_parse (text, utc, us, NULL);
}

static gboolean
param_check_one (const CgRpcParam *p, JsonNode *node, GError **error)
{
  GType vt = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  switch (p->type)
    {
    case CG_RPC_INT_OR_STRING:
      if (vt == G_TYPE_INT64)
        return TRUE;
      if (vt != G_TYPE_STRING)
        return param_fail (error, N_("params: “%s” must be a number or a string"), p->name);
      G_GNUC_FALLTHROUGH;
    case CG_RPC_STRING:
      {
        if (vt != G_TYPE_STRING)
          return param_fail (error, N_("params: “%s” must be a string"), p->name);
        const char *s = json_node_get_string (node);
        if (p->required && *s == '\0')
          return param_fail (error, N_("params: “%s” must not be empty"), p->name);
        gsize max = p->max_bytes > 0 ? p->max_bytes : CG_RPC_MAX_STRING;
        if (strlen (s) > max)
          return param_fail (error, N_("params: “%s” is longer than %d bytes"), p->name,
                             (int) max);
        return TRUE;
      }
    case CG_RPC_INT:
      if (vt == G_TYPE_INT64)
        return TRUE;
      /* Integers beyond gint64 were read as doubles (see parse_line); one
       * just below -2^63 rounds to -2^63, hence >= rather than >. */
      if (vt == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);
          if (d == floor (d) && fabs (d) >= 0x1p63)
            return param_fail (error,
                               N_("params: “%s” is out of range: it must be an integer from "
                                 "-9223372036854775808 to 9223372036854775807"),
                               p->name);
        }
      return param_fail (error, N_("params: “%s” must be an integer"), p->name);
    case CG_RPC_BOOL:
      if (vt == G_TYPE_BOOLEAN)
        return TRUE;
      return param_fail (error, N_("params: “%s” must be true or false"), p->name);
    case CG_RPC_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (node))
        return TRUE;
      return param_fail (error, N_("params: “%s” must be an object"), p->name);
    case CG_RPC_ARRAY:
      if (JSON_NODE_HOLDS_ARRAY (node))
        return TRUE;
      return param_fail (error, N_("params: “%s” must be an array"), p->name);
    case CG_RPC_TIME:
      {
        gint64 us = 0;
        if (vt == G_TYPE_STRING && read_time (json_node_get_string (node), &us))
          return TRUE;
        return param_fail (error,
                           N_("params: “%s” must be a time as a string in ISO 8601, such as "
                             "2026-11-26T18:30:00Z"),
                           p->name);
      }
    }
  g_assert_not_reached ();
}

/* The entries of spec, included tables spliced in. */
static void
flatten (const CgRpcParam *spec, GPtrArray *out)
{
  for (const CgRpcParam *p = spec; p->name != NULL || p->include != NULL; p++)
    if (p->name != NULL)
      g_ptr_array_add (out, (gpointer) p);
    else
      flatten (p->include (), out);
}

gboolean
cg_rpc_params_check (const CgRpcParam *spec, JsonObject *params, GError **error)
{
  g_return_val_if_fail (spec != NULL && params != NULL, FALSE);
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  flatten (spec, all);

  /* Unknown names first: "camra" explains a missing "camera". */
  g_autoptr (GList) names = json_object_get_members (params);
  for (GList *l = names; l != NULL; l = l->next)
    {
      guint i = 0;
      while (i < all->len && strcmp (((const CgRpcParam *) all->pdata[i])->name, l->data) != 0)
        i++;
      if (i < all->len)
        continue;
      g_autofree char *name = shorten (l->data);
      if (all->len == 0)
        return param_fail (error, N_("params: this method takes no parameters, but “%s” was given"),
                           name);
      g_autoptr (GString) known = g_string_new (NULL);
      for (i = 0; i < all->len; i++)
        g_string_append_printf (known, "%s%s", i == 0 ? "" : ", ",
                                ((const CgRpcParam *) all->pdata[i])->name);
      return param_fail (error, N_("params: unknown parameter “%s”; the parameters are %s"), name,
                         known->str);
    }

  for (guint i = 0; i < all->len; i++)
    {
      const CgRpcParam *p = all->pdata[i];
      JsonNode *node = param_node (params, p->name);
      if (node == NULL)
        {
          if (p->required)
            {
              param_fail (error, N_("params: “%s” is missing"), p->name);
              cg_error_set_field (error, p->name);
              return FALSE;
            }
          continue;
        }
      if (!param_check_one (p, node, error))
        {
          cg_error_set_field (error, p->name);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
cg_rpc_param_string (JsonObject *params, const char *name, const char *fallback)
{
  JsonNode *node = param_node (params, name);
  return node_is_string (node) ? json_node_get_string (node) : fallback;
}

gint64
cg_rpc_param_int (JsonObject *params, const char *name, gint64 fallback)
{
  JsonNode *node = param_node (params, name);
  return node_is_int (node) ? json_node_get_int (node) : fallback;
}

gboolean
cg_rpc_param_bool (JsonObject *params, const char *name, gboolean fallback)
{
  JsonNode *node = param_node (params, name);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return fallback;
}

gint64
cg_rpc_param_time (JsonObject *params, const char *name, gint64 fallback)
{
  JsonNode *node = param_node (params, name);
  gint64 us = 0;
  if (node_is_string (node) && read_time (json_node_get_string (node), &us))
    return us;
  return fallback;
}

/* ---- Building lines -------------------------------------------------------- */

/* Takes the object. */
static char *
object_line (JsonObject *obj)
{
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  gsize n = 0;
  g_autofree char *text = json_generator_to_data (gen, &n);
  /* A peer refuses the whole line over one bad byte; better a U+FFFD. */
  if (!g_utf8_validate_len (text, n, NULL))
    {
      g_warning ("a JSON-RPC line holds text that is not UTF-8; replaced");
      g_autofree char *valid = g_utf8_make_valid (text, (gssize) n);
      return g_strconcat (valid, "\n", NULL);
    }
  return g_strconcat (text, "\n", NULL);
}

static JsonObject *
envelope (void)
{
  JsonObject *obj = json_object_new ();
  json_object_set_string_member (obj, "jsonrpc", "2.0");
  return obj;
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
}

char *
cg_rpc_result_line (JsonNode *id, JsonNode *result)
{
  JsonObject *obj = envelope ();
  json_object_set_member (obj, "id", copy_or_null (id));
  json_object_set_member (obj, "result", copy_or_null (result));
  return object_line (obj);
}

char *
cg_rpc_error_line (JsonNode *id, int code, const char *message, JsonNode *data)
{
  g_return_val_if_fail (message != NULL, NULL);
  JsonObject *err = json_object_new ();
  json_object_set_int_member (err, "code", code);
  json_object_set_string_member (err, "message", message);
  if (data != NULL)
    json_object_set_member (err, "data", json_node_copy (data));
  JsonObject *obj = envelope ();
  json_object_set_member (obj, "id", copy_or_null (id));
  json_object_set_object_member (obj, "error", err);
  return object_line (obj);
}

JsonNode *
cg_rpc_error_to_json (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  JsonObject *err = json_object_new ();
  json_object_set_int_member (err, "code",
                              error->domain == CG_RPC_ERROR ? error->code : CG_RPC_FAILED);
  json_object_set_string_member (err, "message", cg_error_get_remote (error));
  const CgMessage *message = cg_error_get_message (error);
  JsonObject *more = cg_error_get_data (error);
  JsonNode *data = message != NULL ? cg_message_to_json (message) : NULL;
  if (more != NULL)
    {
      if (data == NULL)
        data = json_node_init_object (json_node_alloc (), json_object_new ());
      g_autoptr (GList) names = json_object_get_members (more);
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (json_node_get_object (data), l->data,
                                json_node_copy (json_object_get_member (more, l->data)));
    }
  if (data != NULL)
    json_object_set_member (err, "data", data);
  JsonNode *node = json_node_init_object (json_node_alloc (), err);
  json_object_unref (err);
  return node;
}

char *
cg_rpc_error_line_from_gerror (JsonNode *id, const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  JsonObject *obj = envelope ();
  json_object_set_member (obj, "id", copy_or_null (id));
  json_object_set_member (obj, "error", cg_rpc_error_to_json (error));
  return object_line (obj);
}

char *
cg_rpc_notification_line (const char *method, JsonNode *params)
{
  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  JsonObject *obj = envelope ();
  json_object_set_string_member (obj, "method", method);
  if (params != NULL)
    json_object_set_member (obj, "params", json_node_copy (params));
  return object_line (obj);
}

char *
cg_rpc_request_line (gint64 id, const char *method, JsonNode *params)
{
  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (params == NULL || JSON_NODE_HOLDS_OBJECT (params), NULL);
  JsonObject *obj = envelope ();
  json_object_set_int_member (obj, "id", id);
  json_object_set_string_member (obj, "method", method);
  if (params != NULL)
    json_object_set_member (obj, "params", json_node_copy (params));
  return object_line (obj);
}

/* ---- Replies and notifications ----------------------------------------------- */

void
cg_rpc_reply_clear (CgRpcReply *reply)
{
  g_return_if_fail (reply != NULL);
  g_clear_pointer (&reply->result, json_node_unref);
  g_clear_pointer (&reply->error_message, g_free);
  g_clear_pointer (&reply->error_data, json_node_unref);
  g_clear_pointer (&reply->notify_method, g_free);
  g_clear_pointer (&reply->notify_params, json_node_unref);
  memset (reply, 0, sizeof *reply);
}

static gboolean
reply_fail (GError **error, const char *message)
{
  g_set_error_literal (error, CG_RPC_ERROR, CG_RPC_INVALID_REQUEST, message);
  return FALSE;
}

static gboolean
read_notification (JsonObject *obj, CgRpcReply *reply, GError **error)
{
  JsonNode *method = json_object_get_member (obj, "method");
  if (!node_is_string (method) || *json_node_get_string (method) == '\0')
    return reply_fail (error, _("“method” of a notification must be a non-empty string"));
  if (json_object_has_member (obj, "id"))
    return reply_fail (error, _("a notification must not have an “id”"));
  JsonNode *params = json_object_get_member (obj, "params");
  if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params) && !JSON_NODE_HOLDS_ARRAY (params))
    return reply_fail (error, _("“params” of a notification must be an object or an array"));
  reply->notify_method = g_strdup (json_node_get_string (method));
  if (params != NULL)
    reply->notify_params = json_node_copy (params);
  else
    {
      g_autoptr (JsonObject) empty = json_object_new ();
      reply->notify_params = json_node_init_object (json_node_alloc (), empty);
    }
  return TRUE;
}

static gboolean
read_reply (JsonObject *obj, CgRpcReply *reply, GError **error)
{
  JsonNode *id = json_object_get_member (obj, "id");
  if (id == NULL)
    return reply_fail (error, _("a reply must have an “id”"));
  if (!JSON_NODE_HOLDS_NULL (id) && !node_is_int (id))
    return reply_fail (error, _("the “id” of a reply must be an integer or null"));
  reply->id = JSON_NODE_HOLDS_NULL (id) ? 0 : json_node_get_int (id);

  JsonNode *result = json_object_get_member (obj, "result");
  JsonNode *err = json_object_get_member (obj, "error");
  if (result != NULL && err != NULL)
    return reply_fail (error, _("a reply must have either “result” or “error”, not both"));
  if (result != NULL)
    {
      reply->result = json_node_copy (result);
      return TRUE;
    }
  if (err == NULL)
    return reply_fail (error, _("a reply must have “result” or “error”"));
  if (!JSON_NODE_HOLDS_OBJECT (err))
    return reply_fail (error, _("“error” must be an object"));
  JsonObject *e = json_node_get_object (err);
  JsonNode *code = json_object_get_member (e, "code");
  if (!node_is_int (code) || json_node_get_int (code) < G_MININT
      || json_node_get_int (code) > G_MAXINT)
    return reply_fail (error, _("“error.code” must be an integer"));
  JsonNode *message = json_object_get_member (e, "message");
  if (!node_is_string (message))
    return reply_fail (error, _("“error.message” must be a string"));
  JsonNode *data = json_object_get_member (e, "data");
  reply->error_code = (int) json_node_get_int (code);
  reply->error_message = g_strdup (json_node_get_string (message));
  reply->error_data = data != NULL ? json_node_copy (data) : NULL;
  return TRUE;
}

void
cg_rpc_reply_to_error (const CgRpcReply *reply, GError **error)
{
  g_return_if_fail (reply != NULL && reply->error_message != NULL);
  CgMessage *message = reply->error_data != NULL ? cg_message_from_json (reply->error_data)
                                                 : NULL;
  g_autofree char *worded = message != NULL ? cg_message_word_translated (message) : NULL;
  cg_error_set_remote (error, CG_RPC_ERROR, reply->error_code,
                       worded != NULL ? worded : reply->error_message, reply->error_message,
                       message);
  /* What the daemon said besides the message (the field refused...). */
  if (error != NULL && *error != NULL && reply->error_data != NULL
      && JSON_NODE_HOLDS_OBJECT (reply->error_data))
    {
      JsonObject *d = json_node_get_object (reply->error_data);
      g_autoptr (GList) names = json_object_get_members (d);
      for (GList *l = names; l != NULL; l = l->next)
        if (strcmp (l->data, "text") != 0 && strcmp (l->data, "args") != 0)
          cg_error_set_data (*error, l->data, json_node_copy (json_object_get_member (d, l->data)));
    }
}

gboolean
cg_rpc_reply_parse (const char *line, gsize len, CgRpcReply *reply, GError **error)
{
  g_return_val_if_fail (line != NULL || len == 0, FALSE);
  g_return_val_if_fail (reply != NULL, FALSE);
  memset (reply, 0, sizeof *reply);

  g_autoptr (JsonNode) root = cg_json_parse_strict (line != NULL ? line : "", len, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return reply_fail (error, _("a reply must be a JSON object"));
  JsonObject *obj = json_node_get_object (root);
  if (!check_version (obj, error))
    return FALSE;
  gboolean ok = json_object_has_member (obj, "method") ? read_notification (obj, reply, error)
                                                        : read_reply (obj, reply, error);
  if (!ok)
    cg_rpc_reply_clear (reply);
  return ok;
}

void
cg_json_add_time (JsonBuilder *b, const char *name, gint64 us)
{
  json_builder_set_member_name (b, name);
  if (us <= 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  g_autofree char *iso = cg_time_format_iso (us);
  json_builder_add_string_value (b, iso);
}

void
cg_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
cg_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}
