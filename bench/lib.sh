# bench/lib.sh — helpers shared by the benchmarks (sourced, from the repo
# root, after `set -euo pipefail` and `export LC_ALL=C`).
#
# The caller sets BENCH (its name, for messages) and WORK (its scratch
# directory), and calls bench_cleanup from its EXIT trap: every process
# started with bench_spawn is stopped there (TERM, then KILL), and only
# those.

BENCH_PIDS=()
TICK=$(getconf CLK_TCK)

die() { echo "$BENCH: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

# bench_spawn LOG CMD...: CMD in the background, stdout and stderr to LOG;
# sets SPAWNED to its PID.
bench_spawn() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  SPAWNED=$!; BENCH_PIDS+=("$SPAWNED")
}

bench_stop_pids() {
  local p any=0
  for p in "$@"; do kill -TERM "$p" 2>/dev/null && any=1; done
  ((any)) || return 0
  local i
  for ((i = 0; i < 30; i++)); do
    any=0
    for p in "$@"; do alive "$p" && any=1; done
    ((any)) || break
    sleep 0.1
  done
  for p in "$@"; do kill -KILL "$p" 2>/dev/null || true; done
}

bench_cleanup() {
  ((${#BENCH_PIDS[@]})) && bench_stop_pids "${BENCH_PIDS[@]}"
  wait 2>/dev/null || true
}

alive() { local s; { read -r s </proc/"$1"/stat; } 2>/dev/null || return 1; s=${s##*) }; [[ $s != Z* ]]; }
# utime+stime of a process (all its threads) in clock ticks.
ticks() { local s f; { read -r s </proc/"$1"/stat; } 2>/dev/null || { echo 0; return; }; read -ra f <<<"${s##*) }"; echo $((f[11] + f[12])); }
calc() { awk "BEGIN {printf \"$1\", ($2)}"; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
now() { echo "$EPOCHREALTIME"; }
# median X...: of numbers ("-" when none).
median() {
  (($#)) || { echo -; return; }
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6g\n", m}'
}
# json_num FILE KEY: a number at KEY in a flat JSON object.
json_num() { sed -n "s/.*\"$2\": *\([0-9.eE+-]*\).*/\1/p" "$1" | head -n 1; }
# json_array FILE KEY: the numbers of the array at KEY, one a line.
json_array() { sed -n "s/.*\"$2\": *\[\([^]]*\)\].*/\1/p" "$1" | head -n 1 | tr ',' '\n' | tr -d ' ' | grep -E '^[0-9.]+$' || true; }

# wait_until SECONDS CMD...: until CMD succeeds (polled every 0.2 s).
wait_until() {
  local t=$1 i; shift
  for ((i = 0; i < t * 5; i++)); do "$@" && return 0; sleep 0.2; done
  return 1
}

# start_camsim LOG_PREFIX ARGS...: canhgac-camsim on a free port; waits
# for "ready" (it encodes its loops first); sets CAMSIM_PID and URLS.
start_camsim() {
  local pre=$1 t; shift
  ./canhgac-camsim --port 0 "$@" >"$pre.out" 2>"$pre.log" &
  CAMSIM_PID=$!; BENCH_PIDS+=("$CAMSIM_PID"); t=$SECONDS
  until grep -qx ready "$pre.out"; do
    alive "$CAMSIM_PID" || die "camsim $* exited: $(tail -3 "$pre.log")"
    ((SECONDS - t < 300)) || die "camsim $* not ready after 300 s"
    sleep 0.3
  done
  mapfile -t URLS < <(grep '^rtsp://' "$pre.out")
}

# start_daemon CONF LOG: canhgacd, until `canhgac status` answers; sets
# DAEMON_PID.
start_daemon() {
  local conf=$1 log=$2 t
  ./canhgacd --config "$conf" >"$log" 2>&1 &
  DAEMON_PID=$!; BENCH_PIDS+=("$DAEMON_PID"); t=$SECONDS
  until timeout 10 ./canhgac --config "$conf" status >/dev/null 2>&1; do
    alive "$DAEMON_PID" || die "canhgacd exited: $(tail -5 "$log")"
    ((SECONDS - t < 60)) || die "canhgacd not answering after 60 s"
    sleep 0.2
  done
}

# A private tmux server for the station (TMUX_SOCK set by the caller).
tm() { env LANG=C.UTF-8 LC_ALL=C.UTF-8 timeout 10 tmux -u -L "$TMUX_SOCK" -f /dev/null "$@"; }
screen_text() { tm capture-pane -p -t "${1:-bench}" 2>/dev/null || true; }
# wait_screen SECONDS REGEX: until the pane shows REGEX.
wait_screen() {
  local i
  for ((i = 0; i < $1 * 5; i++)); do screen_text | grep -qE "$2" && return 0; sleep 0.2; done
  return 1
}
