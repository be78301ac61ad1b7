#!/bin/sh
# Footage and the database (camera passwords) are the daemon's alone: an
# officer who may use the socket cannot read them from disk, even when the
# daemon's group is the socket's group, and sees footage only through
# recording.open, which is audited under their name.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to run as other users"
command -v setpriv >/dev/null || fail "setpriv is needed (apt-get install util-linux)"
[ -x /usr/bin/python3 ] || fail "the system's python3 is needed (apt-get install python3)"

start_camsim --cameras 1 --size 320x240 --gop 1
write_config 2s 2s
cat >> "$TMP/cg.conf" <<CONF
[roles]
viewer = nogroup
CONF
chmod 0755 "$TMP"
cp "$(dirname "$0")/rpc.py" "$TMP/rpc.py"; chmod 0755 "$TMP/rpc.py"
# An older install left the data directory open to the daemon's group.
mkdir -m 0750 "$TMP/data"; chgrp nogroup "$TMP/data"
# The daemon's group is the officers' (the mistake this guards against).
: > "$TMP/daemon.log"
setpriv --regid=65534 --keep-groups "$CANHGACD" --config "$TMP/cg.conf" 2>>"$TMP/daemon.log" &
DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
wait_for 10 grep -q "ready:" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "canhgacd did not start"; }
SOCK="$TMP/cg.sock"; chmod 0666 "$SOCK"
add_camera "Chợ" "rtsp://admin@127.0.0.1:$PORT/cam1" --password-stdin <<PW
S3cret
PW
wait_for 15 sh -c "[ \$(sqlite3 '$DB' 'SELECT count(*) FROM segments WHERE end_us IS NOT NULL') -ge 1 ]" \
  || fail "no closed segment"
seg_id=$(sql "SELECT min(id) FROM segments WHERE end_us IS NOT NULL")
seg_path="$TMP/data/$(sql "SELECT path FROM segments WHERE id = $seg_id")"
[ -f "$seg_path" ] || seg_path=$(sql "SELECT path FROM segments WHERE id = $seg_id")
[ -f "$seg_path" ] || fail "cannot find the segment file ($seg_path)"

as_viewer () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
mkdir -m 0777 "$TMP/out"
[ "$(stat -c %a "$TMP/data")" = 700 ] || fail "data directory mode $(stat -c %a "$TMP/data")"
grep -q "now 0700" "$TMP/daemon.log" || fail "closing the open data directory was not logged"
for f in "$DB" "$seg_path" "$TMP/data/canhgacd.lock"; do
  mode=$(stat -c %a "$f")
  [ "$mode" = 600 ] || fail "$f has mode $mode, not 600"
  as_viewer cat "$f" > /dev/null 2>&1 && fail "a viewer read $f from disk"
done
as_viewer ls "$TMP/data" > /dev/null 2>&1 && fail "a viewer listed the data directory"

# Through the daemon: footage, audited under the viewer's name.
as_viewer /usr/bin/python3 "$TMP/rpc.py" open "$SOCK" "$seg_id" "$TMP/out/seg.ts" > "$TMP/reply" \
  || fail "a viewer could not open footage through the daemon: $(cat "$TMP/reply")"
ffprobe -v error "$TMP/out/seg.ts" || fail "the footage passed to the viewer does not play"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'recording.open' AND user = 'nobody'")" -ge 1 ] \
  || fail "the viewer's opening was not audited"
stop_daemon
exit 0
