/* error.c — the canhgac GError domains, whose errors keep their message's
 * template (GLib's extended errors: the data lives in each GError, so
 * nothing is shared between threads and g_error_free() frees it). */
#include "build-config.h"

#include "error.h"

#include "jsonrpc.h"
#include "message.h"

#include <string.h>

typedef struct {
  CgMessage *message; /* the template error->message was worded from */
  char *worded;       /* error->message as it was then */
  char *remote;       /* on a client: the daemon's own message */
  JsonObject *data;   /* members of the reply's "data" besides the message */
} Private;

/* As G_DEFINE_EXTENDED_ERROR() finds it: just before the GError, aligned
 * as GType aligns structures. */
static Private *
private_of (const GError *error)
{
  const gsize sa = 2 * sizeof (gsize);
  const gsize as = (sizeof (Private) + (sa - 1)) & -sa;
  return (Private *) (((guint8 *) error) - as);
}

static void
private_init (GError *error)
{
  memset (private_of (error), 0, sizeof (Private));
}

static void
private_copy (const GError *src, GError *dest)
{
  const Private *s = private_of (src);
  Private *d = private_of (dest);
  d->message = s->message != NULL ? cg_message_copy (s->message) : NULL;
  d->worded = g_strdup (s->worded);
  d->remote = g_strdup (s->remote);
  d->data = s->data != NULL ? json_object_ref (s->data) : NULL;
}

static void
private_clear (GError *error)
{
  Private *p = private_of (error);
  g_clear_pointer (&p->message, cg_message_free);
  g_clear_pointer (&p->worded, g_free);
  g_clear_pointer (&p->remote, g_free);
  g_clear_pointer (&p->data, json_object_unref);
}

#define DEFINE_DOMAIN(name, function)                                                     \
  GQuark function (void)                                                                  \
  {                                                                                       \
    static GQuark q;                                                                      \
    static gsize once = 0;                                                                \
    if (g_once_init_enter (&once))                                                        \
      {                                                                                   \
        q = g_error_domain_register_static (name, sizeof (Private), private_init,         \
                                            private_copy, private_clear);                 \
        g_once_init_leave (&once, 1);                                                     \
      }                                                                                   \
    return q;                                                                             \
  }

DEFINE_DOMAIN ("canhgac-error-quark", cg_error_quark)
DEFINE_DOMAIN ("canhgac-rpc-error-quark", cg_rpc_error_quark)

static Private *
private_or_null (const GError *error)
{
  if (error == NULL || (error->domain != CG_ERROR && error->domain != CG_RPC_ERROR))
    return NULL;
  return private_of (error);
}

/* Takes message; remote and data may be NULL. */
static void
set_with_data (GError **error, GQuark domain, int code, const char *shown, CgMessage *message,
               const char *remote, JsonObject *data)
{
  GError *e = g_error_new_literal (domain, code, shown);
  Private *p = private_or_null (e);
  if (p != NULL)
    {
      p->message = message;
      p->worded = g_strdup (shown);
      p->remote = g_strdup (remote);
      p->data = data != NULL ? json_object_ref (data) : NULL;
    }
  else if (message != NULL)
    cg_message_free (message);
  g_propagate_error (error, e);
}

static void
set (GError **error, GQuark domain, int code, const char *shown, CgMessage *message,
     const char *remote)
{
  set_with_data (error, domain, code, shown, message, remote, NULL);
}

void
cg_error_set_message (GError **error, GQuark domain, int code, CgMessage *message)
{
  g_return_if_fail (message != NULL);
  if (error == NULL)
    {
      cg_message_free (message);
      return;
    }
  g_autofree char *shown = cg_message_word (message);
  set (error, domain, code, shown, message, NULL);
}

void
cg_error_set_text (GError **error, GQuark domain, int code, const char *msgid, ...)
{
  if (error == NULL)
    return;
  va_list ap;
  va_start (ap, msgid);
  CgMessage *message = cg_message_new_valist (msgid, ap);
  va_end (ap);
  cg_error_set_message (error, domain, code, message);
}

const CgMessage *
cg_error_get_message (const GError *error)
{
  Private *p = private_or_null (error);
  if (p == NULL || p->message == NULL || g_strcmp0 (p->worded, error->message) != 0)
    return NULL;
  return p->message;
}

void
cg_error_prefix_text (GError **error, const char *msgid)
{
  if (error == NULL || *error == NULL)
    return;
  GError *e = *error;
  const CgMessage *was = cg_error_get_message (e);
  CgMessage *inner = was != NULL ? cg_message_copy (was) : cg_message_literal (e->message);
  CgMessage *message = cg_message_compose (msgid, inner, NULL);
  *error = NULL;
  g_autofree char *shown = cg_message_word (message);
  Private *p = private_or_null (e);
  set_with_data (error, e->domain, e->code, shown, message, NULL, p != NULL ? p->data : NULL);
  g_error_free (e);
}

void
cg_error_propagate_as (GError **dest, GError *src, GQuark domain, int code)
{
  g_return_if_fail (src != NULL);
  const CgMessage *message = cg_error_get_message (src);
  Private *p = private_or_null (src);
  set_with_data (dest, domain, code, src->message,
                 message != NULL ? cg_message_copy (message) : NULL, p != NULL ? p->remote : NULL,
                 p != NULL ? p->data : NULL);
  g_error_free (src);
}

void
cg_error_set_remote (GError **error, GQuark domain, int code, const char *shown,
                     const char *remote, CgMessage *message)
{
  set (error, domain, code, shown, message, remote);
}

const char *
cg_error_get_remote (const GError *error)
{
  Private *p = private_or_null (error);
  if (p != NULL && p->remote != NULL && g_strcmp0 (p->worded, error->message) == 0)
    return p->remote;
  return error->message;
}

void
cg_error_set_data (GError *error, const char *name, JsonNode *value)
{
  Private *p = private_or_null (error);
  if (p == NULL)
    {
      json_node_unref (value);
      return;
    }
  if (p->data == NULL)
    p->data = json_object_new ();
  json_object_set_member (p->data, name, value);
}

void
cg_error_set_field (GError **error, const char *field)
{
  if (error == NULL || *error == NULL)
    return;
  cg_error_set_data (*error, "field", json_node_init_string (json_node_alloc (), field));
}

JsonObject *
cg_error_get_data (const GError *error)
{
  Private *p = private_or_null (error);
  return p != NULL ? p->data : NULL;
}
