/* form_keys.c — a key in one of the station's forms (see form_keys.h). */
#include "build-config.h"

#include "station/form_keys.h"

#include "station/screen.h"

#include <curses.h>

int
cg_form_key (CgTextField *focused, char **field_error, gboolean *leaving,
             const CgKeyRow *keys, gpointer self, int key)
{
  if (focused != NULL)
    {
      CgTextFieldResult r = cg_text_field_press (focused, key);
      if (r != CG_TEXT_FIELD_IGNORED)
        {
          if (r & CG_TEXT_FIELD_REFUSED)
            beep ();
          if (r & CG_TEXT_FIELD_CHANGED)
            {
              if (field_error != NULL)
                g_clear_pointer (field_error, g_free);
              *leaving = FALSE;
            }
          return CG_KEY_HANDLED | CG_KEY_REDRAW;
        }
    }
  int flags = cg_key_dispatch (keys, self, key);
  if (flags & CG_KEY_HANDLED)
    return flags;
  if (CG_KEY_IS_CODE (key) && cg_screen_by_key (key) >= 0)
    return CG_KEY_IGNORED;
  return CG_KEY_HANDLED;
}
