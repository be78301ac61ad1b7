#!/bin/sh
# The station in a real terminal (tmux), as an officer sees it: Vietnamese
# screens, cameras and their states, a camera going offline, resizing,
# the "/" filter typed the way Unikey types and without accents, a
# camera's page, and what it shows while canhgacd is away.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 3 --size 320x240 --gop 1 <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
write_config 10s 2s
printf '[station]\nmap = %s/data/commune.map\n' "$top_srcdir" >> "$TMP/cg.conf"
start_daemon
add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1" --place "Cổng chợ" --map 18,9
add_camera "Cổng UBND xã" "rtsp://127.0.0.1:$PORT/cam2" --place "Trụ sở UBND" --map 35,8
add_camera "Trường THCS" "rtsp://127.0.0.1:$PORT/cam3" --place "Cổng trường" --map 20,5
wait_for 10 state_is "Trường THCS" recording || fail "not recording"

TM="tmux -L canhgac-test-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
$TM new-session -d -s st -x 110 -y 30 \
  "LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t st > "$TMP/screen"; }
# see TEXT — waits until the screen shows TEXT.
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st | grep -qF -- '$1'" || {
    screen; echo "--- screen:" >&2; cat "$TMP/screen" >&2; fail "the screen never showed “$1”"; }
}
keys () { $TM send-keys -t st "$@"; }

# Vietnamese titles, the map with its cameras, the connection.
see "Bản đồ"
see "Lưới camera"
see "Trạng thái"
see "đã kết nối (quản trị viên)"
see "XÃ HOẰNG KIM"
screen
expect_contains "$TMP/screen" "F1 Trợ giúp"
expect_not_contains "$TMP/screen" "Help"

# The status table: every camera, recording.
keys F4
see "Nguyên nhân / cách xử lý"
see "Cổng UBND xã"
screen
[ "$(grep -c "đang ghi" "$TMP/screen")" -ge 3 ] || { cat "$TMP/screen" >&2; fail "not every camera shown recording"; }

# Keys from real terminals.  PuTTY's Home (ESC [1~, unknown to xterm's
# terminfo) and a sequence nobody sends for a key (ESC [42~) must not
# arrive as their bytes: 1 would open Help, 4 and 2 the map.  The sort
# key pressed after them shows they have all been read.
keys -H 1b 5b 31 7e
keys -H 1b 5b 34 32 7e
keys o
see "xếp theo trạng thái"
screen
expect_contains "$TMP/screen" "Nguyên nhân / cách xử lý"
expect_not_contains "$TMP/screen" "Mọi màn hình"
expect_not_contains "$TMP/screen" "XÃ HOẰNG KIM"
# The Linux console's F2 (ESC [[B) is the map; the keypad's 4 in
# application mode (ESC O t) is Status again, still in the order chosen.
keys -H 1b 5b 5b 42
see "XÃ HOẰNG KIM"
keys -H 1b 4f 74
see "Nguyên nhân / cách xử lý"
see "xếp theo trạng thái"

# A camera taken away turns offline on Status and on the Map.
echo "stop cam2" >&9
see "mất kết nối" 10
screen
grep "Cổng UBND xã" "$TMP/screen" | grep -q "mất kết nối" || { cat "$TMP/screen" >&2; fail "Status does not show the camera offline"; }
keys 2
see "XÃ HOẰNG KIM"
screen
expect_contains "$TMP/screen" "Cổng UBND xã"
expect_contains "$TMP/screen" "1 camera có sự cố"

# Resizing large then to 80x24 keeps a usable screen.
$TM resize-window -t st -x 200 -y 50
sleep 1
screen
[ "$(wc -l < "$TMP/screen")" = 50 ] || fail "not redrawn at 200x50"
$TM resize-window -t st -x 80 -y 24
sleep 1
keys 4
see "Nguyên nhân"
screen
[ "$(wc -l < "$TMP/screen")" = 24 ] || fail "not redrawn at 80x24"
head -n 1 "$TMP/screen" | grep -q "F4" || { cat "$TMP/screen" >&2; fail "no title bar at 80x24"; }
tail -n 1 "$TMP/screen" | grep -q "$(date +%Y)" || { cat "$TMP/screen" >&2; fail "no status line at 80x24"; }
[ "$(wc -L < "$TMP/screen")" -le 80 ] || fail "lines wider than the terminal"
# The alerts in full, with the audit log's head officers copy onto paper:
# the same head canhgac status prints.
keys a
see "Cảnh báo lưu trữ"
see "đầu chuỗi"
# (the command line's own connection adds a row; the station catches up
# at its next refresh)
head_cli=$($CG status --json | json_get "d['audit']['head']")
see "$head_cli"
keys Escape
see "Nguyên nhân"

# The filter, typed as Unikey types "Chợ": C, h, o, then Backspace and ợ.
keys /
see "Lọc:"
keys C h o BSpace
keys -l "ợ"
see "Lọc: Chợ_"
keys Enter
sleep 1
screen
expect_contains "$TMP/screen" "Chợ Hoàng Kim"
expect_not_contains "$TMP/screen" "Trường THCS"
expect_contains "$TMP/screen" "lọc “Chợ”"
# Backspace outside a field harms nothing.
keys BSpace BSpace
sleep 0.5
screen
expect_contains "$TMP/screen" "Chợ Hoàng Kim"

# Without an input method: the built-in Telex (Ctrl+T) makes "Chowj" "Chợ".
keys /
see "Lọc: Chợ"
keys C-u C-t
see "Telex"
keys C h o w j
see "Lọc: Chợ_"
keys Enter
sleep 0.5
screen
expect_contains "$TMP/screen" "Chợ Hoàng Kim"
expect_not_contains "$TMP/screen" "Trường THCS"

# Without accents, as typed with no input method or read off a terminal
# that shows "Cho Hoang Kim": "cho" finds Chợ Hoàng Kim (and nothing
# else: not the school, not the UBND gate).
keys /
see "Lọc: Chợ"
keys C-u c h o
see "Lọc: cho_"
keys Enter
sleep 1
screen
expect_contains "$TMP/screen" "Chợ Hoàng Kim"
expect_not_contains "$TMP/screen" "Trường THCS"
expect_not_contains "$TMP/screen" "Cổng UBND xã"
# The bandwidth meter beside the filter: both readable at 80x24.
keys b
see "kbit/s"
screen
tail -n 1 "$TMP/screen" | grep -q "cho" || { cat "$TMP/screen" >&2; fail "the filter left the status line beside the meter"; }
keys b

# Enter on a Status row: the camera's page, with its whole reason.  A
# refused connection is about the port and RTSP, not the power.
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
add_camera "Đình làng" "rtsp://127.0.0.1:$closed_port/live" --place "Sân đình" --map 10,5
wait_for 10 state_is "Đình làng" offline || fail "the refused camera is not offline"
keys /
see "Lọc: cho"
keys C-u d i n h Enter
see "Đình làng"
keys Enter
see "Các lần mất hình gần đây"
see "từ chối kết nối"
see "kiểm tra số cổng"
screen
expect_contains "$TMP/screen" "Sân đình"
expect_not_contains "$TMP/screen" "nguồn điện"
keys Escape
see "Nguyên nhân"
keys /
see "Lọc: dinh"
keys Escape

# The daemon restarts: the station says so, keeps its data, reconnects.
# Meanwhile nothing is known of the cameras: "không rõ", greyed, never
# an old "đang ghi" beside "MẤT KẾT NỐI".
keys Escape 4
stop_daemon
see "MẤT KẾT NỐI" 10
see "không rõ" 5
screen
expect_contains "$TMP/screen" "Chợ Hoàng Kim"
expect_contains "$TMP/screen" "Trường THCS"
expect_not_contains "$TMP/screen" "đang ghi"
start_daemon
see "đã kết nối" 15
see "đang ghi" 10

# Help lists the keys of every screen.
keys F1
see "Mọi màn hình"
see "sắp xếp"
# The screen the officer came from, with its section of the guide.
see "Xem thêm: mục “Trạng thái (F4)” trong hướng dẫn sử dụng,"
see "huong-dan-su"

# q asks; Esc says no; F10 quits.
keys q
see "Thoát bàn trực ban?"
keys Escape
sleep 0.5
keys F10
see "EXIT=0"
stop_daemon

# A station started while canhgacd is not running says it cannot reach
# it, and why, not that there are no cameras.
# (The new session first: killing the only one would end the tmux
# server, and a session made meanwhile could meet it going.)
$TM new-session -d -s st2 -x 80 -y 24 \
  "LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
$TM kill-session -t st
$TM rename-session -t st2 st
keys 4
see "không kết nối được tới canhgacd"
screen
expect_not_contains "$TMP/screen" "Chưa có camera"
keys F10
see "EXIT=0"
exit 0
