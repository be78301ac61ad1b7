/* time_input.c — reading the times officers type (see the header). */
#include "build-config.h"

#include "station/time_input.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"

#include <string.h>

#define DAY_US (24 * 3600 * CG_USEC_PER_SEC)
/* Further back than this is a typing mistake, and would overflow. */
#define MAX_BACK_US (G_GINT64_CONSTANT (100) * 366 * DAY_US)

static gboolean
fail_shape (const char *text, GError **error)
{
  g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
               _("“%s” is not a time: type dd/mm HH:MM, HH:MM for today, or -15m, -2h for that "
                 "long ago"), text);
  return FALSE;
}

/* Reads 1 to `most` digits. */
static gboolean
number (const char **p, int most, int *out)
{
  int n = 0, v = 0;
  while (n < most && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n == 0 || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *out = v;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

/* ---- -15m, -2h, -1h30m ------------------------------------------------------ */

typedef struct {
  const char *unit;
  gint64 us;
} Unit;

/* Longest spelling first, so that "ng" is not read as something else. */
static const Unit units[] = {
  { "ng", DAY_US },
  { "ph", 60 * CG_USEC_PER_SEC },
  { "s", CG_USEC_PER_SEC },
  { "m", 60 * CG_USEC_PER_SEC },
  { "p", 60 * CG_USEC_PER_SEC },
  { "h", 3600 * CG_USEC_PER_SEC },
  { "g", 3600 * CG_USEC_PER_SEC },
  { "d", DAY_US },
};

static gboolean
parse_back (const char *text, const char *p, gint64 now_us, gint64 *out, GError **error)
{
  gint64 back = 0;
  skip_spaces (&p);
  if (*p == '\0')
    return fail_shape (text, error);
  while (*p != '\0')
    {
      int amount = 0;
      if (!number (&p, 6, &amount))
        return fail_shape (text, error);
      skip_spaces (&p);
      const Unit *unit = NULL;
      for (size_t i = 0; i < G_N_ELEMENTS (units) && unit == NULL; i++)
        if (g_ascii_strncasecmp (p, units[i].unit, strlen (units[i].unit)) == 0
            && !g_ascii_isalpha (p[strlen (units[i].unit)]))
          unit = &units[i];
      if (unit == NULL)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                       _("“%s”: say how long ago with a unit, s, m, h or d, such as -15m or "
                         "-2h"), text);
          return FALSE;
        }
      p += strlen (unit->unit);
      skip_spaces (&p);
      back += amount * unit->us;
      if (back > MAX_BACK_US)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                       _("“%s” is further back than any recording is kept"), text);
          return FALSE;
        }
    }
  if (back == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s” goes back by nothing: say how long ago, such as -15m or -2h"), text);
      return FALSE;
    }
  *out = now_us - back;
  return TRUE;
}

/* ---- dd/mm[/yyyy] HH:MM[:SS] and HH:MM[:SS] ---------------------------------- */

static gboolean
parse_clock (const char **p, int *h, int *mi, int *s)
{
  *s = 0;
  if (!number (p, 2, h) || **p != ':')
    return FALSE;
  (*p)++;
  if (!number (p, 2, mi))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!number (p, 2, s))
        return FALSE;
    }
  return TRUE;
}

static gboolean
valid_clock (const char *text, const char *clock, gsize len, int h, int mi, int s,
             GError **error)
{
  if (h < 24 && mi < 60 && s < 60)
    return TRUE;
  g_autofree char *typed = g_strndup (clock, len);
  g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
               _("“%s”: %s is not a time of day (hours 0 to 23, minutes and seconds 0 to 59)"),
               text, typed);
  return FALSE;
}

static gboolean
make_time (const char *text, GTimeZone *tz, int y, int mo, int d, int h, int mi, int s,
           gint64 *out, GError **error)
{
  g_autoptr (GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, s);
  if (dt == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s” does not exist in the local time zone"), text);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt) * CG_USEC_PER_SEC;
  return TRUE;
}

static gboolean
day_exists (int y, int mo, int d)
{
  return mo >= 1 && mo <= 12 && d >= 1 && y >= 1970 && y <= 9999
         && g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y);
}

static gboolean
parse_day_time (const char *text, const char *t, gint64 now_us, GTimeZone *tz, gint64 *out,
                GError **error)
{
  const char *p = t;
  int d = 0, mo = 0, y = 0, h = 0, mi = 0, s = 0;
  if (!number (&p, 2, &d) || *p != '/')
    return fail_shape (text, error);
  p++;
  if (!number (&p, 2, &mo))
    return fail_shape (text, error);
  gboolean has_year = *p == '/';
  if (has_year)
    {
      const char *year = ++p;
      if (!number (&p, 4, &y) || p - year != 4)
        return fail_shape (text, error);
    }
  gsize date_len = (gsize) (p - t);
  if (*p != ' ' && *p != '\t')
    return fail_shape (text, error);
  skip_spaces (&p);
  const char *clock = p;
  if (!parse_clock (&p, &h, &mi, &s) || *p != '\0')
    return fail_shape (text, error);

  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (now_us / CG_USEC_PER_SEC);
  g_autoptr (GDateTime) here = g_date_time_to_timezone (now, tz);
  if (!has_year)
    {
      y = g_date_time_get_year (here);
      /* Footage lies behind: a day more than a day ahead was last year's. */
      if (day_exists (y, mo, d))
        {
          gint64 at = 0;
          if (make_time (text, tz, y, mo, d, 0, 0, 0, &at, NULL) && at > now_us + DAY_US)
            y--;
        }
    }
  if (!day_exists (y, mo, d))
    {
      g_autofree char *typed = g_strndup (t, date_len);
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("“%s”: there is no day %s (the day first, then the month)"), text, typed);
      return FALSE;
    }
  if (!valid_clock (text, clock, (gsize) (p - clock), h, mi, s, error))
    return FALSE;
  return make_time (text, tz, y, mo, d, h, mi, s, out, error);
}

static gboolean
parse_today (const char *text, const char *t, gint64 now_us, GTimeZone *tz, gint64 *out,
             GError **error)
{
  const char *p = t;
  int h = 0, mi = 0, s = 0;
  if (!parse_clock (&p, &h, &mi, &s) || *p != '\0')
    return fail_shape (text, error);
  if (!valid_clock (text, t, (gsize) (p - t), h, mi, s, error))
    return FALSE;
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (now_us / CG_USEC_PER_SEC);
  g_autoptr (GDateTime) here = g_date_time_to_timezone (now, tz);
  return make_time (text, tz, g_date_time_get_year (here), g_date_time_get_month (here),
                    g_date_time_get_day_of_month (here), h, mi, s, out, error);
}

gboolean
cg_time_input_parse (const char *text, gint64 now_us, GTimeZone *tz, gint64 *out_us,
                     GError **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr (GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  GTimeZone *zone = tz != NULL ? tz : local;
  if (*t == '\0')
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_USAGE,
                           _("Type a time: dd/mm HH:MM, HH:MM for today, or -15m, -2h for that "
                             "long ago"));
      return FALSE;
    }
  if (t[0] == '-')
    return parse_back (t, t + 1, now_us, out_us, error);
  /* ISO 8601 (a script's, or pasted from --json). */
  if (strchr (t, '-') != NULL)
    {
      if (cg_time_parse (t, zone, out_us, NULL))
        return TRUE;
      return fail_shape (t, error);
    }
  if (strchr (t, '/') != NULL)
    return parse_day_time (t, t, now_us, zone, out_us, error);
  return parse_today (t, t, now_us, zone, out_us, error);
}
