/* terminal.c — the pipes to the terminal, raw mode, size. */
#include "build-config.h"

#include "station/terminal.h"

#include "common/error.h"
#include "common/timeutil.h"
#include "station/answers.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* What the station asks; ncurses itself never sends it. */
static const char probe[] = "\033[6n";
#define PROBE_LEN (sizeof probe - 1)
/* How long the start of a possible answer is held before it counts as
 * typed (a lone Esc). */
#define HOLD_MS 50

typedef struct {
  guint64 offset;
  gint64 at_us;
} Left;

struct CgTerminal {
  /* Output: ncurses -> pipe -> copier thread -> terminal. */
  int pipe_r;
  FILE *out;
  GThread *copier;
  guint64 bytes; /* atomic */
  gsize matched; /* of the probe, across reads (copier only) */
  GMutex lock;
  GArray *left;  /* Left, under lock */
  int wake_r, wake_w; /* the copier tells the main loop a probe left */
  guint wake_watch;
  /* Input: terminal -> answer filter -> pipe -> ncurses. */
  FILE *in;
  int keys_w;
  CgAnswers *answers;
  guint input_watch, hold_timer;
  CgTerminalEvents events;
  gpointer data;
  struct termios saved;
  gboolean have_saved;
};

static gboolean
write_all (int fd, const char *buf, gsize n)
{
  for (gsize done = 0; done < n;)
    {
      ssize_t w = write (fd, buf + done, n - done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      done += (gsize) w;
    }
  return TRUE;
}

/* Writes a piece to the terminal; notes the probes in it once written. */
static gboolean
copy_out (CgTerminal *t, const char *buf, gsize n)
{
  gsize start = 0;
  for (gsize i = 0; i < n; i++)
    {
      t->matched = buf[i] == probe[t->matched] ? t->matched + 1 : buf[i] == probe[0] ? 1 : 0;
      if (t->matched < PROBE_LEN)
        continue;
      t->matched = 0;
      if (!write_all (STDOUT_FILENO, buf + start, i + 1 - start))
        return FALSE;
      g_atomic_pointer_add ((gsize *) &t->bytes, (gsize) (i + 1 - start));
      start = i + 1;
      Left l = { cg_terminal_bytes (t), cg_time_now_us () };
      g_mutex_lock (&t->lock);
      g_array_append_val (t->left, l);
      g_mutex_unlock (&t->lock);
      char wake = 1;
      if (write (t->wake_w, &wake, 1) < 0)
        {
          /* Full: the main loop has wake-ups waiting already. */
        }
    }
  if (!write_all (STDOUT_FILENO, buf + start, n - start))
    return FALSE;
  g_atomic_pointer_add ((gsize *) &t->bytes, (gsize) (n - start));
  return TRUE;
}

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
      if (n <= 0 || !copy_out (t, buf, (gsize) n))
        break; /* closed, or the terminal is gone: nothing to do */
    }
  return NULL;
}

static gboolean
on_wake (int fd, GIOCondition cond, gpointer data)
{
  CgTerminal *t = data;
  char buf[64];
  while (read (fd, buf, sizeof buf) > 0)
    ;
  if (t->events.probe_left != NULL)
    t->events.probe_left (t->data);
  return G_SOURCE_CONTINUE;
}

/* ---- input --------------------------------------------------------------- */

static void
pass_keys (CgTerminal *t, GByteArray *keys)
{
  /* Dropped only if ncurses has not read 64 KiB of keys: nobody types
   * that; a paste that large loses its tail rather than freezing. */
  if (keys->len > 0 && t->keys_w >= 0 && !write_all (t->keys_w, (const char *) keys->data, keys->len))
    g_debug ("keys dropped: %s", g_strerror (errno));
  g_byte_array_set_size (keys, 0);
}

static gboolean
on_hold_expired (gpointer data)
{
  CgTerminal *t = data;
  t->hold_timer = 0;
  g_autoptr (GByteArray) keys = g_byte_array_new ();
  cg_answers_flush (t->answers, keys);
  pass_keys (t, keys);
  return G_SOURCE_REMOVE;
}

static void
end_of_keys (CgTerminal *t)
{
  /* ncurses reads the end of the pipe: the station sees the terminal
   * go. */
  if (t->keys_w >= 0)
    close (t->keys_w);
  t->keys_w = -1;
}

static gboolean
on_input (int fd, GIOCondition cond, gpointer data)
{
  CgTerminal *t = data;
  guint8 buf[4096];
  ssize_t n = read (fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      t->input_watch = 0;
      end_of_keys (t);
      return G_SOURCE_REMOVE;
    }
  g_autoptr (GByteArray) keys = g_byte_array_new ();
  int answers = cg_answers_feed (t->answers, buf, (gsize) n, keys);
  pass_keys (t, keys);
  if (t->hold_timer != 0)
    g_source_remove (t->hold_timer);
  t->hold_timer = cg_answers_holding (t->answers) ? g_timeout_add (HOLD_MS, on_hold_expired, t) : 0;
  for (int i = 0; i < answers && t->events.answered != NULL; i++)
    t->events.answered (t->data);
  return G_SOURCE_CONTINUE;
}

/* ---- the whole -------------------------------------------------------------- */

static gboolean
make_pipe (int fds[2], GError **error)
{
  if (pipe2 (fds, O_CLOEXEC) == 0)
    return TRUE;
  int err = errno;
  g_set_error (error, CG_ERROR, CG_ERROR_IO, "pipe: %s", g_strerror (err));
  return FALSE;
}

static void
close_pair (int fds[2])
{
  for (int i = 0; i < 2; i++)
    if (fds[i] >= 0)
      close (fds[i]);
}

CgTerminal *
cg_terminal_open (FILE **out, FILE **in, const CgTerminalEvents *events, gpointer data, GError **error)
{
  int o[2] = { -1, -1 }, k[2] = { -1, -1 }, w[2] = { -1, -1 };
  if (!make_pipe (o, error) || !make_pipe (k, error) || !make_pipe (w, error))
    {
      close_pair (o);
      close_pair (k);
      close_pair (w);
      return NULL;
    }
  CgTerminal *t = g_new0 (CgTerminal, 1);
  t->pipe_r = o[0];
  t->out = fdopen (o[1], "w");
  t->in = fdopen (k[0], "r");
  t->keys_w = k[1];
  t->wake_r = w[0];
  t->wake_w = w[1];
  /* Neither end of the wake-up pipe may block: the copier must never
   * wait for the main loop, nor the main loop for more wake-ups. */
  g_unix_set_fd_nonblocking (w[0], TRUE, NULL);
  g_unix_set_fd_nonblocking (w[1], TRUE, NULL);
  /* Nor may keys wait for ncurses to read them. */
  g_unix_set_fd_nonblocking (k[1], TRUE, NULL);
  g_mutex_init (&t->lock);
  t->left = g_array_new (FALSE, FALSE, sizeof (Left));
  t->answers = cg_answers_new ();
  t->events = *events;
  t->data = data;
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
  t->wake_watch = g_unix_fd_add (t->wake_r, G_IO_IN, on_wake, t);
  t->input_watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, on_input, t);
  *out = t->out;
  *in = t->in;
  return t;
}

guint64
cg_terminal_close (CgTerminal *t)
{
  fclose (t->out);
  g_thread_join (t->copier);
  close (t->pipe_r);
  if (t->input_watch != 0)
    g_source_remove (t->input_watch);
  if (t->hold_timer != 0)
    g_source_remove (t->hold_timer);
  g_source_remove (t->wake_watch);
  end_of_keys (t);
  fclose (t->in);
  close (t->wake_r);
  close (t->wake_w);
  if (t->have_saved)
    tcsetattr (STDIN_FILENO, TCSADRAIN, &t->saved);
  guint64 bytes = cg_terminal_bytes (t);
  cg_answers_free (t->answers);
  g_array_free (t->left, TRUE);
  g_mutex_clear (&t->lock);
  g_free (t);
  return bytes;
}

guint64
cg_terminal_bytes (CgTerminal *t)
{
  return (guint64) g_atomic_pointer_get ((gsize *) &t->bytes);
}

void
cg_terminal_probe (CgTerminal *t)
{
  fflush (t->out);
  if (!write_all (fileno (t->out), probe, PROBE_LEN))
    g_debug ("probe not written: %s", g_strerror (errno));
}

gboolean
cg_terminal_probe_left (CgTerminal *t, guint64 *offset, gint64 *at_us)
{
  g_mutex_lock (&t->lock);
  gboolean any = t->left->len > 0;
  if (any)
    {
      Left l = g_array_index (t->left, Left, 0);
      g_array_remove_index (t->left, 0);
      *offset = l.offset;
      *at_us = l.at_us;
    }
  g_mutex_unlock (&t->lock);
  return any;
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
