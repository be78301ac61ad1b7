/* db/incident_evidence.c — an incident's evidence ranges (added, taken
 * off but kept), how much of each is recorded, the exports made for it,
 * and its audit trail. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/incidents.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"
#include "daemon/db/db.h"

#define READING _("reading the incident's evidence")
#define WRITING _("recording the incident's evidence")

static void
evidence_clear (gpointer p)
{
  CgDbEvidence *e = p;
  g_free (e->camera);
  g_free (e->added_by);
  g_free (e->removed_by);
  g_free (e->removed_reason);
}

GArray *
cg_db_evidence_array_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CgDbEvidence));
  g_array_set_clear_func (a, evidence_clear);
  return a;
}

gboolean
cg_db_footage_us (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 to_us, gint64 now_us,
                  gint64 *footage_us, GError **error)
{
  *footage_us = 0;
  /* Each segment's overlap with the range; one still being written
   * counts up to now. */
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT coalesce(sum(min(coalesce(end_us, ?4), ?3) - max(start_us, ?2)), 0)"
       " FROM segments WHERE camera_id = ?1 AND state != 'lost' AND damaged = 0"
       " AND start_us < ?3 AND coalesce(end_us, ?4) > ?2",
    READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, camera_id);
  sqlite3_bind_int64 (st, 2, from_us);
  sqlite3_bind_int64 (st, 3, to_us);
  sqlite3_bind_int64 (st, 4, now_us);
  if (sqlite3_step (st) != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  *footage_us = MAX (sqlite3_column_int64 (st, 0), 0);
  return TRUE;
}

static char *
camera_name (sqlite3 *h, gint64 camera_id, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT name FROM cameras WHERE id = ?",
                                               READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, camera_id);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    return cg_db_text_at (st, 0);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, camera_id);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND, N_("there is no camera %s"), idtext);
    }
  else
    cg_db_fail (h, READING, error);
  return NULL;
}

/* The range's row and its audit row, inside the caller's transaction;
 * the incident's version is the caller's to raise. */
gboolean cg_db_evidence_insert (sqlite3 *h, const CgDbIncident *in, gint64 camera_id,
                                gint64 from_us, gint64 to_us, const CgDbActor *actor,
                                gint64 *evidence_id, GError **error);

gboolean
cg_db_evidence_insert (sqlite3 *h, const CgDbIncident *in, gint64 camera_id, gint64 from_us,
                       gint64 to_us, const CgDbActor *actor, gint64 *evidence_id, GError **error)
{
  g_autofree char *name = camera_name (h, camera_id, error);
  if (name == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us, added_by, added_us)"
       " VALUES (?, ?, ?, ?, ?, ?)", WRITING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, in->id);
  sqlite3_bind_int64 (st, 2, camera_id);
  sqlite3_bind_int64 (st, 3, from_us);
  sqlite3_bind_int64 (st, 4, to_us);
  sqlite3_bind_text (st, 5, actor->user, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 6, actor->now_us);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  *evidence_id = sqlite3_last_insert_rowid (h);
  gint64 footage = 0;
  if (!cg_db_footage_us (h, camera_id, from_us, to_us, actor->now_us, &footage, error))
    return FALSE;
  g_autofree char *code = cg_db_incident_code (in);
  g_autofree char *from = cg_time_format_iso (from_us), *to = cg_time_format_iso (to_us);
  GString *d = g_string_new (NULL);
  g_string_append_printf (d, "code=%s evidence=%" G_GINT64_FORMAT " camera=%" G_GINT64_FORMAT,
                          code, *evidence_id, camera_id);
  cg_db_audit_add (d, "name", name);
  cg_db_audit_add (d, "from", from);
  cg_db_audit_add (d, "to", to);
  g_string_append_printf (d, " footage_seconds=%" G_GINT64_FORMAT, footage / G_USEC_PER_SEC);
  g_autofree char *detail = g_string_free (d, FALSE);
  return cg_db_incident_audit (actor, "incident.attach", in->id, detail, error);
}

/* The incident, not closed, at any version, with its version raised. */
static gboolean
raise_version (sqlite3 *h, gint64 id, gboolean open_only, const CgDbActor *actor,
               CgDbIncident *in, GError **error)
{
  gboolean found = FALSE;
  if (!cg_db_incident_get (h, id, in, &found, error))
    return FALSE;
  g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!found)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                         N_("there is no incident %s (incident list shows them)"), idtext);
      return FALSE;
    }
  if (open_only && in->closed_us > 0)
    {
      g_autofree char *code = cg_db_incident_code (in);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("incident %s is closed: an administrator must reopen it before it can "
                            "be changed"), code);
      return FALSE;
    }
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "UPDATE incidents SET version = version + 1, updated_by = ?, updated_us = ?"
       " WHERE id = ? AND version = ?", WRITING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, actor->user, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, actor->now_us);
  sqlite3_bind_int64 (st, 3, id);
  sqlite3_bind_int64 (st, 4, in->version);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  in->version++;
  return TRUE;
}

gboolean
cg_db_incident_attach (sqlite3 *h, gint64 id, gint64 camera_id, gint64 from_us, gint64 to_us,
                       const CgDbActor *actor, gint64 *evidence_id, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_auto (CgDbIncident) in = { 0 };
  return raise_version (h, id, TRUE, actor, &in, error)
         && cg_db_evidence_insert (h, &in, camera_id, from_us, to_us, actor, evidence_id, error)
         && cg_db_commit (tx, error);
}

gboolean
cg_db_incident_detach (sqlite3 *h, gint64 id, gint64 evidence_id, const char *reason,
                       const CgDbActor *actor, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT e.camera_id, c.name, e.from_us, e.to_us, e.removed_us IS NOT NULL"
       " FROM evidence_ranges e JOIN cameras c ON c.id = e.camera_id"
       " WHERE e.id = ? AND e.incident_id = ?", READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, evidence_id);
  sqlite3_bind_int64 (st, 2, id);
  int rc = sqlite3_step (st);
  g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, evidence_id);
  if (rc == SQLITE_DONE)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                         N_("this incident has no evidence range %s (incident show lists them)"),
                         idtext);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return cg_db_fail (h, READING, error);
  if (sqlite3_column_int (st, 4) != 0)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("evidence range %s was taken off already"), idtext);
      return FALSE;
    }
  gint64 camera_id = sqlite3_column_int64 (st, 0);
  g_autofree char *name = cg_db_text_at (st, 1);
  g_autofree char *from = cg_time_format_iso (sqlite3_column_int64 (st, 2));
  g_autofree char *to = cg_time_format_iso (sqlite3_column_int64 (st, 3));
  g_auto (CgDbIncident) in = { 0 };
  if (!raise_version (h, id, FALSE, actor, &in, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) up = cg_db_prepare (
    h, "UPDATE evidence_ranges SET removed_by = ?, removed_us = ?, removed_reason = ?"
       " WHERE id = ? AND removed_us IS NULL", WRITING, error);
  if (up == NULL)
    return FALSE;
  sqlite3_bind_text (up, 1, actor->user, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (up, 2, actor->now_us);
  sqlite3_bind_text (up, 3, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (up, 4, evidence_id);
  if (!cg_db_step_done (up, WRITING, error))
    return FALSE;
  g_autofree char *code = cg_db_incident_code (&in);
  GString *d = g_string_new (NULL);
  g_string_append_printf (d, "code=%s evidence=%" G_GINT64_FORMAT " camera=%" G_GINT64_FORMAT,
                          code, evidence_id, camera_id);
  cg_db_audit_add (d, "name", name);
  cg_db_audit_add (d, "from", from);
  cg_db_audit_add (d, "to", to);
  cg_db_audit_add (d, "reason", reason);
  g_autofree char *detail = g_string_free (d, FALSE);
  return cg_db_incident_audit (actor, "incident.detach", id, detail, error)
         && cg_db_commit (tx, error);
}

GArray *
cg_db_incident_evidence (sqlite3 *h, gint64 id, gint64 now_us, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT e.id, e.camera_id, c.name, e.from_us, e.to_us, e.added_by, e.added_us,"
       " e.removed_by, coalesce(e.removed_us, 0), e.removed_reason"
       " FROM evidence_ranges e JOIN cameras c ON c.id = e.camera_id WHERE e.incident_id = ?"
       " ORDER BY e.removed_us IS NOT NULL, e.id", READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  g_autoptr (GArray) rows = cg_db_evidence_array_new ();
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbEvidence e = {
        .id = sqlite3_column_int64 (st, 0),
        .incident_id = id,
        .camera_id = sqlite3_column_int64 (st, 1),
        .camera = cg_db_text_at (st, 2),
        .from_us = sqlite3_column_int64 (st, 3),
        .to_us = sqlite3_column_int64 (st, 4),
        .added_by = cg_db_text_at (st, 5),
        .added_us = sqlite3_column_int64 (st, 6),
        .removed_by = cg_db_text_at (st, 7),
        .removed_us = sqlite3_column_int64 (st, 8),
        .removed_reason = cg_db_text_at (st, 9),
      };
      g_array_append_val (rows, e);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CgDbEvidence *e = &g_array_index (rows, CgDbEvidence, i);
      if (!cg_db_footage_us (h, e->camera_id, e->from_us, e->to_us, now_us, &e->footage_us, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
export_clear (gpointer p)
{
  CgDbIncidentExport *x = p;
  g_free (x->state);
  g_free (x->sha256);
  g_free (x->created_by);
}

GArray *
cg_db_incident_exports (sqlite3 *h, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT id, state, sha256, coalesce(bytes, 0), created_us, created_by FROM exports"
       " WHERE incident_id = ? ORDER BY id", READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CgDbIncidentExport));
  g_array_set_clear_func (rows, export_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbIncidentExport x = {
        .id = sqlite3_column_int64 (st, 0),
        .state = cg_db_text_at (st, 1),
        .sha256 = cg_db_text_at (st, 2),
        .bytes = sqlite3_column_int64 (st, 3),
        .created_us = sqlite3_column_int64 (st, 4),
        .created_by = cg_db_text_at (st, 5),
      };
      g_array_append_val (rows, x);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
event_clear (gpointer p)
{
  CgDbIncidentEvent *e = p;
  g_free (e->user);
  g_free (e->action);
  g_free (e->detail);
}

GArray *
cg_db_incident_history (sqlite3 *h, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT id, at_us, user, action, detail FROM audit WHERE object = ? ORDER BY id",
    READING, error);
  if (st == NULL)
    return NULL;
  g_autofree char *object = g_strdup_printf ("incident:%" G_GINT64_FORMAT, id);
  sqlite3_bind_text (st, 1, object, -1, SQLITE_STATIC);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (CgDbIncidentEvent));
  g_array_set_clear_func (rows, event_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbIncidentEvent e = {
        .id = sqlite3_column_int64 (st, 0),
        .at_us = sqlite3_column_int64 (st, 1),
        .user = cg_db_text_at (st, 2),
        .action = cg_db_text_at (st, 3),
        .detail = cg_db_text_at (st, 4),
      };
      g_array_append_val (rows, e);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
