#!/usr/bin/env bash
# Station benchmark: what the operator station writes to its terminal, and
# its CPU, with a 4x4 grid of live thumbnails from 16 simulated 720p cameras.
#
#   bash bench/station.sh [--seconds S] [--results FILE] [--keep]
#
# Runs the station in a private tmux server (160x48, C.UTF-8), switches it to
# the Grid screen with 16 tiles and measures over S seconds (default 60):
# 256 colours and truecolor (TERM=xterm-direct, if the terminfo entry exists)
# with pacing off (budget = 100000), 256 colours under the default 256 kbit/s
# budget, under 64 and under the lowest allowed, 16 kbit/s, and the Status
# screen (no pictures) for comparison. Each second's output is kept too (the
# pacing works second by second): "peak" is the busiest second, "over" the
# seconds above the budget. Prints a table and appends it to FILE (TSV,
# default /tmp/canhgac-station-results.tsv, or $STATION_RESULTS). --keep keeps
# the temporary directory (logs, screens, per-second bytes).
set -euo pipefail
export LC_ALL=C            # '.' decimals in EPOCHREALTIME and awk output
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."   # the binaries live at the repo root

DUR=60 KEEP=0 NCAM=16 WARM=5 COLS=160 ROWS=48 LOOP=60
RESULTS=${STATION_RESULTS:-/tmp/canhgac-station-results.tsv}
die() { echo "station.sh: $*" >&2; exit 1; }
while (($#)); do
  case $1 in
    --seconds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--seconds needs a whole number"; DUR=$2; shift 2 ;;
    --results) RESULTS=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) die "bad argument '$1' (try --help)" ;;
  esac
done

for b in canhgacd canhgac canhgac-camsim; do
  [[ -x ./$b ]] || die "./$b is missing: run 'make' in $PWD first"
done
for t in tmux infocmp getconf timeout; do
  command -v "$t" >/dev/null || die "$t is needed"
done
TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/canhgac-stationbench.XXXXXX)
TMUX_SOCK=canhgac-bench-$$
PIDS=()   # camsim and canhgacd
UTF=(env LANG=C.UTF-8 LC_ALL=C.UTF-8)
tm() { "${UTF[@]}" timeout 10 tmux -u -L "$TMUX_SOCK" -f /dev/null "$@"; }

cleanup() {
  local p
  tm kill-server 2>/dev/null || true   # the station gets SIGHUP and quits
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  ((${#PIDS[@]})) && sleep 1
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if ((KEEP)); then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

alive() { local s; { read -r s </proc/"$1"/stat; } 2>/dev/null || return 1; s=${s##*) }; [[ $s != Z* ]]; }
# utime+stime (all threads, so the terminal copier too) in clock ticks.
ticks() { local s f; { read -r s </proc/"$1"/stat; } 2>/dev/null || { echo 0; return; }; read -ra f <<<"${s##*) }"; echo $((f[11] + f[12])); }
machine() { local u n s q sq st; read -r _ u n s _ _ q sq st _ </proc/stat; echo $((u + n + s + q + sq + st)); }
calc() { awk "BEGIN {printf \"$1\", ($2)}"; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
json_num() { sed -n "s/.*\"$2\": *\([0-9.]*\).*/\1/p" "$1"; }
screen() { tm capture-pane -p -t bench 2>/dev/null || true; }
# wait_screen SECONDS REGEX: until the pane shows REGEX.
wait_screen() {
  local i
  for ((i = 0; i < $1 * 5; i++)); do screen | grep -qE "$2" && return 0; sleep 0.2; done
  return 1
}

# --- camsim, canhgacd, 16 cameras ------------------------------------------
# A 60 s loop (30 keyframes): with the default 4 s loop the daemon's 2 s
# thumbnails are only two pictures over and over, and a "new" thumbnail often
# looks exactly like the one on screen, which costs no bytes at all.
echo "== starting camsim: $NCAM cameras, 1280x720, ${LOOP} s loop (encodes once: about 30 s)" >&2
./canhgac-camsim --port 0 --cameras "$NCAM" --size 1280x720 --loop "$LOOP" >"$WORK/camsim.out" 2>"$WORK/camsim.log" &
SIM=$!; PIDS+=("$SIM"); t=$SECONDS
until grep -qx ready "$WORK/camsim.out"; do
  alive "$SIM" || die "camsim exited: $(tail -3 "$WORK/camsim.log")"
  ((SECONDS - t < 300)) || die "camsim not ready after 300 s"
  sleep 0.5
done
mapfile -t URLS < <(grep '^rtsp://' "$WORK/camsim.out")
((${#URLS[@]} == NCAM)) || die "camsim printed ${#URLS[@]} URLs, not $NCAM"

CONF=$WORK/canhgac.conf
mkdir -p "$WORK/data"
printf '[daemon]\ndata_dir = %s\nsocket = %s\n' "$WORK/data" "$WORK/cg.sock" >"$CONF"
./canhgacd --config "$CONF" >"$WORK/canhgacd.log" 2>&1 &
DMN=$!; PIDS+=("$DMN"); t=$SECONDS
until timeout 10 ./canhgac --config "$CONF" status >/dev/null 2>>"$WORK/cli.log"; do
  alive "$DMN" || die "canhgacd exited: $(tail -5 "$WORK/canhgacd.log")"
  ((SECONDS - t < 60)) || die "canhgacd not answering after 60 s"
  sleep 0.2
done
for ((k = 1; k <= NCAM; k++)); do
  timeout 10 ./canhgac --config "$CONF" camera add --name "cam$k" --url "${URLS[k - 1]}" >/dev/null 2>>"$WORK/cli.log" \
    || die "camera add cam$k: $(tail -1 "$WORK/cli.log")"
done
t=$SECONDS rec=0
while ((SECONDS - t < 120)); do
  alive "$DMN" || die "canhgacd exited: $(tail -5 "$WORK/canhgacd.log")"
  rec=$(timeout 10 ./canhgac --config "$CONF" status --json 2>/dev/null | grep -c '"state" *: *"recording"' || true)
  ((rec == NCAM)) && break; sleep 1
done
((rec == NCAM)) || die "only $rec/$NCAM cameras recording after 120 s"
echo "   $NCAM cameras recording after $((SECONDS - t)) s" >&2
# The daemon makes a thumbnail per camera every [thumbnails] interval (2 s):
# give every camera time for its first one.
sleep 3

# --- one station run ----------------------------------------------------------
# run_one LABEL TERM BUDGET SCREEN: BUDGET in kbit/s ("" = the default, 256);
# SCREEN grid (F3, 4x4) or status (F4). Sets ROW and prints a table line.
run_one() {
  local label=$1 term=$2 budget=$3 scr=$4 notes="" i pid c0 t0 m0 b0 el
  local D=$WORK/$label; mkdir -p "$D"
  local SCONF=$D/station.conf STATS=$D/stats.json PIPE=$D/pane.bytes
  cp "$CONF" "$SCONF"
  [[ -n $budget ]] && printf '[station]\nbudget = %s\n' "$budget" >>"$SCONF"
  if ! infocmp "$term" >/dev/null 2>&1; then
    echo "   $label: TERM=$term has no terminfo entry here: unavailable" >&2
    ROW=$(printf '%s\t' "$(date -u +%FT%TZ)" "$label" "$term" "${budget:-256}" "$scr" "$DUR" - - - - - - - - - - - - - - -)"unavailable (infocmp $term fails)"
    echo "$ROW" >>"$RESULTS"; table_row "$label" - - - - - - - - - - - - - - -; echo "     notes: unavailable (no terminfo for $term)"
    return
  fi
  # The station waits for GO so that pipe-pane catches its very first byte.
  tm new-session -d -s bench -x "$COLS" -y "$ROWS" \
    "i=0; while [ ! -e '$D/GO' ] && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done
     export TERM='$term' LANG=C.UTF-8 LC_ALL=C.UTF-8 CANHGAC_STATION_STATS='$STATS'
     exec ./canhgac --config '$SCONF' 2>'$D/station.err'"
  tm set-option -t bench remain-on-exit on >/dev/null
  tm pipe-pane -o -t bench "cat >>'$PIPE'"
  touch "$D/GO"
  pid=""
  for ((i = 0; i < 50; i++)); do
    pid=$(pgrep -fx "\./canhgac --config $SCONF" || true)
    [[ -n $pid ]] && break; sleep 0.1
  done
  [[ -n $pid && $pid != *[!0-9]* ]] || die "$label: the station did not start ($(cat "$D/station.err" 2>/dev/null))"
  wait_screen 15 'F10' || die "$label: no station screen after 15 s: $(screen | tail -3)"
  if [[ $scr == grid ]]; then
    tm send-keys -t bench 3
    wait_screen 10 ' 4 to a page' || die "$label: Grid screen not shown: $(screen | tail -2)"
    tm send-keys -t bench -- -
    wait_screen 10 ' 9 to a page' || die "$label: no 3x3 grid: $(screen | tail -2)"
    tm send-keys -t bench -- -
    wait_screen 10 '16 to a page' || die "$label: no 4x4 grid: $(screen | tail -2)"
  else
    tm send-keys -t bench 4
    wait_screen 10 'recording' || die "$label: Status screen not shown: $(screen | tail -2)"
  fi
  sleep "$WARM"    # the first pictures arrive, the pacing settles
  screen >"$D/screen-start.txt"
  t0=$EPOCHREALTIME c0=$(ticks "$pid") b0=$(size "$PIPE") m0=$(machine)
  # The pacing works on whole seconds: keep each second's bytes.
  local prev=$b0 cur; : >"$D/per-second.bytes"
  for ((i = 0; i < DUR; i++)); do
    sleep 1; cur=$(size "$PIPE"); echo $((cur - prev)) >>"$D/per-second.bytes"; prev=$cur
  done
  el=$(calc %.3f "$EPOCHREALTIME - $t0")
  local c1 b1 m1; c1=$(ticks "$pid") b1=$(size "$PIPE") m1=$(machine)
  alive "$pid" || notes+="station DIED during the window; "
  screen >"$D/screen-end.txt"
  [[ $scr == grid ]] && ! grep -q '16 to a page' "$D/screen-end.txt" && notes+="grid no longer 4x4 at the end; "
  tm send-keys -t bench F10
  for ((i = 0; i < 100; i++)); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && { notes+="F10 did not quit: SIGTERM; "; kill -TERM "$pid"; sleep 1; }
  for ((i = 0; i < 50; i++)); do [[ -s $STATS ]] && break; sleep 0.1; done
  tm kill-server 2>/dev/null || true
  [[ -s $STATS ]] || die "$label: no stats file ($(cat "$D/station.err" 2>/dev/null))"
  local bytes secs redraws pics; bytes=$(json_num "$STATS" bytes) secs=$(json_num "$STATS" seconds)
  redraws=$(json_num "$STATS" redraws) pics=$(json_num "$STATS" pictures)
  # pipe-pane must have seen what the station counted (endwin's last bytes
  # may race with the kill-server).
  local pb; pb=$(size "$PIPE")
  (($(calc %d "$pb < 0.98 * $bytes || $pb > 1.02 * $bytes + 64"))) && notes+="pane saw $pb bytes, station counted $bytes; "
  [[ $scr == grid ]] && ((pics == 0)) && notes+="NO pictures arrived; "
  [[ -s $D/station.err ]] && notes+="stderr: $(head -c 200 "$D/station.err" | tr '\n' ' '); "
  # Pictures only come as a total over the whole run: their rate is that
  # total over the run's seconds (the window is most of the run).
  local wbps pps cpu peak over
  # Seconds whose output went over the budget, and the busiest second.
  read -r peak over < <(awk -v b="${budget:-256}" '{k = $1 * 8 / 1000; if (k > m) m = k; if (k > b) o++}
    END {printf "%.1f %d\n", m, o}' "$D/per-second.bytes")
  wbps=$(calc %.1f "($b1 - $b0) / $el")
  pps=$(calc %.3f "$pics / $secs")
  cpu=$(calc %.2f "100 * ($c1 - $c0) / $TICK / $el")
  ROW=$(printf '%s\t' "$(date -u +%FT%TZ)" "$label" "$term" "${budget:-256}" "$scr" "$DUR" \
    "$bytes" "$secs" "$redraws" "$pics" \
    "$(calc %.1f "$bytes / $secs")" "$wbps" "$(calc %.1f "$wbps * 8 / 1000")" "$peak" "$over" "$pps" \
    "$(calc %.0f "$pps > 0 ? $wbps / $pps : 0")" "$(calc %.0f "$pps > 0 ? 16 * $wbps / $pps : 0")" \
    "$cpu" "$(calc %.2f "$pps > 0 ? 10 * $cpu / $pps : 0")" \
    "$(calc %.1f "100 * ($m1 - $m0) / $TICK / $el")")${notes%; }
  echo "$ROW" >>"$RESULTS"
  local -a cells; IFS=$'\t' read -ra cells <<<"$ROW"
  table_row "$label" "${cells[6]}" "${cells[7]}" "${cells[8]}" "${cells[9]}" "${cells[10]}" "${cells[11]}" \
    "${cells[12]}" "${cells[13]}" "${cells[14]}" "${cells[15]}" "${cells[16]}" "${cells[17]}" "${cells[18]}" \
    "${cells[19]}" "${cells[20]}"
  echo "     notes: ${notes%; }"
  ((KEEP)) || rm -f "$PIPE"
}

table_row() { printf '%-13s %9s %7s %6s %5s | %8s %8s %7s %6s %5s %6s %7s %8s | %6s %7s | %5s\n' "$@"; }
COLS_TSV="date run term budget_kbit screen window_s bytes run_s redraws pictures run_Bps \
window_Bps window_kbitps peak_second_kbit seconds_over_budget pictures_ps bytes_per_picture bytes_per_16 cpu_pct cpu_ms_per_picture busy_pct notes"
[[ -s $RESULTS ]] || tr ' ' '\t' <<<"$COLS_TSV" >"$RESULTS"
echo "station benchmark: $NCAM cameras, ${COLS}x$ROWS, ${DUR} s windows after ${WARM} s, $(nproc) cores; results to $RESULTS" >&2
table_row run bytes run_s redraw pics "run B/s" "B/s" "kbit/s" "peak" "over" "pic/s" "B/pic" "B/16pic" "CPU%" "ms/pic" busy
run_one grid-256 xterm-256color 100000 grid
run_one grid-direct xterm-direct 100000 grid
run_one grid-256-b256 xterm-256color "" grid
run_one grid-256-b64 xterm-256color 64 grid
run_one grid-256-b16 xterm-256color 16 grid
run_one status-256 xterm-256color 100000 status
