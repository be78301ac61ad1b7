#!/bin/sh
# F7 Báo cáo in a real terminal of 80x24 (tmux), against a daemon
# recording two cameras: last month, before anything was recorded, says
# there is no data; this month shows the totals, each camera's share of
# time recorded as a bar of block characters and the recommendations; h
# writes the HTML page and t the text into the directory the station was
# started in, saying where, each a new file; a mistyped period is refused
# at once.  Every wait has a timeout.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

start_camsim --cameras 2 --size 320x240 --gop 1
write_config 2s 3s
start_daemon
add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Ngã ba Đồng Tâm" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 20 state_is "Chợ Hoàng Kim" recording || fail "not recording"
wait_for 20 state_is "Ngã ba Đồng Tâm" recording || fail "not recording"
month=$(date +%Y-%m)
mkdir "$TMP/here"

TM="tmux -L canhgac-reports-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
run="cd $TMP/here && LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
$TM new-session -d -s st -x 80 -y 24 "$run"
screen () { $TM capture-pane -p -t st > "$TMP/screen"; }
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st | grep -qF -- '$1'" || {
    screen; echo "--- screen:" >&2; cat "$TMP/screen" >&2; fail "the station never showed “$1”"; }
}
keys () { $TM send-keys -t st "$@"; }

see "Bản đồ"
keys F7
see "Kỳ: ◂ tháng trước ▸"
see "Không có số liệu ghi hình cho tháng"

keys Left
see "Kỳ: ◂ tháng này ▸  $month"
see "Tỉ lệ ghi hình của từng camera"
see "Chợ Hoàng Kim"
see "█"
screen
grep -F "Ngã ba Đồng Tâm" "$TMP/screen" | grep -qF "█" || { cat "$TMP/screen" >&2; fail "no bar beside Ngã ba Đồng Tâm"; }
grep -qF "Tỉ lệ ghi hình" "$TMP/screen" || fail "no totals"

keys h
see "Báo cáo đã được ghi vào"
[ -f "$TMP/here/bao-cao-$month.html" ] || { ls "$TMP/here" >&2; fail "no bao-cao-$month.html written"; }
expect_contains "$TMP/here/bao-cao-$month.html" "BÁO CÁO"
expect_contains "$TMP/here/bao-cao-$month.html" "Ngã ba Đồng Tâm"
keys h
see "bao-cao-$month-2.html"
keys t
see "bao-cao-$month.txt"
expect_contains "$TMP/here/bao-cao-$month.txt" "Mã kiểm tra nhật ký:"

keys p
see "Enter: xem, Esc: hủy"
keys "2026-13" Enter
see "tháng phải từ 01 đến 12"
keys Escape
keys F10
exit 0
