/* screens/help.c — F1: every key of every screen, from the same tables
 * the screens use. */
#include "build-config.h"

#include "common/i18n.h"
#include "station/screen.h"


static int
draw_keys (WINDOW *win, int y, int cols, int rows, const char *heading, const CgScreenKey *keys)
{
  if (y >= rows)
    return y;
  wattron (win, A_BOLD);
  cg_draw_text (win, y++, 2, cols - 4, heading, FALSE);
  wattroff (win, A_BOLD);
  for (const CgScreenKey *k = keys; k->action != NULL && y < rows; k++)
    {
      if (k->label == NULL)
        continue;
      cg_draw_text (win, y, 4, 12, k->label, FALSE);
      cg_draw_text (win, y++, 17, cols - 19, _(k->help), FALSE);
    }
  return y + 1;
}

static void
draw (CgStation *st, WINDOW *win, int rows, int cols)
{
  int y = 1;
  y = draw_keys (win, y, cols, rows, _("Everywhere"), cg_station_keys);
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i]->keys != NULL)
      {
        g_autofree char *heading = g_strdup_printf ("F%d %s", cg_screens[i]->number, _(cg_screens[i]->title));
        y = draw_keys (win, y, cols, rows, heading, cg_screens[i]->keys);
      }
}

const CgScreen cg_screen_help = {
  .number = 1,
  .title = N_("Help"),
  .draw = draw,
  .keys = NULL,
};
