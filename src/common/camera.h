/* camera.h — a camera as the database keeps it, and the rules for its
 * fields.
 *
 * Credentials are stored apart from the URL (columns username/password)
 * so that the URL can be shown anywhere; cg_camera_stream_url() puts them
 * back only for the connection itself.  A URL someone typed with
 * credentials in it (rtsp://admin:pw@host/...) is split on the way in.
 */
#pragma once

#include <glib.h>

typedef enum {
  CG_TRANSPORT_TCP,
  CG_TRANSPORT_UDP,
} CgTransport;

typedef enum {
  CG_FUNDING_UNKNOWN,
  CG_FUNDING_BUDGET,    /* bought from the commune budget */
  CG_FUNDING_COMMUNITY, /* donated or hosted by a household or business */
} CgFunding;

typedef enum {
  CG_HOST_UNKNOWN,
  CG_HOST_HOUSEHOLD, /* a family lends the wall, the power, the line */
  CG_HOST_BUSINESS,  /* a shop, a market stall, a company */
} CgHostKind;

typedef struct {
  gint64 id;
  char *name;          /* unique among cameras not removed; 1-64 chars, no '/' */
  char *url;           /* rtsp://host[:port]/path, without credentials */
  char *username;      /* NULL: none */
  char *password;      /* NULL: none */
  char *substream_url; /* NULL: none */
  CgTransport transport;
  char *place;         /* free text, NULL: none */
  gboolean has_map;
  int map_x, map_y;    /* position on the commune map, when has_map */
  CgFunding funding;
  char *donor;         /* who gave it; only with CG_FUNDING_COMMUNITY or unknown */
  CgHostKind host_kind;
  char *host_name, *host_phone, *host_address; /* the household hosting it */
  char *power_by, *network_by;
  char *network_plan;  /* the line's plan or speed, "VNPT 30 Mbps" */
  char *installed_on;  /* yyyy-mm-dd, NULL: unknown */
  char *brand, *model, *serial;
  char *warranty_until; /* yyyy-mm-dd, not before installed_on */
  char *notes;         /* free text, newlines allowed, at most 1000 characters */
  gboolean enabled;
  gint64 created_us, updated_us;
  double motion_sensitivity; /* 0-1; < 0: the default */
  char *motion_mask;   /* cells motion ignores (daemon/motion.h), NULL: none */
  gint64 full_rate_us;        /* [storage] full_rate_days for this camera; 0: the default */
  gint64 retention_target_us; /* [storage] retention_target_days likewise */
} CgCamera;

CgCamera *cg_camera_new (void);
CgCamera *cg_camera_copy (const CgCamera *camera);
void cg_camera_free (CgCamera *camera);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCamera, cg_camera_free)

/* Checks every field and brings it to the form the database keeps
 * (NFC text, URL without credentials, NULL for empty).  A refusal names
 * the field it is about (cg_error_set_field(): the API's parameter). */
gboolean cg_camera_normalize (CgCamera *camera, GError **error);

/* The longest free text of a camera, and the notes' own limit. */
#define CG_CAMERA_TEXT_MAX_CHARS 200
#define CG_CAMERA_NOTES_MAX_CHARS 1000

/* Checks a name: 1-64 characters of printable UTF-8, no '/' and no
 * leading '.' (it names a directory of recordings). */
gboolean cg_camera_name_valid (const char *name, GError **error);

/* Splits "rtsp://user:pw@host:554/path" into a URL without credentials
 * and the credentials (percent-decoded).  Only rtsp:// and rtsps:// URLs
 * with a host are accepted; the error says what a camera URL looks like. */
gboolean cg_camera_url_parse (const char *text, char **url, char **username,
                              char **password, GError **error);

/* The URL to connect to: credentials percent-encoded back in. */
char *cg_camera_stream_url (const CgCamera *camera);

/* A URL safe for logs and screens: any password replaced by "***". */
char *cg_url_mask (const char *url);

/* "rtsp://host:port" only: what a user who may not see credentials is
 * shown of a URL (its path or query may hold a password or an account). */
char *cg_url_host_port (const char *url);

/* Names of the enumerations as the database, the command line and JSON
 * spell them ("tcp", "budget"...); NULL for CG_FUNDING_UNKNOWN. */
const char *cg_transport_to_string (CgTransport transport);
gboolean cg_transport_from_string (const char *text, CgTransport *out);
const char *cg_funding_to_string (CgFunding funding);
/* "budget" or "community"; an empty text is CG_FUNDING_UNKNOWN. */
gboolean cg_funding_from_string (const char *text, CgFunding *out);
/* "household" or "business"; NULL and "" likewise for CG_HOST_UNKNOWN. */
const char *cg_host_kind_to_string (CgHostKind kind);
gboolean cg_host_kind_from_string (const char *text, CgHostKind *out);

/* Reads a map position typed as "X,Y" (non-negative integers, spaces
 * allowed around them). */
gboolean cg_camera_map_parse (const char *text, int *x, int *y, GError **error);
