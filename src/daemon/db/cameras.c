/* cameras.c — the cameras table: list, find, save, remove.
 *
 * Only the daemon opens the database; every field is checked by
 * cg_camera_normalize() (common/camera.c) before it is written.
 */
#define G_LOG_DOMAIN "canhgac-camera"
#include "daemon/db/cameras.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/text.h"
#include "common/timeutil.h"

#include <string.h>

#define CAMERA_COLUMNS \
  "id, name, url, username, password, substream_url, transport, place, map_x, map_y, " \
  "funding, host_name, host_phone, power_by, network_by, installed_on, enabled, " \
  "created_us, updated_us, motion_sensitivity, motion_mask, coalesce(full_rate_us, 0), " \
  "coalesce(retention_target_us, 0), donor, host_kind, host_address, network_plan, brand, " \
  "model, serial, warranty_until, notes"

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
  c->donor = column_text (st, 23);
  g_autofree char *host_kind = column_text (st, 24);
  if (!cg_host_kind_from_string (host_kind, &c->host_kind))
    c->host_kind = CG_HOST_UNKNOWN;
  c->host_address = column_text (st, 25);
  c->network_plan = column_text (st, 26);
  c->brand = column_text (st, 27);
  c->model = column_text (st, 28);
  c->serial = column_text (st, 29);
  c->warranty_until = column_text (st, 30);
  c->notes = column_text (st, 31);
  return c;
}

static gboolean
db_failed (sqlite3 *db, GError **error)
{
  cg_error_set_text (error, CG_ERROR, CG_ERROR_DB, N_("the camera list cannot be used: %s"),
                     sqlite3_errmsg (db));
  return FALSE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  const CgCamera *ca = *(CgCamera *const *) a;
  const CgCamera *cb = *(CgCamera *const *) b;
  return cg_text_compare (ca->name, cb->name);
}

GPtrArray *
cg_camera_list (sqlite3 *db, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT " CAMERA_COLUMNS " FROM cameras"
                              " WHERE removed_us IS NULL",
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
  /* Officers read names in their language's order (the Vietnamese
   * alphabet, numbers as numbers), not by bytes nor by the locale the
   * daemon happens to run in. */
  g_ptr_array_sort (cameras, compare_names);
  return g_steal_pointer (&cameras);
}

static gboolean
not_found (const char *name, GError **error)
{
  g_autofree char *shown = cg_text_printable (name != NULL ? name : "");
  cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                     N_("there is no camera called “%s”; the camera list shows their names"),
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

/* The one camera whose name folds to the same text as name ("cho hoang
 * kim" for "Chợ Hoàng Kim": typed without an input method, or read off a
 * terminal without UTF-8).  Two cameras folding alike are not guessed
 * between: the error names them. */
static gboolean
find_folded (sqlite3 *db, const char *name, gint64 *id, char **found, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT id, name FROM cameras WHERE removed_us IS NULL",
                          -1, &st, NULL) != SQLITE_OK)
    return db_failed (db, error);
  g_autofree char *wanted = cg_text_fold (name);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *candidate = (const char *) sqlite3_column_text (st, 1);
      g_autofree char *folded = cg_text_fold (candidate);
      if (*wanted != '\0' && g_str_equal (folded, wanted))
        {
          *id = sqlite3_column_int64 (st, 0);
          g_ptr_array_add (names, g_strdup (candidate));
        }
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return db_failed (db, error);
  if (names->len == 0)
    return not_found (name, error);
  if (names->len == 1)
    {
      if (found != NULL)
        *found = g_strdup (names->pdata[0]);
      return TRUE;
    }
  g_ptr_array_sort (names, cg_text_compare_indirect);
  GString *list = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", (const char *) names->pdata[i]);
  g_autofree char *shown = cg_text_printable (name);
  cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                     N_("“%s” could be any of %s: give the camera's exact name, with its "
                        "accents"), shown, list->str);
  g_string_free (list, TRUE);
  return FALSE;
}

gboolean
cg_camera_find_id (sqlite3 *db, const char *name, gint64 *id, char **found, GError **error)
{
  g_autofree char *key = stored_name (name);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT id FROM cameras WHERE name = ?1 AND removed_us IS NULL",
                          -1, &st, NULL) != SQLITE_OK)
    return db_failed (db, error);
  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  if (rc == SQLITE_ROW)
    {
      if (found != NULL)
        *found = g_steal_pointer (&key);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return db_failed (db, error);
  /* The exact name first: only a name no camera has is folded. */
  return find_folded (db, key, id, found, error);
}

CgCamera *
cg_camera_find (sqlite3 *db, const char *name, GError **error)
{
  gint64 id = 0;
  if (!cg_camera_find_id (db, name, &id, NULL, error))
    return NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT " CAMERA_COLUMNS " FROM cameras WHERE id = ?1",
                          -1, &st, NULL) != SQLITE_OK)
    {
      db_failed (db, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, id);
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
  if (!cg_camera_normalize (c, error))
    return FALSE;

  gint64 now = cg_time_now_us ();
  gboolean insert = c->id == 0;
  const char *sql = insert
    ? "INSERT INTO cameras (name, url, username, password, substream_url, transport,"
      " place, map_x, map_y, funding, host_name, host_phone, power_by, network_by,"
      " installed_on, enabled, updated_us, created_us, motion_sensitivity, motion_mask,"
      " full_rate_us, retention_target_us, donor, host_kind, host_address, network_plan,"
      " brand, model, serial, warranty_until, notes)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
      " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)"
    : "UPDATE cameras SET name = ?1, url = ?2, username = ?3, password = ?4,"
      " substream_url = ?5, transport = ?6, place = ?7, map_x = ?8, map_y = ?9,"
      " funding = ?10, host_name = ?11, host_phone = ?12, power_by = ?13,"
      " network_by = ?14, installed_on = ?15, enabled = ?16, updated_us = ?17,"
      " motion_sensitivity = ?19, motion_mask = ?20, full_rate_us = ?21,"
      " retention_target_us = ?22, donor = ?23, host_kind = ?24, host_address = ?25,"
      " network_plan = ?26, brand = ?27, model = ?28, serial = ?29, warranty_until = ?30,"
      " notes = ?31 WHERE id = ?18 AND removed_us IS NULL";
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
  bind_text_or_null (st, 23, c->donor);
  bind_text_or_null (st, 24, cg_host_kind_to_string (c->host_kind));
  bind_text_or_null (st, 25, c->host_address);
  bind_text_or_null (st, 26, c->network_plan);
  bind_text_or_null (st, 27, c->brand);
  bind_text_or_null (st, 28, c->model);
  bind_text_or_null (st, 29, c->serial);
  bind_text_or_null (st, 30, c->warranty_until);
  bind_text_or_null (st, 31, c->notes);

  int rc = sqlite3_step (st);
  int extended = sqlite3_extended_errcode (db);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE && extended == SQLITE_CONSTRAINT_UNIQUE)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_CONFLICT,
                         N_("there is already a camera called “%s”; choose another name, or "
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
      cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                         N_("the camera “%s” no longer exists: it was removed meanwhile"),
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

/* ---- a camera's recordings, removed cameras included ----------------- */

void
cg_camera_ref_clear (CgCameraRef *ref)
{
  g_clear_pointer (&ref->name, g_free);
}

/* Removed cameras with recordings left, most recently removed first. */
#define REMOVED_WITH_FOOTAGE \
  "SELECT id, name, removed_us FROM cameras c WHERE removed_us IS NOT NULL" \
  " AND EXISTS (SELECT 1 FROM segments s WHERE s.camera_id = c.id AND s.state != 'lost')" \
  " ORDER BY removed_us DESC, id DESC"

/* How many cameras not removed fold to the same text as name. */
static gboolean
live_folded (sqlite3 *db, const char *name, int *count, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT name FROM cameras WHERE removed_us IS NULL", -1, &st,
                          NULL) != SQLITE_OK)
    return db_failed (db, error);
  g_autofree char *wanted = cg_text_fold (name);
  int rc;
  *count = 0;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_autofree char *folded = cg_text_fold ((const char *) sqlite3_column_text (st, 0));
      *count += *wanted != '\0' && g_str_equal (folded, wanted);
    }
  sqlite3_finalize (st);
  return rc == SQLITE_DONE || db_failed (db, error);
}

/* The removed camera called name: the exact name first, then folded.
 * *fitting: how many fit (also on failure; -1 when the table failed). */
static gboolean
find_removed (sqlite3 *db, const char *key, CgCameraRef *ref, int *fitting, GError **error)
{
  *fitting = -1;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, REMOVED_WITH_FOOTAGE, -1, &st, NULL) != SQLITE_OK)
    return db_failed (db, error);
  g_autofree char *wanted = cg_text_fold (key);
  g_autoptr (GArray) exact = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) folded = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      const char *name = (const char *) sqlite3_column_text (st, 1);
      g_autofree char *fold = cg_text_fold (name);
      if (g_strcmp0 (name, key) == 0)
        g_array_append_val (exact, id);
      else if (*wanted != '\0' && g_str_equal (fold, wanted))
        g_array_append_val (folded, id);
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return db_failed (db, error);
  GArray *fits = exact->len > 0 ? exact : folded;
  *fitting = (int) fits->len;
  if (fits->len == 1)
    return cg_camera_get_ref (db, g_array_index (fits, gint64, 0), ref, error);
  g_autofree char *shown = cg_text_printable (key);
  if (fits->len == 0)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                         N_("no removed camera called “%s” has recordings left; canhgac camera "
                            "list --removed shows those that do"), shown);
      return FALSE;
    }
  GString *ids = g_string_new (NULL);
  for (guint i = 0; i < fits->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            g_array_index (fits, gint64, i));
  cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                     N_("several removed cameras were called “%s” (ids %s): give the one you "
                        "mean by its id; canhgac camera list --removed shows them"),
                     shown, ids->str);
  g_string_free (ids, TRUE);
  return FALSE;
}

gboolean
cg_camera_find_footage (sqlite3 *db, const char *name, gboolean removed_only, CgCameraRef *ref,
                        GError **error)
{
  *ref = (CgCameraRef) { 0 };
  g_autofree char *key = stored_name (name);
  int fitting = 0;
  if (removed_only)
    return find_removed (db, key, ref, &fitting, error);
  GError *live = NULL;
  if (cg_camera_find_id (db, key, &ref->id, &ref->name, &live))
    return TRUE;
  int several = 0;
  /* Cameras not removed that fold alike are the caller's to tell apart:
   * a removed camera is not the answer to that. */
  if (!g_error_matches (live, CG_ERROR, CG_ERROR_NOT_FOUND)
      || !live_folded (db, key, &several, NULL) || several > 0)
    {
      g_propagate_error (error, live);
      return FALSE;
    }
  GError *removed = NULL;
  if (find_removed (db, key, ref, &fitting, &removed))
    {
      g_error_free (live);
      return TRUE;
    }
  /* No removed camera either: "there is no camera called", unless
   * several removed ones were. */
  if (fitting != 0)
    {
      g_error_free (live);
      g_propagate_error (error, removed);
      return FALSE;
    }
  g_error_free (removed);
  g_propagate_error (error, live);
  return FALSE;
}

gboolean
cg_camera_get_ref (sqlite3 *db, gint64 id, CgCameraRef *ref, GError **error)
{
  *ref = (CgCameraRef) { 0 };
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT name, coalesce(removed_us, 0) FROM cameras WHERE id = ?1",
                          -1, &st, NULL) != SQLITE_OK)
    return db_failed (db, error);
  sqlite3_bind_int64 (st, 1, id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      ref->id = id;
      ref->name = column_text (st, 0);
      ref->removed_us = sqlite3_column_int64 (st, 1);
    }
  sqlite3_finalize (st);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return db_failed (db, error);
  g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                     N_("there is no camera with id %s; canhgac camera list --removed shows the "
                        "ids of removed cameras"), shown);
  return FALSE;
}

static void
removed_camera_free (CgRemovedCamera *c)
{
  g_free (c->name);
  g_free (c->place);
  g_free (c);
}

GPtrArray *
cg_camera_list_removed (sqlite3 *db, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT c.id, c.name, c.place, c.removed_us, min(s.start_us),"
                              " max(coalesce(s.end_us, s.start_us)), count(*), sum(s.bytes)"
                              " FROM cameras c JOIN segments s ON s.camera_id = c.id"
                              " AND s.state != 'lost' WHERE c.removed_us IS NOT NULL"
                              " GROUP BY c.id ORDER BY c.removed_us DESC, c.id DESC",
                          -1, &st, NULL) != SQLITE_OK)
    {
      db_failed (db, error);
      return NULL;
    }
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) removed_camera_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgRemovedCamera *c = g_new0 (CgRemovedCamera, 1);
      c->id = sqlite3_column_int64 (st, 0);
      c->name = column_text (st, 1);
      c->place = column_text (st, 2);
      c->removed_us = sqlite3_column_int64 (st, 3);
      c->first_us = sqlite3_column_int64 (st, 4);
      c->last_us = sqlite3_column_int64 (st, 5);
      c->segments = sqlite3_column_int64 (st, 6);
      c->bytes = sqlite3_column_int64 (st, 7);
      g_ptr_array_add (list, c);
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      db_failed (db, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
