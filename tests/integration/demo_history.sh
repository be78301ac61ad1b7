#!/bin/sh
# canhgacd --demo-history: the weeks before a demo made up from each
# camera's first seconds.  A camera of the demo's list gets its story
# (the dead one down for its last six days), footage fills the time
# between outages (the last day at full rate, the days before thinned,
# segments linked to one file per kind, their rows summing to what the
# disk holds), the recordings play and export, link figures and motion
# are there, the audit log says so and stays intact, and a second start
# leaves the history as it is.  Bad values are refused.
. "$(dirname "$0")/lib.sh"

run_status 2 "$CANHGACD" --demo-history=0
expect_contains "$TMP/err" "--demo-history takes a number of days from 1 to 60"
run_status 2 "$CANHGACD" --demo-history=abc
expect_contains "$TMP/err" "--demo-history takes a number of days"

start_camsim --cameras 2 --size 320x180 --fps 10 --gop 2 --loop 4 --scene street
write_config 60 5
cat >> "$TMP/cg.conf" <<CONF
[storage]
full_rate_days = 1d
CONF

# Without a camera that recorded, there is nothing to loop.
mkdir -p "$TMP/data"
run_status 1 "$CANHGACD" --config "$TMP/cg.conf" --demo-history=3
expect_contains "$TMP/err" "no camera has recorded yet"

start_daemon
# "Cổng UBND xã" is a good camera of the demo's list, "Ngã ba Quốc lộ 1A
# – thôn 1" its dead one; the first seconds of each.
add_camera "Cổng UBND xã" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Ngã ba Quốc lộ 1A – thôn 1" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 30 sh -c "[ \$(sqlite3 -cmd '.timeout 5000' '$DB' \"SELECT count(*) FROM segments WHERE keyframes >= 2\") -ge 2 ]" \
  || fail "the cameras recorded nothing"
sleep 3
stop_daemon

# A post's own records in the directory (here a maintenance entry): the
# made-up weeks are refused, nothing is written.
sql "INSERT INTO maintenance (camera_id, kind, at_us, by_user, created_us) SELECT id, 'inspection', 1, 'root', 1 FROM cameras LIMIT 1"
segments=$(sql "SELECT count(*) FROM segments")
run_status 1 "$CANHGACD" --config "$TMP/cg.conf" --demo-history=3
expect_contains "$TMP/err" "already holds recordings or records of its own"
[ "$(sql "SELECT count(*) FROM segments")" = "$segments" ] || fail "a refused history wrote segments"
sql "DELETE FROM maintenance" 2>/dev/null || true
[ "$(sql "SELECT count(*) FROM maintenance")" = 0 ] || fail "the test's entry stayed"

: > "$TMP/daemon.log"
"$CANHGACD" --config "$TMP/cg.conf" --demo-history=3 2>>"$TMP/daemon.log" &
DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
wait_for 60 grep -q "ready:" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "canhgacd did not start"; }
expect_contains "$TMP/daemon.log" "the demo's history: 3 days of 2 cameras"

now=$(date +%s)
# Footage three days back: thinned before the last day, full rate in it.
old=$(sql "SELECT count(*) FROM segments WHERE thinned = 1 AND start_us < ($now - 2 * 86400) * 1000000")
new=$(sql "SELECT count(*) FROM segments WHERE thinned = 0 AND start_us > ($now - 86400) * 1000000 AND end_us < ($now - 600) * 1000000")
[ "$old" -gt 50 ] || fail "only $old thinned segments before the last day"
[ "$new" -gt 100 ] || fail "only $new full-rate segments in the last day"
[ "$(sql "SELECT count(*) FROM segments WHERE thinned = 1 AND start_us > ($now - 86400 + 600) * 1000000 AND start_us < ($now - 600) * 1000000")" -eq 0 ] \
  || fail "thinned segments in the last day"
# Linked to a few files; the rows add up to what the disk holds.
files=$(find "$TMP/data/recordings" -name '*.ts' -links +1 | wc -l)
[ "$files" -gt 200 ] || fail "only $files linked segment files"
inodes=$(find "$TMP/data/recordings" -name '*.ts' -printf '%i\n' | sort -u | wc -l)
[ "$inodes" -lt 40 ] || fail "$inodes distinct segment files, not a few per camera and kind"
rows=$(sql "SELECT sum(bytes) FROM segments WHERE state = 'complete'")
disk=$(find "$TMP/data/recordings" -name '*.ts' -printf '%i %s\n' | sort -u | awk '{s += $2} END {print s}')
[ "$rows" -le $((disk + disk / 10)) ] && [ "$rows" -ge $((disk - disk / 10)) ] \
  || fail "the rows count $rows bytes, the disk holds $disk"
# Every file is a segment that plays for its row's length.
f=$(sql "SELECT path FROM segments WHERE thinned = 1 AND end_us - start_us = 900000000 LIMIT 1")
d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/data/$f")
awk "BEGIN { exit !($d > 880 && $d < 901) }" || fail "a 15-minute thinned segment lasts $d s"

# The dead camera: down from six days ago (beyond these three: all of
# them), refused; the good one recorded most of the time.
[ "$(sql "SELECT reason FROM outages o JOIN cameras c ON c.id = o.camera_id WHERE c.name LIKE 'Ngã ba%' ORDER BY start_us LIMIT 1")" = refused ] \
  || fail "the dead camera's outage is not a refused connection"
# Its first seconds gave its past a picture and were taken back: it has
# not recorded since it broke, its outage lasting until the history.
dead=$(sql "SELECT count(*) FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name LIKE 'Ngã ba%'")
[ "$dead" -eq 0 ] || fail "the dead camera has $dead segments in its last days"
[ "$(sql "SELECT count(*) FROM outages o JOIN cameras c ON c.id = o.camera_id WHERE c.name LIKE 'Ngã ba%' AND o.reason = 'refused' AND o.end_us >= ($now - 120) * 1000000")" -eq 1 ] \
  || fail "the dead camera's outage does not last until the history was made"
[ "$(sql "SELECT count(*) FROM link_stats l JOIN cameras c ON c.id = l.camera_id WHERE c.name = 'Cổng UBND xã'")" -gt 2000 ] \
  || fail "no link figures"
[ "$(sql "SELECT count(*) FROM motion_events")" -gt 20 ] || fail "no motion"
[ "$(sql "SELECT count(*) FROM recorder_runs")" -ge 3 ] || fail "no recorder runs"
# The camera that was up: its past reaches its first seconds recorded
# (within a second: the first of all the cameras'), no hole of the grid's
# rounding before them for playback to skip.
first=$(sql "SELECT min(s.start_us) FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = 'Cổng UBND xã' AND s.start_us % 1000000 != 0")
[ -n "$first" ] || fail "the first seconds recorded are not found"
[ "$(sql "SELECT count(*) FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = 'Cổng UBND xã' AND s.end_us <= $first AND s.end_us > $first - 1000000")" -eq 1 ] \
  || fail "a hole before the first seconds recorded: $(sql "SELECT start_us, end_us FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = 'Cổng UBND xã' ORDER BY start_us DESC LIMIT 4")"

# The footage of two days ago, through the API: listed, exported, played.
from=$(date -d "@$((now - 2 * 86400))" '+%d/%m/%Y %H:%M')
to=$(date -d "@$((now - 2 * 86400 + 300))" '+%d/%m/%Y %H:%M')
$CG recordings --camera "Cổng UBND xã" --from "$from" --to "$to" --json > "$TMP/rec" || fail "recordings"
[ "$(json_get "any(s['thinned'] for s in d['segments'])" < "$TMP/rec")" = True ] \
  || { cat "$TMP/rec" >&2; fail "no thinned footage listed two days ago"; }
$CG export --camera "Cổng UBND xã" --from "$from" --to "$to" -o "$TMP/two-days-ago.mp4" >/dev/null 2>"$TMP/export.err" \
  || { cat "$TMP/export.err" >&2; fail "the footage of two days ago does not export"; }
d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/two-days-ago.mp4")
awk "BEGIN { exit !($d > 250) }" || fail "the export of five minutes lasts $d s"

$CG audit verify > "$TMP/verify" || { cat "$TMP/verify" >&2; fail "audit verify"; }
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'demo.history' AND detail LIKE 'days=3 cameras=2 %'")" -eq 1 ] \
  || fail "no demo.history audit row"

# Once per data directory.
segments=$(sql "SELECT count(*) FROM segments")
stop_daemon
: > "$TMP/daemon.log"
"$CANHGACD" --config "$TMP/cg.conf" --demo-history=3 2>>"$TMP/daemon.log" &
DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
wait_for 60 grep -q "ready:" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "canhgacd did not start again"; }
expect_contains "$TMP/daemon.log" "the demo's history was made before"
again=$(sql "SELECT count(*) FROM segments WHERE start_us < ($now - 60) * 1000000")
[ "$again" -le "$segments" ] || fail "a second start added to the history ($segments, now $again segments)"
stop_daemon
exit 0
