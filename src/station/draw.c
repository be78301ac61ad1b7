/* draw.c — colours and small drawing helpers shared by the screens. */
#include "build-config.h"

#include "station/screen.h"

#include "common/i18n.h"
#include "common/text.h"
#include "station/keys.h"

void
cg_draw_init_colors (void)
{
  if (!has_colors ())
    return;
  start_color ();
  use_default_colors ();
  init_pair (CG_PAIR_RECORDING, COLOR_GREEN, -1);
  init_pair (CG_PAIR_WARNING, COLOR_YELLOW, -1);
  init_pair (CG_PAIR_OFFLINE, COLOR_RED, -1);
  init_pair (CG_PAIR_DISABLED, COLOR_WHITE, -1);
  init_pair (CG_PAIR_TITLE, COLOR_BLACK, COLOR_CYAN);
  init_pair (CG_PAIR_SELECTED, COLOR_BLACK, COLOR_YELLOW);
  init_pair (CG_PAIR_MAP, COLOR_CYAN, -1);
}

int
cg_draw_state_pair (const char *state)
{
  if (g_strcmp0 (state, "recording") == 0)
    return CG_PAIR_RECORDING;
  if (g_strcmp0 (state, "stalled") == 0 || g_strcmp0 (state, "connecting") == 0)
    return CG_PAIR_WARNING;
  if (g_strcmp0 (state, "disabled") == 0)
    return CG_PAIR_DISABLED;
  return CG_PAIR_OFFLINE;
}

const char *
cg_draw_state_label (const char *state)
{
  if (g_strcmp0 (state, "recording") == 0)
    return _("recording");
  if (g_strcmp0 (state, "connecting") == 0)
    return _("connecting");
  if (g_strcmp0 (state, "stalled") == 0)
    return _("stalled");
  if (g_strcmp0 (state, "offline") == 0)
    return _("offline");
  if (g_strcmp0 (state, "disabled") == 0)
    return _("disabled");
  return state != NULL ? state : "?";
}

void
cg_draw_text (WINDOW *win, int y, int x, int width, const char *text, gboolean right)
{
  if (width <= 0)
    return;
  g_autofree char *shown = cg_text_for_terminal (text != NULL ? text : "");
  g_autofree char *fit = cg_text_fit (shown, width, right);
  mvwaddstr (win, y, x, fit);
}

const char *
cg_draw_marker (CgStation *st, const char *state)
{
  if (st->utf8)
    return "●";
  switch (cg_draw_state_pair (state))
    {
    case CG_PAIR_RECORDING: return "*";
    case CG_PAIR_WARNING: return "o";
    case CG_PAIR_DISABLED: return "-";
    default: return "x";
    }
}
