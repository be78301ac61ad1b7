/* client/maintenance.h — a maintenance suggestion as the daemon sends it
 * (maintenance.suggestions, maintenance.overview), in the reader's words:
 * for the command line and the station alike. */
#pragma once

#include <json-glib/json-glib.h>

/* The sentence ("mất kết nối từ 27/11/2026 08:00 (2 ngày)"), worded from
 * its template in this program's language and zone; the daemon's own
 * wording when this program cannot. */
char *cg_suggestion_text (JsonObject *suggestion);

/* What to check first, in this program's language. */
const char *cg_suggestion_advice (JsonObject *suggestion);

/* The reason in two or three words, for narrow columns. */
const char *cg_suggestion_title (JsonObject *suggestion);

/* Đồng as Vietnamese write them: "1.200.000 đ". */
char *cg_format_dong (gint64 dong);

/* Đồng as officers type them: 350000, 350.000 or 350 000 (groups of
 * three); FALSE for anything else (a sign, a fraction, nothing). */
gboolean cg_parse_dong (const char *text, gint64 *dong);
