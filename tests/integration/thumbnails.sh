#!/bin/sh
# Live thumbnails: refreshed every [thumbnails] interval from keyframes,
# JPEGs of the configured width, pushed to subscribers; a camera whose
# picture cannot be decoded says so in its status and keeps recording.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 640x360 --gop 1 --fault cam2:garbage=100%
write_config 10s 5s
cat >> "$TMP/cg.conf" <<CONF
[thumbnails]
interval = 1s
width = 200
CONF
start_daemon
add_camera "Cổng chợ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Rác" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 10 state_is "Cổng chợ" recording || fail "camera 1 is not recording"

# Subscribers hear of new thumbnails.
$RPC watch "$TMP/cg.sock" 4 thumbnails > "$TMP/watch.out" &
watch_pid=$!; CG_PIDS="$CG_PIDS $watch_pid"

has_thumb () {
  rpc thumbnail.get '{"camera":"Cổng chợ"}' | json_get "d['result']['jpeg']" | base64 -d > "$TMP/snap.jpg" \
    && [ -s "$TMP/snap.jpg" ]
}
wait_for 10 has_thumb || fail "no thumbnail: $(rpc thumbnail.get '{"camera":"Cổng chợ"}' | cut -c1-300)"

# A JPEG of the configured width, the aspect kept (640x360 -> 200x112).
[ "$(head -c 2 "$TMP/snap.jpg" | od -An -tx1 | tr -d ' ')" = ffd8 ] || fail "not a JPEG"
dims=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height -of csv=p=0 "$TMP/snap.jpg")
[ "$dims" = "mjpeg,200,112" ] || fail "thumbnail is $dims, expected mjpeg,200,112"
rpc thumbnail.get '{"camera":"Cổng chợ"}' > "$TMP/get.json"
[ "$(json_get "(d['result']['width'], d['result']['height'])" < "$TMP/get.json")" = "(200, 112)" ] \
  || fail "thumbnail.get: $(cut -c1-200 "$TMP/get.json")"

# Refreshed at the interval: the pictures' own times are never closer
# than the interval allows, and over the elapsed wall time (measured, since
# a loaded machine sleeps longer) several new ones arrive.
: > "$TMP/times"
t0=$(date +%s.%N)
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  rpc thumbnail.get '{"camera":"Cổng chợ"}' | json_get "d['result']['time']" >> "$TMP/times"
  sleep 0.5
done
t1=$(date +%s.%N)
verdict=$(python3 - "$TMP/times" "$t0" "$t1" <<'PY'
import sys, datetime
times = sorted({l.strip() for l in open(sys.argv[1]) if l.strip()})
ts = [datetime.datetime.fromisoformat(t.replace('Z', '+00:00')).timestamp() for t in times]
elapsed = float(sys.argv[3]) - float(sys.argv[2])
gaps = [b - a for a, b in zip(ts, ts[1:])]
if gaps and min(gaps) < 0.8:
    print("pictures %.2f s apart at a 1 s interval: %s" % (min(gaps), ' '.join(times)))
elif len(ts) > elapsed / 0.8 + 1:
    print("%d pictures in %.1f s at a 1 s interval" % (len(ts), elapsed))
elif len(ts) < 3:
    print("only %d different pictures in %.1f s at a 1 s interval: %s" % (len(ts), elapsed, ' '.join(times)))
else:
    print("ok")
PY
)
[ "$verdict" = ok ] || fail "thumbnails: $verdict"

wait "$watch_pid"
pushed=$(grep -c '"method": *"thumbnail"' "$TMP/watch.out")
[ "$pushed" -ge 2 ] || fail "only $pushed thumbnail notifications in 4 s"

# The garbage camera: its decode error is reported, it keeps recording.
wait_for 10 sh -c "$CG status --json | python3 -c \"import json,sys; d=json.load(sys.stdin); sys.exit(0 if [c for c in d['cameras'] if c['name']=='Rác' and c['decode_error']] else 1)\"" \
  || fail "the garbage camera reports no decode error: $($CG status --json)"
$CG status --json > "$TMP/status.json"
[ "$(json_get "[c['state'] for c in d['cameras'] if c['name']=='Rác'][0]" < "$TMP/status.json")" = recording ] \
  || fail "the garbage camera stopped recording"
[ "$(json_get "[c['decode_error'] for c in d['cameras'] if c['name']=='Cổng chợ'][0]" < "$TMP/status.json")" = None ] \
  || fail "the good camera reports a decode error"
[ "$(json_get "[c['decoded_keyframes'] for c in d['cameras'] if c['name']=='Cổng chợ'][0] >= 5" < "$TMP/status.json")" = True ] \
  || fail "the good camera decoded too few keyframes"
bytes1=$(sql "SELECT sum(bytes) FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = 'Rác'")
sleep 3
bytes2=$(sql "SELECT sum(bytes) FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = 'Rác'")
[ "$bytes2" -gt "$bytes1" ] || fail "the garbage camera's recording does not grow ($bytes1 -> $bytes2)"

# A snapshot is the picture at full size, not the thumbnail.
$CG snapshot --camera "Cổng chợ" -o "$TMP/full.jpg" > /dev/null || fail "snapshot"
[ "$(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "$TMP/full.jpg")" = "640,360" ] \
  || fail "the snapshot is not at the camera's size"

# Wrong usage and unknown cameras.
run_status 2 $CG snapshot --camera "Cổng chợ"
run_status 1 $CG snapshot --camera "Không có" -o "$TMP/x.jpg"
[ ! -e "$TMP/x.jpg" ] || fail "a file was written for an unknown camera"
stop_daemon
exit 0
