#!/bin/sh
# By default one connection per camera; a camera with a sub-stream gets its
# thumbnails from it while the main stream alone is recorded.
. "$(dirname "$0")/lib.sh"

command -v ss >/dev/null || fail "ss is needed (apt-get install iproute2)"
start_camsim --cameras 2 --size 640x360 --gop 1
main_port=$PORT
"$CAMSIM" --port 0 --cameras 1 --size 320x180 --gop 1 >"$TMP/sub.out" 2>"$TMP/sub.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/sub.out" || fail "second camsim did not start"
sub_port=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/sub.out" | head -n 1)

write_config 5s 3s
cat >> "$TMP/cg.conf" <<CONF
[thumbnails]
interval = 1s
CONF
start_daemon
add_camera "Một luồng" "rtsp://127.0.0.1:$main_port/cam1"
add_camera "Hai luồng" "rtsp://127.0.0.1:$main_port/cam2" --substream "rtsp://127.0.0.1:$sub_port/cam1"
wait_for 10 state_is "Hai luồng" recording || fail "not recording"
sleep 4

# connections PORT — established TCP connections to a local port.
connections () { ss -Htn state established "( dport = :$1 )" | wc -l; }
[ "$(connections "$main_port")" = 2 ] || fail "expected one connection per camera to the main streams, got $(connections "$main_port")"
[ "$(connections "$sub_port")" = 1 ] || fail "the sub-stream is not watched"

# The thumbnail comes from the sub-stream (320x180), recordings and the
# full-size snapshot from the main stream (640x360).
rpc thumbnail.get '{"camera": "Hai luồng"}' | json_get "d['result']['width'], d['result']['height']" > "$TMP/thumb"
[ "$(cat "$TMP/thumb")" = "320 180" ] || fail "the thumbnail is $(cat "$TMP/thumb"), not the sub-stream's"
$CG snapshot --camera "Hai luồng" -o "$TMP/snap.jpg" > /dev/null || fail "snapshot"
[ "$(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "$TMP/snap.jpg")" = "640,360" ] \
  || fail "the snapshot is not the main stream at full size"
$CG status --json > "$TMP/status.json"
json_get "[c for c in d['cameras'] if c['name']=='Hai luồng'][0]['decoded_keyframes'] > 0" < "$TMP/status.json" \
  | grep -qx True || fail "no keyframe decoded from the sub-stream: $(cat "$TMP/status.json")"
stop_daemon
cam=$(sql "SELECT id FROM cameras WHERE name = 'Hai luồng'")
[ "$(sql "SELECT DISTINCT width || 'x' || height FROM segments WHERE camera_id = $cam")" = 640x360 ] \
  || fail "the recording is not the main stream"
exit 0
