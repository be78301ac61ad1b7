/* config.h — canhgac's one configuration file.
 *
 * An INI file read with GKeyFile, shared by canhgacd, canhgac and
 * canhgac-camsim.  Every key is described once, in the table in config.c
 * (type, default, accepted range); data/canhgac.conf documents the same
 * keys and a test keeps the two in step.  A value that cannot be used is
 * an error naming the file, group, key, value and what is accepted: a
 * police post must never run on a setting nobody chose.
 */
#pragma once

#include <glib.h>

/* The system's paths, whatever the install prefix: a daemon's
 * configuration, state and socket live where administrators look. */
#define CG_CONFIG_DEFAULT_PATH "/etc/canhgac/canhgac.conf"

/* A size: a number of bytes, or a share of the filesystem holding the
 * recordings (resolved only when that filesystem is known). */
typedef struct {
  gboolean percent;
  double value; /* bytes, or percent in [0, 100] */
} CgSize;

/* [incidents] kinds: the kinds of incident the post records, each a
 * code (what the API and the database keep) and its label (what officers
 * read), in the order the file gives them. */
typedef struct {
  char **codes;  /* NULL-terminated */
  char **labels; /* as many */
} CgIncidentKinds;

/* Hours of the day from `from` to `to` (0 to 24; "22-6" wraps past
 * midnight): "on" is 0-24, "off" has from = -1. */
typedef struct {
  int from, to;
} CgHours;

/* Whether the hour (0 to 23) is within the hours. */
gboolean cg_hours_contain (const CgHours *hours, int hour);

typedef struct {
  char *path; /* the file read, or NULL when none was (built-in defaults) */

  /* [daemon] */
  char *data_dir;
  char *socket_path;
  char *group;

  /* [capture] */
  gint64 segment_us;
  gint64 stall_us;

  /* [storage] */
  CgSize quota;
  CgSize min_free;
  gint64 full_rate_us;
  gint64 retention_target_us;

  /* [export]: evidence exports */
  gint64 export_max_us; /* the longest range one export may cover */

  /* [incidents]: the post's log of incidents */
  CgIncidentKinds incident_kinds;
  int keep_days_after_close; /* evidence kept this many days after its incident is closed */

  /* [alarms]: what rings at the stations */
  gint64 alarm_camera_after; /* a camera offline or stalled this long raises an alarm */
  char **alarm_motion_cameras; /* camera names whose motion raises an alarm */
  CgHours alarm_motion_hours;  /* ... within these hours */

  /* [maintenance]: which cameras the maintenance suggestions name */
  gint64 maintenance_offline_alert;  /* offline this long */
  int maintenance_outages_per_month; /* more outages than this in 30 days */
  int maintenance_weak_link_days;    /* a weak link this many days running */
  int maintenance_inspect_after_days; /* this long without an inspection */

  /* [thumbnails]: live pictures and motion, from keyframes */
  gint64 thumbnail_interval_us; /* 0: no decoding at all */
  int thumbnail_width;

  /* [report]: how the periodic reports are headed and signed, and the
   * distance on the commune map beyond which an incident had no camera
   * near it. */
  char *report_unit_above;   /* "CÔNG AN HUYỆN HOẰNG HÓA" */
  char *report_unit;         /* "CÔNG AN XÃ HOẰNG KIM" */
  char *report_place;        /* "Hoằng Kim": the place and date line */
  char *report_symbol;       /* "BC-CAX": after the number */
  char *report_signer_title; /* "TRƯỞNG CÔNG AN XÃ" */
  char *report_signer_name;
  char **report_recipients;  /* the "Nơi nhận" lines */
  int report_camera_distance;

  /* [station] */
  char *map_path; /* NULL: the map installed with canhgac */
  int budget_kbits; /* terminal output the station aims to stay under */
  CgHours bell;     /* when a new alarm rings the terminal's bell */

  /* [roles]: Unix groups whose members get each role (root and the
   * daemon's own user are always admin). */
  char **viewer_groups;
  char **operator_groups;
  char **admin_groups;
} CgConfig;

/* The file to read: `--config FILE` if given, else $CANHGAC_CONFIG, else
 * CG_CONFIG_DEFAULT_PATH.  *explicit is TRUE for the first two, whose
 * absence is an error; a missing default file means built-in defaults. */
const char *cg_config_locate (const char *cli_path, gboolean *explicit);

/* Loads `path` (NULL: built-in defaults only).  When the file does not
 * exist and must_exist is FALSE, the defaults are returned. */
CgConfig *cg_config_load (const char *path, gboolean must_exist, GError **error);

/* cg_config_locate() then cg_config_load(). */
CgConfig *cg_config_load_default (const char *cli_path, GError **error);

void cg_config_free (CgConfig *config);

/* The label of the incident kind code, or NULL when [incidents] kinds
 * has no such code. */
const char *cg_config_incident_kind_label (const CgConfig *config, const char *code);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgConfig, cg_config_free)

/* The effective configuration as an INI text that cg_config_load() reads
 * back to the same values. */
char *cg_config_to_string (const CgConfig *config);

/* Value syntax, shared with the command line.
 * A duration is a decimal number with an optional suffix s, m, h or d
 * ("90s", "0.5d"); a bare number counts in bare_unit_us. */
gboolean cg_parse_duration (const char *text, gint64 bare_unit_us, gint64 *out_us);
/* A size is a decimal number of bytes with an optional K, M, G or T
 * (powers of 1024, optionally followed by B or iB), or, when
 * allow_percent, a percentage such as "90%". */
gboolean cg_parse_size (const char *text, gboolean allow_percent, CgSize *out);

/* The shortest exact text for a duration ("7d", "90s", "1.5s"). */
char *cg_format_duration (gint64 us);
/* "90%", "500M", "12345" */
char *cg_format_size (const CgSize *size);
/* A human size: "1,5 GiB" with the locale's decimal mark. */
char *cg_format_bytes (guint64 bytes);

/* Bytes a size stands for on a filesystem of fs_bytes. */
guint64 cg_size_resolve (const CgSize *size, guint64 fs_bytes);
