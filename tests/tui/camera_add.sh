#!/bin/sh
# F4, +: an administrator adds a camera by its brand at the station, in a
# real terminal (tmux): name, brand chosen with →, IP and port, the
# password shown as dots; each address tried is listed with its result,
# the camera is added with the one that sent video and shows in the
# table; a wrong password says so, with what was typed kept.  The
# password is never on the screen.  Every wait has a timeout.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"

PASS='Kh0ng_Ai_Biet'
start_camsim --cameras 1 --size 320x240 --loop 2 --gop 1 --user admin --password "$PASS" \
  --path 'cam1:/cam/realmonitor?channel=1&subtype=0'
write_config 10s 3s
start_daemon

TM="tmux -L canhgac-camera-add-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
$TM new-session -d -s st -x 120 -y 36 \
  "LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t st:0 > "$TMP/screen"; cat "$TMP/screen" >> "$TMP/screens"; }
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st:0 | grep -qF -- '$1'" || {
    screen; cat "$TMP/screen" >&2; fail "the station never showed “$1”"; }
}
keys () { $TM send-keys -t st:0 "$@"; }
: > "$TMP/screens"

see "F4 Status"
keys F4
see "Reason / advice"
keys +
see "Add a camera by its brand"
see "Hikvision"
keys "Cổng chợ" Tab Right
see "Dahua/KBVision"
keys Tab "127.0.0.1:$PORT" Tab Tab "$PASS"
see "Password:              •••••••••••••"
screen
keys Enter Enter Enter
see "video found (h264 320x240)" 30
see "Camera “Cổng chợ” added: rtsp://127.0.0.1:$PORT/cam/realmonitor?channel=1&subtype=0"
screen
grep -qF "main stream  rtsp://127.0.0.1:$PORT/cam/realmonitor?channel=1&subtype=0" "$TMP/screen" \
  || { cat "$TMP/screen" >&2; fail "the address tried is not listed"; }
[ "$(sql "SELECT url FROM cameras WHERE name = 'Cổng chợ'")" = "rtsp://127.0.0.1:$PORT/cam/realmonitor?channel=1&subtype=0" ] \
  || fail "the camera was not added with the address found"
wait_for 30 state_is "Cổng chợ" recording || fail "the camera added is not recording: $($CG status)"

# Back to the table, where it is; + again, a wrong password this time.
keys Escape
see "Cổng chợ"
keys +
see "Add a camera by its brand"
keys "Ngõ 5" Tab Right Tab "127.0.0.1:$PORT" Tab Tab "sai-roi" Enter Enter Enter
see "password refused" 30
see "the camera refused the password (user admin): check the password (it may have been"
screen
grep -qF "Ngõ 5" "$TMP/screen" || fail "the name typed was lost"
[ "$(sql "SELECT count(*) FROM cameras WHERE name = 'Ngõ 5'")" = 0 ] || fail "a camera that refused the password was added"
# Esc twice leaves a form with something typed.
keys Escape
see "Esc again leaves the form"
keys Escape
see "Reason / advice"

grep -qF "$PASS" "$TMP/screens" && fail "the password showed on the screen"
grep -qF "$PASS" "$TMP/daemon.log" && fail "the password is in the daemon's log"
keys F10
exit 0
