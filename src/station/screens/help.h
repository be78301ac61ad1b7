/* help.h — what the F1 screen lists, without the drawing: every row of
 * every key table the station answers to, so that a test can check that
 * help names every key. */
#pragma once

#include "station/screen.h"

typedef struct
{
  char *keys;       /* "F1 1", "← ↑ → ↓"; NULL on a heading or a blank line */
  char *text;       /* the heading or the row's help, translated; NULL: blank */
  gboolean heading;
} CgHelpLine;

void cg_help_line_free (CgHelpLine *line);

/* The lines of help, first (may be NULL) first: the keys of the screen
 * the officer came from, then those of every screen, of each screen, of
 * the "/" filter's field and of the quit question.  A new array of
 * CgHelpLine*; key names are ASCII when utf8 is FALSE. */
GPtrArray *cg_help_lines (const CgScreen *first, gboolean utf8);
