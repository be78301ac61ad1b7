/* screens/maintenance_state.h — the F8 screen's state, shared by its
 * list and lifecycle (maintenance.c) and a camera's page and the form
 * (maintenance_page.c).  Not for other screens. */
#pragma once

#include "station/maintenance_form.h"
#include "station/screen.h"

#include <json-glib/json-glib.h>

typedef enum {
  VIEW_LIST,
  VIEW_PAGE, /* one camera */
} View;

typedef struct {
  CgStation *st;
  int rows, cols;
  JsonArray *cameras;      /* maintenance.overview's, or NULL */
  gint64 read_us;          /* monotonic: when it was read */
  guint64 read_serial;     /* st->cameras_serial then */
  guint selected;
  View view;
  char *page_camera;       /* the page's camera, by name */
  JsonArray *log;          /* its entries (maintenance.list) */
  JsonArray *outages;      /* its outages (maintenance.outages) */
  JsonObject *inventory;   /* the camera as camera.get gives it, or NULL */
  gboolean page_stale;
  int scroll;
  CgMaintForm *form;
  gboolean form_leaving;
  char *notice;
  gboolean notice_bad;
} Maint;

/* maintenance.c */
void maint_notice (Maint *m, gboolean bad, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Calls the daemon; NULL with error and *data (may be NULL) the
 * refusal's data, a new reference. */
JsonNode *maint_call (Maint *m, const char *method, JsonNode *params, JsonNode **data,
                      GError **error);
/* A string member, or NULL; a time member (UTC microseconds), or 0. */
const char *maint_str (JsonObject *o, const char *name);
gint64 maint_time_of (JsonObject *o, const char *name);
/* "318 ngày" since installed_on, "—" when unknown. */
char *maint_age_text (JsonObject *camera);
JsonArray *maint_suggestions_of (JsonObject *camera);
/* The page's camera as the overview has it, or NULL. */
JsonObject *maint_page_camera (Maint *m);
/* The news on the last line. */
void maint_paint_foot (Maint *m, WINDOW *win, int rows, int cols);

/* maintenance_page.c */
void maint_paint_page (Maint *m, WINDOW *win, int rows, int cols);
void maint_paint_form (Maint *m, WINDOW *win, int rows, int cols);
/* A key while the form is open: the field with focus, then the form's
 * keys (cg_maintenance_form_keys). */
int maint_form_key (Maint *m, int key);
