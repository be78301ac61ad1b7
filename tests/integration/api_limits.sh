#!/bin/sh
# Limits that keep one client from stalling or starving the daemon:
# pipelined requests are all answered, requests without an id do nothing,
# one user cannot hold every connection, and audited requests (footage
# openings) cannot be sent fast enough to flood the audit log.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to run clients as another user"
command -v setpriv >/dev/null || fail "setpriv is needed (apt-get install util-linux)"
[ -x /usr/bin/python3 ] || fail "the system's python3 is needed (apt-get install python3)"

start_camsim --cameras 1 --size 320x240 --gop 1
write_config 2s 2s
cat >> "$TMP/cg.conf" <<CONF
[roles]
viewer = nogroup
CONF
start_daemon
SOCK="$TMP/cg.sock"
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
wait_for 10 state_is "Chợ" recording || fail "not recording"
wait_for 15 sh -c "[ \$(sqlite3 '$DB' 'SELECT count(*) FROM segments WHERE end_us IS NOT NULL') -ge 1 ]" \
  || fail "no closed segment"
seg=$(sql "SELECT min(id) FROM segments")
chmod 0755 "$TMP"; chmod 0666 "$SOCK"

# Many requests in one write, their replies (~2 MB) read slowly: every one
# is answered (the daemon pauses a peer that does not read, and must
# resume it without waiting for more input).
python3 - "$SOCK" > "$TMP/pipelined" <<'PY'
import json, socket, sys, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(30)
n = 1500
s.sendall(b"".join(json.dumps({"jsonrpc": "2.0", "id": i, "method": "status"}).encode() + b"\n"
                   for i in range(n)))
time.sleep(2)   # let the daemon's queue fill up and pause us
buf, got = b"", set()
try:
    while len(got) < n:
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            got.add(json.loads(line).get("id"))
        time.sleep(0.001)
except socket.timeout:
    pass
print(len(got))
PY
[ "$(cat "$TMP/pipelined")" = 1500 ] || fail "pipelined requests answered: $(cat "$TMP/pipelined") of 1500"

# A footage opening sent without an id opens nothing and writes no audit
# row; the same connection is still served.
before=$(sql "SELECT count(*) FROM audit WHERE action = 'recording.open'")
printf '%s\n%s\n' "{\"jsonrpc\": \"2.0\", \"method\": \"recording.open\", \"params\": {\"segment\": $seg}}" \
  '{"jsonrpc": "2.0", "id": 9, "method": "hello"}' | $RPC raw "$SOCK" > "$TMP/notif"
[ "$(json_get "d['id']" < "$TMP/notif")" = 9 ] || fail "hello after a notification: $(cat "$TMP/notif")"
[ "$(wc -l < "$TMP/notif")" = 1 ] || fail "a notification was answered: $(cat "$TMP/notif")"
after=$(sql "SELECT count(*) FROM audit WHERE action = 'recording.open'")
[ "$after" = "$before" ] || fail "a recording.open notification was carried out ($before -> $after audit rows)"
grep -q "without an id" "$TMP/daemon.log" || fail "the ignored notification was not logged"

# One user may not hold every connection: the 33rd of a viewer is refused
# with the reason, and another user is still served.
as_viewer () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_viewer /usr/bin/python3 - "$SOCK" > "$TMP/cap" <<'PY'
import json, socket, sys
socks, refused = [], None
for i in range(40):
    s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(10)
    try:
        s.sendall(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "hello"}).encode() + b"\n")
    except (BrokenPipeError, ConnectionResetError):
        pass   # refused at once: the refusal is already in our buffer
    reply = json.loads(s.makefile().readline())
    if "error" in reply:
        refused = (i, reply["error"]["code"], reply["error"]["message"])
        break
    socks.append(s)
print(json.dumps({"held": len(socks), "refused": refused}))
PY
[ "$(json_get "d['held']" < "$TMP/cap")" = 32 ] || fail "connections of one user: $(cat "$TMP/cap")"
[ "$(json_get "d['refused'][1]" < "$TMP/cap")" = -32005 ] || fail "the 33rd connection: $(cat "$TMP/cap")"
json_get "d['refused'][2]" < "$TMP/cap" | grep -q 32 || fail "the refusal does not say the limit: $(cat "$TMP/cap")"
rpc hello | grep -q '"result"' || fail "another user was locked out"

# Footage openings as fast as a client can send them: refused beyond the
# per-user rate, each refusal says so, and the audit log grows only by
# what was allowed.
before=$(sql "SELECT count(*) FROM audit WHERE action = 'recording.open'")
t0=$(now_ms)
as_viewer /usr/bin/python3 - "$SOCK" "$seg" > "$TMP/rate" <<'PY'
import array, json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(30)
n = 200
s.sendall(b"".join(json.dumps({"jsonrpc": "2.0", "id": i, "method": "recording.open",
                               "params": {"segment": int(sys.argv[2])}}).encode() + b"\n"
                   for i in range(n)))
ok = refused = 0
buf = b""
msg = ""
while ok + refused < n:
    data, anc, _f, _a = s.recvmsg(65536, socket.CMSG_SPACE(64 * 4))
    for level, kind, fdata in anc:
        fds = array.array("i"); fds.frombytes(fdata[: len(fdata) - len(fdata) % 4])
        for fd in fds:
            import os; os.close(fd)
    if not data:
        break
    buf += data
    while b"\n" in buf:
        line, buf = buf.split(b"\n", 1)
        r = json.loads(line)
        if "result" in r:
            ok += 1
        elif r["error"]["code"] == -32005:
            refused += 1; msg = r["error"]["message"]
print(json.dumps({"ok": ok, "refused": refused, "message": msg}))
PY
t1=$(now_ms)
after=$(sql "SELECT count(*) FROM audit WHERE action = 'recording.open'")
ok=$(json_get "d['ok']" < "$TMP/rate"); refused=$(json_get "d['refused']" < "$TMP/rate")
[ "$refused" -gt 0 ] || fail "200 footage openings at once were all carried out: $(cat "$TMP/rate")"
[ $(( ok + refused )) = 200 ] || fail "not every opening was answered: $(cat "$TMP/rate")"
[ $(( after - before )) = "$ok" ] || fail "audit rows ($((after - before))) differ from openings ($ok)"
# At most the burst (60) plus 10 a second of the elapsed time, and a margin.
allowed=$(( 60 + (t1 - t0) / 100 + 10 ))
[ "$ok" -le "$allowed" ] || fail "$ok openings in $((t1 - t0)) ms, more than the limit allows ($allowed)"
stop_daemon
exit 0
