#!/bin/sh
# Cameras added, disabled, enabled, edited and removed with `canhgac
# camera` are picked up by the running daemon, without a restart.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 320x240 --gop 1
write_config 10s 3s
start_daemon
pid=$DAEMON_PID

add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
wait_for 8 state_is "Chợ" recording || fail "a camera added while running did not start"

$CG camera disable "Chợ" >/dev/null || fail "disable"
wait_for 6 state_is "Chợ" disabled || fail "disabled camera still $(camera_state Chợ)"
sleep 1
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'open'")" = 0 ] || fail "a disabled camera left its segment open"
n=$(sql "SELECT count(*) FROM segments")

$CG camera enable "Chợ" >/dev/null || fail "enable"
wait_for 8 state_is "Chợ" recording || fail "enabled camera did not record again"
[ "$(sql "SELECT count(*) FROM segments")" -gt "$n" ] || fail "no new segment after enabling"

# A new URL: the capture restarts on it.
$CG camera edit "Chợ" --url "rtsp://127.0.0.1:$PORT/cam7" >/dev/null || fail "edit"
wait_for 8 state_is "Chợ" offline || fail "edited to a wrong URL but still $(camera_state Chợ)"
$CG camera edit "Chợ" --url "rtsp://127.0.0.1:$PORT/cam2" >/dev/null || fail "edit back"
wait_for 8 state_is "Chợ" recording || fail "edited back but still $(camera_state Chợ)"

# Removed: its thread stops, its footage stays.
$CG camera remove "Chợ" >/dev/null || fail "remove"
sleep 4
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'open'")" = 0 ] || fail "a removed camera is still recording"
[ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge 2 ] || fail "footage of a removed camera is gone"
for f in $(sql "SELECT path FROM segments"); do
  [ -s "$TMP/data/$f" ] || fail "$f is gone"
done
kill -0 "$pid" || fail "the daemon died"
grep -q "ready:" "$TMP/daemon.log" && [ "$(grep -c 'ready:' "$TMP/daemon.log")" = 1 ] || fail "the daemon restarted"
stop_daemon
exit 0
