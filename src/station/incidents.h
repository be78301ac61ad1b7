/* incidents.h — the post's incident log as the station holds it, without
 * a line of curses: an incident record read from the daemon's JSON, the
 * five statuses and their labels, and the F5 log's state (its search,
 * its filters, the pages it has walked through and the rows on the one
 * shown), from which the next incident.list request is made.
 *
 * The contract is doc/protocol.md, "Incidents".  Pure: tests feed it
 * JSON and read the requests it would send.
 */
#pragma once

#include "client/incident_record.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* footage_helped: yes, no, or not said (null). */
typedef enum {
  CG_HELPED_UNKNOWN = -1,
  CG_HELPED_NO = 0,
  CG_HELPED_YES = 1,
} CgHelped;

typedef struct {
  gint64 id;
  char *camera;
  gint64 from_us, to_us;
  char *added_by;
  gint64 added_us;
  double footage_seconds; /* 0: nothing recorded in the range */
} CgEvidence;

typedef struct {
  gint64 id;
  char *state;
  char *sha256;
  gint64 bytes;
  gint64 created_us;
  char *created_by;
} CgIncidentExport;

/* An audit row of incident.show's history. */
typedef struct {
  gint64 time_us;
  char *user;
  char *action;
  char *detail;
} CgIncidentEvent;

typedef struct {
  gint64 id;
  char *code;             /* "12/2026" */
  char *kind, *kind_label;
  gint64 from_us, to_us;
  char *place, *description, *reporter, *reporter_phone;
  char *map;              /* "40,12" on the commune map, "" when none */
  char *nearest;          /* the nearest cameras in one line, "" when none */
  char *officer, *officer_name;
  char *status;           /* new verifying transferred resolved closed */
  char *outcome;
  CgHelped footage_helped;
  gint64 closed_us, created_us, updated_us; /* 0: none */
  char *created_by, *updated_by;
  gint64 version;
  /* Only from incident.show and the results of changes (else empty). */
  GPtrArray *evidence;    /* CgEvidence* */
  GPtrArray *exports;     /* CgIncidentExport* */
  GPtrArray *history;     /* CgIncidentEvent* */
} CgIncident;

/* A record from its JSON object; NULL when it has no id. */
CgIncident *cg_incident_from_json (JsonObject *o);
void cg_incident_free (CgIncident *inc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgIncident, cg_incident_free)

/* ---- statuses ---------------------------------------------------------- */

#define CG_INCIDENT_N_STATUSES 5
/* The codes in their order: new, verifying, transferred, resolved, closed. */
extern const char *const cg_incident_statuses[CG_INCIDENT_N_STATUSES];
/* Their labels, translated ("mới tiếp nhận"), are the command line's:
 * cg_incident_status_label() in client/incident_record.h. */
/* Its index in cg_incident_statuses, -1 if none. */
int cg_incident_status_index (const char *status);

/* "yes", "no", "not said", translated. */
const char *cg_incident_helped_label (CgHelped helped);

/* The kinds incident.kinds lists: code and label. */
typedef struct {
  char *code, *label;
} CgIncidentKind;
/* From the reply's object; a new array of CgIncidentKind* (freed with
 * it). */
GPtrArray *cg_incident_kinds_from_json (JsonObject *reply);
/* The kind's label among kinds, else the code itself. */
const char *cg_incident_kind_label (GPtrArray *kinds, const char *code);

/* What an officer typed to name an incident: "12" (that number this
 * year), "12/2026" or " 12 / 2026 ".  The code to send as `incident`, or
 * NULL with a CG_ERROR_USAGE error saying what to type. */
char *cg_incident_ref_parse (const char *text, int this_year, GError **error);

/* ---- the F5 log ---------------------------------------------------------- */

/* The status filter's steps, in the order the key walks them: all, open
 * (all but closed), then each status. */
#define CG_INCIDENT_N_STATUS_FILTERS (2 + CG_INCIDENT_N_STATUSES)

typedef struct {
  /* The search and the filters (NULL or 0: none). */
  char *search;
  int status_filter;      /* 0: all, 1: open, 2 + i: cg_incident_statuses[i] */
  char *kind;
  char *camera;
  gint64 from_us, to_us;
  int limit;              /* rows a page */

  /* Paging: the cursor of each page walked to (NULL: the first). */
  GPtrArray *cursors;     /* char* or NULL */
  guint page;             /* index into cursors */
  char *next;             /* the reply's next, NULL on the last page */

  /* The page shown. */
  GPtrArray *rows;        /* CgIncident* */
  gint64 total;
  guint selected;
  gint64 selected_id;     /* kept when the page is listed again */
  gboolean stale;         /* the search or a filter changed: list again */
} CgIncidentList;

CgIncidentList *cg_incident_list_new (int limit);
void cg_incident_list_free (CgIncidentList *l);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgIncidentList, cg_incident_list_free)

/* The status filter's code to send ("open", "new" ...), NULL for all;
 * and its words for the heading. */
const char *cg_incident_list_status_code (const CgIncidentList *l);
const char *cg_incident_list_status_label (const CgIncidentList *l);

/* Changing the search or a filter starts again from the first page. */
void cg_incident_list_set_search (CgIncidentList *l, const char *search);
void cg_incident_list_next_status (CgIncidentList *l);
/* The next of choices after the current value (NULL: all comes first and
 * after the last): kinds by code, cameras by name. */
void cg_incident_list_set_kind (CgIncidentList *l, const char *kind);
void cg_incident_list_set_camera (CgIncidentList *l, const char *camera);
void cg_incident_list_set_range (CgIncidentList *l, gint64 from_us, gint64 to_us);
/* The value after current among choices (NULL first and after the last). */
const char *cg_incident_cycle (const char *const *choices, guint n, const char *current);

/* The params of incident.list for the page shown: the search, the
 * filters, limit and the page's cursor. */
JsonNode *cg_incident_list_params (const CgIncidentList *l);
/* Takes a reply of incident.list for that page; FALSE (and nothing
 * changed) when it is not one. */
gboolean cg_incident_list_take (CgIncidentList *l, JsonObject *reply);

/* PgDn: to the next page when there is one; PgUp: back.  TRUE when the
 * page changed (then list again). */
gboolean cg_incident_list_page_down (CgIncidentList *l);
gboolean cg_incident_list_page_up (CgIncidentList *l);
/* The selection by delta rows (clamped), or to the first or last. */
void cg_incident_list_move (CgIncidentList *l, int delta);
/* The selected incident, or NULL. */
CgIncident *cg_incident_list_selected (const CgIncidentList *l);
/* The first row's number in the whole list (1-based), for "21–40 of N". */
guint cg_incident_list_first_number (const CgIncidentList *l);
