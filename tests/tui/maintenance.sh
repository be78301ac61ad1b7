#!/bin/sh
# F8 Bảo trì in a real terminal (tmux), in Vietnamese: every camera with
# its host household, phone and uptime, nothing needing attention; a
# camera stopped in the simulator comes to the top, past a short
# [maintenance] offline_alert, with its reason and what to check first,
# without a key pressed; an entry typed in the form (the note through
# the station's own Telex) is saved and shows in the camera's log; a
# cost that is not whole đồng is refused at its field, what was typed
# kept.  Every wait has a timeout.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 2 --size 320x240 --gop 1 <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
write_config 10s 2s
printf '[maintenance]\noffline_alert = 5s\n' >> "$TMP/cg.conf"
start_daemon
add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1" --host-name "Bà Lan" --host-phone "0912 345 678" \
  --installed 2026-01-15
add_camera "Cổng UBND xã" "rtsp://127.0.0.1:$PORT/cam2" --host-name "Ông Tư" --host-phone "0987 654 321" \
  --network-by "Ông Tư" --network-plan "Viettel 20 Mbps"
wait_for 20 state_is "Cổng UBND xã" recording || fail "not recording"
wait_for 20 state_is "Chợ Hoàng Kim" recording || fail "not recording"

TM="tmux -L canhgac-maint-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
$TM new-session -d -s st -x 120 -y 36 \
  "LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t st > "$TMP/screen"; }
# see TEXT [SECONDS] — waits until the station shows TEXT.
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st | grep -qF -- '$1'" || {
    screen; cat "$TMP/screen" >&2; fail "the station never showed “$1”"; }
}
keys () { $TM send-keys -t st "$@"; }

see "đã kết nối"
keys F8
see "Cần xử lý"
see "Không có camera nào cần xử lý."
see "Bà Lan"
see "0987 654 321"
screen
grep "Chợ Hoàng Kim" "$TMP/screen" | grep -q "100[.,]0%" || { cat "$TMP/screen" >&2; fail "no uptime for Chợ Hoàng Kim"; }

# The camera stops: past offline_alert (5 s) it is at the top with its
# reason and what to check first, without a key pressed.
echo "stop cam2" >&9
see "Cổng UBND xã: mất kết nối từ" 40
see "Kiểm tra nguồn điện tại hộ đặt camera trước"
screen
# In the list of cameras, it comes first, its reason beside it.
first=$(sed -n '/Hộ đặt camera/{n;p;}' "$TMP/screen")
echo "$first" | grep -q "Cổng UBND xã" || { cat "$TMP/screen" >&2; fail "the camera stopped is not first: $first"; }
echo "$first" | grep -q "mất kết nối" || { cat "$TMP/screen" >&2; fail "no reason beside it: $first"; }

# An entry for it: a fault, a cost refused then put right, a note typed
# through Telex.
keys a
see "Mục bảo trì mới cho Cổng UBND xã"
see "‹ báo hỏng ›"
keys Right
see "‹ kiểm tra ›"
keys Tab Tab
keys "12.5"
keys Tab C-t
keys "Daay nguoonf bij chuoojt cawns"
see "Dây nguồn bị chuột cắn_"
keys Enter
see "số đồng nguyên, ví dụ 350000 hoặc 350.000"
screen
grep -q "Dây nguồn bị chuột cắn" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the note was not kept"; }
[ "$(sql "SELECT count(*) FROM maintenance")" = 0 ] || fail "a refused entry was saved"
keys BSpace BSpace BSpace BSpace "150.000" Tab Enter
see "Đã ghi mục 1: Cổng UBND xã, kiểm tra."
see "Sổ bảo trì"
# The camera's page has its inventory: whose line, which plan.
see "Viettel 20 Mbps"
see "kiểm tra  150.000 đ  Dây nguồn bị chuột cắn"
see "Các lần mất hình trong 30 ngày qua"
see "vẫn đang mất"
[ "$(sql "SELECT kind || '|' || cost || '|' || note FROM maintenance")" = "inspection|150000|Dây nguồn bị chuột cắn" ] \
  || fail "the entry saved: $(sql "SELECT * FROM maintenance")"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'maintenance.add'")" = 1 ] || fail "not audited"

# Back to the list; F1 names F8's keys.
keys Escape Escape
see "Hộ đặt camera"
keys F1
see "di chuyển giữa các camera, hoặc cuộn trang của camera"
see "ghi báo hỏng, kiểm tra hoặc việc đã làm cho camera"
keys F10
