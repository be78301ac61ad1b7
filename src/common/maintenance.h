/* maintenance.h — the words of the maintenance log, in one table each:
 * the kinds of entry (báo hỏng, kiểm tra, sửa chữa...) and the reasons a
 * camera is suggested for attention, each with what to check first.
 *
 * The daemon keeps and sends codes; a suggestion also travels as a
 * message (common/message.h: a template and its arguments), so every
 * reader, the command line and the station, words it in its own
 * language and zone from the same table.
 */
#pragma once

#include <glib.h>

/* The kinds of entry, as the database and the API spell them. */
#define CG_MAINT_FAULT "fault"
#define CG_MAINT_INSPECTION "inspection"
#define CG_MAINT_REPAIR "repair"
#define CG_MAINT_REPLACE "replace"
#define CG_MAINT_MOVE "move"
#define CG_MAINT_RETIRE "retire"

/* The kinds in the order forms offer them, NULL-terminated. */
extern const char *const cg_maintenance_kinds[];

/* Whether code is a kind of entry. */
gboolean cg_maintenance_kind_valid (const char *code);

/* The kind in the reader's language ("sửa chữa"), or code itself when
 * it is none (a code newer than this program). */
const char *cg_maintenance_kind_label (const char *code);

/* The reasons a camera needs attention. */
#define CG_SUGGEST_OFFLINE "offline"     /* facts: since, seconds */
#define CG_SUGGEST_OUTAGES "outages"     /* facts: since (30 days ago), count */
#define CG_SUGGEST_WEAK_LINK "weak_link" /* facts: since, days */
#define CG_SUGGEST_INSPECT "inspect"     /* facts: since (install or last work), days */
#define CG_SUGGEST_FAULT "fault_open"    /* facts: since (the fault), entry, note */

typedef struct {
  const char *code;
  /* N_(): the sentence; its %s take the arguments the daemon sends in
   * this order (see maintenance_suggest.c). */
  const char *wording;
  /* N_(): what to check first, at a camera a household or business
   * hosts. */
  const char *advice;
  /* N_(): the reason in two or three words, for narrow columns. */
  const char *title;
  /* N_(): what to check first at a camera on the commune's own premises
   * and line; NULL: the same as advice. */
  const char *advice_unhosted;
} CgSuggestReason;

/* The reason's entry, or NULL for a code newer than this program. */
const CgSuggestReason *cg_suggest_reason_lookup (const char *code);

/* Its advice (N_()) for a camera hosted by someone or not. */
const char *cg_suggest_reason_advice (const CgSuggestReason *reason, gboolean hosted);
