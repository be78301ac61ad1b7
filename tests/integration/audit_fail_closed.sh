#!/bin/sh
# The audit row comes first: while another program holds the database's
# write lock, footage is not handed out and a camera is not changed (the
# request says why, -32004), the main loop is not held up waiting, and
# once the lock is gone both work, each with exactly one audit row.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 1 --size 320x240 --gop 1
write_config 2s 2s
start_daemon
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1" --place "Cổng chợ"
wait_for 20 sh -c "[ \$(sqlite3 -cmd '.timeout 5000' '$DB' \"SELECT count(*) FROM segments WHERE state = 'complete'\") -ge 1 ]" \
  || fail "no closed segment"
seg=$(sql "SELECT min(id) FROM segments WHERE state = 'complete'")

count () { sql "SELECT count(*) FROM audit WHERE action = '$1'"; }
opened_before=$(count recording.open)
updated_before=$(count camera.update)

# Another program holds the write lock (an sqlite3 shell left open in a
# transaction, a backup tool) until it is stopped.
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(600)' "$DB" > "$TMP/locker.out" 2>&1 &
LOCKER=$!; CG_PIDS="$CG_PIDS $LOCKER"
wait_for 15 grep -qx locked "$TMP/locker.out" || fail "could not take the lock: $(cat "$TMP/locker.out")"

# No file descriptor comes with the refusal.
$RPC open "$TMP/cg.sock" "$seg" "$TMP/locked.ts" > "$TMP/reply" 2> "$TMP/err" \
  && fail "footage was handed out while its opening could not be audited: $(cat "$TMP/reply")"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32004 ] || fail "recording.open: $(cat "$TMP/reply")"
expect_contains "$TMP/reply" "audit log cannot be written"
expect_contains "$TMP/reply" "nothing was opened"
expect_contains "$TMP/err" "no file descriptor"
[ ! -s "$TMP/locked.ts" ] || fail "footage was written out"

rpc camera.update '{"name": "Chợ", "place": "Đình làng"}' > "$TMP/reply"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32004 ] || fail "camera.update: $(cat "$TMP/reply")"
[ "$(sql "SELECT place FROM cameras WHERE name = 'Chợ'")" = "Cổng chợ" ] || fail "the camera was changed"

[ "$(count recording.open)" = "$opened_before" ] || fail "a refused opening left an audit row"
[ "$(count camera.update)" = "$updated_before" ] || fail "a refused change left an audit row"

# Each refusal waited a short while, not the lock's holder.  A stall of
# seconds is the old busy timeout; the bound leaves room for a slow machine.
stall=$(rpc status | json_get "d['result']['daemon']['main_loop_max_stall_ms']")
[ "$stall" -lt 2500 ] || fail "the main loop waited $stall ms on the locked database"

kill "$LOCKER"; wait "$LOCKER" 2>/dev/null

$RPC open "$TMP/cg.sock" "$seg" "$TMP/seg.ts" > "$TMP/reply" || fail "recording.open after the lock: $(cat "$TMP/reply")"
[ -s "$TMP/seg.ts" ] || fail "no footage came through the descriptor"
rpc camera.update '{"name": "Chợ", "place": "Đình làng"}' > "$TMP/reply"
[ "$(json_get "d['result']['place']" < "$TMP/reply")" = "Đình làng" ] || fail "camera.update after the lock: $(cat "$TMP/reply")"
[ "$(sql "SELECT place FROM cameras WHERE name = 'Chợ'")" = "Đình làng" ] || fail "the change was not saved"

[ "$(count recording.open)" = $((opened_before + 1)) ] || fail "openings audited: $(count recording.open), expected $((opened_before + 1))"
[ "$(count camera.update)" = $((updated_before + 1)) ] || fail "changes audited: $(count camera.update), expected $((updated_before + 1))"
$CG audit verify > "$TMP/out" || fail "the audit log does not verify: $(cat "$TMP/out")"
stop_daemon
exit 0
