#!/bin/sh
# A power cut between a storage step's row change and its file change:
# with the database as the disk held it (what was flushed, see
# powercut.c), the rows and files still agree after the restart.  A
# thinned file never sits under a full-rate row, a deleted file never
# leaves a row behind (the row changes are flushed before the files are
# touched), and the audit rows of both survive.
. "$(dirname "$0")/lib.sh"

[ -f "$POWERCUT_SO" ] || fail "$POWERCUT_SO is not built (make check builds it)"
start_camsim --cameras 2 --size 640x360 --gop 2
write_config 4s 3s
start_daemon
add_camera "Cam 1" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Cam 2" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 10 state_is "Cam 2" recording || fail "Cam 2 is not recording: $($CG status)"
sleep 12
stop_daemon

# Nine days old: to be thinned (full_rate_days is 7 d by default).
sql "UPDATE segments SET start_us = start_us - 9 * 86400000000, end_us = end_us - 9 * 86400000000"
maxid=$(sql "SELECT max(id) FROM segments")
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge 4 ] || fail "too few segments recorded"

# Rows and files agree: every row not lost has its file, of the row's
# size, and a thinned row says it is smaller than it was.
agree () {
  sql "SELECT path, bytes, thinned, coalesce(original_bytes, 0) FROM segments WHERE id <= $maxid AND state != 'lost'" |
  while IFS='|' read -r path bytes thinned orig; do
    f="$TMP/data/$path"
    [ -f "$f" ] || { echo "$path: the row has no file"; exit 1; }
    size=$(stat -c %s "$f")
    [ "$size" = "$bytes" ] || { echo "$path: the row says $bytes bytes (thinned $thinned), the file has $size"; exit 1; }
    [ "$thinned" = 0 ] || [ "$orig" -ge "$bytes" ] || { echo "$path: thinned from $orig to $bytes"; exit 1; }
  done
}
agree || fail "rows and files disagree before the test: $(agree)"

# The power goes right after a segment's thinned copy replaced it.
cp "$DB" "$DB.durable"
start_daemon_cut () {
  : > "$TMP/daemon.log"
  LD_PRELOAD="$POWERCUT_SO" CANHGAC_TEST_STORAGE_STOP_AT=$1 \
    "$CANHGACD" --config "$TMP/cg.conf" 2>>"$TMP/daemon.log" &
  DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
  wait_for 60 grep -q "stops at $1" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "never reached $1"; }
  kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
  power_cut
}
start_daemon_cut thin.renamed
# Restarted (repair, unfinished thinning settled), before any new policy
# could redo what the power cut undid.
start_daemon_at_start () {
  CANHGAC_TEST_STORAGE_STOP_AT=start; export CANHGAC_TEST_STORAGE_STOP_AT
  start_daemon
  unset CANHGAC_TEST_STORAGE_STOP_AT
  wait_for 10 grep -q "stops at start" "$TMP/daemon.log" || fail "the storage manager did not start"
  stop_daemon
}
start_daemon_at_start
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check after the power cut"
agree || fail "after a power cut in thinning: $(agree)"
thinned=$(sql "SELECT count(*) FROM segments WHERE thinned = 1 AND original_bytes > bytes AND id <= $maxid")
[ "$thinned" -ge 1 ] || fail "the thinning done before the power cut was lost"
[ "$(sql "SELECT count(*) FROM audit WHERE user = 'canhgacd' AND action = 'storage.thin' AND detail LIKE 'reason=full_rate_days bytes=% thinned_bytes=%'")" -ge "$thinned" ] \
  || fail "thinned segments without their audit row: $(sql "SELECT action, object, detail FROM audit")"

# The power goes right after old segments were deleted, rows and files.
printf '[storage]\nquota = 1M\nmin_free = 0\n' >> "$TMP/cg.conf"
cp "$DB" "$DB.durable"
start_daemon_cut delete.removed
start_daemon_at_start
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check after the power cut"
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'lost'")" = 0 ] \
  || fail "deleted segments came back as rows without files: $(sql "SELECT path FROM segments WHERE state = 'lost'")"
agree || fail "after a power cut in deletion: $(agree)"
deleted=$(sql "SELECT count(*) FROM audit WHERE user = 'canhgacd' AND action = 'storage.delete' AND detail LIKE 'reason=quota% bytes=%'")
[ "$deleted" -ge 1 ] || fail "the deletions were not audited: $(sql "SELECT action, object, detail FROM audit")"
[ "$(sql "SELECT count(*) FROM segments WHERE id <= $maxid")" -le $(( maxid - deleted )) ] \
  || fail "$deleted deletions audited, but the rows are still there"
exit 0
