/* incident_record.h — an incident as a record to print: its fields, its
 * evidence ranges, the exports made for it with their SHA-256, and the
 * audit trail of its changes; as text in the officer's language, or as
 * one self-contained HTML page laid out for A4.
 *
 * Pure: an incident.show result in, text out.  Times in the reader's
 * local time, dd/mm/yyyy HH:MM:SS.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* "being verified" for "verifying", in the reader's language; the code
 * itself when it is not one of the five. */
const char *cg_incident_status_label (const char *status);

char *cg_incident_record_text (JsonObject *incident);
char *cg_incident_record_html (JsonObject *incident);

/* The incident's "map" position ("40,12"), or "-" when none (to be
 * freed). */
char *cg_incident_map_text (JsonObject *incident);

/* Its nearest cameras in one line: "Chợ Hoàng Kim (Cổng chợ), 1.0; ...",
 * NULL when none are given (to be freed). */
char *cg_incident_nearest_text (JsonObject *incident);
