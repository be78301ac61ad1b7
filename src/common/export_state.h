/* export_state.h — an evidence export's states, as people read them.
 *
 * The daemon keeps and sends an export's state as a code ("running",
 * "complete", "failed", "cancelled", "removed": db/exports.h); whoever
 * shows it words it here, in the reader's language.
 */
#pragma once

#include "common/message.h"

/* The label's msgid (N_(), untranslated); the code itself when it is
 * not one of the states (from a newer daemon). */
const char *cg_export_state_msgid (const char *code);

/* The label as a message, to put inside another (cg_message_compose). */
CgMessage *cg_export_state_message (const char *code);
