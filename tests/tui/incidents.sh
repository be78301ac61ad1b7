#!/bin/sh
# F5 Vụ việc in a real terminal (tmux), against the daemon's incident
# API, as officers use it: footage marked on F6 becomes a new incident
# (m), its place and description typed through the station's own Telex
# (Ctrl+T, "Chowj" gives "Chợ"), saved, and it is in the log; the marks
# attached to it again from F6 (a, its number); its page lists both
# ranges; a second station (another tmux window) shows the new incident
# without a key pressed; the search folds ("cho" finds "Chợ"); a refusal
# (an unknown camera) shows at its field with what was typed kept.
# Every wait has a timeout: nothing depends on the machine's speed.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

start_camsim --cameras 1 --size 320x240
write_config 10s 3s
start_daemon
add_camera "Cổng chợ" "rtsp://127.0.0.1:$PORT/cam1" --map 40,12
wait_for 20 state_is "Cổng chợ" recording || fail "not recording"
# 45 s of footage: the marks below lie in finished segments.
wait_for 120 sh -c "[ \$($(command -v sqlite3) -cmd '.timeout 5000' '$DB' \"select coalesce(strftime('%s','now') - min(start_us) / 1000000, 0) from segments\") -ge 45 ]" \
  || fail "no 45 s of footage after 120 s"
year=$(date +%Y)

TM="tmux -L canhgac-incidents-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
run="LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
$TM new-session -d -s st -x 120 -y 36 "$run"
$TM new-window -t st:1 "$run"
screen () { $TM capture-pane -p -t "st:${1:-0}" > "$TMP/screen"; }
# see TEXT [SECONDS] [WINDOW] — waits until the window shows TEXT.
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t 'st:${3:-0}' | grep -qF -- '$1'" || {
    screen "${3:-0}"; echo "--- window ${3:-0}:" >&2; cat "$TMP/screen" >&2; fail "window ${3:-0} never showed “$1”"; }
}
keys () { $TM send-keys -t st:0 "$@"; }
keys2 () { $TM send-keys -t st:1 "$@"; }

# Both stations on F5: nothing recorded yet.
see "Bản đồ" 10 0
see "Bản đồ" 10 1
keys F5
keys2 F5
see "Chưa có vụ việc nào" 10 0
see "Chưa có vụ việc nào" 10 1

# F6: 10 s marked, from 30 s ago; m opens the new incident with them.
keys F6
see "tạm dừng"
keys g
see "Đến lúc:"
keys -- "-30s" Enter
wait_for 10 sh -c "! $TM capture-pane -p -t st:0 | grep -qF 'Đến lúc:'" || fail "the time field stayed open"
sleep 1
keys i
keys Right
# o marks the picture on screen: until the one 10 s on has come, it
# marks the same moment as i.  Tried again (m, leave, F6, o) until the
# form shows two times, for at most 20 s.
deadline=$(( $(date +%s) + 20 ))
while :; do
  keys o
  keys m
  see "Vụ việc mới"
  screen
  from=$(sed -n 's|.*Từ: *\([0-9/]* [0-9:]*\).*|\1|p' "$TMP/screen")
  to=$(sed -n 's|.*Đến: *\([0-9/]* [0-9:]*\).*|\1|p' "$TMP/screen")
  [ -n "$to" ] && [ "$to" != "$from" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$TMP/screen" >&2; fail "the marks are not both filled in ($from, $to)"; }
  keys Escape Escape F6
  see "tạm dừng"
  sleep 1
done
grep -q "Các camera.*Cổng chợ" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the camera is not filled in"; }
case "$from" in */$year\ *) ;; *) cat "$TMP/screen" >&2; fail "the marks are not filled in" ;; esac

# Focus is on the kind: the next kind, then the place and what
# happened, typed through the built-in Telex.
keys Right Tab Tab
keys C-t
keys "Coongr chowj"
see "Cổng chợ_"
# Where on the commune map: beside the camera (40,12).
keys Tab
keys "41,12"
see "41,12_"
keys Tab C-t
keys "Maast xe mays truwowcs coongr Chowj"
see "Mất xe máy trước cổng Chợ_"
keys Tab
keys "Le Van B" Tab "0912 345 678" Tab
# The cameras, the last field: Enter saves.
keys Enter
see "Đã ghi nhận vụ việc 1/$year"
see "mới tiếp nhận"
screen
grep "1/$year" "$TMP/screen" | grep -q "Cổng chợ" || { cat "$TMP/screen" >&2; fail "the log does not show the place"; }

# The second station shows it without a key pressed.
see "1/$year" 5 1
see "mới tiếp nhận" 5 1

# The marks again, attached from F6 to incident 1.
keys F6
see "Xem lại"
keys a
see "vào vụ việc số:"
keys 1 Enter
see "Đã gắn vào vụ việc 1/$year (xem ở F5)"

# Its page: every field, both ranges of footage, the history.
keys F5
see "1/$year"
keys Enter
see "Mất xe máy trước cổng Chợ"
see "Đoạn hình đã gắn (2)"
see "Lịch sử"
screen
grep -q "0912 345 678" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the phone is not on the page"; }
grep -q "Vị trí trên bản đồ.*41,12" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the map position is not on the page"; }
grep -q "Camera gần nhất.*Cổng chợ, cách 1" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the nearest camera is not on the page"; }
keys Escape
see "1/$year"

# The search is folded by the daemon: "cho" finds "Chợ".
keys2 k
see "Tìm:" 5 1
keys2 cho
see "1/$year" 5 1
keys2 C-u "xyz"
see "Không có vụ việc nào khớp" 5 1
keys2 Escape
see "1/$year" 5 1

# A camera that does not exist: refused at its field, nothing saved,
# what was typed kept.
keys n
see "Vụ việc mới"
keys -- "-10m" Tab "-5m" Tab Tab Tab Tab Tab "Tranh chap" Tab Tab Tab "Camera ma" Enter
see "không có camera nào tên “Camera ma”"
wait_for 10 sh -c "$TM capture-pane -p -t st:0 | grep -q 'Tranh chap'" || fail "what was typed is gone"
screen
grep -q "Vụ việc mới" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the form closed on a refusal"; }
[ "$(sqlite3 -cmd '.timeout 5000' "$DB" 'select count(*) from incidents')" = 1 ] \
  || fail "a refused incident was saved"
keys Escape Escape
see "1/$year"

keys F10
keys2 F10
see "EXIT=0" 10 0
see "EXIT=0" 10 1
echo "incidents: recorded, attached from F6, seen on a second station, searched"
