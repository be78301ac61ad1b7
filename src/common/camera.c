/* camera.c — cameras in the database, and the rules their fields follow.
 *
 * Everything an officer types about a camera passes through here before
 * it reaches the cameras table, so that the capture code can trust what
 * it reads: a URL it can connect to, a name that is safe as a directory,
 * credentials kept apart from anything that is ever shown.
 */
#define G_LOG_DOMAIN "canhgac-camera"
#include "camera.h"

#include "error.h"
#include "i18n.h"
#include "text.h"
#include "timeutil.h"

#include <string.h>

#define NAME_MAX_CHARS 64
#define TEXT_MAX_CHARS 200

CgCamera *
cg_camera_new (void)
{
  CgCamera *camera = g_new0 (CgCamera, 1);
  camera->transport = CG_TRANSPORT_TCP;
  camera->funding = CG_FUNDING_UNKNOWN;
  camera->enabled = TRUE;
  camera->motion_sensitivity = -1;
  return camera;
}

CgCamera *
cg_camera_copy (const CgCamera *camera)
{
  CgCamera *c = g_new (CgCamera, 1);
  *c = *camera;
  c->name = g_strdup (camera->name);
  c->url = g_strdup (camera->url);
  c->username = g_strdup (camera->username);
  c->password = g_strdup (camera->password);
  c->substream_url = g_strdup (camera->substream_url);
  c->place = g_strdup (camera->place);
  c->host_name = g_strdup (camera->host_name);
  c->host_phone = g_strdup (camera->host_phone);
  c->power_by = g_strdup (camera->power_by);
  c->network_by = g_strdup (camera->network_by);
  c->installed_on = g_strdup (camera->installed_on);
  c->motion_mask = g_strdup (camera->motion_mask);
  return c;
}

static void
camera_clear (CgCamera *camera)
{
  g_free (camera->name);
  g_free (camera->url);
  g_free (camera->username);
  if (camera->password != NULL)
    {
      /* Do not leave the password lying in freed memory. */
      memset (camera->password, 0, strlen (camera->password));
      g_free (camera->password);
    }
  g_free (camera->substream_url);
  g_free (camera->place);
  g_free (camera->host_name);
  g_free (camera->host_phone);
  g_free (camera->power_by);
  g_free (camera->network_by);
  g_free (camera->installed_on);
  g_free (camera->motion_mask);
}

void
cg_camera_free (CgCamera *camera)
{
  if (camera == NULL)
    return;
  camera_clear (camera);
  g_free (camera);
}

/* ---- enumerations ------------------------------------------------------ */

const char *
cg_transport_to_string (CgTransport transport)
{
  return transport == CG_TRANSPORT_UDP ? "udp" : "tcp";
}

gboolean
cg_transport_from_string (const char *text, CgTransport *out)
{
  if (text != NULL && g_ascii_strcasecmp (text, "tcp") == 0)
    *out = CG_TRANSPORT_TCP;
  else if (text != NULL && g_ascii_strcasecmp (text, "udp") == 0)
    *out = CG_TRANSPORT_UDP;
  else
    return FALSE;
  return TRUE;
}

const char *
cg_funding_to_string (CgFunding funding)
{
  switch (funding)
    {
    case CG_FUNDING_BUDGET: return "budget";
    case CG_FUNDING_COMMUNITY: return "community";
    case CG_FUNDING_UNKNOWN: break;
    }
  return NULL;
}

gboolean
cg_funding_from_string (const char *text, CgFunding *out)
{
  if (text == NULL || *text == '\0')
    *out = CG_FUNDING_UNKNOWN;
  else if (g_ascii_strcasecmp (text, "budget") == 0)
    *out = CG_FUNDING_BUDGET;
  else if (g_ascii_strcasecmp (text, "community") == 0)
    *out = CG_FUNDING_COMMUNITY;
  else
    return FALSE;
  return TRUE;
}

/* ---- other fields ------------------------------------------------------ */

gboolean
cg_camera_name_valid (const char *name, GError **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("a camera needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the camera name is not valid UTF-8 text; check the terminal's "
                     "character set"));
      return FALSE;
    }
  g_autofree char *shown = cg_text_printable (name);
  glong chars = g_utf8_strlen (name, -1);
  if (chars > NAME_MAX_CHARS)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the camera name “%s” has %ld characters; at most %d are allowed"),
                   shown, chars, NAME_MAX_CHARS);
      return FALSE;
    }
  if (name[0] == '.')
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the camera name “%s” cannot start with “.”"), shown);
      return FALSE;
    }
  gunichar first = g_utf8_get_char (name);
  gunichar last = g_utf8_get_char (g_utf8_find_prev_char (name, name + strlen (name)));
  if (g_unichar_isspace (first) || g_unichar_isspace (last))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the camera name “%s” cannot start or end with a space"), shown);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '/')
        {
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                       _("the camera name “%s” cannot contain “/” (it names the folder "
                         "of its recordings)"), shown);
          return FALSE;
        }
      if (!g_unichar_isprint (c) && !g_unichar_ismark (c))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                       _("the camera name “%s” contains a control character"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cg_camera_map_parse (const char *text, int *x, int *y, GError **error)
{
  g_auto (GStrv) parts = text != NULL ? g_strsplit (text, ",", -1) : NULL;
  guint64 v[2];
  gboolean ok = parts != NULL && g_strv_length (parts) == 2;
  for (int i = 0; ok && i < 2; i++)
    ok = g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 0, G_MAXINT, &v[i], NULL);
  if (!ok)
    {
      g_autofree char *shown = cg_text_printable (text != NULL ? text : "");
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s” is not a map position: write X,Y with two whole numbers "
                     "of 0 or more, such as 120,45"), shown);
      return FALSE;
    }
  *x = (int) v[0];
  *y = (int) v[1];
  return TRUE;
}

/* Trims a free-text field in place; an empty one becomes NULL. */
static gboolean
tidy_text (char **field, const char *label, GError **error)
{
  if (*field == NULL)
    return TRUE;
  if (!g_utf8_validate (*field, -1, NULL))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s is not valid UTF-8 text; check the terminal's character set"),
                   label);
      return FALSE;
    }
  char *nfc = g_utf8_normalize (g_strstrip (*field), -1, G_NORMALIZE_NFC);
  g_free (*field);
  *field = nfc;
  if (**field == '\0')
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  if (g_utf8_strlen (*field, -1) > TEXT_MAX_CHARS)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("%s is too long: at most %d characters"), label, TEXT_MAX_CHARS);
      return FALSE;
    }
  for (const char *p = *field; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                     _("%s contains a control character"), label);
        return FALSE;
      }
  return TRUE;
}

static gboolean
phone_valid (const char *phone)
{
  int digits = 0;
  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-.()", *p) == NULL)
        return FALSE;
    }
  return digits >= 3;
}

static gboolean
date_valid (const char *text)
{
  guint64 y, m, d;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_autofree char *ys = g_strndup (text, 4);
  g_autofree char *ms = g_strndup (text + 5, 2);
  g_autofree char *ds = g_strndup (text + 8, 2);
  return g_ascii_string_to_unsigned (ys, 10, 1900, 9999, &y, NULL)
         && g_ascii_string_to_unsigned (ms, 10, 1, 12, &m, NULL)
         && g_ascii_string_to_unsigned (ds, 10, 1, 31, &d, NULL)
         && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
same_or_unset (const char *given, const char *in_url)
{
  return given == NULL || in_url == NULL || strcmp (given, in_url) == 0;
}

/* Checks every field of c and brings it to the form kept in the
 * database (NFC text, URL without credentials, NULL for empty). */
static gboolean
normalize (CgCamera *c, GError **error)
{
  if (!cg_camera_name_valid (c->name, error))
    return FALSE;
  char *nfc = g_utf8_normalize (c->name, -1, G_NORMALIZE_NFC);
  g_free (c->name);
  c->name = nfc;

  g_autofree char *url = NULL, *user = NULL, *pass = NULL;
  if (!cg_camera_url_parse (c->url, &url, &user, &pass, error))
    return FALSE;
  if (!same_or_unset (c->username, user) || !same_or_unset (c->password, pass))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the camera address holds a user name or password different from "
                     "the one given separately; give them only once"));
      return FALSE;
    }
  g_free (c->url);
  c->url = g_steal_pointer (&url);
  if (c->username == NULL)
    c->username = g_steal_pointer (&user);
  if (c->password == NULL)
    c->password = g_steal_pointer (&pass);

  if (c->username != NULL && *c->username == '\0')
    g_clear_pointer (&c->username, g_free);
  if (c->password != NULL && *c->password == '\0')
    g_clear_pointer (&c->password, g_free);
  if (c->password != NULL && !g_utf8_validate (c->password, -1, NULL))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the password is not valid UTF-8 text; check the terminal's "
                     "character set"));
      return FALSE;
    }

  if (c->substream_url != NULL && *g_strstrip (c->substream_url) == '\0')
    g_clear_pointer (&c->substream_url, g_free);
  if (c->substream_url != NULL)
    {
      g_autofree char *sub = NULL, *sub_user = NULL, *sub_pass = NULL;
      if (!cg_camera_url_parse (c->substream_url, &sub, &sub_user, &sub_pass, error))
        {
          g_prefix_error (error, _("sub-stream: "));
          return FALSE;
        }
      /* One camera, one login: the sub-stream is opened with the camera's
       * credentials, so it may only repeat them. */
      if ((sub_user != NULL && g_strcmp0 (sub_user, c->username) != 0)
          || (sub_pass != NULL && g_strcmp0 (sub_pass, c->password) != 0))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                       _("the sub-stream address holds another user name or password "
                         "than the camera's; give it without them"));
          return FALSE;
        }
      g_free (c->substream_url);
      c->substream_url = g_steal_pointer (&sub);
    }

  if (c->transport != CG_TRANSPORT_TCP && c->transport != CG_TRANSPORT_UDP)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED, _("the transport must be tcp or udp"));
      return FALSE;
    }
  if (c->funding != CG_FUNDING_UNKNOWN && c->funding != CG_FUNDING_BUDGET
      && c->funding != CG_FUNDING_COMMUNITY)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the funding must be budget or community"));
      return FALSE;
    }
  if (c->has_map && (c->map_x < 0 || c->map_y < 0))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("the map position %d,%d is outside the map: both numbers must be "
                     "0 or more"), c->map_x, c->map_y);
      return FALSE;
    }
  if (!c->has_map)
    c->map_x = c->map_y = 0;

  if (!tidy_text (&c->username, _("the user name"), error)
      || !tidy_text (&c->place, _("the place"), error)
      || !tidy_text (&c->host_name, _("the host household's name"), error)
      || !tidy_text (&c->host_phone, _("the host's phone number"), error)
      || !tidy_text (&c->power_by, _("who provides power"), error)
      || !tidy_text (&c->network_by, _("who provides the network"), error)
      || !tidy_text (&c->installed_on, _("the installation date"), error))
    return FALSE;
  if (c->host_phone != NULL && !phone_valid (c->host_phone))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("“%s” is not a phone number: use digits, spaces and + - . ( ) only"),
                   c->host_phone);
      return FALSE;
    }
  if (c->installed_on != NULL && !date_valid (c->installed_on))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_FAILED,
                   _("“%s” is not an installation date: write it as YYYY-MM-DD, such as "
                     "2025-03-15"), c->installed_on);
      return FALSE;
    }
  c->enabled = c->enabled != FALSE;
  return TRUE;
}

/* ---- the table --------------------------------------------------------- */

#define CAMERA_COLUMNS \
  "id, name, url, username, password, substream_url, transport, place, map_x, map_y, " \
  "funding, host_name, host_phone, power_by, network_by, installed_on, enabled, " \
  "created_us, updated_us, motion_sensitivity, motion_mask, coalesce(full_rate_us, 0), " \
  "coalesce(retention_target_us, 0)"

static char *
column_text (sqlite3_stmt *st, int col)
{
  const unsigned char *text = sqlite3_column_text (st, col);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static CgCamera *
camera_from_row (sqlite3_stmt *st)
{
  CgCamera *c = cg_camera_new ();
  c->id = sqlite3_column_int64 (st, 0);
  c->name = column_text (st, 1);
  c->url = column_text (st, 2);
  c->username = column_text (st, 3);
  c->password = column_text (st, 4);
  c->substream_url = column_text (st, 5);
  g_autofree char *transport = column_text (st, 6);
  if (!cg_transport_from_string (transport, &c->transport))
    c->transport = CG_TRANSPORT_TCP;
  c->place = column_text (st, 7);
  c->has_map = sqlite3_column_type (st, 8) != SQLITE_NULL
               && sqlite3_column_type (st, 9) != SQLITE_NULL;
  if (c->has_map)
    {
      c->map_x = sqlite3_column_int (st, 8);
      c->map_y = sqlite3_column_int (st, 9);
    }
  g_autofree char *funding = column_text (st, 10);
  if (!cg_funding_from_string (funding, &c->funding))
    c->funding = CG_FUNDING_UNKNOWN;
  c->host_name = column_text (st, 11);
  c->host_phone = column_text (st, 12);
  c->power_by = column_text (st, 13);
  c->network_by = column_text (st, 14);
  c->installed_on = column_text (st, 15);
  c->enabled = sqlite3_column_int (st, 16) != 0;
  c->created_us = sqlite3_column_int64 (st, 17);
  c->updated_us = sqlite3_column_int64 (st, 18);
  if (sqlite3_column_type (st, 19) != SQLITE_NULL)
    c->motion_sensitivity = sqlite3_column_double (st, 19);
  c->motion_mask = column_text (st, 20);
  c->full_rate_us = sqlite3_column_int64 (st, 21);
  c->retention_target_us = sqlite3_column_int64 (st, 22);
  return c;
}

static gboolean
db_failed (sqlite3 *db, GError **error)
{
  g_set_error (error, CG_ERROR, CG_ERROR_DB, _("the camera list cannot be used: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  const CgCamera *ca = *(CgCamera *const *) a;
  const CgCamera *cb = *(CgCamera *const *) b;
  return g_utf8_collate (ca->name, cb->name);
}

GPtrArray *
cg_camera_list (sqlite3 *db, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT " CAMERA_COLUMNS " FROM cameras"
                              " WHERE removed_us IS NULL ORDER BY name",
                          -1, &st, NULL) != SQLITE_OK)
    {
      db_failed (db, error);
      return NULL;
    }
  g_autoptr (GPtrArray) cameras = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_camera_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (cameras, camera_from_row (st));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      db_failed (db, error);
      return NULL;
    }
  /* Officers read names in their language's order, not by bytes. */
  g_ptr_array_sort (cameras, compare_names);
  return g_steal_pointer (&cameras);
}

static gboolean
not_found (const char *name, GError **error)
{
  g_autofree char *shown = cg_text_printable (name != NULL ? name : "");
  g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
               _("there is no camera called “%s”; the camera list shows their names"),
               shown);
  return FALSE;
}

/* The name as stored: NFC, so that a name typed with combining accents
 * (some input methods send them) finds the same camera. */
static char *
stored_name (const char *name)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");
  return g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
}

CgCamera *
cg_camera_find (sqlite3 *db, const char *name, GError **error)
{
  g_autofree char *key = stored_name (name);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT " CAMERA_COLUMNS " FROM cameras"
                              " WHERE name = ?1 AND removed_us IS NULL",
                          -1, &st, NULL) != SQLITE_OK)
    {
      db_failed (db, error);
      return NULL;
    }
  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  CgCamera *camera = rc == SQLITE_ROW ? camera_from_row (st) : NULL;
  sqlite3_finalize (st);
  if (rc == SQLITE_DONE)
    not_found (name, error);
  else if (rc != SQLITE_ROW)
    db_failed (db, error);
  return camera;
}

static void
bind_text_or_null (sqlite3_stmt *st, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (st, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, index);
}

gboolean
cg_camera_save (sqlite3 *db, CgCamera *camera, GError **error)
{
  g_autoptr (CgCamera) c = cg_camera_copy (camera);
  if (!normalize (c, error))
    return FALSE;

  gint64 now = cg_time_now_us ();
  gboolean insert = c->id == 0;
  const char *sql = insert
    ? "INSERT INTO cameras (name, url, username, password, substream_url, transport,"
      " place, map_x, map_y, funding, host_name, host_phone, power_by, network_by,"
      " installed_on, enabled, updated_us, created_us, motion_sensitivity, motion_mask,"
      " full_rate_us, retention_target_us)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
      " ?19, ?20, ?21, ?22)"
    : "UPDATE cameras SET name = ?1, url = ?2, username = ?3, password = ?4,"
      " substream_url = ?5, transport = ?6, place = ?7, map_x = ?8, map_y = ?9,"
      " funding = ?10, host_name = ?11, host_phone = ?12, power_by = ?13,"
      " network_by = ?14, installed_on = ?15, enabled = ?16, updated_us = ?17,"
      " motion_sensitivity = ?19, motion_mask = ?20, full_rate_us = ?21,"
      " retention_target_us = ?22 WHERE id = ?18 AND removed_us IS NULL";
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_failed (db, error);
  bind_text_or_null (st, 1, c->name);
  bind_text_or_null (st, 2, c->url);
  bind_text_or_null (st, 3, c->username);
  bind_text_or_null (st, 4, c->password);
  bind_text_or_null (st, 5, c->substream_url);
  bind_text_or_null (st, 6, cg_transport_to_string (c->transport));
  bind_text_or_null (st, 7, c->place);
  if (c->has_map)
    {
      sqlite3_bind_int (st, 8, c->map_x);
      sqlite3_bind_int (st, 9, c->map_y);
    }
  else
    {
      sqlite3_bind_null (st, 8);
      sqlite3_bind_null (st, 9);
    }
  bind_text_or_null (st, 10, cg_funding_to_string (c->funding));
  bind_text_or_null (st, 11, c->host_name);
  bind_text_or_null (st, 12, c->host_phone);
  bind_text_or_null (st, 13, c->power_by);
  bind_text_or_null (st, 14, c->network_by);
  bind_text_or_null (st, 15, c->installed_on);
  sqlite3_bind_int (st, 16, c->enabled ? 1 : 0);
  sqlite3_bind_int64 (st, 17, now);
  if (insert)
    sqlite3_bind_int64 (st, 18, c->created_us != 0 ? c->created_us : now);
  else
    sqlite3_bind_int64 (st, 18, c->id);
  if (c->motion_sensitivity >= 0)
    sqlite3_bind_double (st, 19, MIN (c->motion_sensitivity, 1.0));
  else
    sqlite3_bind_null (st, 19);
  bind_text_or_null (st, 20, c->motion_mask != NULL && *c->motion_mask != '\0' ? c->motion_mask : NULL);
  /* No override is NULL: the storage manager then takes the default. */
  if (c->full_rate_us > 0)
    sqlite3_bind_int64 (st, 21, c->full_rate_us);
  else
    sqlite3_bind_null (st, 21);
  if (c->retention_target_us > 0)
    sqlite3_bind_int64 (st, 22, c->retention_target_us);
  else
    sqlite3_bind_null (st, 22);

  int rc = sqlite3_step (st);
  int extended = sqlite3_extended_errcode (db);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE && extended == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_CONFLICT,
                   _("there is already a camera called “%s”; choose another name, or "
                     "change that camera instead"), c->name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return db_failed (db, error);
  if (insert)
    {
      c->id = sqlite3_last_insert_rowid (db);
      if (c->created_us == 0)
        c->created_us = now;
    }
  else if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                   _("the camera “%s” no longer exists: it was removed meanwhile"),
                   camera->name != NULL ? camera->name : "");
      return FALSE;
    }
  c->updated_us = now;

  /* Hand the tidied fields back to the caller; the old ones go with c. */
  CgCamera old = *camera;
  *camera = *c;
  *c = old;
  return TRUE;
}

gboolean
cg_camera_remove (sqlite3 *db, const char *name, GError **error)
{
  g_autofree char *key = stored_name (name);
  sqlite3_stmt *st = NULL;
  /* Disabled as well, so that nothing reading only `enabled` records it. */
  if (sqlite3_prepare_v2 (db, "UPDATE cameras SET removed_us = ?1, updated_us = ?1,"
                              " enabled = 0 WHERE name = ?2 AND removed_us IS NULL",
                          -1, &st, NULL) != SQLITE_OK)
    return db_failed (db, error);
  sqlite3_bind_int64 (st, 1, cg_time_now_us ());
  sqlite3_bind_text (st, 2, key, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return db_failed (db, error);
  if (sqlite3_changes (db) == 0)
    return not_found (name, error);
  return TRUE;
}
