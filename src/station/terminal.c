/* terminal.c — a counting pipe to the terminal, raw mode, size. */
#include "build-config.h"

#include "station/terminal.h"

#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

struct CgTerminal {
  int pipe_r;
  FILE *out;
  GThread *copier;
  guint64 bytes; /* atomic */
  struct termios saved;
  gboolean have_saved;
};

static gpointer
copy_thread (gpointer data)
{
  CgTerminal *t = data;
  char buf[16 * 1024];
  for (;;)
    {
      ssize_t n = read (t->pipe_r, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_atomic_pointer_add ((gsize *) &t->bytes, (gsize) n);
      for (ssize_t done = 0; done < n;)
        {
          ssize_t w = write (STDOUT_FILENO, buf + done, (size_t) (n - done));
          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            return NULL; /* the terminal is gone: nothing to do */
          done += w;
        }
    }
  return NULL;
}

CgTerminal *
cg_terminal_open (FILE **out, GError **error)
{
  int fds[2];
  if (pipe2 (fds, O_CLOEXEC) != 0)
    {
      int err = errno;
      g_set_error (error, CG_ERROR, CG_ERROR_IO, "pipe: %s", g_strerror (err));
      return NULL;
    }
  CgTerminal *t = g_new0 (CgTerminal, 1);
  t->pipe_r = fds[0];
  t->out = fdopen (fds[1], "w");
  /* The terminal's own modes: keys one at a time, no echo, no CR/NL
   * translation on input; signals stay (Ctrl-C still stops the station). */
  if (tcgetattr (STDIN_FILENO, &t->saved) == 0)
    {
      t->have_saved = TRUE;
      struct termios raw = t->saved;
      raw.c_lflag &= ~(ICANON | ECHO | IEXTEN);
      raw.c_iflag &= ~(ICRNL | IXON);
      raw.c_cc[VMIN] = 1;
      raw.c_cc[VTIME] = 0;
      tcsetattr (STDIN_FILENO, TCSADRAIN, &raw);
    }
  t->copier = g_thread_new ("terminal", copy_thread, t);
  *out = t->out;
  return t;
}

guint64
cg_terminal_close (CgTerminal *t)
{
  fclose (t->out);
  g_thread_join (t->copier);
  close (t->pipe_r);
  if (t->have_saved)
    tcsetattr (STDIN_FILENO, TCSADRAIN, &t->saved);
  guint64 bytes = cg_terminal_bytes (t);
  g_free (t);
  return bytes;
}

guint64
cg_terminal_bytes (CgTerminal *t)
{
  return (guint64) g_atomic_pointer_get ((gsize *) &t->bytes);
}

void
cg_terminal_size (int *rows, int *cols)
{
  struct winsize ws = { 0 };
  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
    {
      *rows = ws.ws_row;
      *cols = ws.ws_col;
    }
  else
    {
      *rows = 24;
      *cols = 80;
    }
}
