/* av_error.c — FFmpeg's errors in reason codes (see av_error.h). */
#include "build-config.h"

#include "daemon/capture/av_error.h"

#include "common/reason.h"

#include <errno.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>

const char *
cg_av_error_reason (int averror, gboolean opening)
{
  switch (averror)
    {
    case AVERROR (ECONNREFUSED):
      return CG_REASON_REFUSED;
    case AVERROR (ETIMEDOUT):
    case AVERROR (EHOSTUNREACH):
    case AVERROR (ENETUNREACH):
    case AVERROR (EHOSTDOWN):
      return CG_REASON_UNREACHABLE;
    case AVERROR (EIO):
      return opening ? CG_REASON_UNREACHABLE : CG_REASON_CLOSED;
    case AVERROR_HTTP_UNAUTHORIZED:
    case AVERROR_HTTP_FORBIDDEN:
    case AVERROR (EACCES):
    case AVERROR (EPERM):
      return CG_REASON_AUTH;
    case AVERROR_HTTP_NOT_FOUND:
      return CG_REASON_NOT_FOUND;
    case AVERROR_EOF:
      return CG_REASON_CLOSED;
    case AVERROR_INVALIDDATA:
    case AVERROR_PROTOCOL_NOT_FOUND:
    case AVERROR_HTTP_BAD_REQUEST:
    case AVERROR_HTTP_OTHER_4XX:
    case AVERROR_HTTP_SERVER_ERROR:
      return CG_REASON_NOT_STREAM;
    case AVERROR (EINVAL):
      return opening ? CG_REASON_DNS : NULL;
    default:
      return NULL;
    }
}

char *
cg_av_url_host_port (const char *url)
{
  char host[256] = "", auth[8] = "", path[8] = "";
  int port = -1;
  av_url_split (NULL, 0, auth, sizeof auth, host, sizeof host, &port, path, sizeof path, url);
  return port > 0 ? g_strdup_printf ("%s:%d", host, port) : g_strdup_printf ("%s:554", host);
}
