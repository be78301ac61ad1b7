#!/bin/sh
# Every method of the API end to end, as a script would use it.
. "$(dirname "$0")/lib.sh"

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 2 --size 320x240 --gop 1 <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
write_config 4s 2s
start_daemon
[ "$(stat -c %a "$TMP/cg.sock")" = 660 ] || fail "socket mode $(stat -c %a "$TMP/cg.sock")"

# result EXPR / error_code: read the last reply.
result () { json_get "d['result']$1" < "$TMP/reply"; }
code () { json_get "d['error']['code']" < "$TMP/reply"; }
message () { json_get "d['error']['message']" < "$TMP/reply"; }

rpc hello > "$TMP/reply"
[ "$(result "['role']")" = admin ] || fail "hello: $(cat "$TMP/reply")"
[ "$(result "['user']")" = root ] || fail "hello user"

rpc camera.add '{"name": "Chợ", "url": "rtsp://admin:S3cret@127.0.0.1:'"$PORT"'/cam1", "place": "Cổng chợ", "map": "10,20"}' > "$TMP/reply"
[ "$(result "['url']")" = "rtsp://127.0.0.1:$PORT/cam1" ] || fail "camera.add url: $(cat "$TMP/reply")"
rpc camera.add '{"name": "Đình", "url": "rtsp://127.0.0.1:'"$PORT"'/cam2"}' > /dev/null
rpc camera.add '{"name": "Chợ", "url": "rtsp://127.0.0.1:1/x"}' > "$TMP/reply"
[ "$(code)" = -32003 ] || fail "duplicate name: $(cat "$TMP/reply")"
rpc camera.add '{"name": "X", "url": "http://example/x"}' > "$TMP/reply"
[ "$(code)" = -32602 ] || fail "bad URL: $(cat "$TMP/reply")"
message | grep -q "camera address" || fail "bad URL message: $(message)"

rpc camera.list > "$TMP/reply"
[ "$(result "['cameras'][0]['name']")" = "Chợ" ] || fail "camera.list"
[ "$(result "['cameras'][0]['password']")" = "S3cret" ] || fail "an admin sees the password"
[ "$(result "['cameras'][0]['map']")" = "[10, 20]" ] || fail "map"
rpc camera.get '{"name": "Đình"}' > "$TMP/reply"
[ "$(result "['has_credentials']")" = False ] || fail "camera.get"
rpc camera.get '{"name": "Không có"}' > "$TMP/reply"
[ "$(code)" = -32002 ] || fail "missing camera: $(cat "$TMP/reply")"
rpc camera.update '{"name": "Đình", "place": "Đình làng", "rename": "Đình làng"}' > "$TMP/reply"
[ "$(result "['name']")" = "Đình làng" ] || fail "camera.update: $(cat "$TMP/reply")"
rpc camera.disable '{"name": "Đình làng"}' > "$TMP/reply"
[ "$(result "['enabled']")" = False ] || fail "camera.disable"
rpc camera.enable '{"name": "Đình làng"}' > "$TMP/reply"
[ "$(result "['enabled']")" = True ] || fail "camera.enable"

# The rename restarts the camera's thread at the recorder's next pass, so
# an early "recording" may still be the old thread's: wait for the
# status method itself to say so.
status_recording () {
  rpc status > "$TMP/reply" && [ "$(result "['cameras'][1]['state']")" = recording ]
}
wait_for 15 status_recording || fail "status: $(cat "$TMP/reply")"
[ "$(result "['storage']['free_bytes'] > 0")" = True ] || fail "status storage"

# Notifications: a subscriber hears the camera go offline.
$RPC watch "$TMP/cg.sock" 8 > "$TMP/notes" &
watcher=$!
sleep 1
echo "stop cam2" >&9
wait $watcher
grep -q '"method":"camera.state"' "$TMP/notes" || grep -q '"method": "camera.state"' "$TMP/notes" \
  || fail "no camera.state notification: $(cat "$TMP/notes")"
grep -q 'offline' "$TMP/notes" || fail "notification without the new state: $(cat "$TMP/notes")"
echo "start cam2" >&9

sleep 5
rpc recordings.list '{"camera": "Chợ"}' > "$TMP/reply"
seg=$(result "['segments'][0]['id']")
[ -n "$seg" ] || fail "recordings.list: $(cat "$TMP/reply")"
rpc recordings.list '{"camera": "Chợ", "from": "yesterday"}' > "$TMP/reply"
[ "$(code)" = -32602 ] || fail "bad time accepted: $(cat "$TMP/reply")"

# Footage by file descriptor, never by path; ffprobe plays it.
$RPC open "$TMP/cg.sock" "$seg" "$TMP/copy.ts" > "$TMP/reply" || fail "recording.open: $(cat "$TMP/reply")"
ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$TMP/copy.ts" | grep -q h264 \
  || fail "the passed segment does not play"
grep -q '"path"' "$TMP/reply" && fail "recording.open revealed a path"
# A picture at full size, live or from the recordings, passed as a
# descriptor too (snapshot.get).
$RPC fdcall "$TMP/cg.sock" snapshot.get '{"camera": "Chợ"}' "$TMP/live.jpg" > "$TMP/reply" \
  || fail "snapshot.get: $(cat "$TMP/reply")"
[ "$(result "['width'], d['result']['source']")" = "320 live" ] || fail "snapshot.get: $(cat "$TMP/reply")"
[ "$(stat -c %s "$TMP/live.jpg")" = "$(result "['bytes']")" ] || fail "snapshot.get: the picture's size"
$RPC fdcall "$TMP/cg.sock" snapshot.get '{"camera": "Chợ", "at": "'"$(date -u -d '-3 sec' +%Y-%m-%dT%H:%M:%SZ)"'"}' \
  "$TMP/at.jpg" > "$TMP/reply" || fail "snapshot.get at: $(cat "$TMP/reply")"
[ "$(result "['source']")" = recording ] || fail "snapshot.get at: $(cat "$TMP/reply")"
ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$TMP/at.jpg" | grep -qx mjpeg \
  || fail "snapshot.get at: not a JPEG"
rpc recording.open '{"segment": 99999}' > "$TMP/reply"
[ "$(code)" = -32002 ] || fail "missing segment: $(cat "$TMP/reply")"

# The API's own refusals.
rpc no.such.method > "$TMP/reply"
[ "$(code)" = -32601 ] || fail "unknown method"
rpc camera.get '{}' > "$TMP/reply"
[ "$(code)" = -32602 ] || fail "missing param"
rpc camera.get '{"name": 5}' > "$TMP/reply"
[ "$(code)" = -32602 ] || fail "wrong type"
rpc camera.get '{"name": "Chợ", "colour": "red"}' > "$TMP/reply"
[ "$(code)" = -32602 ] || fail "extra param"
message | grep -q colour || fail "extra param not named: $(message)"

# The audit log saw it all, in a chain that holds.
rpc audit.list '{"limit": 1000}' > "$TMP/reply"
for action in camera.add camera.update camera.disable camera.enable recording.open snapshot.get connect; do
  grep -q "\"$action\"" "$TMP/reply" || fail "no audit entry for $action"
done
grep -q S3cret "$TMP/reply" && fail "the audit log holds a password"
rpc audit.verify > "$TMP/reply"
[ "$(result "['ok']")" = True ] || fail "audit.verify: $(cat "$TMP/reply")"
$CG audit verify > "$TMP/out" || fail "canhgac audit verify"

rpc camera.remove '{"name": "Đình làng"}' > "$TMP/reply"
[ "$(result "")" = True ] || fail "camera.remove: $(cat "$TMP/reply")"
stop_daemon

# Someone edits the audit log behind the daemon's back.
sqlite3 "$DB" "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'someone' WHERE id = 3;"
start_daemon
run_status 1 $CG audit verify
expect_contains "$TMP/out" "3"
expect_contains "$TMP/out" "tampered"
rpc audit.verify > "$TMP/reply"
[ "$(result "['first_bad']['id']")" = 3 ] || fail "audit.verify did not find row 3: $(cat "$TMP/reply")"
stop_daemon
exit 0
