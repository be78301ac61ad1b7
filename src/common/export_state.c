/* export_state.c — the table of an export's states and their labels. */
#include "build-config.h"

#include "common/export_state.h"

#include "common/i18n.h"

static const struct {
  const char *code;
  const char *label;
} states[] = {
  { "running", N_("being made") },
  { "complete", N_("complete") },
  { "failed", N_("failed") },
  { "cancelled", N_("cancelled") },
  { "removed", N_("removed") },
};

const char *
cg_export_state_msgid (const char *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (code, states[i].code) == 0)
      return states[i].label;
  return code != NULL ? code : "?";
}

CgMessage *
cg_export_state_message (const char *code)
{
  const char *msgid = cg_export_state_msgid (code);
  return msgid == code ? cg_message_literal (code) : cg_message_compose (msgid, NULL);
}
