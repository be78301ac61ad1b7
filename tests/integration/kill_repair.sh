#!/bin/sh
# kill -9 of the daemon mid-segment, then a restart: the segment is
# repaired and plays to within 2 s of the kill.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 640x360 --gop 1
write_config 30s 3s
start_daemon
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Đình làng" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 10 state_is "Đình làng" recording || fail "not recording"
sleep 6
kill_ms=$(now_ms)
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'open'")" = 2 ] || fail "expected 2 open segments after kill -9"

# A file the database never heard of (written, then its row lost).
cam1=$(sql "SELECT id FROM cameras WHERE name = 'Chợ'")
day=$(date +%Y-%m-%d)
path=$(sql "SELECT path FROM segments WHERE camera_id = $cam1 AND state = 'open'")
mkdir -p "$TMP/data/recordings/$cam1/$day"
cp "$TMP/data/$path" "$TMP/data/recordings/$cam1/$day/000001.ts"
# A row whose file is gone.
sql "INSERT INTO segments (camera_id, path, state, start_us, end_us) VALUES ($cam1, 'recordings/$cam1/$day/000000.ts', 'complete', 1, 2)"

start_daemon
expect_contains "$TMP/daemon.log" "repaired: 2 open segments closed, 1 files indexed, 1 segments lost"
sql "SELECT path, end_us / 1000, (end_us - start_us) / 1e6 FROM segments WHERE path = '$path'" > "$TMP/row"
IFS='|' read -r p end_ms secs < "$TMP/row"
diff=$(( end_ms - kill_ms )); [ $diff -lt 0 ] && diff=$(( -diff ))
[ $diff -le 2000 ] || fail "repaired segment ends $diff ms from the kill"
dur=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$TMP/data/$p") || fail "ffprobe $p"
python3 -c "import sys; sys.exit(abs($dur - $secs) > 1.0)" || fail "$p plays $dur s, its row says $secs s"
[ "$(sql "SELECT state FROM segments WHERE path LIKE '%/000000.ts'")" = lost ] || fail "missing file not marked lost"
[ "$(sql "SELECT count(*) FROM segments WHERE path LIKE '%/000001.ts' AND state = 'complete'")" = 1 ] || fail "orphan file not indexed"
# And recording carries on.
wait_for 10 state_is "Chợ" recording || fail "not recording after the restart"
stop_daemon
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "database damaged"
exit 0
