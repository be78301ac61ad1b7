#!/bin/sh
# The incident log from the command line: an incident recorded with a
# camera's footage as evidence, a range with no footage added (allowed,
# and said), edited, refused when edited at a version changed meanwhile,
# closed, reopened by an administrator only; the audit row each step
# writes, with the old and new values.  Bad inputs are each refused with
# the field named and nothing saved.  A viewer may read the log but not
# write it; a subscriber is told of each change; the record prints as
# text and as an HTML page; an export made for the incident is listed
# with it.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to run clients as other users"
command -v setpriv >/dev/null || fail "setpriv is needed (apt-get install util-linux)"
getent group nogroup >/dev/null && getent group users >/dev/null || skip "needs the nogroup and users groups"
[ -x /usr/bin/python3 ] || fail "the system's python3 is needed (apt-get install python3)"

start_camsim --cameras 1 --size 320x240 --gop 1
chmod 0755 "$TMP"
mkdir -m 0755 "$TMP/run" "$TMP/bin"
cp "$(dirname "$0")/rpc.py" "$TMP/bin/"
chmod 0755 "$TMP/bin/rpc.py"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[capture]
segment_seconds = 2s
stall_seconds = 5s
[roles]
viewer = nogroup
operator = users
admin =
CONF
chmod 0644 "$TMP/cg.conf"
CG="$CANHGAC --config $TMP/cg.conf"
DB="$TMP/data/canhgac.db"
SOCK="$TMP/run/cg.sock"
start_daemon
OTHER_RPC="/usr/bin/python3 $TMP/bin/rpc.py"
as_viewer () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_operator () { setpriv --reuid=65534 --regid=100 --groups=65534 "$@"; }

add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1" --place "Cổng chợ" --map 40,12
add_camera "Ngã ba" "rtsp://127.0.0.1:1/none" --map 43,16
complete_segments () { [ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge 1 ]; }
wait_for 60 complete_segments \
  || fail "no footage was recorded"

# Everything said about incidents, from here on.
$RPC watch "$SOCK" 600 incidents > "$TMP/notes" &
WATCH_PID=$!; CG_PIDS="$CG_PIDS $WATCH_PID"
wait_for 10 grep -q '"result"' "$TMP/notes" || fail "the subscription was not answered"

FROM=$(date -u -d '-2 min' +%Y-%m-%dT%H:%M:%SZ)
TO=$(date -u +%Y-%m-%dT%H:%M:%SZ)
YEAR=$(date +%Y)
rows () { sql "SELECT count(*) FROM incidents"; }
audit_rows () { sql "SELECT count(*) FROM audit WHERE action != 'connect'"; }
last_detail () { sql "SELECT detail FROM audit WHERE action = '$1' ORDER BY id DESC LIMIT 1"; }

# ---- the lifecycle --------------------------------------------------------
run_status 0 $CG incident add --kind trom_cap --from "$FROM" --to "$TO" --place "Cổng chợ" \
  --description "Mất xe máy trước cổng chợ" --reporter "Lê Văn B" --phone "0912 345 678" \
  --cameras "cho hoang kim" --map 41,12 --json
[ "$(json_get "d['code']" < "$TMP/out")" = "1/$YEAR" ] || fail "the first incident is not 1/$YEAR"
[ "$(json_get "d['map']" < "$TMP/out")" = "41,12" ] || fail "the map position was not kept: $(cat "$TMP/out")"
[ "$(json_get "[(c['name'], c['distance']) for c in d['nearest_cameras']]" < "$TMP/out")" = "[('Chợ Hoàng Kim', 1.0), ('Ngã ba', 4.5)]" ] \
  || fail "the nearest cameras: $(cat "$TMP/out")"
[ "$(sql "SELECT map_x || ',' || map_y FROM incidents WHERE id = 1")" = "41.0,12.0" ] || fail "map not stored: $(sql "SELECT map_x, map_y FROM incidents")"
[ "$(json_get "d['version']" < "$TMP/out")" = 1 ] || fail "a new incident is not at version 1"
[ "$(json_get "d['evidence'][0]['camera']" < "$TMP/out")" = "Chợ Hoàng Kim" ] || fail "no evidence on the camera named"
json_get "d['evidence'][0]['footage_seconds'] > 0" < "$TMP/out" | grep -qx True || fail "the evidence has no footage: $(cat "$TMP/out")"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'incident.create' AND object = 'incident:1'")" = 1 ] \
  || fail "incident.create not audited"
last_detail incident.create | grep -qF 'place="Cổng chợ"' || fail "the create row lacks the place: $(last_detail incident.create)"
last_detail incident.create | grep -qF 'map="41,12"' || fail "the create row lacks the position: $(last_detail incident.create)"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'incident.attach' AND object = 'incident:1'")" = 1 ] \
  || fail "the camera's evidence not audited"
sql "SELECT search FROM incidents" | grep -q "cho" || fail "the search text is not folded"

# A range of a camera that recorded nothing: kept, and said.
run_status 0 $CG incident attach "1/$YEAR" --camera "Ngã ba" --from "$FROM" --to "$TO"
expect_contains "$TMP/out" "recorded nothing"
[ "$(sql "SELECT count(*) FROM evidence_ranges WHERE incident_id = 1")" = 2 ] || fail "the range was not kept"
last_detail incident.attach | grep -qF "footage_seconds=0" || fail "attach row: $(last_detail incident.attach)"

run_status 0 $CG incident edit "1/$YEAR" --place "Chợ mới" --status verifying --json
[ "$(json_get "d['version']" < "$TMP/out")" = 3 ] || fail "edit did not raise the version"
detail=$(last_detail incident.update)
echo "$detail" | grep -qF 'place="Cổng chợ"->"Chợ mới"' || fail "update row lacks old and new place: $detail"
echo "$detail" | grep -qF 'status="new"->"verifying"' || fail "update row lacks old and new status: $detail"
echo "$detail" | grep -qF 'description' && fail "update row names a field not changed: $detail"

# Saved over a change not seen: refused, who and when said, nothing saved.
before=$(audit_rows)
run_status 1 $CG incident edit "1/$YEAR" --version 1 --place "Ngã ba" --json
[ "$(json_get "d['error']['code']" < "$TMP/out")" = -32009 ] || fail "stale edit: $(cat "$TMP/out")"
[ "$(json_get "d['error']['data']['version']" < "$TMP/out")" = 3 ] || fail "stale edit does not give the version"
[ "$(json_get "d['error']['data']['updated_by']" < "$TMP/out")" = root ] || fail "stale edit does not say who"
[ "$(sql "SELECT place FROM incidents WHERE id = 1")" = "Chợ mới" ] || fail "a stale edit was saved"
[ "$(audit_rows)" = "$before" ] || fail "a refused edit wrote an audit row"

# A version no incident ever had would skip the check: refused, nothing saved.
for call in 'update {"place": "Ngã ba"}' 'close {"outcome": "x", "footage_helped": true}' \
            'reopen {"reason": "x"}'; do
  method=${call%% *}
  params=$(echo "${call#* }" | sed 's/^{/{"incident": 1, "version": 0, /')
  rpc_reply=$($RPC call "$SOCK" "incident.$method" "$params")
  [ "$(echo "$rpc_reply" | json_get "d['error']['code']")" = -32602 ] || fail "$method at version 0: $rpc_reply"
  [ "$(echo "$rpc_reply" | json_get "d['error']['data']['field']")" = version ] || fail "$method at version 0 names another field: $rpc_reply"
done
[ "$(sql "SELECT place || ' ' || version FROM incidents WHERE id = 1")" = "Chợ mới 3" ] || fail "a change at version 0 was saved"
[ "$(audit_rows)" = "$before" ] || fail "a change at version 0 wrote an audit row"

run_status 0 $CG incident close "1/$YEAR" --outcome "Đã tìm lại xe" --footage-helped yes
detail=$(last_detail incident.close)
echo "$detail" | grep -qF 'status="verifying"->"closed"' || fail "close row: $detail"
echo "$detail" | grep -qF 'footage_helped=null->true' || fail "close row: $detail"
[ "$(sql "SELECT status FROM incidents")" = closed ] || fail "not closed"

# Reopening: an operator may not; an administrator (root) may, with a reason.
as_operator $OTHER_RPC call "$SOCK" incident.reopen '{"incident": 1, "version": 4, "reason": "x"}' > "$TMP/reply"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32001 ] || fail "an operator reopened: $(cat "$TMP/reply")"
run_status 0 $CG incident reopen "1/$YEAR" --reason "Có thêm nhân chứng"
detail=$(last_detail incident.reopen)
echo "$detail" | grep -qF 'status="closed"->"verifying"' || fail "reopen row: $detail"
echo "$detail" | grep -qF 'reason="Có thêm nhân chứng"' || fail "reopen row: $detail"
[ "$(sql "SELECT count(*) FROM incidents WHERE status = 'verifying' AND closed_us IS NULL")" = 1 ] || fail "not reopened"

# Taken off: an administrator, with a reason; the range stays in the record.
run_status 0 $CG incident detach "1/$YEAR" --evidence 2 --reason "Nhầm camera" --json
[ "$(json_get "len(d['evidence'])" < "$TMP/out")" = 1 ] || fail "the range is still evidence"
[ "$(json_get "d['evidence_removed'][0]['removed']['reason']" < "$TMP/out")" = "Nhầm camera" ] || fail "the range taken off is not kept"

# ---- refusals: each names its field, nothing is saved ----------------------
refused () { # FIELD CODE ARGS... — incident add refused for FIELD
  field=$1; code=$2; shift 2
  n=$(rows); a=$(audit_rows)
  run_status 1 $CG incident add --json "$@"
  [ "$(json_get "d['error']['data']['field']" < "$TMP/out")" = "$field" ] || fail "$*: not refused for $field: $(cat "$TMP/out")"
  [ "$(json_get "d['error']['code']" < "$TMP/out")" = "$code" ] || fail "$*: code $(json_get "d['error']['code']" < "$TMP/out")"
  [ "$(rows)" = "$n" ] && [ "$(audit_rows)" = "$a" ] || fail "$*: something was saved"
}
refused description -32602 --kind khac --from "$FROM" --to "$TO" --description "   "
refused to -32602 --kind khac --from "$TO" --to "$FROM" --description "x"
refused cameras -32002 --kind khac --from "$FROM" --to "$TO" --description "x" --cameras "Không có"
refused kind -32602 --kind cuop --from "$FROM" --to "$TO" --description "x"
refused description -32602 --kind khac --from "$FROM" --to "$TO" --description "$(printf 'a\033b')"
refused place -32602 --kind khac --from "$FROM" --to "$TO" --description "x" --place "$(printf 'a\001b')"
refused reporter_phone -32602 --kind khac --from "$FROM" --to "$TO" --description "x" --phone "091abc"
refused status -32602 --kind khac --from "$FROM" --to "$TO" --description "x" --status done
refused map -32602 --kind khac --from "$FROM" --to "$TO" --description "x" --map 41
refused map -32602 --kind khac --from "$FROM" --to "$TO" --description "x" --map=-1,5
refused map -32602 --kind khac --from "$FROM" --to "$TO" --description "x" --map "4.5,2"
# Text that is not UTF-8: the command line names the option; the daemon
# refuses the whole line (it is not JSON), saving nothing.
n=$(rows)
run_status 2 $CG incident add --kind khac --from "$FROM" --to "$TO" --description "x" --place "$(printf 'Ch\377')"
expect_contains "$TMP/err" "--place"
printf '{"jsonrpc":"2.0","id":1,"method":"incident.create","params":{"kind":"khac","from":"%s","to":"%s","description":"\377"}}\n' \
  "$FROM" "$TO" | $RPC raw "$SOCK" > "$TMP/reply"
grep -q -- '-32700' "$TMP/reply" || fail "not UTF-8 was not refused: $(cat "$TMP/reply")"
[ "$(rows)" = "$n" ] || fail "text that is not UTF-8 was saved"

# ---- roles: a viewer reads, never writes -----------------------------------
as_viewer $OTHER_RPC call "$SOCK" incident.create \
  "{\"kind\": \"khac\", \"from\": \"$FROM\", \"to\": \"$TO\", \"description\": \"x\"}" > "$TMP/reply"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32001 ] || fail "a viewer created an incident: $(cat "$TMP/reply")"
json_get "d['error']['message']" < "$TMP/reply" | grep -q operator || fail "the refusal does not name the role"
as_viewer $OTHER_RPC call "$SOCK" incident.list '{"search": "cho"}' > "$TMP/reply"
[ "$(json_get "d['result']['total']" < "$TMP/reply")" = 1 ] || fail "a viewer's search for cho: $(cat "$TMP/reply")"

# ---- search, export, the record -------------------------------------------
run_status 0 $CG incident add --kind danh_nhau --from "$FROM" --to "$TO" --place "Ngã ba" --description "Đánh nhau"
run_status 0 $CG incident list --search "CHO MOI" --json
[ "$(json_get "[i['code'] for i in d['incidents']]" < "$TMP/out")" = "['1/$YEAR']" ] || fail "search: $(cat "$TMP/out")"
run_status 0 $CG incident list --status open --json
[ "$(json_get "d['total']" < "$TMP/out")" = 2 ] || fail "open incidents: $(cat "$TMP/out")"
[ "$(json_get "d['incidents'][0]['code']" < "$TMP/out")" = "2/$YEAR" ] || fail "not newest first"

EFROM=$(sql "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', start_us / 1000000, 'unixepoch') FROM segments WHERE state = 'complete' ORDER BY id LIMIT 1")
ETO=$(sql "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', end_us / 1000000, 'unixepoch') FROM segments WHERE state = 'complete' ORDER BY id LIMIT 1")
$RPC call "$SOCK" export.create "{\"camera\": \"Chợ Hoàng Kim\", \"from\": \"$EFROM\", \"to\": \"$ETO\", \"incident\": 1}" > "$TMP/reply"
grep -q '"result"' "$TMP/reply" || fail "export for the incident: $(cat "$TMP/reply")"
x=$(json_get "d['result']['export']" < "$TMP/reply")
run_status 0 $CG incident show "1/$YEAR" --json
[ "$(json_get "d['exports'][0]['id']" < "$TMP/out")" = "$x" ] || fail "the export is not listed with the incident"
json_get "[h['action'] for h in d['history']]" < "$TMP/out" | grep -q "incident.export" || fail "the export is not in the incident's trail"

run_status 0 $CG incident show "1/$YEAR" --format html -o "$TMP/record.html"
for s in "1/$YEAR" "Chợ mới" "Mất xe máy trước cổng chợ" "Lê Văn B" "0912 345 678" "Chợ Hoàng Kim" \
         "Đã tìm lại xe" "size: A4" "incident.update"; do
  expect_contains "$TMP/record.html" "$s"
done
expect_not_contains "$TMP/record.html" "<script"
run_status 0 $CG incident show "1/$YEAR" --format text
expect_contains "$TMP/out" "Chợ mới"
expect_contains "$TMP/out" "Map position: 41,12"
expect_contains "$TMP/out" "Nearest cameras: Chợ Hoàng Kim (Cổng chợ), 1.0 away; Ngã ba, 4.5 away"
expect_contains "$TMP/record.html" "Chợ Hoàng Kim (Cổng chợ), 1.0 away"
expect_contains "$TMP/out" "Nhầm camera"
if loc=$(vi_locale 2>/dev/null); then
  run_status 0 env LC_ALL="$loc" $CG incident show "1/$YEAR"
  expect_contains "$TMP/out" "HỒ SƠ VỤ VIỆC"
  expect_contains "$TMP/out" "Vị trí trên bản đồ: 41,12"
  expect_contains "$TMP/out" "Camera gần nhất: Chợ Hoàng Kim (Cổng chợ)"
fi
# The position taken off: nothing near, nothing listed.
run_status 0 $CG incident edit "2/$YEAR" --map 50,20 --json
[ "$(json_get "d['nearest_cameras'][0]['name']" < "$TMP/out")" = "Ngã ba" ] || fail "nearest to 50,20: $(cat "$TMP/out")"
run_status 0 $CG incident edit "2/$YEAR" --map none --json
[ "$(json_get "(d['map'], d['nearest_cameras'])" < "$TMP/out")" = "(None, [])" ] || fail "position not taken off: $(cat "$TMP/out")"
last_detail incident.update | grep -qF 'map="50,20"->null' || fail "update row: $(last_detail incident.update)"

# ---- the subscriber was told of each change --------------------------------
wait_for 10 grep -q '"action": *"reopen"' "$TMP/notes" || fail "no incident.changed for reopen: $(cat "$TMP/notes")"
for a in create attach update close detach export; do
  grep -q "\"method\": *\"incident.changed\".*\"action\": *\"$a\"" "$TMP/notes" \
    || grep -q "\"action\": *\"$a\"" "$TMP/notes" || fail "no incident.changed for $a"
done
grep -q '"code": *"1/'"$YEAR"'"' "$TMP/notes" || fail "the notification has no code"
kill "$WATCH_PID" 2>/dev/null
stop_daemon
exit 0
