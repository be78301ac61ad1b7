/* model.h — the cameras as the station's screens see them.
 *
 * Fed the daemon's replies (camera.list and status merged, storage.status,
 * camera.state notifications) and told when the daemon cannot be reached,
 * the model answers what every screen draws: which cameras pass the "/"
 * filter (accents and case aside, so "cho" finds "Chợ Hoàng Kim" also on
 * a terminal that shows "Cho Hoang Kim"), in which order (Vietnamese
 * collation, worst state first, ...), which state to show — never an old
 * "recording" in green while the daemon is gone: every camera is
 * "unknown" until it answers again —, and what to advise, from the
 * reason or from a weak-link verdict that does not flap (link_judge.h).
 *
 * Pure: no curses, no socket, no clock (the time comes with each
 * update), so tests/unit/station/test_model.c drives it with replies.
 */
#pragma once

#include "station/link_judge.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* One camera: camera.list and status merged. */
typedef struct {
  char *name;
  char *place;
  char *state;   /* as the daemon last said it: CG_STATE_*, common/camera_state.h */
  char *reason;  /* code, common/reason.h */
  char *since;   /* when the state began (ISO 8601), or NULL */
  char *decode_error; /* why its last keyframe could not be decoded, or NULL */
  gboolean has_map;
  int map_x, map_y;
  gint64 bitrate;
  double fps;
  gint64 keyframe_interval_ms; /* 0: unknown */
  double last_frame_age;       /* < 0: unknown */
  gint64 reconnects;
  double uptime_24h;
  double days_kept;            /* < 0: unknown */
  gint64 created_us;           /* when it was added; 0: unknown */
  CgLinkJudge link;            /* kept from refresh to refresh, by name */
} CgStationCamera;

typedef enum {
  CG_MODEL_NEVER_REACHED, /* the daemon has not answered since the station started */
  CG_MODEL_CONNECTED,
  CG_MODEL_STALE,         /* it answered, then went away: what is known is old */
} CgModelConnection;

typedef enum {
  CG_SORT_NAME,    /* Vietnamese collation */
  CG_SORT_STATE,   /* worst first, then by name */
  CG_SORT_BITRATE, /* lowest first */
  CG_SORT_UPTIME,  /* least recorded first */
  CG_N_SORTS
} CgModelSort;

typedef struct CgModel CgModel;

CgModel *cg_model_new (void);
void cg_model_free (CgModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgModel, cg_model_free)

/* ---- what the daemon says ------------------------------------------------- */

/* A refresh: the results of camera.list and status, at now_us.  Replaces
 * the cameras (keeping each one's link verdict, by name), steps the
 * weak-link judges, and marks the daemon reached. */
void cg_model_take_status (CgModel *model, JsonObject *camera_list, JsonObject *status,
                           gint64 now_us);

/* The days kept per camera, from storage.status (asked less often). */
void cg_model_take_storage (CgModel *model, JsonObject *storage_status);

/* A camera.state notification; TRUE when it changed a camera. */
gboolean cg_model_take_state (CgModel *model, JsonObject *params);

/* The daemon cannot be reached (why: for the officer). */
void cg_model_lost (CgModel *model, const char *why);

/* ---- what the screens draw -------------------------------------------------- */

CgModelConnection cg_model_connection (const CgModel *model);
/* Why the daemon is not answering, or NULL when it is. */
const char *cg_model_problem (const CgModel *model);

/* Every camera, in name order (borrowed). */
GPtrArray *cg_model_cameras (const CgModel *model);
CgStationCamera *cg_model_find (const CgModel *model, const char *name);

/* The cameras passing filter (NULL or "": all), in the sort's order: a
 * new array of borrowed pointers. */
GPtrArray *cg_model_visible (const CgModel *model, const char *filter, CgModelSort sort);

/* TRUE when filter (as typed) matches the camera's name or place,
 * accents and case aside. */
gboolean cg_model_matches (const CgStationCamera *camera, const char *filter);

/* The state to draw: "unknown" while the daemon is away, else the
 * daemon's. */
const char *cg_model_state (const CgModel *model, const CgStationCamera *camera);

/* TRUE when the camera's bitrate and frame rate mean something now. */
gboolean cg_model_is_live (const CgModel *model, const CgStationCamera *camera);

/* What to tell the officer about the camera, translated ("" for nothing):
 * the reason it does not record (with what to do), or the advice for a
 * weak link.  warning: set when it is the weak-link advice. */
char *cg_model_advice (const CgModel *model, const CgStationCamera *camera, gboolean *warning);

/* Cameras expected to record that do not (0 while the daemon is away:
 * their states are not known). */
guint cg_model_down_count (const CgModel *model);

/* What a screen says instead of an empty list, translated: the daemon
 * never reached ("cannot reach canhgacd: why"), nothing matching the
 * filter, or no cameras at all. */
char *cg_model_empty_text (const CgModel *model, const char *filter);

/* Storage, from status: bytes used by recordings and free on the disk,
 * and the storage manager's alerts (borrowed, may be empty). */
gint64 cg_model_recordings_bytes (const CgModel *model);
gint64 cg_model_free_bytes (const CgModel *model);
/* The audit log's head as officers copy it onto paper, a sentence; NULL
 * before the daemon said it. */
char *cg_model_audit_line (const CgModel *model);
JsonArray *cg_model_alerts (const CgModel *model);

/* The sort's name, N_(). */
const char *cg_model_sort_name (CgModelSort sort);
