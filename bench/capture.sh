#!/usr/bin/env bash
# Capture benchmark: canhgacd against its peer, one ffmpeg per camera (how
# popular NVRs record), both fed by the same canhgac-camsim instance.
#
#   bash bench/capture.sh [--seconds S] [--results FILE] [--keep] [N...]
#
# For each N (default 8 32 64), measures over S seconds (default 60) the CPU
# (% of one core), the resident memory and the lost frames of each recorder,
# prints a table row and appends it to FILE (TSV, default
# /tmp/canhgac-capture-results.tsv, or $CAPTURE_RESULTS). --keep keeps the
# temporary directory (logs, database, segments) for inspection.
set -euo pipefail
export LC_ALL=C            # '.' decimals in EPOCHREALTIME and awk output
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."   # the binaries live at the repo root

DUR=60 KEEP=0 COUNTS=() FPS=25
RESULTS=${CAPTURE_RESULTS:-/tmp/canhgac-capture-results.tsv}
die() { echo "capture.sh: $*" >&2; exit 1; }
while (($#)); do
  case $1 in
    --seconds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--seconds needs a whole number"; DUR=$2; shift 2 ;;
    --results) RESULTS=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) [[ $1 =~ ^[1-9][0-9]*$ ]] || die "bad argument '$1' (try --help)"; COUNTS+=("$1"); shift ;;
  esac
done
((${#COUNTS[@]})) || COUNTS=(8 32 64)

for b in canhgacd canhgac canhgac-camsim; do
  [[ -x ./$b ]] || die "./$b is missing: run 'make' in $PWD first"
done
for t in ffmpeg ffprobe sqlite3 getconf timeout; do
  command -v "$t" >/dev/null || die "$t is needed"
done
TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/canhgac-bench.XXXXXX)
PIDS=()   # everything we started and have not stopped yet

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  ((${#PIDS[@]})) && sleep 1
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if ((KEEP)); then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A zombie still answers kill -0, so look at the state letter instead. (read,
# not $(<file): under set -e a vanished file would end the whole script.)
alive() { local s; { read -r s </proc/"$1"/stat; } 2>/dev/null || return 1; s=${s##*) }; [[ $s != Z* ]]; }
# utime+stime (all threads) of the given processes, in clock ticks.
ticks() {
  local p s f sum=0
  for p; do
    { read -r s </proc/"$p"/stat; } 2>/dev/null || continue
    read -ra f <<<"${s##*) }"; sum=$((sum + f[11] + f[12]))
  done
  echo "$sum"
}
# Busy ticks of the whole machine: the box is shared, so say how noisy it was.
machine() { local u n s q sq st; read -r _ u n s _ _ q sq st _ </proc/stat; echo $((u + n + s + q + sq + st)); }
# mem_kb PID FILE KEY: a /proc/PID/FILE value in kB into REPLY (no fork: this
# runs for 64 processes every second).
mem_kb() {
  local k v; REPLY=0
  { while read -r k v _; do [[ $k == "$3" ]] && { REPLY=$v; break; }; done </proc/"$1"/"$2"; } 2>/dev/null || true
}
table_row() { printf '%4s %7s %6s %7s %6s %5s | %6s %6s %6s %6s %6s %6s | %6s %6s %5s | %5s %6s %5s %6s | %5s %5s %5s %5s\n' "$@"; }
median() { sort -n | awk '{a[NR] = $1} END {if (!NR) print 0; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
calc() { awk "BEGIN {printf \"$1\", ($2)}"; }   # ( ): '>' would redirect
forget() {
  local p q keep=()
  for p in "${PIDS[@]}"; do for q; do [[ $p == "$q" ]] && continue 2; done; keep+=("$p"); done
  PIDS=("${keep[@]}")
}
# stop_pids SIG SECONDS PID...: ask politely, then insist; say so if we had to.
stop_pids() {
  local sig=$1 t=$2 p i left; shift 2
  kill -"$sig" "$@" 2>/dev/null || true
  for ((i = 0; i < t * 10; i++)); do
    left=0; for p; do alive "$p" && { left=1; break; }; done
    ((left)) || break; sleep 0.1
  done
  for p; do alive "$p" && { echo "  warning: pid $p ignored SIG$sig for ${t}s: killed" >&2; kill -KILL "$p"; }; done
  wait "$@" 2>/dev/null || true
  forget "$@"
}
# measure LABEL PID...: over DUR s, CPU % of one core of the PIDs (CPU), of
# camsim (SIMCPU) and of the machine (BUSY), and their VmRSS every second in
# $D/LABEL.rss (one line per sample, one column per process). RSS counts the
# shared libraries in every process, so Pss (each shared page split between
# its users) goes to $D/LABEL.pss: the fair figure for 64 ffmpeg processes.
measure() {
  local label=$1 t0 c0 s0 m0 i p line; shift
  : >"$D/$label.rss"; : >"$D/$label.pss"
  t0=$EPOCHREALTIME c0=$(ticks "$@") s0=$(ticks "$SIM") m0=$(machine)
  for ((i = 0; i < DUR; i++)); do
    line=""; for p; do mem_kb "$p" status VmRSS:; line+="$REPLY "; done
    echo "$line" >>"$D/$label.rss"
    line=""; for p; do mem_kb "$p" smaps_rollup Pss:; line+="$REPLY "; done
    echo "$line" >>"$D/$label.pss"; sleep 1
  done
  local el; el=$(calc %.3f "$EPOCHREALTIME - $t0")
  CPU=$(calc %.1f "100 * ($(ticks "$@") - $c0) / $TICK / $el")
  SIMCPU=$(calc %.1f "100 * ($(ticks "$SIM") - $s0) / $TICK / $el")
  BUSY=$(calc %.1f "100 * ($(machine) - $m0) / $TICK / $el")
  DEAD=0; for p; do alive "$p" || DEAD=$((DEAD + 1)); done
}
# stdin: camera frames seconds [span]; out: lost-frames worst-ratio cameras gap-seconds.
# Expected frames = FPS x recorded seconds; gaps = time between a camera's segments.
lost_frames() {
  awk -v fps="$FPS" '{e = int(fps * $3 + 0.5); if (e > $2) lost += e - $2; r = e ? $2 / e : 0
    if (NR == 1 || r < w) w = r; if (NF > 3) gap += $4 - $3}
    END {printf "%d %.4f %d %.1f\n", lost, w, NR, gap}'
}

run_one() {
  local N=$1 k i t rec CONF BASE DMN FF=() notes=""
  D=$WORK/n$N; mkdir -p "$D/data" "$D/ff"
  echo "== N=$N: starting camsim (encodes once; may take a minute)" >&2
  ./canhgac-camsim --port 0 --cameras "$N" --size 1920x1080 --fps "$FPS" --bitrate 2000 --gop 2 \
    >"$D/camsim.out" 2>"$D/camsim.log" &
  SIM=$!; PIDS+=("$SIM"); t=$SECONDS
  until grep -qx ready "$D/camsim.out"; do
    alive "$SIM" || die "camsim exited: $(tail -3 "$D/camsim.log")"
    ((SECONDS - t < 300)) || die "camsim not ready after 300 s"
    sleep 1
  done
  BASE=$(grep -m1 -o 'rtsp://127\.0\.0\.1:[0-9]*' "$D/camsim.out")
  echo "   camsim ready in $((SECONDS - t)) s at $BASE" >&2

  # --- canhgacd, then the cameras, added through its socket once it answers.
  CONF=$D/canhgac.conf
  # Recording alone, as ffmpeg does: live pictures and motion (which
  # decode keyframes) are measured by bench/thumbnails.sh.
  printf '[daemon]\ndata_dir = %s\nsocket = %s\n[capture]\nsegment_seconds = 60s\nstall_seconds = 10s\n[thumbnails]\ninterval = 0\n' \
    "$D/data" "$D/cg.sock" >"$CONF"
  ./canhgacd --config "$CONF" >"$D/canhgacd.log" 2>&1 &
  DMN=$!; PIDS+=("$DMN"); t=$SECONDS
  until ./canhgac --config "$CONF" camera list >/dev/null 2>>"$D/cli.log"; do
    alive "$DMN" || die "canhgacd exited: $(tail -5 "$D/canhgacd.log")"
    ((SECONDS - t < 60)) || die "canhgacd not answering after 60 s"
    sleep 0.2
  done
  for ((k = 1; k <= N; k++)); do
    ./canhgac --config "$CONF" camera add --name "cam$k" --url "$BASE/cam$k" >/dev/null 2>>"$D/cli.log" \
      || die "camera add cam$k: $(tail -1 "$D/cli.log")"
  done
  t=$SECONDS rec=0
  status() { timeout 10 ./canhgac --config "$CONF" status --json 2>/dev/null || true; }
  while ((SECONDS - t < 120)); do
    alive "$DMN" || die "canhgacd exited: $(tail -5 "$D/canhgacd.log")"
    rec=$(status | grep -c '"state" *: *"recording"' || true)
    ((rec == N)) && break; sleep 1
  done
  echo "   canhgacd: $rec/$N cameras recording after $((SECONDS - t)) s; measuring ${DUR} s" >&2
  ((rec == N)) || notes+="only $rec/$N recording at start; "
  measure canhgacd "$DMN"
  local D_CPU=$CPU D_SIM=$SIMCPU D_BUSY=$BUSY js
  ((DEAD)) && notes+="canhgacd DIED during the window; "
  js=$(status)
  rec=$(grep -c '"state" *: *"recording"' <<<"$js" || true)
  ((rec == N)) || notes+="$rec/$N recording at end; "
  local reconn; reconn=$(awk -F: '/"reconnects"/ {s += $2} END {print s + 0}' <<<"$js")
  ((reconn)) && notes+="$reconn reconnects; "
  stop_pids TERM 30 "$DMN"

  local -a dr; read -ra dr < <({ median <"$D/canhgacd.rss"; sort -n "$D/canhgacd.rss" | tail -1
    head -1 "$D/canhgacd.rss"; tail -1 "$D/canhgacd.rss"; } | paste -sd' ')   # median max first last (kB)
  [[ ${dr[3]} -gt $((dr[2] * 11 / 10)) ]] && notes+="canhgacd RSS grew ${dr[2]}->${dr[3]} kB; "
  local dl; read -ra dl < <(sqlite3 -separator ' ' "$D/data/canhgac.db" \
    "select camera_id, sum(frames), sum(end_us - start_us) / 1e6, (max(end_us) - min(start_us)) / 1e6
     from segments group by camera_id" | lost_frames)
  ((dl[2] == N)) || notes+="canhgacd recorded only ${dl[2]}/$N cameras; "
  (($(calc %d "${dl[3]} > 0.5"))) && notes+="canhgacd gaps between segments ${dl[3]} s; "
  local warn; warn=$(grep -ciE '(warning|critical|error)' "$D/canhgacd.log" || true)
  ((warn)) && { notes+="$warn warning lines in daemon log; "
    grep -iE '(warning|critical|error)' "$D/canhgacd.log" | head -5 | sed 's/^/   daemon: /' >&2; }
  # A recording that does not play is no recording: probe and decode 2 s of one.
  local seg; seg=$(sqlite3 "$D/data/canhgac.db" "select path from segments where state = 'complete' order by id limit 1")
  if [[ -n $seg ]] && timeout 60 ffmpeg -nostdin -v error -t 2 -i "$D/data/$seg" -f null - 2>"$D/play.err" &&
     [[ ! -s $D/play.err ]]; then notes+="segment plays; "; else notes+="segment DOES NOT PLAY; "; fi
  ((KEEP)) || rm -rf "$D/data"   # 64 cameras x 2 Mbit/s adds up

  # --- ffmpeg, one process per camera, against the same camsim.
  for ((k = 1; k <= N; k++)); do
    ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i "$BASE/cam$k" -c copy -f segment \
      -segment_time 60 -segment_format mpegts "$D/ff/cam${k}_%03d.ts" 2>"$D/ff/cam$k.log" &
    FF+=($!); PIDS+=($!)
  done
  sleep 5   # let them connect and write their first packets
  echo "   ffmpeg: $N processes started; measuring ${DUR} s" >&2
  measure ffmpeg "${FF[@]}"
  local F_CPU=$CPU F_SIM=$SIMCPU F_BUSY=$BUSY
  ((DEAD)) && notes+="$DEAD ffmpeg DIED during the window; "
  cat "$D"/ff/*.log | sort | uniq -c | sort -rn | head -3 | sed 's/^/   ffmpeg: /' >&2
  stop_pids INT 15 "${FF[@]}"
  local f fr du fl a b
  fl=$(for ((k = 1; k <= N; k++)); do
    fr=0 du=0
    for f in "$D/ff/cam${k}"_*.ts; do
      [[ -e $f ]] || continue
      # TS has programs: the stream shows up twice, so pick by full key.
      read -r a b < <(ffprobe -v error -count_packets -select_streams v:0 \
        -show_entries stream=nb_read_packets:format=duration -of flat "$f" | tr -d '"' |
        awk -F= '/^streams.stream.0.nb_read_packets=/ {p = $2} /^format.duration=/ {d = $2} END {print p + 0, d + 0}')
      fr=$((fr + ${a:-0})); du=$(calc %.3f "$du + ${b:-0}")
    done
    ((fr)) && echo "cam$k $fr $du"
  done | lost_frames)
  read -ra fl <<<"$fl"
  ((fl[2] == N)) || notes+="ffmpeg recorded only ${fl[2]}/$N cameras; "
  stop_pids TERM 15 "$SIM"

  # --- one row. Per-camera memory of ffmpeg: median of every process's samples.
  local ff_cam ff_tot
  ff_cam=$(tr -s ' ' '\n' <"$D/ffmpeg.rss" | grep . | median)
  ff_tot=$(awk '{s = 0; for (i = 1; i <= NF; i++) s += $i; print s}' "$D/ffmpeg.rss" | median)
  local d_pss ff_pss
  d_pss=$(median <"$D/canhgacd.pss"); ff_pss=$(tr -s ' ' '\n' <"$D/ffmpeg.pss" | grep . | median)
  ROW=$(printf '%s\t' "$(date -u +%FT%TZ)" "$N" "$DUR" \
    "$D_CPU" "$(calc %.2f "$D_CPU / $N")" "$F_CPU" "$(calc %.2f "$F_CPU / $N")" \
    "$(calc %.2f "$F_CPU > 0 ? $D_CPU / $F_CPU : 0")" \
    "$(calc %.1f "${dr[0]} / 1024")" "$(calc %.1f "${dr[1]} / 1024")" "$(calc %.2f "${dr[0]} / 1024 / $N")" \
    "$(calc %.1f "$ff_tot / 1024")" "$(calc %.2f "$ff_cam / 1024")" \
    "$(calc %.3f "$ff_cam > 0 ? ${dr[0]} / $N / $ff_cam : 0")" \
    "$(calc %.2f "$d_pss / 1024 / $N")" "$(calc %.2f "$ff_pss / 1024")" \
    "$(calc %.3f "$ff_pss > 0 ? $d_pss / $N / $ff_pss : 0")" \
    "${dl[0]}" "${dl[1]}" "${fl[0]}" "${fl[1]}" "$D_SIM" "$F_SIM" "$D_BUSY" "$F_BUSY")${notes%; }
  echo "$ROW" >>"$RESULTS"
  local -a cells; read -ra cells < <(cut -f2,4-25 <<<"$ROW"); table_row "${cells[@]}"
  echo "     notes: ${notes%; }"
  ((KEEP)) || rm -rf "$D"
}

COLS="date N seconds cgd_cpu_pct cgd_cpu_pct_cam ff_cpu_pct ff_cpu_pct_cam cpu_ratio_cam \
cgd_rss_mib_med cgd_rss_mib_max cgd_rss_mib_cam ff_rss_mib_total ff_rss_mib_cam mem_ratio_cam \
cgd_pss_mib_cam ff_pss_mib_cam pss_ratio_cam \
cgd_lost cgd_worst_ratio ff_lost ff_worst_ratio camsim_cpu_cgd camsim_cpu_ff busy_cgd busy_ff notes"
[[ -s $RESULTS ]] || tr ' ' '\t' <<<"$COLS" >"$RESULTS"
echo "capture benchmark: N = ${COUNTS[*]}, ${DUR} s per window, $(nproc) cores; results to $RESULTS" >&2
table_row N cgdCPU %/cam ffCPU %/cam ratio cgdRSS max MiB/cm ffRSS MiB/cm ratio PSS/cm ffPSS ratio \
  cgLost worst ffLst worst simC1 simC2 busy1 busy2
for n in "${COUNTS[@]}"; do run_one "$n"; done
