/* db/incidents.c — the incidents table: numbering, reading, searching,
 * changing with a version check, closing and reopening, each change with
 * its audit row in the same transaction. */
#define G_LOG_DOMAIN "canhgac-db"
#include "build-config.h"

#include "daemon/db/incidents.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "daemon/db/db.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define READING _("reading the incidents")
#define WRITING _("recording the incident")

const char *const cg_db_incident_statuses[] = {
  "new", "verifying", "transferred", "resolved", "closed", NULL,
};

gboolean
cg_db_incident_status_valid (const char *status)
{
  for (int i = 0; status != NULL && cg_db_incident_statuses[i] != NULL; i++)
    if (g_str_equal (status, cg_db_incident_statuses[i]))
      return TRUE;
  return FALSE;
}

void
cg_db_incident_clear (CgDbIncident *in)
{
  g_clear_pointer (&in->kind, g_free);
  g_clear_pointer (&in->kind_label, g_free);
  g_clear_pointer (&in->place, g_free);
  g_clear_pointer (&in->description, g_free);
  g_clear_pointer (&in->reporter, g_free);
  g_clear_pointer (&in->reporter_phone, g_free);
  g_clear_pointer (&in->officer, g_free);
  g_clear_pointer (&in->officer_name, g_free);
  g_clear_pointer (&in->status, g_free);
  g_clear_pointer (&in->outcome, g_free);
  g_clear_pointer (&in->created_by, g_free);
  g_clear_pointer (&in->updated_by, g_free);
}

char *
cg_db_incident_code (const CgDbIncident *in)
{
  return g_strdup_printf ("%d/%d", in->number, in->year);
}

void
cg_db_incident_read_row (sqlite3_stmt *st, CgDbIncident *in)
{
  *in = (CgDbIncident) {
    .id = sqlite3_column_int64 (st, 0),
    .year = sqlite3_column_int (st, 1),
    .number = sqlite3_column_int (st, 2),
    .kind = cg_db_text_at (st, 3),
    .from_us = sqlite3_column_int64 (st, 4),
    .to_us = sqlite3_column_int64 (st, 5),
    .place = cg_db_text_at (st, 6),
    .description = cg_db_text_at (st, 7),
    .reporter = cg_db_text_at (st, 8),
    .reporter_phone = cg_db_text_at (st, 9),
    .officer = cg_db_text_at (st, 10),
    .officer_name = cg_db_text_at (st, 11),
    .status = cg_db_text_at (st, 12),
    .outcome = cg_db_text_at (st, 13),
    .footage_helped = sqlite3_column_int (st, 14),
    .closed_us = sqlite3_column_int64 (st, 15),
    .created_by = cg_db_text_at (st, 16),
    .created_us = sqlite3_column_int64 (st, 17),
    .updated_by = cg_db_text_at (st, 18),
    .updated_us = sqlite3_column_int64 (st, 19),
    .version = sqlite3_column_int64 (st, 20),
    .has_map = sqlite3_column_type (st, 21) != SQLITE_NULL,
    .map_x = (int) sqlite3_column_double (st, 21),
    .map_y = (int) sqlite3_column_double (st, 22),
  };
}

char *
cg_db_incident_map_text (const CgDbIncident *in)
{
  return in->has_map ? g_strdup_printf ("%d,%d", in->map_x, in->map_y) : NULL;
}

static void
near_camera_clear (gpointer p)
{
  CgDbNearCamera *c = p;
  g_clear_pointer (&c->name, g_free);
  g_clear_pointer (&c->place, g_free);
}

GArray *
cg_db_cameras_nearest (sqlite3 *h, int x, int y, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT name, place, (map_x - ?1) * (map_x - ?1) + (map_y - ?2) * (map_y - ?2) AS d2"
       " FROM cameras WHERE removed_us IS NULL AND map_x IS NOT NULL AND map_y IS NOT NULL"
       " ORDER BY d2, name LIMIT ?3", READING, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, x);
  sqlite3_bind_int64 (st, 2, y);
  sqlite3_bind_int64 (st, 3, limit);
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (CgDbNearCamera));
  g_array_set_clear_func (out, near_camera_clear);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CgDbNearCamera c = {
        .name = cg_db_text_at (st, 0),
        .place = cg_db_text_at (st, 1),
        .distance = sqrt (sqlite3_column_double (st, 2)),
      };
      g_array_append_val (out, c);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_fail (h, READING, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static void
bind_text_or_null (sqlite3_stmt *st, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (st, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, index);
}

/* ---- audit details ------------------------------------------------------ */

static void
append_literal (GString *s, const char *value)
{
  if (value == NULL)
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append_c (s, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_printf (s, "\\%c", *c);
      else if (*c == '\n')
        g_string_append (s, "\\n");
      else if ((unsigned char) *c < 0x20 || *c == 0x7f)
        g_string_append_printf (s, "\\u%04x", (unsigned) (unsigned char) *c);
      else
        g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');
}

void
cg_db_audit_add (GString *detail, const char *name, const char *value)
{
  g_string_append_printf (detail, "%s%s=", detail->len > 0 ? " " : "", name);
  append_literal (detail, value);
}

/* ` name=OLD->NEW`, each a JSON literal (raw: written as they are,
 * null when NULL). */
static void
audit_change (GString *detail, const char *name, const char *old, const char *new_, gboolean raw)
{
  if (raw)
    {
      g_string_append_printf (detail, "%s%s=%s->%s", detail->len > 0 ? " " : "", name,
                              old != NULL ? old : "null", new_ != NULL ? new_ : "null");
      return;
    }
  cg_db_audit_add (detail, name, old);
  g_string_append (detail, "->");
  append_literal (detail, new_);
}

gboolean
cg_db_incident_audit (const CgDbActor *actor, const char *action, gint64 id, const char *detail,
                      GError **error)
{
  if (actor->audit == NULL)
    return TRUE;
  g_autofree char *object = g_strdup_printf ("incident:%" G_GINT64_FORMAT, id);
  return actor->audit (actor->audit_data, action, object, detail, error);
}

/* The text a value has in an audit row: times as ISO 8601, footage_helped
 * as true, false or null. */
static char *
time_text (gint64 us)
{
  return cg_time_format_iso (us);
}

static const char *
helped_text (int helped)
{
  return helped < 0 ? NULL : helped ? "true" : "false";
}

/* ---- search --------------------------------------------------------------- */

char *
cg_db_incident_search_text (const CgDbIncident *in)
{
  g_autofree char *code = cg_db_incident_code (in);
  g_autofree char *all = g_strjoin (" ", in->kind_label != NULL ? in->kind_label : in->kind,
                                    in->place != NULL ? in->place : "",
                                    in->description != NULL ? in->description : "",
                                    in->reporter != NULL ? in->reporter : "", code, NULL);
  return cg_text_fold (all);
}

/* ---- reading ----------------------------------------------------------- */

static gboolean
read_one (sqlite3_stmt *st, CgDbIncident *in, gboolean *found, GError **error)
{
  int rc = sqlite3_step (st);
  *found = rc == SQLITE_ROW;
  if (*found)
    cg_db_incident_read_row (st, in);
  return rc == SQLITE_ROW || rc == SQLITE_DONE
         || cg_db_fail (sqlite3_db_handle (st), READING, error);
}

gboolean
cg_db_incident_get (sqlite3 *h, gint64 id, CgDbIncident *in, gboolean *found, GError **error)
{
  *found = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, "SELECT" CG_DB_INCIDENT_COLUMNS " FROM incidents WHERE id = ?",
                                               READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  return read_one (st, in, found, error);
}

gboolean
cg_db_incident_get_code (sqlite3 *h, int number, int year, CgDbIncident *in, gboolean *found,
                         GError **error)
{
  *found = FALSE;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "SELECT" CG_DB_INCIDENT_COLUMNS " FROM incidents WHERE year = ? AND number = ?", READING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, year);
  sqlite3_bind_int (st, 2, number);
  return read_one (st, in, found, error);
}

/* The incident as it is inside the change's transaction, at the version
 * the caller read. */
static gboolean
current (sqlite3 *h, gint64 id, gint64 version, CgDbIncident *in, GError **error)
{
  gboolean found = FALSE;
  if (!cg_db_incident_get (h, id, in, &found, error))
    return FALSE;
  if (!found)
    {
      g_autofree char *idtext = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                         N_("there is no incident %s (incident list shows them)"), idtext);
      return FALSE;
    }
  if (version > 0 && in->version != version)
    {
      g_autofree char *code = cg_db_incident_code (in);
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, in->version);
      cg_error_set_message (error, CG_ERROR, CG_ERROR_CONFLICT,
                            cg_message_compose (N_("incident %s was changed by %s on %s (it is now "
                                                   "at version %s): nothing was saved; read it "
                                                   "again, then make your change again"),
                                                cg_message_literal (code),
                                                cg_message_literal (in->updated_by),
                                                cg_message_time (in->updated_us),
                                                cg_message_literal (v), NULL));
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_closed (const CgDbIncident *in, GError **error)
{
  if (in->closed_us == 0)
    return TRUE;
  g_autofree char *code = cg_db_incident_code (in);
  cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                     N_("incident %s is closed: an administrator must reopen it before it can "
                        "be changed"), code);
  return FALSE;
}

/* ---- creating -------------------------------------------------------------- */

static int
year_of (gint64 us)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  return dt != NULL ? g_date_time_get_year (dt) : 1970;
}

static char *
create_detail (const CgDbIncident *in)
{
  GString *d = g_string_new (NULL);
  g_autofree char *code = cg_db_incident_code (in);
  g_autofree char *from = time_text (in->from_us), *to = time_text (in->to_us);
  g_string_append_printf (d, "code=%s version=%" G_GINT64_FORMAT, code, in->version);
  cg_db_audit_add (d, "kind", in->kind);
  cg_db_audit_add (d, "from", from);
  cg_db_audit_add (d, "to", to);
  cg_db_audit_add (d, "place", in->place);
  g_autofree char *map = cg_db_incident_map_text (in);
  if (map != NULL)
    cg_db_audit_add (d, "map", map);
  cg_db_audit_add (d, "description", in->description);
  cg_db_audit_add (d, "reporter", in->reporter);
  cg_db_audit_add (d, "reporter_phone", in->reporter_phone);
  cg_db_audit_add (d, "status", in->status);
  cg_db_audit_add (d, "officer", in->officer);
  return g_string_free (d, FALSE);
}

/* In incident_evidence.c, inside the caller's transaction. */
gboolean cg_db_evidence_insert (sqlite3 *h, const CgDbIncident *in, gint64 camera_id,
                                gint64 from_us, gint64 to_us, const CgDbActor *actor,
                                gint64 *evidence_id, GError **error);

gboolean
cg_db_incident_create (sqlite3 *h, CgDbIncident *in, const GArray *camera_ids, gint64 margin_us,
                       const CgDbActor *actor, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  int year = year_of (actor->now_us);
  g_autoptr (sqlite3_stmt) next = cg_db_prepare (
    h, "SELECT coalesce(max(number), 0) + 1 FROM incidents WHERE year = ?", WRITING, error);
  if (next == NULL)
    return FALSE;
  sqlite3_bind_int (next, 1, year);
  if (sqlite3_step (next) != SQLITE_ROW)
    return cg_db_fail (h, WRITING, error);
  in->year = year;
  in->number = sqlite3_column_int (next, 0);
  in->version = 1;
  in->footage_helped = -1;
  in->closed_us = 0;
  g_free (in->outcome);
  in->outcome = g_strdup ("");
  if (in->status == NULL)
    in->status = g_strdup ("new");
  g_free (in->created_by);
  in->created_by = g_strdup (actor->user);
  g_free (in->updated_by);
  in->updated_by = g_strdup (actor->user);
  in->created_us = in->updated_us = actor->now_us;
  g_autofree char *search = cg_db_incident_search_text (in);
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (
    h, "INSERT INTO incidents (year, number, kind, from_us, to_us, place, description, reporter,"
       " reporter_phone, officer, officer_name, status, outcome, created_by, created_us,"
       " updated_by, updated_us, version, search, map_x, map_y)"
       " VALUES (?, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, 1, ?, ?, ?)",
    WRITING, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, in->year);
  sqlite3_bind_int (st, 2, in->number);
  bind_text_or_null (st, 3, in->kind);
  sqlite3_bind_int64 (st, 4, in->from_us);
  sqlite3_bind_int64 (st, 5, in->to_us);
  bind_text_or_null (st, 6, in->place);
  bind_text_or_null (st, 7, in->description);
  bind_text_or_null (st, 8, in->reporter);
  bind_text_or_null (st, 9, in->reporter_phone);
  bind_text_or_null (st, 10, in->officer);
  bind_text_or_null (st, 11, in->officer_name);
  bind_text_or_null (st, 12, in->status);
  bind_text_or_null (st, 13, actor->user);
  sqlite3_bind_int64 (st, 14, actor->now_us);
  bind_text_or_null (st, 15, actor->user);
  sqlite3_bind_int64 (st, 16, actor->now_us);
  bind_text_or_null (st, 17, search);
  if (in->has_map)
    {
      sqlite3_bind_int (st, 18, in->map_x);
      sqlite3_bind_int (st, 19, in->map_y);
    }
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  in->id = sqlite3_last_insert_rowid (h);
  if (in->place == NULL)
    in->place = g_strdup ("");
  g_autofree char *detail = create_detail (in);
  if (!cg_db_incident_audit (actor, "incident.create", in->id, detail, error))
    return FALSE;
  for (guint i = 0; camera_ids != NULL && i < camera_ids->len; i++)
    {
      gint64 evidence = 0;
      if (!cg_db_evidence_insert (h, in, g_array_index (camera_ids, gint64, i),
                                  in->from_us - margin_us, in->to_us + margin_us, actor, &evidence,
                                  error))
        return FALSE;
    }
  return cg_db_commit (tx, error);
}

/* ---- changing ------------------------------------------------------------- */

typedef struct {
  CgDbIncidentField field;
  const char *name;   /* the column, and the field as the API names it */
  gboolean is_time;
  size_t offset;      /* of a char * in CgDbIncident; times and helped apart */
} FieldSpec;

#define TEXT_FIELD(f, n) { f, #n, FALSE, offsetof (CgDbIncident, n) }

static const FieldSpec fields[] = {
  TEXT_FIELD (CG_DB_INCIDENT_KIND, kind),
  { CG_DB_INCIDENT_FROM, "from_us", TRUE, 0 },
  { CG_DB_INCIDENT_TO, "to_us", TRUE, 0 },
  TEXT_FIELD (CG_DB_INCIDENT_PLACE, place),
  TEXT_FIELD (CG_DB_INCIDENT_DESCRIPTION, description),
  TEXT_FIELD (CG_DB_INCIDENT_REPORTER, reporter),
  TEXT_FIELD (CG_DB_INCIDENT_REPORTER_PHONE, reporter_phone),
  TEXT_FIELD (CG_DB_INCIDENT_STATUS, status),
  TEXT_FIELD (CG_DB_INCIDENT_OUTCOME, outcome),
  { CG_DB_INCIDENT_FOOTAGE_HELPED, "footage_helped", FALSE, 0 },
  { CG_DB_INCIDENT_MAP, "map", FALSE, 0 },   /* two columns: map_x, map_y */
};

static const char *
text_field (const CgDbIncident *in, const FieldSpec *f)
{
  return *(char *const *) ((const char *) in + f->offset);
}

/* The value of a field as the audit row writes it (freed by the caller). */
static char *
field_text (const CgDbIncident *in, const FieldSpec *f)
{
  if (f->field == CG_DB_INCIDENT_FROM)
    return time_text (in->from_us);
  if (f->field == CG_DB_INCIDENT_TO)
    return time_text (in->to_us);
  if (f->field == CG_DB_INCIDENT_FOOTAGE_HELPED)
    return g_strdup (helped_text (in->footage_helped));
  if (f->field == CG_DB_INCIDENT_MAP)
    return cg_db_incident_map_text (in);
  return g_strdup (text_field (in, f));
}

/* The field's name in the API and the audit: "from", "to", else the column. */
static const char *
field_name (const FieldSpec *f)
{
  return f->field == CG_DB_INCIDENT_FROM ? "from" : f->field == CG_DB_INCIDENT_TO ? "to" : f->name;
}

/* Binds the field's value at index; returns how many parameters it took. */
static int
bind_field (sqlite3_stmt *st, int index, const CgDbIncident *in, const FieldSpec *f)
{
  if (f->field == CG_DB_INCIDENT_MAP)
    {
      if (in->has_map)
        {
          sqlite3_bind_int (st, index, in->map_x);
          sqlite3_bind_int (st, index + 1, in->map_y);
        }
      else
        {
          sqlite3_bind_null (st, index);
          sqlite3_bind_null (st, index + 1);
        }
      return 2;
    }
  if (f->field == CG_DB_INCIDENT_FROM)
    sqlite3_bind_int64 (st, index, in->from_us);
  else if (f->field == CG_DB_INCIDENT_TO)
    sqlite3_bind_int64 (st, index, in->to_us);
  else if (f->field == CG_DB_INCIDENT_FOOTAGE_HELPED)
    {
      if (in->footage_helped < 0)
        sqlite3_bind_null (st, index);
      else
        sqlite3_bind_int (st, index, in->footage_helped);
    }
  else if (f->field == CG_DB_INCIDENT_PLACE || f->field == CG_DB_INCIDENT_OUTCOME)
    sqlite3_bind_text (st, index, text_field (in, f) != NULL ? text_field (in, f) : "", -1,
                       SQLITE_TRANSIENT);
  else
    bind_text_or_null (st, index, text_field (in, f));
  return 1;
}

/* Copies field f of from into to. */
static void
copy_field (CgDbIncident *to, const CgDbIncident *from, const FieldSpec *f)
{
  if (f->field == CG_DB_INCIDENT_FROM)
    to->from_us = from->from_us;
  else if (f->field == CG_DB_INCIDENT_TO)
    to->to_us = from->to_us;
  else if (f->field == CG_DB_INCIDENT_FOOTAGE_HELPED)
    to->footage_helped = from->footage_helped;
  else if (f->field == CG_DB_INCIDENT_MAP)
    {
      to->has_map = from->has_map;
      to->map_x = from->map_x;
      to->map_y = from->map_y;
    }
  else
    {
      char **dst = (char **) ((char *) to + f->offset);
      g_free (*dst);
      *dst = g_strdup (text_field (from, f));
    }
}

/* Writes after's fields in mask over the row at before's version, with
 * the version up, closed_us as after says, and the audit row of action
 * with extra appended to its detail.  *changed FALSE: nothing differed
 * (nothing written). */
static gboolean
write_change (sqlite3 *h, const CgDbIncident *before, const CgDbIncident *after, guint mask,
              const char *action, const char *extra, const CgDbActor *actor, gboolean *changed,
              GError **error)
{
  *changed = FALSE;
  g_autofree char *code = cg_db_incident_code (before);
  GString *detail = g_string_new (NULL);
  g_string_append_printf (detail, "code=%s version=%" G_GINT64_FORMAT "->%" G_GINT64_FORMAT,
                          code, before->version, before->version + 1);
  GString *set = g_string_new (NULL);
  GPtrArray *bound = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const FieldSpec *f = &fields[i];
      if (!(mask & f->field))
        continue;
      g_autofree char *old = field_text (before, f), *new_ = field_text (after, f);
      if (g_strcmp0 (old, new_) == 0)
        continue;
      audit_change (detail, field_name (f), old, new_, f->field == CG_DB_INCIDENT_FOOTAGE_HELPED);
      if (f->field == CG_DB_INCIDENT_MAP)
        g_string_append (set, "map_x = ?, map_y = ?, ");
      else
        g_string_append_printf (set, "%s = ?, ", f->name);
      g_ptr_array_add (bound, (gpointer) f);
    }
  gboolean closing = (before->closed_us == 0) != (after->closed_us == 0);
  if (bound->len == 0 && !closing)
    {
      g_string_free (detail, TRUE);
      g_string_free (set, TRUE);
      g_ptr_array_unref (bound);
      return TRUE;
    }
  if (extra != NULL)
    g_string_append_printf (detail, " %s", extra);
  /* The search text again when the kind's label is known (an edit);
   * closing and reopening change nothing searched. */
  g_autofree char *search = after->kind_label != NULL ? cg_db_incident_search_text (after) : NULL;
  g_autofree char *sql = g_strdup_printf (
    "UPDATE incidents SET %sclosed_us = ?, search = coalesce(?, search), version = version + 1, updated_by = ?,"
    " updated_us = ? WHERE id = ? AND version = ?", set->str);
  g_string_free (set, TRUE);
  g_autofree char *detail_text = g_string_free (detail, FALSE);
  g_autoptr (GPtrArray) fields_bound = bound;
  g_autoptr (sqlite3_stmt) st = cg_db_prepare (h, sql, WRITING, error);
  if (st == NULL)
    return FALSE;
  int i = 1;
  for (guint k = 0; k < fields_bound->len; k++)
    i += bind_field (st, i, after, fields_bound->pdata[k]);
  if (after->closed_us > 0)
    sqlite3_bind_int64 (st, i++, after->closed_us);
  else
    sqlite3_bind_null (st, i++);
  bind_text_or_null (st, i++, search);
  sqlite3_bind_text (st, i++, actor->user, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, i++, actor->now_us);
  sqlite3_bind_int64 (st, i++, before->id);
  sqlite3_bind_int64 (st, i++, before->version);
  if (!cg_db_step_done (st, WRITING, error))
    return FALSE;
  if (sqlite3_changes (h) != 1)
    {
      /* Read at this version inside this transaction: cannot happen. */
      g_set_error (error, CG_ERROR, CG_ERROR_CONFLICT, "%s", _("the incident changed meanwhile"));
      return FALSE;
    }
  if (!cg_db_incident_audit (actor, action, before->id, detail_text, error))
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

/* A copy of in's fields, for the values after a change. */
static void
copy_all (CgDbIncident *to, const CgDbIncident *from)
{
  *to = *from;
  to->kind = g_strdup (from->kind);
  to->kind_label = g_strdup (from->kind_label);
  to->place = g_strdup (from->place);
  to->description = g_strdup (from->description);
  to->reporter = g_strdup (from->reporter);
  to->reporter_phone = g_strdup (from->reporter_phone);
  to->officer = g_strdup (from->officer);
  to->officer_name = g_strdup (from->officer_name);
  to->status = g_strdup (from->status);
  to->outcome = g_strdup (from->outcome);
  to->created_by = g_strdup (from->created_by);
  to->updated_by = g_strdup (from->updated_by);
}

gboolean
cg_db_incident_update (sqlite3 *h, gint64 id, gint64 version, const CgDbIncident *change,
                       guint mask, const CgDbActor *actor, gboolean *changed, GError **error)
{
  *changed = FALSE;
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_auto (CgDbIncident) before = { 0 };
  if (!current (h, id, version, &before, error) || !refuse_closed (&before, error))
    return FALSE;
  g_auto (CgDbIncident) after = { 0 };
  copy_all (&after, &before);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (mask & fields[i].field)
      copy_field (&after, change, &fields[i]);
  g_free (after.kind_label);
  after.kind_label = g_strdup (change->kind_label);
  if (after.to_us < after.from_us)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("the end of the incident is before its start: correct “from” or "
                            "“to”"));
      return FALSE;
    }
  if (!write_change (h, &before, &after, mask, "incident.update", NULL, actor, changed, error))
    return FALSE;
  return !*changed || cg_db_commit (tx, error);
}

gboolean
cg_db_incident_close (sqlite3 *h, gint64 id, gint64 version, const char *outcome,
                      gboolean footage_helped, const CgDbActor *actor, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_auto (CgDbIncident) before = { 0 };
  if (!current (h, id, version, &before, error) || !refuse_closed (&before, error))
    return FALSE;
  g_auto (CgDbIncident) after = { 0 };
  copy_all (&after, &before);
  g_free (after.status);
  after.status = g_strdup ("closed");
  g_free (after.outcome);
  after.outcome = g_strdup (outcome);
  after.footage_helped = footage_helped ? 1 : 0;
  after.closed_us = actor->now_us;
  gboolean changed = FALSE;
  return write_change (h, &before, &after,
                       CG_DB_INCIDENT_STATUS | CG_DB_INCIDENT_OUTCOME | CG_DB_INCIDENT_FOOTAGE_HELPED,
                       "incident.close", NULL, actor, &changed, error)
         && cg_db_commit (tx, error);
}

gboolean
cg_db_incident_reopen (sqlite3 *h, gint64 id, gint64 version, const char *reason,
                       const CgDbActor *actor, GError **error)
{
  g_autoptr (CgDbTransaction) tx = cg_db_begin (h, CG_DB_TX_WRITE, WRITING, error);
  if (tx == NULL)
    return FALSE;
  g_auto (CgDbIncident) before = { 0 };
  if (!current (h, id, version, &before, error))
    return FALSE;
  if (before.closed_us == 0)
    {
      g_autofree char *code = cg_db_incident_code (&before);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("incident %s is not closed: there is nothing to reopen"), code);
      return FALSE;
    }
  g_auto (CgDbIncident) after = { 0 };
  copy_all (&after, &before);
  g_free (after.status);
  after.status = g_strdup ("verifying");
  after.closed_us = 0;
  GString *extra = g_string_new (NULL);
  cg_db_audit_add (extra, "reason", reason);
  g_autofree char *extra_text = g_string_free (extra, FALSE);
  gboolean changed = FALSE;
  return write_change (h, &before, &after, CG_DB_INCIDENT_STATUS, "incident.reopen", extra_text,
                       actor, &changed, error)
         && cg_db_commit (tx, error);
}
