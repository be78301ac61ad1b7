#!/bin/sh
# canhgacd runs in the C locale (as under systemd) and the officer's
# command line in Vietnamese: the daemon's refusals (a camera that does
# not exist, a bad phone number, date or address, a role too low) reach
# the officer in Vietnamese, worded by the command line from the
# template the daemon sends; scripts still get the daemon's own message
# and code.
. "$(dirname "$0")/lib.sh"

loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

# The socket in a directory others may enter, for the viewer below.
chmod 0755 "$TMP"
mkdir -m 0755 "$TMP/run"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[roles]
viewer = nogroup
admin =
CONF
chmod 0644 "$TMP/cg.conf"
CG="$CANHGAC --config $TMP/cg.conf"
SOCK="$TMP/run/cg.sock"

LC_ALL=C LANG=C LANGUAGE=; export LC_ALL LANG LANGUAGE
start_daemon
# vi CMD... — runs CMD as an officer reading Vietnamese.
vi () { env LC_ALL="$loc" LANG="$loc" LANGUAGE= "$@"; }
# vi_text MSGID [ARGS...] — MSGID as po/vi.po words it, filled in; the
# test follows the translations as they change.
vi_text () {
  fmt=$(vi env TEXTDOMAINDIR="$TMP/locale" gettext -d canhgac -- "$1")
  [ "$fmt" != "$1" ] || fail "po/vi.po does not translate “$1”"
  shift
  # shellcheck disable=SC2059
  printf "$fmt" "$@"
}
NO_CAMERA="there is no camera called “%s”; the camera list shows their names"
PHONE="“%s” is not a phone number: use digits, spaces and + - . ( ) only"
DATE="“%s” is not an installation date: write dd/mm/yyyy, such as 15/03/2025, or ISO 8601 YYYY-MM-DD"
URL="“%s” is not a camera address: %s. A camera address looks like %s"
RTSP="only rtsp:// and rtsps:// cameras can be recorded"

# A camera that does not exist.
no_camera=$(vi_text "$NO_CAMERA" "Không có") || exit 1
run_status 1 vi $CG camera show "Không có"
expect_contains "$TMP/err" "canhgac: $no_camera"
expect_not_contains "$TMP/err" "there is no camera"

# Values the daemon refuses.
run_status 1 vi $CG camera add --name "Chợ" --url "rtsp://127.0.0.1:1/x" --host-phone "abc"
want=$(vi_text "$PHONE" abc) || exit 1
expect_contains "$TMP/err" "canhgac: $want"
expect_not_contains "$TMP/err" "is not a phone number"
run_status 1 vi $CG camera add --name "Chợ" --url "rtsp://127.0.0.1:1/x" --installed 2025-13-45
want=$(vi_text "$DATE" 2025-13-45) || exit 1
expect_contains "$TMP/err" "canhgac: $want"
expect_not_contains "$TMP/err" "is not an installation date"
# The reason inside the sentence is worded too.
run_status 1 vi $CG camera add --name "Chợ" --url "http://127.0.0.1/x"
why=$(vi_text "$RTSP") || exit 1
want=$(vi_text "$URL" "http://127.0.0.1/x" "$why" "rtsp://192.168.1.64:554/Streaming/Channels/101") \
  || exit 1
expect_contains "$TMP/err" "canhgac: $want"
expect_not_contains "$TMP/err" "is not a camera address"
expect_not_contains "$TMP/err" "cameras can be recorded"

# The same refusal under the C locale: the daemon's English, as before.
run_status 1 $CG camera show "Không có"
expect_contains "$TMP/err" "canhgac: there is no camera called “Không có”; the camera list shows their names"

# Scripts: --json prints the refusal as the daemon sent it, its code,
# its own message and the template; the officer still reads Vietnamese.
run_status 1 vi $CG camera show "Không có" --json
expect_contains "$TMP/err" "canhgac: $no_camera"
[ "$(json_get "d['error']['code']" < "$TMP/out")" = -32002 ] || fail "--json: $(cat "$TMP/out")"
json_get "d['error']['message']" < "$TMP/out" \
  | grep -qxF "there is no camera called “Không có”; the camera list shows their names" \
  || fail "--json does not carry the daemon's message: $(cat "$TMP/out")"
json_get "d['error']['data']['text'], d['error']['data']['args']" < "$TMP/out" \
  | grep -qxF "there is no camera called “%s”; the camera list shows their names ['Không có']" \
  || fail "--json does not carry the template: $(cat "$TMP/out")"
# And the API's reply itself.
$RPC call "$SOCK" camera.add '{"name": "Chợ", "url": "rtsp://127.0.0.1:1/x", "host_phone": "abc"}' > "$TMP/reply"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32602 ] || fail "reply: $(cat "$TMP/reply")"
expect_contains "$TMP/reply" '"message":"“abc” is not a phone number: use digits, spaces and + - . ( ) only"'
expect_contains "$TMP/reply" '"data":{"text":"“%s” is not a phone number: use digits, spaces and + - . ( ) only","args":["abc"],"field":"host_phone"}'

# Times inside a refusal are worded by the command line too, in its own
# local time: a snapshot asked of the future.
$CG camera add --name "Chợ" --url "rtsp://127.0.0.1:1/x" > /dev/null || fail "camera add"
future=$(date -d '+1 day' '+%d/%m/%Y %H:%M')
run_status 1 vi $CG snapshot --camera "Chợ" --at "$future" -o "$TMP/x.jpg"
want=$(vi_text "%s is in the future (it is %s now): a picture of a moment comes from its recording; give a time that has passed" \
       "$future:00" NOW) || exit 1
expect_contains "$TMP/err" "canhgac: ${want%%NOW*}$(date '+%d/%m/%Y') "
expect_contains "$TMP/err" "${want#*NOW}"
expect_not_contains "$TMP/err" "in the future"
expect_not_contains "$TMP/err" "Z)"
[ ! -e "$TMP/x.jpg" ] || fail "a picture was saved"

# A viewer's refused change: the roles are worded too.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null || ! getent group nogroup >/dev/null; then
  stop_daemon
  skip "the viewer's refusal needs root, setpriv and the nogroup group"
fi
mkdir -m 0755 "$TMP/bin"
cp "$CANHGAC" "$TMP/bin/"
chmod 0755 "$TMP/bin/canhgac"
chmod -R a+rX "$TMP/locale"
as_viewer () { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
run_status 1 as_viewer env LC_ALL="$loc" LANG="$loc" LANGUAGE= CANHGAC_LOCALEDIR="$TMP/locale" \
  "$TMP/bin/canhgac" --config "$TMP/cg.conf" camera remove "Chợ"
admin=$(vi_text admin) && viewer=$(vi_text viewer) \
  && want=$(vi_text "%s needs the %s role; %s is %s" camera.remove "$admin" nobody "$viewer") \
  || exit 1
expect_contains "$TMP/err" "canhgac: $want"
expect_not_contains "$TMP/err" "needs the"
stop_daemon
exit 0
