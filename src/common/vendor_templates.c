/* vendor_templates.c — the brands of camera and their RTSP paths, read
 * from data/camera-vendors.conf and expanded into addresses to try. */
#include "build-config.h"

#include "common/vendor_templates.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/paths.h"

#include <string.h>


struct CgVendors {
  GPtrArray *list; /* CgVendor, in the file's order */
};

static void
vendor_free (CgVendor *v)
{
  g_free (v->id);
  g_free (v->label);
  g_strfreev (v->aliases);
  g_free (v->user);
  g_strfreev (v->main);
  g_strfreev (v->sub);
  g_free (v);
}

void
cg_vendors_free (CgVendors *vendors)
{
  if (vendors == NULL)
    return;
  g_ptr_array_unref (vendors->list);
  g_free (vendors);
}

/* A path template: starts with "/", and only the known placeholders. */
static gboolean
path_valid (const char *path)
{
  static const char *const known[] = { "{channel}", "{user}", "{password}" };
  if (path[0] != '/')
    return FALSE;
  for (const char *p = path; *p != '\0'; p++)
    {
      if ((guchar) *p <= ' ' || *p == 0x7f || *p == '}')
        return FALSE;
      if (*p != '{')
        continue;
      gboolean ok = FALSE;
      for (gsize k = 0; k < G_N_ELEMENTS (known) && !ok; k++)
        if (strncmp (p, known[k], strlen (known[k])) == 0)
          {
            p += strlen (known[k]) - 1;
            ok = TRUE;
          }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The list under key, stripped, empty entries dropped; NULL when a path
 * is not one. */
static GStrv
read_paths (GKeyFile *kf, const char *group, const char *key)
{
  g_auto (GStrv) raw = g_key_file_get_string_list (kf, group, key, NULL, NULL);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 0; raw != NULL && raw[i] != NULL; i++)
    {
      g_strstrip (raw[i]);
      if (raw[i][0] == '\0')
        continue;
      if (!path_valid (raw[i]))
        return NULL;
      g_strv_builder_add (b, raw[i]);
    }
  return g_strv_builder_end (b);
}

static gpointer
bad_group (GError **error, const char *origin, const char *group, const char *what)
{
  cg_error_set_text (error, CG_ERROR, CG_ERROR_CONFIG,
                     N_("%s: brand [%s]: %s; the comments at the top of the file say what each "
                        "brand needs"), origin, group, _(what));
  return NULL;
}

static CgVendor *
read_vendor (GKeyFile *kf, const char *group, const char *origin, GError **error)
{
  g_autofree char *label = g_key_file_get_string (kf, group, "label", NULL);
  if (label == NULL || *g_strstrip (label) == '\0')
    return bad_group (error, origin, group, N_("it has no label"));
  g_auto (GStrv) main = read_paths (kf, group, "main");
  g_auto (GStrv) sub = read_paths (kf, group, "sub");
  if (main == NULL || sub == NULL)
    return bad_group (error, origin, group,
                      N_("a path does not start with “/” or uses a placeholder other than "
                         "{channel}, {user} and {password}"));
  if (main[0] == NULL)
    return bad_group (error, origin, group, N_("it has no main stream path (main)"));
  guint port = 554;
  if (g_key_file_has_key (kf, group, "port", NULL))
    {
      g_autoptr (GError) local = NULL;
      gint p = g_key_file_get_integer (kf, group, "port", &local);
      if (local != NULL || p < 1 || p > 65535)
        return bad_group (error, origin, group, N_("its port is not a number from 1 to 65535"));
      port = (guint) p;
    }
  CgVendor *v = g_new0 (CgVendor, 1);
  v->id = g_ascii_strdown (group, -1);
  v->label = g_steal_pointer (&label);
  v->aliases = g_key_file_get_string_list (kf, group, "aliases", NULL, NULL);
  if (v->aliases == NULL)
    v->aliases = g_new0 (char *, 1);
  for (guint i = 0; v->aliases[i] != NULL; i++)
    g_strstrip (v->aliases[i]);
  v->user = g_key_file_get_string (kf, group, "user", NULL);
  if (v->user == NULL || *g_strstrip (v->user) == '\0')
    {
      g_free (v->user);
      v->user = g_strdup ("admin");
    }
  v->port = port;
  v->main = g_steal_pointer (&main);
  v->sub = g_steal_pointer (&sub);
  return v;
}

CgVendors *
cg_vendors_parse (const char *text, gsize len, const char *origin, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_data (kf, text, len, G_KEY_FILE_NONE, &local))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_CONFIG, N_("%s cannot be read: %s"), origin,
                         local->message);
      return NULL;
    }
  g_autoptr (CgVendors) vendors = g_new0 (CgVendors, 1);
  vendors->list = g_ptr_array_new_with_free_func ((GDestroyNotify) vendor_free);
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      CgVendor *v = read_vendor (kf, groups[i], origin, error);
      if (v == NULL)
        return NULL;
      if (cg_vendors_find (vendors, v->id) != NULL)
        {
          vendor_free (v);
          bad_group (error, origin, groups[i], N_("another brand already has this name"));
          return NULL;
        }
      g_ptr_array_add (vendors->list, v);
    }
  if (vendors->list->len == 0)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_CONFIG, N_("%s names no brand of camera"),
                         origin);
      return NULL;
    }
  return g_steal_pointer (&vendors);
}

CgVendors *
cg_vendors_load_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, &len, &local))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_IO,
                         N_("the brands of camera cannot be read: %s (reinstall canhgac)"),
                         local->message);
      return NULL;
    }
  return cg_vendors_parse (text, len, path, error);
}

char *
cg_vendors_default_path (void)
{
  return cg_shipped_file ("data", CG_VENDORS_FILE, PKGDATADIR);
}

guint
cg_vendors_count (const CgVendors *vendors)
{
  return vendors->list->len;
}

const CgVendor *
cg_vendors_nth (const CgVendors *vendors, guint i)
{
  return i < vendors->list->len ? g_ptr_array_index (vendors->list, i) : NULL;
}

const CgVendor *
cg_vendors_find (const CgVendors *vendors, const char *name)
{
  if (name == NULL)
    return NULL;
  g_autofree char *want = g_strstrip (g_ascii_strdown (name, -1));
  for (guint i = 0; i < vendors->list->len; i++)
    {
      const CgVendor *v = g_ptr_array_index (vendors->list, i);
      if (g_ascii_strcasecmp (v->id, want) == 0 || g_ascii_strcasecmp (v->label, want) == 0)
        return v;
      for (guint k = 0; v->aliases[k] != NULL; k++)
        if (g_ascii_strcasecmp (v->aliases[k], want) == 0)
          return v;
    }
  return NULL;
}

char *
cg_vendors_names (const CgVendors *vendors)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < vendors->list->len; i++)
    {
      const CgVendor *v = g_ptr_array_index (vendors->list, i);
      g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", v->id);
    }
  return g_string_free (s, FALSE);
}

gboolean
cg_vendor_host_valid (const char *host)
{
  if (host == NULL || *host == '\0' || strlen (host) > 253)
    return FALSE;
  if (strchr (host, ':') != NULL)
    return g_hostname_is_ip_address (host);
  gboolean alnum = FALSE;
  for (const char *p = host; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        alnum = TRUE;
      else if (*p != '-' && *p != '.' && *p != '_')
        return FALSE;
    }
  return alnum;
}

/* One template with {channel} and {user} filled in. */
static char *
expand (const char *path, guint channel, const char *user)
{
  g_autofree char *ch = g_strdup_printf ("%u", channel);
  g_autofree char *u = g_uri_escape_string (user, NULL, FALSE);
  GString *s = g_string_new (NULL);
  for (const char *p = path; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "{channel}"))
        {
          g_string_append (s, ch);
          p += strlen ("{channel}") - 1;
        }
      else if (g_str_has_prefix (p, "{user}"))
        {
          g_string_append (s, u);
          p += strlen ("{user}") - 1;
        }
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
cg_vendor_urls (const CgVendor *vendor, gboolean sub, const char *host, guint port,
                guint channel, const char *user)
{
  g_return_val_if_fail (cg_vendor_host_valid (host), NULL);
  g_return_val_if_fail (channel >= 1 && channel <= CG_VENDOR_CHANNEL_MAX, NULL);
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);
  GStrv paths = sub ? vendor->sub : vendor->main;
  gboolean v6 = strchr (host, ':') != NULL;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *path = expand (paths[i], channel, user != NULL ? user : vendor->user);
      g_ptr_array_add (urls, g_strdup_printf ("rtsp://%s%s%s:%u%s", v6 ? "[" : "", host,
                                              v6 ? "]" : "", port != 0 ? port : vendor->port,
                                              path));
    }
  return urls;
}
