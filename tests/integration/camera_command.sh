#!/bin/sh
# `canhgac camera`, a client of the daemon: adding, listing, changing and
# removing cameras, what an officer sees when a value is wrong or the
# daemon is not running, and that a camera's password never comes out
# again except to an administrator asking for JSON.
. "$(dirname "$0")/lib.sh"

write_config 10s 3s
# A viewer (nobody, group nogroup) must reach the configuration and the
# socket: $TMP can be entered but not listed, the socket's directory is
# open, and the socket file (0660) belongs to nogroup.
chmod 0711 "$TMP"
mkdir -m 0755 "$TMP/run"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[capture]
segment_seconds = 10s
stall_seconds = 3s
[roles]
viewer = nogroup
CONF
chmod 0644 "$TMP/cg.conf"

cam () { $CG camera "$@"; }
viewer () { setpriv --reuid=65534 --regid=65534 --clear-groups $CG camera "$@"; }
# Everything a person reads, for the password checks at the end.  An
# administrator's --json carries the passwords by design: never kept.
keep () { cat "$TMP/out" "$TMP/err" >> "$TMP/all"; }
: > "$TMP/all"
json_ok () {
  python3 -c 'import json,sys; json.load(sys.stdin)' < "$TMP/out" || fail "camera list --json is not JSON"
}

# Usage needs no daemon.
run_status 0 cam --help
expect_contains "$TMP/out" "add --name NAME (--url URL | --vendor BRAND --host-ip IP)"
expect_contains "$TMP/out" "--transport tcp|udp"
expect_contains "$TMP/out" "show NAME [--json]"
run_status 2 cam
expect_contains "$TMP/err" "Usage:"
run_status 2 cam frobnicate
expect_contains "$TMP/err" "unknown action 'frobnicate'"
run_status 0 "$CANHGAC" --help
expect_contains "$TMP/out" "camera ACTION"
run_status 2 cam add --url rtsp://h/x
expect_contains "$TMP/err" "--name"

# Without the daemon: 3, and how to start it.
run_status 3 cam list
expect_contains "$TMP/err" "systemctl start canhgacd"
run_status 3 cam add --name x --url rtsp://h/x
expect_contains "$TMP/err" "start it"
[ ! -e "$TMP/data/canhgac.db" ] || fail "camera add without the daemon created the database"

start_daemon
[ "$(stat -c %G "$TMP/run/cg.sock")" = nogroup ] || fail "the socket is not the nogroup's"

run_status 0 cam list
expect_contains "$TMP/out" "No cameras yet"
run_status 0 cam list --json
json_ok
expect_contains "$TMP/out" '"cameras"'

# Add: credentials inside the URL, and given apart.
# The password never on the command line: it comes on standard input.
run_status 0 cam add --name "Cổng chợ Hoàng Kim" \
  --url 'rtsp://admin@192.168.1.64:554/Streaming/Channels/101' --password-stdin \
  --place "Cổng chợ, đường liên xã" --map 120,45 --funding community \
  --host-name "Hộ ông Tư" --host-phone "0912 345 678" --power-by "hộ gia đình" \
  --network-by "Viettel của hộ" --installed 2025-03-15 \
  --substream rtsp://192.168.1.64:554/Streaming/Channels/102 <<PW
Urlpass@123
PW
keep
expect_contains "$TMP/out" "Cổng chợ Hoàng Kim"
run_status 0 cam add --name "Ngã ba UBND" --url 'rtsp://[::1]:8554/cam' \
  --user operator --password-stdin --transport udp --disabled <<PW
Optpass-456
PW
keep
expect_contains "$TMP/out" "Ngã ba UBND"
expect_contains "$TMP/out" "disabled"

run_status 0 cam list
keep
expect_contains "$TMP/out" "Cổng chợ Hoàng Kim"
expect_contains "$TMP/out" "rtsp://192.168.1.64:554/Streaming/Channels/101"
expect_contains "$TMP/out" "120,45"
expect_contains "$TMP/out" "rtsp://[::1]:8554/cam"
grep "Ngã ba UBND" "$TMP/out" > "$TMP/row" || fail "no row for Ngã ba UBND"
expect_contains "$TMP/row" "disabled"
grep "Cổng chợ" "$TMP/out" > "$TMP/row"
expect_contains "$TMP/row" "enabled"

# An administrator's JSON: everything, the login included.
run_status 0 cam list --json
json_ok
python3 - "$TMP/out" <<'PY' || fail "camera list --json has the wrong content"
import json, sys
doc = json.load(open(sys.argv[1]))
cams = {c["name"]: c for c in doc["cameras"]}
a = cams["Cổng chợ Hoàng Kim"]
assert a["url"] == "rtsp://192.168.1.64:554/Streaming/Channels/101", a
assert a["enabled"] is True and a["map"] == [120, 45], a
assert a["place"] == "Cổng chợ, đường liên xã" and a["transport"] == "tcp", a
assert a["funding"] == "community" and a["installed"] == "2025-03-15", a
assert a["substream_url"].endswith("/102") and a["has_credentials"] is True, a
assert a["user"] == "admin" and a["password"] == "Urlpass@123", a
b = cams["Ngã ba UBND"]
assert b["enabled"] is False and b["map"] is None and b["transport"] == "udp", b
assert b["place"] is None and b["funding"] is None, b
assert b["user"] == "operator" and b["password"] == "Optpass-456", b
PY
run_status 0 cam show "Ngã ba UBND" --json
python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["name"] == "Ngã ba UBND" and d["transport"] == "udp", d' \
  < "$TMP/out" || fail "camera show --json has the wrong content"

run_status 0 cam show "Cổng chợ Hoàng Kim"
keep
expect_contains "$TMP/out" "admin (password set)"
expect_contains "$TMP/out" "15/03/2025"
expect_contains "$TMP/out" "0912 345 678"

# A viewer sees the cameras, never a login, and may change nothing.
run_status 0 viewer list --json
keep
json_ok
python3 - "$TMP/out" <<'PY' || fail "a viewer's camera list --json shows a login"
import json, sys
for c in json.load(open(sys.argv[1]))["cameras"]:
    assert c["has_credentials"] is True, c
    for k in c:
        assert k not in ("user", "password"), c
PY
run_status 0 viewer list
keep
expect_contains "$TMP/out" "Cổng chợ Hoàng Kim"
run_status 0 viewer show "Ngã ba UBND"
keep
expect_contains "$TMP/out" "only administrators"
expect_not_contains "$TMP/out" "operator"
run_status 0 viewer show "Ngã ba UBND" --json
keep
run_status 1 viewer disable "Cổng chợ Hoàng Kim"
keep
expect_contains "$TMP/err" "admin"
run_status 1 viewer add --name "Lạ" --url rtsp://h/x --password-stdin <<PW
Viewpass-1
PW
keep
# A password on the command line is refused before it goes anywhere,
# after --password and inside an address alike, saying what to do.
run_status 2 cam add --name "Lạ" --url rtsp://h/x --password 'Argvpass-1'
keep
expect_contains "$TMP/err" "--password-stdin"
run_status 2 cam edit "Ngã ba UBND" --url 'rtsp://admin:Argvpass-1@h/x'
keep
expect_contains "$TMP/err" "--ask-password"
run_status 2 cam add --name "Lạ" --url 'rtsp://h/user=admin_password=Argvpass-1_channel=1' --password-stdin </dev/null
keep
run_status 2 cam add --name "Lạ" --url rtsp://h/x --password-stdin </dev/null
keep
expect_contains "$TMP/err" "no password"

# Edit, rename, disable, enable.
run_status 0 cam edit "Cổng chợ Hoàng Kim" --place "Cổng chợ mới" --map none \
  --url rtsp://192.168.1.65/Streaming/Channels/101
keep
run_status 0 cam list --json
python3 - "$TMP/out" <<'PY' || fail "edit did not take"
import json, sys
a = {c["name"]: c for c in json.load(open(sys.argv[1]))["cameras"]}["Cổng chợ Hoàng Kim"]
assert a["place"] == "Cổng chợ mới" and a["map"] is None, a
assert a["url"] == "rtsp://192.168.1.65/Streaming/Channels/101", a
assert a["has_credentials"] is True, a   # a new address keeps the login
assert a["host_name"] == "Hộ ông Tư", a  # untouched fields stay
PY
run_status 0 cam edit "Cổng chợ Hoàng Kim" --rename "Chợ Hoàng Kim" --host-name ""
keep
expect_contains "$TMP/out" "Chợ Hoàng Kim"
run_status 1 cam show "Cổng chợ Hoàng Kim"
expect_contains "$TMP/err" "Cổng chợ Hoàng Kim"
run_status 0 cam show "Chợ Hoàng Kim"
keep
grep "^  Host household:" "$TMP/out" | grep -q -- "-$" || fail "--host-name \"\" did not clear it"

# Typed without accents on a terminal without UTF-8 (LANG=C, as over a
# bare SSH session): the one camera the name fits, shown unaccented.
run_status 0 env LANG=C LC_ALL=C $CG camera show "cho hoang kim"
keep
expect_contains "$TMP/out" "Cho Hoang Kim"
expect_contains "$TMP/out" "rtsp://192.168.1.65/Streaming/Channels/101"
run_status 0 env LANG=C LC_ALL=C $CG camera show "CHO HOANG KIM" --json
[ "$(json_get "d['name']" < "$TMP/out")" = "Chợ Hoàng Kim" ] || fail "the folded name found $(cat "$TMP/out")"
# A second camera folding alike: never a guess, both named.
run_status 0 cam add --name "Cho Hoang Kim" --url rtsp://10.0.0.8/live
run_status 1 env LANG=C LC_ALL=C $CG camera show "cho hoang kim"
expect_contains "$TMP/err" "Cho Hoang Kim"
expect_contains "$TMP/err" "exact"
grep -q "Chợ Hoàng Kim\|Cho Hoang Kim.*Cho Hoang Kim" "$TMP/err" || fail "the refusal does not name both cameras: $(cat "$TMP/err")"
run_status 0 cam show "Cho Hoang Kim" --json
[ "$(json_get "d['url']" < "$TMP/out")" = "rtsp://10.0.0.8/live" ] || fail "the exact name did not come first"
run_status 0 cam remove "Cho Hoang Kim"

run_status 0 cam enable "Ngã ba UBND"
keep
run_status 0 cam list
grep "Ngã ba UBND" "$TMP/out" | grep -q "enabled" || fail "enable did not take"
run_status 0 cam disable "Chợ Hoàng Kim"
keep
run_status 0 cam list
grep "Chợ Hoàng Kim" "$TMP/out" | grep -q "disabled" || fail "disable did not take"
run_status 0 cam disable "Chợ Hoàng Kim"
expect_contains "$TMP/out" "already"

# Bad input: usage errors (2) and refusals (1), each saying what is wrong.
run_status 2 cam add --name x --url rtsp://h --bogus
expect_contains "$TMP/err" "--bogus"
run_status 2 cam add --url rtsp://h/x
expect_contains "$TMP/err" "--name"
run_status 2 cam add --name x
expect_contains "$TMP/err" "--url"
run_status 2 cam add --name
expect_contains "$TMP/err" "needs a value"
run_status 1 cam add --name x --url http://x
expect_contains "$TMP/err" "rtsp://"
run_status 1 cam add --name x --url rtsp://
expect_contains "$TMP/err" "IP"
run_status 1 cam add --name x --url rtsp://h:70000/
expect_contains "$TMP/err" "65535"
run_status 2 cam add --name x --url rtsp://h --map a,b
expect_contains "$TMP/err" "X,Y"
run_status 2 cam add --name x --url rtsp://h --transport http
expect_contains "$TMP/err" "tcp or udp"
run_status 2 cam add --name x --url rtsp://h --funding maybe
expect_contains "$TMP/err" "budget"
run_status 1 cam add --name x --url rtsp://h --installed 2025-02-30
expect_contains "$TMP/err" "YYYY-MM-DD"
run_status 1 cam add --name "a/b" --url rtsp://h
expect_contains "$TMP/err" "/"
run_status 1 cam add --name ".hidden" --url rtsp://h
expect_contains "$TMP/err" "“.”"
run_status 1 cam add --name "Chợ Hoàng Kim" --url rtsp://h
expect_contains "$TMP/err" "already a camera called “Chợ Hoàng Kim”"
run_status 1 cam edit "Ngã ba UBND" --rename "Chợ Hoàng Kim"
expect_contains "$TMP/err" "already"
run_status 1 cam edit "Không có" --place x
expect_contains "$TMP/err" "no camera called “Không có”"
run_status 2 cam edit
expect_contains "$TMP/err" "which camera"
run_status 2 cam edit "Ngã ba UBND" --name y
expect_contains "$TMP/err" "--rename"
run_status 2 cam edit "Ngã ba UBND" --rename ""
expect_contains "$TMP/err" "new name"
run_status 2 cam list --place x
expect_contains "$TMP/err" "--place"
run_status 2 cam remove a b
expect_contains "$TMP/err" "quotes"
run_status 1 cam remove "Không có"
expect_contains "$TMP/err" "Không có"
# A password in a refused URL is not echoed back.
run_status 1 cam add --name y --url 'http://admin:Badpass789@h/'
keep
expect_not_contains "$TMP/err" "Badpass789"
run_status 2 cam add --name y --url 'rtsp://admin:Urlpass%40123@h/' --password other
keep
# Nothing was added by the refusals.
run_status 0 cam list --json
python3 -c 'import json,sys; assert len(json.load(sys.stdin)["cameras"]) == 2' < "$TMP/out" \
  || fail "a refused add left a camera behind"

# Remove, then the name can be used again.
run_status 0 cam remove "Ngã ba UBND"
keep
expect_contains "$TMP/out" "recordings are kept"
run_status 0 cam list
expect_not_contains "$TMP/out" "Ngã ba UBND"
run_status 0 cam add --name "Ngã ba UBND" --url rtsp://10.0.0.9/live
keep
run_status 0 cam list
expect_contains "$TMP/out" "rtsp://10.0.0.9/live"

# Motion settings: a sensitivity from 0 to 1, a mask of grid cells.
run_status 2 cam edit "Ngã ba UBND" --motion-sensitivity 2
expect_contains "$TMP/err" "0 (least) to 1 (most)"
run_status 1 cam edit "Ngã ba UBND" --motion-mask "0,0,40,3"
expect_contains "$TMP/err" "0,0,40,3"
run_status 0 cam edit "Ngã ba UBND" --motion-sensitivity 0.7 --motion-mask "0,0,31,3"
run_status 0 cam show "Ngã ba UBND" --json
[ "$(json_get "d['motion_sensitivity']" < "$TMP/out")" = 0.7 ] || fail "sensitivity not kept: $(cat "$TMP/out")"
[ "$(json_get "d['motion_mask']" < "$TMP/out")" = "0,0,31,3" ] || fail "mask not kept"
run_status 0 cam show "Ngã ba UBND"
expect_contains "$TMP/out" "0,0,31,3"

# Storage overrides for one camera: days, or a duration.
run_status 2 cam edit "Ngã ba UBND" --full-rate-days soon
expect_contains "$TMP/err" "soon"
run_status 0 cam edit "Ngã ba UBND" --full-rate-days 3 --retention-days 60d
run_status 0 cam show "Ngã ba UBND" --json
[ "$(json_get "d['full_rate_days']" < "$TMP/out")" = 3.0 ] || fail "full_rate_days not kept: $(cat "$TMP/out")"
[ "$(json_get "d['retention_days']" < "$TMP/out")" = 60.0 ] || fail "retention_days not kept"
[ "$(sql "SELECT full_rate_us FROM cameras WHERE name = 'Ngã ba UBND' AND removed_us IS NULL")" = 259200000000 ] \
  || fail "the override did not reach the database"
run_status 0 cam edit "Ngã ba UBND" --full-rate-days ""
run_status 0 cam show "Ngã ba UBND" --json
[ "$(json_get "d['full_rate_days']" < "$TMP/out")" = None ] || fail "override not cleared"

# Edit without a change says so, points at the options, and changes
# nothing (not even the time of the last change).
run_status 0 cam show "Ngã ba UBND" --json
before=$(json_get "d['updated']" < "$TMP/out")
run_status 1 cam edit "Ngã ba UBND"
expect_contains "$TMP/err" "nothing to change"
expect_contains "$TMP/err" "--place"
expect_contains "$TMP/err" "canhgac camera edit --help"
run_status 0 cam show "Ngã ba UBND" --json
[ "$(json_get "d['updated']" < "$TMP/out")" = "$before" ] || fail "an edit without options changed the camera"

# Dates as officers write them, as `camera show` prints them.
run_status 0 cam edit "Ngã ba UBND" --installed 26/11/2024
run_status 0 cam show "Ngã ba UBND" --json
[ "$(json_get "d['installed']" < "$TMP/out")" = 2024-11-26 ] || fail "--installed 26/11/2024 not kept: $(cat "$TMP/out")"
run_status 0 cam show "Ngã ba UBND"
expect_contains "$TMP/out" "26/11/2024"
run_status 0 cam add --name "Đình làng" --url rtsp://10.0.0.10/live --installed 5/1/2023
run_status 0 cam show "Đình làng" --json
[ "$(json_get "d['installed']" < "$TMP/out")" = 2023-01-05 ] || fail "--installed 5/1/2023 not kept"
run_status 1 cam edit "Đình làng" --installed 31/02/2025
expect_contains "$TMP/err" "31/02/2025"
expect_contains "$TMP/err" "15/03/2025"
run_status 0 cam remove "Đình làng"
run_status 0 $CG recordings --camera "Ngã ba UBND" --from "26/11/2024 18:30" --to 27/11/2024 --json
run_status 2 $CG recordings --camera "Ngã ba UBND" --from 2024-11-31
expect_contains "$TMP/err" "26/11/2026 18:30"

# A decimal comma, as `camera show` prints one under Vietnamese.
run_status 0 cam edit "Ngã ba UBND" --motion-sensitivity 0,5
run_status 0 cam show "Ngã ba UBND" --json
[ "$(json_get "d['motion_sensitivity']" < "$TMP/out")" = 0.5 ] || fail "--motion-sensitivity 0,5 not kept"
vi=$(locale -a 2>/dev/null | grep -iE '^vi_VN\.utf-?8$' | head -n 1)
if [ -n "$vi" ]; then
  # Vietnamese numbers, English words (the labels are matched below).
  (unset LC_ALL; LANG=C.UTF-8 LC_NUMERIC=$vi; export LANG LC_NUMERIC
   run_status 0 cam show "Ngã ba UBND") || exit 1
  expect_contains "$TMP/out" "0,50"
  run_status 0 cam edit "Ngã ba UBND" --motion-sensitivity "$(sed -n 's/^Motion sensitivity: *//p' "$TMP/out")"
  run_status 0 cam show "Ngã ba UBND" --json
  [ "$(json_get "d['motion_sensitivity']" < "$TMP/out")" = 0.5 ] || fail "0,50 as shown did not read back"
fi
stop_daemon

# The passwords reached the database, and never what a person reads nor
# the daemon's log.
cat "$TMP/daemon.log" >> "$TMP/all"
for pw in Urlpass Optpass-456 Badpass789 Viewpass-1 Argvpass-1 '%40123'; do
  expect_not_contains "$TMP/all" "$pw"
done
sqlite3 "$DB" "SELECT password FROM cameras" > "$TMP/db"
expect_contains "$TMP/db" "Urlpass@123"
expect_contains "$TMP/db" "Optpass-456"
exit 0
