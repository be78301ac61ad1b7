/* log.c — the log writer shared by the programs. */
#include "log.h"

#include "timeutil.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *log_program = "canhgac";
static gboolean log_verbose = FALSE;

static const char *
level_name (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return "error";
  if (level & G_LOG_LEVEL_CRITICAL)
    return "critical";
  if (level & G_LOG_LEVEL_WARNING)
    return "warning";
  if (level & G_LOG_LEVEL_MESSAGE)
    return "message";
  if (level & G_LOG_LEVEL_INFO)
    return "info";
  return "debug";
}

static GLogWriterOutput
writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if (g_log_writer_default_would_drop (level, NULL) && !log_verbose)
    return G_LOG_WRITER_HANDLED;
  if (g_log_writer_is_journald (fileno (stderr)))
    {
      /* Under systemd: structured entries whose PRIORITY GLib sets from
       * the level (error 3, critical and warning 4, message 5, info 6,
       * debug 7), named after the program so that `journalctl -t
       * canhgacd -p warning` finds them. */
      g_autofree GLogField *named = g_new (GLogField, n_fields + 1);
      memcpy (named, fields, n_fields * sizeof *fields);
      named[n_fields] = (GLogField) { "SYSLOG_IDENTIFIER", log_program, -1 };
      if (g_log_writer_journald (level, named, n_fields + 1, user_data) == G_LOG_WRITER_HANDLED)
        return G_LOG_WRITER_HANDLED;
    }
  const char *domain = NULL, *message = NULL;
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  g_autofree char *now = cg_time_format_local (cg_time_now_us (), NULL);
  fprintf (stderr, "%s %s[%d] %s %s: %s\n", now, log_program, (int) getpid (),
           domain != NULL ? domain : "-", level_name (level), message != NULL ? message : "");
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

void
cg_log_init (const char *program, gboolean verbose)
{
  log_program = program;
  log_verbose = verbose;
  g_log_set_writer_func (writer, NULL, NULL);
}
