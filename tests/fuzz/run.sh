#!/bin/sh
# run.sh — runs one libFuzzer target for a bounded time; builds nothing.
#
#   tests/fuzz/run.sh FUZZER [SECONDS]        (default 60)
#
# Build the targets first in a separate clang build directory:
#   mkdir -p /tmp/fuzzbuild && cd /tmp/fuzzbuild &&
#   /path/to/canhgac/configure CC=clang --enable-fuzzing && make tests/fuzz/fuzz_jsonrpc
# The seed corpus is tests/fuzz/corpus/NAME/ (NAME: the binary without
# "fuzz_") and tests/fuzz/NAME.dict its dictionary.  New inputs go to a
# scratch copy, so the sources stay clean; set FUZZ_CORPUS=DIR to keep
# them.  Findings (crash-*, leak-*, timeout-*) are written to the current
# directory, and the exit status is non-zero.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 FUZZER [SECONDS]" >&2
  exit 2
fi
fuzzer=$1
seconds=${2:-60}
case $seconds in
  '' | *[!0-9]*) echo "$0: SECONDS must be a whole number" >&2; exit 2 ;;
esac
if [ ! -x "$fuzzer" ]; then
  echo "$0: $fuzzer is not an executable; build it with --enable-fuzzing" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$fuzzer")
seeds=$here/corpus/${name#fuzz_}
if [ ! -d "$seeds" ]; then
  echo "$0: no seed corpus at $seeds" >&2
  exit 2
fi

if [ -n "${FUZZ_CORPUS:-}" ]; then
  work=$FUZZ_CORPUS
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/canhgac-fuzz-XXXXXX")
  trap 'rm -rf "$work"' EXIT INT TERM
fi
cp "$seeds"/* "$work"/
dict=$here/${name#fuzz_}.dict
set --
if [ -f "$dict" ]; then
  set -- -dict="$dict"
fi

# Leaks and undefined behaviour are findings, not just warnings.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@" "$work"
