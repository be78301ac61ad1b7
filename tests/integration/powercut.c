/* powercut.c — what a power cut would leave of the database, for
 * tests/integration/storage_power_cut.sh (loaded with LD_PRELOAD).
 *
 * After a power cut the disk holds what was flushed (fsync, fdatasync),
 * not what was merely written: a kill -9 loses nothing of the database,
 * so it cannot show what an unflushed commit costs.  This shim keeps, at
 * every flush of the database or its WAL (files named canhgac.db and
 * canhgac.db-wal), a copy of the whole file as "<file>.durable"; after a
 * kill -9 the test puts the copies in place of the files (a WAL never
 * flushed is dropped), which is one of the states a power cut at that
 * moment may leave.  Flushes are serialised, so that a copy is never
 * older than the flush before it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long copies;

static int
ends_with (const char *s, const char *suffix)
{
  size_t n = strlen (s), m = strlen (suffix);
  return n >= m && strcmp (s + n - m, suffix) == 0;
}

/* The file's whole content, read through fd, saved as path.durable. */
static void
save_durable (int fd)
{
  char proc[64], path[PATH_MAX];
  snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
  ssize_t n = readlink (proc, path, sizeof path - 1);
  if (n <= 0)
    return;
  path[n] = '\0';
  if (!ends_with (path, "/canhgac.db") && !ends_with (path, "/canhgac.db-wal"))
    return;
  struct stat sb;
  if (fstat (fd, &sb) != 0)
    return;
  char tmp[PATH_MAX + 64], dst[PATH_MAX + 16];
  snprintf (dst, sizeof dst, "%s.durable", path);
  snprintf (tmp, sizeof tmp, "%s.durable.%ld.%lu", path, (long) getpid (), copies++);
  int out = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0)
    return;
  char buf[1 << 16];
  off_t at = 0;
  while (at < sb.st_size)
    {
      ssize_t r = pread (fd, buf, sizeof buf, at);
      if (r <= 0 || write (out, buf, (size_t) r) != r)
        break;
      at += r;
    }
  close (out);
  if (at == sb.st_size)
    rename (tmp, dst);
  else
    unlink (tmp);
}

static int
flush_and_copy (int fd, const char *name)
{
  int (*real) (int) = (int (*) (int)) dlsym (RTLD_NEXT, name);
  pthread_mutex_lock (&lock);
  int rc = real (fd);
  if (rc == 0)
    save_durable (fd);
  pthread_mutex_unlock (&lock);
  return rc;
}

int
fsync (int fd)
{
  return flush_and_copy (fd, "fsync");
}

int
fdatasync (int fd)
{
  return flush_and_copy (fd, "fdatasync");
}
