#!/usr/bin/env bash
# Demo start-up benchmark: how long `canhgac demo` takes from the command
# to F4 listing the commune's 28 cameras, and the parts of it.
#
#   bash bench/demo.sh [--runs R]
#
# R times (default 3), in a private tmux at 160x48:
#  - `canhgac demo` from the command to the station's first screen, and
#    to F4 showing all 28 cameras (one "●" row each);
#  - the made-up weeks ("the demo's history: ... in X s" in the daemon's
#    log), the part of the start that is canhgac's own work;
#  - the peer: canhgac-camsim alone, started as the demo starts it (28
#    cameras, the street scene at 640x360, 12 fps), from the command to
#    "ready": encoding the cameras' loops, the floor every start pays;
#  - F10: from the key to the demo's directory gone (nothing left).
# Medians are printed with every run; results go to $WORK/results.tsv.
set -euo pipefail
export LC_ALL=C
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."
BENCH=demo.sh
. bench/lib.sh

RUNS=3
while (($#)); do
  case $1 in
    --runs) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--runs needs a whole number"; RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) die "bad argument '$1' (try --help)" ;;
  esac
done
command -v tmux >/dev/null || die "tmux is needed (apt-get install tmux)"
[[ -x ./canhgac && -x ./canhgacd && -x ./canhgac-camsim ]] || die "build first (make)"

WORK=$(mktemp -d /tmp/canhgac-bench-demo.XXXXXX)
TMUX_SOCK="canhgac-bench-demo-$$"
trap 'tm kill-server 2>/dev/null || true; bench_cleanup; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tmp"
RESULTS=$WORK/results.tsv

declare -a T_STATION T_F4 T_HIST T_SIM T_QUIT
for ((r = 1; r <= RUNS; r++)); do
  # The peer first: the simulators alone, as the demo starts them.
  t0=$(now)
  start_camsim "$WORK/sim-$r" --cameras 28 --size 640x360 --fps 12 --bitrate 192 --gop 4 \
    --loop 8 --scene street
  T_SIM+=("$(calc %.2f "$(now) - $t0")")
  bench_stop_pids "$CAMSIM_PID"

  t0=$(now)
  tm new-session -d -s bench -x 160 -y 48 \
    "env TMPDIR=$WORK/tmp TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 ./canhgac demo; sleep 30"
  wait_screen 180 'F2 Map' || die "run $r: the station did not come up: $(screen_text)"
  T_STATION+=("$(calc %.2f "$(now) - $t0")")
  tm send-keys -t bench F4
  for ((i = 0; i < 600; i++)); do
    (( $(screen_text | grep -c ' ● ') == 28 )) && break
    sleep 0.1
  done
  (( $(screen_text | grep -c ' ● ') == 28 )) || die "run $r: F4 does not list 28 cameras: $(screen_text)"
  T_F4+=("$(calc %.2f "$(now) - $t0")")
  dir=$(ls -d "$WORK"/tmp/canhgac-demo-*)
  hist=$(sed -n "s/.*the demo's history: .* in \([0-9.]*\) s.*/\1/p" "$dir/canhgacd.log" | tail -n 1)
  [[ -n $hist ]] || die "run $r: no history line in $dir/canhgacd.log"
  T_HIST+=("$hist")
  t0=$(now)
  tm send-keys -t bench F10
  wait_until 60 test ! -e "$dir" || die "run $r: $dir is still there 60 s after F10"
  T_QUIT+=("$(calc %.2f "$(now) - $t0")")
  tm kill-server 2>/dev/null || true
  note "run $r: station ${T_STATION[-1]} s, F4 with 28 cameras ${T_F4[-1]} s, history ${T_HIST[-1]} s;" \
    "camsim alone ${T_SIM[-1]} s; F10 to nothing left ${T_QUIT[-1]} s"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "${T_STATION[-1]}" "${T_F4[-1]}" \
    "${T_HIST[-1]}" "${T_SIM[-1]}" "${T_QUIT[-1]}" >>"$RESULTS"
done

printf '%-44s %8s  %s\n' "demo start-up, $RUNS runs" "median" "runs (s)"
printf '%-44s %8s  %s\n' "command to the station's first screen" "$(median "${T_STATION[@]}")" "${T_STATION[*]}"
printf '%-44s %8s  %s\n' "command to F4 listing the 28 cameras" "$(median "${T_F4[@]}")" "${T_F4[*]}"
printf '%-44s %8s  %s\n' "of which the made-up weeks (daemon's log)" "$(median "${T_HIST[@]}")" "${T_HIST[*]}"
printf '%-44s %8s  %s\n' "peer: canhgac-camsim alone, 28 cameras" "$(median "${T_SIM[@]}")" "${T_SIM[*]}"
printf '%-44s %8s  %s\n' "F10 to the demo's directory gone" "$(median "${T_QUIT[@]}")" "${T_QUIT[*]}"
printf '%-44s %8s\n' "F4 / camsim alone (ratio of medians)" \
  "$(calc %.2f "$(median "${T_F4[@]}") / $(median "${T_SIM[@]}")")"
