/* period.c — report periods (see period.h). */
#include "build-config.h"

#include "common/period.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"

#include <stdio.h>
#include <string.h>

static void
set_days (CgPeriod *p, int y1, int m1, int d1, int y2, int m2, int d2)
{
  g_date_clear (&p->first, 1);
  g_date_clear (&p->last, 1);
  g_date_set_dmy (&p->first, (GDateDay) d1, (GDateMonth) m1, (GDateYear) y1);
  g_date_set_dmy (&p->last, (GDateDay) d2, (GDateMonth) m2, (GDateYear) y2);
}

static int
days_in (int year, int month)
{
  return g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

/* The calendar period kind/year/index, its days set. */
static void
calendar (CgPeriod *p, CgPeriodKind kind, int year, int index)
{
  p->kind = kind;
  p->year = year;
  p->index = index;
  int months = kind == CG_PERIOD_MONTH ? 1 : kind == CG_PERIOD_QUARTER ? 3
               : kind == CG_PERIOD_HALF ? 6 : 12;
  int first = kind == CG_PERIOD_YEAR ? 1 : (index - 1) * months + 1;
  int last = first + months - 1;
  set_days (p, year, first, 1, year, last, days_in (year, last));
}

static gboolean
bad (const char *text, GError **error)
{
  cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
               N_("“%s” is not a period: write a month (2026-11), a quarter (2026-Q4), "
                 "a half year (2026-H1 or 2026-H2), a year (2026), or days "
                 "(01/11/2026..30/11/2026)"),
               text);
  return FALSE;
}

/* A whole string of digits, of n of them, as a number. */
static gboolean
digits (const char *s, gsize n, int *out)
{
  if (strlen (s) != n)
    return FALSE;
  int v = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gboolean
read_day (const char *text, const char *whole, GDate *out, GError **error)
{
  g_autofree char *iso = NULL;
  g_autoptr (GError) local = NULL;
  if (!cg_date_parse (text, &iso, &local))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE, N_("“%s” in the period “%s” is not a day: "
                                                      "write dd/mm/yyyy, such as 01/11/2026"),
                   text, whole);
      return FALSE;
    }
  int y = 0, m = 0, d = 0;
  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return bad (whole, error);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
parse_days (const char *t, const char *dots, CgPeriod *out, GError **error)
{
  g_autofree char *a = g_strstrip (g_strndup (t, (gsize) (dots - t)));
  g_autofree char *b = g_strstrip (g_strdup (dots + 2));
  CgPeriod p = { .kind = CG_PERIOD_DAYS };
  if (!read_day (a, t, &p.first, error) || !read_day (b, t, &p.last, error))
    return FALSE;
  if (g_date_compare (&p.last, &p.first) < 0)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                   N_("the period “%s” ends before it begins: write the first day, then the last"),
                   t);
      return FALSE;
    }
  if (cg_period_days (&p) > CG_PERIOD_MAX_DAYS)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                   N_("the period “%s” is longer than five years: write a shorter one"), t);
      return FALSE;
    }
  p.year = g_date_get_year (&p.first);
  *out = p;
  return TRUE;
}

gboolean
cg_period_parse (const char *text, CgPeriod *out, GError **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *dots = strstr (t, "..");
  if (dots != NULL)
    return parse_days (t, dots, out, error);
  int year = 0, n = 0;
  char head[5] = { 0 };
  if (strlen (t) >= 4)
    memcpy (head, t, 4);
  if (!digits (head, 4, &year))
    return bad (t, error);
  if (year < 1970 || year > 9999)
    return bad (t, error);
  const char *rest = t + 4;
  if (*rest == '\0')
    {
      calendar (out, CG_PERIOD_YEAR, year, 0);
      return TRUE;
    }
  if (*rest != '-')
    return bad (t, error);
  rest++;
  char first = g_ascii_toupper (*rest);
  if ((first == 'Q' || first == 'H') && digits (rest + 1, 1, &n))
    {
      int most = first == 'Q' ? 4 : 2;
      if (n < 1 || n > most)
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                       first == 'Q' ? N_("“%s”: a year has quarters Q1 to Q4")
                                    : N_("“%s”: a year has halves H1 and H2"),
                       t);
          return FALSE;
        }
      calendar (out, first == 'Q' ? CG_PERIOD_QUARTER : CG_PERIOD_HALF, year, n);
      return TRUE;
    }
  if (digits (rest, 2, &n) || digits (rest, 1, &n))
    {
      if (n < 1 || n > 12)
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                       N_("“%s”: months are 01 to 12"), t);
          return FALSE;
        }
      calendar (out, CG_PERIOD_MONTH, year, n);
      return TRUE;
    }
  return bad (t, error);
}

void
cg_period_previous (const CgPeriod *p, CgPeriod *out)
{
  switch (p->kind)
    {
    case CG_PERIOD_MONTH:
      if (p->index == 1)
        calendar (out, p->kind, p->year - 1, 12);
      else
        calendar (out, p->kind, p->year, p->index - 1);
      return;
    case CG_PERIOD_QUARTER:
    case CG_PERIOD_HALF:
      if (p->index == 1)
        calendar (out, p->kind, p->year - 1, p->kind == CG_PERIOD_QUARTER ? 4 : 2);
      else
        calendar (out, p->kind, p->year, p->index - 1);
      return;
    case CG_PERIOD_YEAR:
      calendar (out, p->kind, p->year - 1, 0);
      return;
    case CG_PERIOD_DAYS:
      break;
    }
  int n = cg_period_days (p);
  *out = *p;
  out->last = p->first;
  g_date_subtract_days (&out->last, 1);
  out->first = out->last;
  g_date_subtract_days (&out->first, (guint) (n - 1));
  out->year = g_date_get_year (&out->first);
}

static gint64
midnight (const GDate *d, GTimeZone *tz)
{
  g_autoptr (GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  g_autoptr (GDateTime) t = g_date_time_new (tz != NULL ? tz : local, g_date_get_year (d),
                                             g_date_get_month (d), g_date_get_day (d), 0, 0, 0);
  return g_date_time_to_unix (t) * CG_USEC_PER_SEC;
}

void
cg_period_bounds (const CgPeriod *p, GTimeZone *tz, gint64 *from_us, gint64 *to_us)
{
  GDate after = p->last;
  g_date_add_days (&after, 1);
  *from_us = midnight (&p->first, tz);
  *to_us = midnight (&after, tz);
}

int
cg_period_days (const CgPeriod *p)
{
  return g_date_days_between (&p->first, &p->last) + 1;
}

char *
cg_period_code (const CgPeriod *p)
{
  switch (p->kind)
    {
    case CG_PERIOD_MONTH: return g_strdup_printf ("%04d-%02d", p->year, p->index);
    case CG_PERIOD_QUARTER: return g_strdup_printf ("%04d-Q%d", p->year, p->index);
    case CG_PERIOD_HALF: return g_strdup_printf ("%04d-H%d", p->year, p->index);
    case CG_PERIOD_YEAR: return g_strdup_printf ("%04d", p->year);
    case CG_PERIOD_DAYS: break;
    }
  return g_strdup_printf ("%04d-%02d-%02d..%04d-%02d-%02d", g_date_get_year (&p->first),
                          g_date_get_month (&p->first), g_date_get_day (&p->first),
                          g_date_get_year (&p->last), g_date_get_month (&p->last),
                          g_date_get_day (&p->last));
}

static char *
day_text (const GDate *d)
{
  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (d), g_date_get_month (d),
                          g_date_get_year (d));
}

char *
cg_period_title (const CgPeriod *p)
{
  static const char *const roman[] = { "", "I", "II", "III", "IV" };
  switch (p->kind)
    {
    case CG_PERIOD_MONTH:
      return g_strdup_printf (_("month %d of %d"), p->index, p->year);
    case CG_PERIOD_QUARTER:
      return g_strdup_printf (_("quarter %s of %d"), roman[p->index], p->year);
    case CG_PERIOD_HALF:
      return g_strdup_printf (p->index == 1 ? _("the first six months of %d")
                                            : _("the last six months of %d"),
                              p->year);
    case CG_PERIOD_YEAR:
      return g_strdup_printf (_("the year %d"), p->year);
    case CG_PERIOD_DAYS:
      break;
    }
  g_autofree char *a = day_text (&p->first);
  g_autofree char *b = day_text (&p->last);
  return g_strdup_printf (C_ ("period", "from %s to %s"), a, b);
}

const char *
cg_period_report_name (const CgPeriod *p)
{
  switch (p->kind)
    {
    case CG_PERIOD_MONTH: return _("monthly report");
    case CG_PERIOD_QUARTER: return _("quarterly report");
    case CG_PERIOD_HALF: return _("six-month review");
    case CG_PERIOD_YEAR: return _("yearly review");
    case CG_PERIOD_DAYS: break;
    }
  return _("report");
}
