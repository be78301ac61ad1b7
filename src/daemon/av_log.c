/* av_log.c — masking and routing FFmpeg's log. */
#define G_LOG_DOMAIN "canhgac-ffmpeg"
#include "build-config.h"

#include "daemon/av_log.h"

#include <libavutil/log.h>
#include <stdio.h>

static GRegex *userinfo_re, *param_re;

char *
cg_av_log_mask (const char *line)
{
  if (userinfo_re == NULL)
    {
      /* scheme://user:secret@  and  password=secret / pwd=secret */
      userinfo_re = g_regex_new ("(://[^/@\\s:]*):[^@\\s]*@", G_REGEX_OPTIMIZE, 0, NULL);
      param_re = g_regex_new ("((?:password|passwd|pwd|pass)=)[^&\\s]*", G_REGEX_OPTIMIZE | G_REGEX_CASELESS,
                              0, NULL);
    }
  g_autofree char *a = g_regex_replace (userinfo_re, line, -1, 0, "\\1:***@", 0, NULL);
  return g_regex_replace (param_re, a != NULL ? a : "", -1, 0, "\\1***", 0, NULL);
}

static void
callback (void *avcl, int level, const char *fmt, va_list vl)
{
  if (level > AV_LOG_WARNING)
    return;
  char line[1024];
  int prefix = 1;
  av_log_format_line2 (avcl, level, fmt, vl, line, sizeof line, &prefix);
  g_strchomp (line);
  if (line[0] == '\0')
    return;
  g_autofree char *masked = cg_av_log_mask (line);
  g_debug ("%s", masked);
}

void
cg_av_log_init (void)
{
  /* Compile the expressions before any capture thread can log. */
  g_free (cg_av_log_mask (""));
  av_log_set_callback (callback);
}
