#!/bin/sh
# `canhgac demo`, the README's first command, shows the commune: its 28
# cameras on F4 (the dead one and the one whose password was changed
# saying why), all of them on the map at 80x24 and 160x48, incidents on
# F5, footage of days ago on F6, last month's report on F7, the cameras
# needing attention on F8.  A second demo runs beside the first; quitting
# one stops what it started and removes its directory, the other goes on.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
mkdir "$TMP/tmp"

TM="tmux -L canhgac-commune-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
start () {
  $TM new-session -d -s "$1" -x 160 -y 48 \
    "env -u CANHGAC_LOCALEDIR -u CANHGAC_CONFIG LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= TMPDIR=$TMP/tmp TERM=xterm-256color $top_builddir/canhgac demo; echo EXIT=\$?; sleep 60"
}
pane () { $TM capture-pane -p -t "$1"; }
# see SESSION TEXT [SECONDS]
see () {
  wait_for "${3:-10}" sh -c "$TM capture-pane -p -t $1 | grep -qF -- '$2'" || {
    echo "--- screen of $1:" >&2; pane "$1" >&2; fail "$1 never showed “$2”"; }
}
# count SESSION — camera markers on the screen, the status line aside.
count () { pane "$1" | sed '$d' | grep -o '●' | wc -l; }
# pids DIR — the processes a demo started: the daemon (its lock holds its
# pid) and the simulators (started in the demo's directory).
pids () {
  cat "$1/data/canhgacd.lock" 2>/dev/null
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/cwd" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"
  done
}
# gone DIR PIDS — nothing of that demo is left.
gone () {
  [ ! -e "$1" ] || fail "the demo left $1 behind: $(ls -A "$1")"
  for p in $2; do
    ! kill -0 "$p" 2>/dev/null || fail "the demo left process $p running: $(tr '\0' ' ' < /proc/"$p"/cmdline)"
  done
}

# step WHAT — what the test is at, and when, in the log.
began=$(date +%s)
step () { echo "$(( $(date +%s) - began )) s: $*"; }

start one
see one "F2 Map" 90
step "the first demo's station is up"
a=$(ls -d "$TMP"/tmp/canhgac-demo-*)
[ -d "$a" ] || fail "no demo directory in $TMP/tmp"

# F4: the 28 cameras, the two that cannot record saying why.
$TM send-keys -t one F4
wait_for 20 sh -c "[ \$($TM capture-pane -p -t one | grep -c ' ● ') -eq 28 ]" || {
  pane one >&2; fail "F4 does not list the 28 cameras"; }
wait_for 30 sh -c "[ \$($TM capture-pane -p -t one | grep -c ' ● recording') -ge 20 ]" || {
  pane one >&2; fail "the demo's cameras are not recording"; }
see one "the camera refused the user name or password" 20
see one "connection refused by 127.0.0.1" 20

step "F4 lists the cameras"

# F2: every camera on the map, at 160x48 and at 80x24.
$TM send-keys -t one F2
see one "XÃ HOẰNG KIM"
n=$(count one)
[ "$n" -eq 28 ] || { pane one >&2; fail "the map at 160x48 shows $n cameras, not 28"; }
$TM resize-window -t one -x 80 -y 24
sleep 1
n=$(count one)
[ "$n" -eq 28 ] || { pane one >&2; fail "the map at 80x24 shows $n cameras, not 28"; }
$TM resize-window -t one -x 160 -y 48

step "the map shows every camera"

# F5: the weeks' incidents, some closed.
$TM send-keys -t one F5
see one "closed"
n=$(pane one | grep -cE '^ *[0-9]+/20[0-9][0-9] ')
[ "$n" -ge 5 ] || { pane one >&2; fail "F5 lists $n incidents"; }

step "F5 lists the incidents"

# F7: last month's report has figures.
$TM send-keys -t one F7
see one "Period:" 20
wait_for 30 sh -c "$TM capture-pane -p -t one | grep -qE '[0-9]+([.,][0-9])? ?%'" || {
  pane one >&2; fail "F7 shows no figures for last month"; }
pane one | grep -q "There is no recorded data" && { pane one >&2; fail "F7 says last month has no data"; }

step "F7 shows last month"

# F8: the cameras needing attention, with what to check.
$TM send-keys -t one F8
see one "Needs attention"
see one "Ngã ba Quốc lộ 1A – thôn 1: offline since"
see one "→ Check"

step "F8 shows the cameras needing attention"

# F6: a camera's footage three days ago, thinned to keyframes, asked for
# while the picture of the live edge may still be on its way.
$TM send-keys -t one F6
see one "paused"
day=$(date -d '3 days ago' +%d/%m)
$TM send-keys -t one g
see one "Go to:"
$TM send-keys -t one "$day 10:00" Enter
wait_for 40 sh -c "$TM capture-pane -p -t one | grep -qE '$day/[0-9]{4} (09:59:[0-9]{2}|10:00:00)'" || {
  pane one >&2; fail "F6 does not show the footage of $day 10:00"; }
see one "keyframes only"

step "F6 shows footage of days ago"

a_pids=$(pids "$a")
[ -n "$a_pids" ] || fail "no process of the first demo found"

# A second demo beside the first.
start two
see two "F2 Map" 90
b=$(ls -d "$TMP"/tmp/canhgac-demo-* | grep -vx "$a")
[ -d "$b" ] || fail "the second demo has no directory of its own"
b_pids=$(pids "$b")

step "the second demo is up"

# Quitting the first stops everything it started; the second goes on.
$TM send-keys -t one F10
see one "EXIT=0" 30
gone "$a" "$a_pids"
$TM send-keys -t two F4
wait_for 20 sh -c "[ \$($TM capture-pane -p -t two | grep -c ' ● recording') -ge 20 ]" || {
  pane two >&2; fail "the second demo stopped recording when the first quit"; }
"$top_builddir/canhgac" --config "$b/canhgac.conf" status > "$TMP/status" \
  || fail "the second demo's daemon does not answer once the first quit"
grep -q "recording" "$TMP/status" || fail "the second demo's cameras are not recording: $(cat "$TMP/status")"

$TM send-keys -t two F10
see two "EXIT=0" 30
gone "$b" "$b_pids"
[ -z "$(ls -A "$TMP/tmp")" ] || fail "the demos left files behind: $(ls -A "$TMP/tmp")"
exit 0
