#!/bin/sh
# Alarms: a camera taken away raises one past [alarms] camera_after,
# pushed to subscribers of `alarms`; acknowledged with a note (audited);
# cleared when the camera records again; the history survives a restart
# of the daemon.
. "$(dirname "$0")/lib.sh"

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 2 --size 320x240 --gop 1 \
  <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CAMSIM_PID=$!; CG_PIDS="$CG_PIDS $CAMSIM_PID"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)

write_config 10s 2s
cat >> "$TMP/cg.conf" <<CONF
[alarms]
camera_after = 1s
CONF
start_daemon
# Schema 11 and later: the alarms table and the audit log's index.
[ "$(sql "PRAGMA user_version")" -ge 11 ] || fail "schema $(sql "PRAGMA user_version") is older than 11"
[ "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'alarms'")" = 1 ] || fail "no alarms table"
[ "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_object'")" = 1 ] || fail "no index audit_object"
add_camera "Ngã ba" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Bến đò" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 20 state_is "Bến đò" recording || fail "Bến đò not recording"
rpc alarm.list > "$TMP/list0.json"
[ "$(json_get "len(d['result']['alarms'])" < "$TMP/list0.json")" = 0 ] || fail "alarms before any: $(cat "$TMP/list0.json")"

$RPC watch "$TMP/cg.sock" 60 alarms > "$TMP/notes" &
WATCH_PID=$!; CG_PIDS="$CG_PIDS $WATCH_PID"
wait_for 10 grep -q '"result"' "$TMP/notes" || fail "the subscription was not answered"

# Take cam2 away: an alarm within stall_seconds + camera_after + a tick.
echo "stop cam2" >&9
active_down () {
  rpc alarm.list > "$TMP/list.json" \
    && json_get "[a['id'] for a in d['result']['alarms'] if a['kind']=='camera_down' and a['camera']=='Bến đò'][0]" < "$TMP/list.json" > "$TMP/id" 2>/dev/null
}
wait_for 20 active_down || fail "no camera_down alarm for Bến đò: $(cat "$TMP/list.json")"
ID=$(cat "$TMP/id")
wait_for 5 grep -q '"alarm.changed"' "$TMP/notes" || fail "no alarm.changed pushed"
grep '"alarm.changed"' "$TMP/notes" | head -n 1 | grep -q '"camera":"Bến đò"' || fail "alarm.changed without the camera: $(cat "$TMP/notes")"
# Only the camera taken away.
[ "$(json_get "len(d['result']['alarms'])" < "$TMP/list.json")" = 1 ] || fail "more than one alarm: $(cat "$TMP/list.json")"

# The command line lists it in words, by its number.
run_status 0 $CG alarm list
expect_contains "$TMP/out" "Bến đò: offline"
expect_contains "$TMP/out" "not acknowledged"
grep -q "^ *$ID " "$TMP/out" || fail "alarm list without the alarm's number: $(cat "$TMP/out")"
if loc=$(vi_locale 2>/dev/null); then
  run_status 0 env LC_ALL="$loc" $CG alarm list
  expect_contains "$TMP/out" "Bến đò: mất kết nối"
fi
run_status 2 $CG alarm ack x
expect_contains "$TMP/err" "alarm list shows them"
run_status 2 $CG alarm list --limit 0

# Acknowledged from the command line: who from the socket, the note
# kept, audited.
run_status 0 $CG alarm ack "$ID" --note "đã gọi chủ nhà" --json
cp "$TMP/out" "$TMP/ack.json"
by=$(json_get "d['acknowledged_by']" < "$TMP/ack.json")
[ "$by" = "$(id -un)" ] || fail "acknowledged by '$by': $(cat "$TMP/ack.json")"
[ "$(json_get "d['note']" < "$TMP/ack.json")" = "đã gọi chủ nhà" ] || fail "note lost"
[ "$(json_get "d['active']" < "$TMP/ack.json")" = True ] || fail "acknowledged but not cleared must stay active"
run_status 0 $CG alarm ack "$ID"
expect_contains "$TMP/out" "acknowledged by $(id -un)"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'alarm.ack' AND object = 'alarm $ID'")" = 1 ] || fail "no audit row"
wait_for 5 sh -c "grep '\"alarm.changed\"' '$TMP/notes' | grep -q '\"acknowledged_by\":\"$(id -un)\"'" || fail "the acknowledgment was not pushed"
rpc alarm.ack "{\"id\": 999999}" | grep -q -- '-32002' || fail "acknowledging no alarm is not -32002"
run_status 1 $CG alarm ack 999999
expect_contains "$TMP/err" "999999"

# Back: cleared, no longer active.
echo "start cam2" >&9
wait_for 20 state_is "Bến đò" recording || fail "Bến đò did not record again"
wait_for 5 sh -c "$RPC call '$TMP/cg.sock' alarm.list | grep -q '\"alarms\":\[\]'" || fail "still active: $(rpc alarm.list)"
stop_daemon

# The history survives a restart.
start_daemon
rpc alarm.list '{"history": true}' > "$TMP/history.json"
json_get "[(a['id'], a['acknowledged_by'], a['cleared'] is not None) for a in d['result']['alarms']]" < "$TMP/history.json" \
  | grep -q "($ID, '$(id -un)', True)" || fail "history lost: $(cat "$TMP/history.json")"
run_status 0 $CG alarm list
expect_contains "$TMP/out" "No alarm is active"
run_status 0 $CG alarm list --history
expect_contains "$TMP/out" "Bến đò: offline"
expect_contains "$TMP/out" "acknowledged by $(id -un) at"
rpc alarm.list '{"limit": 0}' | grep -q -- '-32602' || fail "limit 0 accepted"
stop_daemon
exit 0
