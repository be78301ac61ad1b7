/* export/plan.c — choosing the footage of an export (pure). */
#include "build-config.h"

#include "daemon/export/plan.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/timeutil.h"

#define HOUR_US (3600 * CG_USEC_PER_SEC)

/* The keyframe of s at or before t (its start when t is before it). */
static gint64
keyframe_at_or_before (const CgExportSource *s, gint64 t)
{
  gint64 best = s->start_us;
  for (guint k = 0; k < s->n_keyframes; k++)
    {
      gint64 at = s->start_us + s->keyframes[k];
      if (at > t)
        break;
      best = MAX (best, at);
    }
  return best;
}

/* "h264 1280x720": a picture's kind, for a message. */
static char *
picture_kind (const CgExportSource *s)
{
  return g_strdup_printf ("%s %dx%d", s->codec != NULL ? s->codec : "?", s->width, s->height);
}

static gboolean
same_picture (const CgExportSource *a, const CgExportSource *b)
{
  if (a->codec != NULL && b->codec != NULL && g_strcmp0 (a->codec, b->codec) != 0)
    return FALSE;
  if (a->width > 0 && b->width > 0 && (a->width != b->width || a->height != b->height))
    return FALSE;
  return TRUE;
}

static void
add_gap (CgExportPlan *plan, gint64 from, gint64 to, const CgExportSource *sources, guint n)
{
  if (to - from < CG_EXPORT_GAP_MIN_US)
    return;
  CgExportGap g = { from, to, FALSE };
  for (guint i = 0; i < n; i++)
    if (sources[i].damaged && sources[i].start_us < to && sources[i].end_us > from)
      g.damaged = TRUE;
  g_array_append_val (plan->gaps, g);
}

/* Takes the pieces of the sources that overlap [from, to). */
static gboolean
choose_pieces (const CgExportSource *sources, guint n, gint64 from, gint64 to,
               CgExportPlan *plan, gboolean *damaged, GError **error)
{
  gint64 covered = G_MININT64;
  const CgExportSource *last = NULL;
  for (guint i = 0; i < n; i++)
    {
      const CgExportSource *s = &sources[i];
      if (!(s->start_us < to && s->end_us > from))
        continue;
      if (s->open)
        {
          g_autofree char *since = cg_time_format_local (MAX (s->start_us, from), NULL);
          cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                             N_("the range reaches footage still being recorded (from %s on): "
                                "end it before then, or ask again in a minute or two, once that "
                                "footage is closed"), since);
          return FALSE;
        }
      if (s->damaged)
        {
          *damaged = TRUE;
          continue;
        }
      /* Already covered by the piece before (segments that overlap after
       * a crash): nothing new. */
      if (s->end_us <= covered)
        continue;
      CgExportPiece p = {
        .source = i,
        .from_us = plan->pieces->len == 0 ? keyframe_at_or_before (s, from) : s->start_us,
        .to_us = MIN (s->end_us, to),
      };
      if (p.to_us <= p.from_us)
        continue;
      if (last != NULL && !same_picture (last, s))
        {
          g_autofree char *at = cg_time_format_local (s->start_us, NULL);
          g_autofree char *before = picture_kind (last);
          g_autofree char *after = picture_kind (s);
          cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                             N_("the camera's picture changes at %s (from %s to %s) and one file "
                                "holds one kind of picture: export the footage before %s and the "
                                "footage from then on separately"), at, before, after, at);
          return FALSE;
        }
      g_array_append_val (plan->pieces, p);
      covered = p.to_us;
      last = s;
      gint64 span = MAX (s->end_us - s->start_us, 1);
      plan->bytes += (gint64) ((double) s->bytes * (double) (p.to_us - p.from_us) / (double) span);
      plan->duration_us += p.to_us - p.from_us;
      plan->thinned |= s->thinned;
      plan->audio |= s->has_audio && !s->thinned;
    }
  return TRUE;
}

gboolean
cg_export_plan (const CgExportSource *sources, guint n, gint64 from, gint64 to, gint64 now,
                gint64 max_us, CgExportPlan *plan, GError **error)
{
  *plan = (CgExportPlan) {
    .pieces = g_array_new (FALSE, FALSE, sizeof (CgExportPiece)),
    .gaps = g_array_new (FALSE, FALSE, sizeof (CgExportGap)),
  };
  if (to <= from)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("params: “to” must be later than “from”"));
      cg_export_plan_clear (plan);
      return FALSE;
    }
  if (to - from > max_us)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("the range asked for is %.2f hours long and an export may cover at "
                            "most %.1f hours ([export] max_hours): export it in several parts"),
                         (double) (to - from) / HOUR_US, (double) max_us / HOUR_US);
      cg_export_plan_clear (plan);
      return FALSE;
    }
  gboolean damaged = FALSE;
  if (!choose_pieces (sources, n, from, to, plan, &damaged, error))
    {
      cg_export_plan_clear (plan);
      return FALSE;
    }
  if (plan->pieces->len == 0)
    {
      if (damaged)
        cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                           N_("the only footage in this range is damaged (it could not be read "
                              "back after a crash): it is kept as it is for an administrator to "
                              "examine"));
      else
        cg_error_set_text (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                           N_("there is no footage in this range"));
      cg_export_plan_clear (plan);
      return FALSE;
    }
  const CgExportPiece *first = &g_array_index (plan->pieces, CgExportPiece, 0);
  const CgExportPiece *end = &g_array_index (plan->pieces, CgExportPiece, plan->pieces->len - 1);
  plan->from_us = first->from_us;
  plan->to_us = end->to_us;
  /* What is missing: before the first piece, between pieces, after. */
  add_gap (plan, from, first->from_us, sources, n);
  for (guint i = 1; i < plan->pieces->len; i++)
    add_gap (plan, g_array_index (plan->pieces, CgExportPiece, i - 1).to_us,
             g_array_index (plan->pieces, CgExportPiece, i).from_us, sources, n);
  add_gap (plan, end->to_us, MIN (to, MAX (now, end->to_us)), sources, n);
  return TRUE;
}

void
cg_export_plan_clear (CgExportPlan *plan)
{
  g_clear_pointer (&plan->pieces, g_array_unref);
  g_clear_pointer (&plan->gaps, g_array_unref);
}

gboolean
cg_export_nearest (const CgExportSource *sources, guint n, gboolean before, gint64 *from_us,
                   gint64 *to_us)
{
  if (n == 0)
    return FALSE;
  *from_us = sources[0].start_us;
  *to_us = sources[0].end_us;
  for (guint i = 1; i < n; i++)
    {
      const CgExportSource *s = &sources[i];
      if (before && *from_us - s->end_us < CG_EXPORT_GAP_MIN_US)
        *from_us = MIN (*from_us, s->start_us);
      else if (!before && s->start_us - *to_us < CG_EXPORT_GAP_MIN_US)
        *to_us = MAX (*to_us, s->end_us);
      else
        break;
    }
  return TRUE;
}
