/* db/incidents.h — the post's incident log: incidents, their evidence
 * ranges, the exports linked to them, and their audit trail.
 *
 * An incident is numbered per year ("12/2026"), the year it is recorded
 * in, local time.  Every change goes up a version, and is refused when
 * the caller read an older version (optimistic concurrency: two stations
 * editing the same incident never save over each other unseen).  Every
 * change writes its audit row in the same transaction as the change,
 * through the caller's CgDbAudit, with the old and new values of each
 * field it changed: both or neither.  An evidence range taken off is
 * kept, with who took it off, when and why.
 *
 * `search` holds cg_text_fold() of the kind's label, the place, the
 * description, the reporter and the code, so that "cho" finds "Chợ".
 * Evidence and history are in incident_evidence.c.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* Writes one audit row (action, object "incident:<id>", detail) inside
 * the transaction the change is made in; FALSE with error refuses the
 * change. */
typedef gboolean (*CgDbAuditFunc) (gpointer data, const char *action, const char *object,
                                   const char *detail, GError **error);

/* Who makes a change, when, and how it is audited. */
typedef struct {
  const char *user;
  gint64 now_us;
  CgDbAuditFunc audit;
  gpointer audit_data;
} CgDbActor;

typedef struct {
  gint64 id;
  int year, number;
  char *kind;
  char *kind_label;      /* not stored: for the search text */
  gint64 from_us, to_us;
  char *place, *description, *reporter, *reporter_phone;
  char *officer, *officer_name;
  char *status;
  char *outcome;
  int footage_helped;    /* -1: not said yet; 0, 1 */
  gint64 closed_us;      /* 0: not closed */
  gboolean has_map;      /* where on the commune map: map_x, map_y */
  int map_x, map_y;
  char *created_by, *updated_by;
  gint64 created_us, updated_us;
  gint64 version;
} CgDbIncident;

void cg_db_incident_clear (CgDbIncident *in);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgDbIncident, cg_db_incident_clear)

/* "12/2026", to be freed. */
char *cg_db_incident_code (const CgDbIncident *in);

/* The five statuses, in order; TRUE when status is one. */
extern const char *const cg_db_incident_statuses[];
gboolean cg_db_incident_status_valid (const char *status);

/* The fields the log keeps, as the API and the audit rows name them. */
typedef enum {
  CG_DB_INCIDENT_KIND = 1 << 0,
  CG_DB_INCIDENT_FROM = 1 << 1,
  CG_DB_INCIDENT_TO = 1 << 2,
  CG_DB_INCIDENT_PLACE = 1 << 3,
  CG_DB_INCIDENT_DESCRIPTION = 1 << 4,
  CG_DB_INCIDENT_REPORTER = 1 << 5,
  CG_DB_INCIDENT_REPORTER_PHONE = 1 << 6,
  CG_DB_INCIDENT_STATUS = 1 << 7,
  CG_DB_INCIDENT_OUTCOME = 1 << 8,
  CG_DB_INCIDENT_FOOTAGE_HELPED = 1 << 9,
  CG_DB_INCIDENT_MAP = 1 << 10,      /* has_map, map_x, map_y */
} CgDbIncidentField;

/* A new incident from in (kind, kind_label, from_us, to_us, place,
 * description, reporter, reporter_phone, officer, officer_name, status,
 * the map position),
 * numbered next in the year of actor->now_us, with its audit row
 * ("incident.create"); then each camera of camera_ids (may be NULL) gets
 * an evidence range from from_us - margin to to_us + margin, each with
 * its row ("incident.attach").  All in one transaction.  Sets in->id,
 * year, number, version and the rest as stored. */
gboolean cg_db_incident_create (sqlite3 *h, CgDbIncident *in, const GArray *camera_ids,
                                gint64 margin_us, const CgDbActor *actor, GError **error);

/* One incident, by id; *found FALSE when none. */
gboolean cg_db_incident_get (sqlite3 *h, gint64 id, CgDbIncident *in, gboolean *found,
                             GError **error);
/* By its code "N/YYYY". */
gboolean cg_db_incident_get_code (sqlite3 *h, int number, int year, CgDbIncident *in,
                                  gboolean *found, GError **error);

typedef struct {
  const char *search;   /* words, each found in the folded text; NULL: any */
  const char *status;   /* a status, or "open": all but closed; NULL: any */
  const char *kind;
  gint64 camera_id;     /* with evidence on this camera (not taken off); 0: any */
  const char *place;    /* folded, within the place */
  gint64 from_us, to_us; /* overlapping this period; 0: open-ended */
  guint limit;
  const char *cursor;   /* from a previous page's next, or NULL */
} CgDbIncidentQuery;

/* The incidents that match, newest first (by from, then id): an array of
 * CgDbIncident that clears them; *total: how many match in all; *next:
 * the cursor of the next page, or NULL when this is the last.  FALSE with
 * a CG_ERROR_USAGE error when the cursor is not one this gave. */
GArray *cg_db_incidents_list (sqlite3 *h, const CgDbIncidentQuery *q, gint64 *total,
                              char **next, GError **error);

/* Changes the fields in mask to the values in change, when the incident
 * is at version; the version goes up and the audit row
 * ("incident.update") says each field's old and new value.  A field whose
 * value is the same is not a change; nothing changed is no change at all
 * (*changed FALSE, no row).  CG_ERROR_CONFLICT when the incident is at
 * another version; CG_ERROR_NOT_FOUND when there is none. */
gboolean cg_db_incident_update (sqlite3 *h, gint64 id, gint64 version, const CgDbIncident *change,
                                guint mask, const CgDbActor *actor, gboolean *changed,
                                GError **error);

/* Closes it at version with outcome and footage_helped
 * ("incident.close"). */
gboolean cg_db_incident_close (sqlite3 *h, gint64 id, gint64 version, const char *outcome,
                               gboolean footage_helped, const CgDbActor *actor, GError **error);

/* Reopens a closed incident at version, as "verifying", saying why
 * ("incident.reopen"). */
gboolean cg_db_incident_reopen (sqlite3 *h, gint64 id, gint64 version, const char *reason,
                                const CgDbActor *actor, GError **error);

/* "X,Y" of the incident's map position, or NULL when it has none (to be
 * freed). */
char *cg_db_incident_map_text (const CgDbIncident *in);

typedef struct {
  char *name, *place;
  double distance;       /* in the map's units */
} CgDbNearCamera;

/* Up to limit cameras (not removed) with a map position, nearest to x, y
 * first (then by name): an array of CgDbNearCamera that clears them. */
GArray *cg_db_cameras_nearest (sqlite3 *h, int x, int y, guint limit, GError **error);

/* ---- incident_evidence.c ------------------------------------------------ */

typedef struct {
  gint64 id, incident_id, camera_id;
  char *camera;          /* its name */
  gint64 from_us, to_us;
  char *added_by;
  gint64 added_us;
  char *removed_by, *removed_reason;
  gint64 removed_us;     /* 0: still evidence */
  gint64 footage_us;     /* how much of the range is recorded */
} CgDbEvidence;

typedef struct {
  gint64 id;
  char *state, *sha256, *created_by;
  gint64 bytes, created_us;
} CgDbIncidentExport;

typedef struct {
  gint64 id, at_us;
  char *user, *action, *detail;
} CgDbIncidentEvent;

/* Arrays that clear their elements. */
GArray *cg_db_evidence_array_new (void);

/* The footage recorded of camera_id between from_us and to_us (segments
 * not lost nor damaged; one still open counts up to now_us). */
gboolean cg_db_footage_us (sqlite3 *h, gint64 camera_id, gint64 from_us, gint64 to_us,
                           gint64 now_us, gint64 *footage_us, GError **error);

/* A range of camera_id's footage made evidence of incident id (which must
 * not be closed: CG_ERROR_CONFLICT); the version goes up; audited
 * ("incident.attach").  *evidence_id: the new range's. */
gboolean cg_db_incident_attach (sqlite3 *h, gint64 id, gint64 camera_id, gint64 from_us,
                                gint64 to_us, const CgDbActor *actor, gint64 *evidence_id,
                                GError **error);

/* Evidence range evidence_id of incident id taken off, saying why; the
 * row stays (removed_*); the version goes up; audited ("incident.detach").
 * CG_ERROR_NOT_FOUND: no such range of this incident; CG_ERROR_CONFLICT:
 * taken off already. */
gboolean cg_db_incident_detach (sqlite3 *h, gint64 id, gint64 evidence_id, const char *reason,
                                const CgDbActor *actor, GError **error);

/* The incident's evidence ranges, those taken off too (last), with their
 * footage up to now_us. */
GArray *cg_db_incident_evidence (sqlite3 *h, gint64 id, gint64 now_us, GError **error);

/* The exports made for the incident, oldest first. */
GArray *cg_db_incident_exports (sqlite3 *h, gint64 id, GError **error);

/* Its audit rows (object "incident:<id>"), oldest first. */
GArray *cg_db_incident_history (sqlite3 *h, gint64 id, GError **error);

/* Writes the change's row through the actor; for incidents.c and
 * incident_evidence.c. */
gboolean cg_db_incident_audit (const CgDbActor *actor, const char *action, gint64 id,
                               const char *detail, GError **error);
/* Appends ` name=value` (value as a JSON literal: a string quoted and
 * escaped, or null) to an audit detail. */
void cg_db_audit_add (GString *detail, const char *name, const char *value);

/* ---- for the files of the incident log ----------------------------------- */

#define CG_DB_INCIDENT_COLUMNS                                                             \
  " id, year, number, kind, from_us, to_us, place, description, reporter, reporter_phone," \
  " officer, officer_name, status, outcome, coalesce(footage_helped, -1),"                 \
  " coalesce(closed_us, 0), created_by, created_us, updated_by, updated_us, version,"     \
  " map_x, map_y"
/* A row of CG_DB_INCIDENT_COLUMNS. */
void cg_db_incident_read_row (sqlite3_stmt *st, CgDbIncident *in);
/* cg_text_fold() of what is searched: the kind's label, place,
 * description, reporter, code. */
char *cg_db_incident_search_text (const CgDbIncident *in);
