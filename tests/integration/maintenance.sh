#!/bin/sh
# The maintenance log from the command line: an entry of each kind
# recorded, listed (by camera, by kind, newest first), shown, as JSON
# too; each with its audit row holding the values.  Bad inputs are each
# refused with the field named and nothing saved.  A viewer may read the
# log and the suggestions but not write; a camera offline past
# [maintenance] offline_alert is suggested with what to check first, and
# a fault reported is followed up until a repair is recorded.
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
[maintenance]
offline_alert = 3s
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

add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1" --host-name "Bà Lan" --host-phone "0912 345 678" \
  --installed 2026-01-15
add_camera "Ngã ba" "rtsp://127.0.0.1:1/none"
complete_segments () { [ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge 1 ]; }
wait_for 60 complete_segments || fail "no footage was recorded"

rows () { sql "SELECT count(*) FROM maintenance"; }
audit_rows () { sql "SELECT count(*) FROM audit WHERE action = 'maintenance.add'"; }
last_detail () { sql "SELECT detail FROM audit WHERE action = 'maintenance.add' ORDER BY id DESC LIMIT 1"; }

# ---- the lifecycle: one entry of each kind ----------------------------------
T1=$(date -u -d '-3 hour' +%Y-%m-%dT%H:%M:%SZ)
run_status 0 $CG maintenance add --camera "cho hoang kim" --kind fault --at "$T1" \
  --note "Mất hình từ chiều qua, hộ dân báo" --json
[ "$(json_get "d['camera']" < "$TMP/out")" = "Chợ Hoàng Kim" ] || fail "the camera's name: $(cat "$TMP/out")"
[ "$(json_get "d['kind']" < "$TMP/out")" = fault ] || fail "the kind: $(cat "$TMP/out")"
[ "$(json_get "d['by']" < "$TMP/out")" = "$(id -un)" ] || fail "who recorded it: $(cat "$TMP/out")"
FAULT=$(json_get "d['id']" < "$TMP/out")
last_detail | grep -qF 'kind="fault"' || fail "the audit row lacks the kind: $(last_detail)"
last_detail | grep -qF 'note="Mất hình từ chiều qua, hộ dân báo"' || fail "the audit row lacks the note: $(last_detail)"
last_detail | grep -qF 'name="Chợ Hoàng Kim"' || fail "the audit row lacks the camera: $(last_detail)"

# A fault not repaired is followed up.
run_status 0 $CG maintenance suggest --json
json_get "[s['reason'] for s in d['suggestions'] if s['camera'] == 'Chợ Hoàng Kim']" < "$TMP/out" | grep -q fault_open \
  || fail "the fault is not followed up: $(cat "$TMP/out")"
json_get "[s['note'] for s in d['suggestions'] if s['reason'] == 'fault_open'][0]" < "$TMP/out" | grep -qF "Mất hình" \
  || fail "the follow-up does not say what was reported: $(cat "$TMP/out")"

run_status 0 $CG maintenance add --camera "Chợ Hoàng Kim" --kind inspection --at "$(date -u -d '-2 hour' +%Y-%m-%dT%H:%M:%SZ)" --note "Dây nguồn lỏng"
expect_contains "$TMP/out" "Chợ Hoàng Kim"
run_status 0 $CG maintenance add --camera "Chợ Hoàng Kim" --kind repair --cost 350.000 --note "Thay nguồn 12V" --json
[ "$(json_get "d['cost']" < "$TMP/out")" = 350000 ] || fail "the cost: $(cat "$TMP/out")"
last_detail | grep -qF 'cost=350000' || fail "the audit row lacks the cost: $(last_detail)"
run_status 0 $CG maintenance add --camera "Chợ Hoàng Kim" --kind replace --cost 1200000 \
  --old-serial "DS-2CD1023-A1" --new-serial "DS-2CD1023-B7" --json
REPLACE=$(json_get "d['id']" < "$TMP/out")
last_detail | grep -qF 'old_serial="DS-2CD1023-A1"' && last_detail | grep -qF 'new_serial="DS-2CD1023-B7"' \
  || fail "the audit row lacks the serial numbers: $(last_detail)"
run_status 0 $CG maintenance add --camera "Ngã ba" --kind move --note "Dời sang cột điện bên kia đường"
run_status 0 $CG maintenance add --camera "Ngã ba" --kind retire --note "Hộ dân chuyển nhà"
[ "$(rows)" = 6 ] || fail "expected 6 entries, got $(rows)"
[ "$(audit_rows)" = 6 ] || fail "expected 6 audit rows, got $(audit_rows)"

# Repaired: no longer followed up.
run_status 0 $CG maintenance suggest --json
json_get "[s['reason'] for s in d['suggestions']]" < "$TMP/out" | grep -q fault_open \
  && fail "a fault repaired is still followed up: $(cat "$TMP/out")"

# The list, newest first; by camera and by kind.
run_status 0 $CG maintenance list --json
[ "$(json_get "d['total']" < "$TMP/out")" = 6 ] || fail "list total: $(cat "$TMP/out")"
[ "$(json_get "d['entries'][-1]['id']" < "$TMP/out")" = "$FAULT" ] || fail "the oldest is not last: $(cat "$TMP/out")"
run_status 0 $CG maintenance list --camera "Ngã ba" --json
[ "$(json_get "[e['kind'] for e in d['entries']]" < "$TMP/out")" = "['retire', 'move']" ] || fail "by camera: $(cat "$TMP/out")"
run_status 0 $CG maintenance list --kind replace --json
[ "$(json_get "[e['id'] for e in d['entries']]" < "$TMP/out")" = "[$REPLACE]" ] || fail "by kind: $(cat "$TMP/out")"
run_status 0 $CG maintenance list --limit 2 --json
[ "$(json_get "len(d['entries'])" < "$TMP/out")" = 2 ] || fail "limit: $(cat "$TMP/out")"
NEXT=$(json_get "d['next_before']" < "$TMP/out")
run_status 0 $CG maintenance list --limit 10 --before "$NEXT" --json
[ "$(json_get "len(d['entries'])" < "$TMP/out")" = 4 ] || fail "the next page: $(cat "$TMP/out")"
run_status 0 $CG maintenance list
expect_contains "$TMP/out" "350.000 đ"
expect_contains "$TMP/out" "Thay nguồn 12V"
run_status 0 $CG maintenance show "$REPLACE"
expect_contains "$TMP/out" "DS-2CD1023-B7"
expect_contains "$TMP/out" "1.200.000 đ"
run_status 0 $CG maintenance show "$REPLACE" --json
[ "$(json_get "d['old_serial']" < "$TMP/out")" = "DS-2CD1023-A1" ] || fail "show --json: $(cat "$TMP/out")"
run_status 1 $CG maintenance show 999
expect_contains "$TMP/err" "999"

# ---- refusals: each names its field, nothing is saved ----------------------
refused () { # FIELD CODE ARGS... — maintenance add refused for FIELD
  field=$1; code=$2; shift 2
  n=$(rows); a=$(audit_rows)
  run_status 1 $CG maintenance add --json "$@"
  [ "$(json_get "d['error']['data']['field']" < "$TMP/out")" = "$field" ] || fail "$*: not refused for $field: $(cat "$TMP/out")"
  [ "$(json_get "d['error']['code']" < "$TMP/out")" = "$code" ] || fail "$*: code $(json_get "d['error']['code']" < "$TMP/out")"
  [ "$(rows)" = "$n" ] && [ "$(audit_rows)" = "$a" ] || fail "$*: something was saved"
}
refused camera -32002 --camera "Không có" --kind repair
refused kind -32602 --camera "Ngã ba" --kind fixed
refused at -32602 --camera "Ngã ba" --kind repair --at "$(date -u -d '+2 day' +%Y-%m-%dT%H:%M:%SZ)"
refused cost -32602 --camera "Ngã ba" --kind repair --cost=-5
refused note -32602 --camera "Ngã ba" --kind repair --note "$(printf 'a\033b')"
refused note -32602 --camera "Ngã ba" --kind repair --note "$(head -c 1001 /dev/zero | tr '\0' x)"
refused old_serial -32602 --camera "Ngã ba" --kind repair --old-serial "X1"
# What the command line refuses itself: a time that is none, a cost that is
# not whole dong, text that is not UTF-8.
n=$(rows)
run_status 2 $CG maintenance add --camera "Ngã ba" --kind repair --at "hôm qua"
expect_contains "$TMP/err" "--at"
run_status 2 $CG maintenance add --camera "Ngã ba" --kind repair --cost 12.5
expect_contains "$TMP/err" "--cost"
run_status 2 $CG maintenance add --camera "Ngã ba" --kind repair --note "$(printf 'Ch\377')"
expect_contains "$TMP/err" "--note"
# Through the API: not a time, not an integer, not UTF-8.
$RPC call "$SOCK" maintenance.add '{"camera": "Ngã ba", "kind": "repair", "at": "yesterday"}' > "$TMP/reply"
[ "$(json_get "d['error']['data']['field']" < "$TMP/reply")" = at ] || fail "not a time: $(cat "$TMP/reply")"
$RPC call "$SOCK" maintenance.add '{"camera": "Ngã ba", "kind": "repair", "cost": 12.5}' > "$TMP/reply"
[ "$(json_get "d['error']['data']['field']" < "$TMP/reply")" = cost ] || fail "a cost not whole: $(cat "$TMP/reply")"
printf '{"jsonrpc":"2.0","id":1,"method":"maintenance.add","params":{"camera":"Ngã ba","kind":"repair","note":"\377"}}\n' \
  | $RPC raw "$SOCK" > "$TMP/reply"
grep -q -- '-32700' "$TMP/reply" || fail "not UTF-8 was not refused: $(cat "$TMP/reply")"
[ "$(rows)" = "$n" ] || fail "a refused entry was saved"

# ---- roles: a viewer reads, never writes -----------------------------------
as_viewer $OTHER_RPC call "$SOCK" maintenance.add '{"camera": "Ngã ba", "kind": "inspection"}' > "$TMP/reply"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32001 ] || fail "a viewer added an entry: $(cat "$TMP/reply")"
[ "$(rows)" = "$n" ] || fail "a viewer's entry was saved"
as_viewer $OTHER_RPC call "$SOCK" maintenance.list '{"camera": "Chợ Hoàng Kim"}' > "$TMP/reply"
[ "$(json_get "d['result']['total']" < "$TMP/reply")" = 4 ] || fail "a viewer's list: $(cat "$TMP/reply")"
as_viewer $OTHER_RPC call "$SOCK" maintenance.get "{\"id\": $FAULT}" > "$TMP/reply"
[ "$(json_get "d['result']['kind']" < "$TMP/reply")" = fault ] || fail "a viewer's get: $(cat "$TMP/reply")"
as_operator $OTHER_RPC call "$SOCK" maintenance.add '{"camera": "Chợ Hoàng Kim", "kind": "inspection", "note": "Ổn"}' > "$TMP/reply"
[ "$(json_get "d['result']['by']" < "$TMP/reply")" = nobody ] || fail "an operator's entry: $(cat "$TMP/reply")"

# ---- what the recorder saw ---------------------------------------------------
# The camera taken away: offline past offline_alert (3 s), at the top of
# the suggestions with what to check first; the retired camera never.
kill "$CAMSIM_PID"
offline_suggested () {
  $CG maintenance suggest --json > "$TMP/sugg" 2>/dev/null \
    && json_get "d['suggestions'][0]['camera'] + ' ' + d['suggestions'][0]['reason']" < "$TMP/sugg" \
       | grep -qx "Chợ Hoàng Kim offline"
}
wait_for 60 offline_suggested || fail "the camera taken away was not suggested: $(cat "$TMP/sugg")"
json_get "[s['camera'] for s in d['suggestions']]" < "$TMP/sugg" | grep -q "Ngã ba" \
  && fail "a retired camera is suggested: $(cat "$TMP/sugg")"
run_status 0 $CG maintenance suggest
expect_contains "$TMP/out" "Chợ Hoàng Kim: offline since"
expect_contains "$TMP/out" "Check the power at the host household first"
run_status 0 $CG maintenance overview --json
[ "$(json_get "d['cameras'][0]['name']" < "$TMP/out")" = "Chợ Hoàng Kim" ] || fail "overview order: $(cat "$TMP/out")"
[ "$(json_get "d['cameras'][0]['host_phone']" < "$TMP/out")" = "0912 345 678" ] || fail "overview phone: $(cat "$TMP/out")"
[ "$(json_get "d['cameras'][0]['last']['kind']" < "$TMP/out")" = inspection ] || fail "overview last entry: $(cat "$TMP/out")"
json_get "d['cameras'][0]['uptime_percent'] < 100" < "$TMP/out" | grep -qx True || fail "overview uptime: $(cat "$TMP/out")"
[ "$(json_get "d['cameras'][1]['retired']" < "$TMP/out")" = True ] || fail "overview retired: $(cat "$TMP/out")"
run_status 0 $CG maintenance overview
expect_contains "$TMP/out" "Bà Lan"
# Its outage, still going on, with the reason capture gave.
$RPC call "$SOCK" maintenance.outages '{"camera": "Chợ Hoàng Kim"}' > "$TMP/reply"
[ "$(json_get "d['result']['outages'][0]['end']" < "$TMP/reply")" = None ] || fail "the outage going on: $(cat "$TMP/reply")"
[ -n "$(json_get "d['result']['outages'][0]['reason']" < "$TMP/reply")" ] || fail "the outage's reason: $(cat "$TMP/reply")"

# In Vietnamese, worded by the command line from the daemon's template.
vloc=$(locale -a 2>/dev/null | grep -iE '^vi_VN\.utf-?8$' | head -n 1)
if [ -n "$vloc" ]; then
  mkdir -p "$TMP/locale/vi/LC_MESSAGES"
  msgfmt -o "$TMP/locale/vi/LC_MESSAGES/canhgac.mo" "$top_srcdir/po/vi.po" || fail "msgfmt po/vi.po"
  run_status 0 env LC_ALL="$vloc" LANG="$vloc" LANGUAGE= CANHGAC_LOCALEDIR="$TMP/locale" $CG maintenance suggest
  expect_contains "$TMP/out" "Chợ Hoàng Kim: mất kết nối từ"
  expect_contains "$TMP/out" "Kiểm tra nguồn điện tại hộ đặt camera trước"
  run_status 0 env LC_ALL="$vloc" LANG="$vloc" LANGUAGE= CANHGAC_LOCALEDIR="$TMP/locale" $CG maintenance show "$REPLACE"
  expect_contains "$TMP/out" "Loại: thay thế"
  expect_contains "$TMP/out" "Chi phí: 1.200.000 đ"
fi

# The same camera with no host (on the commune's own premises and line):
# what to check first is at the camera and its line, not at a household.
run_status 0 $CG camera edit "Chợ Hoàng Kim" --host "" --host-phone ""
run_status 0 $CG maintenance suggest --json
[ "$(json_get "d['suggestions'][0]['hosted']" < "$TMP/out")" = False ] || fail "hosted: $(cat "$TMP/out")"
run_status 0 $CG maintenance suggest
expect_contains "$TMP/out" "Check the camera's power first"
expect_not_contains "$TMP/out" "household"
