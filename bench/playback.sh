#!/usr/bin/env bash
# Playback benchmark: the station playing recorded 1080p footage at 1x in a
# 120x36 terminal against timg and mpv --vo=tct playing the same footage in
# a pty of the same size; seek latency and live lag; evidence export against
# ffmpeg's concat copy.
#
#   bash bench/playback.sh [--exports N] [--only peers|export|station]
#                          [--results FILE] [--keep]
#
# 1. Two simulated 1080p25 cameras (4 Mbit/s, a keyframe every 2 s), each
#    recorded by its own canhgacd in 10 s segments until four are complete
#    (about 45 s): "testsrc2", ffmpeg's testsrc2 pattern (20 s, served with
#    camsim --clip), where the whole picture moves, and "street"
#    (camsim --scene street), where all stands still but a small vehicle
#    and the frame counter. The 2nd and 3rd segments, joined by ffmpeg
#    (-c copy -t 20), are the 20 s file (500 frames) the peers play.
# 2. Peers, under `script` in a pty set to 120x36 (checked with stty size):
#    timg (its defaults), mpv --vo=tct (truecolor) and --vo-tct-256=yes.
#    Bytes = all the player wrote to the pty; CPU = user+sys of the player
#    (/usr/bin/time); frames = frames written whole, counted in the output
#    (timg: the cursor moving back up to the picture's top, plus the first;
#    mpv: each frame starts at row 1), beside the player's own count.
# 3. Export: `canhgac export` over the four segments against
#    `ffmpeg -f concat -safe 0 -c copy -movflags +faststart` over the same
#    files, N runs each (default 5), interleaved; medians and their ratio.
# 4. The station (needs its F6 playback screen: skipped, saying so, when the
#    binary has no "frames_shown" stat): in tmux at 120x36, TERM=xterm-direct,
#    no budget; F6, `g`, the 2nd segment's start, Enter, Space, 20 s, Space,
#    F10. Bytes from tmux pipe-pane over the 20 s, CPU from /proc, frames
#    from $CANHGAC_STATION_STATS. Then the live view (Map: Enter, Enter) and
#    five seeks (the station's seek_ms, key to frame on screen) and `l`, back
#    to live: lag = wall clock - the shown frame's time on the info line.
# Prints a table and appends TSV rows to FILE (default
# /tmp/canhgac-playback-results.tsv, or $PLAYBACK_RESULTS). --keep keeps the
# scratch directory; --only runs one part (after the recordings). Needs
# ffmpeg, timg, mpv, tmux, sqlite3, python3, script (bsdutils) and
# /usr/bin/time (time). About 5 minutes.
set -euo pipefail
export LC_ALL=C
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."
BENCH=playback.sh
. bench/lib.sh

EXPORTS=5 KEEP=0 COLS=120 ROWS=36 PLAY=20 ONLY=
RESULTS=${PLAYBACK_RESULTS:-/tmp/canhgac-playback-results.tsv}
while (($#)); do
  case $1 in
    --exports) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--exports needs a whole number"; EXPORTS=$2; shift 2 ;;
    --results) RESULTS=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --only) [[ ${2:-} =~ ^(peers|export|station)$ ]] || die "--only takes peers, export or station"; ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,37s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) die "bad argument '$1' (try --help)" ;;
  esac
done

declare -A PKG=([ffmpeg]=ffmpeg [ffprobe]=ffmpeg [timg]=timg [mpv]=mpv [tmux]=tmux [sqlite3]=sqlite3
  [python3]=python3 [script]=bsdutils [/usr/bin/time]=time [infocmp]=ncurses-bin)
missing=()
for t in "${!PKG[@]}"; do command -v "$t" >/dev/null 2>&1 || missing+=("${PKG[$t]}"); done
((${#missing[@]})) && die "missing tools; install them with: apt-get install $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
for b in canhgacd canhgac canhgac-camsim; do
  [[ -x ./$b ]] || die "./$b is missing: run 'make' in $PWD first"
done

WORK=$(mktemp -d /tmp/canhgac-playbench.XXXXXX)
TMUX_SOCK=canhgac-playbench-$$
cleanup() {
  tm kill-server 2>/dev/null || true
  bench_cleanup
  if ((KEEP)); then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. the recordings ---------------------------------------------------------
SCENES=(testsrc2 street)
declare -A CONF DB CLIP SEGS FROM_US
note "making a 20 s 1080p25 testsrc2 clip"
ffmpeg -nostdin -v error -f lavfi -i testsrc2=size=1920x1080:rate=25:duration=20 -c:v libx264 \
  -preset veryfast -bf 0 -g 50 -keyint_min 50 -sc_threshold 0 -b:v 4M -maxrate 4M -bufsize 4M \
  -pix_fmt yuv420p -y "$WORK/testsrc2-source.mp4" || die "ffmpeg could not make the testsrc2 clip"
for s in "${SCENES[@]}"; do
  if [[ $s == testsrc2 ]]; then args=(--clip "$WORK/testsrc2-source.mp4")
  else args=(--scene street --size 1920x1080 --fps 25 --bitrate 4000 --gop 2 --loop 20); fi
  note "camsim: $s (${args[*]})"
  start_camsim "$WORK/camsim-$s" "${args[@]}"
  mkdir -p "$WORK/$s/data"
  CONF[$s]=$WORK/$s/cg.conf DB[$s]=$WORK/$s/data/canhgac.db
  printf '[daemon]\ndata_dir = %s\nsocket = %s\n[capture]\nsegment_seconds = 10s\n' \
    "$WORK/$s/data" "$WORK/$s/cg.sock" >"${CONF[$s]}"
  start_daemon "${CONF[$s]}" "$WORK/$s/canhgacd.log"
  ./canhgac --config "${CONF[$s]}" camera add --name "$s" --url "${URLS[0]}" >/dev/null \
    || die "camera add $s failed"
done
sql() { sqlite3 -cmd ".timeout 5000" "${DB[$1]}" "$2"; }
complete() { (($(sql "$1" "SELECT count(*) FROM segments WHERE state = 'complete'") >= 4)); }
note "recording both cameras until each has four complete 10 s segments (about 45 s)"
for s in "${SCENES[@]}"; do
  wait_until 150 complete "$s" || die "$s: four segments not recorded in 150 s: $(sql "$s" 'SELECT id, state, start_us, end_us FROM segments')"
done
for s in "${SCENES[@]}"; do
  mapfile -t rows < <(sql "$s" "SELECT path || '|' || start_us || '|' || end_us || '|' || frames || '|' || bytes
    FROM segments WHERE state = 'complete' ORDER BY start_us LIMIT 4")
  SEGS[$s]=$(printf '%s\n' "${rows[@]}")
  : >"$WORK/$s/all4.txt"; : >"$WORK/$s/mid2.txt"
  for i in 0 1 2 3; do
    IFS='|' read -r path _ _ _ _ <<<"${rows[i]}"
    echo "file '$WORK/$s/data/$path'" >>"$WORK/$s/all4.txt"
    ((i == 1 || i == 2)) && echo "file '$WORK/$s/data/$path'" >>"$WORK/$s/mid2.txt"
  done
  IFS='|' read -r _ FROM_US[$s] _ <<<"${rows[1]}"
  CLIP[$s]=$WORK/$s/clip.mp4
  ffmpeg -nostdin -v error -f concat -safe 0 -i "$WORK/$s/mid2.txt" -t "$PLAY" -c copy \
    -movflags +faststart -y "${CLIP[$s]}" || die "$s: ffmpeg could not join segments 2 and 3"
  n=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets,width,height \
    -of csv=p=0 "${CLIP[$s]}")
  note "$s: segments $(awk -F'|' '{printf "%.1f s ", ($3 - $2) / 1e6}' <<<"${SEGS[$s]}"); clip: ${n} (w,h,packets)"
done

# ---- the table --------------------------------------------------------------------
ROW_FMT='%-9s %-26s %7s %8s %10s %8s %6s %8s %9s %9s\n'
declare -A TIMG_BPF TIMG_MSPF
header() { printf "$ROW_FMT" scene player frames seconds "bytes/frm" "kB/s" "CPU%" "ms/frm" "B vs timg" "ms vs timg"; }
# row SCENE PLAYER FRAMES SECONDS BYTES CPU_S NOTES
row() {
  local s=$1 p=$2 f=$3 sec=$4 b=$5 cpu=$6 notes=${7:-} bpf mspf rb rc
  bpf=$(calc %.0f "$f > 0 ? $b / $f : 0"); mspf=$(calc %.2f "$f > 0 ? 1000 * $cpu / $f : 0")
  [[ $p == timg ]] && TIMG_BPF[$s]=$bpf TIMG_MSPF[$s]=$mspf
  rb=- rc=-
  [[ -n ${TIMG_BPF[$s]:-} && ${TIMG_BPF[$s]} != 0 ]] && rb=$(calc %.2f "$bpf / ${TIMG_BPF[$s]}")
  [[ -n ${TIMG_MSPF[$s]:-} && ${TIMG_MSPF[$s]} != 0.00 ]] && rc=$(calc %.2f "$mspf / ${TIMG_MSPF[$s]}")
  printf "$ROW_FMT" "$s" "$p" "$f" "$(calc %.2f "$sec")" "$bpf" "$(calc %.1f "$b / $sec / 1000")" \
    "$(calc %.1f "100 * $cpu / $sec")" "$mspf" "$rb" "$rc"
  [[ -n $notes ]] && echo "          notes: $notes"
  printf '%s\t' "$(date -u +%FT%TZ)" "$s" "$p" "$f" "$sec" "$b" "$cpu" "$bpf" "$mspf" "$rb" "$rc" >>"$RESULTS"
  echo "$notes" >>"$RESULTS"
}
[[ -s $RESULTS ]] || printf 'date\tscene\tplayer\tframes\tseconds\tbytes\tcpu_s\tbytes_per_frame\tcpu_ms_per_frame\tbytes_vs_timg\tcpu_vs_timg\tnotes\n' >"$RESULTS"

# ---- 2. the peers ---------------------------------------------------------------
# Frames written whole to the pty, counted in what the player wrote.
count_frames() {
  python3 - "$1" "$2" <<'PY'
import re, sys
data = open(sys.argv[2], "rb").read()
if sys.argv[1] == "timg":
    # timg moves the cursor back up to the picture's top before each frame
    # but the first.
    ups = [int(n) for n in re.findall(rb"\x1b\[(\d+)A", data)]
    print(1 + ups.count(max(ups)) if ups else (1 if data else 0))
else:
    # mpv's tct output starts every frame at row 1 ("ESC[1;0f").
    print(data.count(b"\x1b[1;0f"))
PY
}
cat >"$WORK/count.lua" <<'LUA'
-- mpv's own figures, as last seen before the file ended.
local last, props = {}, {"frame-drop-count", "decoder-frame-drop-count", "estimated-frame-count"}
for _, p in ipairs(props) do
  mp.observe_property(p, "native", function(name, v) if v ~= nil then last[name] = v end end)
end
mp.register_event("shutdown", function()
  local f = io.open(os.getenv("MPV_COUNT_FILE"), "w")
  for _, p in ipairs(props) do f:write(p, "=", tostring(last[p]), "\n") end
  f:close()
end)
LUA
# peer SCENE LABEL CMD...: CMD under script in a 120x36 pty.
peer() {
  local s=$1 label=$2; shift 2
  local D=$WORK/$s/peer-${label//[^a-z0-9]/_} cmd u sy el frames own="" notes=""
  mkdir -p "$D"
  cmd="stty cols $COLS rows $ROWS && stty size >'$D/size' && exec /usr/bin/time -o '$D/time' -f '%U %S %e' $(printf '%q ' "$@") 2>'$D/stderr'"
  MPV_COUNT_FILE=$D/mpv-count.txt timeout 120 script -q -e -c "$cmd" /dev/null </dev/null >"$D/out.bin" \
    || notes+="exit status $?; "
  [[ $(cat "$D/size" 2>/dev/null) == "$ROWS $COLS" ]] || die "$label: the pty was $(cat "$D/size" 2>/dev/null), not ${ROWS} rows x $COLS"
  read -r u sy el <"$D/time" || die "$label: no time figures: $(cat "$D/stderr")"
  frames=$(count_frames "$([[ $label == timg* ]] && echo timg || echo mpv)" "$D/out.bin")
  if [[ $label == timg* ]]; then
    own=$(grep -o '[0-9]* frames; [0-9.]*fps' "$D/stderr" | head -n 1 || true)
    notes+="timg says: ${own:-nothing}; "
  else
    own=$(paste -sd " " "$D/mpv-count.txt" 2>/dev/null || true)
    notes+="mpv says: ${own:-nothing}; "
  fi
  row "$s" "$label" "$frames" "$el" "$(size "$D/out.bin")" "$(calc %.2f "$u + $sy")" "${notes%; }"
  ((KEEP)) || rm -f "$D/out.bin"
}

part() { [[ -z $ONLY || $ONLY == "$1" ]]; }
echo
echo "playback: ${PLAY} s of 1080p25 at 1x in ${COLS}x$ROWS, $(nproc) cores; results to $RESULTS"
part peers && header
part peers && for s in "${SCENES[@]}"; do
  peer "$s" timg timg --verbose "${CLIP[$s]}"
  peer "$s" "mpv tct truecolor" mpv --no-config --really-quiet --vo=tct --script="$WORK/count.lua" "${CLIP[$s]}"
  peer "$s" "mpv tct 256" mpv --no-config --really-quiet --vo=tct --vo-tct-256=yes --script="$WORK/count.lua" "${CLIP[$s]}"
done

# ---- 3. export -------------------------------------------------------------------
# canhgac export over the four segments of testsrc2 against ffmpeg's concat
# copy of the same files; runs interleaved, so both see the same machine.
iso() { date -u -d "@$(calc %.3f "$1 / 1e6")" +%Y-%m-%dT%H:%M:%S.%3NZ; }
export_part() {
  local s=testsrc2 i t0 ours=() theirs=() ob=0 tb=0 od td inbytes from to
  local E=$WORK/exports; mkdir -p "$E"
  from=$(iso "$(head -n 1 <<<"${SEGS[$s]}" | cut -d'|' -f2)")
  to=$(iso "$(($(tail -n 1 <<<"${SEGS[$s]}" | cut -d'|' -f3) - 1000))")
  inbytes=$(awk -F'|' '{b += $5} END {print b}' <<<"${SEGS[$s]}")
  note "export: $s from $from to $to (4 segments, $inbytes bytes), $EXPORTS runs each"
  for ((i = 1; i <= EXPORTS; i++)); do
    t0=$(now)
    ./canhgac --config "${CONF[$s]}" export --camera "$s" --from "$from" --to "$to" -o "$E/ours-$i.mp4" \
      --note "bench" >"$E/ours-$i.log" 2>&1 || die "canhgac export failed: $(tail -3 "$E/ours-$i.log")"
    ours+=("$(calc %.3f "$(now) - $t0")")
    t0=$(now)
    ffmpeg -nostdin -v error -f concat -safe 0 -i "$WORK/$s/all4.txt" -c copy -movflags +faststart \
      -y "$E/ffmpeg-$i.mp4" 2>"$E/ffmpeg-$i.log" || die "ffmpeg concat failed: $(tail -3 "$E/ffmpeg-$i.log")"
    theirs+=("$(calc %.3f "$(now) - $t0")")
    ob=$(size "$E/ours-$i.mp4") tb=$(size "$E/ffmpeg-$i.mp4")
    ((i == EXPORTS)) || rm -f "$E/ours-$i.mp4" "$E/ffmpeg-$i.mp4"
  done
  od=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$E/ours-$EXPORTS.mp4")
  td=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$E/ffmpeg-$EXPORTS.mp4")
  local om tm_
  om=$(median "${ours[@]}") tm_=$(median "${theirs[@]}")
  echo
  printf '%-34s %9s %9s %8s %9s %8s  %s\n' export "median s" "MB/s in" "out MB" "out s" ratio "runs (s)"
  printf '%-34s %9s %9s %8s %9s %8s  %s\n' "canhgac export" "$om" "$(calc %.1f "$inbytes / $om / 1e6")" \
    "$(calc %.2f "$ob / 1e6")" "$(calc %.2f "$od")" "$(calc %.2f "$tm_ / $om")" "${ours[*]}"
  printf '%-34s %9s %9s %8s %9s %8s  %s\n' "ffmpeg concat -c copy +faststart" "$tm_" \
    "$(calc %.1f "$inbytes / $tm_ / 1e6")" "$(calc %.2f "$tb / 1e6")" "$(calc %.2f "$td")" 1.00 "${theirs[*]}"
  echo "  (ratio: ffmpeg's median time / ours; the goal is at least 0.9. Ours is the whole command:"
  echo "   the daemon's MP4 with its SHA-256s and custody record, and the copy to -o.)"
  printf '%s\t' "$(date -u +%FT%TZ)" "$s" "export" "-" "$om" "$ob" "-" "-" "-" "-" "-" >>"$RESULTS"
  echo "canhgac export median of ${ours[*]} s; ffmpeg median of ${theirs[*]} s; ratio $(calc %.2f "$tm_ / $om")" >>"$RESULTS"
}
part export && export_part

# ---- 4. the station ------------------------------------------------------------------
# station_start SCENE DIR: the station in tmux at 120x36 on SCENE's daemon,
# truecolor, no budget, its output copied to DIR/pane.bytes; sets SPID.
station_start() {
  local s=$1 D=$2 i
  mkdir -p "$D"
  cp "${CONF[$s]}" "$D/station.conf"
  printf '[station]\nbudget = 100000\n' >>"$D/station.conf"
  tm new-session -d -s bench -x "$COLS" -y "$ROWS" \
    "export TERM='$STERM' LANG=C.UTF-8 LC_ALL=C.UTF-8 CANHGAC_STATION_STATS='$D/stats.json'
     exec ./canhgac --config '$D/station.conf' 2>'$D/station.err'"
  tm set-option -t bench remain-on-exit on >/dev/null
  tm pipe-pane -o -t bench "cat >>'$D/pane.bytes'"
  SPID=$(tm display-message -p -t bench '#{pane_pid}')
  [[ $SPID =~ ^[0-9]+$ ]] || die "$s: no station pid"
  wait_screen 15 'F10' || die "$s: no station screen after 15 s: $(screen_text | tail -3)"
  # F6, then its info line: "camera  dd/mm/yyyy HH:MM:SS  state".
  tm send-keys -t bench F6
  wait_screen 15 "$s  [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9:]{8}  " \
    || die "$s: F6 did not show the playback screen: $(screen_text | tail -3)"
}
# station_stop DIR: F10, and the stats written.
station_stop() {
  local D=$1 i
  tm send-keys -t bench F10
  for ((i = 0; i < 100; i++)); do alive "$SPID" || break; sleep 0.1; done
  alive "$SPID" && { echo "   F10 did not quit the station: SIGTERM" >&2; kill -TERM "$SPID"; sleep 1; }
  for ((i = 0; i < 50; i++)); do [[ -s $D/stats.json ]] && break; sleep 0.1; done
  tm kill-server 2>/dev/null || true
  [[ -s $D/stats.json ]] || die "no station stats: $(cat "$D/station.err" 2>/dev/null)"
}
# go_to SCENE EPOCH: `g`, the time as an officer types it, Enter; until the
# info line shows that second.
go_to() {
  local when; when=$(date -d "@$2" '+%d/%m/%Y %H:%M:%S')
  tm send-keys -t bench g; sleep 0.3
  tm send-keys -t bench -l "$when"; sleep 0.2
  tm send-keys -t bench Enter
  SEEKS_ASKED=$((SEEKS_ASKED + 1))
  wait_screen 30 "$1  $when  " || echo "   $1: the info line did not show $when within 30 s: $(screen_text | tail -2 | head -n 1)" >&2
}

SEEKS=() SEEKS_ASKED=0
station_play() {
  local s=$1 D=$WORK/$s/station start b0 b1 c0 c1 t0 t1 shown dec nseek notes="" i km
  station_start "$s" "$D"
  start=$(((FROM_US[$s] + 999999) / 1000000))   # the 2nd segment, to the second
  go_to "$s" "$start"; sleep 1
  t0=$(now) c0=$(ticks "$SPID") b0=$(size "$D/pane.bytes")
  tm send-keys -t bench Space
  # A key every 2 s while it plays (b: the meter on and off): the
  # station's key_ms, from each key to the screen drawn after it.
  for ((i = 0; i < PLAY / 2; i++)); do sleep 2; tm send-keys -t bench b; done
  sleep "$((PLAY - PLAY / 2 * 2))"
  tm send-keys -t bench Space
  t1=$(now) c1=$(ticks "$SPID") b1=$(size "$D/pane.bytes")
  sleep 0.5
  screen_text >"$D/screen-end.txt"
  grep -q "$s  .*paused" "$D/screen-end.txt" || notes+="not paused at the end: $(tail -1 "$D/screen-end.txt"); "
  # Time kept: footage played against wall time (to the second shown).
  local end_line end_at
  end_line=$(grep -oE "$s  [0-9/]{10} [0-9:]{8}  paused" "$D/screen-end.txt" | head -n 1)
  end_at=$(sed -E 's|.*  ([0-9]{2})/([0-9]{2})/([0-9]{4}) ([0-9:]{8})  paused|\3-\2-\1 \4|' <<<"$end_line")
  [[ -n $end_line ]] && notes+="played $(( $(date -d "$end_at" +%s) - start )) s of footage in $(calc %.2f "$t1 - $t0") s; "
  station_stop "$D"
  shown=$(json_num "$D/stats.json" frames_shown) dec=$(json_num "$D/stats.json" frames_decoded)
  mapfile -t sk < <(json_array "$D/stats.json" seek_ms)
  SEEKS+=("${sk[@]}")
  mapfile -t km < <(json_array "$D/stats.json" key_ms)
  ((${#km[@]})) && notes+="keys while playing, ms to the screen: median $(median "${km[@]}"), worst $(printf '%s\n' "${km[@]}" | sort -g | tail -n 1) of ${#km[@]}; "
  # The frame shown on opening F6 and the one of each seek came before the window.
  nseek=${#sk[@]}
  notes+="frames_shown $shown (less $((nseek + 1)) before the window: opening and seek), frames_decoded $dec; TERM=$STERM"
  row "$s" "canhgac station 1x" "$((shown - nseek - 1))" "$(calc %.3f "$t1 - $t0")" "$((b1 - b0))" \
    "$(calc %.2f "($c1 - $c0) / $TICK")" "$notes"
}

# live_lag D LABEL: samples the live view's info line 8 times, 0.7 s apart:
# wall clock - the shown frame's time (to the second). Appends to LAGS_<LABEL>.
live_lag() {
  local D=$1 label=$2 s=testsrc2 i w line shown
  local -n lags=LAGS_$label
  if ! wait_screen 15 "$s  [0-9/]{10} [0-9:]{8}  LIVE"; then
    echo "   $label: the live view did not show: $(screen_text | tail -2)" >&2; return
  fi
  sleep 2
  for ((i = 0; i < 8; i++)); do
    w=$(now); screen_text >"$D/live-$label-$i.txt"
    line=$(grep -oE "$s  [0-9/]{10} [0-9:]{8}  LIVE" "$D/live-$label-$i.txt" | head -n 1)
    shown=$(sed -E 's|.*  ([0-9]{2})/([0-9]{2})/([0-9]{4}) ([0-9:]{8})  LIVE|\3-\2-\1 \4|' <<<"$line")
    [[ -n $line ]] && lags+=("$(calc %.2f "$w - $(date -d "$shown" +%s)")")
    sleep 0.7
  done
}

# The live view from the Map (Enter: the details, Enter again: the camera
# live, full-screen); then, in the same station, five seeks across the four
# segments and `l`, back to live.
LAGS_map=() LAGS_back=()
station_seek_live() {
  local s=testsrc2 D=$WORK/testsrc2/station-seek start off
  station_start "$s" "$D"
  tm send-keys -t bench F2; sleep 1
  tm send-keys -t bench Enter; sleep 0.5
  tm send-keys -t bench Enter
  live_lag "$D" map
  tm send-keys -t bench F6; sleep 1
  start=$(((FROM_US[$s] + 999999) / 1000000))
  for off in 5 12 -8 17 2; do go_to "$s" $((start + off)); sleep 1; done
  tm send-keys -t bench l
  live_lag "$D" back
  station_stop "$D"
  mapfile -t sk < <(json_array "$D/stats.json" seek_ms)
  SEEKS+=("${sk[@]}")
}

if part station; then
  STERM=xterm-direct
  infocmp "$STERM" >/dev/null 2>&1 || STERM=xterm-256color
  if ! grep -qa frames_shown ./canhgac; then
    echo
    echo "station: SKIPPED: this canhgac has no F6 playback screen (no frames_shown in its stats);"
    echo "         build a tree that has it and run: bash bench/playback.sh --only station"
  else
    echo
    header
    for s in "${SCENES[@]}"; do station_play "$s"; done
    station_seek_live
    echo
    mapfile -t SEEKS < <(printf '%.0f\n' "${SEEKS[@]}")
    echo "seek, key to frame on screen (ms), median / worst of ${#SEEKS[@]}: $(median "${SEEKS[@]}") / $(printf '%s\n' "${SEEKS[@]}" | sort -g | tail -n 1)   (goal: under 300)"
    ((${#SEEKS[@]} < SEEKS_ASKED)) && echo "   $((SEEKS_ASKED - ${#SEEKS[@]})) of the $SEEKS_ASKED seeks put no frame on screen before the next key"
    echo "   all: ${SEEKS[*]}"
    echo "live lag (s) = wall clock - the shown frame's second (so the lag is up to 1 s less):"
    echo "   live from the Map, median of ${#LAGS_map[@]}: $(median "${LAGS_map[@]}")   all: ${LAGS_map[*]}"
    echo "   back to live (l) after seeks, median of ${#LAGS_back[@]}: $(median "${LAGS_back[@]}")   all: ${LAGS_back[*]}"
    printf '%s\t' "$(date -u +%FT%TZ)" testsrc2 "seek, live" "${#SEEKS[@]}" - - - - "$(median "${SEEKS[@]}")" - - >>"$RESULTS"
    echo "seek_ms ${SEEKS[*]}; live lag s from the Map ${LAGS_map[*]}, back after seeks ${LAGS_back[*]}" >>"$RESULTS"
  fi
fi
