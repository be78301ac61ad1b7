# lib.sh — daemon and simulated cameras on loopback, for the integration
# tests.  Everything runs in a scratch directory with free ports and is
# killed when the test ends.
. "$(dirname "$0")/../cli/lib.sh"

command -v ffprobe >/dev/null || fail "ffprobe is needed (apt-get install ffmpeg)"

# start_camsim ARGS... — starts canhgac-camsim on a free port; sets PORT.
start_camsim () {
  "$CAMSIM" --port 0 "$@" >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
  CAMSIM_PID=$!; CG_PIDS="$CG_PIDS $CAMSIM_PID"
  wait_for 120 grep -qx ready "$TMP/camsim.out" || { cat "$TMP/camsim.log" >&2; fail "camsim did not start"; }
  PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
  [ -n "$PORT" ] || fail "camsim printed no URL"
}

# write_config SEGMENT STALL — the daemon's configuration in $TMP/cg.conf.
write_config () {
  cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/cg.sock
[capture]
segment_seconds = $1
stall_seconds = $2
CONF
  CG="$CANHGAC --config $TMP/cg.conf"
  DB="$TMP/data/canhgac.db"
}

start_daemon () {
  : > "$TMP/daemon.log"
  "$CANHGACD" --config "$TMP/cg.conf" 2>>"$TMP/daemon.log" &
  DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
  wait_for 10 grep -q "ready:" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "canhgacd did not start"; }
}

# stop_daemon — SIGTERM, and it must be gone within 5 s.
stop_daemon () {
  kill -TERM "$DAEMON_PID"
  deadline=$(( $(date +%s) + 5 ))
  while kill -0 "$DAEMON_PID" 2>/dev/null; do
    [ "$(date +%s)" -le "$deadline" ] || { cat "$TMP/daemon.log" >&2; fail "canhgacd still running 5 s after SIGTERM"; }
    sleep 0.1
  done
  wait "$DAEMON_PID"; rc=$?
  [ "$rc" = 0 ] || { cat "$TMP/daemon.log" >&2; fail "canhgacd exited $rc"; }
}

# add_camera NAME URL [ARGS...]
add_camera () {
  name=$1; url=$2; shift 2
  $CG camera add --name "$name" --url "$url" "$@" >/dev/null || fail "camera add $name"
}

sql () {
  sqlite3 -cmd ".timeout 5000" "$DB" "$1"
}

# json_get EXPR — evaluates a Python expression on the JSON on stdin (d).
json_get () {
  python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

# camera_state NAME — from `canhgac status --json`.
camera_state () {
  $CG status --json 2>/dev/null | json_get "[c['state'] for c in d['cameras'] if c['name']=='$1'][0]"
}

state_is () {
  [ "$(camera_state "$1")" = "$2" ]
}

now_ms () {
  date +%s%3N
}

RPC="python3 $(dirname "$0")/rpc.py"

# rpc METHOD [PARAMS_JSON] — the daemon's reply line, via the Python peer.
rpc () {
  $RPC call "$TMP/cg.sock" "$@"
}

# Test-only hooks of canhgacd, read from its environment (never set in
# production):
#   CANHGAC_TEST_THIN_PAUSE_MS=N     the storage manager pauses N ms between
#                                    a thinned segment's row update and the
#                                    rename of its file;
#   CANHGAC_TEST_STORAGE_STOP_AT=S   it stops for good at step S, and logs
#                                    "test: the storage manager stops at S":
#                                    start (before its first cycle),
#                                    thin.committed, thin.renamed (row and
#                                    file both changed), delete.committed,
#                                    delete.removed (rows and files gone).

# power_cut — after a kill -9 of a daemon started with the power-cut shim
# (LD_PRELOAD=$POWERCUT_SO, see powercut.c): the database as the disk
# held it at its last flush.
POWERCUT_SO="$top_builddir/tests/integration/powercut.so"
power_cut () {
  for f in "$DB" "$DB-wal"; do
    if [ -f "$f.durable" ]; then mv -f "$f.durable" "$f"; else rm -f "$f"; fi
  done
  rm -f "$DB-shm" "$DB".durable.* "$DB"-wal.durable.*
}
