#!/bin/sh
# SIGHUP (systemctl reload): the configuration is read again while a
# camera records.  A file that cannot be used is refused and the running
# configuration kept; a good one is applied at once ([storage] quota in
# `canhgac storage`, [alarms] camera_after in how soon a lost camera
# rings) while keys that need a restart keep their running value; and the
# camera's recording goes on without a gap or a segment cut short.
. "$(dirname "$0")/lib.sh"

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 1 --size 320x240 --gop 1 \
  <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CAMSIM_PID=$!; CG_PIDS="$CG_PIDS $CAMSIM_PID"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)

# configure QUOTA CAMERA_AFTER [DATA_DIR] — the daemon's file, rewritten.
configure () {
  cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = ${3:-$TMP/data}
socket = $TMP/cg.sock
[capture]
segment_seconds = 4s
stall_seconds = 3s
[storage]
quota = $1
[alarms]
camera_after = $2
CONF
}
write_config 4s 3s
configure 500M 10m
start_daemon
add_camera "Ngã ba" "rtsp://127.0.0.1:$PORT/cam1"
wait_for 20 state_is "Ngã ba" recording || fail "Ngã ba not recording"

# From the daemon itself: the command line reads the file, bad or not.
quota () {
  rpc storage.status | json_get "d['result']['quota']"
}
segments_done () {
  sql "SELECT count(*) FROM segments WHERE state = 'complete'"
}
segments_at_least () {
  [ "$(segments_done)" -ge "$1" ]
}
quota_is () {
  [ "$(quota)" = "$1" ]
}
wait_for 20 segments_at_least 1 \
  || { sql "SELECT id, state, start_us, end_us FROM segments" >&2; cat "$TMP/daemon.log" >&2; fail "no segment finished"; }
FIRST_START=$(sql "SELECT min(start_us) FROM segments")
[ "$(quota)" = 500M ] || fail "quota $(quota) before any reload, expected 500M"

# A file that cannot be used: refused, logged, the running one kept.
configure 600M soon
kill -HUP "$DAEMON_PID"
wait_for 10 grep -q "configuration not re-read, the running one is kept" "$TMP/daemon.log" \
  || { cat "$TMP/daemon.log" >&2; fail "a bad file was not refused in the log"; }
grep "not re-read" "$TMP/daemon.log" | grep -q "camera_after" || fail "the log does not say which key is wrong"
kill -0 "$DAEMON_PID" 2>/dev/null || fail "canhgacd died on a bad file"
[ "$(quota)" = 500M ] || fail "quota $(quota) after a bad file, expected the running 500M"

# A good one, with a data directory that only a restart may change.
before=$(segments_done)
configure 700M 2s "$TMP/elsewhere"
kill -HUP "$DAEMON_PID"
wait_for 10 grep -q "configuration re-read from $TMP/cg.conf" "$TMP/daemon.log" \
  || { cat "$TMP/daemon.log" >&2; fail "the log does not say the configuration was re-read"; }
grep "re-read from" "$TMP/daemon.log" | grep -q "\[alarms\] camera_after = 2s" \
  || { cat "$TMP/daemon.log" >&2; fail "the log does not name the changed key"; }
grep -q "\[daemon\] data_dir changed in the file; it needs a restart" "$TMP/daemon.log" \
  || { cat "$TMP/daemon.log" >&2; fail "a data_dir change is not logged as needing a restart"; }
wait_for 10 quota_is 700M || fail "quota $(quota) after the reload, expected 700M"
$CG config | grep -qx "camera_after = 2s" || fail "canhgac config does not show camera_after = 2s"

# The recording went on: two more segments, in the same data directory,
# none cut short by the reload, no gap since the first.
wait_for 30 segments_at_least $((before + 2)) || fail "recording did not go on after the reload"
[ -e "$TMP/elsewhere" ] && fail "the data directory moved without a restart"
short=$(sql "SELECT count(*) FROM segments WHERE state = 'complete' AND start_us > $FIRST_START AND end_us - start_us < 3500000")
[ "$short" = 0 ] || fail "$short segment(s) shorter than segment_seconds: $(sql "SELECT id, (end_us - start_us) / 1000 FROM segments")"
FROM=$(python3 -c "import datetime; print(datetime.datetime.fromtimestamp($FIRST_START / 1e6, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ'))")
$CG recordings --camera "Ngã ba" --from "$FROM" --json > "$TMP/rec.json" || fail "canhgac recordings"
[ "$(json_get "len(d['gaps'])" < "$TMP/rec.json")" = 0 ] \
  || fail "gaps in the recording across the reload: $(json_get "d['gaps']" < "$TMP/rec.json")"

# [alarms] camera_after applies live: the camera gone rings within
# stall + 2 s, not the 10 minutes it was started with.
echo "stop cam1" >&9
camera_down () {
  rpc alarm.list | json_get "[a for a in d['result']['alarms'] if a['kind']=='camera_down' and a['camera']=='Ngã ba'][0]" >/dev/null 2>&1
}
wait_for 30 camera_down || fail "no alarm 30 s after the camera went: camera_after = 2s was not applied"

stop_daemon
exit 0
