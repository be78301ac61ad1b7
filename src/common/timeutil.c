/* timeutil.c — formatting and reading instants and spans. */
#define G_LOG_DOMAIN "canhgac-time"
#include "timeutil.h"

#include "error.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

gint64
cg_time_now_us (void)
{
  return g_get_real_time ();
}

static GDateTime *
date_time_in (gint64 us, GTimeZone *tz)
{
  gint64 secs = us / CG_USEC_PER_SEC;
  gint64 rest = us % CG_USEC_PER_SEC;
  if (rest < 0)
    {
      secs -= 1;
      rest += CG_USEC_PER_SEC;
    }
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (secs);
  if (utc == NULL)
    return NULL;
  g_autoptr (GTimeZone) local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr (GDateTime) zoned = g_date_time_to_timezone (utc, local);
  return g_date_time_add (zoned, rest);
}

char *
cg_time_format_local (gint64 us, GTimeZone *tz)
{
  g_autoptr (GDateTime) dt = date_time_in (us, tz);
  if (dt == NULL)
    return g_strdup ("--/--/---- --:--:--");
  return g_date_time_format (dt, "%d/%m/%Y %H:%M:%S");
}

char *
cg_time_format_date (gint64 us, GTimeZone *tz)
{
  g_autoptr (GDateTime) dt = date_time_in (us, tz);
  if (dt == NULL)
    return g_strdup ("--/--/----");
  return g_date_time_format (dt, "%d/%m/%Y");
}

char *
cg_time_format_iso (gint64 us)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) dt = date_time_in (us, utc);
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (dt) / 1000);
}

static gboolean
is_leap (int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static gboolean
valid_fields (int y, int mo, int d, int h, int mi, double s)
{
  static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1)
    return FALSE;
  int max = mdays[mo - 1] + (mo == 2 && is_leap (y) ? 1 : 0);
  return d <= max && h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 60;
}

/* Parses an ISO 8601 zone suffix: "", "Z", "+07:00", "+0700", "-05". */
static GTimeZone *
parse_zone (const char *rest, GTimeZone *fallback, gboolean *ok)
{
  *ok = TRUE;
  if (*rest == '\0')
    return fallback != NULL ? g_time_zone_ref (fallback) : g_time_zone_new_local ();
  if (g_str_equal (rest, "Z") || g_str_equal (rest, "z"))
    return g_time_zone_new_utc ();
  if ((rest[0] == '+' || rest[0] == '-') && g_ascii_isdigit (rest[1]) && g_ascii_isdigit (rest[2]))
    {
      const char *p = rest + 3;
      int mm = 0;
      if (*p == ':')
        p++;
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]))
        {
          mm = (p[0] - '0') * 10 + (p[1] - '0');
          p += 2;
        }
      int hh = (rest[1] - '0') * 10 + (rest[2] - '0');
      if (*p == '\0' && hh <= 14 && mm < 60)
        {
          g_autofree char *id = g_strdup_printf ("%c%02d:%02d", rest[0], hh, mm);
          GTimeZone *tz = g_time_zone_new_identifier (id);
          if (tz != NULL)
            return tz;
        }
    }
  *ok = FALSE;
  return NULL;
}

gboolean
cg_time_parse (const char *text, GTimeZone *tz, gint64 *out_us, GError **error)
{
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, n = 0;
  double s = 0;
  const char *rest = NULL;
  g_autofree char *t = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (sscanf (t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10)
    {
      rest = t + n;
      if (*rest == 'T' || *rest == 't' || *rest == ' ')
        {
          int m = 0;
          if (sscanf (rest + 1, "%2d:%2d%n", &h, &mi, &m) == 2 && m == 5)
            {
              rest += 1 + m;
              if (*rest == ':')
                {
                  char *end = NULL;
                  s = g_ascii_strtod (rest + 1, &end);
                  if (end == rest + 1 || !g_ascii_isdigit (rest[1]))
                    rest = NULL;
                  else
                    rest = end;
                }
            }
          else
            rest = NULL;
        }
    }
  else if (sscanf (t, "%2d/%2d/%4d%n", &d, &mo, &y, &n) == 3 && n >= 8)
    {
      rest = t + n;
      if (*rest == ' ')
        {
          int m = 0, sec = 0;
          if (sscanf (rest + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &m) == 3)
            {
              s = sec;
              rest += 1 + m;
            }
          else if (sscanf (rest + 1, "%2d:%2d%n", &h, &mi, &m) == 2)
            rest += 1 + m;
          else
            rest = NULL;
        }
      /* The day-first form is always local time. */
      if (rest != NULL && *rest != '\0')
        rest = NULL;
    }

  gboolean zone_ok = FALSE;
  g_autoptr (GTimeZone) zone = rest != NULL ? parse_zone (rest, tz, &zone_ok) : NULL;
  if (rest == NULL || !zone_ok || !valid_fields (y, mo, d, h, mi, s))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s” is not a time: write dd/mm/yyyy HH:MM[:SS] (local time), "
                     "such as 26/11/2026 18:30, or ISO 8601 such as 2026-11-26T18:30:00Z"),
                   text != NULL ? text : "");
      return FALSE;
    }
  g_autoptr (GDateTime) dt = g_date_time_new (zone, y, mo, d, h, mi, s);
  if (dt == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s” does not exist in the local time zone"), text);
      return FALSE;
    }
  *out_us = g_date_time_to_unix (dt) * CG_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

gboolean
cg_date_parse (const char *text, char **iso, GError **error)
{
  int y = 0, mo = 0, d = 0, n = 0;
  g_autofree char *t = g_strstrip (g_strdup (text != NULL ? text : ""));
  /* The same two shapes as cg_time_parse(), without a time of day. */
  gboolean shaped = (sscanf (t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10)
                    || (sscanf (t, "%2d/%2d/%4d%n", &d, &mo, &y, &n) == 3 && n >= 8);
  if (!shaped || t[n] != '\0' || y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s” is not a date: write dd/mm/yyyy, such as 15/03/2025, "
                     "or ISO 8601 YYYY-MM-DD"), text != NULL ? text : "");
      return FALSE;
    }
  *iso = g_strdup_printf ("%04d-%02d-%02d", y, mo, d);
  return TRUE;
}

char *
cg_duration_format (gint64 us)
{
  gint64 secs = us < 0 ? 0 : us / CG_USEC_PER_SEC;
  int days = (int) (secs / 86400), hours = (int) (secs / 3600 % 24);
  int mins = (int) (secs / 60 % 60), rest = (int) (secs % 60);

  /* Translators: spans of time; keep the number before its unit. */
  if (days > 0)
    return hours > 0 ? g_strdup_printf (_("%d d %d h"), days, hours)
                     : g_strdup_printf (_("%d d"), days);
  if (hours > 0)
    return mins > 0 ? g_strdup_printf (_("%d h %d min"), hours, mins)
                    : g_strdup_printf (_("%d h"), hours);
  if (mins > 0)
    return rest > 0 ? g_strdup_printf (_("%d min %d s"), mins, rest)
                    : g_strdup_printf (_("%d min"), mins);
  return g_strdup_printf (_("%d s"), rest);
}
