#!/bin/sh
# What real streams do: resolution changes start a new segment, and
# timestamps jumping backwards do not break the recording.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 3 --size 640x360 --gop 1 --fault cam1:resize=320x180,every=4s \
  --fault cam3:tsjump=3s,every=4s
write_config 30s 3s
start_daemon
add_camera "Đổi cỡ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Lùi giờ" "rtsp://127.0.0.1:$PORT/cam3"

wait_for 10 state_is "Lùi giờ" recording || fail "not recording: $($CG status)"
sleep 14
stop_daemon

# Resolution changes: segments of both sizes, each playing at its size.
cam=$(sql "SELECT id FROM cameras WHERE name = 'Đổi cỡ'")
sizes=$(sql "SELECT DISTINCT width || 'x' || height FROM segments WHERE camera_id = $cam ORDER BY 1" | tr '\n' ' ')
[ "$sizes" = "320x180 640x360 " ] || { cat "$TMP/daemon.log" >&2; fail "segment sizes: $sizes"; }
sql "SELECT path, width, height FROM segments WHERE camera_id = $cam" | while IFS='|' read -r p w h; do
  got=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$TMP/data/$p" | head -n 1)
  [ "$got" = "$w,$h" ] || fail "$p plays at $got, its row says ${w}x$h"
done || exit 1
grep -q "stream parameters changed" "$TMP/daemon.log" || fail "no parameter change logged"

# Timestamps jumping back: still one continuous recording.
cam=$(sql "SELECT id FROM cameras WHERE name = 'Lùi giờ'")
[ "$(sql "SELECT count(*) FROM outages WHERE camera_id = $cam")" = 0 ] || fail "tsjump caused an outage"
sql "SELECT path, (end_us - start_us) / 1e6 FROM segments WHERE camera_id = $cam" | while IFS='|' read -r p secs; do
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/data/$p")
  python3 -c "import sys; sys.exit(abs($dur - $secs) > 1.0)" || fail "$p plays $dur s, its row says $secs s"
  # Decode times only go forward.
  ffprobe -v error -select_streams v:0 -show_entries packet=dts -of csv=p=0 "$TMP/data/$p" | grep -v "^$" \
    | awk -F, 'NR > 1 && $1 + 0 <= prev { bad = 1 } { prev = $1 + 0 } END { exit bad }' || fail "$p: dts goes backwards"
done || exit 1

exit 0
