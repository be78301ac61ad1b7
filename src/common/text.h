/* text.h — laying out text for a terminal: display widths of UTF-8
 * (Vietnamese letters with combining marks, wide CJK), padding and
 * cutting to a column width, and the ASCII fallback for terminals that
 * are not UTF-8. */
#pragma once

#include <glib.h>

/* Terminal cells taken by a UTF-8 string. */
int cg_text_width (const char *s);

/* s cut to at most `width` cells (with "…" when cut) and padded with
 * spaces to exactly `width`; align_right pads on the left. */
char *cg_text_fit (const char *s, int width, gboolean align_right);

/* "Cổng chợ" -> "Cong cho" when the terminal is not UTF-8; a copy of s
 * otherwise. */
char *cg_text_for_terminal (const char *s);

/* A copy that is valid UTF-8 without control characters, for echoing
 * what someone typed. */
char *cg_text_printable (const char *text);
