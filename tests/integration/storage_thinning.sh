#!/bin/sh
# Thinning: footage older than full_rate_days becomes keyframes only,
# still plays, covers the same time, and is counted as saved; a kill -9
# between the row update and the rename, or a copy left half-written,
# leaves a playable segment and a row that describes it.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 640x360 --gop 2 --audio aac
write_config 4s 3s
start_daemon
add_camera "Cam 1" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Cam 2" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 10 state_is "Cam 2" recording || fail "Cam 2 is not recording: $($CG status)"
sleep 14
stop_daemon

# Make the footage nine days old (full_rate_days is 7 d by default).
sql "UPDATE segments SET start_us = start_us - 9 * 86400000000, end_us = end_us - 9 * 86400000000"
n=$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")
[ "$n" -ge 4 ] || fail "only $n segments recorded"
maxid=$(sql "SELECT max(id) FROM segments")

# A copy of an interrupted thinning that never reached the database: it
# must go, and the original stay.
first=$(sql "SELECT path FROM segments ORDER BY start_us DESC LIMIT 1")
head -c 5000 "$TMP/data/$first" > "$TMP/data/$first.thin.tmp"

# Slow the step between the row update and the rename, to kill in it.
CANHGAC_TEST_THIN_PAUSE_MS=4000; export CANHGAC_TEST_THIN_PAUSE_MS
start_daemon
unset CANHGAC_TEST_THIN_PAUSE_MS
expect_contains "$TMP/daemon.log" "before its row was updated"
[ ! -e "$TMP/data/$first.thin.tmp" ] || fail "the half-written copy was left"
count_is () { [ "$(sql "$1")" = "$2" ]; }
wait_for 10 count_is "SELECT count(*) > 0 FROM segments WHERE thinned = 1" 1 || fail "nothing thinned"
kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
tmps=$(find "$TMP/data/recordings" -name '*.thin.tmp' | wc -l)
[ "$tmps" = 1 ] || fail "expected one copy between row update and rename, found $tmps"

# Restarted: the interrupted thinning is finished, then the rest thinned.
start_daemon
expect_contains "$TMP/daemon.log" "after its row was updated: finished"
wait_for 40 count_is "SELECT count(*) FROM segments WHERE thinned = 0 AND id <= $maxid" 0 \
  || { cat "$TMP/daemon.log" >&2; fail "not all thinned (max id $maxid): $(sql "SELECT id, path, thinned, start_us FROM segments")"; }
# Footage younger than full_rate_days is left at full rate.
[ "$(sql "SELECT count(*) FROM segments WHERE thinned = 1 AND id > $maxid")" = 0 ] || fail "young footage thinned"
$CG storage --json > "$TMP/storage.json" || fail "storage --json"
saved=$(json_get "d['saved_bytes']" < "$TMP/storage.json")
[ "$saved" -gt 0 ] || fail "no bytes saved: $(cat "$TMP/storage.json")"
ratio=$(json_get "d['thin_ratio']" < "$TMP/storage.json")
python3 -c "import sys; sys.exit(not 0 < $ratio < 0.8)" || fail "thin ratio $ratio"
$CG storage > "$TMP/storage.txt" || fail "storage"
expect_contains "$TMP/storage.txt" "Cam 2"
expect_contains "$TMP/storage.txt" "thinned"
stop_daemon

[ "$(find "$TMP/data/recordings" -name '*.thin.tmp' | wc -l)" = 0 ] || fail "copies left behind"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
# Every thinned segment: plays, keyframes only, no audio, same time range,
# and its row matches the file.
sql "SELECT path, bytes, original_bytes, frames, keyframes, (end_us - start_us) / 1e6 FROM segments WHERE id <= $maxid" |
while IFS='|' read -r path bytes orig frames keys secs; do
  f="$TMP/data/$path"
  [ -f "$f" ] || fail "$path is missing"
  [ "$(stat -c %s "$f")" = "$bytes" ] || fail "$path: row says $bytes bytes, file has $(stat -c %s "$f")"
  [ "$orig" -gt "$bytes" ] || fail "$path: not smaller ($orig -> $bytes)"
  [ "$frames" = "$keys" ] || fail "$path: row says $frames frames, $keys keyframes"
  ffprobe -v error -select_streams v:0 -show_entries packet=flags,pts_time -of csv=p=0 "$f" </dev/null | grep . > "$TMP/pk.txt" \
    || fail "ffprobe cannot read $path"
  nonkey=$(grep -vc K "$TMP/pk.txt")
  [ "$nonkey" = 0 ] || { cp "$f" /tmp/bad.ts; cat "$TMP/pk.txt" >&2; fail "$path: $nonkey packets that are not keyframes"; }
  [ "$(wc -l < "$TMP/pk.txt")" = "$frames" ] || fail "$path: $(wc -l < "$TMP/pk.txt") packets, row says $frames"
  [ "$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 "$f" | grep -c audio)" = 0 ] \
    || fail "$path: audio left in"
  ffmpeg -nostdin -v error -i "$f" -f null - 2>"$TMP/dec.txt" </dev/null || fail "$path does not decode"
  # Same time range: first to last picture within a frame of the row's
  # span less one frame duration (40 ms).
  span=$(awk -F, 'NR==1{a=$1} {b=$1} END{print b-a}' "$TMP/pk.txt")
  python3 -c "import sys; sys.exit(abs($span + 0.04 - $secs) > 0.1)" \
    || fail "$path: pictures span $span s, the segment $secs s"
done || exit 1

# Each thinning is in the audit log, as the daemon's: the segment (camera
# and start), why, and its bytes before and after.
start_daemon
$CG audit list --limit 10000 --json > "$TMP/audit.json" || fail "audit list"
stop_daemon
python3 - "$DB" "$TMP/audit.json" "$maxid" <<'PY' || fail "thinnings missing from the audit log"
import datetime, json, sqlite3, sys
db, audit, maxid = sys.argv[1], sys.argv[2], int(sys.argv[3])
have = {(e["object"], e["detail"]) for e in json.load(open(audit))["entries"]
        if e["action"] == "storage.thin" and e["user"] == "canhgacd"}
def iso(us):
    t = datetime.datetime.fromtimestamp(us // 1000000, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (us % 1000000 // 1000)
rows = sqlite3.connect(db).execute(
    "SELECT camera_id, start_us, original_bytes, bytes FROM segments"
    " WHERE id <= ? AND original_bytes > bytes", (maxid,)).fetchall()
missing = [("camera:%d/%s" % (c, iso(s)), "reason=full_rate_days bytes=%d thinned_bytes=%d" % (o, b))
           for c, s, o, b in rows]
missing = [m for m in missing if m not in have]
if not rows or missing:
    print("not audited:", missing, "audited:", sorted(have), file=sys.stderr)
    sys.exit(1)
PY
exit 0
