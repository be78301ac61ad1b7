/* fault.c — parsing --fault, --size and rate values (pure functions). */
#include "build-config.h"

#include "camsim/fault.h"

#include "common/config.h"
#include "common/error.h"
#include "common/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[CG_CAMSIM_N_FAULTS] = {
  [CG_CAMSIM_FAULT_DROP] = "drop",
  [CG_CAMSIM_FAULT_STALL] = "stall",
  [CG_CAMSIM_FAULT_OFFLINE] = "offline",
  [CG_CAMSIM_FAULT_THROTTLE] = "throttle",
  [CG_CAMSIM_FAULT_GARBAGE] = "garbage",
  [CG_CAMSIM_FAULT_RESIZE] = "resize",
  [CG_CAMSIM_FAULT_TSJUMP] = "tsjump",
  [CG_CAMSIM_FAULT_MOTION] = "motion",
  [CG_CAMSIM_FAULT_BRIGHTNESS] = "brightness",
};

const char *
cg_camsim_fault_kind_name (CgCamsimFaultKind kind)
{
  g_assert (kind < CG_CAMSIM_N_FAULTS);
  return kind_names[kind];
}

static gboolean
parse_uint (const char *text, guint max, guint *out)
{
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  guint64 v = 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
cg_camsim_parse_size (const char *text, guint *width, guint *height)
{
  const char *x = strchr (text, 'x');
  if (x == NULL)
    return FALSE;
  g_autofree char *w = g_strndup (text, (gsize) (x - text));
  guint vw = 0, vh = 0;
  if (!parse_uint (w, 7680, &vw) || !parse_uint (x + 1, 4320, &vh))
    return FALSE;
  /* 4:2:0 chroma needs even sizes; encoders refuse anything smaller. */
  if (vw < 16 || vh < 16 || vw % 2 != 0 || vh % 2 != 0)
    return FALSE;
  *width = vw;
  *height = vh;
  return TRUE;
}

gboolean
cg_camsim_parse_rate (const char *text, guint64 *bps)
{
  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || !isfinite (v))
    return FALSE;
  double unit = 1;
  if (*end == 'k' || *end == 'K')
    unit = 1e3, end++;
  else if (*end == 'M')
    unit = 1e6, end++;
  if (*end != '\0')
    return FALSE;
  double r = v * unit;
  if (r < 1000 || r > 1e10)
    return FALSE;
  *bps = (guint64) llround (r);
  return TRUE;
}

static gboolean
parse_positive_duration (const char *text, gint64 *us)
{
  return cg_parse_duration (text, G_USEC_PER_SEC, us) && *us > 0;
}

static gboolean
parse_camera (const char *text, guint *camera)
{
  if (g_ascii_strcasecmp (text, "all") == 0)
    {
      *camera = CG_CAMSIM_ALL_CAMERAS;
      return TRUE;
    }
  if (g_ascii_strncasecmp (text, "cam", 3) == 0)
    text += 3;
  return parse_uint (text, 9999, camera);
}

/* The value after '=': what it means depends on the kind. */
static gboolean
parse_value (CgCamsimFault *f, const char *value)
{
  switch (f->kind)
    {
    case CG_CAMSIM_FAULT_DROP:
      return parse_positive_duration (value, &f->every_us);
    case CG_CAMSIM_FAULT_STALL:
    case CG_CAMSIM_FAULT_OFFLINE:
      {
        /* "UP+DOWN" is a shorthand for "DOWN,every=UP". */
        const char *plus = strchr (value, '+');
        if (plus == NULL)
          return parse_positive_duration (value, &f->duration_us);
        g_autofree char *up = g_strndup (value, (gsize) (plus - value));
        return parse_positive_duration (up, &f->every_us)
               && parse_positive_duration (plus + 1, &f->duration_us);
      }
    case CG_CAMSIM_FAULT_THROTTLE:
      return cg_camsim_parse_rate (value, &f->rate_bps);
    case CG_CAMSIM_FAULT_GARBAGE:
      {
        char *end = NULL;
        if (!g_ascii_isdigit (value[0]))
          return FALSE;
        double p = g_ascii_strtod (value, &end);
        if (*end == '%')
          end++;
        if (*end != '\0' || !(p > 0 && p <= 100))
          return FALSE;
        f->percent = p;
        return TRUE;
      }
    case CG_CAMSIM_FAULT_RESIZE:
      return cg_camsim_parse_size (value, &f->width, &f->height);
    case CG_CAMSIM_FAULT_TSJUMP:
      return parse_positive_duration (value, &f->duration_us);
    case CG_CAMSIM_FAULT_MOTION:
      {
        const char *plus = strchr (value, '+');
        if (plus == NULL)
          return FALSE;
        g_autofree char *moving = g_strndup (value, (gsize) (plus - value));
        return parse_positive_duration (moving, &f->every_us)
               && parse_positive_duration (plus + 1, &f->duration_us);
      }
    case CG_CAMSIM_FAULT_BRIGHTNESS:
      {
        gint64 v = 0;
        if (!g_ascii_string_to_signed (value, 10, -128, 128, &v, NULL) || v == 0)
          return FALSE;
        f->step = (int) v;
        return TRUE;
      }
    case CG_CAMSIM_N_FAULTS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
value_syntax (CgCamsimFaultKind kind)
{
  switch (kind)
    {
    case CG_CAMSIM_FAULT_DROP: return _("a period such as 30s");
    case CG_CAMSIM_FAULT_STALL:
    case CG_CAMSIM_FAULT_OFFLINE: return _("a duration such as 10s, or UP+DOWN such as 20s+10s");
    case CG_CAMSIM_FAULT_THROTTLE: return _("a bit rate such as 300k or 1.5M");
    case CG_CAMSIM_FAULT_GARBAGE: return _("a share of frames such as 5%");
    case CG_CAMSIM_FAULT_RESIZE: return _("a size such as 640x360");
    case CG_CAMSIM_FAULT_TSJUMP: return _("a duration such as 5s");
    case CG_CAMSIM_FAULT_MOTION: return _("MOVING+STILL durations such as 6s+8s");
    case CG_CAMSIM_FAULT_BRIGHTNESS: return _("a step of luma levels such as 40 or -30");
    case CG_CAMSIM_N_FAULTS:
    default: g_assert_not_reached ();
    }
}

gboolean
cg_camsim_fault_parse (const char *text, CgCamsimFault *out, GError **error)
{
  CgCamsimFault f = {
    .every_us = 30 * G_USEC_PER_SEC,
    .duration_us = 10 * G_USEC_PER_SEC,
    .percent = 5,
  };
  const char *colon = strchr (text, ':');
  if (colon == NULL)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("fault '%s': expected CAMERA:KIND, for example cam3:drop=30s"), text);
      return FALSE;
    }
  g_autofree char *camera = g_strndup (text, (gsize) (colon - text));
  if (!parse_camera (camera, &f.camera))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("fault '%s': '%s' is not a camera; use camN, N or all"), text, camera);
      return FALSE;
    }

  g_auto (GStrv) parts = g_strsplit (colon + 1, ",", -1);
  char *kind = parts[0];
  char *value = strchr (kind, '=');
  if (value != NULL)
    *value++ = '\0';
  gboolean known = FALSE;
  for (int k = 0; k < CG_CAMSIM_N_FAULTS; k++)
    if (g_ascii_strcasecmp (kind, kind_names[k]) == 0)
      {
        f.kind = (CgCamsimFaultKind) k;
        known = TRUE;
      }
  if (!known)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("fault '%s': unknown kind '%s'; known kinds are drop, stall, offline, "
                     "throttle, garbage, resize, tsjump, motion and brightness"), text, kind);
      return FALSE;
    }
  /* Defaults that differ by kind: each picked so a test sees the fault
   * within half a minute. */
  if (f.kind == CG_CAMSIM_FAULT_RESIZE)
    f.every_us = 10 * G_USEC_PER_SEC;
  else if (f.kind == CG_CAMSIM_FAULT_TSJUMP)
    f.every_us = 20 * G_USEC_PER_SEC, f.duration_us = 5 * G_USEC_PER_SEC;
  else if (f.kind == CG_CAMSIM_FAULT_MOTION)
    f.every_us = 6 * G_USEC_PER_SEC, f.duration_us = 8 * G_USEC_PER_SEC;
  else if (f.kind == CG_CAMSIM_FAULT_BRIGHTNESS)
    f.every_us = 10 * G_USEC_PER_SEC, f.step = 40;

  if (value == NULL && f.kind == CG_CAMSIM_FAULT_THROTTLE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("fault '%s': throttle needs a rate, for example throttle=300k"), text);
      return FALSE;
    }
  if (value != NULL && !parse_value (&f, value))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                   _("fault '%s': '%s' is not valid for %s; expected %s"), text, value,
                   kind_names[f.kind], value_syntax (f.kind));
      return FALSE;
    }

  for (int i = 1; parts[i] != NULL; i++)
    {
      const char *p = parts[i];
      gboolean periodic = f.kind != CG_CAMSIM_FAULT_THROTTLE && f.kind != CG_CAMSIM_FAULT_GARBAGE
                          && f.kind != CG_CAMSIM_FAULT_MOTION;
      if (!periodic || !g_str_has_prefix (p, "every=")
          || !parse_positive_duration (p + strlen ("every="), &f.every_us))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_USAGE,
                       periodic ? _("fault '%s': '%s' is not understood; expected every=DURATION")
                                : _("fault '%s': '%s' is not understood; this kind takes no period"),
                       text, p);
          return FALSE;
        }
    }
  *out = f;
  return TRUE;
}
