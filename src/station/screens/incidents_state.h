/* screens/incidents_state.h — the F5 screen's state, shared by its log
 * and lifecycle (incidents.c), an incident's page (incidents_page.c) and
 * its forms (incidents_form.c).  Not for other screens: they use
 * incidents.h. */
#pragma once

#include "station/incident_form.h"
#include "station/incidents.h"
#include "station/screen.h"
#include "station/screens/incidents.h"

typedef enum {
  INC_VIEW_LIST,
  INC_VIEW_PAGE, /* one incident in full */
} IncView;

typedef struct {
  CgStation *st;
  int rows, cols;
  CgIncidentList *list;
  GPtrArray *kinds;        /* CgIncidentKind*, from incident.kinds; NULL until asked */
  IncView view;
  CgIncident *shown;       /* the page's incident, from incident.show */
  gint64 shown_id;
  gboolean shown_stale;    /* show it again at the next update */
  int scroll;              /* the page's first line */
  gboolean editing_search;
  CgTextField *search_edit;
  CgIncidentForm *form;    /* a form open over the log or the page */
  gboolean form_leaving;   /* Esc pressed once on a form with changes */
  guint64 listed_serial;   /* st->incidents_serial when last listed */
  char *notice;            /* a line of news: saved, refused, attached */
  gboolean notice_bad;
} Incidents;

/* incidents.c */
void inc_notice (Incidents *in, gboolean bad, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Calls the daemon; NULL with error (code, message worded here) and
 * *data (may be NULL) the refusal's data, a new reference. */
JsonNode *inc_call (Incidents *in, const char *method, JsonNode *params, JsonNode **data,
                    GError **error);
/* Asks for the kinds when they are not known yet. */
void inc_load_kinds (Incidents *in);
/* The incident page of id (incident.show). */
void inc_open_page (Incidents *in, gint64 id);

/* incidents_page.c */
void inc_paint_page (Incidents *in, WINDOW *win, int rows, int cols);
int inc_page_lines (Incidents *in, int cols);

/* incidents_form.c */
void inc_form_open (Incidents *in, CgFormKind kind, const CgIncident *inc);
int inc_form_key (Incidents *in, int key);
void inc_paint_form (Incidents *in, WINDOW *win, int rows, int cols);
void inc_form_close (Incidents *in);
