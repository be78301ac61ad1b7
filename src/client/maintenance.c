/* client/maintenance.c — suggestions worded for the reader. */
#include "build-config.h"

#include "client/maintenance.h"

#include "common/i18n.h"
#include "common/maintenance.h"
#include "common/message.h"

#include <string.h>

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
    return _(cg_suggest_reason_advice (r, json_object_get_boolean_member_with_default (s, "hosted",
                                                                                       TRUE)));
  return json_object_get_string_member_with_default (s, "advice", "");
}

const char *
cg_suggestion_title (JsonObject *s)
{
  const char *reason = json_object_get_string_member_with_default (s, "reason", "");
  const CgSuggestReason *r = cg_suggest_reason_lookup (reason);
  return r != NULL ? _(r->title) : reason;
}

char *
cg_format_dong (gint64 dong)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT, dong);
  GString *s = g_string_new (NULL);
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  if (digits != plain)
    g_string_append_c (s, '-');
  size_t len = strlen (digits);
  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, '.');
      g_string_append_c (s, digits[i]);
    }
  g_string_append (s, " đ");
  return g_string_free (s, FALSE);
}

gboolean
cg_parse_dong (const char *text, gint64 *dong)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  int group = -1; /* digits since the last separator; -1: none yet */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          if (group >= 0)
            group++;
        }
      else if ((*p == '.' || *p == ' ') && (group < 0 || group == 3) && digits->len > 0)
        group = 0;
      else
        return FALSE;
    }
  if (digits->len == 0 || (group >= 0 && group != 3))
    return FALSE;
  return g_ascii_string_to_signed (digits->str, 10, 0, G_MAXINT64, dong, NULL);
}
