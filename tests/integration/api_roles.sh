#!/bin/sh
# Roles from Unix groups: a viewer sees but may not change, and never sees
# a password; an operator reads the audit log; someone outside the socket's
# group cannot connect at all.
. "$(dirname "$0")/lib.sh"

command -v setpriv >/dev/null || fail "setpriv is needed (apt-get install util-linux)"
[ "$(id -u)" = 0 ] || skip "needs root to run clients as other users"
getent group nogroup >/dev/null && getent group users >/dev/null || skip "needs the nogroup and users groups"

[ -x /usr/bin/python3 ] || fail "the system's python3 is needed (apt-get install python3)"

start_camsim --cameras 1 --size 320x240 --gop 1
# The socket in a directory others may enter; its group is nogroup.  The
# clients run as nobody, who may not read the build tree: copies.
chmod 0755 "$TMP"
mkdir -m 0755 "$TMP/run" "$TMP/bin"
cp "$CANHGAC" "$(dirname "$0")/rpc.py" "$TMP/bin/"
chmod 0755 "$TMP/bin/canhgac" "$TMP/bin/rpc.py"
OTHER_RPC="/usr/bin/python3 $TMP/bin/rpc.py"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[capture]
segment_seconds = 4s
[roles]
viewer = nogroup
operator = users
admin =
CONF
chmod 0644 "$TMP/cg.conf"
CG="$CANHGAC --config $TMP/cg.conf"
DB="$TMP/data/canhgac.db"
start_daemon
SOCK="$TMP/run/cg.sock"
[ "$(stat -c %G "$SOCK")" = nogroup ] || fail "socket group is $(stat -c %G "$SOCK")"

$RPC call "$SOCK" camera.add '{"name": "Chợ", "url": "rtsp://admin:S3cret@127.0.0.1:'"$PORT"'/cam1"}' > "$TMP/reply"
grep -q '"result"' "$TMP/reply" || fail "root could not add: $(cat "$TMP/reply")"
wait_for 10 state_is "Chợ" recording || fail "not recording"
sleep 5

as_viewer () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_operator () { setpriv --reuid=65534 --regid=100 --groups=65534 "$@"; }
as_outsider () { setpriv --reuid=65534 --regid=1 --clear-groups "$@"; }
OTHER_CG="$TMP/bin/canhgac --config $TMP/cg.conf"

as_viewer $OTHER_RPC call "$SOCK" hello > "$TMP/reply"
json_get "d['result']['role']" < "$TMP/reply" | grep -qx viewer || fail "viewer's hello: $(cat "$TMP/reply")"
as_viewer $OTHER_RPC call "$SOCK" camera.list > "$TMP/reply"
grep -q S3cret "$TMP/reply" && fail "a viewer saw the password"
json_get "'password' in d['result']['cameras'][0]" < "$TMP/reply" | grep -qx False || fail "a viewer got a password field"
as_viewer $OTHER_RPC call "$SOCK" camera.add '{"name": "X", "url": "rtsp://127.0.0.1:1/x"}' > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32001 || fail "a viewer added a camera: $(cat "$TMP/reply")"
json_get "d['error']['message']" < "$TMP/reply" | grep -q admin || fail "the refusal does not name the role needed"
as_viewer $OTHER_RPC call "$SOCK" audit.list > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32001 || fail "a viewer read the audit log"
# A viewer may watch footage, and that is audited with their name.
seg=$(as_viewer $OTHER_RPC call "$SOCK" recordings.list '{"camera": "Chợ"}' | json_get "d['result']['segments'][0]['id']")
as_viewer $OTHER_RPC open "$SOCK" "$seg" /dev/null > /dev/null || fail "a viewer could not open footage"
# A viewer may take a picture from the recordings too (it is watching);
# audited under their name as well.
mkdir -m 0777 "$TMP/pictures"
as_viewer $OTHER_CG snapshot --camera "Chợ" --at "$(date -d '-3 sec' '+%d/%m/%Y %H:%M:%S')" \
  -o "$TMP/pictures/v.jpg" > "$TMP/out" 2> "$TMP/err" || fail "a viewer's snapshot: $(cat "$TMP/err")"
[ -s "$TMP/pictures/v.jpg" ] || fail "a viewer's snapshot is empty"
# The command line as a viewer: refused with the role named, exit 1.
as_viewer $OTHER_CG camera remove "Chợ" > "$TMP/out" 2> "$TMP/err"; rc=$?
[ $rc = 1 ] || fail "viewer camera remove exited $rc"
expect_contains "$TMP/err" "admin"

as_operator $OTHER_RPC call "$SOCK" audit.list '{"limit": 100}' > "$TMP/reply"
grep -q '"recording.open"' "$TMP/reply" || fail "an operator cannot read the audit log: $(cat "$TMP/reply")"
json_get "[e['user'] for e in d['result']['entries'] if e['action'] == 'recording.open'][0]" < "$TMP/reply" \
  | grep -qx nobody || fail "footage opening not audited under the viewer's name"
json_get "[e['user'] for e in d['result']['entries'] if e['action'] == 'snapshot.get'][0]" < "$TMP/reply" \
  | grep -qx nobody || fail "a viewer's picture not audited under their name"
as_operator $OTHER_RPC call "$SOCK" camera.disable '{"name": "Chợ"}' > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32001 || fail "an operator disabled a camera"

# Outside the socket's group: the command line says why, exit 3.
as_outsider $OTHER_CG status > "$TMP/out" 2> "$TMP/err"; rc=$?
[ $rc = 3 ] || fail "outsider status exited $rc"
expect_contains "$TMP/err" "canhgac group"
stop_daemon
exit 0
