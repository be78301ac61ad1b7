/* api/incident.h — what the incident methods share: an incident as the
 * API gives it, finding the one a request names, the errors of the
 * database layer as the API's, and telling subscribers of a change.
 * Reading is in incident.c, changing in incident_changes.c. */
#pragma once

#include "daemon/api/api.h"
#include "daemon/db/incidents.h"

/* The incident the parameter "incident" names: its id (an integer, or a
 * string of digits) or its code ("12/2026").  FALSE with the error:
 * -32002 when there is none, -32602 when it is neither. */
gboolean cg_api_incident_find (CgApiCall *call, CgDbIncident *in, GError **error);

/* The same for an id alone (export.create's "incident"). */
gboolean cg_api_incident_get (CgApiCall *call, gint64 id, CgDbIncident *in, GError **error);

/* The record; with_parts: its evidence and exports; with_history: its
 * audit rows too.  NULL with the error when those cannot be read. */
JsonNode *cg_api_incident_node (CgApiCall *call, const CgDbIncident *in, gboolean with_parts,
                                gboolean with_history, GError **error);

/* The whole record of incident id as it is now (the reply to a change). */
JsonNode *cg_api_incident_reply (CgApiCall *call, gint64 id, GError **error);

/* A failure of db/incidents.h as the API's (takes local): not found
 * -32002, a version edited meanwhile -32009 with data version,
 * updated_by and updated, a change its state refuses -32003, the audit
 * row's refusal as it is, else -32603.  Returns NULL. */
gpointer cg_api_incident_error (CgApiCall *call, gint64 id, GError *local, GError **error);

/* incident.changed to subscribers of "incidents": id, code, version, by,
 * action. */
void cg_api_incident_notify (CgApiCall *call, gint64 id, const char *action);

/* The CgDbAuditFunc of the API (data: the call). */
gboolean cg_api_incident_audit (gpointer call, const char *action, const char *object,
                                const char *detail, GError **error);
