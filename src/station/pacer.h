/* pacer.h — how many bytes of pictures the line to the officer can take
 * now, measured from the terminal's own answers (pure: no terminal, no
 * clock of its own).
 *
 * What the station writes does not reach the officer when it is written:
 * sshd, the kernel and the line buffer whatever it sends, and on a line
 * slower than the pictures every key waits behind seconds of them.  So
 * after a batch of pictures the station asks the terminal where its
 * cursor is (CSI 6n).  The terminal answers only once it has drawn
 * everything sent before, so the answer says how much of what was written
 * has arrived, and its round trip how long the line's queue is.
 *
 * The pacer keeps a window of bytes in flight, as TCP does: what the
 * line drains in about 300 ms at the rate the answers show it delivers.
 * While pictures fill the window the line stays busy, so each answer
 * measures the line: the rate rises gently to a faster line by itself,
 * and backs off hard when the round trip shows a queue well past the
 * target (the line slowed down).  `[station] budget` is only a ceiling.
 * A terminal that never answers (or stops) is paced by the budget, or by
 * the last rate measured, after a timeout.
 */
#pragma once

#include <glib.h>

typedef struct CgPacer CgPacer;

typedef struct {
  gboolean measured; /* the terminal answers: paced by the window */
  double rate_kbits; /* what the line delivers (measured), or the pace used */
  double rtt_ms;     /* the last round trip (0 when none) */
  double base_rtt_ms; /* the line's own, without a queue */
  guint64 in_flight; /* bytes written, not yet drawn by the terminal */
  guint64 window;    /* bytes allowed in flight */
} CgPacerView;

/* The most the line may carry, in kbit/s: the [station] budget. */
CgPacer *cg_pacer_new (double ceiling_kbits, gint64 now_us);
void cg_pacer_free (CgPacer *p);

/* A probe was written (counted until its answer comes). */
void cg_pacer_probe_written (CgPacer *p);

/* The probe left for the terminal after `offset` bytes in all, at
 * sent_us (the oldest written and not yet placed). */
void cg_pacer_probe_sent (CgPacer *p, guint64 offset, gint64 sent_us);

/* The terminal answered the oldest probe. */
void cg_pacer_probe_answered (CgPacer *p, gint64 now_us);

/* Bytes of pictures that may be written now, `written` being the bytes
 * written to the terminal in all: a batch (a part of the window), to be
 * followed by a probe; then ask again. */
guint64 cg_pacer_room (CgPacer *p, guint64 written, gint64 now_us);

/* Whether a probe should follow what was just written: after pictures,
 * or when text has piled up unmeasured. */
gboolean cg_pacer_probe_wanted (CgPacer *p, guint64 written, gboolean pictures, gint64 now_us);

/* What the meter shows. */
void cg_pacer_view (CgPacer *p, guint64 written, gint64 now_us, CgPacerView *view);

/* Pictures degrade before they stop.  Called each second with how long
 * the line would take to show every picture waiting: the level (0 best,
 * at most 2) after this second.  Behind by more than 8 s for 5 s: one
 * level cheaper; with room to spare for a style twice as dear for 30 s:
 * one level better. */
typedef struct {
  int level;
  int slow_seconds, fast_seconds;
} CgPictureLevel;

int cg_picture_level_judge (CgPictureLevel *j, double seconds_behind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgPacer, cg_pacer_free)
