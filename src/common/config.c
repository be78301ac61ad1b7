/* config.c — reading and checking the configuration file. */
#define G_LOG_DOMAIN "canhgac-config"
#include "config.h"

#include "error.h"
#include "i18n.h"
#include "timeutil.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#define SECOND CG_USEC_PER_SEC
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

typedef enum {
  KEY_PATH,       /* absolute, or relative to the configuration file */
  KEY_PATH_OR_EMPTY, /* the same, or empty for "the one installed with canhgac" */
  KEY_GROUP_NAME, /* a Unix group name */
  KEY_GROUP_LIST, /* Unix group names separated by commas, possibly none */
  KEY_DURATION,   /* gint64 microseconds */
  KEY_SIZE,       /* CgSize */
  KEY_INT,        /* int, in [min, max] */
  KEY_KINDS,      /* CgIncidentKinds: "code: label, code: label" */
  KEY_NAMES,      /* char **: names separated by commas, possibly none */
  KEY_HOURS,      /* CgHours: "on", "off" or "22-6" */
  KEY_TEXT,       /* char *: one line of UTF-8 text, at most 200 characters, possibly empty */
} KeyType;

typedef struct {
  const char *group;
  const char *key;
  KeyType type;
  size_t offset;
  const char *fallback; /* the default, in the file's own syntax */
  gint64 min, max;      /* durations: microseconds; sizes in bytes */
  gint64 bare_unit;     /* durations: what a number without suffix counts */
  gboolean percent_ok;  /* sizes: may be a share of the filesystem */
  double max_percent;   /* sizes: the largest share accepted */
  gboolean zero_ok;     /* durations: 0 (off) is accepted besides [min, max] */
} KeySpec;

#define FIELD(f) offsetof (CgConfig, f)

static const KeySpec keys[] = {
  { "daemon", "data_dir", KEY_PATH, FIELD (data_dir), "/var/lib/canhgac" },
  { "daemon", "socket", KEY_PATH, FIELD (socket_path), "/run/canhgac/canhgacd.sock" },
  { "daemon", "group", KEY_GROUP_NAME, FIELD (group), "canhgac" },
  { "capture", "segment_seconds", KEY_DURATION, FIELD (segment_us), "60s",
    .min = 1 * SECOND, .max = 1 * HOUR, .bare_unit = SECOND },
  { "capture", "stall_seconds", KEY_DURATION, FIELD (stall_us), "10s",
    .min = 1 * SECOND, .max = 10 * MINUTE, .bare_unit = SECOND },
  { "storage", "quota", KEY_SIZE, FIELD (quota), "90%",
    .min = 1 << 20, .max = G_MAXINT64, .percent_ok = TRUE, .max_percent = 100 },
  { "storage", "min_free", KEY_SIZE, FIELD (min_free), "5%",
    .min = 0, .max = G_MAXINT64, .percent_ok = TRUE, .max_percent = 90 },
  { "storage", "full_rate_days", KEY_DURATION, FIELD (full_rate_us), "7d",
    .min = 1 * MINUTE, .max = 3650 * DAY, .bare_unit = DAY },
  { "storage", "retention_target_days", KEY_DURATION, FIELD (retention_target_us), "30d",
    .min = 1 * HOUR, .max = 3650 * DAY, .bare_unit = DAY },
  { "export", "max_hours", KEY_DURATION, FIELD (export_max_us), "24h",
    .min = 1 * MINUTE, .max = 7 * DAY, .bare_unit = HOUR },
  { "incidents", "kinds", KEY_KINDS, FIELD (incident_kinds),
    "trom_cap: trộm cắp, cuop_giat: cướp giật, danh_nhau: đánh nhau, "
    "gay_roi: gây rối trật tự công cộng, tai_nan: tai nạn giao thông, chay_no: cháy nổ, "
    "mat_tich: người mất tích, khac: khác" },
  { "incidents", "keep_days_after_close", KEY_INT, FIELD (keep_days_after_close), "365",
    .min = 0, .max = 36500 },
  { "alarms", "camera_after", KEY_DURATION, FIELD (alarm_camera_after), "30s",
    .min = 1 * SECOND, .max = 1 * DAY, .bare_unit = SECOND, .zero_ok = TRUE },
  { "alarms", "motion_cameras", KEY_NAMES, FIELD (alarm_motion_cameras), "" },
  { "alarms", "motion_hours", KEY_HOURS, FIELD (alarm_motion_hours), "22-6" },
  { "maintenance", "offline_alert", KEY_DURATION, FIELD (maintenance_offline_alert), "24h",
    .min = 1 * SECOND, .max = 365 * DAY, .bare_unit = HOUR },
  { "maintenance", "outages_per_month", KEY_INT, FIELD (maintenance_outages_per_month), "5",
    .min = 1, .max = 10000 },
  { "maintenance", "weak_link_days", KEY_INT, FIELD (maintenance_weak_link_days), "7",
    .min = 1, .max = 30 },
  { "maintenance", "inspect_after_days", KEY_INT, FIELD (maintenance_inspect_after_days), "365",
    .min = 1, .max = 3650 },
  { "thumbnails", "interval", KEY_DURATION, FIELD (thumbnail_interval_us), "2s",
    .min = SECOND / 2, .max = 1 * HOUR, .bare_unit = SECOND, .zero_ok = TRUE },
  { "thumbnails", "width", KEY_INT, FIELD (thumbnail_width), "320", .min = 64, .max = 1920 },
  { "report", "unit_above", KEY_TEXT, FIELD (report_unit_above), "CÔNG AN HUYỆN" },
  { "report", "unit", KEY_TEXT, FIELD (report_unit), "CÔNG AN XÃ" },
  { "report", "place", KEY_TEXT, FIELD (report_place), "" },
  { "report", "symbol", KEY_TEXT, FIELD (report_symbol), "BC-CAX" },
  { "report", "signer_title", KEY_TEXT, FIELD (report_signer_title), "TRƯỞNG CÔNG AN XÃ" },
  { "report", "signer_name", KEY_TEXT, FIELD (report_signer_name), "" },
  { "report", "recipients", KEY_NAMES, FIELD (report_recipients), "" },
  { "report", "camera_distance", KEY_INT, FIELD (report_camera_distance), "6",
    .min = 1, .max = 1000 },
  { "station", "map", KEY_PATH_OR_EMPTY, FIELD (map_path), "" },
  { "station", "budget", KEY_INT, FIELD (budget_kbits), "256", .min = 16, .max = 100000 },
  { "station", "bell", KEY_HOURS, FIELD (bell), "on" },
  { "roles", "viewer", KEY_GROUP_LIST, FIELD (viewer_groups), "canhgac" },
  { "roles", "operator", KEY_GROUP_LIST, FIELD (operator_groups), "canhgac-operator" },
  { "roles", "admin", KEY_GROUP_LIST, FIELD (admin_groups), "canhgac-admin" },
};

/* ---- value syntax ---------------------------------------------------- */

/* A plain decimal number: digits with at most one '.', no sign, no
 * exponent, no locale (a config file means the same everywhere). */
static gboolean
parse_decimal (const char *s, const char **end, double *out)
{
  const char *p = s;
  gboolean digits = FALSE, dot = FALSE;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        break;
    }
  if (!digits)
    return FALSE;
  g_autofree char *num = g_strndup (s, p - s);
  *out = g_ascii_strtod (num, NULL);
  *end = p;
  return isfinite (*out);
}

gboolean
cg_parse_duration (const char *text, gint64 bare_unit_us, gint64 *out_us)
{
  g_autofree char *t = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *end = NULL;
  double v = 0;
  if (!parse_decimal (t, &end, &v))
    return FALSE;
  gint64 unit;
  switch (g_ascii_tolower (*end))
    {
    case '\0': unit = bare_unit_us; break;
    case 's': unit = SECOND; break;
    case 'm': unit = MINUTE; break;
    case 'h': unit = HOUR; break;
    case 'd': unit = DAY; break;
    default: return FALSE;
    }
  if (*end != '\0' && end[1] != '\0')
    return FALSE;
  double us = v * (double) unit;
  if (us > (double) G_MAXINT64 / 2)
    return FALSE;
  *out_us = (gint64) llround (us);
  return TRUE;
}

gboolean
cg_parse_size (const char *text, gboolean allow_percent, CgSize *out)
{
  g_autofree char *t = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *end = NULL;
  double v = 0;
  if (!parse_decimal (t, &end, &v))
    return FALSE;
  if (*end == '%')
    {
      if (!allow_percent || end[1] != '\0' || v > 100)
        return FALSE;
      out->percent = TRUE;
      out->value = v;
      return TRUE;
    }
  double mult = 1;
  const char *unit = end;
  switch (g_ascii_toupper (*unit))
    {
    case 'K': mult = 1024.0; unit++; break;
    case 'M': mult = 1024.0 * 1024; unit++; break;
    case 'G': mult = 1024.0 * 1024 * 1024; unit++; break;
    case 'T': mult = 1024.0 * 1024 * 1024 * 1024; unit++; break;
    default: break;
    }
  if (*unit != '\0' && g_ascii_strcasecmp (unit, "B") != 0
      && !(mult > 1 && g_ascii_strcasecmp (unit, "iB") == 0))
    return FALSE;
  double bytes = floor (v * mult);
  if (bytes > 9.0e18)
    return FALSE;
  out->percent = FALSE;
  out->value = bytes;
  return TRUE;
}

char *
cg_format_duration (gint64 us)
{
  static const struct { gint64 unit; char suffix; } units[] = {
    { DAY, 'd' }, { HOUR, 'h' }, { MINUTE, 'm' }, { SECOND, 's' },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (units); i++)
    if (us != 0 && us % units[i].unit == 0)
      return g_strdup_printf ("%" G_GINT64_FORMAT "%c", us / units[i].unit, units[i].suffix);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.6g", (double) us / SECOND);
  return g_strdup_printf ("%ss", buf);
}

char *
cg_format_size (const CgSize *size)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (size->percent)
    return g_strdup_printf ("%s%%", g_ascii_formatd (buf, sizeof buf, "%.6g", size->value));
  static const char suffix[] = "TGMK";
  guint64 bytes = (guint64) size->value;
  for (int i = 0; i < 4; i++)
    {
      guint64 unit = G_GUINT64_CONSTANT (1) << (10 * (4 - i));
      if (bytes != 0 && bytes % unit == 0)
        return g_strdup_printf ("%" G_GUINT64_FORMAT "%c", bytes / unit, suffix[i]);
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);
}

char *
cg_format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

guint64
cg_size_resolve (const CgSize *size, guint64 fs_bytes)
{
  if (!size->percent)
    return (guint64) size->value;
  return (guint64) ((double) fs_bytes * size->value / 100.0);
}

/* ---- the file -------------------------------------------------------- */

const char *
cg_config_locate (const char *cli_path, gboolean *explicit)
{
  const char *env = g_getenv ("CANHGAC_CONFIG");
  *explicit = TRUE;
  if (cli_path != NULL && *cli_path != '\0')
    return cli_path;
  if (env != NULL && *env != '\0')
    return env;
  *explicit = FALSE;
  return CG_CONFIG_DEFAULT_PATH;
}

static char *
accepted_text (const KeySpec *k)
{
  switch (k->type)
    {
    case KEY_PATH:
    case KEY_PATH_OR_EMPTY:
      return g_strdup (_("an absolute path, or one relative to the configuration file"));
    case KEY_GROUP_NAME:
      return g_strdup (_("a Unix group name such as canhgac"));
    case KEY_GROUP_LIST:
      return g_strdup (_("Unix group names separated by commas, such as canhgac, police"));
    case KEY_DURATION:
      {
        g_autofree char *lo = cg_format_duration (k->min);
        g_autofree char *hi = cg_format_duration (k->max);
        if (k->zero_ok)
          return g_strdup_printf (_("0 (off) or a duration from %s to %s, such as 2s or 1m"),
                                  lo, hi);
        return g_strdup_printf (_("a duration from %s to %s, such as 90s, 10m, 2h, 7d or 0.5d"),
                                lo, hi);
      }
    case KEY_INT:
      return g_strdup_printf (_("a whole number from %d to %d"), (int) k->min, (int) k->max);
    case KEY_KINDS:
      return g_strdup (_("kinds separated by commas, each a code of lower-case letters, digits "
                         "and _ then a colon and its label, such as trom_cap: trộm cắp, khac: "
                         "khác"));
    case KEY_NAMES:
      return g_strdup (_("names separated by commas, such as Cổng chợ, Ngã ba"));
    case KEY_TEXT:
      return g_strdup (_("one line of text of at most 200 characters"));
    case KEY_HOURS:
      return g_strdup (_("on, off, or hours of the day such as 22-6 (from 22:00 to 06:00)"));
    case KEY_SIZE:
      {
        CgSize lo = { FALSE, (double) k->min };
        g_autofree char *los = cg_format_size (&lo);
        char pct[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd (pct, sizeof pct, "%.6g", k->max_percent);
        return g_strdup_printf (_("a size of at least %s, such as 500M or 2T (K, M, G, T are "
                                  "powers of 1024), or a share of the disk up to %s%% such as 90%%"),
                                los, pct);
      }
    }
  g_assert_not_reached ();
}

static gboolean
bad_value (const char *file, const KeySpec *k, const char *value, GError **error)
{
  g_autofree char *accepted = accepted_text (k);
  /* Translators: FILE: [group] key = “value” is not accepted: expected ... */
  g_set_error (error, CG_ERROR, CG_ERROR_CONFIG,
               _("%s: [%s] %s = “%s” is not accepted: expected %s"),
               file, k->group, k->key, value, accepted);
  return FALSE;
}

static gboolean
valid_group_name (const char *s)
{
  if (!(g_ascii_islower (*s) || *s == '_'))
    return FALSE;
  size_t n = 0;
  for (const char *p = s; *p != '\0'; p++, n++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return n <= 32;
}

static void
kinds_clear (CgIncidentKinds *kinds)
{
  g_clear_pointer (&kinds->codes, g_strfreev);
  g_clear_pointer (&kinds->labels, g_strfreev);
}

/* "code: label, ...": codes of [a-z0-9_] (at most 32), each once; labels
 * of 1 to 100 characters without control characters or commas. */
static gboolean
parse_kinds (const char *value, CgIncidentKinds *out)
{
  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;
  g_auto (GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; parts[i] != NULL; i++)
    {
      char *colon = strchr (parts[i], ':');
      if (colon == NULL)
        return FALSE;
      *colon = '\0';
      char *code = g_strstrip (parts[i]);
      char *label = g_strstrip (colon + 1);
      gsize n = strlen (code);
      if (n == 0 || n > 32 || *label == '\0' || g_utf8_strlen (label, -1) > 100)
        return FALSE;
      for (const char *c = code; *c != '\0'; c++)
        if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '_'))
          return FALSE;
      for (const char *c = label; *c != '\0'; c = g_utf8_next_char (c))
        if (g_unichar_iscntrl (g_utf8_get_char (c)))
          return FALSE;
      for (guint j = 0; j < codes->len; j++)
        if (g_str_equal (codes->pdata[j], code))
          return FALSE;
      g_ptr_array_add (codes, g_strdup (code));
      g_ptr_array_add (labels, g_utf8_normalize (label, -1, G_NORMALIZE_NFC));
    }
  if (codes->len == 0)
    return FALSE;
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);
  kinds_clear (out);
  out->codes = (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
  out->labels = (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
  return TRUE;
}

/* "on", "off", or "H-H" with hours 0 to 24, different. */
static gboolean
parse_hours (const char *value, CgHours *out)
{
  if (g_ascii_strcasecmp (value, "on") == 0)
    {
      *out = (CgHours) { 0, 24 };
      return TRUE;
    }
  if (g_ascii_strcasecmp (value, "off") == 0)
    {
      *out = (CgHours) { -1, -1 };
      return TRUE;
    }
  g_auto (GStrv) parts = g_strsplit (value, "-", -1);
  if (g_strv_length (parts) != 2)
    return FALSE;
  guint64 h[2];
  for (int i = 0; i < 2; i++)
    {
      char *t = g_strstrip (parts[i]);
      if (!g_ascii_isdigit (*t) || !g_ascii_string_to_unsigned (t, 10, 0, 24, &h[i], NULL))
        return FALSE;
    }
  if (h[0] == h[1])
    return FALSE;
  *out = (CgHours) { (int) h[0], (int) h[1] };
  return TRUE;
}

gboolean
cg_hours_contain (const CgHours *hours, int hour)
{
  if (hours->from < 0)
    return FALSE;
  if (hours->from <= hours->to)
    return hour >= hours->from && hour < hours->to;
  return hour >= hours->from || hour < hours->to; /* past midnight */
}

const char *
cg_config_incident_kind_label (const CgConfig *config, const char *code)
{
  for (int i = 0; code != NULL && config->incident_kinds.codes[i] != NULL; i++)
    if (g_str_equal (config->incident_kinds.codes[i], code))
      return config->incident_kinds.labels[i];
  return NULL;
}

static gboolean
set_value (CgConfig *config, const KeySpec *k, const char *file, const char *base_dir,
           const char *value, GError **error)
{
  void *field = (char *) config + k->offset;
  switch (k->type)
    {
    case KEY_PATH_OR_EMPTY:
    case KEY_PATH:
      {
        char **dst = field;
        if (*value == '\0' && k->type == KEY_PATH_OR_EMPTY)
          {
            g_clear_pointer (dst, g_free);
            return TRUE;
          }
        if (*value == '\0' || strchr (value, '\n') != NULL)
          return bad_value (file, k, value, error);
        g_free (*dst);
        if (g_path_is_absolute (value) || base_dir == NULL)
          *dst = g_canonicalize_filename (value, "/");
        else
          *dst = g_canonicalize_filename (value, base_dir);
        return TRUE;
      }
    case KEY_GROUP_NAME:
      {
        if (!valid_group_name (value))
          return bad_value (file, k, value, error);
        char **dst = field;
        g_free (*dst);
        *dst = g_strdup (value);
        return TRUE;
      }
    case KEY_GROUP_LIST:
      {
        g_auto (GStrv) parts = g_strsplit (value, ",", -1);
        GPtrArray *names = g_ptr_array_new ();
        for (int i = 0; parts[i] != NULL; i++)
          {
            char *name = g_strstrip (parts[i]);
            if (*name == '\0' && parts[1] == NULL)
              continue; /* an empty list */
            if (!valid_group_name (name))
              {
                g_ptr_array_free (names, TRUE);
                return bad_value (file, k, value, error);
              }
            g_ptr_array_add (names, g_strdup (name));
          }
        g_ptr_array_add (names, NULL);
        char ***dst = field;
        g_strfreev (*dst);
        *dst = (char **) g_ptr_array_free (names, FALSE);
        return TRUE;
      }
    case KEY_DURATION:
      {
        gint64 us = 0;
        if (!cg_parse_duration (value, k->bare_unit, &us)
            || ((us < k->min || us > k->max) && !(us == 0 && k->zero_ok)))
          return bad_value (file, k, value, error);
        *(gint64 *) field = us;
        return TRUE;
      }
    case KEY_SIZE:
      {
        CgSize size = { 0 };
        if (!cg_parse_size (value, k->percent_ok, &size))
          return bad_value (file, k, value, error);
        gboolean in_range = size.percent
          ? size.value <= k->max_percent && (size.value > 0 || k->min == 0)
          : size.value >= (double) k->min;
        if (!in_range)
          return bad_value (file, k, value, error);
        *(CgSize *) field = size;
        return TRUE;
      }
    case KEY_INT:
      {
        gint64 v = 0;
        if (!g_ascii_isdigit (value[0])
            || !g_ascii_string_to_signed (value, 10, k->min, k->max, &v, NULL))
          return bad_value (file, k, value, error);
        *(int *) field = (int) v;
        return TRUE;
      }
    case KEY_KINDS:
      if (!parse_kinds (value, field))
        return bad_value (file, k, value, error);
      return TRUE;
    case KEY_NAMES:
      {
        if (!g_utf8_validate (value, -1, NULL))
          return bad_value (file, k, value, error);
        g_auto (GStrv) parts = g_strsplit (value, ",", -1);
        GPtrArray *names = g_ptr_array_new ();
        for (int i = 0; parts[i] != NULL; i++)
          {
            char *name = g_strstrip (parts[i]);
            if (*name == '\0')
              continue;
            g_ptr_array_add (names, g_utf8_normalize (name, -1, G_NORMALIZE_NFC));
          }
        g_ptr_array_add (names, NULL);
        char ***dst = field;
        g_strfreev (*dst);
        *dst = (char **) g_ptr_array_free (names, FALSE);
        return TRUE;
      }
    case KEY_HOURS:
      if (!parse_hours (value, field))
        return bad_value (file, k, value, error);
      return TRUE;
    case KEY_TEXT:
      {
        if (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > 200)
          return bad_value (file, k, value, error);
        for (const char *c = value; *c != '\0'; c++)
          if ((unsigned char) *c < 0x20 || *c == 0x7f)
            return bad_value (file, k, value, error);
        char **dst = field;
        g_free (*dst);
        *dst = g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
        return TRUE;
      }
    }
  g_assert_not_reached ();
}

static const KeySpec *
find_key (const char *group, const char *key)
{
  for (size_t i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group) && g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
}

static char *
list_of (const char *group)
{
  GString *s = g_string_new (NULL);
  for (size_t i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (group != NULL && !g_str_equal (keys[i].group, group))
        continue;
      const char *name = group != NULL ? keys[i].key : keys[i].group;
      if (group == NULL && i > 0 && g_str_equal (keys[i - 1].group, name))
        continue;
      g_string_append_printf (s, "%s%s%s%s", s->len > 0 ? ", " : "",
                              group == NULL ? "[" : "", name, group == NULL ? "]" : "");
    }
  return g_string_free (s, FALSE);
}

static CgConfig *
config_defaults (void)
{
  CgConfig *config = g_new0 (CgConfig, 1);
  for (size_t i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gboolean ok = set_value (config, &keys[i], "(built-in)", NULL, keys[i].fallback, NULL);
      g_assert (ok);
    }
  return config;
}

CgConfig *
cg_config_load (const char *path, gboolean must_exist, GError **error)
{
  g_autoptr (CgConfig) config = config_defaults ();
  if (path == NULL)
    return g_steal_pointer (&config);

  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) && !must_exist)
        {
          g_info ("%s does not exist: using built-in defaults", path);
          return g_steal_pointer (&config);
        }
      if (local->domain == G_FILE_ERROR)
        g_set_error (error, CG_ERROR, CG_ERROR_CONFIG,
                     _("%s: cannot read the configuration: %s"), path, local->message);
      else
        g_set_error (error, CG_ERROR, CG_ERROR_CONFIG,
                     _("%s: not a valid configuration file (%s); see data/canhgac.conf "
                       "for the format"), path, local->message);
      return NULL;
    }

  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *base_dir = g_path_get_dirname (abs);
  config->path = g_strdup (path);

  gsize n_groups = 0;
  g_auto (GStrv) groups = g_key_file_get_groups (kf, &n_groups);
  for (gsize g = 0; g < n_groups; g++)
    {
      gsize n_keys = 0;
      g_auto (GStrv) names = g_key_file_get_keys (kf, groups[g], &n_keys, NULL);
      g_autofree char *known_keys = list_of (groups[g]);
      if (*known_keys == '\0')
        {
          g_autofree char *known_groups = list_of (NULL);
          g_set_error (error, CG_ERROR, CG_ERROR_CONFIG,
                       _("%s: unknown group [%s]; the groups are %s"),
                       path, groups[g], known_groups);
          return NULL;
        }
      for (gsize i = 0; i < n_keys; i++)
        {
          const KeySpec *k = find_key (groups[g], names[i]);
          if (k == NULL)
            {
              g_set_error (error, CG_ERROR, CG_ERROR_CONFIG,
                           _("%s: [%s] has no key “%s”; its keys are %s"),
                           path, groups[g], names[i], known_keys);
              return NULL;
            }
          /* Raw value: GKeyFile's string unescaping would let "\n" into
           * paths; a value is one line as written. */
          g_autofree char *raw = g_key_file_get_value (kf, groups[g], names[i], NULL);
          g_strstrip (raw);
          if (!set_value (config, k, path, base_dir, raw, error))
            return NULL;
        }
    }
  return g_steal_pointer (&config);
}

CgConfig *
cg_config_load_default (const char *cli_path, GError **error)
{
  gboolean explicit = FALSE;
  const char *path = cg_config_locate (cli_path, &explicit);
  return cg_config_load (path, explicit, error);
}

void
cg_config_free (CgConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->path);
  g_free (config->data_dir);
  g_free (config->socket_path);
  g_free (config->group);
  g_free (config->map_path);
  g_strfreev (config->viewer_groups);
  g_strfreev (config->operator_groups);
  g_strfreev (config->admin_groups);
  g_strfreev (config->alarm_motion_cameras);
  g_free (config->report_unit_above);
  g_free (config->report_unit);
  g_free (config->report_place);
  g_free (config->report_symbol);
  g_free (config->report_signer_title);
  g_free (config->report_signer_name);
  g_strfreev (config->report_recipients);
  kinds_clear (&config->incident_kinds);
  g_free (config);
}

char *
cg_config_to_string (const CgConfig *config)
{
  GString *s = g_string_new (NULL);
  const char *group = NULL;
  for (size_t i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *k = &keys[i];
      const void *field = (const char *) config + k->offset;
      if (group == NULL || !g_str_equal (group, k->group))
        {
          g_string_append_printf (s, "%s[%s]\n", group != NULL ? "\n" : "", k->group);
          group = k->group;
        }
      g_autofree char *value = NULL;
      switch (k->type)
        {
        case KEY_PATH:
        case KEY_PATH_OR_EMPTY:
        case KEY_GROUP_NAME:
        case KEY_TEXT:
          value = g_strdup (*(char *const *) field != NULL ? *(char *const *) field : "");
          break;
        case KEY_GROUP_LIST:
        case KEY_NAMES:
          value = g_strjoinv (", ", *(char **const *) field);
          break;
        case KEY_HOURS:
          {
            const CgHours *h = field;
            value = h->from < 0 ? g_strdup ("off")
                    : h->from == 0 && h->to == 24 ? g_strdup ("on")
                    : g_strdup_printf ("%d-%d", h->from, h->to);
          }
          break;
        case KEY_DURATION:
          {
            /* In the unit the key is named after when exact: "60s", "24h", "7d". */
            gint64 us = *(const gint64 *) field;
            if (us == 0)
              value = g_strdup ("0");
            else if (us % k->bare_unit == 0)
              value = g_strdup_printf ("%" G_GINT64_FORMAT "%c", us / k->bare_unit,
                                       k->bare_unit == DAY ? 'd' : k->bare_unit == HOUR ? 'h' : 's');
            else
              value = cg_format_duration (us);
          }
          break;
        case KEY_SIZE:
          value = cg_format_size ((const CgSize *) field);
          break;
        case KEY_INT:
          value = g_strdup_printf ("%d", *(const int *) field);
          break;
        case KEY_KINDS:
          {
            const CgIncidentKinds *kinds = field;
            GString *v = g_string_new (NULL);
            for (int j = 0; kinds->codes[j] != NULL; j++)
              g_string_append_printf (v, "%s%s: %s", j > 0 ? ", " : "", kinds->codes[j],
                                      kinds->labels[j]);
            value = g_string_free (v, FALSE);
          }
          break;
        }
      g_string_append_printf (s, "%s = %s\n", k->key, value);
    }
  return g_string_free (s, FALSE);
}
