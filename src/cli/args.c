/* args.c — the one parser of canhgac's command line.
 *
 * GNU-style, as getopt_long read it before: --name VALUE, --name=VALUE,
 * an unambiguous prefix of a long name, -o VALUE, -oVALUE, flags grouped
 * (-hV), options mixed with arguments, and "--" ending the options.
 * GOption would do most of it, but not in our words: its messages and
 * its --help come from GLib's catalogue, not from po/vi.po, and its
 * --help neither wraps to the terminal nor knows sub-commands.  So the
 * tables are ours (command.h) and so is this parser; it does no I/O.
 */
#include "build-config.h"

#include "cli/command.h"

#include "common/error.h"
#include "common/i18n.h"

#include <stdarg.h>
#include <string.h>

struct CgArgs {
  GHashTable *values; /* long name -> value (borrowed from argv), NULL for a flag */
  GPtrArray *args;    /* the arguments, borrowed from argv */
  int consumed;
  const CgOption *alone;
  const CgArgs *outer;
};

static const CgOption help_option = {
  "help", 'h', NULL, N_("display this help and exit"), CG_OPTION_ALONE,
};

static void
collect (const CgOption *table, GPtrArray *out)
{
  for (const CgOption *o = table; o != NULL && (o->name != NULL || o->include != NULL); o++)
    if (o->name != NULL)
      g_ptr_array_add (out, (gpointer) o);
    else
      collect (o->include (), out);
}

GPtrArray *
cg_command_options (const CgCommand *cmd)
{
  GPtrArray *all = g_ptr_array_new ();
  collect (cmd->options, all);
  g_ptr_array_add (all, (gpointer) &help_option);
  return all;
}

void
cg_args_free (CgArgs *args)
{
  if (args == NULL)
    return;
  g_hash_table_unref (args->values);
  g_ptr_array_unref (args->args);
  g_free (args);
}

gboolean
cg_args_has (const CgArgs *args, const char *option)
{
  for (const CgArgs *a = args; a != NULL; a = a->outer)
    if (g_hash_table_contains (a->values, option))
      return TRUE;
  return FALSE;
}

const char *
cg_args_get (const CgArgs *args, const char *option)
{
  for (const CgArgs *a = args; a != NULL; a = a->outer)
    if (g_hash_table_contains (a->values, option))
      return g_hash_table_lookup (a->values, option);
  return NULL;
}

guint
cg_args_count (const CgArgs *args)
{
  return args->args->len;
}

const char *
cg_args_arg (const CgArgs *args, guint i)
{
  g_return_val_if_fail (i < args->args->len, NULL);
  return args->args->pdata[i];
}

int
cg_args_consumed (const CgArgs *args)
{
  return args->consumed;
}

const CgOption *
cg_args_alone (const CgArgs *args)
{
  return args->alone;
}

G_GNUC_PRINTF (2, 3) static CgArgs *
fail (GError **error, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_propagate_error (error, g_error_new_valist (CG_ERROR, CG_ERROR_USAGE, format, ap));
  va_end (ap);
  return NULL;
}

/* The option named by "--text" (text without the dashes, up to any
 * '='): the one with that name, else the only one it begins. */
static const CgOption *
find_long (GPtrArray *options, const char *text, gsize len, GError **error)
{
  const CgOption *found = NULL;
  g_autoptr (GString) candidates = g_string_new (NULL);
  int n = 0;
  for (guint i = 0; i < options->len; i++)
    {
      const CgOption *o = options->pdata[i];
      if (strlen (o->name) == len && strncmp (o->name, text, len) == 0)
        return o;
      if (strncmp (o->name, text, len) == 0 && !(o->flags & CG_OPTION_REFUSED))
        {
          found = o;
          g_string_append_printf (candidates, " --%s", o->name);
          n++;
        }
    }
  g_autofree char *typed = g_strndup (text, len);
  if (n == 1)
    return found;
  if (n > 1)
    fail (error, _("option '--%s' is ambiguous; it could be%s"), typed, candidates->str);
  else
    fail (error, _("unknown option '--%s'"), typed);
  return NULL;
}

static const CgOption *
find_short (GPtrArray *options, char c, GError **error)
{
  for (guint i = 0; i < options->len; i++)
    {
      const CgOption *o = options->pdata[i];
      if (o->short_name == c)
        return o;
    }
  fail (error, _("unknown option '-%c'"), c);
  return NULL;
}

/* Reads one option; its value is inline (after '=' or in -oVALUE) or
 * the next word.  Returns the words taken, or 0 after setting error. */
static int
take (CgArgs *a, const CgCommand *cmd, const CgOption *o, const char *shown, const char *inline_value,
      int argc, char **argv, int i, GError **error)
{
  if (o->flags & CG_OPTION_REFUSED)
    {
      fail (error, _("%s does not take '--%s': %s"), cmd->name, o->name, _(o->refusal));
      return 0;
    }
  if (o->value == NULL)
    {
      if (inline_value != NULL)
        {
          fail (error, _("option '%s' takes no value"), shown);
          return 0;
        }
      g_hash_table_insert (a->values, (gpointer) o->name, NULL);
      if (o->flags & CG_OPTION_ALONE)
        a->alone = o;
      return 1;
    }
  if (inline_value != NULL)
    {
      g_hash_table_insert (a->values, (gpointer) o->name, (gpointer) inline_value);
      return 1;
    }
  if (i + 1 >= argc)
    {
      fail (error, _("option '%s' needs a value"), shown);
      return 0;
    }
  g_hash_table_insert (a->values, (gpointer) o->name, argv[i + 1]);
  return 2;
}

/* Reads a group of short options, "-hV" or "-oFILE". */
static int
take_shorts (CgArgs *a, const CgCommand *cmd, GPtrArray *options, int argc, char **argv, int i,
             GError **error)
{
  for (const char *p = argv[i] + 1; *p != '\0'; p++)
    {
      const CgOption *o = find_short (options, *p, error);
      if (o == NULL)
        return 0;
      char shown[3] = { '-', *p, '\0' };
      if (o->value != NULL)
        return take (a, cmd, o, shown, p[1] != '\0' ? p + 1 : NULL, argc, argv, i, error);
      if (take (a, cmd, o, shown, NULL, argc, argv, i, error) == 0)
        return 0;
      if (a->alone != NULL)
        break;
    }
  return 1;
}

static gboolean
check_required (const CgCommand *cmd, GPtrArray *options, CgArgs *a, GError **error)
{
  for (const char *const *r = cmd->required; r != NULL && *r != NULL; r++)
    {
      if (g_hash_table_contains (a->values, *r))
        continue;
      for (guint i = 0; i < options->len; i++)
        {
          const CgOption *o = options->pdata[i];
          if (!g_str_equal (o->name, *r))
            continue;
          g_assert (o->value != NULL && o->help != NULL);
          fail (error, _("--%s %s is required (%s)"), o->name, _(o->value), _(o->help));
          return FALSE;
        }
      g_assert_not_reached ();
    }
  return TRUE;
}

CgArgs *
cg_args_parse (const CgCommand *cmd, int argc, char **argv, const CgArgs *outer, GError **error)
{
  g_autoptr (CgArgs) a = g_new0 (CgArgs, 1);
  a->values = g_hash_table_new (g_str_hash, g_str_equal);
  a->args = g_ptr_array_new ();
  a->outer = outer;
  g_autoptr (GPtrArray) options = cg_command_options (cmd);
  gboolean stop_at_arg = cmd->commands != NULL, options_ended = FALSE;
  int i = 0;
  while (i < argc && a->alone == NULL)
    {
      const char *w = argv[i];
      int taken = 0;
      if (options_ended || w[0] != '-' || w[1] == '\0')
        {
          if (stop_at_arg)
            break;
          g_ptr_array_add (a->args, (gpointer) w);
          i++;
          continue;
        }
      if (g_str_equal (w, "--"))
        {
          options_ended = TRUE;
          i++;
          if (stop_at_arg)
            break;
          continue;
        }
      if (w[1] == '-')
        {
          const char *eq = strchr (w + 2, '=');
          gsize len = eq != NULL ? (gsize) (eq - (w + 2)) : strlen (w + 2);
          const CgOption *o = find_long (options, w + 2, len, error);
          if (o == NULL)
            return NULL;
          g_autofree char *shown = g_strdup_printf ("--%s", o->name);
          taken = take (a, cmd, o, shown, eq != NULL ? eq + 1 : NULL, argc, argv, i, error);
        }
      else
        taken = take_shorts (a, cmd, options, argc, argv, i, error);
      if (taken == 0)
        return NULL;
      i += taken;
    }
  a->consumed = i;
  if (a->alone != NULL)
    return g_steal_pointer (&a);
  /* What is left of a command with sub-commands is the sub-command's. */
  for (; i < argc; i++)
    g_ptr_array_add (a->args, argv[i]);
  if (stop_at_arg)
    return g_steal_pointer (&a);

  if ((int) a->args->len < cmd->min_args)
    {
      if (cmd->missing != NULL)
        return fail (error, "%s", _(cmd->missing));
      return fail (error, _("an argument is missing; the usage is: %s %s"), cmd->name,
                   cmd->usage != NULL ? _(cmd->usage) : "");
    }
  if (cmd->max_args >= 0 && (int) a->args->len > cmd->max_args)
    return fail (error, _("unexpected argument '%s' (put a value with spaces in quotes)"),
                 (const char *) a->args->pdata[cmd->max_args]);
  if (!check_required (cmd, options, a, error))
    return NULL;
  return g_steal_pointer (&a);
}
