#!/bin/sh
# The service runs with MemoryDenyWriteExecute=yes: the daemon, FFmpeg's
# demuxers and the decoders it uses (H.264 and H.265 keyframes for
# thumbnails, JPEG for snapshots) must never need memory both writable
# and executable.  The kernel's own switch for it (PR_SET_MDWE, Linux 6.3)
# is set before the daemon starts; it records two cameras, one H.265,
# and makes their thumbnails and a snapshot.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/mdwe.py" <<'PY'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
    sys.exit(77)
os.execv(sys.argv[1], sys.argv[1:])
PY
python3 "$TMP/mdwe.py" /bin/true || skip "this kernel has no PR_SET_MDWE (Linux 6.3 or later)"

start_camsim --cameras 2 --size 640x360 --gop 1 --codec h264
H264_PORT=$PORT
"$CAMSIM" --port 0 --cameras 1 --size 640x360 --gop 1 --codec h265 >"$TMP/camsim265.out" 2>"$TMP/camsim265.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 120 grep -qx ready "$TMP/camsim265.out" || fail "the H.265 camsim did not start"
H265_PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim265.out" | head -n 1)

write_config 10s 5s
printf '[thumbnails]\ninterval = 1s\n' >> "$TMP/cg.conf"
: > "$TMP/daemon.log"
python3 "$TMP/mdwe.py" "$CANHGACD" --config "$TMP/cg.conf" 2>>"$TMP/daemon.log" &
DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
wait_for 10 grep -q "ready:" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "canhgacd did not start under MDWE"; }
add_camera "Cổng chợ" "rtsp://127.0.0.1:$H264_PORT/cam1"
add_camera "Bến đò" "rtsp://127.0.0.1:$H265_PORT/cam1"
wait_for 20 state_is "Cổng chợ" recording || fail "the H.264 camera is not recording under MDWE"
wait_for 20 state_is "Bến đò" recording || fail "the H.265 camera is not recording under MDWE"

has_thumb () {
  rpc thumbnail.get "{\"camera\":\"$1\"}" | json_get "d['result']['jpeg']" | base64 -d > "$TMP/thumb.jpg" \
    && [ -s "$TMP/thumb.jpg" ]
}
wait_for 20 has_thumb "Cổng chợ" || fail "no H.264 thumbnail under MDWE"
wait_for 20 has_thumb "Bến đò" || fail "no H.265 thumbnail under MDWE"
$CG snapshot --camera "Bến đò" -o "$TMP/snap.jpg" >/dev/null 2>"$TMP/snap.err" \
  || { cat "$TMP/snap.err" >&2; fail "no snapshot under MDWE"; }
[ "$(head -c 2 "$TMP/snap.jpg" | od -An -tx1 | tr -d ' ')" = ffd8 ] || fail "the snapshot is not a JPEG"
kill -0 "$DAEMON_PID" || fail "canhgacd died under MDWE"
stop_daemon
exit 0
