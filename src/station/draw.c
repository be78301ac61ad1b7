/* draw.c — small drawing helpers shared by the screens. */
#include "build-config.h"

#include "station/screen.h"

#include "common/i18n.h"
#include "common/text.h"
#include "station/keys.h"

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

int
cg_screen_dispatch (const CgScreenKey *keys, CgStation *st, int key, gunichar ch)
{
  gunichar folded = ch != 0 ? cg_key_fold (ch) : 0;
  for (const CgScreenKey *k = keys; keys != NULL && k->action != NULL; k++)
    if ((key != 0 && k->key == key) || (ch != 0 && k->ch != 0 && k->ch == folded))
      return k->action (st, key, ch);
  return CG_KEY_IGNORED;
}
