/* screens/playback_incident.c — the marked footage to the incident log
 * (F5): m opens a new incident with the camera and the marks filled in,
 * a asks an incident's number and attaches the marked range to it. */
#include "build-config.h"

#include "common/i18n.h"
#include "common/timeutil.h"
#include "station/screens/incidents.h"
#include "station/screens/playback_state.h"

/* Both marks, or a notice saying what to do. */
static gboolean
marked (Playback *pb)
{
  if (pb->camera == NULL || pb->marks.in_us == 0 || pb->marks.out_us == 0)
    {
      pb_notice (pb, TRUE, "%s", _("Mark where the footage begins (i) and ends (o) first."));
      return FALSE;
    }
  return TRUE;
}

int
pb_new_incident (gpointer self, int key)
{
  Playback *pb = self;
  if (!marked (pb))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  if (pb->mode == PB_PLAYING)
    pb_set_mode (pb, PB_PAUSED);
  cg_incidents_new_from_range (pb->st, pb->camera, pb->marks.in_us, pb->marks.out_us);
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

int
pb_attach_incident (gpointer self, int key)
{
  Playback *pb = self;
  if (!marked (pb))
    return CG_KEY_HANDLED | CG_KEY_REDRAW;
  pb->editing_incident = TRUE;
  g_clear_pointer (&pb->notice, g_free);
  cg_text_field_set_text (pb->incident_edit, "");
  return CG_KEY_HANDLED | CG_KEY_REDRAW;
}

char *
pb_incident_line (Playback *pb)
{
  g_autofree char *view = cg_text_field_view (pb->incident_edit, 16, NULL);
  return g_strdup_printf (_("Attach the marked footage to incident number: %s_   (12, or 12/2026)  "
                            "Enter: attach, Esc: cancel"), view);
}

static void
attach (Playback *pb)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CgIncident) inc = cg_incidents_attach (pb->st, cg_text_field_text (pb->incident_edit),
                                                    pb->camera, pb->marks.in_us, pb->marks.out_us,
                                                    &error);
  if (inc == NULL)
    {
      /* The field stays open with what was typed, the reason above it. */
      pb_notice (pb, TRUE, "%s", error != NULL ? error->message : "?");
      return;
    }
  pb->editing_incident = FALSE;
  const CgEvidence *last = NULL;
  for (guint i = 0; i < inc->evidence->len; i++)
    {
      const CgEvidence *e = inc->evidence->pdata[i];
      if (last == NULL || e->id > last->id)
        last = e;
    }
  if (last != NULL && last->footage_seconds <= 0)
    pb_notice (pb, TRUE, _("Attached to incident %s, but nothing was recorded in that range (no "
                           "footage)."), inc->code);
  else
    pb_notice (pb, FALSE, _("Attached to incident %s (F5 shows it)."), inc->code);
}

/* While the number is typed every key is the field's, or Enter's and
 * Esc's; F-keys still switch screens. */
int
pb_incident_key (Playback *pb, int key)
{
  CgTextFieldResult r = cg_text_field_press (pb->incident_edit, key);
  if (r != CG_TEXT_FIELD_IGNORED)
    {
      if (r & CG_TEXT_FIELD_REFUSED)
        beep ();
      if (r & CG_TEXT_FIELD_CHANGED)
        g_clear_pointer (&pb->notice, g_free);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (key == CG_KEY_ENTER)
    {
      attach (pb);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (key == CG_KEY_ESC)
    {
      pb->editing_incident = FALSE;
      g_clear_pointer (&pb->notice, g_free);
      return CG_KEY_HANDLED | CG_KEY_REDRAW;
    }
  if (CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0)
    {
      pb->editing_incident = FALSE;
      return CG_KEY_IGNORED;
    }
  return CG_KEY_HANDLED;
}
