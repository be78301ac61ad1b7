/* text.h — laying out text for a terminal: display widths of UTF-8
 * (Vietnamese letters with combining marks, wide CJK), padding and
 * cutting to a column width, and the ASCII fallback for terminals that
 * are not UTF-8; and comparing Vietnamese text the way officers read it
 * (folding for search, collation for sorting). */
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

/* Its first letter in capitals, the rest as it is: "báo cáo tháng" ->
 * "Báo cáo tháng", "đường" -> "Đường"; a title made of lower-case parts.
 * text is UTF-8. */
char *cg_text_capitalize (const char *text);

/* The text without tone marks, vowel marks and case: "Chợ Hoàng Kim",
 * "CHO HOANG KIM" and "cho hoang kim" all give "cho hoang kim".  For
 * matching what an officer typed, with or without an input method, and
 * what a terminal without UTF-8 shows.  Does not depend on the process
 * locale. */
char *cg_text_fold (const char *s);

/* Vietnamese collation, as a dictionary orders words: letters in the
 * alphabet's order (a ă â b c d đ e ê ... o ô ơ ... u ư ...), tone marks
 * only when the letters are equal (none, huyền, hỏi, ngã, sắc, nặng),
 * then case (lower first); digits compare as numbers, so "Cam 2" comes
 * before "Cam 10".  Does not depend on the process locale; returns <0,
 * 0 or >0 like strcmp, and 0 only for the same text (NFC). */
int cg_text_compare (const char *a, const char *b);

/* The same for a GPtrArray of strings: g_ptr_array_sort (names,
 * cg_text_compare_indirect). */
gint cg_text_compare_indirect (gconstpointer a, gconstpointer b);

/* s broken into lines of at most width cells, between words where it
 * can (a word longer than a line is cut); a NULL-terminated array. */
GStrv cg_text_wrap (const char *s, int width);
