/* client/maintenance.c — suggestions worded for the reader. */
#include "build-config.h"

#include "client/maintenance.h"

#include "common/i18n.h"
#include "common/maintenance.h"
#include "common/message.h"

char *
cg_suggestion_text (JsonObject *s)
{
  JsonNode *node = json_object_get_member (s, "message");
  g_autoptr (CgMessage) m = node != NULL ? cg_message_from_json (node) : NULL;
  if (m != NULL)
    return cg_message_word (m);
  return g_strdup (json_object_get_string_member_with_default (s, "text", ""));
}

const char *
cg_suggestion_advice (JsonObject *s)
{
  const CgSuggestReason *r = cg_suggest_reason_lookup (
    json_object_get_string_member_with_default (s, "reason", ""));
  if (r != NULL)
    return _(r->advice);
  return json_object_get_string_member_with_default (s, "advice", "");
}

const char *
cg_suggestion_title (JsonObject *s)
{
  const char *reason = json_object_get_string_member_with_default (s, "reason", "");
  const CgSuggestReason *r = cg_suggest_reason_lookup (reason);
  return r != NULL ? _(r->title) : reason;
}
