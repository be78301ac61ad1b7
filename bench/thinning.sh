#!/usr/bin/env bash
# Thinning benchmark: how small a keyframes-only segment is, and how many
# days a fixed disk keeps with and without thinning.
#
#   bash bench/thinning.sh [--seconds S] [--quota-tib T]
#
# For GOP 1, 2 and 4 s, one simulated camera (1280x720, 2 Mbit/s) is
# recorded for S seconds (default 60) in 20 s segments; the footage is
# then aged by nine days and the daemon thins it.  The ratio is thinned
# bytes / original bytes.  The days kept on a T TiB quota (default 4) by
# 28 cameras at 2 Mbit/s then come from the daemon's own forecast code
# (src/daemon/storage/retention.c) with each measured ratio, for full_rate_days
# of 7, 3 and 1 days.
set -euo pipefail
export LC_ALL=C
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."
DUR=60 QUOTA_TIB=4
while (($#)); do
  case $1 in
    --seconds) DUR=${2:?}; shift 2 ;;
    --quota-tib) QUOTA_TIB=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) echo "thinning.sh: bad argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -x ./canhgacd && -x ./canhgac-camsim ]] || { echo "build first (make)" >&2; exit 1; }
TMP=$(mktemp -d /tmp/canhgac-bench-thin.XXXXXX)
PIDS=()
cleanup () { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

# The forecast, with the daemon's code.
cat > "$TMP/forecast.c" <<'C'
#include "daemon/retention.h"
#include <stdio.h>
#include <stdlib.h>
int main (int argc, char **argv) {
  double quota = atof (argv[1]), ratio = atof (argv[2]), full_days = atof (argv[3]);
  double per_day = 2e6 / 8 * 86400;
  CgForecastCamera cams[28];
  for (int i = 0; i < 28; i++)
    cams[i] = (CgForecastCamera) { i + 1, per_day, ratio, 0, 0 };
  CgForecast f;
  cg_forecast_compute (cams, 28, quota, 0, (gint64) (full_days * CG_RETENTION_DAY_US),
                       30 * CG_RETENTION_DAY_US, &f);
  printf ("%.1f\n", f.days);
  cg_forecast_clear (&f);
  return 0;
}
C
echo '#define _GNU_SOURCE 1' > "$TMP/build-config.h"
cc -std=gnu11 -O2 -I src -I "$TMP" "$TMP/forecast.c" src/daemon/storage/retention.c -o "$TMP/forecast" \
  $(pkg-config --cflags --libs glib-2.0) -lm

declare -A RATIO
for gop in 1 2 4; do
  D="$TMP/gop$gop"; mkdir -p "$D"
  ./canhgac-camsim --port 0 --size 1280x720 --bitrate 2000 --gop "$gop" >"$D/camsim.out" 2>"$D/camsim.log" &
  PIDS+=($!); cpid=$!
  for _ in $(seq 300); do grep -qx ready "$D/camsim.out" && break; sleep 0.2; done
  url=$(head -n 1 "$D/camsim.out")
  printf '[daemon]\ndata_dir = %s/data\nsocket = %s/cg.sock\n[capture]\nsegment_seconds = 20s\n' "$D" "$D" > "$D/cg.conf"
  ./canhgacd --config "$D/cg.conf" 2>"$D/daemon.log" & dpid=$!; PIDS+=($dpid)
  for _ in $(seq 100); do grep -q "ready:" "$D/daemon.log" && break; sleep 0.1; done
  ./canhgac --config "$D/cg.conf" camera add --name cam --url "$url" >/dev/null
  sleep "$DUR"
  kill -TERM $dpid; wait $dpid || true
  db="$D/data/canhgac.db"
  # Whole segments only (the first and last may be short).
  sqlite3 "$db" "UPDATE segments SET start_us = start_us - 9 * 86400000000, end_us = end_us - 9 * 86400000000"
  n=$(sqlite3 "$db" "SELECT count(*) FROM segments")
  ./canhgacd --config "$D/cg.conf" 2>>"$D/daemon.log" & dpid=$!; PIDS+=($dpid)
  for _ in $(seq 300); do
    [[ $(sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM segments WHERE thinned = 1") == "$n" ]] && break
    sleep 0.2
  done
  ./canhgac --config "$D/cg.conf" camera remove cam >/dev/null 2>&1 || true
  kill -TERM $dpid; wait $dpid || true
  kill -TERM $cpid; wait $cpid 2>/dev/null || true
  read -r orig thin segs < <(sqlite3 -separator ' ' "$db" \
    "SELECT sum(original_bytes), sum(bytes), count(*) FROM segments WHERE thinned = 1 AND original_bytes IS NOT NULL")
  RATIO[$gop]=$(awk -v a="$thin" -v b="$orig" 'BEGIN { printf "%.4f", a / b }')
  printf 'GOP %s s: %s segments, %s bytes -> %s bytes, ratio %s\n' "$gop" "$segs" "$orig" "$thin" "${RATIO[$gop]}"
done

quota=$(awk -v t="$QUOTA_TIB" 'BEGIN { printf "%.0f", t * 1099511627776 }')
echo
echo "Days kept on ${QUOTA_TIB} TiB by 28 cameras at 2 Mbit/s (target 30 d):"
printf '%-22s %10s %10s %10s %10s\n' "" "no thinning" "GOP 1 s" "GOP 2 s" "GOP 4 s"
for full in 7 3 1; do
  row=$(printf '%-22s %10s' "full_rate_days = $full" "$("$TMP/forecast" "$quota" 1 "$full")")
  for gop in 1 2 4; do row+=$(printf ' %10s' "$("$TMP/forecast" "$quota" "${RATIO[$gop]}" "$full")"); done
  echo "$row"
done
