#!/bin/sh
# canhgac demo cut short while it starts: a hang-up (the SSH line closed)
# stops the simulators and the daemon it started and removes its files;
# killed outright, what it started still goes with it (nothing is left
# running on its own).
. "$(dirname "$0")/lib.sh"

# The demo's directory, from the line it prints first.
demo_dir () {
  sed -n 's/.* in \(\/[^ ]*canhgac-demo-[A-Za-z0-9]*\) \.\.\..*/\1/p' "$1" | head -n 1
}
# running PATTERN / none PATTERN — some process, or none, names PATTERN
# (functions, so that no shell of the test's own names it).
running () { pgrep -f -- "$1" >/dev/null; }
none () { ! pgrep -f -- "$1" >/dev/null; }

TMPDIR=$TMP; export TMPDIR
for sig in HUP KILL; do
  : > "$TMP/demo.out"
  LC_ALL=C.UTF-8 "$CANHGAC" demo > "$TMP/demo.out" 2>&1 < /dev/null &
  pid=$!
  wait_for 30 sh -c "grep -q 'canhgac-demo-' '$TMP/demo.out'" || { cat "$TMP/demo.out" >&2; fail "the demo said nothing"; }
  dir=$(demo_dir "$TMP/demo.out")
  [ -n "$dir" ] || { cat "$TMP/demo.out" >&2; fail "no directory in the demo's first line"; }
  # Once the daemon is among what it started.
  wait_for 60 running "$dir/canhgac.conf" || fail "the demo started no daemon"
  kill -"$sig" "$pid"
  wait_for 60 sh -c "! kill -0 $pid 2>/dev/null" || fail "the demo is still running after SIG$sig"
  wait "$pid" 2>/dev/null
  wait_for 20 none "$dir" || { pgrep -af -- "$dir" >&2; fail "after SIG$sig, processes of the demo are still running"; }
  if [ "$sig" = HUP ]; then
    [ ! -e "$dir" ] || fail "after a hang-up the demo's directory $dir is still there"
  fi
  rm -rf "$dir"
done
echo "demo_interrupted: a hang-up stops and removes everything; a kill leaves nothing running"
