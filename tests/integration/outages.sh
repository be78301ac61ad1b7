#!/bin/sh
# A camera taken away goes offline quickly with an outage row, records
# again soon after it comes back; a silent camera is seen as stalled.
. "$(dirname "$0")/lib.sh"

# cam3 streams 6 s, then sends nothing for 5 s, over and over.
mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 3 --size 320x240 --gop 1 --fault cam3:stall=5s,every=6s \
  <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CAMSIM_PID=$!; CG_PIDS="$CG_PIDS $CAMSIM_PID"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)

write_config 10s 2s
start_daemon
add_camera "Ngã ba" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Bến đò" "rtsp://127.0.0.1:$PORT/cam2"
add_camera "Cầu tre" "rtsp://127.0.0.1:$PORT/cam3"
wait_for 10 state_is "Bến đò" recording || fail "Bến đò not recording"
sleep 2

# Take cam2 away: offline within stall_seconds + 1 s.
echo "stop cam2" >&9
t0=$(now_ms)
wait_for 5 state_is "Bến đò" offline || fail "Bến đò did not go offline: $($CG status)"
t1=$(now_ms)
[ $(( t1 - t0 )) -le 3000 ] || fail "offline after $(( t1 - t0 )) ms, more than stall_seconds + 1 s"
$CG status --json > "$TMP/status.json"
reason=$(json_get "[c['reason'] for c in d['cameras'] if c['name']=='Bến đò'][0]" < "$TMP/status.json")
case "$reason" in closed*|not_found*) ;; *) fail "unexpected reason '$reason'" ;; esac
sleep 6

# Bring it back: recording again within 5 s.
echo "start cam2" >&9
t0=$(now_ms)
wait_for 8 state_is "Bến đò" recording || fail "Bến đò did not record again: $($CG status)"
t1=$(now_ms)
[ $(( t1 - t0 )) -le 5000 ] || fail "recording again after $(( t1 - t0 )) ms, more than 5 s"

# Meanwhile cam3 has stalled at least once.
# (The stall lasts a few seconds: the table is read while it shows it.)
wait_for 15 sh -c "$CG status > '$TMP/status.txt' 2>&1 && grep 'Cầu tre' '$TMP/status.txt' | grep -q stalled" \
  || fail "Cầu tre never seen stalled: $($CG status)"
expect_contains "$TMP/status.txt" "no picture for 2 s"
sleep 1
# Recordings show the gap with its reason.
$CG recordings --camera "Bến đò" --json > "$TMP/rec.json"
json_get "[g['reason'] for g in d['gaps']]" < "$TMP/rec.json" | grep -qE "closed|not_found" || { cat "$TMP/rec.json" >&2; fail "no gap with the outage's reason"; }
stop_daemon

cam2=$(sql "SELECT id FROM cameras WHERE name = 'Bến đò'")
cam3=$(sql "SELECT id FROM cameras WHERE name = 'Cầu tre'")
cam1=$(sql "SELECT id FROM cameras WHERE name = 'Ngã ba'")
n=$(sql "SELECT count(*) FROM outages WHERE camera_id = $cam2 AND end_us IS NOT NULL AND end_us - start_us BETWEEN 5000000 AND 15000000")
[ "$n" = 1 ] || { sql "SELECT * FROM outages" >&2; fail "expected one closed outage of 5-15 s for Bến đò, got $n"; }
n=$(sql "SELECT count(*) FROM outages WHERE camera_id = $cam3 AND reason LIKE 'stalled%'")
[ "$n" -ge 1 ] || fail "no stall outage for Cầu tre"
# The healthy camera recorded throughout, without an outage.
[ "$(sql "SELECT count(*) FROM outages WHERE camera_id = $cam1")" = 0 ] || fail "Ngã ba had an outage"
# Per-minute link statistics were kept, reconnects counted.
[ "$(sql "SELECT sum(reconnects) FROM link_stats WHERE camera_id = $cam2")" -ge 1 ] || fail "no reconnect counted"
[ "$(sql "SELECT sum(frames) > 0 FROM link_stats WHERE camera_id = $cam1")" = 1 ] || fail "no link statistics"
# Each change was logged once, not once per retry.
n=$(grep -c "camera Bến đò: offline" "$TMP/daemon.log")
[ "$n" -le 2 ] || { cat "$TMP/daemon.log" >&2; fail "offline logged $n times"; }
exit 0
