/* form_keys.c — a key in one of the station's forms, and a row of one
 * (see form_keys.h). */
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

int
cg_form_draw_row (WINDOW *win, int y, int label_cols, int value_cols, const CgFormRow *row,
                  gboolean focus)
{
  g_autofree char *label = g_strdup_printf ("%s%s:", focus ? "> " : "  ", row->label);
  if (focus)
    wattron (win, A_BOLD);
  cg_draw_text (win, y, 1, label_cols, label, FALSE);
  wattroff (win, A_BOLD);
  g_autofree char *value = NULL;
  if (row->choice != NULL)
    value = g_strdup_printf (focus ? "‹ %s ›" : "  %s", row->choice);
  else
    {
      g_autofree char *view = row->shown != NULL ? g_strdup (row->shown)
                              : row->text != NULL ? cg_text_field_view (row->text, value_cols - 8,
                                                                        NULL)
                                                  : g_strdup ("");
      CgImeMode ime = row->text != NULL ? cg_text_field_ime (row->text) : CG_IME_OFF;
      gboolean tag = focus && ime != CG_IME_OFF;
      value = g_strdup_printf ("%s%s%s%s%s", view, focus ? "_" : "", tag ? " [" : "",
                               tag ? cg_ime_mode_name (ime) : "", tag ? "]" : "");
      if (*view == '\0' && row->hint != NULL && *row->hint != '\0')
        {
          char *with_hint = g_strdup_printf ("%s   (%s)", value, row->hint);
          g_free (value);
          value = with_hint;
        }
    }
  if (focus)
    wattron (win, A_REVERSE);
  cg_draw_text (win, y, label_cols + 2, value_cols, value, FALSE);
  wattroff (win, A_REVERSE);
  y++;
  if (row->error != NULL)
    {
      /* The refusal under the field it is about. */
      wattron (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
      y = cg_draw_paragraph (win, y, label_cols + 2, value_cols, 2, row->error);
      wattroff (win, COLOR_PAIR (CG_PAIR_WARNING) | A_BOLD);
    }
  return y;
}
