/* api.h — the methods of the JSON-RPC API, as a table.
 *
 * Each method names the role it needs and its parameters; the dispatcher
 * checks both before the handler runs, so handlers only do their work.
 * Handlers live in api_*.c by subject; doc/protocol.md documents them.
 * They refuse with cg_error_set_text() (common/error.h), so that the
 * reply carries the message's template and the client words it in its
 * reader's language.
 */
#pragma once

#include "common/config.h"
#include "common/error.h"
#include "daemon/db/db.h"
#include "common/jsonrpc.h"
#include "daemon/roles.h"

#include <json-glib/json-glib.h>

typedef struct CgServer CgServer;
typedef struct CgRecorder CgRecorder;
typedef struct CgThumbnails CgThumbnails;
typedef struct CgStorageState CgStorageState;
typedef struct CgDbWriter CgDbWriter;
typedef struct CgExporter CgExporter;
typedef struct CgLiveFrames CgLiveFrames;
typedef struct CgSnapshots CgSnapshots;

/* What handlers may use. */
typedef struct {
  const CgConfig *config;
  CgDb *db;             /* the main thread's connection */
  CgServer *server;     /* for subscriptions */
  gint64 started_us;
  CgThumbnails *thumbnails; /* live pictures and decoding health, or NULL */
  CgStorageState *storage;  /* the storage manager's alerts, or NULL */
  CgDbWriter *writer;       /* the database writer, for its health, or NULL */
  CgExporter *exporter;     /* the export thread, or NULL: exports refused */
  CgLiveFrames *live;       /* each camera's latest full-size keyframe, or NULL */
  CgSnapshots *snapshots;   /* the workers that make full-size pictures, or NULL */
} CgApi;

typedef struct CgApiLater CgApiLater;

/* One call in progress. */
typedef struct {
  CgApi *api;
  JsonObject *params;
  const char *user;
  const char *full_name; /* the user's, from the user database, or NULL */
  CgRole role;
  gpointer peer;        /* the server's peer, for subscriptions */
  guint client;         /* the peer's number, for notifications to it alone; 0: none */
  int fd_out;           /* a file descriptor to pass with the reply, or -1 */
  CgApiLater *later;    /* set by cg_api_later(): the reply comes later */
} CgApiCall;

enum {
  /* The method writes an audit row: limited per user, so that nobody can
   * fill the disk with audit rows. */
  CG_API_AUDITED = 1 << 0,
};

typedef struct {
  const char *name;
  CgRole role;
  const CgRpcParam *params;
  /* Returns the result, or NULL with error (CG_RPC_ERROR domain). */
  JsonNode *(*handler) (CgApiCall *call, GError **error);
  guint flags;          /* CG_API_* */
} CgApiMethod;

/* Runs one request; returns the result or NULL with error set. */
JsonNode *cg_api_dispatch (CgApiCall *call, const char *method, GError **error);

const CgApiMethod *cg_api_find (const char *method);


/* The id of the camera called name (not removed; found as
 * cg_camera_find() finds it, accents and case aside) and, when found is
 * not NULL, its name as stored; or FALSE with a CG_RPC_NOT_FOUND error
 * naming it. */
gboolean cg_api_camera_id (CgApiCall *call, const char *name, gint64 *id, char **found,
                           GError **error);

/* The camera whose recordings a call asks for, by the parameters of
 * CG_API_FOOTAGE_PARAMS: "camera" (a name: the camera not removed that
 * has it, else the removed camera that had it; cg_camera_find_footage())
 * with "removed": true for a removed camera whose name a new one took,
 * or "camera_id" (any camera, removed or not).  FALSE with an error
 * saying what to give. */
typedef struct CgCameraRef CgCameraRef;
gboolean cg_api_footage_camera (CgApiCall *call, CgCameraRef *ref, GError **error);
#define CG_API_FOOTAGE_PARAMS                                                            \
  { "camera", CG_RPC_STRING, FALSE }, { "camera_id", CG_RPC_INT, FALSE },                \
  { "removed", CG_RPC_BOOL, FALSE }

/* "camera_id", "removed" (whether the camera is) and "removed_at" (when,
 * or null), the members every reply about recordings carries. */
void cg_api_add_camera_ref (JsonBuilder *b, const CgCameraRef *ref);

/* Text an officer typed, parameter field: trimmed, NFC; refused (with
 * data.field) when it is not UTF-8, holds a control character (a line
 * break or tab only where multiline) or is longer than max characters.
 * *out: the text, NULL when the parameter is absent. */
gboolean cg_api_text_param (JsonObject *params, const char *field, int max, gboolean multiline,
                            char **out, GError **error);

/* A failure of the daemon's own (its database) as CG_RPC_INTERNAL_ERROR,
 * keeping the message; takes local and returns NULL, for the handler to
 * return. */
gpointer cg_api_internal_error (GError *local, GError **error);

/* Records an audit row for the call's user before the call does what it
 * records: committed when this returns, or, inside the handler's
 * transaction, committed with it (then call cg_api_audit_anchor() after
 * the commit).  FALSE with a CG_RPC_FAILED error saying that nothing was
 * done and what to do: the handler then does nothing. */
gboolean cg_api_audit (CgApiCall *call, const char *action, const char *object,
                       const char *detail, GError **error);

/* Records the head after the handler's transaction holding an audit row
 * committed (the row is written: a failure is only logged). */
void cg_api_audit_anchor (CgApiCall *call);

/* ---- replies that come later ------------------------------------------
 * A handler whose work would hold up the main loop (decoding pictures)
 * hands it to a thread: it calls cg_api_later() and returns NULL without
 * an error.  The server then reads no more of that peer's requests (its
 * replies stay in order) until the thread's result comes back to the
 * main loop and cg_api_later_reply() sends it. */

/* The call's reply comes later; call->later is set. */
CgApiLater *cg_api_later (CgApiCall *call);
/* The work could not be handed over after all: forgets call->later, and
 * the handler returns its error as usual. */
void cg_api_later_drop (CgApiCall *call);
/* The server: which peer and request the reply goes to (id copied). */
void cg_api_later_bind (CgApiLater *later, guint peer_serial, JsonNode *id);
/* The call as the handler had it, without its params, for auditing on
 * the main loop once the work is done (user, role, api). */
CgApiCall *cg_api_later_call (CgApiLater *later);
/* Main loop: sends the result (taken), or the error (taken) when result
 * is NULL, with fd (taken; -1: none); frees later.  Nothing is sent when
 * the peer has gone meanwhile. */
void cg_api_later_reply (CgApiLater *later, JsonNode *result, int fd, GError *error);

/* The method tables of each subject, NULL-name-terminated. */
extern const CgApiMethod cg_api_session_methods[];
extern const CgApiMethod cg_api_camera_methods[];
extern const CgApiMethod cg_api_probe_methods[];
extern const CgApiMethod cg_api_status_methods[];
extern const CgApiMethod cg_api_recording_methods[];
extern const CgApiMethod cg_api_audit_methods[];
extern const CgApiMethod cg_api_thumbnail_methods[];
extern const CgApiMethod cg_api_storage_methods[];
extern const CgApiMethod cg_api_report_methods[];
extern const CgApiMethod cg_api_export_methods[];
extern const CgApiMethod cg_api_export_record_methods[];
extern const CgApiMethod cg_api_snapshot_methods[];
extern const CgApiMethod cg_api_incident_methods[];
extern const CgApiMethod cg_api_incident_change_methods[];
extern const CgApiMethod cg_api_alarm_methods[];
extern const CgApiMethod cg_api_maintenance_methods[];

/* Pushes alarm id as it now stands to the `alarms` topic
 * (alarm.changed). */
void cg_api_alarm_changed (CgApi *api, gint64 id);

/* The CgSnapshotDone of api->snapshots (vision/snapshot.h): replies to
 * the snapshot.get that asked, on the main loop. */
typedef struct CgSnapshotJob CgSnapshotJob;
void cg_api_snapshot_done (CgSnapshotJob *job);
