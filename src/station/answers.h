/* answers.h — the terminal's answers to the station's probes, taken out
 * of what the officer types (pure).
 *
 * The pacer asks the terminal where its cursor is (CSI 6n); the answer,
 * ESC [ row ; col R, arrives mixed with keys.  It must never reach a text
 * field or a hotkey, so every byte from the terminal passes this filter
 * first: answers are counted and dropped, everything else goes on
 * unchanged and in order.  The station keeps the cursor off the first
 * row when it asks, so that xterm's Shift+F3 (ESC [1;2R, "row 1") stays a
 * key.  A sequence cut between two reads after its "ESC [" is held until
 * the rest comes or cg_answers_flush() gives it up; a lone Esc at the end
 * of a read goes on at once (the Esc key, its pause kept).
 */
#pragma once

#include <glib.h>

typedef struct CgAnswers CgAnswers;

CgAnswers *cg_answers_new (void);
void cg_answers_free (CgAnswers *a);

/* Feeds bytes read from the terminal; appends what is not an answer to
 * `keys`; returns the number of answers found. */
int cg_answers_feed (CgAnswers *a, const guint8 *bytes, gsize n, GByteArray *keys);

/* TRUE while the start of a possible answer is held. */
gboolean cg_answers_holding (const CgAnswers *a);

/* Gives up on what is held: appends it to `keys` as typed. */
void cg_answers_flush (CgAnswers *a, GByteArray *keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAnswers, cg_answers_free)
