/* screens/incidents.h — F5 Vụ việc: the post's incident log, an
 * incident's page, and the forms that record, change, close, reopen
 * incidents and attach footage to them (doc/protocol.md, "Incidents").
 *
 * The log is listed by the daemon, newest first, a page at a time
 * (its cursor): the search is folded by the daemon ("cho" finds "Chợ"),
 * the filters (status, kind, camera, dates) are sent with it.  Every
 * station subscribes to "incidents": an incident.changed notification
 * lists the page again at once (data.c).
 *
 * The playback screen (F6) uses the two calls below for its marks.
 */
#pragma once

#include "station/incidents.h"
#include "station/station.h"

/* F5 in front, with the new-incident form open: the camera in its
 * cameras and the range in its times. */
void cg_incidents_new_from_range (CgStation *st, const char *camera, gint64 from_us, gint64 to_us);

/* Attaches camera's footage from from_us to to_us to the incident the
 * officer named (ref: "12" or "12/2026", cg_incident_ref_parse); the
 * incident as it is now, or NULL with the daemon's refusal. */
/* The same from an alarm (Status, !): camera may be NULL; the
 * description is filled in with what the alarm was. */
void cg_incidents_new_from_alarm (CgStation *st, const char *camera, gint64 from_us, gint64 to_us,
                                  const char *description);

CgIncident *cg_incidents_attach (CgStation *st, const char *ref, const char *camera, gint64 from_us,
                                 gint64 to_us, GError **error);

/* The keys of a form open on F5 (for help). */
extern const CgKeyRow cg_incident_form_keys[];
