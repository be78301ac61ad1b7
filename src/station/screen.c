/* screen.c — the table of screens: the one place that names them. */
#include "build-config.h"

#include "station/screen.h"

const CgScreen *const cg_screens[] = {
  &cg_screen_help,
  &cg_screen_map,
  &cg_screen_grid,
  &cg_screen_status,
  &cg_screen_incidents,
  &cg_screen_playback,
  &cg_screen_reports,
  &cg_screen_maintenance,
  NULL,
};

/* The map: where an officer on duty looks first. */
const CgScreen *const cg_screen_start = &cg_screen_map;

int
cg_screen_count (void)
{
  int n = 0;
  while (cg_screens[n] != NULL)
    n++;
  return n;
}

int
cg_screen_by_number (int number)
{
  for (int i = 0; cg_screens[i] != NULL; i++)
    if (cg_screens[i]->number == number)
      return i;
  return -1;
}

int
cg_screen_by_key (int key)
{
  if (key > CG_KEY_F0 && key <= CG_KEY_F (63))
    return cg_screen_by_number (key - CG_KEY_F0);
  if (key >= '1' && key <= '9')
    return cg_screen_by_number (key - '0');
  return -1;
}
