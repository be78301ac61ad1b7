#!/bin/sh
# kill -9 leaves segments open.  At the restart the one whose file cannot
# be read back (garbled: no video a demuxer finds, yet not empty) is kept
# and marked damaged, with an alert and an audit row, and neither thinning
# nor deletion touches it, however old and however short the disk, until
# an administrator releases it; the one left empty is removed, audited.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 3 --size 640x360 --gop 1
write_config 30s 3s
start_daemon
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Đình làng" "rtsp://127.0.0.1:$PORT/cam2"
add_camera "Trạm y tế" "rtsp://127.0.0.1:$PORT/cam3"
wait_for 10 state_is "Trạm y tế" recording || fail "not recording: $($CG status)"
# Long enough that two of these segments pass the quota below.
sleep 14
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'open'")" = 3 ] || fail "expected 3 open segments after kill -9"

open_path () { sql "SELECT s.path FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = '$1' AND s.state = 'open'"; }
garbled=$(open_path "Chợ")
empty=$(open_path "Đình làng")
sound=$(open_path "Trạm y tế")
# Garbled in place, its size kept: random bytes hold sync bytes (0x47)
# by chance, so nothing proves it empty.
size=$(stat -c %s "$TMP/data/$garbled")
[ "$size" -gt 600000 ] || fail "the segment holds only $size bytes"
dd if=/dev/urandom of="$TMP/data/$garbled" bs="$size" count=1 conv=notrunc 2>/dev/null
sum=$(md5sum < "$TMP/data/$garbled")
: > "$TMP/data/$empty"
# Nine days old: thinning would want them, and deletion takes the oldest first.
sql "UPDATE segments SET start_us = start_us - 9 * 86400000000 WHERE path IN ('$garbled', '$sound')"
# A disk short enough that the policy deletes whatever it may, soon.
sed -i 's/^segment_seconds = .*/segment_seconds = 4s/' "$TMP/cg.conf"
printf '[storage]\nquota = 1M\nmin_free = 0\n' >> "$TMP/cg.conf"

start_daemon
expect_contains "$TMP/daemon.log" "repaired: 1 open segments closed, 0 files indexed, 0 segments lost, 1 empty files removed, 1 damaged segments kept"
[ -f "$TMP/data/$garbled" ] || fail "the unreadable segment's file was removed"
[ "$(md5sum < "$TMP/data/$garbled")" = "$sum" ] || fail "the unreadable segment's file was changed"
row=$(sql "SELECT id, state, damaged, bytes FROM segments WHERE path = '$garbled'")
id=${row%%|*}
[ "${row#*|}" = "complete|1|$size" ] || fail "the unreadable segment's row: $row"
[ ! -e "$TMP/data/$empty" ] || fail "the empty file was kept"
[ "$(sql "SELECT count(*) FROM segments WHERE path = '$empty'")" = 0 ] || fail "the empty file's row was kept"

# Audited in the repair's transaction: why, and how many bytes.
audit_row () { sql "SELECT detail FROM audit WHERE user = 'canhgacd' AND action = '$1' AND object LIKE 'camera:$2/%'"; }
cam1=$(sql "SELECT id FROM cameras WHERE name = 'Chợ'")
cam2=$(sql "SELECT id FROM cameras WHERE name = 'Đình làng'")
[ "$(audit_row repair.damaged "$cam1")" = "reason=unreadable bytes=$size" ] || fail "repair.damaged audit: $(audit_row repair.damaged "$cam1")"
[ "$(audit_row repair.delete "$cam2")" = "reason=empty_file bytes=0" ] || fail "repair.delete audit: $(audit_row repair.delete "$cam2")"

# An alert says so, wherever storage alerts are read.
has_damaged_alert () { $CG storage --json | json_get "[a['damaged_segments'] for a in d['alerts'] if a['code'] == 'damaged_segments']" | grep -qx '\[1\]'; }
wait_for 10 has_damaged_alert || { $CG storage --json >&2; fail "no damaged_segments alert"; }
$CG status --json | json_get "[a['code'] for a in d['storage']['alerts']]" | grep -q damaged_segments \
  || fail "status does not carry the damaged_segments alert"
$CG storage > "$TMP/storage.txt" || fail "storage"
expect_contains "$TMP/storage.txt" "Alert: 1 segment ("
expect_contains "$TMP/storage.txt" "could not be read back after a crash"
rpc recordings.list "{\"camera\": \"Chợ\", \"from\": \"2000-01-01T00:00:00Z\"}" > "$TMP/reply"
json_get "[s['damaged'] for s in d['result']['segments'] if s['id'] == $id]" < "$TMP/reply" | grep -qx '\[True\]' \
  || fail "recordings.list does not mark it damaged: $(cat "$TMP/reply")"

# The policy deletes the other old segment, and fresh ones past the
# quota, but not the damaged one, nor does it thin it.
sound_gone () { [ "$(sql "SELECT count(*) FROM segments WHERE path = '$sound'")" = 0 ]; }
wait_for 30 sound_gone || { tail -20 "$TMP/daemon.log" >&2; fail "the policy deleted nothing"; }
[ "$(audit_row storage.delete "$(sql "SELECT id FROM cameras WHERE name = 'Trạm y tế'")" | grep -c '^reason=quota bytes=[1-9]')" -ge 1 ] \
  || fail "the deletion is not audited with its reason and bytes"
sleep 4
[ "$(sql "SELECT state, damaged, thinned FROM segments WHERE id = $id")" = "complete|1|0" ] \
  || fail "the damaged segment was touched: $(sql "SELECT * FROM segments WHERE id = $id")"
[ "$(md5sum < "$TMP/data/$garbled")" = "$sum" ] || fail "the damaged segment's file was changed"

# Only an administrator hands it back to the policy, which then deletes it.
rpc storage.release_damaged "{\"segment\": $id}" > "$TMP/reply"
json_get "d['result']" < "$TMP/reply" | grep -qx True || fail "release: $(cat "$TMP/reply")"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'storage.release_damaged' AND detail LIKE 'segment=$id %'")" = 1 ] \
  || fail "the release is not audited"
rpc storage.release_damaged "{\"segment\": $id}" > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32002 || fail "released twice: $(cat "$TMP/reply")"
released_gone () { [ ! -e "$TMP/data/$garbled" ] && [ "$(sql "SELECT count(*) FROM segments WHERE id = $id")" = 0 ]; }
wait_for 30 released_gone || fail "the released segment was not deleted by the policy"
stop_daemon
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "database damaged"
exit 0
