/* message.h — a sentence for a person, kept as its untranslated template
 * and its arguments, so that it is worded where it is read.
 *
 * canhgacd runs in its own locale (under systemd, C) but its refusals are
 * read by officers in theirs.  A message travels as the msgid marked with
 * N_() and its arguments already formatted as strings; whoever shows it
 * translates the template with its own catalogue and fills it in.
 *
 * Filling in is not printf: a translation comes from a file, the
 * arguments from the other end of a socket.  Conversions are substituted
 * one by one, and a translation whose conversions do not match the
 * template's (one more, one of another kind) is not used.
 *
 * Supported conversions: %s, integers (%d %i %u %x %X %o, with the flags
 * ' - + space 0 #, a width and the length modifiers hh h l ll j z t) and
 * floating point (%f %F %e %E %g %G with a precision), %% and, in
 * translations, positional %N$.  An argument may itself be a message
 * (for %s only): "the user name" inside "%s is too long", and so may a
 * time or a span, worded by the reader in its own zone and language.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>

typedef struct CgMessage CgMessage;

/* The template msgid (marked N_()) with printf-style arguments; strings
 * are copied, numbers formatted in the C locale (a float with the
 * template's precision).  A conversion this module cannot carry is a
 * programming error (g_critical). */
CgMessage *cg_message_new (const char *msgid, ...) G_GNUC_PRINTF (1, 2);
CgMessage *cg_message_new_valist (const char *msgid, va_list args) G_GNUC_PRINTF (1, 0);

/* The template msgid whose conversions take, in order, the messages
 * given, NULL-terminated (all taken).  A message goes only where the
 * template has %s; a literal may also fill a number's place ("200"). */
CgMessage *cg_message_compose (const char *msgid, ...) G_GNUC_NULL_TERMINATED;

/* Text that is never translated: a camera's name, an address, a number. */
CgMessage *cg_message_literal (const char *text);

/* An instant (UTC microseconds), for %s: worded as the reader reads
 * times, dd/mm/yyyy HH:MM:SS in the reader's local time; on the wire
 * {"time": ISO 8601}. */
CgMessage *cg_message_time (gint64 us);

/* The day of an instant, for %s: worded dd/mm/yyyy, the day in the
 * reader's local time (an installation date, the first of a run of days);
 * on the wire {"date": ISO 8601}. */
CgMessage *cg_message_date (gint64 us);

/* A span of time, for %s, in whole seconds: worded "3 d 4 h" in the
 * reader's language (cg_duration_format); on the wire {"seconds": N}. */
CgMessage *cg_message_duration (gint64 us);

CgMessage *cg_message_copy (const CgMessage *message);
void cg_message_free (CgMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgMessage, cg_message_free)

/* The template (or a literal's text). */
const char *cg_message_template (const CgMessage *message);

/* In the current locale: the catalogue's translation where it fits, else
 * the template itself.  Never NULL. */
char *cg_message_word (const CgMessage *message);

/* In the current locale only when the catalogue translates the template
 * and the translation fits the arguments, else NULL: a reader then shows
 * the sender's own wording instead. */
char *cg_message_word_translated (const CgMessage *message);

/* On the wire: {"text": template, "args": [string or message, ...]}; a
 * literal is a JSON string. */
JsonNode *cg_message_to_json (const CgMessage *message);

/* Reads what cg_message_to_json() wrote; NULL when node is not such an
 * object, nests too deep, or its template does not take its arguments. */
CgMessage *cg_message_from_json (JsonNode *node);
