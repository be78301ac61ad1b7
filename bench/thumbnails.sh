#!/usr/bin/env bash
# Thumbnails and motion benchmark: canhgacd's CPU with [thumbnails] on
# (the default 2 s interval, 320 px) and off (interval = 0), for N
# simulated 1080p cameras from one canhgac-camsim, and the mean time to
# decode, scale and JPEG-encode one keyframe (status: keyframe_ms).
#
#   bash bench/thumbnails.sh [--seconds S] [N...]      (default: 28 64, 30 s)
set -euo pipefail
export LC_ALL=C
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."
DUR=30 COUNTS=()
while (($#)); do
  case $1 in
    --seconds) DUR=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) COUNTS+=("$1"); shift ;;
  esac
done
((${#COUNTS[@]})) || COUNTS=(28 64)
TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/canhgac-thumbbench.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1; for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true; rm -rf "$WORK"
}
trap cleanup EXIT
ticks() { local s f; read -r s </proc/"$1"/stat; s=${s##*) }; read -ra f <<<"$s"; echo $((f[11] + f[12])); }

printf '%-8s %-10s %12s %14s\n' cameras thumbnails "cpu_%core" keyframe_ms
for n in "${COUNTS[@]}"; do
  ./canhgac-camsim --port 0 --cameras "$n" --size 1920x1080 --bitrate 4000 --gop 2 --loop 4 \
    >"$WORK/camsim.out" 2>"$WORK/camsim.log" &
  cam=$!; PIDS+=("$cam")
  timeout 600 sh -c "until grep -qx ready '$WORK/camsim.out'; do sleep 0.5; done"
  port=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/camsim.out" | head -n 1)
  for interval in 0 2s; do
    d="$WORK/$n-$interval"; mkdir -p "$d"
    printf '[daemon]\ndata_dir = %s/data\nsocket = %s/s.sock\n[thumbnails]\ninterval = %s\n' \
      "$d" "$d" "$interval" > "$d/cg.conf"
    ./canhgacd --config "$d/cg.conf" 2>"$d/daemon.log" &
    dpid=$!; PIDS+=("$dpid")
    timeout 10 sh -c "until grep -q 'ready:' '$d/daemon.log'; do sleep 0.1; done"
    for i in $(seq 1 "$n"); do
      ./canhgac --config "$d/cg.conf" camera add --name "cam$i" --url "rtsp://127.0.0.1:$port/cam$i" >/dev/null
    done
    sleep 10   # connect, settle
    t0=$(ticks "$dpid"); s0=$(date +%s.%N)
    sleep "$DUR"
    t1=$(ticks "$dpid"); s1=$(date +%s.%N)
    cpu=$(awk -v a="$t0" -v b="$t1" -v x="$s0" -v y="$s1" -v k="$TICK" 'BEGIN { printf "%.1f", 100 * (b - a) / k / (y - x) }')
    ms=$(./canhgac --config "$d/cg.conf" status --json | python3 -c '
import json, sys
v = [c["keyframe_ms"] for c in json.load(sys.stdin)["cameras"] if c.get("keyframe_ms")]
print("%.1f" % (sum(v) / len(v)) if v else "-")')
    printf '%-8s %-10s %12s %14s\n' "$n" "$([ "$interval" = 0 ] && echo off || echo "$interval")" "$cpu" "$ms"
    kill -TERM "$dpid"; wait "$dpid" 2>/dev/null || true
  done
  kill -TERM "$cam"; wait "$cam" 2>/dev/null || true
done
