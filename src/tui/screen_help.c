/* screen_help.c — F1: every key of every screen, from the same tables
 * the screens use. */
#include "build-config.h"

#include "common/i18n.h"
#include "tui/screen.h"

static const CgScreenKey global_keys[] = {
  { KEY_F (1), "F1 … F4", N_("switch screen (or the digits 1 … 4)") },
  { '/', "/", N_("filter cameras by name or place; Enter keeps it, Esc clears it") },
  { 'b', "b", N_("show how much this station sends to the terminal") },
  { 'q', "q", N_("quit, after asking") },
  { KEY_F (10), "F10", N_("quit at once (or 0)") },
  { 0 },
};

static char *
key_label (const CgScreenKey *k)
{
  if (k->label != NULL)
    return g_strdup (k->label);
  return g_strdup_printf ("%c", k->key);
}

static int
draw_keys (WINDOW *win, int y, int cols, int rows, const char *heading, const CgScreenKey *keys)
{
  if (y >= rows)
    return y;
  wattron (win, A_BOLD);
  cg_draw_text (win, y++, 2, cols - 4, heading, FALSE);
  wattroff (win, A_BOLD);
  for (const CgScreenKey *k = keys; k->key != 0 && y < rows; k++)
    {
      g_autofree char *label = key_label (k);
      cg_draw_text (win, y, 4, 12, label, FALSE);
      cg_draw_text (win, y++, 17, cols - 19, _(k->help), FALSE);
    }
  return y + 1;
}

static void
draw (CgStation *st, WINDOW *win, int rows, int cols)
{
  int y = 1;
  y = draw_keys (win, y, cols, rows, _("Everywhere"), global_keys);
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i]->keys != NULL && cg_screens[i]->keys[0].key != 0)
      {
        g_autofree char *heading = g_strdup_printf ("F%d %s", cg_screens[i]->number, _(cg_screens[i]->title));
        y = draw_keys (win, y, cols, rows, heading, cg_screens[i]->keys);
      }
}

static int
handle_key (CgStation *st, int key, gunichar ch)
{
  return CG_KEY_IGNORED;
}

const CgScreen cg_screen_help = {
  .number = 1,
  .title = N_("Help"),
  .draw = draw,
  .handle_key = handle_key,
  .keys = NULL,
};
