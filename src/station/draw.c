/* draw.c — small drawing helpers shared by the screens. */
#include "build-config.h"

#include "station/screen.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "station/keys.h"

int
cg_draw_state_pair (const char *state)
{
  switch (cg_camera_state_role (state))
    {
    case CG_STATE_ROLE_OK: return CG_PAIR_RECORDING;
    case CG_STATE_ROLE_WARNING: return CG_PAIR_WARNING;
    case CG_STATE_ROLE_BAD: return CG_PAIR_OFFLINE;
    case CG_STATE_ROLE_MUTED: return CG_PAIR_DISABLED;
    }
  g_assert_not_reached ();
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
  return st->utf8 ? "●" : cg_camera_state_lookup (state)->ascii;
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
