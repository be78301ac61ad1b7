/* form_keys.h — what the station's forms share (an incident, a camera's
 * inventory, a camera added by its brand, a maintenance entry): the
 * order in which they take a key, and how one of their rows is drawn. */
#pragma once

#include "station/keys.h"
#include "station/textfield.h"

#include <glib.h>

/* The text field with focus (NULL: none, or a choice) takes the key
 * first: a key it refuses beeps; a change clears that field's error
 * (*field_error; NULL when there is no text field) and the "Esc again
 * leaves" state (*leaving).  Then the
 * form's key table.  An F-key the table does not take goes on to switch
 * screens, the form waiting as it was; any other key stops at the form. */
int cg_form_key (CgTextField *focused, char **field_error, gboolean *leaving,
                 const CgKeyRow *keys, gpointer self, int key);

/* ---- drawing a form's row ---------------------------------------------- */

#include <curses.h>

typedef struct {
  const char *label;  /* without its colon */
  const char *choice; /* a choice's value; NULL: a text field */
  CgTextField *text;
  const char *shown;  /* what stands in for the text (a password as dots), or NULL */
  const char *hint;   /* said beside the text while it is empty, or NULL */
  const char *error;  /* the refusal, drawn under the row, or NULL */
} CgFormRow;

/* One row of a form at y: its label in label_cols ("> " and bold with
 * focus), its value in value_cols after it (a choice between ‹ ›; text
 * with the cursor "_" and the Telex/VNI mode while focused; reversed
 * with focus), and its error under it in the warning colour.  Returns
 * the next free line. */
int cg_form_draw_row (WINDOW *win, int y, int label_cols, int value_cols, const CgFormRow *row,
                      gboolean focus);
