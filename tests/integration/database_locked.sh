#!/bin/sh
# Another program holds the database's write lock while cameras record:
# status says how many events wait, with the database_unwritable alert;
# once the lock goes, every segment recorded meanwhile has its row and
# nothing waits any more.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 320x180 --gop 1
write_config 2s 3s
start_daemon
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Đình làng" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 10 state_is "Đình làng" recording || fail "not recording: $($CG status)"

# An sqlite3 shell left open in a transaction, until told to let go.
python3 - "$DB" "$TMP/release" > "$TMP/holder.out" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
while not os.path.exists(sys.argv[2]):
    time.sleep(0.1)
db.execute("COMMIT")
PY
HOLDER=$!; CG_PIDS="$CG_PIDS $HOLDER"
wait_for 10 grep -qx locked "$TMP/holder.out" || fail "could not take the lock"
locked_at=$(now_ms)

# The writer's first attempt waits out the 5 s busy timeout; status says
# so then (each call is slow meanwhile: the connection's own audit row
# waits for the lock too).
waiting () {
  $CG status --json > "$TMP/status.json" 2>/dev/null || return 1
  [ "$(json_get "d['daemon']['pending_writes'] > 0 and 'database_unwritable' in [a['code'] for a in d['storage']['alerts']]" < "$TMP/status.json")" = True ]
}
wait_for 60 waiting || { cat "$TMP/status.json" >&2; fail "status does not say that events wait"; }
json_get "[a for a in d['storage']['alerts'] if a['code'] == 'database_unwritable'][0]" < "$TMP/status.json" > "$TMP/alert"
grep -q "pending_writes" "$TMP/alert" && grep -q "since" "$TMP/alert" || fail "the alert lacks its figures: $(cat "$TMP/alert")"
$CG status > "$TMP/status.txt" 2>&1
expect_contains "$TMP/status.txt" "Alert: The database cannot be written since"
# Held for several segments' worth of recording (2 s each) in all.
while [ $(( $(now_ms) - locked_at )) -lt 12000 ]; do sleep 0.5; done
touch "$TMP/release"
wait "$HOLDER" || fail "the lock holder failed"

# Everything recorded meanwhile lands: no events wait, no alert, and
# every segment file has its row.
settled () {
  $CG status --json > "$TMP/status.json" 2>/dev/null || return 1
  [ "$(json_get "d['daemon']['pending_writes'] < 10 and 'database_unwritable' not in [a['code'] for a in d['storage']['alerts']]" < "$TMP/status.json")" = True ]
}
wait_for 30 settled || { cat "$TMP/status.json" >&2; fail "events still wait after the lock went"; }
stop_daemon
find "$TMP/data/recordings" -name '*.ts' | sed "s|^$TMP/data/||" | sort > "$TMP/files.txt"
sql "SELECT path FROM segments WHERE state = 'complete' ORDER BY path" | sort > "$TMP/rows.txt"
[ "$(wc -l < "$TMP/files.txt")" -ge 8 ] || fail "only $(wc -l < "$TMP/files.txt") segments recorded"
diff "$TMP/files.txt" "$TMP/rows.txt" >&2 || fail "segments recorded while the database was locked have no row"
expect_not_contains "$TMP/daemon.log" "not recorded"
expect_contains "$TMP/daemon.log" "the database takes writes again"
exit 0
