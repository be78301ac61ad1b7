/* form_keys.h — how the station's forms take a key (an incident, a
 * camera's inventory, a camera added by its brand, a maintenance entry):
 * one order for all of them. */
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
