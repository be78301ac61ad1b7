/* camera_url.c — camera addresses: reading what an officer typed,
 * splitting out the credentials, putting them back for the connection,
 * and masking passwords wherever a URL is shown. */
#define G_LOG_DOMAIN "canhgac-camera"
#include "camera.h"

#include "error.h"
#include "i18n.h"
#include "message.h"
#include "text.h"

#include <string.h>

#define URL_EXAMPLE "rtsp://192.168.1.64:554/Streaming/Channels/101"

/* The sub-delimiters: what may stay unescaped in a URL's user name or
 * password once ':' and '@', which would change its meaning, are encoded. */
#define USERINFO_ALLOWED "!$&'()*+,;="


/* The slot that stands for the camera's password inside a stored
 * URL whose vendor wants the password in the path (Xiongmai/XMEye and
 * clones: /user=admin_password=SECRET_channel=1_stream=0.sdp); the password
 * itself is kept in the password field, never in the URL. */
#define PASSWORD_SLOT "{password}"

/* Finds the next "password=VALUE" style parameter at or after from: the
 * key must start the string or follow / ? & ; or _ (Xiongmai separates its
 * parameters with "_"), and the value ends at & ; # ? / or at a "_" that
 * begins the next "name=" parameter.  Sets [*value, *end). */
static gboolean
find_secret_param (const char *s, gsize from, gsize *value, gsize *end)
{
  static const char *const keys[] = {
    "password=", "passwd=", "pwd=", "pass=", "psw=", "loginpass=", "loginpwd=", "userpwd=",
  };
  gsize len = strlen (s);
  for (gsize i = from; i < len; i++)
    {
      char prev = i == 0 ? '/' : s[i - 1];
      if (prev != '/' && prev != '?' && prev != '&' && prev != ';' && prev != '_')
        continue;
      for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          gsize kl = strlen (keys[k]);
          if (g_ascii_strncasecmp (s + i, keys[k], kl) != 0)
            continue;
          gsize v = i + kl, e = v;
          while (e < len && strchr ("&;#?/", s[e]) == NULL)
            {
              if (s[e] == '_')
                {
                  gsize n = e + 1;
                  while (n < len && g_ascii_isalpha (s[n]))
                    n++;
                  if (n > e + 1 && n < len && s[n] == '=')
                    break;
                }
              e++;
            }
          *value = v;
          *end = e;
          return TRUE;
        }
    }
  return FALSE;
}

/* Masks every password parameter of s from `from` on. */
static void
mask_parameters (GString *s, gsize from)
{
  gsize value, end;
  while (find_secret_param (s->str, from, &value, &end))
    {
      if (end > value && strncmp (s->str + value, PASSWORD_SLOT, end - value) != 0)
        {
          g_string_erase (s, value, end - value);
          g_string_insert (s, value, "***");
          end = value + 3;
        }
      from = end;
    }
}

char *
cg_url_host_port (const char *url)
{
  if (url == NULL)
    return g_strdup ("");
  g_autofree char *clean = cg_text_printable (url);
  const char *sep = strstr (clean, "://");
  if (sep == NULL)
    return g_strdup ("");
  const char *auth = sep + 3;
  const char *auth_end = auth + strcspn (auth, "/?#");
  const char *at = g_strrstr_len (auth, auth_end - auth, "@");
  const char *host = at != NULL ? at + 1 : auth;
  GString *out = g_string_new_len (clean, sep + 3 - clean);
  g_string_append_len (out, host, auth_end - host);
  return g_string_free (out, FALSE);
}

char *
cg_url_mask (const char *url)
{
  if (url == NULL)
    return g_strdup ("");
  g_autofree char *clean = cg_text_printable (url);
  GString *s = g_string_new (clean);
  const char *sep = strstr (s->str, "://");
  gsize start = sep != NULL ? (gsize) (sep - s->str) + 3 : 0;
  /* The last '@', not the first: a password typed with an unencoded '@'
   * (or '/') must still be hidden entirely.  Masking a little too much of
   * a strange URL is better than showing a password. */
  const char *at = strrchr (s->str + start, '@');
  if (at != NULL)
    {
      gsize at_pos = (gsize) (at - s->str);
      const char *colon = memchr (s->str + start, ':', at_pos - start);
      if (colon != NULL)
        {
          gsize pw = (gsize) (colon - s->str) + 1;
          g_string_erase (s, pw, at_pos - pw);
          g_string_insert (s, pw, "***");
        }
    }
  mask_parameters (s, start);
  return g_string_free (s, FALSE);
}

/* Takes why. */
static gboolean
bad_url_because (GError **error, const char *text, CgMessage *why)
{
  g_autofree char *shown = cg_url_mask (text);
  cg_error_set_message (error, CG_ERROR, CG_ERROR_FAILED,
                        cg_message_compose (N_("“%s” is not a camera address: %s. A camera "
                                               "address looks like %s"),
                                            cg_message_literal (shown), why,
                                            cg_message_literal (URL_EXAMPLE), NULL));
  return FALSE;
}

/* why is marked with N_(). */
static gboolean
bad_url (GError **error, const char *text, const char *why)
{
  return bad_url_because (error, text, cg_message_compose (why, NULL));
}

/* Like bad_url() for reasons that show how to percent-encode: the escapes
 * are kept out of the translated text, where they would read as printf
 * directives. */
static gboolean
bad_url_hint (GError **error, const char *text, const char *why, const char *escapes)
{
  return bad_url_because (error, text, cg_message_compose (why, cg_message_literal (escapes),
                                                           NULL));
}

/* Percent-decodes [start, end) into *out; NULL for an empty part. */
static gboolean
decode_part (const char *start, const char *end, char **out)
{
  *out = NULL;
  if (start == end)
    return TRUE;
  char *decoded = g_uri_unescape_segment (start, end, NULL);
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    {
      g_free (decoded);
      return FALSE;
    }
  *out = decoded;
  return TRUE;
}

static gboolean
host_name_valid (const char *host, gsize len)
{
  gboolean alnum = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isalnum (host[i]))
        alnum = TRUE;
      else if (host[i] != '-' && host[i] != '.' && host[i] != '_')
        return FALSE;
    }
  return alnum;
}

static gboolean
ipv6_literal_valid (const char *addr, gsize len)
{
  gboolean colon = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (addr[i] == ':')
        colon = TRUE;
      else if (!g_ascii_isxdigit (addr[i]) && addr[i] != '.')
        return FALSE;
    }
  return colon;
}

gboolean
cg_camera_url_parse (const char *text, char **url, char **username, char **password,
                     GError **error)
{
  if (url != NULL)
    *url = NULL;
  if (username != NULL)
    *username = NULL;
  if (password != NULL)
    *password = NULL;
  if (text == NULL)
    text = "";

  g_autofree char *t = g_strstrip (g_strdup (text));
  if (*t == '\0')
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera address is empty. A camera address looks like %s"),
                         URL_EXAMPLE);
      return FALSE;
    }
  if (!g_utf8_validate (t, -1, NULL))
    return bad_url (error, t, N_("it is not valid text"));
  for (const char *p = t; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f)
      return bad_url_hint (error, t, N_("it contains a space or a control character "
                                        "(write a space as %s)"), "%20");

  const char *sep = strstr (t, "://");
  if (sep == NULL)
    return bad_url (error, t, N_("it does not start with rtsp:// or rtsps://"));
  g_autofree char *scheme = g_ascii_strdown (t, sep - t);
  if (strcmp (scheme, "rtsp") != 0 && strcmp (scheme, "rtsps") != 0)
    return bad_url (error, t, N_("only rtsp:// and rtsps:// cameras can be recorded"));

  const char *auth = sep + 3;
  const char *auth_end = auth + strcspn (auth, "/?#");
  const char *rest = auth_end;
  /* An '@' after the address almost always means a password with a '/',
   * '?' or '#' in it that ended the address early; storing that as a path
   * would keep the password in the shown URL. */
  if (strchr (rest, '@') != NULL)
    return bad_url_hint (error, t, N_("it has an “@” after the camera's address; if the "
                                      "password contains / ? # or @, write them as %s"),
                         "%2F %3F %23 %40");

  const char *hostport = auth;
  g_autofree char *user = NULL;
  g_autofree char *pass = NULL;
  const char *at = g_strrstr_len (auth, auth_end - auth, "@");
  if (at != NULL)
    {
      const char *colon = memchr (auth, ':', at - auth);
      const char *user_end = colon != NULL ? colon : at;
      if (!decode_part (auth, user_end, &user)
          || (colon != NULL && !decode_part (colon + 1, at, &pass)))
        return bad_url_hint (error, t, N_("the user name or password has a broken "
                                          "percent escape (write a percent sign as %s)"),
                             "%25");
      hostport = at + 1;
    }

  const char *host = hostport, *host_end, *port_text = NULL;
  if (*hostport == '[')
    {
      const char *close = memchr (hostport, ']', auth_end - hostport);
      if (close == NULL)
        return bad_url (error, t, N_("the IPv6 address has no closing “]”"));
      if (!ipv6_literal_valid (hostport + 1, close - hostport - 1))
        return bad_url (error, t, N_("what is between “[” and “]” is not an IPv6 address"));
      host_end = close + 1;
      if (host_end < auth_end)
        {
          if (*host_end != ':')
            return bad_url (error, t, N_("only “:PORT” may follow an IPv6 address"));
          port_text = host_end + 1;
        }
    }
  else
    {
      const char *colon = memchr (hostport, ':', auth_end - hostport);
      host_end = colon != NULL ? colon : auth_end;
      if (colon != NULL)
        {
          if (memchr (colon + 1, ':', auth_end - colon - 1) != NULL)
            return bad_url (error, t, N_("an IPv6 address must be written in brackets, "
                                         "as in rtsp://[2001:db8::10]:554/"));
          port_text = colon + 1;
        }
      if (host_end == host)
        return bad_url (error, t, N_("there is no camera address (IP or host name) "
                                     "after “://”"));
      if (!host_name_valid (host, host_end - host))
        return bad_url (error, t, N_("the host name may hold only letters, digits, "
                                     "“-”, “.” and “_”"));
    }

  guint64 port = 0;
  if (port_text != NULL)
    {
      g_autofree char *p = g_strndup (port_text, auth_end - port_text);
      if (!g_ascii_string_to_unsigned (p, 10, 1, 65535, &port, NULL))
        return bad_url (error, t, N_("the port after “:” must be a number from 1 to 65535"));
    }

  GString *out = g_string_new (scheme);
  g_string_append (out, "://");
  g_string_append_len (out, host, host_end - host);
  if (port != 0)
    g_string_append_printf (out, ":%u", (unsigned) port);
  gsize rest_at = out->len;
  g_string_append (out, rest);

  /* A password the vendor wants in the path moves to the password field;
   * the URL keeps a slot for it, filled in only for the connection. */
  gsize value, end, from = rest_at;
  while (find_secret_param (out->str, from, &value, &end))
    {
      g_autofree char *in_path = NULL;
      if (end > value && strncmp (out->str + value, PASSWORD_SLOT, end - value) != 0)
        {
          if (!decode_part (out->str + value, out->str + end, &in_path))
            {
              g_string_free (out, TRUE);
              return bad_url_hint (error, t, N_("the password in the address has a broken "
                                                "percent escape (write a percent sign as %s)"),
                                   "%25");
            }
          if (pass != NULL && g_strcmp0 (pass, in_path) != 0)
            {
              g_string_free (out, TRUE);
              return bad_url (error, t, N_("it holds two different passwords; give the "
                                           "password once"));
            }
          if (pass == NULL)
            pass = g_steal_pointer (&in_path);
          g_string_erase (out, value, end - value);
          g_string_insert (out, value, PASSWORD_SLOT);
          end = value + strlen (PASSWORD_SLOT);
        }
      from = end;
    }

  if (url != NULL)
    *url = g_string_free (out, FALSE);
  else
    g_string_free (out, TRUE);
  if (username != NULL)
    *username = g_steal_pointer (&user);
  if (password != NULL)
    *password = g_steal_pointer (&pass);
  return TRUE;
}

char *
cg_camera_stream_url (const CgCamera *camera)
{
  g_autofree char *filled = NULL;
  const char *url = camera->url != NULL ? camera->url : "";
  if (strstr (url, PASSWORD_SLOT) != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (camera->password != NULL
                                                        ? camera->password : "", NULL, FALSE);
      g_auto (GStrv) parts = g_strsplit (url, PASSWORD_SLOT, -1);
      filled = g_strjoinv (escaped, parts);
      url = filled;
    }
  const char *sep = strstr (url, "://");
  if (sep == NULL || (camera->username == NULL && camera->password == NULL))
    return g_strdup (url);
  g_autofree char *user = camera->username != NULL
    ? g_uri_escape_string (camera->username, USERINFO_ALLOWED, FALSE) : g_strdup ("");
  GString *s = g_string_new_len (url, sep + 3 - url);
  g_string_append (s, user);
  if (camera->password != NULL)
    {
      g_autofree char *pass = g_uri_escape_string (camera->password, USERINFO_ALLOWED, FALSE);
      g_string_append_c (s, ':');
      g_string_append (s, pass);
    }
  g_string_append_c (s, '@');
  g_string_append (s, sep + 3);
  return g_string_free (s, FALSE);
}

