/* draw.c — colours and small drawing helpers shared by the screens. */
#include "build-config.h"

#include "station/screen.h"

#include "common/camera_state.h"
#include "common/i18n.h"
#include "common/text.h"
#include "common/timeutil.h"
#include "station/history.h"
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

int
cg_draw_paragraph (WINDOW *win, int y, int x, int width, int max_lines, const char *text)
{
  g_auto (GStrv) lines = cg_text_wrap (text, width);
  for (int i = 0; lines[i] != NULL && i < max_lines; i++)
    cg_draw_text (win, y++, x, width, lines[i], FALSE);
  return y;
}

void
cg_draw_old_picture_label (CgStation *st, WINDOW *win, int y, int x, int width, int max_lines,
                           const CgStationCamera *c)
{
  const char *state = cg_model_state (st->model, c);
  int pair = cg_draw_state_pair (state);
  g_autofree char *label = cg_picture_age_text (cg_camera_state_label (state),
                                                cg_thumbs_time (st->thumbs, c->name), cg_time_now_us (), NULL);
  g_auto (GStrv) lines = cg_text_wrap (label, MAX (width - 2, 1));
  wattron (win, COLOR_PAIR (pair) | A_BOLD | A_REVERSE);
  for (int i = 0; lines[i] != NULL && i < MAX (max_lines, 1); i++)
    {
      mvwhline (win, y + i, x, ' ', width);
      cg_draw_text (win, y + i, x + 1, width - 2, lines[i], FALSE);
    }
  wattroff (win, COLOR_PAIR (pair) | A_BOLD | A_REVERSE);
}

const char *
cg_draw_marker (CgStation *st, const char *state)
{
  return st->utf8 ? "●" : cg_camera_state_lookup (state)->ascii;
}
