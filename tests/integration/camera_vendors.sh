#!/bin/sh
# `canhgac camera add --vendor`: an officer who knows a camera's brand,
# IP and password, not its RTSP path.  Simulated cameras serve the
# paths of Dahua (a query), Hikvision (with a sub-stream) and Xiongmai
# (the login in the path) behind a password: the brand's address is
# found and the camera recorded; a wrong password, a closed port and a
# host that does not answer each say what to check; and the password
# never shows in the daemon's log or anything the command prints.
. "$(dirname "$0")/lib.sh"

PASS='Kh0ng_Ai_Biet'
start_camsim --cameras 4 --size 320x240 --loop 2 --gop 1 --user admin --password "$PASS" \
  --path 'cam1:/cam/realmonitor?channel=1&subtype=0' \
  --path cam2:/Streaming/Channels/101 --path cam3:/Streaming/Channels/102 \
  --path "cam4:/user=admin_password=${PASS}_channel=1_stream=0.sdp?real_stream"
write_config 2s 3s
start_daemon

: > "$TMP/all"
keep () { cat "$TMP/out" "$TMP/err" >> "$TMP/all"; }
add () { printf '%s\n' "$1" > "$TMP/pw"; shift; $CG camera add --password-stdin "$@" < "$TMP/pw"; }
segments_of () {
  [ "$(sql "SELECT count(*) FROM segments WHERE camera_id = (SELECT id FROM cameras WHERE name = '$1')")" -gt 0 ]
}

# The brands, for whoever does not know what to type.
run_status 0 $CG camera vendors
keep
for b in hikvision dahua imou ezviz xiongmai tiandy uniview onvif kbvision xmeye; do
  expect_contains "$TMP/out" "$b"
done

# Dahua/KBVision: the query is part of the address.
run_status 0 add "$PASS" --name "Chợ" --vendor kbvision --host-ip 127.0.0.1 --port "$PORT" \
  --place "Cổng chợ"
keep
expect_contains "$TMP/out" "rtsp://127.0.0.1:$PORT/cam/realmonitor?channel=1&subtype=0: video found (h264 320x240)"
expect_contains "$TMP/out" "Camera “Chợ” added"
[ "$(sql "SELECT url FROM cameras WHERE name = 'Chợ'")" = "rtsp://127.0.0.1:$PORT/cam/realmonitor?channel=1&subtype=0" ] \
  || fail "Chợ: wrong address stored: $(sql "SELECT url FROM cameras")"
[ "$(sql "SELECT username FROM cameras WHERE name = 'Chợ'")" = admin ] || fail "Chợ: the brand's user was not stored"

# Hikvision with its sub-stream; the first path of the brand answers.
run_status 0 add "$PASS" --name "Trường" --vendor Hikvision --host-ip 127.0.0.1 --port "$PORT" \
  --find-substream
keep
expect_contains "$TMP/out" "main stream  rtsp://127.0.0.1:$PORT/Streaming/Channels/101: video found"
expect_contains "$TMP/out" "sub-stream  rtsp://127.0.0.1:$PORT/Streaming/Channels/102: video found"
[ "$(sql "SELECT substream_url FROM cameras WHERE name = 'Trường'")" = "rtsp://127.0.0.1:$PORT/Streaming/Channels/102" ] \
  || fail "Trường: the sub-stream was not stored"

# Xiongmai: the login in the path; the password stays out of the stored
# address, kept as a slot filled in only for the connection.
run_status 0 add "$PASS" --name "Ngõ 5" --vendor xmeye --host-ip 127.0.0.1 --port "$PORT"
keep
expect_contains "$TMP/out" "password={password}_channel=1_stream=0.sdp?real_stream: video found"
[ "$(sql "SELECT url FROM cameras WHERE name = 'Ngõ 5'")" = "rtsp://127.0.0.1:$PORT/user=admin_password={password}_channel=1_stream=0.sdp?real_stream" ] \
  || fail "Ngõ 5: wrong address stored: $(sql "SELECT url FROM cameras WHERE name = 'Ngõ 5'")"

# All three are recorded.
for c in "Chợ" "Trường" "Ngõ 5"; do
  wait_for 30 segments_of "$c" || fail "$c: no segment recorded: $($CG status)"
done

# A wrong password: its own message, nothing added.
run_status 1 add "wrong-one" --name "Sai" --vendor dahua --host-ip 127.0.0.1 --port "$PORT"
keep
expect_contains "$TMP/out" "subtype=0: password refused"
expect_contains "$TMP/err" "the camera refused the password (user admin): check the password (it may have been changed)"
[ "$(sql "SELECT count(*) FROM cameras WHERE name = 'Sai'")" = 0 ] || fail "a camera that refused the password was added"
# The same in Vietnamese, for an officer.
loc=$(locale -a 2>/dev/null | grep -iE '^vi_VN\.utf-?8$' | head -n 1)
if [ -n "$loc" ]; then
  mkdir -p "$TMP/locale/vi/LC_MESSAGES"
  msgfmt -o "$TMP/locale/vi/LC_MESSAGES/canhgac.mo" "$top_srcdir/po/vi.po" || fail "msgfmt po/vi.po"
  run_status 1 env LC_ALL="$loc" LANGUAGE= CANHGAC_LOCALEDIR="$TMP/locale" \
    sh -c 'printf "%s\n" sai | "$0" --config "$1" camera add --password-stdin --name Sai --vendor dahua --host-ip 127.0.0.1 --port "$2"' \
    "$CANHGAC" "$TMP/cg.conf" "$PORT"
  keep
  expect_contains "$TMP/err" "Camera từ chối mật khẩu (người dùng admin): kiểm tra lại mật khẩu (có thể đã bị đổi)"
  expect_contains "$TMP/out" "bị từ chối mật khẩu"
fi

# The right password but the wrong brand: the camera has none of its paths.
run_status 1 add "$PASS" --name "Sai" --vendor uniview --host-ip 127.0.0.1 --port "$PORT"
keep
expect_contains "$TMP/out" "/unicast/c1/s0/live: no such address on this camera"
expect_contains "$TMP/err" "has none of uniview's addresses: check the brand"

# A closed port: refused, and no other path is tried on that host.
run_status 1 add "$PASS" --name "Sai" --vendor hikvision --host-ip 127.0.0.1 --port 1
keep
expect_contains "$TMP/out" "rtsp://127.0.0.1:1/Streaming/Channels/101: connection refused"
expect_not_contains "$TMP/out" "av_stream"
expect_contains "$TMP/err" "127.0.0.1 refused the connection: check the port"

# A host that does not answer (TEST-NET, never routed): said once,
# within the probe's bound, and the other paths are not tried.  Some
# networks answer for TEST-NET themselves (a proxy, a firewall's
# reject): the first address that stays silent here is used.
silent=""
for h in 192.0.2.7 192.0.2.1 198.51.100.7 203.0.113.7; do
  if python3 -c '
import socket, sys
s = socket.socket(); s.settimeout(6)
try:
    s.connect((sys.argv[1], 554))
except (socket.timeout, OSError) as e:
    sys.exit(0 if isinstance(e, socket.timeout) or e.errno in (101, 110, 112, 113) else 1)
sys.exit(1)' "$h"; then silent=$h; break; fi
done
if [ -z "$silent" ]; then
  echo "note: every TEST-NET address answers on this network; the silent host is not tested" >&2
else
  start=$(date +%s)
  run_status 1 add "$PASS" --name "Sai" --vendor hikvision --host-ip "$silent"
  keep
  took=$(( $(date +%s) - start ))
  [ "$took" -le 25 ] || fail "a host that does not answer took $took s"
  [ "$(grep -c "rtsp://$silent" "$TMP/out")" = 1 ] || fail "$silent tried more than once: $(cat "$TMP/out")"
  expect_contains "$TMP/out" "rtsp://$silent:554/Streaming/Channels/101: no answer"
  expect_contains "$TMP/err" "$silent does not answer: check the IP address"
  [ "$(sql "SELECT count(*) FROM cameras WHERE name = 'Sai'")" = 0 ] || fail "a camera that was not found was added"
fi

# Bad input says what to do.
run_status 1 add "$PASS" --name "Sai" --vendor sony --host-ip 127.0.0.1
keep
expect_contains "$TMP/err" "“sony” is not a brand canhgac knows; the brands are: hikvision, dahua"
run_status 2 $CG camera add --name "Sai" --vendor dahua --host-ip 127.0.0.1 --url rtsp://127.0.0.1/x
expect_contains "$TMP/err" "--url and --vendor contradict each other"
run_status 2 $CG camera add --name "Sai" --vendor dahua
expect_contains "$TMP/err" "--vendor needs --host-ip"
run_status 2 $CG camera add --name "Sai" --vendor dahua --host-ip 127.0.0.1 --channel 0
expect_contains "$TMP/err" "--channel needs a number from 1 to 256"
run_status 1 add "$PASS" --name "Sai" --vendor dahua --host-ip "192.0.2.1/x"
expect_contains "$TMP/err" "is not an IP address or host name"

# Every probe is audited with the brand and host, never the password.
$CG audit list > "$TMP/audit.txt" 2>&1 || true
sql "SELECT action, object, detail FROM audit WHERE action = 'camera.probe'" > "$TMP/probes.txt"
expect_contains "$TMP/probes.txt" "camera.probe|127.0.0.1:$PORT|vendor=dahua host=127.0.0.1"
expect_contains "$TMP/probes.txt" "camera.probe|127.0.0.1:1|vendor=hikvision"
expect_contains "$TMP/probes.txt" "password=given"

# The password: nowhere an officer or the log could show it.
$CG camera list > "$TMP/out" 2>"$TMP/err"; keep
$CG status > "$TMP/out" 2>"$TMP/err"; keep
expect_contains "$TMP/all" "password={password}"
expect_not_contains "$TMP/all" "$PASS"
expect_not_contains "$TMP/daemon.log" "$PASS"
expect_not_contains "$TMP/probes.txt" "$PASS"
expect_not_contains "$TMP/audit.txt" "$PASS"
[ "$(sql "SELECT count(*) FROM cameras WHERE url LIKE '%$PASS%' OR substream_url LIKE '%$PASS%'")" = 0 ] \
  || fail "a password was stored in an address"
exit 0
