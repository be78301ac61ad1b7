#!/bin/sh
# What bad cameras do becomes a state with a reason a person can act on;
# none of it crashes the daemon or disturbs the good camera; passwords
# never show.
. "$(dirname "$0")/lib.sh"

SECRET="Mật-khẩu-bí-mật-42"
start_camsim --cameras 2 --size 320x240 --gop 1 --user admin --password "$SECRET" --fault cam2:garbage=50%

# A port that refuses, a web server that is not a camera, a listener that
# never answers.
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -u -m http.server --bind 127.0.0.1 0 > "$TMP/http.out" 2>&1 &
CG_PIDS="$CG_PIDS $!"
wait_for 5 grep -q "port" "$TMP/http.out" || fail "http server did not start"
http_port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$TMP/http.out" | head -n 1)
python3 -c '
import socket, time, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
time.sleep(120)' > "$TMP/mute.out" &
CG_PIDS="$CG_PIDS $!"
wait_for 5 test -s "$TMP/mute.out" || fail "mute listener did not start"
mute_port=$(cat "$TMP/mute.out")

write_config 10s 3s
start_daemon
add_camera "Tốt" "rtsp://admin@127.0.0.1:$PORT/cam1" --password-stdin <<PW
$SECRET
PW
add_camera "Rác" "rtsp://127.0.0.1:$PORT/cam2" --user admin --password-stdin <<PW
$SECRET
PW
add_camera "Sai mật khẩu" "rtsp://127.0.0.1:$PORT/cam1" --user admin --password-stdin <<PW
wrong
PW
add_camera "Tắt máy" "rtsp://127.0.0.1:$closed_port/live"
add_camera "Trang web" "rtsp://127.0.0.1:$http_port/index.html"
add_camera "Im lặng" "rtsp://127.0.0.1:$mute_port/live"
add_camera "Không có" "rtsp://127.0.0.1:$PORT/cam9" --user admin --password-stdin <<PW
$SECRET
PW

wait_for 10 state_is "Tốt" recording || fail "the good camera is not recording: $($CG status)"
wait_for 10 state_is "Sai mật khẩu" offline || fail "wrong password not offline"
wait_for 10 state_is "Tắt máy" offline || fail "refused not offline"
wait_for 10 state_is "Trang web" offline || fail "web server not offline"
wait_for 10 state_is "Không có" offline || fail "missing path not offline"
wait_for 20 state_is "Im lặng" offline || fail "mute listener not offline"
sleep 8
$CG status --json > "$TMP/status.json"
reason () { json_get "[c['reason'] for c in d['cameras'] if c['name']=='$1'][0]" < "$TMP/status.json"; }
# Failed cameras keep being retried (and counted).
[ "$(json_get "[c['reconnects'] for c in d['cameras'] if c['name']=='Tắt máy'][0]" < "$TMP/status.json")" -ge 3 ] \
  || fail "the refused camera is not being retried"
[ "$(reason 'Sai mật khẩu')" = auth ] || fail "wrong password: $(reason 'Sai mật khẩu')"
[ "$(reason 'Tắt máy')" = "refused:127.0.0.1:$closed_port" ] || fail "refused: $(reason 'Tắt máy')"
[ "$(reason 'Không có')" = not_found ] || fail "missing path: $(reason 'Không có')"
[ "$(reason 'Im lặng')" = "unreachable:127.0.0.1:$mute_port" ] || fail "mute: $(reason 'Im lặng')"
case "$(reason 'Trang web')" in not_stream*|closed*|error*) ;; *) fail "web server: $(reason 'Trang web')" ;; esac
# Garbage in the picture is still recorded as it came.
[ "$(camera_state 'Rác')" = recording ] || fail "the garbage camera stopped recording"

$CG status > "$TMP/status.txt" 2>&1
expect_contains "$TMP/status.txt" "check the camera's power and the household's router"
expect_contains "$TMP/status.txt" "user name or password"
$CG camera list > "$TMP/list.txt" 2>&1
# (`camera list --json` gives an administrator the passwords by design;
# camera_command.sh checks that a viewer's does not.)
$CG recordings --camera "Tốt" --json > "$TMP/rec.json" || fail "recordings"
stop_daemon

# The good camera recorded without a break, the daemon never crashed.
good=$(sql "SELECT id FROM cameras WHERE name = 'Tốt'")
[ "$(sql "SELECT count(*) FROM outages WHERE camera_id = $good")" = 0 ] || fail "the good camera had an outage"
first=$(json_get "d['segments'][0]['start']" < "$TMP/rec.json")
last=$(json_get "d['segments'][-1]['end']" < "$TMP/rec.json")
[ "$(json_get "len([g for g in d['gaps'] if '$first' <= g['start'] < '$last'])" < "$TMP/rec.json")" = 0 ] \
  || fail "the good camera's recording has gaps"
# Each failure was logged once, not once per retry.
[ "$(grep -c 'camera Tắt máy: offline' "$TMP/daemon.log")" = 1 ] || fail "refused logged more than once"
# The password appears nowhere a person reads.
for f in "$TMP/daemon.log" "$TMP/status.txt" "$TMP/status.json" "$TMP/list.txt" "$TMP/rec.json"; do
  expect_not_contains "$f" "$SECRET"
done
exit 0
