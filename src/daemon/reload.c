/* reload.c — the configuration read again on SIGHUP: what needs a
 * restart kept, what changed listed. */
#include "build-config.h"

#include "reload.h"

#include <string.h>

/* Keeps running's value of a key that needs a restart. */
static void
keep_string (char **next, const char *running, const char *name, GPtrArray *restart)
{
  if (g_strcmp0 (*next, running) == 0)
    return;
  g_ptr_array_add (restart, g_strdup (name));
  g_free (*next);
  *next = g_strdup (running);
}

/* "[group] key = value" lines of a configuration, in its order. */
static GPtrArray *
config_lines (const CgConfig *config)
{
  g_autofree char *text = cg_config_to_string (config);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *group = "";
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      if (l[0] == '[')
        group = l;
      else if (l[0] != '\0' && l[0] != '#')
        g_ptr_array_add (out, g_strdup_printf ("%s %s", group, l));
    }
  return out;
}

char *
cg_reload_prepare (const CgConfig *running, CgConfig *next, GPtrArray *restart)
{
  keep_string (&next->data_dir, running->data_dir, "[daemon] data_dir", restart);
  keep_string (&next->socket_path, running->socket_path, "[daemon] socket", restart);
  keep_string (&next->group, running->group, "[daemon] group", restart);
  if (next->segment_us != running->segment_us)
    {
      g_ptr_array_add (restart, g_strdup ("[capture] segment_seconds"));
      next->segment_us = running->segment_us;
    }

  g_autoptr (GPtrArray) before = config_lines (running);
  g_autoptr (GPtrArray) after = config_lines (next);
  g_autoptr (GString) changed = g_string_new (NULL);
  for (guint i = 0; i < after->len; i++)
    {
      const char *line = after->pdata[i];
      gboolean same = FALSE;
      for (guint j = 0; j < before->len && !same; j++)
        same = strcmp (line, before->pdata[j]) == 0;
      if (same)
        continue;
      if (changed->len > 0)
        g_string_append (changed, "; ");
      g_string_append (changed, g_strchomp ((char *) line));
    }
  return changed->len > 0 ? g_string_free (g_steal_pointer (&changed), FALSE) : NULL;
}
