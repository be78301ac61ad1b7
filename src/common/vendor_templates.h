/* vendor_templates.h — the brands of camera and where each serves its
 * video: the templates of data/camera-vendors.conf, read and expanded
 * into the RTSP addresses to try for a camera of that brand.
 *
 * Pure: reading a file's text and building addresses, no connection.
 * The addresses carry no credentials; a brand that wants the password in
 * the path (Xiongmai) gets the "{password}" slot that camera_url.c keeps
 * in stored addresses and fills in only for the connection.
 */
#pragma once

#include <glib.h>

#define CG_VENDORS_FILE "camera-vendors.conf"
/* A channel past this is a typing mistake, not a recorder's input. */
#define CG_VENDOR_CHANNEL_MAX 256

typedef struct {
  char *id;       /* the group's name, as typed after --vendor: "hikvision" */
  char *label;    /* as shown: "Hikvision" */
  GStrv aliases;  /* other names ("kbvision"), possibly empty */
  char *user;     /* the user name the brand ships with */
  guint port;     /* its RTSP port, 554 */
  GStrv main;     /* the main stream's path templates, in order; at least one */
  GStrv sub;      /* the sub-stream's, possibly empty */
} CgVendor;

typedef struct CgVendors CgVendors;

/* Reads the templates from text (the file's contents; origin names it in
 * errors).  Every group needs a label and a main path; a path must start
 * with "/" and use only {channel}, {user} and {password}. */
CgVendors *cg_vendors_parse (const char *text, gsize len, const char *origin, GError **error);
/* Reads the file at path. */
CgVendors *cg_vendors_load_file (const char *path, GError **error);
/* Where the file is: data/ beside the running program (a build tree),
 * else the installed one under the package's data directory. */
char *cg_vendors_default_path (void);
void cg_vendors_free (CgVendors *vendors);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgVendors, cg_vendors_free)

guint cg_vendors_count (const CgVendors *vendors);
const CgVendor *cg_vendors_nth (const CgVendors *vendors, guint i);
/* The brand called name (its id or an alias, case aside), or NULL. */
const CgVendor *cg_vendors_find (const CgVendors *vendors, const char *name);
/* "hikvision, dahua, ...": the ids, for an error naming the known ones. */
char *cg_vendors_names (const CgVendors *vendors);

/* Whether host is an IPv4 or IPv6 address or a host name that can stand
 * in an RTSP address. */
gboolean cg_vendor_host_valid (const char *host);

/* The addresses to try, in order, for the main stream (sub FALSE) or the
 * sub-stream: "rtsp://HOST:PORT/path" with {channel} and {user} filled
 * in (user: NULL for the brand's) and {password} kept as a slot.  host
 * must pass cg_vendor_host_valid(); an IPv6 address is bracketed. */
GPtrArray *cg_vendor_urls (const CgVendor *vendor, gboolean sub, const char *host, guint port,
                           guint channel, const char *user);
