#!/bin/sh
# Nothing on the daemon's main loop waits on the network: a camera whose
# host name cannot be resolved (the name server never answers) is removed
# while its thread is stuck resolving, and the daemon keeps answering at
# once; its worst main-loop delay stays small.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root for a private /etc/resolv.conf"
command -v unshare >/dev/null || fail "unshare is needed (apt-get install util-linux)"
# A private /etc/resolv.conf needs a mount namespace of our own; inside a
# chroot (where / is not a mount point) unshare cannot make one.
unshare --mount true 2>/dev/null || skip "no private mount namespace here (a chroot?)"

# A name server that never answers, for this daemon alone: on a loopback
# address of its own (glibc asks port 53), named in a private
# /etc/resolv.conf mounted over the real one in the daemon's namespace.
ns="127.83.$(( $$ % 250 + 1 )).$(( $(date +%s) % 250 + 1 ))"
python3 -c '
import socket, sys, time
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind((sys.argv[1], 53))
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM); t.bind((sys.argv[1], 53)); t.listen(8)
print("up", flush=True)
time.sleep(600)' "$ns" > "$TMP/dns.out" 2>&1 &
CG_PIDS="$CG_PIDS $!"
wait_for 5 grep -q up "$TMP/dns.out" || fail "the silent name server did not start: $(cat "$TMP/dns.out")"
printf 'nameserver %s\noptions timeout:10 attempts:3\n' "$ns" > "$TMP/resolv.conf"
# The resolver must really hang, or this test proves nothing.
t0=$(now_ms)
timeout 3 unshare --mount sh -c "mount --bind '$TMP/resolv.conf' /etc/resolv.conf && getent hosts camera.invalid-host.example" \
  && fail "the name was resolved"
[ $(( $(now_ms) - t0 )) -ge 2500 ] || fail "the resolver gave up at once; the test needs it to hang"

start_camsim --cameras 1 --size 320x240 --gop 1
write_config 4s 2s
: > "$TMP/daemon.log"
unshare --mount sh -c "mount --bind '$TMP/resolv.conf' /etc/resolv.conf && exec '$CANHGACD' --config '$TMP/cg.conf'" \
  2>>"$TMP/daemon.log" &
DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
wait_for 10 grep -q "ready:" "$TMP/daemon.log" || { cat "$TMP/daemon.log" >&2; fail "canhgacd did not start"; }
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
wait_for 10 state_is "Chợ" recording || fail "not recording"

add_camera "Nhà văn hóa" "rtsp://camera-nha-van-hoa.invalid-host.example:554/live"
sleep 2   # its thread is now inside getaddrinfo
t0=$(now_ms)
$CG camera remove "Nhà văn hóa" >/dev/null || fail "remove"
t1=$(now_ms)
sleep 3   # the next reconcile runs, with the thread still resolving
for i in 1 2 3; do
  s0=$(now_ms); $CG status > /dev/null || fail "status"; s1=$(now_ms)
  [ $(( s1 - s0 )) -lt 1500 ] || fail "status took $(( s1 - s0 )) ms while a camera thread was stuck in DNS"
  sleep 0.5
done
[ $(( t1 - t0 )) -lt 1500 ] || fail "removing the camera took $(( t1 - t0 )) ms"
stall=$($CG status --json | json_get "d['daemon']['main_loop_max_stall_ms']")
# A join of the stuck thread or a wait for the resolver would be seconds;
# what remains is scheduling on a busy machine.
[ "$stall" -lt 1000 ] || fail "the main loop stalled for $stall ms"
state_is "Chợ" recording || fail "the good camera stopped recording"
stop_daemon
exit 0
